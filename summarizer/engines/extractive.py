"""The offline extractive engine: no model, so it can only use the article's own words.

Summary: 3 to 5 sentences chosen from the article (3 for up to 10 candidate
sentences, 4 up to 20, else 5), shown in article order. Each candidate sentence
(at least 5 words; the title and photo captions excluded) gets

    score = 0.35 * centrality + 0.30 * position + 0.35 * numbers

where centrality is the cosine between the sentence's word counts and the whole
article's (normalised to the best sentence), position is 1 for the first
sentence falling linearly to 0 for the last, and numbers is the count of number
mentions in the sentence, capped at 3, over 3 (numbers weigh as much as centrality:
an editor wants the figures in the summary). A sentence that shares more than
60% of its words with one already chosen is skipped (feeds repeat their lead).

Key figures: every number the verifier's extraction finds, once per value, in
article order (dates, times, years and identifiers left out), with the words
next to it as what it counts, and its sentence as the verbatim quote.

The other language's summary is left empty with a note: this engine never
translates.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from summarizer.articles import Article, Sentence, detect_language
from summarizer.checks import check_article, injection_note
from summarizer.injection import find_injections
from summarizer.numbers import NumberMention, extract_numbers
from summarizer.results import ArticleResult, KeyFigure, LANGUAGE_NAMES, Summary, SummarySentence

ENGINE_NAME = "extractive"
MAX_KEY_FIGURES = 15
KEY_FIGURE_KINDS = frozenset({"cardinal", "decimal", "percent", "fraction", "range_end"})
MIN_WORD_FIGURE = 2  # "one"/"واحدة" written as a word is rarely a key figure
LABEL_WORDS = 3
MIN_SENTENCE_WORDS = 5
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_DIACRITICS = re.compile("[\u064b-\u0652\u0640]")
_LABEL_STOP = re.compile(r"[.,;:!?،؛؟()\[\]\"«»“”]")
# Words that say where a number comes from, or join it to the next, rather than say what it counts.
_FUNCTION_WORDS = frozenset(
    """بحسب وفق وفقا حسب في من على إلى الى عن و أو أكثر أقل نحو حوالي قرابة زهاء بين منذ
    according per in on at from to by of the a an and or than more less about nearly almost some over
    under up some around""".split()
)


def missing_language_note(language: str) -> str:
    """The note shown where the extractive engine cannot give a summary in ``language``."""
    name = LANGUAGE_NAMES.get(language, language)
    return (
        f"No {name} summary: the offline extractive engine only selects sentences from the article "
        "and never translates. To get it, set OPENAI_API_KEY (OpenAI) or --base-url / OPENAI_BASE_URL "
        "(an OpenAI-compatible server) and run with --engine auto or --engine openai."
    )


def summarize_article(article: Article, languages: Sequence[str]) -> ArticleResult:
    """Summarize one article extractively and verify the result."""
    language = detect_language(article.text)
    injected = find_injections(article.sentences)  # text aimed at the model is neither summary nor figure
    mentions = [m for m in extract_numbers(article.text) if not any(i.start <= m.start < i.end for i in injected)]
    chosen = choose_sentences(article, mentions, skip={i.sentence for i in injected})
    summaries: dict[str, Summary | None] = {}
    notes: list[str] = []
    for wanted in languages:
        if wanted == language:
            summaries[wanted] = Summary(
                language=wanted,
                sentences=[
                    SummarySentence(
                        text=s.text, sources=[s.id], start=article.offset + s.start, end=article.offset + s.end
                    )
                    for s in chosen
                ],
            )
        else:
            summaries[wanted] = None
            notes.append(missing_language_note(wanted))
    figures = key_figures(article, mentions, language)
    verification = check_article(article, summaries, figures)
    notes += [note] if (note := injection_note(verification)) else []
    return ArticleResult(
        id=article.id or "1",
        title=article.title,
        language=language,
        start=article.offset,
        end=article.offset + len(article.text),
        summaries=summaries,
        key_figures=figures,
        verification=verification,
        notes=notes,
    )


def _words(text: str) -> list[str]:
    words = []
    for word in _WORD.findall(_DIACRITICS.sub("", text.casefold())):
        word = word.translate(str.maketrans("أإآة", "اااه"))
        if word.startswith("وال"):
            word = word[3:]
        elif word.startswith("ال"):
            word = word[2:]
        if len(word) >= 3:
            words.append(word)
    return words


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    dot = sum(count * b[word] for word, count in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def _candidates(article: Article, skip: frozenset[int] | set[int]) -> list[Sentence]:
    title = (article.title or "").strip()
    usable = [s for s in article.sentences if s.id not in skip]
    return [
        s
        for s in usable
        if len(s.text.split()) >= MIN_SENTENCE_WORDS and s.text.strip() != title and "صورة أرشيفية" not in s.text
    ] or usable


def choose_sentences(
    article: Article, mentions: Sequence[NumberMention], skip: frozenset[int] | set[int] = frozenset()
) -> list[Sentence]:
    """Pick 3 to 5 sentences by the documented score (none of ``skip``); return them in article order."""
    candidates = _candidates(article, skip)
    if not candidates:
        return []
    wanted = 3 if len(candidates) <= 10 else 4 if len(candidates) <= 20 else 5
    article_words = Counter(_words(article.text))
    counts = {s.id: Counter(_words(s.text)) for s in candidates}
    centrality = {s.id: _cosine(counts[s.id], article_words) for s in candidates}
    best = max(centrality.values()) or 1.0
    last = max(len(candidates) - 1, 1)
    scores = {}
    for rank, sentence in enumerate(candidates):
        numbers = sum(1 for m in mentions if sentence.start <= m.start < sentence.end)
        scores[sentence.id] = (
            0.35 * centrality[sentence.id] / best + 0.30 * (1 - rank / last) + 0.35 * min(numbers, 3) / 3
        )
    chosen: list[Sentence] = []
    for sentence in sorted(candidates, key=lambda s: (-scores[s.id], s.id)):
        words = set(counts[sentence.id])
        if any(_overlap(words, set(counts[c.id])) > 0.6 for c in chosen):
            continue
        chosen.append(sentence)
        if len(chosen) == wanted:
            break
    return sorted(chosen, key=lambda s: s.id)


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def key_figures(article: Article, mentions: Sequence[NumberMention], language: str) -> list[KeyFigure]:
    """Key figures from the number extraction, once per value, in article order."""
    figures: list[KeyFigure] = []
    seen: set[object] = set()
    for mention in mentions:
        if mention.kind not in KEY_FIGURE_KINDS or (mention.kind, mention.value) in seen:
            continue
        written_as_word = not any(ch.isdigit() for ch in mention.text)
        if written_as_word and isinstance(mention.value, (int, float)) and mention.value < MIN_WORD_FIGURE:
            continue
        sentence = next((s for s in article.sentences if s.start <= mention.start < s.end), None)
        if sentence is None:
            continue
        seen.add((mention.kind, mention.value))
        label = counted_words(article.text, mention, sentence)
        figures.append(
            KeyFigure(
                text=mention.text,
                value=mention.value,
                kind=mention.kind,
                quote=sentence.text,
                start=article.offset + sentence.start,
                end=article.offset + sentence.end,
                number_start=article.offset + mention.start,
                number_end=article.offset + mention.end,
                sentence=sentence.id,
                label={"en": label if language == "en" else None, "ar": label if language == "ar" else None},
            )
        )
        if len(figures) == MAX_KEY_FIGURES:
            break
    return figures


def counted_words(text: str, mention: NumberMention, sentence: Sentence) -> str | None:
    """What a number counts, as written: the words after it, else the words before it."""
    after = _LABEL_STOP.split(text[mention.end : sentence.end], maxsplit=1)[0].split()
    after = _trim_function_words([w for w in after[:LABEL_WORDS] if not any(ch.isdigit() for ch in w)])
    if after and after[0].casefold() not in _FUNCTION_WORDS:
        return " ".join(after)
    before = _LABEL_STOP.split(text[sentence.start : mention.start])[-1].split()
    before = _trim_function_words([w for w in before if not any(ch.isdigit() for ch in w)])
    return " ".join(before[-LABEL_WORDS:]) or None


def _trim_function_words(words: list[str]) -> list[str]:
    """Drop trailing function words ("12 people in" -> "12 people")."""
    while words and words[-1].casefold() in _FUNCTION_WORDS:
        words = words[:-1]
    return words
