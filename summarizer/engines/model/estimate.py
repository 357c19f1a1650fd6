"""The dry run: the tokens each article's first requests would send and their estimated cost; no call."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any

from summarizer.articles import Article
from summarizer.config import Config
from summarizer.engines.model.budget import Budget, PlannedRequest, token_budget
from summarizer.engines.model.conversation import resolve_model
from summarizer.engines.model.counting import count_tokens, encoding_name_for_model
from summarizer.engines.model.summarize import SummarizeTask
from summarizer.engines.model.templating import PromptSet
from summarizer.pricing import estimate_cost, load_prices

#: A task's plan for one article: its first requests and the calls they make.
Plan = Callable[[Article, Budget], tuple[list[PlannedRequest], int]]


def summary_requests(task: SummarizeTask, article: Article, budget: Budget) -> tuple[list[PlannedRequest], int]:
    """One request per chunk, plus the merge call when there are several."""
    groups = budget.parts(article, task, False)
    calls = 1 if len(groups) == 1 else len(groups) + 1
    schema = task.schema(False)
    return [PlannedRequest(task.request(article, group, False), schema, task.schema_name) for group in groups], calls


def estimate_articles(articles: Iterable[Article], config: Config, plan: Plan | None = None) -> list[dict[str, Any]]:
    """Per article: the tokens the first requests would send, the prompt overhead and the estimated cost.

    The input tokens are everything each request sends: the messages with their framing and the reply
    schema. The model is the one a run would use (with a base URL, the server is asked what it serves,
    and nothing else), and so are its window and output budget. ``plan`` gives a task's requests and
    calls (the summaries' by default).
    """
    model, served_window = resolve_model(config)
    if plan is None:
        plan = functools.partial(summary_requests, SummarizeTask(config.languages, PromptSet(config.prompts_dir)))
    budget = token_budget(config, model, served_window)
    table = load_prices(config.prices)
    rows = []
    for article in articles:
        requests, calls = plan(article, budget)
        input_tokens = sum(budget.request_tokens(r.messages, r.schema, r.schema_name) for r in requests)
        article_tokens = count_tokens(article.text, model)
        output_tokens = budget.max_output_tokens * calls
        rows.append(
            {
                "id": article.id,
                "title": article.title,
                "model": model,
                "input_tokens": input_tokens,
                "article_tokens": article_tokens,
                "prompt_overhead_tokens": input_tokens - article_tokens,
                "max_output_tokens": output_tokens,
                "calls": calls,
                "context_window": budget.context_window,
                "tokenizer": encoding_name_for_model(model),  # exact for OpenAI's models; other models' differ
                "estimated_cost": estimate_cost(table, model, input_tokens, output_tokens),
                "currency": table.currency,
                "prices_date": table.date,
            }
        )
    return rows
