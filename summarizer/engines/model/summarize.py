"""The summarization task: its reply model and schema, templates, output, checks and repair message.

The model is asked, per article, for 3 to 5 cited sentences per language and up
to 8 key figures (``summarize`` template, or ``merge`` for the chunks of a long
article). Offsets are always found in the article, never taken from the model;
the checks are summarizer.summary_checks, the same as the extractive engine's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Annotated, Any

from pydantic import BaseModel, Field

from summarizer.articles import Article
from summarizer.cache import ResultCache
from summarizer.config import Config
from summarizer.engines.model.caching import CACHED_NOTE, CachedTaskRun, converse_cached, glossary_key
from summarizer.engines.model.client import ChatBackend, Message
from summarizer.engines.model.task import parse_json, schema_text
from summarizer.engines.model.templating import PromptSet
from summarizer.glossary import Glossary
from summarizer.injection import neutralise
from summarizer.languages import LANGUAGE_NAMES, detect_language, other_language
from summarizer.numbers import extract_numbers
from summarizer.numbers.mentions import count_phrases, joined
from summarizer.results import (
    ArticleResult,
    KeyFigure,
    NumberState,
    Problem,
    Section,
    Summary,
    SummarySentence,
    Verification,
)
from summarizer.spans import Sentence
from summarizer.summary_checks import check_article, injection_note

MIN_SENTENCES, MAX_SENTENCES = 3, 5
MAX_FIGURES = 8
MAX_SOURCES = 3
MAX_REPAIR_PROBLEMS = 12
SCHEMA_NAME = "article_summary"
SUMMARY_DEF = "summary"


# Ceilings well above what the schema asks (a server that ignores the schema and the token limit may
# send anything): past them a reply is unusable, as a malformed one is, not carried into the output.
_Text = Annotated[str, Field(max_length=2000)]
_Label = Annotated[str, Field(max_length=300)]
_Rows = 50


class CitedSentence(BaseModel):
    text: _Text
    sources: Annotated[list[int], Field(max_length=_Rows)]


class FigureReply(BaseModel, frozen=True):
    number: _Label
    quote: _Text
    label_en: _Label
    label_ar: _Label
    sentence: int


class ModelReply(BaseModel):
    summary_en: Annotated[list[CitedSentence], Field(max_length=_Rows)] | None = None
    summary_ar: Annotated[list[CitedSentence], Field(max_length=_Rows)] | None = None
    key_figures: Annotated[list[FigureReply], Field(max_length=_Rows)]


@dataclass(frozen=True)
class ReplyLimits:
    """Bounds written into the reply schema; servers that constrain decoding to the schema enforce them."""

    sentences: int
    figures: int
    text_chars: int
    quote_chars: int


FULL_LIMITS = ReplyLimits(sentences=MAX_SENTENCES, figures=MAX_FIGURES, text_chars=400, quote_chars=300)
# After a reply is cut off at the token limit, the retry (and the rest of that conversation) asks for less.
COMPACT_LIMITS = ReplyLimits(sentences=MIN_SENTENCES, figures=4, text_chars=250, quote_chars=200)
LABEL_CHARS = 80
NUMBER_CHARS = 40


def reply_schema(languages: Sequence[str], limits: ReplyLimits = FULL_LIMITS) -> dict[str, Any]:
    """The JSON schema of a reply for the requested languages.

    String lengths bound what a weak model can ramble on a grammar-constrained server (llama.cpp);
    OpenAI's strict mode does not take them, so the back end drops them there.
    """
    sentence = {
        "type": "object",
        "properties": {
            "text": {"type": "string", "maxLength": limits.text_chars},
            "sources": {"type": "array", "items": {"type": "integer"}, "minItems": 1, "maxItems": MAX_SOURCES},
        },
        "required": ["text", "sources"],
        "additionalProperties": False,
    }
    figure = {
        "type": "object",
        "properties": {
            "number": {"type": "string", "maxLength": NUMBER_CHARS},
            "quote": {"type": "string", "maxLength": limits.quote_chars},
            "label_en": {"type": "string", "maxLength": LABEL_CHARS},
            "label_ar": {"type": "string", "maxLength": LABEL_CHARS},
            "sentence": {"type": "integer"},
        },
        "required": ["number", "quote", "label_en", "label_ar", "sentence"],
        "additionalProperties": False,
    }
    summary = {"type": "array", "items": sentence, "minItems": 1, "maxItems": limits.sentences}
    # every language's summary refers to one definition in $defs: the schema is sent, in tokens, with every request
    properties: dict[str, Any] = {f"summary_{language}": {"$ref": f"#/$defs/{SUMMARY_DEF}"} for language in languages}
    properties["key_figures"] = {"type": "array", "items": figure, "maxItems": limits.figures}
    return {
        "type": "object",
        "$defs": {SUMMARY_DEF: summary},
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def summary_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema of each summary (its sentences) in a reply schema: its ``$defs`` entry."""
    return schema["$defs"][SUMMARY_DEF]


