"""Misbehaving servers: one redacted Error line, exit 3, nothing written; a whole-request deadline.

A real HTTP server on 127.0.0.1 (port 0, in a thread) fails on purpose: it echoes the request's
Authorization header in its error bodies, drips its reply one byte at a time, answers 200 with an
HTML page, or closes the connection halfway through the body.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import openai
import pytest
from click.testing import CliRunner, Result

from summarizer.cli import cli
from summarizer.engines.model.client import OpenAIBackend
from summarizer.engines.model.transport import deadline_installed
from summarizer.errors import ModelError
from summarizer.redact import redact

pytestmark = pytest.mark.block_network(allowed_hosts=[r"127\.0\.0\.1$"])

KEY = "local-key-7f3a9c2e51"  # follows no pattern: hidden because the back end was given it
SK_KEY = "sk-proj-Zx81NqT4vW2mLp0s"
PASSWORD = "hunter2-pw-9911"
ARTICLE = "The port handled 12 ships on Monday.\n\nOfficials said traffic rose.\n"
SCHEMA = {
    "type": "object",
    "properties": {"text": {"type": "string"}},
    "required": ["text"],
    "additionalProperties": False,
}


def completion(content: str) -> dict[str, Any]:
    return {
        "id": "c1",
        "object": "chat.completion",
        "created": 0,
        "model": "m",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
    }


GOOD_REPLY = json.dumps(
    {
        "summary_en": [{"text": "The port handled 12 ships on Monday.", "sources": [1]}],
        "summary_ar": [{"text": "تعامل الميناء مع 12 سفينة يوم الاثنين.", "sources": [1]}],
        "key_figures": [],
    },
    ensure_ascii=False,
)


class Handler(BaseHTTPRequestHandler):
    """Serves GET /v1/models properly and POST /v1/chat/completions as ``server.fault`` says."""

    protocol_version = "HTTP/1.1"
    server: FaultyServer

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        self._send(200, json.dumps({"object": "list", "data": [{"id": "m", "object": "model"}]}).encode())

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("content-length", 0)))
        self.server.chat_requests += 1
        self.server.paths.append(self.path)
        getattr(self, f"fault_{self.server.fault}")()

    def _send(self, status: int, body: bytes, content_type: str = "application/json", **headers: str) -> None:
        self.send_response(status)
        self.send_header("content-type", content_type)
        self.send_header("content-length", str(len(body)))
        self.send_header("retry-after-ms", "1")  # keeps the SDK's retries quick
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _echo(self, status: int) -> None:
        headers = dict(self.headers)
        message = f"denied; you sent Authorization: {self.headers['authorization']}"
        self._send(status, json.dumps({"error": {"message": message, "headers": headers}}).encode())

    def fault_good(self) -> None:
        self._send(200, json.dumps(completion(GOOD_REPLY)).encode())

    def fault_echo_key(self) -> None:  # a reply whose summary repeats the key the request carried
        key = self.headers["authorization"].removeprefix("Bearer ")
        content = GOOD_REPLY.replace("on Monday", f"on Monday (key {key})")
        self._send(200, json.dumps(completion(content)).encode())

    def fault_good_unlabelled(self) -> None:  # a valid reply whose content type does not say JSON
        self._send(200, json.dumps(completion(GOOD_REPLY)).encode(), "text/plain")

    def fault_401(self) -> None:
        self._echo(401)

    def fault_403(self) -> None:
        self._echo(403)

    def fault_404(self) -> None:
        self._echo(404)

    def fault_429(self) -> None:
        self._echo(429)

    def fault_500(self) -> None:  # a plain-text body echoing every header, as a crashing proxy might
        echoed = "".join(f"{name}: {value}\n" for name, value in self.headers.items())
        body = f"Internal error for Authorization: {self.headers['authorization']}\n{echoed}"
        self._send(500, body.encode(), "text/plain")

    def fault_html(self) -> None:
        self._send(200, b"<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>", "text/html")

    def fault_html_as_json(self) -> None:
        self._send(200, b"<html><body>Service Unavailable</body></html>")

    def fault_truncated(self) -> None:
        body = json.dumps(completion(GOOD_REPLY)).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[: len(body) // 2])
        self.wfile.flush()
        self.close_connection = True
        self.connection.shutdown(socket.SHUT_RDWR)

    def fault_drip(self) -> None:  # a whole reply, one byte every 0.1 s: about 40 s if nothing stops it
        body = json.dumps(completion(GOOD_REPLY)).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        try:
            for index in range(len(body)):
                self.wfile.write(body[index : index + 1])
                self.wfile.flush()
                time.sleep(0.1)
        except OSError:  # the client gave up: what the deadline is for
            self.close_connection = True


class FaultyServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, fault: str) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.fault = fault
        self.chat_requests = 0
        self.paths: list[str] = []
        self.url = f"http://127.0.0.1:{self.server_address[1]}/v1"


@pytest.fixture
def serve() -> Iterator[Callable[[str], FaultyServer]]:
    servers: list[FaultyServer] = []

    def start(fault: str) -> FaultyServer:
        server = FaultyServer(fault)
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """No backoff between the SDK's retries where the server sends no retry-after (dropped connections)."""
    monkeypatch.setattr(openai._base_client.SyncAPIClient, "_calculate_retry_timeout", lambda *args, **kwargs: 0.0)


