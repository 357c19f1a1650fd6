"""Arabic number words -> Readings: cardinals with و-joined parts, dual scales, ordinals, fractions."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import NamedTuple

from .scan import ACCEPT, BIG, MOVED, STOP, Num, Reading, Scan, Step
from .tables import AR, ArWord

_HUNDRED_WORDS = ("مئه", "مائه", "ميه")
_FINAL = ("النهائي", "نهائي", "النهائيه")  # ربع النهائي is a quarter-final, not a quarter
_ONE_OF_ELEVEN = ArWord("p1", 1, 1, True, False)  # "وأحد عشر" folds to واحد


class _Parse:
    """The state of one Arabic number being read, word by word."""

    __slots__ = (
        "best",
        "cont",
        "group",
        "has_hundreds",
        "has_teen",
        "has_tens",
        "has_unit",
        "j",
        "last_scale",
        "limit",
        "ordinal",
        "start",
        "total",
        "unit",
    )

    def __init__(self, start: int, cont: bool, limit: int) -> None:
        self.start, self.cont, self.limit = start, cont, limit
        self.j = start
        self.total: Num = 0  # the sum of the scaled parts so far
        self.group: Num = 0  # the part below the last scale
        self.last_scale = limit
        self.unit: Num = 0  # the value of the group's unit word
        self.has_hundreds = self.has_tens = self.has_unit = self.has_teen = False
        self.ordinal = False
        self.best: Reading | None = None

    def end_group(self, scale: int) -> None:
        self.group, self.last_scale = 0, scale
        self.has_hundreds = self.has_tens = self.has_unit = self.has_teen = False
        self.unit = 0


def parse_ar(sc: Scan, i: int, cont: bool = False, limit: int = BIG) -> Reading | None:
    """The Arabic number spelled from word token i, or None.

    cont: reading the smaller parts after a scale (no ordinal or fraction starts
    one); limit: each scale read must be below it.
    """
    p = _Parse(i, cont, limit)
    n = sc.n
    while p.j < n:
        found = _entry_at(sc, p)
        if found is None:
            break
        w, entry = found
        first = p.j == i
        joined = (entry.conj and entry.prefix_len == 1) or (entry.conj and entry.article and entry.prefix_len >= 3)
        if not first and entry.prefix_len and not joined:
            break
        if p.ordinal:
            _ordinal_tail(p, entry)
            break
        step = _STEPS.get(entry.cat)
        outcome = step(sc, p, w, entry, first, joined) if step else STOP
        if outcome is ACCEPT:
            p.best = Reading(p.total + p.group, "cardinal", p.j + 1, 1 if p.last_scale >= limit else p.last_scale)
            p.j += 1
        elif outcome is STOP:
            break
        elif outcome is not MOVED:
            return outcome
    return p.best


def _entry_at(sc: Scan, p: _Parse) -> tuple[str, ArWord] | None:
    """The word at p.j and its entry (None: not a number word); a detached "و" before a bare number word is
    read with it."""
    j = p.j
    w = sc.word(j)
    if not w:
        return None
    e = AR.get(w)
    if e is None:
        if not (
            w == "و"
            and j > p.start
            and j + 1 < sc.n
            and (following := sc.word(j + 1)) is not None
            and following in AR
            and not sc.glued(j, j + 1)
        ):
            return None
        after = AR[following]
        if after.prefix_len != 0:
            return None
        j = p.j = j + 1
        w = following
        e = ArWord(after.cat, after.value, 0, True, after.article)
    if w == "واحد" and j != p.start:
        nxt = AR.get(sc.word(j + 1) or "")
        if nxt and nxt.cat == "ten" and nxt.prefix_len == 0:
            e = _ONE_OF_ELEVEN
    return w, e


def _ordinal_tail(p: _Parse, e: ArWord) -> None:
    """The word after an ordinal: عشر (الحادي عشر) or و+tens (الحادي والعشرون)."""
    if e.cat == "ten" and not e.conj and not e.article:
        p.group += 10
        p.best = Reading(p.group, "ordinal", p.j + 1, 1)
    elif e.cat == "t" and e.conj and e.article and p.group < 10:
        p.group += e.value
        p.best = Reading(p.group, "ordinal", p.j + 1, 1)


_StepResult = Step | Reading | None
_StepFn = Callable[[Scan, _Parse, str, ArWord, bool, bool], _StepResult]


def _unit(sc: Scan, p: _Parse, w: str, e: ArWord, first: bool, joined: bool) -> _StepResult:
    if not first and (not joined or p.has_unit or p.has_teen or p.has_tens):
        return STOP
    p.group += e.value
    p.has_unit, p.unit = True, e.value
    return ACCEPT


def _teen_first(sc: Scan, p: _Parse, w: str, e: ArWord, first: bool, joined: bool) -> _StepResult:
    if not first and not joined:
        return STOP
    nxt = AR.get(sc.word(p.j + 1) or "")
    if not (nxt and nxt.cat == "ten" and nxt.prefix_len == 0) or p.has_unit or p.has_tens or p.has_teen:
        return STOP
    p.group += e.value + 10
    p.has_teen = True
    p.j += 1
    return ACCEPT


def _ten(sc: Scan, p: _Parse, w: str, e: ArWord, first: bool, joined: bool) -> _StepResult:
    if p.has_unit and not e.conj and e.prefix_len == 0 and p.unit and not p.has_teen:
        p.group += 10
        p.has_unit, p.has_teen = False, True
    elif (first or joined) and not (p.has_unit or p.has_tens or p.has_teen):
        if e.article and not first:
            return STOP
        p.group += 10
        p.has_teen = True
    else:
        return STOP
    return ACCEPT


def _tens(sc: Scan, p: _Parse, w: str, e: ArWord, first: bool, joined: bool) -> _StepResult:
    if not first and not joined:
        return STOP
    if p.has_tens or p.has_teen:
        return STOP
    if e.article:
        if not first:
            return STOP
        return Reading(e.value, "ordinal", p.j + 1, 1)
    p.group += e.value
    p.has_tens = True
    return ACCEPT


def _hundreds(sc: Scan, p: _Parse, w: str, e: ArWord, first: bool, joined: bool) -> _StepResult:
    if (
        w in _HUNDRED_WORDS
        and p.has_unit
        and not p.has_hundreds
        and not p.has_tens
        and not p.has_teen
        and e.prefix_len == 0
        and not first
    ):  # "ثلاث مئة"
        p.group = p.group - p.unit + p.unit * 100
        p.has_unit, p.has_hundreds = False, True
    elif (first or joined) and p.group == 0:
        p.group += e.value
        p.has_hundreds = True
    else:
        return STOP
    return ACCEPT


def _scale(sc: Scan, p: _Parse, w: str, e: ArWord, first: bool, joined: bool) -> _StepResult:
    form, v = e.cat[1:], int(e.value)  # a scale (ألف، مليون ...) is a whole number
    if v >= p.last_scale:
        return STOP
    if form == "du":
        if p.group or not (first or joined):
            return STOP
        p.total += 2 * v
    elif form == "pl":
        if p.group == 0 or e.prefix_len:
            return STOP
        p.total += p.group * v
    elif p.group == 0:
        if not (first or joined):
            return STOP
        p.total += v
    else:
        if e.prefix_len:
            return STOP
        p.total += p.group * v
    p.end_group(v)
    p.best = Reading(p.total, "cardinal", p.j + 1, v)
    p.j += 1
    if p.j < sc.n and sc.word(p.j) == "ونصف":
        return Reading(p.total + Fraction(v, 2), "cardinal", p.j + 1, v)
    return MOVED


FAMILY = "ال"  # آل folded: "آل ثاني" (Al Thani) is a family name, not "the second"


def _ordinal(sc: Scan, p: _Parse, w: str, e: ArWord, first: bool, joined: bool) -> _StepResult:
    if not first or p.cont or sc.word(p.j - 1) == FAMILY:
        return STOP
    p.ordinal = True
    p.group = e.value
    if e.cat == "o":
        p.best = Reading(e.value, "ordinal", p.j + 1, 1)
    p.j += 1
    return MOVED


def _fraction(sc: Scan, p: _Parse, w: str, e: ArWord, first: bool, joined: bool) -> _StepResult:
    if not first or p.cont:
        return STOP
    nw = sc.word(p.j + 1)
    if nw in _FINAL:
        return None
    scale = AR.get(nw or "")
    if scale and scale.cat == "ssg" and scale.prefix_len == 0:
        return Reading(e.value * scale.value, "cardinal", p.j + 2, int(scale.value))
    return Reading(e.value, "fraction", p.j + 1, 1)


def _plural_denominator(sc: Scan, p: _Parse, w: str, e: ArWord, first: bool, joined: bool) -> _StepResult:
    if not p.has_unit or p.has_tens or p.has_hundreds or p.has_teen or e.prefix_len:
        return STOP
    return Reading(p.total + Fraction(p.group, e.value), "fraction", p.j + 1, 1)


_STEPS: dict[str, _StepFn] = {
    "u": _unit,
    "p1": _teen_first,
    "ten": _ten,
    "t": _tens,
    "h": _hundreds,
    "ssg": _scale,
    "spl": _scale,
    "sdu": _scale,
    "o": _ordinal,
    "op1": _ordinal,
    "f": _fraction,
    "fp": _plural_denominator,
}


class Continued(NamedTuple):
    """A number extended by the parts after its scale: value, the token after them, their end offset."""

    value: Num
    next_tok: int
    end: int


def ar_continue(sc: Scan, total: Num, last: int, j: int, e: int) -> Continued:
    """After an Arabic scale: "و500", "وثمانمئة", "ونصف" (smaller parts joined by و)."""
    kinds, texts, ends, n = sc.kinds, sc.texts, sc.ends, sc.n
    k = j
    w = sc.word(k)
    if w == "ونصف":
        return Continued(total + Fraction(last, 2), k + 1, ends[k])
    if w == "و" and k + 1 < n and (kinds[k + 1] == "d" or (sc.word(k + 1) or "") in AR):
        k += 1
    elif (w is None or w not in AR or not AR[w].conj) and not (w == "و" and k + 1 < n):
        return Continued(total, j, e)
    if k < n and kinds[k] == "d" and texts[k].isdigit() and len(texts[k]) <= 15:
        v = int(texts[k])
        scale = AR.get(sc.word(k + 1) or "")
        if (
            scale
            and scale.cat in ("ssg", "spl")
            and scale.prefix_len == 0
            and scale.value < last
            and v * scale.value < last
        ):
            return ar_continue(sc, total + v * scale.value, int(scale.value), k + 2, ends[k + 1])
        if v < last:
            return Continued(total + v, k + 1, ends[k])
        return Continued(total, j, e)
    res = parse_ar(sc, k, cont=True, limit=last)
    if res is None or res.kind != "cardinal":
        return Continued(total, j, e)
    return Continued(total + res.value, res.end_tok, ends[res.end_tok - 1])
