"""The progress bar of a many-article run, on standard error when it is a terminal, else nothing.

Shows articles done and failed, tokens, the cost so far (from the price table, when the model is
in it; results from the cache cost nothing) and the rate. ``tqdm`` is imported only when the bar
is shown, so a run into a pipe or a file, and ``--help``, never load it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, TextIO

from summarizer.pricing import estimate_cost, load_prices
from summarizer.results import ArticleResult


class Progress:
    """Counts results as they complete; draws a bar only when ``stream`` is a terminal."""

    def __init__(self, *, prices: str | Path | None = None, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.done = self.failed = self.tokens = 0
        self.cost: float | None = 0.0
        self._prices_path = prices
        self._prices: Any = None
        self._bar: Any = None
        if self.stream.isatty():
            from tqdm import tqdm

            self._bar = tqdm(file=self.stream, unit=" articles", dynamic_ncols=True, leave=True)

    def add(self, result: ArticleResult, model: str | None) -> None:
        """Count one completed article."""
        self.done += 1
        self.failed += result.error is not None
        if result.usage is not None:
            self.tokens += result.usage.input_tokens + result.usage.output_tokens
            if not result.cached:
                self._add_cost(result.usage.input_tokens, result.usage.output_tokens, model)
        if self._bar is not None:
            cost = "" if self.cost is None else f", cost {self.cost:.4f}"
            self._bar.set_postfix_str(f"failed {self.failed}, tokens {self.tokens:,}{cost}", refresh=False)
            self._bar.update(1)

    def _add_cost(self, input_tokens: int, output_tokens: int, model: str | None) -> None:
        if self.cost is None or model is None:
            return
        if self._prices is None:
            self._prices = load_prices(self._prices_path)
        call = estimate_cost(self._prices, model, input_tokens, output_tokens)
        self.cost = None if call is None else self.cost + call  # a model not in the table: no cost shown

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
