"""The HTML review page in headless Chromium (Debian's /usr/bin/chromium driven by Playwright).

Skipped only where /usr/bin/chromium is absent; .ci/run installs it, so CI always runs these.
The seed page's screenshot is saved to tests/artifacts/seed-page.png (gitignored).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SEED, require
from render_cases import HARBOUR, MARKUP_ARTICLE, markup_result, states_result

from summarizer import summarize
from summarizer.articles import split_articles
from summarizer.numbers import extract_numbers
from summarizer.render.html import render_html

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOT = ROOT / "tests" / "artifacts" / "seed-page.png"

if not CHROMIUM.exists():
    if os.environ.get("SUMMARIZER_REQUIRE_BROWSER"):  # set by .ci/run: CI must run these
        raise RuntimeError(f"{CHROMIUM} is absent but SUMMARIZER_REQUIRE_BROWSER is set")
    pytest.skip(f"{CHROMIUM} is absent (apt-get install chromium; .ci/run does)", allow_module_level=True)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Opened:
    """A page opened from a file, with every request it made."""

    def __init__(self, browser: Any, html: str, directory: Path) -> None:
        path = directory / "page.html"
        path.write_text(html, encoding="utf-8")
        self.url = path.as_uri()
        self.requests: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.goto(self.url)

    def _route(self, route: Any) -> None:
        self.requests.append(route.request.url)
        if route.request.url == self.url:
            route.continue_()
        else:
            route.abort()


@pytest.fixture
def open_page(browser: Any, tmp_path: Path) -> Iterator[Any]:
    opened: list[Opened] = []

    def opener(html: str) -> Opened:
        opened.append(Opened(browser, html, tmp_path))
        return opened[-1]

    yield opener
    for item in opened:
        item.context.close()


@pytest.fixture
def seed_page(open_page: Any) -> Opened:
    text = require(SEED).read_text(encoding="utf-8")
    result = summarize(text, engine="extractive")
    return open_page(render_html(result, article_texts=[a.text for a in split_articles(text)]))


def values(text: str) -> list[Any]:
    return [m.value for m in extract_numbers(text)]


def test_seed_numbers_link_to_their_source_spans(seed_page: Opened) -> None:
    page = seed_page.page
    numbers = page.locator("ol.summary .num")
    links = page.locator("ol.summary a.num.verified")
    assert numbers.count() == links.count()  # every summary number of the seed is verified and a link
    for i in range(links.count()):
        link = links.nth(i)
        target = _target(page, link)
        # the link goes to the very sentence the extractive summary copied
        sentence = link.evaluate("node => node.closest('li').firstChild.textContent")
        assert target.evaluate("node => node.closest('.sent').textContent").startswith(sentence[:20])
    figures = page.locator("table a.num.verified")
    assert figures.count() == 10  # the key figures: five per story
    for i in range(figures.count()):
        _target(page, figures.nth(i))


def _target(page: Any, link: Any) -> Any:
    """The source span a number link points to, checked to hold the same value as the link."""
    target_id = link.get_attribute("href").removeprefix("#")
    target = page.locator(f'[id="{target_id}"]')
    assert target.count() == 1
    assert target.evaluate("node => node.closest('.source') !== null")
    shown = link.evaluate("node => node.firstChild.textContent")  # the number, without its badge
    assert values(target.inner_text()) == values(shown)
    return target


def test_seed_arabic_is_right_to_left_and_no_request_is_made(seed_page: Opened) -> None:
    page = seed_page.page
    assert page.locator(".source").first.evaluate("node => getComputedStyle(node).direction") == "rtl"
    assert page.locator("ol.summary[lang=ar]").first.evaluate("node => getComputedStyle(node).direction") == "rtl"
    assert page.locator(".source").first.get_attribute("lang") == "ar"
    assert page.locator("nav.toc li").count() == 2
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    print(f"seed page screenshot: {SCREENSHOT}")
    assert SCREENSHOT.stat().st_size > 10_000
    assert seed_page.requests == [seed_page.url]


def test_keyboard_reaches_number_links_and_focus_lights_the_source(seed_page: Opened) -> None:
    page = seed_page.page
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('a.num')"):
            break
    else:
        pytest.fail("Tab never reached a number link")
    target_id = page.evaluate("document.activeElement.getAttribute('href').slice(1)")
    target = page.locator(f'[id="{target_id}"]')
    assert "lit" in target.get_attribute("class").split()
    assert target.evaluate("node => getComputedStyle(node).backgroundColor") == "rgb(255, 215, 94)"  # --lit-bg
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"  # a visible focus ring
    page.keyboard.press("Tab")
    assert "lit" not in (target.get_attribute("class") or "").split()
    page.locator("a.num").first.hover()
    hovered = page.locator("a.num").first.get_attribute("href").removeprefix("#")
    assert "lit" in page.locator(f'[id="{hovered}"]').get_attribute("class").split()


def test_unsupported_and_review_numbers_are_marked(open_page: Any) -> None:
    page = open_page(render_html(states_result(), article_texts=[HARBOUR])).page
    unsupported = page.locator("ol.summary .num.unsupported")
    assert unsupported.count() == 1
    assert unsupported.evaluate("node => node.tagName") == "SPAN"  # nothing to link to
    assert unsupported.inner_text().startswith("4.7 million")
    assert unsupported.locator(".sr").text_content() == " (unsupported)"
    review = page.locator("ol.summary a.num.review")
    assert review.locator(".sr").text_content() == " (needs review)"
    target = page.locator(f'[id="{review.get_attribute("href").removeprefix("#")}"]')
    assert target.inner_text() == "150"
    assert page.locator(".status-bad").first.inner_text().startswith("✗")


def test_article_markup_stays_text_in_the_browser(open_page: Any) -> None:
    opened = open_page(render_html(markup_result(), article_texts=[MARKUP_ARTICLE]))
    page = opened.page
    assert page.evaluate("document.scripts.length") == 1  # the page's own
    assert page.locator("img, iframe, b").count() == 0
    assert '<script>alert("x")</script>' in page.locator(".source").inner_text()
    assert opened.requests == [opened.url]  # the article's <img src=x> and iframe fetched nothing


def test_translation_page_marks_added_and_dropped_numbers_side_by_side(open_page: Any) -> None:
    from conftest import ScriptedBackend
    from test_translate import ARTICLE, GOOD, reply

    from summarizer import translate
    from summarizer.render.html import render_translation_html

    texts = list(GOOD)
    texts[1] = "The health ministry said many people have been killed since the war began."  # drops 35,000
    texts[2] = "The ministry added that 252 people, and 9 <b>more</b>, were abducted on October 7."  # adds 9
    result = translate(ARTICLE, target="en", backend=ScriptedBackend([reply(*texts)]), max_repairs=0)
    opened = open_page(render_translation_html(result))
    page = opened.page
    source = page.locator("tr#article-1-p2 td").first
    assert source.evaluate("node => getComputedStyle(node).direction") == "rtl" and source.get_attribute("lang") == "ar"
    translated = page.locator("tr#article-1-p2 td").nth(1)
    assert translated.evaluate("node => getComputedStyle(node).direction") == "ltr"
    # side by side: the two cells of a paragraph share a line, the Arabic source to the left of the English
    source_box, translated_box = source.bounding_box(), translated.bounding_box()
    assert source_box["y"] == translated_box["y"] and source_box["x"] + source_box["width"] <= translated_box["x"]
    dropped = page.locator("tr#article-1-p2 .num.dropped")
    assert dropped.count() == 1 and dropped.evaluate("node => node.firstChild.textContent") == "خمسة وثلاثين ألفا"
    assert (
        dropped.locator(".badge").inner_text() == "⚠ dropped" and dropped.locator(".badge").is_visible()
    )  # not colour only
    added = page.locator("tr#article-1-p3 .num.added")
    assert added.count() == 1 and added.evaluate("node => node.firstChild.textContent") == "9"
    assert added.locator(".badge").inner_text() == "⚠ added" and added.locator(".badge").is_visible()
    verified = [
        n.evaluate("node => node.firstChild.textContent") for n in page.locator("tr#article-1-p3 .num.verified").all()
    ]
    # source column, then translation column; a date is marked whole, like a number
    assert verified == ["252", "السابع من أكتوبر", "252", "October 7"]
    assert page.locator("tr#article-1-p3 th").inner_text().startswith("3 ✗")  # the row is flagged
    mark = page.locator("tr#article-1-p3 th .state")  # one box: its hidden words do not wrap it onto two lines
    assert mark.evaluate("node => node.getClientRects().length") == 1
    assert page.locator("tr#article-1-p1 th").inner_text() == "1"
    assert page.locator("b").count() == 0 and "<b>more</b>" in page.locator("tr#article-1-p3 td").nth(1).inner_text()
    assert opened.requests == [opened.url]


def test_a_quote_not_in_the_source_is_a_message_that_wraps_not_a_struck_number(open_page: Any) -> None:
    from conftest import ScriptedBackend
    from render_cases import STATES_REPLY

    reply = {
        **STATES_REPLY,
        "key_figures": [
            {
                "number": "312",
                "quote": "A quote the article does not hold",
                "label_en": "vessels",
                "label_ar": "",
                "sentence": 5,
            },
        ],
    }
    result = summarize(HARBOUR, backend=ScriptedBackend([reply]), max_repairs=0, keep_source=True)
    page = open_page(render_html(result)).page
    page.set_viewport_size({"width": 1100, "height": 900})
    message = page.locator(".missing")
    assert message.inner_text() == "✗ not found verbatim in the source"
    assert message.evaluate("node => getComputedStyle(node).textDecorationLine") == "none"  # not struck through
    assert page.evaluate("document.documentElement.scrollWidth") <= 1100  # the key-figure table fits its column


def test_the_screenshots_script_saves_six_small_pngs(tmp_path: Path) -> None:
    """scripts/screenshots (docs/images), run into a scratch folder: four PNGs that read on GitHub."""
    import subprocess
    import sys

    from conftest import CASSETTES, recorded_with_other_prompts

    image = pytest.importorskip("PIL.Image")  # the docs extra
    require(SEED)
    for cassette in ("test_english_example.yaml", "test_translate_first_seed_story_into_english.yaml"):
        stale = recorded_with_other_prompts(CASSETTES / "test_recorded" / cassette)  # the script replays them
        if stale:
            pytest.skip(stale)
    env = {**os.environ, "SUMMARIZER_SCREENSHOTS_DIR": str(tmp_path)}
    script = ROOT / "scripts" / "screenshots"
    proc = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    names = [
        "review-page-ar-narrow.png",
        "review-page-ar.png",
        "review-page-figures.png",
        "review-page-flagged.png",
        "review-page-seed.png",
        "translation-page.png",
    ]
    assert sorted(path.name for path in tmp_path.iterdir()) == names
    for name in names:
        with image.open(tmp_path / name) as png:
            width = 420 if name.endswith("-narrow.png") else 1100
            assert png.width == width and 900 <= png.height <= 2000, name
        assert (tmp_path / name).stat().st_size < 300_000, name  # a few hundred KB at most
        assert (ROOT / "docs" / "images" / name).exists(), f"docs/images/{name} is not committed"


ARABIC_SCREENSHOT = ROOT / "tests" / "artifacts" / "seed-page-ar.png"
ARABIC_NARROW_SCREENSHOT = ROOT / "tests" / "artifacts" / "seed-page-ar-420.png"


def test_the_arabic_interface_reads_right_to_left_and_puts_the_summary_first_when_narrow(open_page: Any) -> None:
    """The seed's page with --interface ar: right to left, Arabic chrome, and at 420 px the summary above the
    source (saved to tests/artifacts/seed-page-ar.png and seed-page-ar-420.png)."""
    text = require(SEED).read_text(encoding="utf-8")
    result = summarize(text, engine="extractive")
    page = open_page(render_html(result, article_texts=[a.text for a in split_articles(text)], interface="ar")).page
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.locator("h1").inner_text() == "مراجعة الملخص"
    story = page.locator("article.story").first
    source, outputs = story.locator("section.source-text"), story.locator("section.outputs")
    wide_source, wide_outputs = source.bounding_box(), outputs.bounding_box()
    assert wide_source["x"] > wide_outputs["x"]  # two columns, right to left: the source on the right
    th = story.locator("thead th").first.bounding_box()
    last = story.locator("thead th").last.bounding_box()
    assert th["x"] > last["x"]  # the table's first column ("#") on the right
    ARABIC_SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARABIC_SCREENSHOT))
    page.set_viewport_size({"width": 420, "height": 900})
    narrow_source, narrow_outputs = source.bounding_box(), outputs.bounding_box()
    assert narrow_outputs["y"] + narrow_outputs["height"] <= narrow_source["y"]  # the summary above the source
    page.screenshot(path=str(ARABIC_NARROW_SCREENSHOT), full_page=False)
    assert page.evaluate("document.documentElement.scrollWidth") <= 420  # nothing wider than the screen


def test_the_english_page_also_puts_the_summary_first_when_narrow(seed_page: Opened) -> None:
    page = seed_page.page
    page.set_viewport_size({"width": 420, "height": 900})
    story = page.locator("article.story").first
    source, outputs = (
        story.locator("section.source-text").bounding_box(),
        story.locator("section.outputs").bounding_box(),
    )
    assert outputs["y"] + outputs["height"] <= source["y"]
