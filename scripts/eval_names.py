#!/usr/bin/env python
"""Corpus measure of the name checker (summarizer.numbers.names), with a fixed seed.

For each corpus article (../shared/corpus/{english,arabic}.jsonl) one of its names is drawn and written
into a one-sentence output ("X said the talks would continue." / "وقال X إن المحادثات ستستمر."):
* own: the article's own name (same script): a flag is a false alarm;
* swap: a name drawn from another article that this article does not hold: a flag is a catch;
* cross own: the article's own name in the other script (English for an Arabic article through the name
  tables, and the reverse): "needs review" or "unsupported" is a false alarm;
* cross swap: another article's name in the other script: "needs review" or "unsupported" is a catch.
Only the findings on the name's span are judged. Usage: python scripts/eval_names.py [--corpus DIR] [--seed N]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from summarizer.numbers import extract_numbers, index_source, verify
from summarizer.numbers.names import ar_stems, counted_words, extract_names, fold_ar, fold_en, name_tables

SHOW = 3  # wrong results printed per case
EN_TEMPLATE = "The talks would continue, {} said."
AR_TEMPLATE = "وقال {} إن المحادثات ستستمر."


def english_names(text: str) -> list[str]:
    """The article's capitalised names that do not open a sentence (two letters or more)."""
    found = []
    for name in extract_names(text):
        if not name.arabic and not name.acronym and text[max(0, name.start - 2) : name.start].strip() not in (".", ""):
            found.append(name.text)
    return sorted(set(found))


def arabic_table_names(text: str) -> list[tuple[str, str]]:
    """(Arabic word as written, English name) for the article's words that the name tables know (not a
    number word nor a counted thing: the tables hold a few, "خمس", "أشهر", that the checker leaves alone)."""
    tables = name_tables()
    found = {}
    for word in text.split():
        word = word.strip('،.:؛«»"()')
        folded = fold_ar(word)
        for stem in ar_stems(folded):
            english = tables.ar_to_en.get(stem) or tables.ar_to_en.get("ال" + stem)
            if (
                english
                and len(stem) >= 3
                and counted_words().isdisjoint(ar_stems(folded))
                and not extract_numbers(word)
            ):
                found[stem] = (stem, english[0])
                break
    return sorted(found.values())


def english_table_names(text: str) -> list[tuple[str, str]]:
    """(English name, Arabic form) for the article's capitalised names the tables know."""
    tables = name_tables()
    out = []
    for name in english_names(text):
        forms = tables.en_to_ar.get(" ".join(fold_en(w) for w in name.split()))
        if forms:
            out.append((name, forms[0]))
    return out


def judged(index, output: str, name: str) -> str:
    """'ok', 'review' or 'unsupported' for the findings on ``name`` in ``output``."""
    start = output.index(name)
    end = start + len(name)
    report = verify(index, output)
    state = "ok"
    for f in report.findings:
        if f.mention.kind == "name" and f.mention.start < end and f.mention.end > start:
            if f.to_review or not f.checked:  # a name not found across scripts needs review
                state = "review"
            elif f.source is None:
                return "unsupported"
    return state


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "corpus")
    ap.add_argument("--seed", type=int, default=24)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    rows = {}
    for language in ("english", "arabic"):
        with open(args.corpus / f"{language}.jsonl", encoding="utf-8") as lines:
            rows[language] = [json.loads(line)["text"] for line in lines]
    counts: dict[str, list[int]] = {}

    def add(case: str, flagged: bool, example: str) -> None:
        entry = counts.setdefault(case, [0, 0])
        entry[0] += 1
        entry[1] += flagged
        if flagged and case.startswith(("own", "cross own")) and entry[1] <= SHOW:
            print(f"  false alarm ({case}): {example}")
        if not flagged and case.startswith(("swap", "cross swap")) and entry[0] - entry[1] <= SHOW:
            print(f"  missed ({case}): {example}")

    en_names = [english_names(t) for t in rows["english"]]
    ar_names = [arabic_table_names(t) for t in rows["arabic"]]
    for k, text in enumerate(rows["english"]):
        index = index_source(text)
        lower = text.lower()
        names = en_names[k]
        if names:
            own = rng.choice(names)
            add("own en", judged(index, out := EN_TEMPLATE.format(own), own) != "ok", out)
        others = [n for j, ns in enumerate(en_names) if j != k for n in ns[:3]]
        other = rng.choice(others)
        while any(w.lower().strip(".") in lower for w in other.split()):
            other = rng.choice(others)
        add("swap en", judged(index, out := EN_TEMPLATE.format(other), other) != "ok", out)
        table = english_table_names(text)
        if table:
            _, arabic = rng.choice(table)
            add("cross own en->ar", judged(index, out := AR_TEMPLATE.format(arabic), arabic) != "ok", out)
        other_ar = rng.choice([a for ns in ar_names for a, e in ns])
        while any(e in lower for e in name_tables().ar_to_en.get(other_ar, [])):
            other_ar = rng.choice([a for ns in ar_names for a, e in ns])
        add("cross swap en->ar", judged(index, out := AR_TEMPLATE.format(other_ar), other_ar) != "ok", out)
    for k, text in enumerate(rows["arabic"]):
        index = index_source(text)
        folded = " " + " ".join(fold_ar(w) for w in text.split()) + " "
        names = ar_names[k]
        if names:
            own, english = rng.choice(names)
            add("own ar", judged(index, out := AR_TEMPLATE.format(own), own) != "ok", out)
            english = english.title()
            add("cross own ar->en", judged(index, out := EN_TEMPLATE.format(english), english) != "ok", out)
        pool = [n for j, ns in enumerate(ar_names) if j != k for n in ns]
        other, other_en = rng.choice(pool)
        while other in folded or any(other in s for w in folded.split() for s in ar_stems(w)):
            other, other_en = rng.choice(pool)
        add("swap ar", judged(index, out := AR_TEMPLATE.format(other), other) != "ok", out)
        other_en = other_en.title()
        add("cross swap ar->en", judged(index, out := EN_TEMPLATE.format(other_en), other_en) != "ok", out)
    print(f"seed {args.seed}; one output per article and case; only the findings on the name are judged")
    for case, (n, flagged) in counts.items():
        what = "false alarms" if case.startswith(("own", "cross own")) else "caught"
        print(f"{case:20s} {what:12s} {flagged:4d} of {n:4d} = {100 * flagged / n:5.1f}%")


if __name__ == "__main__":
    main()
