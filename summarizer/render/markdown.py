"""Markdown for people. Arabic blocks are wrapped in ``<div dir="rtl">`` so they read right to left.

The Markdown's own words (headings, labels, states) are in the interface language a run chose (``interface="en"``
or ``"ar"``: summarizer.render.interface); the article, its summaries and the verifier's reasons stay as written.
When a run has several inputs, each article's heading names the input file it came from.
"""

from __future__ import annotations

import re

from summarizer.controls import inert
from summarizer.languages import LANGUAGES, SUPPORTED_LANGUAGES
from summarizer.numbers import VerificationReport
from summarizer.numbers.mentions import PLURALS, Finding
from summarizer.numbers.mentions import joined as _joined
from summarizer.render.interface import Interface, chosen_interface, interface, several_inputs
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
STATE_ICONS = {NumberState.VERIFIED: "", NumberState.NEEDS_REVIEW: "?", NumberState.UNSUPPORTED: FLAG}
STATE_KEYS = {
    NumberState.VERIFIED: "verified",
    NumberState.NEEDS_REVIEW: "review",
    NumberState.UNSUPPORTED: "unsupported",
}


def _state_mark(state: NumberState, ui: Interface) -> str:
    """A summary sentence's mark: "" when verified, else its icon and state ("? needs review")."""
    return f"{STATE_ICONS[state]} {ui[STATE_KEYS[state]]}" if STATE_ICONS[state] else ""


def render_result(result: SummaryResult, *, interface: str = "en") -> str:
    """The whole run as Markdown, its own words in ``interface`` ("en" or "ar")."""
    ui = chosen_interface(interface)
    several = several_inputs(result.articles)
    parts = []
    for article in result.articles:
        parts.append(render_article(article, engine=result.engine, model=result.model, ui=ui, name_input=several))
    return "\n\n---\n\n".join(parts) + "\n"


def _heading(article: ArticleResult | ArticleTranslation, ui: Interface, name_input: bool) -> str:
    """An article's heading: its title, else "Article N"; and the input file it came from when ``name_input``."""
    heading = escape(article.title) or ui.format("article", id=escape(article.id))
    if name_input and article.input:
        heading += f" · {escape(article.input)}"
    return f"# {heading}"


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


def render_failed(
    article: ArticleResult | ArticleTranslation, *, ui: Interface | None = None, name_input: bool = False
) -> str:
    """A failed article (or input): why, and no claim that anything was verified."""
    ui = ui or interface("en")
    if article.title or article.id:
        heading = _heading(article, ui, name_input)
    else:
        heading = f"# {escape(article.input or ui['input'])}"
    return f"{heading}\n\n{FLAG} **{ui['failed']}** {escape(article.error.message if article.error else '')}\n"


def render_article(
    article: ArticleResult, *, engine: str, model: str | None, ui: Interface | None = None, name_input: bool = False
) -> str:
    """One article: title, summaries, key figures, verification, notes; ``ui`` words the chrome (English when
    None); ``name_input`` puts the input file in the heading."""
    ui = ui or interface("en")
    verification = article.verification
    lines = [_heading(article, ui, name_input), ""]
    by = f"{engine}" + (f", {model}" if model else "")
    meta = [ui.format("article", id=escape(article.id))]
    if article.input and not name_input:
        meta.append(f"{ui['file']}: {escape(article.input)}")
    meta += [f"{ui['language_label']}: {ui.name(article.language)}", f"{ui['engine']}: {escape(by)}"]
    lines += [f"*{' · '.join(meta)}*", ""]
    if article.error is not None:  # nothing was produced: say why, claim nothing verified
        return render_failed(article, ui=ui, name_input=name_input)
    for language, summary in article.summaries.items():
        lines += [f"## {ui.format('summary_of', language=ui.name(language))}", ""]
        if summary is None:
            lines += [f"*{ui['not_produced']}*", ""]
            continue
        bullets = []
        for index, sentence in enumerate(summary.sentences):
            state = _state_mark(verification.status(Location.summary(language, index)), ui)
            mark = f" **{state}**" if state else ""
            cites = ", ".join(str(s) for s in sentence.sources)
            bullets.append(f"- {escape(sentence.text)} [{cites}]{mark}")
        lines += [_rtl("\n".join(bullets), language), ""]
    lines += [f"## {ui['key_figures']}", ""]
    if article.key_figures:
        lines += [_rtl(_key_figure_table(article, ui), article.language)]
    else:
        lines.append(f"*{ui['none_found']}*")
    lines += ["", f"## {ui['verification']}", ""]
    if verification.ok:
        lines.append(f"✅ {ui.summary_line(verification)}.")
    else:
        lines.append(f"{FLAG} **{ui['not_verified']}** {ui.summary_line(verification)}.")
    problems = verification.unsupported + verification.grounding
    if problems:
        lines += ["", ui["problems_intro"], ""]
        lines += [f"- `{problem.field}`: {escape(problem.message)}" for problem in problems]
    if verification.uncited:
        lines += ["", ui["review_intro"], ""]
        lines += [f"- `{p.field}`: {escape(p.message)}" for p in verification.uncited]
    if article.notes:
        lines += ["", f"## {ui['notes']}", ""] + [f"- {escape(note)}" for note in article.notes]  # may quote a server
    return "\n".join(lines)


