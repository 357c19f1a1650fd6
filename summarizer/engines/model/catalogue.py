"""What the tool knows about models: their context windows (prices: summarizer.pricing)."""

from __future__ import annotations

from dataclasses import dataclass

from summarizer.config import DEFAULT_CONTEXT_WINDOW
from summarizer.pricing import base_model_name


@dataclass(frozen=True)
class ModelLimits:
    """What a model can take: its context window (input and output together), in tokens."""

    context_window: int


_MODEL_LIMITS: dict[str, ModelLimits] = {
    **dict.fromkeys(("gpt-5", "gpt-5-mini", "gpt-5-nano"), ModelLimits(400_000)),
    **dict.fromkeys(("gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano"), ModelLimits(1_047_576)),
    **dict.fromkeys(("gpt-4o", "gpt-4o-mini"), ModelLimits(128_000)),
}


def model_limits(model: str, context_window: int | None = None) -> ModelLimits:
    """Limits for ``model`` (date suffixes ignored).

    Unknown models (local gemma, llama, ...) get ``context_window`` (the
    ``SUMMARIZER_CONTEXT_WINDOW`` setting), else a conservative 8,192 tokens.
    """
    known = _MODEL_LIMITS.get(base_model_name(model))
    if known is not None:
        return known
    return ModelLimits(context_window or DEFAULT_CONTEXT_WINDOW)