def summarize(tmp_path: Path, base_url: str, *extra: str, key: str = KEY) -> tuple[Result, Path]:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    output = tmp_path / "out.json"
    args = ["summarize", str(article), "--model", "m", "--base-url", base_url, "--format", "json", "-o", str(output)]
    result = CliRunner().invoke(cli, [*args, *extra], env={"OPENAI_API_KEY": key}, catch_exceptions=False)
    return result, article


def assert_one_error(result: Result, article: Path, first_line: str, *, lines: int = 1) -> None:
    """Exit 3, exactly this Error line (and no more lines unless said), no output, no secret anywhere."""
    assert result.exit_code == 3, result.stderr
    assert result.stderr.splitlines()[0] == first_line
    assert len(result.stderr.splitlines()) == lines, result.stderr
    assert result.stdout == ""
    assert sorted(article.parent.iterdir()) == [article]  # nothing written, no temporary file left
    for secret in (KEY, SK_KEY, PASSWORD, "SECRETQUERY"):
        assert secret not in result.stderr and secret not in result.stdout


@pytest.mark.parametrize("debug", ["1", ""])
def test_403_echoing_the_authorization_header_keeps_the_key_off_stderr(
    serve: Callable[[str], FaultyServer], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, debug: str
) -> None:
    monkeypatch.setenv("SUMMARIZER_DEBUG", debug)
    server = serve("403")
    result, article = summarize(tmp_path, server.url)
    start = f"Error: {server.url} refused access (HTTP 403) to model 'm': denied; you sent Authorization: Bearer ***"
    assert_one_error(result, article, start)
    assert server.chat_requests == 1


@pytest.mark.parametrize(
    ("fault", "message", "requests"),
    [
        ("401", "{url} rejected the API key (HTTP 401): check OPENAI_API_KEY", 1),
        ("404", "model 'm' was not found at {url} (HTTP 404): check --model and --base-url", 1),
        ("429", "{url} is rate limiting requests or the quota is used up (HTTP 429): wait and retry", 4),
        (
            "500",
            "{url} answered HTTP 500 for model 'm': Internal error for Authorization: Bearer *** Host: 127.0.0.1:{port}",
            4,
        ),
        (
            "html",
            "{url} answered with an HTML page instead of JSON (HTTP 200), also when asked again: check --base-url / "
            "OPENAI_BASE_URL (an OpenAI-compatible API, usually ending in /v1) and any proxy",
            4,
        ),
        (
            "html_as_json",
            "{url} answered with an HTML page instead of JSON (HTTP 200), also when asked again: check --base-url / "
            "OPENAI_BASE_URL (an OpenAI-compatible API, usually ending in /v1) and any proxy",
            4,
        ),
        (
            "truncated",
            "the connection to {url} closed before the reply was complete, also when asked again: check the server's "
            "log (did it stop or crash?) and any proxy in between",
            4,
        ),
    ],
)
def test_server_faults_are_one_error_line_and_exit_3(
    serve: Callable[[str], FaultyServer], tmp_path: Path, fault: str, message: str, requests: int
) -> None:
    server = serve(fault)
    result, article = summarize(tmp_path, server.url)
    port = server.server_address[1]
    expected = "Error: " + message.format(url=server.url, port=port)
    if fault == "500":  # the echoed headers go on; the key among them is masked
        assert result.stderr.startswith(expected)
        expected = result.stderr.splitlines()[0]
    assert_one_error(result, article, expected)
    assert server.chat_requests == requests  # retried like a 5xx where the SDK retries (a probe and 3 tries)


