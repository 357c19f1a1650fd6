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
  dropped: the article's span starts at the second copy).

JSONL input (one JSON object per line with ``text`` and optional ``id`` and
``title``) is recognised when every non-blank line is such an object.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from summarizer.errors import InputError
from summarizer.languages import detect_language  # noqa: F401  (re-exported for the engines)

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


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article: 1-based ``id``, exact text, offsets in the article text."""

    id: int
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of an article: 1-based ``id``, exact text, offsets in the article text."""

    id: int
    text: str
    start: int
    end: int


@dataclass
class Article:
    """One story: its exact text and where it starts in the document it came from."""

    text: str
    offset: int = 0
    title: str | None = None
    id: str | None = None
    sentences: list[Sentence] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.sentences:
            self.sentences = split_sentences(self.text)


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


def _parse_jsonl(document: str) -> list[Article] | None:
    lines = [(i, line) for i, line in enumerate(document.splitlines(), 1) if line.strip()]
    if not lines or not lines[0][1].lstrip().startswith("{"):
        return None
    try:
        first = json.loads(lines[0][1])
    except json.JSONDecodeError:
        return None  # plain text that happens to start with "{"
    if not isinstance(first, dict) or "text" not in first:
        return None
    articles = []
    for line_number, line in lines:
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"line {line_number} of the JSONL input is not valid JSON", line=line_number) from error
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise InputError(
                f"line {line_number} of the JSONL input has no \"text\" string", line=line_number
            )
        if not record["text"].strip():
            raise InputError(f"line {line_number} of the JSONL input has an empty \"text\"", line=line_number)
        title = record.get("title")
        articles.append(
            Article(
                text=record["text"],
                title=title if isinstance(title, str) and title.strip() else None,
                id=str(record["id"]) if record.get("id") is not None else str(len(articles) + 1),
            )
        )
    return articles


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
    if not stripped or len(stripped.split()) > HEADING_MAX_WORDS:
        return False
    return True


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
        if _is_caption(text) and following and _is_heading(following) and index > 0:
            cuts.append(s)
        elif (
            index > 0
            and following.strip() == text.strip()
            and _is_heading(text)
            and document[lines[index - 1][0] : lines[index - 1][1]].strip() != text.strip()
        ):
            cuts.append(s)
    spans = []
    previous = start
    for cut in cuts:
        spans.append((previous, cut))
        previous = cut
    spans.append((previous, end))
    return spans


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
    if body_follows and _is_heading(candidate) and (
        _ends_without_stop(candidate) or len(heading_lines) == 2 or _was_doubled(document, start, end)
    ):
        title = candidate
    text_start, text_end = lines[0][0], lines[-1][1]
    return Article(text=document[text_start:text_end], offset=text_start, title=title)


def _ends_without_stop(line: str) -> bool:
    return not line.rstrip(CLOSERS + " ").endswith(tuple(SENTENCE_END + ":،,;"))


def _was_doubled(document: str, start: int, end: int) -> bool:
    lines = [document[s:e].strip() for s, e in _lines(document, start, end) if document[s:e].strip()]
    return len(lines) > 1 and lines[0] == lines[1]


_SENTENCE_BREAK = re.compile(r"[.!?؟۔…]+[" + re.escape(CLOSERS) + r"]*(?=\s)|\n")


def split_sentences(text: str) -> list[Sentence]:
    """Split article text into sentences with offsets; each line break also ends a sentence."""
    sentences: list[Sentence] = []
    start = 0
    for match in _SENTENCE_BREAK.finditer(text):
        if match.group() != "\n" and _is_abbreviation(text, match.start()):
            continue
        end = match.end() if match.group() != "\n" else match.start()
        _append_sentence(text, start, end, sentences)
        start = match.end()
    _append_sentence(text, start, len(text), sentences)
    return sentences


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    word_start = dot
    while word_start > 0 and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
        word_start -= 1
    word = text[word_start:dot].casefold()
    if word in ABBREVIATIONS:
        return True
    # Single capital initials ("J. Brown") are not sentence ends.
    return len(word) == 1 and text[dot - 1].isupper()


def _append_sentence(text: str, start: int, end: int, sentences: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        sentences.append(Sentence(id=len(sentences) + 1, text=text[start:end], start=start, end=end))


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
