"""The real OpenAIBackend and the whole pipeline on recorded HTTP (cassettes/test_recorded/).

Recorded by scripts/record-cassettes from Gemma 3 270M (Q4_K_M) behind llama-cpp-python's
OpenAI-compatible server. The model is weak, so these tests assert invariants, not wording: the
structure, every number verified or flagged, quotes verbatim at their offsets.
"""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import CASSETTES, EXAMPLES, SEED, recorded_with_other_prompts, require

from summarizer import summarize, translate, verify
from summarizer.articles import split_articles, split_paragraphs
from summarizer.cli import cli
from summarizer.engines.model.client import strict_subset
from summarizer.engines.model.translate import number_check
from summarizer.errors import ModelError
from summarizer.results import KeyFigure, Location, NumberState, Summary, SummaryResult

RECORD_TIMEOUT = float(os.environ.get("SUMMARIZER_RECORD_TIMEOUT", "900"))


@pytest.fixture(autouse=True)
def _recorded_with_the_shipped_prompts(request: pytest.FixtureRequest, record_mode: str) -> None:
    """A replay of a cassette recorded with other prompts cannot match a request: skipped, saying so."""
    reason = recorded_with_other_prompts(CASSETTES / "test_recorded" / f"{request.node.name}.yaml")
    if record_mode == "none" and reason is not None:
        pytest.skip(reason)


def output_fields(summaries: dict[str, Summary | None], key_figures: list[KeyFigure]) -> list[tuple[str, str]]:
    """Every piece of output text a reader sees, with its field as JSON writes it ("summaries.en[2]", ...)."""
    fields = []
    for language, summary in summaries.items():
        if summary is not None:
            fields += [(Location.summary(language, i).field, s.text) for i, s in enumerate(summary.sentences)]
    for index, figure in enumerate(key_figures):
        fields.append((Location.key_figure(index, "text").field, figure.text))
        labels = [(language, label) for language, label in figure.label.items() if label]
        fields += [(Location.key_figure(index, "label", language).field, label) for language, label in labels]
    return fields


def run_model(text: str, env: dict[str, str], **overrides: Any) -> SummaryResult:
    arguments = {
        "engine": "openai",
        "base_url": env["base_url"],
        "api_key": env["api_key"],
        "model": env["model"],
        "timeout": RECORD_TIMEOUT,  # a 270M model on 2 cores takes minutes per reply while recording
        # One article at a time: which article's request first learns that the server refuses
        # json_schema must be the one the cassette recorded (with several at once, it is a race).
        "concurrency": 1,
    }
    arguments.update(overrides)
    return summarize(text, **arguments)


def chat_requests(vcr: Any) -> list[tuple[dict[str, Any], int]]:
    """The recorded chat-completion requests (bodies) with their response status codes."""
    return [
        (json.loads(request.body), response["status"]["code"])
        for request, response in zip(vcr.requests, vcr.responses, strict=True)
        if request.method == "POST" and request.path.endswith("/chat/completions")
    ]


def assert_invariants(text: str, result: SummaryResult, languages: tuple[str, ...] = ("en", "ar")) -> None:
    """What must hold whatever the model wrote."""
    assert result.engine == "openai" and result.prompt_version == "summarize.v4"
    for article in result.articles:
        assert list(article.summaries) == list(languages)
        for summary in article.summaries.values():
            assert summary is not None
        # every number in every field is either verified or flagged, never silently passed
        source = text[article.start : article.end]
        flagged = {(p.field, p.text) for p in article.verification.unsupported}
        for field_name, field_text in output_fields(article.summaries, article.key_figures):
            for mention in verify(source, field_text).unsupported:
                assert (field_name, mention.text) in flagged
        verification = article.verification
        assert verification.ok == (
            not verification.unsupported and not verification.grounding and not verification.uncited
        )
        # every number has a state; a verified one points at a span of the article that holds it
        assert verification.checked == len(verification.numbers)
        for number in verification.numbers:
            if number.state is NumberState.VERIFIED:
                assert number.source_start is not None and article.start <= number.source_start < article.end
            else:
                assert number.reason
        # quotes and numbers sit exactly at the offsets the tool computed
        for index, figure in enumerate(article.key_figures):
            if figure.start is None:
                assert any(p.field == f"key_figures[{index}]" for p in article.verification.grounding)
            else:
                assert text[figure.start : figure.end] == figure.quote
        assert article.usage is not None and article.usage.calls >= 1
        assert article.usage.calls <= 1 + 2 * (1 + 2)  # first call and 2 repair rounds, each retried at most once


@pytest.mark.vcr
def test_seed_two_arabic_stories(recorded_model_env: dict[str, str], vcr: Any) -> None:
    text = require(SEED).read_text(encoding="utf-8")
    result = run_model(text, recorded_model_env)
    assert len(result.articles) == 2
    assert_invariants(text, result)
    first_request = chat_requests(vcr)[0][0]
    assert first_request["response_format"]["type"] == "json_schema"
    assert first_request["response_format"]["json_schema"]["strict"] is True


@pytest.mark.vcr
def test_english_example(recorded_model_env: dict[str, str]) -> None:
    text = (EXAMPLES / "harbour-en.txt").read_text(encoding="utf-8")
    result = run_model(text, recorded_model_env)
    assert len(result.articles) == 1 and result.articles[0].language == "en"
    assert_invariants(text, result)


