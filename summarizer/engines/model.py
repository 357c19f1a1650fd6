"""The model pipeline: render -> call -> parse -> check -> repair, one article at a time.

One call per article when nothing needs repair. The reply is parsed into typed
models; offsets are always computed here, never taken from the model. When a
check fails, one follow-up message in the same conversation names each problem
(at most ``max_repairs`` rounds); whatever still fails stays in the
verification report and is flagged. An article longer than the model's budget
is summarized in chunks at paragraph boundaries (map) and the partial replies
merged by one more call (reduce); checks are always against the full article.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from summarizer.articles import Article, Sentence, detect_language
from summarizer.backend import ChatBackend, ChatReply, OpenAIBackend
from summarizer.checks import check_article
from summarizer.errors import ConfigurationError, ModelError, ParseError, StructuredOutputRefused
from summarizer.numbers import extract_numbers
from summarizer.prompts import PromptSet
from summarizer.results import (
    LANGUAGE_NAMES,
    ArticleResult,
    KeyFigure,
    Problem,
    Summary,
    SummaryResult,
    SummarySentence,
    Usage,
    Verification,
)

ENGINE_NAME = "openai"
MIN_SENTENCES, MAX_SENTENCES = 3, 5
MAX_FIGURES = 8
MAX_SOURCES = 3
MAX_REPAIR_PROBLEMS = 12
DEFAULT_MAX_OUTPUT_TOKENS = 2000
SCHEMA_NAME = "article_summary"


class CitedSentence(BaseModel):
    text: str
    sources: list[int]


class FigureReply(BaseModel):
    number: str
    quote: str
    label_en: str
    label_ar: str
    sentence: int


class ModelReply(BaseModel):
    summary_en: list[CitedSentence] | None = None
    summary_ar: list[CitedSentence] | None = None
    key_figures: list[FigureReply]


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
    properties: dict[str, Any] = {}
    for language in languages:
        properties[f"summary_{language}"] = {
            "type": "array",
            "items": sentence,
            "minItems": 1,
            "maxItems": limits.sentences,
        }
    properties["key_figures"] = {"type": "array", "items": figure, "maxItems": limits.figures}
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


@dataclass
class Settings:
    """What every article of one run shares."""

    backend_model: str
    languages: tuple[str, ...]
    prompts: PromptSet
    max_repairs: int
    max_output_tokens: int
    schema: dict[str, Any] = field(default_factory=dict)
    compact_schema: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def build(cls, model: str, languages: Sequence[str], prompts: PromptSet, max_repairs: int) -> Settings:
        return cls(
            model,
            tuple(languages),
            prompts,
            max_repairs,
            max_output_tokens(),
            reply_schema(languages),
            reply_schema(languages, COMPACT_LIMITS),
        )

    def shape_variables(self, backend: ChatBackend | None) -> dict[str, Any]:
        """The template variables that describe the reply's shape (shared by summarize and merge)."""
        in_prompt = backend is not None and backend.schema_in_prompt
        return {
            "min_sentences": MIN_SENTENCES,
            "max_sentences": MAX_SENTENCES,
            "max_figures": MAX_FIGURES,
            "schema": json.dumps(self.schema, ensure_ascii=False) if in_prompt else "",
        }


def max_output_tokens() -> int:
    """Output budget per call: ``SUMMARIZER_MAX_OUTPUT_TOKENS`` or 2000."""
    raw = os.environ.get("SUMMARIZER_MAX_OUTPUT_TOKENS")
    if not raw:
        return DEFAULT_MAX_OUTPUT_TOKENS
    if not raw.isdigit() or int(raw) < 256:
        raise ConfigurationError(f"SUMMARIZER_MAX_OUTPUT_TOKENS={raw!r} must be a whole number of at least 256")
    return int(raw)


def summarize_articles(
    articles: Sequence[Article],
    languages: Sequence[str],
    *,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    max_repairs: int = 2,
    prompts_dir: str | Path | None = None,
    timeout: float | None = None,
    backend: ChatBackend | None = None,
) -> SummaryResult:
    """Summarize each article with the model and verify it."""
    if max_repairs < 0:
        raise ConfigurationError("max_repairs must be 0 or more")
    prompts = PromptSet(prompts_dir)
    if backend is None:
        backend = OpenAIBackend(model=model or "", base_url=base_url, api_key=api_key, timeout=timeout)
    settings = Settings.build(backend.model, languages, prompts, max_repairs)
    results = [summarize_article(article, backend, settings) for article in articles]
    return SummaryResult(
        engine=ENGINE_NAME,
        articles=results,
        model=backend.model,
        prompt_version=prompts.template("summarize").name,
    )


