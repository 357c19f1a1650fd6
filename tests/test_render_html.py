"""The HTML review page without a browser: escaping, states, layout, template override, contrast."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, SEED, require
from render_cases import (
    HARBOUR,
    MARKUP_ARTICLE,
    TEMPLATE_REFUSALS,
    VESSELS_QUOTE,
    markup_result,
    states_result,
    write_templates,
)

from summarizer import summarize
from summarizer.articles import split_articles
from summarizer.cli import cli
from summarizer.render.html import REVIEW, UNSUPPORTED, VERIFIED, load_template, number_marks, render_html


def page(result, texts: list[str] | None = None, **kwargs) -> str:
    return render_html(result, article_texts=texts or [a.text for a in split_articles(HARBOUR)], **kwargs)


def test_marks_carry_each_number_state_and_source_span_from_the_result() -> None:
    article = states_result().articles[0]
    marks = number_marks(article)
    by_text = {(field, m.text): m for field, field_marks in marks.items() for m in field_marks}
    assert by_text[("summaries.en[0]", "4.7 million")].state == UNSUPPORTED
    assert by_text[("summaries.en[0]", "4.7 million")].source_start is None
    review = by_text[("summaries.en[1]", "150")]
    assert review.state == REVIEW and HARBOUR[review.source_start : review.source_end] == "150"
    for field in ("summaries.ar[0]", "key_figures[0].text"):
        verified = by_text[(field, "312")]
        assert verified.state == VERIFIED and HARBOUR[verified.source_start : verified.source_end] == "312"


def test_cited_sentence_is_the_preferred_link_target() -> None:
    text = "Officials counted 5 boats in May.\nLater 5 new boats arrived in the harbour."
    result = summarize(text, engine="extractive")
    article = result.articles[0]
    marks = number_marks(article)
    for field, field_marks in marks.items():
        if field.startswith("summaries"):
            number = int(field.split("[")[1].rstrip("]"))
            sentence = article.summaries["en"].sentences[number]
            for mark in field_marks:  # the extractive summary's own sentence, not the first "5" in the text
                assert sentence.start <= mark.source_start < sentence.end


def test_every_state_is_shown_with_text_not_only_colour() -> None:
    html = page(states_result())
    assert re.search(
        r'<span class="num unsupported"[^>]*>4\.7 million<span class="badge" aria-hidden="true">✗</span><span class="sr"> \(unsupported\)',
        html,
    )
    assert re.search(
        r'<a class="num review" href="#article-1-n\d+-\d+"[^>]*>150<span class="badge" aria-hidden="true">\?</span><span class="sr"> \(needs review\)',
        html,
    )
    assert re.search(
        r'<a class="num verified" href="#article-1-n383-386"[^>]*>312<span class="badge" aria-hidden="true">✓</span>',
        html,
    )
    assert '<span class="n" id="article-1-n383-386">312</span>' in html
    assert "✗ summaries.en[0]: &#39;4.7 million&#39; (4700000) is not in the source" in html
    assert "? summaries.en[1]: &#39;150&#39; is not in the cited sentences [5]" in html


def test_shared_quote_is_shown_once_and_empty_label_columns_are_dropped() -> None:
    html = page(states_result())
    assert html.count(VESSELS_QUOTE) == 1  # once in the table (rowspan 2); the source text wraps its numbers
    assert '<td class="quote" rowspan="2"><a class="cite" href="#article-1-s5">' in html
    assert '<th scope="col">counts (en)</th><th scope="col">counts (ar)</th>' in html
    seed = require(SEED).read_text(encoding="utf-8")
    arabic = render_html(summarize(seed, engine="extractive"), article_texts=[a.text for a in split_articles(seed)])
    assert "counts (en)" in arabic and "counts (ar)" in arabic  # English dictionary labels for Arabic figures
    assert '<div class="source" lang="ar" dir="rtl">' in arabic and '<table dir="rtl" lang="ar">' in arabic
    assert '<nav class="toc" aria-label="Articles">' in arabic and 'href="#article-2"' in arabic
    assert '<nav class="toc"' not in html  # one article: no table of contents


def test_article_markup_is_text_in_the_page() -> None:
    html = render_html(markup_result(), article_texts=[MARKUP_ARTICLE])
    body = html.split("<body>", 1)[1]
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body
    assert "&lt;iframe" in body and "&lt;b&gt;approves&lt;/b&gt;" in body
    assert re.findall(r"<(script|img|iframe|b)\b", body) == ["script"]  # the page's own script only


def shown_sources(html: str) -> list[str]:
    """The text of each article's source panel, as a reader sees it."""
    panels = re.findall(r'<div class="source"[^>]*>(.*?)</div>', html, re.S)
    return [unescape(re.sub(r"<[^>]+>", "", panel)) for panel in panels]


