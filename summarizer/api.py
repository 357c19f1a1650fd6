"""One run: text -> articles -> engine -> verified results. The CLI calls only this."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarizer.articles import Article, split_articles
from summarizer.config import Config, resolve_config
from summarizer.errors import InputError
from summarizer.languages import SUPPORTED_LANGUAGES
from summarizer.numbers import VerificationReport
from summarizer.numbers import verify as verify_numbers
from summarizer.results import SummaryResult

if TYPE_CHECKING:
    from summarizer.engines.model.client import ChatBackend

EXTRACTIVE_NOTICE = (
    "No model configured (OPENAI_API_KEY or a base URL): using the offline extractive engine, "
    "which gives a summary in the article's own language only."
)


def summarize(
    text: str,
    *,
    languages: Sequence[str] = SUPPORTED_LANGUAGES,
    engine: str | None = None,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    max_repairs: int | None = None,
    prompts_dir: str | Path | None = None,
    timeout: float | None = None,
    backend: ChatBackend | None = None,
    config: Config | None = None,
) -> SummaryResult:
    """Summarize every article in ``text`` in the requested languages, with verified key figures.

    ``text`` may hold several stories (see summarizer.articles) or be JSONL. Keyword arguments
    left None fall back to ``config``, else to the environment and the defaults
    (summarizer.config.SETTINGS lists each one). ``engine`` ``auto`` uses the model when a key
    or a base URL is set, else the offline extractive engine. ``backend`` replaces the OpenAI
    client (tests, other transports).
    """
    settings = resolve_config(
        config, languages=languages, engine=engine, model=model, base_url=base_url, api_key=api_key,
        max_repairs=max_repairs, prompts_dir=prompts_dir, timeout=timeout,
    )  # fmt: skip
    chosen = choose_engine(settings, backend=backend)
    if not isinstance(text, str):
        raise InputError("summarize() takes the article text as a str")
    if not text.strip():
        raise InputError("the input is empty")
    articles = split_articles(text)
    if chosen == "extractive":
        from summarizer.engines import extractive

        notices = [] if settings.engine == "extractive" else [EXTRACTIVE_NOTICE]
        return _with_input_notes(text, articles, SummaryResult(
            engine=extractive.ENGINE_NAME,
            articles=[extractive.summarize_article(article, settings.languages) for article in articles],
            notices=notices,
        ))
    from summarizer.engines.model import summarize_articles

    return _with_input_notes(text, articles, summarize_articles(articles, settings, backend))


def _with_input_notes(text: str, articles: list[Article], result: SummaryResult) -> SummaryResult:
    """Put first in each article's notes what reading the input found (decoding, replacements, HTML)."""
    read_notes = list(getattr(text, "notes", ()))  # a DecodedText from summarizer.inputs.read_text
    for article, article_result in zip(articles, result.articles, strict=True):
        article_result.notes[:0] = read_notes + article.notes
    return result


def estimate(
    text: str,
    *,
    languages: Sequence[str] = SUPPORTED_LANGUAGES,
    model: str | None = None,
    prompts_dir: str | Path | None = None,
    prices: str | Path | None = None,
    config: Config | None = None,
) -> list[dict[str, Any]]:
    """Tokens each article would send to the model and its estimated cost; calls nothing."""
    settings = resolve_config(config, languages=languages, model=model, prompts_dir=prompts_dir, prices=prices)
    from summarizer.engines.model import estimate_articles

    return estimate_articles(split_articles(text), settings)


def verify(source: str, output: str) -> VerificationReport:
    """Check that every number in ``output`` appears in ``source`` (see summarizer.numbers.verify)."""
    return verify_numbers(source, output)


def choose_engine(config: Config, *, backend: object | None = None) -> str:
    """Resolve ``auto`` to ``openai`` or ``extractive``."""
    if config.engine != "auto":
        return config.engine
    return "openai" if backend is not None or config.model_configured else "extractive"


__all__ = ["Article", "Config", "estimate", "summarize", "verify"]
