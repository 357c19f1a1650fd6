"""Issue 22: what a careless operator or a hostile server can do to the files and the terminal.

Server and model text escaped in every format; ``-o`` never one of the run's inputs, templates or
glossaries; one run at a time per output file; undecodable file names kept apart; secrets masked in
batch lines; user templates bounded in time and memory; Ctrl-C and a full disk as one ``Error:`` line;
batch collect losing one article, not the file, for one bad line or record.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from conftest import EXAMPLES, ROOT, ScriptedBackend
from hypothesis import given, settings
from hypothesis import strategies as st
from test_batch import FakeOpenAI, jsonl_feed, lines, openai_server, result_line  # noqa: F401  (a fixture)
from test_model_pipeline import GOOD, INVENTED

import summarizer.glossary as glossary_module
from summarizer import summarize
from summarizer.cli import cli
from summarizer.errors import ModelError
from summarizer.glossary import Glossary, Term, contains_term
from summarizer.render.bounded import TemplateLimitError, render_bounded
from summarizer.render.html import render_html
from summarizer.render.markdown import render_result

sys.path.insert(0, str(ROOT / "scripts"))
from load_server import MODEL, LoadServer

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])
HOSTILE = '<img src=x onerror="alert(1)"> **bold** [link](http://x)'
ARTICLE = (EXAMPLES / "harbour-en.txt").read_text(encoding="utf-8")
STORY = "The harbour board met on Monday to discuss the new quay. Officials said work would start in spring."


def invoke(*args: str, env: dict[str, str] | None = None, input: str | bytes | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, input=input, catch_exceptions=False)


def feed(path: Path, count: int, *, prefix: str = "a", marker: str = "") -> Path:
    lines = [json.dumps({"id": f"{prefix}{n}", "text": f"Story {n}. {STORY}{marker}"}) for n in range(1, count + 1)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def model_env(server: LoadServer) -> dict[str, str]:
    return {"OPENAI_BASE_URL": server.url, "OPENAI_API_KEY": "sk-local", "SUMMARIZER_MODEL": MODEL}


class RefusingRepair(ScriptedBackend):
    """Answers the first call with ``INVENTED``; the repair round is refused with an HTTP 400 whose
    message is ``message`` (a hostile server's words)."""

    def __init__(self, message: str) -> None:
        super().__init__([INVENTED])
        self.message = message

    def complete(self, messages: list[dict[str, str]], **kwargs: Any) -> Any:
        if self.replies:
            return super().complete(messages, **kwargs)
        raise ModelError(self.message, status=400)


# --- server and model text shown to people -------------------------------------------------------------


def test_a_server_message_in_the_markdown_notes_is_escaped() -> None:
    result = summarize(ARTICLE, backend=RefusingRepair(HOSTILE), languages=["en"], max_repairs=1)
    [note] = [note for note in result.articles[0].notes if "refused by the server" in note]
    assert HOSTILE in note  # the JSON keeps the server's words as they were
    page = render_result(result)
    assert "**bold**" not in page and "[link](" not in page
    assert r'\<img src=x onerror="alert(1)"\> \*\*bold\*\* \[link\](http://x)' in page
    import markdown_it

    rendered = markdown_it.MarkdownIt("commonmark").render(page)
    assert "<img" not in rendered and "<strong>bold" not in rendered and "<a href" not in rendered
    kept = summarize(ARTICLE, backend=RefusingRepair(HOSTILE), languages=["en"], max_repairs=1, keep_source=True)
    html_page = render_html(kept)  # the review page escapes the note as it escapes article text
    assert "<img src=x" not in html_page and "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in html_page
    assert json.loads(result.to_json())["articles"][0]["notes"] == result.articles[0].notes  # JSON: exact


def test_server_text_on_the_terminal_cannot_drive_it(tmp_path: Path) -> None:
    """An HTTP 400 message holding terminal escapes (clear screen, set the title) is shown inert."""
    message = "bad \x1b[2J\x1b]0;owned\x07 request\r\nError: fake line"

    def refuse(request: dict[str, Any], attempt: int) -> tuple[int, dict[str, str], str]:
        return (400, {}, message)

    source = feed(tmp_path / "feed.jsonl", 1)
    with LoadServer(delay=0.0, fault=refuse) as server:
        for output_format in ("jsonl", "json", "md"):
            result = invoke("summarize", str(source), "--format", output_format, "--no-cache", env=model_env(server))
            assert result.exit_code == 3, result.output
            assert "\x1b" not in result.stderr and "\x07" not in result.stderr and "\r" not in result.stderr
            assert "\\x1b[2J" in result.stderr
            assert not any(line.startswith("Error: fake line") for line in result.stderr.splitlines())
            if output_format == "jsonl":  # JSON keeps the server's words exactly (escaped by JSON itself)
                assert "\\u001b[2J" in result.stdout


# --- -o never overwrites what the run reads ------------------------------------------------------------

TEMPLATE = "<!doctype html><title>{{ articles|length }}</title>\n"


@pytest.mark.parametrize("command", ["summarize", "translate"])
def test_an_output_that_is_the_template_the_prices_or_a_prompt_is_refused(tmp_path: Path, command: str) -> None:
    template = tmp_path / "page.html.jinja"
    template.write_text(TEMPLATE, encoding="utf-8")
    prices = tmp_path / "prices.json"
    prices.write_text((ROOT / "summarizer" / "data" / "prices.json").read_text(encoding="utf-8"), encoding="utf-8")
    prompts = tmp_path / "prompts"
    prompts.mkdir()
    prompt = prompts / "summarize.v9.jinja"
    prompt.write_text("{{ article }}", encoding="utf-8")
    extra = ["--to", "en"] if command == "translate" else []
    env = {"OPENAI_BASE_URL": "http://127.0.0.1:9/v1"}  # never reached: the refusal comes first
    cases = [
        (template, ["--format", "html", "--template", str(template)], "the --template file"),
        (template, ["--format", "html", "--template", str(template), "--dry-run"], None),  # html dry run refused
        (prices, ["--prices", str(prices), "--format", "json"], "the --prices file"),
        (prompt, ["--prompts", str(prompts), "--format", "jsonl"], "a file of the --prompts directory"),
    ]
    for path, options, what in cases:
        before = path.read_bytes()
        link = tmp_path / "link-to-it"
        link.unlink(missing_ok=True)
        link.symlink_to(path)
        for output in (path, link):
            result = invoke(command, str(EXAMPLES / "water-ar.txt"), *extra, *options, "-o", str(output), env=env)
            assert result.exit_code == 2, result.output
            if what is not None:
                assert result.stderr == f"Error: {output}: refusing to overwrite {what}\n"
            assert path.read_bytes() == before


def test_an_output_that_is_the_glossary_is_refused(tmp_path: Path) -> None:
    glossary = tmp_path / "names.csv"
    glossary.write_text("source,target\nحماس,Hamas\n", encoding="utf-8")
    env = {"OPENAI_BASE_URL": "http://127.0.0.1:9/v1"}
    for output_format in ("md", "jsonl", "json", "html"):
        result = invoke(
            "translate",
            str(EXAMPLES / "water-ar.txt"),
            "--to",
            "en",
            "--glossary",
            str(glossary),
            "--format",
            output_format,
            "-o",
            str(glossary),
            env=env,
        )
        assert result.exit_code == 2, result.output
        assert result.stderr == f"Error: {glossary}: refusing to overwrite the --glossary file\n"
    assert glossary.read_text(encoding="utf-8") == "source,target\nحماس,Hamas\n"


# --- the Batch API: -o, secrets, one bad line or record --------------------------------------------------


BATCH_MODEL = "batch-model"


@pytest.fixture
def batch_server(openai_server: FakeOpenAI) -> FakeOpenAI:  # noqa: F811
    """test_batch's scripted OpenAI server (Files, Batches, Chat Completions) on 127.0.0.1."""
    return openai_server


def submitted(server: FakeOpenAI, tmp_path: Path, ids: list[str]) -> tuple[str, Path]:
    source = jsonl_feed(tmp_path / "feed.jsonl", ids)
    result = invoke("batch", "submit", str(source), "--model", BATCH_MODEL)
    batch_id = result.stdout.strip()
    assert batch_id.startswith("batch_"), result.output
    return batch_id, source


def test_batch_collect_refuses_an_output_that_is_an_input_or_a_kept_file_of_the_batch(
    batch_server: FakeOpenAI, tmp_path: Path
) -> None:
    server = batch_server
    batch_id, source = submitted(server, tmp_path, ["a", "b"])
    server.finish(batch_id, [result_line("a", GOOD), result_line("b", GOOD)], [])
    before = source.read_bytes()
    result = invoke("batch", "collect", batch_id, "-o", str(source))
    assert result.exit_code == 2, result.output
    assert result.stderr == f"Error: {source}: refusing to overwrite an input of the batch\n"
    assert source.read_bytes() == before
    assert server.chat_requests == []
    record = tmp_path / "batches" / f"{batch_id}.json"
    result = invoke("batch", "collect", batch_id, "-o", str(record))
    assert result.exit_code == 2 and result.stderr == f"Error: {record}: refusing to overwrite the batch's record\n"
    kept = tmp_path / "batches" / f"{batch_id}.output.jsonl"
    assert invoke("batch", "collect", batch_id, "-o", str(tmp_path / "out.jsonl")).exit_code == 0
    result = invoke("batch", "collect", batch_id, "-o", str(kept))  # the paid-for output kept beside the record
    assert result.exit_code == 2 and "refusing to overwrite the batch's output" in result.stderr
    requests_file = tmp_path / "requests.jsonl"
    invoke("batch", "submit", str(source), "--model", BATCH_MODEL, "--no-upload", "-o", str(requests_file))
    results = tmp_path / "results.jsonl"
    results.write_text(json.dumps(result_line("a", GOOD)) + "\n", encoding="utf-8")
    result = invoke("batch", "collect", "--file", str(results), "--requests", str(requests_file), "-o", str(source))
    assert result.exit_code == 2 and result.stderr == f"Error: {source}: refusing to overwrite an input of the batch\n"
    assert source.read_bytes() == before


def test_a_secret_in_a_batch_error_line_is_masked_on_stderr_and_in_the_results(
    batch_server: FakeOpenAI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = batch_server
    key = "local-key-0123456789"  # no known key pattern: masked because it is the configured key
    monkeypatch.setenv("OPENAI_API_KEY", key)
    batch_id, _ = submitted(server, tmp_path, ["a", "b", "c"])
    failed_body = {
        "status_code": 401,
        "request_id": "r2",
        "body": {
            "error": {
                "message": f"Incorrect API key provided: {key}; Authorization: Bearer abcdefghijklmnop",
                "code": "auth",
            }
        },
    }
    server.finish(
        batch_id,
        [result_line("a", GOOD)],
        [
            {"id": "r2", "custom_id": "b", "response": failed_body, "error": None},
            {
                "id": "r3",
                "custom_id": "c",
                "response": None,
                "error": {"code": "x", "message": f"echo api_key={key} and sk-proj-ABCDEFGHIJ0123"},
            },
        ],
    )
    out = tmp_path / "out.jsonl"
    result = invoke("batch", "collect", batch_id, "-o", str(out))
    assert result.exit_code == 3, result.output
    written = out.read_text(encoding="utf-8")
    for text in (result.stderr, written):
        assert key not in text and "abcdefghijklmnop" not in text and "ABCDEFGHIJ0123" not in text
    messages = {line["id"]: line["error"]["message"] for line in lines(out) if "error" in line}
    assert (
        messages["b"] == "the batch request failed: Incorrect API key provided: ***; Authorization: Bearer *** (auth)"
    )
    assert messages["c"] == "the batch request failed: echo api_key=*** and sk-*** (x)"


@pytest.mark.parametrize(
    "bad",
    [
        "[1, 2, 3]",  # JSON, not an object
        '{"custom_id": 7, "response": {}}',  # custom_id of the wrong type
        "{not json at all",
        '{"custom_id": "b", "response": "oops", "error": null}',  # a known article, a response of the wrong type
        '{"custom_id": "b", "response": {"status_code": 200, "body": ["x"]}, "error": null}',
        '{"custom_id": "b", "response": {"status_code": 200, "body": {"choices": "x"}}, "error": null}',
    ],
)
def test_one_bad_results_line_fails_one_article_not_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bad: str
) -> None:
    monkeypatch.setenv("SUMMARIZER_BATCH_DIR", str(tmp_path / "batches"))
    source = jsonl_feed(tmp_path / "feed.jsonl", ["a", "b", "c"])
    requests_file = tmp_path / "requests.jsonl"
    assert (
        invoke(
            "batch", "submit", str(source), "--model", BATCH_MODEL, "--no-upload", "-o", str(requests_file)
        ).exit_code
        == 0
    )
    results = tmp_path / "results.jsonl"
    good = [json.dumps(result_line(custom_id, GOOD)) for custom_id in ("a", "c")]
    results.write_text("\n".join([good[0], bad, good[1]]) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = invoke("batch", "collect", "--file", str(results), "--requests", str(requests_file), "-o", str(out))
    assert result.exit_code == 3, result.output
    collected = {line["id"]: line for line in lines(out)}
    assert set(collected) == {"a", "b", "c"}
    assert collected["a"]["verification"]["ok"] and collected["c"]["verification"]["ok"]
    assert collected["b"]["error"]["kind"] in ("model", "parse")
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 2 and "article b" in errors[0]  # the article, then the count
    assert "Traceback" not in result.stderr


def test_an_unreadable_record_in_the_batch_directory_affects_only_its_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    batches = tmp_path / "batches"
    monkeypatch.setenv("SUMMARIZER_BATCH_DIR", str(batches))
    source = jsonl_feed(tmp_path / "feed.jsonl", ["a"])
    requests_file = tmp_path / "requests.jsonl"
    assert (
        invoke(
            "batch", "submit", str(source), "--model", BATCH_MODEL, "--no-upload", "-o", str(requests_file)
        ).exit_code
        == 0
    )
    results = tmp_path / "results.jsonl"
    results.write_text(json.dumps(result_line("a", GOOD)) + "\n", encoding="utf-8")
    (batches / "aaa-broken.json").write_text("{ torn", encoding="utf-8")  # sorted before the good record
    (batches / "aab-old.json").write_text('{"version": 0}', encoding="utf-8")
    (batches / "aac-unreadable.json").mkdir()  # not a file at all
    out = tmp_path / "out.jsonl"
    result = invoke("batch", "collect", "--file", str(results), "--requests", str(requests_file), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert [line["id"] for line in lines(out)] == ["a"]
    broken = invoke("batch", "collect", "aaa-broken")  # that batch alone is refused, with why
    assert broken.exit_code == 2 and broken.stderr.startswith(
        f"Error: {batches / 'aaa-broken.json'}: not a readable batch record"
    )


# --- one run at a time per output file -----------------------------------------------------------------


def start_run(source: Path, output: Path, server: LoadServer, *options: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, **model_env(server), "SUMMARIZER_NO_CACHE": "1"}
    command = [sys.executable, "-m", "summarizer", "summarize", str(source), "-o", str(output), *options]
    return subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def wait_for(condition: Any, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


@pytest.mark.parametrize("output_format", ["jsonl", "md"])
def test_a_second_run_on_the_same_output_fails_at_once_and_the_first_is_intact(
    tmp_path: Path, output_format: str
) -> None:
    first_feed = feed(tmp_path / "first.jsonl", 6, prefix="first")
    second_feed = feed(tmp_path / "second.jsonl", 2, prefix="other")
    out = tmp_path / f"out.{output_format}"
    with LoadServer(delay=0.15) as server:
        first = start_run(first_feed, out, server, "--format", output_format, "--concurrency", "1")
        wait_for(lambda: server.requests >= 2)  # the first run is under way
        for options in (
            ["--format", output_format],
            ["--format", "jsonl", "--resume"] if output_format == "jsonl" else [],
        ):
            if not options:
                continue
            begun = time.monotonic()
            link = tmp_path / "another-name"
            link.unlink(missing_ok=True)
            link.symlink_to(out)
            for name in (out, link):
                second = invoke("summarize", str(second_feed), "-o", str(name), *options, env=model_env(server))
                assert second.exit_code == 2, second.output
                assert second.stderr.count("\n") == 1 and second.stderr.startswith(f"Error: {name}: ")
                assert "another run is writing it" in second.stderr
            assert time.monotonic() - begun < 5  # at once, not after waiting for the first
        _, stderr = first.communicate(timeout=60)
        assert first.returncode == 0, stderr
        written = out.read_text(encoding="utf-8")  # the first run's output, whole
        if output_format == "jsonl":
            assert sorted(json.loads(line)["id"] for line in written.splitlines()) == [f"first{n}" for n in range(1, 7)]
        else:
            assert written.count("\n---\n") == 5
        assert "other" not in written
        assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == []  # no lock file left
        again = invoke("summarize", str(second_feed), "-o", str(out), "--format", output_format, env=model_env(server))
        assert again.exit_code == 0, again.output  # the lock went with the first run


# --- file names that are not UTF-8 -------------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="file names are Unicode on Windows")
def test_undecodable_file_names_stay_apart_and_resume_writes_each_once(tmp_path: Path) -> None:
    folder = tmp_path / "feeds"
    folder.mkdir()
    for raw in (b"a\xff.txt", b"a\xfe.txt", b"a\\xff.txt"):  # the third is valid UTF-8 spelling the first's escape
        with open(os.path.join(os.fsencode(folder), raw), "w", encoding="utf-8") as handle:
            handle.write(STORY)
    out = tmp_path / "out.jsonl"
    result = invoke("summarize", str(folder), "--format", "jsonl", "-o", str(out))
    assert result.exit_code == 0, result.output
    inputs = sorted(json.loads(line)["input"] for line in out.read_text(encoding="utf-8").splitlines())
    assert len(set(inputs)) == 3
    assert f"{folder}/a\\xff.txt" in inputs and f"{folder}/a\\xfe.txt" in inputs and f"{folder}/a\\\\xff.txt" in inputs
    assert all("\ufffd" not in name for name in inputs)
    resumed = invoke("summarize", str(folder), "--format", "jsonl", "-o", str(out), "--resume")
    assert resumed.exit_code == 0, resumed.output
    assert sorted(json.loads(line)["input"] for line in out.read_text(encoding="utf-8").splitlines()) == inputs
    collected = invoke("summarize", str(folder), "--format", "json")
    assert sorted(article["input"] for article in json.loads(collected.stdout)["articles"]) == inputs


# --- user templates within time, memory and output budgets --------------------------------------------------


SAFETY_BYTES = 8 * 1024**3  # what the test lets the whole command have: without the guard it would take 10 GB


def _safety_limits() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (SAFETY_BYTES, SAFETY_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (120, 121))


@pytest.mark.skipif(sys.platform == "win32", reason="the memory budget is POSIX RLIMIT_AS")
@pytest.mark.parametrize("source", ['{{ "x" * 10**10 }}', '{{ "x"|center(10000000000) }}', "{{ [0] * 10**10 }}"])
def test_a_template_asking_for_10_gb_is_stopped_by_its_memory_budget(tmp_path: Path, source: str) -> None:
    template = tmp_path / "greedy.html"
    template.write_text(source, encoding="utf-8")
    out = tmp_path / "page.html"
    command = [
        sys.executable,
        "-m",
        "summarizer",
        "summarize",
        str(EXAMPLES / "harbour-en.txt"),
        "--engine",
        "extractive",
        "--format",
        "html",
        "--template",
        str(template),
        "-o",
        str(out),
    ]
    env = {key: value for key, value in os.environ.items() if key != "SUMMARIZER_DEBUG"}
    done = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, preexec_fn=_safety_limits
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith("Error: the HTML template went over its memory budget (2,048 MB)"), done.stderr
    assert not out.exists()


def test_nested_loops_are_stopped_by_the_time_budget() -> None:
    loops = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}done"
    begun = time.monotonic()
    with pytest.raises(TemplateLimitError, match=r"went over its time budget \(1 s\)"):
        render_bounded(loops, {}, seconds=1)
    macro = "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(40) }}"  # 2**40 calls
    with pytest.raises(TemplateLimitError, match="went over its time"):
        render_bounded(macro, {}, seconds=1)
    assert time.monotonic() - begun < 30  # a budget of 1 s each, plus the start of two interpreters
    assert render_bounded("{% for i in range(3) %}{{ i }}{% endfor %} {{ x }}", {"x": "<b>"}) == "012 &lt;b&gt;"


def test_a_page_past_the_output_cap_is_stopped() -> None:
    page = "{% for i in range(100000) %}{{ 'x' * 100 }}{% endfor %}"  # 10 MB of output
    with pytest.raises(TemplateLimitError, match=r"output-size cap \(1 MB\)"):
        render_bounded(page, {}, output=1024**2)
    assert len(render_bounded(page, {})) == 10_000_000  # the default cap lets a large page through


# --- Ctrl-C and a full disk ----------------------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process")
@pytest.mark.parametrize("output_format", ["jsonl", "md", "json"])
def test_ctrl_c_is_exit_130_with_one_line_and_keeps_what_was_finished(tmp_path: Path, output_format: str) -> None:
    source = feed(tmp_path / "feed.jsonl", 12)
    out = tmp_path / f"out.{output_format}"
    with LoadServer(delay=0.3) as server:
        run = start_run(source, out, server, "--format", output_format, "--concurrency", "1")
        wait_for(lambda: server.requests >= 3)
        if output_format == "jsonl":
            wait_for(lambda: out.exists() and out.read_text(encoding="utf-8").count("\n") >= 2)
        run.send_signal(signal.SIGINT)
        _, stderr = run.communicate(timeout=60)
        assert run.returncode == 130, stderr
        assert stderr.decode() == "Error: interrupted\n"
        if output_format == "jsonl":  # every finished article's line, whole; --resume does the rest
            kept = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
            assert len(kept) >= 2
            env = {**os.environ, **model_env(server), "SUMMARIZER_NO_CACHE": "1"}
            command = [
                sys.executable,
                "-m",
                "summarizer",
                "summarize",
                str(source),
                "-o",
                str(out),
                "--format",
                "jsonl",
                "--resume",
            ]
            assert subprocess.run(command, env=env, cwd=ROOT, capture_output=True).returncode == 0
            ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
            assert sorted(ids) == sorted(f"a{n}" for n in range(1, 13)) and ids[: len(kept)] == kept
        else:
            assert not out.exists()  # a collected format writes nothing half done; the model work is in the cache
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == []  # the lock went too


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "arguments",
    [
        ["verify", str(EXAMPLES / "harbour-en.txt"), str(EXAMPLES / "harbour-en.txt")],
        ["verify", str(EXAMPLES / "harbour-en.txt"), str(EXAMPLES / "harbour-en.txt"), "--format", "json"],
        ["summarize", str(EXAMPLES / "harbour-en.txt"), "--engine", "extractive"],
        ["summarize", str(EXAMPLES / "harbour-en.txt"), "--engine", "extractive", "--format", "json"],
        ["summarize", str(EXAMPLES / "harbour-en.txt"), "--engine", "extractive", "--format", "jsonl"],
        ["summarize", str(EXAMPLES / "harbour-en.txt"), "--dry-run"],
        ["summarize", "--help"],
        ["--version"],
    ],
)
def test_a_full_disk_on_standard_output_is_one_error_line_and_exit_2(arguments: list[str]) -> None:
    env = {key: value for key, value in os.environ.items() if key != "SUMMARIZER_DEBUG"}
    with open("/dev/full", "w", encoding="utf-8") as full:
        done = subprocess.run(
            [sys.executable, "-m", "summarizer", *arguments],
            cwd=ROOT,
            env=env,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    assert done.returncode == 2, done.stderr
    assert done.stderr == "Error: standard output: cannot write (No space left on device)\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_on_the_output_file_is_one_error_line_and_exit_2(tmp_path: Path) -> None:
    link = tmp_path / "out.jsonl"
    link.symlink_to("/dev/full")
    for output_format in ("jsonl", "md"):
        result = invoke(
            "summarize",
            str(EXAMPLES / "harbour-en.txt"),
            "--engine",
            "extractive",
            "--format",
            output_format,
            "-o",
            str(link),
        )
        assert result.exit_code == 2
        assert result.stderr.endswith(f"Error: {link}: cannot write (No space left on device)\n")


# --- a large glossary -------------------------------------------------------------------------------------


def test_glossary_matching_does_work_for_the_text_not_for_every_term(monkeypatch: pytest.MonkeyPatch) -> None:
    """With 20,000 terms, finding those of a paragraph folds the paragraph, not each of the 20,000 terms
    again (81 s for a 50 MB glossary before: every term was folded and searched for in every paragraph)."""
    terms = [Term(f"term{n} word", f"مصطلح{n}") for n in range(20_000)] + [
        Term("Hamas", "حماس"),
        Term("وزارة", "ministry"),
    ]
    glossary = Glossary(tuple(terms))
    paragraph = "Hamas said on Monday that the ministry (والوزارة) and term7 words were not term19999 word."
    glossary.found_in("warm up: an index may be built once per glossary")
    folds = 0
    original = glossary_module._fold

    def counting(text: str) -> str:
        nonlocal folds
        folds += 1
        return original(text)

    monkeypatch.setattr(glossary_module, "_fold", counting)
    found = glossary.found_in(paragraph)
    assert [term.source for term in found] == ["term19999 word", "Hamas", "وزارة"]
    assert folds < 100  # the paragraph and a few candidate terms, whatever the glossary's size


WORDS = st.sampled_from(
    [
        "حماس",
        "وحماس",
        "الوزارة",
        "وزارة",
        "بالوزارة",
        "ال",
        "و",
        "Hamas",
        "HAMAS",
        "U.S.",
        "5G",
        "(UN)",
        "straße",
        "STRASSE",
        "news",
        "new",
        "أمطار",
        "الأمطار",
        "إمطار",
        "-",
        ".",
        "x",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(WORDS, min_size=1, max_size=3), min_size=1, max_size=8),
    st.lists(WORDS, max_size=25),
    st.sampled_from([" ", "", ", ", "\n"]),
)
def test_glossary_matching_finds_what_the_whole_word_rule_finds(
    sources: list[list[str]], words: list[str], joiner: str
) -> None:
    terms = tuple(Term(" ".join(source), "t") for source in sources)
    text = joiner.join(words)
    expected = [term for term in terms if contains_term(text, term.source)]
    assert Glossary(terms).found_in(text) == expected


@pytest.mark.skipif(sys.platform == "win32", reason="the test holds the lock with flock")
def test_every_command_that_writes_a_file_takes_its_lock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A run still writing ``out.jsonl`` (here a process holding its lock) stops summarize, translate,
    batch submit and batch collect on the same file at once, and the file is left as it was."""
    monkeypatch.setenv("SUMMARIZER_BATCH_DIR", str(tmp_path / "batches"))
    source = jsonl_feed(tmp_path / "feed.jsonl", ["a"])
    requests_file = tmp_path / "requests.jsonl"
    assert (
        invoke(
            "batch", "submit", str(source), "--model", BATCH_MODEL, "--no-upload", "-o", str(requests_file)
        ).exit_code
        == 0
    )
    results = tmp_path / "results.jsonl"
    results.write_text(json.dumps(result_line("a", GOOD)) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text("the first run's work\n", encoding="utf-8")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, sys, time; f = open(sys.argv[1], 'w'); "
            "fcntl.flock(f, fcntl.LOCK_EX); print('held', flush=True); time.sleep(60)",
            str(tmp_path / ".out.jsonl.lock"),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        env = {"OPENAI_BASE_URL": "http://127.0.0.1:9/v1"}  # never reached
        commands = [
            ["summarize", str(source), "--format", "jsonl"],
            ["translate", str(source), "--to", "ar", "--format", "jsonl"],
            ["batch", "submit", str(source), "--no-upload"],
            ["batch", "collect", "--file", str(results), "--requests", str(requests_file)],
        ]
        for command in commands:
            result = invoke(*command, "-o", str(out), env=env)
            assert result.exit_code == 2, (command, result.output)
            assert result.stderr == (
                f"Error: {out}: another run is writing it (locked by {tmp_path / '.out.jsonl.lock'}); "
                "let it finish, or choose another -o\n"
            )
            assert out.read_text(encoding="utf-8") == "the first run's work\n"
    finally:
        holder.kill()
        holder.wait()
