"""A name not found across scripts needs review (issue 24): a checked mention in the needs-review state on its
sentence, in JSON, Markdown, HTML, the summary line and ``summarizer verify``; flagged (``ok`` False, exit 1) but
not sent to the model to repair. And every line that counts kinds leaves out a kind the output does not name."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from conftest import ScriptedBackend

from summarizer import summarize
from summarizer.cli import cli
from summarizer.numbers import verify
from summarizer.numbers.mentions import Finding, Mention
from summarizer.render.html import render_html
from summarizer.render.interface import interface
from summarizer.render.markdown import render_result
from summarizer.results import Location, NumberState, Verification

ARTICLE = (
    "قال رئيس الوزراء الإسرائيلي بنيامين نتنياهو إن الحرب في غزة ستستمر.\n\n"
    "وقتل 12 شخصا في القصف على مدينة رفح، بحسب مسؤولين.\n"
)


def reply(en: str, ar: str = "قال نتنياهو إن الحرب في غزة ستستمر.") -> dict[str, Any]:
    return {
        "summary_en": [{"text": en, "sources": [1]}],
        "summary_ar": [{"text": ar, "sources": [1]}],
        "key_figures": [],
    }


def run(*replies: dict[str, Any], **kwargs: Any) -> tuple[Any, ScriptedBackend]:
    backend = ScriptedBackend(list(replies))
    return summarize(ARTICLE, backend=backend, **kwargs), backend


def test_a_finding_the_checker_judges_for_review_is_neither_supported_nor_unsupported() -> None:
    finding = Finding(Mention("name", "Erdogan", "erdogan", 0, 7), reason="Erdogan is not in the article", review=True)
    assert finding.checked and finding.to_review
    assert not finding.supported and not finding.unsupported


def test_a_cross_script_name_the_article_lacks_needs_review_on_its_sentence() -> None:
    result, backend = run(reply("Erdogan said the war in Gaza would go on."))
    assert len(backend.requests) == 1  # for a person, not the model: no repair round is asked for it
    article = result.articles[0]
    verification = article.verification
    assert verification.status(Location.summary("en", 0)) is NumberState.NEEDS_REVIEW
    assert verification.status(Location.summary("ar", 0)) is NumberState.VERIFIED
    name = next(c for c in verification.numbers if c.text == "Erdogan")
    assert (name.mention, name.state, name.reason, name.note, name.source_start) == (
        "name",
        NumberState.NEEDS_REVIEW,
        "Erdogan is not in the article",
        "other script",
        None,
    )
    gaza = next(c for c in verification.numbers if c.text == "Gaza")
    assert gaza.state is NumberState.VERIFIED and gaza.note == "table: Gaza = غزة"
    # flagged as needs review always is: ok False, listed under uncited with its own kind, not "not checked"
    assert not verification.ok and verification.needs_review == 1 and not verification.not_checked
    assert [(p.kind, p.message, p.repair) for p in verification.uncited] == [
        ("name_needs_review", "Erdogan is not in the article", False)
    ]
    assert verification.to_repair == [] and not verification.needs_repair
    assert verification.summary_line() == (
        "1 of 2 names verified against the article; 1 need review; wording not checked"
    )
    # the note counts what remains per kind, leaving out the kinds with none (never "0 unsupported number(s)")
    assert article.notes[-1] == "1 name needing review remains after repair: they are flagged, not verified."
    # JSON: the mention's state
    data = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
    mention = next(
        m for m in data["articles"][0]["summaries"]["en"]["sentences"][0]["numbers"] if m["text"] == "Erdogan"
    )
    assert (mention["mention"], mention["state"], mention["reason"]) == (
        "name",
        "needs_review",
        "Erdogan is not in the article",
    )
    assert data["articles"][0]["verification"]["needs_review"] == 1
    assert "not_checked" not in data["articles"][0]["verification"]
    # Markdown: the sentence marked, the reason listed for review
    markdown = render_result(result)
    assert "Erdogan said the war in Gaza would go on. [1] **? needs review**" in markdown
    assert "`summaries.en[0]`: Erdogan is not in the article" in markdown
    assert "not found across scripts (check the spelling)" in markdown
    # HTML: the name marked for review, with no link (the article does not hold it)
    page = render_html(result, article_texts=[ARTICLE])
    assert '<span class="num review" title="needs review: not found in the source">Erdogan' in page
    assert "summaries.en[0]: Erdogan is not in the article" in page


def test_a_name_for_review_is_sent_to_repair_only_with_a_problem_the_model_can_fix() -> None:
    wrong = reply("Erdogan said the war in Gaza would go on.", ar="قال نتنياهو إن الحرب في غزة ستستمر منذ 9 أيام.")
    fixed = reply("Erdogan said the war in Gaza would go on.")
    result, backend = run(wrong, fixed)
    assert len(backend.requests) == 2
    repair = backend.requests[1][-1]["content"]
    assert "- summaries.ar[0]: '9' (9) is not in the source" in repair
    assert "Erdogan" not in repair  # the name for review is listed for a person, not sent to the model
    assert result.articles[0].verification.needs_review == 1


def test_the_arabic_interface_counts_names_and_review() -> None:
    result, _ = run(reply("Erdogan said the war in Gaza would go on."))
    line = interface("ar").summary_line(result.articles[0].verification)
    assert "أسماء تم التحقق منها في المقالة: 1 من 2" in line and "بحاجة إلى مراجعة: 1" in line
    assert "أرقام" not in line  # the output names no number: not "0 من 0"


def test_summarizer_verify_lists_a_name_for_review_with_why_and_exits_1(tmp_path: Path) -> None:
    (tmp_path / "src.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "out.txt").write_text("Erdogan said the war in Gaza would go on.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["verify", str(tmp_path / "src.txt"), str(tmp_path / "out.txt")])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "NEEDS REVIEW: 1 of 2 names need a person to check them against the source:",
        "  0-7 'Erdogan' (value erdogan): …[Erdogan] said the war in Gaza would go…",
        "    why: Erdogan is not in the article",
        "Names found across scripts: table: Gaza = غزة.",  # the evidence of each name verified across scripts
    ]
    (tmp_path / "out.txt").write_text("Erdogan said 13 people were killed in Gaza.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["verify", str(tmp_path / "src.txt"), str(tmp_path / "out.txt")])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "NOT VERIFIED: 1 of 1 number and 0 of 2 names are not in the source:",
        "  13-15 '13' (value 13): …Erdogan said [13] people were killed in Gaza.…",
        "Needs review: 1 of 2 names need a person to check them against the source:",
        "  0-7 'Erdogan' (value erdogan): …[Erdogan] said 13 people were killed in…",
        "    why: Erdogan is not in the article",
        "Names found across scripts: table: Gaza = غزة.",  # the evidence of each name verified across scripts
    ]
    result = CliRunner().invoke(
        cli, ["verify", "--format", "json", str(tmp_path / "src.txt"), str(tmp_path / "out.txt")]
    )
    data = json.loads(result.stdout)
    assert [(m["text"], m["state"], m["reason"]) for m in data["needs_review"]] == [
        ("Erdogan", "needs_review", "Erdogan is not in the article")
    ]
    # #24: a name matched only by a table (or the glossary, or a transliteration) names its evidence
    assert [(s["output"]["text"], s.get("note")) for s in data["supported"] if s["output"]["mention"] == "name"] == [
        ("Gaza", "table: Gaza = غزة")
    ]


def test_lines_leave_out_the_kinds_the_output_does_not_name(tmp_path: Path) -> None:
    assert verify(ARTICLE, "Netanyahu spoke.").ok
    (tmp_path / "src.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "out.txt").write_text("Netanyahu spoke of Gaza.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["verify", str(tmp_path / "src.txt"), str(tmp_path / "out.txt")])
    assert (result.exit_code, result.stdout) == (
        0,
        "OK: all 2 names in the output appear in the source.\n"
        "Names found across scripts: table: Netanyahu = نتنياهو; table: Gaza = غزة.\n",
    )
    (tmp_path / "out.txt").write_text("The war goes on.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["verify", str(tmp_path / "src.txt"), str(tmp_path / "out.txt")])
    assert result.stdout == "OK: the output names no number, date, quote or name to check.\n"
    # the summary line and the Arabic one
    result, _ = run(reply("Netanyahu said the war in Gaza would go on."))
    verification = result.articles[0].verification
    assert verification.summary_line().startswith("2 names verified against the article")
    assert "numbers" not in verification.summary_line()
    assert "أرقام" not in interface("ar").summary_line(verification)
    assert Verification().summary_line() == "no numbers, dates, quotes or names to verify; wording not checked"
    assert interface("ar").summary_line(Verification()).startswith("لا أرقام ولا تواريخ")


def test_a_key_figure_label_naming_a_name_for_review_puts_its_row_in_review() -> None:
    figure = {
        "number": "12",
        "quote": "وقتل 12 شخصا",
        "label_en": "killed in Erdogan",
        "label_ar": "قتيلا",
        "sentence": 2,
    }
    result, backend = run({**reply("Netanyahu said the war in Gaza would go on."), "key_figures": [figure]})
    assert len(backend.requests) == 1
    verification = result.articles[0].verification
    assert verification.status(Location.key_figure(0)) is NumberState.NEEDS_REVIEW
    assert [(p.field, p.kind) for p in verification.uncited] == [("key_figures[0].label.en", "name_needs_review")]
    assert "| 1 | 12 ? |" in render_result(result)
