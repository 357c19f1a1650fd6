"""One run: text -> articles -> engine -> verified results. The CLI calls only this."""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypedDict, TypeVar, cast

from summarizer.articles import Article, split_articles
from summarizer.config import Config, resolve_config
from summarizer.errors import ConfigurationError, InputError
from summarizer.languages import SUPPORTED_LANGUAGES, parse_languages
from summarizer.numbers import VerificationReport
from summarizer.numbers import verify as verify_numbers
from summarizer.results import ArticleResult, SummaryResult
from summarizer.translation_results import ArticleTranslation, TranslationResult
from summarizer.runner import run_each
from summarizer.sources import SourceArticle, source_articles

if TYPE_CHECKING:
    from summarizer.cache import ResultCache
    from summarizer.engines.model.client import ChatBackend
    from summarizer.engines.model.translate import ModelTranslator
    from summarizer.glossary import GlossaryInput
    from typing_extensions import Unpack  # typing.Unpack from Python 3.11

Result = TypeVar("Result", ArticleResult, ArticleTranslation)


class ModelSettings(TypedDict, total=False):
    """The model run's settings every run function takes as keyword arguments; None (or absent) falls
    back to ``config``, else to the environment and the defaults (summarizer.config.SETTINGS)."""

    model: str | None
    base_url: str | None
    api_key: str | None
    max_repairs: int | None
    prompts_dir: str | Path | None
    timeout: float | None
    concurrency: int | None
    cache_dir: str | Path | None
    no_cache: bool | None


EXTRACTIVE_NOTICE = (
    "No model configured (OPENAI_API_KEY or a base URL): using the offline extractive engine, "
    "which gives a summary in the article's own language only."
)


def summarize(
    text: str,
    *,
    languages: Sequence[str] = SUPPORTED_LANGUAGES,
    engine: str | None = None,
    backend: ChatBackend | None = None,
    config: Config | None = None,
    keep_source: bool = False,
    **settings: Unpack[ModelSettings],
) -> SummaryResult:
    """Summarize every article in ``text`` in the requested languages, with verified key figures.

    ``text`` may hold several stories (see summarizer.articles) or be JSONL. ``settings`` are those
    of :class:`ModelSettings` (``model``, ``base_url``, ``api_key``, ``max_repairs``, ``prompts_dir``,
    ``timeout``, ``concurrency``, ``cache_dir``, ``no_cache``); those, ``languages`` and ``engine``
    left None fall back to ``config``, else to the environment and the defaults
    (summarizer.config.SETTINGS lists each one). ``engine`` ``auto`` uses the model when a key
    or a base URL is set, else the offline extractive engine. ``backend`` replaces the OpenAI
    client (tests, other transports; it is not cached). Articles run ``concurrency`` at a time;
    the results are in article order. An article that fails is kept with its ``error`` while the
    others finish; only when every article failed is the first failure raised. ``keep_source``
    leaves each result its article (``source``: the text and sentences the HTML page shows), so
    that nothing is split again.
    """
    resolved = resolve_config(config, languages=languages, engine=engine, **_model_settings(settings))
    articles = _articles(text, "summarize")
    summarizer = open_summarizer(resolved, backend=backend)
    results = article_results(articles, summarizer, failed_article, text, concurrency=summarizer.concurrency)
    if keep_source:
        for article, result in zip(articles, results, strict=True):
            result.source = article
    return SummaryResult(
        engine=summarizer.engine, articles=results, model=summarizer.model, prompt_version=summarizer.prompt_version,
        notices=summarizer.notices,
    )  # fmt: skip


