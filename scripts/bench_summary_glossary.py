#!/usr/bin/env python
"""What the user's glossary costs the summary checks, and what building its name table once per article saves.

Runs the offline extractive engine (splitting, sentence choice, key figures and every check) over articles of
../shared/corpus (a fixed-seed sample, Arabic and English), in three modes, alternated article by article so that
other work on the machine weighs on each alike:

* ``none``: no glossary;
* ``glossary``: a glossary of --terms name pairs drawn from the shipped name tables (fixed seed; real names, so
  that articles hold some of them), as ``summarize --glossary`` gives it: read once, each article's terms found
  once, the name checker's table built once per article;
* ``per call``: the same, with the table built on every verify call (what reading it from each call's context
  would cost; the design this replaced);
* ``whole``: every verify call given the whole glossary and building its table (the naive design: the glossary
  as the checks' input, not the terms the article holds).

Prints the CPU time per article (median and mean, ms, of this process: time.process_time), the verify calls and
table builds per article, the glossary terms an article holds, and whether the two glossary modes give the same
results. Usage: python scripts/bench_summary_glossary.py [--articles N] [--terms N]   (defaults 50 and 5,000)
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import summarizer.numbers.names as names
import summarizer.summary_checks as summary_checks
from summarizer import summarize
from summarizer.glossary import Glossary, Term
from summarizer.languages import detect_language

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SEED = 24


def sample(count: int) -> list[str]:
    rows = []
    for name in ("arabic.jsonl", "english.jsonl"):
        with (CORPUS / name).open(encoding="utf-8") as handle:
            rows += [json.loads(line)["text"] for line in handle]
    return random.Random(SEED).sample(rows, min(count, len(rows)))


def name_glossary(count: int) -> Glossary:
    tables = names.name_tables()
    pairs = sorted((english, arabic) for english, forms in tables.en_to_ar.items() for arabic in forms[:1])
    chosen = random.Random(SEED).sample(pairs, min(count, len(pairs)))
    return Glossary(tuple(Term(arabic, english) for english, arabic in chosen))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=50)
    parser.add_argument("--terms", type=int, default=5000)
    options = parser.parse_args()
    texts = sample(options.articles)
    glossary = name_glossary(options.terms)
    glossary.oriented("en").found_in("")  # the run's one-off work: both orientations indexed, as a run does once
    glossary.oriented("ar").found_in("")
    names.name_tables()
    summarize(texts[0], engine="extractive")  # warm up: the tables and word lists load once

    builds = 0
    build_table = names._glossary_table

    def counting(pairs: Any) -> dict[str, list[str]]:
        nonlocal builds
        builds += 1
        return build_table(pairs)

    names._glossary_table = counting  # type: ignore[assignment]
    calls = 0
    verify = summary_checks.verify

    def counting_verify(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        return verify(*args, **kwargs)

    summary_checks.verify = counting_verify  # type: ignore[assignment]
    cached = names._glossary

    def per_call(context: Any) -> dict[str, list[str]]:
        return counting(context.glossary) if context.glossary else {}

    everything = [(term.source, term.target) for term in glossary.terms]

    def whole(context: Any) -> dict[str, list[str]]:
        return counting(everything)

    patched = {"per call": per_call, "whole": whole}
    times: dict[str, list[float]] = {"none": [], "glossary": [], "per call": [], "whole": []}
    counts: dict[str, list[int]] = {"glossary": [], "per call": [], "whole": []}
    verify_calls: list[int] = []
    differ = differ_whole = 0
    for text in texts:
        results = {}
        for mode in times:
            names._glossary = patched.get(mode, cached)  # type: ignore[assignment]
            builds = calls = 0
            names._GLOSSARY_TABLES.clear()
            started = time.process_time()
            result = summarize(text, engine="extractive", glossary=None if mode == "none" else glossary)
            times[mode].append((time.process_time() - started) * 1000)
            results[mode] = result.to_dict()
            if mode != "none":
                counts[mode].append(builds)
            if mode == "glossary":
                verify_calls.append(calls)
        differ += results["glossary"] != results["per call"]
        differ_whole += results["glossary"] != results["whole"]
    names._glossary = cached  # type: ignore[assignment]
    terms = [len(glossary.across(text, detect_language(text))) for text in texts]
    print(f"{len(texts)} corpus articles (seed {SEED}), a glossary of {len(glossary.terms):,} name-table pairs")
    print(f"glossary terms an article holds: median {statistics.median(terms):.0f}, max {max(terms)}")
    print(f"verify calls per article: median {statistics.median(verify_calls):.0f}, max {max(verify_calls)}")
    for mode, values in times.items():
        line = f"{mode:>9}: {statistics.median(values):7.1f} ms median, {statistics.mean(values):7.1f} ms mean CPU"
        if mode in counts:
            line += f"; name tables built per article: median {statistics.median(counts[mode]):.0f}"
        print(line)
    print(f"articles whose results differ from 'glossary': 'per call' {differ}, 'whole' {differ_whole}")


if __name__ == "__main__":
    main()
