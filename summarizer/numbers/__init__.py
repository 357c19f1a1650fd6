"""Deterministic extraction and verification of numbers, dates, quotes and names (summarizer.numbers.mentions)."""

from . import dates as _dates  # noqa: F401  (registers the date checker)
from . import names as _names  # noqa: F401  (registers the name checker, after quotes)
from .counted import Counted, compatible, conflict_reason, counted_things
from .extract import NumberMention, extract_numbers
from .quotes import QuoteCheck, QuoteIndex, QuoteMention, check_quotes, extract_quotes, quote_findings
from .verify import SourceIndex, Support, VerificationReport, index_source, verify

__all__ = [
    "NumberMention",
    "extract_numbers",
    "Support",
    "VerificationReport",
    "SourceIndex",
    "index_source",
    "verify",
    "Counted",
    "counted_things",
    "compatible",
    "conflict_reason",
    "QuoteMention",
    "QuoteCheck",
    "QuoteIndex",
    "extract_quotes",
    "check_quotes",
    "quote_findings",
]
