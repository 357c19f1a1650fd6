"""The pieces of an article's text that everything else points at: a ``Sentence`` and a ``Paragraph``,
each a 1-based id, its exact text and its offsets in the article text.

Imports nothing from the package, so any module may use these (summarizer.articles makes them,
summarizer.injection reads them) without an import cycle.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)  # slots: a long article holds many, and no dict each
class Sentence:
    """A sentence of an article: 1-based ``id``, exact text, offsets in the article text."""

    id: int
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of an article: 1-based ``id``, exact text, offsets in the article text."""

    id: int
    text: str
    start: int
    end: int
