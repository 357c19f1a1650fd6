"""The offline extractive engine: no model, so it can only use the article's own words.

Summary: 3 sentences chosen from the article and shown in article order.
Candidates are sentences of at least 4 words and under 600 characters, written in
the article's script, that are not the title, a photo caption or site furniture
("Scroll down for video"). The first candidate, the lede, is always chosen: news
puts its main fact first. The others are taken by

    score = 0.80 * position + 0.12 * centrality + 0.10 * facts + 0.35 * brevity

where position is 1 / (1 + rank) over the candidates (news tells the story top
down), centrality is the cosine between the sentence's word counts and the whole
article's (normalised to the best sentence), facts is the number of the
sentence's figures about people or money (not dates, years, ages or
identifiers) capped at 2, over 2, and brevity is
1 - words / 60, at least 0 (a short sentence that says the same is better for a
reader, and ROUGE agrees). A sentence that shares more than 60% of its words with
one already chosen is skipped (feeds repeat their lead). When none of the chosen
sentences holds such a figure but one of the first four candidates does, that
sentence takes the last place, so the summary carries the story's figures where
the story puts them near the top. The weights were set on
the corpus with scripts/eval_rouge.py: each set scores at or above Lead-3.

Key figures: one row per fact. Every number the verifier's extraction finds
(dates, times, years, ordinals and identifiers left out) with its currency, scale,
percent sign and range kept ("£515m", "16 to 31 per cent", "بين 50 و75 في المئة")
and read with a following fraction ("11½ hours" is 11.5). A row's text is checked
against the article with the verifier before it is shown, so this engine never
presents a figure its own verifier would flag. Rows with the same value are kept
apart when they count different things, or stand in different sentences and say
nothing of what they count; the same
value and quote, or the same value and counted thing, is one row. Order: figures
about people, money and quantities first, those in the summary before the rest;
ages and bare counts only after them.

Labels say what a figure counts: the counted noun phrase as the article writes it
and, in the other language, a dictionary label from the bilingual lexicon
(summarizer.numbers.counted) where it knows the words; a note says these are
dictionary labels, not translations.

The other language's summary is left empty with a note: this engine never
translates. Time is linear in the article length.
"""

from __future__ import annotations

import heapq
import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from summarizer.articles import Article
from summarizer.languages import LANGUAGE_NAMES, detect_language, other_language, script_share
from summarizer.numbers import NumberMention, SourceIndex, extract_numbers, index_source, verify
from summarizer.numbers.counted import Counted
from summarizer.numbers.digits import VULGAR_FRACTIONS
from summarizer.results import ArticleResult, KeyFigure, Summary, SummarySentence
from summarizer.spans import Sentence
from summarizer.summary_checks import MIN_SCRIPT_SHARE, check_article, injection_note

ENGINE_NAME = "extractive"
MAX_KEY_FIGURES = 15
KEY_FIGURE_KINDS = frozenset({"cardinal", "decimal", "percent", "fraction", "range_end"})
MIN_WORD_FIGURE = 2  # "one"/"واحدة" written as a word is rarely a key figure
MIN_SENTENCE_WORDS = 4
SUMMARY_SENTENCES = 3
MAX_SENTENCE_CHARS = 600
POSITION_WEIGHT, CENTRALITY_WEIGHT, FACTS_WEIGHT, BREVITY_WEIGHT = 0.80, 0.12, 0.10, 0.35
FACTS_CAP = 2
LONG_SENTENCE_WORDS = 60
FIGURE_REACH = 4  # candidates from the top where a figure sentence may take the last place
NEAR_DUPLICATE = 0.6
RANKED_FIRST = 32
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_DIACRITICS = re.compile("[\u064b-\u0652\u0640]")
_ALEF_FOLD = str.maketrans("أإآة", "اااه")
_FURNITURE = re.compile(
    r"scroll down for video|click here|^by \. |published: \.|updated: \.|follow us on|read more:|"
    r"share this article|اقرأ أيضا|تابعونا",
    re.IGNORECASE,
)
_CAPTIONS = ("صورة أرشيفية", "صورة ارشيفية")
T = TypeVar("T")


