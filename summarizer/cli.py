"""The command line: parse arguments, call the API, print. The only module that prints.

Exit status (also in README and --help):
  0  success, every number in the output verified
  1  output written, but unsupported numbers or failed checks remain (flagged)
  2  usage or input error
  3  model or back-end failure
"""

from __future__ import annotations

import json
import os
import secrets
import stat
import sys
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from summarizer import __version__
from summarizer.config import DEFAULT_CONCURRENCY, DEFAULT_MAX_REPAIRS, MAX_CONCURRENCY, debug_enabled
from summarizer.errors import InputError, SummarizerError
from summarizer.inputs import MAX_INPUT_BYTES, replace_unwritable
from summarizer.redact import redact

EXIT_OK, EXIT_UNVERIFIED, EXIT_INPUT, EXIT_MODEL = 0, 1, 2, 3
EXIT_STATUS_HELP = """\b
Exit status:
  0  success: every number in the output is verified
  1  output written, but unsupported numbers remain (flagged)
  2  usage or input error
  3  model or back-end failure"""

T = TypeVar("T")


def _run(action: Callable[[], T]) -> T:
    """Call the API; turn any exception into one 'Error:' line and its exit status.

    Under SUMMARIZER_DEBUG=1 the traceback follows that line; the exit status is the same.
    """
    try:
        return action()
    except SummarizerError as error:
        _fail(f"Error: {error}", error.exit_code)
    except KeyboardInterrupt:
        _fail("Error: interrupted", 130)
    except RecursionError:
        _fail("Error: the input is nested too deeply to process", EXIT_INPUT, debug=True)
    except MemoryError:
        message = f"Error: out of memory; the input is too large to process (the limit is {MAX_INPUT_BYTES:,} bytes)"
        _fail(message, EXIT_INPUT, debug=True)
    except Exception as error:  # a bug: one line for users, the traceback under SUMMARIZER_DEBUG
        _fail(
            f"Error: unexpected failure ({type(error).__name__}: {error}); "
            "rerun with SUMMARIZER_DEBUG=1 for the traceback",
            EXIT_MODEL,
            debug=True,
        )


def _fail(message: str, status: int, *, debug: bool = False) -> NoReturn:
    """Print ``message`` (and the traceback under SUMMARIZER_DEBUG), secrets redacted, and exit."""
    click.echo(redact(message), err=True)
    if debug and debug_enabled():
        click.echo(redact(traceback.format_exc().rstrip()), err=True)
    sys.exit(status)


def _check_output(output: str | None, inputs: tuple[str, ...]) -> None:
    """Refuse a bad ``-o`` before any work is done (a model run costs time and money).

    A symlink is followed: the file it points to is the one written.
    """
    if output is None or output == "-":
        return
    target = Path(os.path.realpath(output))
    for given in inputs:
        if given != "-" and Path(given).exists() and target.exists() and target == Path(given).resolve():
            raise InputError(f"{output}: refusing to overwrite the input file", path=output)
    if target.is_dir():
        raise InputError(f"{output}: is a directory", path=output)
    if not target.parent.is_dir():
        raise InputError(f"{output}: its directory does not exist", path=output)


def _write(text: str, output: str | None) -> None:
    """Print, or write ``output`` (checked by _check_output before the run).

    A regular file is replaced atomically: a new file gets the umask's mode, an existing one keeps
    its mode, and a symlink keeps pointing at the file, which is the one replaced. Anything else
    (``/dev/null``, a pipe) is written in place. Characters UTF-8 cannot hold (lone surrogates; noncharacters too)
    become U+FFFD, so that nothing computed is lost at the last step.
    """
    text, replaced = replace_unwritable(text)
    if replaced:
        click.echo(
            f"Note: {replaced} lone surrogate or noncharacter code point(s) in the output were written as U+FFFD.",
            err=True,
        )
    if output is None or output == "-":
        click.echo(text, nl=not text.endswith("\n"))
        return
    target = Path(os.path.realpath(output))
    try:
        if target.exists() and not target.is_file():
            with open(target, "w", encoding="utf-8") as handle:
                handle.write(text)
            return
        _replace_file(target, text.encode("utf-8"))
    except OSError as error:
        raise InputError(f"{output}: cannot write ({error.strerror or error})", path=output) from error


