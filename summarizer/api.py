"""Every run the tool makes: text -> articles -> engine -> verified results.

One article text (``summarize``, ``translate``, their dry runs ``estimate``, ``estimate_translation``),
many inputs streamed (``summarize_many``, ``translate_many``) or collected in input order
(``summarize_inputs``, ``translate_inputs``), the OpenAI Batch API (``prepare_batch``, ``batch_status``,
``collect_batch``) and the verifier alone (``verify``). Settings are resolved here, once per run, into a
``Config``. This is the only way in to the engines: the CLI runs everything through these functions and
imports nothing from ``summarizer.engines``; it reads its options, renders and writes (render/, stream,
progress) and maps errors to exit statuses.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypedDict, TypeVar, cast

from summarizer.articles import Article, split_articles
from summarizer.config import Config, resolve_config
from summarizer.errors import ConfigurationError, InputError, SummarizerError
from summarizer.languages import LANGUAGE_NAMES, SUPPORTED_LANGUAGES, detect_language, parse_languages
from summarizer.numbers import VerificationReport
from summarizer.numbers import verify as verify_numbers
from summarizer.results import ArticleRecord, ArticleResult, SummaryResult
from summarizer.runner import run_each
from summarizer.sources import SourceArticle, source_articles
from summarizer.translation_results import ArticleTranslation, TranslationResult

if TYPE_CHECKING:
    from typing_extensions import Unpack  # typing.Unpack from Python 3.11

    from summarizer.cache import ResultCache
    from summarizer.engines.model.batch import Prepared
    from summarizer.engines.model.client import ChatBackend
    from summarizer.engines.model.translate import ModelTranslator
    from summarizer.glossary import GlossaryInput

Result = TypeVar("Result", bound=ArticleRecord)  # an ArticleResult or an ArticleTranslation


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
    glossary: GlossaryInput = None,
    **model_settings: Unpack[ModelSettings],
) -> SummaryResult:
    """Summarize every article in ``text`` in the requested languages, with verified key figures.

    ``text`` may hold several stories (see summarizer.articles) or be JSONL. ``model_settings`` are those
    of :class:`ModelSettings` (``model``, ``base_url``, ``api_key``, ``max_repairs``, ``prompts_dir``,
    ``timeout``, ``concurrency``, ``cache_dir``, ``no_cache``); those, ``languages`` and ``engine``
    left None fall back to ``config``, else to the environment and the defaults
    (summarizer.config.SETTINGS lists each one). ``engine`` ``auto`` uses the model when a key
    or a base URL is set, else the offline extractive engine. ``backend`` replaces the OpenAI
    client (tests, other transports; it is not cached). Articles run ``concurrency`` at a time;
    the results are in article order. An article that fails is kept with its ``error`` while the
    others finish; only when every article failed is the first failure raised. ``keep_source``
    leaves each result its article (``source``: the text and sentences the HTML page shows), so
    that nothing is split again. ``glossary`` (a CSV or JSON file, a mapping or pairs of source and
    target terms, as for :func:`translate`): the names it gives link names across scripts in the checks
    (an English summary writing "Abu Mazen" for محمود عباس is verified), and the model is
    asked to write the glossary's names each article holds as the glossary gives them.
    """
    resolved = resolve_config(config, languages=languages, engine=engine, **_model_settings(model_settings))
    articles = _articles(text, "summarize")
    summarizer = open_summarizer(resolved, backend=backend, glossary=glossary)
    for article in articles:
        check_writable(summarizer.engine, resolved.languages, article)
    results = article_results(articles, summarizer, failed_article, text, concurrency=summarizer.concurrency)
    if keep_source:
        for article, result in zip(articles, results, strict=True):
            result.source = article
    return SummaryResult(
        engine=summarizer.engine,
        articles=results,
        model=summarizer.model,
        prompt_version=summarizer.prompt_version,
        notices=summarizer.notices,
    )


def writable_languages(engine: str, article_language: str) -> tuple[str, ...]:
    """The summary languages ``engine`` can write for an article in ``article_language``: the model writes
    every output language; the offline extractive engine picks the article's sentences, so only its own."""
    return (article_language,) if engine == "extractive" else SUPPORTED_LANGUAGES


