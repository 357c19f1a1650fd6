"""Lookup tables built once from ``lexicon``: folded number words and the words around numbers."""

from __future__ import annotations

from fractions import Fraction
from typing import NamedTuple

from . import lexicon as L
from .folding import fold


class EnWord(NamedTuple):
    """An English number word.

    cat: "u" unit, "T" teen, "t" tens, "H" hundred, "s" scale, "o" ordinal,
    "f" fraction denominator, "dz" dozen, "a" article (a/an).
    """

    cat: str
    value: int


class ArWord(NamedTuple):
    """An Arabic number word as written, clitics and article included.

    cat: "u" unit, "ten", "p1" first part of 11/12 (أحد/إحدى/اثنا ...), "t" tens,
    "h" hundreds, "ssg"/"spl"/"sdu" scale (singular, plural, dual form), "o" ordinal,
    "op1" the "one" of compound ordinals (حادي), "f" fraction, "fp" plural denominator.
    """

    cat: str
    value: int | Fraction
    prefix_len: int  # length of the clitic prefix (و، ب، ال ...)
    conj: bool  # the prefix starts with و or ف ("and")
    article: bool  # the prefix holds the article ال


NOT_EN = EnWord("", 0)  # stands in for a word that is not in EN

EN: dict[str, EnWord] = {}
for _w, _v in L.EN_UNITS.items():
    EN[_w] = EnWord("u", _v)
for _w, _v in L.EN_TEENS.items():
    EN[_w] = EnWord("T", _v)
for _w, _v in L.EN_TENS.items():
    EN[_w] = EnWord("t", _v)
EN[L.EN_HUNDRED] = EnWord("H", 100)
for _w, _v in L.EN_SCALES.items():
    EN[_w] = EnWord("s", _v)
for _w, _v in L.EN_ORDINALS.items():
    EN[_w] = EnWord("o", _v)
for _w in (
    "half",
    "halves",
    "thirds",
    "quarter",
    "quarters",
    "fifths",
    "sixths",
    "sevenths",
    "eighths",
    "ninths",
    "tenths",
    "fourths",
):
    EN[_w] = EnWord("f", L.EN_FRACTION_DENOMS[_w])
EN[L.EN_DOZEN] = EnWord("dz", 12)
for _w in L.EN_ARTICLES:
    EN[_w] = EnWord("a", 1)

AR: dict[str, ArWord] = {}


def _add_ar(base: str, cat: str, value: int | Fraction, prefixes: tuple[str, ...]) -> None:
    b = fold(base)
    for p in prefixes:
        key = p + b
        if key in AR and AR[key].prefix_len <= len(p):
            continue  # a shorter-prefix reading wins (واحد is one, not و+أحد)
        AR[key] = ArWord(cat, value, len(p), p[:1] in ("و", "ف"), "ال" in p or p.endswith("لل"))


_PLAIN = L.AR_PREFIXES
_ART = L.AR_ARTICLE_PREFIXES
for _w, _v in L.AR_UNITS.items():
    if fold(_w) == "ست":
        _add_ar(_w, "u", _v, ("", "و"))
    elif fold(_w) in {fold(x) for x in L.AR_NO_ARTICLE}:
        _add_ar(_w, "u", _v, _PLAIN)
    else:
        _add_ar(_w, "u", _v, _PLAIN + (_ART if _v >= 3 else ()))
for _w, _v in L.AR_TEN.items():
    _add_ar(_w, "ten", _v, _PLAIN + _ART)
for _w, _v in L.AR_TEEN_FIRST.items():
    _add_ar(_w, "p1", _v, _PLAIN)
for _w, _v in L.AR_TENS.items():
    _add_ar(_w, "t", _v, _PLAIN + _ART)
for _w, _v in L.AR_HUNDREDS.items():
    _add_ar(_w, "h", _v, _PLAIN)
for _w, (_v, _form) in L.AR_SCALES.items():
    _add_ar(_w, "s" + _form, _v, _PLAIN)
for _w, _v in L.AR_ORDINALS.items():
    _fem = fold(_w).endswith("ه") or fold(_w) == "اولي"
    _add_ar(_w, "o", _v, _ART if _fem else ("", "و", "ب", "ل", *_ART))
for _w, _v in L.AR_ORDINAL_ONE_COMPOUND.items():
    _add_ar(_w, "op1", _v, (*_ART, ""))
for _w, (_a, _b) in L.AR_FRACTIONS.items():
    _add_ar(_w, "f", Fraction(_a, _b), _PLAIN)
for _w, _v in L.AR_FRACTION_PLURALS.items():
    _add_ar(_w, "fp", _v, ("",))

AR_MONTHS: dict[str, int] = {}
for _w, _v in L.AR_MONTHS.items():
    for _p in ("", "و", "ب", "ل"):
        AR_MONTHS.setdefault(_p + fold(_w), _v)
AR_MONTHS2 = {fold(k): {fold(a): b for a, b in v.items()} for k, v in L.AR_MONTHS_TWO_WORD.items()}
for _k in list(AR_MONTHS2):
    for _p in ("و", "ب", "ل"):
        AR_MONTHS2[_p + _k] = AR_MONTHS2[_k]
AR_YEAR_CTX = {fold(w) for w in L.AR_YEAR_CONTEXT}
AR_TIME_AFTER = {fold(k): v for k, v in L.AR_TIME_AFTER.items()}
AR_SAA = {p + "الساعه" for p in ("", "و", "ب", "ف")}  # "the hour" before a clock time
AR_PCT1 = {"بالمئه", "بالمائه", "بالميه"}
AR_PCT2 = {"المئه", "المائه", "الميه"}
AR_FEM_FIRST = {"اولي", "اول", "الاول", "الاولي", "والاول", "والاولي", "باول", "لاول", "واول"}
CODE_PREFIX = {fold(k): v for k, v in L.CODE_PREFIX_WORDS.items()}
CODE_FAMILY = {fold(k): v for k, v in L.CODE_FAMILY_WORDS.items()}
# Words on which the walk may start a mention ("a"/"an" only lead to a number word).
TRIGGER = frozenset(EN) - {"a", "an"} | frozenset(AR) | frozenset(AR_MONTHS2)
WALK_WORDS = TRIGGER | frozenset(EN)  # words at which the walk does anything


def is_arabic(word: str) -> bool:
    """Whether a (non-empty) word token is Arabic script."""
    return "\u0600" <= word[0] <= "\u06ff"
