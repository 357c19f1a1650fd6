"""The offline extractive engine: no model, so it can only use the article's own words.

Summary: 3 sentences chosen from the article and shown in article order.
Candidates are sentences of at least 4 words and under 600 characters, written in
the article's script, that are not the title, a photo caption or site furniture
("Scroll down for video"). The first candidate, the lede, is always chosen: news
puts its main fact first. The others are taken by

    score = 0.80 * position + 0.12 * centrality + 0.15 * facts + 0.40 * brevity

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
(dates, times, years, ordinals and identifiers left out, and numbers that name a
moment, a rank or an item, or stand inside a name: "الدقيقة 62", "المرتبة 12",
"No. 10", "Schalke 04", "Radio 4") with its currency, scale and percent sign kept
("£515m", "31 per cent") and read with a following fraction ("11½ hours" is 11.5).
A range or list gives one row per figure: the first is shown alone where the
verifier reads it so, else with its partner ("16 to 31 per cent", value 16). A
row's text is checked against the article with the verifier before it is shown,
so this engine never presents a figure its own verifier would flag. The same
value and quote, or the same value and counted thing, is one row. Order: figures
about people, money and quantities first, those in the summary before the rest;
ages and bare counts only after them. Page furniture (summarizer.furniture) is
never summarized nor quoted.

Labels say what a figure counts: the counted noun phrase as the article writes it
or, where none follows, what its clause says it is about ("عدد القتلى ... 37
ألفا", "shares fell 3 per cent", "31% of voters", "250 more" after "1,200
people"); a figure nothing can be said of is left out. In the other language, a
dictionary label from the bilingual lexicon (summarizer.numbers.counted) where it
knows the words; a note says these are dictionary labels, not translations.
Labels never end in a function word or a stray letter.

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
from summarizer.furniture import is_furniture
from summarizer.glossary import Glossary
from summarizer.languages import LANGUAGE_NAMES, detect_language, other_language, script_share
from summarizer.numbers import NumberMention, SourceIndex, extract_numbers, index_source, verify
from summarizer.numbers.counted import AR_FORMS, Counted
from summarizer.numbers.digits import VULGAR_FRACTIONS
from summarizer.numbers.folding import fold
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
POSITION_WEIGHT, CENTRALITY_WEIGHT, FACTS_WEIGHT, BREVITY_WEIGHT = 0.80, 0.12, 0.15, 0.40
FACTS_CAP = 2
LONG_SENTENCE_WORDS = 60
FIGURE_REACH = 4  # candidates from the top where a figure sentence may take the last place
NEAR_DUPLICATE = 0.6
RANKED_FIRST = 32
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_DIACRITICS = re.compile("[\u064b-\u0652\u0640]")
_ALEF_FOLD = str.maketrans("أإآة", "اااه")
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

    def __init__(self, languages: Sequence[str], glossary: Glossary | None = None) -> None:
        self.languages = tuple(languages)
        self.glossary = glossary

    def __call__(self, article: Article) -> ArticleResult:
        return summarize_article(article, self.languages, glossary=self.glossary)


def summarize_article(article: Article, languages: Sequence[str], *, glossary: Glossary | None = None) -> ArticleResult:
    """Summarize one article extractively and verify the result (``glossary``: the user's, which the checks
    link names across scripts by: the other language's key-figure labels)."""
    language = detect_language(article.text)
    source = index_source(article.text)  # the article's numbers and what they count, read once
    # text aimed at the model, and page furniture (summarizer.furniture), is neither summary nor figure
    unusable = {injection.sentence for injection in article.injections}
    unusable |= {sentence.id for sentence in article.sentences if is_furniture(sentence.text)}
    facts = [fact for fact in read_figures(article, source, language) if fact.sentence.id not in unusable]
    chosen = choose_sentences(article, facts, language, skip=unusable)
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
    verification = check_article(article, summaries, figures, source=source, glossary=glossary)
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
        if s.text.strip() == title or is_furniture(s.text):
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
# Numbers that name a moment, a place in an order or a thing, not an amount: a match's minute, a rank,
# the Nth time, an item's number, a year ("الدقيقة 62", "المرتبة 12", "للمرة 46", "No. 10", "عام 2600 قبل الميلاد").
_NOT_A_FIGURE_BEFORE = re.compile(
    r"(?:\b(?:minute|No\.|ranked|rank|page|route|flight|room|chapter|article|section|platform|junction|gate|year)"
    r"|الدقيقة|دقيقة|بالدقيقة|المرتبة|مرتبة|بالمرتبة|المركز|بالمركز|المرة|للمرة|مرة|رقم|الرقم|برقم|الفصل|المادة|البند"
    r"|الصفحة|القرار|عام|عامي|العام|سنة|السنة)\s*$",
    re.IGNORECASE,
)
_NOT_A_FIGURE_AFTER = re.compile(r"\s*(?:قبل الميلاد|ق\.\s?م|م\b|هـ|BC\b|BCE\b|AD\b|(?:st|nd|rd|th)\b)")
# A leading zero after a capitalised word is part of a name or code ("Schalke 04", "Agent 007").
_NAME_CODE = re.compile(r"\b(?:[A-Z][\w'’-]*|No\.?) $")
# Capitalised words that start a phrase with a number, not a name with it ("The 23-year-old", "Some 30 years").
_NOT_NAMES = frozenset(
    """The A An Some Only Nearly About Around Almost Over Under At By In On Then This That These Those All Just
    More Less Fewer Up To From Of And But Or Another Every Each Its Their His Her Our Your My""".split()
)
# What a figure with no counted noun after it is about, read before it in its clause ("ارتفاع عدد القتلى
# الفلسطينيين ... إلى أكثر من 37 ألفا", "the number of nurses rose to 400") or after a share ("31% of voters").
_ABOUT_BEFORE = re.compile(
    r"(?:\b(?:number|numbers|total|share|proportion|percentage|count) of (?:the )?"
    r"|(?:^|\s)(?:عدد|حصيلة|نسبة|معدل|إجمالي|اجمالي|حجم)\s+)"
    r"([^\d\s,.;:،؛]+(?:\s+(?:ال)?[^\d\s,.;:،؛]+)?)[^,.;:،؛]*$",
    re.IGNORECASE,
)
# A change and its subject right before the figure: "Shares in the firm rose (by) 3%", "ارتفعت أسعار النفط بنسبة 3%".
_CHANGE_BEFORE = re.compile(
    r"(?:(?:^|[,;:]\s*|\b(?:as|and|while|but|after|when|where|with)\s+)(?P<en>[A-Za-z][\w' -]{0,60}?)\s+(?:rose|fell|grew|dropped|climbed|jumped|increased|decreased"
    r"|declined|slipped|gained|lost|surged|slumped|(?:was|were|is|are) (?:up|down))\s+(?:by\s+)?(?:[a-z]+\s+){0,2}"
    r"|(?:ارتفع|ارتفعت|انخفض|انخفضت|تراجع|تراجعت|زاد|زادت|نما|نمت|هبط|هبطت|صعد|صعدت|ارتفاع|انخفاض|زيادة|نمو)"
    r"\s+(?P<ar>[^\d\s،,.؛;:]+(?:\s+[^\d\s،,.؛;:]+)?)\s+(?:بنسبة|بمعدل|إلى|الى)\s+(?:\S+\s+)?)$",
    re.IGNORECASE,
)
_LEADING_DETERMINER = re.compile(r"^(?:the|a|an|its|their|his|her|this|that)\s+", re.IGNORECASE)
# "250 more", "250 others", "250 آخرين": more of what the sentence counted just before.
_MORE_AFTER = re.compile(r"\s*(?:more|others?|آخرين|آخرون|أخرى|اخرين|اخرى)\b", re.IGNORECASE)
_SHARE_OF = re.compile(r"\s*(?:of|among|من|بين)\s+(?:the\s+)?", re.IGNORECASE)
# A letter glued to the number that is its unit: "338.5p" is pence.
_GLUED_UNITS = {"p": "pence"}
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
FUNCTION_WORDS = frozenset(
    """بحسب وفق وفقا حسب في على إلى الى عن أو أكثر أقل نحو حوالي قرابة زهاء بين منذ بسبب جراء خلال
    بعد قبل مع حتى لدى عند التي الذي الذين وقد قد كما أن إن لكن غالبيتهم معظمهم أغلبهم بينهم بينها
    according per in on at from to by of the a an and or than more less about nearly almost some over
    under up around during into through across because despite was were is are has have had will would
    who which that this these those it its
    their his her for with as said says after before since while when he she they we you him them
    i be been being do did does can could may might must should not no
    against just only also still even yet then there here down last next ago later earlier
    including includes included went go goes going gone came come comes off out away back each apiece
    now today yesterday tomorrow times so if us called named known كل أي""".split()
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
        if not _is_amount(article.text, mention, sentence):
            continue
        spans, value, kind = _figure_spans(article.text, mentions, index, sentence)
        skip_until = spans[0][1]  # the next number of a pair is a figure of its own
        label, category = _label(
            article.text,
            mention,
            _pair_end(article.text, mentions, index, spans[-1][1]),
            sentence,
            language,
            _counted(article.text, mentions, counted, index),
        )
        previous = figures[-1] if figures and figures[-1].sentence is sentence else None
        if label == (None, None) and previous is not None and _MORE_AFTER.match(article.text, spans[0][1]):
            label, category = previous.label, previous.category  # "1,200 people … 250 more", "1200 شخص … 250 آخرين"
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


def _is_amount(text: str, mention: NumberMention, sentence: Sentence) -> bool:
    """False for a number that names a moment, a rank, an item or a year, or is part of a name or code."""
    before = text[max(sentence.start, mention.start - 24) : mention.start]
    if _NOT_A_FIGURE_BEFORE.search(before) or _NOT_A_FIGURE_AFTER.match(text, mention.end, sentence.end):
        return False
    return not (mention.text.isdigit() and _in_name(text, mention.start, sentence))


def _in_name(text: str, start: int, sentence: Sentence) -> bool:
    """Digits written after a capitalised word inside a sentence: "Schalke 04", "Radio 4", "Euro 2016", "No 1"."""
    name = _NAME_CODE.search(text, max(sentence.start, start - 24), start)
    if name is None:
        return False
    word = name.group().strip()
    if text[start : start + 1] == "0":
        return True  # "Agent 007", "Schalke 04", also where it starts a sentence
    return name.start() > sentence.start and word not in _NOT_NAMES


def _pair_end(text: str, mentions: Sequence[NumberMention], index: int, end: int) -> int:
    """Where what a figure counts is read: after the second number of a pair ("40 و35 بالمائة من الناخبين")."""
    return mentions[index + 1].end if _paired(text, mentions, index) else end


def _paired(text: str, mentions: Sequence[NumberMention], index: int) -> bool:
    """Whether a bare number and the next one are a pair ("16 to 31 per cent", "40 و35"), not a change and a level
    ("3 per cent to 338.5p": the first has its own unit)."""
    if index + 1 >= len(mentions) or not mentions[index].text.replace(",", "").isdigit():
        return False
    return _RANGE_JOINER.fullmatch(text[mentions[index].end : mentions[index + 1].start]) is not None


def _counted(
    text: str, mentions: Sequence[NumberMention], counted: Sequence[Counted | None], index: int
) -> Counted | None:
    """What a mention counts; the first of a pair ("40 و35 طفلا", "16 to 31 people") counts what the second does."""
    if counted[index] is not None or index + 1 >= len(mentions):
        return counted[index]
    return counted[index + 1] if _paired(text, mentions, index) else None


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
    # A range or list gives one row per figure ("16 to 31 per cent": 16 and 31 per cent). The first is shown
    # alone where the verifier reads it so, else with its partner, which carries its unit ("16 to 31 per cent").
    spans = [(start, end)]
    if _paired(text, mentions, index) and mentions[index + 1].start < sentence.end:
        spans.append((start, mentions[index + 1].end))
        if lead := _RANGE_LEAD.search(text, max(sentence.start, start - 10), start):  # "بين 40 و35 بالمائة"
            spans.append((lead.start(), mentions[index + 1].end))
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
        # a share's following words are rarely what it is of ("3 في المئة يوم الجمعة"): only "of"/"من" says so
        words = None if mention.kind == "percent" else _words_after(after, language)
        if (unit := _GLUED_UNITS.get(after[:1])) and not after[1:2].isalpha():
            words = unit  # "338.5p"
        words = words or _about(text, mention, end, sentence, language)
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


def _about(text: str, mention: NumberMention, end: int, sentence: Sentence, language: str) -> str | None:
    """What the clause says a figure with no counted noun after it is about ("عدد القتلى الفلسطينيين"), if anything."""
    if mention.kind == "percent" and (share := _SHARE_OF.match(text, end, sentence.end)):
        return _words_after(text[share.end() : sentence.end], language)
    clause = text[sentence.start : mention.start]
    if about := _ABOUT_BEFORE.search(clause):
        return _words_after(about.group(1), language)
    if change := _CHANGE_BEFORE.search(clause):  # "Shares in the firm rose 3%", "ارتفعت أسعار النفط بنسبة 3%"
        subject = change["ar"] or _LEADING_DETERMINER.sub("", change["en"] or "")
        return _words_after(subject, language)
    return None


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
        if any(ch.isdigit() for ch in word) or folded in FUNCTION_WORDS or not any(ch.isalpha() for ch in word):
            break
        if language == "ar" and words and folded.startswith("و"):
            break  # "شخص واحتجاز": a conjunction starts the next clause
        if language == "en" and words and word[:1].isupper():
            break  # "choice Alec Stewart": a name follows what is counted
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
    kept = words.strip(" -–").split()
    while kept and (kept[-1].casefold() in FUNCTION_WORDS or len(kept[-1]) == 1):
        kept.pop()  # a label ends in what is counted, never in a function word ("pensioners including")
    words = " ".join(kept)
    if len(words) < 2 or not words[0].isalpha():
        return None  # a lone letter ("p", "و") says nothing
    if len(words) <= 2 and "\u0600" <= words[0] <= "\u06ff" and fold(words) not in AR_FORMS:
        return None  # nor two Arabic letters that are no unit ("85 سي" is a name; "كم" is kilometres)
    return words if verify(source, words).ok else None


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
        if not any(label.values()):
            continue  # nothing can be said of what it counts: an editor could not use the row
        keys = {(figure.value, "quote:" + figure.sentence.text)}
        keys |= {(figure.value, f"counted:{lang}:" + words.casefold()) for lang, words in label.items() if words}
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
