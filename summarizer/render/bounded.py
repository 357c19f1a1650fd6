"""A user's page template (``--template``) compiled and rendered in a child process, within bounds.

Jinja2's sandbox keeps a template from reaching files or Python internals, but not from using up the
machine: ``{{ "x" * 10**10 }}`` asks for 10 GB (Jinja2 even folds such a constant while compiling),
``{{ "x"|center(10**10) }}`` the same through a filter, and two nested ``range`` loops run for hours.
So a user's template is never compiled or rendered in the tool's own process: a child process
(``python -m summarizer.render.bounded``) does it, with

- a time budget (``SECONDS``, wall clock; the child's CPU time is capped as well), after which it is killed;
- a memory budget (``MEMORY_BYTES`` of address space beyond what the child holds when it starts, POSIX
  ``RLIMIT_AS``), past which its allocations fail at once, before any memory is touched;
- an output-size cap (``OUTPUT_CHARS``), checked as the page is produced.

Past any of them the render fails with a ``ConfigurationError`` (one ``Error:`` line, exit 2) that says
which budget it went over; the tool's process is unharmed and the run's results stay in the cache.
Where ``resource`` is missing (Windows) only the time budget and the output cap apply. The shipped
templates are the tool's own and are rendered in process (``summarizer.render.html``).

Child protocol: standard input is a pickle of ``(mode, source, context, limits)``; exit 0 writes the page
(UTF-8, lone surrogates passed through) to standard output; any other outcome writes one JSON object,
``{"kind", "message", "line"}``, and exits 2.
"""

from __future__ import annotations

import functools
import json
import pickle
import signal
import subprocess
import sys
from typing import Any

from jinja2 import DictLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from summarizer.errors import ConfigurationError
from summarizer.languages import direction

SECONDS = 30.0  # a page of a thousand articles renders in a few seconds
MEMORY_BYTES = 2 * 1024**3
OUTPUT_CHARS = 256 * 1024**2
MiB = 1024**2


class TemplateLimitError(ConfigurationError):
    """A user's template went over its time, memory or output budget."""


def check_template(source: str, *, seconds: float = SECONDS, memory: int = MEMORY_BYTES) -> dict[str, Any] | None:
    """Compile ``source`` in the child: None when it compiles, else ``{"kind", "message", "line"}``."""
    outcome = _run_child("check", source, {}, seconds=seconds, memory=memory, output=OUTPUT_CHARS)
    return None if isinstance(outcome, str) else outcome


def render_bounded(
    source: str,
    context: dict[str, Any],
    *,
    seconds: float = SECONDS,
    memory: int = MEMORY_BYTES,
    output: int = OUTPUT_CHARS,
) -> str:
    """``source`` rendered with ``context`` in the child; ConfigurationError when it fails or goes over a budget."""
    outcome = _run_child("render", source, context, seconds=seconds, memory=memory, output=output)
    if isinstance(outcome, str):
        return outcome
    raise ConfigurationError(f"cannot render the HTML template: {outcome['message']}")


def _run_child(
    mode: str, source: str, context: dict[str, Any], *, seconds: float, memory: int, output: int
) -> str | dict[str, Any]:
    payload = pickle.dumps((mode, source, context, {"seconds": seconds, "memory": memory, "output": output}))
    command = [sys.executable, "-m", "summarizer.render.bounded"]
    try:
        done = subprocess.run(command, input=payload, capture_output=True, timeout=seconds + _START_SECONDS)
    except subprocess.TimeoutExpired as error:  # subprocess.run has killed it
        raise TemplateLimitError(_over("time", seconds, memory, output)) from error
    except OSError as error:
        raise ConfigurationError(f"cannot start the process that renders the HTML template ({error})") from error
    if done.returncode == 0:
        return done.stdout.decode("utf-8", "surrogatepass")
    try:
        outcome = json.loads(done.stdout)
    except ValueError:
        outcome = None
    if not isinstance(outcome, dict) and done.returncode < 0:  # killed: the CPU limit (SIGXCPU), or out of memory
        over_time = done.returncode == -getattr(signal, "SIGXCPU", -1)
        raise TemplateLimitError(_over("time" if over_time else "time or memory", seconds, memory, output))
    if not isinstance(outcome, dict):  # it could not start its work (a broken installation): say what it said
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ConfigurationError(
            f"the process that renders the HTML template failed (exit {done.returncode}: {said[-1] if said else ''})"
        )
    if outcome.get("kind") in ("time", "memory", "output"):
        raise TemplateLimitError(_over(outcome["kind"], seconds, memory, output))
    return outcome


_START_SECONDS = 10.0  # the child's own start (an interpreter and Jinja2) on a loaded machine, not the template's


def _over(kind: str, seconds: float, memory: int, output: int) -> str:
    budgets = {
        "time": f"its time budget ({seconds:g} s)",
        "memory": f"its memory budget ({memory // MiB:,} MB)",
        "time or memory": f"its time or memory budget ({seconds:g} s, {memory // MiB:,} MB)",
        "output": f"its output-size cap ({output // MiB:,} MB)",
    }
    return f"the HTML template went over {budgets[kind]}; it was stopped (loops, repeated or huge strings?)"


@functools.cache
def page_environment() -> SandboxedEnvironment:
    """Where every page template is compiled, the shipped ones in process and a user's in the child: a
    sandbox, autoescaping on, undefined names an error, one file (no ``extends`` or ``include``)."""
    environment = SandboxedEnvironment(
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        loader=DictLoader({}),  # a page is one file: {% extends %} or {% include %} is a template error, not a crash
    )
    environment.globals["direction"] = direction  # a language code's writing direction, "rtl" or "ltr"
    return environment


# --- the child ------------------------------------------------------------------------------------------


def _limit(seconds: float, memory: int) -> None:
    """Cap this process's CPU time and the address space it may add from now on."""
    try:
        import resource
    except ImportError:  # Windows: the parent's wall-clock limit still applies
        return
    cpu = int(seconds) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            in_use = int(handle.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        in_use = 256 * MiB
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = in_use + memory
    if hard == resource.RLIM_INFINITY or wanted < hard:
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))


def _child() -> int:
    import time

    from jinja2 import TemplateError, TemplateSyntaxError

    mode, source, context, limits = pickle.loads(sys.stdin.buffer.read())
    _limit(limits["seconds"], limits["memory"])
    started = time.monotonic()

    def failed(kind: str, message: str, line: int | None = None) -> int:
        sys.stdout.write(json.dumps({"kind": kind, "message": message, "line": line}))
        return 2

    try:
        template = page_environment().from_string(source)
        if mode == "check":
            return 0
        pieces: list[str] = []
        size = 0
        for piece in template.generate(**context):
            size += len(piece)
            if size > limits["output"]:
                return failed("output", "")
            if time.monotonic() - started > limits["seconds"]:
                return failed("time", "")
            pieces.append(piece)
        page = "".join(pieces)
    except MemoryError:
        return failed("memory", "")
    except TemplateSyntaxError as error:
        return failed("syntax", error.message or str(error), error.lineno)
    except TemplateError as error:
        return failed("template", str(error))
    except RecursionError:
        return failed("template", "RecursionError: the template calls itself too deeply")
    except Exception as error:  # noqa: BLE001  the template's own expression failed ({{ 1/0 }}, range(10**9))
        return failed("other", f"{type(error).__name__}: {error}")
    sys.stdout.buffer.write(page.encode("utf-8", "surrogatepass"))
    return 0


if __name__ == "__main__":
    sys.exit(_child())
