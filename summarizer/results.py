"""Typed results and the JSON contract (see docs/json-output.md).

Offsets are character offsets (Unicode code points) into the document that was
summarized: the decoded input file, or for JSONL input the record's ``text``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from summarizer.articles import Article
    from summarizer.injection import Injection

JSON_SCHEMA_VERSION = 2  # 2: ok/supported mean "verified against the cited sentences" (docs/json-output.md)


class NumberState(str, Enum):
    """What the checks say of one number, date, quote or name in the output (and, the worst of them, of a
    sentence or row)."""

    VERIFIED = "verified"  # a sentence it cites (a key figure: its quote; a name: the article) holds it
    NEEDS_REVIEW = "needs_review"  # the article holds it, but not where the output says
    UNSUPPORTED = "unsupported"  # not in the article, or only in text aimed at the model

    @property
    def rank(self) -> int:
        return _STATE_RANK[self]


_STATE_RANK = {NumberState.VERIFIED: 0, NumberState.NEEDS_REVIEW: 1, NumberState.UNSUPPORTED: 2}


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
    merged: int = 0  # identical rows of the reply folded into this one (said in a note, not in JSON)

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
    def item(self) -> Location:
        """The whole summary sentence or key-figure row this location is in."""
        return Location(self.section, self.index, self.language if self.section is Section.SUMMARY else None)

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
    """A number, date, quote or name in the output that the source does not support (or that needs review),
    or another failed check."""

    location: Location
    kind: str  # "unsupported_number", "unknown_citation", "quote_not_verbatim", "wrong_language", ...
    message: str
    text: str | None = None  # the offending number, date, quote or name as written
    value: int | float | str | None = None
    state: NumberState = (
        NumberState.UNSUPPORTED
    )  # NEEDS_REVIEW: the article holds it elsewhere, or a name across scripts
    # sent to the model to repair; False for what only a person can judge (a name not found across scripts)
    repair: bool = True

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


@dataclass(frozen=True)
class NumberCheck:
    """One number in the output, its state and why; where the article holds it (document offsets)."""

    location: Location  # the summary sentence, or the key figure's text or label, it is in
    text: str
    value: int | float | str | None
    kind: str
    start: int  # offsets in the output text at ``location``
    end: int
    state: NumberState
    reason: str | None = None  # why it is not verified (None when verified)
    source_start: int | None = None  # the supporting span: for NEEDS_REVIEW, where the article holds it instead
    source_end: int | None = None
    source_sentence: int | None = None
    mention: str = "number"  # what kind of claim: "number", "date", "quote" (summarizer.numbers.mentions)
    note: str | None = None  # what else to show with it (a quote: "translated")

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "field": self.location.field,
            "text": self.text,
            "value": self.value,
            "kind": self.kind,
            "mention": self.mention,
            "start": self.start,
            "end": self.end,
            "state": self.state.value,
            "reason": self.reason,
            "source": None
            if self.source_start is None
            else {"start": self.source_start, "end": self.source_end, "sentence": self.source_sentence},
        }
        if self.note is not None:
            data["note"] = self.note
        return data


@dataclass(frozen=True)
class Unchecked:
    """A mention named but not checked (a relative date such as "yesterday", a translated quote), and what it is."""

    location: Location
    text: str
    mention: str  # "date", "quote"
    start: int  # offsets in the output text at ``location``
    end: int
    reason: str
    note: str | None = None  # a quote: "translated"

    def to_dict(self) -> dict[str, Any]:
        return {
            "field": self.location.field,
            "text": self.text,
            "mention": self.mention,
            "start": self.start,
            "end": self.end,
            "reason": self.reason,
            **({"note": self.note} if self.note else {}),
        }


@dataclass(frozen=True)
class InjectedText:
    """An article sentence that addresses the model (summarizer.injection): it supports nothing."""

    sentence: int
    start: int  # document offsets
    end: int
    text: str
    reason: str

    @classmethod
    def at(cls, injection: Injection, offset: int) -> InjectedText:
        """The injected sentence ``injection`` of an article that starts at document offset ``offset``."""
        return cls(
            injection.sentence, offset + injection.start, offset + injection.end, injection.text, injection.reason
        )

    def to_dict(self) -> dict[str, Any]:
        return dict(vars(self))


@dataclass
class Verification:
    """What the deterministic checks found for one article."""

    checked: int = 0  # checked mentions: numbers, dates, quotes and names (per kind: counts())
    supported: int = (
        0  # of those, verified: held by a sentence they cite (a key figure: its quote; a name: the article)
    )
    unsupported: list[Problem] = field(default_factory=list)
    grounding: list[Problem] = field(default_factory=list)  # failed grounding checks other than numbers
    uncited: list[Problem] = field(default_factory=list)  # needs review: in the article, not in the cited sentences
    # every checked mention in the output (numbers, dates, quotes: ``mention``), in output order
    numbers: list[NumberCheck] = field(default_factory=list)
    injected: list[InjectedText] = field(default_factory=list)  # article text aimed at the model
    not_checked: list[Unchecked] = field(default_factory=list)  # named, not checked (relative dates)

    @property
    def ok(self) -> bool:
        """True only when every number, date, quote and name is verified and every other check passed."""
        return not self.unsupported and not self.grounding and not self.uncited

    @property
    def to_repair(self) -> list[Problem]:
        """The problems the model is asked to repair: all but those only a person can judge (``Problem.repair``)."""
        return [p for p in self.unsupported + self.uncited + self.grounding if p.repair]

    @property
    def needs_repair(self) -> bool:
        """Whether a repair round has something to ask (``ok`` may be False with nothing to repair)."""
        return bool(self.to_repair)

    @property
    def needs_review(self) -> int:
        return sum(1 for number in self.numbers if number.state is NumberState.NEEDS_REVIEW)

    def numbers_at(self, location: Location) -> list[NumberCheck]:
        """The checked mentions (numbers, dates, quotes, names) of one summary sentence or key-figure row (all
        its parts)."""
        item = location.item
        return [number for number in self.numbers if number.location.item == item]

    def problems_at(self, location: Location) -> list[Problem]:
        """Every problem of one summary sentence or key-figure row (all its parts)."""
        item = location.item
        return [p for p in self.unsupported + self.uncited + self.grounding if p.location.item == item]

    def status(self, location: Location) -> NumberState:
        """A sentence's or row's state: the worst of its checked mentions and problems."""
        states = [number.state for number in self.numbers_at(location)]
        states += [problem.state for problem in self.problems_at(location)]
        return max(states, key=lambda state: state.rank, default=NumberState.VERIFIED)

    def counts(self) -> dict[str, tuple[int, int]]:
        """Per kind of mention ("number" first, then in the order the kinds are registered: dates, quotes):
        (verified, checked)."""
        from summarizer.numbers.mentions import PLURALS

        counts: dict[str, tuple[int, int]] = {"number": (0, 0)}
        for check in self.numbers:
            verified, checked = counts.get(check.mention, (0, 0))
            counts[check.mention] = (verified + (check.state is NumberState.VERIFIED), checked + 1)
        order = list(PLURALS)
        return dict(sorted(counts.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order)))

    def summary_line(self, *, citations: str = "the cited sentences") -> str:
        """What was checked and what was not, in one line for people.

        "9 of 9 numbers verified ..." when only numbers were checked; with dates and quotes:
        "9 of 9 numbers, 2 dates and 1 of 2 quotes verified ..." (a kind all verified is only counted); a
        kind the output does not name is left out ("2 dates verified ..."). A kind the article supports
        anywhere (names: ``CheckerSpec.anywhere``) is said to be verified against the article, not the
        citations: "9 of 9 numbers verified against the cited sentences, 2 names against the article".
        """
        from summarizer.numbers.mentions import CHECKERS, PLURALS, joined

        parts: list[str] = []
        anywhere: list[str] = []
        for mention, (verified, checked) in self.counts().items():
            singular, plural = PLURALS.get(mention, (mention, mention + "s"))
            if not checked:
                continue  # a kind the output does not name is not counted ("2 dates", not "0 of 0 numbers")
            spec = CHECKERS.get(mention)
            kept = anywhere if spec is not None and spec.anywhere else parts
            if mention == "number":
                kept.append(f"{verified} of {checked} {plural}")
            elif verified == checked:
                kept.append(f"{checked} {singular if checked == 1 else plural}")
            else:
                kept.append(f"{verified} of {checked} {plural}")
        if not parts and not anywhere:
            kinds = [plural for _, plural in PLURALS.values()]
            line = (
                f"no {', '.join(kinds[:-1])} or {kinds[-1]} to verify" if len(kinds) > 1 else f"no {kinds[0]} to verify"
            )
        elif not parts:
            line = f"{joined(anywhere)} verified against the article"
        else:
            line = f"{joined(parts)} verified against {citations}"
            if anywhere:
                line += f", {joined(anywhere)} against the article"
        unsupported = sum(1 for number in self.numbers if number.state is NumberState.UNSUPPORTED)
        if self.needs_review:
            line += f"; {self.needs_review} need review"
        if unsupported:
            line += f"; {unsupported} unsupported"
        if self.grounding:
            line += f"; {len(self.grounding)} other problem{'s' if len(self.grounding) != 1 else ''}"
        if self.not_checked:
            from summarizer.numbers.mentions import not_checked_phrases

            unchecked = [(u.mention, u.text) for u in self.not_checked]
            line += "".join(f"; {phrase}" for phrase in not_checked_phrases(unchecked))
        return line + "; wording not checked"

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "checked": self.checked,
            "supported": self.supported,
            "needs_review": self.needs_review,
            "summary": self.summary_line(),
            "unsupported": [p.to_dict() for p in self.unsupported],
            "grounding": [p.to_dict() for p in self.grounding],
            "uncited": [p.to_dict() for p in self.uncited],
            "injected": [injection.to_dict() for injection in self.injected],
            **({"not_checked": [u.to_dict() for u in self.not_checked]} if self.not_checked else {}),
        }


@dataclass
class Usage:
    """Tokens the model calls used for one article."""

    calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    repair_rounds: int = 0

    def add(self, other: Usage) -> None:
        """Count ``other``'s calls, tokens and repair rounds as this one's (the parts of one article)."""
        self.calls += other.calls
        self.input_tokens += other.input_tokens
        self.output_tokens += other.output_tokens
        self.repair_rounds += other.repair_rounds

    def to_dict(self) -> dict[str, Any]:
        return dict(vars(self))


@dataclass(frozen=True)
class ArticleError:
    """Why an article (or an input) produced no result: ``kind`` (``input``, ``configuration``,
    ``model``, ``parse`` or ``internal``) and a one-line ``message``; ``status`` is the server's HTTP status."""

    kind: str
    message: str
    status: int | None = None

    @classmethod
    def from_exception(cls, error: BaseException) -> ArticleError:
        from summarizer.errors import ConfigurationError, InputError, ModelError, ParseError

        kinds = (
            (ParseError, "parse"),
            (ModelError, "model"),
            (InputError, "input"),
            (ConfigurationError, "configuration"),
        )
        kind = next((name for kind, name in kinds if isinstance(error, kind)), None)
        message = str(error) if kind else f"unexpected failure ({type(error).__name__}: {error})"
        return cls(kind or "internal", message, getattr(error, "status", None))

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "message": self.message}
        if self.status is not None:
            data["status"] = self.status
        return data