def _replace_file(target: Path, data: bytes) -> None:
    """Write ``data`` beside ``target`` and rename it over it, keeping an existing file's mode."""
    existing_mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else None
    temporary = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask applies
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        if existing_mode is not None:
            os.chmod(temporary, existing_mode)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _concurrency_option(what: str) -> Callable[[T], T]:
    """The --concurrency option of the commands that run many articles."""
    return click.option(
        "--concurrency", type=click.IntRange(1, MAX_CONCURRENCY), default=None,
        help=f"{what} [env SUMMARIZER_CONCURRENCY; default {DEFAULT_CONCURRENCY}]",
    )  # fmt: skip


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_STATUS_HELP)
@click.version_option(__version__, prog_name="summarizer")
def cli() -> None:
    """Grounded bilingual (Arabic/English) news summaries with verified numbers."""


@cli.command(epilog=EXIT_STATUS_HELP)
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "--format", "output_format", type=click.Choice(["md", "json", "html", "jsonl"]), default="md", show_default=True,
    help="jsonl: one line per article, written as each completes (the streaming format for feeds and archives).",
)  # fmt: skip
@click.option("-o", "--output", metavar="PATH", help="Write here instead of standard output.")
@click.option(
    "--template",
    "template_file",
    type=click.Path(dir_okay=False),
    help="With --format html: your own page template (Jinja2; start from summarizer/render/templates/page.html.jinja).",
)
@click.option(
    "--engine",
    type=click.Choice(["auto", "openai", "extractive"]),
    default=None,
    help="auto (default): the model when OPENAI_API_KEY or a base URL is set, else extractive. [env SUMMARIZER_ENGINE]",
)
@click.option("--model", help="Model name. [env SUMMARIZER_MODEL; default gpt-5-mini]")
@click.option("--base-url", help="OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1. [env OPENAI_BASE_URL]")
@click.option("--languages", default="en,ar", show_default=True, help="Summary languages, comma-separated.")
@click.option("--max-repairs", type=click.IntRange(0, 10), default=DEFAULT_MAX_REPAIRS, show_default=True, help="Repair rounds per article.")
@click.option("--prompts", "prompts_dir", type=click.Path(file_okay=False), help="Directory of your own prompt templates.")
@_concurrency_option("Articles summarized at once by the model.")
@click.option("--cache-dir", type=click.Path(file_okay=False), help="Where the model results cache lives. [env SUMMARIZER_CACHE_DIR]")
@click.option("--no-cache", is_flag=True, default=None, help="Neither read nor write the model results cache.")
@click.option("--resume", is_flag=True, help="With --format jsonl -o FILE: skip the articles FILE already holds.")
@click.option("--dry-run", is_flag=True, help="Print the tokens and estimated cost per article; call no model.")
@click.option("--prices", type=click.Path(dir_okay=False), help="Price table JSON for --dry-run. [env SUMMARIZER_PRICES]")
@click.option("--encoding", help="Input encoding, when it is not UTF-8, UTF-16 with BOM or Windows-1256.")
@click.option("--audit", is_flag=True, help="Include the prompts and raw model replies; needs --format json (or jsonl).")
def summarize(
    inputs: tuple[str, ...],
    output_format: str,
    output: str | None,
    template_file: str | None,
    engine: str | None,
    model: str | None,
    base_url: str | None,
    languages: str,
    max_repairs: int,
    prompts_dir: str | None,
    concurrency: int | None,
    cache_dir: str | None,
    no_cache: bool | None,
    resume: bool,
    dry_run: bool,
    prices: str | None,
    encoding: str | None,
    audit: bool,
) -> None:
    """Summarize every article in each INPUT: files, directories (their .txt, .md, .html and .jsonl
    files, not recursively) or - for standard input.

    An INPUT may be plain text holding one or more stories, or JSONL with one
    {"text", "id", "title"} object per line. A line of five or more '='
    separates stories explicitly. An article or input that fails is recorded
    (exit 3) and the others go on.
    """
    from summarizer import api

    if audit and output_format not in ("json", "jsonl"):
        _fail("Error: --audit needs --format json (the audit log is JSON)", EXIT_INPUT)
    if resume and (output_format != "jsonl" or output in (None, "-")):
        _fail("Error: --resume needs --format jsonl and -o FILE (the file it resumes)", EXIT_INPUT)
    names = _input_names(inputs, output)
    _run(lambda: _check_output(output, tuple(names)))
    if template_file is not None and output_format != "html":
        _fail("Error: --template applies to --format html only", EXIT_INPUT)
    page_template = _run(lambda: _load_page_template(template_file, prices)) if output_format == "html" else None
    settings = dict(
        languages=languages.split(","), engine=engine, model=model, base_url=base_url, max_repairs=max_repairs,
        prompts_dir=prompts_dir, concurrency=concurrency, cache_dir=cache_dir, no_cache=no_cache,
    )  # fmt: skip
    if output_format == "jsonl" and not dry_run:
        _summarize_stream(names, output, settings, encoding=encoding, resume=resume, audit=audit, prices=prices)
        return
    if dry_run:
        texts = [_read(name, encoding) for name in names]
        rows = [row for text in texts for row in _run(lambda text=text: api.estimate(text, languages=settings["languages"], model=model, prompts_dir=prompts_dir, prices=prices))]
        _run(lambda: _write(_render_estimate(rows, output_format), output))
        return
    if len(names) == 1:  # one input: its articles, exactly as before many inputs were taken
        text = _read(names[0], encoding)
        result = _run(lambda: api.summarize(text, **settings))
        texts = [article.text for article in split_articles_of(text)] if page_template else []
    else:
        from summarizer.results import SummaryResult

        run_text = lambda text: api.summarize(text, **settings)  # noqa: E731
        empty = SummaryResult(engine="none", articles=[])
        result, texts = _collect_each(names, run_text, empty, encoding=encoding, html=page_template is not None)
    for notice in result.notices:
        click.echo(f"Note: {notice}", err=True)
    _run(lambda: _write(_render_result(result, texts, output_format, audit=audit, page_template=page_template), output))
    _exit_for(result.articles)


