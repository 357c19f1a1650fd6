"""Check that every number in an output text appears in its source text.

Matching policy
---------------
* Values, not spellings, are compared: "35800", "35,800", "٣٥٬٨٠٠", "35.8 thousand",
  "35.8 ألف" and "خمسة وثلاثون ألفا وثمانمئة" are all 35800. Values are compared
  exactly (rational arithmetic), so 3.5 million is exactly 3500000.
* Strict: a number must appear in the source. Numbers computed from source numbers
  (sums, differences, ratios) and rounded numbers ("about 36,000" for 35,800) are
  unsupported. Signs are ignored ("-5" and "5" are both 5).
* Kinds must be compatible (output kind <- source kinds that may support it):
    - code (COVID-19, F-16, G20) <- an identical code only (normalized: upper case,
      Western digits, no hyphen/space: "F-16" == "F16").
    - percent <- percent only (12% is not supported by "12 people", nor the reverse).
    - time <- time, equal on a 12-hour clock ("3 pm" <- "الساعة الثالثة" or "3:00").
    - ordinal <- ordinal or date_part ("7th" <- "7 October").
    - date_part <- date_part, ordinal, cardinal, range_end ("October 7" <- "السابع من أكتوبر").
    - cardinal, decimal, fraction, year, range_end <- cardinal, decimal, fraction,
      year, date_part, range_end (any non-code mention that is not a percent, a
      time or an ordinal).
* A count is not a date: an output number that says what it counts ("2019 people", "5
  أشخاص", "7 hostages") is not supported by a source year or day of the month ("in 2019",
  "March 5", "السابع من أكتوبر"), whatever its kind; a year or date in the output still
  is, in any written form ("October 7", "7 أكتوبر", "the 7th", "the 2016 vote": four
  plain digits after a determiner or a possessive name a year unless a plural noun or a
  unit follows right after). A "year" the extractor read after a preposition that is
  followed by what it counts ("up to 1916 people", "منذ 2015 سنوات") is a count.
* Counted things must be compatible (see counted.py): "25 children" is not supported
  by a source whose 25 is an age ("a 25-year-old"), "$5m" not by "£5m", "5 kg" not
  by "5 tonnes", "3 days" not by "3 hours", "15 women" not by "15 children".
  Where either side does not say what it counts, there is no conflict; "people"
  fits every kind of people. An output number whose value occurs in the source
  only with an incompatible counted thing is unsupported, with the reason.
* Identifiers match whatever their case: "c200", "k2", "pro12", "3d" are read as
  the codes C200, K2, PRO12, 3D when the plain number is not in the source (and a
  lower-case source code supports the upper-case one). A number after a currency
  sign with a space or an apart scale ("$ 10m", "# 10.25 m" in tokenized text) is
  also read with its scale.
* Explainable: each supported output mention names the source mention (with its
  offsets in the source) that supports it; the first compatible source mention wins;
  each unsupported one has a reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from typing import Any, Protocol

from .counted import (
    COUNT_NOUN_CATEGORIES,
    COUNTABLE_KINDS,
    EN_PLURAL,
    Counted,
    CountedThings,
    compatible,
    conflict_reason,
    counted_thing,
    date_conflict_reason,
)
from .display import Display, shown, unread_numerals
from .extract import NumberMention, scan_numbers
from .mentions import CHECKERS, CheckContext, Finding
from .scan import Scan

__all__ = ["SourceIndex", "Support", "VerificationReport", "index_source", "verify"]

_GENERAL = frozenset({"cardinal", "decimal", "fraction", "year", "date_part", "range_end"})
COMPATIBLE: dict[str, frozenset[str]] = {
    "code": frozenset({"code"}),
    "percent": frozenset({"percent"}),
    "time": frozenset({"time"}),
    "ordinal": frozenset({"ordinal", "date_part"}),
    "date_part": _GENERAL | {"ordinal"},
    **dict.fromkeys(("cardinal", "decimal", "fraction", "year", "range_end"), _GENERAL),
}


@dataclass(frozen=True, slots=True)
class Support:
    """An output mention and the source mention that supports it."""

    output: NumberMention
    source: NumberMention


@dataclass(frozen=True)
class VerificationReport:
    """Result of :func:`verify`; ``ok`` is True iff nothing is unsupported or needs review.

    ``reasons[i]`` says why ``unsupported[i]`` is unsupported ("not in the source",
    or a counted-thing conflict such as "25 counts children here; in the source 25
    is an age"); ``conflicts[i]`` is True where the reason says more than absence: a
    counted-thing conflict, or a number a reader may not see as it is checked (display.py).
    """

    ok: bool
    unsupported: list[NumberMention] = field(default_factory=list)
    supported: list[Support] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    conflicts: list[bool] = field(default_factory=list)
    # the mentions of other kinds (dates, quotes: summarizer.numbers.mentions), in output order
    findings: list[Finding] = field(default_factory=list)

    @property
    def failed(self) -> list[Finding]:
        """The checked mentions of other kinds that the source does not hold (not those for review)."""
        return [f for f in self.findings if f.unsupported]

    @property
    def to_review(self) -> list[Finding]:
        """The checked mentions that need a person's review (a name not found across scripts: ``Finding.review``)."""
        return [f for f in self.findings if f.to_review]

    @property
    def not_checked(self) -> list[Finding]:
        """Mentions named but not checked (relative dates such as "yesterday")."""
        return [f for f in self.findings if not f.checked]

    @property
    def checked_findings(self) -> list[Finding]:
        return [f for f in self.findings if f.checked]

    def reason(self, index: int) -> str:
        """Why ``unsupported[index]`` is unsupported."""
        if index < len(self.reasons):
            return self.reasons[index]
        return f"{self.unsupported[index].text} is not in the source"

    def to_dict(self) -> dict:
        """JSON-ready dict; mentions of other kinds than numbers carry ``mention`` ("date", "quote")."""
        unsupported = [{**m.to_dict(), "reason": self.reason(i)} for i, m in enumerate(self.unsupported)]
        supported: list[dict[str, Any]] = [
            {"output": s.output.to_dict(), "source": s.source.to_dict()} for s in self.supported
        ]
        if not self.findings:
            return {"ok": self.ok, "unsupported": unsupported, "supported": supported}
        unsupported += [{**f.mention.to_dict(), "reason": f.reason} for f in self.failed]
        unsupported.sort(key=lambda m: m["start"])
        supported += [
            # a name verified across scripts names its evidence ("table: Gaza = غزة", "transliteration: ...")
            {"output": f.mention.to_dict(), "source": f.source.to_dict(), **({"note": f.note} if f.note else {})}
            for f in self.findings
            if f.checked and f.source is not None
        ]
        supported.sort(key=lambda s: s["output"]["start"])
        data: dict[str, Any] = {"ok": self.ok, "unsupported": unsupported, "supported": supported}
        if self.to_review:
            data["needs_review"] = [
                {
                    **f.mention.to_dict(),
                    "state": "needs_review",
                    "reason": f.reason,
                    **({"note": f.note} if f.note else {}),
                }
                for f in self.to_review
            ]
        if self.not_checked:
            data["not_checked"] = [
                {**f.mention.to_dict(), "reason": f.reason, **({"note": f.note} if f.note else {})}
                for f in self.not_checked
            ]
        return data


def value_key(m: NumberMention) -> int | Fraction | str:
    """Exact comparison key of a mention's value (an int, a Fraction or a code string)."""
    v = m.value
    if isinstance(v, str):
        return v
    # an int equals and hashes like the equal Fraction, so it is its own key
    exact = Fraction(Decimal(repr(v))) if isinstance(v, float) else v
    if m.kind == "time":
        return exact % 12
    return exact


_LETTERS_BEFORE = re.compile(r"(?<![A-Za-z])([A-Za-z]{1,5})-?$")
_LETTERS_AFTER = re.compile(r"[A-Za-z]{1,3}(?![A-Za-z])")
_SIGN_BEFORE = re.compile(r"[$£€#] ?$")
_SCALE_AFTER = re.compile(r" ?(m|bn|k)\b", re.IGNORECASE)
_SCALES = {"m": 10**6, "bn": 10**9, "k": 10**3}
ValueKey = tuple[bool, bool, int | Fraction | str]  # (a time, a code, value_key): how _match finds a mention's equals


class _Things(Protocol):
    """What each output mention counts, by index: a list, or a ``CountedThings`` that reads them as asked."""

    def __getitem__(self, k: int, /) -> Counted | None: ...


_DATE_KINDS = frozenset({"year", "date_part"})
# A determiner or a possessive just before four plain digits makes them a year ("the 2016 vote").
_YEAR_DETERMINER = re.compile(
    r"(?:(?<![^\W\d_])(?:the|a|an|this|that|its|their|his|her|our|whose)|[^\W\d_]['’]s)\s+$", re.IGNORECASE
)
# Words the extractor reads a year after that also come before counts ("in", "of", "up to", "منذ", "من").
_COUNT_OR_YEAR_BEFORE = re.compile(
    r"(?:(?<![^\W\d_])(?:in|since|of|by|until|till|from|during|before|after|between|around|through|to|and"
    r"|و|[وفبل]?(?:في|منذ|حتى|خلال|قبل|بعد|إلى|الى|من))\s+|(?<![^\W\d_])[وفبل]ـ?)$",
    re.IGNORECASE,
)


def names_year(text: str, m: NumberMention, counted: Counted) -> bool:
    """Whether four plain digits that seem to count ``counted`` are a year by the word before them.

    "the 2016 vote", "the 2022 World Cup players", "Britain's 2016 referendum campaigners" name a
    year; "the 2015 people he asked" (a plural noun right after), "the 2013-year-old" and "the
    1995 ft mountain" (a unit right after) count.
    """
    if (
        len(m.text) != 4
        or not m.text.isdigit()
        or text[m.end : m.end + 1] == "-"
        or not _YEAR_DETERMINER.search(text, max(0, m.start - 12), m.start)
    ):
        return False
    first = counted.words.split()[0].lower() if counted.words else ""
    right_after = not text[m.end : counted.start].strip()
    return not (
        right_after and (first in EN_PLURAL or first.endswith("s") or counted.category not in COUNT_NOUN_CATEGORIES)
    )


def year_as_count(text: str, m: NumberMention) -> Counted | None:
    """What a year the extractor read after a preposition counts, if the words after it say ("منذ 2015 سنوات")."""
    if m.kind != "year" or not _COUNT_OR_YEAR_BEFORE.search(text, max(0, m.start - 8), m.start):
        return None
    counted = counted_thing(text, replace(m, kind="cardinal"))
    # "in 1913 Votes for women": a capital starts a caption or a name, not the thing counted
    return None if counted is None or counted.words[:1].isupper() else counted


def code_reading(text: str, m: NumberMention) -> str | None:
    """The identifier a number glued to Latin letters spells, in any case ("c200" -> "C200")."""
    if m.kind == "code" or not m.text.isdigit():
        return None
    before = _LETTERS_BEFORE.search(text, max(0, m.start - 6), m.start)
    if before:
        return before.group(1).upper() + m.text
    after = _LETTERS_AFTER.match(text, m.end, m.end + 4)
    if after and m.text.isascii():
        return m.text + after.group().upper()
    return None


def scaled_reading(text: str, m: NumberMention) -> int | Fraction | None:
    """The value of a number between a currency sign and a scale set apart ("$ 10m", "# 10.25 m")."""
    if m.kind not in ("cardinal", "decimal") or not _SIGN_BEFORE.search(text, max(0, m.start - 2), m.start):
        return None
    scale = _SCALE_AFTER.match(text, m.end)
    if not scale:
        return None
    value = value_key(m)
    return value * _SCALES[scale.group(1).lower()] if not isinstance(value, str) else None


class SourceIndex:
    """A source text's mentions, indexed by exact value for repeated matching.

    The text is read (its numbers extracted) on first need: an output with no number, and no date the
    source must be read for, is checked without it. What a source mention counts is read only when an
    output number of its value asks (most never are), and lower-case code readings ("c200") only when an
    output code asks.
    """

    __slots__ = (
        "_by_code",
        "_by_key",
        "_evidence",
        "_hidden",
        "_mentions",
        "_scan",
        "_things",
        "_year_counts",
        "text",
    )

    def __init__(self, text: str) -> None:
        self.text = text
        self._evidence: dict[str, Any] = {}
        self._by_key: dict[ValueKey, list[int]] | None = None  # None: the text is not read yet
        self._by_code: dict[ValueKey, list[int]] | None = None
        self._year_counts: dict[int, Counted | None] = {}
        self._scan: Scan | None = None

    def _read(self) -> dict[ValueKey, list[int]]:
        """Read the text's numbers (once) and index them by value; the index by value."""
        if self._by_key is not None:
            return self._by_key
        text = self.text
        mentions, scan = scan_numbers(text)
        if "حد" in text:  # أحدهم "one of them": a count of one in the source, not a number an output must hold
            mentions = _with_one_of(text, mentions)
        self._mentions = mentions
        # kept for the kinds that read the extractor's tokens (dates), until the first output that
        # names one asks (most outputs against an index never do): see evidence() and take_scan()
        self._scan = scan
        self._things = CountedThings(text, mentions)
        # Mention indexes, not (mention, index) pairs: a long text's index holds no object per mention.
        by: dict[ValueKey, list[int]] = {}
        display = Display(text)
        # a number a reader does not see as it is read supports nothing (display.py)
        self._hidden = (
            set()
            if display.clean
            else {k for k, m in enumerate(mentions) if display.hidden_reason(m.start, m.end, m.text)}
        )
        for k, m in enumerate(mentions):
            if m.kind != "code" and k not in self._hidden:
                by.setdefault((m.kind == "time", False, value_key(m)), []).append(k)
        self._by_key = by
        return by

    @property
    def mentions(self) -> list[NumberMention]:
        """The source's number mentions, in text order."""
        self._read()
        return self._mentions

    @property
    def things(self) -> CountedThings:
        """What each source mention counts, read on demand."""
        self._read()
        return self._things

    def take_scan(self) -> Scan | None:
        """The extractor's reading of the text (its tokens), handed once to the date reader, then let go."""
        self._read()
        scan, self._scan = self._scan, None
        return scan

    def evidence(self, kind: str, build: Callable[[str], Any]) -> Any:
        """What the checker of ``kind`` built from this source (once per index, on first use): from the
        extractor's tokens where the kind reads them (``index_from_scan``), else ``build(text)``."""
        if kind not in self._evidence:
            spec = CHECKERS.get(kind)
            if spec is not None and spec.index_from_scan is not None and (self._by_key is None or self._scan):
                self._evidence[kind] = spec.index_from_scan(self)
            else:
                self._evidence[kind] = build(self.text)
        return self._evidence[kind]

    @property
    def counted(self) -> list[Counted | None]:
        """What each source mention counts (None where the text does not say), in mention order."""
        return self.things.all()

    def _year_count(self, j: int) -> Counted | None:
        """What the year ``mentions[j]`` counts where it is a count after a preposition ("منذ 5 سنوات")."""
        if j not in self._year_counts:
            self._year_counts[j] = year_as_count(self.text, self.mentions[j])
        return self._year_counts[j]

    def _codes(self) -> dict[ValueKey, list[int]]:
        """Code mentions and the codes that numbers glued to letters spell (readings), in text order."""
        if self._by_code is None:
            by: dict[ValueKey, list[int]] = {}
            for k, m in enumerate(self.mentions):
                if k in self._hidden:
                    continue
                if m.kind == "code":
                    by.setdefault((False, True, value_key(m)), []).append(k)
                code = code_reading(self.text, m)
                if code is not None:
                    by.setdefault((False, True, code), []).append(k)
            self._by_code = by
        return self._by_code

    def _match(
        self, out: NumberMention, key: ValueKey | None, out_things: _Things | None, k: int, out_text: str
    ) -> tuple[NumberMention | None, str]:
        """The first source mention that supports ``out``, or None and a counted-thing conflict reason ("" if
        none). ``key`` is how ``out`` is looked up (None: by its own value); ``out_things[k]`` (read only if
        needed) is what ``out`` counts; ``out_text`` is the output text around ``out`` ("" when not known).
        """
        allowed = COMPATIBLE.get(out.kind, _GENERAL)
        if key is None:
            key = (out.kind == "time", out.kind == "code", value_key(out))
        conflict = ""
        counted: Counted | None = None
        counted_read = False  # out_things[k] is read once, and only when a source mention needs it
        may_count = out.kind in COUNTABLE_KINDS and out_things is not None
        for j in (self._codes() if key[1] else self._read()).get(key, ()):
            m = self._mentions[j]
            if m.kind in allowed or key[1]:
                source_count = self._year_count(j) if m.kind == "year" and may_count else None
                if may_count and m.kind in _DATE_KINDS and source_count is None:
                    if not counted_read and out_things is not None:
                        counted, counted_read = out_things[k], True
                    if counted is not None and not names_year(out_text, out, counted):
                        conflict = conflict or date_conflict_reason(counted, m.kind, out.text)
                        continue
                reading = key[1] and m.kind != "code"  # a code reading says nothing of what it counts
                theirs = source_count or (None if reading or out_things is None else self._things[j])
                if theirs is None:
                    return m, ""
                if not counted_read and out_things is not None:
                    counted, counted_read = out_things[k], True
                if counted is None or compatible(counted, theirs):
                    return m, ""
                conflict = conflict or conflict_reason(counted, theirs, out.text)
        return None, conflict


# أحد/إحدى with a pronoun or before a definite noun: "one of them", "one of the wounded"
_ONE_OF = re.compile(
    # the alef first (so the regex engine can skip to it), then what may stand before it: nothing that is part
    # of a word, or و/ف with nothing before them
    r"([أإا](?:(?<![\w\u0600-\u06ff].)|(?<=[وف].)(?<![\w\u0600-\u06ff]..))حدى?(?:هم|هما|هن|ها|ه)?)"
    r"(?=\s+ال|\s|[،.؛:]|$)(?!\s+عشر)"
)


def _with_one_of(text: str, mentions: list[NumberMention]) -> list[NumberMention]:
    """``mentions`` with a cardinal 1 for each أحدهم / إحداهن / أحد المصابين (one of) of the source."""
    taken = {(m.start, m.end) for m in mentions}
    extra = []
    for m in _ONE_OF.finditer(text):
        word = m.group(1)
        pronoun = word.endswith(("هم", "هما", "هن", "ها", "ه"))
        definite = text[m.end(1) : m.end(1) + 4].lstrip().startswith("ال")
        if (pronoun or definite) and not any(s <= m.start(1) < e for s, e in taken):
            extra.append(NumberMention(word, 1, "cardinal", m.start(1), m.end(1)))
    if not extra:
        return mentions
    return sorted([*mentions, *extra], key=lambda mention: mention.start)


def index_source(source: str) -> SourceIndex:
    """Prepare a source once for many :func:`verify` calls."""
    return SourceIndex(source)


def check_mentions(idx: SourceIndex, output: str, context: CheckContext) -> list[Finding]:
    """What every registered checker (dates, quotes: summarizer.numbers.mentions) finds in ``output``."""
    findings: list[Finding] = []
    context.cache["findings"] = findings  # what the checkers before found (names leave dates and quotes alone)
    for spec in CHECKERS.values():
        findings += spec.check(idx, output, context)
    if len(CHECKERS) > 1:
        findings.sort(key=lambda f: f.mention.start)
    return findings


def covered(mentions: list[NumberMention], findings: Sequence[Finding]) -> list[NumberMention]:
    """``mentions`` without the numbers that are part of another mention (a date's day and year)."""
    spans = [(f.mention.start, f.mention.end) for f in findings if f.covers_numbers]
    if not spans:
        return mentions
    kept = []
    for m in mentions:
        for s, e in spans:
            if s <= m.start and m.end <= e:
                break
        else:
            kept.append(m)
    return kept


def verify(source: str | SourceIndex, output: str, context: CheckContext | None = None) -> VerificationReport:
    """Report which numbers (and dates, quotes, names: ``findings``) of ``output`` ``source`` supports, and why not."""
    idx = source if isinstance(source, SourceIndex) else SourceIndex(source)
    unsupported: list[NumberMention] = []
    supported: list[Support] = []
    reasons: list[str] = []
    conflicts: list[bool] = []
    context = context if context is not None else CheckContext()
    cached = context.cache.get("scan")
    if cached is not None and cached[0] == output and "numbers" in context.cache:
        mentions = context.cache["numbers"]  # the same output checked against another source: read once
    else:
        mentions, scan = scan_numbers(output)
        context.cache["scan"] = (output, scan)
        context.cache["numbers"] = mentions
    findings = check_mentions(idx, output, context)
    mentions = covered(mentions, findings)
    things = CountedThings(output, mentions)
    display = Display(output)
    for k, m in enumerate(mentions):
        hidden = None if display.clean else display.hidden_reason(m.start, m.end, m.text)
        if hidden is not None:
            unsupported.append(m)
            reasons.append(hidden)
            conflicts.append(True)
            continue
        counts = year_as_count(output, m)
        if counts is not None:  # a count the extractor read as a year: matched as the count it is
            src, conflict = idx._match(replace(m, kind="cardinal"), None, [counts], 0, output)
        else:
            src, conflict = idx._match(m, None, things, k, output)
        if src is None:
            code = code_reading(output, m)
            if code is not None:
                src = idx._match(m, (False, True, code), None, k, output)[0]
        if src is None:
            scaled = scaled_reading(output, m)
            if scaled is not None:
                src = idx._match(m, (False, False, scaled), None, k, output)[0]
        if src is None and not conflict and m.kind == "code" and unread_numerals(m.text):
            conflict = (
                f"{m.text} is written in numerals the verifier does not read (a reader sees {shown(m.text)}); "
                "only the same characters in the source support it"
            )
        if src is None:
            unsupported.append(m)
            reasons.append(conflict or f"{m.text} is not in the source")
            conflicts.append(bool(conflict))
        else:
            supported.append(Support(m, src))
    ok = not unsupported and all(f.source is not None for f in findings if f.checked)
    return VerificationReport(ok, unsupported, supported, reasons, conflicts, findings)