def _key_figure_table(article: ArticleResult, ui: Interface) -> str:
    """One row per figure, without empty columns; each distinct quote listed once under the table."""
    figures = article.key_figures
    labels = [lang for lang in SUPPORTED_LANGUAGES if any(figure.label.get(lang) for figure in figures)]
    show_value = any(figure.value is not None for figure in figures)
    quotes = list(dict.fromkeys(figure.quote for figure in figures))
    header = ["#", ui["col_number"]] + ([ui["col_value"]] if show_value else [])
    header += [ui.counts_column(lang) for lang in labels] + [ui["col_quote"]]
    rows = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for index, figure in enumerate(figures):
        icon = STATE_ICONS[article.verification.status(Location.key_figure(index))]
        mark = f" {icon}" if icon else ""
        cells = [str(index + 1), escape(figure.text) + mark]
        if show_value:
            cells.append("—" if figure.value is None else escape(str(figure.value)))
        cells += [escape(figure.label.get(lang)) or "—" for lang in labels]
        cells.append(f"Q{quotes.index(figure.quote) + 1}")
        rows.append("| " + " | ".join(cells) + " |")
    rows += [""] + [f"- **Q{number}**: {escape(quote)}" for number, quote in enumerate(quotes, 1)]
    return "\n".join(rows)


def render_verification(report: VerificationReport, output: str, *, context: int = 30) -> str:
    """The plain-text report of ``summarizer verify``: one line per unsupported number, date, quote or name, with context.

    A date (or another kind of mention) always has its ``why:`` line; a number has one for a counted-thing
    conflict. Mentions that need review (a name not found across scripts) are listed after the unsupported
    ones, each with its ``why:``. Relative dates ("yesterday") are named as not checked. A kind the output
    does not name is left out of the counts ("1 of 1 date", not "0 of 0 numbers and 1 of 1 date").
    """
    checked = report.checked_findings
    counts = {"number": len(report.unsupported) + len(report.supported)}
    for finding in checked:
        counts[finding.mention.kind] = counts.get(finding.mention.kind, 0) + 1
    order = list(PLURALS)  # numbers first, then the kinds in the order they are registered
    counts = {kind: counts[kind] for kind in sorted(counts, key=order.index) if counts[kind]}
    if report.ok:
        if not counts:
            return _with_closing_lines(report, ["OK: the output names no number, date, quote or name to check."])
        what = _joined([f"{count} {_plural(kind, count)}" for kind, count in counts.items()])
        if sum(counts.values()) == 1:
            return _with_closing_lines(report, [f"OK: the {what} in the output appears in the source."])
        return _with_closing_lines(report, [f"OK: all {what} in the output appear in the source."])
    lines: list[str] = []
    failed = {"number": len(report.unsupported)}
    for finding in report.failed:
        failed[finding.mention.kind] = failed.get(finding.mention.kind, 0) + 1
    if any(failed.values()):
        what = _joined([f"{failed.get(kind, 0)} of {count} {_plural(kind, count)}" for kind, count in counts.items()])
        lines.append(f"NOT VERIFIED: {what} are not in the source:")
        items: list[tuple[int, list[str]]] = []
        for index, mention in enumerate(report.unsupported):
            item = [_in_context(output, mention.start, mention.end, mention.text, mention.value, context)]
            if index < len(report.conflicts) and report.conflicts[index]:
                item.append(f"    why: {report.reason(index)}")
            items.append((mention.start, item))
        items += [(finding.mention.start, _finding_lines(finding, output, context)) for finding in report.failed]
        for _, item in sorted(items, key=lambda pair: pair[0]):
            lines += item
    if report.to_review:
        review: dict[str, int] = {}
        for finding in report.to_review:
            review[finding.mention.kind] = review.get(finding.mention.kind, 0) + 1
        what = _joined([f"{count} of {counts[kind]} {_plural(kind, counts[kind])}" for kind, count in review.items()])
        heading = "NEEDS REVIEW" if not lines else "Needs review"
        lines.append(f"{heading}: {what} need a person to check them against the source:")
        for finding in report.to_review:
            lines += _finding_lines(finding, output, context)
    return _with_closing_lines(report, lines)


