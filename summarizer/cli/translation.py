"""``summarizer translate``: the articles of each input translated whole, numbers, dates and names checked both ways."""

from __future__ import annotations

from typing import Any

import click

from summarizer.cli.common import TRANSLATE_EXIT_STATUS, epilog
from summarizer.cli.options import glossary_option, language_choice, read_glossary
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
from summarizer.render import TRANSLATION_TEMPLATE


@click.command(epilog=epilog("translation.md", TRANSLATE_EXIT_STATUS))
@click.option("--to", "target", type=language_choice(), required=True, help="The language to translate into.")
@glossary_option("Terms that must be translated as given")
@template_option(TRANSLATION_TEMPLATE)
@run_options(
    formats=["md", "json", "jsonl", "html"],
    verb="translated",
    repairs_per="group of paragraphs",
    prices_for="--dry-run and the HTML cost lines",
    format_help="jsonl: one line per article, written as each completes; html: source and translation side by side.",
)
def translate(run: RunOptions, target: str, glossary: str | None, template_file: str | None) -> None:
    """Translate every article in each INPUT (files, directories of them, or - for standard input)
    into English or Arabic, paragraph by paragraph.

    Every number, date and name of each source paragraph must be in its translation and the translation
    may hold no other (names are linked across scripts by name tables, the glossary and transliteration);
    glossary terms found in a source paragraph must be in its translation. Problems go
    back to the model; what remains is flagged (exit status 1). An article or input that fails is
    recorded (exit 3) and the others go on. Needs a model (OPENAI_API_KEY or --base-url).
    """
    from summarizer import api

    names = start(run, reads=[(template_file, "the --template file"), (glossary, "the --glossary file")])
    terms = read_glossary(glossary)
    page = load_page(run, template_file=template_file, shipped=TRANSLATION_TEMPLATE)
    keywords = dict(target=target, glossary=terms, **run.model_settings())
    work = ArticleRun(
        estimate=lambda text: api.estimate_translation(
            text,
            target=target,
            glossary=terms,
            model=run.model,
            prompts_dir=run.prompts_dir,
            prices=run.prices,
            base_url=run.base_url,
        ),
        one=lambda text: api.translate(text, **keywords),
        many=lambda names, done: api.translate_many(names, skip=done, encoding=run.encoding, **keywords),
        each=lambda names: api.translate_inputs(names, encoding=run.encoding, **keywords),
        render=lambda result: _render(result, page),
        target=target,
    )
    run_articles(run, names, work)


def _render(result: Any, page: Page) -> str:
    """Markdown, or the side-by-side HTML page, in the page's interface language."""
    if page.html:
        from summarizer.render.html import render_translation_html

        return render_translation_html(result, template=page.template, prices=page.prices, interface=page.interface)
    from summarizer.render.markdown import render_translation

    return render_translation(result, interface=page.interface)
