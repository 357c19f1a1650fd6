"""What is checked is what a reader sees: digits of every script, numerals the verifier does not read,
and invisible or direction characters in and around numbers (issue 22)."""

from __future__ import annotations

import json
import re
import sys
import unicodedata

import pytest
from click.testing import CliRunner
from conftest import ScriptedBackend
from test_model_pipeline import ARTICLE, GOOD, Q_VESSELS, figure

from summarizer import summarize
from summarizer.cli import cli
from summarizer.numbers import extract_numbers, verify
from summarizer.numbers.display import DIGIT_ZEROS, FORMAT_CHARACTERS, UNREAD_NUMERALS
from summarizer.results import NumberState

NO_500 = "The fire at the port killed 12 people on Tuesday, officials said."

DECIMAL_DIGITS = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Nd"]
# the digit 0 of each script (Nd digits come in runs of ten, 0 to 9)
ZEROS = [ch for ch in DECIMAL_DIGITS if unicodedata.digit(ch) == 0]


def in_script(number: str, zero: str) -> str:
    return "".join(chr(ord(zero) + int(d)) for d in number)


@pytest.mark.parametrize("zero", ZEROS, ids=[f"U+{ord(z):04X}" for z in ZEROS])
def test_every_decimal_digit_reads_as_its_digit(zero: str) -> None:
    written = in_script("500", zero)
    [mention] = extract_numbers(f"{written} people died")
    assert (mention.value, mention.text) == (500, written)
    assert not verify(NO_500, f"{written} people died").ok
    assert verify("500 people died", f"{written} people died").ok
    assert verify(f"The toll rose to {in_script('1250', zero)} on Monday.", "1,250 people").ok


@pytest.mark.parametrize(
    "written", ["５００", "𝟓𝟎𝟎", "५००", "৫০০", "๕๐๐", "𝟱𝟬𝟬", "５,０００", "５，０００"], ids=lambda w: w.encode().hex()
)
def test_the_issue_s_digits_are_not_skipped(written: str) -> None:
    report = verify(NO_500, f"{written} people died")
    assert not report.ok and report.unsupported[0].text == written