def test_each_input_is_read_and_split_once_and_shows_its_own_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = tmp_path / "feed.jsonl"
    records = [{"id": "r1", "text": "Rescuers reached 3 villages on Monday."}, {"id": "r2", "text": HARBOUR}]
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    markup = tmp_path / "markup.txt"
    markup.write_text(MARKUP_ARTICLE, encoding="utf-8")
    splits: list[str] = []

    def counted(document: str) -> list:
        splits.append(document)
        return split_articles(document)

    monkeypatch.setattr("summarizer.articles.split_articles", counted)
    monkeypatch.setattr("summarizer.api.split_articles", counted)
    monkeypatch.setattr(
        "summarizer.render.html.split_sentences", lambda text: pytest.fail("the page split an article again")
    )
    out = tmp_path / "page.html"
    result = CliRunner().invoke(
        cli,
        [
            "summarize",
            str(feed),
            str(tmp_path / "missing.txt"),
            str(markup),
            "--engine",
            "extractive",
            "--format",
            "html",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 3, result.output  # the missing input failed; the others were written
    assert len(splits) == 2 and splits[0].startswith('{"id": "r1"') and splits[1] == MARKUP_ARTICLE
    expected = [records[0]["text"], HARBOUR, "", *(a.text for a in split_articles(MARKUP_ARTICLE))]
    assert shown_sources(out.read_text(encoding="utf-8")) == expected


def test_a_result_without_its_source_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="article 1 has no source"):
        render_html(summarize(HARBOUR, engine="extractive"))
    assert shown_sources(render_html(summarize(HARBOUR, engine="extractive", keep_source=True))) == [
        a.text for a in split_articles(HARBOUR)
    ]


def test_page_is_self_contained() -> None:
    html = page(states_result())
    assert not re.search(r"https?://|@import|url\(|<link\b|\bsrc=", html)
    assert "default-src 'none'" in html  # and the browser is told to fetch nothing
    assert "@media print" in html


def test_user_template_overrides_the_shipped_one_and_is_still_escaped(tmp_path: Path) -> None:
    template = tmp_path / "mine.html"
    template.write_text("{% for a in articles %}<h1>{{ a.title }}</h1>{% endfor %}{{ engine }}\n", encoding="utf-8")
    source = tmp_path / "a.txt"
    source.write_text(MARKUP_ARTICLE, encoding="utf-8")
    out = tmp_path / "page.html"
    result = CliRunner().invoke(
        cli,
        [
            "summarize",
            str(source),
            "--engine",
            "extractive",
            "--format",
            "html",
            "--template",
            str(template),
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == (
        "<h1>Council &lt;b&gt;approves&lt;/b&gt; budget &lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;</h1>extractive\n"
    )


@pytest.mark.parametrize(("args", "message"), TEMPLATE_REFUSALS)
def test_bad_template_use_is_refused_before_any_work(tmp_path: Path, args: list[str], message: str) -> None:
    write_templates(tmp_path)
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = CliRunner().invoke(cli, ["summarize", str(EXAMPLES / "harbour-en.txt"), "--engine", "extractive", *args])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(message.replace("{tmp}", str(tmp_path)))


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{{ no_such_variable }}", "'no_such_variable' is undefined"),
        ("{{ 1 / 0 }}", "ZeroDivisionError: division by zero"),
        ("{{ range(10**9) | list }}", "OverflowError: "),
    ],
)
def test_a_template_failing_while_rendering_is_a_usage_error(tmp_path: Path, source: str, message: str) -> None:
    template = tmp_path / "broken.html"
    template.write_text(source, encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        [
            "summarize",
            str(EXAMPLES / "harbour-en.txt"),
            "--engine",
            "extractive",
            "--format",
            "html",
            "--template",
            str(template),
        ],
    )
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: cannot render the HTML template: {message}")


@pytest.mark.parametrize(
    "source", ["{# the page goes here #}\n", "{% if articles|length > 99 %}<p>many</p>{% endif %}\n  \n"]
)
def test_a_template_that_renders_an_empty_page_is_refused_and_the_output_kept(tmp_path: Path, source: str) -> None:
    """An empty review page (exit 0) was the only sign that a template printed nothing: it is an error, exit 2,
    and ``-o`` keeps what it held."""
    template = tmp_path / "quiet.html"
    template.write_text(source, encoding="utf-8")
    out = tmp_path / "page.html"
    out.write_text("yesterday's page\n", encoding="utf-8")
    args = ["--engine", "extractive", "--format", "html", "--template", str(template), "-o", str(out)]
    result = CliRunner().invoke(cli, ["summarize", str(EXAMPLES / "harbour-en.txt"), *args])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "Error: the HTML template rendered an empty page (nothing but white space)\n"
    assert out.read_text(encoding="utf-8") == "yesterday's page\n"


# WCAG 2.x relative luminance and contrast ratio
def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_ratios_pass_wcag_aa() -> None:
    template = load_template()
    root = re.search(r":root \{(.*?)\}", template, re.S).group(1)
    colours = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", root))
    pairs = [
        (name[:-3], colour, colours[name[:-3] + "-bg"]) for name, colour in colours.items() if name.endswith("-fg")
    ]
    assert len(pairs) == 9
    for name, foreground, background in pairs:
        assert contrast(foreground, background) >= 4.5, name  # AA for normal text
    for name in (n for n in colours if n.endswith("-ui")):
        assert contrast(colours[name], colours["text-bg"]) >= 3, name  # AA for focus rings and borders
    # the highlighted source text is on the page background's panel too: both pass
    assert contrast(colours["text-fg"], colours["panel-bg"]) >= 4.5
    outside_root = template.replace(root, "")
    assert not re.search(
        r"#[0-9a-fA-F]{3,6}\b(?![\w-])(?=[;\s])", outside_root.split("<style>")[1].split("</style>")[0]
    )
    assert not re.search(r"\b(rgb|hsl)a?\(", template)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the known AA threshold grey


def test_sentences_and_rows_carry_the_result_states_and_the_summary_line() -> None:
    html = page(states_result())
    assert re.search(
        r'<li class="review">[^\n]*hire <a class="num review"[^\n]*<span class="state review">\? needs review</span>',
        html,
    )
    assert re.search(
        r'<li class="unsupported"><a class="num verified"[^>]*>Northmere<[^\n]* handled [^\n]*'
        r'<span class="state unsupported">✗ unsupported</span>',
        html,
    )
    assert (
        "✗ 6 of 8 numbers verified against the cited sentences, 1 name against the article; 1 need review; "
        "1 unsupported; wording not checked" in html
    )


def test_a_missing_title_is_an_english_heading_in_an_arabic_article() -> None:
    arabic = (EXAMPLES / "water-ar.txt").read_text(encoding="utf-8")
    untitled = summarize(
        json.dumps({"text": arabic, "id": "w"}, ensure_ascii=False), engine="extractive", keep_source=True
    )
    titled = summarize(arabic, engine="extractive", keep_source=True)
    assert untitled.articles[0].title is None and titled.articles[0].title
    heading = re.compile(r'<h2 id="article-1-title" lang="(\w+)" dir="(\w+)">([^<]*)</h2>')
    assert heading.findall(render_html(untitled)) == [("en", "ltr", "Article w")]  # "Article w" reads left to right
    assert heading.findall(render_html(titled)) == [("ar", "rtl", unescape(titled.articles[0].title))]


def test_key_figure_rows_keep_their_order_on_the_page() -> None:
    """Rows of one quote share its cell only where they are consecutive: the table reads 1, 2, 3, … in order."""
    seed = require(SEED).read_text(encoding="utf-8")
    result = summarize(seed, engine="extractive")
    html = render_html(result, article_texts=[a.text for a in split_articles(seed)])
    for article in html.split('<article class="story"')[1:]:
        rows = [int(n) for n in re.findall(r'<tr class="\w+"><td>(\d+)', article)]
        assert rows == list(range(1, len(rows) + 1))
    quotes = [[f.quote for f in article.key_figures] for article in result.articles]
    assert any(q[i] == q[j] and j > i + 1 for q in quotes for i in range(len(q)) for j in range(len(q)))