def article_results(
    articles: Sequence[Article],
    work: Callable[[Article], Result],
    failed: Callable[[Article | None, Exception, Sequence[str]], Result],
    text: str,
    *,
    concurrency: int,
) -> list[Result]:
    """``work`` over the articles of ``text``, ``concurrency`` at once, in article order.

    An article that fails is kept as ``failed(article, error, read_notes)`` while the others
    finish; only when every article failed is the first failure raised.
    """
    read_notes = tuple(getattr(text, "notes", ()))  # a DecodedText from summarizer.inputs.read_text
    results: list[Result | None] = [None] * len(articles)
    errors: dict[int, Exception] = {}

    def failure(item: tuple[int, Article], error: Exception) -> tuple[int, Result]:
        errors[item[0]] = error
        return item[0], failed(item[1], error, read_notes)

    run = lambda item: (item[0], summarize_source(work, item[1], read_notes))  # noqa: E731
    for index, result in run_each(enumerate(articles), run, failure=failure, concurrency=concurrency):
        results[index] = result
    if len(errors) == len(articles):
        raise errors[0]
    return [result for result in results if result is not None]


class ArticleStream(Iterator[Any]):
    """The results of ``summarize_many`` (``translate_many``), one per article as each completes, with the
    run's engine, ``model``, ``prompt_version`` and ``notices`` (run-level messages, such as the engine chosen)."""

    def __init__(self, summarizer: Summarizer | ModelTranslator, results: Iterator[Any]) -> None:
        self._summarizer = summarizer
        self._results = results
        self.engine: str = summarizer.engine
        self.notices: list[str] = summarizer.notices

    @property
    def model(self) -> str | None:
        return self._summarizer.model  # a local server's only model is known after its first request

    @property
    def prompt_version(self) -> str | None:
        return self._summarizer.prompt_version

    def __next__(self) -> Any:
        return next(self._results)

    def close(self) -> None:
        """Stop: articles not started are not started; those in flight finish."""
        close = getattr(self._results, "close", None)
        if close is not None:
            close()


def summarize_many(
    inputs: Iterable[str | Path],
    *,
    skip: Collection[tuple[str, str | None]] = (),
    encoding: str | None = None,
    backend: ChatBackend | None = None,
    config: Config | None = None,
    **settings: Any,
) -> ArticleStream:
    """Summarize every article of every input (files, directories, ``-``), yielding each result as it completes.

    Results come in completion order; each has ``input`` and ``id``. A failed article or an
    unreadable input is yielded as a result with ``error`` set, never raised, and the others go
    on. ``skip`` holds (input, id) pairs already done (``--resume``). Inputs are read one at a time
    and at most twice ``concurrency`` articles are held, so memory stays flat in the number of
    articles. ``settings`` are the keyword arguments of :func:`summarize` (``languages``,
    ``engine``, ``model``, ``base_url``, ``api_key``, ``max_repairs``, ``prompts_dir``, ``timeout``,
    ``concurrency``, ``cache_dir``, ``no_cache``); a bad setting raises here, before any work.
    """
    settings.setdefault("languages", SUPPORTED_LANGUAGES)
    resolved = resolve_config(config, **settings)
    summarizer = open_summarizer(resolved, backend=backend)
    items = source_articles(inputs, encoding=encoding, skip=skip)
    work = lambda item: summarizer(item.article)  # noqa: E731  (an unread input never reaches it)
    return ArticleStream(summarizer, summarize_sources(items, work, concurrency=summarizer.concurrency))


def summarize_sources(
    items: Iterable[SourceArticle],
    summarize_item: Callable[[SourceArticle], Result],
    *,
    concurrency: int,
    failed: Callable[[Article | None, Exception, Sequence[str]], Result] | None = None,
) -> Iterator[Result]:
    """``summarize_item`` over each article, ``concurrency`` at once, yielding results as they complete.

    Each result gets its ``input`` and its notes are led by what reading the input found; an item
    whose input failed, or whose work raised, is yielded as ``failed`` makes it (``failed_article``;
    translations: ``failed_translation``).
    """

    def work(item: SourceArticle) -> Result:
        if item.article is None:
            raise item.error or InputError(f"{item.input}: cannot be read")
        result = summarize_source(lambda _: summarize_item(item), item.article, item.notes)
        result.input = item.input
        return result

    make_failed = failed or cast(Callable[[Article | None, Exception, Sequence[str]], Result], failed_article)

    def failure(item: SourceArticle, error: Exception) -> Result:
        result = make_failed(item.article, error, item.notes)
        result.input = item.input
        return result

    return run_each(items, work, failure=failure, concurrency=concurrency)