def _input_names(inputs: tuple[str, ...], output: str | None) -> list[str]:
    """The inputs with each directory replaced by its files, less the output being written into it
    (a file named as an input stays, and ``_check_output`` refuses it)."""
    from summarizer.sources import expand_inputs

    return [name for given in inputs for name in expand_inputs([given]) if name == given or not _is_output(name, output)]


def _is_output(name: str, output: str | None) -> bool:
    if output in (None, "-") or name == "-":
        return False
    return os.path.realpath(name) == os.path.realpath(output)


def split_articles_of(text: str) -> list[Any]:
    from summarizer.articles import split_articles

    return split_articles(text)


def _read(name: str, encoding: str | None) -> Any:
    """An input's text, its decoding notes said on standard error."""
    from summarizer.inputs import read_text

    text = _run(lambda: read_text(name, encoding=encoding))
    for note in text.notes:
        click.echo(f"Note: {note}", err=True)
    return text


def _collect_each(
    names: list[str], run_text: Callable[[str], Any], empty: Any, *, encoding: str | None, html: bool,
    failed_input: Callable[[None, Exception], Any] | None = None,
) -> tuple[Any, list[str]]:  # fmt: skip
    """Several inputs, each run by ``run_text`` (summarize or translate), collected into one result in
    input order, each article with its ``input``; ``empty`` is the result when every input failed, and
    ``failed_input`` (default ``api.failed_article``) makes the entry of an input that failed."""
    from summarizer import api
    from summarizer.errors import SummarizerError
    from summarizer.inputs import read_text

    merged: Any = None
    articles: list[Any] = []
    texts: list[str] = []
    for name in names:
        try:
            text = read_text(name, encoding=encoding)
            result = run_text(text)
        except (SummarizerError, RecursionError, MemoryError) as error:
            failed = (failed_input or api.failed_article)(None, error)
            failed.input = name
            articles.append(failed)
            texts.append("")
            continue
        merged = merged or result
        for article in result.articles:
            article.input = name
        articles += result.articles
        texts += [article.text for article in split_articles_of(text)] if html else []
    if merged is None:
        merged = empty
    merged.articles = articles
    return merged, texts


def _summarize_stream(
    inputs: list[str], output: str | None, settings: dict[str, Any], *, encoding: str | None,
    resume: bool, audit: bool, prices: str | None,
) -> None:  # fmt: skip
    """--format jsonl: each article's line written and flushed as it completes; exit status from them all."""
    from summarizer import api
    from summarizer.progress import Progress
    from summarizer.stream import prepare_resume

    done = _run(lambda: prepare_resume(output)) if resume and output else set()
    stream = _run(lambda: api.summarize_many(inputs, skip=done, encoding=encoding, **settings))
    for notice in stream.notices:
        click.echo(f"Note: {notice}", err=True)
    _write_stream(stream, output, append=resume, audit=audit, progress=Progress(prices=prices), model=lambda: stream.model)


