"""Deterministic grounding checks of one article's summaries and key figures against its source.

Both engines finish here, so an extractive result and a model result are held
to the same rules. Every number, date, quote and name in every output field gets a state
(summarizer.numbers.verify does the matching):

* verified: a sentence the summary sentence cites holds it (for a key figure,
  its verbatim quote holds it; a name: the article, anywhere);
* needs review: the article holds it, but not there; or its checker judges that a person should look
  (a name written in the other script that nothing links to the article: ``Finding.review``);
* unsupported: the article does not hold it, or only in a sentence aimed at the
  model (summarizer.injection), which supports nothing.

Cited sentence ids must exist, key figure quotes must be verbatim and hold their
number, nothing may rest on injected text, and each summary must be written in
its language. Nothing here knows a model exists.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from summarizer.articles import Article
from summarizer.glossary import Glossary
from summarizer.injection import Injection
from summarizer.injection import injection_note as injected_text_note
from summarizer.languages import detect_language, script_shortfall
from summarizer.lazy import cached_property
from summarizer.numbers import NumberMention, SourceIndex, VerificationReport, index_source, verify
from summarizer.numbers.extract import scan_numbers
from summarizer.numbers.mentions import CHECKERS, CheckContext, Finding
from summarizer.numbers.verify import covered
from summarizer.results import (
    InjectedText,
    KeyFigure,
    Location,
    NumberCheck,
    NumberState,
    Problem,
    Summary,
    SummarySentence,
    Unchecked,
    Verification,
)

MIN_SCRIPT_SHARE = 0.8


def summary_sentences(summaries: dict[str, Summary | None]) -> Iterator[tuple[Location, SummarySentence]]:
    """Every summary sentence with its location, language by language."""
    for language, summary in summaries.items():
        if summary is None:
            continue
        for index, sentence in enumerate(summary.sentences):
            yield Location.summary(language, index), sentence


def check_article(
    article: Article,
    summaries: dict[str, Summary | None],
    key_figures: list[KeyFigure],
    *,
    source: SourceIndex | None = None,
    glossary: Glossary | None = None,
) -> Verification:
    """Run every check and return the verification report for one article.

    ``source`` is the article's text already indexed by the verifier, when the caller has it. ``glossary``:
    the user's; its terms the article holds link names across scripts, as the name tables do.
    """
    evidence = Evidence(article, source, glossary)
    result = Verification(injected=[InjectedText.at(i, article.offset) for i in evidence.injections.values()])
    for location, sentence in summary_sentences(summaries):
        cited = [s for s in sentence.sources if s in evidence.sentences and s not in evidence.injections]
        passages = [evidence.sentence_passage(s) for s in cited]
        result.numbers += evidence.judge(
            location, sentence.text, passages, f"the cited sentences {sentence.sources}", language=location.language
        )
    for index, figure in enumerate(key_figures):
        passages = []
        quote_start = None if figure.start is None else figure.start - article.offset
        if quote_start is not None and evidence.injected_in(quote_start, quote_start + len(figure.quote)) is None:
            passages.append(Passage(quote_start, index_source(figure.quote)))
        anchor = evidence.mention_at(figure.number_start, figure.number_end)
        label = next((label for label in figure.label.values() if label), None)
        for location, text in figure_texts(index, figure):
            if location.part == "text":
                result.numbers += evidence.judge(location, text, passages, "its quote", anchor, context=label)
            else:
                result.numbers += evidence.judge(location, text, passages, "its quote", language=location.language)
    result.not_checked = evidence.unchecked
    for number in result.numbers:
        if number.state is NumberState.VERIFIED:
            continue
        if number.state is NumberState.UNSUPPORTED:
            kind = f"unsupported_{number.mention}"
        elif number.source_start is not None:  # the article holds it elsewhere
            kind = f"{number.mention}_not_in_cited_sentences"
        else:  # the checker's own judgement (a name not found across scripts)
            kind = f"{number.mention}_needs_review"
        problem = Problem(
            number.location,
            kind,
            number.reason or "",
            text=number.text,
            value=number.value,
            state=number.state,
            repair=not kind.endswith("_needs_review"),  # the model cannot tell a name the tables miss either
        )
        (result.unsupported if number.state is NumberState.UNSUPPORTED else result.uncited).append(problem)
    result.checked = len(result.numbers)
    result.supported = sum(1 for number in result.numbers if number.state is NumberState.VERIFIED)
    result.grounding.extend(citation_problems(article, summaries, evidence.injections))
    result.grounding.extend(figure_citation_problems(article, key_figures, evidence))
    result.grounding.extend(quote_problems(article, key_figures))
    result.grounding.extend(language_problems(summaries))
    return result


def _anywhere(kind: str) -> bool:
    """Whether a mention of ``kind`` that the article holds outside the cited sentences is verified (names)."""
    spec = CHECKERS.get(kind)
    return spec is not None and spec.anywhere


def injection_note(verification: Verification) -> str | None:
    """The note that says the article holds text aimed at the model, naming its sentences."""
    places = [f"sentence {i.sentence} ({i.reason})" for i in verification.injected]
    return injected_text_note(places, "It was not followed and supports nothing.")


def figure_texts(index: int, figure: KeyFigure) -> list[tuple[Location, str]]:
    """A key figure's number and its labels, with their locations."""
    texts = [(Location.key_figure(index, "text"), figure.text)]
    texts += [(Location.key_figure(index, "label", lang), label) for lang, label in figure.label.items() if label]
    return texts


