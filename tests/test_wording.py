"""What the tool's own words say was checked: numbers, dates, quotes and names, never "every number" alone where
more was verified, and never a kind that was not (the review page's ✓, its legend, the translation page and its
Markdown, the commands' exit-status help), in English and in Arabic."""

from __future__ import annotations

import re
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import ScriptedBackend
from render_cases import HARBOUR, states_result

from summarizer import summarize, translate
from summarizer.cli import cli
from summarizer.numbers.mentions import PLURALS
from summarizer.render.html import checked_kinds, render_html, render_translation_html
from summarizer.render.interface import KIND_NAMES, STRINGS, interface
from summarizer.render.markdown import render_result, render_translation
from summarizer.results import SummaryResult

ARTICLE = """Gaza talks resume

Benjamin Netanyahu met Egyptian officials in Cairo on 7 October 2023, the office said.

The talks covered 12 hostages and 300 trucks of aid.

"We will not stop until every hostage is home," Netanyahu said.
"""
SENTENCE_WITH_ALL = {"text": "Netanyahu met officials in Cairo on 7 October 2023.", "sources": [2]}
SENTENCE_WITH_NUMBERS = {"text": "The talks covered 12 hostages and 300 trucks of aid.", "sources": [3]}
SENTENCE_WITH_QUOTE = {"text": 'Netanyahu said: "We will not stop until every hostage is home."', "sources": [4]}


def run(*sentences: dict[str, Any]) -> SummaryResult:
    reply = {"summary_en": list(sentences), "summary_ar": None, "key_figures": []}
    return summarize(ARTICLE, backend=ScriptedBackend([reply]), languages="en", max_repairs=0, keep_source=True)


def badge(page: str) -> str:
    found = re.search(r'<header>.*?<span class="status-(?:ok|bad)">([^<]*)</span>', page, re.S)
    assert found is not None
    return found.group(1)


def test_a_page_whose_outputs_name_dates_and_names_says_they_were_verified() -> None:
    result = run(SENTENCE_WITH_ALL, SENTENCE_WITH_NUMBERS)
    assert result.ok and checked_kinds(result) == ["number", "date", "name"]
    assert badge(render_html(result)) == "✓ every number, date and name verified"
    assert badge(render_html(result, interface="ar")) == "✓ تم التحقق من كل الأرقام والتواريخ والأسماء"


def test_a_quote_is_named_with_the_rest() -> None:
    result = run(SENTENCE_WITH_ALL, SENTENCE_WITH_NUMBERS, SENTENCE_WITH_QUOTE)
    assert result.ok, result.articles[0].verification.summary_line()
    assert badge(render_html(result)) == "✓ every number, date, quote and name verified"
    assert badge(render_html(result, interface="ar")) == "✓ تم التحقق من كل الأرقام والتواريخ والاقتباسات والأسماء"


def test_a_page_with_numbers_only_still_reads_as_it_did() -> None:
    result = run(SENTENCE_WITH_NUMBERS)
    assert result.ok and checked_kinds(result) == ["number"]
    assert badge(render_html(result)) == "✓ every number verified"
    assert badge(render_html(result, interface="ar")) == "✓ تم التحقق من كل الأرقام"


def test_a_page_with_nothing_to_check_claims_nothing_verified() -> None:
    result = run({"text": "Talks resumed.", "sources": [1]})
    assert result.ok and checked_kinds(result) == []
    assert badge(render_html(result)) == "✓ no numbers, dates, quotes or names to verify"
    assert badge(render_html(result, interface="ar")) == "✓ لا أرقام ولا تواريخ ولا اقتباسات ولا أسماء للتحقق منها"


def test_kinds_are_named_in_the_order_the_summary_line_counts_them() -> None:
    en, ar = interface("en"), interface("ar")
    assert en.kinds(["number", "name"]) == "number and name" and en.kinds(["date"]) == "date"
    assert ar.kinds(["number", "name"]) == "الأرقام والأسماء" and ar.kinds(["quote"]) == "الاقتباسات"
    assert en.all_verified(["date", "quote"]) == "every date and quote verified"
    assert ar.all_verified(["date", "quote"]) == "تم التحقق من كل التواريخ والاقتباسات"


def test_every_registered_kind_has_its_arabic_name_and_is_in_each_legend() -> None:
    """A kind registered later (as names were) must be named on the page in both languages, not left out."""
    assert set(PLURALS) <= set(KIND_NAMES["ar"])
    for kind, (_, plural) in PLURALS.items():
        assert plural in STRINGS["en"]["numbers_legend"].lower(), kind
        assert KIND_NAMES["ar"][kind] in STRINGS["ar"]["numbers_legend"], kind


