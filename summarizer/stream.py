"""JSONL output: one line per article, written and flushed as the article completes; resuming a file.

Each line is the article's object from the JSON contract with ``input`` and ``id`` first (a
failed article: ``input``, ``id``, ``title``, ``error`` and ``notes``, no summaries). Lines are
flushed one by one, so a run that is killed keeps every article it finished (at most the line
being written is torn). ``prepare_resume`` reads such a file back: complete lines without an
error are kept and their (input, id) pairs returned to be skipped; a torn last line and the
lines of failed articles are dropped (the file is rewritten atomically when there are any), so
those articles are done again and every article is in the file exactly once. A file holding
another command's results (summaries resumed by ``translate``, translations into another
language) is refused before anything is changed.
"""

from __future__ import annotations

import json
import os
import secrets
import sys
from pathlib import Path
from typing import IO, Any

from summarizer.errors import InputError
from summarizer.inputs import replace_unwritable
from summarizer.results import ArticleResult


def result_line(result: ArticleResult, *, include_audit: bool = False) -> str:
    """The article's JSONL line (with its newline); text UTF-8 cannot hold becomes U+FFFD."""
    line = json.dumps(result.to_dict(include_audit=include_audit), ensure_ascii=False)
    return replace_unwritable(line)[0] + "\n"


class JsonlWriter:
    """Writes JSONL lines to a file (replacing it, or appending after ``prepare_resume``) or to standard output.

    Every line is flushed at once. A symlink is followed; an existing file keeps its mode.
    """

    def __init__(self, output: str | None, *, append: bool = False) -> None:
        self.name = output or "-"
        self._handle: IO[str]
        if output is None or output == "-":
            self._handle, self._owned = sys.stdout, False
            return
        try:
            self._handle = open(os.path.realpath(output), "a" if append else "w", encoding="utf-8")  # noqa: SIM115  the writer owns it: close() closes it
        except OSError as error:
            raise InputError(f"{output}: cannot write ({error.strerror or error})", path=output) from error
        self._owned = True

    def write(self, line: str) -> None:
        """Write one line (ending in a newline) and flush it."""
        try:
            self._handle.write(line)
            self._handle.flush()
        except OSError as error:
            raise InputError(f"{self.name}: cannot write ({error.strerror or error})", path=self.name) from error

    def close(self) -> None:
        if self._owned:
            self._handle.close()

    def __enter__(self) -> JsonlWriter:
        return self

    def __exit__(self, *_: Any) -> None:
        self.close()


def prepare_resume(output: str, *, target: str | None = None) -> set[tuple[str, str | None]]:
    """The (input, id) pairs ``output`` already holds, after dropping its torn and failed lines.

    ``target`` None resumes summaries, a language code translations into it. A missing file holds
    nothing. A line that is not a JSON object with ``input`` is an InputError (the file is not a
    summarizer JSONL output), except the last one, which a killed run may have left torn; so is a
    completed line of another kind (see ``_result_kind``).
    """
    path = Path(os.path.realpath(output))
    if not path.exists():
        return set()
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InputError(f"{output}: cannot read it to resume ({error.strerror or error})", path=output) from error
    lines = raw.split(b"\n")
    kept: list[bytes] = []
    done: set[tuple[str, str | None]] = set()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        record = _load(line)
        last = number == len(lines)  # no newline after it: cut off by a kill
        if record is None or "input" not in record:
            if last:
                continue
            raise InputError(f"{output}: line {number} is not a summarizer JSONL result; cannot resume", path=output)
        if "error" in record:
            continue
        found, wanted = _result_kind(record), _wanted_kind(target)
        if found != wanted and not last:
            raise InputError(f"{output}: line {number} is {found}, not {wanted}; cannot resume it", path=output)
        key = (str(record["input"]), record.get("id"))
        if key not in done and not last:
            done.add(key)
            kept.append(line)
    if len(kept) != sum(1 for line in lines if line.strip()):
        _replace(path, b"".join(line + b"\n" for line in kept))
    return done


def _wanted_kind(target: str | None) -> str:
    return "a summary" if target is None else f"a translation into {target!r}"


def _result_kind(record: dict[str, Any]) -> str:
    """What a completed result line holds: a summary carries ``summaries``, a translation ``paragraphs``
    and its ``target``."""
    if "summaries" in record and "paragraphs" not in record:
        return _wanted_kind(None)
    if "paragraphs" in record and "summaries" not in record:
        return _wanted_kind(str(record.get("target")))
    return "not a summarizer JSONL result"


def _load(line: bytes) -> dict[str, Any] | None:
    try:
        value = json.loads(line)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _replace(path: Path, data: bytes) -> None:
    """Write ``data`` beside ``path`` and rename it over it (a kill leaves the old file or the new one)."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        temporary.write_bytes(data)
        os.chmod(temporary, path.stat().st_mode & 0o7777)
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise InputError(f"{path}: cannot rewrite it to resume ({error.strerror or error})", path=str(path)) from error
