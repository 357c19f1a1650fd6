"""The price catalogue: dated price tables of model tokens (the bundled one or ``--prices``), and the
cost of a call. The dry run and the model engine, the progress bar and the HTML page all price from here;
it imports nothing from the engines."""

from __future__ import annotations

import importlib.resources
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer.errors import ConfigurationError

_DATE_SUFFIX = re.compile(r"-(?:\d{4}-\d{2}-\d{2}|\d{4})$")


def base_model_name(model: str) -> str:
    """Lower-case model name without a provider prefix (``openai/``) or a date suffix."""
    name = model.strip().lower().rsplit("/", 1)[-1]
    return _DATE_SUFFIX.sub("", name)


PRICE_UNIT = "per 1M tokens"
_TOKENS_PER_PRICE_UNIT = 1_000_000


@dataclass(frozen=True)
class ModelPrice:
    """Price of input and output tokens, in the table's currency per 1M tokens."""

    input: float
    output: float


@dataclass(frozen=True)
class PriceTable:
    """A dated price list: model name -> :class:`ModelPrice`."""

    date: str
    currency: str
    models: Mapping[str, ModelPrice]
    source: str = ""


def _price(value: Any) -> float | None:
    """A finite, non-negative number as float, else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    number = float(value)
    return number if math.isfinite(number) and number >= 0 else None


def _parse_prices(raw: str, where: str) -> PriceTable:
    """Validate the JSON text of a price table."""
    try:
        doc = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ConfigurationError(f"price table {where} is not valid JSON: {exc}", path=where) from exc
    if not isinstance(doc, dict):
        raise ConfigurationError(f"price table {where} must be a JSON object", path=where)
    date, currency, models = doc.get("date"), doc.get("currency"), doc.get("models")
    if not isinstance(date, str) or not isinstance(currency, str) or not isinstance(models, dict):
        raise ConfigurationError(
            f"price table {where} needs string 'date' and 'currency' and an object 'models'", path=where
        )
    unit = doc.get("unit", PRICE_UNIT)
    if unit != PRICE_UNIT:
        raise ConfigurationError(f"price table {where} has unit {unit!r}; only {PRICE_UNIT!r} is supported", path=where)
    parsed: dict[str, ModelPrice] = {}
    for name, entry in models.items():
        prices = (_price(entry.get("input")), _price(entry.get("output"))) if isinstance(entry, dict) else (None, None)
        if prices[0] is None or prices[1] is None:
            raise ConfigurationError(
                f"price table {where}: model {name!r} needs non-negative numbers 'input' and 'output'",
                path=where,
                model=name,
            )
        parsed[name.strip().lower()] = ModelPrice(input=prices[0], output=prices[1])
    source = doc.get("source", "")
    return PriceTable(date=date, currency=currency, models=parsed, source=source if isinstance(source, str) else "")


def load_prices(path: str | Path | None = None) -> PriceTable:
    """Load a price table: ``path`` (the ``SUMMARIZER_PRICES`` setting), else the bundled table.

    A missing, unreadable or malformed file raises ``ConfigurationError``.
    """
    if path is None:
        where = "summarizer/data/prices.json"
        try:
            raw = importlib.resources.files("summarizer.data").joinpath("prices.json").read_text(encoding="utf-8")
        except (OSError, ModuleNotFoundError) as exc:
            raise ConfigurationError(f"the bundled price table is missing: {exc}", path=where) from exc
    else:
        where = str(path)
        try:
            raw = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            raise ConfigurationError(f"{where}: cannot read the price table ({reason})", path=where) from exc
    return _parse_prices(raw, where)


def estimate_cost(prices: PriceTable, model: str, input_tokens: int, output_tokens: int) -> float | None:
    """Cost of a call in ``prices.currency``, or None when ``model`` is not in the table.

    ``gpt-4o-mini-2024-07-18`` matches ``gpt-4o-mini``.
    """
    if input_tokens < 0 or output_tokens < 0:
        raise ValueError("token counts must not be negative")
    exact = model.strip().lower()
    price = prices.models.get(exact) or prices.models.get(base_model_name(exact))
    if price is None:
        return None
    return (input_tokens * price.input + output_tokens * price.output) / _TOKENS_PER_PRICE_UNIT
