"""A self-contained HTML review page: the article beside its summaries, every checked mention marked and linked.

The page is rendered from a Jinja2 template with autoescaping on; article text reaches the
template only as plain strings inside small view objects, so it is always escaped, never
markup. The shipped template (``templates/page.html.jinja``) holds all styles and the small
hover/focus script inline: the page makes no request. A user may pass their own template
(``--template FILE``), which gets the same variables (see the shipped one).

A translation has its own page (``templates/translation.html.jinja``, the same stylesheet):
each article's paragraphs side by side, source and translation, every number and date in both columns
marked verified, added (in the translation, not the source paragraph) or dropped (in the source
paragraph, not the translation), with a visible marker besides the colour; a name added or dropped is
said under the translation. It too may be replaced
by the user's template (``translate --template FILE``), given the same variables as the shipped one.

Both pages speak the interface language a run chose (``interface="en"`` or ``"ar"``, summarizer.render.interface):
every word of their own is the template variable ``ui``'s, the page is ``lang``/``dir`` of that language, and the
older variables (``state_labels``, ``language_names``, ...) hold the same language's words.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Template, TemplateError, TemplateSyntaxError, meta
from markupsafe import Markup

from summarizer.articles import split_sentences
from summarizer.errors import ConfigurationError
from summarizer.languages import SUPPORTED_LANGUAGES, direction
from summarizer.numbers import NumberMention, extract_numbers, index_source
from summarizer.numbers.dates import extract_dates
from summarizer.numbers.mentions import PLURALS
from summarizer.pricing import PriceTable, estimate_cost
from summarizer.render import SHIPPED_TEMPLATE, TRANSLATION_TEMPLATE
from summarizer.render.bounded import check_template, page_environment, render_bounded
from summarizer.render.interface import Interface, chosen_interface, interface, several_inputs
from summarizer.results import (
    ArticleResult,
    Location,
    NumberState,
    SummaryResult,
)
from summarizer.spans import Sentence
from summarizer.translation_results import (
    ArticleTranslation,
    NumberDifference,
    TranslationResult,
)

# The page's names for the results' states (CSS classes and the template's keys).
VERIFIED, REVIEW, UNSUPPORTED = "verified", "review", "unsupported"
STATE_NAMES = {NumberState.VERIFIED: VERIFIED, NumberState.NEEDS_REVIEW: REVIEW, NumberState.UNSUPPORTED: UNSUPPORTED}
STATE_LABELS = {VERIFIED: "verified", REVIEW: "needs review", UNSUPPORTED: "unsupported"}  # the English interface's
STATE_ICONS = {VERIFIED: "✓", REVIEW: "?", UNSUPPORTED: "✗"}


@dataclass(frozen=True)
class NumberMark:
    """A checked mention (number, date, quote, name) in an output text, its state and, where the article holds
    it, where (article offsets)."""

    start: int  # offsets in the output text
    end: int
    text: str
    state: str
    source_start: int | None = None
    source_end: int | None = None
    mention: str = "number"  # "number", "date", "quote": a quote holds the marks inside it
    source_sentence: int | None = None  # the article sentence that holds it (a quote links to it)
    note: str | None = None  # a quote: "translated"


def number_marks(article: ArticleResult) -> dict[str, list[NumberMark]]:
    """The checked mentions of each output text, keyed by its field, from the result's own states."""
    marks: dict[str, list[NumberMark]] = {}
    for number in article.verification.numbers:
        source: tuple[int | None, int | None] = (None, None)
        if number.source_start is not None and number.source_end is not None:
            source = (number.source_start - article.start, number.source_end - article.start)
        marks.setdefault(number.location.field, []).append(
            NumberMark(
                number.start,
                number.end,
                number.text,
                STATE_NAMES[number.state],
                *source,
                mention=number.mention,
                source_sentence=number.source_sentence,
                note=number.note,
            )
        )
    for unchecked in article.verification.not_checked:  # a translated quote: marked, its words not compared
        if unchecked.mention == "quote":
            marks.setdefault(unchecked.location.field, []).append(
                NumberMark(unchecked.start, unchecked.end, unchecked.text, "", mention="quote", note=unchecked.note)
            )
    for field_marks in marks.values():
        field_marks.sort(key=lambda mark: (mark.start, -mark.end))  # a quote before the numbers inside it
    return marks


