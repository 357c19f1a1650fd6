#!/usr/bin/env python
"""Time the extractive engine on 100 KB and 1 MB of short sentences (English and Arabic).

The engine must be linear in the article length: the 1 MB article should take
within 10x the time of the 100 KB one. Prints the best of a few runs of
``summarizer.summarize(text, engine="extractive")`` (splitting, sentence choice,
key figures and verification) and the ratio, in CPU seconds of this process
(time.process_time), so that other work on a shared machine counts less; then
the same with Python's garbage collector paused during each call, which shows the
engine's own growth apart from the collector's (it visits more live objects in a
bigger article). Usage: python scripts/bench_extractive.py [--runs N]
"""

from __future__ import annotations

import argparse
import gc
import random
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
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
