"""The interface language (--interface ar|en), inputs named in headings, settings refused before any work,
and Markdown drawn for reading on a terminal."""

from __future__ import annotations

import re
import string
from pathlib import Path
from unittest import mock

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, SEED, require
from render_cases import HARBOUR, states_result

import summarizer.cli.common as common
from summarizer import summarize
from summarizer.articles import split_articles
from summarizer.cli import cli
from summarizer.config import locale_interface, resolve_config, resolve_interface
from summarizer.errors import ConfigurationError
from summarizer.languages import SUPPORTED_LANGUAGES
from summarizer.render.html import render_html, render_translation_html
from summarizer.render.interface import COLUMN_LANGUAGE_NAMES, COUNTS, LANGUAGE_NAMES, STRINGS, interface
from summarizer.render.markdown import render_result, render_translation

ARABIC_LETTER = re.compile("[\u0621-\u064a]")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_chrome_string_is_in_both_languages_with_the_same_placeholders() -> None:
    assert set(STRINGS) == set(SUPPORTED_LANGUAGES) == set(LANGUAGE_NAMES) == set(COLUMN_LANGUAGE_NAMES) == set(COUNTS)
    english = STRINGS["en"]
    for language, strings in STRINGS.items():
        assert set(strings) == set(english), language
        for key, text in strings.items():
            assert text.strip() and placeholders(text) == placeholders(english[key]), (language, key)
    for key, text in STRINGS["ar"].items():  # translated, not copied: every Arabic string has Arabic letters
        assert ARABIC_LETTER.search(text.replace("{", "").replace("}", "")) or text in ("، ", "؛ "), key
    for language in SUPPORTED_LANGUAGES:
        assert set(LANGUAGE_NAMES[language]) == set(SUPPORTED_LANGUAGES)


def test_counts_have_every_plural_category_of_their_language() -> None:
    from babel import Locale

    for language, counts in COUNTS.items():
        categories = set(Locale(language).plural_form.tags) | {"other"}
        assert set(counts) == set(COUNTS["en"]), language
        for key, forms in counts.items():
            assert set(forms) == categories, (language, key)
    ui = interface("ar")
    assert [ui.count("articles", n) for n in (0, 1, 2, 3, 11, 100)] == [
        "لا مقالات",
        "مقالة واحدة",
        "مقالتان",
        "3 مقالات",
        "11 مقالة",
        "100 مقالة",
    ]
    assert interface("en").count("calls", 1) == "1 call" and interface("en").count("calls", 2) == "2 calls"


def test_the_english_summary_line_is_the_verifiers() -> None:
    for article in states_result().articles:
        assert interface("en").summary_line(article.verification) == article.verification.summary_line()
    arabic = interface("ar").summary_line(states_result().articles[0].verification)
    assert "بحاجة إلى مراجعة" in arabic and "الصياغة لم تُفحص" in arabic


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "ar_EG.UTF-8"}, "ar"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LC_MESSAGES": "ar_SA", "LANG": "en_US"}, "ar"),
        ({"LC_ALL": "C.UTF-8", "LANG": "ar_EG"}, "en"),  # LC_ALL decides when set
        ({"LC_ALL": "ar_JO.UTF-8", "LC_MESSAGES": "en_GB"}, "ar"),
        ({"LANG": "ar_EG", "SUMMARIZER_INTERFACE": "en"}, "en"),  # the setting beats the locale
        ({"LANG": "C", "SUMMARIZER_INTERFACE": "AR"}, "ar"),
    ],
)
def test_the_interface_comes_from_the_setting_else_the_locale(environ: dict[str, str], expected: str) -> None:
    assert resolve_interface(environ=environ) == expected
    assert resolve_config(environ=environ).interface == expected
    if "SUMMARIZER_INTERFACE" not in environ:
        assert locale_interface(environ) == expected


def test_an_unknown_interface_is_one_error_line_and_exit_2(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="unknown interface language 'fr'"):
        resolve_interface(environ={"SUMMARIZER_INTERFACE": "fr"})
    out = tmp_path / "out.md"
    result = CliRunner().invoke(
        cli, ["summarize", str(EXAMPLES / "harbour-en.txt"), "--interface", "fr", "-o", str(out)], env=_offline()
    )
    assert result.exit_code == 2 and "Invalid value for '--interface'" in result.output and not out.exists()
    result = CliRunner().invoke(
        cli,
        ["summarize", str(EXAMPLES / "harbour-en.txt"), "-o", str(out)],
        env={**_offline(), "SUMMARIZER_INTERFACE": "fr"},
    )
    assert result.exit_code == 2 and not out.exists()
    assert result.output.strip().splitlines()[-1] == "Error: unknown interface language 'fr': choose from en, ar"


def _offline() -> dict[str, str | None]:
    return {"OPENAI_API_KEY": None, "OPENAI_BASE_URL": None, "SUMMARIZER_ENGINE": None, "SUMMARIZER_INTERFACE": None}