class Summarizer(Protocol):
    """The per-article function of one run, and what the run's results record."""

    engine: str
    concurrency: int
    notices: list[str]

    @property
    def model(self) -> str | None: ...

    @property
    def prompt_version(self) -> str | None: ...

    def __call__(self, article: Article) -> ArticleResult: ...


def open_summarizer(settings: Config, *, backend: ChatBackend | None = None) -> Summarizer:
    """The engine the settings choose, as a function from one article to its result.

    The model engine runs ``settings.concurrency`` articles at once and uses the cache unless
    ``no_cache`` (or a ``backend`` of the caller's is given); the extractive engine, CPU-bound and
    free, runs one at a time and is never cached.
    """
    chosen: Any
    if choose_engine(settings, backend=backend) == "extractive":
        from summarizer.engines.extractive import ExtractiveSummarizer

        chosen = ExtractiveSummarizer(settings.languages)
        chosen.concurrency = 1
        chosen.notices = [] if settings.engine == "extractive" else [EXTRACTIVE_NOTICE]
        return cast(Summarizer, chosen)
    from summarizer.engines.model import ModelSummarizer

    return cast(Summarizer, ModelSummarizer(settings, backend, cache=_open_cache(settings, backend)))


def _open_cache(settings: Config, backend: ChatBackend | None) -> ResultCache | None:
    """The results cache of a model run: none with ``no_cache`` or a caller's ``backend``."""
    if backend is not None or settings.no_cache or settings.cache_dir is None:
        return None
    from summarizer.cache import ResultCache

    return ResultCache(settings.cache_dir)


def summarize_source(
    summarize_article: Callable[[Article], Result], article: Article, read_notes: Sequence[str]
) -> Result:
    """One article's result, its notes led by what reading the input found and the article's own."""
    result = summarize_article(article)
    result.notes[:0] = [*read_notes, *article.notes]
    return result


def failed_article(article: Article | None, error: Exception, read_notes: Sequence[str] = ()) -> ArticleResult:
    """The result recording ``error`` for ``article`` (None: the input itself failed)."""
    return _failed(ArticleResult, article, error, read_notes)


def failed_translation(article: Article | None, error: Exception, read_notes: Sequence[str] = ()) -> ArticleTranslation:
    """The translation recording ``error`` for ``article`` (None: the input itself failed)."""
    return _failed(ArticleTranslation, article, error, read_notes)


def _failed(kind: type[Result], article: Article | None, error: Exception, read_notes: Sequence[str]) -> Result:
    if article is None:
        return kind.failed(error, id=None)
    result = kind.failed(error, **article.result_fields())
    result.notes[:0] = [*read_notes, *article.notes]
    return result


def estimate(
    text: str,
    *,
    languages: Sequence[str] = SUPPORTED_LANGUAGES,
    model: str | None = None,
    prompts_dir: str | Path | None = None,
    prices: str | Path | None = None,
    config: Config | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
) -> list[dict[str, Any]]:
    """Tokens each article would send to the model (messages, their framing and the reply schema) and its
    estimated cost; calls no model. With a base URL the server is asked what it serves (GET /models), so
    that the model, its window and the count are those of a real run."""
    settings = resolve_config(
        config, languages=languages, model=model, prompts_dir=prompts_dir, prices=prices, base_url=base_url,
        api_key=api_key,
    )  # fmt: skip
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
    backend: ChatBackend | None = None,
    config: Config | None = None,
    **settings: Unpack[ModelSettings],
) -> TranslationResult:
    """Translate every article in ``text`` into ``target`` ("en" or "ar"), paragraph by paragraph.

    Each paragraph's numbers are checked both ways (none added, changed or dropped) and the
    ``glossary`` terms (a CSV or JSON file, a mapping or pairs of source and target terms) found in a
    source paragraph must be in its translation; problems go back to the model, what remains is
    flagged. ``settings`` (:class:`ModelSettings`) resolve as for :func:`summarize`; articles run ``concurrency`` at a time, cached
    as summaries are. An article already in the target language is refused (InputError) before any
    call. An article that fails is kept with its ``error`` while the others finish; only when every
    article failed is the first failure raised. Needs a model: with none configured (and no
    ``backend``), ConfigurationError.
    """
    resolved = resolve_config(config, **_model_settings(settings))
    translator = open_translator(resolved, target=target, glossary=glossary, backend=backend)
    from summarizer.engines.model.translate import check_languages

    articles = _articles(text, "translate")
    check_languages(articles, translator.target)
    results = article_results(articles, translator, failed_translation, text, concurrency=translator.concurrency)
    return TranslationResult(
        target=translator.target, articles=results, model=translator.model, prompt_version=translator.prompt_version
    )