@dataclass(frozen=True)
class Passage:
    """Text that may verify a number: a cited sentence or a key figure's quote, at its article offset."""

    offset: int
    index: SourceIndex


class Evidence:
    """What in one article can support an output number, and where; injected sentences support nothing."""

    def __init__(self, article: Article, whole: SourceIndex | None = None, glossary: Glossary | None = None) -> None:
        self.article = article
        # the glossary's terms the article holds, as the name checker takes them: one tuple for every output it
        # checks against this article, so that its look-up table is built once (CheckContext.glossary)
        self.glossary = glossary.across(article.text, self.source_language) if glossary and glossary.terms else ()
        self.sentences = {sentence.id: sentence for sentence in article.sentences}
        self.injections: dict[int, Injection] = {i.sentence: i for i in article.injections}
        if whole is not None:
            self.whole = whole
        self._passages: dict[int, Passage] = {}
        self.unchecked: list[Unchecked] = []  # mentions named but not checked (relative dates), as judged

    @cached_property
    def source_language(self) -> str:
        """The article's language ("en", "ar"), as its result names it."""
        return detect_language(self.article.text)

    @cached_property
    def whole(self) -> SourceIndex:
        """The whole article indexed by the verifier (built on first use: output without numbers needs none)."""
        return index_source(self.article.text)

    @cached_property
    def clean(self) -> SourceIndex:
        """The article without its injected sentences, indexed; the whole article's index when it has none."""
        if not self.injections:
            return self.whole
        clean = self.article.text
        for injection in self.injections.values():  # blanked, not cut out, so offsets still hold
            clean = clean[: injection.start] + " " * (injection.end - injection.start) + clean[injection.end :]
        return index_source(clean)

    def sentence_passage(self, sentence_id: int) -> Passage:
        if sentence_id not in self._passages:
            sentence = self.sentences[sentence_id]
            self._passages[sentence_id] = Passage(sentence.start, index_source(sentence.text))
        return self._passages[sentence_id]

    def sentence_at(self, offset: int) -> int | None:
        """The id of the article sentence at an article offset."""
        sentences = self.article.sentences  # in text order, none overlapping
        index = bisect.bisect_right(sentences, offset, key=lambda sentence: sentence.start) - 1
        return sentences[index].id if index >= 0 and offset < sentences[index].end else None

    def injected_in(self, start: int, end: int) -> Injection | None:
        """The injected sentence that overlaps article offsets ``start``-``end``, if any."""
        return next((i for i in self.injections.values() if i.start < end and start < i.end), None)

    def mention_at(self, start: int | None, end: int | None) -> NumberMention | None:
        """The article's number mention at exactly these document offsets, if there is one."""
        if start is None or end is None:
            return None
        start, end = start - self.article.offset, end - self.article.offset
        if self.injected_in(start, end) is not None:
            return None
        mentions = self.whole.mentions  # in text order, none overlapping
        index = bisect.bisect_left(mentions, start, key=lambda mention: mention.start)
        found = mentions[index] if index < len(mentions) else None
        return found if found is not None and (found.start, found.end) == (start, end) else None

    def judge(
        self,
        location: Location,
        text: str,
        passages: list[Passage],
        cited: str,
        anchor: NumberMention | None = None,
        context: str | None = None,
        language: str | None = None,
    ) -> list[NumberCheck]:
        """Each number, date, quote and name of ``text``: verified by ``passages``, else needs review or unsupported.

        ``anchor`` is the article's own mention that a key figure points at: the figure's number, read
        alone, may take another kind than in its sentence ("2011" in "from 87.2 per cent in 2011"), and
        is still that very number when its value is the same. ``context`` is read after ``text`` to
        say what its numbers count (a key figure's label: "500" labelled "people died" is not the
        article's "500 tonnes"); its own numbers are judged where it is shown, not here. ``language``
        is the output's language (the quote checker tells a translated quote by it). Relative dates
        ("yesterday") are named in ``self.unchecked``, not judged.
        """
        limit = len(text)
        if context:
            text = f"{text} {context}"
        mentions, scan = scan_numbers(text)
        # one reading of the output (its numbers, dates, quotes) for every source it is checked against
        shared: dict[str, Any] = {"scan": (text, scan), "numbers": mentions}

        def check_context() -> CheckContext:
            return CheckContext(
                language, self.source_language, limit if context else None, glossary=self.glossary, cache=shared
            )

        clean_report = verify(self.clean, text, check_context())
        findings = [f for f in clean_report.findings if f.mention.start < limit]
        mentions = [mention for mention in covered(mentions, findings) if mention.start < limit]
        self.unchecked += [
            Unchecked(location, f.mention.text, f.mention.kind, f.mention.start, f.mention.end, f.reason or "", f.note)
            for f in findings
            if not f.checked
        ]
        findings = [f for f in findings if f.checked]
        if not mentions and not findings:
            return []
        reports = [verify(passage.index, text, check_context()) for passage in passages]
        supports = [_supports(report, passage.offset) for report, passage in zip(reports, passages, strict=True)]
        elsewhere = _supports(clean_report)
        anywhere = elsewhere if self.clean is self.whole else _supports(verify(self.whole, text, check_context()))
        offset = self.article.offset
        checks = []
        items: list[NumberMention | Finding] = [*mentions, *findings]
        items.sort(key=lambda item: item.start if isinstance(item, NumberMention) else item.mention.start)
        for item in items:
            mention = item if isinstance(item, NumberMention) else item.mention
            key = (mention.start, mention.end)
            found = next((support[key] for support in supports if key in support), None)
            if (
                found is None
                and isinstance(item, NumberMention)
                and anchor is not None
                and len(mentions) == 1
                and anchor.value == mention.value
            ):
                found = (anchor.start, anchor.end)
            if found is not None:
                state, reason = NumberState.VERIFIED, None
            elif key in elsewhere and not isinstance(item, NumberMention) and _anywhere(item.mention.kind):
                found = elsewhere[key]
                state, reason = NumberState.VERIFIED, None
            elif key in elsewhere:
                found = elsewhere[key]
                state = NumberState.NEEDS_REVIEW
                reason = (
                    f"{mention.text!r} is not in {cited}; the article has it in sentence {self.sentence_at(found[0])}"
                )
            elif key in anywhere and (injected := self.injected_in(*anywhere[key])) is not None:
                state = NumberState.UNSUPPORTED
                reason = (
                    f"{mention.text!r} is only in sentence {injected.sentence}, which is text aimed at the model "
                    f"({injected.reason}): it supports nothing"
                )
            elif isinstance(item, NumberMention):
                state, reason = NumberState.UNSUPPORTED, self._absent(clean_report, item)
            elif item.review:  # the checker's own judgement: not found, but not wrong (a name across scripts)
                state, reason = NumberState.NEEDS_REVIEW, item.reason or f"{mention.text!r} is not in the source"
            else:
                state, reason = NumberState.UNSUPPORTED, item.reason or f"{mention.text!r} is not in the source"
            source: tuple[int | None, int | None, int | None] = (None, None, None)
            if found is not None and state is not NumberState.UNSUPPORTED:
                source = (offset + found[0], offset + found[1], self.sentence_at(found[0]))
            checks.append(
                NumberCheck(
                    location,
                    mention.text,
                    mention.value,
                    mention.kind,
                    mention.start,
                    mention.end,
                    state,
                    reason,
                    *source,
                    mention="number" if isinstance(item, NumberMention) else item.mention.kind,
                    note=None if isinstance(item, NumberMention) else item.note,
                )
            )
        return checks

    def _absent(self, report: VerificationReport, mention: NumberMention) -> str:
        """Why the article does not support ``mention``: what it counts there, when the value is there."""
        for index, unsupported in enumerate(report.unsupported):
            if (unsupported.start, unsupported.end) == (mention.start, mention.end) and report.conflicts[index]:
                return report.reason(index)
        return f"{mention.text!r} ({mention.value}) is not in the source"


