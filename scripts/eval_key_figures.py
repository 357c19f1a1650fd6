#!/usr/bin/env python
"""What an editor finds in the extractive engine's key-figure tables, over the whole corpus and the seed.

Counts, over every row shown:
- rows with no label in either language;
- fragment labels: a label that ends in a function word ("pensioners including", "went"), a single
  letter ("p"), or one Arabic word of two letters that is no unit of the lexicon ("كم" and "طن" are
  units, "سي" is not);
- repeated rows: the same value and the same label (case-folded, or none) twice in one article;
- figures inside names: digits written right after a capitalised word inside their sentence
  ("Schalke 04", "Hanover 96", "Radio 4", "Euro 2016"), or with a leading zero after one;
- the seed's largest figure (37 ألفا) and whether it is labelled.
Usage: python scripts/eval_key_figures.py [--corpus DIR] [--show N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from summarizer import summarize
from summarizer.engines.extractive import FUNCTION_WORDS
from summarizer.numbers.counted import AR_FORMS
from summarizer.numbers.folding import fold

_NAME_NUMBER = re.compile(r"\b([A-Z][\w'’-]*|No\.?) $")
_PHRASE_STARTS = {"The", "A", "An", "Some", "Only", "Nearly", "About", "Around", "Almost", "Over", "Under", "At"}


def is_fragment(label: str) -> bool:
    words = label.split()
    if not words:
        return False
    last = words[-1].casefold().strip(".,;:")
    arabic_short = len(words) == 1 and len(last) <= 2 and "\u0600" <= last[0] <= "\u06ff"
    return len(label.strip()) <= 1 or last in FUNCTION_WORDS or (arabic_short and fold(last) not in AR_FORMS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--show", type=int, default=0, help="print up to N examples of each problem")
    args = parser.parse_args()
    texts: list[tuple[str, str]] = []
    for name in ("arabic.jsonl", "english.jsonl"):
        with (args.corpus / name).open(encoding="utf-8") as lines:
            texts += [(row["id"], row["text"]) for row in map(json.loads, lines)]
    seed = args.corpus.parent / "seed" / "article-ar-two-stories.txt"
    texts.append(("seed", seed.read_text(encoding="utf-8")))
    counts: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}

    def problem(kind: str, example: str) -> None:
        counts[kind] += 1
        if len(examples.setdefault(kind, [])) < args.show:
            examples[kind].append(example)

    seed_labelled = None
    for article_id, text in texts:
        for article in summarize(text, engine="extractive").articles:
            seen: Counter[tuple[object, str]] = Counter()
            for figure in article.key_figures:
                counts["rows"] += 1
                labels = [label for label in figure.label.values() if label]
                if not labels:
                    problem("no label", f"{article_id}: {figure.text!r} in {figure.quote[:120]!r}")
                for label in labels:
                    if is_fragment(label):
                        problem("fragment label", f"{article_id}: {figure.text!r} -> {label!r}")
                key = (figure.value, (labels[0] if labels else "").casefold())
                seen[key] += 1
                if seen[key] >= 2:  # an unlabelled value shown twice is a repeat too ("56", Mason's age)
                    problem("repeated row", f"{article_id}: {figure.text!r} {labels[:1]}")
                offset = figure.number_start - figure.start
                name = _NAME_NUMBER.search(figure.quote, max(0, offset - 24), offset)
                inside = name is not None and (name.start() > 0 or figure.text[:1] == "0")
                if inside and figure.text.strip().isdigit() and name.group(1) not in _PHRASE_STARTS:
                    problem("figure inside a name", f"{article_id}: {name.group(1)} {figure.text}")
                if article_id == "seed" and "37 ألف" in figure.text:
                    seed_labelled = labels
    rows = counts["rows"] or 1
    print(f"articles: {len(texts)}, key-figure rows: {counts['rows']}")
    for kind in ("no label", "fragment label", "repeated row", "figure inside a name"):
        print(f"{kind:<22}{counts[kind]:>6}  {100 * counts[kind] / rows:5.1f}%")
        for example in examples.get(kind, []):
            print("    " + example)
    print(f"seed 37 ألفا labelled: {seed_labelled if seed_labelled else 'no'}")
    sys.exit(0)


if __name__ == "__main__":
    main()