@dataclass(frozen=True)
class Piece:
    """A run of text; a checked mention carries its state and the id of its source span (``href`` without '#')."""

    text: str
    state: str | None = None
    target: str | None = None  # id of the supporting source span
    anchor: str | None = None  # id of this piece itself (numbers and dates in the source text)
    parts: tuple[Piece, ...] = ()  # a date in the source text, a quote in an output: its text in pieces
    quote: bool = False  # a quote in an output: ``parts`` are its text with its numbers and dates marked
    note: str | None = None  # a quote: "translated" (its words not compared)


@dataclass
class SourceBlock:
    """A sentence of the source (``anchor`` set, ``number`` its id) or the text between sentences."""

    pieces: list[Piece]
    anchor: str | None = None
    number: int | None = None


@dataclass
class SummaryLine:
    pieces: list[Piece]
    cites: list[tuple[int, str]]  # (sentence id, anchor)
    status: str = VERIFIED  # the sentence's state: the worst of its mentions and problems


@dataclass
class SummaryView:
    language: str
    name: str
    lines: list[SummaryLine] | None  # None: not produced (see the notes)


@dataclass
class FigureRow:
    index: int  # 1-based, as in the verification fields' 0-based index + 1
    number: list[Piece]
    value: str
    labels: dict[str, list[Piece]]
    status: str = VERIFIED


@dataclass
class QuoteGroup:
    """Key figures that share one quote: the quote is shown once."""

    quote: str
    target: str | None  # anchor of the source sentence where the quote starts; None when not verbatim
    rows: list[FigureRow] = field(default_factory=list)


@dataclass
class ArticleView:
    anchor: str
    id: str
    title: str  # the article's, else "Article N" in the interface language
    title_language: str  # the article's, or "en" for the "Article N" put in place of a missing title
    title_direction: str
    language: str
    direction: str
    ok: bool
    source: list[SourceBlock]
    summaries: list[SummaryView]
    label_languages: list[str]
    figures: list[QuoteGroup]
    problems: list[str]
    reviews: list[str]
    notes: list[str]
    checked: int
    supported: int
    summary_line: str  # what was checked and what was not
    usage: dict[str, int] | None
    cost: str | None
    input: str | None = None  # the input file it came from (several inputs, or one named)
    input_in_heading: bool = False  # whether the heading names the input (a run of several inputs)


def load_template(path: str | Path | None = None, *, shipped: str = SHIPPED_TEMPLATE) -> str:
    """The template source: ``path`` when given (read and compiled, so that a broken one is refused
    before any work), else the shipped template named ``shipped`` (the review page's, or ``TRANSLATION_TEMPLATE``)."""
    if path is None:
        return resources.files("summarizer.render").joinpath("templates").joinpath(shipped).read_text(encoding="utf-8")
    try:
        source = Path(path).read_text(encoding="utf-8-sig")  # an editor's byte-order mark is no part of the page
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigurationError(
            f"{path}: cannot read the template ({getattr(error, 'strerror', None) or error})", path=str(path)
        ) from error
    if not source.strip():  # it would render an empty page
        raise ConfigurationError(
            f"{path}: the template is empty; start from summarizer/render/templates/{shipped}", path=str(path)
        )
    try:
        if any(True for _ in meta.find_referenced_templates(page_environment().parse(source))):
            raise ConfigurationError(
                f"{path}: a page template is one file; it cannot extend, include or import another", path=str(path)
            )
    except TemplateSyntaxError as error:
        message = f"{path}: not a valid template (line {error.lineno}: {error.message})"
        raise ConfigurationError(message, path=str(path)) from error
    except TemplateError as error:
        raise ConfigurationError(f"{path}: not a valid template ({error})", path=str(path)) from error
    # Compiled, not only parsed (an unknown filter is found here), in the bounded child process:
    # compiling evaluates constant expressions, and a user's may be {{ "x" * 10**10 }}.
    problem = check_template(source)
    if problem is not None:
        where = f"line {problem['line']}: " if problem.get("line") else ""
        raise ConfigurationError(f"{path}: not a valid template ({where}{problem['message']})", path=str(path))
    return source


