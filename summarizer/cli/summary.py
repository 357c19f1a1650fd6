"""``summarizer summarize``: the articles of each input summarized, in md, json, html or jsonl."""

from __future__ import annotations

from typing import Any

import click

from summarizer.cli.common import epilog
from summarizer.cli.options import glossary_option, read_glossary, setting_option
from summarizer.cli.runs import (
    ArticleRun,
    Page,
    RunOptions,
    load_page,
    run_articles,
    run_options,
    start,
    template_option,
)
from summarizer.render import SHIPPED_TEMPLATE


@click.command(epilog=epilog("usage.md"))
@template_option(SHIPPED_TEMPLATE)
@setting_option("engine")
@setting_option("languages")
@glossary_option(
    "Your names in Arabic and English: the model is asked to write them so, and the checks link them across scripts"
)
@run_options(
    formats=["md", "json", "html", "jsonl"],
    verb="summarized",
    repairs_per="article",
    prices_for="--dry-run",
    format_help="jsonl: one line per article, written as each completes (the streaming format for feeds and archives).",
)
def summarize(
    run: RunOptions, template_file: str | None, engine: str | None, languages: str | None, glossary: str | None
) -> None:
    """Summarize every article in each INPUT: files, directories (their .txt, .md, .html and .jsonl
    files, not recursively) or - for standard input.

    An INPUT may be plain text holding one or more stories, or JSONL with one
    {"text", "id", "title"} object per line (in a file named .jsonl, a line
    that is not one is an error). A line of five or more '='
    separates stories explicitly. An article or input that fails is recorded
    (exit 3) and the others go on.
    """
    from summarizer import api

    names = start(run, reads=[(template_file, "the --template file"), (glossary, "the --glossary file")])
    terms = read_glossary(glossary)
    page = load_page(run, template_file=template_file, shipped=SHIPPED_TEMPLATE)
    chosen = languages.split(",") if languages is not None else None
    keywords = dict(languages=chosen, engine=engine, glossary=terms, **run.model_settings())
    work = ArticleRun(
        estimate=lambda text: api.estimate(
            text,
            languages=chosen,
            model=run.model,
            prompts_dir=run.prompts_dir,
            prices=run.prices,
            base_url=run.base_url,
            glossary=terms,
        ),
        one=lambda text: api.summarize(text, keep_source=page.html, **keywords),  # the page shows each article
        many=lambda names, done: api.summarize_many(names, skip=done, encoding=run.encoding, **keywords),
        each=lambda names: api.summarize_inputs(names, encoding=run.encoding, keep_source=page.html, **keywords),
        render=lambda result: _render(result, page),
    )
    run_articles(run, names, work)


def _render(result: Any, page: Page) -> str:
    """Markdown, or the HTML review page, in the page's interface language."""
    if page.html:
        from summarizer.render.html import render_html

        return render_html(result, template=page.template, prices=page.prices, interface=page.interface)
    from summarizer.render.markdown import render_result

    return render_result(result, interface=page.interface)