def test_a_dripping_server_is_stopped_by_the_whole_request_deadline(
    serve: Callable[[str], FaultyServer], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUMMARIZER_TIMEOUT", "0.5")
    server = serve("drip")
    started = time.monotonic()
    result, article = summarize(tmp_path, server.url)
    elapsed = time.monotonic() - started
    message = (
        f"Error: {server.url} did not send a complete reply within 0.5 s (SUMMARIZER_TIMEOUT, per request): "
        "raise SUMMARIZER_TIMEOUT or try again"
    )
    assert_one_error(result, article, message)
    assert server.chat_requests == 4
    assert elapsed < 4 * 0.5 + 1.5  # without the deadline each request would take about 40 s


def test_one_request_ends_at_its_deadline(serve: Callable[[str], FaultyServer]) -> None:
    server = serve("drip")
    backend = OpenAIBackend(model="m", base_url=server.url, api_key=KEY, timeout=0.6, max_retries=0)
    assert deadline_installed(backend.client._client)
    backend.use_json_object = True  # one request, no json_schema probe
    started = time.monotonic()
    with pytest.raises(ModelError, match=r"did not send a complete reply within 0\.6 s"):
        backend.complete([{"role": "user", "content": "x"}], schema=SCHEMA, schema_name="s", max_tokens=50)
    assert 0.5 < time.monotonic() - started < 0.9


def test_unreachable_credentialed_base_url_is_redacted(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base_url = f"http://user:{PASSWORD}@127.0.0.1:{port}/v1?api-key=SECRETQUERY"
    result, article = summarize(tmp_path, base_url, key=SK_KEY)
    message = (
        f"Error: cannot reach http://user:***@127.0.0.1:{port}/v1?api-key=***: "
        "check --base-url / OPENAI_BASE_URL and that the server is running"
    )
    assert_one_error(result, article, message)


@pytest.mark.parametrize("fault", ["403", "500", "html", "truncated"])
def test_the_exception_chain_holds_no_secret(serve: Callable[[str], FaultyServer], fault: str) -> None:
    server = serve(fault)
    backend = OpenAIBackend(model="m", base_url=server.url.replace("//", f"//u:{PASSWORD}@"), api_key=SK_KEY)
    with pytest.raises(ModelError) as raised:
        backend.complete([{"role": "user", "content": "x"}], schema=SCHEMA, schema_name="s", max_tokens=50)
    chain: list[BaseException] = []
    error: BaseException | None = raised.value
    while error is not None:
        chain.append(error)
        assert error.__context__ is None or error.__context__ is error.__cause__
        error = error.__cause__
    assert len(chain) >= 2  # the cause is kept, as a redacted copy, for the debug traceback
    for link in chain:
        text = f"{link} {getattr(link, 'context', '')}"
        assert SK_KEY not in text and PASSWORD not in text


def test_unexpected_failure_under_debug_is_one_redacted_line_then_the_traceback(
    serve: Callable[[str], FaultyServer], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from summarizer.engines.model import conversation

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError(f"bug while holding Authorization: Bearer {KEY} for http://u:{PASSWORD}@h/v1")

    monkeypatch.setattr(conversation, "send", broken)
    server = serve("good")
    result, article = summarize(tmp_path, server.url)
    first = (
        "Error: unexpected failure (RuntimeError: bug while holding Authorization: Bearer *** for http://u:***@h/v1); "
        "rerun with SUMMARIZER_DEBUG=1 for the traceback"
    )
    assert result.exit_code == 3 and result.stderr.splitlines()[0] == first
    assert "Traceback (most recent call last)" in result.stderr
    assert KEY not in result.stderr and PASSWORD not in result.stderr and result.stdout == ""
    assert sorted(article.parent.iterdir()) == [article]


def test_an_unexpected_sdk_failure_is_a_model_error(
    serve: Callable[[str], FaultyServer], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: Any, *args: Any, **kwargs: Any) -> Any:
        raise ValueError(f"could not build the request with api_key={KEY}")

    monkeypatch.setattr(openai.OpenAI, "post", broken)  # the chat completion is the SDK's POST
    server = serve("good")
    result, article = summarize(tmp_path, server.url)
    message = f"Error: {server.url} failed unexpectedly (ValueError: could not build the request with api_key=***)"
    assert_one_error(result, article, message)


def test_a_json_reply_not_labelled_json_is_still_read(serve: Callable[[str], FaultyServer], tmp_path: Path) -> None:
    server = serve("good_unlabelled")
    result, _ = summarize(tmp_path, server.url)
    assert result.exit_code == 0, result.stderr
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["articles"][0]["summaries"]["en"]


def test_a_key_the_server_echoes_in_its_reply_never_reaches_the_output(
    serve: Callable[[str], FaultyServer], tmp_path: Path
) -> None:
    server = serve("echo_key")
    result, _ = summarize(tmp_path, server.url, "--audit")
    written = (tmp_path / "out.json").read_text(encoding="utf-8")
    assert "(key ***)" in written and KEY not in written + result.stdout + result.stderr


def test_a_base_url_query_goes_with_every_request(serve: Callable[[str], FaultyServer], tmp_path: Path) -> None:
    server = serve("good")
    result, _ = summarize(tmp_path, f"{server.url}?api-key=QSECRETQUERY")
    assert result.exit_code == 0, result.stderr
    assert server.paths == ["/v1/chat/completions?api-key=QSECRETQUERY"]
    assert "QSECRETQUERY" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    "url",
    [
        f"http://user:{PASSWORD[:4]}/{PASSWORD[4:]}@127.0.0.1:1/v1",
        f"http://user:{PASSWORD} x@h/v1",
        "localhost:8080/v1",
    ],
)
def test_a_malformed_base_url_is_a_configuration_error_that_echoes_nothing(tmp_path: Path, url: str) -> None:
    result, _ = summarize(tmp_path, url)
    assert result.exit_code == 2 and result.stderr.startswith(
        "Error: the base URL (--base-url / OPENAI_BASE_URL) is not valid"
    )
    assert PASSWORD[:4] not in result.stderr and PASSWORD[4:] not in result.stderr


def test_audit_output_holds_no_key(serve: Callable[[str], FaultyServer], tmp_path: Path) -> None:
    server = serve("good")
    result, _article = summarize(tmp_path, server.url, "--audit")
    assert result.exit_code in (0, 1), result.stderr
    written = (tmp_path / "out.json").read_text(encoding="utf-8")
    assert json.loads(written)["articles"][0]["audit"]
    for text in (written, result.stdout, result.stderr):
        assert KEY not in text


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ("http://user:pass@host/v1", "http://user:***@host/v1"),
        (
            "https://ghp_tok3n@proxy.example/v1 and http://host/v1 and mailto:a@b.c",
            "https://***@proxy.example/v1 and http://host/v1 and mailto:a@b.c",
        ),
        ("https://user:p@ss@proxy/v1 https://tok@en@proxy/v1", "https://user:***@proxy/v1 https://***@proxy/v1"),
        (
            "https://host/v1?email=a@b.com and https://host?x=a@b",
            "https://host/v1?email=a@b.com and https://host?x=a@b",
        ),
        ("https://h/v1?api-key=A&x=1&sig=B&key=C#f", "https://h/v1?api-key=***&x=1&sig=***&key=***#f"),
        ("?token=T&access_token=U&api_key=V", "?token=***&access_token=***&api_key=***"),
        ("Authorization: Bearer abc.def-ghi", "Authorization: Bearer ***"),
        ("{'authorization': 'Basic dXNlcjpwYXNz'}", "{'authorization': 'Basic ***'}"),
        ('{"api-key": "abc", "token": "t0k"}', '{"api-key": "***", "token": "***"}'),
        ("key sk-proj-abcDEF123_x-y was revoked", "key sk-*** was revoked"),
        (
            "rejected the API key (HTTP 401): check OPENAI_API_KEY",
            "rejected the API key (HTTP 401): check OPENAI_API_KEY",
        ),
        ("max_tokens: 2000 and 12 tokens", "max_tokens: 2000 and 12 tokens"),
    ],
)
def test_redact(text: str, redacted: str) -> None:
    assert redact(text) == redacted
