"""Deterministic grounding checks of one article's output against its source.

Both engines finish here, so an extractive result and a model result are held
to the same rules: every number in every output field must be supported by
the article (summarizer.numbers.verify), cited sentence ids must exist, key
figure quotes must be verbatim and hold their number, and each summary must be
written in its language. Nothing here knows a model exists.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from summarizer.articles import Article
from summarizer.languages import script_share
from summarizer.numbers import SourceIndex, extract_numbers, index_source, verify
from summarizer.results import KeyFigure, Location, Problem, Summary, SummarySentence, Verification

MIN_SCRIPT_SHARE = 0.8


def summary_sentences(summaries: dict[str, Summary | None]) -> Iterator[tuple[Location, SummarySentence]]:
    """Every summary sentence with its location, language by language."""
    for language, summary in summaries.items():
        if summary is None:
            continue
        for index, sentence in enumerate(summary.sentences):
            yield Location.summary(language, index), sentence


def output_texts(summaries: dict[str, Summary | None], key_figures: list[KeyFigure]) -> list[tuple[Location, str]]:
    """Every piece of output text a reader will see, with its location."""
    texts = [(location, sentence.text) for location, sentence in summary_sentences(summaries)]
    for index, figure in enumerate(key_figures):
        texts.append((Location.key_figure(index, "text"), figure.text))
        for language, label in figure.label.items():
            if label:
                texts.append((Location.key_figure(index, "label", language), label))
    return texts


def output_fields(summaries: dict[str, Summary | None], key_figures: list[KeyFigure]) -> list[tuple[str, str]]:
    """Every piece of output text with its location as JSON writes it ("summaries.en[2]", ...)."""
    return [(location.field, text) for location, text in output_texts(summaries, key_figures)]


def check_article(
    article: Article,
    summaries: dict[str, Summary | None],
    key_figures: list[KeyFigure],
    *,
    source: SourceIndex | None = None,
) -> Verification:
    """Run every check and return the verification report for one article.

    ``source`` is the article's text already indexed by the verifier, when the caller has it.
    """
    result = Verification()
    source = source or index_source(article.text)
    for location, text in output_texts(summaries, key_figures):
        report = verify(source, text)
        result.checked += len(report.unsupported) + len(report.supported)
        result.supported += len(report.supported)
        for index, mention in enumerate(report.unsupported):
            conflict = index < len(report.conflicts) and report.conflicts[index]
            result.unsupported.append(
                Problem(
                    location,
                    "unsupported_number",
                    report.reason(index) if conflict else f"{mention.text!r} ({mention.value}) is not in the source",
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
    for location, sentence in summary_sentences(summaries):
        if not sentence.sources:
            problems.append(Problem(location, "no_citation", "the sentence cites no source sentence"))
        unknown = [s for s in sentence.sources if not 1 <= s <= count]
        if unknown:
            problems.append(
                Problem(
                    location, "unknown_citation", f"cites sentence ids {unknown} but the article has sentences 1-{count}"
                )
            )
    return problems


def quote_problems(article: Article, key_figures: Iterable[KeyFigure]) -> list[Problem]:
    """Key figures whose quote is not verbatim at its offsets or does not hold the number."""
    problems = []
    for index, figure in enumerate(key_figures):
        location = Location.key_figure(index)
        if figure.value is None:
            problems.append(Problem(location, "not_a_number", "the key figure holds no number", text=figure.text))
        if figure.start is None or figure.end is None or (
            article.text[figure.start - article.offset : figure.end - article.offset] != figure.quote
        ):
            problems.append(
                Problem(location, "quote_not_verbatim", "the quote is not found verbatim in the source", text=figure.quote)
            )
            continue
        if figure.number_start is None or figure.number_end is None or (
            article.text[figure.number_start - article.offset : figure.number_end - article.offset] != figure.text
        ):
            problems.append(Problem(location, "number_not_in_quote", "the number is not in its quote", text=figure.text))
    return problems


def language_problems(summaries: dict[str, Summary | None]) -> list[Problem]:
    """Summary sentences not written in their summary's language (a script check)."""
    problems = []
    for location, sentence in summary_sentences(summaries):
        language = location.language or ""
        share = script_share(sentence.text, language)
        if share < MIN_SCRIPT_SHARE:
            problems.append(
                Problem(
                    location,
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
    for location, sentence in summary_sentences(summaries):
        if not extract_numbers(sentence.text):
            continue
        cited = "\n".join(by_id[s] for s in sentence.sources if s in by_id)
        in_article = {(m.output.start, m.output.end) for m in verify(source, sentence.text).supported}
        for mention in verify(cited, sentence.text).unsupported:
            if (mention.start, mention.end) not in in_article:
                continue  # not in the article at all: already flagged as unsupported
            problems.append(
                Problem(
                    location,
                    "number_not_in_cited_sentences",
                    f"{mention.text!r} is not in the cited sentences {sentence.sources}",
                    text=mention.text,
                    value=mention.value,
                )
            )
    return problems
