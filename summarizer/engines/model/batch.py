"""The OpenAI Batch API: every article's first request sent at once, the replies collected later.

``submit`` reads its inputs as ``summarize`` does (files, directories of them: summarizer.sources),
writes the request file (one line per article; its body is exactly the request the pipeline's
first call sends, built by the same task and client functions), uploads it and creates the batch,
and keeps a record in the batch directory of what collecting needs. A ``Collection`` re-reads the
recorded inputs (refusing any that changed), checks each rebuilt request is the one submitted,
and continues each article's usual conversation from its batch reply: parse, checks,
verification, and repair rounds as normal calls. The caller runs it over the articles with
``summarizer.api.run_source_articles`` (concurrency, failures as results) and writes the lines of
``summarize --format jsonl``. The same request file run elsewhere (vLLM's ``run_batch``) is
collected from its output file.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import itertools
import json
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

from summarizer.articles import Article, split_articles
from summarizer.config import Config, batch_records_dir
from summarizer.engines.model.budget import Budget, token_budget
from summarizer.engines.model.caching import CachedTaskRun
from summarizer.engines.model.client import (
    ChatReply,
    OpenAIBackend,
    chat_arguments,
    json_schema_format,
    map_openai_error,
    open_backend,
)
from summarizer.engines.model.conversation import Run, converse, resolve_model
from summarizer.engines.model.summarize import SummarizeTask
from summarizer.engines.model.templating import PromptSet
from summarizer.errors import ConfigurationError, InputError, ModelError, ParseError
from summarizer.glossary import Glossary, glossary_from
from summarizer.inputs import DecodedText, read_text
from summarizer.languages import detect_language
from summarizer.redact import redact
from summarizer.results import ArticleResult
from summarizer.sources import STDIN, SourceArticle, expand_inputs, named_input_error, source_articles

ENDPOINT = "/v1/chat/completions"
COMPLETION_WINDOW = "24h"
RECORD_VERSION = 1
TEMPLATES = ("system", "summarize", "retry", "repair")  # the templates a batched article's conversation renders
# Terminal states in which the output and error files hold whatever the batch finished.
COLLECTABLE = ("completed", "expired", "cancelled")
T = TypeVar("T")
UNREADABLE = "unreadable"  # read_output's mark on a line that is not a batch result line
# What a batch id may be: OpenAI's batch_abc123, a UUID, URL-safe base64 (a proxy's); never a path, a space or
# a dot (a record is the file DIR/ID.json), and short enough for the names of the files kept beside it.
BATCH_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_=-]{0,199}")


@dataclass(frozen=True)
class Request:
    """One article of a batch: where it comes from and the first request the pipeline sends for it."""

    custom_id: str
    input: str
    article: Article
    body: dict[str, Any] | None  # None: too long for one request; summarized with normal calls at collect

    def line(self) -> str:
        """The request file's line (the OpenAI Batch API's input format)."""
        request = {"custom_id": self.custom_id, "method": "POST", "url": ENDPOINT, "body": self.body}
        return json.dumps(request, ensure_ascii=False)


@dataclass(frozen=True)
class Prepared:
    """The requests of one submit and the record that lets collect find and check them again."""

    requests: list[Request]
    record: dict[str, Any]

    @property
    def request_file(self) -> bytes:
        return "".join(r.line() + "\n" for r in self.requests if r.body is not None).encode("utf-8")


def prepare(
    inputs: Sequence[str], config: Config, *, encoding: str | None = None, glossary: Glossary | None = None
) -> Prepared:
    """Read ``inputs`` (files, or directories of them, as ``summarize`` takes) and build each article's
    request, with the record collect needs (``glossary``: the user's; the record keeps the terms the
    articles hold, which shape their requests and link their names at collect)."""
    if not inputs:
        raise InputError("give at least one input file")
    if STDIN in inputs:
        raise InputError("standard input cannot be re-read when the batch is collected: save it to a file first")
    names = list(expand_inputs(inputs))
    twice = next((path for path in names if names.count(path) > 1), None)
    if twice is not None:
        raise InputError(f"{twice}: given twice", path=twice)
    texts = [(path, read_text(path, encoding=encoding)) for path in names]
    builder = _RequestBuilder(config, glossary=glossary)
    requests = list(_requests(texts, builder, inputs=len(texts)))
    held = None
    if glossary is not None and glossary.terms:
        held = glossary.held_by((r.article.text, detect_language(r.article.text)) for r in requests)
    record = {
        "version": RECORD_VERSION,
        "created": _now(),
        "settings": _request_settings(config, builder.budget),
        "prompt_versions": _prompt_versions(config),
        "glossary": None if held is None else [[term.source, term.target] for term in held.terms],
        "inputs": [
            {"path": str(Path(path).resolve()), "given": path, "encoding": encoding, "sha256": _sha256(text)}
            for path, text in texts
        ],
        "articles": [
            {
                "custom_id": request.custom_id,
                "input": request.input,
                "id": request.article.id,
                "sha256": _sha256(request.article.text),
                "body_sha256": _body_sha256(request.body),
            }
            for request in requests
        ],
    }
    prepared = Prepared(requests, record)
    record["requests_sha256"] = hashlib.sha256(prepared.request_file).hexdigest()
    return prepared


class _RequestBuilder:
    """Builds an article's first request exactly as the pipeline's first call sends it."""

    def __init__(self, config: Config, *, recorded: bool = False, glossary: Glossary | None = None) -> None:
        self.config = config
        self.task = SummarizeTask(config.languages, PromptSet(config.prompts_dir), glossary)
        # At submit the model is resolved once (the requests and the record use it); at collect the record
        # names it, with the window and output budget it had.
        model, served_window = (config.model_name, None) if recorded else resolve_model(config)
        self.budget = token_budget(config, model, served_window)
        self.schema_format = json_schema_format(self.task.schema(False), self.task.schema_name)

    def body(self, article: Article) -> dict[str, Any] | None:
        """The request body; None when the article is too long for one request."""
        groups = self.budget.parts(article, self.task, False)
        if len(groups) != 1:
            return None
        messages = self.task.request(article, groups[0], False)
        return chat_arguments(self.budget.model, messages, self.schema_format, self.budget.max_output_tokens)


def _custom_id(number: int, article_id: str, inputs: int) -> str:
    """The article id, prefixed with its input's number when there are several inputs."""
    return f"{number}:{article_id}" if inputs > 1 else article_id


