"""What ``summarize`` and ``translate`` share: their common options, declared once, and their run over
many inputs (dry run, JSONL stream, or collected results in md, json or html), written once."""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import click

from summarizer.cli.common import (
    EXIT_INPUT,
    call,
    check_output,
    claim_output,
    exit_for,
    fail,
    input_names,
    prompt_files,
    read_input,
    say,
    write,
    write_markdown,
    write_stream,
)
from summarizer.cli.options import setting_option
from summarizer.errors import InputError

if TYPE_CHECKING:
    from summarizer.pricing import PriceTable

T = TypeVar("T")


@dataclass(frozen=True)
class RunOptions:
    """The options summarize and translate share, as given on the command line."""

    inputs: tuple[str, ...]
    output_format: str
    output: str | None
    model: str | None
    base_url: str | None
    max_repairs: int | None
    prompts_dir: str | None
    concurrency: int | None
    cache_dir: str | None
    no_cache: bool | None
    resume: bool
    dry_run: bool
    prices: str | None
    encoding: str | None
    audit: bool
    interface: str | None

    def model_settings(self) -> dict[str, Any]:
        """The API's model settings (``summarizer.api.ModelSettings``) these options give."""
        return dict(
            model=self.model,
            base_url=self.base_url,
            max_repairs=self.max_repairs,
            prompts_dir=self.prompts_dir,
            concurrency=self.concurrency,
            cache_dir=self.cache_dir,
            no_cache=self.no_cache,
        )