def missing_language_note(language: str) -> str:
    """The note shown where the extractive engine cannot give a summary in ``language``."""
    name = LANGUAGE_NAMES.get(language, language)
    return (
        f"No {name} summary: the offline extractive engine only selects sentences from the article "
        "and never translates. To get it, set OPENAI_API_KEY (OpenAI) or --base-url / OPENAI_BASE_URL "
        "(an OpenAI-compatible server) and run with --engine auto or --engine openai."
    )


def dictionary_label_note(language: str) -> str:
    """The note that says the other language's key-figure labels come from the lexicon."""
    name = LANGUAGE_NAMES.get(language, language)
    return (
        f"Key-figure labels in {name} are dictionary labels from the bilingual lexicon (what the "
        "figure counts, word for word), not translations of the article."
    )


class ExtractiveSummarizer:
    """The per-article function of an extractive run (see summarizer.api)."""

    engine = ENGINE_NAME
    model = None
    prompt_version = None

    def __init__(self, languages: Sequence[str]) -> None:
        self.languages = tuple(languages)

    def __call__(self, article: Article) -> ArticleResult:
        return summarize_article(article, self.languages)


def summarize_article(article: Article, languages: Sequence[str]) -> ArticleResult:
    """Summarize one article extractively and verify the result."""
    language = detect_language(article.text)
    source = index_source(article.text)  # the article's numbers and what they count, read once
    injected = {injection.sentence for injection in article.injections}
    # text aimed at the model is neither summary nor figure
    facts = [fact for fact in read_figures(article, source, language) if fact.sentence.id not in injected]
    chosen = choose_sentences(article, facts, language, skip=injected)
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
    figures = key_figures(article, facts, chosen, language, source)
    other = other_language(language)
    if any(figure.label.get(other) for figure in figures):
        notes.append(dictionary_label_note(other))
    verification = check_article(article, summaries, figures, source=source)
    notes += [note] if (note := injection_note(verification)) else []
    return ArticleResult(
        **article.result_fields(),
        summaries=summaries,
        key_figures=figures,
        verification=verification,
        notes=notes,
    )


# ------------------------------------------------------------------ sentence choice


def _words(text: str) -> list[str]:
    words = []
    for word in _WORD.findall(_DIACRITICS.sub("", text.casefold()).translate(_ALEF_FOLD)):
        if word.startswith("وال"):
            word = word[3:]
        elif word.startswith("ال"):
            word = word[2:]
        if len(word) >= 3:
            words.append(word)
    return words


