"""Splitting a text into spans of at most N tokens, at the coarsest boundary that works."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from summarizer.engines.model.counting import encoding_for_model

# Separators from coarsest to finest. A match (or its group 1) is a gap between pieces.
_SEPARATORS: tuple[re.Pattern[str], ...] = (
    re.compile(r"\n\s*\n"),  # blank lines: paragraphs
    re.compile(r"\n"),  # single newlines
    re.compile(r"[.!?\u061f\u06d4\u2026]+[\"'\u00bb\u201d\u2019)\]]*(\s+)"),  # sentence ends (incl. Arabic ؟ and ۔)
    re.compile(r"\s+"),  # whitespace
)

_Span = tuple[int, int]
_Fits = Callable[[int, int], bool]


def _pieces(text: str, start: int, end: int, separator: re.Pattern[str]) -> list[_Span]:
    """Non-empty, whitespace-trimmed spans of text[start:end] between separator matches."""
    spans: list[_Span] = []

    def add(s: int, e: int) -> None:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            spans.append((s, e))

    pos = start
    for match in separator.finditer(text, start, end):
        gap_start, gap_end = match.span(1 if separator.groups else 0)
        add(pos, gap_start)
        pos = gap_end
    add(pos, end)
    return spans


def _is_joiner(ch: str) -> bool:
    """True for characters that must stay with the previous one (marks, ZWJ/ZWNJ, selectors)."""
    return unicodedata.category(ch).startswith("M") or ch in "\u200c\u200d" or "\ufe00" <= ch <= "\ufe0f"


def _hard_split(text: str, start: int, end: int, fits: _Fits) -> list[_Span]:
    """Split a whitespace-free run at character positions (never before a combining mark)."""
    chunks: list[_Span] = []
    s = start
    while s < end:
        if fits(s, end):
            chunks.append((s, end))
            break
        lo, hi = s, end  # fits(s, lo) holds (empty text), fits(s, hi) does not
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if fits(s, mid):
                lo = mid
            else:
                hi = mid
        cut = lo
        while cut > s and _is_joiner(text[cut]):
            cut -= 1
        # BPE counts are not monotonic in length: moving the cut back over marks can make the
        # prefix merge into more tokens, so step back until it fits again.
        while cut > s + 1 and not fits(s, cut):
            cut -= 1
            while cut > s and _is_joiner(text[cut]):
                cut -= 1
        if cut == s:  # one character (with its marks) is over budget on its own
            cut = s + 1
            while cut < end and _is_joiner(text[cut]):
                cut += 1
        chunks.append((s, cut))
        s = cut
    return chunks


def _split(text: str, start: int, end: int, level: int, fits: _Fits) -> list[_Span]:
    """Chunks of text[start:end] using separator ``level`` and finer ones for oversized pieces."""
    if level == len(_SEPARATORS):
        return _hard_split(text, start, end, fits)
    pieces = _pieces(text, start, end, _SEPARATORS[level])
    chunks: list[_Span] = []
    i = 0
    while i < len(pieces):
        first_start, first_end = pieces[i]
        if not fits(first_start, first_end):
            chunks.extend(_split(text, first_start, first_end, level + 1, fits))
            i += 1
            continue
        # Gallop, then binary-search, for the last piece that still fits with pieces[i].
        lo, step = i, 1
        while lo + step < len(pieces) and fits(first_start, pieces[lo + step][1]):
            lo += step
            step *= 2
        hi = min(lo + step, len(pieces))
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if fits(first_start, pieces[mid][1]):
                lo = mid
            else:
                hi = mid
        chunks.append((first_start, pieces[lo][1]))
        i = lo + 1
    return chunks


def split_into_chunks(text: str, *, max_tokens: int, model: str) -> list[tuple[int, int]]:
    """Split ``text`` into ``(start, end)`` character spans of at most ``max_tokens`` tokens.

    Splits at paragraph boundaries (blank lines), then single newlines, then
    sentence ends (``. ! ? … ؟ ۔``), then whitespace; a whitespace-free run that is
    still too long is cut between characters (never before a combining mark), so
    every chunk fits unless a single character exceeds the budget. Chunks are in
    order and do not overlap; the gaps between them hold only whitespace, so the
    chunks and gaps together reproduce ``text``. Chunks are trimmed of surrounding
    whitespace, except that a text that fits is returned whole as ``[(0, len(text))]``;
    a whitespace-only text that does not fit gives ``[]``.
    """
    if max_tokens < 1:
        raise ValueError(f"max_tokens must be at least 1, got {max_tokens}")
    encoding = encoding_for_model(model)

    def fits(s: int, e: int) -> bool:
        # A token holds at least one byte, so short spans fit without encoding.
        span = text[s:e]
        if len(span.encode("utf-8")) <= max_tokens:
            return True
        return len(encoding.encode_ordinary(span)) <= max_tokens

    if fits(0, len(text)):
        return [(0, len(text))]
    return _split(text, 0, len(text), 0, fits)