def _requests(texts: Iterable[tuple[str, str]], builder: _RequestBuilder, *, inputs: int) -> Iterator[Request]:
    """Every article's request, in input order, each of the ``inputs`` texts taken when its turn comes."""
    seen: set[str] = set()
    for number, (path, text) in enumerate(texts, 1):
        try:
            articles = split_articles(text)
        except InputError as error:  # a JSONL feed's bad line: named, as summarize names it
            raise named_input_error(error, path) from error
        for article in articles:
            custom_id = _custom_id(number, str(article.id), inputs)
            if custom_id in seen:
                raise InputError(f"{path}: the article id {article.id!r} appears twice; ids must be unique", path=path)
            seen.add(custom_id)
            yield Request(custom_id, path, article, builder.body(article))


def _request_settings(config: Config, budget: Budget) -> dict[str, Any]:
    """The settings that shape a request, recorded so that collect rebuilds the same requests: the model as
    resolved, and the window and output budget it was given."""
    return {
        "model": budget.model,
        "languages": list(config.languages),
        "prompts_dir": str(Path(config.prompts_dir).resolve()) if config.prompts_dir else None,
        "max_output_tokens": budget.max_output_tokens,
        "context_window": budget.context_window,
    }


def _prompt_versions(config: Config) -> dict[str, str]:
    prompts = PromptSet(config.prompts_dir)
    return {name: prompts.template(name).name for name in TEMPLATES}


def write_record(record: dict[str, Any], config: Config) -> Path:
    """Save a submit's record in the batch directory (named by its batch id, else by its request file)."""
    directory = batch_records_dir(config)
    name = record.get("batch_id") or f"local-{record['requests_sha256'][:16]}"
    path = directory / f"{name}.json"
    try:
        directory.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    except OSError as error:
        raise ConfigurationError(
            f"{directory}: cannot write the batch record ({error.strerror or error}); set SUMMARIZER_BATCH_DIR"
        ) from error
    return path


def upload(prepared: Prepared, config: Config) -> dict[str, Any]:
    """Upload the request file (purpose ``batch``) and create the batch; returns the record with its ids."""
    backend = open_backend(config)
    files, batches = backend.client.files, backend.client.batches
    data = prepared.request_file
    uploaded = _api(backend, lambda: files.create(file=("requests.jsonl", data), purpose="batch"))
    try:
        batch = _api(
            backend,
            lambda: batches.create(input_file_id=uploaded.id, endpoint=ENDPOINT, completion_window=COMPLETION_WINDOW),
        )
    except ModelError as error:  # the file is on the server (its storage, not a batch): say which
        raise ModelError(f"{error} (the requests were uploaded as {uploaded.id})", status=error.status) from error
    return {**prepared.record, "batch_id": batch.id, "input_file_id": uploaded.id, "where": backend.where}