def _cosine(a: Counter[str], b: Counter[str], b_norm: float) -> float:
    dot = sum(count * b[word] for word, count in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * b_norm
    return dot / norm if norm else 0.0


def _candidates(article: Article, language: str) -> list[Sentence]:
    title = (article.title or "").strip()

    def usable(s: Sentence, strict: bool) -> bool:
        if s.text.strip() == title or any(c in s.text for c in _CAPTIONS) or _FURNITURE.search(s.text):
            return False
        if not strict:
            return True
        return (
            len(s.text.split()) >= MIN_SENTENCE_WORDS
            and len(s.text) < MAX_SENTENCE_CHARS
            and script_share(s.text, language) >= MIN_SCRIPT_SHARE
        )

    strict = [s for s in article.sentences if usable(s, True)]
    if len(strict) >= 3:
        return strict
    loose = [s for s in article.sentences if usable(s, False)] or list(article.sentences)
    return strict + [s for s in loose if s not in strict][: 3 - len(strict)]


def choose_sentences(
    article: Article, facts: Sequence[Figure], language: str, *, skip: frozenset[int] | set[int] = frozenset()
) -> list[Sentence]:
    """The lede and the best-scoring other sentences (module docstring), none of ``skip``; in article order."""
    candidates = sorted((s for s in _candidates(article, language) if s.id not in skip), key=lambda s: s.id)
    if not candidates:
        return []
    wanted = SUMMARY_SENTENCES
    article_words = Counter(_words(article.text))
    article_norm = math.sqrt(sum(v * v for v in article_words.values()))
    # Word counts are made once per sentence and dropped: a million-character article keeps no
    # hundred thousand Counters alive (the garbage collector's time would grow faster than the text).
    centrality = {s.id: _cosine(Counter(_words(s.text)), article_words, article_norm) for s in candidates}
    best = max(centrality.values()) or 1.0
    fact_counts = Counter(f.sentence.id for f in facts if f.importance >= KEY_IMPORTANCE)
    scores = {
        sentence.id: POSITION_WEIGHT / (1 + rank)
        + CENTRALITY_WEIGHT * centrality[sentence.id] / best
        + FACTS_WEIGHT * min(fact_counts[sentence.id], FACTS_CAP) / FACTS_CAP
        + BREVITY_WEIGHT * max(0.0, 1 - len(sentence.text.split()) / LONG_SENTENCE_WORDS)
        for rank, sentence in enumerate(candidates)
    }

    def order(sentence: Sentence) -> tuple[float, int]:
        return -scores[sentence.id], sentence.id

    chosen: list[Sentence] = []
    chosen_words: list[set[str]] = []
    for sentence in itertools.chain(candidates[:1], _ranked(candidates[1:], order)):
        if len(chosen) == wanted:
            break
        words = set(_words(sentence.text))
        if not any(_overlap(words, other) > NEAR_DUPLICATE for other in chosen_words):
            chosen.append(sentence)
            chosen_words.append(words)
    if fact_counts and not any(fact_counts[s.id] for s in chosen):
        # The story's figures must reach the summary: the first sentence near the top that holds one.
        with_fact = next((s for s in candidates[:FIGURE_REACH] if fact_counts[s.id] and s not in chosen), None)
        if with_fact is not None:
            if len(chosen) == wanted:
                chosen[-1] = with_fact
            else:
                chosen.append(with_fact)
    return sorted(chosen, key=lambda s: s.id)


def _ranked(items: Sequence[T], key: Callable[[T], Any]) -> Iterator[T]:
    """``sorted(items, key=key)``, lazily: the few first by a heap, every item sorted only if those run out."""
    first = heapq.nsmallest(RANKED_FIRST, items, key=key)
    yield from first
    yield from sorted(items, key=key)[len(first) :]


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


# ------------------------------------------------------------------ key figures

KEY_IMPORTANCE = 4  # figures about people or money
_CURRENCY_BEFORE = re.compile(r"(?:US|A|C|NZ|HK|S|R)?[$£€¥₹]\s?$")
_RANGE_JOINER = re.compile(r"\s*(?:-|–|—|to|and|or|و|إلى|الى|حتى|و\s*حتى)\s*$", re.IGNORECASE)
_RANGE_LEAD = re.compile(r"(?:\bbetween|بين)\s*$", re.IGNORECASE)
_LABEL_STOP = re.compile(r"[.,;:!?،؛؟()\[\]\"«»“”<>{}|*#=/\\]")  # punctuation, and markup: never part of a label
_AGE_AFTER = re.compile(r"^\s*(?:-?\s*years?\s*-?\s*old|-year|عام[اًا]?\s+من\s+العمر)", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"(?:\baged|\bage of|العمر|عمره|عمرها)\s*$", re.IGNORECASE)
_CURRENCY_WORDS = frozenset(
    """dollar dollars pound pounds euro euros yen riyal riyals dinar dinars dirham dirhams rupee rupees
    دولار دولارا دولارات الدولارات جنيه جنيها جنيهات يورو ريال ريالا ريالات دينار دينارا دنانير درهم درهما
    دراهم ليرة ليرات""".split()
)
_PEOPLE_WORDS = frozenset(
    """people persons person children child women men soldiers civilians residents workers staff
    patients students voters fans migrants refugees victims passengers employees members officers
    police troops players adults families killed dead injured wounded died hostages prisoners
    نسمة شخص شخصا أشخاص الأشخاص طفل طفلا أطفال الأطفال امرأة نساء رجل رجلا رجال قتيل قتيلا قتلى جريح جريحا
    جرحى مدني مدنيا مدنيين المدنيين جندي جنديا جنود مواطن مواطنا مواطنين فلسطيني فلسطينيا فلسطينيين
    الفلسطينيين إسرائيلي إسرائيليا إسرائيليين لاجئ لاجئا لاجئين مهاجر مهاجرا مهاجرين طالب طالبا طلاب
    عامل عاملا عمال رهينة رهائن محتجزا محتجزين أسير أسيرا أسرى مصاب مصابا مصابين شهيد شهيدا شهداء""".split()
)
_FUNCTION_WORDS = frozenset(
    """بحسب وفق وفقا حسب في على إلى الى عن أو أكثر أقل نحو حوالي قرابة زهاء بين منذ بسبب جراء خلال
    بعد قبل مع حتى لدى عند التي الذي الذين وقد قد كما أن إن لكن غالبيتهم معظمهم أغلبهم بينهم بينها
    according per in on at from to by of the a an and or than more less about nearly almost some over
    under up around during into through across because despite was were is are has have had will would
    who which that this these those it its
    their his her for with as said says after before since while when he she they we you him them
    i be been being do did does can could may might must should not no
    against just only also still even yet then there here down last next ago later earlier""".split()
)
LABEL_WORDS = 3
_PARTITIVES = frozenset("من منهم منها منهن of".split())
_UNIT_WORDS = frozenset(
    """tonnes tons kilograms kg kilometres km miles metres meters feet hours days weeks months years minutes
    litres gallons acres hectares barrels megawatts votes seats goals points games matches homes houses
    schools jobs cases
    طن أطنان كيلوغرام كيلوغراما كيلومتر كيلومترا كيلومترات ميل متر مترا أمتار ساعة ساعات يوم يوما أيام
    أسبوع أسابيع شهر شهرا أشهر شهور سنة سنوات عام عاما أعوام دقيقة دقائق لتر برميل هكتار ميغاوات صوت
    مقعد مقعدا مقاعد هدف هدفا أهداف نقطة نقاط منزل منزلا منازل مدرسة مدارس وظيفة وظائف حالة حالات""".split()
)


@dataclass(frozen=True, slots=True)
class Figure:
    """A key-figure candidate: its mention, where it starts, value, what it counts and how much it matters.

    Its spans are read again only for the few rows shown (``_resolve``): a long article has a
    candidate for each of its numbers, and keeps none of their spans.
    """

    mention: int  # index in the source's mentions
    start: int  # where the number (with its currency sign) starts
    value: int | float | str
    kind: str
    sentence: Sentence
    label: tuple[str | None, str | None]  # (en, ar), unchecked until the row is shown
    category: str
    importance: int


def read_figures(article: Article, source: SourceIndex, language: str) -> list[Figure]:
    """Every key-figure candidate in article order (verified later, only those shown: see key_figures)."""
    sentences = iter(article.sentences)
    sentence: Sentence | None = next(sentences, None)
    mentions, counted = source.mentions, source.counted
    names = _recurring_names(article.text, mentions)
    figures: list[Figure] = []
    skip_until = -1
    for index, mention in enumerate(mentions):
        if mention.start < skip_until or mention.kind not in KEY_FIGURE_KINDS:
            continue
        if _name_before(article.text, mention) in names and counted[index] is None:
            continue  # part of a name the article repeats ("Progress 59", "Apollo 11"), not a figure
        written_as_word = not any(ch.isdigit() for ch in mention.text)
        if written_as_word and isinstance(mention.value, (int, float)) and mention.value < MIN_WORD_FIGURE:
            continue
        while sentence is not None and sentence.end <= mention.start:
            sentence = next(sentences, None)  # mentions and sentences are both in text order
        if sentence is None:
            break
        if mention.start < sentence.start:
            continue  # between sentences
        spans, value, kind = _figure_spans(article.text, mentions, index, sentence)
        skip_until = max(end for _, end in spans)
        label, category = _label(article.text, mention, spans[-1][1], sentence, language, counted[index])
        figures.append(
            Figure(
                mention=index,
                start=spans[-1][0],
                value=value,
                kind=kind,
                sentence=sentence,
                label=label,
                category=category,
                importance=_IMPORTANCE.get(category, 1),
            )
        )
    return figures


_CAPITALISED_WORD_BEFORE = re.compile(r"\b([A-Z][\w-]*) $")


def _name_before(text: str, mention: NumberMention) -> str | None:
    """The capitalised word right before a number written in digits ("Progress" in "Progress 59"), if any."""
    if not mention.text.isdigit():
        return None
    match = _CAPITALISED_WORD_BEFORE.search(text, max(0, mention.start - 40), mention.start)
    return f"{match.group(1)} {mention.text}" if match else None


def _recurring_names(text: str, mentions: Sequence[NumberMention]) -> set[str]:
    """Capitalised word + number pairs the article writes more than once: names, not figures."""
    seen = Counter(name for mention in mentions if (name := _name_before(text, mention)))
    return {name for name, count in seen.items() if count > 1}


_IMPORTANCE = {"people": 4, "money": 4, "percent": 3, "quantity": 3, "count": 2, "other": 1, "age": 0}


def _figure_spans(
    text: str, mentions: Sequence[NumberMention], index: int, sentence: Sentence
) -> tuple[tuple[tuple[int, int], ...], int | float | str, str]:
    """The spans a mention's figure may show, best first (a range, then the number alone); value; kind."""
    mention = mentions[index]
    start, end, value, kind = mention.start, mention.end, mention.value, mention.kind
    if end < sentence.end and text[end] in VULGAR_FRACTIONS and isinstance(value, int):
        value, kind, end = float(value + VULGAR_FRACTIONS[text[end]]), "decimal", end + 1
    currency = _CURRENCY_BEFORE.search(text, max(sentence.start, start - 4), start)
    if currency:
        start = currency.start()
    spans = [(start, end)]
    following = mentions[index + 1] if index + 1 < len(mentions) else None
    if (
        following is not None
        and following.start < sentence.end
        and _RANGE_JOINER.fullmatch(text[end : following.start])
    ):
        # A range is one fact: "16 to 31 per cent", "بين 50 و75 في المئة".
        lead = _RANGE_LEAD.search(text, max(sentence.start, start - 10), start)
        spans[:0] = [(lead.start(), following.end)] if lead else []
        spans.insert(len(spans) - 1, (start, following.end))
    return tuple(spans), value, kind


def _label(
    text: str,
    mention: NumberMention,
    end: int,
    sentence: Sentence,
    language: str,
    counted: Counted | None,
) -> tuple[tuple[str | None, str | None], str]:
    """What a figure counts (en, ar), in the article's language and (from the lexicon) the other; its category.

    In the article's language: the counted words as written ("طفلا", "tonnes"), or the lexicon's
    name where the text has only a sign or a compound ("£" -> "pounds sterling", "24-year-old" ->
    "age"). In the other language: the lexicon's dictionary label, or nothing.
    """
    other = other_language(language)
    label: dict[str, str | None] = {"en": None, "ar": None}
    before = text[max(sentence.start, mention.start - 24) : mention.start]
    after = text[end : sentence.end]
    if counted is not None:
        category = _LEXICON_CATEGORIES.get(counted.category, "quantity")
        written = counted.words if counted.words[:1].isalpha() and category not in {"money", "age"} else None
        label[language] = written or counted.label.get(language)
        label[other] = counted.label.get(other)
    else:
        words = _words_after(after, language)
        label[language] = words
        category = "count" if words else "other"
        if _has_word(words, _CURRENCY_WORDS):
            category = "money"
        elif _has_word(words, _PEOPLE_WORDS):
            category = "people"
        elif _has_word(words, _UNIT_WORDS):
            category = "quantity"
    if mention.kind == "percent":
        category = "percent"
    elif category != "age" and (_AGE_AFTER.match(after) or _AGE_BEFORE.search(before)):
        category = "age"
    return (label["en"], label["ar"]), category


_LEXICON_CATEGORIES = {"people": "people", "currency": "money", "age": "age"}


def _has_word(words: str | None, vocabulary: frozenset[str]) -> bool:
    return words is not None and any(w.casefold() in vocabulary for w in words.split())


def _words_after(after: str, language: str) -> str | None:
    """The counted noun phrase after a number, as written: up to three words, before any function word."""
    piece = _LABEL_STOP.split(after, maxsplit=1)[0]
    raw = piece.replace("-", " ").split() if language == "en" else piece.split()
    words: list[str] = []
    for word in raw:
        folded = word.casefold()
        if not words and folded in _PARTITIVES:
            continue  # "37 ألفا من الفلسطينيين", "121 منهم محتجزين"
        if not words and not any(ch.isalnum() for ch in word):
            continue  # a dash or mark before the first word: "1 - الترجي الرياضي"
        if any(ch.isdigit() for ch in word) or folded in _FUNCTION_WORDS or not any(ch.isalpha() for ch in word):
            break
        if language == "ar" and words and folded.startswith("و"):
            break  # "شخص واحتجاز": a conjunction starts the next clause
        words.append(word)
        if len(words) == LABEL_WORDS:
            break
    return " ".join(words) or None


def _clean_label(words: str | None, source: SourceIndex) -> str | None:
    """A label cut before any number in it (it says what is counted, not another count), if it verifies."""
    if not words:
        return None
    numbers = extract_numbers(words)
    if numbers:
        words = words[: numbers[0].start]
    words = words.strip(" -–")
    return words if words and verify(source, words).ok else None


def _resolve(text: str, figure: Figure, source: SourceIndex) -> tuple[int, int, dict[str, str | None]] | None:
    """The first of a figure's spans that the verifier supports, and its checked labels; None if none."""
    for start, end in _figure_spans(text, source.mentions, figure.mention, figure.sentence)[0]:
        if verify(source, text[start:end]).ok:
            english, arabic = figure.label
            return start, end, {"en": _clean_label(english, source), "ar": _clean_label(arabic, source)}
    return None


def key_figures(
    article: Article, facts: Sequence[Figure], chosen: Sequence[Sentence], language: str, source: SourceIndex
) -> list[KeyFigure]:
    """One row per fact, most important first (module docstring); only rows shown are verified."""
    in_summary = {s.id for s in chosen}
    # ages only where the summary tells the story of that person
    shown = [figure for figure in facts if figure.category != "age" or figure.sentence.id in in_summary]

    def order(figure: Figure) -> tuple[int, int]:
        return -(figure.importance + (2 if figure.sentence.id in in_summary else 0)), figure.start

    seen: set[tuple[object, str]] = set()
    rows: list[KeyFigure] = []
    for figure in _ranked(shown, order):
        resolved = _resolve(article.text, figure, source)
        if resolved is None:
            continue
        start, end, label = resolved
        counted = (label.get(language) or "").casefold()
        keys = {(figure.value, "quote:" + figure.sentence.text)}
        if counted:
            keys.add((figure.value, "counted:" + counted))
        if keys & seen:
            continue
        seen |= keys
        rows.append(_key_figure(article, figure, start, end, label))
        if len(rows) == MAX_KEY_FIGURES:
            break
    return rows


def _key_figure(article: Article, figure: Figure, start: int, end: int, label: dict[str, str | None]) -> KeyFigure:
    sentence = figure.sentence
    return KeyFigure(
        text=article.text[start:end],
        value=figure.value,
        kind=figure.kind,
        quote=sentence.text,
        start=article.offset + sentence.start,
        end=article.offset + sentence.end,
        number_start=article.offset + start,
        number_end=article.offset + end,
        sentence=sentence.id,
        label=label,
    )
