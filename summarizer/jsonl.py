"""JSONL feeds: one ``{"text", "id", "title"}`` object per line.

A document is JSONL when at least half of its non-blank lines parse as JSON objects (so a broken
first line does not turn a feed into one prose article, nor does a feed whose objects name their text
``body``: it is refused, not summarized as JSON source), or when its file's name says so
(``feed.jsonl``, ``feed.jsonl.gz``: DecodedText.jsonl, OpenedInput.jsonl), whatever it holds: a feed
exported wrong (prose, an array) under that name is refused, naming its first bad line, never read as
one prose article. Once it is JSONL, every non-blank line must be
an object with a ``text`` string: the first that is not is an InputError
naming its line number, and so is a repeated article id (an ``id`` given twice, or equal to
the record number that is the id of a record without one): resuming a run relies on each id
naming one article of its input. Lines are split at ``\\n`` only (JSON strings may hold U+2028).
Lone surrogates and noncharacters that JSON escapes can carry (``"\\ud800"``) become U+FFFD,
with a note on the article.

A feed of any size is read a line at a time (:class:`JsonlFeed`): a first pass checks every line
by the rules above, keeping only the article ids, and a second reads each record as the run
reaches it, so memory does not grow with the feed's length; only one record is bounded
(MAX_RECORD_BYTES). A feed that is not UTF-8 (or the encoding named) line by line is read whole,
as a text, with its encoding detected (summarizer.inputs).
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from summarizer.errors import InputError
from summarizer.inputs import JSONL_SUFFIX, MAX_INPUT_BYTES, DecodedText, OpenedInput, read_checked, replace_unwritable

MAX_RECORD_BYTES = MAX_INPUT_BYTES  # one line of a JSONL feed: as long as a text read whole may be
SNIFF_BYTES = 64 * 1024  # read to see whether an input may be a JSONL feed
# Said after the first bad line of a file named .jsonl whose content alone would not be JSONL.
NOT_A_FEED = f"; a {JSONL_SUFFIX} file holds one JSON object per line (name it .txt to read it as text)"


@dataclass(frozen=True)
class Record:
    """One JSONL line, ready to become an article."""

    line: int
    text: str
    id: str | None
    title: str | None
    notes: tuple[str, ...] = ()


def parse_jsonl(document: str, *, required: bool | None = None) -> list[Record] | None:
    """The records of a JSONL document, or None when the document is not JSONL (see :func:`iter_jsonl`)."""
    records = iter_jsonl(document, required=required)
    return None if records is None else list(records)


def iter_jsonl(document: str, *, required: bool | None = None) -> Iterator[Record] | None:
    """The records of a JSONL document one at a time, or None when the document is not JSONL.

    The whole document is checked first (whether it is JSONL, and the first line that is not a
    record raises InputError here), then each line is parsed again as its record is reached, so a
    long feed is never held as records all at once. ``required`` True: the document is JSONL whatever
    its lines are (its file's name says so); None: as ``document.jsonl`` says, for a DecodedText.
    """
    if required is None:
        required = isinstance(document, DecodedText) and document.jsonl
    lines = braced = usable = 0
    problem: InputError | None = None
    first_line_of: dict[str, int] = {}  # each article id -> the line that gave it
    for _number, line in _lines(document):
        lines += 1
        braced += line.lstrip().startswith("{")
    if (2 * braced < lines and not required) or not lines:
        return None  # cheap: most lines of JSONL start with "{"
    for number, line in _lines(document):
        value = _load(line)
        reason = _problem(value)
        usable += isinstance(value, dict)
        if reason is not None and problem is None:
            problem = InputError(f"line {number} of the JSONL input {reason}", line=number)
        if reason is None and problem is None:
            problem = _repeated_id(first_line_of, value, number)
    if not _is_feed(lines=lines, braced=braced, usable=usable, problem=problem, required=required):
        return None  # prose that happens to start with "{"
    return _records(document)


def _is_feed(*, lines: int, braced: int, usable: int, problem: InputError | None, required: bool) -> bool:
    """Whether checked lines are a JSONL feed: at least half of them objects (most opening with ``{``),
    or ``required`` (the file's name says JSONL). A feed's first ``problem`` is raised; in a feed only
    its name makes one, the error says what such a file holds."""
    by_content = lines > 0 and 2 * braced >= lines and 2 * usable >= lines
    if not by_content and not (required and lines):
        return False
    if problem is not None and not by_content:
        raise InputError(f"{problem}{NOT_A_FEED}", **problem.context)
    if problem is not None:
        raise problem
    return True


def _records(document: str) -> Iterator[Record]:
    """Each line's record, parsed as it is reached (iter_jsonl checked every line already)."""
    for number, line in _lines(document):
        value = _load(line)
        if (reason := _problem(value)) is not None:  # only a deeper stack than the check's could fail here
            raise InputError(f"line {number} of the JSONL input {reason}", line=number)
        yield _record(number, value)


_EMPTY_TEXT = 'has an empty "text"'


def record_id(value: dict[str, Any]) -> str | None:
    """The ``id`` a record gives itself, as text (None when it gives none)."""
    return replace_unwritable(str(value["id"]))[0] if value.get("id") is not None else None


def _repeated_id(first_line_of: dict[str, int], value: dict[str, Any], number: int) -> InputError | None:
    """The error when this record's article id was an earlier record's; else None (the id is noted).

    Every record before a problem-free one is a record, so the record number of an id-less record
    (its article id, see summarizer.articles) is the count of ids noted so far, plus one.
    """
    identifier = record_id(value)
    if identifier is None:
        identifier = str(len(first_line_of) + 1)
    earlier = first_line_of.setdefault(identifier, number)
    if earlier == number:
        return None
    return InputError(
        f"lines {earlier} and {number} of the JSONL input have the same article id {identifier!r}; "
        "give each article its own id",
        line=number,
    )


def _lines(document: str) -> Iterator[tuple[int, str]]:
    """The non-blank lines of ``document`` with their 1-based numbers, split at ``\\n`` only."""
    start, number = 0, 0
    while start <= len(document):
        end = document.find("\n", start)
        end = len(document) if end < 0 else end
        number += 1
        line = document[start:end]
        if line.strip():
            yield number, line
        start = end + 1


def _problem(value: Any) -> str | None:
    """Why a parsed line is not a record (its InputError's wording), or None when it is one."""
    if isinstance(value, Exception):
        return "is nested too deeply" if isinstance(value, RecursionError) else "is not valid JSON"
    if not isinstance(value, dict):
        return 'has no "text" string'
    if not isinstance(value.get("text"), str):
        keys = ", ".join(json.dumps(key, ensure_ascii=False)[:40] for key in list(value)[:6])
        more = ", ..." if len(value) > 6 else ""
        return f'has no "text" string (its keys: {keys}{more})' if keys else 'has no "text" string (an empty object)'
    if not value["text"].strip():
        return _EMPTY_TEXT
    return None


def _load(line: str) -> Any:
    """The line's JSON value, or the exception that parsing it raised."""
    try:
        return json.loads(line)
    except (ValueError, RecursionError) as error:  # ValueError covers JSONDecodeError and digit limits
        return error


def _record(number: int, value: dict[str, Any]) -> Record:
    text, replaced = replace_unwritable(value["text"])
    title = value.get("title")
    title = replace_unwritable(title)[0] if isinstance(title, str) and title.strip() else None
    identifier = record_id(value)
    notes = (f"{replaced} lone surrogate or noncharacter code point(s) in the text were replaced with U+FFFD.",)
    return Record(line=number, text=text, id=identifier, title=title, notes=notes if replaced else ())


class _NotLineByLine(Exception):
    """A line that the encoding cannot decode on its own: the feed is read whole, with its encoding detected."""


def may_be_jsonl(head: bytes) -> bool:
    """Whether an input starting with ``head`` may be a JSONL feed: its first non-blank line opens with ``{``."""
    return head.removeprefix(codecs.BOM_UTF8).lstrip().startswith(b"{")


class JsonlFeed:
    """A JSONL input read a line at a time: ``check()`` (the first pass), then ``records()`` (the second)."""

    def __init__(self, opened: OpenedInput, encoding: str | None = None) -> None:
        self.opened = opened
        self.encoding = codecs.lookup(encoding).name if encoding else "utf-8"
        self.record_count = 0

    def check(self) -> bool:
        """True when the input is JSONL (every line a record, ids unique), False when it is not JSONL or
        cannot be decoded a line at a time (read it whole: a name that says JSONL is then checked there);
        InputError names the first line that is not a record, or a repeated id. Only the ids are kept,
        whatever the input's length."""
        if self.encoding.startswith(("utf_16", "utf_32")):
            return False  # a newline byte is not a line end there
        lines = braced = usable = 0
        problem: InputError | None = None
        first_line_of: dict[str, int] = {}  # each article id -> the line that gave it
        try:
            for number, line in self._lines():
                lines += 1
                braced += line is None or line.lstrip().startswith("{")  # an over-long line counts as a record's
                value = _load(line) if line is not None else None
                reason = _long_record() if line is None else _problem(value)
                usable += isinstance(value, dict)
                if reason is not None and problem is None:
                    problem = InputError(f"line {number} of the JSONL input {reason}", line=number)
                if reason is None and problem is None and isinstance(value, dict):
                    problem = _repeated_id(first_line_of, value, number)
        except _NotLineByLine:
            return False
        if not _is_feed(lines=lines, braced=braced, usable=usable, problem=problem, required=self.opened.jsonl):
            return False
        self.record_count = len(first_line_of)
        return True

    def records(self) -> Iterator[Record]:
        """Each line's record, read and parsed as it is reached (``check()`` passed every line)."""
        lines = self._lines()
        while True:
            try:
                number, line = next(lines)
            except StopIteration:
                return
            except _NotLineByLine:  # the file changed since it was checked
                raise InputError(f"{self.opened.name}: changed while it was read (a line is no longer UTF-8)") from None
            value = _load(line) if line is not None else None
            reason = _long_record() if line is None else _problem(value)
            if reason is not None or not isinstance(value, dict):  # the file changed since it was checked
                raise InputError(f"line {number} of the JSONL input {reason}", line=number)
            yield _record(number, value)

    def _lines(self) -> Iterator[tuple[int, str | None]]:
        """The non-blank lines with their 1-based numbers, split at ``\\n`` only; None for a line over
        MAX_RECORD_BYTES (it is read past, not kept)."""
        stream = self.opened.stream()
        number = 0
        while True:
            raw = read_checked(self.opened.name, lambda: stream.readline(MAX_RECORD_BYTES + 1))
            if not raw:
                return
            number += 1
            if len(raw) > MAX_RECORD_BYTES and not raw.endswith(b"\n"):
                _skip_line(stream, self.opened.name)
                yield number, None
                continue
            if number == 1:
                raw = raw.removeprefix(codecs.BOM_UTF8)
            if raw.strip():
                yield number, self._decoded(raw)

    def _decoded(self, raw: bytes) -> str:
        try:
            return raw.decode(self.encoding)
        except (UnicodeDecodeError, LookupError) as error:
            raise _NotLineByLine from error


def _long_record() -> str:
    return f"is longer than the limit of one record ({MAX_RECORD_BYTES:,} bytes)"


def _skip_line(stream: BinaryIO, name: str) -> None:
    """Read past the rest of an over-long line."""
    while True:
        rest = read_checked(name, lambda: stream.readline(1 << 20))
        if not rest or rest.endswith(b"\n"):
            return