def _write_stream(
    results: Iterator[Any], output: str | None, *, append: bool = False, audit: bool = False,
    progress: Any = None, model: Callable[[], str | None] = lambda: None,
) -> None:  # fmt: skip
    """Write each result's JSONL line as it completes (one Error: line per failure), then exit for them all."""
    from summarizer.stream import JsonlWriter, result_line

    failed = unverified = 0
    with _run(lambda: JsonlWriter(output, append=append)) as writer:
        try:
            for result in results:
                _run(lambda result=result: writer.write(result_line(result, include_audit=audit)))
                if progress is not None:
                    progress.add(result, model())
                failed += result.error is not None
                unverified += result.flagged
                if result.error is not None:
                    click.echo(_failure(result), err=True)
        finally:
            close = getattr(results, "close", None)
            if close is not None:
                close()
            if progress is not None:
                progress.close()
    _exit_for_counts(failed, unverified)


def _failure(result: Any) -> str:
    """The ``Error:`` line of a failed article or input, naming it once."""
    message = result.error.message
    if result.id:
        where = f"{result.input}, " if result.input else ""
        named = message.startswith(f"article {result.id}:")  # the conversation's errors name their article
        return f"Error: {where}{message}" if named else f"Error: {where}article {result.id}: {message}"
    return f"Error: {message}" if result.input and result.input in message else f"Error: {result.input}: {message}"


def _exit_for(articles: list[Any]) -> None:
    failed = [article for article in articles if article.error is not None]
    for article in failed:
        click.echo(_failure(article), err=True)
    _exit_for_counts(len(failed), sum(article.flagged for article in articles))


def _exit_for_counts(failed: int, problems: int) -> None:
    """Exit 3 when an article failed, 1 when problems remain unverified (after saying so), else return (0)."""
    if failed:
        click.echo(f"Error: {failed} article(s) or input(s) failed; the others were written.", err=True)
        sys.exit(EXIT_MODEL)
    if problems:
        click.echo(f"Warning: {problems} problem(s) remain unverified; they are flagged in the output.", err=True)
        sys.exit(EXIT_UNVERIFIED)