_Record = TypeVar("_Record", bound="ArticleRecord")


class ArticleRecord:
    """What the result of one article shares, summary or translation: its failed form, ``input``,
    ``cached`` and ``audit`` in JSON. The dataclasses below hold the fields."""

    id: str
    title: str | None
    notes: list[str]
    audit: list[dict[str, Any]]
    error: ArticleError | None
    input: str | None
    cached: bool

    @classmethod
    def failed(
        cls: type[_Record],
        error: BaseException,
        *,
        id: str | None,
        title: str | None = None,
        language: str = "",
        start: int = 0,
        end: int = 0,
    ) -> _Record:
        """The result of an article (or an unreadable input: ``id`` None) that failed with ``error``."""
        fields: dict[str, Any] = {
            "id": id or "",
            "title": title,
            "language": language,
            "start": start,
            "end": end,
            "error": ArticleError.from_exception(error),
        }
        return cls(**fields, **cls._nothing())

    @classmethod
    def _nothing(cls) -> dict[str, Any]:
        """The fields a failed article has empty."""
        raise NotImplementedError

    def _record_dict(self, completed: Callable[[], dict[str, Any]], *, include_audit: bool) -> dict[str, Any]:
        """The JSON object: ``input`` first, then the error of a failed article, else ``completed()``'s fields."""
        data: dict[str, Any] = {} if self.input is None else {"input": self.input}
        if self.error is not None:
            data.update(id=self.id or None, title=self.title, error=self.error.to_dict(), notes=list(self.notes))
            return data
        data |= completed()
        if self.cached:
            data["cached"] = True
        if include_audit:
            data["audit"] = self.audit
        return data


