#!/usr/bin/env python
"""Fuzz splitting, number extraction, verification and the extractive engine on arbitrary Unicode.

    python scripts/fuzz_pipeline.py --minutes 10 [--seed 1]

Each case is random text built from pieces that stress the parsers (Arabic and English number
words, digits in three scripts, separators, scale words, percent signs, diacritics, tatweel,
zero-width and bidi characters, lone surrogates, noncharacters, control characters, any code
point) mixed with corpus sentences from ../shared/corpus when it is there. For each case it
checks that nothing raises and that every offset the tool reports points at the text it names.
At the end it times the whole extractive run on 100 KB and 1 MB of fuzz text (the ratio should
be near 10, linear) and prints the counts. Exits 1 on the first failure, with the case saved to
/tmp/fuzz-failure.txt.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from summarizer.articles import split_articles
from summarizer.engines.extractive import summarize_article
from summarizer.numbers import extract_numbers, index_source, verify

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
PIECES = [
    "ثلاثة وعشرون ألفا ومئتان وخمسون",
    "خمسة وثلاثون ألفا وثمانمئة",
    "37 ألفا",
    "ملياري دولار",
    "نصف مليون",
    "بين 10 و15",
    "في المئة",
    "٪",
    "%",
    "٣٥٬٨٠٠٫٥",
    "۱۲۳",
    "1,234.56",
    "35.8 thousand",
    "£515m",
    "$3.5bn",
    "two hundred and fifty-two",
    "11½ hours",
    "24-year-old",
    "10-15",
    "F-16",
    "COVID-19",
    "3:30 pm",
    "السابع من أكتوبر",
    "الساعة الثالثة",
    "آل ثاني",
    "و23",
    "لـ12",
    "الـ12",
    "Mr.",
    "U.S.",
    "p.m.",
    "3.5",
    ".",
    "؟",
    "،",
    "؛",
    "!",
    "…",
    "\n",
    "\n\n",
    "=====",
    "\f",
    "صورة أرشيفية",
    "Getty Images",
    "\u0640" * 5,
    "\u064e\u0650",
    "\u200b",
    "\u200d",
    "\u202e",
    "\u2066",
    "\ufeff",
    "\ud800",
    "\udfff",
    "\ufdd0",
    "\uffff",
    "\U0010fffe",
    "\x00",
    "\x1b[31m",
    "<script>alert(1)</script>",
    '{"text": 1}',
]


def random_text(rng: random.Random, size: int, corpus: list[str]) -> str:
    parts: list[str] = []
    length = 0
    while length < size:
        roll = rng.random()
        if roll < 0.45:
            part = rng.choice(PIECES)
        elif roll < 0.65 and corpus:
            text = rng.choice(corpus)
            start = rng.randrange(max(1, len(text) - 200))
            part = text[start : start + rng.randint(1, 200)]
        elif roll < 0.85:
            part = "".join(
                chr(rng.choice([rng.randint(0x20, 0x7E), rng.randint(0x600, 0x6FF)])) for _ in range(rng.randint(1, 12))
            )
        else:
            part = "".join(chr(rng.randint(0, 0x10FFFF)) for _ in range(rng.randint(1, 4)))
        parts.append(part + rng.choice([" ", "", " ", "\n", ". "]))
        length += len(parts[-1])
    return "".join(parts)[:size]


def check_case(text: str) -> None:
    for mention in extract_numbers(text):
        assert text[mention.start : mention.end] == mention.text, mention
    articles = split_articles(text) if text.strip() else []
    for article in articles:
        for sentence in article.sentences:
            assert article.text[sentence.start : sentence.end] == sentence.text, sentence
        result = summarize_article(article, ("en", "ar"))
        json.dumps(result.to_dict(), ensure_ascii=False)
        for figure in result.key_figures:
            if figure.start is not None:
                assert text[figure.start : figure.end] == figure.quote, figure
            if figure.number_start is not None:
                assert text[figure.number_start : figure.number_end] == figure.text, figure
        for summary in result.summaries.values():
            for sentence in summary.sentences if summary else []:
                if sentence.start is not None:
                    assert text[sentence.start : sentence.end] == sentence.text, sentence
    half = len(text) // 2
    report = verify(index_source(text[:half]), text[half:])
    for support in report.supported:
        assert text[half:][support.output.start : support.output.end] == support.output.text


def load_corpus() -> list[str]:
    texts: list[str] = []
    for name in ("arabic.jsonl", "english.jsonl"):
        path = CORPUS / name
        if path.exists():
            texts += [
                json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
            ]
    return texts


def linearity(rng: random.Random, corpus: list[str]) -> tuple[float, float]:
    big = random_text(rng, 1_000_000, corpus)
    timings = []
    for text in (big[:100_000], big):
        start = time.process_time()
        for article in split_articles(text):
            summarize_article(article, ("en", "ar"))
        timings.append(time.process_time() - start)
    return timings[0], timings[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    corpus = load_corpus()
    deadline = time.monotonic() + args.minutes * 60
    cases = characters = 0
    while time.monotonic() < deadline:
        text = random_text(rng, rng.choice([10, 100, 1_000, 5_000, 20_000]), corpus)
        try:
            check_case(text)
        except Exception:  # noqa: BLE001  any failure is the finding: the case is saved and the run stops
            Path("/tmp/fuzz-failure.txt").write_text(json.dumps(text, ensure_ascii=True), encoding="utf-8")
            traceback.print_exc()
            print(f"FAILED after {cases} cases; the case (as JSON) is in /tmp/fuzz-failure.txt")
            sys.exit(1)
        cases += 1
        characters += len(text)
    small, large = linearity(rng, corpus)
    print(f"{cases} cases, {characters:,} characters, {args.minutes:g} minutes, seed {args.seed}: no failure")
    print(f"extractive run on fuzz text: 100 KB {small:.2f} s CPU, 1 MB {large:.2f} s CPU, ratio {large / small:.1f}x")


if __name__ == "__main__":
    main()