def _supports(report: VerificationReport, offset: int = 0) -> dict[tuple[int, int], tuple[int, int]]:
    """Output span -> supporting span (article offsets) for each mention of the output the source holds."""
    spans = {(s.output.start, s.output.end): (offset + s.source.start, offset + s.source.end) for s in report.supported}
    for finding in report.findings:
        if finding.checked and finding.source is not None:
            spans[(finding.mention.start, finding.mention.end)] = (
                offset + finding.source.start,
                offset + finding.source.end,
            )
    return spans


def citation_problems(
    article: Article, summaries: dict[str, Summary | None], injections: dict[int, Injection] | None = None
) -> list[Problem]:
    """Summary sentences that cite no sentence, a sentence id the article does not have, or text aimed at the model."""
    problems = []
    count = len(article.sentences)
    for location, sentence in summary_sentences(summaries):
        if not sentence.sources:
            problems.append(Problem(location, "no_citation", "the sentence cites no source sentence"))
        unknown = [s for s in sentence.sources if not 1 <= s <= count]
        if unknown:
            problems.append(
                Problem(
                    location,
                    "unknown_citation",
                    f"cites sentence ids {unknown} but the article has sentences 1-{count}",
                )
            )
        problems += [
            _injected_citation(location, injection)
            for s in sentence.sources
            if (injection := (injections or {}).get(s))
        ]
    return problems


