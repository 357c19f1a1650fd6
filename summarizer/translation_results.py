"""Typed translation results (``summarizer.translate``): paragraphs with a two-way check of their numbers, dates
and names, and their part of the JSON contract (see docs/translation.md). Offsets are as in summarizer.results."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from summarizer.results import ArticleError, ArticleRecord, InjectedText, Problem, RunResult, Usage


@dataclass(frozen=True)
class NumberDifference:
    """A number, date or name the translation added (not in the source paragraph) or dropped (not in the
    translation)."""

    text: str  # as written: in the translation when added, in the source paragraph when dropped
    value: int | float | str
    reason: str
    mention: str = "number"  # or "date", "name" (summarizer.numbers.mentions)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"text": self.text, "value": self.value, "reason": self.reason}
        if self.mention != "number":  # a number's entry is as it always was
            data["mention"] = self.mention
        return data


@dataclass
class ParagraphNumbers:
    """The two-way check of one paragraph's translation: its numbers, dates and names."""

    added: list[NumberDifference] = field(default_factory=list)
    dropped: list[NumberDifference] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.added and not self.dropped

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "added": [number.to_dict() for number in self.added],
            "dropped": [number.to_dict() for number in self.dropped],
        }


@dataclass
class TranslatedParagraph:
    """One source paragraph (1-based ``id``, offsets in the document), its translation and its checks."""

    id: int
    source: str
    translation: str | None  # None when the model gave none
    start: int
    end: int
    numbers: ParagraphNumbers
    problems: list[Problem] = field(default_factory=list)  # alignment, glossary, language
    injected: list[InjectedText] = field(default_factory=list)  # its text aimed at the model: reported, translated

    @property
    def ok(self) -> bool:
        return self.numbers.ok and not self.problems

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "translation": self.translation,
            "start": self.start,
            "end": self.end,
            "numbers": self.numbers.to_dict(),
            "problems": [problem.to_dict() for problem in self.problems],
            "injected": [injection.to_dict() for injection in self.injected],
        }


@dataclass
class ArticleTranslation(ArticleRecord):
    """One article translated paragraph by paragraph.

    A failed article has ``error`` set and no paragraphs in its JSON; ``input`` is the file it came
    from (set by ``translate_many``); ``cached`` is true when the model's replies came from the cache.
    """

    id: str
    title: str | None
    language: str  # the source language
    target: str
    start: int
    end: int
    paragraphs: list[TranslatedParagraph]
    problems: list[Problem] = field(default_factory=list)  # reply items that match no paragraph
    notes: list[str] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)
    audit: list[dict[str, Any]] = field(default_factory=list)
    error: ArticleError | None = None
    input: str | None = None
    cached: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None and not self.problems and all(paragraph.ok for paragraph in self.paragraphs)

    @classmethod
    def _nothing(cls) -> dict[str, Any]:
        return {"target": "", "paragraphs": []}

    @property
    def flagged(self) -> int:
        """How many problems remain: each added or dropped number, date or name and each other failed check."""
        return len(self.problems) + sum(
            len(p.numbers.added) + len(p.numbers.dropped) + len(p.problems) for p in self.paragraphs
        )

    def to_dict(self, *, include_audit: bool = False) -> dict[str, Any]:
        return self._record_dict(self._completed_dict, include_audit=include_audit)

    def _completed_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "language": self.language,
            "target": self.target,
            "start": self.start,
            "end": self.end,
            "ok": self.ok,
            "paragraphs": [paragraph.to_dict() for paragraph in self.paragraphs],
            "problems": [problem.to_dict() for problem in self.problems],
            "notes": list(self.notes),
            "usage": self.usage.to_dict(),
        }


@dataclass
class TranslationResult(RunResult):
    """The result of one translation run: one entry per article found in the input (``ok`` when every
    article was translated and every paragraph of it passed every check)."""

    target: str
    articles: list[ArticleTranslation]
    model: str | None = None
    prompt_version: str | None = None
    engine: str = "openai"
    notices: list[str] = field(default_factory=list)  # run-level messages

    def _run_fields(self) -> dict[str, Any]:
        return {"target": self.target}
