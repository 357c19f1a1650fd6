"""The conversation with the model about one article, the same for every task.

Ask; a reply that cannot be used (a refusal, cut off at the token limit,
invalid JSON, the wrong shape) gets one corrective retry, then a typed error.
The output is built and checked; while checks fail, one follow-up message names
each problem, at most ``max_repairs`` rounds, and never once another round would
overflow the context window. An article over the input budget is done in
chunks (map) whose replies are merged by one more call (reduce).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic

from summarizer.articles import Article
from summarizer.config import Config
from summarizer.engines.model.budget import Budget, token_budget
from summarizer.engines.model.client import ChatBackend, ChatReply, Message, open_backend, send
from summarizer.engines.model.task import Check, MergingTask, Output, Reply, Task
from summarizer.engines.model.templating import PromptSet
from summarizer.errors import ModelError, ParseError, ReplyProblem
from summarizer.numbers.loading import start_warm_up
from summarizer.results import Usage

BAD_REQUEST = 400


@dataclass(frozen=True)
class Run:
    """What every article of one run shares."""

    backend: ChatBackend
    prompts: PromptSet
    budget: Budget
    max_repairs: int


def start_run(config: Config, backend: ChatBackend | None = None) -> Run:
    """The run's templates, back end (``backend``, else the OpenAI-compatible one) and token budget.

    The model is resolved first, once (a server is asked what it serves: see resolve_backend), so that
    the budget, the cache key and the results all use the model the requests go to.
    """
    prompts = PromptSet(config.prompts_dir)
    if backend is None:
        backend = open_backend(config)
    served_window = resolve_backend(backend)
    # the checkers' tables, built while the first requests are in flight (after the client is ready: the
    # first requests wait on nothing but it)
    start_warm_up()
    return Run(backend, prompts, token_budget(config, backend.model, served_window), config.max_repairs)


def resolve_backend(backend: ChatBackend) -> int | None:
    """Name the back end's model before any budget (an OpenAI-compatible server is asked what it serves, once)
    and return the context window the server advertises for it (None: it says none)."""
    resolve = getattr(backend, "resolve", None)  # a caller's back end (tests, other transports) is as given
    return resolve() if callable(resolve) else None


def resolve_model(config: Config) -> tuple[str, int | None]:
    """The model a run with ``config`` would use and the window its server advertises, with no model call:
    with a base URL the server is asked what it serves (GET /models); else the configured or default model."""
    if not config.base_url:
        return config.model_name, None
    backend = open_backend(config)
    window = backend.resolve()
    return backend.model, window


@dataclass
class Outcome(Generic[Output, Check]):
    """What one article's conversation produced: the output, its checks, notes, usage and the audit trail."""

    output: Output
    report: Check
    notes: list[str] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)
    audit: list[dict[str, Any]] = field(default_factory=list)


