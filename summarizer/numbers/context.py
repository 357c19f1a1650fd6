"""What a number's neighbours make of it: percent, clock time, date, year, or the end of a range."""

from __future__ import annotations

import itertools
from fractions import Fraction

from . import lexicon as L
from .scan import Num, RawMention, Scan
from .tables import AR_MONTHS, AR_MONTHS2, AR_PCT1, AR_PCT2, AR_SAA, AR_TIME_AFTER, AR_YEAR_CTX


def finish(
    sc: Scan,
    i: int,
    s: int,
    e: int,
    value: Num,
    kind: str,
    j: int,
    mult: int,
    conj: bool,
    ndig: int,
    first_only: bool = False,
) -> int:
    """Record the number read from tokens i..j-1 (folded span s..e) as what its context makes it.

    Returns the index of the next token to read. ``first_only``: the word is a rank
    ("first", الأول) and counts only as a date's day.
    """
    pct_end = _percent_end(sc, j)
    if pct_end is not None and kind not in ("ordinal", "code") and not first_only:
        sc.raws.append(RawMention(s, sc.ends[pct_end - 1], value, "percent", i, pct_end, mult, conj, ndig))
        return pct_end
    if value.denominator == 1 and mult == 1 and kind in ("cardinal", "ordinal"):
        if value <= 24:
            k = _clock_time(sc, i, s, e, value, j, conj, ndig)
            if k is not None:
                return k
        if 1 <= value <= 31 and ndig <= 2:
            k = _date(sc, i, s, e, value, j, conj, first_only)
            if k is not None:
                return k
    if first_only:
        return j
    if kind == "cardinal" and ndig == 4 and 1800 <= value <= 2100 and _year_context(sc, i, conj):
        kind = "year"
    sc.raws.append(RawMention(s, e, value, kind, i, j, mult, conj, ndig))
    return j


def _percent_end(sc: Scan, j: int) -> int | None:
    """The token after a percent sign or phrase at token j, else None."""
    w = sc.word(j)
    if sc.punct(j, "%"):
        return j + 1
    if w in L.EN_PERCENT_WORDS or w in AR_PCT1:
        return j + 1
    if w == "per" and sc.word(j + 1) == "cent":
        return j + 2
    if w == "في" and sc.word(j + 1) in AR_PCT2:
        return j + 2
    return None


def _clock_time(sc: Scan, i: int, s: int, e: int, value: Num, j: int, conj: bool, ndig: int) -> int | None:
    """A clock time told by the words around the hour (5 pm, 5 p.m., 5 o'clock, الساعة 5، 5 مساء)."""
    w = sc.word(j)
    if w in L.EN_AM_PM and value <= 12 and ndig:
        return emit_time(sc, i, s, sc.ends[j], value, 0, w, j + 1)
    if (
        w in ("a", "p")
        and value <= 12
        and ndig
        and sc.punct(j + 1, ".")
        and sc.word(j + 2) == "m"
        and sc.glued(j, j + 1)
        and sc.glued(j + 1, j + 2)
    ):
        k = j + 4 if sc.punct(j + 3, ".") and sc.glued(j + 2, j + 3) else j + 3
        return emit_time(sc, i, s, sc.ends[k - 1], value, 0, w + "m", k)
    if w == "o'clock" and value <= 12:
        return emit_time(sc, i, s, sc.ends[j], value, 0, None, j + 1)
    if sc.word(i - 1) in AR_SAA or (w in AR_TIME_AFTER and value <= 12):
        hour = value
        if w in AR_TIME_AFTER and hour < 12:
            hour += AR_TIME_AFTER[w]
        elif w == "بعد" and sc.word(j + 1) == "الظهر" and hour < 12:
            hour += 12
        sc.raws.append(RawMention(s, e, hour, "time", i, j, 1, conj))
        return j
    return None


def _date(sc: Scan, i: int, s: int, e: int, value: Num, j: int, conj: bool, first_only: bool) -> int | None:
    """A day of the month, with the month after it (and perhaps a year) or before it."""
    k = month_at(sc, j)
    if k is not None:
        sc.raws.append(RawMention(s, e, value, "date_part", i, j, 1, conj))
        return year_after(sc, k)
    if month_before(sc, i) and not first_only:
        sc.raws.append(RawMention(s, e, value, "date_part", i, j, 1, conj))
        return year_after(sc, j)
    return None


