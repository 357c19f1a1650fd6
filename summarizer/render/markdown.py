"""Markdown for people. Arabic blocks are wrapped in ``<div dir="rtl">`` so they read right to left."""

from __future__ import annotations

from summarizer.results import ArticleResult, LANGUAGE_NAMES, SummaryResult
from summarizer.numbers import VerificationReport

FLAG = "⚠"


def render_result(result: SummaryResult) -> str:
    """The whole run as Markdown."""
    parts = []
    for article in result.articles:
        parts.append(render_article(article, engine=result.engine, model=result.model))
    return "\n\n---\n\n".join(parts) + "\n"


def _rtl(text: str, language: str) -> str:
    return f'<div dir="rtl" lang="ar">\n\n{text}\n\n</div>' if language == "ar" else text


def _cell(text: str | None) -> str:
    return (text or "—").replace("|", "\\|").replace("\n", " ")


def render_article(article: ArticleResult, *, engine: str, model: str | None) -> str:
    """One article: title, summaries, key figures, verification, notes."""
    flagged = {problem.field for problem in article.verification.unsupported + article.verification.grounding}
    lines = [f"# {article.title or 'Article ' + article.id}", ""]
    by = f"{engine}" + (f", {model}" if model else "")
    lines += [f"*Article {article.id} · language: {article.language} · engine: {by}*", ""]
    for language, summary in article.summaries.items():
        name = LANGUAGE_NAMES.get(language, language)
        lines += [f"## {name} summary", ""]
        if summary is None:
            lines += ["*Not produced (see notes).*", ""]
            continue
        bullets = []
        for index, sentence in enumerate(summary.sentences):
            mark = f" **{FLAG} unverified**" if f"summaries.{language}[{index}]" in flagged else ""
            cites = ", ".join(str(s) for s in sentence.sources)
            bullets.append(f"- {sentence.text} [{cites}]{mark}")
        lines += [_rtl("\n".join(bullets), language), ""]
    lines += ["## Key figures", ""]
    if article.key_figures:
        lines += ["| # | number | value | counts (en) | counts (ar) | source quote | offsets |", "|---|---|---|---|---|---|---|"]
        for index, figure in enumerate(article.key_figures):
            mark = f" {FLAG}" if any(f.startswith(f"key_figures[{index}]") for f in flagged) else ""
            lines.append(
                f"| {index + 1} | {_cell(figure.text)}{mark} | {figure.value} | {_cell(figure.label.get('en'))} | "
                f"{_cell(figure.label.get('ar'))} | {_cell(figure.quote)} | {figure.start}–{figure.end} |"
            )
    else:
        lines.append("*None found.*")
    lines += ["", "## Verification", ""]
    verification = article.verification
    if verification.ok:
        lines.append(f"✅ All {verification.checked} numbers in the output appear in the source.")
    else:
        lines.append(f"{FLAG} **Not verified.** {len(verification.unsupported)} unsupported number(s):")
        lines.append("")
        for problem in verification.unsupported + verification.grounding:
            lines.append(f"- `{problem.field}`: {problem.message}")
    if verification.uncited:
        lines += ["", "Numbers found in the article but not in the cited sentences (check the citations):", ""]
        lines += [f"- `{p.field}`: {p.message}" for p in verification.uncited]
    if article.notes:
        lines += ["", "## Notes", ""] + [f"- {note}" for note in article.notes]
    return "\n".join(lines)


def render_verification(report: VerificationReport, output: str, *, context: int = 30) -> str:
    """The plain-text report of ``summarizer verify``: one line per unsupported number, with context."""
    if report.ok:
        return f"OK: all {len(report.supported)} numbers in the output appear in the source."
    lines = [f"NOT VERIFIED: {len(report.unsupported)} of {len(report.unsupported) + len(report.supported)} numbers are not in the source:"]
    for index, mention in enumerate(report.unsupported):
        before = output[max(0, mention.start - context) : mention.start].replace("\n", " ")
        after = output[mention.end : mention.end + context].replace("\n", " ")
        lines.append(f"  {mention.start}-{mention.end} {mention.text!r} (value {mention.value}): …{before}[{mention.text}]{after}…")
        if index < len(report.conflicts) and report.conflicts[index]:
            lines.append(f"    why: {report.reason(index)}")
    return "\n".join(lines)
