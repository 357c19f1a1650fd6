"""Model work from the cache: an article's conversation replayed from the replies an earlier run got.

What is stored per article is the list of model replies its conversation received (and, per
reply, whether the schema was written into the prompt), under a key hashing everything that
shapes those requests: the article text, every prompt template (name, version and source), the
reply schemas, the model asked for, the base URL, the languages and limits (max repairs, max
output tokens, context window), and the glossary. A cached article is rebuilt by running the same conversation
against these replies: parsing, checks, repairs and offsets are recomputed exactly, so a result
from the cache equals the one first computed, wherever the article sits in its input. Each
replayed request is compared with the recorded one (a hash of its messages); any difference
falls back to asking the model. Only articles that completed are stored, never failures.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from summarizer.articles import Article
from summarizer.cache import ResultCache
from summarizer.config import Config
from summarizer.engines.model.client import ChatBackend, ChatReply, Message
from summarizer.engines.model.conversation import Outcome, Run, converse, start_run
from summarizer.engines.model.task import Task
from summarizer.engines.model.templating import PromptSet
from summarizer.glossary import Glossary

CACHE_FORMAT = 1  # bump when what is stored, or how a conversation uses it, changes
CACHED_NOTE = "From the cache: the model's replies were stored by an earlier run; no request was made."


def run_key(config: Config, task: Task[Any, Any, Any], run: Run) -> str:
    """The part of every article's cache key that a run shares (a digest of its templates, schemas, model,
    server and limits)."""
    shared = {
        "format": CACHE_FORMAT,
        "task": [task.template, task.schema_name, task.schema(False), task.schema(True)],
        "templates": [[t.name, t.source] for t in run.prompts.all_templates()],
        "model": run.budget.model,  # the model resolved at the run's start (a server's only one, when not named)
        "base_url": config.base_url or "",
        "languages": list(config.languages),
        "limits": [run.max_repairs, run.budget.max_output_tokens, run.budget.context_window],
    }
    return _digest(shared)


def glossary_key(glossary: Glossary | None) -> str:
    """What a run's glossary adds to its cache keys ("" without one): its terms change the requests and the
    checks, so a run with another glossary (or none) keeps its own entries rather than overwriting them."""
    if glossary is None or not glossary.terms:
        return ""
    return ":glossary " + _digest([[term.source, term.target] for term in glossary.terms])[:32]


def article_key(run_key: str, article: Article) -> str:
    """The cache key of one article under a run's ``run_key``."""
    return _digest([run_key, article.text])


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def _messages_digest(messages: list[Message]) -> str:
    return _digest(messages)[:32]


class _Recording:
    """The run's back end, remembering each reply (and the request it answered) for the cache."""

    def __init__(self, backend: ChatBackend) -> None:
        self.backend = backend
        self.model = backend.model
        self.replies: list[dict[str, Any]] = []

    @property
    def schema_in_prompt(self) -> bool:
        return self.backend.schema_in_prompt

    def complete(
        self, messages: list[Message], *, schema: dict[str, Any], schema_name: str, max_tokens: int
    ) -> ChatReply:
        in_prompt = self.backend.schema_in_prompt
        reply = self.backend.complete(messages, schema=schema, schema_name=schema_name, max_tokens=max_tokens)
        self.model = self.backend.model
        entry = dataclasses.asdict(reply)
        self.replies.append({"request": _messages_digest(messages), "schema_in_prompt": in_prompt, "reply": entry})
        return reply


class _Mismatch(Exception):
    """A replayed request differs from the recorded one: the cache entry does not apply."""


class _Replay:
    """A back end that answers from a cache entry, in order, and checks each request against it."""

    def __init__(self, entry: dict[str, Any]) -> None:
        self.model = entry["model"]
        self.replies = list(entry["replies"])

    @property
    def schema_in_prompt(self) -> bool:
        return bool(self.replies and self.replies[0]["schema_in_prompt"])

    def complete(
        self, messages: list[Message], *, schema: dict[str, Any], schema_name: str, max_tokens: int
    ) -> ChatReply:
        if not self.replies or self.replies[0]["request"] != _messages_digest(messages):
            raise _Mismatch
        return ChatReply(**self.replies.pop(0)["reply"])


def converse_cached(
    article: Article, task: Task[Any, Any, Any], run: Run, cache: ResultCache | None, run_key: str
) -> tuple[Outcome[Any, Any], bool]:
    """The article's conversation, replayed from ``cache`` when it holds it; True when it did.

    A conversation that completes with the model is stored; one that raises stores nothing.
    """
    if cache is None:
        return converse(article, task, run), False
    key = article_key(run_key, article)
    entry = cache.get(key)
    if isinstance(entry, dict) and entry.get("format") == CACHE_FORMAT:
        replay = _Replay(entry)
        try:
            outcome = converse(article, task, dataclasses.replace(run, backend=replay))
            if not replay.replies:
                return outcome, True
        except (_Mismatch, KeyError, TypeError):
            pass  # an entry that does not fit: ask the model, and store the new replies
    recording = _Recording(run.backend)
    outcome = converse(article, task, dataclasses.replace(run, backend=recording))
    cache.put(key, {"format": CACHE_FORMAT, "model": recording.model, "replies": recording.replies})
    return outcome, False


TaskT = TypeVar("TaskT", bound=Task[Any, Any, Any])


class CachedTaskRun(Generic[TaskT]):
    """What the per-article function of a model run holds, whatever its task: the run (back end,
    prompts, budget), the task, the cache and the run's share of every cache key.

    Shared by every article of a run (thread-safe); ``backend`` replaces the OpenAI client, and
    ``cache`` (a ResultCache) replays the conversations an earlier run completed, with no request.
    """

    engine = "openai"  # the JSON contract's name for the model engine

    def __init__(
        self,
        config: Config,
        make_task: Callable[[PromptSet], TaskT],
        backend: ChatBackend | None,
        cache: ResultCache | None,
        *,
        key_suffix: str = "",
    ) -> None:
        self.run = start_run(config, backend)
        self.task = make_task(self.run.prompts)
        self.cache = cache
        self.concurrency = config.concurrency
        self.notices: list[str] = []
        self._run_key = run_key(config, self.task, self.run) + key_suffix if cache is not None else ""

    @property
    def model(self) -> str:
        return self.run.backend.model

    @property
    def prompt_version(self) -> str:
        return self.run.prompts.template(self.task.template).name