class RunResult:
    """What the result of a run shares, summaries or translations: ``ok``, ``failed`` and its JSON."""

    articles: list[Any]
    engine: str
    model: str | None
    prompt_version: str | None

    @property
    def ok(self) -> bool:
        """True when every article completed and every check of it passed."""
        return all(article.ok for article in self.articles)

    @property
    def failed(self) -> list[Any]:
        """The articles that produced no result (each with its ``error``)."""
        return [article for article in self.articles if article.error is not None]

    def to_dict(self, *, include_audit: bool = False) -> dict[str, Any]:
        return {
            "schema_version": JSON_SCHEMA_VERSION,
            "engine": self.engine,
            "model": self.model,
            "prompt_version": self.prompt_version,
            **self._run_fields(),
            "ok": self.ok,
            "articles": [article.to_dict(include_audit=include_audit) for article in self.articles],
        }

    def _run_fields(self) -> dict[str, Any]:
        """What this kind of run adds to the JSON before ``ok``."""
        return {}

    def to_json(self, *, include_audit: bool = False) -> str:
        return json.dumps(self.to_dict(include_audit=include_audit), ensure_ascii=False, indent=2)


@dataclass
class ArticleResult(ArticleRecord):
    """Everything produced for one article.

    A failed article has ``error`` set and no summaries, key figures or verification in its JSON.
    ``input`` is the file it came from (set by ``summarize_many``); ``cached`` is true when the
    model's replies came from the cache, with no request made. ``source`` is the article itself (its
    text and numbered sentences) when the run was asked to keep it (``summarize(keep_source=True)``,
    for the HTML page); it is never in the JSON.
    """

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
    error: ArticleError | None = None
    input: str | None = None
    cached: bool = False
    source: Article | None = field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        """True when the article was summarized and every check passed."""
        return self.error is None and self.verification.ok

    @property
    def flagged(self) -> int:
        """How many problems remain flagged: numbers, dates, quotes and names unsupported or needing review, and
        other failed checks."""
        verification = self.verification
        return len(verification.unsupported) + len(verification.uncited) + len(verification.grounding)

    @classmethod
    def _nothing(cls) -> dict[str, Any]:
        return {"summaries": {}, "key_figures": [], "verification": Verification()}

    def to_dict(self, *, include_audit: bool = False) -> dict[str, Any]:
        return self._record_dict(self._completed_dict, include_audit=include_audit)

    def _completed_dict(self) -> dict[str, Any]:
        data = {
            "id": self.id,
            "title": self.title,
            "language": self.language,
            "start": self.start,
            "end": self.end,
            "summaries": {
                language: self._summary_dict(language, summary) for language, summary in self.summaries.items()
            },
            "key_figures": [
                {**figure.to_dict(), **self._checked(Location.key_figure(index))}
                for index, figure in enumerate(self.key_figures)
            ],
            "verification": self.verification.to_dict(),
            "notes": list(self.notes),
        }
        if self.usage is not None:
            data["usage"] = self.usage.to_dict()
        return data

    def _checked(self, location: Location) -> dict[str, Any]:
        """The status and the numbers of one sentence or row, as JSON adds them to it."""
        return {
            "status": self.verification.status(location).value,
            "numbers": [number.to_dict() for number in self.verification.numbers_at(location)],
        }

    def _summary_dict(self, language: str, summary: Summary | None) -> dict[str, Any] | None:
        if summary is None:
            return None
        data = summary.to_dict()
        for index, sentence in enumerate(data["sentences"]):
            sentence.update(self._checked(Location.summary(language, index)))
        return data


@dataclass
class SummaryResult(RunResult):
    """The result of one run: one entry per article found in the input (``ok`` when every article was
    summarized, every number, date, quote and name in it verified and every check passed)."""

    engine: str
    articles: list[ArticleResult]
    model: str | None = None
    prompt_version: str | None = None
    notices: list[str] = field(default_factory=list)  # run-level messages (engine chosen, ...)
