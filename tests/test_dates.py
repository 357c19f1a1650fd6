"""Dates checked as values: a wrong month, day, weekday or Hijri date is never verified; the same date
in another form, calendar, regional month name or language is."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.articles import split_articles
from summarizer.cli import cli
from summarizer.engines.model.translate import number_check, number_messages
from summarizer.numbers import verify
from summarizer.numbers.dates import _month_forms, extract_dates
from summarizer.render.html import render_html
from summarizer.render.markdown import render_article
from summarizer.results import ArticleResult, Location, NumberState, Summary, SummaryResult, SummarySentence
from summarizer.summary_checks import check_article

SRC_EN = "The attack took place on Saturday, October 7, 2023, and 1,200 people were killed."
SRC_AR = "وقع الهجوم يوم السبت السابع من أكتوبر 2023 وقتل فيه 1200 شخص."
SRC_HIJRI = "وقع الهجوم في 22 ربيع الأول 1445 هـ وقتل فيه 1200 شخص."


def failed(source: str, output: str) -> list[tuple[str, str | None]]:
    report = verify(source, output)
    return [(f.mention.text, f.reason) for f in report.failed]


def values(text: str) -> list[str]:
    return [d.value for d in extract_dates(text)]


# --- reading


def test_english_forms_are_read_as_values() -> None:
    assert values("on 7 October 2023") == ["2023-10-07"]
    assert values("on October 7, 2023") == ["2023-10-07"]
    assert values("on Oct. 7") == ["--10-07"]
    assert values("on Sept. 30, 2019") == ["2019-09-30"]
    assert values("the 7th of October") == ["--10-07"]
    assert values("in 2023-10-07") == ["2023-10-07"]
    assert values("on 7/10/2023") == ["2023-10-07 or 2023-07-10"]  # both readings
    assert values("on Saturday, 7 October 2023") == ["Saturday 2023-10-07"]
    assert values("He spoke on Tuesday.") == ["Tuesday"]
    assert values("in October 2023") == ["2023-10"]
    assert values("may 5 people") == []  # "may" is a month only when written May


def test_every_regional_arabic_month_set_comes_from_cldr() -> None:
    forms = _month_forms()
    # the Levant and Iraq (ar_SY, ar_LB, ar_IQ ...), Morocco (ar_MA), Algeria and Tunisia (ar_DZ, ar_TN)
    for name, month in {
        "تشرين الأول": 10,
        "ماي": 5,
        "يوليوز": 7,
        "غشت": 8,
        "شتنبر": 9,
        "نونبر": 11,
        "دجنبر": 12,
        "جانفي": 1,
        "جويلية": 7,
        "أوت": 8,
        "أكتوبر": 10,
    }.items():
        assert forms[name] == month, name


@pytest.mark.parametrize(
    "text, value",
    [
        ("في 7 أكتوبر 2023", "2023-10-07"),
        ("في السابع من تشرين الأول 2023", "2023-10-07"),
        ("في ٧ أكتوبر ٢٠٢٣", "2023-10-07"),
        ("في 14 أيار/مايو", "--05-14"),
        ("في 14 أيار (مايو)", "--05-14"),
        ("في 5 نونبر 2019", "2019-11-05"),
        ("في 3 جانفي", "--01-03"),
        ("في 15 غشت", "--08-15"),
        ("في الحادي والعشرين من مايو", "--05-21"),
        ("يوم السبت", "Saturday"),
        ("يوم السبت 7 أكتوبر 2023", "Saturday 2023-10-07"),
        ("في 22 ربيع الأول 1445 هـ", "1445-03-22 AH"),
        ("في 10 ذي الحجة 1444 هـ", "1444-12-10 AH"),
        ("on 22 Rabi al-Awwal 1445 AH", "1445-03-22 AH"),
    ],
)
def test_arabic_and_hijri_forms_are_read_as_values(text: str, value: str) -> None:
    assert values(text) == [value]


def test_dates_that_do_not_exist_are_read_as_written_and_never_crash() -> None:
    assert values("on 31 February 2023") == ["2023-02-31"]
    assert values("في 30 ذو الحجة 1446 هـ") == ["1446-12-30 AH"]  # Dhu al-Hijjah 1446 has 29 days
    assert verify("It happened on 31 February 2023.", "It happened on 31 February 2023.").ok
    assert failed("It happened on 31 February 2023.", "It happened on 30 February 2023.") == [
        ("30 February 2023", "30 February 2023: the article has 31 February 2023")
    ]
    assert verify("في 30 ذو الحجة 1446 هـ", "في 30 ذي الحجة 1446 هـ").ok
    assert not verify("في 30 ذو الحجة 1446 هـ", "on 30 June 2025").ok  # no Gregorian day to compare


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("0123456789/-. ،أكتوبرتشرينالأولذوالحجةهـيومالسبتOctoberMay, th")), max_size=60
    )
)
def test_reading_never_raises(text: str) -> None:
    extract_dates(text)
    verify(text, text[::-1])


# --- the rule


def test_a_wrong_month_day_or_year_is_caught_with_the_reason() -> None:
    assert failed(SRC_EN, "The attack took place on November 7, 2023.") == [
        ("November 7, 2023", "November 7, 2023: the article has Saturday, October 7, 2023")
    ]
    assert failed(SRC_EN, "The attack took place on October 8, 2023.")
    assert failed(SRC_EN, "The attack took place on October 7, 2022.")
    assert failed(SRC_AR, "وقع الهجوم في السابع من يونيو.")
    assert failed("جرت المفاوضات في 14 مايو.", "جرت المفاوضات في 14 يونيو.")
    assert failed(SRC_AR, "وقع الهجوم في السابع من تشرين الثاني.")


def test_a_wrong_weekday_is_caught() -> None:
    assert failed("The talks were held on Monday.", "The talks were held on Tuesday.") == [
        ("Tuesday", "Tuesday: the article has Monday")
    ]
    # the weekday of a full date: 7 October 2023 was a Saturday
    assert failed("It began on 7 October 2023.", "It began on Tuesday, 7 October 2023.") == [
        ("Tuesday, 7 October 2023", "Tuesday, 7 October 2023: the article has 7 October 2023 (a Saturday)")
    ]
    assert verify("It began on 7 October 2023.", "It began on Saturday, 7 October 2023.").ok
    assert failed("عقد الاجتماع يوم الجمعة.", "عقد الاجتماع يوم الخميس.")
    assert verify("عقد الاجتماع يوم الجمعة.", "The meeting was held on Friday.").ok


def test_a_weekday_the_article_does_not_give_is_not_a_difference() -> None:
    # the article names no weekday at all (FRANK: "at aintree on sunday", judged faithful)
    report = verify("The race was held at Aintree in January 2013.", "The race was held at Aintree on Sunday.")
    assert report.ok
    assert [(f.mention.text, f.checked) for f in report.findings if f.mention.kind == "date"] == [("Sunday", False)]
    # the article's only weekday is told of something else ("on tuesday night" against "on Easter Monday")
    source = (
        "Blackpool drew 1-1 with Reading. They were relegated after Rotherham's win over Brighton on Easter Monday."
    )
    report = verify(source, "Blackpool drew 1-1 with Reading at Bloomfield Road on Tuesday night.")
    assert not report.unsupported and [f.mention.kind for f in report.failed] == ["name"]  # Bloomfield Road
    # told of the same thing, another weekday is caught; so is a weekday the calendar contradicts
    assert failed(source, "They were relegated after Rotherham's win over Brighton on Easter Tuesday.") == [
        ("Tuesday", "Tuesday: the article has Monday")
    ]
    assert failed("Talks began in Cairo on 7 October 2023.", "Talks began in Cairo on Tuesday.") == [
        ("Tuesday", "Tuesday: the article has 7 October 2023 (a Saturday)")
    ]
    assert failed("الاجتماع في باريس يوم الجمعة.", "الاجتماع في باريس يوم الخميس.")
    # a translation's paragraph says all the source says: its dropped weekday is a difference
    assert number_check("عقد الاجتماع يوم الجمعة في باريس.", "The meeting was held in Paris.").dropped


def test_the_same_date_in_another_form_calendar_region_or_language_is_not_flagged() -> None:
    for out in (
        "It happened on 7 October 2023.",
        "It happened on Oct. 7, 2023.",
        "It happened on the 7th of October 2023.",
        "It happened on 2023-10-07.",
        "It happened on 7/10/2023.",
        "It happened on 10/7/2023.",
        "It happened on 10/7.",
        "وقع في السابع من تشرين الأول 2023.",
        "وقع في ٧ أكتوبر ٢٠٢٣.",
        "وقع في 7 تشرين الأول/أكتوبر 2023.",
        "وقع يوم السبت 7 أكتوبر.",
        "وقع في 22 ربيع الأول 1445 هـ.",
        "It happened on 22 Rabi al-Awwal 1445 AH.",
    ):
        assert verify(SRC_EN, out).ok, out
    assert verify(SRC_HIJRI, "The attack took place on 7 October 2023.").ok  # the example
    assert verify(SRC_HIJRI, "The attack took place on Saturday, October 7.").ok
    assert verify("The attack took place on 7 October.", "The attack took place on 10/7.").ok
    assert verify("وقع ذلك في 5 نونبر 2019.", "It happened on November 5, 2019.").ok
    assert verify("وقع ذلك في 3 جانفي 2019.", "وقع ذلك في 3 كانون الثاني 2019.").ok


def test_a_wrong_hijri_date_is_caught_both_ways() -> None:
    assert failed(SRC_HIJRI, "The attack took place on 8 October 2023.")
    assert failed(SRC_EN, "وقع الهجوم في 23 ربيع الأول 1445 هـ.")
    assert failed("وقف الحجاج بعرفة في 9 ذي الحجة 1444 هـ.", "وقف الحجاج بعرفة في 9 ذي القعدة 1444 هـ.")
    report = verify("وقف الحجاج بعرفة في 9 ذي الحجة 1444 هـ.", "Pilgrims stood at Arafat on 27 June 2023.")
    assert not report.failed  # the date is verified; "Arafat", which no table knows, needs review (not a date's)
    assert [f.mention.text for f in report.to_review] == ["Arafat"]


def test_an_english_date_for_an_arabic_article_with_a_levantine_month() -> None:
    src = "انطلقت المظاهرات في 15 آذار 2011 في درعا."
    assert verify(src, "The protests began on 15 March 2011 in Deraa.").ok  # Deraa ~ درعا: two consonants, exact
    assert failed(src, "The protests began on 15 April 2011 in Deraa.") == [
        ("15 April 2011", "15 April 2011: the article has 15 آذار 2011")
    ]


def test_a_dates_day_and_year_are_no_longer_loose_numbers() -> None:
    src = "In 2023, 7 people were hurt on 12 March."
    # before: 7 and 2023 were each found in the source; now the date is checked as one date
    assert failed(src, "On 7 March 2023, people were hurt.") == [
        ("7 March 2023", "7 March 2023: the article has 12 March")
    ]
    # a year the cited passage gives as a number supports the year of its date
    assert verify(src, "On 12 March 2023, 7 people were hurt.").ok


def test_relative_dates_are_named_not_checked() -> None:
    report = verify(
        "The minister resigned on Monday.", "The minister resigned yesterday, and last week he had said so."
    )
    assert report.ok
    assert [f.mention.text for f in report.not_checked] == ["yesterday", "last week"]
    assert report.to_dict()["not_checked"][0]["reason"] == "'yesterday' is a relative date: not checked"
    report = verify("استقال الوزير.", "استقال الوزير أمس بعد أن أعلن ذلك الأسبوع الماضي.")
    assert report.ok and [f.mention.text for f in report.not_checked] == ["أمس", "الأسبوع الماضي"]


def test_verify_json_names_each_mentions_kind() -> None:
    data = verify(SRC_EN, "On November 7, 2023, 1,200 people were killed.").to_dict()
    assert data["unsupported"] == [
        {
            "text": "November 7, 2023",
            "value": "2023-11-07",
            "kind": "date",
            "mention": "date",
            "start": 3,
            "end": 19,
            "reason": "November 7, 2023: the article has Saturday, October 7, 2023",
        }
    ]
    assert [s["output"]["text"] for s in data["supported"]] == ["1,200"]


def test_summarizer_verify_lists_a_wrong_date_with_why(tmp_path) -> None:
    (tmp_path / "src.txt").write_text(SRC_EN, encoding="utf-8")
    (tmp_path / "out.txt").write_text("The attack took place on November 7, 2023, yesterday.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["verify", str(tmp_path / "src.txt"), str(tmp_path / "out.txt")])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "NOT VERIFIED: 1 of 1 date are not in the source:",
        "  25-41 'November 7, 2023' (value 2023-11-07): …The attack took place on [November 7, 2023], yesterday.…",
        "    why: November 7, 2023: the article has Saturday, October 7, 2023",
        "Not checked (relative dates): 'yesterday'",
    ]
    (tmp_path / "out.txt").write_text("It took place on 7 October 2023.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["verify", str(tmp_path / "src.txt"), str(tmp_path / "out.txt")])
    assert result.exit_code == 0
    assert result.stdout == "OK: the 1 date in the output appears in the source.\n"


# --- everywhere the numbers go

ARTICLE = (
    "Talks resumed in Cairo on Monday, 3 June 2024, after a pause.\n\n"
    "The first round had ended on 14 May without a deal.\n\n"
    "Officials said 12 delegates attended."
)


def summary_result(sentences: list[tuple[str, list[int]]]) -> tuple[ArticleResult, SummaryResult]:
    article = split_articles(ARTICLE)[0]
    summaries = {"en": Summary("en", [SummarySentence(text, sources) for text, sources in sentences])}
    verification = check_article(article, summaries, [])
    result = ArticleResult(
        **article.result_fields(), summaries=summaries, key_figures=[], verification=verification, source=article
    )
    return result, SummaryResult(engine="extractive", articles=[result])


def test_dates_get_states_like_numbers_in_a_summary() -> None:
    article, run = summary_result(
        [
            ("Talks resumed on 3 June 2024.", [1]),  # verified by its cited sentence
            ("The first round ended on 14 May.", [1]),  # in the article, not in sentence 1: needs review
            ("Talks resumed on Tuesday.", [1]),  # the article has Monday
            ("12 delegates attended yesterday.", [3]),  # a relative date: not checked
        ]
    )
    verification = article.verification
    checks = [(c.text, c.mention, c.state) for c in verification.numbers]
    assert checks == [
        ("3 June 2024", "date", NumberState.VERIFIED),
        ("14 May", "date", NumberState.NEEDS_REVIEW),
        ("Tuesday", "date", NumberState.UNSUPPORTED),
        ("12", "number", NumberState.VERIFIED),
    ]
    assert verification.status(Location.summary("en", 2)) is NumberState.UNSUPPORTED
    assert [(p.kind, p.message) for p in verification.unsupported] == [
        ("unsupported_date", "Tuesday: the article has Monday, 3 June 2024")
    ]
    assert [(p.kind, p.message) for p in verification.uncited] == [
        ("date_not_in_cited_sentences", "'14 May' is not in the cited sentences [1]; the article has it in sentence 2")
    ]
    assert verification.summary_line() == (
        "1 of 1 numbers and 1 of 3 dates verified against the cited sentences; 1 need review; 1 unsupported; "
        "relative dates not checked ('yesterday'); wording not checked"
    )
    data = run.to_dict()["articles"][0]
    first = data["summaries"]["en"]["sentences"][0]["numbers"][0]
    assert (first["kind"], first["mention"], first["value"], first["state"]) == (
        "date",
        "date",
        "2024-06-03",
        "verified",
    )
    assert ARTICLE[first["source"]["start"] : first["source"]["end"]] == "Monday, 3 June 2024"
    assert data["verification"]["not_checked"][0]["text"] == "yesterday"
    assert "Tuesday: the article has Monday, 3 June 2024" in render_article(article, engine="extractive", model=None)
    html = render_html(run, article_texts=[ARTICLE])
    assert 'class="num verified" href="#article-1-n26-45"' in html  # the date links to the source date
    # the source date is anchored whole, and its numbers inside it for the numbers that cite them
    assert '<span class="n" id="article-1-n26-45">Monday, <span class="n" id="article-1-n34-35">3</span> June' in html
    assert 'Tuesday<span class="badge"' in html


def test_the_repair_message_names_a_wrong_date(tmp_path) -> None:
    from summarizer.engines.model.summarize import render_repair
    from summarizer.engines.model.templating import PromptSet

    result, _ = summary_result([("Talks resumed on Tuesday, 3 June 2024.", [1])])
    message = render_repair(result.source, result.verification, result.summaries, [], PromptSet())
    assert "Tuesday, 3 June 2024: the article has Monday, 3 June 2024" in message


def test_a_translations_dates_are_checked_both_ways() -> None:
    source = "وقع الهجوم في السابع من أكتوبر 2023 وقتل فيه 1170 شخصا."
    assert number_check(source, "The attack took place on 7 October 2023 and killed 1170 people.").ok
    check = number_check(source, "The attack took place on 7 November 2023 and killed 1170 people.")
    assert [(d.text, d.mention) for d in check.added] == [("7 November 2023", "date")]
    assert [(d.text, d.mention) for d in check.dropped] == [("السابع من أكتوبر 2023", "date")]
    assert number_messages(check) == [
        "a date was changed: the translation has '7 November 2023' (2023-11-07) where the source paragraph has "
        "'السابع من أكتوبر 2023' (2023-10-07)"
    ]
    dropped = number_check("عقد الاجتماع يوم الجمعة في باريس.", "The meeting was held in Paris.")
    assert [(d.text, d.value) for d in dropped.dropped] == [("يوم الجمعة", "Friday")]
    assert json.dumps(dropped.to_dict(), ensure_ascii=False).count('"mention": "date"') == 1


def test_a_key_figures_label_is_not_read_into_a_date() -> None:
    """A figure "24" labelled "June" is the number 24 of "from 24 to 26 June", not a date "24 June"."""
    from summarizer.results import KeyFigure

    text = "Muir hopes to run at the British trials in Birmingham from 24 to 26 June."
    article = split_articles(text)[0]
    start = text.index("24")
    figure = KeyFigure("24", 24, "cardinal", text, 0, len(text), start, start + 2, 1, {"en": "June", "ar": None})
    verification = check_article(article, {"en": Summary("en", [])}, [figure])
    assert verification.ok, verification.unsupported
    assert [(c.text, c.mention, c.state) for c in verification.numbers] == [("24", "number", NumberState.VERIFIED)]
