"""Deterministic number extraction and verification (stdlib only)."""

from .extract import NumberMention, extract_numbers
from .verify import SourceIndex, Support, VerificationReport, index_source, verify

__all__ = ["NumberMention", "extract_numbers", "Support", "VerificationReport",
           "SourceIndex", "index_source", "verify"]
