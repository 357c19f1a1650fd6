"""Dates as values, in English and Arabic text, and the date checker (kind "date").

A date mention has a calendar (Gregorian or Hijri), a day, a month and a year where the text gives
them, and a weekday where it names one. Read forms:

* English: month names and abbreviations ("Oct.", "Sept."), "7 October", "October 7", "the 7th of
  October", "October 2023", "7/10/2023" (both readings), "2023-10-07", "7.10.2023"; weekdays
  ("Saturday, 7 October"); Hijri months in common spellings ("22 Rabi al-Awwal 1445 AH").
* Arabic: every regional set of month names in CLDR (read through ``babel``: أكتوبر، تشرين الأول،
  نونبر، جانفي ...), the press's combined forms ("14 أيار/مايو", "أيار (مايو)"), ordinal days
  ("السابع من أكتوبر"), Arabic-Indic digits; weekdays ("يوم السبت"); Hijri months (محرم ... ذو الحجة,
  genitive ذي الحجة, "هـ"), converted with ``hijridate`` (Umm al-Qura).

The rule (see README, "Dates"): a date in an output is supported only by a source date that is the same
day: the same month and day (and year where the output gives one; a year the source passage gives as
a number also counts), in any calendar, script or language; a weekday must be the source's (named, or
the weekday of its full date). A numeric date ("10/7") is supported when one of its readings is. A
date's day and year are not checked as loose numbers (``Finding.covers_numbers``). Relative dates
("yesterday", "الأسبوع الماضي") are named as not checked. A date that does not exist ("31 February",
"30 ذو الحجة" in a 29-day month) is read as written and compared as written.

Month tables are built once, on first use (``tables()``).
"""

from __future__ import annotations

import datetime
import functools
import re
from itertools import compress
from typing import TYPE_CHECKING

from . import lexicon as L
from .date_names import (  # noqa: F401  (re-exported: the eval script and tests read them here)
    _AR_AMBIGUOUS_WEEKDAYS,
    _AR_CLITICS,
    _AR_WEEKDAY_CUES,
    _DAY_KINDS,
    _EN_ABBREVIATIONS,
    _EN_EXTRA_MONTHS,
    _ERA_GREGORIAN,
    _ERA_HIJRI,
    _NUMERIC_CUES,
    _RELATIVE_AR_ONE,
    _RELATIVE_AR_TWO,
    _RELATIVE_EN,
    _SECOND_NAME_GAP,
    _YOM,
    AR_EXTRA_MONTHS,
    AR_HIJRI_MONTHS,
    EN_HIJRI_MONTHS,
    EN_MONTH_NAMES,
    GREGORIAN,
    HIJRI,
    HIJRI_MONTH_NAMES,
    WEEKDAY_NAMES,
    DateMention,
    DateValue,
    Tables,
    _month_forms,
    _weekday_forms,
    date_words,
    tables,
)
from .extract import scan_numbers
from .folding import fold
from .mentions import CheckContext, Finding, Mention, register_checker
from .scan import RawMention, Scan

if TYPE_CHECKING:
    from .mentions import SourceLike as SourceIndex

__all__ = ["DateValue", "DateMention", "extract_dates", "check_dates", "date_words", "tables"]

# ---------------------------------------------------------------------------------------------- reading


