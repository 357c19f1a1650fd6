"""Many-article runs: many inputs, JSONL streaming, failures recorded, the cache, resume, 429 storms.

The model is scripts/load_server.py on 127.0.0.1 (started here), never the network.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, ROOT

from summarizer import summarize, summarize_many
from summarizer.cache import ResultCache
from summarizer.cli import cli
from summarizer.stream import prepare_resume

sys.path.insert(0, str(ROOT / "scripts"))
from load_server import MODEL, LoadServer

local_only = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])
STORY = "The harbour board met on Monday to discuss the new quay. Officials said work would start in spring."


def feed(path: Path, count: int, *, marker: int | None = None, prefix: str = "a") -> Path:
    lines = []
    for number in range(1, count + 1):
        text = f"Story {number}. {STORY}" + (" FAILME" if number == marker else "")
        lines.append(json.dumps({"id": f"{prefix}{number}", "text": text}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def model_env(server: LoadServer) -> dict[str, str]:
    return {"OPENAI_BASE_URL": server.url, "OPENAI_API_KEY": "sk-local", "SUMMARIZER_MODEL": MODEL}


@pytest.fixture
def server() -> Iterator[LoadServer]:
    with LoadServer(delay=0.0) as running:
        yield running


def fail_marked(request: dict[str, Any], attempt: int) -> tuple[int, dict[str, str]] | None:
    return (400, {}) if "FAILME" in json.dumps(request) else None


def invoke(arguments: list[str], env: dict[str, str]) -> Any:
    return CliRunner().invoke(cli, ["summarize", *arguments], env=env, catch_exceptions=False)


def read_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@local_only
def test_one_failing_article_of_five_is_one_error_line_and_exit_3(tmp_path: Path) -> None:
    with LoadServer(delay=0.0, fault=fail_marked) as server:
        source = feed(tmp_path / "five.jsonl", 5, marker=3)
        out = tmp_path / "out.jsonl"
        result = invoke([str(source), "--format", "jsonl", "-o", str(out), "--concurrency", "2"], model_env(server))
    assert result.exit_code == 3
    lines = read_lines(out)
    assert sorted(line["id"] for line in lines) == ["a1", "a2", "a3", "a4", "a5"]
    failed = [line for line in lines if "error" in line]
    assert [line["id"] for line in failed] == ["a3"] and "summaries" not in failed[0]
    assert failed[0]["error"]["kind"] == "model" and "HTTP 400" in failed[0]["error"]["message"]
    assert all(line["verification"]["ok"] for line in lines if "error" not in line)
    assert f"Error: {source}, article a3:" in result.stderr


@local_only
def test_summarize_keeps_finished_articles_when_one_fails() -> None:
    text = "\n".join(
        json.dumps({"id": str(n), "text": f"Story {n}. {STORY}" + (" FAILME" if n == 2 else "")}) for n in (1, 2, 3)
    )
    with LoadServer(delay=0.0, fault=fail_marked) as server:
        result = summarize(text, base_url=server.url, api_key="sk-local", model=MODEL, no_cache=True)
    assert [article.id for article in result.articles] == ["1", "2", "3"]  # article order
    assert [article.error is None for article in result.articles] == [True, False, True]
    assert result.articles[1].error.status == 400 and not result.ok


@local_only
def test_a_cache_hit_makes_no_request(tmp_path: Path, server: LoadServer) -> None:
    source = feed(tmp_path / "feed.jsonl", 3)
    first = list(
        summarize_many([source], base_url=server.url, api_key="sk-local", model=MODEL, cache_dir=tmp_path / "c")
    )
    asked = server.requests
    again = list(
        summarize_many([source], base_url=server.url, api_key="sk-local", model=MODEL, cache_dir=tmp_path / "c")
    )
    assert asked == 3 and server.requests == asked
    assert all(result.cached and "From the cache" in result.notes[-1] for result in again)

    def strip(r: Any) -> dict[str, Any]:
        return {k: v for k, v in r.to_dict().items() if k not in ("cached", "notes")}

    assert sorted(map(json.dumps, map(strip, first))) == sorted(map(json.dumps, map(strip, again)))
    other = list(
        summarize_many(
            [source], base_url=server.url, api_key="sk-local", model=MODEL, cache_dir=tmp_path / "c", languages=["en"]
        )
    )
    assert server.requests == asked + 3 and not any(result.cached for result in other)  # languages are in the key


def test_the_cache_is_shared_safely_by_concurrent_writers(tmp_path: Path) -> None:
    def write(worker: int) -> None:
        cache = ResultCache(tmp_path)  # each its own connection, as two runs would have
        for number in range(50):
            cache.put(f"key{number % 10}", {"worker": worker, "number": number})
            assert cache.get(f"key{number % 10}") is not None
        cache.close()

    threads = [threading.Thread(target=write, args=(worker,)) for worker in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(ResultCache(tmp_path).get(f"key{n}") is not None for n in range(10))


def test_a_killed_run_resumed_writes_every_article_exactly_once(tmp_path: Path) -> None:
    source = feed(tmp_path / "feed.jsonl", 40)
    out = tmp_path / "out.jsonl"
    with LoadServer(delay=0.02) as server:
        env = {**os.environ, **model_env(server), "SUMMARIZER_NO_CACHE": "1"}
        command = [
            sys.executable,
            "-m",
            "summarizer",
            "summarize",
            str(source),
            "--format",
            "jsonl",
            "-o",
            str(out),
            "--concurrency",
            "4",
        ]
        process = subprocess.Popen(command, env=env, cwd=ROOT, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while (not out.exists() or out.stat().st_size == 0) and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(random.uniform(0.0, 0.2))
        process.send_signal(signal.SIGKILL)
        process.wait()
        with out.open("ab") as handle:
            handle.write(b'{"input": "torn')  # what a kill in the middle of a line leaves
        kept = len(prepare_resume(str(out)))
        assert subprocess.run([*command, "--resume"], env=env, cwd=ROOT, stderr=subprocess.DEVNULL).returncode == 0
    ids = [line["id"] for line in read_lines(out)]
    assert sorted(ids) == sorted(f"a{n}" for n in range(1, 41)) and kept < 40


@local_only
def test_a_429_storm_slows_the_run_and_loses_nothing(tmp_path: Path) -> None:
    def storm(request: dict[str, Any], attempt: int) -> tuple[int, dict[str, str]] | None:
        slow = "Story 7." in json.dumps(request)
        if attempt == 1 and (slow or random.random() < 0.5):
            return 429, {"Retry-After": "1" if slow else "0.05"}
        return None

    source = feed(tmp_path / "feed.jsonl", 12)
    with LoadServer(delay=0.05, fault=storm) as server:
        started = time.monotonic()
        results = list(
            summarize_many([source], base_url=server.url, api_key="sk-local", model=MODEL, concurrency=4, no_cache=True)
        )
        elapsed = time.monotonic() - started
    assert sorted(result.id for result in results) == sorted(f"a{n}" for n in range(1, 13))
    assert all(result.error is None for result in results)
    assert results[-1].id == "a7"  # the request told to wait 1 s finished last ...
    assert 1.0 <= elapsed < 2.5  # ... while the others went on (one at a time would take 12 x 0.05 s + the waits)


@local_only
def test_requests_go_out_at_once_without_waiting_to_learn_about_json_schema(tmp_path: Path) -> None:
    arrivals: list[float] = []

    def note_arrival(request: dict[str, Any], attempt: int) -> None:
        arrivals.append(time.monotonic())

    with LoadServer(delay=0.3, fault=note_arrival) as server:
        results = list(
            summarize_many(
                [feed(tmp_path / "feed.jsonl", 8)],
                base_url=server.url,
                api_key="sk-local",
                model=MODEL,
                concurrency=4,
                no_cache=True,
            )
        )
    assert all(result.error is None for result in results) and len(arrivals) == 8
    assert arrivals[3] - arrivals[0] < 0.2  # four requests in flight before the first reply (0.3 s) came back


@local_only
def test_a_server_refusing_json_schema_is_asked_again_with_the_schema_in_the_prompt_once_per_request_in_flight(
    tmp_path: Path,
) -> None:
    refused: list[int] = []

    def refuse_json_schema(request: dict[str, Any], attempt: int) -> tuple[int, dict[str, str], str] | None:
        if request["response_format"]["type"] == "json_schema":
            refused.append(attempt)
            return 500, {}, "Input should be 'text' or 'json_object' (json_schema)"  # llama-cpp-python's answer
        return None

    with LoadServer(delay=0.05, fault=refuse_json_schema) as server:
        results = list(
            summarize_many(
                [feed(tmp_path / "feed.jsonl", 8)],
                base_url=server.url,
                api_key="sk-local",
                model=MODEL,
                concurrency=4,
                no_cache=True,
            )
        )
    assert all(result.error is None for result in results) and len(results) == 8
    assert 1 <= len(refused) <= 4  # at most the requests sent before the first refusal came back


def test_many_inputs_keep_their_path_and_id(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "b.txt").write_text(STORY, encoding="utf-8")
    (folder / "a.md").write_text("Another story about the port. " + STORY, encoding="utf-8")
    (folder / "skip.csv").write_text("not an input", encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "deep.txt").write_text(STORY, encoding="utf-8")  # not recursive
    jsonl = feed(tmp_path / "feed.jsonl", 2, prefix="j")
    missing = tmp_path / "missing.txt"
    out = tmp_path / "out.jsonl"
    result = invoke(
        [str(folder), str(jsonl), str(missing), "--format", "jsonl", "-o", str(out)],
        {"SUMMARIZER_ENGINE": "extractive"},
    )
    assert result.exit_code == 3  # the missing file is recorded, the others are written
    pairs = [(line["input"], line["id"]) for line in read_lines(out)]
    assert pairs == [
        (str(folder / "a.md"), "1"),
        (str(folder / "b.txt"), "1"),
        (str(jsonl), "j1"),
        (str(jsonl), "j2"),
        (str(missing), None),
    ]
    both = invoke(
        [str(EXAMPLES / "harbour-en.txt"), str(jsonl), "--format", "json"], {"SUMMARIZER_ENGINE": "extractive"}
    )
    assert both.exit_code in (0, 1)
    assert [(a["input"], a["id"]) for a in json.loads(both.stdout)["articles"]] == [
        (str(EXAMPLES / "harbour-en.txt"), "1"),
        (str(jsonl), "j1"),
        (str(jsonl), "j2"),
    ]


def test_resume_needs_jsonl_and_a_file() -> None:
    result = invoke([str(EXAMPLES / "harbour-en.txt"), "--resume"], {})
    assert result.exit_code == 2 and result.stderr.startswith("Error: --resume needs --format jsonl and -o FILE")


def test_help_imports_no_heavy_module() -> None:
    code = (
        "import sys\nfrom summarizer.cli import cli\n"
        "try:\n    cli(['summarize', '--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = {'openai', 'tqdm', 'jinja2', 'tiktoken', 'sqlite3', 'pydantic'} & set(sys.modules)\n"
        "print(sorted(heavy))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert run.stdout.splitlines()[-1] == "[]"
