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
from dataclasses import dataclass
from typing import NamedTuple

from . import lexicon as L
from .extract import scan_numbers
from .folding import fold
from .mentions import CheckContext, Finding, Mention, register_checker
from .scan import RawMention, Scan
from .tokens import add_trigger_words

__all__ = ["DateValue", "DateMention", "extract_dates", "check_dates", "date_words", "tables"]

GREGORIAN, HIJRI = "gregorian", "hijri"
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
EN_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
HIJRI_MONTH_NAMES = (
    "Muharram",
    "Safar",
    "Rabi al-Awwal",
    "Rabi al-Thani",
    "Jumada al-Ula",
    "Jumada al-Akhira",
    "Rajab",
    "Shaban",
    "Ramadan",
    "Shawwal",
    "Dhu al-Qada",
    "Dhu al-Hijja",
)

# The Hijri months: CLDR's Islamic calendar names are not in babel's data, so they are listed here,
# with the genitive (ذي) and the other spellings newspapers use.
AR_HIJRI_MONTHS: dict[str, int] = {
    "محرم": 1,
    "صفر": 2,
    "ربيع الأول": 3,
    "ربيع الاول": 3,
    "ربيع الثاني": 4,
    "ربيع الآخر": 4,
    "جمادى الأولى": 5,
    "جمادى الأول": 5,
    "جمادى الآخرة": 6,
    "جمادى الثانية": 6,
    "جمادى الآخر": 6,
    "رجب": 7,
    "شعبان": 8,
    "رمضان": 9,
    "شوال": 10,
    "ذو القعدة": 11,
    "ذي القعدة": 11,
    "ذو الحجة": 12,
    "ذي الحجة": 12,
}
EN_HIJRI_MONTHS: dict[str, int] = {
    "muharram": 1,
    "safar": 2,
    "rabi al-awwal": 3,
    "rabi al-awal": 3,
    "rabi ul-awwal": 3,
    "rabi' al-awwal": 3,
    "rabi i": 3,
    "rabi al-thani": 4,
    "rabi al-akhir": 4,
    "rabi' al-thani": 4,
    "rabi ii": 4,
    "jumada al-ula": 5,
    "jumada al-awwal": 5,
    "jumada i": 5,
    "jumada al-akhira": 6,
    "jumada al-akhirah": 6,
    "jumada al-thani": 6,
    "jumada ii": 6,
    "rajab": 7,
    "shaban": 8,
    "sha'ban": 8,
    "ramadan": 9,
    "shawwal": 10,
    "dhu al-qadah": 11,
    "dhu al-qada": 11,
    "dhu al-qidah": 11,
    "dhul qadah": 11,
    "dhu al-hijjah": 12,
    "dhu al-hijja": 12,
    "dhul hijjah": 12,
}
# Month names that are also common words or names: months only next to a day or a year.
_NEEDS_NUMBER = frozenset({fold(w) for w in ("صفر", "رجب", "رمضان", "شعبان", "محرم", "شوال")}) | {
    "safar",
    "rajab",
    "ramadan",
    "muharram",
    "shawwal",
    "shaban",
    "sha'ban",
}
# Arabic press forms CLDR does not list (older Egyptian and Maghreb spellings).
AR_EXTRA_MONTHS: dict[str, int] = {"يونيه": 6, "يوليه": 7, "إبريل": 4, "أبريل": 4, "ابريل": 4, "أغشت": 8}
_AR_CLITICS = ("", "و", "ب", "ل", "ف")
_EN_EXTRA_MONTHS = {"sept": 9}
_EN_ABBREVIATIONS = frozenset({"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"})
# Arabic weekdays that are also other words (الاثنين "the two", الأحد "the One"): weekdays after a cue.
_AR_WEEKDAY_CUES = frozenset(fold(w) for w in ("يوم", "مساء", "صباح", "ليلة", "فجر", "ظهر", "عصر", "منذ", "حتى"))
_AR_AMBIGUOUS_WEEKDAYS = frozenset({fold("الاثنين"), fold("الأحد")})
_YOM = frozenset(p + fold("يوم") for p in _AR_CLITICS)
_ERA_HIJRI = frozenset({fold("هـ"), "ah", fold("هجرية"), fold("هجري"), fold("للهجرة")})
_ERA_GREGORIAN = frozenset({fold("م"), "ad", "ce", fold("ميلادية"), fold("ميلادي"), fold("للميلاد")})
_DAY_KINDS = frozenset({"cardinal", "ordinal", "date_part", "range_end"})  # "from 12 to 14 February": a day
_NUMERIC_CUES = frozenset(
    {"on", "since", "until", "by", "from", "before", "after", "dated", "date"}
    | {fold(w) + "" for w in ("في", "منذ", "حتى", "يوم", "بتاريخ", "تاريخ", "قبل", "بعد")}
)
# Relative dates: named, never checked. Tuples of folded words.
_RELATIVE_EN = {
    ("yesterday",),
    ("tomorrow",),
    *((a, b) for a in ("last", "next", "past", "this", "coming") for b in ("week", "month", "year", "weekend")),
}
_RELATIVE_AR_ONE = {p + fold(w) for w in ("أمس", "الأمس", "البارحة", "غدا", "غداً") for p in _AR_CLITICS}
_RELATIVE_AR_TWO = {
    (p + fold(a), fold(b))
    for a in ("الأسبوع", "الشهر", "العام", "السنة", "الاسبوع")
    for b in ("الماضي", "الماضية", "المقبل", "المقبلة", "القادم", "القادمة", "الفائت", "الفائتة", "المنصرم")
    for p in _AR_CLITICS
}


