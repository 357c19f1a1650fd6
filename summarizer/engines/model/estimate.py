"""The dry run: the tokens each article's first requests would send and their estimated cost; no call."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from summarizer.articles import Article
from summarizer.config import Config
from summarizer.engines.model.catalogue import estimate_cost, load_prices
from summarizer.engines.model.conversation import token_budget
from summarizer.engines.model.counting import count_chat_tokens, count_tokens
from summarizer.engines.model.summarize import SummarizeTask
from summarizer.engines.model.templating import PromptSet


def estimate_articles(articles: Sequence[Article], config: Config) -> list[dict[str, Any]]:
    """Per article: the tokens the first request would send, the prompt overhead and the estimated cost."""
    model = config.model_name
    task = SummarizeTask(config.languages, PromptSet(config.prompts_dir))
    budget = token_budget(config, model)
    table = load_prices(config.prices)
    rows = []
    for article in articles:
        groups = budget.parts(article, task, False)
        input_tokens = sum(count_chat_tokens(task.request(article, group, False), model) for group in groups)
        article_tokens = count_tokens(article.text, model)
        calls = 1 if len(groups) == 1 else len(groups) + 1
        output_tokens = config.max_output_tokens * calls
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
                "estimated_cost": estimate_cost(table, model, input_tokens, output_tokens),
                "currency": table.currency,
                "prices_date": table.date,
            }
        )
    return rows
