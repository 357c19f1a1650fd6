"""Markdown for people: quotes once, no offsets or empty columns, right to left for Arabic, article text escaped."""

from __future__ import annotations

import re

from conftest import SEED, require
from markdown_it import MarkdownIt
from render_cases import VESSELS_QUOTE, markup_result, states_result

from summarizer import summarize
from summarizer.render.markdown import escape, render_result

COMMONMARK = MarkdownIt("commonmark").enable("table")


def test_seed_tables_read_right_to_left_without_offsets_or_empty_columns() -> None:
    result = summarize(require(SEED).read_text(encoding="utf-8"), engine="extractive")
    markdown = render_result(result)
    assert "offsets" not in markdown and "2172–2284" not in markdown  # offsets live in the JSON only
    tables = re.findall(
        r'<div dir="rtl" lang="ar">\n\n(\| # \| number \| value \| counts \(en\) \| counts \(ar\) \| quote \|.*?)\n\n</div>',
        markdown,
        re.S,
    )
    assert len(tables) == 2
    for table in tables:  # no column is all dashes
        rows = [
            line.split(" | ") for line in table.splitlines() if line.startswith("| ") and not line.startswith("| #")
        ]
        assert all(any(row[column] != "—" for row in rows) for column in range(len(rows[0])))
    shared = "وخُطف خلال الهجوم 252 شخصا، لا يزال 121 منهم محتجزين في قطاع غزة بينهم 37 توفوا، وفق آخر تحديث للجيش الإسرائيلي."
    assert markdown.count(shared) == 1  # once, under the table, for its three figures
    assert "| 2 | 252 | 252 | people | شخصا | Q2 |" in tables[0] and "| 5 | 37 | 37 | — | توفوا | Q2 |" in tables[0]
    html = COMMONMARK.render(markdown)
    assert '<div dir="rtl" lang="ar">\n<table>' in html  # the table is parsed as a table inside the RTL block


def test_shared_quote_once_and_flags_kept() -> None:
    markdown = render_result(states_result())
    assert markdown.count(VESSELS_QUOTE) == 1
    assert "| # | number | value | counts (en) | counts (ar) | quote |" in markdown
    assert "| 2 | 268 | 268 | vessels a year earlier | — | Q1 |" in markdown
    assert "4.7 million tonnes of grain in nine months. [2] **⚠ unsupported**" in markdown


def test_article_markup_renders_as_text() -> None:
    markdown = render_result(markup_result())
    assert not re.search(r"(?<!\\)<", markdown)  # every "<" of the article is escaped
    html = COMMONMARK.render(markdown)
    assert not re.search(r"<(script|img|iframe|b)\b", html)
    cells = re.findall(r"<(li|td)>(.*?)</\1>", html, re.S)
    assert len(cells) > 10 and all(
        "<" not in re.sub(r"^<strong>Q\d</strong>: ", "", content) for _, content in cells
    )  # no emphasis, links or headings
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert (
        "</strong>: # Not a heading: the mayor said 7 parks would close &amp; reopen in 2026 &amp;amp; later." in html
    )
    assert "&lt;img src=x onerror=alert(1)&gt; 3 letters about **the plan** and [a link](http://example.com/x)." in html
    assert (
        "<h1>Council &lt;b&gt;approves&lt;/b&gt; budget &lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;</h1>"
        in html
    )


def test_escape_keeps_text_literal() -> None:
    cases = {
        "# not a heading": "<p># not a heading</p>",
        "1. not a list": "<p>1. not a list</p>",
        "- not a bullet": "<p>- not a bullet</p>",
        "a | b": "<p>a | b</p>",
        "&amp; stays": "<p>&amp;amp; stays</p>",
        "`code` ~~gone~~ <http://x.y>": "<p>`code` ~~gone~~ &lt;http://x.y&gt;</p>",
        "line\nbreak": "<p>line break</p>",
    }
    for text, html in cases.items():
        assert COMMONMARK.render(escape(text)).strip() == html, text


def test_each_sentence_shows_its_state_and_the_summary_line_what_was_checked() -> None:
    markdown = render_result(states_result())
    assert "- 312 vessels called at the terminal and the port will hire 150 workers. [5] **? needs review**" in markdown
    assert (
        "⚠ **Not verified:** 6 of 8 numbers verified against the cited sentences, 1 name against the article; "
        "1 need review; 1 unsupported; "
        "wording not checked." in markdown
    )
