"""Rendering the prompt templates: one versioned Jinja2 file per prompt, in a sandbox.

Templates are named ``TASK.vN.jinja`` (``summarize.v1.jinja``). The newest
version of each task is used; a change to a prompt is a new file, and the
version used is recorded in every result. A user directory given with
``--prompts DIR`` / ``prompts_dir=`` is searched first, so a user can replace
any task's template. Article text is only ever passed as a variable, never
compiled as template source, and a missing variable is an error. The shipped
templates live in the top-level ``prompts/`` folder, installed as the package
data ``summarizer.prompts``.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from summarizer.errors import ConfigurationError

TEMPLATE_NAME = re.compile(r"^(?P<task>[a-z_]+)\.v(?P<version>\d+)\.jinja$")


@dataclass(frozen=True)
class Template:
    """A loaded template: its task, version and source."""

    task: str
    version: int
    source: str
    origin: str

    @property
    def name(self) -> str:
        return f"{self.task}.v{self.version}"


def _builtin_directory() -> Path:
    return Path(str(resources.files("summarizer.prompts")))


def _scan(directory: Path) -> dict[str, tuple[int, Path]]:
    newest: dict[str, tuple[int, Path]] = {}
    for path in directory.glob("*.jinja"):
        match = TEMPLATE_NAME.match(path.name)
        if match:
            task, version = match["task"], int(match["version"])
            if task not in newest or version > newest[task][0]:
                newest[task] = (version, path)
    return newest


class PromptSet:
    """The templates for one run, looked up in the user's directory first."""

    def __init__(self, prompts_dir: str | Path | None = None) -> None:
        self.directories: list[Path] = []
        if prompts_dir is not None:
            user = Path(prompts_dir)
            if not user.is_dir():
                raise ConfigurationError(f"{prompts_dir}: prompt directory not found", path=str(prompts_dir))
            self.directories.append(user)
        self.directories.append(_builtin_directory())
        self._loaded: dict[str, Template] = {}  # read once per run: every article of a run gets the same prompts
        self._lock = threading.Lock()  # a run's threads all ask for the first time at once; one reads the file
        self._constant: dict[str, str] = {}  # templates rendered without variables (the system prompt)

    def template(self, task: str) -> Template:
        """The newest template for ``task`` (read on first use, then kept for the run)."""
        if task not in self._loaded:
            with self._lock:
                if task not in self._loaded:
                    self._loaded[task] = self._find(task)
        return self._loaded[task]

    def all_templates(self) -> list[Template]:
        """The newest template of every task these directories hold (what any request can be made of)."""
        tasks = sorted({task for directory in self.directories for task in _scan(directory)})
        return [self.template(task) for task in tasks]

    def _find(self, task: str) -> Template:
        for directory in self.directories:
            found = _scan(directory).get(task)
            if found:
                version, path = found
                try:
                    source = path.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError) as error:
                    raise ConfigurationError(
                        f"{path}: cannot read the template ({getattr(error, 'strerror', None) or error})",
                        path=str(path),
                    ) from error
                return Template(task=task, version=version, source=source, origin=str(path))
        raise ConfigurationError(f"no template for the {task!r} prompt (expected {task}.v1.jinja)", task=task)

    def render(self, task: str, **variables: Any) -> str:
        """Render the newest template for ``task`` with ``variables``."""
        if not variables and task in self._constant:
            return self._constant[task]
        template = self.template(task)
        rendered = render_source(template.source, template.name, **variables)
        if not variables:
            self._constant[task] = rendered
        return rendered


_COMPILE_LOCK = threading.Lock()


def _compiled(source: str, name: str) -> Any:
    """The compiled template, made once: a run's threads render their first prompts at the same moment,
    and without the lock each would compile it (20 ms apiece, while the others wait for the CPU)."""
    with _COMPILE_LOCK:
        return _compile(source, name)


@lru_cache(maxsize=64)
def _compile(source: str, name: str) -> Any:
    from jinja2 import StrictUndefined, TemplateSyntaxError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    environment = ImmutableSandboxedEnvironment(
        undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False, trim_blocks=False
    )
    try:
        return environment.from_string(source)
    except TemplateSyntaxError as error:
        raise ConfigurationError(f"{name}: template syntax error on line {error.lineno}: {error.message}") from error


def render_source(source: str, name: str, **variables: Any) -> str:
    """Render template source in the sandbox; undefined variables and unsafe access are errors."""
    from jinja2 import TemplateError

    template = _compiled(source, name)
    try:
        return template.render(**variables).strip() + "\n"
    except TemplateError as error:
        raise ConfigurationError(f"{name}: cannot render the template: {error}", template=name) from error
