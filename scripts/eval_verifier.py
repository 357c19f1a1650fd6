#!/usr/bin/env python
"""Evaluate the number verifier on the shared news corpus.

For numbers found in each article, build short outputs (the sentence holding the
number) with the number rewritten faithfully (other separators, digit scripts,
words, scaled forms, the other language) or corrupted (changed digit, swapped
digits, x1000, wrong word number, wrong scale, an added number, a count replaced by a
year or day of the month the article gives as a date). Faithful outputs
must verify clean (else: false alarm); corrupted ones must be flagged (else: miss).
A corruption that happens to produce a value present in the source is excluded
and counted. A faithful rewrite that would change the meaning of another mention in
the sentence (a range end whose scale carries to the other end) is skipped and
counted. Usage: python scripts/eval_verifier.py [--corpus DIR] [--per-article N]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import defaultdict
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from summarizer.numbers import NumberMention, SourceIndex, extract_numbers, index_source, verify
from summarizer.numbers.spell import group_digits, spell_ar, spell_en
from summarizer.numbers.verify import value_key

AI = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PE = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
SENT = re.compile(r"[^.!?؟\n]*(?:[.!?؟](?!\d)|\n|$)")
DIGIT_KINDS = {
    "sep",
    "arabic_indic",
    "persian",
    "cross_digits",
    "percent_form",
    "c:digit_change",
    "c:digit_swap",
    "c:x1000",
    "c:added",
    "c:date_as_count",
}


BOUNDARY = re.compile(r"[!?؟\n]|(?<!\d)\.|\.(?!\d)")


def sentence_of(text: str, m: NumberMention) -> tuple[int, int]:
    """The sentence around a mention (decimal points are not sentence ends)."""
    s = 0
    for b in BOUNDARY.finditer(text, max(0, m.start - 400), m.start):
        s = b.end()
    b = BOUNDARY.search(text, m.end)
    e = b.start() if b else len(text)
    if e - s > 400:  # cut a long "sentence" at spaces, never inside a word or number
        if m.start - 150 > s:
            sp = text.find(" ", m.start - 150, m.start)
            s = sp + 1 if sp >= 0 else m.start
        if m.end + 150 < e:
            sp = text.rfind(" ", m.end, m.end + 150)
            e = sp if sp >= 0 else m.end
    return s, e


def dec(q: Fraction) -> str:
    """Exact decimal string of a terminating fraction."""
    if q.denominator == 1:
        return str(q.numerator)
    return format(Decimal(q.numerator) / Decimal(q.denominator), "f").rstrip("0")


def put(text: str, m: NumberMention, rep: str, s: int, e: int) -> str:
    """The sentence with the mention replaced by ``rep``."""
    return put_span(text, m, rep, s, e)[0]


def put_span(text: str, m: NumberMention, rep: str, s: int, e: int) -> tuple[str, int, int]:
    """Like put(), also returning where ``rep`` lies in the result."""
    left, right = text[s : m.start], text[m.end : e]
    if left and left[-1].isalnum():
        left += " "
    if right and right[0].isalnum():
        right = " " + right
    return left + rep + right, len(left), len(left) + len(rep)


def other_values(text: str, rs: int, re_: int) -> list[tuple[str, object]]:
    """(kind, value) of the mentions of ``text`` outside [rs, re_), in order."""
    return [(m.kind, value_key(m)) for m in extract_numbers(text) if m.end <= rs or m.start >= re_]


def scaled(n: int, ar: bool) -> str | None:
    for scale, en, arw in ((10**9, "billion", "مليار"), (10**6, "million", "مليون"), (10**3, "thousand", "ألف")):
        if n >= scale and n % (scale // 100) == 0 and n != scale:
            q = Fraction(n, scale)
            txt = dec(q)
            return f"{txt} {arw if ar else en}"
    return None


def faithful(n: int, kind: str, ar: bool, text_is: str) -> dict[str, str]:
    out = {}
    if kind == "percent":
        out["percent_form"] = f"{n} في المئة" if not ar else f"{n}%"
        return out
    out["sep"] = group_digits(n) if n >= 1000 else str(n)
    out["arabic_indic"] = group_digits(n, "٬").translate(AI)
    out["persian"] = str(n).translate(PE)
    out["cross_digits"] = group_digits(n)
    if n >= 1 and n != 1:
        out["words_en"] = spell_en(n)
        out["words_ar_nom"] = spell_ar(n, "nom")
        out["words_ar_acc"] = spell_ar(n, "acc")
    sc = scaled(n, ar)
    if sc:
        out["scaled"] = sc
        out["scaled_cross"] = scaled(n, not ar) or sc
    return out


def corrupt(n: int, digits: str, rng: random.Random) -> dict[str, tuple[int, str]]:
    out: dict[str, tuple[int, str]] = {}
    d = list(digits)
    pos = rng.randrange(len(d))
    choices = [c for c in "0123456789" if c != d[pos] and not (pos == 0 and c == "0" and len(d) > 1)]
    d2 = d.copy()
    d2[pos] = rng.choice(choices)
    v = int("".join(d2))
    out["c:digit_change"] = (v, group_digits(v) if n >= 1000 else str(v))
    pairs = [i for i in range(len(d) - 1) if d[i] != d[i + 1] and not (i == 0 and d[1] == "0")]
    if pairs:
        i = rng.choice(pairs)
        d3 = d.copy()
        d3[i], d3[i + 1] = d3[i + 1], d3[i]
        v = int("".join(d3))
        out["c:digit_swap"] = (v, str(v))
    out["c:x1000"] = (n * 1000, group_digits(n * 1000))
    delta = rng.choice([1, 2, 3, 5, 10, 100]) if n > 3 else rng.choice([2, 3, 5])
    w = n + delta
    out["c:wrong_word_en"] = (w, spell_en(w))
    out["c:wrong_word_ar"] = (w, spell_ar(w, rng.choice(["nom", "acc"])))
    if n >= 1000:
        out["c:wrong_scale"] = (
            n * 1000,
            f"{dec(Fraction(n, 1000))} million" if n % 100 == 0 else group_digits(n * 1000),
        )
    return out


def date_values(idx: SourceIndex) -> list[int]:
    """Values the source gives only as a year or a day of the month, in text order."""
    other = {value_key(m) for m in idx.mentions if m.kind not in ("year", "date_part")}
    seen: list[int] = []
    for m in idx.mentions:
        if (
            m.kind in ("year", "date_part")
            and isinstance(m.value, int)
            and m.value not in other
            and m.value not in seen
        ):
            seen.append(m.value)
    return seen


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "corpus")
    ap.add_argument("--per-article", type=int, default=4)
    ap.add_argument("--show", type=int, default=0, help="print this many failures per kind")
    args = ap.parse_args()
    rng = random.Random(7)
    n_ok: dict[str, int] = defaultdict(int)
    n_all: dict[str, int] = defaultdict(int)
    excluded: dict[str, int] = defaultdict(int)
    skipped: dict[str, int] = defaultdict(int)  # faithful rewrites that would change another mention
    shown: dict[str, int] = defaultdict(int)
    for name in ("arabic.jsonl", "english.jsonl"):
        with open(args.corpus / name, encoding="utf-8") as lines:
            for line in lines:
                row = json.loads(line)
                text, ar = row["text"], row["lang"] == "ar"
                idx = index_source(text)
                keys = {value_key(m) for m in idx.mentions if m.kind not in ("code", "time")}
                dates = date_values(idx)
                counts = {m.start for m, c in zip(idx.mentions, idx.counted, strict=True) if c is not None}
                cands = [
                    m
                    for m in idx.mentions
                    if m.kind in ("cardinal", "range_end", "percent")
                    and isinstance(m.value, int)
                    and 0 < m.value < 10**12
                ]
                rng.shuffle(cands)
                for m in cands[: args.per_article]:
                    s, e = sentence_of(text, m)
                    n = m.value
                    others = other_values(text[s:e], m.start - s, m.end - s)
                    for kind, rep in faithful(n, m.kind, ar, text).items():
                        if kind in ("cross_digits", "scaled_cross"):
                            out = f"The report gives {rep} as the figure."
                        else:
                            out, rs, re_ = put_span(text, m, rep, s, e)
                            # Rewriting one mention must not change what the others mean
                            # ("300 إلى 400 مليار": the second end's scale carries to the
                            # first, so rewriting the second end alone changes the first).
                            if other_values(out, rs, re_) != others:
                                skipped[kind] += 1
                                continue
                        n_all[kind] += 1
                        rep_ = verify(idx, out)
                        if rep_.ok:
                            n_ok[kind] += 1
                        elif shown[kind] < args.show:
                            shown[kind] += 1
                            print("FALSE ALARM", kind, repr(out[:200]), [u.to_dict() for u in rep_.unsupported])
                    if m.kind == "percent":
                        continue
                    digits = re.sub(r"\D", "", str(n))
                    cors = corrupt(n, digits, rng)
                    added = rng.randrange(1001, 99999)
                    cors["c:added"] = (added, None)
                    if m.kind == "cardinal" and m.start in counts and dates:
                        cors["c:date_as_count"] = (dates[0], str(dates[0]))  # "2019 people" for "12 people ... in 2019"
                    for kind, (v, rep) in cors.items():
                        if Fraction(v) in keys and kind != "c:date_as_count":
                            excluded[kind] += 1
                            continue
                        if kind == "c:added":
                            out = put(text, m, m.text, s, e)
                            tail = f". وأضاف {added} آخرين" if ar else f". He added {added} more"
                            rs, re_ = len(out), len(out) + len(tail)
                            out += tail
                        else:
                            out, rs, re_ = put_span(text, m, rep, s, e)
                        n_all[kind] += 1
                        rep_ = verify(idx, out)
                        # caught: an unsupported mention (a number, or the date it is the day or year of) overlaps it
                        flagged = any(u.start < re_ and rs < u.end for u in rep_.unsupported) or any(
                            f.mention.start < re_ and rs < f.mention.end for f in rep_.failed
                        )
                        if flagged:
                            n_ok[kind] += 1
                        elif shown[kind] < args.show:
                            shown[kind] += 1
                            print("MISS", kind, repr(out[:200]), v)
    print(f"{'kind':<18} {'group':<7} {'n':>6} {'metric':<12} {'rate':>8} {'excluded':>9} {'skipped':>8}")
    for kind in sorted(n_all, key=lambda k: (k.startswith("c:"), k)):
        grp = "digits" if kind in DIGIT_KINDS else "words"
        if kind.startswith("c:"):
            metric, rate = "catch", n_ok[kind] / n_all[kind]
        else:
            metric, rate = "false_alarm", 1 - n_ok[kind] / n_all[kind]
        print(
            f"{kind:<18} {grp:<7} {n_all[kind]:>6} {metric:<12} {rate:>8.2%} {excluded.get(kind, 0):>9} "
            f"{skipped.get(kind, 0):>8}"
        )
    print(f"skipped: {sum(skipped.values())} faithful rewrites that would change another mention's meaning")


if __name__ == "__main__":
    main()