def test_the_legend_and_its_hints_speak_of_every_kind() -> None:
    page = render_html(run(SENTENCE_WITH_ALL))
    legend = re.sub(r"<[^>]+>", "", re.search(r'<p class="legend">(.*?)</p>', page, re.S).group(1))  # type: ignore[union-attr]
    assert legend.startswith("Numbers, dates, quotes and names:")
    assert "Hover or focus a number, date or name, or the mark after a quote, to light up its source." in legend
    assert "(not in the source, or different there)" in legend and "Hover or focus a number to" not in legend
    arabic = render_html(run(SENTENCE_WITH_ALL), interface="ar")
    assert '<p class="legend">الأرقام والتواريخ والاقتباسات والأسماء:' in arabic
    assert "مرِّر المؤشر فوق رقم أو تاريخ أو اسم" in arabic and "(ليس في المصدر، أو يختلف عمّا فيه)" in arabic


def test_a_verified_names_link_lights_up_its_source_span() -> None:
    """The legend says a name lights up its source: its link pointed at an id the source text did not have."""
    page = render_html(run(SENTENCE_WITH_ALL, SENTENCE_WITH_NUMBERS))
    targets = re.findall(r'href="#([^"]+)"', page)
    assert targets and all(f'id="{target}"' in page for target in targets), targets
    for name in ("Netanyahu", "Cairo"):
        link = re.search(rf'<a class="num verified" href="#([^"]+)"[^>]*>{name}<', page)
        assert link is not None and f'<span class="n" id="{link.group(1)}">{name}</span>' in page


def test_names_linked_to_overlapping_source_spans_each_link_to_a_span_the_source_has() -> None:
    """Two names of the outputs verified by overlapping spans of the article ("Mohammed" by محمود, "Mahmoud Abbas"
    by محمود عباس): the source anchors one of them; the other's link pointed at an id the page did not have."""
    article = (
        "التقى الرئيس الفلسطيني محمود عباس ولي العهد السعودي الأمير محمد بن سلمان في الرياض يوم الأحد.\n\n"
        "وقال عباس إن المحادثات تناولت الأوضاع في غزة، حيث قتل 12 شخصا.\n"
    )
    reply = {
        "summary_en": [
            {"text": "Mahmoud Abbas met the Saudi crown prince in Riyadh on Sunday.", "sources": [1]},
            {"text": "The prince Mohammed said talks covered Gaza, where 12 people were killed.", "sources": [2]},
        ],
        "summary_ar": [{"text": "التقى محمود عباس ولي العهد السعودي في الرياض.", "sources": [1]}],
        "key_figures": [
            {"number": "12", "quote": "قتل 12 شخصا", "label_en": "people killed", "label_ar": "قتلى", "sentence": 2}
        ],
    }
    result = summarize(article, backend=ScriptedBackend([reply]), keep_source=True, max_repairs=0)
    spans = {
        (check.text, check.source_start, check.source_end)
        for check in result.articles[0].verification.numbers
        if check.mention == "name"
    }
    assert {("Mahmoud Abbas", 23, 33), ("Mohammed", 23, 28)} <= spans  # overlapping, as the name checker reads them
    page = render_html(result)
    targets = re.findall(r'href="#([^"]+)"', page)
    assert targets and [target for target in targets if f'id="{target}"' not in page] == []


def test_a_template_written_for_the_old_badge_still_renders_and_claims_no_kind() -> None:
    template = "{% if ok %}{{ ui.every_number_verified }}{% endif %}|{{ checked_kinds|join(',') }}"
    result = run(SENTENCE_WITH_ALL)
    assert render_html(result, template=template) == "every check passed|date,name"
    assert render_html(result, template=template, interface="ar") == "نجحت كل الفحوص|date,name"


def test_the_summary_line_says_names_are_verified_against_the_article_not_the_citations() -> None:
    """A name is verified where the article names it anywhere: "against the cited sentences" claimed more."""
    result = run({"text": "Netanyahu said the talks covered 12 hostages and 300 trucks of aid.", "sources": [3]})
    verification = result.articles[0].verification
    assert result.ok and [n.mention for n in verification.numbers].count("name") == 1  # the cited [3] has no name
    line = "2 of 2 numbers verified against the cited sentences, 1 name against the article; wording not checked"
    assert verification.summary_line() == line
    assert interface("ar").summary_line(verification) == (
        "أرقام تم التحقق منها في الجمل المُستشهَد بها: 2 من 2؛ أسماء تم التحقق منها في المقالة: 1 من 1؛ الصياغة لم تُفحص"
    )
    names_only = run({"text": "Netanyahu spoke.", "sources": [3]}).articles[0].verification
    assert names_only.summary_line() == "1 name verified against the article; wording not checked"


