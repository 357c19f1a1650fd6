"""Results the render tests share: a model run with every number state, and an article full of markup."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import EXAMPLES, ScriptedBackend

from summarizer import summarize
from summarizer.results import SummaryResult

HARBOUR = (EXAMPLES / "harbour-en.txt").read_text(encoding="utf-8")
VESSELS_QUOTE = "The authority said 312 vessels called at the grain terminal between January and September, compared with 268 a year earlier."

# Sentence [2] says 4.2 million, so 4.7 million is unsupported; 150 is in sentence [7], not in the cited [5].
STATES_REPLY: dict[str, Any] = {
    "summary_en": [
        {"text": "Northmere handled 4.7 million tonnes of grain in nine months.", "sources": [2]},
        {"text": "312 vessels called at the terminal and the port will hire 150 workers.", "sources": [5]},
    ],
    "summary_ar": [{"text": "رست 312 سفينة في المحطة مقابل 268 قبل عام.", "sources": [5]}],
    "key_figures": [
        {"number": "312", "quote": VESSELS_QUOTE, "label_en": "vessels", "label_ar": "سفينة", "sentence": 5},
        {"number": "268", "quote": VESSELS_QUOTE, "label_en": "vessels a year earlier", "label_ar": "", "sentence": 5},
    ],
}

MARKUP_ARTICLE = """Council <b>approves</b> budget <script>alert("title")</script>

The council approved 12 new schools on Monday <script>alert("x")</script> and ordered 40 buses.
Residents sent <img src=x onerror=alert(1)> 3 letters about **the plan** and [a link](http://example.com/x).
# Not a heading: the mayor said 7 parks would close & reopen in 2026 &amp; later.
The budget | column | of 250 million dollars was passed by 9 votes to 2.
1. Not a list: officials counted 5 objections <iframe src="http://example.com"></iframe> in total.
"""


def states_result() -> SummaryResult:
    """The harbour article through the model path with no repair: unsupported, needs-review and verified numbers."""
    return summarize(HARBOUR, backend=ScriptedBackend([STATES_REPLY]), max_repairs=0)


def markup_result() -> SummaryResult:
    """MARKUP_ARTICLE through the extractive engine."""
    return summarize(MARKUP_ARTICLE, engine="extractive")


# --template used wrongly, for any command with a page: the arguments (``{tmp}``: a folder that
# ``write_templates`` filled) and how the one Error: line starts. Each is refused before any work.
TEMPLATE_REFUSALS = [
    (["--template", "{tmp}/mine.html"], "Error: --template applies to --format html only\n"),
    (["--format", "html", "--template", "{tmp}/missing.html"], "Error: {tmp}/missing.html: cannot read the template ("),
    (
        ["--format", "html", "--template", "{tmp}/broken.html"],
        "Error: {tmp}/broken.html: not a valid template (line 2: ",
    ),
    (
        ["--format", "html", "--template", "{tmp}/filter.html"],
        "Error: {tmp}/filter.html: not a valid template (line 1: No filter",
    ),
    (
        ["--format", "html", "--template", "{tmp}/extends.html"],
        "Error: {tmp}/extends.html: a page template is one file",
    ),
    (
        ["--format", "html", "--template", "{tmp}/empty.html"],
        "Error: {tmp}/empty.html: the template is empty; start from summarizer/render/templates/",
    ),
    (
        ["--format", "html", "--template", "{tmp}/blank.html"],
        "Error: {tmp}/blank.html: the template is empty; start from summarizer/render/templates/",
    ),
    (  # what Windows Notepad saves for an empty file: a byte-order mark and a line end
        ["--format", "html", "--template", "{tmp}/bom.html"],
        "Error: {tmp}/bom.html: the template is empty; start from summarizer/render/templates/",
    ),
]


def write_templates(folder: Path) -> None:
    """A good template (mine.html) and bad ones (broken, an unknown filter, extends, empty, blank, a byte-order
    mark alone) for TEMPLATE_REFUSALS."""
    (folder / "mine.html").write_text("{{ articles|length }}", encoding="utf-8")
    (folder / "broken.html").write_text("<h1>\n{% for a in articles %}{{ a.title }}\n", encoding="utf-8")
    (folder / "filter.html").write_text("{{ articles|nosuchfilter }}", encoding="utf-8")
    (folder / "extends.html").write_text('{% extends "base.html" %}', encoding="utf-8")
    (folder / "empty.html").write_bytes(b"")
    (folder / "blank.html").write_text(" \n\t\n", encoding="utf-8")
    (folder / "bom.html").write_bytes(b"\xef\xbb\xbf\r\n")
