#!/usr/bin/env python
"""Names in translations (summarizer.engines.model.translate.number_check): false alarms and catches, fixed seed.

There is no offline translator, so a model's translations cannot be measured here. What is measured:
* self: every paragraph of the corpus (../shared/corpus/{english,arabic}.jsonl) checked against itself, names
  compared: a name difference is a false alarm of the name reading itself;
* faithful: hand-made Arabic/English paragraph pairs (tests/data/translation_name_pairs*.json, written for
  this project; see PAIR_SETS for which were tuned on), each checked as a translation both ways (Arabic
  source, English translation, and the reverse): a name listed as added or dropped is a false alarm;
* swap: all the pairs with one name of the translation that the check links to the source replaced by a name
  of another pair: caught when the paragraph is flagged for it (the new name listed as added, or a name of
  the source as dropped); how many were listed both ways is printed too.
Usage: python scripts/eval_translation_names.py [--corpus DIR] [--seed N] [--show]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from summarizer.articles import split_paragraphs
from summarizer.engines.model.translate import DROPPED, _differences, number_check
from summarizer.numbers import verify
from summarizer.numbers.mentions import CheckContext

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
# written for this project, in this order: the rules were tuned on the first; the second was written to check
# them and then showed the rules for names translated by meaning and for adjectives ("المصري" Egyptian), so it
# is no longer held out; the third was written after the last change and has not been tuned on
PAIR_SETS = {
    "tuned": DATA / "translation_name_pairs.json",
    "tuned 2": DATA / "translation_name_pairs_heldout.json",
    "held out": DATA / "translation_name_pairs_fresh.json",
}


def name_differences(source: str, translation: str) -> list[tuple[str, str]]:
    check = number_check(source, translation)
    return [(d.text, d.reason) for d in check.added + check.dropped if d.mention == "name"]


def linked_names(source: str, translation: str) -> list[str]:
    """The translation's names that the check links to the source paragraph (as written)."""
    report = verify(source, translation, CheckContext(parallel=True))
    return [f.mention.text for f in report.findings if f.mention.kind == "name" and f.supported]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--seed", type=int, default=24)
    ap.add_argument("--show", action="store_true", help="print each false alarm and miss")
    args = ap.parse_args()
    rng = random.Random(args.seed)

    paragraphs = alarms = 0
    started = time.perf_counter()
    for language in ("english", "arabic"):
        with open(args.corpus / f"{language}.jsonl", encoding="utf-8") as lines:
            for line in lines:
                for paragraph in split_paragraphs(json.loads(line)["text"]):
                    paragraphs += 1
                    found = [d for d in _differences(paragraph.text, paragraph.text, DROPPED) if d.mention == "name"]
                    alarms += bool(found)
                    if found and args.show:
                        print(f"  self false alarm: {[d.text for d in found]}")
    took = time.perf_counter() - started
    print(
        f"self (corpus paragraphs)  false alarms {alarms:4d} of {paragraphs:5d} = {100 * alarms / paragraphs:5.1f}%"
        f"  ({took:.1f} s)"
    )

    pairs = []
    for label, path in PAIR_SETS.items():
        these = json.loads(path.read_text(encoding="utf-8"))
        pairs += these
        for case in ("ar->en", "en->ar"):
            checks = [(p["ar"], p["en"]) if case == "ar->en" else (p["en"], p["ar"]) for p in these]
            flagged = 0
            for source, translation in checks:
                found = name_differences(source, translation)
                flagged += bool(found)
                if found and args.show:
                    print(f"  faithful false alarm ({label}, {case}): {found}  <- {source[:50]}")
            rate = 100 * flagged / len(checks)
            print(f"faithful {label:8s} {case}  false alarms {flagged:4d} of {len(checks):5d} = {rate:5.1f}%")
    directions = [(p["ar"], p["en"], "ar->en") for p in pairs] + [(p["en"], p["ar"], "en->ar") for p in pairs]
    for case in ("ar->en", "en->ar"):
        checks = [(s, t) for s, t, c in directions if c == case]
        pool = [(k, name) for k, (s, t) in enumerate(checks) for name in linked_names(s, t)]
        caught = both = tried = 0
        for k, (source, translation) in enumerate(checks):
            own = linked_names(source, translation)
            if not own:
                continue
            name = rng.choice(own)
            others = [n for j, n in pool if j != k and n not in translation and n not in source]
            other = rng.choice(others)
            swapped = translation.replace(name, other, 1)
            check = number_check(source, swapped)
            added = [d.text for d in check.added if d.mention == "name"]
            dropped = [d.text for d in check.dropped if d.mention == "name"]
            tried += 1
            hit = other in added or bool(dropped)  # the paragraph is flagged for the swap
            caught += hit
            both += other in added and bool(dropped)
            if not hit and args.show:
                print(f"  missed swap ({case}): {name} -> {other}: added {added}, dropped {dropped}")
        print(
            f"swap {case}               caught       {caught:4d} of {tried:5d} = {100 * caught / tried:5.1f}%"
            f"  (listed both as added and dropped: {both})"
        )


if __name__ == "__main__":
    main()