class _Reader:
    """One text's dates, read from the number extractor's tokens and raw mentions."""

    def __init__(self, text: str, sc: Scan, numeric: bool = True) -> None:
        self.text = text
        self.sc = sc
        self.numeric = numeric  # whether digits may be written as a date somewhere
        self.t = tables()
        self.raw_at: dict[int, RawMention] = {}  # days of the month: only where a month is named at all
        for raw in sc.raws if not self.t.first_words.isdisjoint(sc.texts) else ():
            value = raw.value
            if (
                raw.kind in _DAY_KINDS
                and not isinstance(value, str)
                and value == int(value)
                and 1 <= value <= 31
                and raw.first_tok not in self.raw_at
            ):
                self.raw_at[raw.first_tok] = raw

    # -- pieces

    def month_at(self, j: int) -> tuple[str, int, int] | None:
        """(calendar, month, next token) of a month name starting at token j."""
        sc, t = self.sc, self.t
        w = sc.word(j)
        if w is None or w not in t.first_words:
            return None
        for size in range(t.longest, 0, -1):
            words: list[str] = []
            k = j
            while len(words) < size and k < sc.n:
                if sc.kinds[k] == "w":
                    words.append(sc.texts[k])
                elif not (sc.kinds[k] == "p" and sc.texts[k] in "-'" and words):
                    break
                k += 1
            if len(words) == size and (found := t.months.get(tuple(words))):
                calendar, month = found
                if size == 1 and w in L.EN_MONTHS_CAPITAL_ONLY and not sc.token_has_upper(j):
                    return None
                if size == 1 and w in _EN_ABBREVIATIONS and sc.punct(k, ".") and sc.glued(k - 1, k):
                    k += 1  # "Oct."
                return calendar, month, k
        return None

    def day_at(self, j: int) -> tuple[int, int, int] | None:
        """(day, folded start, next token) of a day of the month at token j."""
        raw = self.raw_at.get(j)
        if raw is not None and (raw.ndigits <= 2 or raw.kind != "cardinal"):
            return int(raw.value), raw.start, raw.end_tok
        return None

    def year_at(self, j: int, calendar: str) -> tuple[int, str, int] | None:
        """(year, calendar, next token) of a year at token j (after an optional comma), with its era."""
        sc = self.sc
        if sc.punct(j, ","):
            j += 1
        if j < sc.n and sc.kinds[j] == "d" and len(sc.texts[j]) == 4 and sc.texts[j].isdigit():
            year = int(sc.texts[j])
            k = j + 1
            era = sc.word(k)
            if era in _ERA_HIJRI:
                return year, HIJRI, k + 1
            if era == "a" and sc.punct(k + 1, ".") and sc.word(k + 2) == "h":
                return year, HIJRI, k + 3 + sc.punct(k + 3, ".")
            if era in _ERA_GREGORIAN:
                return year, GREGORIAN, k + 1
            if (calendar == HIJRI and 1300 <= year <= 1600) or (calendar == GREGORIAN and 1000 <= year <= 2200):
                return year, calendar, k
        return None

    def weekday_at(self, i: int) -> tuple[int, int] | None:
        """(weekday, next token) of a weekday named at token i (after يوم when it is there)."""
        sc, t = self.sc, self.t
        w = sc.word(i)
        if w is None:
            return None
        cue = w in _YOM
        if cue:
            i += 1
            w = sc.word(i)
            if w is None:
                return None
        weekday = t.weekdays.get(w)
        if weekday is None:
            return None
        if "\u0600" <= w[0] <= "\u06ff":
            if not w.startswith(("ال", "وال", "بال", "فال", "لل")) and not cue:
                return None
            if (
                w in _AR_AMBIGUOUS_WEEKDAYS
                and not cue
                and sc.word(i - 1) not in _AR_WEEKDAY_CUES
                and self.date_at(i + 1) is None
            ):
                return None
        return weekday, i + 1

    def date_at(self, i: int) -> tuple[int, int, tuple[DateValue, ...]] | None:
        """(folded start, next token, readings) of a date (no weekday) starting at token i."""
        sc = self.sc
        day = self.day_at(i)
        if day is not None:
            value, start, j = day
            k = j + 1 if sc.word(j) in ("of", "من") else j
            month = self.month_at(k)
            if month is not None:
                calendar, number, k = month
                k = self._second_name(k, calendar, number)
                year = self.year_at(k, calendar)
                if year is not None:
                    return start, year[2], (DateValue(calendar, year[0], number, value),)
                return start, k, (DateValue(calendar, None, number, value),)
        month = self.month_at(i)
        if month is not None:
            calendar, number, k = month
            day = self.day_at(k)
            if day is not None:
                year = self.year_at(day[2], calendar)
                if year is not None:
                    return sc.starts[i], year[2], (DateValue(calendar, year[0], number, day[0]),)
                return sc.starts[i], day[2], (DateValue(calendar, None, number, day[0]),)
            year = self.year_at(k, calendar)
            if year is not None:
                return sc.starts[i], year[2], (DateValue(calendar, year[0], number, None),)
            return None
        if sc.kinds[i] == "d" if i < sc.n else False:
            return self._numeric(i)
        return None

    def _second_name(self, k: int, calendar: str, number: int) -> int:
        """After "أيار" in "أيار/مايو" or "أيار (مايو)": the token after the second name of the same month."""
        sc = self.sc
        j = k + 1 if sc.punct(k, "/") else k
        if j >= sc.n or sc.kinds[j] != "w" or not _SECOND_NAME_GAP.fullmatch(sc.folded[sc.ends[k - 1] : sc.starts[j]]):
            return k
        again = self.month_at(j)
        if again is not None and again[:2] == (calendar, number):
            return again[2]
        return k

    def _numeric(self, i: int) -> tuple[int, int, tuple[DateValue, ...]] | None:
        """7/10/2023, 10/7 (after a cue), 2023-10-07, 2023/10/07, 7.10.2023."""
        sc = self.sc
        texts = sc.texts
        first = texts[i]
        dotted = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", first)
        if dotted:
            a, b, y = (int(x) for x in dotted.groups())
            return sc.starts[i], i + 1, _readings(a, b, y)
        parts, k = [first], i
        sep = texts[k + 1] if k + 1 < sc.n and sc.kinds[k + 1] == "p" and texts[k + 1] in "/-" else None
        if sep is None:
            return None
        while (
            len(parts) < 3
            and sc.punct(k + 1, sep)
            and sc.glued(k, k + 1)
            and sc.glued(k + 1, k + 2)
            and sc.kinds[k + 2] == "d"
            and texts[k + 2].isdigit()
        ):
            parts.append(texts[k + 2])
            k += 2
        if (
            not all(p.isdigit() for p in parts)
            or len(parts) < 2
            or (sc.glued(k, k + 1) and sc.kinds[k + 1] == "p" and texts[k + 1] in "/-")
        ):
            return None
        if len(parts[0]) == 4 and len(parts) == 3 and len(parts[1]) <= 2 and len(parts[2]) <= 2:
            y, m, d = (int(x) for x in parts)
            if 1 <= m <= 12 and 1 <= d <= 31:
                return sc.starts[i], k + 1, (DateValue(GREGORIAN, y, m, d),)
            return None
        if sep != "/" or any(len(p) > 2 for p in parts[:2]):
            return None
        year = None
        if len(parts) == 3:
            if len(parts[2]) != 4:
                return None
            year = int(parts[2])
        elif sc.word(i - 1) not in _NUMERIC_CUES and self.t.weekdays.get(sc.word(i - 1) or "") is None:
            return None
        readings = _readings(int(parts[0]), int(parts[1]), year)
        return (sc.starts[i], k + 1, readings) if readings else None

    def relative_at(self, i: int) -> int | None:
        """The token after a relative date at token i ("yesterday", "last week", "الأسبوع الماضي")."""
        sc = self.sc
        w = sc.word(i)
        if w is None:
            return None
        if (w,) in _RELATIVE_EN or w in _RELATIVE_AR_ONE:
            return i + 1
        nxt = sc.word(i + 1)
        if nxt is not None and ((w, nxt) in _RELATIVE_EN or (w, nxt) in _RELATIVE_AR_TWO):
            return i + 2
        return None

    # -- the walk

    def read(self) -> list[DateMention]:
        sc = self.sc
        words, texts, kinds = self.t.starts, sc.texts, sc.kinds
        # where a date may start: a date word; a day the number extractor read, with a month after it;
        # digits before / or - (7/10, 2023-10-07) or with two dots (7.10.2023)
        first = self.t.first_words
        # one pass over the tokens: date words, and separators (a numeric date starts at the digits before)
        marks = self.t.starts_or_separators if self.numeric else words
        found = list(compress(range(len(texts)), map(marks.__contains__, texts)))  # in C: no Python per token
        starts = [j if kinds[j] == "w" else j - 1 for j in found if kinds[j] == "w" or (j and kinds[j - 1] == "d")]
        for j, raw in self.raw_at.items():
            w = sc.word(raw.end_tok)
            if w in first or (w in ("of", "من") and sc.word(raw.end_tok + 1) in first):
                starts.append(j)
        if self.numeric and _DOTTED_DATE.search(sc.folded):
            starts += [j for j, t in enumerate(texts) if kinds[j] == "d" and t.count(".") == 2]
        out: list[DateMention] = []
        after = 0  # the token after the last date found
        for i in sorted(set(starts)):
            if i < after:
                continue
            date = self._at(i)
            if date is None:
                continue
            start, end_tok, readings = date
            s, e = sc.orig(start), sc.orig(sc.ends[end_tok - 1])
            out.append(DateMention(self.text[s:e], s, e, readings))
            after = end_tok
        return out

    def _at(self, i: int) -> tuple[int, int, tuple[DateValue, ...]] | None:
        sc, t = self.sc, self.t
        w = sc.texts[i] if sc.kinds[i] == "w" else None  # each reading below needs its own kind of first token
        weekday = self.weekday_at(i) if w is not None and (w in t.weekdays or w in _YOM) else None
        if weekday is not None:
            day, k = weekday
            k2 = k + 1 if sc.punct(k, ",") else k
            date = self.date_at(k2)
            if date is not None:
                return sc.starts[i], date[1], tuple(r._replace(weekday=day) for r in date[2])
            return sc.starts[i], k, (DateValue(GREGORIAN, None, None, None, day),)
        date = self.date_at(i) if w is None or w in t.first_words or i in self.raw_at else None
        if date is not None:
            return date
        end = self.relative_at(i) if w is not None else None
        if end is not None:
            return sc.starts[i], end, ()
        return None


