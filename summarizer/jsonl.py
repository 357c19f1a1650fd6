"""JSONL feeds: one ``{"text", "id", "title"}`` object per line.

A document is JSONL when at least half of its non-blank lines parse as JSON objects with a
``text`` string (so a broken first line does not turn a feed into one prose article). Once it is
JSONL, every non-blank line must be such an object: the first that is not is an InputError
naming its line number. Lines are split at ``\\n`` only (JSON strings may hold U+2028).
Lone surrogates and noncharacters that JSON escapes can carry (``"\\ud800"``) become U+FFFD,
with a note on the article.
"""

from __future__ import annotations

import json
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
    lines = [(number, line) for number, line in enumerate(document.split("\n"), 1) if line.strip()]
    if 2 * sum(1 for _, line in lines if line.lstrip().startswith("{")) < len(lines) or not lines:
        return None  # cheap: most lines of JSONL start with "{"
    parsed = [(number, _load(line)) for number, line in lines]
    usable = sum(1 for _, value in parsed if isinstance(value, dict) and isinstance(value.get("text"), str))
    if 2 * usable < len(lines):
        return None  # prose that happens to start with "{"
    records = []
    for number, value in parsed:
        if isinstance(value, Exception):
            reason = "is nested too deeply" if isinstance(value, RecursionError) else "is not valid JSON"
            raise InputError(f"line {number} of the JSONL input {reason}", line=number)
        if not isinstance(value, dict) or not isinstance(value.get("text"), str):
            raise InputError(f'line {number} of the JSONL input has no "text" string', line=number)
        if not value["text"].strip():
            raise InputError(f'line {number} of the JSONL input has an empty "text"', line=number)
        records.append(_record(number, value))
    return records


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
    identifier = replace_unwritable(str(value["id"]))[0] if value.get("id") is not None else None
    notes = (f"{replaced} lone surrogate or noncharacter code point(s) in the text were replaced with U+FFFD.",)
    return Record(line=number, text=text, id=identifier, title=title, notes=notes if replaced else ())