def render_html(
    result: SummaryResult,
    *,
    article_texts: Sequence[str] | None = None,
    template: str | None = None,
    prices: PriceTable | None = None,
    interface: str = "en",
) -> str:
    """The review page for ``result``, each article shown from the ``source`` its result kept
    (``summarize(keep_source=True)``), or from ``article_texts[i]``, the text of ``result.articles[i]``.

    ``template`` is a template's source (see :func:`load_template`); ``prices`` gives the cost line;
    ``interface`` is the language of the page's own words ("en" or "ar").
    """
    ui = chosen_interface(interface)
    several = several_inputs(result.articles)
    views = [
        article_view(
            article,
            text,
            sentences=sentences,
            anchor=f"article-{number}",
            model=result.model,
            prices=prices,
            ui=ui,
            input_in_heading=several,
        )
        for number, (article, (text, sentences)) in enumerate(
            zip(result.articles, _sources(result, article_texts), strict=True), 1
        )
    ]
    shipped = template is None
    template = template if template is not None else load_template()
    labels = {state: ui[state] for state in STATE_LABELS}
    return _render(
        template,
        result,
        views,
        ui,
        shipped=shipped,
        engine=result.engine,
        state_labels=labels,
        state_icons=STATE_ICONS,
        checked_kinds=checked_kinds(result),
    )


def checked_kinds(result: SummaryResult) -> list[str]:
    """The kinds of mention ("number", "date", "quote", "name") the run's outputs name and the verifier checked,
    in the order the summary line counts them: what the page's ✓ says was verified (``ui.all_verified``)."""
    kinds: dict[str, None] = {}
    for article in result.articles:
        for kind, (_, checked) in article.verification.counts().items():
            if checked:
                kinds[kind] = None
    order = list(PLURALS)
    return sorted(kinds, key=lambda kind: order.index(kind) if kind in order else len(order))


def _sources(result: SummaryResult, article_texts: Sequence[str] | None) -> list[tuple[str, Sequence[Sentence] | None]]:
    """Each article's text and, where the run kept them, its sentences (None: split here)."""
    if article_texts is not None:
        if len(article_texts) != len(result.articles):
            raise ValueError(f"{len(article_texts)} article texts for {len(result.articles)} articles")
        return [(text, None) for text in article_texts]
    sources: list[tuple[str, Sequence[Sentence] | None]] = []
    for article in result.articles:
        if article.source is not None:
            sources.append((article.source.text, article.source.sentences))
        elif article.error is not None:  # an input that could not be read: no text to show
            sources.append(("", []))
        else:
            raise ValueError(
                f"article {article.id} has no source: summarize(..., keep_source=True), or pass article_texts"
            )
    return sources


def _render(
    template: str,
    result: SummaryResult | TranslationResult,
    views: Sequence[Any],
    ui: Interface,
    *,
    shipped: bool,
    **variables: Any,
) -> str:
    """``template`` rendered in a sandbox with autoescaping (article text is always escaped), given the
    run's ``articles`` views, ``model``, ``prompt_version``, ``ok``, the interface ``ui`` and its
    ``language_names``, and ``variables``; a user's template (not ``shipped``) within time, memory and output
    budgets (``summarizer.render.bounded``)."""
    context = dict(
        articles=views,
        model=result.model,
        prompt_version=result.prompt_version,
        ok=result.ok,
        ui=ui,
        language_names=dict(ui.language_names),
        **variables,
    )
    if not shipped:  # a user's template: in a child process with time, memory and output budgets
        page = render_bounded(template, context)
        if not page.strip():  # a page with nothing on it is no review page: the output is not replaced by it
            raise ConfigurationError("the HTML template rendered an empty page (nothing but white space)")
        return page
    try:
        return _compiled(template).render(**context)
    except TemplateError as error:
        raise ConfigurationError(f"cannot render the HTML template: {error}") from error
    except Exception as error:  # a template's own expression failed ({{ 1/0 }}, range(10**9))
        raise ConfigurationError(f"cannot render the HTML template: {type(error).__name__}: {error}") from error


