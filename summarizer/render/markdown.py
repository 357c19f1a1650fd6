"""Markdown for people. Arabic blocks are wrapped in ``<div dir="rtl">`` so they read right to left."""

from __future__ import annotations

import re

from summarizer.controls import inert
from summarizer.languages import LANGUAGE_NAMES, LANGUAGES, SUPPORTED_LANGUAGES
from summarizer.numbers import VerificationReport
from summarizer.results import (
    ArticleResult,
    Location,
    NumberState,
    SummaryResult,
)
from summarizer.translation_results import (
    ArticleTranslation,
    TranslatedParagraph,
    TranslationResult,
)

FLAG = "⚠"
STATE_MARKS = {
    NumberState.VERIFIED: "",
    NumberState.NEEDS_REVIEW: "? needs review",
    NumberState.UNSUPPORTED: f"{FLAG} unsupported",
}


def render_result(result: SummaryResult) -> str:
    """The whole run as Markdown."""
    parts = []
    for article in result.articles:
        parts.append(render_article(article, engine=result.engine, model=result.model))
    return "\n\n---\n\n".join(parts) + "\n"


# Markdown and HTML syntax that article text could carry: shown as text, never as markup.
_INLINE_SYNTAX = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_LINE_START_SYNTAX = re.compile(r"^(?:([#+=-])|(\d+)([.)]))")


def escape(text: str | None) -> str:
    """Text as one Markdown line that renders literally: no tags, links, emphasis, headings or cells."""
    flat = inert(" ".join((text or "").split()))  # no control character reaches a terminal
    flat = _ENTITY.sub("\\\\&", _INLINE_SYNTAX.sub(r"\\\1", flat))
    return _LINE_START_SYNTAX.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", flat)


def _rtl(text: str, language: str) -> str:
    if language in LANGUAGES and LANGUAGES[language].right_to_left:
        return f'<div dir="rtl" lang="{language}">\n\n{text}\n\n</div>'
    return text


def render_failed(article: ArticleResult | ArticleTranslation) -> str:
    """A failed article (or input): why, and no claim that anything was verified."""
    heading = escape(article.title) or (
        f"Article {escape(article.id)}" if article.id else escape(article.input or "Input")
    )
    return f"# {heading}\n\n{FLAG} **Failed:** {escape(article.error.message if article.error else '')}\n"


def render_article(article: ArticleResult, *, engine: str, model: str | None) -> str:
    """One article: title, summaries, key figures, verification, notes."""
    verification = article.verification
    lines = [f"# {escape(article.title) or 'Article ' + escape(article.id)}", ""]
    by = f"{engine}" + (f", {model}" if model else "")
    lines += [f"*Article {escape(article.id)} · language: {article.language} · engine: {escape(by)}*", ""]
    if article.error is not None:  # nothing was produced: say why, claim nothing verified
        return render_failed(article)
    for language, summary in article.summaries.items():
        name = LANGUAGE_NAMES.get(language, language)
        lines += [f"## {name} summary", ""]
        if summary is None:
            lines += ["*Not produced (see notes).*", ""]
            continue
        bullets = []
        for index, sentence in enumerate(summary.sentences):
            state = STATE_MARKS[verification.status(Location.summary(language, index))]
            mark = f" **{state}**" if state else ""
            cites = ", ".join(str(s) for s in sentence.sources)
            bullets.append(f"- {escape(sentence.text)} [{cites}]{mark}")
        lines += [_rtl("\n".join(bullets), language), ""]
    lines += ["## Key figures", ""]
    if article.key_figures:
        lines += [_rtl(_key_figure_table(article), article.language)]
    else:
        lines.append("*None found.*")
    lines += ["", "## Verification", ""]
    if verification.ok:
        lines.append(f"✅ {verification.summary_line()}.")
    else:
        lines.append(f"{FLAG} **Not verified:** {verification.summary_line()}.")
    problems = verification.unsupported + verification.grounding
    if problems:
        lines += ["", "Unsupported numbers and other problems:", ""]
        lines += [f"- `{problem.field}`: {escape(problem.message)}" for problem in problems]
    if verification.uncited:
        lines += ["", "Needs review: in the article, but not where the output says (check the citations):", ""]
        lines += [f"- `{p.field}`: {escape(p.message)}" for p in verification.uncited]
    if article.notes:
        lines += ["", "## Notes", ""] + [f"- {escape(note)}" for note in article.notes]  # may quote a server
    return "\n".join(lines)


def _key_figure_table(article: ArticleResult) -> str:
    """One row per figure, without empty columns; each distinct quote listed once under the table."""
    figures = article.key_figures
    labels = [lang for lang in SUPPORTED_LANGUAGES if any(figure.label.get(lang) for figure in figures)]
    show_value = any(figure.value is not None for figure in figures)
    quotes = list(dict.fromkeys(figure.quote for figure in figures))
    header = ["#", "number"] + (["value"] if show_value else []) + [f"counts ({lang})" for lang in labels] + ["quote"]
    rows = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for index, figure in enumerate(figures):
        state = STATE_MARKS[article.verification.status(Location.key_figure(index))]
        mark = f" {state.split()[0]}" if state else ""
        cells = [str(index + 1), escape(figure.text) + mark]
        if show_value:
            cells.append("—" if figure.value is None else escape(str(figure.value)))
        cells += [escape(figure.label.get(lang)) or "—" for lang in labels]
        cells.append(f"Q{quotes.index(figure.quote) + 1}")
        rows.append("| " + " | ".join(cells) + " |")
    rows += [""] + [f"- **Q{number}**: {escape(quote)}" for number, quote in enumerate(quotes, 1)]
    return "\n".join(rows)