def check_writable(engine: str, languages: Sequence[str], article: Article, input_name: str | None = None) -> None:
    """Raise ConfigurationError (exit 2) when ``engine`` can write none of ``languages`` for ``article``: a run
    that would write no summary at all is refused before any work, not reported as verified."""
    language = detect_language(article.text)
    if set(languages) & set(writable_languages(engine, language)):
        return
    where = f"{input_name}, " if input_name else ""
    raise ConfigurationError(
        f"{where}article {article.id or '1'}: it is in {LANGUAGE_NAMES[language]} and the offline extractive engine "
        f"writes a summary in the article's own language only, so --languages {','.join(languages)} gives none: "
        f"add {language} to --languages, or use a model (--engine openai with OPENAI_API_KEY or --base-url)",
        language=language,
    )


def _check_inputs(engine: str, languages: Sequence[str], inputs: Sequence[str | Path], encoding: str | None) -> None:
    """Every article of the input files checked with :func:`check_writable` before a stream writes anything
    (standard input cannot be read twice: its articles are checked as they are summarized)."""
    if set(languages) >= set(SUPPORTED_LANGUAGES) or engine != "extractive":
        return
    files = [name for name in inputs if str(name) != "-"]
    for item in source_articles(files, encoding=encoding):
        if item.article is not None:
            check_writable(engine, languages, item.article, item.input)


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

    def run(item: tuple[int, Article]) -> tuple[int, Result]:
        return item[0], run_article(work, item[1], read_notes)

    for index, result in run_each(enumerate(articles), run, failure=failure, concurrency=concurrency):
        results[index] = result
    if len(errors) == len(articles):
        raise errors[0]
    return [result for result in results if result is not None]


class ArticleStream(Iterator[Any]):
    """The results of ``summarize_many`` (``translate_many``), one per article as each completes, with the
    run's engine, ``model``, ``prompt_version`` and ``notices`` (run-level messages, such as the engine chosen)."""

    def __init__(self, summarizer: RunDescription, results: Iterator[Any]) -> None:
        self._summarizer = summarizer
        self._results = results
        self.engine: str = summarizer.engine
        self.notices: list[str] = summarizer.notices

    @property
    def model(self) -> str | None:
        return self._summarizer.model  # the model resolved at the run's start (a server's only one)

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
    glossary: GlossaryInput = None,
    **summarize_settings: Any,
) -> ArticleStream:
    """Summarize every article of every input (files, directories, ``-``), yielding each result as it completes.

    Results come in completion order; each has ``input`` and ``id``. A failed article or an
    unreadable input is yielded as a result with ``error`` set, never raised, and the others go
    on. ``skip`` holds (input, id) pairs already done (``--resume``). Inputs are read one at a time
    and at most twice ``concurrency`` articles are held, so memory stays flat in the number of
    articles. ``summarize_settings`` are the keyword arguments of :func:`summarize` (``languages``,
    ``engine``, ``model``, ``base_url``, ``api_key``, ``max_repairs``, ``prompts_dir``, ``timeout``,
    ``concurrency``, ``cache_dir``, ``no_cache``) and ``glossary``; a bad setting or glossary raises here,
    before any work.
    """
    summarize_settings.setdefault("languages", SUPPORTED_LANGUAGES)
    resolved = resolve_config(config, **summarize_settings)
    summarizer = open_summarizer(resolved, backend=backend, glossary=glossary)
    inputs = list(inputs)
    _check_inputs(summarizer.engine, resolved.languages, inputs, encoding)
    items = source_articles(inputs, encoding=encoding, skip=skip)

    def work(item: SourceArticle) -> ArticleResult:
        article = cast(Article, item.article)  # an unread input (article None) never reaches it
        check_writable(summarizer.engine, resolved.languages, article)  # standard input's (files: checked above)
        return summarizer(article)

    return ArticleStream(summarizer, run_source_articles(items, work, concurrency=summarizer.concurrency))