@functools.lru_cache(maxsize=8)
def _compiled(source: str) -> Template:
    """``source`` compiled once: checked when loaded, rendered after the run."""
    return page_environment().from_string(source)


def article_view(
    article: ArticleResult,
    text: str,
    *,
    anchor: str,
    model: str | None = None,
    prices: PriceTable | None = None,
    sentences: Sequence[Sentence] | None = None,
    ui: Interface | None = None,
    input_in_heading: bool = False,
) -> ArticleView:
    """Everything the template shows for one article, as plain strings and pieces; ``sentences`` are
    those of ``text`` when the caller has them (else it is split here); ``ui`` words what the page says
    of its own (English when None)."""
    ui = ui or interface("en")
    sentences = split_sentences(text) if sentences is None else sentences
    index = index_source(text)
    marks = number_marks(article)
    spans = _source_spans(text, index.mentions, _linked_spans(marks))
    marks = _linked_to_anchors(marks, spans)
    verification = article.verification
    first_sentence = {s.start: s.id for s in sentences}
    sentence_ids = set(first_sentence.values())

    def sentence_anchor(sentence_id: int) -> str:
        return f"{anchor}-s{sentence_id}"

    def marked(field_name: str, output: str) -> list[Piece]:
        return _pieces(output, marks.get(field_name, []), anchor, sentence_anchor)

    summaries = []
    for language, summary in article.summaries.items():
        lines = None
        if summary is not None:
            lines = [
                SummaryLine(
                    marked(f"summaries.{language}[{number}]", sentence.text),
                    [(source, sentence_anchor(source)) for source in sentence.sources if source in sentence_ids],
                    STATE_NAMES[verification.status(Location.summary(language, number))],
                )
                for number, sentence in enumerate(summary.sentences)
            ]
        summaries.append(SummaryView(language, ui.name(language), lines))

    groups: list[QuoteGroup] = []  # rows stay in their order: consecutive rows of one quote share its cell
    for number, figure in enumerate(article.key_figures):
        target = None
        if figure.start is not None:
            begin = figure.start - article.start
            containing = max((start for start in first_sentence if start <= begin), default=None)
            target = sentence_anchor(first_sentence[containing]) if containing is not None else None
        if not groups or groups[-1].quote != figure.quote:
            groups.append(QuoteGroup(figure.quote, target))
        group = groups[-1]
        group.rows.append(
            FigureRow(
                index=number + 1,
                number=marked(f"key_figures[{number}].text", figure.text),
                value="—" if figure.value is None else str(figure.value),
                labels={
                    lang: marked(f"key_figures[{number}].label.{lang}", label or "")
                    for lang, label in figure.label.items()
                },
                status=STATE_NAMES[verification.status(Location.key_figure(number))],
            )
        )
    label_languages = [
        language
        for language in SUPPORTED_LANGUAGES
        if any(figure.label.get(language) for figure in article.key_figures)
    ]
    return ArticleView(
        anchor=anchor,
        id=article.id,
        title=article.title or ui.format("article", id=article.id),
        title_language=article.language if article.title else ui.language,
        title_direction=direction(article.language if article.title else ui.language),
        language=article.language,
        direction=direction(article.language),
        ok=verification.ok,
        source=_source_blocks(text, sentences, spans, anchor),
        summaries=summaries,
        label_languages=label_languages,
        figures=groups,
        problems=[f"{p.field}: {p.message}" for p in verification.unsupported + verification.grounding],
        reviews=[f"{p.field}: {p.message}" for p in verification.uncited],
        notes=list(article.notes),
        checked=verification.checked,
        supported=verification.supported,
        summary_line=ui.summary_line(verification),
        usage=article.usage.to_dict() if article.usage else None,
        cost=_cost(article, model, prices, ui),
        input=article.input,
        input_in_heading=input_in_heading,
    )


def number_anchor(anchor: str, start: int, end: int) -> str:
    """The id of a number's span in the source text (article offsets)."""
    return f"{anchor}-n{start}-{end}"


