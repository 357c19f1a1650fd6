"""The whole model loop with a scripted back end: call, parse, check, repair, flag."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, ScriptedBackend

from summarizer import summarize
from summarizer.cli import cli
from summarizer.engines.model.client import ChatReply
from summarizer.engines.model.summarize import summary_schema
from summarizer.errors import ModelError, ParseError, StructuredOutputRefused

ARTICLE = (EXAMPLES / "harbour-en.txt").read_text(encoding="utf-8")
Q_TONNES = "The Port of Northmere handled 4.2 million tonnes of grain"
Q_VESSELS = "312 vessels called at the grain terminal"


def figure(
    number: str, quote: str, sentence: int, en: str = "tonnes of grain", ar: str = "طن من الحبوب"
) -> dict[str, Any]:
    return {"number": number, "quote": quote, "label_en": en, "label_ar": ar, "sentence": sentence}


def reply(
    en: list[tuple[str, list[int]]], ar: list[tuple[str, list[int]]], figures: list[dict[str, Any]]
) -> dict[str, Any]:
    return {
        "summary_en": [{"text": t, "sources": s} for t, s in en],
        "summary_ar": [{"text": t, "sources": s} for t, s in ar],
        "key_figures": figures,
    }


GOOD = reply(
    en=[
        ("Northmere handled 4.2 million tonnes of grain in nine months, up 18%.", [2]),
        ("312 vessels called at the terminal, against 268 a year earlier.", [5]),
        ("The port will hire 150 workers and invest $45 million in two silos.", [7]),
    ],
    ar=[
        ("تعامل ميناء نورثمير مع 4.2 مليون طن من الحبوب خلال تسعة أشهر، بزيادة 18 في المئة.", [2]),
        ("رست 312 سفينة في المحطة مقابل 268 قبل عام.", [5]),
        ("سيوظف الميناء 150 عاملا ويستثمر 45 مليون دولار في صومعتين.", [7]),
    ],
    figures=[figure("4.2 million", Q_TONNES, 2), figure("312", Q_VESSELS, 5, "vessels", "سفينة")],
)

INVENTED = reply(
    en=[
        ("Northmere handled 4.7 million tonnes of grain in nine months, up 18%.", [2]),
        ("312 vessels called at the terminal.", [5]),
        ("The port will hire 150 workers.", [7]),
    ],
    ar=[(s["text"], s["sources"]) for s in GOOD["summary_ar"]],
    figures=[
        figure("4.2 million", "Northmere port handled 4.2 million tonnes", 2),
        figure("312", Q_VESSELS, 5, "vessels", "سفينة"),
    ],
)


def run_api(replies: list[Any], **kwargs: Any) -> tuple[Any, ScriptedBackend]:
    backend = ScriptedBackend(replies)
    return summarize(ARTICLE, backend=backend, **kwargs), backend


def test_clean_article_costs_exactly_one_call() -> None:
    result, backend = run_api([GOOD])
    article = result.articles[0]
    assert len(backend.requests) == 1
    assert article.verification.ok and result.ok
    assert article.usage is not None and (article.usage.calls, article.usage.repair_rounds) == (1, 0)
    tonnes = article.key_figures[0]
    assert (tonnes.value, ARTICLE[tonnes.start : tonnes.end]) == (4_200_000, Q_TONNES)
    assert ARTICLE[tonnes.number_start : tonnes.number_end] == "4.2 million"
    assert result.prompt_version == "summarize.v4"
    assert [s.sources for s in article.summaries["ar"].sentences] == [[2], [5], [7]]


def test_invented_number_and_loose_quote_are_repaired() -> None:
    result, backend = run_api([INVENTED, GOOD])
    article = result.articles[0]
    assert len(backend.requests) == 2 and article.usage.repair_rounds == 1
    repair = backend.requests[1][-1]["content"]
    assert repair.startswith("Your reply has problems that a checker found.")
    assert "summaries.en[0]: '4.7 million' (4700000) is not in the source" in repair
    assert "[2] The Port of Northmere handled 4.2 million tonnes" in repair  # the cited sentence is shown
    assert "key_figures[0]: the quote is not found verbatim in the source" in repair
    # the repair goes in the same conversation: the first reply is in it
    assert backend.requests[1][-2] == {"role": "assistant", "content": json.dumps(INVENTED, ensure_ascii=False)}
    assert article.verification.ok
    assert any("1 repair round" in note for note in article.notes)


def test_reply_that_never_repairs_is_flagged() -> None:
    result, backend = run_api([INVENTED, INVENTED, INVENTED])
    article = result.articles[0]
    assert len(backend.requests) == 3  # one call + max_repairs (2)
    assert not result.ok
    assert [(p.field, p.text) for p in article.verification.unsupported] == [("summaries.en[0]", "4.7 million")]
    assert [p.kind for p in article.verification.grounding] == ["quote_not_verbatim"]
    assert article.key_figures[0].start is None  # offsets are never guessed
    data = result.to_dict()["articles"][0]["verification"]
    assert data["ok"] is False and data["unsupported"][0]["value"] == 4_700_000


def test_cli_exit_status_1_and_visible_flag(monkeypatch: pytest.MonkeyPatch) -> None:
    backend = ScriptedBackend([INVENTED, INVENTED, INVENTED])
    monkeypatch.setattr("summarizer.engines.model.client.OpenAIBackend", lambda **_: backend)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-used")
    result = CliRunner().invoke(cli, ["summarize", str(EXAMPLES / "harbour-en.txt")], catch_exceptions=False)
    assert result.exit_code == 1
    assert "**⚠ unsupported**" in result.stdout and "Not verified:" in result.stdout
    # 4.7 million is unsupported; 4.2 million's quote is not verbatim, so it needs review
    assert result.stderr == "Warning: 3 problem(s) remain unverified; they are flagged in the output.\n"


def test_truncated_reply_is_retried_once() -> None:
    cut = ChatReply(content=json.dumps(GOOD)[:120], finish_reason="length", input_tokens=10, output_tokens=2000)
    result, backend = run_api([cut, GOOD])
    assert result.ok and len(backend.requests) == 2
    assert backend.requests[1][-1]["content"].startswith("Your reply was cut off at the length limit")
    assert "at most 4 key figures" in backend.requests[1][-1]["content"]
    # the retry asks for less through the schema too
    assert backend.schemas[0]["properties"]["key_figures"]["maxItems"] == 8
    assert backend.schemas[1]["properties"]["key_figures"]["maxItems"] == 4
    assert summary_schema(backend.schemas[1])["items"]["properties"]["text"]["maxLength"] == 250


def test_truncated_twice_raises_a_typed_error() -> None:
    cut = ChatReply(content='{"summary_en": [', finish_reason="length")
    with pytest.raises(ParseError, match=r"^article 1: the model's reply was cut off at the token limit twice"):
        run_api([cut, cut])


def test_invalid_json_then_schema_mismatch_raises() -> None:
    with pytest.raises(ParseError) as raised:
        run_api(["Sure! Here is the summary:", {"summary_en": [], "summary_ar": []}])
    assert str(raised.value) == (
        "article 1: the model's reply was unusable twice: the JSON does not match the schema: "
        "key_figures: Field required"
    )


def test_invalid_json_then_valid_reply() -> None:
    result, backend = run_api(["{not json", GOOD])
    assert result.ok
    assert backend.requests[1][-1]["content"].startswith("Your reply could not be used: invalid JSON")


def test_a_runaway_reply_is_unusable_not_carried_into_the_output() -> None:
    runaway = json.loads(json.dumps(GOOD))
    runaway["summary_en"][0]["text"] = "Northmere handled grain. " * 400  # 10,000 characters: no schema asks that
    result, backend = run_api([runaway, GOOD])
    assert result.ok and len(backend.requests) == 2
    assert "summary_en.0.text: String should have at most 2000 characters" in backend.requests[1][-1]["content"]


def test_refusal_twice_is_a_model_error() -> None:
    refusal = ChatReply(content=None, finish_reason="stop", refusal="I can't help with that.")
    with pytest.raises(ModelError, match=r"refused twice: I can't help with that\."):
        run_api([refusal, refusal])


def test_cli_maps_parse_failure_to_exit_3(monkeypatch: pytest.MonkeyPatch) -> None:
    backend = ScriptedBackend(["nope", "still nope"])
    monkeypatch.setattr("summarizer.engines.model.client.OpenAIBackend", lambda **_: backend)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-used")
    result = CliRunner().invoke(cli, ["summarize", str(EXAMPLES / "harbour-en.txt")], catch_exceptions=False)
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [
        "Error: article 1: the model's reply was unusable twice: invalid JSON (Expecting value at line 1 column 1)"
    ]


def test_wrong_language_and_unknown_citation_are_checked() -> None:
    bad = json.loads(json.dumps(GOOD))
    bad["summary_en"][1]["text"] = "رست 312 سفينة في المحطة."
    bad["summary_ar"][0]["sources"] = [2, 99]
    result, _backend = run_api([bad, bad, bad])
    kinds = sorted((p.field, p.kind) for p in result.articles[0].verification.grounding)
    assert kinds == [("summaries.ar[0]", "unknown_citation"), ("summaries.en[1]", "wrong_language")]


def test_number_outside_cited_sentences_needs_review_and_is_repaired() -> None:
    moved = json.loads(json.dumps(GOOD))
    moved["summary_en"][1]["sources"] = [2]  # 312 and 268 are in sentence 5, not 2
    result, backend = run_api([moved, GOOD])
    assert result.ok and len(backend.requests) == 2
    repair = backend.requests[1][-1]["content"]
    assert "summaries.en[1]: '312' is not in the cited sentences [2]; the article has it in sentence 5" in repair
    assert "[2] The Port of Northmere handled 4.2 million tonnes" in repair  # the cited sentence is quoted


def test_languages_limit_the_schema_and_output() -> None:
    only_ar = {"summary_ar": GOOD["summary_ar"], "key_figures": GOOD["key_figures"]}
    result, backend = run_api([only_ar], languages=("ar",))
    assert list(result.articles[0].summaries) == ["ar"]
    assert '"summary_en"' not in backend.requests[0][-1]["content"]


def test_repair_stops_when_the_conversation_would_not_fit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZER_CONTEXT_WINDOW", "1200")
    monkeypatch.setenv("SUMMARIZER_MAX_OUTPUT_TOKENS", "256")
    result, backend = run_api([INVENTED])
    article = result.articles[0]
    assert len(backend.requests) == 1 and not result.ok
    assert "Repair stopped: another round would not fit the model's context window." in article.notes
    assert [p.text for p in article.verification.unsupported] == ["4.7 million"]


class RefusingBackend(ScriptedBackend):
    """Refuses json_schema on the first call, like llama-cpp-python's server."""

    def complete(
        self, messages: list[dict[str, str]], *, schema: dict[str, Any], schema_name: str, max_tokens: int
    ) -> ChatReply:
        if not self.schema_in_prompt:
            self.schema_in_prompt = True
            raise StructuredOutputRefused("json_schema refused")
        return super().complete(messages, schema=schema, schema_name=schema_name, max_tokens=max_tokens)


