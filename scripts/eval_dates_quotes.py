#!/usr/bin/env python
"""Evaluate the date (and quote) checks on the shared corpus (fixed seed).

From real sentences of ``../shared/corpus/`` that hold a date, build outputs: the sentence with its
date written another way (another order, numeric or ISO, another regional month name, the other
language, the Hijri calendar, its weekday added) must verify clean (else: false alarm); the sentence
with its date swapped (another month, day, year or weekday, a Hijri date of another day) must be
flagged (else: miss). A sentence is the source, as a summary sentence's cited sentence is. A swap
that gives a date the sentence also holds is excluded and counted. ``--show CASE`` prints each wrong
result of a case.

Quote cases (built in scripts/eval_quote_cases.py, from the article's own quotes or runs of words of its
sentences, checked against the whole article): exact copies in other marks, parts, elided ("…") and
split copies, open quote marks (faithful); a word changed, added, dropped, negated or inflected (caught);
a quote of an article in the other language (``t:``: faithful when marked translated and not flagged).
Only the quote findings judge a quote case: a run of words cut from a sentence may cut a number from
what it counts, which eval_verifier.py and eval_counted.py measure, not this.
Usage: python scripts/eval_dates_quotes.py [--corpus DIR] [--per-article N] [--seed S] [--show CASE]
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import eval_quote_cases
from eval_verifier import BOUNDARY

from summarizer.numbers import VerificationReport, verify
from summarizer.numbers.dates import (
    AR_HIJRI_MONTHS,
    EN_MONTH_NAMES,
    GREGORIAN,
    HIJRI,
    HIJRI_MONTH_NAMES,
    WEEKDAY_NAMES,
    DateMention,
    DateValue,
    _convert,
    _weekday,
    extract_dates,
)

# One regional set per name family (CLDR through babel): Egypt/Gulf, Levant/Iraq, Morocco, Algeria/Tunisia.
AR_SETS = ("ar_EG", "ar_SY", "ar_MA", "ar_DZ")
AR_WEEKDAYS = ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")
AR_ORDINAL_DAYS = ("الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع", "العاشر")
AR_HIJRI_NAMES = tuple(next(name for name, month in AR_HIJRI_MONTHS.items() if month == m) for m in range(1, 13))
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


class Case(NamedTuple):
    """One built output: its case name, the source it is checked against, the output, and whether it is faithful."""

    case: str
    source: str
    output: str
    faithful: bool
    excluded: bool = False
    kind: str | None = None  # judge only the findings of this kind ("quote"); None: the whole report
    translated: bool = False  # faithful only when a quote is marked translated


def flagged(case: Case, report: VerificationReport) -> bool:
    """Whether the check flags ``case`` (for a translated quote: flags it, or does not mark it translated)."""
    if case.kind is None:  # a date case: numbers and dates (a date rewritten inside a quote alters the quote)
        return bool(report.unsupported) or any(f.mention.kind != "quote" for f in report.failed)
    if any(f.mention.kind == case.kind for f in report.failed):
        return True
    return case.translated and not any(
        f.mention.kind == case.kind and f.note == "translated" for f in report.not_checked
    )


def ar_months() -> dict[str, list[str]]:
    from babel import Locale

    return {ident: [Locale.parse(ident).months["format"]["wide"][m] for m in range(1, 13)] for ident in AR_SETS}


AR_MONTHS = ar_months()


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    s = 0
    for b in BOUNDARY.finditer(text, max(0, start - 400), start):
        s = b.end()
    b = BOUNDARY.search(text, end)
    e = b.start() if b else len(text)
    return max(s, start - 300), min(e, end + 300)


def placed(source: str, a: int, b: int, new: str) -> str:
    """``source`` with ``new`` in place of its characters a..b; a Latin date after an Arabic clitic
    (بالأول, و15) gets a space: "بJune 1" is no word."""
    space = " " if a and new[:1].isascii() and "\u0600" <= source[a - 1] <= "\u06ff" else ""
    return source[:a] + space + new + source[b:]


def en(value: DateValue, style: str) -> str:
    """A Gregorian date in English: dmy, mdy, ord, iso, num (day/month/year)."""
    weekday = f"{WEEKDAY_NAMES[value.weekday]}, " if value.weekday is not None else ""
    month, day, year = EN_MONTH_NAMES[value.month - 1], value.day, value.year
    if style == "iso" and year:
        return weekday + f"{year:04d}-{value.month:02d}-{day:02d}"
    if style == "num" and year:
        return weekday + f"{day}/{value.month}/{year}"
    if style == "mdy":
        return weekday + f"{month} {day}" + (f", {year}" if year else "")
    if style == "ord":
        suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
        return weekday + f"the {day}{suffix} of {month}" + (f" {year}" if year else "")
    return weekday + f"{day} {month}" + (f" {year}" if year else "")


def ar(value: DateValue, names: str, style: str = "plain") -> str:
    """A Gregorian date in Arabic with one regional month set; style plain, combined, ordinal or indic."""
    weekday = f"يوم {AR_WEEKDAYS[value.weekday]} " if value.weekday is not None else ""
    month = AR_MONTHS[names][value.month - 1]
    if style == "combined":
        month = f"{AR_MONTHS['ar_SY'][value.month - 1]}/{AR_MONTHS['ar_EG'][value.month - 1]}"
    day = str(value.day)
    if style == "ordinal" and value.day <= 10:
        day = f"{AR_ORDINAL_DAYS[value.day - 1]} من"
    text = f"{day} {month}" + (f" {value.year}" if value.year else "")
    if style == "indic":
        text = text.translate(ARABIC_INDIC)
    return weekday + text


def hijri(value: DateValue, language: str) -> str | None:
    h = _convert(value, HIJRI)
    if h is None:
        return None
    if language == "ar":
        return f"{h.day} {AR_HIJRI_NAMES[h.month - 1]} {h.year} هـ"
    return f"{h.day} {HIJRI_MONTH_NAMES[h.month - 1]} {h.year} AH"


def shifted(value: DateValue, what: str, rng: random.Random) -> DateValue | None:
    """The date with its month, day, year or weekday changed (a real date where the year is known)."""
    if what == "month":
        month = (value.month - 1 + rng.randint(1, 11)) % 12 + 1
        day = min(value.day, 28)
        return value._replace(month=month, day=day, weekday=None)
    if what == "day":
        day = (value.day - 1 + rng.randint(1, 26)) % 28 + 1
        return value._replace(day=day, weekday=None)
    if what == "year" and value.year:
        return value._replace(year=value.year + rng.choice([-2, -1, 1, 2]), weekday=None)
    if what == "weekday":
        true = _weekday(value)
        if true is None:
            return None
        return value._replace(weekday=(true + rng.randint(1, 6)) % 7)
    return None


def dated(text: str) -> list[DateMention]:
    """The article's full Gregorian dates (day and month), read by the checker itself."""
    return [
        d
        for d in extract_dates(text)
        if len(d.readings) == 1
        and d.readings[0].calendar == GREGORIAN
        and d.readings[0].day is not None
        and d.readings[0].month is not None
        and (d.readings[0].year is None or 1900 <= d.readings[0].year <= 2100)
    ]