_DOTTED_DATE = re.compile(r"\.[0-9]{1,2}\.[0-9]{4}")  # 7.10.2023 (a literal first: a fast search)


def _readings(a: int, b: int, year: int | None) -> tuple[DateValue, ...]:
    """Day/month and month/day readings of a numeric date that can be dates at all."""
    readings = []
    if 1 <= b <= 12 and 1 <= a <= 31:
        readings.append(DateValue(GREGORIAN, year, b, a))
    if 1 <= a <= 12 and 1 <= b <= 31 and a != b:
        readings.append(DateValue(GREGORIAN, year, a, b))
    return tuple(readings)


def extract_dates(text: str, scan: Scan | None = None) -> list[DateMention]:
    """Every date (and relative date) in ``text``, in text order. Never raises.

    ``scan`` is the number extractor's reading of ``text`` (``extract.scan_numbers``), when the caller has it.
    """
    try:
        if not text:
            return []
        if scan is None:
            scan = scan_numbers(text)[1]
            if scan is None:
                return []
        texts = scan.texts
        numeric = "/" in texts or "-" in texts or _DOTTED_DATE.search(scan.folded) is not None  # cheap tests first
        if not numeric and tables().words.isdisjoint(scan.texts):
            return []
        return _Reader(text, scan, numeric).read()
    except Exception:  # pragma: no cover  # noqa: BLE001  defensive: reading must never raise
        return []


