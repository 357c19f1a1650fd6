"""The Batch API commands against a scripted OpenAI Files, Batches and Chat Completions server on 127.0.0.1."""

from __future__ import annotations

import email.parser
import email.policy
import itertools
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from conftest import EXAMPLES, ScriptedBackend
from test_model_pipeline import GOOD, INVENTED

from summarizer import summarize
from summarizer.api import batch_files, prepare_batch
from summarizer.cli import cli
from summarizer.engines.model.batch import batch_reply
from summarizer.errors import ConfigurationError, ModelError

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])

MODEL = "batch-model"
ARTICLE = (EXAMPLES / "harbour-en.txt").read_text(encoding="utf-8")


def completion(reply: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """A Chat Completions response body holding ``reply`` as its message."""
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 1_790_000_000,
        "model": MODEL,
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"role": "assistant", "content": json.dumps(reply, ensure_ascii=False), **extra},
            }
        ],
        "usage": {"prompt_tokens": 900, "completion_tokens": 300, "total_tokens": 1200},
    }


class FakeOpenAI(ThreadingHTTPServer):
    """Answers /v1/models, /v1/files, /v1/files/{id}/content, /v1/batches, /v1/batches/{id} and
    /v1/chat/completions the way OpenAI does (the shapes of the openai SDK's types), from scripts."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.files: dict[str, bytes] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self.chat_replies: list[dict[str, Any]] = []
        self.chat_requests: list[dict[str, Any]] = []
        self.ids = itertools.count(1)
        self.refuse: dict[str, tuple[int, str]] = {}  # a POST path -> the status and message that refuse it

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"

    def add_file(self, content: bytes, purpose: str, name: str) -> dict[str, Any]:
        file_id = f"file-{next(self.ids)}"
        self.files[file_id] = content
        return {
            "id": file_id,
            "object": "file",
            "bytes": len(content),
            "created_at": int(time.time()),
            "filename": name,
            "purpose": purpose,
            "status": "processed",
        }

    def finish(self, batch_id: str, output: list[dict[str, Any]], errors: list[dict[str, Any]]) -> None:
        """Complete a batch with these output and error lines, as OpenAI's batch runner would."""
        batch = self.batches[batch_id]
        for kind, lines in (("output_file_id", output), ("error_file_id", errors)):
            if lines:
                content = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines).encode()
                batch[kind] = self.add_file(content, "batch_output", f"{batch_id}_{kind}.jsonl")["id"]
        batch["status"] = "completed"
        batch["completed_at"] = int(time.time())
        batch["request_counts"] = {"total": len(output) + len(errors), "completed": len(output), "failed": len(errors)}


class Handler(BaseHTTPRequestHandler):
    server: FakeOpenAI

    def log_message(self, *args: Any) -> None:
        pass

    def _body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            data = b""
            while size := int(self.rfile.readline().strip(), 16):
                data += self.rfile.read(size)
                self.rfile.readline()
            self.rfile.readline()
            return data
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _send(self, status: int, value: Any) -> None:
        data = value if isinstance(value, bytes) else json.dumps(value).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/octet-stream" if isinstance(value, bytes) else "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _missing(self, what: str) -> None:
        self._send(404, {"error": {"message": f"No {what} found.", "type": "invalid_request_error", "code": None}})

    def do_GET(self) -> None:
        server, parts = self.server, self.path.split("?")[0].strip("/").split("/")
        if parts == ["v1", "models"]:
            self._send(
                200, {"object": "list", "data": [{"id": MODEL, "object": "model", "created": 0, "owned_by": "test"}]}
            )
        elif parts[:2] == ["v1", "batches"] and len(parts) == 3:
            batch = server.batches.get(parts[2])
            self._send(200, batch) if batch else self._missing("batch")
        elif parts[:2] == ["v1", "files"] and len(parts) == 4 and parts[3] == "content":
            content = server.files.get(parts[2])
            self._send(200, content) if content is not None else self._missing("file")
        else:
            self._missing("route")

    def do_POST(self) -> None:
        server, path, body = self.server, self.path.split("?")[0].rstrip("/"), self._body()
        if path in server.refuse:
            status, message = server.refuse[path]
            self._send(status, {"error": {"message": message, "type": "invalid_request_error", "code": None}})
        elif path == "/v1/files":
            form = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
                f"Content-Type: {self.headers['Content-Type']}\r\n\r\n".encode() + body
            )
            fields = {part.get_param("name", header="content-disposition"): part for part in form.iter_parts()}
            upload = fields["file"]
            purpose = fields["purpose"].get_content().strip()
            self._send(200, server.add_file(upload.get_payload(decode=True), purpose, upload.get_filename()))
        elif path == "/v1/batches":
            request = json.loads(body)
            batch_id = f"batch_{next(server.ids)}"
            now = int(time.time())
            server.batches[batch_id] = {
                "id": batch_id,
                "object": "batch",
                "endpoint": request["endpoint"],
                "errors": None,
                "input_file_id": request["input_file_id"],
                "completion_window": request["completion_window"],
                "status": "validating",
                "output_file_id": None,
                "error_file_id": None,
                "created_at": now,
                "expires_at": now + 86_400,
                "request_counts": {"total": 0, "completed": 0, "failed": 0},
            }
            self._send(200, server.batches[batch_id])
        elif path == "/v1/chat/completions":
            server.chat_requests.append(json.loads(body))
            if not server.chat_replies:
                self._send(500, {"error": {"message": "the test scripted no more replies"}})
            else:
                self._send(200, completion(server.chat_replies.pop(0)))
        else:
            self._missing("route")


