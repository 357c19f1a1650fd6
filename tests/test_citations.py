"""Citations hold: a number is verified only by a sentence it cites (a key figure: by its quote)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, ScriptedBackend
from test_model_pipeline import ARTICLE, GOOD, Q_VESSELS, figure, run_api

from summarizer import summarize
from summarizer.cli import cli
from summarizer.results import Location, NumberState


def moved_citation() -> dict[str, Any]:
    moved = json.loads(json.dumps(GOOD))
    moved["summary_en"][1]["sources"] = [2]  # 312 and 268 are in sentence 5, not in sentence 2
    return moved


def test_a_number_only_in_a_sentence_not_cited_needs_review() -> None:
    result, _ = run_api([moved_citation()] * 3)
    article = result.articles[0]
    verification = article.verification
    assert not result.ok and not verification.ok
    location = Location.summary("en", 1)
    numbers = verification.numbers_at(location)
    assert [(n.text, n.state) for n in numbers] == [
        ("312", NumberState.NEEDS_REVIEW),
        ("268", NumberState.NEEDS_REVIEW),
    ]
    assert numbers[0].reason == "'312' is not in the cited sentences [2]; the article has it in sentence 5"
    assert ARTICLE[numbers[0].source_start : numbers[0].source_end] == "312" and numbers[0].source_sentence == 5
    assert verification.status(location) is NumberState.NEEDS_REVIEW
    assert verification.status(Location.summary("en", 0)) is NumberState.VERIFIED
    assert [(p.field, p.text) for p in verification.uncited] == [("summaries.en[1]", "312"), ("summaries.en[1]", "268")]
    sentence = result.to_dict()["articles"][0]["summaries"]["en"]["sentences"][1]
    assert sentence["status"] == "needs_review"
    assert [n["state"] for n in sentence["numbers"]] == ["needs_review", "needs_review"]
    assert verification.summary_line() == (
        "15 of 17 numbers verified against the cited sentences, 1 name against the article; 2 need review; "
        "wording not checked"
    )


def test_needs_review_exits_1(monkeypatch: pytest.MonkeyPatch) -> None:
    backend = ScriptedBackend([moved_citation()] * 3)
    monkeypatch.setattr("summarizer.engines.model.client.OpenAIBackend", lambda **_: backend)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-used")
    result = CliRunner().invoke(cli, ["summarize", str(EXAMPLES / "harbour-en.txt"), "--format", "json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["ok"] is False


def test_verified_numbers_link_to_the_cited_sentence() -> None:
    result, _ = run_api([GOOD])
    verification = result.articles[0].verification
    assert result.ok and verification.checked == verification.supported > 0
    number = verification.numbers_at(Location.summary("en", 1))[0]
    assert number.state is NumberState.VERIFIED and number.reason is None and number.source_sentence == 5
    assert ARTICLE[number.source_start : number.source_end] == "312"


def test_identical_key_figure_rows_are_merged() -> None:
    eight = json.loads(json.dumps(GOOD))
    eight["key_figures"] = [figure("312", Q_VESSELS, 5, "vessels", "سفينة")] * 8
    result, _ = run_api([eight])
    article = result.articles[0]
    assert result.ok and len(article.key_figures) == 1
    assert "7 identical key-figure row(s) were merged." in article.notes


def test_an_absurd_sentence_id_is_flagged_not_passed_through() -> None:
    absurd = json.loads(json.dumps(GOOD))
    absurd["key_figures"][1]["sentence"] = 4500000000000
    result, _ = run_api([absurd] * 3)
    verification = result.articles[0].verification
    assert not result.ok
    assert [(p.field, p.kind) for p in verification.grounding] == [("key_figures[1]", "unknown_citation")]
    assert verification.status(Location.key_figure(1)) is NumberState.UNSUPPORTED
    row = result.to_dict()["articles"][0]["key_figures"][1]
    assert row["status"] == "unsupported"


def test_a_key_figure_whose_quote_does_not_hold_it_is_not_verified() -> None:
    wrong = json.loads(json.dumps(GOOD))
    wrong["key_figures"][1]["number"] = "268"  # in the article (sentence 5), not in the quote given
    wrong["key_figures"][1]["quote"] = "312 vessels called"
    result, _ = run_api([wrong] * 3)
    number = result.articles[0].verification.numbers_at(Location.key_figure(1))[0]
    assert number.state is NumberState.NEEDS_REVIEW and number.reason.startswith("'268' is not in its quote")


def test_extractive_sentences_cite_themselves_and_verify() -> None:
    result = summarize(ARTICLE, engine="extractive")
    verification = result.articles[0].verification
    assert result.ok and verification.checked == verification.supported > 0
    assert all(number.state is NumberState.VERIFIED for number in verification.numbers)
    numbers = sum(1 for number in verification.numbers if number.mention == "number")
    dates = sum(1 for number in verification.numbers if number.mention == "date")  # one date, not its day and year
    names = sum(1 for number in verification.numbers if number.mention == "name")
    assert verification.checked == numbers + dates + names
    assert verification.summary_line().startswith(
        f"{numbers} of {numbers} numbers and {dates} date verified against the cited sentences, {names} names against "
        "the article"
    )