class Conversation(Generic[Reply]):
    """The messages of one exchange with the model, with usage and an audit trail.

    ``answered`` is a first exchange (the messages and the reply) obtained elsewhere, a batch's
    output: the first call takes it instead of asking, and the conversation goes on from there.
    """

    def __init__(
        self,
        run: Run,
        task: Task[Reply, Any, Any],
        article_id: str,
        answered: tuple[list[Message], ChatReply] | None = None,
    ) -> None:
        self.run = run
        self.task = task
        self.article_id = article_id
        self.answered = answered
        self.messages: list[Message] = []
        self.usage = Usage()
        self.audit: list[dict[str, Any]] = []
        self.compact = False  # set once a reply was cut off at the token limit

    def ask(self, request: Callable[[bool], list[Message]]) -> Reply:
        """Add the messages ``request`` renders (given ``schema_in_prompt``) and return the parsed reply.

        An unusable reply gets one corrective retry; a second one raises ModelError or ParseError.
        """
        before = list(self.messages)
        reply = self._call(lambda schema_in_prompt: before + request(schema_in_prompt))
        try:
            parsed = self._read(reply)
        except ParseError as problem:
            if problem.reason is ReplyProblem.LENGTH:
                self.compact = True
            retry = self.run.prompts.render(
                "retry", reason=problem.reason.value, error=problem.message, **self.task.retry_variables(self.compact)
            )
            self.messages += [{"role": "assistant", "content": reply.content or ""}, {"role": "user", "content": retry}]
            sent = list(self.messages)
            reply = self._call(lambda _: sent)
            try:
                parsed = self._read(reply)
            except ParseError as again:
                raise self._failure(again) from None
        self.messages.append({"role": "assistant", "content": reply.content or ""})
        return parsed

    def say(self, content: str) -> Reply:
        """Send a plain user message (a repair) and return the parsed reply."""
        return self.ask(lambda _: [{"role": "user", "content": content}])

    def add(self, other: Conversation[Reply]) -> None:
        """Count another conversation's calls and audit trail as this one's (the chunks of a long article)."""
        self.usage.add(other.usage)
        self.audit.extend(other.audit)

    def _call(self, request: Callable[[bool], list[Message]]) -> ChatReply:
        if self.answered is not None:
            (self.messages, reply), self.answered = self.answered, None
        else:
            self.messages, reply = send(
                self.run.backend,
                request,
                schema=self.task.schema(self.compact),
                schema_name=self.task.schema_name,
                max_tokens=self.run.budget.max_output_tokens,
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

    def _read(self, reply: ChatReply) -> Reply:
        """The parsed reply; ParseError with its reason when it cannot be used."""
        if reply.refusal:
            raise ParseError(reply.refusal, reason=ReplyProblem.REFUSAL)
        if reply.finish_reason == "length":
            raise ParseError("the reply was cut off at the token limit", reason=ReplyProblem.LENGTH)
        if not reply.content or not reply.content.strip():
            raise ParseError("the reply was empty")
        return self.task.parse(reply.content)

    def _failure(self, problem: ParseError) -> ModelError:
        article, model = self.article_id, self.run.backend.model
        if problem.reason is ReplyProblem.REFUSAL:
            return ModelError(
                f"article {article}: the model {model!r} refused twice: {problem.message}", article=article
            )
        if problem.reason is ReplyProblem.LENGTH:
            return ParseError(
                f"article {article}: the model's reply was cut off at the token limit twice "
                "(raise SUMMARIZER_MAX_OUTPUT_TOKENS)",
                reason=ReplyProblem.LENGTH,
                article=article,
            )
        return ParseError(
            f"article {article}: the model's reply was unusable twice: {problem.message}", article=article
        )


def converse(
    article: Article,
    task: Task[Reply, Output, Check],
    run: Run,
    *,
    answered: tuple[list[Message], ChatReply] | None = None,
) -> Outcome[Output, Check]:
    """Do ``task`` on one article: ask (in chunks when it is long), build, check, repair; note what still fails.

    ``answered``: the whole-article request and its reply, obtained elsewhere (a batch); the
    conversation starts from it and repairs with normal calls.
    """
    article_id = article.id or "1"
    conversation: Conversation[Reply] = Conversation(run, task, article_id, answered)
    whole: dict[bool, list[Message]] = {}  # the whole-article request, rendered once per schema_in_prompt

    def whole_request(schema_in_prompt: bool) -> list[Message]:
        if schema_in_prompt not in whole:
            whole[schema_in_prompt] = task.request(article, task.units(article), schema_in_prompt)
        return whole[schema_in_prompt]

    if answered is not None or not isinstance(task, MergingTask):
        groups = [list(task.units(article))]
    else:
        schema_in_prompt = run.backend.schema_in_prompt
        groups = run.budget.parts(article, task, schema_in_prompt, request=whole_request(schema_in_prompt))
    notes: list[str] = []
    if len(groups) == 1 or not isinstance(task, MergingTask):
        reply = conversation.ask(whole_request)
    else:
        reply = _map_reduce(article, groups, task, run, conversation)
        notes.append(task.chunked_note(len(groups)))
    output = task.build(article, reply)
    report = task.check(article, output)
    rounds = 0
    while report.needs_repair and rounds < run.max_repairs:
        repair = task.repair(article, output, report)
        messages = [*conversation.messages, {"role": "user", "content": repair}]
        schema = None if run.backend.schema_in_prompt else task.schema(conversation.compact)
        if not run.budget.fits(messages, schema, task.schema_name):
            notes.append("Repair stopped: another round would not fit the model's context window.")
            break
        rounds += 1
        try:
            reply = conversation.say(repair)
        except ParseError as error:
            notes.append(f"Repair round {rounds} gave an unusable reply ({error}); the previous reply is kept.")
            break
        except ModelError as error:
            if error.status != BAD_REQUEST:
                raise
            notes.append(f"Repair round {rounds} was refused by the server ({error}); the previous reply is kept.")
            break
        output = task.build(article, reply)
        report = task.check(article, output)
    conversation.usage.repair_rounds = rounds
    if rounds:
        notes.append(f"{rounds} repair round(s) were run.")
    if not report.ok:
        notes.append(task.unresolved_note(report))
    return Outcome(output, report, notes, conversation.usage, conversation.audit)


def _map_reduce(
    article: Article,
    groups: Sequence[Sequence[Any]],
    task: MergingTask[Reply, Any, Any],
    run: Run,
    conversation: Conversation[Reply],
) -> Reply:
    """Ask for each chunk in its own conversation, then merge their replies in ``conversation``."""
    parts = []
    for group in groups:
        part: Conversation[Reply] = Conversation(run, task, conversation.article_id)
        parts.append(part.ask(functools.partial(task.request, article, group)))
        conversation.add(part)
    return conversation.ask(lambda schema_in_prompt: task.merge(article, parts, schema_in_prompt))