class Conversation:
    """The messages of one article's exchange with the model, with usage and an audit trail."""

    def __init__(self, backend: ChatBackend, settings: Settings, article_id: str) -> None:
        self.backend = backend
        self.settings = settings
        self.article_id = article_id
        self.messages: list[dict[str, str]] = []
        self.usage = Usage()
        self.audit: list[dict[str, Any]] = []
        self.compact = False  # set once a reply was cut off at the token limit

    def ask(self, content: str, rerender: Callable[[], str] | None = None) -> ModelReply:
        """Send a user message; return the parsed reply, retrying once with a corrective message.

        ``rerender`` gives the message again once the back end has switched to json_object, which
        needs the schema written into the prompt.
        """
        self.messages.append({"role": "user", "content": content})
        try:
            reply = self._call()
        except StructuredOutputRefused:
            if rerender is None:
                raise
            self.messages[-1] = {"role": "user", "content": rerender()}
            reply = self._call()
        problem = diagnose(reply)
        if problem is None:
            return self._accept(reply)
        reason, detail = problem
        if reason == "length":
            self.compact = True
        figures = COMPACT_LIMITS.figures if self.compact else MAX_FIGURES
        self.messages.append({"role": "assistant", "content": reply.content or ""})
        self.messages.append(
            {"role": "user", "content": self.settings.prompts.render("retry", reason=reason, error=detail, max_figures=figures)}
        )
        second = self._call()
        second_problem = diagnose(second)
        if second_problem is None:
            return self._accept(second)
        raise _reply_error(second_problem, self.article_id, self.backend.model)

    def _call(self) -> ChatReply:
        reply = self.backend.complete(
            list(self.messages),
            schema=self.settings.compact_schema if self.compact else self.settings.schema,
            schema_name=SCHEMA_NAME,
            max_tokens=self.settings.max_output_tokens,
        )
        self.usage.calls += 1
        self.usage.input_tokens += reply.input_tokens
        self.usage.output_tokens += reply.output_tokens
        self.audit.append(
            {
                "request": [dict(message) for message in self.messages],
                "response_format": reply.response_format,
                "reply": reply.content,
                "finish_reason": reply.finish_reason,
            }
        )
        return reply

    def _accept(self, reply: ChatReply) -> ModelReply:
        self.messages.append({"role": "assistant", "content": reply.content or ""})
        return parse_reply(reply.content or "")


def diagnose(reply: ChatReply) -> tuple[str, str] | None:
    """Why a reply cannot be used (reason, detail), or None when it parses."""
    if reply.refusal:
        return "refusal", reply.refusal
    if reply.finish_reason == "length":
        return "length", "the reply was cut off at the token limit"
    if not reply.content or not reply.content.strip():
        return "invalid", "the reply was empty"
    try:
        parse_reply(reply.content)
    except ParseError as error:
        return "invalid", str(error)
    return None


def _reply_error(problem: tuple[str, str], article_id: str, model: str) -> ModelError:
    reason, detail = problem
    if reason == "refusal":
        return ModelError(f"article {article_id}: the model {model!r} refused twice: {detail}", article=article_id)
    if reason == "length":
        return ParseError(
            f"article {article_id}: the model's reply was cut off at the token limit twice "
            "(raise SUMMARIZER_MAX_OUTPUT_TOKENS)",
            article=article_id,
        )
    return ParseError(f"article {article_id}: the model's reply was unusable twice: {detail}", article=article_id)


def parse_reply(content: str) -> ModelReply:
    """Parse and validate a reply; ParseError names the first problem."""
    try:
        data = json.loads(content, strict=False)  # small models put raw newlines inside strings
    except json.JSONDecodeError as error:
        raise ParseError(f"invalid JSON ({error.msg} at line {error.lineno} column {error.colno})") from error
    try:
        return ModelReply.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "reply"
        raise ParseError(f"the JSON does not match the schema: {where}: {first['msg']}") from error