def held(source: str, value: DateValue) -> bool:
    """Whether the source sentence already holds the swapped date (the swap is then excluded)."""
    from summarizer.numbers.dates import DateEvidence, _same

    evidence = DateEvidence(source)
    return any(_same(value, r, evidence) for d in evidence.dates for r in d.readings)


def date_cases(language: str, text: str, rng: random.Random, per_article: int) -> Iterator[Case]:
    """The date outputs of one article (see the module's docstring)."""
    dates = dated(text)
    rng.shuffle(dates)
    other = "ar" if language == "en" else "en"
    for date in dates[:per_article]:
        value = date.readings[0]
        if value.weekday is not None and value.year and _weekday(value._replace(weekday=None)) != value.weekday:
            continue  # the article's own weekday is not its date's: no faithful rewrite keeps both
        s, e = sentence_span(text, date.start, date.end)
        source = text[s:e]
        a, b = date.start - s, date.end - s

        def put(new: str, source: str = source, a: int = a, b: int = b) -> str:
            return placed(source, a, b, new)

        # faithful: the same date written another way
        if language == "en":
            style = rng.choice(["dmy", "mdy", "ord"] + (["iso", "num"] if value.year else []))
            yield Case("f:reform_en", source, put(en(value, style)), True)
            yield Case("f:cross_en->ar", source, put(ar(value, rng.choice(AR_SETS))), True)
        else:
            yield Case("f:region_ar", source, put(ar(value, rng.choice(AR_SETS))), True)
            yield Case("f:form_ar", source, put(ar(value, "ar_EG", rng.choice(["combined", "ordinal", "indic"]))), True)
            yield Case("f:cross_ar->en", source, put(en(value, rng.choice(["dmy", "mdy"]))), True)
        if value.year:
            for lang in ("ar", "en"):
                form = hijri(value, lang)
                if form:
                    yield Case(f"f:hijri_{lang}<-{language}", source, put(form), True)
                    # the source in the Hijri calendar, the output in the Gregorian one
                    hijri_source = put(form)
                    yield Case(f"f:greg<-hijri_{lang}", hijri_source, source, True)
            if value.weekday is None:
                with_day = value._replace(weekday=_weekday(value))
                render = en(with_day, "dmy") if language == "en" else ar(with_day, "ar_EG")
                yield Case(f"f:weekday_{language}", source, put(render), True)
        # swaps: another month, day, year, weekday; a Hijri date of another day
        for what in ("month", "day", "year", "weekday"):
            swapped = shifted(value, what, rng)
            if swapped is None:
                continue
            if what == "weekday" and not value.year:
                continue
            render = en(swapped, "dmy") if language == "en" else ar(swapped, rng.choice(AR_SETS))
            excluded = what != "weekday" and held(source, swapped)
            yield Case(f"c:{what}_{language}", source, put(render), False, excluded)
            if what in ("month", "day"):
                render = ar(swapped, rng.choice(AR_SETS)) if language == "en" else en(swapped, "mdy")
                yield Case(f"c:{what}_{language}->{other}", source, put(render), False, excluded)
        if value.year:
            try:
                moved = datetime.date(value.year, value.month, value.day) + datetime.timedelta(days=rng.randint(1, 40))
            except ValueError:
                moved = None
            if moved is not None:
                wrong = hijri(DateValue(GREGORIAN, moved.year, moved.month, moved.day), "ar")
                if wrong:
                    yield Case(f"c:hijri_{language}", source, put(wrong), False)