def run_options(
    *, formats: Sequence[str], format_help: str, verb: str, repairs_per: str, prices_for: str
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Declare the shared options on a command, which receives them as one ``RunOptions`` (its first argument).

    ``verb`` ("summarized") and ``repairs_per`` ("article") word the help of --concurrency and
    --max-repairs; ``prices_for`` says what --prices is read for.
    """
    options = [
        click.argument("inputs", nargs=-1, required=True, metavar="INPUT..."),
        click.option(
            "--format",
            "output_format",
            type=click.Choice(list(formats)),
            default="md",
            show_default=True,
            help=format_help,
        ),
        click.option("-o", "--output", metavar="PATH", help="Write here instead of standard output."),
        setting_option("model"),
        setting_option("base_url"),
        setting_option("max_repairs", help=f"Repair rounds per {repairs_per}."),
        setting_option("prompts_dir"),
        setting_option("concurrency", help=f"Articles {verb} at once by the model."),
        setting_option("cache_dir"),
        setting_option("no_cache"),
        click.option(
            "--resume", is_flag=True, help="With --format jsonl -o FILE: skip the articles FILE already holds."
        ),
        click.option("--dry-run", is_flag=True, help="Print the tokens and estimated cost per article; call no model."),
        setting_option("prices", help=f"Price table JSON for {prices_for}."),
        click.option("--encoding", help="Input encoding, when it is not UTF-8, UTF-16 with BOM or Windows-1256."),
        click.option(
            "--audit", is_flag=True, help="Include the prompts and raw model replies; needs --format json (or jsonl)."
        ),
        setting_option("interface"),
    ]
    shared = [field.name for field in dataclasses.fields(RunOptions)]

    def declare(command: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(command)
        def with_options(**given: Any) -> None:
            command(RunOptions(**{name: given.pop(name) for name in shared}), **given)

        for option in reversed(options):
            with_options = option(with_options)
        return with_options

    return declare


@dataclass
class ArticleRun:
    """What a command runs over its inputs: the API calls of summarize, or of translate."""

    estimate: Callable[[str], list[dict[str, Any]]]  # a text -> its dry-run rows
    one: Callable[[str], Any]  # a text -> its SummaryResult or TranslationResult
    many: Callable[[list[str], Collection[tuple[str, str | None]]], Any]  # inputs, (input, id) done -> ArticleStream
    each: Callable[[list[str]], Any]  # several inputs -> their results collected into one, in input order
    render: Callable[[Any], str]  # a result -> Markdown or HTML
    target: str | None = None  # translate's target language; None for summaries (what --resume accepts)


def start(run: RunOptions, *, reads: Sequence[tuple[str | None, str]] = ()) -> list[str]:
    """Refuse bad combinations and a bad ``-o`` before any work is done; the names of the inputs.

    ``reads`` are the command's own files besides the inputs (its ``--template``, ``--glossary``),
    which ``-o`` may not name either, as (path or None, "the --template file")."""
    if run.audit and run.output_format not in ("json", "jsonl"):
        fail("Error: --audit needs --format json (the audit log is JSON)", EXIT_INPUT)
    if run.resume and (run.output_format != "jsonl" or run.output in (None, "-")):
        fail("Error: --resume needs --format jsonl and -o FILE (the file it resumes)", EXIT_INPUT)
    if run.dry_run and run.output_format == "html":
        fail("Error: --dry-run prints md, json or jsonl, not html", EXIT_INPUT)
    names = call(lambda: input_names(run.inputs, run.output))
    reads = [*reads, (run.prices, "the --prices file"), *prompt_files(run.prompts_dir)]
    call(lambda: check_output(run.output, tuple(names), reads=reads))
    call(lambda: claim_output(run.output))
    return names


def run_articles(run: RunOptions, names: list[str], work: ArticleRun) -> None:
    """Run ``work`` over the inputs as the options say, write the output and exit with the run's status."""
    if run.dry_run:
        texts = [(name, read_input(name, run.encoding)) for name in names]
        rows = [
            row for name, text in texts for row in call(_naming_input(name, functools.partial(work.estimate, text)))
        ]
        rendered = call(lambda: render_estimate(rows, run.output_format))
        call(lambda: (write_markdown if run.output_format == "md" else write)(rendered, run.output))
        return
    if run.output_format == "jsonl":
        from summarizer.progress import Progress
        from summarizer.stream import prepare_resume

        resumed = run.output if run.resume else None
        done = call(functools.partial(prepare_resume, resumed, target=work.target)) if resumed else set()
        stream = call(lambda: work.many(names, done))
        for notice in stream.notices:
            say(f"Note: {notice}")
        progress = Progress(prices=run.prices)
        write_stream(
            stream, run.output, append=run.resume, audit=run.audit, progress=progress, model=lambda: stream.model
        )
        return
    if len(names) == 1:  # one input: its articles, exactly as before many inputs were taken
        text = read_input(names[0], run.encoding)
        result = call(_naming_input(names[0], lambda: work.one(text)))
    else:
        result = call(lambda: work.each(names))  # a setting an article cannot work with: exit 2
    for notice in result.notices:
        say(f"Note: {notice}")
    if run.output_format == "json":
        call(lambda: write(result.to_json(include_audit=run.audit) + "\n", run.output))
    else:
        rendered = call(lambda: work.render(result))
        call(lambda: (write_markdown if run.output_format == "md" else write)(rendered, run.output))
    exit_for(result.articles)


def _naming_input(name: str, action: Callable[[], T]) -> Callable[[], T]:
    """``action`` over the text of input ``name``, an InputError about one of its lines (a JSONL feed's)
    naming the input, as it does when several inputs are run."""

    def named() -> T:
        from summarizer.sources import named_input_error

        try:
            return action()
        except InputError as error:
            if "line" not in error.context:
                raise
            raise named_input_error(error, name) from error

    return named


def template_option(shipped: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """The --template option of a command with an HTML page; ``shipped`` names the template to start from."""
    return click.option(
        "--template",
        "template_file",
        type=click.Path(dir_okay=False),
        help=f"With --format html: your own page template (Jinja2; start from summarizer/render/templates/{shipped}).",
    )


@dataclass(frozen=True)
class Page:
    """What ``--format html`` or ``md`` renders with: the user's template source (None: the shipped one), the
    price table for the cost lines (None for Markdown) and the interface language."""

    template: str | None
    prices: PriceTable | None
    interface: str
    html: bool = True


def load_page(run: RunOptions, *, template_file: str | None, shipped: str) -> Page:
    """The interface language and, with ``--format html``, the page's template (read and compiled; the
    shipped one, ``shipped``, is where a user's starts) and price table, before any work is done;
    ``--template`` is refused with another format."""
    from summarizer.config import resolve_interface

    interface = call(lambda: resolve_interface(run.interface))
    if run.output_format != "html":
        if template_file is not None:
            fail("Error: --template applies to --format html only", EXIT_INPUT)
        return Page(None, None, interface, html=False)
    from summarizer.pricing import load_prices
    from summarizer.render.html import load_template

    template = call(lambda: load_template(template_file, shipped=shipped)) if template_file is not None else None
    return Page(template, call(lambda: load_prices(run.prices)), interface)


def render_estimate(rows: list[dict[str, Any]], output_format: str) -> str:
    """The dry run's rows: JSON or JSONL, else a Markdown table with a total."""
    if output_format == "jsonl":
        return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    if output_format == "json":
        return json.dumps({"articles": rows}, ensure_ascii=False, indent=2) + "\n"
    lines = [
        "| article | input tokens | prompt overhead | max output tokens | calls | est. cost |",
        "|---|---|---|---|---|---|",
    ]
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