# ---------------------------------------------------------------------------------------------- values


@functools.lru_cache(maxsize=4096)
def _convert(value: DateValue, calendar: str) -> DateValue | None:
    """A full date in the other calendar (None: not a full date, does not exist, or out of range)."""
    if value.calendar == calendar:
        return value
    if value.year is None or value.month is None or value.day is None:
        return None
    try:
        from hijridate import Gregorian, Hijri

        if value.calendar == HIJRI:
            g = Hijri(value.year, value.month, value.day).to_gregorian()
            return DateValue(GREGORIAN, g.year, g.month, g.day, value.weekday)
        h = Gregorian(value.year, value.month, value.day).to_hijri()
        return DateValue(HIJRI, h.year, h.month, h.day, value.weekday)
    except (ValueError, OverflowError, TypeError):
        return None


@functools.lru_cache(maxsize=4096)
def _weekday(value: DateValue) -> int | None:
    """The weekday a date names, or the weekday of its full date."""
    if value.weekday is not None:
        return value.weekday
    gregorian = _convert(value, GREGORIAN)
    if gregorian is None or gregorian.year is None or gregorian.month is None or gregorian.day is None:
        return None
    try:
        return datetime.date(gregorian.year, gregorian.month, gregorian.day).weekday()
    except ValueError:
        return None