def run_source_articles(
    items: Iterable[SourceArticle],
    work_item: Callable[[SourceArticle], Result],
    *,
    concurrency: int,
    failed: Callable[[Article | None, Exception, Sequence[str]], Result] | None = None,
) -> Iterator[Result]:
    """``work_item`` (a summary or a translation) over each article, ``concurrency`` at once, yielding
    results as they complete.

    Each result gets its ``input`` and its notes are led by what reading the input found; an item
    whose input failed, or whose work raised, is yielded as ``failed`` makes it (``failed_article``;
    translations: ``failed_translation``).
    """

    def work(item: SourceArticle) -> Result:
        if item.article is None:
            raise item.error or InputError(f"{item.input}: cannot be read")
        result = run_article(lambda _: work_item(item), item.article, item.notes)
        result.input = item.input
        return result

    make_failed = failed or cast(Callable[[Article | None, Exception, Sequence[str]], Result], failed_article)

    def failure(item: SourceArticle, error: Exception) -> Result:
        result = make_failed(item.article, error, item.notes)
        result.input = item.input
        return result

    return run_each(items, work, failure=failure, concurrency=concurrency)


class RunDescription(Protocol):
    """What a run's results record of it: the engine, the model, the prompt version and run-level notices."""

    engine: str
    notices: list[str]

    @property
    def model(self) -> str | None: ...

    @property
    def prompt_version(self) -> str | None: ...


class Summarizer(RunDescription, Protocol):
    """The per-article function of one run, and what the run's results record."""

    concurrency: int

    def __call__(self, article: Article) -> ArticleResult: ...


def open_summarizer(
    config: Config, *, backend: ChatBackend | None = None, glossary: GlossaryInput = None
) -> Summarizer:
    """The engine ``config`` chooses, as a function from one article to its result.

    The model engine runs ``config.concurrency`` articles at once and uses the cache unless
    ``no_cache`` (or a ``backend`` of the caller's is given); the extractive engine, CPU-bound and
    free, runs one at a time and is never cached. ``glossary`` is read here, once for the run.
    """
    from summarizer.glossary import glossary_from

    terms = glossary_from(glossary)
    chosen: Any
    if choose_engine(config, backend=backend) == "extractive":
        from summarizer.engines.extractive import ExtractiveSummarizer

        chosen = ExtractiveSummarizer(config.languages, terms)
        chosen.concurrency = 1
        chosen.notices = [] if config.engine == "extractive" else [EXTRACTIVE_NOTICE]
        return cast(Summarizer, chosen)
    from summarizer.engines.model import ModelSummarizer

    return cast(Summarizer, ModelSummarizer(config, backend, cache=_open_cache(config, backend), glossary=terms))


def _open_cache(config: Config, backend: ChatBackend | None) -> ResultCache | None:
    """The results cache of a model run: none with ``no_cache`` or a caller's ``backend``."""
    if backend is not None or config.no_cache or config.cache_dir is None:
        return None
    from summarizer.cache import ResultCache

    return ResultCache(config.cache_dir)


def run_article(work: Callable[[Article], Result], article: Article, read_notes: Sequence[str]) -> Result:
    """One article's result (a summary or a translation), its notes led by what reading the input found
    and the article's own."""
    result = work(article)
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
    languages: Sequence[str] | None = SUPPORTED_LANGUAGES,  # None: the config, environment or default
    model: str | None = None,
    prompts_dir: str | Path | None = None,
    prices: str | Path | None = None,
    config: Config | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    glossary: GlossaryInput = None,
) -> list[dict[str, Any]]:
    """Tokens each article would send to the model (messages, their framing and the reply schema) and its
    estimated cost; calls no model. With a base URL the server is asked what it serves (GET /models), so
    that the model, its window and the count are those of a real run (``glossary``: the names it lists)."""
    resolved = resolve_config(
        config,
        languages=languages,
        model=model,
        prompts_dir=prompts_dir,
        prices=prices,
        base_url=base_url,
        api_key=api_key,
    )
    from summarizer.engines.model import estimate_articles
    from summarizer.engines.model.estimate import summary_requests
    from summarizer.engines.model.summarize import SummarizeTask
    from summarizer.engines.model.templating import PromptSet
    from summarizer.glossary import glossary_from

    plan = None  # the summaries' requests
    if glossary is not None:
        task = SummarizeTask(resolved.languages, PromptSet(resolved.prompts_dir), glossary_from(glossary))
        plan = functools.partial(summary_requests, task)
    return estimate_articles(split_articles(text), resolved, plan)


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
    **model_settings: Unpack[ModelSettings],
) -> TranslationResult:
    """Translate every article in ``text`` into ``target`` ("en" or "ar"), paragraph by paragraph.

    Each paragraph's numbers, dates and names are checked both ways (none added, changed or dropped) and the
    ``glossary`` terms (a CSV or JSON file, a mapping or pairs of source and target terms) found in a
    source paragraph must be in its translation; problems go back to the model, what remains is
    flagged. ``model_settings`` (:class:`ModelSettings`) resolve as for :func:`summarize`; articles run ``concurrency`` at a time, cached
    as summaries are. An article already in the target language is refused (InputError) before any
    call. An article that fails is kept with its ``error`` while the others finish; only when every
    article failed is the first failure raised. Needs a model: with none configured (and no
    ``backend``), ConfigurationError.
    """
    resolved = resolve_config(config, **_model_settings(model_settings))
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
    **model_settings: Any,
) -> ArticleStream:
    """Translate every article of every input (files, directories, ``-``), yielding each as it completes.

    As :func:`summarize_many`: completion order, each with ``input`` and ``id``; a failed article
    (also one already in the target language) or an unreadable input is yielded with ``error``, never
    raised; ``skip`` holds (input, id) pairs already done. ``model_settings`` are the keyword arguments of
    :func:`translate` (``model``, ``base_url``, ``api_key``, ``max_repairs``, ``prompts_dir``,
    ``timeout``, ``concurrency``, ``cache_dir``, ``no_cache``); a bad one raises here, before any work.
    """
    translator = open_translator(
        resolve_config(config, **model_settings), target=target, glossary=glossary, backend=backend
    )
    items = source_articles(inputs, encoding=encoding, skip=skip)
    work = lambda item: translator(item.article)  # noqa: E731  a one-line adapter: an unread input (article None) never reaches it
    results = run_source_articles(items, work, concurrency=translator.concurrency, failed=failed_translation)
    return ArticleStream(translator, results)


