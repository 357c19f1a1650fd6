"""``summarizer verify``: the numbers, dates, quotes and names of any text checked against a source, no model."""

from __future__ import annotations

import json

import click

from summarizer.cli.common import EXIT_INPUT, EXIT_OK, EXIT_UNVERIFIED, call, echo_out, epilog, fail
from summarizer.cli.options import glossary_option, read_glossary
from summarizer.controls import inert


@click.command(
    epilog=epilog(
        "verification.md",
        """\b
Exit status:
  0  every number, date, quote and name in OUTPUT appears in SOURCE
  1  some are not in SOURCE, or need review (a name not found across
     scripts): listed, each date, quote and name with why:
  2  usage or input error
  130  interrupted (Ctrl-C)""",
    )
)
@click.argument("source", metavar="SOURCE")
@click.argument("output_file", metavar="OUTPUT")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--encoding", help="Encoding of both files, when it is not UTF-8, UTF-16 with BOM or Windows-1256.")
@glossary_option("Your names in Arabic and English, linked across scripts as the name tables are")
def verify(source: str, output_file: str, output_format: str, encoding: str | None, glossary: str | None) -> None:
    """Check that every number (digits, words, scales, ordinals, percentages), date, quote and name in OUTPUT is in SOURCE."""
    from summarizer import api
    from summarizer.inputs import read_text
    from summarizer.render.markdown import render_verification

    if source == "-" and output_file == "-":
        fail("Error: only one of SOURCE and OUTPUT can be standard input", EXIT_INPUT)
    terms = read_glossary(glossary)
    source_text = call(lambda: read_text(source, encoding=encoding))
    output_text = call(lambda: read_text(output_file, encoding=encoding))
    report = call(lambda: api.verify(source_text, output_text, glossary=terms))
    if output_format == "json":
        call(lambda: echo_out(json.dumps(report.to_dict(), ensure_ascii=False, indent=2)))
    else:  # model text: shown, not obeyed
        call(lambda: echo_out(inert(render_verification(report, output_text), lines=True)))
    raise SystemExit(EXIT_OK if report.ok else EXIT_UNVERIFIED)
