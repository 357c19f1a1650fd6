"""Feed text -> articles, and article text -> sentences with offsets.

Everything here is deterministic so that it works offline and gives the same
answer every time. Splitting is conservative: a story boundary is only taken on
a strong signal, because cutting one article in two is worse than leaving two
stories together.

Where a file holds several stories, a boundary is taken:

* at an explicit separator line: five or more equals signs alone on a line
  (``=====``) or a form feed character (hyphen rules are not separators: outlets
  use them inside one story, before a trailer);
* before a photo-caption line (a line that ends with a caption marker such as
  "صورة أرشيفية", "(صورة)", "File photo", "Photo:" ... "Getty Images") that is
  followed by a short heading line;
* before a heading line that is printed twice in a row (the second copy is
  dropped: the article's span starts at the second copy);
* where the script changes between stories: a run of Arabic sentences after a run
  of Latin-script ones, or the reverse, each run holding at least
  ``SCRIPT_RUN_LETTERS`` letters (a few Arabic words quoted in an English sentence,
  or one foreign-language line, do not change the sentence's script).

JSONL input (one JSON object per line with ``text`` and optional ``id`` and
``title``) is recognised and parsed by summarizer.jsonl.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from summarizer.errors import InputError
from summarizer.furniture import furniture_cuts
from summarizer.injection import Injection, find_injections
from summarizer.jsonl import Record, iter_jsonl, parse_jsonl
from summarizer.languages import detect_language
from summarizer.lazy import cached_property
from summarizer.spans import Paragraph, Sentence

__all__ = ["Article", "Paragraph", "Sentence", "iter_articles", "split_articles", "split_paragraphs", "split_sentences"]

SEPARATOR_LINE = re.compile(r"^[ \t]*={5,}[ \t]*$|^[ \t]*\f[ \t]*$")

CAPTION_MARKERS = (
    "صورة أرشيفية",
    "صورة ارشيفية",
    "(صورة)",
    "- صورة",
    "صورة من الأرشيف",
    "file photo",
    "file picture",
    "photo:",
    "picture:",
    "getty images",
    "(afp)",
    "(reuters)",
    "(ap)",
)

SENTENCE_END = ".!?؟۔…"
CLOSERS = "\"'”’»)]}»"
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st sr jr gen col lt sgt capt gov sen rep rev no vs etc inc ltd co corp
    jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e a.m p.m fig dept est approx""".split()
)
HEADING_MAX_WORDS = 22
SCRIPT_RUN_LETTERS = 100  # letters a run of one script needs on each side of a script cut
SCRIPT_SHARE = 0.8  # share of a sentence's letters in one script for it to count as that script


@dataclass
class Article:
    """One story: its exact text and where it starts in the document it came from."""

    text: str
    offset: int = 0
    title: str | None = None
    id: str | None = None
    sentences: list[Sentence] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what a reader should know about the input

    def __post_init__(self) -> None:
        if not self.sentences:
            self.sentences = split_sentences(self.text)

    @cached_property
    def injections(self) -> list[Injection]:
        """The sentences that address the model (summarizer.injection), found once for the prompts and checks."""
        return find_injections(self.sentences, self.text)

    def result_fields(self) -> dict[str, Any]:
        """What every result of this article starts with: id ("1" when it has none), title, language, span."""
        return {
            "id": self.id or "1",
            "title": self.title,
            "language": detect_language(self.text),
            "start": self.offset,
            "end": self.offset + len(self.text),
        }


def split_articles(document: str) -> list[Article]:
    """Split a document (plain text or JSONL) into articles."""
    records = _parse_jsonl(document)
    if records is not None:
        return records
    articles: list[Article] = []
    for start, end in _separator_spans(document):
        for s, e in _story_spans(document, start, end):
            article = _make_article(document, s, e)
            if article is not None:
                articles.append(article)
    for number, article in enumerate(articles, 1):
        if article.id is None:
            article.id = str(number)
    if not articles:
        raise InputError("the input holds no article text")
    return articles


def iter_articles(document: str) -> Iterator[Article]:
    """The articles of ``split_articles``, one at a time: a JSONL record is split into sentences only
    when it is reached, so a long feed is never held as articles (nor as records) all at once."""
    records = iter_jsonl(document)
    if records is None:
        yield from split_articles(document)
        return
    for number, record in enumerate(records, 1):
        yield record_article(number, record)


def _parse_jsonl(document: str) -> list[Article] | None:
    records = parse_jsonl(document)
    if records is None:
        return None
    return [record_article(number, record) for number, record in enumerate(records, 1)]


def record_article(number: int, record: Record) -> Article:
    """The article of a feed's ``number``-th JSONL record (its id, else that number)."""
    identifier = record.id if record.id is not None else str(number)
    return Article(text=record.text, title=record.title, id=identifier, notes=list(record.notes))