@cli.command(epilog=EXIT_STATUS_HELP)
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--to", "target", type=click.Choice(["en", "ar"]), required=True, help="The language to translate into.")
@click.option(
    "--format", "output_format", type=click.Choice(["md", "json", "jsonl", "html"]), default="md", show_default=True,
    help="jsonl: one line per article, written as each completes; html: source and translation side by side.",
)  # fmt: skip
@click.option("-o", "--output", metavar="PATH", help="Write here instead of standard output.")
@click.option(
    "--glossary",
    type=click.Path(dir_okay=False),
    help="Terms that must be translated as given: two-column CSV (source,target) or JSON.",
)
@click.option("--model", help="Model name. [env SUMMARIZER_MODEL; default gpt-5-mini]")
@click.option("--base-url", help="OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1. [env OPENAI_BASE_URL]")
@click.option("--max-repairs", type=click.IntRange(0, 10), default=DEFAULT_MAX_REPAIRS, show_default=True, help="Repair rounds per group of paragraphs.")
@click.option("--prompts", "prompts_dir", type=click.Path(file_okay=False), help="Directory of your own prompt templates.")
@_concurrency_option("Articles translated at once by the model.")
@click.option("--cache-dir", type=click.Path(file_okay=False), help="Where the model results cache lives. [env SUMMARIZER_CACHE_DIR]")
@click.option("--no-cache", is_flag=True, default=None, help="Neither read nor write the model results cache.")
@click.option("--resume", is_flag=True, help="With --format jsonl -o FILE: skip the articles FILE already holds.")
@click.option("--dry-run", is_flag=True, help="Print the tokens and estimated cost per article; call no model.")
@click.option("--prices", type=click.Path(dir_okay=False), help="Price table JSON for --dry-run and the HTML cost lines. [env SUMMARIZER_PRICES]")
@click.option("--encoding", help="Input encoding, when it is not UTF-8, UTF-16 with BOM or Windows-1256.")
@click.option("--audit", is_flag=True, help="Include the prompts and raw model replies; needs --format json (or jsonl).")
def translate(
    inputs: tuple[str, ...],
    target: str,
    output_format: str,
    output: str | None,
    glossary: str | None,
    model: str | None,
    base_url: str | None,
    max_repairs: int,
    prompts_dir: str | None,
    concurrency: int | None,
    cache_dir: str | None,
    no_cache: bool | None,
    resume: bool,
    dry_run: bool,
    prices: str | None,
    encoding: str | None,
    audit: bool,
) -> None:
    """Translate every article in each INPUT (files, directories of them, or - for standard input)
    into English or Arabic, paragraph by paragraph.

    Every number of each source paragraph must be in its translation and the translation may hold no
    other number; glossary terms found in a source paragraph must be in its translation. Problems go
    back to the model; what remains is flagged (exit status 1). An article or input that fails is
    recorded (exit 3) and the others go on. Needs a model (OPENAI_API_KEY or --base-url).
    """
    from summarizer import api
    from summarizer.glossary import load_glossary

    if audit and output_format not in ("json", "jsonl"):
        _fail("Error: --audit needs --format json (the audit log is JSON)", EXIT_INPUT)
    if resume and (output_format != "jsonl" or output in (None, "-")):
        _fail("Error: --resume needs --format jsonl and -o FILE (the file it resumes)", EXIT_INPUT)
    names = _input_names(inputs, output)
    _run(lambda: _check_output(output, tuple(names)))
    terms = _run(lambda: load_glossary(glossary)) if glossary is not None else None
    if dry_run:
        texts = [_read(name, encoding) for name in names]
        rows = [row for text in texts for row in _run(lambda text=text: api.estimate_translation(text, target=target, glossary=terms, model=model, prompts_dir=prompts_dir, prices=prices))]
        _run(lambda: _write(_render_estimate(rows, output_format), output))
        return
    page_prices = _run(lambda: _load_page_template(None, prices))[1] if output_format == "html" else None
    settings = dict(
        target=target, glossary=terms, model=model, base_url=base_url, max_repairs=max_repairs, prompts_dir=prompts_dir,
        concurrency=concurrency, cache_dir=cache_dir, no_cache=no_cache,
    )  # fmt: skip
    if output_format == "jsonl":
        from summarizer.progress import Progress
        from summarizer.stream import prepare_resume

        done = _run(lambda: prepare_resume(output)) if resume and output else set()
        stream = _run(lambda: api.translate_many(names, skip=done, encoding=encoding, **settings))
        _write_stream(stream, output, append=resume, audit=audit, progress=Progress(prices=prices), model=lambda: stream.model)
        return
    if len(names) == 1:
        text = _read(names[0], encoding)
        result = _run(lambda: api.translate(text, **settings))
    else:
        from summarizer.results import TranslationResult

        run_text = lambda text: api.translate(text, **settings)  # noqa: E731
        empty = TranslationResult(target=target, articles=[])
        result, _ = _collect_each(names, run_text, empty, encoding=encoding, html=False, failed_input=api.failed_translation)
    _run(lambda: _write(_render_translation(result, output_format, audit=audit, prices=page_prices), output))
    _exit_for(result.articles)


def _render_translation(result: Any, output_format: str, *, audit: bool, prices: Any) -> str:
    if output_format == "json":
        return result.to_json(include_audit=audit) + "\n"
    if output_format == "html":
        from summarizer.render.html import render_translation_html

        return render_translation_html(result, prices=prices)
    from summarizer.render.markdown import render_translation

    return render_translation(result)


def _load_page_template(template_file: str | None, prices: str | None) -> tuple[str, Any]:
    """The HTML template and the price table for its cost lines, read before any work is done."""
    from summarizer.render.html import load_template
    from summarizer.engines.model.catalogue import load_prices

    return load_template(template_file), load_prices(prices)


def _render_result(
    result: Any, texts: list[str], output_format: str, *, audit: bool, page_template: tuple[str, Any] | None
) -> str:
    if output_format == "json":
        return result.to_json(include_audit=audit) + "\n"
    if page_template is not None:
        from summarizer.render.html import render_html

        return render_html(result, article_texts=texts, template=page_template[0], prices=page_template[1])
    from summarizer.render.markdown import render_result

    return render_result(result)