def figure_citation_problems(article: Article, key_figures: Iterable[KeyFigure], evidence: Evidence) -> list[Problem]:
    """Key figures that cite a sentence the article does not have, quote another sentence than the one
    they cite, or quote text aimed at the model."""
    problems = []
    count = len(article.sentences)
    for index, figure in enumerate(key_figures):
        location = Location.key_figure(index)
        known = figure.sentence is not None and 1 <= figure.sentence <= count
        if figure.sentence is not None and not known:
            problems.append(
                Problem(
                    location,
                    "unknown_citation",
                    f"cites sentence {figure.sentence} but the article has sentences 1-{count}",
                    value=figure.sentence,
                )
            )
        cited = evidence.injections.get(figure.sentence) if figure.sentence is not None else None
        if figure.start is not None and cited is None:
            start = figure.start - article.offset
            cited = evidence.injected_in(start, start + len(figure.quote))
            if cited is None and known and (elsewhere := _quoted_elsewhere(location, evidence, figure, start)):
                problems.append(elsewhere)
        if cited is not None:
            problems.append(_injected_citation(location, cited))
    return problems


def _quoted_elsewhere(location: Location, evidence: Evidence, figure: KeyFigure, start: int) -> Problem | None:
    """The problem of a key figure whose quote lies wholly outside the sentence it cites, else None."""
    sentence = evidence.sentences[figure.sentence] if figure.sentence is not None else None
    if sentence is None or (start < sentence.end and sentence.start < start + len(figure.quote)):
        return None
    holder = evidence.sentence_at(start)
    where = f"sentence {holder}" if holder is not None else "another part of the article"
    return Problem(
        location,
        "quote_not_in_cited_sentence",
        f"cites sentence {figure.sentence}, but its quote is in {where}",
        text=figure.quote,
        value=figure.sentence,
    )


def _injected_citation(location: Location, injection: Injection) -> Problem:
    return Problem(
        location,
        "cites_injected_text",
        f"rests on sentence {injection.sentence}, which is text aimed at the model ({injection.reason}): "
        "it supports nothing",
        text=injection.text,
    )


def quote_problems(article: Article, key_figures: Iterable[KeyFigure]) -> list[Problem]:
    """Key figures whose quote is not verbatim at its offsets or does not hold the number."""
    problems = []
    for index, figure in enumerate(key_figures):
        location = Location.key_figure(index)
        if figure.value is None:
            problems.append(Problem(location, "not_a_number", "the key figure holds no number", text=figure.text))
        if (
            figure.start is None
            or figure.end is None
            or (article.text[figure.start - article.offset : figure.end - article.offset] != figure.quote)
        ):
            problems.append(
                Problem(
                    location, "quote_not_verbatim", "the quote is not found verbatim in the source", text=figure.quote
                )
            )
            continue
        if (
            figure.number_start is None
            or figure.number_end is None
            or (article.text[figure.number_start - article.offset : figure.number_end - article.offset] != figure.text)
        ):
            problems.append(
                Problem(location, "number_not_in_quote", "the number is not in its quote", text=figure.text)
            )
    return problems


def language_problems(summaries: dict[str, Summary | None]) -> list[Problem]:
    """Summary sentences not written in their summary's language (a script check)."""
    problems = []
    for location, sentence in summary_sentences(summaries):
        language = location.language or ""
        share = script_shortfall(sentence.text, language, MIN_SCRIPT_SHARE)
        if share is not None:
            problems.append(
                Problem(
                    location,
                    "wrong_language",
                    f"only {share:.0%} of its letters are in the {language} script",
                    text=sentence.text,
                )
            )
    return problems
