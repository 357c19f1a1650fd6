#!/usr/bin/env python
"""Time the extractive engine on 100 KB and 1 MB of short sentences (English and Arabic).

The engine must be linear in the article length: the 1 MB article should take
within 10x the time of the 100 KB one. Prints the best of a few runs of
``summarizer.summarize(text, engine="extractive")`` (splitting, sentence choice,
key figures and verification) and the ratio, in CPU seconds of this process
(time.process_time), so that other work on a shared machine counts less; then
the same with Python's garbage collector paused during each call, which shows the
engine's own growth apart from the collector's (it visits more live objects in a
bigger article). --corpus: instead, the CPU time per article over ../shared/corpus (881 real articles), with
every checker (numbers, dates, quotes, names) and with numbers alone, in alternate passes (the median of --runs).
Usage: python scripts/bench_extractive.py [--runs N] [--corpus]
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from summarizer import summarize

ENGLISH = [
    "The council said {n} people were moved from their homes on {d} March.",
    "Prices rose {p}% in the year to June, the office said.",
    "The new bridge cost £{n}m and took {d} months to build.",
    "Police detained {n} protesters after the march.",
    "Mr. Smith, 54, said the U.S. plan was late.",
]
ARABIC = [
    "وقالت الوزارة إن {n} شخصا نقلوا من منازلهم في {d} مارس.",
    "وارتفعت الأسعار بنسبة {p} في المئة خلال العام، بحسب المكتب.",
    "وبلغت كلفة الجسر {n} مليون دولار واستغرق بناؤه {d} أشهر.",
    "واعتقلت الشرطة {n} متظاهرا بعد المسيرة.",
]


def article(templates: list[str], size: int, seed: int) -> str:
    """Short sentences, five to a paragraph, until the text is ``size`` characters long."""
    rng = random.Random(seed)
    parts: list[str] = []
    length = 0
    while length < size:
        sentence = rng.choice(templates).format(n=rng.randint(2, 99999), d=rng.randint(1, 28), p=rng.randint(1, 90))
        parts.append(sentence + ("\n" if len(parts) % 5 == 4 else " "))
        length += len(parts[-1])
    return "".join(parts)


def timed(text: str, runs: int, collector: bool) -> float:
    times = []
    for _ in range(runs):
        gc.collect()
        if not collector:
            gc.disable()
        started = time.process_time()
        summarize(text, engine="extractive")
        times.append(time.process_time() - started)
        gc.enable()
    return min(times)  # the least disturbed run: the machine may be shared


def corpus_kinds(corpus: Path, runs: int) -> None:
    """CPU time per corpus article with every registered checker, then with numbers alone, in alternate passes."""
    from summarizer.numbers.mentions import CHECKERS
    from summarizer.numbers.names import name_tables, zipf

    name_tables(), zipf("news", "en"), zipf("أخبار", "ar")  # loaded once per process: not an article's cost
    texts = [
        json.loads(line)["text"]
        for name in ("arabic.jsonl", "english.jsonl")
        for line in (corpus / name).read_text(encoding="utf-8").splitlines()
    ]
    registered = dict(CHECKERS)
    summarize(texts[0], engine="extractive")
    times: dict[str, list[float]] = {"every checker": [], "numbers alone": []}
    try:
        for _ in range(runs):
            for label in times:
                CHECKERS.clear()
                if label == "every checker":
                    CHECKERS.update(registered)
                started = time.process_time()
                for text in texts:
                    summarize(text, engine="extractive")
                times[label].append((time.process_time() - started) / len(texts))
    finally:
        CHECKERS.clear()
        CHECKERS.update(registered)
    every, alone = (statistics.median(times[label]) for label in times)
    print(f"corpus ({len(texts)} articles), CPU per article, median of {runs} passes:")
    print(f"  every checker ({', '.join(['number', *registered])}): {1000 * every:.2f} ms")
    print(f"  numbers alone: {1000 * alone:.2f} ms (the other checkers add {100 * (every / alone - 1):.0f}%)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--corpus", action="store_true", help="time the engine per article of ../shared/corpus")
    args = parser.parse_args()
    if args.corpus:
        corpus_kinds(Path(__file__).resolve().parents[1].parent / "shared" / "corpus", args.runs)
        return
    for name, templates in (("English", ENGLISH), ("Arabic", ARABIC)):
        small_text, large_text = article(templates, 100_000, 1), article(templates, 1_000_000, 2)
        for collector in (True, False):
            small = timed(small_text, args.runs, collector)
            large = timed(large_text, args.runs, collector)
            print(
                f"{name}{'' if collector else ', collector paused'}: 100 KB {small:.2f} s CPU, "
                f"1 MB {large:.2f} s CPU, ratio {large / small:.1f}x (target: within 10x)"
            )


if __name__ == "__main__":
    main()
