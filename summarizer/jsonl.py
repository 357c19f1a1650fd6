"""JSONL feeds: one ``{"text", "id", "title"}`` object per line.

A document is JSONL when at least half of its non-blank lines parse as JSON objects with a
``text`` string (so a broken first line does not turn a feed into one prose article). Once it is
JSONL, every non-blank line must be such an object: the first that is not is an InputError
naming its line number, and so is a repeated article id (an ``id`` given twice, or equal to
the record number that is the id of a record without one): resuming a run relies on each id
naming one article of its input. Lines are split at ``\\n`` only (JSON strings may hold U+2028).
Lone surrogates and noncharacters that JSON escapes can carry (``"\\ud800"``) become U+FFFD,
with a note on the article.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from summarizer.errors import InputError
from summarizer.inputs import replace_unwritable


@dataclass(frozen=True)
class Record:
    """One JSONL line, ready to become an article."""

    line: int
    text: str
    id: str | None
    title: str | None
    notes: tuple[str, ...] = ()


def parse_jsonl(document: str) -> list[Record] | None:
    """The records of a JSONL document, or None when the document is not JSONL."""
    records = iter_jsonl(document)
    return None if records is None else list(records)


def iter_jsonl(document: str) -> Iterator[Record] | None:
    """The records of a JSONL document one at a time, or None when the document is not JSONL.

    The whole document is checked first (whether it is JSONL, and the first line that is not a
    record raises InputError here), then each line is parsed again as its record is reached, so a
    long feed is never held as records all at once.
    """
    lines = braced = usable = 0
    problem: InputError | None = None
    first_line_of: dict[str, int] = {}  # each article id -> the line that gave it
    for _number, line in _lines(document):
        lines += 1
        braced += line.lstrip().startswith("{")
    if 2 * braced < lines or not lines:
        return None  # cheap: most lines of JSONL start with "{"
    for number, line in _lines(document):
        value = _load(line)
        reason = _problem(value)
        usable += reason is None or reason == _EMPTY_TEXT
        if reason is not None and problem is None:
            problem = InputError(f"line {number} of the JSONL input {reason}", line=number)
        if reason is None and problem is None:
            problem = _repeated_id(first_line_of, value, number)
    if 2 * usable < lines:
        return None  # prose that happens to start with "{"
    if problem is not None:
        raise problem
    return _records(document)


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
    if not isinstance(value, dict) or not isinstance(value.get("text"), str):
        return 'has no "text" string'
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