def seed_result() -> tuple[object, list[str]]:
    text = require(SEED).read_text(encoding="utf-8")
    return summarize(text, engine="extractive"), [a.text for a in split_articles(text)]


def test_the_arabic_page_is_right_to_left_and_speaks_arabic() -> None:
    result, texts = seed_result()
    html = render_html(result, article_texts=texts, interface="ar")
    assert '<html lang="ar" dir="rtl">' in html
    for words in ("مراجعة الملخص", "النص الأصلي", "الأرقام الرئيسية", "الملخص بالعربية", "تم التحقق", "مقالتان"):
        assert words in html, words
    chrome = re.sub(r"<[^>]+>", " ", re.sub(r"<style>.*?</style>|<script>.*?</script>", "", html, flags=re.S))
    for english in (
        "Summary review",
        "Source text",
        "Key figures",
        "needs review",
        "verified",
        " summary<",
        "Article ",
    ):
        assert english not in chrome, english
    english_page = render_html(result, article_texts=texts)
    assert '<html lang="en" dir="ltr">' in english_page and "Summary review" in english_page


def test_the_page_uses_logical_directions_and_puts_the_summary_first_when_narrow() -> None:
    html = render_html(states_result(), article_texts=[HARBOUR], interface="ar")
    style = re.search(r"<style>(.*?)</style>", html, re.S)
    assert style is not None
    assert not re.search(r"(margin|padding)-(left|right)|text-align:\s*(left|right)|float:", style.group(1))
    assert re.search(r"@media \(max-width: 60rem\) \{[^@]*\.columns > \.outputs \{ order: -1;", style.group(1))


def test_the_arabic_translation_page_and_markdown(tmp_path: Path) -> None:
    from summarizer.translation_results import ArticleTranslation, TranslationResult

    failed = ArticleTranslation.failed(ConfigurationError("boom"), id="1", language="ar")
    failed.target = "en"
    result = TranslationResult(target="en", articles=[failed])
    html = render_translation_html(result, interface="ar")
    assert '<html lang="ar" dir="rtl">' in html and "مراجعة الترجمة" in html and "Translation review" not in html
    assert "تعذّر الإنجاز" in render_translation(result, interface="ar")


def test_the_arabic_markdown_chrome() -> None:
    result, _ = seed_result()
    markdown = render_result(result, interface="ar")
    for words in ("## الملخص بالعربية", "## الأرقام الرئيسية", "## التحقق", "| # | الرقم |", "المعدود (بالعربية)"):
        assert words in markdown, words
    for english in ("## Key figures", "## Verification", "summary\n", "counts ("):
        assert english not in markdown, english


def test_several_inputs_name_their_file_in_markdown_and_html_headings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    one, two = Path("one.txt"), Path("two.txt")
    body = "The council approved 12 new buses on Monday. It will spend 3 million pounds."
    one.write_text(body, encoding="utf-8")
    two.write_text(body.replace("12", "14"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["summarize", str(one), str(two), "--interface", "en"], env=_offline())
    assert result.exit_code == 0, result.output
    headings = [line for line in result.output.splitlines() if line.startswith("# ")]
    assert headings == [f"# Article 1 · {one}", f"# Article 1 · {two}"]
    page = tmp_path / "page.html"
    result = CliRunner().invoke(
        cli, ["summarize", str(one), str(two), "--format", "html", "-o", str(page), "--interface", "en"], env=_offline()
    )
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    titles = re.findall(r"<h2 id=\"article-\d-title\"[^>]*>(.*?)</h2>", html)
    assert [re.sub(r"<[^>]+>", "", title) for title in titles] == [f"Article 1 · {one}", f"Article 1 · {two}"]
    assert f'file: <bdi class="input">{one}</bdi>' in html
    single = CliRunner().invoke(cli, ["summarize", str(one), "--interface", "en"], env=_offline())
    assert [line for line in single.output.splitlines() if line.startswith("# ")] == ["# Article 1"]


WRITES_NONE = (
    "Error: article 1: it is in Arabic and the offline extractive engine writes a summary in the article's own "
    "language only, so --languages en gives none: add ar to --languages, or use a model (--engine openai with "
    "OPENAI_API_KEY or --base-url)"
)


@pytest.mark.parametrize("output_format", ["md", "json", "html", "jsonl"])
def test_a_summary_language_the_engine_cannot_write_is_refused_before_any_output(
    tmp_path: Path, output_format: str
) -> None:
    out = tmp_path / f"out.{output_format}"
    arabic = str(EXAMPLES / "water-ar.txt")
    arguments = ["summarize", arabic, "--languages", "en", "--engine", "extractive", "--format", output_format]
    result = CliRunner().invoke(cli, [*arguments, "-o", str(out)], env=_offline())
    assert result.exit_code == 2 and not out.exists()
    if output_format == "jsonl":  # a stream checks every input file first, and names it
        assert result.output.strip() == WRITES_NONE.replace("Error: ", f"Error: {arabic}, ")
    else:
        assert result.output.strip() == WRITES_NONE


def test_a_mixed_run_is_refused_naming_the_input_and_article(tmp_path: Path) -> None:
    out = tmp_path / "out.md"
    english, arabic = str(EXAMPLES / "harbour-en.txt"), str(EXAMPLES / "water-ar.txt")
    result = CliRunner().invoke(
        cli,
        ["summarize", english, arabic, "--languages", "en", "--engine", "extractive", "-o", str(out)],
        env=_offline(),
    )
    assert result.exit_code == 2 and not out.exists()
    assert result.output.strip() == WRITES_NONE.replace("Error: ", f"Error: {arabic}, ")
    both = CliRunner().invoke(
        cli, ["summarize", english, arabic, "--languages", "en,ar", "-o", str(out)], env=_offline()
    )
    assert both.exit_code == 0 and out.exists()  # each article gets its own language's summary


def test_auto_resolving_to_the_extractive_engine_is_checked_too(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["summarize", str(EXAMPLES / "harbour-en.txt"), "--languages", "ar"], env=_offline()
    )
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1].startswith("Error: article 1: it is in English")