def _render_estimate(rows: list[dict[str, Any]], output_format: str) -> str:
    if output_format == "jsonl":
        return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    if output_format == "json":
        return json.dumps({"articles": rows}, ensure_ascii=False, indent=2) + "\n"
    lines = ["| article | input tokens | prompt overhead | max output tokens | calls | est. cost |", "|---|---|---|---|---|---|"]
    for row in rows:
        lines.append(
            f"| {row['id']} | {row['input_tokens']} | {row['prompt_overhead_tokens']} | {row['max_output_tokens']} | "
            f"{row['calls']} | {_cost(row['estimated_cost'], row['currency'])} |"
        )
    costs = [row["estimated_cost"] for row in rows]
    total = None if None in costs else sum(costs)
    lines.append(
        f"| **total** | {sum(row['input_tokens'] for row in rows)} | {sum(row['prompt_overhead_tokens'] for row in rows)} | "
        f"{sum(row['max_output_tokens'] for row in rows)} | {sum(row['calls'] for row in rows)} | "
        f"{_cost(total, rows[0]['currency'] if rows else '')} |"
    )
    if rows:
        lines += ["", f"Model: {rows[0]['model']}; prices of {rows[0]['prices_date']}."]
    return "\n".join(lines) + "\n"


def _cost(amount: float | None, currency: str) -> str:
    return "unknown model" if amount is None else f"{amount:.6f} {currency}"


@cli.command(epilog="""\b
Exit status:
  0  every number in OUTPUT appears in SOURCE
  1  some numbers in OUTPUT are not in SOURCE (listed)
  2  usage or input error""")
@click.argument("source", metavar="SOURCE")
@click.argument("output_file", metavar="OUTPUT")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--encoding", help="Encoding of both files, when it is not UTF-8, UTF-16 with BOM or Windows-1256.")
def verify(source: str, output_file: str, output_format: str, encoding: str | None) -> None:
    """Check that every number in OUTPUT (digits, words, scales, ordinals, percentages) is in SOURCE."""
    from summarizer import api
    from summarizer.inputs import read_text
    from summarizer.render.markdown import render_verification

    if source == "-" and output_file == "-":
        click.echo("Error: only one of SOURCE and OUTPUT can be standard input", err=True)
        sys.exit(EXIT_INPUT)
    source_text = _run(lambda: read_text(source, encoding=encoding))
    output_text = _run(lambda: read_text(output_file, encoding=encoding))
    report = _run(lambda: api.verify(source_text, output_text))
    if output_format == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(render_verification(report, output_text))
    sys.exit(EXIT_OK if report.ok else EXIT_UNVERIFIED)


@cli.group(epilog=EXIT_STATUS_HELP)
def batch() -> None:
    """The OpenAI Batch API: send every article's request at once, collect the replies within 24 hours."""


@batch.command("submit", epilog=EXIT_STATUS_HELP)
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--output", metavar="PATH", help="Also write the request file here (with --no-upload: default standard output).")
@click.option("--no-upload", "--dry-run", "no_upload", is_flag=True, help="Only write the request file (to run it elsewhere).")
@click.option("--model", help="Model name. [env SUMMARIZER_MODEL; default gpt-5-mini]")
@click.option("--base-url", help="OpenAI-compatible server with the Files and Batches API. [env OPENAI_BASE_URL]")
@click.option("--languages", default="en,ar", show_default=True, help="Summary languages, comma-separated.")
@click.option("--prompts", "prompts_dir", type=click.Path(file_okay=False), help="Directory of your own prompt templates.")
@click.option("--encoding", help="Input encoding, when it is not UTF-8, UTF-16 with BOM or Windows-1256.")
def batch_submit(
    inputs: tuple[str, ...],
    output: str | None,
    no_upload: bool,
    model: str | None,
    base_url: str | None,
    languages: str,
    prompts_dir: str | None,
    encoding: str | None,
) -> None:
    """Build one request per article of each INPUT, upload them and create a batch; print its id."""
    from summarizer.config import resolve_config
    from summarizer.engines.model import batch as batches

    config = _run(
        lambda: resolve_config(model=model, base_url=base_url, languages=languages.split(","), prompts_dir=prompts_dir)
    )
    names = _input_names(inputs, output)
    _run(lambda: _check_output(output, tuple(names)))
    prepared = _run(lambda: batches.prepare(names, config, encoding=encoding))
    for request in prepared.requests:
        if request.body is None:
            click.echo(
                f"Note: {request.input}: article {request.article.id} is longer than one request allows; "
                "it is summarized with normal calls when the batch is collected.",
                err=True,
            )
    count = sum(1 for request in prepared.requests if request.body is not None)
    if output is not None or no_upload:
        _run(lambda: _write_requests(prepared, output))
    _run(lambda: batches.write_record(prepared.record, config))  # before uploading: nothing paid for is unrecorded
    if no_upload:
        name = output if output not in (None, "-") else "REQUESTS.jsonl"
        click.echo(
            f"Note: {count} request(s) written, not uploaded; collect their output with: "
            f"summarizer batch collect --file OUTPUT.jsonl --requests {name}",
            err=True,
        )
        return
    record = _run(lambda: batches.upload(prepared, config))
    click.echo(record["batch_id"])
    path = _run(lambda: batches.write_record(record, config))
    click.echo(
        f"Note: batch {record['batch_id']} created with {count} request(s) (recorded in {path}); "
        f"follow it with 'summarizer batch status {record['batch_id']}', then collect it with "
        f"'summarizer batch collect {record['batch_id']} -o out.jsonl'.",
        err=True,
    )