@pytest.fixture
def openai_server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[FakeOpenAI]:
    """The scripted server, with the back end and the batch directory pointed at it."""
    server = FakeOpenAI()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("SUMMARIZER_BATCH_DIR", str(tmp_path / "batches"))
    yield server
    server.shutdown()
    server.server_close()


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def jsonl_feed(path: Path, ids: list[str]) -> Path:
    path.write_text("".join(json.dumps({"id": i, "text": ARTICLE}) + "\n" for i in ids), encoding="utf-8")
    return path


def result_line(custom_id: str, reply: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": f"batch_req_{custom_id}",
        "custom_id": custom_id,
        "error": None,
        "response": {"status_code": 200, "request_id": "req_1", "body": completion(reply)},
    }


def test_request_lines_are_the_pipelines_first_requests(openai_server: FakeOpenAI, tmp_path: Path) -> None:
    arabic = EXAMPLES / "water-ar.txt"
    requests_file = tmp_path / "requests.jsonl"
    result = invoke(
        "batch", "submit", str(EXAMPLES / "harbour-en.txt"), str(arabic), "--model", MODEL, "-o", str(requests_file)
    )
    assert result.exit_code == 0, result.output
    batch_id = result.stdout.strip()
    batch = openai_server.batches[batch_id]
    assert (batch["endpoint"], batch["completion_window"]) == ("/v1/chat/completions", "24h")
    assert openai_server.files[batch["input_file_id"]] == requests_file.read_bytes()  # what was uploaded
    requests = lines(requests_file)
    assert [r["custom_id"] for r in requests] == ["1:1", "2:1"]  # article ids, numbered by input
    assert {(r["method"], r["url"]) for r in requests} == {("POST", "/v1/chat/completions")}
    assert (tmp_path / "batches" / f"{batch_id}.json").is_file()
    for request, path in zip(requests, (EXAMPLES / "harbour-en.txt", arabic), strict=True):
        text = path.read_text(encoding="utf-8")
        scripted = ScriptedBackend([GOOD] * 3, model=MODEL)
        summarize(text, backend=scripted, model=MODEL, max_repairs=0)
        assert request["body"]["messages"] == scripted.requests[0]  # what the reply-queue back end receives
        openai_server.chat_replies = [GOOD]
        openai_server.chat_requests.clear()
        summarize(text, model=MODEL, max_repairs=0)  # the normal pipeline, over HTTP
        assert request["body"] == openai_server.chat_requests[0]  # the very request it sends, byte for byte as JSON


