"""The names of dates, built once on first use: every Gregorian month in English and in every Arabic
locale of CLDR (through ``babel``), the Hijri months, the weekdays and the relative-date words, folded
as the number extractor folds text. ``summarizer.numbers.dates`` reads dates with them; the tokenizer
keeps their words (``date_words``). Imports nothing that reads text, so the tokenizer may use it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

from summarizer.numbers.loading import built_once, warm_up_later

from .folding import fold

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
    *((a, b) for a in ("last", "next", "past") for b in ("week", "month", "year", "weekend")),
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
        return _value_of(self.readings)


@functools.lru_cache(maxsize=4096)
def _value_of(readings: tuple[DateValue, ...]) -> str:
    """A date mention's value as JSON shows it (cached: the same dates recur in every output checked)."""
    return " or ".join(dict.fromkeys(r.label() for r in readings)) if readings else "relative"


class Tables(NamedTuple):
    """The month and weekday names, folded, with the Arabic clitics."""

    months: dict[tuple[str, ...], tuple[str, int]]  # folded words -> (calendar, month)
    first_words: frozenset[str]  # the first word of every month name
    longest: int  # the most words in a month name
    weekdays: dict[str, int]  # folded word -> weekday
    words: frozenset[str]  # every word that may start or make a date (made "hot" for the tokenizer)
    starts: frozenset[str]  # the words a date may start at (a month, a weekday, يوم, a relative date's first word)
    starts_or_separators: frozenset[str]  # the same, and "/" and "-" (7/10, 2023-10-07)


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


@built_once
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
    words = {w for key in months for w in key} | set(weekdays) | _YOM | _AR_WEEKDAY_CUES
    words |= {w for phrase in _RELATIVE_EN for w in phrase} | _RELATIVE_AR_ONE
    words |= {w for phrase in _RELATIVE_AR_TWO for w in phrase}
    first = frozenset(key[0] for key in months)
    starts = first | set(weekdays) | _YOM | {phrase[0] for phrase in _RELATIVE_EN} | _RELATIVE_AR_ONE
    starts |= {phrase[0] for phrase in _RELATIVE_AR_TWO}
    return Tables(
        months,
        first,
        max(len(key) for key in months),
        weekdays,
        frozenset(words),
        frozenset(starts),
        frozenset(starts | {"/", "-"}),
    )


warm_up_later(tables)


def date_words() -> frozenset[str]:
    """Every folded word that may be part of a date (the tokenizer keeps them)."""
    return tables().words