def summarize_inputs(inputs: Sequence[str], *, encoding: str | None = None, **summarize_keywords: Any) -> SummaryResult:
    """Several inputs summarized one after another (the articles of each at once, as :func:`summarize`
    runs them) and collected into one result in input order, each article with its ``input``. An
    input that cannot be read, or whose every article failed, is recorded as a failed entry and the
    others go on. The keyword arguments are those of :func:`summarize`. A summary language the engine cannot
    write for an article of any input (see :func:`check_writable`) raises ConfigurationError before any work."""
    from summarizer.glossary import glossary_from

    if summarize_keywords.get("glossary") is not None:  # read once, not once per input
        summarize_keywords["glossary"] = glossary_from(summarize_keywords["glossary"])
    chosen = {name: summarize_keywords.get(name) for name in ("languages", "engine", "base_url", "api_key")}
    resolved = resolve_config(summarize_keywords.get("config"), **chosen)
    engine = choose_engine(resolved, backend=summarize_keywords.get("backend"))
    _check_inputs(engine, resolved.languages, inputs, encoding)
    return _collect_inputs(
        inputs,
        lambda text: summarize(text, **summarize_keywords),
        failed_article,
        SummaryResult(engine="none", articles=[]),
        encoding=encoding,
    )


def translate_inputs(
    inputs: Sequence[str], *, target: str, encoding: str | None = None, **translate_keywords: Any
) -> TranslationResult:
    """Several inputs translated one after another and collected into one result, as
    :func:`summarize_inputs` does; the keyword arguments are those of :func:`translate`."""
    return _collect_inputs(
        inputs,
        lambda text: translate(text, target=target, **translate_keywords),
        failed_translation,
        TranslationResult(target=target, articles=[]),
        encoding=encoding,
    )


Collected = TypeVar("Collected", SummaryResult, TranslationResult)


def _collect_inputs(
    inputs: Sequence[str],
    run_text: Callable[[str], Collected],
    failed_input: Callable[[Article | None, Exception], Any],
    empty: Collected,
    *,
    encoding: str | None,
) -> Collected:
    """``run_text`` over each input's text, the results merged in input order (each article with its
    ``input``); an input that fails is recorded as ``failed_input`` makes it."""
    from summarizer.inputs import read_text
    from summarizer.sources import input_label

    merged: Collected | None = None
    articles: list[Any] = []
    for name in inputs:
        try:
            text = read_text(name, encoding=encoding)
            result = run_text(text)
        except ConfigurationError as error:  # a setting that cannot work (checked per article): the whole run stops
            if not str(error).startswith("article "):
                raise
            raise ConfigurationError(f"{name}, {error}") from error
        except (SummarizerError, RecursionError, MemoryError) as error:
            failed = failed_input(None, error)
            failed.input = input_label(name)
            articles.append(failed)
            continue
        merged = merged or result
        for article in result.articles:
            article.input = input_label(name)
        articles += result.articles
    if merged is None:
        merged = empty
    merged.articles = articles
    return merged


