"""The model resolved once, before any budget: a server's only model, its advertised window, the setting
over both; the same name in the results, the cache key and the dry run, which counts what is sent."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, ROOT

from summarizer.cli import cli

sys.path.insert(0, str(ROOT / "scripts"))
from load_server import MODEL, LoadServer, output_budget, sent_tokens

local_only = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])
PARAGRAPH = (
    "In district {n}, the council counted {count} new homes this year. "
    "Officials said the district's school took {pupils} more pupils, and its clinic opened on a Monday."
)
# about 26,000 tokens: one article that no 8k window holds
LONG = "\n\n".join(PARAGRAPH.format(n=n, count=100 + n, pupils=20 + n) for n in range(1, 701))


def invoke(arguments: list[str], env: dict[str, str]) -> Any:
    return CliRunner().invoke(cli, arguments, env={"OPENAI_API_KEY": "sk-local", **env}, catch_exceptions=False)


def chat_requests(server: LoadServer) -> list[dict[str, Any]]:
    return server.bodies


@local_only
def test_a_one_model_server_and_the_window_setting_chunk_a_long_article_within_it(tmp_path: Path) -> None:
    """No --model: the server's only model is used; SUMMARIZER_CONTEXT_WINDOW=8192 bounds every request."""
    source = tmp_path / "long.txt"
    source.write_text(LONG, encoding="utf-8")
    with LoadServer(delay=0.0, log=True) as server:
        env = {"OPENAI_BASE_URL": server.url, "SUMMARIZER_CONTEXT_WINDOW": "8192"}
        result = invoke(["summarize", str(source), "--format", "json", "--no-cache"], env)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["model"] == MODEL
    [article] = data["articles"]
    assert any("summarized in" in note for note in article["notes"])
    bodies = chat_requests(server)
    assert len(bodies) >= 5  # four or more parts of the article, then the merge
    assert {body["model"] for body in bodies} == {MODEL}
    for body in bodies:
        assert sent_tokens(body) + output_budget(body) <= 8192, (sent_tokens(body), output_budget(body))
    assert sent_tokens(bodies[0]) > 4000  # the parts are not needlessly small
    assert server.gets == ["/v1/models"]  # asked once, before any budget


@local_only
@pytest.mark.parametrize(
    ("entry", "props", "gets"),
    [
        ({"max_model_len": 4096}, None, ["/v1/models"]),  # vLLM
        ({"meta": {"n_ctx_train": 32768}}, {"default_generation_settings": {"n_ctx": 4096}}, ["/v1/models", "/props"]),
    ],
    ids=["vllm", "llama.cpp"],
)
def test_the_served_models_advertised_window_is_its_budget(
    tmp_path: Path, entry: dict[str, Any], props: dict[str, Any] | None, gets: list[str]
) -> None:
    source = tmp_path / "long.txt"
    source.write_text(LONG[: len(LONG) // 4], encoding="utf-8")
    with LoadServer(delay=0.0, log=True, entry=entry, props=props) as server:
        dry = invoke(["summarize", str(source), "--dry-run", "--format", "json"], {"OPENAI_BASE_URL": server.url})
        assert server.gets == gets and not server.bodies  # the dry run asks what is served, and calls no model
        [row] = json.loads(dry.stdout)["articles"]
        assert (row["model"], row["context_window"], row["max_output_tokens"] // row["calls"]) == (MODEL, 4096, 1024)
        result = invoke(["summarize", str(source), "--format", "json", "--no-cache"], {"OPENAI_BASE_URL": server.url})
    assert result.exit_code == 0, result.stderr
    assert len(server.bodies) == row["calls"] > 2
    for body in server.bodies:
        assert sent_tokens(body) + output_budget(body) <= 4096
    # the setting wins over what the server says
    with LoadServer(delay=0.0, log=True, entry=entry, props=props) as server:
        env = {"OPENAI_BASE_URL": server.url, "SUMMARIZER_CONTEXT_WINDOW": "16384"}
        [row] = json.loads(invoke(["summarize", str(source), "--dry-run", "--format", "json"], env).stdout)["articles"]
    assert (row["context_window"], row["calls"]) == (16384, 1)


@local_only
def test_the_resolved_name_is_in_the_cache_key(tmp_path: Path) -> None:
    cache = ["--cache-dir", str(tmp_path / "cache")]
    source = str(EXAMPLES / "harbour-en.txt")
    with LoadServer(delay=0.0, log=True) as server:
        first = invoke(["summarize", source, "--format", "json", *cache], {"OPENAI_BASE_URL": server.url})
        again = invoke(["summarize", source, "--format", "json", *cache], {"OPENAI_BASE_URL": server.url})
        assert len(server.bodies) == 1 and json.loads(again.stdout)["articles"][0]["cached"] is True
        assert json.loads(first.stdout)["model"] == json.loads(again.stdout)["model"] == MODEL
        port = int(server.url.rsplit(":", 1)[1].split("/")[0])
    # the same base URL, now serving another model: not the same work, so not a cache hit
    with LoadServer(delay=0.0, log=True, models=("another-model",), port=port) as other:
        moved = invoke(["summarize", source, "--format", "json", *cache], {"OPENAI_BASE_URL": other.url})
    assert other.url == server.url
    assert len(other.bodies) == 1 and not json.loads(moved.stdout)["articles"][0].get("cached")
    assert json.loads(moved.stdout)["model"] == "another-model"


@local_only
def test_several_models_and_none_named_is_the_existing_error(tmp_path: Path) -> None:
    with LoadServer(delay=0.0, log=True, models=("gemma", "llama")) as server:
        result = invoke(["summarize", str(EXAMPLES / "harbour-en.txt")], {"OPENAI_BASE_URL": server.url})
    assert result.exit_code == 3 and not server.bodies
    assert "is not served at" in result.stderr and "it serves: gemma, llama (use --model)" in result.stderr


@local_only
@pytest.mark.parametrize("model", [None, "gpt-5-mini"], ids=["served-model", "default-model"])
def test_the_dry_run_counts_what_the_first_request_sends(tmp_path: Path, model: str | None) -> None:
    """Messages, their framing and the schema: the dry run's input tokens are what the logging server gets."""
    source = tmp_path / "feed.jsonl"
    texts = [(EXAMPLES / name).read_text(encoding="utf-8") for name in ("harbour-en.txt", "water-ar.txt")]
    source.write_text("".join(json.dumps({"id": str(n), "text": t}) + "\n" for n, t in enumerate(texts)), "utf-8")
    served = (model or MODEL,)
    extra = ["--model", model] if model else []
    with LoadServer(delay=0.0, log=True, models=served) as server:
        env = {"OPENAI_BASE_URL": server.url}
        rows = json.loads(invoke(["summarize", str(source), "--dry-run", "--format", "json", *extra], env).stdout)
        run = invoke(["summarize", str(source), "--format", "json", "--no-cache", "--concurrency", "1", *extra], env)
    assert run.exit_code == 0, run.stderr
    assert [row["input_tokens"] for row in rows["articles"]] == [sent_tokens(body) for body in server.bodies]
    assert {row["model"] for row in rows["articles"]} == {served[0]}
