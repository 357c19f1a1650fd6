#!/usr/bin/env python
"""Benchmark the number verifier on the shared corpus (one core).

Prints extraction time per 1,000 words, index_source time per article, and
verifications per second of a ~150-word output against a pre-indexed article (fresh indexes each run, their
numbers read before the timing) and
with the full verify(str, str), and the time to extract a 1 MB adversarial input;
each figure is the median of --runs runs (wall time; --cpu: this process's CPU time, steadier on a shared
machine). Then the first load of the name tables and of wordfreq's lists; --without KIND leaves a checker out,
to compare; --kinds prints what each kind adds (per output and per checked mention), numbers alone first.
Usage: python scripts/bench_verifier.py [--corpus DIR] [--runs N] [--cpu] [--without name] [--kinds]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from summarizer.numbers import extract_numbers, index_source, verify
from summarizer.numbers.mentions import CHECKERS
from summarizer.numbers.names import name_tables, zipf


def memo_caches() -> list:
    """The verifier's bounded memo caches (word folds, a name run's reading, date conversions): cleared before each
    timed run, so that a run does not find the outputs of the runs before it already read (as no real output is)."""
    import importlib
    import pkgutil

    import summarizer.numbers as package

    found = []
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"summarizer.numbers.{info.name}")
        for value in vars(module).values():
            info_of = getattr(value, "cache_info", None)
            if callable(info_of) and info_of().maxsize is not None:  # a bounded cache: not a table built once
                found.append(value)
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "corpus")
    ap.add_argument("--runs", type=int, default=5, help="runs per figure (the median is printed)")
    ap.add_argument("--without", action="append", default=[], help="unregister this checker kind (name, quote, date)")
    ap.add_argument(
        "--cpu", action="store_true", help="time CPU time of this process (steadier on a shared machine), not wall time"
    )
    ap.add_argument(
        "--kinds",
        action="store_true",
        help="also print the cost each checker kind adds, per output and per mention it checks (numbers alone first)",
    )
    args = ap.parse_args()
    for kind in args.without:
        CHECKERS.pop(kind)
    name_tables.cache_clear()
    t0 = time.perf_counter()
    name_tables()
    tables_t = time.perf_counter() - t0
    t0 = time.perf_counter()
    zipf("news", "en"), zipf("أخبار", "ar")
    wordfreq_t = time.perf_counter() - t0
    arts = []
    for name in ("arabic.jsonl", "english.jsonl"):
        with open(args.corpus / name, encoding="utf-8") as lines:
            for line in lines:
                arts.append(json.loads(line)["text"])
    outputs = [" ".join(t.split()[:150]) for t in arts]
    words = sum(len(t.split()) for t in arts)
    runs = args.runs

    clock = time.process_time if args.cpu else time.perf_counter
    caches = memo_caches()

    def forget() -> None:
        for cache in caches:
            cache.cache_clear()

    def timed(fn) -> float:
        """Median time (wall, or CPU with --cpu) of ``runs`` calls of fn()."""
        ts = []
        for _ in range(runs):
            forget()
            t0 = clock()
            fn()
            ts.append(clock() - t0)
        return statistics.median(ts)

    ext = timed(lambda: [extract_numbers(t) for t in arts])
    # an index reads its text on first need: .mentions makes it read here, as index_source used to
    idx_t = timed(lambda: [index_source(t).mentions for t in arts])

    def verify_indexed() -> float:
        """One run of verify against fresh indexes, already read (what each checker builds from an index
        on first use, and keeps, is built inside the run, as it is for a new article)."""
        idxs = [index_source(t) for t in arts]
        for idx in idxs:
            idx.mentions  # noqa: B018  (read the text now, outside the timing)
        forget()
        t0 = clock()
        for idx, output in zip(idxs, outputs, strict=True):
            verify(idx, output)
        return clock() - t0

    def verify_strings() -> float:
        """One run of verify(str, str) over every article and its output."""
        forget()
        t0 = clock()
        for text, output in zip(arts, outputs, strict=True):
            verify(text, output)
        return clock() - t0

    pre = len(arts) / statistics.median(verify_indexed() for _ in range(runs))
    full = len(arts) / statistics.median(verify_strings() for _ in range(runs))
    kind_rows = per_kind(arts, outputs, verify_indexed, verify_strings, runs) if args.kinds else []
    # the 1 MB adversarial input of tests/test_numbers_properties.py
    pieces = [
        "1,2,3.4.5 ",
        "٣٥٬٨٠٠٫٥ ",
        "ثلاثة وعشرون ألفا ومئتان وخمسون ",
        "و" * 50 + " ",
        "9" * 60 + " ",
        "twenty-one hundred and ",
        "\u064e\u0640" * 20,
        "%٪:-" * 10,
        "𝟘ß∂ƒ© ",
    ]
    adv = ("".join(pieces) * (1_000_000 // len("".join(pieces)) + 1))[:1_000_000]
    adv_t = timed(lambda: extract_numbers(adv))
    print(
        f"articles: {len(arts)}, mean {words / len(arts):.0f} words; outputs: first 150 words; median of {runs} runs"
        + (" (CPU time)" if args.cpu else "")
    )
    print(f"extraction: {1000 * ext / words * 1000:.2f} ms per 1,000 words")
    print(f"index_source: {1000 * idx_t / len(arts):.3f} ms per article")
    print(f"verify(index, output): {pre:,.0f} verifications/s")
    print(f"verify(str, str):      {full:,.0f} verifications/s")
    print(f"1 MB adversarial input: {adv_t:.3f} s")
    print(f"checkers: {', '.join(CHECKERS)}")
    for row in kind_rows:
        print(row)
    print(
        f"name tables, first load: {1000 * tables_t:.0f} ms; wordfreq en+ar lists, first use: {1000 * wordfreq_t:.0f} ms"
    )


def per_kind(arts: list[str], outputs: list[str], verify_indexed, verify_strings, runs: int) -> list[str]:
    """Rows: the time per output of numbers alone, then what each registered kind adds in turn, against a fresh
    index and from two strings, with the mentions of that kind per output and the added time per mention.

    The configurations (numbers alone, + the first kind, + the second ...) are timed in turn within each of the
    ``runs`` rounds, so that a slower minute of a shared machine falls on all of them alike."""
    registered = dict(CHECKERS)
    kinds = ["number", *registered]
    counts: dict[str, int] = dict.fromkeys(kinds, 0)
    for text, output in zip(arts, outputs, strict=True):
        report = verify(text, output)
        counts["number"] += len(report.supported) + len(report.unsupported)
        for finding in report.findings:
            counts[finding.mention.kind] += 1
    times: list[tuple[list[float], list[float]]] = [([], []) for _ in kinds]
    try:
        for _ in range(runs):
            for k in range(len(kinds)):
                CHECKERS.clear()
                CHECKERS.update({name: spec for name, spec in registered.items() if name in kinds[1 : k + 1]})
                times[k][0].append(verify_indexed())
                times[k][1].append(verify_strings())
    finally:
        CHECKERS.clear()
        CHECKERS.update(registered)
    rows = ["kind      mentions/output  against an index (us/output, us/mention)  from two strings (us/output)"]
    before = (0.0, 0.0)
    for k, kind in enumerate(kinds):
        pre, full = (1e6 * statistics.median(t) / len(arts) for t in times[k])
        per = counts[kind] / len(arts)
        added, added_full = pre - before[0], full - before[1]
        rows.append(
            f"{'+ ' if k else ''}{kind:8s}{per:8.1f}         {added:8.0f} us, {added / per if per else 0:5.0f} us"
            f"                     {added_full:8.0f} us"
        )
        before = (pre, full)
    return rows


if __name__ == "__main__":
    main()