def status_line(batch_id: str, config: Config) -> str:
    """One line on a batch: its status, request counts, when it was created and when it expires."""
    check_batch_id(batch_id)
    batch = _retrieve(batch_id, open_backend(config))
    counts = batch.request_counts
    done = f"{counts.completed}/{counts.total} completed, {counts.failed} failed" if counts else "no counts yet"
    times = f"created {_when(batch.created_at)}"
    if batch.expires_at:
        times += f", expires {_when(batch.expires_at)}"
    return f"{batch.id}: {batch.status}; {done}; {times}"


def download(batch_id: str, config: Config) -> list[dict[str, Any]]:
    """The output and error lines of a finished batch, also saved beside its record (they were paid for)."""
    backend = open_backend(config)
    batch = _retrieve(batch_id, backend)
    if batch.status not in COLLECTABLE:
        counts = batch.request_counts
        progress = f" ({counts.completed}/{counts.total} completed)" if counts else ""
        if batch.status == "failed":
            reasons = [error.message for error in (batch.errors.data or [])] if batch.errors else []
            raise ModelError(f"batch {batch_id} failed: {'; '.join(filter(None, reasons))[:500] or 'no reason given'}")
        raise ModelError(f"batch {batch_id} is {batch.status}{progress}: collect it once it has completed")
    lines: list[dict[str, Any]] = []
    for kind, file_id in (("output", batch.output_file_id), ("errors", batch.error_file_id)):
        if not file_id:
            continue
        content = _api(backend, functools.partial(backend.client.files.content, file_id)).content
        (batch_records_dir(config) / f"{batch_id}.{kind}.jsonl").write_bytes(content)
        lines += read_output(content.decode("utf-8"), name=f"the batch's {kind} file")
    return lines


def check_batch_id(batch_id: str, *, collect: bool = False) -> None:
    """Refuse what cannot be a batch id (a path, an empty string, a space) before it names a record file or
    goes into a request's URL: InputError saying what an id is (for ``collect``, and what else it takes)."""
    if BATCH_ID.fullmatch(batch_id):
        return
    shown = repr(batch_id) if len(batch_id) <= 80 else repr(batch_id[:80]) + "..."
    also = ", or a batch output file run elsewhere as --file OUTPUT.jsonl --requests REQUESTS.jsonl" if collect else ""
    raise InputError(
        f"{shown} is not a batch id: give the id 'summarizer batch submit' printed (such as batch_abc123){also}"
    )


def load_record(batch_id: str, config: Config) -> dict[str, Any]:
    """The record ``submit`` wrote for ``batch_id``."""
    check_batch_id(batch_id, collect=True)
    path = batch_records_dir(config) / f"{batch_id}.json"
    if not path.is_file():
        raise ConfigurationError(
            f"no record of batch {batch_id!r} in {path.parent}: collect where it was submitted "
            "(or point SUMMARIZER_BATCH_DIR at that directory)"
        )
    return _read_record(path)


def record_for_requests(requests_file: str, config: Config) -> dict[str, Any]:
    """The record of the submit that wrote ``requests_file`` (found by the file's sha256).

    A record in the directory that cannot be read (torn, of another version, not a file) is passed
    over: it affects its own batch only, and is named if no record matches."""
    try:
        digest = hashlib.sha256(Path(requests_file).read_bytes()).hexdigest()
    except OSError as error:
        raise InputError(f"{requests_file}: cannot read the request file ({error.strerror or error})") from error
    directory = batch_records_dir(config)
    unreadable: list[Path] = []
    for path in sorted(directory.glob("*.json")) if directory.is_dir() else []:
        try:
            record = _read_record(path)
        except ConfigurationError:
            unreadable.append(path)
            continue
        if record.get("requests_sha256") == digest:
            return record
    passed_over = f"; {len(unreadable)} unreadable record(s) passed over, first {unreadable[0]}" if unreadable else ""
    raise ConfigurationError(
        f"{requests_file}: no batch record in {directory} was written for this request file (was it changed, "
        f"or made on another machine? point SUMMARIZER_BATCH_DIR at the directory of the submit){passed_over}"
    )


