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
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from summarizer import __version__
from summarizer.config import DEFAULT_MAX_REPAIRS, debug_enabled
from summarizer.errors import InputError, SummarizerError

EXIT_OK, EXIT_UNVERIFIED, EXIT_INPUT, EXIT_MODEL = 0, 1, 2, 3
EXIT_STATUS_HELP = """\b
Exit status:
  0  success: every number in the output is verified
  1  output written, but unsupported numbers remain (flagged)
  2  usage or input error
  3  model or back-end failure"""

T = TypeVar("T")


def _run(action: Callable[[], T]) -> T:
    """Call the API; turn a SummarizerError into one 'Error:' line and its exit status."""
    try:
        return action()
    except SummarizerError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        click.echo("Error: interrupted", err=True)
        sys.exit(130)
    except Exception as error:  # a bug: one line for users, the traceback under SUMMARIZER_DEBUG
        if debug_enabled():
            raise
        click.echo(
            f"Error: unexpected failure ({type(error).__name__}: {error}); "
            "rerun with SUMMARIZER_DEBUG=1 for the traceback",
            err=True,
        )
        sys.exit(EXIT_MODEL)


def _check_output(output: str | None, inputs: tuple[str, ...]) -> None:
    """Refuse a bad ``-o`` before any work is done (a model run costs time and money)."""
    if output is None or output == "-":
        return
    target = Path(output)
    for given in inputs:
        if given != "-" and Path(given).exists() and target.exists() and target.resolve() == Path(given).resolve():
            raise InputError(f"{output}: refusing to overwrite the input file", path=output)
    if target.is_dir():
        raise InputError(f"{output}: is a directory", path=output)
    if not (target.parent if str(target.parent) else Path(".")).is_dir():
        raise InputError(f"{output}: its directory does not exist", path=output)


def _write(text: str, output: str | None) -> None:
    """Print, or write atomically to ``output`` (checked by _check_output before the run)."""
    if output is None or output == "-":
        click.echo(text, nl=not text.endswith("\n"))
        return
    target = Path(output)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=directory, delete=False, suffix=".tmp") as tmp:
            tmp.write(text)
        os.replace(tmp.name, target)
    except OSError as error:
        raise InputError(f"{output}: cannot write ({error.strerror or error})", path=output) from error


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_STATUS_HELP)
@click.version_option(__version__, prog_name="summarizer")
def cli() -> None:
    """Grounded bilingual (Arabic/English) news summaries with verified numbers."""


@cli.command(epilog=EXIT_STATUS_HELP)
@click.argument("file", metavar="FILE|-")
@click.option("--format", "output_format", type=click.Choice(["md", "json", "html"]), default="md", show_default=True)
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
@click.option("--dry-run", is_flag=True, help="Print the tokens and estimated cost per article; call no model.")
@click.option("--prices", type=click.Path(dir_okay=False), help="Price table JSON for --dry-run. [env SUMMARIZER_PRICES]")
@click.option("--encoding", help="Input encoding, when it is not UTF-8, UTF-16 with BOM or Windows-1256.")
@click.option("--audit", is_flag=True, help="JSON only: include the prompts and raw model replies.")
def summarize(
    file: str,
    output_format: str,
    output: str | None,
    template_file: str | None,
    engine: str | None,
    model: str | None,
    base_url: str | None,
    languages: str,
    max_repairs: int,
    prompts_dir: str | None,
    dry_run: bool,
    prices: str | None,
    encoding: str | None,
    audit: bool,
) -> None:
    """Summarize every article in FILE (or - for standard input).

    FILE may be plain text holding one or more stories, or JSONL with one
    {"text", "id", "title"} object per line. A line of five or more '='
    separates stories explicitly.
    """
    from summarizer import api
    from summarizer.inputs import read_text

    _run(lambda: _check_output(output, (file,)))
    if template_file is not None and output_format != "html":
        click.echo("Error: --template applies to --format html only", err=True)
        sys.exit(EXIT_INPUT)
    page_template = _run(lambda: _load_page_template(template_file, prices)) if output_format == "html" else None
    text = _run(lambda: read_text(file, encoding=encoding))
    if dry_run:
        rows = _run(lambda: api.estimate(text, languages=languages.split(","), model=model, prompts_dir=prompts_dir, prices=prices))
        _run(lambda: _write(_render_estimate(rows, output_format), output))
        return
    result = _run(
        lambda: api.summarize(
            text,
            languages=languages.split(","),
            engine=engine,
            model=model,
            base_url=base_url,
            max_repairs=max_repairs,
            prompts_dir=prompts_dir,
        )
    )
    for notice in result.notices:
        click.echo(f"Note: {notice}", err=True)
    if output_format == "json":
        rendered = result.to_json(include_audit=audit) + "\n"
    elif page_template is not None:
        from summarizer.articles import split_articles
        from summarizer.render.html import render_html

        texts = [article.text for article in split_articles(text)]
        rendered = _run(lambda: render_html(result, article_texts=texts, template=page_template[0], prices=page_template[1]))
    else:
        from summarizer.render.markdown import render_result

        rendered = render_result(result)
    _run(lambda: _write(rendered, output))
    if not result.ok:
        count = sum(len(a.verification.unsupported) + len(a.verification.grounding) for a in result.articles)
        click.echo(f"Warning: {count} problem(s) remain unverified; they are flagged in the output.", err=True)
        sys.exit(EXIT_UNVERIFIED)