def render_verification(report: VerificationReport, output: str, *, context: int = 30) -> str:
    """The plain-text report of ``summarizer verify``: one line per unsupported number or date, with context.

    A date (or another kind of mention) always has its ``why:`` line; a number has one for a counted-thing
    conflict. Relative dates ("yesterday") are named as not checked.
    """
    checked = report.checked_findings
    kinds = list(dict.fromkeys(f.mention.kind for f in checked))
    if report.ok:
        what = f"{len(report.supported)} numbers"
        for kind in kinds:
            count = sum(1 for f in checked if f.mention.kind == kind)
            what += f" and {count} {_plural(kind, count)}"
        lines = [f"OK: all {what} in the output appear in the source."]
    else:
        what = f"{len(report.unsupported)} of {len(report.unsupported) + len(report.supported)} numbers"
        for kind in kinds:
            count = sum(1 for f in checked if f.mention.kind == kind)
            failed = sum(1 for f in report.failed if f.mention.kind == kind)
            what += f" and {failed} of {count} {_plural(kind, count)}"
        lines = [f"NOT VERIFIED: {what} are not in the source:"]
        items: list[tuple[int, list[str]]] = []
        for index, mention in enumerate(report.unsupported):
            item = [_in_context(output, mention.start, mention.end, mention.text, mention.value, context)]
            if index < len(report.conflicts) and report.conflicts[index]:
                item.append(f"    why: {report.reason(index)}")
            items.append((mention.start, item))
        for finding in report.failed:
            m = finding.mention
            value = None if m.kind == "quote" else m.value  # a quote's value is its own text, folded
            item = [_in_context(output, m.start, m.end, m.text, value, context), f"    why: {finding.reason}"]
            items.append((m.start, item))
        for _, item in sorted(items, key=lambda pair: pair[0]):
            lines += item
    if report.not_checked:
        from summarizer.numbers.mentions import not_checked_groups

        groups = not_checked_groups([(f.mention.kind, f.mention.text) for f in report.not_checked])
        lines += [f"{not_done.capitalize()} ({what}): {texts}" for what, not_done, texts in groups]
    return "\n".join(lines)


def _plural(kind: str, count: int) -> str:
    from summarizer.numbers.mentions import PLURALS

    singular, plural = PLURALS.get(kind, (kind, kind + "s"))
    return singular if count == 1 else plural


def _in_context(output: str, start: int, end: int, text: str, value: object, context: int) -> str:
    before = output[max(0, start - context) : start].replace("\n", " ")
    after = output[end : end + context].replace("\n", " ")
    shown = "" if value is None else f" (value {value})"
    return f"  {start}-{end} {text!r}{shown}: …{before}[{text}]{after}…"


def render_translation(result: TranslationResult) -> str:
    """A translation run as Markdown: each article's paragraphs in turn, source then translation."""
    parts = [render_translated_article(article, model=result.model) for article in result.articles]
    return "\n\n---\n\n".join(parts) + "\n"


def render_translated_article(article: ArticleTranslation, *, model: str | None) -> str:
    """One article: each paragraph's source and translation, flagged where a number was added or dropped."""
    if article.error is not None:
        return render_failed(article)
    source, target = (
        LANGUAGE_NAMES.get(article.language, article.language),
        LANGUAGE_NAMES.get(article.target, article.target),
    )
    lines = [f"# {escape(article.title) or 'Article ' + escape(article.id)}", ""]
    status = "✅ every number checked both ways" if article.ok else f"{FLAG} **{article.flagged} problem(s) flagged**"
    lines += [f"*Article {escape(article.id)} · {source} into {target} · model: {escape(model or '—')} · {status}*", ""]
    for paragraph in article.paragraphs:
        lines += [f"## ¶ {paragraph.id}", "", _rtl(escape(paragraph.source), article.language), ""]
        translation = escape(paragraph.translation) if paragraph.translation else "*No translation.*"
        lines += [_rtl(translation + _number_marks(paragraph), article.target), ""]
        lines += [f"- {FLAG} {escape(problem.message)}" for problem in paragraph.problems]
        lines += [
            f"- {FLAG} text aimed at the model ({escape(injected.reason)}): translated as text, not followed"
            for injected in paragraph.injected
        ]
        if paragraph.problems or paragraph.injected:
            lines.append("")
    if article.problems:
        lines += ["## Problems", ""] + [f"- {FLAG} {escape(problem.message)}" for problem in article.problems] + [""]
    if article.notes:
        lines += ["## Notes", ""] + [f"- {escape(note)}" for note in article.notes] + [""]  # may quote a server
    usage = article.usage
    lines.append(f"*{usage.calls} call(s), {usage.input_tokens} input and {usage.output_tokens} output tokens.*")
    return "\n".join(lines)


def _number_marks(paragraph: TranslatedParagraph) -> str:
    """The flags after a translation: each number it added and each one it dropped."""
    marks = [f"**{FLAG} added {escape(n.text)}**" for n in paragraph.numbers.added]
    marks += [f"**{FLAG} dropped {escape(n.text)}**" for n in paragraph.numbers.dropped]
    return (" " + " ".join(marks)) if marks else ""
