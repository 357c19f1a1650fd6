"""Deterministic grounding checks of one article's output against its source.

Both engines finish here, so an extractive result and a model result are held
to the same rules: every number in every output field must be supported by
the article (summarizer.numbers.verify), cited sentence ids must exist, key
figure quotes must be verbatim and hold their number, and each summary must be
written in its language. Nothing here knows a model exists.
"""

from __future__ import annotations

from collections.abc import Iterable

from summarizer.articles import Article
from summarizer.numbers import SourceIndex, extract_numbers, index_source, verify
from summarizer.results import KeyFigure, Problem, Summary, Verification

ARABIC_RANGES = (("\u0600", "\u06ff"), ("\u0750", "\u077f"), ("\ufb50", "\ufdff"), ("\ufe70", "\ufeff"))
MIN_SCRIPT_SHARE = 0.8


def output_fields(summaries: dict[str, Summary | None], key_figures: list[KeyFigure]) -> list[tuple[str, str]]:
    """Every piece of output text a reader will see, with the name of its field."""
    fields: list[tuple[str, str]] = []
    for language, summary in summaries.items():
        if summary is None:
            continue
        for index, sentence in enumerate(summary.sentences):
            fields.append((f"summaries.{language}[{index}]", sentence.text))
    for index, figure in enumerate(key_figures):
        fields.append((f"key_figures[{index}].text", figure.text))
        for language, label in figure.label.items():
            if label:
                fields.append((f"key_figures[{index}].label.{language}", label))
    return fields


def check_article(
    article: Article, summaries: dict[str, Summary | None], key_figures: list[KeyFigure]
) -> Verification:
    """Run every check and return the verification report for one article."""
    result = Verification()
    source = index_source(article.text)
    for field_name, text in output_fields(summaries, key_figures):
        report = verify(source, text)
        result.checked += len(report.unsupported) + len(report.supported)
        result.supported += len(report.supported)
        for index, mention in enumerate(report.unsupported):
            conflict = index < len(report.conflicts) and report.conflicts[index]
            result.unsupported.append(
                Problem(
                    field=field_name,
                    kind="unsupported_number",
                    message=report.reason(index) if conflict else f"{mention.text!r} ({mention.value}) is not in the source",
                    text=mention.text,
                    value=mention.value,
                )
            )
    result.grounding.extend(citation_problems(article, summaries))
    result.grounding.extend(quote_problems(article, key_figures))
    result.grounding.extend(language_problems(summaries))
    result.uncited.extend(uncited_numbers(article, summaries, source))
    return result


def citation_problems(article: Article, summaries: dict[str, Summary | None]) -> list[Problem]:
    """Summary sentences that cite no sentence, or a sentence id the article does not have."""
    problems = []
    count = len(article.sentences)
    for language, summary in summaries.items():
        if summary is None:
            continue
        for index, sentence in enumerate(summary.sentences):
            field_name = f"summaries.{language}[{index}]"
            if not sentence.sources:
                problems.append(Problem(field_name, "no_citation", "the sentence cites no source sentence"))
            unknown = [s for s in sentence.sources if not 1 <= s <= count]
            if unknown:
                problems.append(
                    Problem(
                        field_name,
                        "unknown_citation",
                        f"cites sentence ids {unknown} but the article has sentences 1-{count}",
                    )
                )
    return problems


def quote_problems(article: Article, key_figures: Iterable[KeyFigure]) -> list[Problem]:
    """Key figures whose quote is not verbatim at its offsets or does not hold the number."""
    problems = []
    for index, figure in enumerate(key_figures):
        field_name = f"key_figures[{index}]"
        if figure.value is None:
            problems.append(
                Problem(field_name, "not_a_number", "the key figure holds no number", text=figure.text)
            )
        if figure.start is None or figure.end is None or (
            article.text[figure.start - article.offset : figure.end - article.offset] != figure.quote
        ):
            problems.append(
                Problem(field_name, "quote_not_verbatim", "the quote is not found verbatim in the source", text=figure.quote)
            )
            continue
        if figure.number_start is None or figure.number_end is None or (
            article.text[figure.number_start - article.offset : figure.number_end - article.offset] != figure.text
        ):
            problems.append(
                Problem(field_name, "number_not_in_quote", "the number is not in its quote", text=figure.text)
            )
    return problems


def script_share(text: str, language: str) -> float:
    """Share of the letters in text that belong to the language's script."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 1.0
    arabic = sum(1 for ch in letters if any(lo <= ch <= hi for lo, hi in ARABIC_RANGES))
    share = arabic / len(letters)
    return share if language == "ar" else 1.0 - share


def language_problems(summaries: dict[str, Summary | None]) -> list[Problem]:
    """Summary sentences not written in their summary's language (a script check)."""
    problems = []
    for language, summary in summaries.items():
        if summary is None:
            continue
        for index, sentence in enumerate(summary.sentences):
            share = script_share(sentence.text, language)
            if share < MIN_SCRIPT_SHARE:
                problems.append(
                    Problem(
                        f"summaries.{language}[{index}]",
                        "wrong_language",
                        f"only {share:.0%} of its letters are in the {language} script",
                        text=sentence.text,
                    )
                )
    return problems


def uncited_numbers(
    article: Article, summaries: dict[str, Summary | None], source: SourceIndex | None = None
) -> list[Problem]:
    """Numbers supported by the article but not by the sentences the summary sentence cites."""
    source = source or index_source(article.text)
    problems = []
    by_id = {sentence.id: sentence.text for sentence in article.sentences}
    for language, summary in summaries.items():
        if summary is None:
            continue
        for index, sentence in enumerate(summary.sentences):
            if not extract_numbers(sentence.text):
                continue
            cited = "\n".join(by_id[s] for s in sentence.sources if s in by_id)
            in_article = {(m.output.start, m.output.end) for m in verify(source, sentence.text).supported}
            for mention in verify(cited, sentence.text).unsupported:
                if (mention.start, mention.end) not in in_article:
                    continue  # not in the article at all: already flagged as unsupported
                problems.append(
                    Problem(
                        f"summaries.{language}[{index}]",
                        "number_not_in_cited_sentences",
                        f"{mention.text!r} is not in the cited sentences {sentence.sources}",
                        text=mention.text,
                        value=mention.value,
                    )
                )
    return problems