def _pieces(
    text: str, marks: Sequence[NumberMark], anchor: str, sentence_anchor: Callable[[int], str] | None = None
) -> list[Piece]:
    """``text`` cut into plain runs and marked mentions; a quote is one piece holding the marks inside it."""
    pieces: list[Piece] = []
    position, k = 0, 0
    while k < len(marks):
        mark = marks[k]
        k += 1
        if mark.start < position:
            continue
        if mark.start > position:
            pieces.append(Piece(text[position : mark.start]))
        if mark.mention == "quote":
            inside = []
            while k < len(marks) and marks[k].start < mark.end:
                inside.append(replace(marks[k], start=marks[k].start - mark.start, end=marks[k].end - mark.start))
                k += 1
            target = None
            if sentence_anchor is not None and mark.source_sentence is not None and mark.state:
                target = sentence_anchor(mark.source_sentence)
            parts = tuple(_pieces(text[mark.start : mark.end], inside, anchor))
            pieces.append(
                Piece(mark.text, state=mark.state or None, target=target, parts=parts, quote=True, note=mark.note)
            )
            position = mark.end
            continue
        target = None if mark.source_start is None else number_anchor(anchor, mark.source_start, mark.source_end or 0)
        pieces.append(Piece(text[mark.start : mark.end], state=mark.state, target=target))
        position = mark.end
    if position < len(text):
        pieces.append(Piece(text[position:]))
    return pieces


def _linked_spans(marks: dict[str, list[NumberMark]]) -> list[tuple[int, int]]:
    """The source spans (article offsets) the outputs' marks link to (a quote links to its sentence instead)."""
    spans = {
        (mark.source_start, mark.source_end)
        for field_marks in marks.values()
        for mark in field_marks
        if mark.mention != "quote" and mark.source_start is not None and mark.source_end is not None
    }
    return sorted(spans, key=lambda span: (span[0], -span[1]))  # of two that start together, the longer is anchored


def _linked_to_anchors(
    marks: dict[str, list[NumberMark]], spans: Sequence[tuple[int, int, Piece]]
) -> dict[str, list[NumberMark]]:
    """The marks with each name's source span one the source text anchors: a name verified by a span that overlaps
    another the source anchors (a number's, another name's: "Mohammed" by محمود inside "Mahmoud Abbas"'s محمود
    عباس) links to that span, not to an id the page does not have."""
    anchored = [(start, end) for start, end, _ in spans]
    kept = set(anchored)

    def linked(mark: NumberMark) -> NumberMark:
        if mark.mention != "name" or mark.source_start is None or mark.source_end is None:
            return mark
        if (mark.source_start, mark.source_end) in kept:
            return mark
        start, end = mark.source_start, mark.source_end
        over = next(((s, e) for s, e in anchored if s < end and start < e), None)
        return mark if over is None else replace(mark, source_start=over[0], source_end=over[1])

    return {field: [linked(mark) for mark in field_marks] for field, field_marks in marks.items()}


def _source_spans(
    text: str, numbers: Sequence[NumberMention], linked: Sequence[tuple[int, int]] = ()
) -> list[tuple[int, int, Piece]]:
    """The anchored spans of the source text, in order: its numbers, its dates with the numbers inside them, and
    any other span an output links to (a name), where it overlaps none of those."""
    dates = [date for date in extract_dates(text) if not date.relative]
    spans: list[tuple[int, int, Piece]] = []
    inside: set[int] = set()
    for date in dates:
        parts, cursor = [], date.start
        for k, number in enumerate(numbers):
            if date.start <= number.start and number.end <= date.end:
                inside.add(k)
                if number.start > cursor:
                    parts.append(Piece(text[cursor : number.start]))
                parts.append(Piece(number.text, anchor=_anchor_id(number.start, number.end)))
                cursor = number.end
        if parts and cursor < date.end:
            parts.append(Piece(text[cursor : date.end]))
        spans.append(
            (date.start, date.end, Piece(date.text, anchor=_anchor_id(date.start, date.end), parts=tuple(parts)))
        )
    spans += [
        (number.start, number.end, Piece(number.text, anchor=_anchor_id(number.start, number.end)))
        for k, number in enumerate(numbers)
        if k not in inside
    ]
    taken = [(start, end) for start, end, _ in spans]
    for start, end in linked:
        if 0 <= start < end <= len(text) and not any(start < e and s < end for s, e in taken):
            spans.append((start, end, Piece(text[start:end], anchor=_anchor_id(start, end))))
            taken.append((start, end))
    spans.sort(key=lambda span: span[0])
    return spans