Output = tuple[dict[str, Summary | None], list[KeyFigure]]


class SummarizeTask:
    """Summaries in the requested languages and a key-figure table (see summarizer.engines.model.task)."""

    template = "summarize"
    schema_name = SCHEMA_NAME

    def __init__(self, languages: Sequence[str], prompts: PromptSet, glossary: Glossary | None = None) -> None:
        self.languages = tuple(languages)
        self.prompts = prompts
        self.glossary = glossary if glossary is not None and glossary.terms else None
        self._schemas = {False: reply_schema(self.languages), True: reply_schema(self.languages, COMPACT_LIMITS)}

    def schema(self, compact: bool) -> dict[str, Any]:
        return self._schemas[compact]

    def units(self, article: Article) -> Sequence[Sentence]:
        return article.sentences

    def _shape(self, schema_in_prompt: bool) -> dict[str, Any]:
        """The template variables that describe the reply's shape (shared by summarize and merge)."""
        return {
            "min_sentences": MIN_SENTENCES,
            "max_sentences": MAX_SENTENCES,
            "max_figures": MAX_FIGURES,
            "schema": schema_text(self._schemas[False]) if schema_in_prompt else "",
        }

    def request(self, article: Article, units: Sequence[Sentence], schema_in_prompt: bool) -> list[Message]:
        shown = {sentence.id for sentence in units}
        user = self.prompts.render(
            "summarize",
            languages=self.languages,
            language_names=LANGUAGE_NAMES,
            sentences=fenced(units),
            sentence_count=len(article.sentences),
            injected=[i.sentence for i in article.injections if i.sentence in shown],
            glossary=self._glossary_terms(article, units),
            **self._shape(schema_in_prompt),
        )
        return [{"role": "system", "content": self.prompts.render("system")}, {"role": "user", "content": user}]

    def _glossary_terms(self, article: Article, units: Sequence[Sentence]) -> list[dict[str, str]]:
        """The glossary's names that the sentences sent hold, each as {"ar": its Arabic form, "en": its English
        form} (the prompt lists them; no glossary, or none of its names there: an empty list, and the prompt
        is the same as without a glossary)."""
        if self.glossary is None:
            return []
        language = detect_language(article.text)
        other = other_language(language)
        text = "\n".join(unit.text for unit in units)
        return [
            {language: " ".join(found.split()), other: " ".join(given.split())}  # one line each in the prompt
            for found, given in self.glossary.across(text, language)
        ]

    def merge(self, article: Article, parts: Sequence[ModelReply], schema_in_prompt: bool) -> list[Message]:
        dumped = [part.model_dump_json(exclude_none=True) for part in parts]
        user = self.prompts.render(
            "merge",
            parts=dumped,
            language_names=LANGUAGE_NAMES,
            glossary=self._glossary_terms(article, article.sentences),
            **self._shape(schema_in_prompt),
        )
        return [{"role": "system", "content": self.prompts.render("system")}, {"role": "user", "content": user}]

    def parse(self, content: str) -> ModelReply:
        return parse_reply(content)

    def retry_variables(self, compact: bool) -> dict[str, Any]:
        figures = COMPACT_LIMITS.figures if compact else MAX_FIGURES
        return {
            "shorter": f"shorter: fewer and shorter sentences, at most {figures} key figures, "
            f"at most {MAX_SOURCES} sources per sentence",
            "purpose": "to be summarized for an editor; summarizing it is safe",
        }

    def build(self, article: Article, reply: ModelReply) -> Output:
        return build_output(article, reply, self.languages)

    def check(self, article: Article, output: Output) -> Verification:
        return check_article(article, *output, glossary=self.glossary)

    def repair(self, article: Article, output: Output, report: Verification) -> str:
        return render_repair(article, report, *output, self.prompts)

    def chunked_note(self, parts: int) -> str:
        return f"The article was longer than the model's budget: summarized in {parts} parts, then merged."

    def unresolved_note(self, report: Verification) -> str:
        """What is still flagged, per kind: "2 numbers unsupported, 1 name needing review and 1 other problem
        remain after repair: ..." (a kind with none is left out)."""
        parts = []
        for state, what in ((NumberState.UNSUPPORTED, "unsupported"), (NumberState.NEEDS_REVIEW, "needing review")):
            counts = Counter(check.mention for check in report.numbers if check.state is state)
            parts += [f"{phrase} {what}" for phrase in count_phrases(counts)]
        if report.grounding:
            parts.append(f"{len(report.grounding)} other problem{'s' if len(report.grounding) != 1 else ''}")
        total = sum(1 for check in report.numbers if check.state is not NumberState.VERIFIED) + len(report.grounding)
        verb = "remains" if total == 1 else "remain"
        return f"{joined(parts)} {verb} after repair: they are flagged, not verified."

    def result(self, article: Article, output: Output, report: Verification, **outcome: Any) -> ArticleResult:
        """The article's result from its conversation's outcome (``notes``, ``usage``, ``audit``)."""
        summaries, figures = output
        notes = list(outcome.pop("notes", []))
        merged = sum(figure.merged for figure in figures)
        notes += [f"{merged} identical key-figure row(s) were merged."] if merged else []
        notes += [note] if (note := injection_note(report)) else []
        return ArticleResult(
            **article.result_fields(),
            summaries=summaries,
            key_figures=figures,
            verification=report,
            notes=notes,
            **outcome,
        )


