"""The HTTP client under the ``openai`` SDK: a whole-request deadline, and JSON or a retryable error.

``SUMMARIZER_TIMEOUT`` bounds each HTTP request as a whole: connecting, sending, the reply's
headers and its whole body. httpx's own timeouts bound each socket operation, so a server that
drips one byte a second never trips them; here every socket operation is given only what is left
of the request's deadline (a monotonic clock), and fails as a timeout once it has passed.

A 2xx reply whose body is not JSON (an HTML error page from a proxy or a web UI) is raised as
:class:`NotJSONReply`, a request error, so the SDK retries it like a dropped connection.
"""

from __future__ import annotations

import json
import ssl
import time
from collections.abc import Iterable
from contextvars import ContextVar
from typing import Any

import httpcore2
import httpx2

# The deadline of the request this thread is sending; set by the client's request hook.
_deadline: ContextVar[float | None] = ContextVar("summarizer_request_deadline", default=None)


class NotJSONReply(httpx2.DecodingError):
    """A 2xx reply whose body is not JSON; ``html`` says whether it looks like a web page."""

    def __init__(self, message: str, *, html: bool, request: httpx2.Request) -> None:
        super().__init__(message, request=request)
        self.html = html


def _left(timeout: float | None, expired: type[Exception]) -> float | None:
    """``timeout`` cut to what is left of the current request's deadline; ``expired`` once none is left."""
    deadline = _deadline.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise expired("the whole-request deadline (SUMMARIZER_TIMEOUT) has passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore2.NetworkStream):
    """A connection whose every read and write ends by the current request's deadline."""

    def __init__(self, inner: httpcore2.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _left(timeout, httpcore2.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _left(timeout, httpcore2.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore2.NetworkStream:
        return _DeadlineStream(
            self._inner.start_tls(ssl_context, server_hostname, _left(timeout, httpcore2.ConnectTimeout))
        )

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _DeadlineBackend(httpcore2.NetworkBackend):
    """Opens connections that honour the current request's deadline."""

    def __init__(self, inner: httpcore2.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore2.NetworkStream:
        stream = self._inner.connect_tcp(
            host, port, _left(timeout, httpcore2.ConnectTimeout), local_address, socket_options
        )
        return _DeadlineStream(stream)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore2.NetworkStream:
        return _DeadlineStream(
            self._inner.connect_unix_socket(path, _left(timeout, httpcore2.ConnectTimeout), socket_options)
        )

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def _require_json(response: httpx2.Response) -> None:
    """Raise NotJSONReply for a 2xx reply whose body does not parse as JSON (read here, by the deadline)."""
    if not 200 <= response.status_code < 300 or "event-stream" in response.headers.get("content-type", ""):
        return
    if response.request.url.path.endswith("/content"):
        return  # a file's content (the Batch API's JSONL output) is not one JSON document
    body = response.read()
    try:
        json.loads(body)
    except ValueError:
        html = "html" in response.headers.get("content-type", "") or body.lstrip()[:1] == b"<"
        what = "an HTML page" if html else "a body that is not JSON"
        raise NotJSONReply(
            f"HTTP {response.status_code} with {what} instead of JSON", html=html, request=response.request
        ) from None


def deadline_client(seconds: float) -> httpx2.Client:
    """An HTTP client for ``openai.OpenAI(http_client=...)``: the SDK's defaults, each request ending within ``seconds``.

    Keeps the SDK's connection limits, redirects and proxies from the environment. The deadline
    is installed under each of the client's transports (see :func:`deadline_installed`).
    """
    import openai

    def start_deadline(request: httpx2.Request) -> None:
        _deadline.set(time.monotonic() + seconds)

    client = openai.DefaultHttpxClient(
        timeout=seconds, event_hooks={"request": [start_deadline], "response": [_require_json]}
    )
    for pool in _pools(client):
        pool._network_backend = _DeadlineBackend(pool._network_backend)
    return client


def deadline_installed(client: httpx2.Client) -> bool:
    """Whether every connection pool of ``client`` opens deadline-bound connections."""
    pools = list(_pools(client))
    return bool(pools) and all(isinstance(pool._network_backend, _DeadlineBackend) for pool in pools)


def _pools(client: httpx2.Client) -> Iterable[Any]:
    # httpx2 offers no public way to give its transports a network backend; these attributes are
    # checked by tests/test_server_faults.py, so an httpx2 release that renames them fails there.
    transports = [client._transport, *client._mounts.values()]
    for transport in transports:
        pool = getattr(transport, "_pool", None)
        if pool is not None and hasattr(pool, "_network_backend"):
            yield pool