def _write_requests(prepared: Any, output: str | None) -> None:
    """The request file, line by line, through the JSONL writer (to standard output without ``output``)."""
    from summarizer.stream import JsonlWriter

    with JsonlWriter(output) as writer:
        for request in prepared.requests:
            if request.body is not None:
                writer.write(request.line() + "\n")


@batch.command("status", epilog=EXIT_STATUS_HELP)
@click.argument("batch_id", metavar="ID")
@click.option("--base-url", help="OpenAI-compatible server with the Batches API. [env OPENAI_BASE_URL]")
def batch_status(batch_id: str, base_url: str | None) -> None:
    """One line on batch ID: its status, request counts, when it was created and when it expires."""
    from summarizer.config import resolve_config
    from summarizer.engines.model import batch as batches

    config = _run(lambda: resolve_config(base_url=base_url))
    click.echo(_run(lambda: batches.status_line(batch_id, config)))


@batch.command("collect", epilog=EXIT_STATUS_HELP)
@click.argument("batch_id", metavar="[ID]", required=False)
@click.option("--file", "results_file", type=click.Path(dir_okay=False), help="A batch output file run elsewhere (vLLM run_batch).")
@click.option("--requests", "requests_file", type=click.Path(dir_okay=False), help="With --file: the request file it ran.")
@click.option("-o", "--output", metavar="PATH", help="Write the JSONL here instead of standard output.")
@click.option("--base-url", help="Server for the repair rounds (and the Batches API). [env OPENAI_BASE_URL]")
@click.option("--max-repairs", type=click.IntRange(0, 10), default=DEFAULT_MAX_REPAIRS, show_default=True, help="Repair rounds per article.")
@_concurrency_option("Articles checked and repaired at once.")
def batch_collect(
    batch_id: str | None,
    results_file: str | None,
    requests_file: str | None,
    output: str | None,
    base_url: str | None,
    max_repairs: int,
    concurrency: int | None,
) -> None:
    """Check, verify and repair the replies of batch ID (or of --file); write one JSONL line per article
    as it completes, the lines of summarize --format jsonl."""
    from summarizer import api
    from summarizer.config import resolve_config
    from summarizer.engines.model import batch as batches

    if (batch_id is None) == (results_file is None) or (results_file is None) != (requests_file is None):
        click.echo("Error: give a batch ID, or --file OUTPUT.jsonl with --requests REQUESTS.jsonl", err=True)
        sys.exit(EXIT_INPUT)
    config = _run(lambda: resolve_config(base_url=base_url, max_repairs=max_repairs, concurrency=concurrency))
    _run(lambda: _check_output(output, tuple(path for path in (results_file, requests_file) if path)))
    if batch_id is not None:
        record = _run(lambda: batches.load_record(batch_id, config))
        results = _run(lambda: batches.download(batch_id, config))
    else:
        record = _run(lambda: batches.record_for_requests(str(requests_file), config))
        results = _run(lambda: batches.read_output(_read_utf8(str(results_file)), name=str(results_file)))
    if not config.model_configured:
        click.echo("Note: no model configured (OPENAI_API_KEY or --base-url): no repair rounds are run.", err=True)
    collection = _run(lambda: batches.Collection(record, results, config))
    stream = api.summarize_sources(collection.articles(), collection.summarize, concurrency=config.concurrency)
    _write_stream(stream, output)


def _read_utf8(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read the batch output ({getattr(error, 'strerror', None) or error})", path=path) from error


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="summarizer")