def open_translator(
    config: Config, *, target: str, glossary: GlossaryInput = None, backend: ChatBackend | None = None
) -> ModelTranslator:
    """The per-article translation function of a run (cached unless ``no_cache`` or a ``backend`` is given)."""
    language = _target(target)
    if backend is None and (config.engine == "extractive" or not config.model_configured):
        raise ConfigurationError(NO_MODEL_FOR_TRANSLATION)
    from summarizer.engines.model.translate import ModelTranslator
    from summarizer.glossary import glossary_from

    terms = glossary_from(glossary)
    return ModelTranslator(config, target=language, glossary=terms, backend=backend, cache=_open_cache(config, backend))


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
    resolved = resolve_config(
        config, model=model, prompts_dir=prompts_dir, prices=prices, base_url=base_url, api_key=api_key
    )
    language = _target(target)
    from summarizer.engines.model import estimate_articles
    from summarizer.engines.model.templating import PromptSet
    from summarizer.engines.model.translate import TranslateTask, check_languages, translation_requests
    from summarizer.glossary import glossary_from

    articles = _articles(text, "translate")
    check_languages(articles, language)
    task = TranslateTask(language, glossary_from(glossary).oriented(language), PromptSet(resolved.prompts_dir))
    return estimate_articles(articles, resolved, functools.partial(translation_requests, task))


def _model_settings(keywords: ModelSettings) -> ModelSettings:
    """``keywords`` checked against :class:`ModelSettings`: a misspelt name is a TypeError, as for any keyword."""
    for name in keywords:
        if name not in ModelSettings.__optional_keys__:
            raise TypeError(f"unexpected keyword argument {name!r} (the settings are those of ModelSettings)")
    return keywords


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


NO_MODEL_FOR_REPAIRS = "no model configured (OPENAI_API_KEY or --base-url): no repair rounds are run."
NO_SERVER_FOR_BATCH = (
    "submitting a batch needs a server and none is configured: set OPENAI_API_KEY for OpenAI, or --base-url "
    "(OPENAI_BASE_URL) for a server with the Files and Batches API; or give --no-upload to only write the "
    "request file"
)


class BatchSubmission:
    """A batch being submitted (:func:`prepare_batch`): each article's first request, exactly as a run
    sends it; recorded (:meth:`record`) before it is uploaded, so that nothing paid for is unrecorded."""

    def __init__(self, prepared: Prepared, config: Config) -> None:
        self._prepared = prepared
        self._record = prepared.record
        self.config = config

    @property
    def too_long(self) -> list[tuple[str, str | None]]:
        """(input, article id) of each article longer than one request allows: summarized with normal
        calls when the batch is collected."""
        return [(request.input, request.article.id) for request in self._prepared.requests if request.body is None]

    @property
    def count(self) -> int:
        """How many requests the batch holds."""
        return sum(1 for request in self._prepared.requests if request.body is not None)

    def request_lines(self) -> Iterator[str]:
        """The request file's lines (the OpenAI Batch API's input format), each without its newline."""
        return (request.line() for request in self._prepared.requests if request.body is not None)

    def record(self) -> Path:
        """Save what collecting needs in the batch directory (with the batch id once uploaded); its path."""
        from summarizer.engines.model import batch as batches

        return batches.write_record(self._record, self.config)

    def upload(self) -> str:
        """Upload the request file and create the batch; its id (write the :meth:`record` again after)."""
        from summarizer.engines.model import batch as batches

        self._record = batches.upload(self._prepared, self.config)
        return str(self._record["batch_id"])