def _year_context(sc: Scan, i: int, conj: bool) -> bool:
    """Whether the words before token i make a four-digit number a year."""
    pw = sc.word(i - 1)
    return bool(
        month_before(sc, i)
        or pw in L.EN_YEAR_CONTEXT
        or pw in AR_YEAR_CTX
        or (pw and len(pw) > 1 and pw[0] in "وبلف" and pw[1:] in AR_YEAR_CTX)
        or conj
    )


def month_at(sc: Scan, j: int) -> int | None:
    """Index after a month name starting at token j (optionally after of/من), else None."""
    w = sc.word(j)
    if w in ("of", "من"):
        j += 1
        w = sc.word(j)
    if w is None:
        return None
    if w in AR_MONTHS:
        return j + 1
    if w in AR_MONTHS2 and sc.word(j + 1) in AR_MONTHS2[w]:
        return j + 2
    if w in L.EN_MONTHS:
        if w in L.EN_MONTHS_CAPITAL_ONLY and not sc.token_has_upper(j):
            return None
        return j + 1
    return None


def month_before(sc: Scan, i: int) -> bool:
    """Whether a month name ends just before token i."""
    w = sc.word(i - 1)
    if w is None:
        return False
    if w in AR_MONTHS or (w in L.EN_MONTHS and (w not in L.EN_MONTHS_CAPITAL_ONLY or sc.token_has_upper(i - 1))):
        return True
    pw = sc.word(i - 2)
    return pw in AR_MONTHS2 and w in AR_MONTHS2[pw]


def year_after(sc: Scan, j: int) -> int:
    """Record a year at token j (after an optional comma) and return the token after it; else return j."""
    k = j + 1 if sc.punct(j, ",،") else j
    if k < sc.n and sc.kinds[k] == "d":
        txt = sc.texts[k]
        if len(txt) == 4 and txt.isdigit() and 1800 <= int(txt) <= 2100:
            sc.raws.append(RawMention(sc.starts[k], sc.ends[k], int(txt), "year", k, k + 1, ndigits=4))
            return k + 1
    return j


def emit_time(sc: Scan, i: int, s: int, e: int, hour: Num, minute: int, ap: str | None, j: int) -> int:
    """Record a clock time (value: hours on a 24-hour clock) and return j."""
    h = hour
    if ap == "pm" and h < 12:
        h += 12
    elif ap == "am" and h == 12:
        h = 0
    sc.raws.append(RawMention(s, e, h + Fraction(minute, 60) if minute else h, "time", i, j))
    return j


_RANGE_KINDS = ("cardinal", "decimal", "year", "range_end", "percent")
_RANGE_WORDS = (["-"], ["to"], ["الي"], ["حتي"], ["through"])


def link_ranges(sc: Scan) -> None:
    """Mark pairs written as ranges (5-10, between 5 and 10, من 5 إلى 10) and share their scale."""
    out = sc.raws
    for a, b in itertools.pairwise(out):
        if a.kind not in _RANGE_KINDS or b.kind not in _RANGE_KINDS or (a.kind == "percent" and b.kind != "percent"):
            continue
        gap = sc.texts[a.end_tok : b.first_tok]
        if not _is_range(sc, a, b, gap):
            continue
        if gap == ["-"] and a.kind == "year" and a.ndigits == 4:
            if b.kind != "year":
                b.kind = "range_end"
            continue
        if b.kind == "percent" and a.kind != "percent":
            a.kind = "percent"
        if (
            b.mult > 1
            and a.mult == 1
            and a.kind != "year"
            and not isinstance(a.value, str)  # a range's ends are numbers (_RANGE_KINDS)
            and not isinstance(b.value, str)
            and a.value * b.mult <= b.value
        ):
            a.value *= b.mult
            a.mult = b.mult
        for m in (a, b):
            if m.kind in ("cardinal", "decimal"):
                m.kind = "range_end"


def _is_range(sc: Scan, a: RawMention, b: RawMention, gap: list[str]) -> bool:
    """Whether the tokens ``gap`` between mentions a and b link them as a range."""
    if gap in _RANGE_WORDS:
        return True
    pw = sc.word(a.first_tok - 1)
    if gap == ["and"] and pw == "between":
        return True
    return (gap == ["و"] or (not gap and b.conj)) and pw in ("بين", "وبين")