@pytest.mark.vcr
def test_structured_output_falls_back_to_json_object(recorded_model_env: dict[str, str], vcr: Any) -> None:
    text = (EXAMPLES / "water-ar.txt").read_text(encoding="utf-8")
    result = run_model(text, recorded_model_env, languages=("ar",), max_repairs=0)
    assert_invariants(text, result, ("ar",))
    pairs = chat_requests(vcr)
    first, first_status = pairs[0]
    assert first["response_format"]["type"] == "json_schema"
    assert first["response_format"]["json_schema"]["strict"] is True
    schema = first["response_format"]["json_schema"]["schema"]
    assert schema["required"] == ["summary_ar", "key_figures"]
    assert "maxLength" not in json.dumps(schema)  # strict mode gets only the keywords it accepts
    assert "Reply with JSON that matches this schema:" not in first["messages"][-1]["content"]
    if first_status == 200:  # OpenAI takes json_schema: no fallback
        assert {request["response_format"]["type"] for request, _ in pairs} == {"json_schema"}
    else:  # llama-cpp-python answers HTTP 500 to json_schema: one fallback, then json_object throughout
        assert first_status == 500
        for request, _ in pairs[1:]:
            assert request["response_format"]["type"] == "json_object"
            assert strict_subset(request["response_format"]["schema"])["required"] == schema["required"]
            assert "maxLength" in json.dumps(request["response_format"]["schema"])
        assert "Reply with JSON that matches this schema:" in pairs[1][0]["messages"][1]["content"]


@pytest.mark.vcr
def test_wrong_api_key(recorded_model_env: dict[str, str]) -> None:
    text = (EXAMPLES / "harbour-en.txt").read_text(encoding="utf-8")
    with pytest.raises(ModelError) as raised:
        run_model(text, recorded_model_env, api_key="sk-wrong-key")
    assert str(raised.value) == (
        f"{recorded_model_env['base_url']} rejected the API key (HTTP 401): check OPENAI_API_KEY"
    )


@pytest.mark.vcr
def test_unknown_model(recorded_model_env: dict[str, str]) -> None:
    text = (EXAMPLES / "harbour-en.txt").read_text(encoding="utf-8")
    with pytest.raises(ModelError) as raised:
        run_model(text, recorded_model_env, model="gpt-does-not-exist")
    assert "gpt-does-not-exist" in str(raised.value)


@pytest.mark.vcr
def test_dry_run_makes_no_model_call(
    recorded_model_env: dict[str, str], vcr: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", recorded_model_env["api_key"])
    result = CliRunner().invoke(
        cli,
        [
            "summarize",
            str(require(SEED)),
            "--dry-run",
            "--format",
            "json",
            "--base-url",
            recorded_model_env["base_url"],
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    rows = json.loads(result.stdout)["articles"]
    assert [row["calls"] for row in rows] == [1, 1]
    # the server is asked what it serves (no --model), and nothing else: the rows name that model
    assert [(request.method, request.path) for request in vcr.requests] == [("GET", "/v1/models")]
    assert {row["model"] for row in rows} == {recorded_model_env["model"]}


@pytest.mark.vcr
def test_translate_first_seed_story_into_english(
    recorded_model_env: dict[str, str], vcr: Any, record_mode: str
) -> None:
    cassette = CASSETTES / "test_recorded" / "test_translate_first_seed_story_into_english.yaml"
    if record_mode == "none" and not cassette.exists():
        pytest.skip("not recorded yet: scripts/record-cassettes -k translate")
    seed = require(SEED).read_text(encoding="utf-8")
    first = split_articles(seed)[0]
    story = seed[first.offset : first.offset + len(first.text)]
    env = recorded_model_env
    result = translate(
        story,
        target="en",
        base_url=env["base_url"],
        api_key=env["api_key"],
        model=env["model"],
        timeout=RECORD_TIMEOUT,
        max_repairs=1,
    )
    assert result.prompt_version == "translate.v3" and result.target == "en" and len(result.articles) == 1
    article = result.articles[0]
    assert article.language == "ar"
    assert [p.source for p in article.paragraphs] == [p.text for p in split_paragraphs(first.text)]
    for paragraph in article.paragraphs:
        assert story[paragraph.start : paragraph.end] == paragraph.source
        # every number is checked both ways: what the result reports is what the verifier finds
        assert paragraph.numbers.to_dict() == number_check(paragraph.source, paragraph.translation or "").to_dict()
    assert article.ok == (not article.problems and all(p.numbers.ok and not p.problems for p in article.paragraphs))
    assert 1 <= article.usage.calls <= (1 + 1) * 2  # the first call and one repair round, each retried at most once
    pairs = chat_requests(vcr)
    assert pairs[0][0]["response_format"]["type"] == "json_schema"
    assert "\n13 وترد إسرائيل" in pairs[-1][0]["messages"][1]["content"]  # the numbered paragraphs
    if not article.ok and article.usage.repair_rounds:
        assert pairs[-1][0]["messages"][-1]["content"].startswith("Your translation has problems that a checker found.")
