#!/usr/bin/env python
"""Evaluate date and quote checking on the shared corpus (fixed seed), like scripts/eval_counted.py.

From real sentences of ../shared/corpus/ build outputs that must verify clean (cases "f:...": a false
alarm when flagged; "t:..." translated quotes: a false alarm when flagged or not marked translated)
and outputs that must be flagged (cases "c:...": a miss when not flagged), in both languages and across
them, and check each against its article as ``summarizer verify`` does. Prints, per case, how many
outputs were built, the false-alarm or catch rate, and how many alterations were excluded because the
article itself holds them. The goal: at least 95% caught and at most 1% false alarms in every case.

Each kind of mention adds its cases as a group (``GROUPS``): quotes in scripts/eval_quote_cases.py.
--show CASE prints each wrong result of a case (output and reason).
Usage: python scripts/eval_dates_quotes.py [--corpus DIR] [--per-article N] [--seed S] [--only GROUP] [--show CASE]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_quote_cases import Case, quote_cases, translated_cases

from summarizer.numbers import SourceIndex, index_source, verify
from summarizer.numbers.quotes import QuoteIndex, check_quotes


def judge(case: Case, idx: SourceIndex, quotes: QuoteIndex) -> tuple[bool, bool, str]:
    """Whether ``case``'s mentions of its kind are flagged, whether a quote is marked translated, and why.

    Only the case's own kind is judged: a run of words cut from a sentence may cut a number from
    what it counts, which scripts/eval_verifier.py and eval_counted.py measure, not this.
    """
    reasons: list[str] = []
    translated = False
    if case.kind == "quote":
        for check in check_quotes(quotes, case.output):
            if check.state == "unsupported":
                reasons.append(check.reason)
            translated |= check.translated
    else:
        report = verify(idx, case.output)
        reasons = [report.reason(i) for i in range(len(report.unsupported))]
    return bool(reasons), translated, "; ".join(reasons)


Generator = Callable[[str, str, random.Random, int, QuoteIndex], Iterator["Case | tuple[str, None]"]]
GROUPS: dict[str, Generator] = {"quotes": quote_cases}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "corpus")
    ap.add_argument("--per-article", type=int, default=3)
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--only", choices=sorted(GROUPS), action="append", default=[], help="run only this group")
    ap.add_argument("--show", metavar="CASE", action="append", default=[], help="print each wrong result of CASE")
    args = ap.parse_args()
    groups = {name: GROUPS[name] for name in (args.only or GROUPS)}
    stats: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # n, wrong, excluded
    began = time.perf_counter()

    def record(case: Case, idx: SourceIndex, quotes: QuoteIndex) -> None:
        flagged, translated, reasons = judge(case, idx, quotes)
        wrong = (not flagged) if case.altered else flagged or (case.name.startswith("t:") and not translated)
        stats[case.name][0] += 1
        stats[case.name][1] += wrong
        if wrong and case.name in args.show:
            print(f"{case.name}\n  output: {case.output!r}\n  reason: {reasons or '-'}\n")

    articles = {
        lang: [json.loads(line)["text"] for line in (args.corpus / name).read_text(encoding="utf-8").splitlines()]
        for name, lang in (("arabic.jsonl", "ar"), ("english.jsonl", "en"))
    }
    for group, generate in groups.items():
        rng = random.Random(f"{args.seed}:{group}")
        for lang, texts in articles.items():
            other = "en" if lang == "ar" else "ar"
            for text in texts:
                idx = index_source(text)
                quotes = QuoteIndex(text)
                for case in generate(text, lang, rng, args.per_article, quotes):
                    if isinstance(case, Case):
                        record(case, idx, quotes)
                    else:
                        stats[case[0]][2] += 1
                if group == "quotes":  # a quote of an article in the other language, as a translation
                    for case in translated_cases(lang, rng.choice(articles[other]), rng):
                        record(case, idx, quotes)
    print(f"{'case':24} {'n':>6} {'metric':12} {'rate':>8} {'excluded':>9}")
    for case in sorted(stats, key=lambda k: (k[0] == "c", k)):
        n, wrong, excluded = stats[case]
        faithful = not case.startswith("c:")
        rate = (wrong / n if faithful else 1 - wrong / n) if n else 0.0
        print(f"{case:24} {n:6} {'false_alarm' if faithful else 'catch':12} {rate:8.2%} {excluded:9}")
    print(f"({time.perf_counter() - began:.1f} s)")


if __name__ == "__main__":
    main()
