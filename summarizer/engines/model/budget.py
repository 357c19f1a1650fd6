"""The token budget of one article: whether a conversation fits, and the chunks a long article needs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from summarizer.articles import Article
from summarizer.engines.model.chunking import split_into_chunks
from summarizer.engines.model.client import Message
from summarizer.engines.model.counting import chat_tokens_upper_bound, count_chat_tokens, count_tokens
from summarizer.engines.model.task import Task
from summarizer.errors import ConfigurationError

# tiktoken's count is exact for OpenAI's models only; other models' tokenizers differ.
FOREIGN_TOKENIZER_MARGIN = 1.15
MIN_CHUNK_TOKENS = 256
CHUNK_SLACK_TOKENS = 64  # what numbering the units adds around a chunk, besides 2 tokens per unit


@dataclass(frozen=True)
class Budget:
    """The token limits of one run: the model counted for, its context window and the output budget."""

    model: str
    context_window: int
    max_output_tokens: int

    def fits(self, messages: list[Message]) -> bool:
        """Whether ``messages`` plus the output budget fit the context window (with the margin)."""
        room = self.context_window - self.max_output_tokens
        if chat_tokens_upper_bound(messages) * FOREIGN_TOKENIZER_MARGIN <= room:
            return True
        return count_chat_tokens(messages, self.model) * FOREIGN_TOKENIZER_MARGIN <= room

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
        if chat_tokens_upper_bound(request) <= room_for_input:
            return [list(units)]
        total = count_chat_tokens(request, self.model)
        if total <= room_for_input:
            return [list(units)]
        overhead = total - count_tokens(article.text, self.model)
        room = room_for_input - overhead - 2 * len(units) - CHUNK_SLACK_TOKENS
        if room < MIN_CHUNK_TOKENS:
            raise ConfigurationError(
                f"article {article.id}: the model {self.model!r} has too small a context window "
                f"({self.context_window} tokens) for the prompt (set SUMMARIZER_CONTEXT_WINDOW)"
            )
        groups = []
        for start, end in split_into_chunks(article.text, max_tokens=room, model=self.model):
            group = [unit for unit in units if start <= unit.start < end]
            if group:
                groups.append(group)
        return groups