def render_summarize(article: Article, sentences: Sequence[Sentence], backend: ChatBackend | None, settings: Settings) -> list[dict[str, str]]:
    """The system and user messages that ask for one article's (or chunk's) summary."""
    user = settings.prompts.render(
        "summarize",
        languages=settings.languages,
        language_names=LANGUAGE_NAMES,
        sentences=sentences,
        sentence_count=len(article.sentences),
        **settings.shape_variables(backend),
    )
    return [{"role": "system", "content": settings.prompts.render("system")}, {"role": "user", "content": user}]


def _chunks(article: Article, settings: Settings, backend: ChatBackend | None) -> list[list[Sentence]]:
    """The article's sentences in groups that each fit the model's input budget."""
    from summarizer import tokens

    limits = tokens.model_limits(settings.backend_model)
    budget = limits.context_window - settings.max_output_tokens
    messages = render_summarize(article, article.sentences, backend, settings)
    total = tokens.count_chat_tokens(messages, settings.backend_model)
    if total <= budget:
        return [list(article.sentences)]
    overhead = total - tokens.count_tokens(article.text, settings.backend_model)
    room = budget - overhead - 2 * len(article.sentences) - 64
    if room < 256:
        raise ConfigurationError(
            f"article {article.id}: the model {settings.backend_model!r} has too small a context window "
            f"({limits.context_window} tokens) for the prompt (set SUMMARIZER_CONTEXT_WINDOW)"
        )
    groups = []
    for start, end in tokens.split_into_chunks(article.text, max_tokens=room, model=settings.backend_model):
        group = [s for s in article.sentences if start <= s.start < end]
        if group:
            groups.append(group)
    return groups


def summarize_article(article: Article, backend: ChatBackend, settings: Settings) -> ArticleResult:
    """Summarize one article: call, build, check, repair; flag what still fails."""
    conversation = Conversation(backend, settings, article.id or "1")
    groups = _chunks(article, settings, backend)
    notes: list[str] = []
    if len(groups) == 1:
        reply = _ask_summary(conversation, article, groups[0], backend, settings)
    else:
        reply = _map_reduce(article, groups, backend, settings, conversation)
        notes.append(f"The article was longer than the model's budget: summarized in {len(groups)} parts, then merged.")
    summaries, figures = build_output(article, reply, settings.languages)
    verification = check_article(article, summaries, figures)
    rounds = 0
    while not verification.ok and rounds < settings.max_repairs:
        repair = render_repair(article, verification, summaries, figures, settings)
        if not _fits(conversation.messages + [{"role": "user", "content": repair}], settings):
            notes.append("Repair stopped: another round would not fit the model's context window.")
            break
        rounds += 1
        try:
            reply = conversation.ask(repair)
        except ParseError as error:
            notes.append(f"Repair round {rounds} gave an unusable reply ({error}); the previous reply is kept.")
            break
        except ModelError as error:
            if error.context.get("status") != 400:
                raise
            notes.append(f"Repair round {rounds} was refused by the server ({error}); the previous reply is kept.")
            break
        summaries, figures = build_output(article, reply, settings.languages)
        verification = check_article(article, summaries, figures)
    conversation.usage.repair_rounds = rounds
    if rounds:
        notes.append(f"{rounds} repair round(s) were run.")
    if not verification.ok:
        notes.append(
            f"{len(verification.unsupported)} unsupported number(s) and {len(verification.grounding)} other "
            "problem(s) remain after repair: they are flagged, not verified."
        )
    return ArticleResult(
        id=article.id or "1",
        title=article.title,
        language=detect_language(article.text),
        start=article.offset,
        end=article.offset + len(article.text),
        summaries=summaries,
        key_figures=figures,
        verification=verification,
        notes=notes,
        usage=conversation.usage,
        audit=conversation.audit,
    )


def _map_reduce(
    article: Article, groups: list[list[Sentence]], backend: ChatBackend, settings: Settings, conversation: Conversation
) -> ModelReply:
    parts = []
    for group in groups:
        part = Conversation(backend, settings, article.id or "1")
        parts.append(_ask_summary(part, article, group, backend, settings).model_dump_json(exclude_none=True))
        conversation.usage.calls += part.usage.calls
        conversation.usage.input_tokens += part.usage.input_tokens
        conversation.usage.output_tokens += part.usage.output_tokens
        conversation.audit.extend(part.audit)
    conversation.messages.append({"role": "system", "content": settings.prompts.render("system")})

    def merge() -> str:
        return settings.prompts.render("merge", parts=parts, **settings.shape_variables(backend))

    return conversation.ask(merge(), rerender=merge)