class DateEvidence:
    """A source's dates, read once: each with its readings, the years it names, the weekdays it holds."""

    __slots__ = ("dates", "text", "weekdays", "years")

    def __init__(self, text: str, scan: Scan | None = None, years: set[int] | None = None) -> None:
        self.text = text
        self.dates = [d for d in extract_dates(text, scan) if d.readings]
        if years is None:
            years = {int(fold(m.group())) for m in _YEAR.finditer(text)}
        self.years = years
        self.weekdays: set[int] = set()
        for d in self.dates:
            for r in d.readings:
                if (w := _weekday(r)) is not None:
                    self.weekdays.add(w)

    @classmethod
    def of(cls, index: SourceIndex) -> DateEvidence:
        """The dates of an indexed source, read from the tokens its numbers were read from."""
        years = {
            m.value for m in index.mentions if isinstance(m.value, int) and m.kind != "code" and 1000 <= m.value <= 2200
        }
        return cls(index.text, index.take_scan(), years)


_YEAR = re.compile(r"(?<![0-9٠-٩])[12١٢][0-9٠-٩]{3}(?![0-9٠-٩])")


def _same(out: DateValue, src: DateValue, evidence: DateEvidence) -> bool:
    """Whether the source date ``src`` is the date ``out`` says (see the module's rule)."""
    if out.month is not None:
        there = _convert(src, out.calendar)
        if there is None or there.month != out.month:
            return False
        if out.day is not None and there.day != out.day:
            return False
        # a year the source date lacks may be one the source passage gives as a number
        if (
            out.year is not None
            and there.year != out.year
            and (there.year is not None or out.year not in evidence.years)
        ):
            return False
    if out.weekday is not None:
        theirs = _weekday(src)
        if theirs is None:
            return out.month is not None and out.weekday in evidence.weekdays
        return theirs == out.weekday
    return True


# Words that say nothing about which event a weekday belongs to.
_FILLER = frozenset(
    "the and for with that this was were has have had said from his her their its are been will after before "
    "into over than then when while where which who what but not also about night morning evening afternoon "
    "day days week".split()
) | frozenset(
    fold(w) for w in ("التي", "الذي", "الذين", "على", "إلى", "عن", "بعد", "قبل", "يوم", "مساء", "صباح", "ليلة")
)
_WORD = re.compile(r"[^\W\d_]{3,}")
_SENTENCE_END = re.compile(r"[.!?؟\n]")


def _context(text: str, start: int, end: int, width: int = 6) -> set[str]:
    """The folded words (no filler) around ``text[start:end]`` in its sentence, ``width`` on each side."""
    before = _SENTENCE_END.split(text[max(0, start - 120) : start])[-1]
    after = _SENTENCE_END.split(text[end : end + 120], maxsplit=1)[0]
    words = _WORD.findall(fold(before))[-width:] + _WORD.findall(fold(after))[:width]
    return {w for w in words if w not in _FILLER}


