"""What the tool knows about models: their context windows (prices: summarizer.pricing)."""

from __future__ import annotations

from dataclasses import dataclass

from summarizer.config import DEFAULT_CONTEXT_WINDOW
from summarizer.pricing import base_model_name


@dataclass(frozen=True)
class ModelLimits:
    """What a model can take: its context window (input and output together) and, where known, the most
    tokens one reply may hold; ``source`` says where the window came from (setting, server, catalogue, default)."""

    context_window: int
    max_output_tokens: int | None = None
    source: str = "catalogue"


_MODEL_LIMITS: dict[str, ModelLimits] = {
    **dict.fromkeys(("gpt-5", "gpt-5-mini", "gpt-5-nano"), ModelLimits(400_000, 128_000)),
    **dict.fromkeys(("gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano"), ModelLimits(1_047_576, 32_768)),
    **dict.fromkeys(("gpt-4o", "gpt-4o-mini"), ModelLimits(128_000, 16_384)),
}


def model_limits(model: str, context_window: int | None = None, *, served_window: int | None = None) -> ModelLimits:
    """Limits for ``model`` (date suffixes ignored). The window is, in order: ``context_window`` (the
    ``SUMMARIZER_CONTEXT_WINDOW`` setting), ``served_window`` (what the server says of the model it
    serves), the catalogue's, else a conservative 8,192 tokens."""
    known = _MODEL_LIMITS.get(base_model_name(model))
    output = known.max_output_tokens if known is not None else None
    if context_window:
        return ModelLimits(context_window, output, "setting")
    if served_window:
        return ModelLimits(served_window, output, "server")
    if known is not None:
        return known
    return ModelLimits(DEFAULT_CONTEXT_WINDOW, None, "default")