def _anchor_id(start: int, end: int) -> str:
    """The article-relative part of a source span's id (``number_anchor`` puts the article's anchor before it)."""
    return f"n{start}-{end}"


def _with_anchor(piece: Piece, anchor: str) -> Piece:
    return replace(
        piece,
        anchor=f"{anchor}-{piece.anchor}" if piece.anchor else None,
        parts=tuple(_with_anchor(part, anchor) for part in piece.parts),
    )


def _source_blocks(
    text: str, sentences: Sequence[Sentence], spans: Sequence[tuple[int, int, Piece]], anchor: str
) -> list[SourceBlock]:
    """The article text cut into sentences and the gaps between them, its anchored ``spans`` (:func:`_source_spans`:
    its numbers, dates and the other spans the outputs link to) as anchored pieces."""
    blocks: list[SourceBlock] = []
    position, next_mention = 0, 0
    for sentence in sentences:
        if sentence.start > position:
            blocks.append(SourceBlock([Piece(text[position : sentence.start])]))
        pieces, cursor = [], sentence.start
        while next_mention < len(spans) and spans[next_mention][0] < sentence.end:
            start, end, piece = spans[next_mention]
            next_mention += 1
            if start < cursor or end > sentence.end:
                continue  # outside this sentence (between sentences, or across its end): left as plain text
            if start > cursor:
                pieces.append(Piece(text[cursor:start]))
            pieces.append(_with_anchor(piece, anchor))
            cursor = end
        if cursor < sentence.end:
            pieces.append(Piece(text[cursor : sentence.end]))
        blocks.append(SourceBlock(pieces, anchor=f"{anchor}-s{sentence.id}", number=sentence.id))
        position = sentence.end
    if position < len(text):
        blocks.append(SourceBlock([Piece(text[position:])]))
    return blocks


def _cost(
    article: ArticleResult | ArticleTranslation, model: str | None, prices: PriceTable | None, ui: Interface
) -> str | None:
    """The meta line's cost ("cost about 0.000123 USD (prices of 2026-01-01)"), in the interface language."""
    if article.usage is None or model is None or prices is None:
        return None
    cost = estimate_cost(prices, model, article.usage.input_tokens, article.usage.output_tokens)
    if cost is None:
        return None
    return ui.format("cost", amount=f"{cost:.6f}", currency=prices.currency, date=prices.date)


# Translations: paragraphs side by side, every number and date marked in both columns.

ADDED, DROPPED = "added", "dropped"
MARK_LABELS = {
    VERIFIED: "verified: in both the source paragraph and its translation",
    ADDED: "added: in the translation, not in the source paragraph",
    DROPPED: "dropped: in the source paragraph, not in the translation",
}
MARK_ICONS = {VERIFIED: "✓", ADDED: "⚠ added", DROPPED: "⚠ dropped"}  # the English interface's (ui has each language's)


@dataclass
class ParagraphRow:
    id: int
    source: list[Piece]
    translation: list[Piece] | None  # None: the model gave none
    flags: list[str]  # the paragraph's problems and text aimed at the model, in words
    ok: bool


@dataclass
class TranslationView:
    anchor: str
    id: str
    title: str
    title_language: str  # the article's, or "en" for the "Article N" put in place of a missing title
    title_direction: str
    input: str | None
    language: str
    direction: str
    target: str
    target_direction: str
    ok: bool
    flagged: int
    error: str | None
    rows: list[ParagraphRow]
    problems: list[str]
    notes: list[str]
    usage: dict[str, int] | None
    cost: str | None
    input_in_heading: bool = False  # whether the heading names the input (a run of several inputs)


