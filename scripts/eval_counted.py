#!/usr/bin/env python
"""Evaluate counted-thing checking on the shared corpus (fixed seed).

For numbers whose article says what they count ("25 children", "£5m", "40 طنا"),
build outputs from the real sentence: faithful rewrites (the counted words in a
synonym of the same language, as "people" for a kind of people, or as a phrase in
the other language) must verify clean (else: false alarm); swaps to an incompatible
counted thing (children -> women, dollars -> euros, tonnes -> kilograms, hours ->
days, an age -> children ...) must be flagged (else: miss). A swap whose value the
article also holds with no counted thing or a compatible one is excluded and
counted. --show CASE prints each wrong result of a case (source sentence, output,
reason). Usage: python scripts/eval_counted.py [--corpus DIR] [--per-article N] [--seed S] [--show CASE]
"""

from __future__ import annotations

import argparse
import functools
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval_verifier import sentence_of

from summarizer.numbers import Counted, NumberMention, VerificationReport, compatible, index_source, verify
from summarizer.numbers import counted_lexicon as C
from summarizer.numbers.counted import unit_label

SWAP = {
    "children": "women",
    "women": "children",
    "men": "children",
    "soldiers": "civilians",
    "civilians": "soldiers",
    "police": "fighters",
    "fighters": "police",
    "students": "patients",
    "migrants": "players",
    "players": "workers",
    "workers": "prisoners",
    "prisoners": "journalists",
    "people": "goals",
    "age": "children",
    "USD": "EUR",
    "EUR": "USD",
    "GBP": "USD",
    "pound": "USD",
    "riyal": "USD",
    "dinar": "USD",
    "dirham": "EUR",
    "lira": "USD",
    "kg": "tonne",
    "tonne": "kg",
    "gram": "kg",
    "km": "mile",
    "mile": "km",
    "metre": "km",
    "hectare": "acre",
    "acre": "hectare",
    "dunam": "hectare",
    "km2": "hectare",
    "litre": "barrel",
    "barrel": "litre",
    "second": "minute",
    "minute": "hour",
    "hour": "day",
    "day": "hour",
    "week": "day",
    "month": "week",
    "year": "month",
    "votes": "seats",
    "seats": "votes",
    "goals": "points",
    "points": "goals",
    "buildings": "vehicles",
    "vehicles": "buildings",
    "matches": "goals",
    "countries": "matches",
}
SYNONYMS = {"en": defaultdict(list), "ar": defaultdict(list)}
for word, unit in C.EN_WORDS.items():
    if len(word) > 3:
        SYNONYMS["en"][unit].append(word)
for word, unit in C.AR_WORDS.items():
    SYNONYMS["ar"][unit].append(word)


def phrase(number: str, unit: str, lang: str) -> str:
    """The number with a counted thing in words, in one language."""
    if unit == "age":
        return f"a {number}-year-old" if lang == "en" else f"يبلغ من العمر {number} عاما"
    return f"{number} {unit_label(unit)[lang]}"