def test_the_markdowns_problem_list_names_every_kind() -> None:
    result = states_result()  # 4.7 million unsupported: listed under the intro
    assert "\nUnsupported numbers, dates, quotes and names, and other problems:\n" in render_result(result)
    arabic = render_result(result, interface="ar")
    assert "\nأرقام وتواريخ واقتباسات وأسماء غير مدعومة، ومشكلات أخرى:\n" in arabic


# The translation page and its Markdown: each paragraph's numbers, dates and names are compared both ways.

TRANSLATION_ARTICLE = "وزار وفد من حماس القاهرة يوم الجمعة.\n\nوقال الوفد إن 12 شاحنة دخلت."


def translation(*texts: str) -> Any:
    reply = {"paragraphs": [{"id": i, "translation": t} for i, t in enumerate(texts, 1)]}
    return translate(TRANSLATION_ARTICLE, target="en", backend=ScriptedBackend([reply] * 3), max_repairs=0)


def test_a_clean_translation_says_numbers_dates_and_names_were_checked_both_ways() -> None:
    result = translation("A Hamas delegation visited Cairo on Friday.", "The delegation said 12 trucks entered.")
    assert result.ok
    page = render_translation_html(result)
    assert "✓ every number, date and name checked both ways</span>" in page
    assert "✓ every number, date and name checked both ways; wording not checked</span>" in page
    assert "every number checked both ways" not in page and '<p class="legend">Numbers and dates:' in page
    assert "✅ every number, date and name checked both ways" in render_translation(result)
    arabic = render_translation_html(result, interface="ar")
    assert "✓ فُحص كل رقم وتاريخ واسم في الاتجاهين</span>" in arabic
    assert '<p class="legend">الأرقام والتواريخ:' in arabic
    assert "✅ فُحص كل رقم وتاريخ واسم في الاتجاهين" in render_translation(result, interface="ar")


def test_a_name_added_or_dropped_is_said_on_the_translation_page() -> None:
    """Names are not marked in the columns as numbers and dates are: the page said nothing of them, only ✗."""
    result = translation("A Hamas delegation visited Amman on Friday.", "The delegation said 12 trucks entered.")
    row = re.search(r'<tr id="article-1-p1".*?</tr>', render_translation_html(result), re.S)
    assert row is not None and '<li dir="auto">⚠ added Amman</li>' in row.group(0)
    assert '<li dir="auto">⚠ dropped القاهرة</li>' in row.group(0)
    arabic = render_translation_html(result, interface="ar")
    assert "⚠ أُضيف Amman" in arabic and "⚠ حُذف القاهرة" in arabic


# The commands' help: what exit status 0 means.


def help_text(*command: str) -> str:
    return " ".join(CliRunner().invoke(cli, [*command, "--help"]).output.split())


@pytest.mark.parametrize("command", [("summarize",), ("batch", "collect")])
def test_a_summary_commands_exit_0_names_every_kind(command: tuple[str, ...]) -> None:
    text = help_text(*command)
    assert "0 success: every number, date, quote and name in the output is verified" in text
    assert "every number in the output is verified" not in text and "unsupported numbers remain" not in text


def test_translates_exit_0_says_what_the_two_way_check_compares() -> None:
    text = help_text("translate")
    assert (
        "0 success: every number, date and name of each paragraph is in its translation, which holds no other" in text
    )
    assert "quote and name in the output is verified" not in text


def test_the_groups_help_names_every_kind() -> None:
    text = help_text()
    assert "with verified numbers, dates, quotes and names" in text
    assert "every number, date, quote and name in the output is verified" in text
    assert "(translate: every number, date and name checked both ways)" in text


def test_the_harbour_example_page_says_what_it_verified() -> None:
    """An extractive run of the shipped example: its ✓ names each kind its summaries hold, from their counts."""
    result = summarize(HARBOUR, engine="extractive", keep_source=True)
    kinds = checked_kinds(result)
    assert result.ok and "number" in kinds
    assert badge(render_html(result)) == f"✓ every {interface('en').kinds(kinds)} verified"
