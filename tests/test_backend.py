"""OpenAIBackend without a server: error mapping, the json_object fallback, request arguments."""

from __future__ import annotations

from typing import Any

import httpx2
import openai
import pytest

from summarizer.engines.model.client import OpenAIBackend, map_openai_error
from summarizer.errors import ConfigurationError, ModelError, StructuredOutputRefused

URL = "http://127.0.0.1:9/v1"
REQUEST = httpx2.Request("POST", f"{URL}/chat/completions")


def status_error(cls: type[openai.APIStatusError], code: int, message: str) -> openai.APIStatusError:
    body = {"error": {"message": message}}
    return cls(message, response=httpx2.Response(code, request=REQUEST, json=body), body=body["error"])


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (
            status_error(openai.AuthenticationError, 401, "bad key"),
            f"{URL} rejected the API key (HTTP 401): check OPENAI_API_KEY",
        ),
        (
            status_error(openai.NotFoundError, 404, "no such model"),
            f"model 'm' was not found at {URL} (HTTP 404): check --model and --base-url",
        ),
        (
            status_error(openai.RateLimitError, 429, "slow down"),
            f"{URL} is rate limiting requests or the quota is used up (HTTP 429): wait and retry",
        ),
        (
            openai.APIConnectionError(request=REQUEST),
            f"cannot reach {URL}: check --base-url / OPENAI_BASE_URL and that the server is running",
        ),
        (
            openai.APITimeoutError(request=REQUEST),
            f"{URL} did not send a complete reply in time: raise SUMMARIZER_TIMEOUT or try again",
        ),
        (
            status_error(openai.InternalServerError, 503, "overloaded"),
            f"{URL} answered HTTP 503 for model 'm': overloaded",
        ),
    ],
)
def test_openai_errors_map_to_actionable_messages(error: Exception, message: str) -> None:
    mapped = map_openai_error(error, model="m", where=URL)
    assert isinstance(mapped, ModelError) and str(mapped) == message and mapped.exit_code == 3


def completion(content: str) -> dict[str, Any]:
    """A Chat Completions response body, as the SDK's raw POST returns it."""
    return {
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": content, "refusal": None}, "finish_reason": "stop"}
        ],
        "usage": {"prompt_tokens": 11, "completion_tokens": 7},
    }


class FakeClient:
    """Stands in for openai.OpenAI: scripted outcomes for POST /chat/completions, records the bodies sent."""

    def __init__(self, outcomes: list[Any], served: list[str] | None = None) -> None:
        self.outcomes = outcomes
        self.calls: list[dict[str, Any]] = []
        self.retries: list[int | None] = []
        self.served = served or ["local-model"]
        self.base_url = URL
        self._max_retries: int | None = None

    def get(self, path: str, *, cast_to: type) -> Any:
        assert path == "/models"
        return {"object": "list", "data": [{"id": name, "object": "model"} for name in self.served]}

    def with_options(self, *, max_retries: int) -> FakeClient:
        self._max_retries = max_retries
        return self

    def post(self, path: str, *, body: dict[str, Any], cast_to: type) -> Any:
        assert path == "/chat/completions"
        self.calls.append(body)
        self.retries.append(self._max_retries)
        self._max_retries = None
        outcome = self.outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome


def backend(
    outcomes: list[Any], model: str = "local-model", served: list[str] | None = None
) -> tuple[OpenAIBackend, FakeClient]:
    made = OpenAIBackend(model=model, base_url=URL, api_key="sk-test")
    fake = FakeClient(outcomes, served)
    made.client = fake
    return made, fake


SCHEMA = {
    "type": "object",
    "properties": {"text": {"type": "string", "maxLength": 10}},
    "required": ["text"],
    "additionalProperties": False,
}


