"""What every command shares: one exception becomes one 'Error:' line and its exit status; the output
file written atomically; the inputs named; the JSONL stream; the exit status of a run's articles.

Imports nothing heavy at module level: ``summarizer --help`` loads only this and click.
"""

from __future__ import annotations

import contextlib
import functools
import os
import secrets
import stat
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from summarizer.config import debug_enabled
from summarizer.controls import inert
from summarizer.errors import InputError, SummarizerError
from summarizer.inputs import MAX_INPUT_BYTES, replace_unwritable
from summarizer.redact import redact

if TYPE_CHECKING:
    from summarizer.stream import JsonlWriter

EXIT_OK, EXIT_UNVERIFIED, EXIT_INPUT, EXIT_MODEL = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
EXIT_STATUS_HELP = """\b
Exit status:
  0  success: every number, date, quote and name in the output is verified
     (relative dates and the words of translated quotes: named, not checked)
  1  output written, but some are unsupported or need review, or another
     check failed (flagged)
  2  usage or input error (also: -o another run is writing; output not writable)
  3  model or back-end failure
  130  interrupted (Ctrl-C); what was finished is kept"""
GROUP_EXIT_STATUS = """\b
Exit status:
  0  success: every number, date, quote and name in the output is verified
     (translate: every number, date and name checked both ways)
  1  output written, but problems remain (flagged)
  2  usage or input error (also: -o another run is writing; output not writable)
  3  model or back-end failure
  130  interrupted (Ctrl-C); what was finished is kept"""
TRANSLATE_EXIT_STATUS = """\b
Exit status:
  0  success: every number, date and name of each paragraph is in its
     translation, which holds no other
  1  output written, but a number, date or name was added, changed or
     dropped, or another check failed (flagged)
  2  usage or input error (also: -o another run is writing; output not writable)
  3  model or back-end failure
  130  interrupted (Ctrl-C); what was finished is kept"""


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
        interrupted()
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


def interrupted() -> NoReturn:
    """Ctrl-C (SIGINT): one line and exit 130, in every command and format. What was finished is
    kept: the JSONL lines already written (``--resume`` does the rest), the model results in the cache."""
    fail("Error: interrupted", EXIT_INTERRUPTED)


def echo_out(text: str, *, nl: bool = True) -> None:
    """Print to standard output; a write that fails (a full disk, ``> /dev/full``) is an InputError."""
    try:
        click.echo(text, nl=nl)
    except OSError as error:
        raise stdout_error(error) from error


def stdout_error(error: OSError) -> InputError:
    """The error of a failed write to standard output, which is then pointed at the null device, so
    that the interpreter's last flush of what is still buffered cannot fail again at exit."""
    from summarizer.stream import silence_stdout

    silence_stdout()
    return InputError(f"standard output: cannot write ({error.strerror or error})")


def fail(message: str, status: int, *, debug: bool = False) -> NoReturn:
    """Print ``message`` (and the traceback under SUMMARIZER_DEBUG), secrets redacted, and exit."""
    say(message)
    if debug and debug_enabled():
        click.echo(inert(redact(traceback.format_exc().rstrip()), lines=True), err=True)
    sys.exit(status)


def say(line: str) -> None:
    """One line on standard error (``Error:``, ``Note:``, ``Warning:``): secrets masked, and any control
    character a server, a model or an article put in it shown as an escape, so that it cannot clear the
    terminal or forge another line."""
    click.echo(inert(redact(line)), err=True)


def check_output(output: str | None, inputs: tuple[str, ...], *, reads: Sequence[tuple[str | None, str]] = ()) -> None:
    """Refuse a bad ``-o`` before any work is done (a model run costs time and money).

    ``inputs`` are the inputs as expanded (a directory's files named): an output that is one of them,
    or the file standard input reads when ``-`` is one, is refused. So is one of the other files the
    run reads, ``reads``: (path or None, what it is: "the --template file"). A symlink is followed:
    the file it points to is the one written.
    """
    if output is None or output == "-":
        return
    target = Path(os.path.realpath(output))
    written = _regular_file_stat(output)
    if written is not None:
        named = [(given, "the input file") for given in inputs] + [(path, what) for path, what in reads if path]
        for given, what in named:
            read = _stdin_stat() if given == "-" else _regular_file_stat(given)
            if read is not None and os.path.samestat(read, written):
                what = "the file standard input reads" if given == "-" else what
                raise InputError(f"{output}: refusing to overwrite {what}", path=output)
    if target.is_dir():
        raise InputError(f"{output}: is a directory", path=output)
    if not target.parent.is_dir():
        raise InputError(f"{output}: its directory does not exist", path=output)


