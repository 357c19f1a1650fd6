"""Typed results and the JSON contract (see README, "JSON output").

Offsets are character offsets (Unicode code points) into the document that was
summarized: the decoded input file, or for JSONL input the record's ``text``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from summarizer.languages import LANGUAGE_NAMES  # noqa: F401  (re-exported for the engines)

JSON_SCHEMA_VERSION = 1


@dataclass
class SummarySentence:
    """One summary sentence and the article sentences (1-based ids) it rests on."""

    text: str
    sources: list[int]
    start: int | None = None  # where the sentence is a verbatim source span (extractive engine)
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"text": self.text, "sources": list(self.sources)}
        if self.start is not None:
            data["start"], data["end"] = self.start, self.end
        return data


@dataclass
class Summary:
    """A summary in one language."""

    language: str
    sentences: list[SummarySentence]

    @property
    def text(self) -> str:
        return " ".join(sentence.text for sentence in self.sentences)

    def to_dict(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "text": self.text,
            "sentences": [sentence.to_dict() for sentence in self.sentences],
        }


@dataclass
class KeyFigure:
    """An important number: as written, its value, what it counts, and its verbatim source quote."""

    text: str
    value: int | float | str | None  # None when the text holds no number the verifier can read
    kind: str | None
    quote: str
    start: int | None  # quote offsets in the document; None when the quote is not in it verbatim
    end: int | None
    number_start: int | None
    number_end: int | None
    sentence: int | None
    label: dict[str, str | None]  # what it counts, keyed by language code

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "value": self.value,
            "kind": self.kind,
            "label": dict(self.label),
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "number_start": self.number_start,
            "number_end": self.number_end,
            "sentence": self.sentence,
        }


class Section(str, Enum):
    """Which part of an article's output a problem is in."""

    SUMMARY = "summary"
    KEY_FIGURE = "key_figure"
    PARAGRAPH = "paragraph"  # a paragraph of a translation


@dataclass(frozen=True)
class Location:
    """Where in an article's output something is: a summary sentence or a key figure (or one of its parts)."""

    section: Section
    index: int  # 0-based: the sentence in its summary, or the key figure
    language: str | None = None  # the summary's language, or a key figure label's
    part: str | None = None  # of a key figure: "text" or "label"; None for the whole figure

    @classmethod
    def summary(cls, language: str, index: int) -> Location:
        return cls(Section.SUMMARY, index, language)

    @classmethod
    def key_figure(cls, index: int, part: str | None = None, language: str | None = None) -> Location:
        return cls(Section.KEY_FIGURE, index, language, part)

    @classmethod
    def paragraph(cls, index: int) -> Location:
        """The translation of the article's paragraph ``index`` (0-based: paragraph id - 1)."""
        return cls(Section.PARAGRAPH, index)

    @property
    def field(self) -> str:
        """The location as JSON and prompts write it: "summaries.en[2]", "key_figures[0].label.ar", ..."""
        if self.section is Section.SUMMARY:
            return f"summaries.{self.language}[{self.index}]"
        if self.section is Section.PARAGRAPH:
            return f"paragraphs[{self.index}]"
        figure = f"key_figures[{self.index}]"
        if self.part == "label":
            return f"{figure}.label.{self.language}"
        return f"{figure}.{self.part}" if self.part else figure


@dataclass
class Problem:
    """A number in the output that the source does not support, or another failed check."""

    location: Location
    kind: str  # "unsupported_number", "unknown_citation", "quote_not_verbatim", "wrong_language", ...
    message: str
    text: str | None = None  # the offending number or quote as written
    value: int | float | str | None = None

    @property
    def field(self) -> str:
        return self.location.field

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"field": self.field, "kind": self.kind, "message": self.message}
        if self.text is not None:
            data["text"] = self.text
        if self.value is not None:
            data["value"] = self.value
        return data


@dataclass
class Verification:
    """What the deterministic checks found for one article."""

    checked: int = 0
    supported: int = 0
    unsupported: list[Problem] = field(default_factory=list)
    grounding: list[Problem] = field(default_factory=list)  # failed grounding checks other than numbers
    uncited: list[Problem] = field(default_factory=list)  # stricter signal: in the source, not in the cited sentences

    @property
    def ok(self) -> bool:
        return not self.unsupported and not self.grounding

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "checked": self.checked,
            "supported": self.supported,
            "unsupported": [p.to_dict() for p in self.unsupported],
            "grounding": [p.to_dict() for p in self.grounding],
            "uncited": [p.to_dict() for p in self.uncited],
        }


