"""What every command shares: one exception becomes one 'Error:' line and its exit status; the output
file written atomically; the inputs named; the JSONL stream; the exit status of a run's articles.

Imports nothing heavy at module level: ``summarizer --help`` loads only this and click.
"""

from __future__ import annotations

import functools
import os
import secrets
import stat
import sys
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from summarizer.config import debug_enabled
from summarizer.errors import InputError, SummarizerError
from summarizer.inputs import MAX_INPUT_BYTES, replace_unwritable
from summarizer.redact import redact

if TYPE_CHECKING:
    from summarizer.stream import JsonlWriter

EXIT_OK, EXIT_UNVERIFIED, EXIT_INPUT, EXIT_MODEL = 0, 1, 2, 3
EXIT_STATUS_HELP = """\b
Exit status:
  0  success: every number in the output is verified
  1  output written, but unsupported numbers remain (flagged)
  2  usage or input error
  3  model or back-end failure"""


def epilog(page: str | None = None, exit_status: str = EXIT_STATUS_HELP) -> str:
    """A command's help epilog: its exit statuses, then where the documentation lives (``docs/page``)."""
    where = "Documentation: README.md and the pages of docs/ in the summarizer source tree"
    if page:
        where += f"\n(this command: docs/{page})"
    return f"{exit_status}\n\n\b\n{where}."


T = TypeVar("T")


def call(action: Callable[[], T]) -> T:
    """Call the API; turn any exception into one 'Error:' line and its exit status.

    Under SUMMARIZER_DEBUG=1 the traceback follows that line; the exit status is the same.
    """
    try:
        return action()
    except SummarizerError as error:
        fail(f"Error: {error}", error.exit_code)
    except KeyboardInterrupt:
        fail("Error: interrupted", 130)
    except RecursionError:
        fail("Error: the input is nested too deeply to process", EXIT_INPUT, debug=True)
    except MemoryError:
        message = f"Error: out of memory; the input is too large to process (the limit is {MAX_INPUT_BYTES:,} bytes)"
        fail(message, EXIT_INPUT, debug=True)
    except Exception as error:  # noqa: BLE001  a bug: one line for users, the traceback under SUMMARIZER_DEBUG
        fail(
            f"Error: unexpected failure ({type(error).__name__}: {error}); "
            "rerun with SUMMARIZER_DEBUG=1 for the traceback",
            EXIT_MODEL,
            debug=True,
        )


def fail(message: str, status: int, *, debug: bool = False) -> NoReturn:
    """Print ``message`` (and the traceback under SUMMARIZER_DEBUG), secrets redacted, and exit."""
    click.echo(redact(message), err=True)
    if debug and debug_enabled():
        click.echo(redact(traceback.format_exc().rstrip()), err=True)
    sys.exit(status)


def check_output(output: str | None, inputs: tuple[str, ...]) -> None:
    """Refuse a bad ``-o`` before any work is done (a model run costs time and money).

    ``inputs`` are the inputs as expanded (a directory's files named): an output that is one of them,
    or the file standard input reads when ``-`` is one, is refused. A symlink is followed: the file
    it points to is the one written.
    """
    if output is None or output == "-":
        return
    target = Path(os.path.realpath(output))
    written = _regular_file_stat(output)
    if written is not None:
        for given in inputs:
            read = _stdin_stat() if given == "-" else _regular_file_stat(given)
            if read is not None and os.path.samestat(read, written):
                what = "the file standard input reads" if given == "-" else "the input file"
                raise InputError(f"{output}: refusing to overwrite {what}", path=output)
    if target.is_dir():
        raise InputError(f"{output}: is a directory", path=output)
    if not target.parent.is_dir():
        raise InputError(f"{output}: its directory does not exist", path=output)


def _regular_file_stat(name: str) -> os.stat_result | None:
    """The stat of the regular file ``name`` names (symlinks followed), else None."""
    try:
        info = os.stat(name)
    except (OSError, ValueError):
        return None
    return info if stat.S_ISREG(info.st_mode) else None


def _stdin_stat() -> os.stat_result | None:
    """The stat of the regular file on standard input (``< article.txt``), else None."""
    try:
        info = os.fstat(sys.stdin.fileno())
    except (OSError, ValueError, AttributeError):  # no real descriptor (a test runner's stream)
        return None
    return info if stat.S_ISREG(info.st_mode) else None


