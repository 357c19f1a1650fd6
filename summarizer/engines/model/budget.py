"""The token budget of one article: whether a conversation fits, and the chunks a long article needs."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from summarizer.articles import Article
from summarizer.config import DEFAULT_MAX_OUTPUT_TOKENS, MIN_OUTPUT_TOKENS, Config
from summarizer.engines.model.catalogue import model_limits
from summarizer.engines.model.chunking import split_into_chunks
from summarizer.engines.model.client import Message
from summarizer.engines.model.counting import (
    chat_tokens_upper_bound,
    count_chat_tokens,
    count_schema_tokens,
    count_tokens,
)
from summarizer.engines.model.task import Task
from summarizer.errors import ConfigurationError

# tiktoken's count is exact for OpenAI's models only; other models' tokenizers differ.
FOREIGN_TOKENIZER_MARGIN = 1.15
MIN_CHUNK_TOKENS = 256
CHUNK_SLACK_TOKENS = 64  # what numbering the units adds around a chunk, besides NUMBERING_TOKENS per unit
NUMBERING_TOKENS = 3  # at most, a unit's number and line break ("1234 " is two tokens, then a newline)
MAX_CHUNKING_TRIES = 4  # each a smaller chunk size, until every part's request fits


@dataclass(frozen=True)
class PlannedRequest:
    """A request as it would be sent (the dry run, a batch line): its messages and the reply schema beside them."""

    messages: list[Message]
    schema: dict[str, Any]
    schema_name: str


def token_budget(config: Config, model: str, served_window: int | None = None) -> Budget:
    """The token limits for ``model`` (the run's resolved model) under the run's settings.

    The window is the setting's, else ``served_window`` (what the server says), else the catalogue's,
    else the default; the output budget is the setting's, else DEFAULT_MAX_OUTPUT_TOKENS, lowered to a
    quarter of a small window (at least MIN_OUTPUT_TOKENS) and to the model's own output limit.
    """
    limits = model_limits(model, config.context_window, served_window=served_window)
    output = config.max_output_tokens
    if output is None:
        output = min(DEFAULT_MAX_OUTPUT_TOKENS, max(MIN_OUTPUT_TOKENS, limits.context_window // 4))
        output = min(output, limits.max_output_tokens or output)
    return Budget(model, limits.context_window, output, limits.source)


@dataclass(frozen=True)
class Budget:
    """The token limits of one run: the model counted for, its context window and the output budget."""

    model: str
    context_window: int
    max_output_tokens: int
    window_source: str = "catalogue"  # where the window came from: setting, server, catalogue or default

    def request_tokens(self, messages: list[Message], schema: dict[str, Any] | None, schema_name: str = "") -> int:
        """The input tokens of a request: its messages with their framing, and the reply schema when it is
        sent as ``response_format`` (None: it is written into the messages)."""
        return count_chat_tokens(messages, self.model) + (
            count_schema_tokens(schema, schema_name, self.model) if schema is not None else 0
        )

    def fits(self, messages: list[Message], schema: dict[str, Any] | None = None, schema_name: str = "") -> bool:
        """Whether ``messages`` (and ``schema``, sent beside them) plus the output budget fit the context window
        (with the margin)."""
        room = self.context_window - self.max_output_tokens
        schema_bound = len(json.dumps(schema).encode("utf-8")) if schema is not None else 0
        if (chat_tokens_upper_bound(messages) + schema_bound) * FOREIGN_TOKENIZER_MARGIN <= room:
            return True
        return self.request_tokens(messages, schema, schema_name) * FOREIGN_TOKENIZER_MARGIN <= room

    def parts(
        self,
        article: Article,
        task: Task[Any, Any, Any],
        schema_in_prompt: bool,
        *,
        request: list[Message] | None = None,
    ) -> list[list[Any]]:
        """The article's units in groups that each fit the model's input budget (one group when it fits).

        ``request`` is the whole-article request when the caller has rendered it already.
        """
        units: Sequence[Any] = task.units(article)
        room_for_input = self.context_window - self.max_output_tokens
        if request is None:
            request = task.request(article, units, schema_in_prompt)
        schema = None if schema_in_prompt else task.schema(False)  # sent beside the messages, and counted
        schema_bound = len(json.dumps(schema).encode("utf-8")) if schema is not None else 0
        if chat_tokens_upper_bound(request) + schema_bound <= room_for_input:
            return [list(units)]
        total = self.request_tokens(request, schema, task.schema_name)
        if total <= room_for_input:
            return [list(units)]
        # The prompt around one numbered unit, less that unit's text: what every part's request carries.
        first = self.request_tokens(task.request(article, units[:1], schema_in_prompt), schema, task.schema_name)
        fixed = first - count_tokens(units[0].text, self.model)
        article_tokens = count_tokens(article.text, self.model)
        numbering = NUMBERING_TOKENS * len(units) / max(1, article_tokens)  # per token of article text
        room = int((room_for_input - fixed - CHUNK_SLACK_TOKENS) / (1 + numbering))
        for _ in range(MAX_CHUNKING_TRIES):
            if room < MIN_CHUNK_TOKENS:
                break
            groups = self._groups(article, units, room)
            sizes = [
                self.request_tokens(task.request(article, group, schema_in_prompt), schema, task.schema_name)
                for group in groups
            ]
            if max(sizes) <= room_for_input:  # every part's request, as it will be sent, fits
                return groups
            room = int(room * room_for_input / max(sizes)) - CHUNK_SLACK_TOKENS
        raise ConfigurationError(
            f"article {article.id}: the model {self.model!r} has too small a context window "
            f"({self.context_window} tokens) for the prompt (set SUMMARIZER_CONTEXT_WINDOW)"
        )

    def _groups(self, article: Article, units: Sequence[Any], room: int) -> list[list[Any]]:
        """The units in groups whose article text is at most ``room`` tokens (a unit is never cut)."""
        groups = []
        for start, end in split_into_chunks(article.text, max_tokens=room, model=self.model):
            group = [unit for unit in units if start <= unit.start < end]
            if group:
                groups.append(group)
        return groups
