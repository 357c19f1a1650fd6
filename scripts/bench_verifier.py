#!/usr/bin/env python
"""Benchmark the number verifier on the shared corpus (one core).

Prints extraction time per 1,000 words, index_source time per article, and
verifications per second of a ~150-word output against a pre-indexed article and
with the full verify(str, str). Usage: python scripts/bench_verifier.py [--corpus DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from summarizer.numbers import extract_numbers, index_source, verify  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "corpus")
    args = ap.parse_args()
    arts = []
    for name in ("arabic.jsonl", "english.jsonl"):
        for line in open(args.corpus / name, encoding="utf-8"):
            arts.append(json.loads(line)["text"])
    outputs = [" ".join(t.split()[:150]) for t in arts]
    words = sum(len(t.split()) for t in arts)
    t0 = time.perf_counter()
    for t in arts:
        extract_numbers(t)
    ext = time.perf_counter() - t0
    t0 = time.perf_counter()
    idxs = [index_source(t) for t in arts]
    idx_t = time.perf_counter() - t0
    reps = 3
    t0 = time.perf_counter()
    for _ in range(reps):
        for idx, out in zip(idxs, outputs):
            verify(idx, out)
    pre = reps * len(arts) / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    for t, out in zip(arts, outputs):
        verify(t, out)
    full = len(arts) / (time.perf_counter() - t0)
    print(f"articles: {len(arts)}, mean {words / len(arts):.0f} words; outputs: first 150 words")
    print(f"extraction: {1000 * ext / words * 1000:.2f} ms per 1,000 words")
    print(f"index_source: {1000 * idx_t / len(arts):.3f} ms per article")
    print(f"verify(index, output): {pre:,.0f} verifications/s")
    print(f"verify(str, str):      {full:,.0f} verifications/s")


if __name__ == "__main__":
    main()