def write(text: str, output: str | None) -> None:
    """Print, or write ``output`` (checked by check_output before the run).

    A regular file is replaced atomically: a new file gets the umask's mode, an existing one keeps
    its mode, and a symlink keeps pointing at the file, which is the one replaced. Anything else
    (``/dev/null``, a pipe) is written in place. Characters UTF-8 cannot hold (lone surrogates; noncharacters too)
    become U+FFFD, so that nothing computed is lost at the last step.
    """
    text, replaced = replace_unwritable(text)
    if replaced:
        click.echo(
            f"Note: {replaced} lone surrogate or noncharacter code point(s) in the output were written as U+FFFD.",
            err=True,
        )
    if output is None or output == "-":
        click.echo(text, nl=not text.endswith("\n"))
        return
    target = Path(os.path.realpath(output))
    try:
        if target.exists() and not target.is_file():
            with open(target, "w", encoding="utf-8") as handle:
                handle.write(text)
            return
        _replace_file(target, text.encode("utf-8"))
    except OSError as error:
        raise InputError(f"{output}: cannot write ({error.strerror or error})", path=output) from error


def _replace_file(target: Path, data: bytes) -> None:
    """Write ``data`` beside ``target`` and rename it over it, keeping an existing file's mode."""
    existing_mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else None
    temporary = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask applies
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        if existing_mode is not None:
            os.chmod(temporary, existing_mode)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def input_names(inputs: tuple[str, ...], output: str | None) -> list[str]:
    """The inputs with each directory replaced by its files; ``-`` may be given once only.

    A directory's file that is the output and that this tool wrote (JSONL results or batch
    requests, see ``_is_own_output``) is left out, so that a run can be repeated into its input
    directory; any other output among the inputs is refused by check_output.
    """
    from summarizer.sources import STDIN, expand_inputs

    if inputs.count(STDIN) > 1:
        raise InputError("'-' (standard input) is given more than once; it can be read once only")
    return [
        name
        for given in inputs
        for name in expand_inputs([given])
        if name == given or not (_is_output(name, output) and _is_own_output(name))
    ]


def _is_output(name: str, output: str | None) -> bool:
    if output in (None, "-") or name == "-":
        return False
    return os.path.realpath(name) == os.path.realpath(output)


def _is_own_output(name: str) -> bool:
    """Whether the file is empty or its first line is a JSONL result (``input``) or batch request
    (``custom_id``): an output of this tool, not an article to keep."""
    import json

    try:
        if os.stat(name).st_size == 0:
            return True
        with open(name, "rb") as handle:
            first = handle.readline(1_000_000).strip()
    except OSError:
        return False
    try:
        value = json.loads(first)
    except ValueError:
        return False
    return isinstance(value, dict) and ("input" in value or "custom_id" in value) and "text" not in value


def read_input(name: str, encoding: str | None) -> Any:
    """An input's text, its decoding notes said on standard error."""
    from summarizer.inputs import read_text

    text = call(lambda: read_text(name, encoding=encoding))
    for note in text.notes:
        click.echo(f"Note: {note}", err=True)
    return text


def _write_line(writer: JsonlWriter, result: Any, *, audit: bool) -> None:
    from summarizer.stream import result_line

    writer.write(result_line(result, include_audit=audit))


def write_stream(
    results: Iterator[Any],
    output: str | None,
    *,
    append: bool = False,
    audit: bool = False,
    progress: Any = None,
    model: Callable[[], str | None] = lambda: None,
) -> None:
    """Write each result's JSONL line as it completes (one Error: line per failure), then exit for them all."""
    from summarizer.stream import JsonlWriter

    failed = unverified = 0
    with call(lambda: JsonlWriter(output, append=append)) as writer:
        try:
            for result in results:
                call(functools.partial(_write_line, writer, result, audit=audit))
                if progress is not None:
                    progress.add(result, model())
                failed += result.error is not None
                unverified += result.flagged
                if result.error is not None:
                    click.echo(_failure(result), err=True)
        finally:
            close = getattr(results, "close", None)
            if close is not None:
                close()
            if progress is not None:
                progress.close()
    _exit_for_counts(failed, unverified)


def _failure(result: Any) -> str:
    """The ``Error:`` line of a failed article or input, naming it once."""
    message = result.error.message
    if result.id:
        where = f"{result.input}, " if result.input else ""
        named = message.startswith(f"article {result.id}:")  # the conversation's errors name their article
        return f"Error: {where}{message}" if named else f"Error: {where}article {result.id}: {message}"
    return f"Error: {message}" if result.input and result.input in message else f"Error: {result.input}: {message}"


def exit_for(articles: list[Any]) -> None:
    """Say each failed article, then exit 3 when any failed, 1 when any is flagged, else return (0)."""
    failed = [article for article in articles if article.error is not None]
    for article in failed:
        click.echo(_failure(article), err=True)
    _exit_for_counts(len(failed), sum(article.flagged for article in articles))


def _exit_for_counts(failed: int, problems: int) -> None:
    """Exit 3 when an article failed, 1 when problems remain unverified (after saying so), else return (0)."""
    if failed:
        click.echo(f"Error: {failed} article(s) or input(s) failed; the others were written.", err=True)
        sys.exit(EXIT_MODEL)
    if problems:
        click.echo(f"Warning: {problems} problem(s) remain unverified; they are flagged in the output.", err=True)
        sys.exit(EXIT_UNVERIFIED)