def _lines(document: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each line in document[start:end], without the newline."""
    spans = []
    pos = start
    while pos < end:
        newline = document.find("\n", pos, end)
        line_end = end if newline == -1 else newline
        spans.append((pos, line_end))
        pos = line_end + 1
    return spans


def _separator_spans(document: str) -> list[tuple[int, int]]:
    spans = []
    block_start = 0
    for s, e in _lines(document, 0, len(document)):
        if SEPARATOR_LINE.match(document[s:e]):
            spans.append((block_start, s))
            block_start = min(e + 1, len(document))
    spans.append((block_start, len(document)))
    return spans


def _is_heading(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and len(stripped.split()) <= HEADING_MAX_WORDS


def _is_caption(line: str) -> bool:
    folded = line.strip().rstrip(".،, ").casefold()
    return any(folded.endswith(marker) for marker in CAPTION_MARKERS) or any(
        marker in folded for marker in ("getty images", "صورة أرشيفية", "صورة ارشيفية")
    )


def _story_spans(document: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut one separator block into stories on captions and doubled headings."""
    lines = [(s, e) for s, e in _lines(document, start, end) if document[s:e].strip()]
    cuts: list[int] = []
    for index, (s, e) in enumerate(lines):
        text = document[s:e]
        following = document[lines[index + 1][0] : lines[index + 1][1]] if index + 1 < len(lines) else ""
        # A caption followed by a heading, or a heading printed twice (not thrice), starts a story.
        if (_is_caption(text) and following and _is_heading(following) and index > 0) or (
            index > 0
            and following.strip() == text.strip()
            and _is_heading(text)
            and document[lines[index - 1][0] : lines[index - 1][1]].strip() != text.strip()
        ):
            cuts.append(s)
    cuts = sorted(set(cuts) | set(_script_cuts(document, start, end)))
    spans = []
    previous = start
    for cut in cuts:
        spans.append((previous, cut))
        previous = cut
    spans.append((previous, end))
    return spans


def _script_cuts(document: str, start: int, end: int) -> list[int]:
    """Where a long run of sentences in one script follows a long run in the other."""
    runs: list[list[int]] = []  # [script, start, letters], script 1 Arabic, 0 Latin
    block = document[start:end]
    for sentence_start, sentence_end in _sentence_spans(block):  # one at a time: a long block's are never all held
        letters = [ch for ch in block[sentence_start:sentence_end] if ch.isalpha()]
        if not letters:
            continue
        arabic = sum(1 for ch in letters if _is_arabic(ch)) / len(letters)
        script = 1 if arabic >= SCRIPT_SHARE else 0 if arabic <= 1 - SCRIPT_SHARE else None
        if script is None:
            continue  # mixed: belongs to whichever story it sits in
        if runs and runs[-1][0] == script:
            runs[-1][2] += len(letters)
        else:
            runs.append([script, start + sentence_start, len(letters)])
    long_runs = [run for run in runs if run[2] >= SCRIPT_RUN_LETTERS]
    return [after[1] for before, after in itertools.pairwise(long_runs) if before[0] != after[0]]


def _make_article(document: str, start: int, end: int) -> Article | None:
    lines = [(s, e) for s, e in _lines(document, start, end) if document[s:e].strip()]
    if not lines:
        return None
    # A heading printed twice: the article starts at the second copy.
    if len(lines) > 1 and document[lines[0][0] : lines[0][1]].strip() == document[lines[1][0] : lines[1][1]].strip():
        lines = lines[1:]
    title = None
    first = document[lines[0][0] : lines[0][1]].strip()
    heading_lines = lines[:2] if _is_caption(first) else lines[:1]
    candidate = document[heading_lines[-1][0] : heading_lines[-1][1]].strip()
    body_follows = len(lines) > len(heading_lines)
    if (
        body_follows
        and _is_heading(candidate)
        and (_ends_without_stop(candidate) or len(heading_lines) == 2 or _was_doubled(document, start, end))
    ):
        title = candidate
    text_start, text_end = lines[0][0], lines[-1][1]
    while document[text_end - 1].isspace():  # a script cut can fall inside a line
        text_end -= 1
    return Article(text=document[text_start:text_end], offset=text_start, title=title)


def _ends_without_stop(line: str) -> bool:
    return not line.rstrip(CLOSERS + " ").endswith(tuple(SENTENCE_END + ":،,;"))


def _was_doubled(document: str, start: int, end: int) -> bool:
    lines = [document[s:e].strip() for s, e in _lines(document, start, end) if document[s:e].strip()]
    return len(lines) > 1 and lines[0] == lines[1]


_SENTENCE_BREAK = re.compile(r"[.!?؟۔…]+[" + re.escape(CLOSERS) + r"]*|\n")
_OPENERS = "\"'“‘«("
# After these a capitalised word may still be inside the sentence ("Mr. Smith", "Jan. 5", "U.S. President").
_TITLE_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st gen col lt sgt capt gov sen rep rev no vs fig dept
    jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e""".split()
)


def split_sentences(text: str) -> list[Sentence]:
    """Split article text into sentences with offsets; each line break also ends a sentence.

    A sentence ends at ``.``, ``!``, ``?``, ``؟``, ``۔`` or ``…`` (with any closing quotes or
    brackets after it) when what follows starts a new sentence: white space then anything but a
    lower-case Latin letter, or, with no space ("ahead.But", "honoured.\"Unite"), a capital letter
    or an opening quote before one, or an Arabic letter after an Arabic word. Not at decimals
    (3.5), initials (J. Brown, د. محمد), abbreviations (Mr., U.S., Jan.; a.m., p.m., etc. only
    before a capital) or inside a word or web address (BBC.co.uk). ``،`` and ``؛`` never end one.
    """
    sentences: list[Sentence] = []
    for start, end in _sentence_spans(text):
        sentences.append(Sentence(id=len(sentences) + 1, text=text[start:end], start=start, end=end))
    return sentences


def _sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of ``split_sentences``, without its surrounding white space."""
    start = 0
    for match in _SENTENCE_BREAK.finditer(text):
        if match.group() == "\n":
            end, following = match.start(), match.end()
        else:
            end = match.end()
            if (
                text[end - 1] == '"'
                and end < len(text)
                and not text[end].isspace()
                and text.count('"', start, match.start()) % 2 == 0
            ):
                end -= 1  # 'levelled."It was': the quote opens the next sentence
            if not _ends_sentence(text, match.start(), end):
                continue
            following = end
        yield from _unglued(text, start, end)
        start = following
    yield from _unglued(text, start, len(text))


def _unglued(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The stripped span of text[start:end], cut where page furniture glued to the story begins or ends."""
    for cut in sorted(set(furniture_cuts(text, start, end))):
        if span := _stripped(text, start, cut):
            yield span
        start = cut
    if span := _stripped(text, start, end):
        yield span


def _ends_sentence(text: str, stop: int, after: int) -> bool:
    if after >= len(text):
        return True
    following = text[after]
    word = _word_before(text, stop)
    if following.isspace():
        upcoming = text[after : after + 40].lstrip()
        first = upcoming[:1]
        if first.isalpha() and first.isascii() and first.islower():
            return False  # "e.g. the", "approx. five", "... and then"
        if text[stop] != "." or (after - stop > 1 and text[after - 1] in CLOSERS):
            return True
        if _follows_digit(text, stop - len(word)):
            return True  # a unit or plural glued to a number ("338.5p. The", "the 1980s. He") is no initial
        return not _is_abbreviation(word, upcoming)
    if text[stop] in ".۔" and (stop == 0 or not text[stop - 1].isalpha()):
        # "in 2011.On Friday", "£1,027,339.The figures": a number, then a capitalised word, ends a sentence;
        # "3.5", "(...).", "$.50" do not.
        return _follows_digit(text, stop) and _starts_capitalised_word(text, after)
    if _is_arabic(following):
        return len(word) > 1 and _is_arabic(word[-1])
    next_letter = following
    if following in _OPENERS and after + 1 < len(text):
        next_letter = text[after + 1]
    if not (next_letter.isalpha() and next_letter.isupper()):
        return False
    # Initials or an abbreviation glued to a capital ("U.S.A", "St.Louis") do not end a sentence.
    return (
        len(word) > 1 and "." not in word and any(ch.islower() for ch in word) and word.casefold() not in ABBREVIATIONS
    )


def _word_before(text: str, stop: int) -> str:
    """The word (letters and inner dots) before a stop: "U.S" before "U.S.", "ahead" before "ahead."."""
    word_start = stop
    while word_start > 0 and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
        word_start -= 1
    return text[word_start:stop].lstrip(".")


def _follows_digit(text: str, position: int) -> bool:
    return position > 0 and text[position - 1].isdigit()


def _starts_capitalised_word(text: str, position: int) -> bool:
    """A capital letter then a lower-case one: "The", "On" (not "U.S", "A4", nor a lone capital)."""
    return (
        position + 1 < len(text)
        and text[position].isupper()
        and text[position + 1].isalpha()
        and text[position + 1].islower()
    )


def _is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f"


def _is_abbreviation(word: str, upcoming: str) -> bool:
    folded = word.casefold()
    if len(word) == 1 or folded in _TITLE_ABBREVIATIONS:
        return True  # an initial ("J. Brown", "د. محمد") or a title
    if folded in ABBREVIATIONS:
        # "at 3 p.m. The council" ends a sentence; "at 3 p.m. on Friday" was kept above.
        return not upcoming[:1].isupper()
    return False


def _stripped(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of text[start:end] without white space at its ends; None if it is all white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE_BREAK = re.compile(r"\n")


def split_paragraphs(text: str) -> list[Paragraph]:
    """Split article text into paragraphs with offsets: blocks between blank lines, or, in a text
    without any blank line, its lines."""
    separator = _BLANK_LINE if _BLANK_LINE.search(text) else _LINE_BREAK
    paragraphs: list[Paragraph] = []
    start = 0
    for match in [*separator.finditer(text), None]:
        end = match.start() if match else len(text)
        while start < end and text[start].isspace():
            start += 1
        stop = end
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        if start < stop:
            paragraphs.append(Paragraph(id=len(paragraphs) + 1, text=text[start:stop], start=start, end=stop))
        start = match.end() if match else len(text)
    return paragraphs
