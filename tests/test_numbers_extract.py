"""Unit tests for number extraction: exact values for each supported form."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.numbers import extract_numbers

SEED = Path("/work/shared/seed/article-ar-two-stories.txt")


def vals(text: str) -> list[tuple[str, object, str]]:
    return [(m.text, m.value, m.kind) for m in extract_numbers(text)]


def one(text: str) -> tuple[object, str]:
    ms = extract_numbers(text)
    assert len(ms) == 1, vals(text)
    return ms[0].value, ms[0].kind


@pytest.mark.parametrize(
    "text,value",
    [
        ("35800", 35800),
        ("35,800", 35800),
        ("٣٥٬٨٠٠", 35800),
        ("۳۵۸۰۰", 35800),
        ("3.5", 3.5),
        ("٣٫٥", 3.5),
        ("3,5", 3.5),
        ("1,234,567.25", 1234567.25),
        ("35.8 thousand", 35800),
        ("37 ألفا", 37000),
        ("3.5 مليون", 3500000),
        ("ملياري دولار", 2000000000),
        ("1.2bn", 1200000000),
        ("$3m", 3000000),
        ("10k", 10000),
        ("2 billion", 2000000000),
        ("37 ألف", 37000),
        ("ثلاثة ملايين و500 ألف", 3500000),
        ("twenty-three", 23),
        ("two hundred and fifty-two", 252),
        ("a thousand", 1000),
        ("one hundred twenty", 120),
        ("three million four hundred thousand", 3400000),
        ("ثلاثة وعشرون", 23),
        ("ثلاثة وعشرين", 23),
        ("مئتان واثنان وخمسون", 252),
        ("خمسة وثلاثون ألفا وثمانمئة", 35800),
        ("ثلاث مئة", 300),
        ("ثلاثمائة", 300),
        ("ألفان", 2000),
        ("ألفين", 2000),
        ("مليونان", 2000000),
        ("مليونين", 2000000),
        ("ستة آلاف", 6000),
        ("أحد عشر", 11),
        ("إحدى عشرة", 11),
        ("اثنا عشر", 12),
        ("خمسة عشر", 15),
        ("واحد", 1),
        ("half a million", 500000),
        ("نصف مليون", 500000),
        ("a dozen", 12),
        ("two and a half million", 2500000),
        ("مليونان ونصف", 2500000),
        ("ثلاثةُ آلافٍ", 3000),
        ("أربعه", 4),
        ("اربعة", 4),
    ],
)
def test_values(text: str, value: object) -> None:
    ms = extract_numbers(f"قال {text} أمس" if not text.isascii() else f"about {text} here")
    assert len(ms) == 1, ms
    assert ms[0].value == value and ms[0].text in text and len(ms[0].text) >= len(text) - 6
    assert isinstance(ms[0].value, int) == isinstance(value, int)


@pytest.mark.parametrize(
    "text,value",
    [
        ("12%", 12),
        ("12 %", 12),
        ("12٪", 12),
        ("12 percent", 12),
        ("12 per cent", 12),
        ("12 في المئة", 12),
        ("12 في المائة", 12),
        ("12 بالمئة", 12),
        ("12 بالمائة", 12),
        ("اثنا عشر في المئة", 12),
        ("4.5%", 4.5),
    ],
)
def test_percent(text: str, value: object) -> None:
    ms = extract_numbers(text)
    assert [(m.text, m.value, m.kind) for m in ms] == [(text, value, "percent")]


@pytest.mark.parametrize(
    "text,value",
    [
        ("two-thirds", 2 / 3),
        ("three-quarters", 0.75),
        ("a third", 1 / 3),
        ("a quarter", 0.25),
        ("نصف", 0.5),
        ("ثلث", 1 / 3),
        ("ربع", 0.25),
        ("ثلثا", 2 / 3),
        ("ثلثي", 2 / 3),
        ("ثلاثة أرباع", 0.75),
    ],
)
def test_fractions(text: str, value: float) -> None:
    assert one(f"x {text} y") == (value, "fraction")


@pytest.mark.parametrize(
    "text,value,kind",
    [
        ("7th", 7, "ordinal"),
        ("21st", 21, "ordinal"),
        ("the third", 3, "ordinal"),
        ("twenty-first", 21, "ordinal"),
        ("السابعة", 7, "ordinal"),
        ("الحادي عشر", 11, "ordinal"),
        ("الحادي والثلاثون", 31, "ordinal"),
        ("الخامس والعشرين", 25, "ordinal"),
    ],
)
def test_ordinals(text: str, value: int, kind: str) -> None:
    assert one(f"was {text} place") == (value, kind)


def test_first_only_in_dates() -> None:
    assert vals("the first time") == []
    assert vals("الشوط الأول") == []
    assert vals("the first of May") == [("first", 1, "date_part")]
    assert vals("الأول من مايو") == [("الأول", 1, "date_part")]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("السابع من أكتوبر", [("السابع", 7, "date_part")]),
        ("7 October 2023", [("7", 7, "date_part"), ("2023", 2023, "year")]),
        ("October 7, 2023", [("7", 7, "date_part"), ("2023", 2023, "year")]),
        ("on the 7th of October", [("7th", 7, "date_part")]),
        ("في 30 أبريل 2018", [("30", 30, "date_part"), ("2018", 2018, "year")]),
        ("7 تشرين الأول", [("7", 7, "date_part")]),
        ("كانون الثاني 2020", [("2020", 2020, "year")]),
        ("كانون الأول", []),
        ("في عام 2018", [("2018", 2018, "year")]),
        ("in 1990s", [("1990s", 1990, "year")]),
        ("30/04/2018", [("30", 30, "cardinal"), ("04", 4, "cardinal"), ("2018", 2018, "cardinal")]),
    ],
)
def test_dates(text: str, expected: list) -> None:
    assert vals(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("الساعة الثالثة", [("الثالثة", 3, "time")]),
        ("الساعة 3", [("3", 3, "time")]),
        ("الثالثة بعد الظهر", [("الثالثة", 3, "ordinal")]),
        ("3 pm", [("3 pm", 15, "time")]),
        ("3pm", [("3pm", 15, "time")]),
        ("3 p.m.", [("3 p.m.", 15, "time")]),
        ("3:00", [("3:00", 3, "time")]),
        ("15:30", [("15:30", 15.5, "time")]),
        ("3 o'clock", [("3 o'clock", 3, "time")]),
    ],
)
def test_times(text: str, expected: list) -> None:
    assert vals(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("10-15", [10, 15]),
        ("10 to 15", [10, 15]),
        ("between 10 and 15", [10, 15]),
        ("بين 10 و15", [10, 15]),
        ("من 10 إلى 15", [10, 15]),
        ("between ten and fifteen", [10, 15]),
    ],
)
def test_ranges(text: str, expected: list) -> None:
    ms = extract_numbers(text)
    assert [m.value for m in ms] == expected and {m.kind for m in ms} == {"range_end"}


def test_range_propagates_scale_and_percent() -> None:
    assert vals("10-15%") == [("10", 10, "percent"), ("15%", 15, "percent")]
    assert [m.value for m in extract_numbers("between 10 and 15 million")] == [10_000_000, 15_000_000]


@pytest.mark.parametrize(
    "text,code",
    [
        ("COVID-19", "COVID19"),
        ("F-16", "F16"),
        ("G20", "G20"),
        ("Boeing 737", "BOEING737"),
        ("A4", "A4"),
        ("5G", "5G"),
        ("كوفيد-19", "COVID19"),
        ("إف-16", "F16"),
        ("MH17", "MH17"),
    ],
)
def test_codes(text: str, code: str) -> None:
    assert one(f"the {text} issue") == (code, "code")


@pytest.mark.parametrize(
    "text",
    [
        "dozens of people",
        "hundreds of people",
        "thousands of people",
        "millions of dollars",
        "billions",
        "scores of",
        "tens of thousands",
        "عشرات القتلى",
        "مئات الأشخاص",
        "آلاف الأشخاص",
        "ملايين الدولارات",
        "بمليارات الدولارات",
        "عشرات الآلاف",
        "one of the",
        "no one",
        "someone",
        "one another",
        "the one",
        "one by one",
        "أحد المسؤولين",
        "إحدى المدن",
        "يوم الثلاثاء",
        "الخميس",
        "الأحد",
        "الجمعة",
        "يوم الاثنين",
        "ست الحبايب",
        "لست أدري",
        "في المئة",
        "يومين",
        "هدفين",
        "the first time",
        "half-time",
        "ربع النهائي",
        "نصف النهائي",
        "mid-2020",
    ],
)
def test_not_numbers(text: str) -> None:
    ms = [m for m in extract_numbers(text) if not (text == "mid-2020" and m.value == 2020)]
    assert ms == []


def test_glued_prefixes() -> None:
    assert vals("و23 ب15 لـ12 الـ12") == [
        ("23", 23, "cardinal"),
        ("15", 15, "cardinal"),
        ("12", 12, "cardinal"),
        ("12", 12, "cardinal"),
    ]
    assert vals("وخمسة") == [("خمسة", 5, "cardinal")]


def test_one_is_a_number() -> None:
    assert vals("one man died") == [("one", 1, "cardinal")]
    assert vals("قتل شخص واحد") == [("واحد", 1, "cardinal")]


def test_offsets_with_diacritics() -> None:
    text = "قُتِلَ ثَلاثَةُ أَشْخاصٍ و٢٥٠ آخرون"
    for m in extract_numbers(text):
        assert text[m.start : m.end] == m.text
    assert [m.value for m in extract_numbers(text)] == [3, 250]


def test_to_dict() -> None:
    m = extract_numbers("x 12% y")[0]
    assert m.to_dict() == {"text": "12%", "value": 12, "kind": "percent", "start": 2, "end": 5}


@pytest.mark.skipif(not SEED.exists(), reason="seed article not present")
def test_seed_article() -> None:
    text = SEED.read_text(encoding="utf-8")
    ms = extract_numbers(text)
    by_value = {m.value for m in ms}
    for v in (252, 121, 37, 35800, 1170, 2000, 500, 37000, 1200, 250):
        assert v in by_value, v
    assert any(m.text == "37 ألفا" and m.value == 37000 for m in ms)
    assert any(m.text == "السابع" and m.value == 7 and m.kind == "date_part" for m in ms)
    # "الساعة الثالثة بعد الظهر": 3 o'clock in the afternoon, kept on a 24-hour clock
    assert any(m.text == "الثالثة" and m.value % 12 == 3 and m.kind == "time" for m in ms)
    pos = text.index("بمليارات الدولارات")
    assert not any(pos <= m.start < pos + 18 for m in ms)


def test_family_name_al_thani_is_not_an_ordinal() -> None:
    assert extract_numbers("الشيخ تميم بن حمد آل ثاني") == []
    assert [m.value for m in extract_numbers("للمرة الثانية")] == [2]


def test_a_grouped_decimal_before_pm_does_not_lose_the_other_numbers() -> None:
    assert next(m.value for m in extract_numbers("It cost 5 dollars at 0,001.50 pm")) == 5


def test_a_vulgar_fraction_glued_to_digits_is_part_of_the_number() -> None:
    assert [(m.text, m.value) for m in extract_numbers("The fire burned for 11½ hours.")] == [("11½", 11.5)]
    assert [(m.text, m.value) for m in extract_numbers("2¾ million")] == [("2¾ million", 2_750_000)]