def translate_many(
    inputs: Iterable[str | Path],
    *,
    target: str,
    glossary: GlossaryInput = None,
    skip: Collection[tuple[str, str | None]] = (),
    encoding: str | None = None,
    backend: ChatBackend | None = None,
    config: Config | None = None,
    **settings: Any,
) -> ArticleStream:
    """Translate every article of every input (files, directories, ``-``), yielding each as it completes.

    As :func:`summarize_many`: completion order, each with ``input`` and ``id``; a failed article
    (also one already in the target language) or an unreadable input is yielded with ``error``, never
    raised; ``skip`` holds (input, id) pairs already done. ``settings`` are the keyword arguments of
    :func:`translate` (``model``, ``base_url``, ``api_key``, ``max_repairs``, ``prompts_dir``,
    ``timeout``, ``concurrency``, ``cache_dir``, ``no_cache``); a bad one raises here, before any work.
    """
    translator = open_translator(resolve_config(config, **settings), target=target, glossary=glossary, backend=backend)
    items = source_articles(inputs, encoding=encoding, skip=skip)
    work = lambda item: translator(item.article)  # noqa: E731  (an unread input never reaches it)
    results = summarize_sources(items, work, concurrency=translator.concurrency, failed=failed_translation)
    return ArticleStream(translator, results)


def open_translator(
    settings: Config, *, target: str, glossary: GlossaryInput = None, backend: ChatBackend | None = None
) -> ModelTranslator:
    """The per-article translation function of a run (cached unless ``no_cache`` or a ``backend`` is given)."""
    language = _target(target)
    if backend is None and (settings.engine == "extractive" or not settings.model_configured):
        raise ConfigurationError(NO_MODEL_FOR_TRANSLATION)
    from summarizer.engines.model.translate import ModelTranslator
    from summarizer.glossary import glossary_from

    terms = glossary_from(glossary)
    return ModelTranslator(
        settings, target=language, glossary=terms, backend=backend, cache=_open_cache(settings, backend)
    )


def estimate_translation(
    text: str,
    *,
    target: str,
    glossary: GlossaryInput = None,
    model: str | None = None,
    prompts_dir: str | Path | None = None,
    prices: str | Path | None = None,
    config: Config | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
) -> list[dict[str, Any]]:
    """Tokens each article's translation would send to the model and its estimated cost; calls no model (see
    :func:`estimate`)."""
    settings = resolve_config(
        config, model=model, prompts_dir=prompts_dir, prices=prices, base_url=base_url, api_key=api_key
    )
    language = _target(target)
    from summarizer.engines.model import estimate_articles
    from summarizer.engines.model.templating import PromptSet
    from summarizer.engines.model.translate import TranslateTask, check_languages, translation_requests
    from summarizer.glossary import glossary_from

    articles = _articles(text, "translate")
    check_languages(articles, language)
    task = TranslateTask(language, glossary_from(glossary).oriented(language), PromptSet(settings.prompts_dir))
    return estimate_articles(articles, settings, functools.partial(translation_requests, task))


def _model_settings(settings: dict[str, Any]) -> dict[str, Any]:
    """``settings`` checked against :class:`ModelSettings`: a misspelt name is a TypeError, as for any keyword."""
    for name in settings:
        if name not in ModelSettings.__optional_keys__:
            raise TypeError(f"unexpected keyword argument {name!r} (the settings are those of ModelSettings)")
    return settings


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


__all__ = [
    "Article",
    "ArticleStream",
    "Config",
    "estimate",
    "estimate_translation",
    "summarize",
    "summarize_many",
    "translate",
    "translate_many",
    "verify",
]