def record_files(record: dict[str, Any], config: Config) -> list[tuple[str, str]]:
    """The files a batch reads or keeps, as ``(path, what it is)``: its inputs, its record, and the
    output and error files kept beside it (what ``collect -o`` must never overwrite)."""
    files = [(str(entry["path"]), "an input of the batch") for entry in record.get("inputs", [])]
    files += [(str(entry["given"]), "an input of the batch") for entry in record.get("inputs", [])]
    name = record.get("batch_id") or f"local-{str(record.get('requests_sha256'))[:16]}"
    directory = batch_records_dir(config)
    files.append((str(directory / f"{name}.json"), "the batch's record"))
    files += [(str(directory / f"{name}.{kind}.jsonl"), f"the batch's {kind} file") for kind in ("output", "errors")]
    return files


def _read_record(path: Path) -> dict[str, Any]:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ConfigurationError(f"{path}: not a readable batch record ({error})") from error
    if not isinstance(record, dict) or record.get("version") != RECORD_VERSION:
        raise ConfigurationError(f"{path}: not a batch record of version {RECORD_VERSION}")
    return record


def files_of_batch(batch_id: str | None, requests_file: str | None, config: Config) -> list[tuple[str, str]]:
    """The files of the batch ``batch_id`` (or of the submit that wrote ``requests_file``), as
    :func:`record_files` gives them, found from its record without any download."""
    record = load_record(batch_id, config) if batch_id is not None else record_for_requests(str(requests_file), config)
    return record_files(record, config)


def read_output_file(path: str) -> list[dict[str, Any]]:
    """The lines of a batch output file run elsewhere (vLLM run_batch), read as UTF-8."""
    try:
        content = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(
            f"{path}: cannot read the batch output ({getattr(error, 'strerror', None) or error})", path=path
        ) from error
    lines = read_output(content, name=path)
    if lines and all(_is_request_line(line) for line in lines):
        raise InputError(
            f"{path}: a batch request file, not a batch's output: give --file the file the batch run wrote "
            "(vLLM run_batch -o, or the Batch API's output file) and --requests this one",
            path=path,
        )
    return lines


def _is_request_line(line: dict[str, Any]) -> bool:
    """Whether a line is a request (``submit`` writes them: method, url, body), not a reply to one."""
    return {"method", "url", "body"} <= line.keys() and "response" not in line and "error" not in line


