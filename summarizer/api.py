"""One run: text -> articles -> engine -> verified results. The CLI calls only this."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarizer.articles import Article, split_articles
from summarizer.config import Config, resolve_config
from summarizer.errors import ConfigurationError, InputError
from summarizer.languages import SUPPORTED_LANGUAGES, parse_languages
from summarizer.numbers import VerificationReport
from summarizer.numbers import verify as verify_numbers
from summarizer.results import SummaryResult, TranslationResult

if TYPE_CHECKING:
    from summarizer.engines.model.client import ChatBackend
    from summarizer.glossary import GlossaryInput

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
    articles = _articles(text, "summarize")
    if chosen == "extractive":
        from summarizer.engines import extractive

        notices = [] if settings.engine == "extractive" else [EXTRACTIVE_NOTICE]
        return SummaryResult(
            engine=extractive.ENGINE_NAME,
            articles=[extractive.summarize_article(article, settings.languages) for article in articles],
            notices=notices,
        )
    from summarizer.engines.model import summarize_articles

    return summarize_articles(articles, settings, backend)


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


NO_MODEL_FOR_TRANSLATION = (
    "translation needs a model and none is configured: set OPENAI_API_KEY for OpenAI, or --base-url "
    "(OPENAI_BASE_URL) for a local OpenAI-compatible server; there is no offline translation"
)


def translate(
    text: str,
    *,
    target: str,
    glossary: GlossaryInput = None,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    max_repairs: int | None = None,
    prompts_dir: str | Path | None = None,
    timeout: float | None = None,
    backend: ChatBackend | None = None,
    config: Config | None = None,
) -> TranslationResult:
    """Translate every article in ``text`` into ``target`` ("en" or "ar"), paragraph by paragraph.

    Each paragraph's numbers are checked both ways (none added, changed or dropped) and the
    ``glossary`` terms (a CSV or JSON file, a mapping or pairs of source and target terms) found in a
    source paragraph must be in its translation; problems go back to the model, what remains is
    flagged. Settings resolve as for :func:`summarize`. Needs a model: with none configured (and no
    ``backend``), ConfigurationError.
    """
    settings = resolve_config(
        config, model=model, base_url=base_url, api_key=api_key, max_repairs=max_repairs, prompts_dir=prompts_dir,
        timeout=timeout,
    )  # fmt: skip
    language = _target(target)
    if backend is None and (settings.engine == "extractive" or not settings.model_configured):
        raise ConfigurationError(NO_MODEL_FOR_TRANSLATION)
    from summarizer.engines.model.translate import translate_articles
    from summarizer.glossary import glossary_from

    terms = glossary_from(glossary)
    return translate_articles(_articles(text, "translate"), settings, target=language, glossary=terms, backend=backend)


def estimate_translation(
    text: str,
    *,
    target: str,
    glossary: GlossaryInput = None,
    model: str | None = None,
    prompts_dir: str | Path | None = None,
    prices: str | Path | None = None,
    config: Config | None = None,
) -> list[dict[str, Any]]:
    """Tokens each article's translation would send to the model and its estimated cost; calls nothing."""
    settings = resolve_config(config, model=model, prompts_dir=prompts_dir, prices=prices)
    language = _target(target)
    from summarizer.engines.model import estimate_articles
    from summarizer.engines.model.templating import PromptSet
    from summarizer.engines.model.translate import TranslateTask, check_languages, translation_requests
    from summarizer.glossary import glossary_from

    articles = _articles(text, "translate")
    check_languages(articles, language)
    task = TranslateTask(language, glossary_from(glossary).oriented(language), PromptSet(settings.prompts_dir))
    return estimate_articles(articles, settings, functools.partial(translation_requests, task))


def _target(target: str) -> str:
    languages = parse_languages(target)
    if len(languages) != 1:
        raise ConfigurationError(f"translate into one language, not {', '.join(languages)}")
    return languages[0]


def _articles(text: str, action: str) -> list[Article]:
    if not isinstance(text, str):
        raise InputError(f"{action}() takes the article text as a str")
    if not text.strip():
        raise InputError("the input is empty")
    return split_articles(text)


def verify(source: str, output: str) -> VerificationReport:
    """Check that every number in ``output`` appears in ``source`` (see summarizer.numbers.verify)."""
    return verify_numbers(source, output)


def choose_engine(config: Config, *, backend: object | None = None) -> str:
    """Resolve ``auto`` to ``openai`` or ``extractive``."""
    if config.engine != "auto":
        return config.engine
    return "openai" if backend is not None or config.model_configured else "extractive"


__all__ = ["Article", "Config", "estimate", "estimate_translation", "summarize", "translate", "verify"]