def test_json_schema_refusal_falls_back_to_json_object_once() -> None:
    refusal = status_error(openai.InternalServerError, 500, "Input should be 'text' or 'json_object' (json_schema)")
    made, fake = backend([refusal, completion("{}"), completion("{}")])
    with pytest.raises(StructuredOutputRefused):  # once: the caller puts the schema into its prompt
        made.complete([{"role": "user", "content": "x"}], schema=SCHEMA, schema_name="s", max_tokens=50)
    assert made.schema_in_prompt
    first = made.complete([{"role": "user", "content": "x"}], schema=SCHEMA, schema_name="s", max_tokens=50)
    second = made.complete([{"role": "user", "content": "y"}], schema=SCHEMA, schema_name="s", max_tokens=50)
    formats = [call["response_format"]["type"] for call in fake.calls]
    assert formats == ["json_schema", "json_object", "json_object"]
    assert fake.retries[0] == 0  # the probe is not retried three times by the SDK
    assert fake.calls[1]["response_format"] == {"type": "json_object", "schema": SCHEMA}
    # strict json_schema gets the schema without the keywords OpenAI's strict mode refuses
    assert fake.calls[0]["response_format"]["json_schema"]["schema"]["properties"]["text"] == {"type": "string"}
    assert made.schema_in_prompt and (first.response_format, second.response_format) == ("json_object", "json_object")
    assert (first.input_tokens, first.output_tokens) == (11, 7)


def test_other_server_errors_are_retried_not_taken_as_refusal() -> None:
    outage = status_error(openai.InternalServerError, 502, "bad gateway")
    made, fake = backend([outage, completion("{}")])
    made.complete([{"role": "user", "content": "x"}], schema=SCHEMA, schema_name="s", max_tokens=50)
    assert [call["response_format"]["type"] for call in fake.calls] == ["json_schema", "json_schema"]
    assert fake.retries == [0, None] and not made.schema_in_prompt


def test_request_arguments_for_local_and_reasoning_models() -> None:
    made, fake = backend([completion("{}")])
    made.complete([{"role": "user", "content": "x"}], schema=SCHEMA, schema_name="s", max_tokens=50)
    assert (fake.calls[0]["max_tokens"], fake.calls[0]["temperature"]) == (50, 0)
    reasoning = OpenAIBackend(model="gpt-5-mini", api_key="sk-test")
    fake = FakeClient([completion("{}")])
    reasoning.client = fake
    reasoning.complete([{"role": "user", "content": "x"}], schema=SCHEMA, schema_name="s", max_tokens=50)
    assert fake.calls[0]["max_completion_tokens"] == 50 and "temperature" not in fake.calls[0]


def test_unknown_model_on_a_local_server_lists_what_it_serves() -> None:
    made, _ = backend([], model="gpt-does-not-exist", served=["gemma", "llama"])
    with pytest.raises(ModelError) as raised:
        made.complete([], schema=SCHEMA, schema_name="s", max_tokens=50)
    assert (
        str(raised.value) == f"model 'gpt-does-not-exist' is not served at {URL}; it serves: gemma, llama (use --model)"
    )


def test_no_model_asked_and_one_served_uses_it() -> None:
    made = OpenAIBackend(base_url=URL, api_key="sk-test")
    made.client = FakeClient([completion("{}")], served=["gemma-3-270m"])
    made.complete([], schema=SCHEMA, schema_name="s", max_tokens=50)
    assert made.model == "gemma-3-270m"


def test_no_key_and_no_base_url_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match=r"^no API key: set OPENAI_API_KEY"):
        OpenAIBackend()


@pytest.mark.parametrize("body", [["not", "an", "object"], {"error": {"message": "odd"}}, {"choices": "none"}, "text"])
def test_a_reply_that_is_not_a_chat_completion_is_one_clear_model_error(body: Any) -> None:
    made, _ = backend([body])
    with pytest.raises(ModelError, match="answered something that is not a chat completion") as raised:
        made.complete([{"role": "user", "content": "x"}], schema=SCHEMA, schema_name="s", max_tokens=50)
    assert raised.value.exit_code == 3


def test_odd_fields_of_a_completion_are_read_as_absent() -> None:
    body = {
        "choices": [{"message": {"content": 5}, "finish_reason": None}],
        "usage": {"prompt_tokens": True, "completion_tokens": -3},
    }
    made, _ = backend([body])
    reply = made.complete([{"role": "user", "content": "x"}], schema=SCHEMA, schema_name="s", max_tokens=50)
    assert (reply.content, reply.finish_reason, reply.input_tokens, reply.output_tokens) == (None, None, 0, 0)