def claim_output(output: str | None) -> None:
    """Hold an exclusive lock on ``output`` until the command ends, so that two runs never write one file.

    The lock is taken on a lock file beside the output (``.NAME.lock``, of the file a symlink points
    to), not on the output itself, which a run replaces by renaming a new file over it; it is taken
    before any work, so a second run on the same file (an overlapping cron job, a ``--resume`` of a
    run still going) fails at once with one ``Error:`` line (exit 2) and changes nothing. The lock
    file is removed when the command ends; a killed run's lock is released by the system (``flock``,
    or ``msvcrt.locking`` on Windows), so a stale lock file never blocks. Standard output, a device
    or pipe (``/dev/null``) and an output in a directory where no lock file can be made are not locked.
    """
    if output is None or output == "-":
        return
    target = Path(os.path.realpath(output))
    if target.exists() and not target.is_file():
        return
    path = target.with_name(f".{target.name}.lock")
    while True:
        try:
            descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError:
            return  # no lock file can be made there (a read-only directory): nothing can be renamed in either
        if not _try_lock(descriptor):
            os.close(descriptor)
            raise InputError(
                f"{output}: another run is writing it (locked by {path}); let it finish, or choose another -o",
                path=output,
            )
        try:  # a run that has just finished removed the file we opened: lock the one there now
            if os.path.samestat(os.fstat(descriptor), os.stat(path)):
                break
        except OSError:
            pass
        os.close(descriptor)

    def release() -> None:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)  # while still holding it; a run opening it now sees it gone
        os.close(descriptor)

    context = click.get_current_context(silent=True)
    if context is not None:
        context.call_on_close(release)


def _try_lock(descriptor: int) -> bool:
    """Take an exclusive lock on the open file without waiting; False when another process holds it."""
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def prompt_files(prompts_dir: str | None) -> list[tuple[str | None, str]]:
    """The files of a ``--prompts`` directory, as ``check_output``'s ``reads``."""
    if not prompts_dir or not os.path.isdir(prompts_dir):
        return []
    return [(str(path), "a file of the --prompts directory") for path in sorted(Path(prompts_dir).iterdir())]


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
    text = _writable(text)
    if output is None or output == "-":
        echo_out(text, nl=not text.endswith("\n"))
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


def on_terminal(output: str | None) -> bool:
    """Whether the output goes to a terminal: no ``-o`` file, and standard output is a tty."""
    if output not in (None, "-"):
        return False
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False


def write_markdown(text: str, output: str | None) -> None:
    """Markdown to ``output`` as :func:`write` writes it; on a terminal, drawn for reading by ``rich``
    (headings, tables, emphasis; no backslash escapes, no ``<div dir="rtl">`` tags). A file or a pipe gets
    the plain Markdown, byte for byte."""
    if not on_terminal(output):
        write(text, output)
        return
    from rich.console import Console  # imported only for a terminal
    from rich.markdown import Markdown

    Console(soft_wrap=False).print(Markdown(_without_direction_tags(_writable(text))))


def _writable(text: str) -> str:
    """``text`` with what UTF-8 cannot hold as U+FFFD, said on standard error when there was any."""
    text, replaced = replace_unwritable(text)
    if replaced:
        click.echo(
            f"Note: {replaced} lone surrogate or noncharacter code point(s) in the output were written as U+FFFD.",
            err=True,
        )
    return text


def _without_direction_tags(text: str) -> str:
    """The Markdown without the ``<div dir="rtl" lang="ar">`` and ``</div>`` lines that wrap right-to-left
    blocks (a terminal lays out each line as its own bidi paragraph and would show the tags as text)."""
    import re

    return re.sub(r'^(?:<div dir="rtl" lang="\w+">|</div>)\n', "", text, flags=re.M)


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
        say(f"Note: {note}")
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
                    say(_failure(result))
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
        say(_failure(article))
    _exit_for_counts(len(failed), sum(article.flagged for article in articles))


def _exit_for_counts(failed: int, problems: int) -> None:
    """Exit 3 when an article failed, 1 when problems remain unverified (after saying so), else return (0)."""
    if failed:
        click.echo(f"Error: {failed} article(s) or input(s) failed; the others were written.", err=True)
        sys.exit(EXIT_MODEL)
    if problems:
        click.echo(f"Warning: {problems} problem(s) remain unverified; they are flagged in the output.", err=True)
        sys.exit(EXIT_UNVERIFIED)