def parse_reply(content: str) -> ModelReply:
    """Parse and validate a reply; ParseError names the first problem."""
    return parse_json(content, ModelReply)


def build_output(
    article: Article, reply: ModelReply, languages: Sequence[str]
) -> tuple[dict[str, Summary | None], list[KeyFigure]]:
    """Turn a parsed reply into summaries and key figures; offsets are found in the article, not trusted."""
    summaries: dict[str, Summary | None] = {}
    for language in languages:
        items = getattr(reply, f"summary_{language}") or []
        summaries[language] = Summary(
            language=language,
            sentences=[
                SummarySentence(text=item.text.strip(), sources=list(dict.fromkeys(item.sources)))
                for item in items
                if item.text.strip()
            ],
        )
    figures: dict[FigureReply, KeyFigure] = {}
    for item in reply.key_figures:
        if item in figures:
            figures[item].merged += 1  # the same row again: shown once
        else:
            figures[item] = locate_figure(article, item)
    return summaries, list(figures.values())


def locate_figure(article: Article, item: FigureReply) -> KeyFigure:
    """Find a key figure's quote verbatim in the article and its number inside the quote."""
    number = item.number.strip()
    quote = item.quote.strip()
    mentions = extract_numbers(number)
    value = mentions[0].value if mentions else None
    kind = mentions[0].kind if mentions else None
    position = _find_quote(article, quote, item.sentence)
    if position < 0 and quote:  # copied from the fenced prompt, where "[4]" reads "(4)": the same length
        position = neutralise(article.text).find(neutralise(quote))
        quote = article.text[position : position + len(quote)] if position >= 0 else quote
    start = end = number_start = number_end = None
    if position >= 0:
        start, end = article.offset + position, article.offset + position + len(quote)
        inside = quote.find(number) if number else -1
        if inside >= 0:
            number_start = start + inside
            number_end = number_start + len(number)
    return KeyFigure(
        text=number,
        value=value,
        kind=kind,
        quote=quote,
        start=start,
        end=end,
        number_start=number_start,
        number_end=number_end,
        sentence=item.sentence,
        label={"en": item.label_en.strip() or None, "ar": item.label_ar.strip() or None},
    )


