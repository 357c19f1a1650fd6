#!/usr/bin/env python3
"""A local OpenAI-compatible load-test server: part of the benchmark and the tests, not the product.

Answers ``GET /v1/models`` at once and ``POST /v1/chat/completions`` after a fixed delay with a
valid reply for the summarize schema (one cited sentence per language asked for, no key
figures), so that every article verifies in one call. ``fault`` lets a test answer some requests
with an error status (429 with ``Retry-After``, 400, ...) and, if it says one, an error message. Binds 127.0.0.1 only; threaded, with
HTTP/1.1 keep-alive. It counts requests and the most that were in flight at once.

As a stand-in for other servers: ``models`` are the ids it serves, each entry with ``entry`` added
(vLLM's ``{"max_model_len": 4096}``, llama.cpp's ``{"meta": {...}}``), and ``props`` is what
``GET /props`` answers (llama.cpp's ``{"default_generation_settings": {"n_ctx": 4096}}``; None:
404). With ``log`` it keeps every chat request body (``bodies``): a logging server, whose
:func:`sent_tokens` counts what each request sends.

    python scripts/load_server.py --port 8799 --delay 0.3     # serve until Ctrl-C
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import socket
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

MODEL = "bench-model"
SENTENCES = {"en": "The article reports the news.", "ar": "يتناول المقال الخبر."}
# (request, attempt) -> None to answer, or (status, headers) or (status, headers, error message) to fail
Fault = Callable[[dict[str, Any], int], "tuple[int, dict[str, str]] | tuple[int, dict[str, str], str] | None"]


def summary_reply(request: dict[str, Any]) -> str:
    """A reply that fits the request's schema and passes the checks (no numbers, sentence 1 cited); for the
    translation schema, each fenced paragraph of the request given back as its own "translation"."""
    response_format = request.get("response_format", {})
    schema = response_format.get("json_schema", {}).get("schema") or response_format.get("schema") or {}
    if "paragraphs" in schema.get("properties", {}):
        return _echo_paragraphs(request)
    return _reply_for(tuple(name for name in schema.get("properties", {}) if name.startswith("summary_")))


def _echo_paragraphs(request: dict[str, Any]) -> str:
    prompt = next((m["content"] for m in request["messages"] if "ARTICLE START\n" in m.get("content", "")), "")
    fenced = prompt.split("ARTICLE START\n", 1)[-1].split("\nARTICLE END", 1)[0]
    items = [
        {"id": int(number), "translation": text} for number, text in re.findall(r"^\[?(\d+)\]? (.*)$", fenced, re.M)
    ]
    return json.dumps({"paragraphs": items}, ensure_ascii=False)


@functools.lru_cache(maxsize=64)  # the server's CPU is the benchmark's too: each reply is made once
def _reply_for(summaries: tuple[str, ...]) -> str:
    reply: dict[str, Any] = {"key_figures": []}
    for name in summaries:
        reply[name] = [{"text": SENTENCES.get(name[len("summary_") :], "News."), "sources": [1]}]
    return json.dumps(reply, ensure_ascii=False)


class _Server(ThreadingHTTPServer):
    request_queue_size = 1024  # the default backlog of 5 drops connections a 64-wide client opens at once
    daemon_threads = True


class LoadServer:
    """The server in a background thread: ``url``, ``requests`` served, ``peak`` in flight, ``close()``."""

    def __init__(
        self,
        *,
        delay: float = 0.3,
        port: int = 0,
        fault: Fault | None = None,
        models: tuple[str, ...] = (MODEL,),
        entry: dict[str, Any] | None = None,
        props: dict[str, Any] | None = None,
        log: bool = False,
    ) -> None:
        self.delay = delay
        self.fault = fault
        self.models = models
        self.entry = entry or {}
        self.props = props
        self.log = log
        self.bodies: list[dict[str, Any]] = []  # with ``log``: every chat request body, in arrival order
        self.gets: list[str] = []  # the paths of GET requests
        self.requests = 0
        self.in_flight = 0
        self.peak = 0
        self.attempts: dict[bytes, int] = {}  # per request body: how many times it was sent (with a fault)
        self.lock = threading.Lock()
        self.httpd = _Server(("127.0.0.1", port), _handler(self))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> LoadServer:
        return self

    def __exit__(self, *_: Any) -> None:
        self.close()


def _handler(server: LoadServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self) -> None:
            super().setup()
            # headers and body go out in two writes: without this, Nagle and the client's delayed ACK add 40 ms
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def log_message(self, *_: Any) -> None:  # quiet
            pass

        def _send(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            with server.lock:
                server.gets.append(self.path)
            if self.path.rstrip("/").endswith("/props"):
                if server.props is None:
                    self._send(404, {"error": {"message": "File Not Found", "type": "not_found_error"}})
                else:
                    self._send(200, server.props)
                return
            data = [{"id": name, "object": "model", "owned_by": "bench", **server.entry} for name in server.models]
            self._send(200, {"object": "list", "data": data})

        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            request = json.loads(raw)
            with server.lock:
                server.requests += 1
                server.in_flight += 1
                server.peak = max(server.peak, server.in_flight)
                if server.fault:  # only a fault needs the attempts (and the bodies held for them)
                    attempt = server.attempts[raw] = server.attempts.get(raw, 0) + 1
                if server.log:
                    server.bodies.append(request)
            try:
                fault = server.fault(request, attempt) if server.fault else None
                if fault is not None:
                    status, headers, *message = fault
                    text = message[0] if message else f"scripted HTTP {status}"
                    self._send(status, {"error": {"message": text, "type": "test"}}, headers)
                    return
                time.sleep(server.delay)
                content = summary_reply(request)
                self._send(
                    200,
                    {
                        "id": "chatcmpl-load",
                        "object": "chat.completion",
                        "created": int(time.time()),
                        "model": MODEL,
                        "choices": [
                            {
                                "index": 0,
                                "finish_reason": "stop",
                                "message": {"role": "assistant", "content": content, "refusal": None},
                            }
                        ],
                        "usage": {
                            "prompt_tokens": len(raw) // 4,
                            "completion_tokens": len(content) // 4,
                            "total_tokens": (len(raw) + len(content)) // 4,
                        },
                    },
                )
            finally:
                with server.lock:
                    server.in_flight -= 1

    return Handler


def sent_tokens(body: dict[str, Any]) -> int:
    """The input tokens of a chat request as sent, counted from its body with tiktoken: each message's role
    and content with OpenAI's framing (3 tokens a message, 3 to prime the reply), and a json_schema
    ``response_format``'s schema object (name, strict, schema) in compact JSON. Only the tokenizer (the
    model's tiktoken encoding, loaded offline) comes from the package; the counting is this function's."""
    from summarizer.engines.model.counting import encoding_for_model

    encoding = encoding_for_model(body["model"])
    total = 3
    for message in body["messages"]:
        total += 3 + sum(len(encoding.encode_ordinary(value)) for value in message.values() if isinstance(value, str))
        total += "name" in message
    response_format = body.get("response_format") or {}
    if response_format.get("type") == "json_schema":
        sent = json.dumps(response_format["json_schema"], ensure_ascii=False, separators=(",", ":"))
        total += len(encoding.encode_ordinary(sent))
    return total


def output_budget(body: dict[str, Any]) -> int:
    """The output tokens a request asks room for."""
    return int(body.get("max_completion_tokens") or body.get("max_tokens") or 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8799)
    parser.add_argument("--delay", type=float, default=0.3)
    arguments = parser.parse_args()
    server = LoadServer(delay=arguments.delay, port=arguments.port)
    print(f"serving {server.url} (delay {arguments.delay}s); Ctrl-C stops", flush=True)
    try:
        server.thread.join()
    except KeyboardInterrupt:
        server.close()


if __name__ == "__main__":
    main()