def _reword(
    text: str, sentence: str, e: int, rel: tuple[int, int], c: Counted, m: NumberMention, new: str, *, sign: bool
) -> str:
    """``sentence`` (which ends at ``e`` in ``text``) with the words of ``c`` replaced by ``new``."""
    if sign:
        left = sentence[: rel[0]]
        if left and left[-1].isalnum():  # "Â£200" (mis-decoded £): not "Â200"
            left += " "
        return left + text[c.end : m.end] + " " + new + text[m.end : e]
    return sentence[: rel[0]] + new + sentence[rel[1] :]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "corpus")
    ap.add_argument("--per-article", type=int, default=4)
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument(
        "--show",
        metavar="CASE",
        action="append",
        default=[],
        help="print every wrong result of this case (e.g. f:synonym_en); repeatable",
    )
    args = ap.parse_args()
    rng = random.Random(args.seed)
    stats: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # n, wrong, excluded

    in_quote: dict[str, int] = defaultdict(int)

    def record(case: str, report: VerificationReport, faithful: bool, output: str) -> None:
        stats[case][0] += 1
        # the numbers (and dates) judge a case: a counted word reworded inside quotation marks alters the
        # quote, which the quote check rightly flags (counted apart below; scripts/eval_dates_quotes.py
        # measures quotes)
        ok = not report.unsupported and not any(f.mention.kind != "quote" for f in report.failed)
        in_quote[case] += ok and any(f.mention.kind == "quote" for f in report.failed)
        wrong = (not ok) if faithful else ok
        stats[case][1] += wrong
        if wrong and case in args.show:
            reasons = "; ".join(report.reason(i) for i in range(len(report.unsupported)))
            print(f"{case}\n  source: {sentence!r}\n  output: {output!r}\n  reason: {reasons or '-'}\n")

    for name, lang in (("arabic.jsonl", "ar"), ("english.jsonl", "en")):
        other = "en" if lang == "ar" else "ar"
        with open(args.corpus / name, encoding="utf-8") as lines:
            for line in lines:
                text = json.loads(line)["text"]
                idx = index_source(text)
                pairs = [
                    (m, c)
                    for m, c in zip(idx.mentions, idx.counted, strict=True)
                    if c is not None and c.unit and m.kind in ("cardinal", "decimal")
                ]
                for m, c in rng.sample(pairs, min(args.per_article, len(pairs))):
                    s, e = sentence_of(text, m)
                    number = str(m.value)
                    sentence = text[s:e]
                    rel = (c.start - s, c.end - s)
                    if not 0 <= rel[0] < rel[1] <= len(sentence):
                        continue

                    sign = c.end <= m.start  # "$5": the words go after the number instead
                    if sign and (not m.text[-1].isdigit() or text[m.end : m.end + 1].isalpha()):
                        continue  # "£515m", "£106.8mLast" without the sign: "m" reads as metres
                    reword = functools.partial(_reword, text, sentence, e, rel, c, m, sign=sign)

                    syn = [w for w in SYNONYMS[lang][c.unit] if w.lower() != c.words.lower()]
                    if syn and c.unit != "age":
                        out = reword(rng.choice(syn))
                        record(f"f:synonym_{lang}", verify(idx, out), True, out)
                    if c.category == "people" and c.unit != "people":
                        out = reword(unit_label("people")[lang])
                        record(f"f:people_{lang}", verify(idx, out), True, out)
                    out = phrase(number, c.unit, other)
                    record(f"f:cross_{lang}->{other}", verify(idx, out), True, out)
                    swap = SWAP.get(c.unit)
                    if swap is None:
                        continue
                    swapped = unit_label(swap)
                    same_value = [
                        sc
                        for sm, sc in zip(idx.mentions, idx.counted, strict=True)
                        if sm.value == m.value and sm.kind in ("cardinal", "decimal", "range_end")
                    ]
                    if any(sc is None or compatible(sc, _as_counted(swap)) for sc in same_value):
                        stats[f"c:swap_{lang}"][2] += 1
                        continue
                    out = phrase(number, swap, lang) if c.unit == "age" else reword(swapped[lang])
                    record(f"c:swap_{lang}", verify(idx, out), False, out)
                    out = phrase(number, swap, other)
                    record(f"c:swap_{lang}->{other}", verify(idx, out), False, out)
    print(f"{'case':24} {'n':>6} {'metric':12} {'rate':>8} {'excluded':>9}")
    for case in sorted(stats, key=lambda k: (k[0] == "c", k)):
        n, wrong, excluded = stats[case]
        faithful = case.startswith("f:")
        rate = (wrong / n if faithful else 1 - wrong / n) if n else 0.0
        print(f"{case:24} {n:6} {'false_alarm' if faithful else 'catch':12} {rate:8.2%} {excluded:9}")
    quoted = {case: count for case, count in sorted(in_quote.items()) if count and case.startswith("f:")}
    if quoted:
        named = ", ".join(f"{case} {count}" for case, count in quoted.items())
        print(f"faithful rewrites inside a quote (the quote check flags the altered quote): {named}")


def _as_counted(unit: str):
    """A Counted for a unit, to ask compatible() about it."""
    return Counted(C.UNITS[unit][0], unit, "", 0, 0, unit_label(unit))


if __name__ == "__main__":
    main()