_SECOND_NAME_GAP = re.compile(r"\s*[/(]\s*")


class DateValue(NamedTuple):
    """A date as written: calendar, year, month, day, weekday (0 = Monday); None where not given."""

    calendar: str
    year: int | None
    month: int | None
    day: int | None
    weekday: int | None = None

    def label(self) -> str:
        """The value as JSON shows it: "2023-10-07", "--10-07", "2023-10", "Saturday 2023-10-07", "... AH"."""
        if self.day is not None and self.month is not None:
            text = (
                f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
                if self.year
                else f"--{self.month:02d}-{self.day:02d}"
            )
        elif self.month is not None:
            text = f"{self.year:04d}-{self.month:02d}" if self.year else f"--{self.month:02d}"
        else:
            text = ""
        if self.calendar == HIJRI and text:
            text += " AH"
        if self.weekday is not None:
            text = f"{WEEKDAY_NAMES[self.weekday]} {text}".strip()
        return text

    def words(self) -> str:
        """The date in English words ("7 October 2023", "Saturday", "22 Rabi al-Awwal 1445 AH")."""
        names = HIJRI_MONTH_NAMES if self.calendar == HIJRI else EN_MONTH_NAMES
        parts = [WEEKDAY_NAMES[self.weekday]] if self.weekday is not None else []
        if self.day is not None:
            parts.append(str(self.day))
        if self.month is not None:
            parts.append(names[self.month - 1])
        if self.year is not None:
            parts.append(str(self.year) + (" AH" if self.calendar == HIJRI else ""))
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date in a text; ``text == source[start:end]``. ``readings``: one, or two for "10/7"; empty for a
    relative date ("yesterday"), which is named but not checked."""

    text: str
    start: int
    end: int
    readings: tuple[DateValue, ...]

    @property
    def relative(self) -> bool:
        return not self.readings

    @property
    def value(self) -> str:
        return " or ".join(dict.fromkeys(r.label() for r in self.readings)) if self.readings else "relative"


class Tables(NamedTuple):
    """The month and weekday names, folded, with the Arabic clitics."""

    months: dict[tuple[str, ...], tuple[str, int]]  # folded words -> (calendar, month)
    first_words: frozenset[str]  # the first word of every month name
    longest: int  # the most words in a month name
    weekdays: dict[str, int]  # folded word -> weekday
    words: frozenset[str]  # every word that may start or make a date (made "hot" for the tokenizer)


def _month_forms() -> dict[str, int]:
    """Every Gregorian month name and abbreviation in English and in every Arabic locale of CLDR."""
    from babel import Locale
    from babel.localedata import locale_identifiers

    names: dict[str, int] = {}
    for identifier in ["en", *sorted(i for i in locale_identifiers() if i == "ar" or i.startswith("ar_"))]:
        locale = Locale.parse(identifier)
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for month, name in locale.months[context][width].items():
                    if not name.startswith("M") or not name[1:].isdigit():
                        names.setdefault(name, month)
    for name, month in {**AR_EXTRA_MONTHS, **_EN_EXTRA_MONTHS}.items():
        names.setdefault(name, month)
    return names


def _weekday_forms() -> dict[str, int]:
    from babel import Locale

    days: dict[str, int] = {}
    for identifier in ("en", "ar"):
        for weekday, name in Locale.parse(identifier).days["format"]["wide"].items():
            days[name] = weekday
    return days


@functools.cache
def tables() -> Tables:
    """The month and weekday tables, built on first use."""
    months: dict[tuple[str, ...], tuple[str, int]] = {}

    def add(name: str, calendar: str, month: int) -> None:
        words = tuple(re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", fold(name)))
        if not words:
            return
        arabic = "\u0600" <= words[0][0] <= "\u06ff"
        for clitic in _AR_CLITICS if arabic else ("",):
            months.setdefault((clitic + words[0], *words[1:]), (calendar, month))

    for name, month in _month_forms().items():
        add(name, GREGORIAN, month)
    for name, month in {**AR_HIJRI_MONTHS, **EN_HIJRI_MONTHS}.items():
        add(name, HIJRI, month)
    weekdays: dict[str, int] = {}
    for name, weekday in _weekday_forms().items():
        folded = fold(name)
        arabic = "\u0600" <= folded[0] <= "\u06ff"
        for clitic in _AR_CLITICS if arabic else ("",):
            weekdays[clitic + folded] = weekday
        if arabic and folded.startswith("ال"):
            weekdays[folded[2:]] = weekday  # "يوم سبت"
    words = {w for key in months for w in key} | set(weekdays) | _YOM
    words |= {w for phrase in _RELATIVE_EN for w in phrase} | _RELATIVE_AR_ONE
    words |= {w for phrase in _RELATIVE_AR_TWO for w in phrase}
    first = frozenset(key[0] for key in months)
    return Tables(months, first, max(len(key) for key in months), weekdays, frozenset(words))


def date_words() -> frozenset[str]:
    """Every folded word that may be part of a date (the tokenizer keeps them)."""
    return tables().words


add_trigger_words(date_words)


# ---------------------------------------------------------------------------------------------- reading


class _Reader:
    """One text's dates, read from the number extractor's tokens and raw mentions."""

    def __init__(self, text: str, sc: Scan) -> None:
        self.text = text
        self.sc = sc
        self.t = tables()
        self.raw_at: dict[int, RawMention] = {}
        for raw in sc.raws:
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
        if sc.word(i) == "the" and (day := self.day_at(i + 1)) is not None:
            i += 1
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
        words = self.t.words
        out: list[DateMention] = []
        i = 0
        while i < sc.n:
            kind = sc.kinds[i]
            if kind == "w" and sc.texts[i] not in words and sc.texts[i] != "the" and i not in self.raw_at:
                i += 1
                continue
            if kind not in ("w", "d"):
                i += 1
                continue
            found = self._at(i)
            if found is None:
                i += 1
                continue
            start, end_tok, readings = found
            s, e = sc.orig(start), sc.orig(sc.ends[end_tok - 1])
            out.append(DateMention(self.text[s:e], s, e, readings))
            i = end_tok
        return out

    def _at(self, i: int) -> tuple[int, int, tuple[DateValue, ...]] | None:
        sc = self.sc
        weekday = self.weekday_at(i)
        if weekday is not None:
            day, k = weekday
            k2 = k + 1 if sc.punct(k, ",") else k
            date = self.date_at(k2)
            if date is not None:
                return sc.starts[i], date[1], tuple(r._replace(weekday=day) for r in date[2])
            return sc.starts[i], k, (DateValue(GREGORIAN, None, None, None, day),)
        date = self.date_at(i)
        if date is not None:
            return date
        end = self.relative_at(i)
        if end is not None:
            return sc.starts[i], end, ()
        return None


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
        if (
            tables().words.isdisjoint(scan.texts)
            and "/" not in scan.texts
            and "-" not in scan.texts
            and not any(t.count(".") == 2 for k, t in zip(scan.kinds, scan.texts, strict=True) if k == "d")
        ):
            return []
        return _Reader(text, scan).read()
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

    __slots__ = ("dates", "weekdays", "years")

    def __init__(self, text: str) -> None:
        self.dates = [d for d in extract_dates(text) if d.readings]
        self.years: set[int] = set()
        self.weekdays: set[int] = set()
        for m in re.finditer(r"(?<![0-9٠-٩])([12][0-9]{3}|[١٢][٠-٩]{3})(?![0-9٠-٩])", text):
            self.years.add(int(fold(m.group(1))))
        for d in self.dates:
            for r in d.readings:
                if (w := _weekday(r)) is not None:
                    self.weekdays.add(w)


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


def judge_date(date: DateMention, evidence: DateEvidence) -> Finding:
    """Whether a source's dates hold ``date``; the reason names the closest source date when not."""
    mention = _mention(date)
    if date.relative:
        return Finding(mention, checked=False, reason=f"{date.text!r} is a relative date: not checked")
    best: tuple[int, DateMention, DateValue] | None = None
    for src in evidence.dates:
        for reading in src.readings:
            for out in date.readings:
                if _same(out, reading, evidence):
                    return Finding(mention, source=_mention(src), covers_numbers=True)
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
    return Finding(mention, reason=reason, covers_numbers=True)


def check_dates(index: object, output: str, context: CheckContext) -> list[Finding]:
    """The date checker (kind "date"): every date of ``output`` judged against the source ``index``."""
    cached = context.cache.get("scan")
    scan = cached[1] if cached is not None and cached[0] == output else None
    dates = extract_dates(output, scan)
    if not dates:
        return []
    evidence: DateEvidence = index.evidence("date", DateEvidence)  # type: ignore[attr-defined]
    return [judge_date(date, evidence) for date in dates]


register_checker("date", check_dates, "date", "dates", "relative dates")