def test_status_is_one_line_and_an_unknown_batch_is_an_error(openai_server: FakeOpenAI, tmp_path: Path) -> None:
    submitted = invoke("batch", "submit", str(EXAMPLES / "harbour-en.txt"), "--model", MODEL)
    batch_id = submitted.stdout.strip()
    result = invoke("batch", "status", batch_id)
    assert result.exit_code == 0
    line = result.stdout.strip()
    assert "\n" not in line and line.startswith(f"{batch_id}: validating; 0/0 completed, 0 failed; created 20")
    assert ", expires 20" in line and line.endswith(" UTC")
    openai_server.finish(batch_id, [result_line("1", GOOD)], [])
    assert f"{batch_id}: completed; 1/1 completed, 0 failed; created" in invoke("batch", "status", batch_id).stdout
    unknown = invoke("batch", "status", "batch_nope")
    assert unknown.exit_code == 3 and unknown.stdout == ""
    assert unknown.stderr == f"Error: no batch 'batch_nope' at {openai_server.base_url} (HTTP 404)\n"
    openai_server.batches[batch_id] = {"object": "junk"}  # a server answering something else
    junk = invoke("batch", "status", batch_id)
    assert junk.exit_code == 3 and junk.stdout == ""
    assert (
        junk.stderr
        == f"Error: {openai_server.base_url} answered something that is not a batch for '{batch_id}' (no id or status)\n"
    )


def test_collect_repairs_with_normal_calls_and_records_failed_requests(
    openai_server: FakeOpenAI, tmp_path: Path
) -> None:
    feed = jsonl_feed(tmp_path / "feed.jsonl", ["good", "needs-repair", "failed"])
    batch_id = invoke(
        "batch", "submit", str(feed), "--model", MODEL, "-o", str(tmp_path / "requests.jsonl")
    ).stdout.strip()
    early = invoke("batch", "collect", batch_id)
    assert early.exit_code == 3 and "is validating" in early.stderr
    bodies = {r["custom_id"]: r["body"] for r in lines(tmp_path / "requests.jsonl")}
    failure = {"code": "invalid_request", "message": "The model produced invalid content."}
    openai_server.finish(
        batch_id,
        [result_line("good", GOOD), result_line("needs-repair", INVENTED)],
        [
            {
                "id": "batch_req_3",
                "custom_id": "failed",
                "response": {
                    "status_code": 400,
                    "request_id": "req_3",
                    "body": {"error": {**failure, "type": "invalid_request_error"}},
                },
                "error": None,
            }
        ],
    )
    openai_server.chat_replies = [GOOD]  # the repair round's answer, asked synchronously
    out = tmp_path / "out.jsonl"
    result = invoke("batch", "collect", batch_id, "-o", str(out), "--concurrency", "3")
    assert result.exit_code == 3, result.output
    assert result.stderr.splitlines() == [
        f"Error: {feed}, article failed: the batch request failed: The model produced invalid content. (invalid_request)",
        "Error: 1 article(s) or input(s) failed; the others were written.",
    ]
    collected = {line["id"]: line for line in lines(out)}  # in completion order
    good, repaired, failed = collected["good"], collected["needs-repair"], collected["failed"]
    assert (good["input"], good["id"], good["verification"]["ok"]) == (str(feed), "good", True)
    assert good["usage"] == {"calls": 1, "input_tokens": 900, "output_tokens": 300, "repair_rounds": 0}
    assert repaired["verification"]["ok"] and repaired["usage"]["repair_rounds"] == 1
    assert repaired["usage"]["calls"] == 2 and "1 repair round(s) were run." in repaired["notes"]
    [repair_call] = openai_server.chat_requests  # the batch reply is never asked for again
    sent = bodies["needs-repair"]["messages"] + [
        {"role": "assistant", "content": json.dumps(INVENTED, ensure_ascii=False)}
    ]
    assert repair_call["messages"][:-1] == sent  # the same conversation, continued
    assert repair_call["messages"][-1]["content"].startswith("Your reply has problems that a checker found.")
    assert {key: value for key, value in repair_call.items() if key != "messages"} == {
        key: value for key, value in bodies["needs-repair"].items() if key != "messages"
    }
    message = "the batch request failed: The model produced invalid content. (invalid_request)"
    assert failed == {  # the failed-article line of summarize --format jsonl
        "input": str(feed),
        "id": "failed",
        "title": None,
        "error": {"kind": "model", "message": message, "status": 400},
        "notes": [],
    }
    openai_server.chat_replies = [GOOD] * 3
    summarized = invoke(
        "summarize", str(feed), "--model", MODEL, "--format", "jsonl", "--no-cache", "--concurrency", "1"
    )
    assert summarized.exit_code == 0, summarized.output
    assert summarized.stdout.splitlines()[0] == out.read_text(encoding="utf-8").splitlines()[[*collected].index("good")]
    assert (tmp_path / "batches" / f"{batch_id}.output.jsonl").is_file()  # what was paid for is kept