def render_translation_html(
    result: TranslationResult,
    *,
    template: str | None = None,
    prices: PriceTable | None = None,
    interface: str = "en",
) -> str:
    """The translation review page for ``result``; ``template`` is a template's source (see
    :func:`load_template`; the shipped ``TRANSLATION_TEMPLATE`` when None), ``prices`` gives the cost lines,
    ``interface`` the language of the page's own words ("en" or "ar")."""
    ui = chosen_interface(interface)
    several = several_inputs(result.articles)
    views = [
        translation_view(article, anchor=f"article-{number}", model=result.model, prices=prices, ui=ui)
        for number, article in enumerate(result.articles, 1)
    ]
    for view in views:
        view.input_in_heading = several
    shipped = template is None
    template = template if template is not None else load_template(shipped=TRANSLATION_TEMPLATE)
    return _render(
        template,
        result,
        views,
        ui,
        shipped=shipped,
        style=shared_style(),
        target=result.target,
        mark_labels={mark: ui[f"mark_{mark}"] for mark in MARK_LABELS},
        mark_icons={VERIFIED: MARK_ICONS[VERIFIED], ADDED: ui["icon_added"], DROPPED: ui["icon_dropped"]},
    )


def shared_style() -> Markup:
    """The shipped review page's stylesheet (its palette, whose contrast the tests check), for the translation page."""
    found = re.search(r"<style>\n(.*?)</style>", load_template(), re.S)
    return Markup(found.group(1) if found else "")  # the tool's own CSS, never article text


def translation_view(
    article: ArticleTranslation,
    *,
    anchor: str,
    model: str | None = None,
    prices: PriceTable | None = None,
    ui: Interface | None = None,
) -> TranslationView:
    """Everything the translation page shows for one article, as plain strings and pieces (``ui``: the
    interface, English when None)."""
    ui = ui or interface("en")
    rows = []
    for paragraph in article.paragraphs:
        flags = [problem.message for problem in paragraph.problems]
        # names are not marked in the columns (numbers and dates are): one added or dropped is said in words
        flags += [ui.format("added", number=d.text) for d in paragraph.numbers.added if d.mention == "name"]
        flags += [ui.format("dropped", number=d.text) for d in paragraph.numbers.dropped if d.mention == "name"]
        flags += [ui.format("aimed_at_model", reason=i.reason) for i in paragraph.injected]
        translation = paragraph.translation
        rows.append(
            ParagraphRow(
                id=paragraph.id,
                source=difference_pieces(paragraph.source, paragraph.numbers.dropped, DROPPED),
                translation=None
                if translation is None
                else difference_pieces(translation, paragraph.numbers.added, ADDED),
                flags=flags,
                ok=paragraph.ok,
            )
        )
    return TranslationView(
        anchor=anchor,
        id=article.id,
        title=article.title or (ui.format("article", id=article.id) if article.id else article.input or ui["input"]),
        title_language=article.language if article.title else ui.language,
        title_direction=direction(article.language if article.title else ui.language),
        input=article.input,
        language=article.language,
        direction=direction(article.language),
        target=article.target,
        target_direction=direction(article.target),
        ok=article.ok,
        flagged=article.flagged,
        error=article.error.message if article.error else None,
        rows=rows,
        problems=[problem.message for problem in article.problems],
        notes=list(article.notes),
        usage=article.usage.to_dict() if article.error is None else None,
        cost=_cost(article, model, prices, ui) if article.error is None else None,
    )


def difference_pieces(text: str, differences: Sequence[NumberDifference], state: str) -> list[Piece]:
    """``text`` with every number and date marked: ``state`` where the two-way check lists its value, else verified.

    A number or date the check does not list is, by the check's own definition, on both sides; a value it
    lists is marked at every mention (the check reports a repeated value once). Names are not marked here
    (``translation_view`` lists those added or dropped).
    """
    flagged = [difference.value for difference in differences if difference.mention == "number"]
    flagged_dates = [difference.value for difference in differences if difference.mention == "date"]
    dates = [date for date in extract_dates(text) if not date.relative]
    marks = [
        NumberMark(date.start, date.end, date.text, state if date.value in flagged_dates else VERIFIED)
        for date in dates
    ]
    marks += [
        NumberMark(mention.start, mention.end, mention.text, state if mention.value in flagged else VERIFIED)
        for mention in extract_numbers(text)
        if not any(date.start <= mention.start and mention.end <= date.end for date in dates)
    ]
    marks.sort(key=lambda mark: mark.start)
    return _pieces(text, marks, "")
