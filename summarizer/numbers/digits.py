"""Digit tokens -> mentions: plain and grouped numbers, decimals, codes (F-16, 5G), suffixes and scales."""

from __future__ import annotations

import re
from fractions import Fraction
from typing import NamedTuple

from . import lexicon as L
from .arabic import ar_continue
from .context import emit_time, finish
from .scan import Num, RawMention, Scan
from .tables import AR, CODE_FAMILY, CODE_PREFIX, is_arabic

_DIGIT_RUN = re.compile(r"[0-9]+")
VULGAR_FRACTIONS = {
    "½": Fraction(1, 2),
    "¼": Fraction(1, 4),
    "¾": Fraction(3, 4),
    "⅓": Fraction(1, 3),
    "⅔": Fraction(2, 3),
    "⅕": Fraction(1, 5),
    "⅛": Fraction(1, 8),
    "⅜": Fraction(3, 8),
    "⅝": Fraction(5, 8),
    "⅞": Fraction(7, 8),
}  # a vulgar fraction glued to the digits before it


class DigitsValue(NamedTuple):
    """How a folded digit token reads.

    form "num": a number (value, has_point); "code": an identifier (value is the
    text); "split": not one number, each digit run counts alone (value None).
    """

    form: str
    value: Num | str | None
    has_point: bool = False

    @property
    def number(self) -> Num:
        """The value of a "num" reading."""
        if isinstance(self.value, str) or self.value is None:
            raise ValueError(f"a {self.form!r} reading is not a number")
        return self.value


def digits_value(txt: str) -> DigitsValue:
    """Interpret a folded digit token.

    Integral values without a decimal point are ints; ints stand for integral
    Fractions throughout (same arithmetic and comparisons, much faster).
    """
    if txt.isdigit():
        if len(txt) > 18:
            return DigitsValue("code", txt)
        return DigitsValue("num", int(txt), False)
    if txt.count(".") > 1:
        return DigitsValue("code", txt) if len(txt) <= 40 else DigitsValue("split", None)
    intpart, _, frac = txt.partition(".")
    groups = intpart.split(",")
    if len(groups) > 1:
        if 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]):
            intpart = "".join(groups)
        elif len(groups) == 2 and not frac:  # decimal comma: "3,5"
            intpart, frac = groups
        else:
            return DigitsValue("split", None)
    if len(intpart) + len(frac) > 30:
        return DigitsValue("split", None)
    if not frac:
        return DigitsValue("num", int(intpart), False)
    return DigitsValue("num", int(intpart) + Fraction(int(frac), 10 ** len(frac)), True)


class _Figure:
    """A number written in digits, as what follows it is read."""

    __slots__ = ("conj", "end", "has_point", "i", "kind", "mult", "ndigits", "next_tok", "start", "text", "value")

    def __init__(self, sc: Scan, i: int, reading: DigitsValue) -> None:
        self.i, self.start, self.end, self.text = i, sc.starts[i], sc.ends[i], sc.texts[i]
        self.value = reading.number
        self.has_point = reading.has_point
        self.kind = "decimal" if reading.has_point else "cardinal"
        self.next_tok, self.mult = i + 1, 1
        self.ndigits = len(self.text) if self.text.isdigit() else 0
        self.conj = i >= 1 and sc.word(i - 1) in ("و", "وب", "ول") and sc.glued(i - 1, i)


def at_digits(sc: Scan, i: int) -> int:
    """Read the number at digit token i and what is glued to or follows it; returns the next token."""
    code = code_before(sc, i)
    if code:
        return emit_code(sc, code.first_tok, code.prefix, i)
    s, e, txt = sc.starts[i], sc.ends[i], sc.texts[i]
    reading = digits_value(txt)
    if reading.form == "code":
        sc.raws.append(RawMention(s, e, txt, "code", i, i + 1))
        return i + 1
    if reading.form == "split":
        for m in _DIGIT_RUN.finditer(txt[:2000]):
            sc.raws.append(RawMention(s + m.start(), s + m.end(), int(m.group()), "cardinal", i, i + 1))
        return i + 1
    fig = _Figure(sc, i, reading)
    done = _glued_suffix(sc, fig)
    if done is None:
        done = _colon_time(sc, fig)
    if done is None:
        done = _dotted_time(sc, fig)
    if done is not None:
        return done
    _scale_word(sc, fig)
    value = fig.value * fig.mult
    kind = "cardinal" if fig.mult != 1 and value.denominator == 1 else fig.kind
    return finish(sc, i, s, fig.end, value, kind, fig.next_tok, fig.mult, fig.conj, fig.ndigits)


def _glued_suffix(sc: Scan, fig: _Figure) -> int | None:
    """Letters glued to the digits: 3rd, 1990s, 5pm, 3bn / $3m, or a code (5G, 737MAX)."""
    i, j = fig.i, fig.next_tok
    if not (j < sc.n and sc.kinds[j] == "w" and sc.glued(i, j) and not is_arabic(sc.texts[j])):
        return None
    suf = sc.texts[j]
    integral = fig.value.denominator == 1
    if suf in L.EN_ORDINAL_SUFFIXES and integral:
        fig.kind, fig.end, fig.next_tok = "ordinal", sc.ends[j], j + 1
    elif suf == "s" and integral:
        fig.end, fig.next_tok = sc.ends[j], j + 1
        if fig.ndigits == 4 and 1800 <= fig.value <= 2100:
            fig.kind = "year"
    elif suf in L.EN_AM_PM and fig.value <= 12:
        return emit_time(sc, i, fig.start, sc.ends[j], fig.value, 0, suf, j + 1)
    elif suf in L.EN_SCALE_ABBREV and (suf not in L.EN_SCALE_ABBREV_NEEDS_CURRENCY or _after_currency(sc, i)):
        fig.mult = L.EN_SCALE_ABBREV[suf]
        fig.end, fig.next_tok = sc.ends[j], j + 1
    elif suf in ("g", "d") and sc.token_has_upper(j) and not fig.has_point:
        return emit_code(sc, i, "", i)
    elif suf in VULGAR_FRACTIONS and not fig.has_point:  # 11½ hours: 11.5
        fig.value += VULGAR_FRACTIONS[suf]
        fig.kind, fig.has_point, fig.ndigits = "decimal", True, 0
        fig.end, fig.next_tok = sc.ends[j], j + 1
    elif suf in L.EN_UNIT_SUFFIXES:
        pass
    elif sc.token_has_upper(j) and integral and not fig.has_point:
        return emit_code(sc, i, "", i)
    return None


