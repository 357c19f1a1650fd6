"""Unit tests for the matching policy of verify()."""

from __future__ import annotations

import json

from summarizer.numbers import NumberMention, Support, VerificationReport, index_source, verify


def unsupported(source: str, output: str) -> list[object]:
    return [m.value for m in verify(source, output).unsupported]


def test_equal_values_in_any_spelling_match() -> None:
    src = "قتل 35800 شخص"
    for out in ("35,800 killed", "٣٥٬٨٠٠", "35.8 thousand", "خمسة وثلاثون ألفا وثمانمئة",
                "thirty-five thousand eight hundred", "35.8 ألف"):
        assert verify(src, out).ok, out
    assert verify("خمسة وثلاثون ألفا وثمانمئة قتيل", "35,800 dead").ok


def test_strict_no_rounding_or_arithmetic() -> None:
    assert unsupported("35,800 killed", "about 36,000 killed") == [36000]
    assert unsupported("1200 killed and 250 taken", "1450 people") == [1450]
    assert unsupported("3.5 million", "3,512,000") == [3512000]


def test_exact_arithmetic() -> None:
    assert verify("3.5 million", "3,500,000").ok
    assert verify("0.1 percent", "0.10%").ok
    assert verify("two-thirds", "ثلثا").ok


def test_percent_only_with_percent() -> None:
    assert unsupported("12 people", "12%") == [12]
    assert unsupported("12% of voters", "12 voters") == [12]
    assert verify("12 في المئة", "12 per cent").ok


def test_dates_and_times() -> None:
    src = "هجوم في السابع من أكتوبر، الساعة الثالثة"
    assert verify(src, "on October 7").ok
    assert verify(src, "on 7 October").ok
    assert verify(src, "at 3 pm").ok and verify(src, "at 3 p.m.").ok and verify(src, "at 3:00").ok
    assert not verify(src, "at 4 pm").ok
    assert verify("7 October", "the 7th").ok


def test_ordinal_needs_ordinal() -> None:
    assert unsupported("three goals", "the third goal") == [3]
    assert verify("الهدف الثالث", "the third goal").ok


def test_codes_only_match_codes() -> None:
    assert verify("COVID-19 cases", "Covid-19").ok
    assert unsupported("19 cases", "COVID-19") == ["COVID19"]
    assert unsupported("F-16 jets", "16 jets") == [16]
    assert verify("طائرات إف-16", "F-16 jets").ok


def test_report_names_source_span() -> None:
    src = "وخُطف خلال الهجوم 252 شخصا"
    rep = verify(src, "252 hostages")
    assert rep.ok and isinstance(rep, VerificationReport)
    sup = rep.supported[0]
    assert isinstance(sup, Support) and isinstance(sup.source, NumberMention)
    assert src[sup.source.start:sup.source.end] == "252"
    d = json.loads(json.dumps(rep.to_dict(), ensure_ascii=False))
    assert d["ok"] is True and d["supported"][0]["source"]["text"] == "252"


def test_index_reuse_and_empty() -> None:
    idx = index_source("between 10 and 15 million people")
    assert verify(idx, "10 million to 15 million").ok
    assert verify(idx, "no numbers here").ok
    assert verify("", "").ok
    assert unsupported("", "5 people") == [5]


def test_vague_words_never_flagged() -> None:
    assert verify("", "thousands of people and بمليارات الدولارات").ok
