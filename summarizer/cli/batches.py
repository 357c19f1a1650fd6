"""``summarizer batch submit|status|collect``: the OpenAI Batch API, its replies checked as a run's are."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from summarizer.cli.common import (
    EXIT_INPUT,
    call,
    check_output,
    claim_output,
    echo_out,
    epilog,
    fail,
    input_names,
    prompt_files,
    say,
    write,
    write_stream,
)
from summarizer.cli.options import glossary_option, read_glossary, setting_option
from summarizer.controls import inert
from summarizer.errors import SummarizerError

REQUESTS_SUFFIX = ".requests.jsonl"  # a request file whose upload failed, kept beside its record (DIR/local-....json)


@click.group(epilog=epilog("runs.md#beyond-one-machine-the-batch-api"))
def batch() -> None:
    """The OpenAI Batch API: send every article's request at once, collect the replies within 24 hours."""


SUBMIT_EXIT_STATUS = """\b
Exit status:
  0  the batch was created (its id printed); with --no-upload, the request file written
  2  usage or input error; no OPENAI_API_KEY or --base-url to upload to (said before anything is written)
  3  the server failed or refused the upload (the request file kept: the error says where)
  130  interrupted (Ctrl-C)"""

STATUS_EXIT_STATUS = """\b
Exit status:
  0  the status line printed
  2  usage error (ID is not a batch id); no OPENAI_API_KEY or --base-url
  3  the server failed, or has no such batch
  130  interrupted (Ctrl-C)"""


@batch.command("submit", epilog=epilog("runs.md#beyond-one-machine-the-batch-api", SUBMIT_EXIT_STATUS))
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "-o",
    "--output",
    metavar="PATH",
    help="Also write the request file here (with --no-upload: default standard output).",
)
@click.option(
    "--no-upload", "--dry-run", "no_upload", is_flag=True, help="Only write the request file (to run it elsewhere)."
)
@setting_option("model")
@setting_option("base_url", help="OpenAI-compatible server with the Files and Batches API.")
@setting_option("languages")
@setting_option("prompts_dir")
@click.option("--encoding", help="Input encoding, when it is not UTF-8, UTF-16 with BOM or Windows-1256.")
@glossary_option(
    "Your names in Arabic and English, as for summarize (the record keeps the terms the articles hold, for collect)"
)
def batch_submit(
    inputs: tuple[str, ...],
    output: str | None,
    no_upload: bool,
    model: str | None,
    base_url: str | None,
    languages: str | None,
    prompts_dir: str | None,
    encoding: str | None,
    glossary: str | None,
) -> None:
    """Build one request per article of each INPUT, upload them and create a batch; print its id."""
    from summarizer import api
    from summarizer.config import resolve_config

    config = call(
        lambda: resolve_config(
            model=model,
            base_url=base_url,
            languages=languages.split(",") if languages is not None else None,
            prompts_dir=prompts_dir,
        )
    )
    names = call(lambda: input_names(inputs, output))
    reads = [(glossary, "the --glossary file"), *prompt_files(prompts_dir)]
    call(lambda: check_output(output, tuple(names), reads=reads))
    terms = read_glossary(glossary)
    call(lambda: claim_output(output))
    submission = call(
        lambda: api.prepare_batch(names, encoding=encoding, config=config, upload=not no_upload, glossary=terms)
    )
    for name, article_id in submission.too_long:
        click.echo(
            f"Note: {name}: article {article_id} is longer than one request allows; "
            "it is summarized with normal calls when the batch is collected.",
            err=True,
        )
    count = submission.count
    # Recorded first: before the request file exists (one run elsewhere that collect cannot match is GPU
    # time lost) and before the upload (nothing paid for is unrecorded).
    record_path = call(submission.record)
    if output is not None or no_upload:
        call(lambda: _write_requests(submission, output))
    if no_upload:
        name = output if output not in (None, "-") else "REQUESTS.jsonl"
        click.echo(
            f"Note: {count} request(s) written, not uploaded; collect their output with: "
            f"summarizer batch collect --file OUTPUT.jsonl --requests {name}",
            err=True,
        )
        return
    batch_id = call(lambda: _upload(submission, output, record_path))
    call(lambda: echo_out(batch_id))
    path = call(submission.record)
    click.echo(
        f"Note: batch {batch_id} created with {count} request(s) (recorded in {path}); "
        f"follow it with 'summarizer batch status {batch_id}', then collect it with "
        f"'summarizer batch collect {batch_id} -o out.jsonl'.",
        err=True,
    )