def _after_currency(sc: Scan, i: int) -> bool:
    """Whether digit token i comes right after a currency sign ($3m)."""
    return i >= 1 and sc.texts[i - 1] in L.CURRENCY_SIGNS and sc.glued(i - 1, i)


def _colon_time(sc: Scan, fig: _Figure) -> int | None:
    """A clock time 15:30 (or 3:30 pm)."""
    j = fig.next_tok
    if not (
        fig.kind == "cardinal"
        and j + 1 < sc.n
        and sc.punct(j, ":")
        and sc.glued(j - 1, j)
        and sc.kinds[j + 1] == "d"
        and sc.glued(j, j + 1)
    ):
        return None
    minutes = sc.texts[j + 1]
    if not (len(minutes) == 2 and minutes.isdigit() and fig.value <= 24 and int(minutes) < 60):
        return None
    ap = None
    k = j + 2
    w = sc.word(k)
    if w in L.EN_AM_PM:
        ap, k = w, k + 1
    return emit_time(sc, fig.i, fig.start, sc.ends[k - 1], fig.value, int(minutes), ap, k)


def _dotted_time(sc: Scan, fig: _Figure) -> int | None:
    """A clock time 3.30 pm."""
    if not (fig.kind == "decimal" and fig.has_point and fig.mult == 1):
        return None
    j = fig.next_tok
    w = sc.word(j)
    if w in L.EN_AM_PM and fig.value < 13 and len(fig.text.partition(".")[2]) == 2:
        h, mnt = fig.text.split(".")
        if h.isdigit() and mnt.isdigit() and int(mnt) < 60:  # "0,001.50" is no clock time
            return emit_time(sc, fig.i, fig.start, sc.ends[j], int(h), int(mnt), w, j + 1)
    return None


def _scale_word(sc: Scan, fig: _Figure) -> None:
    """A scale word after the digits: 3 million, 1.5 bn, 3 ملايين (with و-joined parts after an Arabic one)."""
    if not (fig.mult == 1 and fig.kind in ("cardinal", "decimal")):
        return
    j = fig.next_tok
    w = sc.word(j)
    if w is None:
        return
    scale = None
    if w in L.EN_SCALES:
        scale = L.EN_SCALES[w]
    elif w in L.EN_SCALE_ABBREV and w not in L.EN_SCALE_ABBREV_NEEDS_CURRENCY and w != "k":
        scale = L.EN_SCALE_ABBREV[w]
    elif w in AR and AR[w].cat in ("ssg", "spl") and AR[w].prefix_len == 0:
        scale = int(AR[w].value)  # a scale (ألف، مليون ...) is a whole number
    if not scale:
        return
    fig.mult, fig.end, fig.next_tok = scale, sc.ends[j], j + 1
    if is_arabic(w):
        more = ar_continue(sc, fig.value * scale, scale, fig.next_tok, fig.end)
        fig.value, fig.next_tok, fig.end = Fraction(more.value) / scale, more.next_tok, more.end


class CodeStart(NamedTuple):
    """Where an identifier ending in digits starts, and its normalized prefix."""

    first_tok: int
    prefix: str


def code_before(sc: Scan, i: int) -> CodeStart | None:
    """If digits token i closes an identifier (F-16, G20, COVID-19, Boeing 737), where it starts."""
    kinds, texts = sc.kinds, sc.texts
    if i >= 1 and kinds[i - 1] == "w" and sc.glued(i - 1, i):
        w = texts[i - 1]
        if not is_arabic(w) and (w in CODE_PREFIX or sc.token_has_upper(i - 1)):
            return CodeStart(i - 1, CODE_PREFIX.get(w, w.upper()))
        return None
    if i >= 2 and sc.punct(i - 1, "-") and sc.glued(i - 1, i) and kinds[i - 2] == "w" and sc.glued(i - 2, i - 1):
        w = texts[i - 2]
        if w in CODE_PREFIX or (not is_arabic(w) and sc.token_has_upper(i - 2)):
            return CodeStart(i - 2, CODE_PREFIX.get(w, w.upper()))
        return None
    if i >= 1 and kinds[i - 1] == "w" and texts[i - 1] in CODE_FAMILY:
        return CodeStart(i - 1, CODE_FAMILY[texts[i - 1]])
    return None


def emit_code(sc: Scan, ti: int, prefix: str, i: int) -> int:
    """Record the identifier from token ti (prefix + digits at i + glued digits or capitals); return the next token."""
    kinds, texts, ends = sc.kinds, sc.texts, sc.ends
    e, j = ends[i], i + 1
    val = prefix + texts[i]
    while (
        j < sc.n
        and sc.glued(j - 1, j)
        and (kinds[j] == "d" or (kinds[j] == "w" and not is_arabic(texts[j]) and sc.token_has_upper(j)))
    ):
        val += texts[j].upper()
        e, j = ends[j], j + 1
    sc.raws.append(RawMention(sc.starts[ti], e, val, "code", ti, j))
    return j
