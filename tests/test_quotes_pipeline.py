"""Quotes wherever numbers go: summarizer verify, the model loop's checks and repair message, each sentence's
state, JSON, Markdown, HTML and the summary line (the quote checker itself: tests/test_quotes.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from conftest import ScriptedBackend

from summarizer import summarize
from summarizer.cli import cli
from summarizer.numbers import verify
from summarizer.render.html import render_html
from summarizer.render.markdown import render_result
from summarizer.results import Location, NumberState

ARTICLE = """Mayor pledges to rebuild flooded town

The floods destroyed 120 homes in Riverton last week, officials said.

Mayor Ana Lee said: "We will rebuild every house, street by street, within 2 years."

She added that the council would not raise taxes to pay for it.
"""
QUOTE = "We will rebuild every house, street by street, within 2 years."
FIGURES = [
    {
        "number": "120",
        "quote": "The floods destroyed 120 homes in Riverton last week",
        "label_en": "homes destroyed",
        "label_ar": "منزلا مدمرا",
        "sentence": 2,
    }
]


def reply(en: list[tuple[str, list[int]]], ar: list[tuple[str, list[int]]]) -> dict[str, Any]:
    return {
        "summary_en": [{"text": t, "sources": s} for t, s in en],
        "summary_ar": [{"text": t, "sources": s} for t, s in ar],
        "key_figures": FIGURES,
    }


AR_TRANSLATED = ("قالت العمدة آنا لي: «سنعيد بناء كل منزل، شارعا شارعا، خلال عامين».", [3])
GOOD = reply(
    en=[("The floods destroyed 120 homes.", [2]), (f"Mayor Ana Lee said: “{QUOTE}”", [3])],
    ar=[("دمرت الفيضانات 120 منزلا.", [2]), AR_TRANSLATED],
)
ALTERED = reply(
    en=[("The floods destroyed 120 homes.", [2]), ('Mayor Ana Lee said: "We will never rebuild every house."', [3])],
    ar=[("دمرت الفيضانات 120 منزلا.", [2]), AR_TRANSLATED],
)
ELSEWHERE = reply(
    en=[('The floods destroyed 120 homes, and the mayor said "we will rebuild every house".', [2])],
    ar=[("دمرت الفيضانات 120 منزلا.", [2])],
)


def run(replies: list[dict[str, Any]], **kwargs: Any) -> tuple[Any, ScriptedBackend]:
    backend = ScriptedBackend(replies)
    return summarize(ARTICLE, backend=backend, **kwargs), backend


def test_altered_quote_goes_to_the_repair_message_and_is_repaired() -> None:
    result, backend = run([ALTERED, GOOD])
    assert len(backend.requests) == 2
    repair = backend.requests[1][-1]["content"]
    assert "summaries.en[1]: altered quote: the article has “We will rebuild every house” (“never” added)" in repair
    assert '[3] Mayor Ana Lee said: "We will rebuild every house' in repair  # the cited sentence is shown
    article = result.articles[0]
    assert article.verification.ok
    line = article.verification.summary_line()
    assert line.startswith(
        "4 of 4 numbers and 1 quote verified against the cited sentences, 1 name against the article"
    )
    assert "translated quotes not compared word for word" in line


def test_an_altered_quote_left_unrepaired_is_unsupported_everywhere() -> None:
    result, _ = run([ALTERED], max_repairs=0)
    article = result.articles[0]
    verification = article.verification
    assert not verification.ok
    assert verification.status(Location.summary("en", 1)) is NumberState.UNSUPPORTED
    assert verification.status(Location.summary("en", 0)) is NumberState.VERIFIED
    problem = next(p for p in verification.unsupported if p.kind == "unsupported_quote")
    assert problem.field == "summaries.en[1]" and problem.message.startswith("altered quote: ")
    assert "1 unsupported" in verification.summary_line() and "0 of 1 quotes" in verification.summary_line()
    # JSON: the sentence's checked mentions hold the quote, kind and mention "quote"
    data = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
    sentence = data["articles"][0]["summaries"]["en"]["sentences"][1]
    quote = next(m for m in sentence["numbers"] if m["mention"] == "quote")
    assert (quote["kind"], quote["state"], quote["text"]) == (
        "quote",
        "unsupported",
        "We will never rebuild every house",
    )
    assert quote["reason"].startswith("altered quote: ")
    # the translated Arabic quote: named, marked translated, not counted as checked
    unchecked = data["articles"][0]["verification"]["not_checked"]
    assert [(u["mention"], u.get("note")) for u in unchecked] == [("quote", "translated")]
    # Markdown: the sentence flagged, the reason listed
    markdown = render_result(result)
    assert 'Mayor Ana Lee said: "We will never rebuild every house." [3] **⚠ unsupported**' in markdown
    assert "`summaries.en[1]`: altered quote: the article has “We will rebuild every house”" in markdown
    # HTML: the quote marked unsupported; the translated one marked translated
    page = render_html(result, article_texts=[ARTICLE])
    assert '<span class="quote unsupported">We will never rebuild every house<span class="qbadge"' in page
    assert '<span class="quote translated">سنعيد بناء كل منزل، شارعا شارعا، خلال عامين<span class="qbadge"' in page


def test_a_verified_quote_links_to_its_sentence_and_keeps_its_numbers_marked() -> None:
    result, _ = run([GOOD])
    page = render_html(result, article_texts=[ARTICLE])
    # the quote's badge goes to the source sentence; the 2 inside it keeps its own link
    assert (
        '<span class="quote verified">We will rebuild every house, street by street, within <a class="num verified"'
        in page
    )
    assert 'class="qbadge" href="#article-1-s3"' in page


def test_a_quote_from_another_sentence_needs_review() -> None:
    result, _ = run([ELSEWHERE], max_repairs=0)
    verification = result.articles[0].verification
    quote = next(c for c in verification.numbers if c.mention == "quote")
    assert quote.state is NumberState.NEEDS_REVIEW and quote.source_sentence == 3
    assert any(p.kind == "quote_not_in_cited_sentences" for p in verification.uncited)


def test_the_extractive_engine_quotes_verbatim() -> None:
    result = summarize(ARTICLE, engine="extractive")
    verification = result.articles[0].verification
    assert verification.ok
    assert any(c.mention == "quote" and c.state is NumberState.VERIFIED for c in verification.numbers)


def test_api_verify_reports_quotes() -> None:
    report = verify(ARTICLE, 'She said: "We will rebuild every house within 3 years."')
    assert not report.ok
    assert [f.mention.kind for f in report.failed] == ["quote"]
    assert report.failed[0].reason == (
        "altered quote: the article has “We will rebuild every house, street by street, within 2 years” "
        "(“street by street” left out; “3” for “2”)"
    )
    assert [m.text for m in report.unsupported] == ["3"]  # the number is checked on its own too
    data = report.to_dict()
    quote = next(u for u in data["unsupported"] if u.get("mention") == "quote")
    assert quote["kind"] == "quote" and quote["reason"].startswith("altered quote: ")


def test_cli_verify_lists_an_altered_quote_with_why(tmp_path: Path) -> None:
    source = tmp_path / "article.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    output = tmp_path / "summary.txt"
    output.write_text(
        'The mayor said: "We will not rebuild every house." «سنعيد بناء كل منزل» "street by street"', encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["verify", str(source), str(output)])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "NOT VERIFIED: 1 of 2 quotes are not in the source:",
        (
            "  17-48 'We will not rebuild every house': …The mayor said: \"[We will not rebuild every house].\""
            ' «سنعيد بناء كل منزل» "stree…'
        ),
        "    why: altered quote: the article has “We will rebuild every house” (“not” added)",
        "Not compared word for word (translated quotes): 'سنعيد بناء كل منزل'",
    ]
    ok = tmp_path / "ok.txt"
    ok.write_text('The mayor said: "We will rebuild every house, street by street".', encoding="utf-8")
    result = CliRunner().invoke(cli, ["verify", str(source), str(ok)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "OK: the 1 quote in the output appears in the source."


def test_a_name_inside_a_translated_quote_is_checked_and_marked() -> None:
    # issue 19: a translated quote is "verified only as far as its numbers, dates and names"
    wrong_name = reply(
        en=[("The floods destroyed 120 homes.", [2]), (f"Mayor Ana Lee said: “{QUOTE}”", [3])],
        ar=[("دمرت الفيضانات 120 منزلا.", [2]), ("قالت العمدة: «أردوغان سيعيد بناء كل منزل».", [3])],
    )
    result, _ = run([wrong_name], max_repairs=0)
    verification = result.articles[0].verification
    assert verification.status(Location.summary("ar", 1)) is NumberState.NEEDS_REVIEW
    checks = [(n.text, n.mention, n.state) for n in verification.numbers if n.location == Location.summary("ar", 1)]
    assert checks == [("أردوغان", "name", NumberState.NEEDS_REVIEW)]
    assert "translated quotes not compared word for word ('أردوغان سيعيد بناء كل منزل')" in verification.summary_line()
    page = render_html(result, article_texts=[ARTICLE])
    assert (
        '<span class="quote translated"><span class="num review" title="needs review: not found in the source">أردوغان'
        in page
    )


def test_a_name_inside_a_translated_quote_the_article_holds_is_verified() -> None:
    report = verify(
        "قال رئيس الوزراء بنيامين نتنياهو إن الحرب في غزة ستستمر.",
        'He said: "The war in Gaza will go on." Netanyahu added nothing.',
    )
    names = [(f.mention.text, f.source.text if f.source else None) for f in report.findings if f.mention.kind == "name"]
    assert names == [("Gaza", "غزة"), ("Netanyahu", "نتنياهو")]
    assert report.ok
    quote = next(f for f in report.findings if f.mention.kind == "quote")
    assert quote.note == "translated" and not quote.checked
