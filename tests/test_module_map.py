"""The module table of docs/development.md is the tree: every row names a module that exists, every
module with code has its row, and the data-flow paragraph names only modules that exist."""

from __future__ import annotations

import re

from conftest import ROOT

PACKAGE = ROOT / "summarizer"
PAGE = ROOT / "docs" / "development.md"


def _section(title: str) -> str:
    text = PAGE.read_text(encoding="utf-8")
    start = text.index(f"## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end >= 0 else len(text)]


def table_paths() -> list[str]:
    """The first cell of each row of the Tree table: a path under summarizer/ (a folder ends with /)."""
    rows = [line for line in _section("Tree").splitlines() if line.startswith("| `")]
    return [re.match(r"\| `([^`]+)`", row)[1] for row in rows]  # type: ignore[index]  # every row starts so


def test_every_row_names_a_module_that_exists() -> None:
    for path in table_paths():
        assert (PACKAGE / path).exists(), f"docs/development.md names summarizer/{path}, which is not there"


def test_every_module_with_code_has_its_row() -> None:
    paths = table_paths()
    folders = [path for path in paths if path.endswith("/")]
    for module in sorted(PACKAGE.rglob("*.py")):
        relative = module.relative_to(PACKAGE).as_posix()
        if module.name == "__init__.py" and not module.read_text(encoding="utf-8").strip():
            continue  # an empty package marker has no job
        if relative in paths or any(relative.startswith(folder) for folder in folders):
            continue
        raise AssertionError(f"summarizer/{relative} has no row in docs/development.md's module table")


def test_the_data_flow_names_modules_that_exist() -> None:
    names = re.findall(r"`([a-z_/]+)`", _section("Data flow"))
    for name in names:
        if name.startswith("tests/"):
            continue
        candidates = [PACKAGE / f"{name}.py", PACKAGE / name.rstrip("/"), PACKAGE / f"{name.rstrip('/')}.py"]
        assert any(path.exists() for path in candidates), f"the data flow names {name!r}, which is not a module"