def weekday_cases(language: str, text: str, rng: random.Random, per_article: int) -> Iterator[Case]:
    """Weekdays named alone ("on Tuesday", "يوم السبت"): the same day in the other language is faithful,
    another day is caught."""
    days = [d for d in extract_dates(text) if d.readings and d.readings[0].month is None]
    rng.shuffle(days)
    for date in days[:per_article]:
        weekday = date.readings[0].weekday
        s, e = sentence_span(text, date.start, date.end)
        source = text[s:e]
        a, b = date.start - s, date.end - s

        def put(new: str, source: str = source, a: int = a, b: int = b) -> str:
            return placed(source, a, b, new)

        same = WEEKDAY_NAMES[weekday] if language == "ar" else f"يوم {AR_WEEKDAYS[weekday]}"
        yield Case(f"f:weekday_cross_{language}", source, put(same), True)
        other = (weekday + rng.randint(1, 6)) % 7
        held_too = any(d.readings and d.readings[0].weekday == other for d in extract_dates(source))
        wrong = WEEKDAY_NAMES[other] if language == "en" else f"يوم {AR_WEEKDAYS[other]}"
        yield Case(f"c:weekday_only_{language}", source, put(wrong), False, held_too)


# Quote cases draw from their own generator (seeded in main), so that adding them leaves the date cases' draws as
# they were; a translated case takes a quote of an article in the other language, read from --corpus.
QUOTES: dict[str, Any] = {"rng": random.Random(19), "articles": {}}


def quote_cases(language: str, text: str, rng: random.Random, per_article: int) -> Iterator[Case]:
    """Quote outputs of one article (see scripts/eval_quote_cases.py), checked against the whole article."""
    quotes_rng: random.Random = QUOTES["rng"]
    index = eval_quote_cases.QuoteIndex(text)
    for case in eval_quote_cases.quote_cases(text, language, quotes_rng, per_article, index):
        if isinstance(case, tuple):
            yield Case(case[0], text, "", False, True, "quote")
        else:
            yield Case(case.name, text, case.output, not case.altered, False, "quote")
    other = "ar" if language == "en" else "en"
    foreign = QUOTES["articles"].get(other)
    if foreign:
        for case in eval_quote_cases.translated_cases(language, quotes_rng.choice(foreign), quotes_rng):
            yield Case(case.name, text, case.output, True, False, "quote", True)


# Each case builder: (language, article text, rng, per_article) -> Cases. The quote checker adds its own.
CASES: list[Callable[[str, str, random.Random, int], Iterator[Case]]] = [date_cases, weekday_cases, quote_cases]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "corpus")
    ap.add_argument("--per-article", type=int, default=3)
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--show", action="append", default=[], help="print every wrong result of this case; repeatable")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    QUOTES["rng"] = random.Random(f"{args.seed}:quotes")
    for name, language in (("english.jsonl", "en"), ("arabic.jsonl", "ar")):
        with open(args.corpus / name, encoding="utf-8") as lines:
            QUOTES["articles"][language] = [json.loads(line)["text"] for line in lines]
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # n, wrong, excluded
    faithful_case: dict[str, bool] = {}
    for name, language in (("english.jsonl", "en"), ("arabic.jsonl", "ar")):
        with open(args.corpus / name, encoding="utf-8") as lines:
            for line in lines:
                text = json.loads(line)["text"]
                for builder in CASES:
                    for case in builder(language, text, rng, args.per_article):
                        faithful_case[case.case] = case.faithful
                        if case.excluded:
                            counts[case.case][2] += 1
                            continue
                        report = verify(case.source, case.output)
                        wrong = flagged(case, report) == case.faithful
                        counts[case.case][0] += 1
                        counts[case.case][1] += wrong
                        if wrong and case.case in args.show:
                            reasons = [f.reason for f in report.failed if case.kind in (None, f.mention.kind)] + [
                                report.reason(i) for i in range(len(report.unsupported))
                            ]
                            print(
                                f"{case.case}\n  source: {case.source!r}\n  output: {case.output!r}\n  why: {reasons}\n"
                            )
    print(f"{'case':24} {'n':>6} {'metric':12} {'rate':>8} {'excluded':>9}")
    for case in sorted(counts, key=lambda c: (not faithful_case[c], c)):
        n, wrong, excluded = counts[case]
        faithful = faithful_case[case]
        rate = wrong / n if faithful else (n - wrong) / n if n else 0.0
        print(f"{case:24} {n:6} {'false_alarm' if faithful else 'catch':12} {rate:8.2%} {excluded:9}")


if __name__ == "__main__":
    main()
