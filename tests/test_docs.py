"""Every command of the CLI, and every option of each, is documented: in its --help and in docs/.

Also: every link between the README and the docs/ pages (and its #anchor) resolves, every page is linked
from the README, and `summarizer --help` ends by saying where the documentation lives."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import ROOT, SEED, require

from summarizer import summarize
from summarizer.cli import cli
from summarizer.render.markdown import render_result

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


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped (not - or _), spaces to hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def anchors(page: Path) -> set[str]:
    """Every heading anchor of a Markdown page (headings inside fenced blocks are not headings)."""
    text = re.sub(r"^```.*?^```", "", page.read_text(encoding="utf-8"), flags=re.MULTILINE | re.DOTALL)
    seen: dict[str, int] = {}
    found = set()
    for heading in re.findall(r"^#{1,6} (.+)$", text, flags=re.MULTILINE):
        base = slug(heading)
        found.add(f"{base}-{seen[base]}" if base in seen else base)
        seen[base] = seen.get(base, 0) + 1
    return found


def links(page: Path) -> list[str]:
    """The targets of a page's Markdown links and images that are not web addresses."""
    text = re.sub(r"^```.*?^```", "", page.read_text(encoding="utf-8"), flags=re.MULTILINE | re.DOTALL)
    return [target for target in re.findall(r"\]\(([^)\s]+)\)", text) if not re.match(r"[a-z]+:", target)]


def test_the_anchor_rule_is_githubs() -> None:
    assert slug("JSON output (stable contract, `schema_version` 2)") == "json-output-stable-contract-schema_version-2"
    assert slug("What needs `../shared`") == "what-needs-shared"
    assert slug("Beyond one machine: the Batch API") == "beyond-one-machine-the-batch-api"


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_every_link_and_anchor_resolves(page: Path) -> None:
    for target in links(page):
        path, _, anchor = target.partition("#")
        resolved = (page.parent / path).resolve() if path else page
        assert resolved.exists(), f"{page.name}: {target} does not exist"
        if anchor:
            assert anchor in anchors(resolved), f"{page.name}: no heading #{anchor} in {resolved.name}"


def test_the_readme_is_short_and_links_every_page() -> None:
    readme = README_PATH.read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 200
    linked = {(README_PATH.parent / target.partition("#")[0]).resolve() for target in links(README_PATH)}
    pages = sorted(DOCS_DIR.glob("*.md"))
    assert len(pages) >= 6
    assert {page.resolve() for page in pages} <= linked, "a docs/ page is not linked from the README"
    assert "<!-- test-command -->" in readme  # .ci/run reads the test command after this marker


@pytest.mark.parametrize("path", [(), *(path for path, _ in COMMANDS)], ids=lambda path: " ".join(path) or "summarizer")
def test_help_ends_with_where_the_documentation_lives(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"], terminal_width=80)
    assert result.exit_code == 0
    last = result.output.strip().split("\n\n")[-1]
    assert "Documentation:" in last and "README.md" in last and "docs/" in last, last
    for page in re.findall(r"docs/([\w-]+\.md)(?:#([\w-]+))?", last):
        assert (DOCS_DIR / page[0]).exists(), page
        assert not page[1] or page[1] in anchors(DOCS_DIR / page[0]), page


def test_the_readme_output_excerpt_is_the_seeds_real_output() -> None:
    """The README's Markdown excerpt is what the extractive engine writes for the seed today (line for line)."""
    excerpt = re.search(r"^```markdown\n(.*?)^```", README_PATH.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL)
    assert excerpt, "the README shows no Markdown output"
    output = render_result(summarize(require(SEED).read_text(encoding="utf-8"), engine="extractive")).splitlines()
    missing = [line for line in excerpt.group(1).splitlines() if line and line not in output]
    assert not missing, f"README lines the seed's output no longer has (run the seed again and paste): {missing}"
