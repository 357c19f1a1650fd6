"""The wheel holds every package of the source tree (a non-editable install must run)."""

from __future__ import annotations

import re

from conftest import ROOT


def declared_packages() -> set[str]:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    block = re.search(r"^packages = \[(.*?)\]", text, re.M | re.S)
    assert block is not None
    return set(re.findall(r'"([\w.]+)"', block.group(1)))


def test_every_package_directory_is_declared() -> None:
    found = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "summarizer").rglob("__init__.py")
        if "__pycache__" not in path.parts
    }
    assert found - declared_packages() == set()