def prepare_batch(
    inputs: Sequence[str],
    *,
    encoding: str | None = None,
    languages: Sequence[str] = SUPPORTED_LANGUAGES,
    model: str | None = None,
    base_url: str | None = None,
    prompts_dir: str | Path | None = None,
    config: Config | None = None,
    upload: bool = False,
    glossary: GlossaryInput = None,
) -> BatchSubmission:
    """Read ``inputs`` (files, or directories of them; not standard input, which collect cannot read
    again) and build each article's first request for the OpenAI Batch API, with the record collect needs.

    ``upload=True`` says the batch is to be uploaded: with no key and no server configured that is a
    ConfigurationError at once, before any input is read (preparing a request file needs neither).
    ``glossary``: as for :func:`summarize`; the record keeps the terms the articles hold, so that collecting
    checks their names with it."""
    resolved = resolve_config(config, languages=languages, model=model, base_url=base_url, prompts_dir=prompts_dir)
    if upload and not resolved.model_configured:
        raise ConfigurationError(NO_SERVER_FOR_BATCH)
    from summarizer.engines.model import batch as batches
    from summarizer.glossary import glossary_from

    terms = glossary_from(glossary)
    return BatchSubmission(batches.prepare(inputs, resolved, encoding=encoding, glossary=terms), resolved)


def batch_status(batch_id: str, *, base_url: str | None = None, config: Config | None = None) -> str:
    """One line on a submitted batch: its status, request counts, when it was created and when it expires."""
    resolved = resolve_config(config, base_url=base_url)
    from summarizer.engines.model import batch as batches

    return batches.status_line(batch_id, resolved)


def collect_batch(
    batch_id: str | None = None,
    *,
    results_file: str | None = None,
    requests_file: str | None = None,
    config: Config | None = None,
    **model_settings: Unpack[ModelSettings],
) -> ArticleStream:
    """The results of a submitted batch (``batch_id``), or of its request file run elsewhere
    (``results_file``, the output of ``requests_file``), one per article as each completes, as
    :func:`summarize_many` yields them: each reply parsed, checked and verified, with repair rounds
    as normal calls (none with no model configured). ``model_settings`` give the back end of the
    repair rounds, ``max_repairs`` and ``concurrency``; what shapes the requests comes from the record."""
    if (batch_id is None) == (results_file is None) or (results_file is None) != (requests_file is None):
        raise InputError("give a batch id, or a results file with the request file it ran")
    resolved = resolve_config(config, **_model_settings(model_settings))
    from summarizer.engines.model import batch as batches

    if batch_id is not None:
        record = batches.load_record(batch_id, resolved)
        results = batches.download(batch_id, resolved)
    else:
        record = batches.record_for_requests(str(requests_file), resolved)
        results = batches.read_output_file(str(results_file))
    collection = batches.Collection(record, results, resolved)
    stream = ArticleStream(
        collection, run_source_articles(collection.articles(), collection.summarize, concurrency=resolved.concurrency)
    )
    stream.notices = ([] if resolved.model_configured else [NO_MODEL_FOR_REPAIRS]) + collection.notices
    return stream


def batch_files(
    batch_id: str | None = None, *, requests_file: str | None = None, config: Config | None = None
) -> list[tuple[str, str]]:
    """The files a submitted batch reads or keeps, as ``(path, what it is)``: its inputs, its record, and
    the output and error files kept beside it; found from its record (by ``batch_id``, or by the
    ``requests_file`` it wrote), with nothing downloaded. What ``collect -o`` must not overwrite."""
    resolved = resolve_config(config)
    from summarizer.engines.model import batch as batches

    return batches.files_of_batch(batch_id, requests_file, resolved)


def verify(source: str, output: str, *, glossary: GlossaryInput = None) -> VerificationReport:
    """Check that every number, date, quote and name in ``output`` appears in ``source``: the report's ``ok``,
    its numbers (``supported``, ``unsupported``) and the other kinds' ``findings``, each with why not (see
    summarizer.numbers.verify and docs/verification.md).

    ``glossary`` (a CSV or JSON file, a mapping or pairs of source and target terms, as for :func:`translate`):
    its terms that ``source`` holds link names across scripts, as the name tables do."""
    if glossary is None:
        return verify_numbers(source, output)
    from summarizer.glossary import glossary_from
    from summarizer.numbers.mentions import CheckContext

    pairs = glossary_from(glossary).across(source, detect_language(source))
    return verify_numbers(source, output, CheckContext(glossary=pairs))


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
    "summarize_inputs",
    "translate_inputs",
    "prepare_batch",
    "batch_status",
    "collect_batch",
    "batch_files",
    "translate",
    "translate_many",
    "verify",
]