@cli.command(epilog=EXIT_STATUS_HELP)
@click.argument("file", metavar="FILE|-")
@click.option("--to", "target", type=click.Choice(["en", "ar"]), required=True, help="The language to translate into.")
@click.option("--format", "output_format", type=click.Choice(["md", "json"]), default="md", show_default=True)
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
@click.option("--dry-run", is_flag=True, help="Print the tokens and estimated cost per article; call no model.")
@click.option("--prices", type=click.Path(dir_okay=False), help="Price table JSON for --dry-run. [env SUMMARIZER_PRICES]")
@click.option("--encoding", help="Input encoding, when it is not UTF-8, UTF-16 with BOM or Windows-1256.")
@click.option("--audit", is_flag=True, help="JSON only: include the prompts and raw model replies.")
def translate(
    file: str,
    target: str,
    output_format: str,
    output: str | None,
    glossary: str | None,
    model: str | None,
    base_url: str | None,
    max_repairs: int,
    prompts_dir: str | None,
    dry_run: bool,
    prices: str | None,
    encoding: str | None,
    audit: bool,
) -> None:
    """Translate every article in FILE (or - for standard input) into English or Arabic, paragraph by paragraph.

    Every number of each source paragraph must be in its translation and the translation may hold no
    other number; glossary terms found in a source paragraph must be in its translation. Problems go
    back to the model; what remains is flagged (exit status 1). Needs a model (OPENAI_API_KEY or --base-url).
    """
    from summarizer import api
    from summarizer.glossary import load_glossary
    from summarizer.inputs import read_text

    _run(lambda: _check_output(output, (file,)))
    terms = _run(lambda: load_glossary(glossary)) if glossary is not None else None
    text = _run(lambda: read_text(file, encoding=encoding))
    if dry_run:
        rows = _run(lambda: api.estimate_translation(text, target=target, glossary=terms, model=model, prompts_dir=prompts_dir, prices=prices))
        _run(lambda: _write(_render_estimate(rows, output_format), output))
        return
    result = _run(
        lambda: api.translate(
            text, target=target, glossary=terms, model=model, base_url=base_url, max_repairs=max_repairs, prompts_dir=prompts_dir
        )
    )
    if output_format == "json":
        rendered = result.to_json(include_audit=audit) + "\n"
    else:
        from summarizer.render.markdown import render_translation

        rendered = render_translation(result)
    _run(lambda: _write(rendered, output))
    if not result.ok:
        count = sum(article.flagged for article in result.articles)
        click.echo(f"Warning: {count} problem(s) remain in the translation; they are flagged in the output.", err=True)
        sys.exit(EXIT_UNVERIFIED)


def _load_page_template(template_file: str | None, prices: str | None) -> tuple[str, Any]:
    """The HTML template and the price table for its cost lines, read before any work is done."""
    from summarizer.render.html import load_template
    from summarizer.engines.model.catalogue import load_prices

    return load_template(template_file), load_prices(prices)


def _render_estimate(rows: list[dict[str, Any]], output_format: str) -> str:
    if output_format == "json":
        return json.dumps({"articles": rows}, ensure_ascii=False, indent=2) + "\n"
    lines = ["| article | input tokens | prompt overhead | max output tokens | calls | est. cost |", "|---|---|---|---|---|---|"]
    for row in rows:
        cost = "unknown model" if row["estimated_cost"] is None else f"{row['estimated_cost']:.6f} {row['currency']}"
        lines.append(
            f"| {row['id']} | {row['input_tokens']} | {row['prompt_overhead_tokens']} | {row['max_output_tokens']} | "
            f"{row['calls']} | {cost} |"
        )
    return "\n".join(lines) + "\n"


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


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="summarizer")
