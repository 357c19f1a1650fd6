"""The verifier on real news: self-verification and digit coverage."""

from __future__ import annotations

import bisect
import json
import re
from pathlib import Path

import pytest

from summarizer.numbers import extract_numbers, index_source, verify

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
DIGITS = re.compile(r"[0-9٠-٩۰-۹]+")

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not CORPUS.is_dir(), reason=f"corpus not found at {CORPUS} (../shared/corpus)"),
]


def _articles(name: str) -> list[dict]:
    with open(CORPUS / name, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.mark.parametrize("name", ["arabic.jsonl", "english.jsonl"])
def test_every_article_verifies_against_itself(name: str) -> None:
    bad = []
    for row in _articles(name):
        text = row["text"]
        idx = index_source(text)
        if not verify(idx, text).ok:
            bad.append(row["id"])
    assert bad == []


@pytest.mark.parametrize("name", ["arabic.jsonl", "english.jsonl"])
def test_every_digit_run_is_inside_a_mention(name: str) -> None:
    missing = []
    for row in _articles(name):
        text = row["text"]
        ms = extract_numbers(text)
        starts = [m.start for m in ms]
        for d in DIGITS.finditer(text):
            k = bisect.bisect_right(starts, d.start()) - 1
            if k < 0 or not (ms[k].start <= d.start() and d.end() <= ms[k].end):
                missing.append((row["id"], text[max(0, d.start() - 20) : d.end() + 20]))
        for m in ms:
            assert text[m.start : m.end] == m.text
    assert missing == []