def _ask_summary(
    conversation: Conversation, article: Article, sentences: list[Sentence], backend: ChatBackend, settings: Settings
) -> ModelReply:
    """Open a conversation with the summarize prompt for these sentences and return the parsed reply."""
    system, user = render_summarize(article, sentences, backend, settings)
    conversation.messages.append(system)
    return conversation.ask(
        user["content"], rerender=lambda: render_summarize(article, sentences, backend, settings)[1]["content"]
    )


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
    figures = [locate_figure(article, item) for item in reply.key_figures]
    return summaries, figures


def locate_figure(article: Article, item: FigureReply) -> KeyFigure:
    """Find a key figure's quote verbatim in the article and its number inside the quote."""
    number = item.number.strip()
    quote = item.quote.strip()
    mentions = extract_numbers(number)
    value = mentions[0].value if mentions else None
    kind = mentions[0].kind if mentions else None
    position = article.text.find(quote) if quote else -1
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


def _fits(messages: list[dict[str, str]], settings: Settings) -> bool:
    """Whether messages plus the output budget fit the model's context (tiktoken's count, 15% margin
    for models whose own tokenizer differs)."""
    from summarizer import tokens

    limits = tokens.model_limits(settings.backend_model)
    needed = tokens.count_chat_tokens(messages, settings.backend_model) * 1.15 + settings.max_output_tokens
    return needed <= limits.context_window


def render_repair(
    article: Article,
    verification: Verification,
    summaries: dict[str, Summary | None],
    figures: list[KeyFigure],
    settings: Settings,
) -> str:
    """The follow-up message naming each problem and the source sentences that matter."""
    by_id = {sentence.id: sentence for sentence in article.sentences}
    problems = []
    shown: set[int] = set()
    for problem in (verification.unsupported + verification.grounding)[:MAX_REPAIR_PROBLEMS]:
        # each cited sentence is quoted once per message, to keep the conversation short
        sources = [s for s in _cited(problem, summaries, figures, by_id) if s.id not in shown]
        shown.update(s.id for s in sources)
        problems.append({"field": problem.field, "message": problem.message, "sources": sources})
    return settings.prompts.render("repair", problems=problems)


def _cited(
    problem: Problem, summaries: dict[str, Summary | None], figures: list[KeyFigure], by_id: dict[int, Sentence]
) -> list[Sentence]:
    ids: list[int] = []
    if problem.field.startswith("summaries."):
        language, index = problem.field[len("summaries.") :].rstrip("]").split("[")
        summary = summaries.get(language)
        if summary is not None and int(index) < len(summary.sentences):
            ids = summary.sentences[int(index)].sources
    elif problem.field.startswith("key_figures["):
        index = int(problem.field[len("key_figures[") :].split("]")[0])
        if index < len(figures) and figures[index].sentence is not None:
            ids = [figures[index].sentence]  # type: ignore[list-item]
    return [by_id[i] for i in ids if i in by_id][:MAX_SOURCES]


def estimate_articles(
    articles: Sequence[Article],
    languages: Sequence[str],
    *,
    model: str | None = None,
    prompts_dir: str | Path | None = None,
    prices: str | Path | None = None,
) -> list[dict[str, Any]]:
    """Per article: the tokens the first request would send, the prompt overhead and the estimated cost."""
    from summarizer import tokens
    from summarizer.backend import DEFAULT_MODEL

    model_name = model or os.environ.get("SUMMARIZER_MODEL") or DEFAULT_MODEL
    settings = Settings.build(model_name, languages, PromptSet(prompts_dir), max_repairs=0)
    table = tokens.load_prices(prices)
    rows = []
    for article in articles:
        groups = _chunks(article, settings, None)
        input_tokens = sum(
            tokens.count_chat_tokens(render_summarize(article, group, None, settings), model_name) for group in groups
        )
        article_tokens = tokens.count_tokens(article.text, model_name)
        calls = 1 if len(groups) == 1 else len(groups) + 1
        cost = tokens.estimate_cost(table, model_name, input_tokens, settings.max_output_tokens * calls)
        rows.append(
            {
                "id": article.id,
                "title": article.title,
                "model": model_name,
                "input_tokens": input_tokens,
                "article_tokens": article_tokens,
                "prompt_overhead_tokens": input_tokens - article_tokens,
                "max_output_tokens": settings.max_output_tokens * calls,
                "calls": calls,
                "estimated_cost": cost,
                "currency": table.currency,
                "prices_date": table.date,
            }
        )
    return rows