def read_output(content: str, *, name: str) -> list[dict[str, Any]]:
    """The lines of a batch output or error file (OpenAI's, or vLLM run_batch's, which has the same shape).

    A line that is not a JSON object with a string ``custom_id`` answers no article it can be given
    to: it is kept as ``{"unreadable": "line N of NAME"}``, which the Collection reports, and the
    article it was meant for fails for want of a result; the other lines are collected."""
    lines = []
    for number, line in enumerate(content.splitlines(), 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except (ValueError, RecursionError):
            value = None
        if not isinstance(value, dict) or not isinstance(value.get("custom_id"), str):
            value = {UNREADABLE: f"line {number} of {name}"}
        lines.append(value)
    return lines


class Collection:
    """A submitted batch ready to collect: its inputs re-read and checked, its replies by custom id.

    ``articles()`` gives the recorded articles (as ``summarize_many`` reads them) and
    ``summarize(item)`` continues one article's conversation from its batch reply: parse, checks,
    verification and repair rounds as normal calls. ``config`` gives the back end for the repair
    rounds (base URL, key, ``max_repairs``); the settings that shape requests come from the
    record (``self.config`` holds both). With no model configured, no repair round is run.
    ``engine``, ``model``, ``prompt_version`` and ``notices`` describe the run, as a summarizer's do.
    """

    engine = CachedTaskRun.engine

    def __init__(self, record: dict[str, Any], results: Iterable[dict[str, Any]], config: Config) -> None:
        self.record = record
        self.config = _collect_config(record, config)
        glossary = _recorded_glossary(record)
        builder = _RequestBuilder(self.config, recorded=True, glossary=glossary)
        _check_requests(record, _requests(_reread_inputs(record), builder, inputs=len(record["inputs"])))
        self._submitted = {entry["custom_id"]: entry["body_sha256"] for entry in record["articles"]}
        self._replies: dict[str, dict[str, Any]] = {}
        unknown: list[str] = []
        repeated: list[str] = []
        self._unreadable: list[str] = []
        for line in results:
            if UNREADABLE in line:
                self._unreadable.append(line[UNREADABLE])
                continue
            custom_id = line["custom_id"]
            if custom_id not in self._submitted:
                unknown.append(custom_id)
            elif custom_id in self._replies:
                repeated.append(custom_id)  # the first line for an id wins, as OpenAI writes one
            else:
                self._replies[custom_id] = line
        self.notices = _stray_lines_notices(unknown, repeated, self._unreadable)
        self._numbers = {entry["given"]: number for number, entry in enumerate(record["inputs"], 1)}
        self._builder = _RequestBuilder(self.config, glossary=glossary)
        self._run = _collect_run(self.config)

    @property
    def model(self) -> str:
        return self.config.model_name

    @property
    def prompt_version(self) -> str | None:
        return self.record.get("prompt_versions", {}).get(self._builder.task.template)

    def articles(self) -> Iterator[SourceArticle]:
        """The recorded articles in input order, each input read when its turn comes."""
        for entry in self.record["inputs"]:
            for item in source_articles([entry["path"]], encoding=entry["encoding"]):
                yield dataclasses.replace(item, input=entry["given"])

    def summarize(self, item: SourceArticle) -> ArticleResult:
        """One article's result from its batch reply (or from normal calls when it was too long to batch)."""
        if item.article is None:
            raise item.error or InputError(f"{item.input}: cannot be read")
        article = item.article
        custom_id = _custom_id(self._numbers[item.input], str(article.id), len(self._numbers))
        body = self._builder.body(article)
        if custom_id not in self._submitted or self._submitted[custom_id] != _body_sha256(body):
            raise ConfigurationError(
                f"article {article.id}: {item.input} or the prompt templates changed since the batch was submitted"
            )
        task = self._builder.task
        if body is None:
            outcome = converse(article, task, self._run)
        else:
            answer = self._replies.get(custom_id)
            if answer is None:
                unread = f" ({self._unreadable[0]} could not be read)" if self._unreadable else ""
                raise ModelError(f"article {article.id}: the batch holds no result for this request{unread}")
            reply = batch_reply(answer, model=self.config.model_name)
            outcome = converse(article, task, self._run, answered=(body["messages"], reply))
        return task.result(
            article, outcome.output, outcome.report, notes=outcome.notes, usage=outcome.usage, audit=outcome.audit
        )


def batch_reply(line: dict[str, Any], *, model: str) -> ChatReply:
    """The reply in one batch output line; ModelError with the batch's own message for a failed request."""
    from openai.types.chat import ChatCompletion
    from pydantic import ValidationError

    from summarizer.engines.model.client import reply_from_completion

    response = line.get("response") or {}
    if not isinstance(response, dict):
        raise ParseError(f"the batch result line's response is not an object ({type(response).__name__})")
    status = response.get("status_code")
    body = response.get("body")
    if line.get("error") or status != 200 or not isinstance(body, dict):
        raise ModelError(
            f"the batch request failed: {_failure(line)}", status=status if isinstance(status, int) else None
        )
    try:  # the shape checked by the SDK's own model; the reply is then read from the body, as a live one is
        ChatCompletion.model_validate(body)
    except ValidationError as error:
        raise ParseError(f"the batch result is not a chat completion ({error.errors()[0]['msg']})") from error
    return reply_from_completion(body, "json_schema", where="the batch", model=model)


def _stray_lines_notices(unknown: list[str], repeated: list[str], unreadable: list[str]) -> list[str]:
    """What the results file holds besides one line per submitted request: said, never used silently."""
    notices = []
    if unreadable:
        notices.append(
            f"{len(unreadable)} result line(s) are not batch result lines (JSON with a custom_id) and "
            f"were left out (first: {unreadable[0]}); an article they answered fails"
        )
    if unknown:
        notices.append(
            f"{len(unknown)} result line(s) answer no request of this batch and were left out "
            f"(first custom_id: {unknown[0]!r}); is it the right results file?"
        )
    if repeated:
        notices.append(
            f"{len(repeated)} result line(s) repeat a custom_id; the first line of each was used "
            f"(first: {repeated[0]!r})"
        )
    return notices


def _failure(line: dict[str, Any]) -> str:
    """What a failed batch line says went wrong (OpenAI: error object or error body; vLLM: a string),
    with any key, token or password the server echoes masked (it reaches standard error and the results)."""
    return redact(_failure_text(line))


def _failure_text(line: dict[str, Any]) -> str:
    error = line.get("error")
    body = (line.get("response") or {}).get("body")
    if not error and isinstance(body, dict):
        error = body.get("error")
    if isinstance(error, dict):
        code = error.get("code") or error.get("type")
        message = str(error.get("message") or json.dumps(error, ensure_ascii=False))
        return f"{message} ({code})" if code else message
    status = (line.get("response") or {}).get("status_code")
    return str(error or f"HTTP {status}")[:500]


def _recorded_glossary(record: dict[str, Any]) -> Glossary | None:
    """The glossary terms recorded at submit (those the batch's articles hold), or None (none given)."""
    terms = record.get("glossary")
    return glossary_from(terms) if terms else None  # an entry that is not a pair: InputError, exit 2


def _collect_config(record: dict[str, Any], config: Config) -> Config:
    """The run's back end settings (``config``) with the request settings recorded at submit."""
    recorded = dict(record["settings"])
    recorded["languages"] = tuple(recorded["languages"])
    model = recorded.pop("model")
    return dataclasses.replace(config, model=model, **recorded)


def _collect_run(config: Config) -> Run:
    """The run that repairs: the configured back end, or none (no repair rounds) when no model is configured."""
    prompts = PromptSet(config.prompts_dir)
    budget = token_budget(config, config.model_name)
    if config.model_configured:
        return Run(open_backend(config), prompts, budget, config.max_repairs)
    return Run(_NoBackend(config.model_name), prompts, budget, 0)


@dataclass
class _NoBackend:
    """Where no model is configured at collect: any further call (a corrective retry) fails clearly."""

    model: str
    schema_in_prompt: bool = False

    def complete(self, messages: list[dict[str, str]], **_: Any) -> ChatReply:
        raise ModelError(
            "the batch reply needs another call, and no model is configured (OPENAI_API_KEY or --base-url)"
        )


def _reread_inputs(record: dict[str, Any]) -> Iterator[tuple[str, DecodedText]]:
    """The recorded inputs, each read again when it is reached and checked to be the text that was submitted."""
    for entry in record["inputs"]:
        try:
            text = read_text(entry["path"], encoding=entry["encoding"])
        except InputError as error:
            raise InputError(f"{error} (an input of the batch, submitted {record['created']})") from error
        if _sha256(text) != entry["sha256"]:
            raise InputError(
                f"{entry['path']}: changed since the batch was submitted ({record['created']}); "
                "collect needs the inputs as they were"
            )
        yield entry["given"], text


def _check_requests(record: dict[str, Any], requests: Iterable[Request]) -> None:
    """Refuse when the rebuilt requests are not the submitted ones (templates or settings changed)."""
    submitted = [(a["custom_id"], a["body_sha256"]) for a in record["articles"]]
    rebuilt = ((r.custom_id, _body_sha256(r.body)) for r in requests)
    for old, new in itertools.zip_longest(submitted, rebuilt):
        if old != new:
            raise ConfigurationError(
                f"the request for article {(old or new)[0]!r} is not the one submitted: the prompt "
                f"templates or the summarizer changed since (submitted with {record['prompt_versions']['summarize']})"
            )


def _retrieve(batch_id: str, backend: OpenAIBackend) -> Any:
    import openai

    try:
        batch = backend.client.batches.retrieve(batch_id)
    except openai.NotFoundError as error:
        raise ModelError(f"no batch {batch_id!r} at {backend.where} (HTTP 404)", status=404) from error
    except openai.OpenAIError as error:
        raise map_openai_error(error, model=backend.model, where=backend.where) from error
    if not isinstance(getattr(batch, "status", None), str) or not isinstance(getattr(batch, "id", None), str):
        raise ModelError(f"{backend.where} answered something that is not a batch for {batch_id!r} (no id or status)")
    return batch


def _api(backend: OpenAIBackend, action: Callable[[], T]) -> T:
    """Call the Files or Batches API; an ``openai`` error becomes a ModelError saying what to do."""
    import openai

    try:
        return action()
    except openai.OpenAIError as error:
        raise map_openai_error(error, model=backend.model, where=backend.where) from error


def _body_sha256(body: dict[str, Any] | None) -> str | None:
    return _sha256(json.dumps(body, ensure_ascii=False, sort_keys=True)) if body is not None else None


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _when(timestamp: int) -> str:
    return time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(timestamp))