def test_the_verify_command_flags_fullwidth_digits(tmp_path) -> None:  # type: ignore[no-untyped-def]
    source, output = tmp_path / "article.txt", tmp_path / "summary.txt"
    source.write_text(NO_500 + "\n", encoding="utf-8")
    output.write_text("５００ people died in the fire.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["verify", str(source), str(output)])
    assert result.exit_code == 1, result.output
    assert "５００" in result.output


@pytest.mark.parametrize(
    ("written", "shown"),
    [("⑤⓪⓪", "500"), ("⑸⒇", "(5)(20)"), ("❺", "5"), ("⁵⁰⁰", "500"), ("₅₀₀", "500"), ("🄆", "5,")],
)
def test_numerals_the_verifier_does_not_read_are_unsupported_never_skipped(written: str, shown: str) -> None:
    report = verify("500 people died and 5 were hurt; 20 were missing.", f"{written} people died")
    assert not report.ok
    [unread] = report.unsupported
    assert unread.text == written
    assert "numerals the verifier does not read" in report.reason(0) and shown in report.reason(0)


def test_unread_numerals_copied_from_the_source_are_supported() -> None:
    assert verify("Step ⑤ of the plan.", "Step ⑤ of the plan.").ok


def test_an_exponent_is_not_read_as_the_number_before_it() -> None:
    report = verify("10 people died, 6 were hurt.", "10⁶ people died")
    assert not report.ok and report.unsupported[0].text == "10⁶"
    assert verify("An area of 10 km² burned.", "10 km² burned").ok


def test_a_glued_vulgar_fraction_is_still_read() -> None:
    assert verify("After deliberating for 11½ hours", "11.5 hours").ok


RLO, PDF, RLM, LRM, ALM, ZWJ, ZWNJ, ZWSP = (
    "\u202e",
    "\u202c",
    "\u200f",
    "\u200e",
    "\u061c",
    "\u200d",
    "\u200c",
    "\u200b",
)


def test_a_right_to_left_override_around_a_number_is_flagged() -> None:
    # shown as 862, stored as 268: supported by neither
    for source in ("Officials counted 268 people.", "Officials counted 862 people."):
        report = verify(source, f"Officials counted {RLO}268{PDF} people.")
        assert not report.ok, source
        assert "U+202E" in report.reason(0) and report.unsupported[0].value == 268


@pytest.mark.parametrize(
    "output",
    [
        f"{RLO}counted 268 people",  # an override never closed runs to the end of the paragraph
        "\u202d268\u202c people",  # left-to-right override
    ],
)
def test_a_number_inside_a_direction_override_is_flagged(output: str) -> None:
    report = verify("268 people", output)
    assert not report.ok
    assert "direction" in report.reason(0)


@pytest.mark.parametrize("mark", [RLM, LRM, ALM, ZWSP, ZWJ, ZWNJ, "\u2060", "\u00ad", "\ufeff", "\U000e0031"])
def test_an_invisible_character_inside_a_number_is_removed_and_flagged(mark: str) -> None:
    report = verify("1234 people", f"12{mark}34 people")
    assert not report.ok
    [mention] = report.unsupported
    assert mention.value == 1234  # removed before checking: the digits a reader sees
    assert f"U+{ord(mark):04X}" in report.reason(0)


def test_a_mark_between_a_separator_and_digits_is_flagged() -> None:
    assert not verify("1,234 people", f"1,{RLM}234 people").ok
    assert not verify("1.5 million", f"1{RLM}.5 million").ok


@pytest.mark.parametrize(
    ("source", "output"),
    [
        # the corpus has these: an RLM beside the slashes of a date, a stray PDF, a ZWSP at a line start
        (
            "وقعت يوم الخميس الموافق 9 \u200f/ 8\u200f / 2018م في مدينة صعدة",
            "وقعت يوم الخميس الموافق 9 \u200f/ 8\u200f / 2018م في مدينة صعدة",
        ),
        ("في مثل هذا اليوم 11 سبتمبر.", f"في مثل هذا اليوم 11 سبتمبر.{PDF}"),
        ("كشفت شركة قطرغاز عن 77 مليون طن", f"{ZWSP}كشفت شركة قطرغاز عن 77 مليون طن"),
        # joiners and the Arabic letter mark inside words, marks at the ends of a number
        ("قال 5 مسؤولين", f"قال{ZWNJ} 5 مسؤولين"),
        ("أصيب 40 شخصا", f"أصيب {ALM}40 شخصا"),
        ("40 people", f"40{LRM} people"),
        # embeddings and isolates move whole runs, never the digits inside a number
        ("268 people", "\u2067268\u2069 people"),
        ("268 people", "\u202b268 people\u202c"),
        ("Gary Lineker @GaryLineker said 3 things", f"Gary Lineker {RLM}@GaryLineker said 3 things"),
    ],
)
def test_harmless_invisible_characters_are_removed_without_a_flag(source: str, output: str) -> None:
    assert verify(source, output).ok


def test_format_characters_match_unicode() -> None:
    cf = {chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"}
    found = set(re.findall(f"[{FORMAT_CHARACTERS}]", "".join(sorted(cf))))
    assert found == cf


def _pipeline(en_sentence: str, figure_number: str | None = None):  # type: ignore[no-untyped-def]
    reply = json.loads(json.dumps(GOOD))
    reply["summary_en"][1] = {"text": en_sentence, "sources": [5]}
    if figure_number is not None:
        reply["key_figures"][1] = figure(figure_number, Q_VESSELS, 5, "vessels", "سفينة")
    return summarize(ARTICLE, backend=ScriptedBackend([reply] * 3)).articles[0].verification


def test_a_model_summary_in_fullwidth_digits_is_checked() -> None:
    verification = _pipeline("５００ vessels called at the terminal, against 268 a year earlier.")
    states = {n.text: n.state for n in verification.numbers}
    assert states["５００"] is NumberState.UNSUPPORTED


def test_a_model_summary_with_an_override_around_a_number_is_not_verified() -> None:
    verification = _pipeline(f"312 vessels called at the terminal, against {RLO}268{PDF} a year earlier.")
    [flagged] = [n for n in verification.numbers if n.value == 268 and n.location.field == "summaries.en[1]"]
    assert flagged.state is NumberState.UNSUPPORTED and "U+202E" in (flagged.reason or "")


def test_a_key_figure_wrapped_in_an_override_is_not_verified() -> None:
    # shown as 213; the article's 312 must not verify it
    verification = _pipeline("312 vessels called at the terminal, against 268 a year earlier.", f"{RLO}312{PDF}")
    [flagged] = [n for n in verification.numbers if n.location.field == "key_figures[1].text"]
    assert flagged.state is NumberState.UNSUPPORTED


def test_unread_numerals_match_unicode() -> None:
    def unread(ch: str) -> bool:
        category = unicodedata.category(ch)
        if category == "Nd":
            return False
        return category in ("No", "Nl") or re.search(r"\d", unicodedata.normalize("NFKC", ch)) is not None

    assigned = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) != "Cn"]
    found = set(re.findall(f"[{UNREAD_NUMERALS}]", "".join(assigned)))
    assert found == {ch for ch in assigned if unread(ch)}
    assert {ord(ch) for ch in ZEROS} <= set(DIGIT_ZEROS)
