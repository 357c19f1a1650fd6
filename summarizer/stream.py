"""JSONL output: one line per article, written and flushed as the article completes; resuming a file.

Each line is the article's object from the JSON contract with ``input`` and ``id`` first (a
failed article: ``input``, ``id``, ``title``, ``error`` and ``notes``, no summaries). Lines are
flushed one by one, so a run that is killed keeps every article it finished (at most the line
being written is torn). ``prepare_resume`` reads such a file back: complete lines without an
error are kept and their (input, id) pairs returned to be skipped; a torn last line and the
lines of failed articles are dropped (the file is rewritten atomically when there are any), so
those articles are done again and every article is in the file exactly once. The file is read a
line at a time, and only the (input, id) pairs are kept, however long it is. A file holding
another command's results (summaries resumed by ``translate``, translations into another
language) is refused before anything is changed.
"""

from __future__ import annotations

import json
import os
import secrets
import sys
from collections.abc import Iterable, Iterator
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
            self.name = "standard output"
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
            if not self._owned:
                silence_stdout()
            raise InputError(f"{self.name}: cannot write ({error.strerror or error})", path=self.name) from error

    def close(self) -> None:
        if self._owned:
            self._handle.close()

    def __enter__(self) -> JsonlWriter:
        return self

    def __exit__(self, *_: Any) -> None:
        self.close()


def silence_stdout() -> None:
    """Point standard output at the null device after a write to it failed (a full disk, a closed pipe),
    so that the interpreter's flush of what is still buffered at exit fails no second time."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):  # no real descriptor (a test runner's stream)
        pass


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
    done: set[tuple[str, str | None]] = set()
    dropped = 0  # lines left out: the file is rewritten without them
    try:
        with path.open("rb") as handle:
            for line, keep in _resumed_lines(handle, output, target):
                if keep:
                    record = _load(line) or {}
                    done.add((str(record["input"]), record.get("id")))
                else:
                    dropped += 1
            if dropped:
                handle.seek(0)
                _rewrite(path, (line for line, keep in _resumed_lines(handle, output, target) if keep))
    except OSError as error:
        raise InputError(f"{output}: cannot read it to resume ({error.strerror or error})", path=output) from error
    return done


def _resumed_lines(handle: IO[bytes], output: str, target: str | None) -> Iterator[tuple[bytes, bool]]:
    """Each non-blank line of a results file and whether resuming keeps it, read a line at a time.

    A line that is not a result is an InputError, unless it is the last and has no newline (torn by a
    kill); failed articles and repeated (input, id) pairs are left out.
    """
    seen: set[tuple[str, str | None]] = set()
    number = 0
    for line in handle:
        number += 1
        if not line.strip():
            continue
        last = not line.endswith(b"\n")  # no newline after it: cut off by a kill
        record = _load(line)
        if record is None or "input" not in record:
            if last:
                yield line, False
                continue
            raise InputError(f"{output}: line {number} is not a summarizer JSONL result; cannot resume", path=output)
        if "error" in record:
            yield line, False
            continue
        found, wanted = _result_kind(record), _wanted_kind(target)
        if found != wanted and not last:
            raise InputError(f"{output}: line {number} is {found}, not {wanted}; cannot resume it", path=output)
        key = (str(record["input"]), record.get("id"))
        keep = key not in seen and not last
        seen.add(key)
        yield line.rstrip(b"\n"), keep


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


def _rewrite(path: Path, lines: Iterable[bytes]) -> None:
    """Write ``lines`` beside ``path`` and rename it over it (a kill leaves the old file or the new one)."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        with temporary.open("wb") as handle:
            for line in lines:
                handle.write(line + b"\n")
        os.chmod(temporary, path.stat().st_mode & 0o7777)
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise InputError(f"{path}: cannot rewrite it to resume ({error.strerror or error})", path=str(path)) from error
