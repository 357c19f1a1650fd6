"""The state of every number a reader sees: verified, needs review or unsupported.

``article_number_states`` is the one adapter between results and renderers. Until the
results carry per-number states of their own, it computes them here from what exists: the
verifier run again on each output text against the article, and ``verification.uncited``
(in the article but not in the cited sentences) as "needs review". Swap its body when the
results hold the states; the renderers only read ``NumberMark``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from summarizer.articles import Sentence
from summarizer.checks import output_fields
from summarizer.numbers import SourceIndex, verify
from summarizer.results import ArticleResult

VERIFIED, REVIEW, UNSUPPORTED = "verified", "review", "unsupported"


@dataclass(frozen=True)
class NumberMark:
    """A number in an output text, its state and, when the article supports it, where (article offsets)."""

    start: int  # offsets in the output text
    end: int
    text: str
    state: str
    source_start: int | None = None
    source_end: int | None = None


def article_number_states(
    article: ArticleResult, index: SourceIndex, sentences: Sequence[Sentence]
) -> dict[str, list[NumberMark]]:
    """Marks for each output text, keyed by its field (``summaries.ar[0]``, ``key_figures[2].text``, ...).

    ``index`` is the article's text indexed by the verifier; ``sentences`` its sentences (ids, offsets).
    """
    flagged = {(p.field, p.text) for p in article.verification.unsupported}
    review = {(p.field, p.text) for p in article.verification.uncited}
    known_spans = {(m.start, m.end) for m in index.mentions}
    nearby = _cited_passages(article, sentences)
    marks: dict[str, list[NumberMark]] = {}
    for field, text in output_fields(article.summaries, article.key_figures):
        report = verify(index, text)
        # the verifier links to the first match anywhere; a match in a cited sentence is the better link
        spans = {(s.output.start, s.output.end): (s.source.start, s.source.end) for s in report.supported}
        for offset, passage in nearby.get(field.partition("].")[0].rstrip("]") + "]", []):
            for support in verify(passage, text).supported:
                span = (offset + support.source.start, offset + support.source.end)
                if span in known_spans:
                    spans[(support.output.start, support.output.end)] = span
        field_marks = []
        for mention in sorted([*report.unsupported, *(s.output for s in report.supported)], key=lambda m: m.start):
            where = spans.get((mention.start, mention.end))
            if where is None or (field, mention.text) in flagged:
                state, where = UNSUPPORTED, None
            else:
                state = REVIEW if (field, mention.text) in review else VERIFIED
            field_marks.append(NumberMark(mention.start, mention.end, mention.text, state, *(where or (None, None))))
        marks[field] = field_marks
    return marks


def _cited_passages(article: ArticleResult, sentences: Sequence[Sentence]) -> dict[str, list[tuple[int, str]]]:
    """(offset, text) of the passages each output cites: a summary sentence's sources, a figure's quote."""
    by_id = {sentence.id: sentence for sentence in sentences}
    passages: dict[str, list[tuple[int, str]]] = {}
    for language, summary in article.summaries.items():
        for number, sentence in enumerate(summary.sentences if summary else []):
            cited = [by_id[source] for source in sentence.sources if source in by_id]
            passages[f"summaries.{language}[{number}]"] = [(s.start, s.text) for s in cited]
    for number, figure in enumerate(article.key_figures):
        if figure.start is not None:
            passages[f"key_figures[{number}]"] = [(figure.start - article.start, figure.quote)]
    return passages
