"""The package's imports keep its layers: no import cycle, and the output side knows nothing of the engines.

Imports are read from the source with ``ast``, wherever they are written: at module level, inside a
function (a late import), or under ``if TYPE_CHECKING:``; a cycle through any of them is a cycle in
the design even when Python happens to import it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "summarizer"


def _module_files() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its ``__init__.py``)."""
    files = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        files[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return files


MODULES = _module_files()


def imported_modules(name: str) -> set[str]:
    """The package's modules that module ``name`` imports anywhere in its source."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from . import x, from .y import z
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            for alias in node.names:  # "from summarizer.numbers import verify" imports the module verify
                submodule = f"{module}.{alias.name}"
                found.add(submodule if submodule in MODULES else module)
    return {module for module in found if module in MODULES and module != name}


GRAPH = {name: imported_modules(name) for name in MODULES}


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    cycles.append(sorted(group))
    return cycles


def test_the_walk_reads_every_kind_of_import() -> None:
    assert len(MODULES) > 50 and "summarizer.numbers.verify" in MODULES and "summarizer.cli" in MODULES
    assert "summarizer.numbers.counted" in GRAPH["summarizer.numbers.verify"]  # from .counted import ...
    assert "summarizer.numbers.lexicon" in GRAPH["summarizer.numbers.context"]  # from . import lexicon as L
    assert "summarizer.render.html" in GRAPH["summarizer.cli.summary"]  # a late import, inside a function


@pytest.mark.parametrize(
    ("graph", "cycles"),
    [
        ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
        ({"a": {"b"}, "b": {"a"}, "c": {"a"}}, [["a", "b"]]),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"d"}}, [["a", "b", "c"]]),
    ],
)
def test_cycles_are_found(graph: dict[str, set[str]], cycles: list[list[str]]) -> None:
    assert import_cycles(graph) == cycles


def test_no_import_cycle_in_the_package() -> None:
    assert import_cycles(GRAPH) == []


@pytest.mark.parametrize(
    "name",
    [
        name
        for name in MODULES
        if name.startswith(("summarizer.render", "summarizer.cli")) or name == "summarizer.progress"
    ],
)
def test_output_and_cli_import_nothing_from_the_engines(name: str) -> None:
    """render/, cli/ and progress.py see results, prices and the api: never an engine."""
    assert not {module for module in GRAPH[name] if module.startswith("summarizer.engines")}
