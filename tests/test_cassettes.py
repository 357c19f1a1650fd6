"""No secret in any cassette: no key-like strings, no authorization or cookie headers with values."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import CASSETTES

KEY_LIKE = re.compile(r"\b(sk-[A-Za-z0-9_\-]{8,}|Bearer\s+[A-Za-z0-9_\-\.]{8,}|sess-[A-Za-z0-9]{8,})")
SECRET_HEADERS = {
    "authorization",
    "openai-organization",
    "openai-project",
    "cookie",
    "set-cookie",
    "api-key",
    "x-api-key",
}


def cassette_files() -> list:
    return sorted(CASSETTES.rglob("*.yaml"))


def test_there_are_cassettes() -> None:
    assert cassette_files(), "cassettes/ is empty: run scripts/record-cassettes"


@pytest.mark.parametrize("path", cassette_files(), ids=lambda p: p.name)
def test_cassette_has_no_secret(path) -> None:
    text = path.read_text(encoding="utf-8")
    assert KEY_LIKE.findall(text) == []
    data = yaml.safe_load(text)
    for interaction in data["interactions"]:
        for part in ("request", "response"):
            headers = {k.lower(): v for k, v in (interaction[part].get("headers") or {}).items()}
            for name in SECRET_HEADERS & set(headers):
                assert headers[name] in (["REDACTED"], "REDACTED"), f"{path.name}: {part} header {name} not filtered"


def test_secret_scanner_catches_a_key() -> None:
    assert KEY_LIKE.findall("Authorization: Bearer sk-proj-abcdefghijklmnop") != []
