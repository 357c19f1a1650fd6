"""What a number counts: "25 children", "a 24-year-old", "£515m", "500 tonnes", "3 أيام".

Read from the words around each number mention (the mention itself comes from
extract.py), English and Arabic, with the bilingual lexicon of counted_lexicon.py.
A mention gets a :class:`Counted` only where the text says what it counts;
otherwise None, and None never conflicts with anything.

Rules (looked for in this order):
* a currency sign or code just before the number ("$5", "US$ 5", "£515m", "USD 5");
* the words right after it: a unit or noun ("25 children", "10km", "5 tonnes of",
  "25 طفلا", "من الأطفال"), after up to two English modifiers ("25 more young
  children"), but not past a time adverb ("£5m last week"), another number word or
  the word a hyphen binds the number to ("a 46-ball ton"); "-year-old(s)", "years
  old", "عاما من العمر" make an age; "square km", "كيلومتر مربع" an area; "km/h",
  "miles an hour" a speed; "طالب لجوء" an asylum seeker;
* in an English noun-noun compound the last noun counts ("10 police cars": vehicles;
  among kinds of people the first, "child soldiers": children), and a singular noun
  after a number other than 1 modifies the plural after it ("two car bombs": not cars);
* an age cue just before: "aged 24", "age 24", "يبلغ من العمر 24 عاما", "البالغ 24
  عاما", a person noun right before "N عاما" ("طفل 12 عاما"), or a bracket around
  it after a name ("ساركوزي (63 عاما)");
* the two ends of a range share what they count ("10-15 children", "$10-15m").
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Final, NamedTuple

from . import counted_lexicon as C
from .extract import NumberMention, fold
from .tables import EN as EN_NUMBER_WORDS

__all__ = [
    "Counted",
    "CountedThings",
    "counted_things",
    "compatible",
    "conflict_reason",
    "date_conflict_reason",
    "unit_label",
]

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
# Categories of things counted one by one, whose nouns also modify other nouns ("two car bombs").
COUNT_NOUN_CATEGORIES = frozenset(
    {"people", "votes", "seats", "goals", "points", "buildings", "vehicles", "matches", "countries"}
)


def _en_singulars() -> frozenset[str]:
    """Lexicon nouns of things counted one by one whose plural is in the lexicon too ("car": "cars")."""
    words = C.EN_WORDS
    return frozenset(
        w
        for w, u in words.items()
        if C.UNITS[u][0] in COUNT_NOUN_CATEGORIES
        and any(p in words and p != w for p in (w + "s", w + "es", w[:-1] + "ies", w[:-2] + "en", w + "ren"))
    )


def _en_plurals() -> frozenset[str]:
    """Lexicon nouns of things counted one by one written in the plural ("cars", "men", "police")."""
    singular = _en_singulars()
    return frozenset(
        w
        for w, u in C.EN_WORDS.items()
        if C.UNITS[u][0] in COUNT_NOUN_CATEGORIES
        and w not in singular
        and (w.endswith(("s", "men")) or w in C.EN_COLLECTIVE)
    )


EN_SINGULAR = _en_singulars()
EN_PLURAL = _en_plurals()
AR_AGE_CUES = frozenset(fold(w) for w in C.AR_AGE_CUES)
AR_YEAR_UNIT = "year"
_AR_SQUARE = {fold(C.AR_SQUARE), fold(C.AR_SQUARE) + "ا", fold(C.AR_SQUARE) + "ه"}
_AR_CUBIC = {fold(C.AR_CUBIC), fold(C.AR_CUBIC) + "ا", fold(C.AR_CUBIC) + "ه"}
_AR_EGYPTIAN = fold(C.AR_EGYPTIAN)
_AR_STERLING = {fold("إسترليني"), fold("استرليني")}
_AR_CELSIUS = fold("مئوية")
_AR_KILO = fold(C.AR_KILO)
_AR_TONNE = fold("طن")
_AR_OIL_EQUIVALENT = tuple(fold(word) for word in C.AR_OIL_EQUIVALENT)
_AR_OF, _AR_AGE = "من", fold("العمر")
_AR_HOUR = fold("الساعة")
_AR_ASYLUM = {fold(C.AR_ASYLUM), fold("ال" + C.AR_ASYLUM)}

# Words (with their Arabic diacritics and tatweel) or single non-space characters.
_TOKEN = re.compile(r"(?:[^\W\d_]|[\u0610-\u061a\u064b-\u065f\u0670\u0640])+(?:'(?!s\b)[a-z]+)?|\S")
_CURRENCY_BEFORE = re.compile(r"(?<![A-Za-z])(US\$|\$|£|€|¥|USD|GBP|EUR|Rs\.?)\s?$", re.IGNORECASE)
# The last characters _CURRENCY_BEFORE can match, whatever the case ("ſ" is a long s).
_CURRENCY_ENDS = frozenset("$£€¥.DPRSdprsſ")
_RANGE_GAP = re.compile(r"\s*(?:-|–|to|and|و|الى|إلى|حتى)\s*$")
_WINDOW = 60
_AGE_CUE_ENDS = frozenset(w[-1] for w in C.EN_AGE_BEFORE | {"of"})  # the words _before reads


class _Tok(NamedTuple):
    word: str  # folded, lower case
    start: int
    end: int


_new_tok = partial(tuple.__new__, _Tok)  # _Tok((word, start, end)) without the Python-level __new__
_fold_word = lru_cache(maxsize=1 << 14)(fold)  # news repeats its words


class _After(list):
    """The words of text[a:b] (a window after a number), read from the left as far as asked.

    ``toks.word(i)`` reads up to the i-th word; ``toks[i]`` is a word already read.
    """

    __slots__ = ("_found",)

    def __init__(self, text: str, a: int, b: int) -> None:
        super().__init__()
        self._found = _TOKEN.finditer(text, a, b)

    def word(self, i: int) -> str:
        """The i-th word, or "" past the end of the window."""
        while len(self) <= i:
            m = next(self._found, None)
            if m is None:
                return ""
            word = _fold_word(m.group())
            if word:  # a lone diacritic folds to nothing and is no word
                self.append(_new_tok((word, *m.span())))
        return self[i].word


def _words(text: str, a: int, b: int) -> list[_Tok]:
    toks = [_new_tok((_fold_word(m.group()), *m.span())) for m in _TOKEN.finditer(text, a, b)]
    return [t for t in toks if t.word]


class _Before:
    """The words of text[a:b] (a window before a number), read from the right as far as asked."""

    __slots__ = ("_asked", "_text", "_toks", "a", "b")

    def __init__(self, text: str, a: int, b: int) -> None:
        self._text, self.a, self.b = text, a, b
        self._toks: list[_Tok] = []
        self._asked = 0

    def last(self, n: int) -> list[_Tok]:
        """The last ``n`` words (all of them where there are fewer), as reading all the window gives them.

        No word holds a space, so the words after a space are the same wherever the
        reading starts before it: read from the ``n``-th space-separated chunk from
        the end, and from further back only while that gives fewer than ``n`` words.
        """
        if n > self._asked:
            text, a, b = self._text, self.a, self.b
            start = end = b
            chunks = 0
            while True:
                while chunks < n and start > a:
                    space = text.rfind(" ", a, end)
                    chunk_start = a if space < 0 else space + 1
                    chunks += chunk_start < end
                    start, end = chunk_start, space
                toks = _words(text, start, b)
                if len(toks) >= n or start == a:
                    break
                chunks = len(toks)
            self._toks, self._asked = toks, n
        return self._toks[-n:]


def _last_letter(text: str, a: int, b: int) -> str:
    """The last character of the last word of text[a:b] ("" if none), found without reading the words.

    Every character but a space is in a word or a sign, folding goes character by
    character, and a word that folds to nothing is dropped: so the last word ends
    as the last character that is no space and does not fold to nothing.
    """
    for j in range(b - 1, a - 1, -1):
        folded = _fold_word(text[j])
        if folded and not text[j].isspace():
            return folded[-1]
    return ""


def _is_ar(word: str) -> bool:
    return "\u0600" <= word[0] <= "\u06ff"


def _make(text: str, unit: str, start: int, end: int) -> Counted:
    category, en, ar = C.UNITS[unit]
    return Counted(category, unit, text[start:end], start, end, {"en": en, "ar": ar})


def _after(text: str, toks: _After, before: _Before, many: bool) -> Counted | None:
    """What the words right after a number say it counts (``many``: the number is not 1)."""
    i = 1 if toks.word(0) == "-" else 0
    first = toks.word(i)
    if not first:
        return None
    if first == "°":
        nxt = toks.word(i + 1)
        unit = {"c": "celsius", "f": "fahrenheit"}.get(nxt)
        return _make(text, unit or "degree", toks[i].start, toks[i + 1 if unit else i].end)
    if _is_ar(first):
        return _after_ar(text, toks, i, before)
    for k in range(i, i + 3):
        w = toks.word(k)
        if not w.isalpha() or _is_ar(w):  # "" past the end is not alpha
            return None
        if w in ("square", "sq", "cubic"):
            unit = EN_FORMS.get(toks.word(k + 1))
            if w == "cubic" and unit == "metre":
                return _make(text, "m3", toks[k].start, toks[k + 1].end)
            if w != "cubic" and unit in C.EN_SQUARE:
                return _make(text, C.EN_SQUARE[unit], toks[k].start, toks[k + 1].end)
            return None
        unit = EN_FORMS.get(w)
        if unit is not None:
            if i == 0 and C.UNITS[unit][0] in COUNT_NOUN_CATEGORIES:
                return _en_compound(text, toks, k, unit, many)
            return _en_unit(text, toks, k, unit)
        if w in C.EN_STOP or (k > i and w in ("pounds", "pound")):
            return None
        if w in ("pounds", "pound"):
            if toks.word(k + 1) == "sterling":
                return _make(text, "GBP", toks[k].start, toks[k + 1].end)
            return None  # money or weight: the text does not say
        if i or w in EN_NUMBER_WORDS:  # "a 46-ball ton": the hyphen binds the number to its word;
            return None  # "41 four days ago": what "four" counts
    return None


def _en_compound(text: str, toks: _After, k: int, unit: str, many: bool) -> Counted | None:
    """A noun of a thing counted one by one, or the noun it modifies: "10 police cars", "two car bombs"."""
    nxt = toks.word(k + 1)
    if not nxt.isalpha() or text[toks[k].end : toks[k + 1].start] != " ":
        return _make(text, unit, toks[k].start, toks[k].end)
    head = EN_FORMS.get(nxt)
    if head is not None:
        # the last noun is the head; among people the first is kept ("child soldiers" are children too).
        # Only a singular or collective noun modifies another ("10 police cars"); two plurals are two
        # phrases ("10 cars police said"), and the first is what is counted.
        modifier = toks[k].word in EN_SINGULAR or toks[k].word in C.EN_COLLECTIVE
        if modifier and nxt in EN_PLURAL and C.UNITS[head][0] != C.UNITS[unit][0]:
            return _make(text, head, toks[k].start, toks[k + 1].end)
    elif many and toks[k].word in EN_SINGULAR and nxt.endswith("s") and not nxt.endswith("ss") and nxt not in C.EN_STOP:
        return None  # a singular noun after "two" modifies the plural after it: "two car bombs"
    return _make(text, unit, toks[k].start, toks[k].end)


def _en_unit(text: str, toks: _After, k: int, unit: str) -> Counted | None:
    """Refine an English unit by the words after it (year-old, km/h, degrees Celsius)."""
    nxt, start = toks.word(k + 1), toks[k].start
    j = k + 2 if nxt == "-" else k + 1
    if unit == "year" and toks.word(j) in ("old", "olds"):
        return _make(text, "age", start, toks[j].end)
    if unit == "year" and toks.word(j) == "of" and toks.word(j + 1) == "age":
        return _make(text, "age", start, toks[j + 1].end)
    if unit in ("km", "mile"):
        if nxt == "/" and toks.word(k + 2) == "h":
            return _make(text, "km/h" if unit == "km" else "mph", start, toks[k + 2].end)
        if nxt in ("per", "an", "a") and toks.word(k + 2) == "hour":
            return _make(text, "km/h" if unit == "km" else "mph", start, toks[k + 2].end)
    if unit == "degree" and nxt in ("celsius", "centigrade", "c", "fahrenheit", "f"):
        return _make(text, "fahrenheit" if nxt[0] == "f" else "celsius", start, toks[k + 1].end)
    return _make(text, unit, start, toks[k].end)


def _after_ar(text: str, toks: _After, i: int, before: _Before) -> Counted | None:
    """Arabic: the noun right after the number, or after من ("25 من الأطفال")."""
    if toks.word(i) == _AR_OF:
        i += 1
    unit = AR_FORMS.get(toks.word(i))
    if unit is None:
        return None
    start, end = toks[i].start, toks[i].end
    nxt = toks.word(i + 1)
    if unit == AR_YEAR_UNIT:
        aged = nxt == _AR_OF and toks.word(i + 2) == _AR_AGE
        if aged or _age_cue_ar(before) or (nxt == ")" and _opens_bracket(text, before)):
            return _make(text, "age", start, toks[i + 2].end if aged else end)
    elif unit in ("kg", "tonne") and (unit == "tonne" or (toks.word(i) == _AR_KILO and nxt == _AR_TONNE)):
        # "كيلو طن" (kilotonnes), "طن مكافئ نفط" / "كيلو طن مكافئ نفط" (oil equivalent)
        last = i if unit == "tonne" else i + 1
        oil = (toks.word(last + 1), toks.word(last + 2)) == _AR_OIL_EQUIVALENT
        compound = ("ktoe" if oil else "kt") if last > i else ("toe" if oil else "tonne")
        return _make(text, compound, start, toks[last + 2 if oil else last].end)
    elif unit == "students" and nxt in _AR_ASYLUM:
        return _make(text, "migrants", start, toks[i + 1].end)  # طالب لجوء: an asylum seeker
    elif nxt in _AR_SQUARE and unit in ("km", "metre", "mile"):
        return _make(text, {"km": "km2", "metre": "m2", "mile": "mile2"}[unit], start, toks[i + 1].end)
    elif nxt in _AR_CUBIC and unit == "metre":
        return _make(text, "m3", start, toks[i + 1].end)
    elif unit == "pound" and (nxt == _AR_EGYPTIAN or nxt in _AR_STERLING):
        return _make(text, "EGP" if nxt == _AR_EGYPTIAN else "GBP", start, toks[i + 1].end)
    elif unit == "degree" and nxt == _AR_CELSIUS:
        return _make(text, "celsius", start, toks[i + 1].end)
    elif unit in ("km", "mile") and nxt == "في" and toks.word(i + 2) == _AR_HOUR:
        return _make(text, "km/h" if unit == "km" else "mph", start, toks[i + 2].end)
    return _make(text, unit, start, end)


def _opens_bracket(text: str, before: _Before) -> bool:
    """Whether an opening bracket is right before the number: "ساركوزي (63 عاما)" gives an age."""
    j = before.b - 1
    while j >= before.a and text[j].isspace():
        j -= 1
    return j >= before.a and text[j] == "("


def _age_cue_ar(before: _Before) -> bool:
    """An age cue among the three words before "N عاما", or a person noun right before it."""
    if any(t.word in AR_AGE_CUES for t in before.last(3)):
        return True
    last = before.last(1)
    return bool(last) and C.UNITS.get(AR_FORMS.get(last[0].word, ""), ("",))[0] == "people"


def _before(text: str, m: NumberMention, before: _Before) -> Counted | None:
    """A currency sign or code, or an English age cue, right before the number."""
    # the sign or code ends at most 3 characters before the number ("$ \n5" ends the window)
    cur = (
        None
        if _CURRENCY_ENDS.isdisjoint(text[max(0, m.start - 3) : m.start])
        else _CURRENCY_BEFORE.search(text, max(0, m.start - 5), m.start)
    )
    if cur:
        sign = cur.group(1).lower().rstrip(".")
        return _make(text, C.CURRENCY_BEFORE[sign], cur.start(1), cur.end(1))
    if _last_letter(text, before.a, before.b) not in _AGE_CUE_ENDS:
        return None
    last = before.last(1)
    if last:
        word = last[0].word
        if word == "of":
            two = before.last(2)
            if len(two) > 1 and two[0].word in C.EN_AGE_BEFORE:
                return _make(text, "age", two[0].start, two[1].end)
        if word in C.EN_AGE_BEFORE:
            return _make(text, "age", last[0].start, last[0].end)
    return None


def counted_thing(text: str, mention: NumberMention) -> Counted | None:
    """What one mention counts, or None where the text does not say (ranges not joined)."""
    if mention.kind not in COUNTABLE_KINDS:
        return None
    before = _Before(text, max(0, mention.start - _WINDOW), mention.start)
    found = _before(text, mention, before)
    if found is not None:
        return found
    return _after(text, _After(text, mention.end, min(len(text), mention.end + _WINDOW)), before, mention.value != 1)


class _Unread(enum.Enum):
    """The mark of a mention whose counted thing is not read yet."""

    UNREAD = "unread"


_UNREAD: Final = _Unread.UNREAD


class CountedThings:
    """What each mention of a text counts, read the first time it is asked for.

    ``things[k]`` is what ``mentions[k]`` counts, or None where the text does not
    say. The two ends of a range share what they count: the ends of a run of joined
    range ends are read together, in text order.
    """

    __slots__ = ("_things", "mentions", "text")

    def __init__(self, text: str, mentions: Sequence[NumberMention]) -> None:
        self.text = text
        self.mentions = mentions
        self._things: list[Counted | _Unread | None] = [_UNREAD] * len(mentions)

    def __len__(self) -> int:
        return len(self.mentions)

    def __getitem__(self, k: int) -> Counted | None:
        thing = self._things[k]
        if thing is _UNREAD:
            self._read_run(k)
            thing = self._things[k]
            if thing is _UNREAD:
                raise RuntimeError(f"mention {k} was not read")  # _read_run reads the run that holds k
        return thing

    def all(self) -> list[Counted | None]:
        """What every mention counts, in mention order."""
        return [self[k] for k in range(len(self.mentions))]

    def _joined(self, k: int) -> bool:
        """Whether mentions k and k + 1 are the two ends of one range ("10-15", "10 to 15")."""
        a, b = self.mentions[k], self.mentions[k + 1]
        return (
            a.kind == b.kind == "range_end"
            and b.start - a.end <= 8
            and _RANGE_GAP.match(self.text, a.end, b.start) is not None
        )

    def _read_run(self, k: int) -> None:
        if self.mentions[k].kind != "range_end":
            self._things[k] = counted_thing(self.text, self.mentions[k])
            return
        first, last = k, k
        while first > 0 and self._joined(first - 1):
            first -= 1
        while last + 1 < len(self.mentions) and self._joined(last):
            last += 1
        things = [counted_thing(self.text, self.mentions[j]) for j in range(first, last + 1)]
        for j in range(len(things) - 1):  # left to right, so a thing reaches along the run
            if (things[j] is None) != (things[j + 1] is None):
                things[j] = things[j] or things[j + 1]
                things[j + 1] = things[j + 1] or things[j]
        self._things[first : last + 1] = things


def counted_things(text: str, mentions: Sequence[NumberMention]) -> list[Counted | None]:
    """What each mention counts (None where the text does not say), one per mention, same order."""
    return CountedThings(text, mentions).all()


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
    if c.category in (
        "people",
        "duration",
        "votes",
        "seats",
        "goals",
        "points",
        "buildings",
        "vehicles",
        "matches",
        "countries",
    ):
        return f"counts {c.label['en']}"
    return f"is in {c.label['en']}"


def conflict_reason(output: Counted, source: Counted, value_text: str) -> str:
    """Why an output number is not supported: "25 counts children here; in the source 25 is an age"."""
    return f"{value_text} {_describe(output)} here; in the source {value_text} {_describe(source)}"


def date_conflict_reason(output: Counted, source_kind: str, value_text: str) -> str:
    """Why a count is not supported by a date: "2019 counts people here; in the source 2019 is a year"."""
    what = "a year" if source_kind == "year" else "a day of the month"
    return f"{value_text} {_describe(output)} here; in the source {value_text} is {what}"