def _finding_lines(finding: Finding, output: str, context: int) -> list[str]:
    """A mention of another kind than a number in its context, with its ``why:`` line."""
    m = finding.mention
    value = None if m.kind == "quote" else m.value  # a quote's value is its own text, folded
    return [_in_context(output, m.start, m.end, m.text, value, context), f"    why: {finding.reason}"]


def _with_closing_lines(report: VerificationReport, lines: list[str]) -> str:
    """The report: ``lines``, then the evidence of each name verified across scripts and a line per kind of
    mention named but not checked."""
    evidence = [f.note for f in report.findings if f.supported and f.mention.kind == "name" and f.note]
    if evidence:  # a table, the glossary or a transliteration links it, not the same letters: say which
        lines = [*lines, f"Names found across scripts: {'; '.join(evidence)}."]
    if report.not_checked:
        from summarizer.numbers.mentions import not_checked_groups

        groups = not_checked_groups([(f.mention.kind, f.mention.text) for f in report.not_checked])
        lines += [f"{not_done.capitalize()} ({what}): {texts}" for what, not_done, texts in groups]
    return "\n".join(lines)


def _plural(kind: str, count: int) -> str:
    singular, plural = PLURALS.get(kind, (kind, kind + "s"))
    return singular if count == 1 else plural


def _in_context(output: str, start: int, end: int, text: str, value: object, context: int) -> str:
    before = output[max(0, start - context) : start].replace("\n", " ")
    after = output[end : end + context].replace("\n", " ")
    shown = "" if value is None else f" (value {value})"
    return f"  {start}-{end} {text!r}{shown}: …{before}[{text}]{after}…"


def render_translation(result: TranslationResult, *, interface: str = "en") -> str:
    """A translation run as Markdown: each article's paragraphs in turn, source then translation; its own
    words in ``interface`` ("en" or "ar")."""
    ui = chosen_interface(interface)
    several = several_inputs(result.articles)
    parts = [
        render_translated_article(article, model=result.model, ui=ui, name_input=several) for article in result.articles
    ]
    return "\n\n---\n\n".join(parts) + "\n"


def render_translated_article(
    article: ArticleTranslation, *, model: str | None, ui: Interface | None = None, name_input: bool = False
) -> str:
    """One article: each paragraph's source and translation, flagged where a number, date or name was added or
    dropped."""
    ui = ui or interface("en")
    if article.error is not None:
        return render_failed(article, ui=ui, name_input=name_input)
    languages = ui.format("from_into", source=ui.name(article.language), target=ui.name(article.target))
    lines = [_heading(article, ui, name_input), ""]
    status = f"✅ {ui['checked_both_ways']}" if article.ok else f"{FLAG} **{ui.count('flagged', article.flagged)}**"
    meta = [ui.format("article", id=escape(article.id))]
    if article.input and not name_input:
        meta.append(f"{ui['file']}: {escape(article.input)}")
    meta += [languages, f"{ui['model']}: {escape(model or '—')}", status]
    lines += [f"*{' · '.join(meta)}*", ""]
    for paragraph in article.paragraphs:
        lines += [f"## ¶ {paragraph.id}", "", _rtl(escape(paragraph.source), article.language), ""]
        translation = escape(paragraph.translation) if paragraph.translation else f"*{ui['no_translation']}*"
        lines += [_rtl(translation + _number_marks(paragraph, ui), article.target), ""]
        lines += [f"- {FLAG} {escape(problem.message)}" for problem in paragraph.problems]
        lines += [
            f"- {FLAG} {ui.format('aimed_at_model', reason=escape(injected.reason))}" for injected in paragraph.injected
        ]
        if paragraph.problems or paragraph.injected:
            lines.append("")
    if article.problems:
        problems = [f"- {FLAG} {escape(problem.message)}" for problem in article.problems]
        lines += [f"## {ui['problems_heading']}", "", *problems, ""]
    if article.notes:
        lines += (
            [f"## {ui['notes']}", ""] + [f"- {escape(note)}" for note in article.notes] + [""]
        )  # may quote a server
    usage = article.usage
    tokens = ui.format(
        "tokens_md", calls=ui.count("calls", usage.calls), input=usage.input_tokens, output=usage.output_tokens
    )
    lines.append(f"*{tokens}*")
    return "\n".join(lines)


def _number_marks(paragraph: TranslatedParagraph, ui: Interface) -> str:
    """The flags after a translation: each number, date and name it added and each one it dropped."""
    marks = [f"**{FLAG} {ui.format('added', number=escape(n.text))}**" for n in paragraph.numbers.added]
    marks += [f"**{FLAG} {ui.format('dropped', number=escape(n.text))}**" for n in paragraph.numbers.dropped]
    return (" " + " ".join(marks)) if marks else ""