def _upload(submission: Any, output: str | None, record_path: Path) -> str:
    """Upload the requests and create the batch; its id. When that fails the request file is kept (``-o``,
    else beside its record: what the user prepared is never lost), and the one Error: line says where and
    what to do with it."""
    try:
        return str(submission.upload())
    except SummarizerError as error:
        fail(f"Error: {error}; {_kept_requests(submission, output, record_path)}", error.exit_code)


def _kept_requests(submission: Any, output: str | None, record_path: Path) -> str:
    """Where a request file that was not submitted is kept, and how to submit or run it: the words that follow
    a failed upload's error."""
    if output in (None, "-"):  # only in memory (or gone to standard output): kept beside the record
        kept = str(record_path.with_name(f"{record_path.stem}{REQUESTS_SUFFIX}"))
        try:
            _write_requests(submission, kept)
        except SummarizerError as error:
            return (
                f"no batch was created, and the request file could not be kept ({error}); its record is {record_path}"
            )
    else:
        kept = output
    return (
        f"no batch was created, and the {submission.count} request(s) are kept in {kept} (its record: "
        f"{record_path}): submit them again with the same command once the server takes them, or run that file "
        f"elsewhere (vLLM run_batch) and collect its output with 'summarizer batch collect --file OUTPUT.jsonl "
        f"--requests {kept}'"
    )


def _write_requests(submission: Any, output: str | None) -> None:
    """The request file, whole: to standard output without ``output``, else replacing ``output`` atomically
    (an existing file is left as it was when the new one cannot be written)."""
    text = "".join(line + "\n" for line in submission.request_lines())
    if output is None or output == "-":
        echo_out(text, nl=False)
    else:
        write(text, output)


@batch.command("status", epilog=epilog("runs.md#beyond-one-machine-the-batch-api", STATUS_EXIT_STATUS))
@click.argument("batch_id", metavar="ID")
@setting_option("base_url", help="OpenAI-compatible server with the Batches API.")
def batch_status(batch_id: str, base_url: str | None) -> None:
    """One line on batch ID: its status, request counts, when it was created and when it expires."""
    from summarizer import api

    line = call(lambda: api.batch_status(batch_id, base_url=base_url))
    call(lambda: echo_out(inert(line)))  # the server's words: shown, not obeyed


@batch.command("collect", epilog=epilog("runs.md#beyond-one-machine-the-batch-api"))
@click.argument("batch_id", metavar="[ID]", required=False)
@click.option(
    "--file",
    "results_file",
    type=click.Path(dir_okay=False),
    help="A batch output file run elsewhere (vLLM run_batch).",
)
@click.option(
    "--requests", "requests_file", type=click.Path(dir_okay=False), help="With --file: the request file it ran."
)
@click.option("-o", "--output", metavar="PATH", help="Write the JSONL here instead of standard output.")
@setting_option("base_url", help="Server for the repair rounds (and the Batches API).")
@setting_option("max_repairs")
@setting_option("concurrency", help="Articles checked and repaired at once.")
def batch_collect(
    batch_id: str | None,
    results_file: str | None,
    requests_file: str | None,
    output: str | None,
    base_url: str | None,
    max_repairs: int | None,
    concurrency: int | None,
) -> None:
    """Check, verify and repair the replies of batch ID (or of --file); write one JSONL line per article
    as it completes, the lines of summarize --format jsonl."""
    from summarizer import api
    from summarizer.config import resolve_config

    if (batch_id is None) == (results_file is None) or (results_file is None) != (requests_file is None):
        fail("Error: give a batch ID, or --file OUTPUT.jsonl with --requests REQUESTS.jsonl", EXIT_INPUT)
    config = call(lambda: resolve_config(base_url=base_url, max_repairs=max_repairs, concurrency=concurrency))
    given = tuple(path for path in (results_file, requests_file) if path)
    call(lambda: check_output(output, given))
    if output not in (None, "-"):  # nor the batch's own files: found from its record, before anything is downloaded
        files = call(lambda: api.batch_files(batch_id, requests_file=requests_file, config=config))
        call(lambda: check_output(output, given, reads=files))
    call(lambda: claim_output(output))
    stream = call(
        lambda: api.collect_batch(batch_id, results_file=results_file, requests_file=requests_file, config=config)
    )
    for notice in stream.notices:
        say(f"Note: {notice}")
    write_stream(stream, output)