def test_collect_refuses_an_input_changed_since_submit(openai_server: FakeOpenAI, tmp_path: Path) -> None:
    feed = jsonl_feed(tmp_path / "feed.jsonl", ["a"])
    batch_id = invoke("batch", "submit", str(feed), "--model", MODEL).stdout.strip()
    openai_server.finish(batch_id, [result_line("a", GOOD)], [])
    jsonl_feed(feed, ["a", "b"])
    result = invoke("batch", "collect", batch_id)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"Error: {feed.resolve()}: changed since the batch was submitted (")


def test_collect_of_a_failed_batch_says_why(openai_server: FakeOpenAI) -> None:
    batch_id = invoke("batch", "submit", str(EXAMPLES / "harbour-en.txt"), "--model", MODEL).stdout.strip()
    reason = {
        "code": "model_not_found",
        "message": "The model 'batch-model' does not support the Batch API.",
        "line": 1,
    }
    openai_server.batches[batch_id] |= {"status": "failed", "errors": {"object": "list", "data": [reason]}}
    result = invoke("batch", "collect", batch_id)
    assert result.exit_code == 3 and result.stdout == ""
    assert result.stderr == f"Error: batch {batch_id} failed: {reason['message']}\n"


def test_collect_file_from_vllm_run_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """vLLM's run_batch writes {"id", "custom_id", "response": {"status_code", "request_id", "body"}, "error"}."""
    monkeypatch.setenv("SUMMARIZER_BATCH_DIR", str(tmp_path / "batches"))
    copy = tmp_path / "harbour.txt"
    copy.write_text(ARTICLE, encoding="utf-8")
    requests_file = tmp_path / "requests.jsonl"
    submitted = invoke(
        "batch",
        "submit",
        str(EXAMPLES / "harbour-en.txt"),
        str(copy),
        "--model",
        MODEL,
        "--no-upload",
        "-o",
        str(requests_file),
    )
    assert submitted.exit_code == 0 and submitted.stdout == ""
    assert [r["custom_id"] for r in lines(requests_file)] == ["1:1", "2:1"]
    vllm_body = completion(GOOD, reasoning_content=None, tool_calls=[]) | {
        "prompt_logprobs": None,
        "kv_transfer_params": None,
    }
    results = tmp_path / "results.jsonl"

    def line(custom_id: str) -> str:
        response = {"status_code": 200, "request_id": "vllm-batch", "body": vllm_body}
        return json.dumps({"id": "vllm", "custom_id": custom_id, "response": response, "error": None}) + "\n"

    results.write_text(line("2:1") + line("1:1") + line("1:1") + line("9:9"), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = invoke("batch", "collect", "--file", str(results), "--requests", str(requests_file), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "no repair rounds are run" in result.stderr  # no key or server: nothing is called
    assert (
        "Note: 1 result line(s) answer no request of this batch and were left out (first custom_id: '9:9')"
        in result.stderr
    )
    assert "Note: 1 result line(s) repeat a custom_id; the first line of each was used (first: '1:1')" in result.stderr
    collected = lines(out)
    assert sorted((line["input"], line["id"]) for line in collected) == sorted(
        [(str(EXAMPLES / "harbour-en.txt"), "1"), (str(copy), "1")]
    )
    assert all(line["verification"]["ok"] and line["usage"]["calls"] == 1 for line in collected)
    requests_file.write_text(requests_file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    unknown = invoke("batch", "collect", "--file", str(results), "--requests", str(requests_file))
    assert unknown.exit_code == 2 and "no batch record" in unknown.stderr


def test_submit_takes_directories_as_summarize_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZER_BATCH_DIR", str(tmp_path / "batches"))
    feeds = tmp_path / "feeds"
    feeds.mkdir()
    jsonl_feed(feeds / "b.jsonl", ["x", "y"])
    (feeds / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (feeds / "notes.csv").write_text("not an input", encoding="utf-8")
    requests_file = feeds / "requests.jsonl"  # written into the directory: never read back as an input
    for _ in range(2):
        submitted = invoke("batch", "submit", str(feeds), "--model", MODEL, "--no-upload", "-o", str(requests_file))
        assert submitted.exit_code == 0, submitted.output
        assert [r["custom_id"] for r in lines(requests_file)] == ["1:1", "2:x", "2:y"]  # a.txt, then b.jsonl
    standard_input = invoke("batch", "submit", "-", "--no-upload")
    assert standard_input.exit_code == 2 and "standard input cannot be re-read" in standard_input.stderr


def test_a_failed_vllm_line_gives_its_message() -> None:
    line = {
        "id": "vllm-2",
        "custom_id": "1",
        "response": {"status_code": 400, "request_id": "r", "body": None},
        "error": "This model's maximum context length is 8192 tokens.",
    }
    with pytest.raises(ModelError, match="maximum context length is 8192 tokens") as caught:
        batch_reply(line, model=MODEL)
    assert caught.value.status == 400


def test_submit_without_a_model_names_the_one_the_server_serves(openai_server: FakeOpenAI, tmp_path: Path) -> None:
    """The model is resolved once, before any budget: the request lines and the record name the served one."""
    requests_file = tmp_path / "requests.jsonl"
    result = invoke("batch", "submit", str(EXAMPLES / "harbour-en.txt"), "--no-upload", "-o", str(requests_file))
    assert result.exit_code == 0, result.output
    assert {request["body"]["model"] for request in lines(requests_file)} == {MODEL}
    [record_file] = (tmp_path / "batches").glob("*.json")
    settings = json.loads(record_file.read_text(encoding="utf-8"))["settings"]
    assert (settings["model"], settings["context_window"], settings["max_output_tokens"]) == (MODEL, 8192, 2000)


def test_submit_without_a_key_or_server_is_refused_before_anything_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Uploading needs OPENAI_API_KEY or --base-url: without either, one Error: line (exit 2) before any
    input is read, so that neither the -o file (here a file the user had) nor a record is written; the
    same command with --no-upload writes the request file, exits 0 and says where it is and what is next."""
    monkeypatch.setenv("SUMMARIZER_BATCH_DIR", str(tmp_path / "batches"))
    requests_file = tmp_path / "requests.jsonl"
    requests_file.write_text("the user's own file\n", encoding="utf-8")
    result = invoke("batch", "submit", str(EXAMPLES / "harbour-en.txt"), "-o", str(requests_file))
    assert requests_file.read_text(encoding="utf-8") == "the user's own file\n"
    assert not (tmp_path / "batches").exists()
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(
        "Error: submitting a batch needs a server and none is configured: set OPENAI_API_KEY"
    )
    assert "--no-upload" in result.stderr and result.stderr.count("\n") == 1
    assert sorted(path.name for path in tmp_path.iterdir()) == ["requests.jsonl"]  # nor a lock file left behind

    offline = invoke("batch", "submit", str(EXAMPLES / "harbour-en.txt"), "--no-upload", "-o", str(requests_file))
    assert offline.exit_code == 0, offline.output
    assert [line["custom_id"] for line in lines(requests_file)] == ["1"]
    assert f"--requests {requests_file}" in offline.stderr and len(list((tmp_path / "batches").glob("*.json"))) == 1
    with pytest.raises(ConfigurationError, match=r"^submitting a batch needs a server"):  # the API says it as early
        prepare_batch([str(tmp_path / "not read.txt")], upload=True)


def _file_size_limit() -> None:
    """In the child: files may grow to 2 KiB only (a full disk, as far as the writer can tell); a write
    past it fails with EFBIG instead of killing the process."""
    import resource
    import signal

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))


@pytest.mark.skipif(sys.platform == "win32", reason="the file size limit is POSIX RLIMIT_FSIZE")
def test_a_request_file_that_cannot_be_written_leaves_the_existing_file_as_it_was(tmp_path: Path) -> None:
    """-o is replaced atomically, as every output file: a disk that fills up half way through the new
    request file leaves the old one whole (the request file of an earlier submit stays collectable)."""
    (tmp_path / "out").mkdir()
    requests_file = tmp_path / "out" / "requests.jsonl"
    requests_file.write_text("an earlier request file\n", encoding="utf-8")
    env = {**os.environ, "SUMMARIZER_BATCH_DIR": str(tmp_path / "batches")}
    command = [sys.executable, "-m", "summarizer", "batch", "submit", str(EXAMPLES / "harbour-en.txt")]
    result = subprocess.run(
        [*command, "--no-upload", "-o", str(requests_file)],
        capture_output=True,
        text=True,
        env=env,
        preexec_fn=_file_size_limit,
        check=False,
    )
    assert result.returncode == 2 and result.stderr.startswith(f"Error: {requests_file}: cannot write (File too large)")
    assert result.stderr.count("\n") == 1
    assert requests_file.read_text(encoding="utf-8") == "an earlier request file\n"
    assert sorted(path.name for path in requests_file.parent.iterdir()) == ["requests.jsonl"]  # no temporary file


def test_collect_refuses_a_request_file_given_as_the_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The two files of the vLLM round trip mixed up: the request file as --file was read as replies that
    had all failed ('the batch request failed: HTTP None', exit 3); it is refused, saying which is which."""
    monkeypatch.setenv("SUMMARIZER_BATCH_DIR", str(tmp_path / "batches"))
    requests_file = tmp_path / "requests.jsonl"
    submitted = invoke("batch", "submit", str(EXAMPLES / "harbour-en.txt"), "--no-upload", "-o", str(requests_file))
    assert submitted.exit_code == 0, submitted.output
    out = tmp_path / "out.jsonl"
    result = invoke("batch", "collect", "--file", str(requests_file), "--requests", str(requests_file), "-o", str(out))
    assert result.exit_code == 2 and result.stdout == "" and not out.exists()
    assert result.stderr == (
        f"Error: {requests_file}: a batch request file, not a batch's output: give --file the file the batch run "
        "wrote (vLLM run_batch -o, or the Batch API's output file) and --requests this one\n"
    )


@pytest.mark.parametrize(
    ("command", "success"),
    [("submit", "0  the batch was created (its id printed)"), ("status", "0  the status line printed")],
)
def test_submit_and_status_help_give_their_own_exit_statuses(command: str, success: str) -> None:
    """Not summarize's: neither verifies a number, and neither ever exits 1."""
    help_text = invoke("batch", command, "--help").stdout
    assert success in help_text and "3  the server failed" in help_text
    assert "in the output is verified" not in help_text and "need review" not in help_text


def test_a_batch_record_that_cannot_be_written_leaves_no_request_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The record is written first: a request file run on a GPU cluster that collect could not match
    to a record would be paid-for work lost (it used to be written, then the record failed)."""
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the batch directory would go\n", encoding="utf-8")
    monkeypatch.setenv("SUMMARIZER_BATCH_DIR", str(blocker / "batches"))
    requests_file = tmp_path / "requests.jsonl"
    result = invoke("batch", "submit", str(EXAMPLES / "harbour-en.txt"), "--no-upload", "-o", str(requests_file))
    assert not requests_file.exists()
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"Error: {blocker / 'batches'}: cannot write the batch record (Not a directory); set SUMMARIZER_BATCH_DIR\n"
    )


def _record_name(batches: Path) -> str:
    (record,) = batches.glob("*.json")
    return record.name


@pytest.mark.parametrize("refused", ["/v1/files", "/v1/batches"])
def test_a_failed_upload_says_where_the_request_file_is_kept_and_how_to_submit_it(
    openai_server: FakeOpenAI, tmp_path: Path, refused: str
) -> None:
    """The upload failing after the request file was written (-o) said only the server's error: the file the
    user prepared is kept, and the one Error: line (exit 3) says where, with its record, and what to do next."""
    openai_server.refuse[refused] = (400, "the upload is refused today")
    requests_file = tmp_path / "requests.jsonl"
    result = invoke("batch", "submit", str(EXAMPLES / "harbour-en.txt"), "--model", MODEL, "-o", str(requests_file))
    assert (result.exit_code, result.stdout) == (3, "")
    assert [line["custom_id"] for line in lines(requests_file)] == ["1"]  # kept, whole
    record = tmp_path / "batches" / _record_name(tmp_path / "batches")
    uploaded = "" if refused == "/v1/files" else " (the requests were uploaded as file-1)"
    assert result.stderr.splitlines() == [
        f"Error: {openai_server.base_url} answered HTTP 400 for model {MODEL!r}: the upload is refused today{uploaded}; "
        f"no batch was created, and the 1 request(s) are kept in {requests_file} (its record: {record}): "
        "submit them again with the same command once the server takes them, or run that file elsewhere "
        f"(vLLM run_batch) and collect its output with 'summarizer batch collect --file OUTPUT.jsonl --requests "
        f"{requests_file}'"
    ]


def test_a_failed_upload_without_o_keeps_the_request_file_beside_its_record(
    openai_server: FakeOpenAI, tmp_path: Path
) -> None:
    """Without -o the request file existed only in memory: it is written beside the record, and named."""
    openai_server.refuse["/v1/files"] = (400, "no")
    result = invoke(
        "batch", "submit", str(EXAMPLES / "harbour-en.txt"), str(EXAMPLES / "water-ar.txt"), "--model", MODEL
    )
    assert (result.exit_code, result.stdout) == (3, "")
    batches = tmp_path / "batches"
    record = batches / _record_name(batches)
    kept = record.with_name(record.stem + ".requests.jsonl")
    assert [line["custom_id"] for line in lines(kept)] == ["1:1", "2:1"]
    assert f"the 2 request(s) are kept in {kept} (its record: {record})" in result.stderr
    assert result.stderr.count("\n") == 1
    assert (str(record), "the batch's record") in batch_files(requests_file=str(kept))  # collect --requests finds it
    openai_server.refuse.clear()  # the same command again, once the server takes it: the same record, a batch
    again = invoke(
        "batch", "submit", str(EXAMPLES / "harbour-en.txt"), str(EXAMPLES / "water-ar.txt"), "--model", MODEL
    )
    assert again.exit_code == 0, again.output
    batch_id = again.stdout.strip()
    assert openai_server.files[openai_server.batches[batch_id]["input_file_id"]] == kept.read_bytes()


@pytest.mark.parametrize(
    "given",
    ["../x", "/etc/passwd", "", "a b", "..", ".", "batch_1/../../x", "results.jsonl", "tab\tid", "x" * 300],
)
def test_collect_and_status_of_something_that_is_no_batch_id_say_what_an_id_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, given: str
) -> None:
    """``batch collect ../x`` said ``no record of batch '../x' in DIR/..`` (and ``/etc/passwd``, ``in /etc``);
    ``batch status ''`` was an unexpected failure and ``status ../x`` sent the path to the server. Each is one
    Error: line, exit 2, naming what is expected, before any file is read or any request sent."""
    monkeypatch.setenv("SUMMARIZER_BATCH_DIR", str(tmp_path / "batches"))
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")  # nothing listens: a request would say so
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    shown = repr(given) if len(given) <= 80 else repr(given[:80]) + "..."
    collect = invoke("batch", "collect", given)
    assert (collect.exit_code, collect.stdout) == (2, "")
    assert collect.stderr == (
        f"Error: {shown} is not a batch id: give the id 'summarizer batch submit' printed (such as batch_abc123), "
        "or a batch output file run elsewhere as --file OUTPUT.jsonl --requests REQUESTS.jsonl\n"
    )
    status = invoke("batch", "status", given)
    assert (status.exit_code, status.stdout) == (2, "")
    assert status.stderr == (
        f"Error: {shown} is not a batch id: give the id 'summarizer batch submit' printed (such as batch_abc123)\n"
    )
    assert not (tmp_path / "batches").exists()


def test_an_id_of_another_server_is_still_a_batch_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """OpenAI's batch_..., a UUID, base64 with padding: looked up as before."""
    monkeypatch.setenv("SUMMARIZER_BATCH_DIR", str(tmp_path / "batches"))
    for given in ("batch_abc123", "6caaf24d-54a5-46be-b1b7-518884fcbdde", "bGl0ZWxsbQ=="):
        result = invoke("batch", "collect", given)
        assert result.exit_code == 2 and result.stderr.startswith(f"Error: no record of batch {given!r} in ")
