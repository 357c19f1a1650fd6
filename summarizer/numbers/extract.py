"""Text -> number mentions, for English and Arabic news text.

The extractor folds the text (digits of every script to 0-9, ٬/٫ to ,/., hamza
and taa-marbuta forms, diacritics, tatweel, bidi marks, ASCII case), tokenizes it
with one linear regex, and walks the tokens once. Number words are looked up in
precomputed tables (including Arabic clitics و/ف/ب/ل/ك and the article), so a
word is only ever a number as a whole word. Offsets are mapped back to the
original text, so ``mention.text == text[mention.start:mention.end]``.

The work is split by seam: ``folding`` and ``tokens`` (text -> tokens), ``tables``
(word lookups), ``digits``, ``arabic`` and ``english`` (tokens -> readings),
``context`` (percent, time, date, year, ranges) and this module (the walk, and
the public mentions in original offsets).

Decisions (see also verify.py):
* Dual nouns (يومين "two days", هدفين "two goals") are not numbers; only the duals
  of number words are (ألفان/ألفين = 2000, مليونين, ملياري = 2e9, مئتين = 200).
* Vague quantities (dozens, hundreds of, thousands, عشرات، مئات، آلاف، ملايين،
  مليارات without a count) give no mention.
* "one" is a number except as a pronoun ("one of", "no one", "the one", "one
  another", "one by one"); "one day" counts as a number. أحد/إحدى are only numbers
  inside 11 (أحد عشر). "first"/أول/الأول are ranks, numbers only in dates
  ("the first of May", "الأول من مايو"); other ordinals always count, but "second"
  hyphened to a number is the unit of time ("a 60-second clip").
* Signs are ignored ("-5" is 5).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import lexicon as L
from .arabic import ar_continue, parse_ar
from .context import finish, link_ranges
from .digits import at_digits, digits_value
from .display import unread_numerals
from .english import parse_en
from .folding import fold
from .scan import Num, RawMention, Scan
from .tables import AR, AR_FEM_FIRST, AR_MONTHS2, EN, WALK_WORDS, is_arabic

__all__ = ["NumberMention", "extract_numbers", "fold", "scan_numbers"]


@dataclass(frozen=True, slots=True)
class NumberMention:
    """One number found in a text; ``text == source[start:end]``."""

    text: str
    value: int | float | str
    kind: str
    start: int
    end: int

    def to_dict(self) -> dict:
        """JSON-ready dict."""
        return {"text": self.text, "value": self.value, "kind": self.kind, "start": self.start, "end": self.end}


def _walk(sc: Scan) -> list[RawMention]:
    """Read every number in the tokens, in order, then link ranges."""
    kinds, texts, n = sc.kinds, sc.texts, sc.n
    words = WALK_WORDS
    i = 0
    while i < n:
        kind, w = kinds[i], texts[i]
        if kind == "w" and w not in words:
            i += 1
            continue
        nxt = None
        if kind == "d":
            nxt = at_digits(sc, i)
        elif kind == "w":
            if w in AR_MONTHS2 and sc.word(i + 1) in AR_MONTHS2[w]:
                nxt = i + 2  # a two-word month name, not a number
            elif w in EN or w in AR:
                nxt = _at_words(sc, i)
        elif w == "%":
            nxt = _leading_percent(sc, i)
        i = nxt if nxt is not None and nxt > i else i + 1
    link_ranges(sc)
    return sc.raws


def _leading_percent(sc: Scan, i: int) -> int | None:
    """A percent sign written before the digits (%5, as Arabic text often has it)."""
    if i + 1 < sc.n and sc.kinds[i + 1] == "d" and sc.glued(i, i + 1) and not (i and sc.kinds[i - 1] == "d"):
        reading = digits_value(sc.texts[i + 1])
        if reading.form == "num":
            sc.raws.append(RawMention(sc.starts[i], sc.ends[i + 1], reading.number, "percent", i, i + 2))
            return i + 2
    return None


def _at_words(sc: Scan, i: int) -> int | None:
    """Read the number spelled from word token i; returns the next token (None: nothing here)."""
    w = sc.texts[i]
    arabic = is_arabic(w)
    if not arabic and i + 1 < sc.n and sc.kinds[i + 1] == "d" and sc.glued(i, i + 1):
        return None  # "Twenty20": an identifier, handled at the digits
    res = parse_ar(sc, i) if arabic else parse_en(sc, i)
    if res is None:
        return None
    value, kind, j, mult = res
    if arabic and mult > 1 and kind == "cardinal":
        value, j, _ = ar_continue(sc, value, mult, j, sc.ends[j - 1])
    s = sc.starts[i]
    conj = False
    if arabic:
        entry = AR[w]
        plen = entry.prefix_len
        if entry.article:  # keep the article in the mention ("السابع")
            plen -= 2 if w[:plen].endswith("ال") else 1
        s += plen
        conj = entry.conj
    single = j == i + 1
    if single and w == "one" and _one_is_pronoun(sc, i):
        return i + 1
    if single and w == "second" and _second_is_unit(sc, i):
        return i + 1
    if single and w == "ست":  # ست is also "lady" (الست) and "six" only before a noun
        nw = sc.word(i + 1)
        if nw is None or nw.startswith("ال"):
            return i + 1
    return finish(
        sc,
        i,
        s,
        sc.ends[j - 1],
        value,
        kind,
        j,
        mult,
        conj,
        0,
        first_only=(single and (w == "first" or w in AR_FEM_FIRST)),
    )


def _one_is_pronoun(sc: Scan, i: int) -> bool:
    """Whether "one" at token i is a pronoun (one of, no one, one another, one by one)."""
    pw, nw = sc.word(i - 1), sc.word(i + 1)
    return (
        pw in L.EN_ONE_PRONOUN_BEFORE
        or nw in L.EN_ONE_PRONOUN_AFTER
        or sc.punct(i + 1, "'")
        or (pw == "by" and sc.word(i - 2) == "one")
    )


def _second_is_unit(sc: Scan, i: int) -> bool:
    """Whether "second" at token i is the unit of time hyphened to a number ("a 60-second clip").

    Without the hyphen it stays the ordinal ("a 2-0 second leg", "60 second"): read as a unit, a
    wrong ordinal could pass as verified. Not after a year, a score or a range, nor before a hyphen
    ("two second-half goals").
    """
    if sc.punct(i + 1, "-") or not sc.raws or not (sc.punct(i - 1, "-") and sc.glued(i - 1, i)):
        return False
    last = sc.raws[-1]
    return (
        last.end_tok == i - 1
        and last.kind in ("cardinal", "decimal")
        and not (last.ndigits == 4 and not isinstance(last.value, str) and 1800 <= last.value <= 2100)
    )


def _value_out(v: Num | str) -> int | float | str:
    if isinstance(v, str):
        return v
    if v.denominator == 1:
        return int(v)
    return float(v)


def _with_unread(text: str, mentions: list[NumberMention], unread: list[tuple[int, int]]) -> list[NumberMention]:
    """``mentions`` with each run of numerals the extractor does not read ("⑤⓪⓪", "10⁶") as a code mention.

    A run glued to a number read in digits takes it in ("10⁶" is one mention, not 10); a run inside a
    mention ("11½") is already read. See display.py.
    """
    out = list(mentions)
    for s, e in unread:
        touching = [m for m in out if m.start <= e and s <= m.end]
        if any(m.start <= s and e <= m.end for m in touching):
            continue
        s = min([s, *(m.start for m in touching)])
        e = max([e, *(m.end for m in touching)])
        out = [m for m in out if m not in touching]
        out.append(NumberMention(text[s:e], text[s:e], "code", s, e))
    return sorted(out, key=lambda m: m.start)


def extract_numbers(text: str) -> list[NumberMention]:
    """All number mentions in ``text``, sorted by start and non-overlapping. Never raises."""
    return scan_numbers(text)[0]


def scan_numbers(text: str) -> tuple[list[NumberMention], Scan | None]:
    """:func:`extract_numbers`, and the read text (its tokens and raw mentions) for the date reader."""
    try:
        if not isinstance(text, str) or not text:
            return [], None
        sc = Scan(text)
        res: list[NumberMention] = []
        last_end = -1
        for r in sorted(_walk(sc), key=lambda r: r.start):
            s, e = sc.orig(r.start), sc.orig(r.end)
            if s < last_end or e <= s:
                continue
            res.append(NumberMention(text[s:e], _value_out(r.value), r.kind, s, e))
            last_end = e
        unread = unread_numerals(text)
        return (_with_unread(text, res, unread) if unread else res), sc
    except Exception:  # pragma: no cover  # noqa: BLE001  defensive: extraction must never raise
        return [], None
