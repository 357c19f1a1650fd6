"""The command line: a thin click layer over ``summarizer.api``. Each command parses its options, runs
its work through ``api`` (nothing here imports ``summarizer.engines``), writes the output (rendered by
``summarizer.render``, streamed by ``summarizer.stream``) and maps errors to one 'Error:' line and an exit
status; only this package prints.

- ``common``: errors to exit statuses, the output file, the inputs, the JSONL stream, the run's exit;
- ``runs``: the options summarize and translate share, and their run over many inputs;
- ``summary`` (summarize), ``translation`` (translate), ``verification`` (verify), ``batches`` (batch ...).

Exit status (also in docs/verification.md and --help):
  0  success: every number, date, quote and name in the output verified (translate: every number, date and
     name checked both ways)
  1  output written, but mentions unsupported or needing review, or failed checks, remain (flagged)
  2  usage or input error
  3  model or back-end failure
"""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import sys
from typing import Any, NoReturn

import click

from summarizer import __version__
from summarizer.cli.batches import batch
from summarizer.cli.common import (
    EXIT_INPUT,
    EXIT_INTERRUPTED,
    GROUP_EXIT_STATUS,
    epilog,
    fail,
    interrupted,
    stdout_error,
)
from summarizer.cli.summary import summarize
from summarizer.cli.translation import translate
from summarizer.cli.verification import verify


class _Group(click.Group):
    """The command group: Ctrl-C anywhere in a command is one ``Error: interrupted`` line and exit 130
    (click alone would print "Aborted!" and exit 1 where no ``call`` caught it, as in a JSONL stream),
    and a usage error (an unknown option, a missing argument, a bad value) is one ``Error:`` line and
    exit 2, as every other error is (click alone prints the usage, a hint and a blank line before it)."""

    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra: Any
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as error:
            _usage_error(error)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            interrupted()
        except click.UsageError as error:
            _usage_error(error)


def _usage_error(error: click.UsageError) -> NoReturn:
    """One ``Error:`` line (the message on one line, then where the options are listed) and exit 2; a
    command given with nothing at all still shows its help."""
    if isinstance(error, click.exceptions.NoArgsIsHelpError):
        raise error
    where = error.ctx.command_path if error.ctx is not None else "summarizer"
    fail(f"Error: {' '.join(error.format_message().split())} (see '{where} --help')", error.exit_code)


@click.group(
    cls=_Group, context_settings={"help_option_names": ["-h", "--help"]}, epilog=epilog(exit_status=GROUP_EXIT_STATUS)
)
@click.version_option(__version__, prog_name="summarizer")
def cli() -> None:
    """Grounded bilingual (Arabic/English) news summaries with verified numbers, dates, quotes and names."""


for command in (summarize, verify, translate, batch):
    cli.add_command(command)


_OUTPUT_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO)


def main() -> None:
    """Console-script entry point."""
    try:
        cli(prog_name="summarizer")
    except SystemExit as leaving:
        if leaving.code != EXIT_INTERRUPTED:
            raise
        # Ctrl-C: the line is said, the output closed and its lock released; leave now rather than wait
        # at exit for the requests still in flight in the worker threads (their replies are not wanted).
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(EXIT_INTERRUPTED)
    except OSError as error:  # click's own output (--help, --version) to a full disk; a command's goes through call
        if error.errno not in _OUTPUT_FULL:
            raise
        fail(f"Error: {stdout_error(error)}", EXIT_INPUT)
    finally:
        # Leaving, the interpreter's last collections would walk the thousands of objects the openai
        # SDK made at import (0.07 s on every run); they live until the process ends, so skip them.
        # Files and the cache are closed by then, and atexit handlers still run.
        gc.freeze()


__all__ = ["cli", "main"]