def test_an_unknown_language_is_one_error_line_and_exit_2(tmp_path: Path) -> None:
    out = tmp_path / "out.md"
    result = CliRunner().invoke(cli, ["summarize", str(EXAMPLES), "--languages", "fr", "-o", str(out)], env=_offline())
    assert result.exit_code == 2 and not out.exists()
    assert result.output.strip() == "Error: unsupported language 'fr': choose from en, ar"


def test_on_a_terminal_markdown_is_drawn_for_reading_and_a_file_stays_plain(tmp_path: Path) -> None:
    arguments = ["summarize", str(EXAMPLES / "harbour-en.txt"), "--engine", "extractive"]
    plain = CliRunner().invoke(cli, arguments, env=_offline())  # a pipe: plain Markdown
    assert "4\\.2 million" in plain.output and "| # |" in plain.output
    with mock.patch.object(common, "on_terminal", lambda output: output in (None, "-")):  # a fake tty
        drawn = CliRunner().invoke(cli, arguments, env=_offline())
        out = tmp_path / "out.md"
        to_file = CliRunner().invoke(cli, [*arguments, "-o", str(out)], env=_offline())
    assert drawn.exit_code == 0 and to_file.exit_code == 0
    assert "4.2 million" in drawn.output and "4\\.2" not in drawn.output and "| # |" not in drawn.output
    assert out.read_text(encoding="utf-8") == plain.output  # -o FILE: byte for byte what a pipe gets


def test_on_a_terminal_arabic_blocks_lose_their_tags() -> None:
    arguments = ["summarize", str(EXAMPLES / "water-ar.txt"), "--engine", "extractive"]
    with mock.patch.object(common, "on_terminal", lambda output: True):
        drawn = CliRunner().invoke(cli, arguments, env=_offline())
    assert drawn.exit_code == 0 and "<div" not in drawn.output and "</div>" not in drawn.output
    assert "محطة" in drawn.output


def test_on_terminal_needs_a_tty_and_no_file() -> None:
    class Tty:
        def isatty(self) -> bool:
            return True

    with mock.patch.object(common.sys, "stdout", Tty()):
        assert common.on_terminal(None) and common.on_terminal("-") and not common.on_terminal("out.md")
    with mock.patch.object(common.sys, "stdout", object()):
        assert not common.on_terminal(None)


def test_no_chrome_key_is_hidden_by_an_attribute_of_the_interface() -> None:
    """A template reads ``ui.key``: a key named like an attribute (``language``) would show the attribute."""
    ui = interface("ar")
    assert not [key for key in STRINGS["en"] if hasattr(ui, key)]


def test_a_users_template_gets_ui_and_the_old_variables_in_the_interface_language() -> None:
    template = (
        '<html lang="{{ ui.language }}" dir="{{ ui.direction }}">{{ ui.page_title }}|{{ ui.count("articles", '
        'articles|length) }}|{{ state_labels["review"] }}|{{ language_names["ar"] }}|{{ articles[0].summary_line }}'
    )
    page = render_html(states_result(), article_texts=[HARBOUR], template=template, interface="ar")
    title, count, review, arabic, line = page.split(">", 1)[1].split("|")
    assert page.startswith('<html lang="ar" dir="rtl">') and title == "مراجعة الملخص" and count == "مقالة واحدة"
    assert review == "بحاجة إلى مراجعة" and arabic == "العربية" and line.startswith("أرقام تم التحقق منها")
    english = render_html(states_result(), article_texts=[HARBOUR], template=template)
    assert english.split(">", 1)[1].split("|")[:4] == ["Summary review", "1 article", "needs review", "Arabic"]