def _find_quote(article: Article, quote: str, sentence_id: int | None) -> int:
    """Where ``quote`` is in the article: in the sentence the figure cites when it is there (a quote such
    as "3 people" may occur more than once), else its first occurrence; -1 when it is not in the article."""
    if not quote:
        return -1
    cited = next((sentence for sentence in article.sentences if sentence.id == sentence_id), None)
    inside = article.text.find(quote, cited.start, cited.end) if cited is not None else -1
    return inside if inside >= 0 else article.text.find(quote)


def render_repair(
    article: Article,
    verification: Verification,
    summaries: dict[str, Summary | None],
    figures: list[KeyFigure],
    prompts: PromptSet,
) -> str:
    """The follow-up message naming each problem and the source sentences that matter."""
    by_id = {sentence.id: sentence for sentence in article.sentences}
    problems = []
    shown: set[int] = set()
    for problem in verification.to_repair[:MAX_REPAIR_PROBLEMS]:
        # each cited sentence is quoted once per message, to keep the conversation short
        sources = fenced([s for s in _cited(problem, summaries, figures, by_id) if s.id not in shown])
        shown.update(s.id for s in sources)
        problems.append({"field": problem.field, "message": problem.message, "sources": sources})
    return prompts.render("repair", problems=problems)


def _cited(
    problem: Problem, summaries: dict[str, Summary | None], figures: list[KeyFigure], by_id: dict[int, Sentence]
) -> list[Sentence]:
    """The article sentences the output at the problem's location cites."""
    location = problem.location
    ids: list[int] = []
    if location.section is Section.SUMMARY:
        summary = summaries.get(location.language or "")
        if summary is not None and location.index < len(summary.sentences):
            ids = summary.sentences[location.index].sources
    elif location.section is Section.KEY_FIGURE:
        sentence = figures[location.index].sentence if location.index < len(figures) else None
        ids = [sentence] if sentence is not None else []
    return [by_id[i] for i in ids if i in by_id][:MAX_SOURCES]


def fenced(sentences: Sequence[Sentence]) -> list[Sentence]:
    """Sentences as the prompts show them inside the fenced article (summarizer.injection.neutralise)."""
    return [replace(sentence, text=neutralise(sentence.text)) for sentence in sentences]


class ModelSummarizer(CachedTaskRun[SummarizeTask]):
    """Summarize one article with the model and verify it: the per-article function a run calls.

    Shared by every article of a run (thread-safe); ``backend`` replaces the OpenAI client, and
    ``cache`` (a ResultCache) replays articles an earlier run completed, with no request. ``glossary``: the
    user's; the prompt lists its names each article holds, and the checks link names across scripts by it.
    """

    def __init__(
        self,
        config: Config,
        backend: ChatBackend | None = None,
        *,
        cache: ResultCache | None = None,
        glossary: Glossary | None = None,
    ) -> None:
        super().__init__(
            config,
            lambda prompts: SummarizeTask(config.languages, prompts, glossary),
            backend,
            cache,
            key_suffix=glossary_key(glossary),
        )

    def __call__(self, article: Article) -> ArticleResult:
        outcome, cached = converse_cached(article, self.task, self.run, self.cache, self._run_key)
        notes = [*outcome.notes, CACHED_NOTE] if cached else outcome.notes
        result = self.task.result(
            article, outcome.output, outcome.report, notes=notes, usage=outcome.usage, audit=outcome.audit
        )
        result.cached = cached
        return result
