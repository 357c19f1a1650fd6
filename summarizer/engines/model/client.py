"""The back-end seam: one chat completion with a JSON schema, over any OpenAI-compatible server.

Works with OpenAI itself and with servers that speak its Chat Completions
protocol (vLLM, Ollama, llama.cpp's server). The ``openai`` package is
imported only when a backend is built, so the CLI starts fast. Whether the
server takes ``json_schema`` is learnt from the first reply and then is a
plain flag (``schema_in_prompt``) that :func:`send` hands to prompt rendering.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NoReturn, Protocol, TypeVar
from urllib.parse import parse_qsl, unquote, urlsplit, urlunsplit

from summarizer.config import DEFAULT_MODEL, DEFAULT_TIMEOUT, Config
from summarizer.errors import ConfigurationError, ModelError, StructuredOutputRefused, SummarizerError
from summarizer.redact import hide_secrets, install_log_filter, redact, redacted_chain, remember_secret

DEFAULT_MAX_RETRIES = 2
Message = dict[str, str]
REASONING_PREFIXES = ("gpt-5", "o1", "o3", "o4")
T = TypeVar("T")


@dataclass
class ChatReply:
    """One completion: the text, why it stopped, and the tokens it used."""

    content: str | None
    finish_reason: str | None
    input_tokens: int = 0
    output_tokens: int = 0
    refusal: str | None = None
    response_format: str = "json_schema"


class ChatBackend(Protocol):
    """What the model pipeline needs from a model: one chat completion with a JSON schema.

    ``complete`` may raise StructuredOutputRefused once, after which ``schema_in_prompt`` is true.
    """

    model: str

    def complete(
        self, messages: list[dict[str, str]], *, schema: dict[str, Any], schema_name: str, max_tokens: int
    ) -> ChatReply: ...

    @property
    def schema_in_prompt(self) -> bool:
        """True once the server refused json_schema: the schema must then be written in the prompt."""
        ...


@dataclass
class OpenAIBackend:
    """Chat Completions through the ``openai`` SDK.

    Takes plain values (see summarizer.config). ``model`` None means the default model, or the
    only one a local server serves. ``client`` replaces the ``openai.OpenAI`` client (tests,
    other transports). The SDK retries connection errors, timeouts, 408, 429, 5xx and 2xx replies
    that are not JSON ``max_retries`` times; each try is one request ending within ``timeout``
    seconds (see transport.py). Every failure is raised as a ModelError with secrets redacted.
    """

    model: str = ""
    base_url: str | None = None
    api_key: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    max_retries: int = DEFAULT_MAX_RETRIES
    use_json_object: bool = False
    client: Any = field(default=None, repr=False)
    _model_checked: bool = field(default=False, repr=False)
    _model_explicit: bool = field(default=False, repr=False)
    _model_error: ModelError | None = field(default=None, repr=False)
    served_window: int | None = field(default=None, repr=False)  # the context window the server advertises
    _schema_accepted: bool = field(default=False, repr=False)
    # Shared by a run's threads: the model check happens once, the others wait for it.
    _check_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self) -> None:
        self._model_explicit = bool(self.model)
        self.model = self.model or DEFAULT_MODEL
        self.base_url = self.base_url or None
        if not self.api_key:
            if self.base_url is None:
                raise ConfigurationError(
                    "no API key: set OPENAI_API_KEY, or --base-url for a local OpenAI-compatible server"
                )
            self.api_key = "not-needed"  # local servers started without a key accept any value
        remember_secret(self.api_key)
        address, query = _split_base_url(self.base_url)
        install_log_filter()
        if self.client is None:
            import openai

            from summarizer.engines.model.transport import deadline_client

            self.client = openai.OpenAI(
                api_key=self.api_key,
                base_url=address,
                default_query=query or None,
                timeout=self.timeout,
                max_retries=self.max_retries,
                http_client=deadline_client(self.timeout),
            )

    @property
    def schema_in_prompt(self) -> bool:
        return self.use_json_object

    @property
    def where(self) -> str:
        """The server, for messages: the base URL with its password and secret parameters masked."""
        return redact(self.base_url) if self.base_url else "the OpenAI API"

    def _fail(self, error: Exception) -> NoReturn:
        """Raise ``error`` as a ModelError; its chain is a redacted copy, so a traceback holds no secret."""
        raise map_openai_error(error, model=self.model, where=self.where, timeout=self.timeout) from redacted_chain(
            error
        )

    def complete(
        self, messages: list[dict[str, str]], *, schema: dict[str, Any], schema_name: str, max_tokens: int
    ) -> ChatReply:
        """One completion constrained to ``schema`` (json_schema, strict).

        When the server refuses json_schema (llama-cpp-python answers HTTP 500), the back end
        switches to ``{"type": "json_object", "schema": ...}`` for good and raises
        StructuredOutputRefused, so the caller can put the schema into its prompt and ask again.
        Until one reply says whether json_schema is taken, requests go out at once, each without the
        SDK's retries, so a refusing server is asked once per request then in flight, not three times;
        a run does not wait a whole request for that answer before its other requests start. Any
        other failure of such a request is retried as usual.
        """
        self._check_model()
        if not self.use_json_object:
            return self._complete_json_schema(messages, schema, schema_name, max_tokens)
        return self._create_mapped(messages, {"type": "json_object", "schema": schema}, max_tokens, "json_object")

    def _complete_json_schema(
        self, messages: list[dict[str, str]], schema: dict[str, Any], schema_name: str, max_tokens: int
    ) -> ChatReply:
        import openai

        if self.use_json_object:  # learnt while this request waited: its prompt must carry the schema
            raise StructuredOutputRefused(f"{self.where} does not accept response_format json_schema", where=self.where)
        response_format = json_schema_format(schema, schema_name)
        if self._schema_accepted:
            return self._create_mapped(messages, response_format, max_tokens, "json_schema")
        # Not yet known: without the SDK's retries, so that a server refusing json_schema is not asked thrice.
        probe = self._attempt(lambda: self._create(messages, response_format, max_tokens, "json_schema", retries=0))
        if isinstance(probe, openai.APIStatusError) and _refuses_json_schema(probe):
            self.use_json_object = True
            raise StructuredOutputRefused(
                f"{self.where} does not accept response_format json_schema; using json_object with the schema",
                status=probe.status_code,
                where=self.where,
            ) from redacted_chain(probe)
        if isinstance(probe, Exception):
            if not _retried_by_sdk(probe):
                self._fail(probe)
            if isinstance(probe, openai.APIStatusError):
                time.sleep(_retry_after(probe))  # the probe's 429 or 5xx: wait as the server asks, then retry
            probe = self._create_mapped(messages, response_format, max_tokens, "json_schema")
        self._schema_accepted = True
        return probe

    def _create_mapped(
        self, messages: list[dict[str, str]], response_format: dict[str, Any], max_tokens: int, mode: str
    ) -> ChatReply:
        reply = self._attempt(lambda: self._create(messages, response_format, max_tokens, mode))
        if isinstance(reply, Exception):
            self._fail(reply)
        return reply

    @staticmethod
    def _attempt(call: Callable[[], T]) -> T | Exception:
        """``call()``'s result, or what it raised other than a SummarizerError.

        The exception is returned so that the ModelError made from it is raised outside its
        ``except`` block: the original (which may hold the key) is then not its ``__context__``.
        """
        try:
            return call()
        except SummarizerError:  # already one clear line (a ModelError, or an InputError from a transport)
            raise
        except Exception as error:  # noqa: BLE001  the SDK, httpx and pydantic raise many kinds; the user gets one line
            return error

    def resolve(self) -> int | None:
        """Ask the server, once, what it serves, before any budget is computed: the model is then named
        (``model``) and the context window it advertises returned (None where it gives none).

        See :meth:`_check_model`; OpenAI's own API is not asked (its models are in the catalogue).
        """
        self._check_model()
        return self.served_window

    def _check_model(self) -> None:
        """On a server other than OpenAI's, check the model against GET /models once.

        Local servers (llama.cpp's) answer any model name with the model they loaded; this turns a
        mistyped --model into an error that lists what the server serves. With no model asked for
        and exactly one served, that one is used. A server without /models is not checked. The
        served model's context window is kept where the server says it (``served_window``).
        """
        if self._model_checked or self.base_url is None:
            if self._model_error is not None:
                raise self._model_error
            return
        with self._check_lock:  # the first article checks; the others wait for its answer
            if not self._model_checked:
                try:
                    self._list_models()
                except ModelError as error:
                    self._model_error = error
                    raise
                finally:
                    self._model_checked = True
        if self._model_error is not None:
            raise self._model_error

    def _list_models(self) -> None:
        import openai

        listing = self._attempt(lambda: self.client.get("/models", cast_to=object))
        if isinstance(listing, (openai.AuthenticationError, openai.APIConnectionError)):
            self._fail(listing)
        if isinstance(listing, Exception):  # no /models (or an odd one): the model is not checked
            return
        entries = _model_entries(listing)
        served = [str(entry["id"]) for entry in entries]
        if not self._model_explicit and len(served) == 1:
            self.model = served[0]
        if not served or self.model in served:
            entry = next((entry for entry in entries if entry["id"] == self.model), None)
            self.served_window = self._advertised_window(entry) if entry is not None else None
            return
        raise ModelError(
            f"model {self.model!r} is not served at {self.where}; it serves: {', '.join(served[:10])} (use --model)",
            model=self.model,
            where=self.where,
        )

    def _advertised_window(self, entry: dict[str, Any]) -> int | None:
        """The context window the server gives for its model: vLLM's ``max_model_len`` (and the like) in its
        /models entry; llama.cpp's server, whose entry carries ``meta``, says its ``n_ctx`` at /props."""
        for key in WINDOW_KEYS:
            if (window := _count(entry.get(key))) > 0:
                return window
        if not isinstance(entry.get("meta"), dict):
            return None
        props = self._attempt(lambda: self.client.get(_server_root(self.client.base_url) + "/props", cast_to=object))
        if not isinstance(props, dict):
            return None
        settings = props.get("default_generation_settings")
        per_slot = _count(settings.get("n_ctx")) if isinstance(settings, dict) else 0
        return per_slot or _count(props.get("n_ctx")) or None

    def _create(
        self,
        messages: list[dict[str, str]],
        response_format: dict[str, Any],
        max_tokens: int,
        mode: str,
        retries: int | None = None,
    ) -> ChatReply:
        body = chat_arguments(self.model, messages, response_format, max_tokens)
        client = self.client if retries is None else self.client.with_options(max_retries=retries)
        # The SDK's raw POST (its retries, errors and JSON decoding, as chat.completions.create has), the
        # reply left as the server's JSON: create() would walk every value of the body against its typed
        # parameters, and building its ChatCompletion costs as much again, for four fields read here.
        completion = client.post("/chat/completions", body=body, cast_to=object)
        if isinstance(completion, str):  # a body the server did not label application/json: the SDK hands
            completion = _json_or_none(completion)  # back its text, which transport.py found to be JSON
        return reply_from_completion(completion, mode, where=self.where, model=self.model)


WINDOW_KEYS = ("max_model_len", "context_length", "context_window", "max_context_length")


def _model_entries(listing: object) -> list[dict[str, Any]]:
    """The entries of a GET /models reply (``{"data": [{"id": ...}, ...]}``) that name a model."""
    data = listing.get("data") if isinstance(listing, dict) else None
    entries = data if isinstance(data, list) else []
    return [entry for entry in entries if isinstance(entry, dict) and isinstance(entry.get("id"), str)]


def _server_root(base_url: object) -> str:
    """The server's root from its OpenAI base URL (``http://host:8080/v1/`` -> ``http://host:8080``)."""
    root = str(base_url).rstrip("/")
    return root[: -len("/v1")] if root.endswith("/v1") else root


def _split_base_url(base_url: str | None) -> tuple[str | None, dict[str, str]]:
    """The base URL without its query, and the query's parameters (``?api-key=...``, as Azure-style
    gateways take them) for every request; the URL's password is hidden from every message."""
    if base_url is None:
        return None, {}
    parts = urlsplit(base_url)
    for secret in (parts.password, unquote(parts.password or ""), parts.username if parts.password is None else None):
        remember_secret(secret)
    return urlunsplit(parts._replace(query="", fragment="")), dict(parse_qsl(parts.query, keep_blank_values=True))


def json_schema_format(schema: dict[str, Any], name: str) -> dict[str, Any]:
    """The ``response_format`` asking for a reply in ``schema`` (strict structured output)."""
    return {"type": "json_schema", "json_schema": {"name": name, "strict": True, "schema": strict_subset(schema)}}


def chat_arguments(
    model: str, messages: list[Message], response_format: dict[str, Any], max_tokens: int
) -> dict[str, Any]:
    """The arguments of one Chat Completions request: what ``create()`` gets and a Batch API line's body."""
    arguments: dict[str, Any] = {"model": model, "messages": messages, "response_format": response_format}
    if model.startswith(REASONING_PREFIXES):
        arguments["max_completion_tokens"] = max_tokens
        arguments["reasoning_effort"] = "minimal" if model.startswith("gpt-5") else "low"
    else:
        arguments["max_tokens"] = max_tokens
        arguments["temperature"] = 0
        arguments["seed"] = 0
    return arguments


def reply_from_completion(completion: object, mode: str, *, where: str, model: str) -> ChatReply:
    """The ChatReply of a Chat Completions response body (JSON, from the server or a batch output line)."""
    if not isinstance(completion, dict) or not isinstance(choices := completion.get("choices"), list):
        raise ModelError(f"{where} answered something that is not a chat completion (model {model!r})", model=model)
    if not choices:
        raise ModelError(f"{where} returned no choices for model {model!r}", model=model)
    choice = choices[0] if isinstance(choices[0], dict) else {}
    message = found if isinstance(found := choice.get("message"), dict) else {}
    usage = counts if isinstance(counts := completion.get("usage"), dict) else {}
    return ChatReply(
        content=_server_text(message.get("content")),
        finish_reason=_server_text(choice.get("finish_reason")),
        input_tokens=_count(usage.get("prompt_tokens")),
        output_tokens=_count(usage.get("completion_tokens")),
        refusal=_server_text(message.get("refusal")),
        response_format=mode,
    )


def _json_or_none(text: str) -> object:
    try:
        return json.loads(text)
    except ValueError:
        return None


def _server_text(value: Any) -> str | None:
    """A text field of the reply (None unless a string), with any key of ours it echoes masked."""
    return hide_secrets(value) if isinstance(value, str) else None


def _count(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


STRICT_UNSUPPORTED = frozenset({"maxLength", "minLength"})


def strict_subset(schema: Any) -> Any:
    """The schema without the keywords OpenAI's strict structured outputs do not accept."""
    if isinstance(schema, dict):
        return {key: strict_subset(value) for key, value in schema.items() if key not in STRICT_UNSUPPORTED}
    if isinstance(schema, list):
        return [strict_subset(item) for item in schema]
    return schema


def _retried_by_sdk(error: Exception) -> bool:
    """Whether the SDK retries ``error`` (the json_schema probe is sent without its retries)."""
    import openai

    if isinstance(error, openai.APIStatusError):
        return error.status_code >= 500 or error.status_code in (408, 409, 429)
    return isinstance(error, openai.APIConnectionError)  # also timeouts and 2xx replies that are not JSON


def _refuses_json_schema(error: Any) -> bool:
    """Whether a status error says the server does not take response_format json_schema."""
    if error.status_code not in (400, 422, 500, 501):
        return False
    text = _error_text(error).lower()
    return any(word in text for word in ("response_format", "json_schema", "schema", "validation"))


MAX_PROBE_WAIT_S = 60.0


def _retry_after(error: Any) -> float:
    """Seconds a status error's ``Retry-After`` (or ``retry-after-ms``) asks to wait; 0 when it says nothing usable."""
    headers = getattr(getattr(error, "response", None), "headers", None) or {}
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        try:
            seconds = float(headers.get(name, "")) * scale
        except (TypeError, ValueError):  # absent (""), or not a number
            continue
        if 0 < seconds < float("inf"):
            return min(seconds, MAX_PROBE_WAIT_S)
    return 0.0


def _error_text(error: Any) -> str:
    body = getattr(error, "body", None)
    if isinstance(body, dict):
        detail = body.get("error", body)
        if isinstance(detail, dict):
            return str(detail.get("message") or json.dumps(detail, ensure_ascii=False))
        return str(detail)
    return str(body or getattr(error, "message", "") or error)


def map_openai_error(error: Exception, *, model: str, where: str, timeout: float | None = None) -> ModelError:
    """Turn an exception of the ``openai`` SDK into a one-line ModelError that says what to do.

    Secrets are redacted from the message and its context (a server may echo the request's headers).
    """
    import openai

    detail = " ".join(redact(_error_text(error)).split())[:300]
    where = redact(where)
    status = getattr(error, "status_code", None)
    limit = f"within {timeout:g} s (SUMMARIZER_TIMEOUT, per request)" if timeout else "in time"
    messages = (  # the first class the error is an instance of gives the message (timeouts are connection errors)
        (openai.AuthenticationError, "{where} rejected the API key (HTTP 401): check OPENAI_API_KEY"),
        (openai.PermissionDeniedError, "{where} refused access (HTTP 403) to model {model!r}: {detail}"),
        (openai.NotFoundError, "model {model!r} was not found at {where} (HTTP 404): check --model and --base-url"),
        (openai.RateLimitError, "{where} is rate limiting requests or the quota is used up (HTTP 429): wait and retry"),
        (
            openai.APITimeoutError,
            "{where} did not send a complete reply {limit}: raise SUMMARIZER_TIMEOUT or try again",
        ),
        (openai.APIConnectionError, _connection_failure(error)),
        (openai.APIStatusError, "{where} answered HTTP {status} for model {model!r}: {detail}"),
    )
    template = next(
        (text for kind, text in messages if isinstance(error, kind)),
        "{where} failed unexpectedly ({kind}: {detail})",
    )
    message = template.format(
        where=where, model=model, detail=detail, status=status, limit=limit, kind=type(error).__name__
    )
    return ModelError(message, status=status, model=model, where=where)


def _connection_failure(error: Exception) -> str:
    """The message template for a request that got no usable reply, from what the SDK's error was caused by."""
    import httpx2

    from summarizer.engines.model.transport import NotJSONReply

    cause = error.__cause__
    if isinstance(cause, NotJSONReply):
        what = "an HTML page" if cause.html else "a reply that is not JSON"
        return (
            f"{{where}} answered with {what} instead of JSON (HTTP 200), also when asked again: "
            "check --base-url / OPENAI_BASE_URL (an OpenAI-compatible API, usually ending in /v1) and any proxy"
        )
    if isinstance(cause, (httpx2.RemoteProtocolError, httpx2.ReadError)):
        return (
            "the connection to {where} closed before the reply was complete, also when asked again: "
            "check the server's log (did it stop or crash?) and any proxy in between"
        )
    return "cannot reach {where}: check --base-url / OPENAI_BASE_URL and that the server is running"


def open_backend(config: Config) -> OpenAIBackend:
    """The OpenAI-compatible back end for a run's settings."""
    return OpenAIBackend(
        model=config.model or "", base_url=config.base_url, api_key=config.api_key, timeout=config.timeout
    )


def send(
    backend: ChatBackend,
    request: Callable[[bool], list[Message]],
    *,
    schema: dict[str, Any],
    schema_name: str,
    max_tokens: int,
) -> tuple[list[Message], ChatReply]:
    """Render ``request`` for what the server accepts (``schema_in_prompt``) and send it.

    Returns the messages sent and the reply. The first request to a server that refuses
    json_schema is rendered once more with the schema written into it.
    """
    messages = request(backend.schema_in_prompt)
    try:
        return messages, backend.complete(messages, schema=schema, schema_name=schema_name, max_tokens=max_tokens)
    except StructuredOutputRefused:
        messages = request(True)
        return messages, backend.complete(messages, schema=schema, schema_name=schema_name, max_tokens=max_tokens)
