"""--dry-run (tokens and cost, no model call) and the map-reduce path for long articles."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, ScriptedBackend

from summarizer import estimate, summarize
from summarizer.cli import cli
from summarizer.pricing import load_prices

PARAGRAPH = (
    "In district {n}, the council counted {count} new homes this year. "
    "Officials said the district's school took {pupils} more pupils, and its clinic opened on a Monday."
)
LONG = "\n\n".join(PARAGRAPH.format(n=n, count=100 + n, pupils=20 + n) for n in range(1, 61))


def test_dry_run_reports_tokens_and_cost_without_a_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-never-used")
    result = CliRunner().invoke(
        cli, ["summarize", str(EXAMPLES / "harbour-en.txt"), "--dry-run", "--format", "json"], catch_exceptions=False
    )
    assert result.exit_code == 0
    (row,) = json.loads(result.stdout)["articles"]
    assert row["calls"] == 1 and row["model"] == "gpt-5-mini"
    assert 0 < row["prompt_overhead_tokens"] <= 600
    assert row["input_tokens"] == row["article_tokens"] + row["prompt_overhead_tokens"]
    price = load_prices().models["gpt-5-mini"]
    expected = (row["input_tokens"] * price.input + row["max_output_tokens"] * price.output) / 1_000_000
    assert row["estimated_cost"] == pytest.approx(expected)


def test_dry_run_markdown_table() -> None:
    result = CliRunner().invoke(cli, ["summarize", str(EXAMPLES / "water-ar.txt"), "--dry-run"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith("| article | input tokens | prompt overhead |")


def test_unknown_model_has_no_cost() -> None:
    (row,) = estimate((EXAMPLES / "harbour-en.txt").read_text(encoding="utf-8"), model="local-gemma")
    assert row["estimated_cost"] is None


def test_long_article_is_mapped_then_reduced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZER_CONTEXT_WINDOW", "1800")
    monkeypatch.setenv("SUMMARIZER_MAX_OUTPUT_TOKENS", "300")
    (row,) = estimate(LONG, model="local-model")
    parts = row["calls"] - 1
    assert parts >= 2

    def partial(n: int) -> dict:
        sentence = f"District {n} counted {100 + n} new homes."
        return {
            "summary_en": [{"text": sentence, "sources": [2 * n - 1]}],
            "summary_ar": [{"text": f"أحصت المنطقة {n} عدد {100 + n} منزلا جديدا.", "sources": [2 * n - 1]}],
            "key_figures": [],
        }

    merged = {
        "summary_en": [{"text": "District 1 counted 101 new homes and district 60 counted 160.", "sources": [1, 119]}],
        "summary_ar": [{"text": "أحصت المنطقة 1 عدد 101 منزلا والمنطقة 60 عدد 160.", "sources": [1, 119]}],
        "key_figures": [
            {
                "number": "160",
                "quote": "the council counted 160 new homes",
                "label_en": "homes",
                "label_ar": "منازل",
                "sentence": 119,
            }
        ],
    }
    backend = ScriptedBackend([partial(n) for n in range(1, parts + 1)] + [merged], model="local-model")
    result = summarize(LONG, backend=backend)
    article = result.articles[0]
    assert len(backend.requests) == parts + 1
    # each part shows only its own sentences, numbered as in the whole article
    assert "\n1 In district 1," in backend.requests[0][1]["content"]
    assert "\n1 In district 1," not in backend.requests[1][1]["content"]
    assert backend.requests[-1][1]["content"].startswith("The article was too long for one request")
    assert article.verification.ok  # checked against the full article, not a part
    figure = article.key_figures[0]
    assert LONG[figure.start : figure.end] == "the council counted 160 new homes"
    assert any("summarized in" in note for note in article.notes)
    assert article.usage.calls == parts + 1
