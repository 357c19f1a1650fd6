"""What a number counts: "25 children", "a 24-year-old", "£515m", "500 tonnes", "3 أيام".

Read from the words around each number mention (the mention itself comes from
extract.py), English and Arabic, with the bilingual lexicon of counted_lexicon.py.
A mention gets a :class:`Counted` only where the text says what it counts;
otherwise None, and None never conflicts with anything.

Rules (looked for in this order):
* a currency sign or code just before the number ("$5", "US$ 5", "£515m", "USD 5");
* the words right after it: a unit or noun ("25 children", "10km", "5 tonnes of",
  "25 طفلا", "من الأطفال"), after up to two English modifiers ("25 more young
  children"); "-year-old", "years old", "عاما من العمر" make an age; "square km",
  "كيلومتر مربع" an area; "km/h", "miles an hour" a speed;
* an age cue just before: "aged 24", "age 24", "يبلغ من العمر 24 عاما", "البالغ 24
  عاما", or a person noun right before "N عاما" ("طفل 12 عاما");
* the two ends of a range share what they count ("10-15 children", "$10-15m").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from . import counted_lexicon as C
from .extract import NumberMention, fold

__all__ = ["Counted", "counted_things", "compatible", "conflict_reason", "unit_label"]

COUNTABLE_KINDS = frozenset({"cardinal", "decimal", "fraction", "range_end"})


@dataclass(frozen=True)
class Counted:
    """What one number mention counts, and the words that say so."""

    category: str
    unit: str | None
    words: str
    start: int
    end: int
    label: dict[str, str]


def unit_label(unit: str) -> dict[str, str]:
    """Dictionary label of a unit in each language, {"en": ..., "ar": ...}."""
    _, en, ar = C.UNITS[unit]
    return {"en": en, "ar": ar}


def _arabic_forms() -> dict[str, str]:
    """Folded Arabic forms with their clitics -> unit (a plain reading wins over a clitic one)."""
    plain = {fold(w): u for w, u in C.AR_WORDS.items()}
    forms: dict[str, str] = {}
    for prefix in ("و", "ف", "ب", "ل", "ك", "ال", "وال", "فال", "بال", "كال", "لل", "ولل", "وبال"):
        for w, u in plain.items():
            if len(w) > 2:  # "ين", "كم", "سم" only bare: "بين" is not "with yen"
                base = w[2:] if prefix.endswith("لل") and w.startswith("ال") else w
                forms[prefix + base] = u
    forms.update(plain)
    return forms


AR_FORMS = _arabic_forms()
EN_FORMS = C.EN_WORDS
AR_AGE_CUES = frozenset(fold(w) for w in C.AR_AGE_CUES)
AR_YEAR_UNIT = "year"
_AR_SQUARE = {fold(C.AR_SQUARE), fold(C.AR_SQUARE) + "ا", fold(C.AR_SQUARE) + "ه"}
_AR_CUBIC = {fold(C.AR_CUBIC), fold(C.AR_CUBIC) + "ا", fold(C.AR_CUBIC) + "ه"}
_AR_EGYPTIAN = fold(C.AR_EGYPTIAN)
_AR_STERLING = {fold("إسترليني"), fold("استرليني")}
_AR_CELSIUS = fold("مئوية")
_AR_OF, _AR_AGE = "من", fold("العمر")
_AR_HOUR = fold("الساعة")

# Words (with their Arabic diacritics and tatweel) or single non-space characters.
_TOKEN = re.compile(r"(?:[^\W\d_]|[\u0610-\u061a\u064b-\u065f\u0670\u0640])+(?:'(?!s\b)[a-z]+)?|\S")
_CURRENCY_BEFORE = re.compile(r"(?<![A-Za-z])(US\$|\$|£|€|¥|USD|GBP|EUR|Rs\.?)\s?$", re.IGNORECASE)
_RANGE_GAP = re.compile(r"\s*(?:-|–|to|and|و|الى|إلى|حتى)\s*$")
_WINDOW = 60


@dataclass(frozen=True, slots=True)
class _Tok:
    word: str  # folded, lower case
    start: int
    end: int


def _tokens(text: str, a: int, b: int) -> list[_Tok]:
    toks = [_Tok(fold(m.group()), m.start(), m.end()) for m in _TOKEN.finditer(text, a, b)]
    return [t for t in toks if t.word]  # a lone diacritic folds to nothing


def _is_ar(word: str) -> bool:
    return "\u0600" <= word[0] <= "\u06ff"


def _make(text: str, unit: str, start: int, end: int) -> Counted:
    return Counted(C.UNITS[unit][0], unit, text[start:end], start, end, unit_label(unit))


def _word_at(toks: list[_Tok], i: int) -> str:
    return toks[i].word if i < len(toks) else ""


def _after(text: str, toks: list[_Tok], before: list[_Tok]) -> Counted | None:
    """What the words right after a number say it counts."""
    i = 1 if _word_at(toks, 0) == "-" else 0
    if i >= len(toks):
        return None
    first = toks[i].word
    if first == "°":
        nxt = _word_at(toks, i + 1)
        unit = {"c": "celsius", "f": "fahrenheit"}.get(nxt)
        return _make(text, unit or "degree", toks[i].start, toks[i + 1 if unit else i].end)
    if _is_ar(first):
        return _after_ar(text, toks, i, before)
    for k in range(i, min(i + 3, len(toks))):
        w = toks[k].word
        if not w.isalpha() or _is_ar(w):
            return None
        if w in ("square", "sq", "cubic"):
            unit = EN_FORMS.get(_word_at(toks, k + 1))
            if w == "cubic" and unit == "metre":
                return _make(text, "m3", toks[k].start, toks[k + 1].end)
            if w != "cubic" and unit in C.EN_SQUARE:
                return _make(text, C.EN_SQUARE[unit], toks[k].start, toks[k + 1].end)
            return None
        unit = EN_FORMS.get(w)
        if unit is not None:
            return _en_unit(text, toks, k, unit)
        if w in C.EN_STOP or k > i and w in ("pounds", "pound"):
            return None
        if w in ("pounds", "pound"):
            if _word_at(toks, k + 1) == "sterling":
                return _make(text, "GBP", toks[k].start, toks[k + 1].end)
            return None  # money or weight: the text does not say
    return None


def _en_unit(text: str, toks: list[_Tok], k: int, unit: str) -> Counted | None:
    """Refine an English unit by the words after it (year-old, km/h, degrees Celsius)."""
    nxt, start = _word_at(toks, k + 1), toks[k].start
    j = k + 2 if nxt == "-" else k + 1
    if unit == "year" and _word_at(toks, j) == "old":
        return _make(text, "age", start, toks[j].end)
    if unit == "year" and _word_at(toks, j) == "of" and _word_at(toks, j + 1) == "age":
        return _make(text, "age", start, toks[j + 1].end)
    if unit in ("km", "mile"):
        if nxt == "/" and _word_at(toks, k + 2) == "h":
            return _make(text, "km/h" if unit == "km" else "mph", start, toks[k + 2].end)
        if nxt in ("per", "an", "a") and _word_at(toks, k + 2) == "hour":
            return _make(text, "km/h" if unit == "km" else "mph", start, toks[k + 2].end)
    if unit == "degree" and nxt in ("celsius", "centigrade", "c", "fahrenheit", "f"):
        return _make(text, "fahrenheit" if nxt[0] == "f" else "celsius", start, toks[k + 1].end)
    return _make(text, unit, start, toks[k].end)


def _after_ar(text: str, toks: list[_Tok], i: int, before: list[_Tok]) -> Counted | None:
    """Arabic: the noun right after the number, or after من ("25 من الأطفال")."""
    if toks[i].word == _AR_OF:
        i += 1
    unit = AR_FORMS.get(_word_at(toks, i))
    if unit is None:
        return None
    start, end = toks[i].start, toks[i].end
    nxt = _word_at(toks, i + 1)
    if unit == AR_YEAR_UNIT:
        aged = nxt == _AR_OF and _word_at(toks, i + 2) == _AR_AGE
        if aged or _age_cue_ar(before):
            return _make(text, "age", start, toks[i + 2].end if aged else end)
    elif nxt in _AR_SQUARE and unit in ("km", "metre", "mile"):
        return _make(text, {"km": "km2", "metre": "m2", "mile": "mile2"}[unit], start, toks[i + 1].end)
    elif nxt in _AR_CUBIC and unit == "metre":
        return _make(text, "m3", start, toks[i + 1].end)
    elif unit == "pound" and (nxt == _AR_EGYPTIAN or nxt in _AR_STERLING):
        return _make(text, "EGP" if nxt == _AR_EGYPTIAN else "GBP", start, toks[i + 1].end)
    elif unit == "degree" and nxt == _AR_CELSIUS:
        return _make(text, "celsius", start, toks[i + 1].end)
    elif unit in ("km", "mile") and nxt == "في" and _word_at(toks, i + 2) == _AR_HOUR:
        return _make(text, "km/h" if unit == "km" else "mph", start, toks[i + 2].end)
    return _make(text, unit, start, end)


def _age_cue_ar(before: list[_Tok]) -> bool:
    """An age cue among the three words before "N عاما", or a person noun right before it."""
    if any(t.word in AR_AGE_CUES for t in before[-3:]):
        return True
    return bool(before) and C.UNITS.get(AR_FORMS.get(before[-1].word, ""), ("",))[0] == "people"


def _before(text: str, m: NumberMention, before: list[_Tok]) -> Counted | None:
    """A currency sign or code, or an English age cue, right before the number."""
    cur = _CURRENCY_BEFORE.search(text, max(0, m.start - 5), m.start)
    if cur:
        sign = cur.group(1).lower().rstrip(".")
        return _make(text, C.CURRENCY_BEFORE[sign], cur.start(1), cur.end(1))
    if before:
        last = before[-1]
        if last.word == "of" and len(before) > 1 and before[-2].word in C.EN_AGE_BEFORE:
            return _make(text, "age", before[-2].start, last.end)
        if last.word in C.EN_AGE_BEFORE:
            return _make(text, "age", last.start, last.end)
    return None


def counted_thing(text: str, mention: NumberMention) -> Counted | None:
    """What one mention counts, or None where the text does not say."""
    if mention.kind not in COUNTABLE_KINDS:
        return None
    before = _tokens(text, max(0, mention.start - _WINDOW), mention.start)
    found = _before(text, mention, before)
    if found is not None:
        return found
    after = _tokens(text, mention.end, min(len(text), mention.end + _WINDOW))
    return _after(text, after, before)


def counted_things(text: str, mentions: Sequence[NumberMention]) -> list[Counted | None]:
    """What each mention counts (None where the text does not say), one per mention, same order."""
    things = [counted_thing(text, m) for m in mentions]
    for k in range(len(mentions) - 1):
        a, b = mentions[k], mentions[k + 1]
        if a.kind == b.kind == "range_end" and (things[k] is None) != (things[k + 1] is None) \
                and b.start - a.end <= 8 and _RANGE_GAP.match(text, a.end, b.start):
            things[k] = things[k] or things[k + 1]
            things[k + 1] = things[k + 1] or things[k]
    return things


_ROLES_NOT_CIVILIAN = frozenset({"soldiers", "police", "fighters"})


def compatible(a: Counted | None, b: Counted | None) -> bool:
    """Whether two counted things may be the same (None on either side: no conflict)."""
    if a is None or b is None:
        return True
    if a.category != b.category:
        return False
    ua, ub = a.unit, b.unit
    if ua is None or ub is None or ua == ub:
        return True
    if a.category == "people":
        if "people" in (ua, ub):
            return True
        if ua in C.PEOPLE_GROUPS or ub in C.PEOPLE_GROUPS:
            return not (ua in C.PEOPLE_GROUPS and ub in C.PEOPLE_GROUPS)
        if "civilians" in (ua, ub):
            return not ({ua, ub} & _ROLES_NOT_CIVILIAN)
        return False
    return ub in C.GENERIC_UNITS.get(ua, ()) or ua in C.GENERIC_UNITS.get(ub, ())


def _describe(c: Counted) -> str:
    if c.category == "age":
        return "is an age"
    if c.category in ("people", "duration", "votes", "seats", "goals", "points", "buildings",
                      "vehicles", "matches", "countries"):
        return f"counts {c.label['en']}"
    return f"is in {c.label['en']}"


def conflict_reason(output: Counted, source: Counted, value_text: str) -> str:
    """Why an output number is not supported: "25 counts children here; in the source 25 is an age"."""
    return f"{value_text} {_describe(output)} here; in the source {value_text} {_describe(source)}"
