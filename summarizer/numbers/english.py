"""English number words -> Readings: cardinals, "and a half", ordinals, fractions, dozens."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from . import lexicon as L
from .scan import ACCEPT, BIG, MOVED, STOP, Num, Reading, Scan, Step
from .tables import EN, NOT_EN, EnWord

_AFTER_ARTICLE = ("third", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")  # "a third"


class _Parse:
    """The state of one English number being read, word by word."""

    __slots__ = (
        "best",
        "group",
        "has_hundreds",
        "has_teen",
        "has_tens",
        "has_unit",
        "j",
        "last_scale",
        "start",
        "total",
    )

    def __init__(self, start: int) -> None:
        self.start = self.j = start
        self.total: Num = 0  # the sum of the scaled parts so far
        self.group: Num = 0  # the part below the last scale
        self.last_scale = BIG
        self.has_hundreds = self.has_tens = self.has_unit = self.has_teen = False
        self.best: Reading | None = None


def parse_en(sc: Scan, i: int) -> Reading | None:
    """The English number spelled from word token i, or None."""
    entry = EN.get(sc.texts[i])
    if entry is None:
        return None
    p = _Parse(i)
    if entry.cat == "a" and not _after_article(sc, p):
        return None
    n = sc.n
    while p.j < n:
        w = sc.word(p.j)
        if w is None:
            break
        outcome: _StepResult
        if w == "and":
            outcome = _and(sc, p)
        else:
            entry = EN.get(w)
            step = _STEPS.get(entry.cat) if entry else None
            if entry is None or step is None:
                break
            outcome = step(sc, p, w, entry)
        if outcome is ACCEPT:
            _accept(sc, p)
        elif outcome is STOP:
            break
        elif outcome is not MOVED:
            return outcome
    return p.best


def _after_article(sc: Scan, p: _Parse) -> bool:
    """ "a thousand", "a dozen", "a third", "a half": start at the word after a/an as a count of 1."""
    nw = sc.word(p.start + 1)
    nxt = EN.get(nw or "")
    if not nxt or (nxt.cat not in ("H", "s", "dz", "f") and nw not in _AFTER_ARTICLE):
        return False
    p.group, p.j = 1, p.start + 1
    p.has_unit = True
    return True


def _accept(sc: Scan, p: _Parse) -> None:
    """Record the number so far and move past the word (and a hyphen joining the next number word)."""
    p.best = Reading(p.total + p.group, "cardinal", p.j + 1, 1 if p.last_scale == BIG else p.last_scale)
    j = p.j = p.j + 1
    if (
        j < sc.n
        and sc.punct(j, "-")
        and sc.glued(j - 1, j)
        and j + 1 < sc.n
        and sc.glued(j, j + 1)
        and sc.word(j + 1) in EN
    ):
        p.j += 1


def _and(sc: Scan, p: _Parse) -> Step | Reading:
    """ "and" inside a number ("two hundred and five", "a million and a half") or after it."""
    j = p.j
    if (p.has_hundreds or p.last_scale < BIG) and not p.has_unit and not p.has_tens and not p.has_teen and j + 1 < sc.n:
        nxt = EN.get(sc.word(j + 1) or "")
        if (
            nxt
            and nxt.cat in ("u", "T", "t", "o")
            and nxt.value < min(p.last_scale, 100 if p.has_hundreds else p.last_scale)
        ):
            p.j += 1
            return MOVED
    if _a_half_follows(sc, j) and (p.group or p.total):
        value = p.total + p.group + Fraction(1, 2)
        j += 3
        scale = EN.get(sc.word(j) or "")
        if scale and scale.cat == "s" and scale.value < p.last_scale:
            return Reading(value * scale.value, "cardinal", j + 1, scale.value)
        return Reading(value, "decimal", j, 1)
    return STOP


def _a_half_follows(sc: Scan, j: int) -> bool:
    """Whether tokens j+1, j+2 are "a half" (after "and" at j)."""
    return sc.word(j + 1) == "a" and sc.word(j + 2) == "half"


_StepResult = Step | Reading | None
_StepFn = Callable[[Scan, _Parse, str, EnWord], _StepResult]


def _unit(sc: Scan, p: _Parse, w: str, e: EnWord) -> _StepResult:
    if p.has_unit or p.has_teen or (e.value == 0 and p.j != p.start):
        return STOP
    if e.value == 0:
        return Reading(0, "cardinal", p.j + 1, 1)
    p.group += e.value
    p.has_unit = True
    return ACCEPT


def _teen_or_tens(sc: Scan, p: _Parse, w: str, e: EnWord) -> _StepResult:
    if p.has_unit or p.has_tens or p.has_teen:
        return STOP
    p.group += e.value
    if e.cat == "T":
        p.has_teen = True
    else:
        p.has_tens = True
    return ACCEPT


def _hundred(sc: Scan, p: _Parse, w: str, e: EnWord) -> _StepResult:
    if p.has_hundreds or p.group == 0 or p.group >= 100:
        return STOP
    p.group *= 100
    p.has_hundreds, p.has_unit, p.has_tens, p.has_teen = True, False, False, False
    return ACCEPT


def _scale(sc: Scan, p: _Parse, w: str, e: EnWord) -> _StepResult:
    if e.value >= p.last_scale or p.group == 0:
        return STOP
    p.total += p.group * e.value
    p.group, p.last_scale = 0, e.value
    p.has_hundreds = p.has_unit = p.has_tens = p.has_teen = False
    p.best = Reading(p.total, "cardinal", p.j + 1, e.value)
    p.j += 1
    if sc.word(p.j) == "and" and _a_half_follows(sc, p.j):
        return STOP
    return MOVED


def _ordinal(sc: Scan, p: _Parse, w: str, e: EnWord) -> _StepResult:
    j = p.j
    if (
        w in L.EN_FRACTION_DENOMS
        and p.group == 1
        and not p.has_tens
        and not p.has_hundreds
        and j > p.start
        and w != "second"
        and (sc.texts[j - 1] in ("a", "an", "one") or sc.punct(j - 1, "-"))
    ):
        return en_fraction(sc, Fraction(p.group, L.EN_FRACTION_DENOMS[w]), j + 1)  # "one third"
    if p.has_unit or p.has_teen:
        return STOP
    if e.value == 100:
        if p.group == 0 or p.has_hundreds:
            return STOP
        p.group *= 100
    else:
        p.group += e.value
    return Reading(p.total + p.group, "ordinal", j + 1, 1)


def _fraction(sc: Scan, p: _Parse, w: str, e: EnWord) -> _StepResult:
    j = p.j
    if w == "half" and j == p.start:
        nw = sc.word(j + 1)
        if nw in ("a", "an") and (scale := EN.get(sc.word(j + 2) or "", NOT_EN)).cat in ("s", "dz"):
            return Reading(Fraction(scale.value, 2), "cardinal", j + 3, scale.value)  # "half a million"
        if nw == "of" or EN.get(nw or "", NOT_EN).cat == "s":
            return en_fraction(sc, Fraction(1, 2), j + 1)
        return None
    if p.group == 0 or p.has_tens or p.has_hundreds or p.has_teen:
        return STOP
    plural = w.endswith("s")
    if (p.group == 1) == plural and not (p.group == 1 and w == "half"):
        return STOP
    return en_fraction(sc, Fraction(p.group, e.value), j + 1)


def _dozen(sc: Scan, p: _Parse, w: str, e: EnWord) -> _StepResult:
    if p.group == 0 or p.has_tens or p.has_hundreds or p.has_teen:
        return STOP
    return Reading(p.total + p.group * 12, "cardinal", p.j + 1, 1)


_STEPS: dict[str, _StepFn] = {
    "u": _unit,
    "T": _teen_or_tens,
    "t": _teen_or_tens,
    "H": _hundred,
    "s": _scale,
    "o": _ordinal,
    "f": _fraction,
    "dz": _dozen,
}


def en_fraction(sc: Scan, f: Fraction, j: int) -> Reading:
    """A fraction read up to token j, scaled by what follows ("a third of a million", "half a billion")."""
    w = sc.word(j)
    if w == "of" and sc.word(j + 1) in ("a", "an") and (scale := EN.get(sc.word(j + 2) or "", NOT_EN)).cat == "s":
        v = scale.value
        return Reading(f * v, "cardinal", j + 3, v)
    c = EN.get(w or "")
    if c and c.cat == "s":
        return Reading(f * c.value, "cardinal", j + 1, c.value)
    return Reading(f, "fraction", j, 1)
