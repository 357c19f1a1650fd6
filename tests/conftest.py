"""Shared fixtures: paths, a clean environment, the reply-queue backend and the VCR setup."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings

from summarizer.config import LOCALE_VARIABLES, SETTINGS
from summarizer.engines.model.client import ChatReply

# CI runs the same examples every time, so a green run stays green; locally hypothesis explores.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "article-ar-two-stories.txt"
CORPUS = SHARED / "corpus"
EXAMPLES = ROOT / "examples"
CASSETTES = ROOT / "cassettes"
RECORDED_WITH = CASSETTES / "recorded-with.json"  # base URL and model the cassettes were recorded with

ENV_VARS = tuple(setting.env for setting in SETTINGS if setting.env)  # every variable the tool reads


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """No key or server from the developer's shell leaks into a test; unexpected errors show tracebacks.

    Each test gets its own empty results cache, so no test replays another's model work (outside
    the test's ``tmp_path``, which tests check for files left behind).
    """
    for name in ENV_VARS:
        monkeypatch.delenv(name, raising=False)
    for name in LOCALE_VARIABLES:  # an Arabic locale would turn the chrome Arabic (--interface's default)
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("SUMMARIZER_DEBUG", "1")
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


def require(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not there (../shared is needed beside the project)")
    return path


@pytest.fixture
def seed_text() -> str:
    return require(SEED).read_text(encoding="utf-8")


def corpus_rows(name: str) -> Iterator[dict[str, Any]]:
    with require(CORPUS / name).open(encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


class ScriptedBackend:
    """A back end that answers from a queue of replies and records every request."""

    def __init__(self, replies: list[ChatReply | str | dict[str, Any]], *, model: str = "scripted-model") -> None:
        self.model = model
        self.replies = list(replies)
        self.requests: list[list[dict[str, str]]] = []
        self.schemas: list[dict[str, Any]] = []
        self.schema_in_prompt = False

    def complete(
        self, messages: list[dict[str, str]], *, schema: dict[str, Any], schema_name: str, max_tokens: int
    ) -> ChatReply:
        self.requests.append([dict(m) for m in messages])
        self.schemas.append(schema)
        if not self.replies:
            raise AssertionError("the pipeline asked for more replies than the test scripted")
        reply = self.replies.pop(0)
        if isinstance(reply, dict):
            reply = json.dumps(reply, ensure_ascii=False)
        if isinstance(reply, str):
            reply = ChatReply(content=reply, finish_reason="stop", input_tokens=100, output_tokens=50)
        return reply


@pytest.fixture(scope="module")
def vcr_config() -> dict[str, Any]:
    """Readable cassettes, no secrets, and requests matched on method, path and body."""
    return {
        "filter_headers": [
            ("authorization", "REDACTED"),
            ("openai-organization", "REDACTED"),
            ("openai-project", "REDACTED"),
            ("cookie", None),
            ("set-cookie", None),
            ("api-key", "REDACTED"),
        ],
        "decode_compressed_response": True,
        "match_on": ["method", "path", "body"],
    }


@pytest.fixture(scope="module")
def vcr_cassette_dir(request: pytest.FixtureRequest) -> str:
    return str(CASSETTES / request.module.__name__.split(".")[-1])


@pytest.fixture
def recorded_model_env(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Where recorded tests point the back end. Replays use a dummy key; recording uses the real server.

    PYTEST_OPENAI_API_KEY (with no base URL) records against OpenAI itself; SUMMARIZER_RECORD_BASE_URL
    and SUMMARIZER_RECORD_MODEL point at the local server used by scripts/record-cassettes.
    """
    recorded = RECORDED_WITH.read_text(encoding="utf-8") if RECORDED_WITH.exists() else "{}"
    defaults = {"base_url": "http://127.0.0.1:8765/v1", "model": "gemma-3-270m-q4_k_m", **json.loads(recorded)}
    return {
        "api_key": os.environ.get("PYTEST_OPENAI_API_KEY")
        or os.environ.get("SUMMARIZER_RECORD_KEY")
        or "sk-dummy-replay-key",
        "base_url": os.environ.get("SUMMARIZER_RECORD_BASE_URL", defaults["base_url"]),
        "model": os.environ.get("SUMMARIZER_RECORD_MODEL", defaults["model"]),
    }


def recorded_with_other_prompts(cassette: Path) -> str | None:
    """Why ``cassette`` cannot replay with the shipped prompts, or None when it can (or sends no chat request).

    Cassettes match requests on their body, so a new prompt needs new cassettes (scripts/record-cassettes):
    one whose first chat request carries another system prompt than the shipped one was recorded with
    other prompts, and a test replaying it is skipped, saying so, until it is recorded again.
    """
    import yaml

    from summarizer.engines.model.templating import PromptSet

    if not cassette.exists():
        return None
    for interaction in yaml.safe_load(cassette.read_text(encoding="utf-8"))["interactions"]:
        request = interaction["request"]
        if request["method"] == "POST" and request["uri"].endswith("/chat/completions"):
            system = json.loads(request["body"])["messages"][0]["content"]
            prompts = PromptSet()
            shipped = {prompts.render(name) for name in ("system", "translate_system")}
            if system in shipped:
                return None
            names = ", ".join(sorted(template.name for template in prompts.all_templates()))
            return (
                f"{cassette.name} was recorded with other prompts than the shipped ones ({names}): "
                "record it again with scripts/record-cassettes"
            )
    return None