def test_prompt_is_rendered_again_with_the_schema_after_a_refusal() -> None:
    backend = RefusingBackend([GOOD])
    result = summarize(ARTICLE, backend=backend)
    assert result.ok and len(backend.requests) == 1
    assert "Reply with JSON that matches this schema:" in backend.requests[0][1]["content"]


def test_uncited_lists_only_numbers_the_article_has() -> None:
    moved = json.loads(json.dumps(GOOD))
    moved["summary_en"][1] = {"text": "312 vessels called, and 999 trucks.", "sources": [2]}
    result, _ = run_api([moved, moved, moved])
    verification = result.articles[0].verification
    assert [p.text for p in verification.unsupported] == ["999"]
    assert [p.text for p in verification.uncited] == ["312"]


def test_a_key_figure_quoting_another_sentence_than_it_cites_is_flagged_and_repaired() -> None:
    misplaced = json.loads(json.dumps(GOOD))
    misplaced["key_figures"][1]["sentence"] = 2  # the quote "312 vessels called ..." is sentence 5
    result, backend = run_api([misplaced, GOOD])
    assert result.ok and len(backend.requests) == 2
    assert "key_figures[1]: cites sentence 2, but its quote is in sentence 5" in backend.requests[1][-1]["content"]
    stuck, _ = run_api([misplaced] * 3)
    [problem] = stuck.articles[0].verification.grounding
    assert (problem.kind, problem.field, problem.value) == ("quote_not_in_cited_sentence", "key_figures[1]", 2)
    assert not stuck.ok


def test_a_quote_the_article_repeats_is_taken_from_the_sentence_the_figure_cites() -> None:
    article = "Storm hits the coast\n\nOfficials said the storm left 3 people hurt on Monday.\n\nOn Tuesday the storm left 3 people hurt again.\n"
    answer = reply(
        en=[("The storm left 3 people hurt on Tuesday.", [3])],
        ar=[("أصابت العاصفة 3 أشخاص يوم الثلاثاء.", [3])],
        figures=[figure("3", "the storm left 3 people hurt", 3, "people hurt", "مصابون")],
    )
    result = summarize(article, backend=ScriptedBackend([answer]))
    hurt = result.articles[0].key_figures[0]
    assert article.index("On Tuesday") < hurt.start and article[hurt.start : hurt.end] == "the storm left 3 people hurt"
    assert result.ok
