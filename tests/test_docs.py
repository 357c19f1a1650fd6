"""Every command of the CLI, and every option of each, is documented: in its --help and in docs/.

Also: every link between the README and the docs/ pages (and its #anchor) resolves, every page is linked
from the README, and `summarizer --help` ends by saying where the documentation lives."""

from __future__ import annotations

import re

import click
import pytest
from click.testing import CliRunner
from conftest import ROOT

from summarizer.cli import cli

README_PATH = ROOT / "README.md"
DOCS_DIR = ROOT / "docs"
PAGES = [README_PATH, *sorted(DOCS_DIR.glob("*.md"))]
DOCS = "\n".join(page.read_text(encoding="utf-8") for page in sorted(DOCS_DIR.glob("*.md")))


def commands(group: click.Group = cli, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], click.Command]]:
    """Every command and subcommand under ``group``, with the words that name it."""
    found = []
    for name, command in sorted(group.commands.items()):
        found.append(((*path, name), command))
        if isinstance(command, click.Group):
            found += commands(command, (*path, name))
    return found


COMMANDS = commands()
OPTIONS = [
    (path, option)
    for path, command in [((), cli), *COMMANDS]
    for param in command.params
    if isinstance(param, click.Option)
    for option in param.opts + param.secondary_opts
]


def mentioned(text: str, words: str) -> bool:
    """Whether ``words`` stand in ``text`` as a whole (not as part of a longer option or word)."""
    return re.search(rf"(?<![\w-]){re.escape(words)}(?![\w-])", text) is not None


def test_the_walk_finds_every_command() -> None:
    names = {" ".join(path) for path, _ in COMMANDS}
    assert {"summarize", "translate", "verify", "batch", "batch submit", "batch status", "batch collect"} <= names
    assert {(), ("summarize",), ("batch", "collect")} <= {path for path, _ in OPTIONS} and len(OPTIONS) > 40


@pytest.mark.parametrize("path", [path for path, _ in COMMANDS], ids=" ".join)
def test_every_command_is_in_the_docs(path: tuple[str, ...]) -> None:
    assert mentioned(DOCS, "summarizer " + " ".join(path)), f"`summarizer {' '.join(path)}` is not in docs/"


@pytest.mark.parametrize(
    ("path", "option"), OPTIONS, ids=lambda value: " ".join(value) if isinstance(value, tuple) else value
)
def test_every_option_is_in_its_help_and_the_docs(path: tuple[str, ...], option: str) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0
    assert mentioned(result.output, option), f"{option} is not in `summarizer {' '.join(path)} --help`"
    assert mentioned(DOCS, option), f"{option} of `summarizer {' '.join(path)}` is not in docs/"