@dataclass
class Usage:
    """Tokens the model calls used for one article."""

    calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    repair_rounds: int = 0

    def to_dict(self) -> dict[str, Any]:
        return dict(vars(self))


@dataclass
class ArticleResult:
    """Everything produced for one article."""

    id: str
    title: str | None
    language: str
    start: int
    end: int
    summaries: dict[str, Summary | None]
    key_figures: list[KeyFigure]
    verification: Verification
    notes: list[str] = field(default_factory=list)
    usage: Usage | None = None
    audit: list[dict[str, Any]] = field(default_factory=list)  # prompts and raw replies, for audit

    def to_dict(self, *, include_audit: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "language": self.language,
            "start": self.start,
            "end": self.end,
            "summaries": {
                language: summary.to_dict() if summary is not None else None
                for language, summary in self.summaries.items()
            },
            "key_figures": [figure.to_dict() for figure in self.key_figures],
            "verification": self.verification.to_dict(),
            "notes": list(self.notes),
        }
        if self.usage is not None:
            data["usage"] = self.usage.to_dict()
        if include_audit:
            data["audit"] = self.audit
        return data


@dataclass
class SummaryResult:
    """The result of one run: one entry per article found in the input."""

    engine: str
    articles: list[ArticleResult]
    model: str | None = None
    prompt_version: str | None = None
    notices: list[str] = field(default_factory=list)  # run-level messages (engine chosen, ...)

    @property
    def ok(self) -> bool:
        """True when every number in every article is verified and every check passed."""
        return all(article.verification.ok for article in self.articles)

    def to_dict(self, *, include_audit: bool = False) -> dict[str, Any]:
        return {
            "schema_version": JSON_SCHEMA_VERSION,
            "engine": self.engine,
            "model": self.model,
            "prompt_version": self.prompt_version,
            "ok": self.ok,
            "articles": [article.to_dict(include_audit=include_audit) for article in self.articles],
        }

    def to_json(self, *, include_audit: bool = False) -> str:
        return json.dumps(self.to_dict(include_audit=include_audit), ensure_ascii=False, indent=2)


# Translation (summarizer.translate): paragraphs with a two-way number check.


@dataclass(frozen=True)
class NumberDifference:
    """A number the translation added (not in the source paragraph) or dropped (not in the translation)."""

    text: str  # as written: in the translation when added, in the source paragraph when dropped
    value: int | float | str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "value": self.value, "reason": self.reason}


@dataclass
class NumberCheck:
    """The two-way number check of one paragraph's translation."""

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
    numbers: NumberCheck
    problems: list[Problem] = field(default_factory=list)  # alignment, glossary, language

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
        }


@dataclass
class ArticleTranslation:
    """One article translated paragraph by paragraph."""

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

    @property
    def ok(self) -> bool:
        return not self.problems and all(paragraph.ok for paragraph in self.paragraphs)

    @property
    def flagged(self) -> int:
        """How many problems remain: each added or dropped number and each other failed check."""
        return len(self.problems) + sum(
            len(p.numbers.added) + len(p.numbers.dropped) + len(p.problems) for p in self.paragraphs
        )

    def to_dict(self, *, include_audit: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
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
        if include_audit:
            data["audit"] = self.audit
        return data


@dataclass
class TranslationResult:
    """The result of one translation run: one entry per article found in the input."""

    target: str
    articles: list[ArticleTranslation]
    model: str | None = None
    prompt_version: str | None = None
    engine: str = "openai"

    @property
    def ok(self) -> bool:
        """True when every paragraph of every article passed every check."""
        return all(article.ok for article in self.articles)

    def to_dict(self, *, include_audit: bool = False) -> dict[str, Any]:
        return {
            "schema_version": JSON_SCHEMA_VERSION,
            "engine": self.engine,
            "model": self.model,
            "prompt_version": self.prompt_version,
            "target": self.target,
            "ok": self.ok,
            "articles": [article.to_dict(include_audit=include_audit) for article in self.articles],
        }

    def to_json(self, *, include_audit: bool = False) -> str:
        return json.dumps(self.to_dict(include_audit=include_audit), ensure_ascii=False, indent=2)