def _weekday_alone(date: DateMention) -> bool:
    return all(r.month is None and r.day is None and r.weekday is not None for r in date.readings)


def _closeness(out: DateValue, src: DateValue) -> int:
    there = _convert(src, out.calendar) or src
    return (
        (there.month == out.month and out.month is not None) * 2
        + (there.day == out.day and out.day is not None) * 2
        + (there.year == out.year and out.year is not None)
        + (_weekday(src) == out.weekday and out.weekday is not None)
    )


def _mention(date: DateMention) -> Mention:
    return Mention("date", date.text, date.value, date.start, date.end)


def judge_date(date: DateMention, evidence: DateEvidence, output: str | None = None) -> Finding:
    """Whether a source's dates hold ``date``; the reason names the closest source date when not.

    A weekday named alone ("on Tuesday") belongs to no date the reader knows: it is supported by a source
    date with that weekday; it differs only from a source weekday told of the same thing (the words
    around the two share a word: "the attack on Monday" / "the attack on Tuesday"); else the article does
    not give that day's weekday, and it is named as not checked, like a relative date. ``output`` is the
    text ``date`` was read from (without it, a weekday alone is compared with every source weekday).
    """
    mention = _mention(date)
    if date.relative:
        return Finding(mention, checked=False, reason=f"{date.text!r} is a relative date: not checked")
    covers = any(r.day is not None or r.year is not None for r in date.readings)  # numbers inside it
    for src in evidence.dates:
        for reading in src.readings:
            for out in date.readings:
                if _same(out, reading, evidence):
                    return Finding(mention, source=_mention(src), covers_numbers=covers)
    sources = evidence.dates
    if output is not None and _weekday_alone(date):
        around = _context(output, date.start, date.end)
        sources = [
            src
            for src in sources
            if any(_weekday(r) is not None for r in src.readings)
            and not around.isdisjoint(_context(evidence.text, src.start, src.end))
        ]
        if not sources:
            return Finding(
                mention,
                checked=False,
                reason=f"{date.text!r} is a weekday without a date, and the article gives no weekday "
                "for what it tells of: not checked",
            )
    best: tuple[int, DateMention, DateValue] | None = None  # the closest source date, for the reason
    for src in sources:
        for reading in src.readings:
            for out in date.readings:
                score = _closeness(out, reading)
                if best is None or score > best[0]:
                    best = (score, src, reading)
    if best is None:
        reason = f"{date.text}: the article has no date"
    else:
        _, src, reading = best
        have = src.text
        weekday = _weekday(reading)
        if date.readings[0].weekday is not None and reading.weekday is None and weekday is not None:
            have += f" (a {WEEKDAY_NAMES[weekday]})"
        elif any(r.calendar != reading.calendar for r in date.readings) and (
            converted := _convert(reading, date.readings[0].calendar)
        ):
            have += f" ({converted.words()})"
        reason = f"{date.text}: the article has {have}"
    return Finding(mention, reason=reason, covers_numbers=covers)


def check_dates(index: SourceIndex, output: str, context: CheckContext) -> list[Finding]:
    """The date checker (kind "date"): every date of ``output`` judged against the source ``index``."""
    cached = context.cache.get("scan")
    scan = cached[1] if cached is not None and cached[0] == output else None
    dates = context.read_once("dates", output, lambda: extract_dates(output, scan))
    if context.limit is not None:  # what follows the limit is context (a key figure's label), not output
        dates = [date for date in dates if date.end <= context.limit]
    if not dates:
        return []
    evidence: DateEvidence = index.evidence("date", lambda _text: DateEvidence.of(index))  # built with the index
    return [judge_date(date, evidence, None if context.parallel else output) for date in dates]


register_checker("date", check_dates, "date", "dates", "relative dates", index_from_scan=DateEvidence.of)
