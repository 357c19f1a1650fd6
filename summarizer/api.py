"""One run: text -> articles -> engine -> verified results. The CLI calls only this."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarizer.articles import Article, split_articles
from summarizer.errors import ConfigurationError, InputError
from summarizer.numbers import VerificationReport
from summarizer.numbers import verify as verify_numbers
from summarizer.results import SummaryResult

if TYPE_CHECKING:
    from summarizer.backend import ChatBackend

SUPPORTED_LANGUAGES = ("en", "ar")
ENGINES = ("auto", "openai", "extractive")
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
    max_repairs: int = 2,
    prompts_dir: str | Path | None = None,
    timeout: float | None = None,
    backend: ChatBackend | None = None,
) -> SummaryResult:
    """Summarize every article in ``text`` in the requested languages, with verified key figures.

    ``text`` may hold several stories (see summarizer.articles) or be JSONL.

    Keyword arguments fall back to the environment:
    ``engine`` -> ``SUMMARIZER_ENGINE`` (default ``auto``: the model when ``OPENAI_API_KEY``
    or a base URL is set, else the offline extractive engine);
    ``model`` -> ``SUMMARIZER_MODEL`` (default in summarizer.backend.DEFAULT_MODEL);
    ``base_url`` -> ``OPENAI_BASE_URL``; ``api_key`` -> ``OPENAI_API_KEY``;
    ``timeout`` -> ``SUMMARIZER_TIMEOUT`` seconds.
    ``backend`` replaces the OpenAI client (tests, other transports).
    """
    wanted = normalize_languages(languages)
    chosen = choose_engine(engine, base_url=base_url, api_key=api_key, backend=backend)
    if not isinstance(text, str):
        raise InputError("summarize() takes the article text as a str")
    if not text.strip():
        raise InputError("the input is empty")
    articles = split_articles(text)
    if chosen == "extractive":
        from summarizer.engines import extractive

        notices = [] if (engine or os.environ.get("SUMMARIZER_ENGINE")) == "extractive" else [EXTRACTIVE_NOTICE]
        return _with_input_notes(text, articles, SummaryResult(
            engine=extractive.ENGINE_NAME,
            articles=[extractive.summarize_article(article, wanted) for article in articles],
            notices=notices,
        ))
    from summarizer.engines import model as model_engine

    return _with_input_notes(text, articles, model_engine.summarize_articles(
        articles,
        wanted,
        model=model,
        base_url=base_url,
        api_key=api_key,
        max_repairs=max_repairs,
        prompts_dir=prompts_dir,
        timeout=timeout,
        backend=backend,
    ))


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
) -> list[dict[str, Any]]:
    """Tokens each article would send to the model and its estimated cost; calls nothing."""
    from summarizer.engines import model as model_engine

    return model_engine.estimate_articles(
        split_articles(text), normalize_languages(languages), model=model, prompts_dir=prompts_dir, prices=prices
    )


def verify(source: str, output: str) -> VerificationReport:
    """Check that every number in ``output`` appears in ``source`` (see summarizer.numbers.verify)."""
    return verify_numbers(source, output)


def normalize_languages(languages: Sequence[str] | str) -> tuple[str, ...]:
    """Validate and de-duplicate language codes ("en,ar" or a sequence)."""
    if isinstance(languages, str):
        languages = [part for part in languages.split(",")]
    cleaned = []
    for language in languages:
        code = language.strip().lower()
        if code not in SUPPORTED_LANGUAGES:
            raise ConfigurationError(
                f"unsupported language {language!r}: choose from {', '.join(SUPPORTED_LANGUAGES)}",
                language=language,
            )
        if code not in cleaned:
            cleaned.append(code)
    if not cleaned:
        raise ConfigurationError("no output language given")
    return tuple(cleaned)


def choose_engine(
    engine: str | None, *, base_url: str | None, api_key: str | None, backend: object | None
) -> str:
    """Resolve ``auto`` to ``openai`` or ``extractive``."""
    name = (engine or os.environ.get("SUMMARIZER_ENGINE") or "auto").lower()
    if name not in ENGINES:
        raise ConfigurationError(f"unknown engine {name!r}: choose from {', '.join(ENGINES)}", engine=name)
    if name != "auto":
        return name
    configured = backend is not None or any(
        [base_url, api_key, os.environ.get("OPENAI_API_KEY"), os.environ.get("OPENAI_BASE_URL")]
    )
    return "openai" if configured else "extractive"


__all__ = ["Article", "estimate", "summarize", "verify"]
