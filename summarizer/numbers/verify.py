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
* Explainable: each supported output mention names the source mention (with its
  offsets in the source) that supports it; the first compatible source mention wins.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from .extract import NumberMention, extract_numbers

__all__ = ["Support", "VerificationReport", "SourceIndex", "index_source", "verify"]

_GENERAL = frozenset({"cardinal", "decimal", "fraction", "year", "date_part", "range_end"})
COMPATIBLE: dict[str, frozenset[str]] = {
    "code": frozenset({"code"}),
    "percent": frozenset({"percent"}),
    "time": frozenset({"time"}),
    "ordinal": frozenset({"ordinal", "date_part"}),
    "date_part": _GENERAL | {"ordinal"},
    **{k: _GENERAL for k in ("cardinal", "decimal", "fraction", "year", "range_end")},
}


@dataclass(frozen=True, slots=True)
class Support:
    """An output mention and the source mention that supports it."""

    output: NumberMention
    source: NumberMention


@dataclass(frozen=True)
class VerificationReport:
    """Result of :func:`verify`; ``ok`` is True iff nothing is unsupported."""

    ok: bool
    unsupported: list[NumberMention] = field(default_factory=list)
    supported: list[Support] = field(default_factory=list)

    def to_dict(self) -> dict:
        """JSON-ready dict."""
        return {"ok": self.ok,
                "unsupported": [m.to_dict() for m in self.unsupported],
                "supported": [{"output": s.output.to_dict(), "source": s.source.to_dict()}
                              for s in self.supported]}


def value_key(m: NumberMention) -> object:
    """Exact comparison key of a mention's value (an int, a Fraction or a code string)."""
    v = m.value
    if isinstance(v, str):
        return v
    if isinstance(v, float):
        v = Fraction(Decimal(repr(v)))
    # an int equals and hashes like the equal Fraction, so it is its own key
    if m.kind == "time":
        return v % 12
    return v


class SourceIndex:
    """A source text's mentions, indexed by exact value for repeated matching."""

    __slots__ = ("text", "mentions", "_by_key")

    def __init__(self, text: str) -> None:
        self.text = text
        self.mentions = extract_numbers(text)
        by: dict[object, list[NumberMention]] = {}
        for m in self.mentions:
            by.setdefault((m.kind == "time", m.kind == "code", value_key(m)), []).append(m)
        self._by_key = by

    def find(self, out: NumberMention) -> NumberMention | None:
        """The first source mention that supports ``out``, or None."""
        allowed = COMPATIBLE.get(out.kind, _GENERAL)
        cands = self._by_key.get((out.kind == "time", out.kind == "code", value_key(out)))
        if cands:
            for m in cands:
                if m.kind in allowed:
                    return m
        return None


def index_source(source: str) -> SourceIndex:
    """Prepare a source once for many :func:`verify` calls."""
    return SourceIndex(source)


def verify(source: str | SourceIndex, output: str) -> VerificationReport:
    """Report which numbers of ``output`` are (un)supported by ``source``."""
    idx = source if isinstance(source, SourceIndex) else SourceIndex(source)
    unsupported: list[NumberMention] = []
    supported: list[Support] = []
    for m in extract_numbers(output):
        src = idx.find(m)
        if src is None:
            unsupported.append(m)
        else:
            supported.append(Support(m, src))
    return VerificationReport(not unsupported, unsupported, supported)
