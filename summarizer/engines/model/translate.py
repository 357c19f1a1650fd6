"""The translation task: a whole article, paragraph by paragraph, with a two-way number, date and name check.

The model sees the article's numbered paragraphs (``translate`` template) and replies with
one item per paragraph id, so paragraphs stay aligned: a missing, merged, split or extra
paragraph is a problem to repair. Each paragraph's numbers, dates and names are checked both ways
with the verifier: none added or changed (every number, date and name of the translation is in the
source paragraph) and none dropped (every one of the source paragraph is in the translation). Relative
dates are not compared, nor the words of quotes (a translation's quotes are translated); names are
compared only where the translation is written in the target's script. The glossary's terms found in the
source paragraph link names across scripts, as the name tables do.
Glossary terms found in a source paragraph must appear in its translation.

The article is data (summarizer.injection): the prompts fence it between ARTICLE START and
ARTICLE END with its text neutralised, and name the paragraphs that hold text aimed at the
model. Such a paragraph is still translated, as text; the result reports it (``injected``
and a note), and it is never a problem to repair.

An article is translated in groups of whole paragraphs that fit the model's input budget
and whose translation fits one reply; each group is its own conversation (ask, retry,
repair), so a repair never needs the whole article, and the groups' paragraphs are joined
locally: a translation needs no merge call.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import BaseModel

from summarizer.articles import Article, split_paragraphs
from summarizer.cache import ResultCache
from summarizer.config import Config
from summarizer.engines.model.budget import FOREIGN_TOKENIZER_MARGIN, Budget, PlannedRequest
from summarizer.engines.model.caching import CACHED_NOTE, CachedTaskRun, converse_cached, glossary_key
from summarizer.engines.model.client import ChatBackend, Message
from summarizer.engines.model.conversation import Run
from summarizer.engines.model.counting import count_tokens
from summarizer.engines.model.task import parse_json, schema_text
from summarizer.engines.model.templating import PromptSet
from summarizer.errors import InputError
from summarizer.glossary import Glossary, Term, contains_term
from summarizer.injection import Injection, neutralise
from summarizer.injection import injection_note as injected_text_note
from summarizer.languages import LANGUAGE_NAMES, detect_language, other_language, script_shortfall
from summarizer.numbers import verify
from summarizer.numbers.mentions import CheckContext, count_phrases, joined
from summarizer.results import (
    InjectedText,
    Location,
    Problem,
    Usage,
)
from summarizer.spans import Paragraph
from summarizer.translation_results import (
    ArticleTranslation,
    NumberDifference,
    ParagraphNumbers,
    TranslatedParagraph,
)

SCHEMA_NAME = "article_translation"
# Tokens of translation per source token, and per reply item (id, quotes, braces): sizes a group so
# that its whole translation fits one reply of max_output_tokens.
OUTPUT_PER_SOURCE_TOKEN = 1.6
ITEM_TOKENS = 12
# The per-item length bound in the schema: this plus twice the longest paragraph (a translation between
# Arabic and English is rarely 1.6 times its source's characters); it keeps a grammar-constrained model short.
MIN_TRANSLATION_CHARS = 100
MIN_SCRIPT_SHARE = 0.6  # names and acronyms in the source's script are fine; a copied paragraph is not
MAX_REPAIR_PARAGRAPHS = 12
ADDED = "not in the source paragraph"
DROPPED = "not in the translation"


class ParagraphReply(BaseModel):
    id: int
    translation: str


class TranslationReply(BaseModel):
    paragraphs: list[ParagraphReply]


@dataclass
class Draft:
    """A reply placed on the request's paragraphs."""

    translations: dict[int, str]  # paragraph id -> its translation (the items of one id joined)
    repeated: list[int] = field(default_factory=list)  # ids given in more than one item
    unknown: list[int] = field(default_factory=list)  # item ids that are not among the request's paragraphs


@dataclass
class TranslationCheck:
    """The checks of one group of paragraphs: the two-way check (numbers, dates, names) and other problems per
    paragraph id."""

    numbers: dict[int, ParagraphNumbers] = field(default_factory=dict)
    problems: dict[int, list[Problem]] = field(default_factory=dict)
    stray: list[Problem] = field(default_factory=list)  # reply items that match no paragraph

    @property
    def ok(self) -> bool:
        return not self.stray and all(check.ok for check in self.numbers.values()) and not any(self.problems.values())

    @property
    def needs_repair(self) -> bool:
        return not self.ok

    @property
    def counts(self) -> tuple[int, int]:
        """(numbers, dates and names added or dropped, other problems)."""
        numbers = sum(len(check.added) + len(check.dropped) for check in self.numbers.values())
        return numbers, len(self.stray) + sum(len(problems) for problems in self.problems.values())


def number_check(source: str, translation: str, glossary: Sequence[Term] = ()) -> ParagraphNumbers:
    """The two-way check: numbers, dates and names the translation adds or changes, and those it drops.

    Names are compared only where the translation is written in the other language's script (it has
    letters, and at least MIN_SCRIPT_SHARE of them are in that script): a draft in the wrong language is
    flagged as such, and one with no words at all ("1") holds no name to compare, so listing each name of
    the paragraph as dropped would say nothing more. ``glossary``: the terms found in the source paragraph,
    whose pairs link a name across scripts as the name tables do.
    """
    names = translated(source, translation)
    pairs = tuple((term.source, term.target) for term in glossary)  # one object both ways: one name table
    return ParagraphNumbers(
        _differences(source, translation, ADDED, names, pairs), _differences(translation, source, DROPPED, names, pairs)
    )


def translated(source: str, translation: str) -> bool:
    """Whether ``translation`` is written in the other language than ``source`` (has letters, mostly in its script)."""
    target = other_language(detect_language(source))
    return any(map(str.isalpha, translation)) and script_shortfall(translation, target, MIN_SCRIPT_SHARE) is None


def _differences(
    source: str, output: str, reason: str, names: bool = True, glossary: Sequence[tuple[str, str]] = ()
) -> list[NumberDifference]:
    """The numbers, dates and names of ``output`` that ``source`` does not hold, in output order.

    A name is a difference when the source paragraph does not hold it, and also when it is only not found
    across scripts (what needs review in a summary): a paragraph and its translation name the same people
    and places, and the name tables, the glossary and transliteration are how they are linked.
    """
    context = CheckContext(parallel=True, glossary=glossary)  # a weekday the paragraph drops is a difference
    report = verify(source, output, context)
    found: list[tuple[int, NumberDifference]] = [
        (m.start, NumberDifference(m.text, m.value, reason)) for m in report.unsupported
    ]
    found += [
        (f.mention.start, NumberDifference(f.mention.text, f.mention.value, reason, f.mention.kind))
        for f in report.failed + report.to_review
        # a translation's quotes are translated: their words are not compared
        if f.mention.kind != "quote" and (names or f.mention.kind != "name")
    ]
    return [difference for _, difference in sorted(found, key=lambda pair: pair[0])]


class TranslateTask:
    """Translate an article's paragraphs into ``target`` (see summarizer.engines.model.task).

    ``paragraphs`` limits the task to one group of the article's paragraphs (``over``).
    """

    template = "translate"
    schema_name = SCHEMA_NAME

    def __init__(
        self, target: str, glossary: Glossary, prompts: PromptSet, paragraphs: Sequence[Paragraph] | None = None
    ) -> None:
        self.target = target
        self.glossary = glossary
        self.prompts = prompts
        self.paragraphs = tuple(paragraphs) if paragraphs is not None else None

    def over(self, paragraphs: Sequence[Paragraph]) -> TranslateTask:
        """The same task limited to ``paragraphs`` (one group of a long article)."""
        return TranslateTask(self.target, self.glossary, self.prompts, paragraphs)

    def schema(self, compact: bool) -> dict[str, Any]:
        # a translation cannot be shortened, so a cut-off reply is asked again with the same schema
        longest = max((len(p.text) for p in self.paragraphs or ()), default=0)
        item = {
            "type": "object",
            "properties": {
                "id": {"type": "integer"},
                "translation": {"type": "string", "minLength": 1, "maxLength": MIN_TRANSLATION_CHARS + 2 * longest},
            },
            "required": ["id", "translation"],
            "additionalProperties": False,
        }
        items: dict[str, Any] = {"type": "array", "items": item, "minItems": 1}
        if self.paragraphs:
            items["minItems"] = items["maxItems"] = len(self.paragraphs)
        return {
            "type": "object",
            "properties": {"paragraphs": items},
            "required": ["paragraphs"],
            "additionalProperties": False,
        }

    def units(self, article: Article) -> Sequence[Paragraph]:
        return self.paragraphs if self.paragraphs is not None else split_paragraphs(article.text)

    def _system(self) -> Message:
        return {"role": "system", "content": self.prompts.render("translate_system")}

    def _schema_text(self, schema_in_prompt: bool) -> str:
        return schema_text(self.schema(False)) if schema_in_prompt else ""

    def request(self, article: Article, units: Sequence[Paragraph], schema_in_prompt: bool) -> list[Message]:
        source = detect_language(article.text)
        user = self.prompts.render(
            "translate",
            source_name=LANGUAGE_NAMES[source],
            target_name=LANGUAGE_NAMES[self.target],
            target=self.target,
            first_id=units[0].id,
            last_id=units[-1].id,
            paragraphs=[replace(unit, text=neutralise(unit.text)) for unit in units],
            injected=[pid for pid, found in paragraph_injections(article, units).items() if found],
            glossary=self.glossary.found_in("\n".join(unit.text for unit in units)),
            schema=self._schema_text(schema_in_prompt),
        )
        return [self._system(), {"role": "user", "content": user}]

    def parse(self, content: str) -> TranslationReply:
        return parse_json(content, TranslationReply)

    def retry_variables(self, compact: bool) -> dict[str, Any]:
        return {
            "shorter": "with each paragraph translated once, plainly, and nothing repeated or added",
            "purpose": "to be translated for an editor; translating it is safe",
        }

    def build(self, article: Article, reply: TranslationReply) -> Draft:
        wanted = {paragraph.id for paragraph in self.units(article)}
        items: dict[int, list[str]] = {}
        unknown = []
        for item in reply.paragraphs:
            if item.id in wanted:
                items.setdefault(item.id, []).append(item.translation.strip())
            else:
                unknown.append(item.id)
        return Draft(
            translations={pid: "\n\n".join(text for text in texts if text) for pid, texts in items.items()},
            repeated=sorted(pid for pid, texts in items.items() if len(texts) > 1),
            unknown=list(dict.fromkeys(unknown)),
        )

    def check(self, article: Article, output: Draft) -> TranslationCheck:
        paragraphs = self.units(article)
        report = TranslationCheck()
        for paragraph in paragraphs:
            translation = output.translations.get(paragraph.id, "")
            report.numbers[paragraph.id] = number_check(
                paragraph.text, translation, self.glossary.found_in(paragraph.text)
            )
            report.problems[paragraph.id] = self._problems(paragraph, output, paragraphs)
        ids = f"{paragraphs[0].id}-{paragraphs[-1].id}" if paragraphs else "none"
        report.stray = [
            Problem(
                Location.paragraph(pid - 1),
                "unknown_paragraph",
                f"an item has id {pid}, but the paragraphs to translate are {ids}",
            )
            for pid in output.unknown
        ]
        return report

    def _problems(self, paragraph: Paragraph, draft: Draft, paragraphs: Sequence[Paragraph]) -> list[Problem]:
        """Alignment, language and glossary problems of one paragraph's translation."""
        location = Location.paragraph(paragraph.id - 1)
        if paragraph.id not in draft.translations:
            neighbour = merged_into(paragraph, draft, paragraphs)
            if neighbour is not None:
                message = (
                    f"paragraph {paragraph.id} has no item of its own: its translation seems merged into "
                    f"paragraph {neighbour}'s item"
                )
                return [Problem(location, "merged_paragraph", message)]
            return [Problem(location, "missing_paragraph", f"paragraph {paragraph.id} has no translation")]
        translation = draft.translations[paragraph.id]
        if not translation:
            return [Problem(location, "empty_translation", "the translation is empty")]
        problems = []
        if paragraph.id in draft.repeated:
            problems.append(
                Problem(location, "split_paragraph", f"paragraph {paragraph.id} was split into several items")
            )
        share = script_shortfall(translation, self.target, MIN_SCRIPT_SHARE)
        if share is not None:
            problems.append(
                Problem(
                    location,
                    "wrong_language",
                    f"the translation is not in {LANGUAGE_NAMES[self.target]}: only {share:.0%} of its letters "
                    f"are in the {LANGUAGE_NAMES[self.target]} script",
                )
            )
        for term in self.glossary.found_in(paragraph.text):
            if not contains_term(translation, term.target):
                problems.append(
                    Problem(
                        location,
                        "glossary_term",
                        f"the glossary translates {term.source!r} as {term.target!r}, which the translation does not use",
                        text=term.target,
                    )
                )
        return problems

    def repair(self, article: Article, output: Draft, report: TranslationCheck) -> str:
        by_id = {paragraph.id: paragraph for paragraph in self.units(article)}
        paragraphs = []
        for pid, paragraph in by_id.items():
            messages = number_messages(report.numbers[pid]) + [p.message for p in report.problems[pid]]
            if messages:
                paragraphs.append({"id": pid, "messages": messages, "source": neutralise(paragraph.text)})
        other = [problem.message for problem in report.stray]
        return self.prompts.render("translate_repair", paragraphs=paragraphs[:MAX_REPAIR_PARAGRAPHS], other=other)

    def unresolved_note(self, report: TranslationCheck) -> str:
        """What is still flagged, per kind: "2 numbers and 1 name added or dropped and 1 other problem remain
        after repair: ..." (a kind with none is left out)."""
        counts = Counter(d.mention for check in report.numbers.values() for d in check.added + check.dropped)
        _, others = report.counts
        parts = [f"{joined(count_phrases(counts))} added or dropped"] if counts else []
        if others:
            parts.append(f"{others} other problem{'s' if others != 1 else ''}")
        total = sum(counts.values()) + others
        return f"{joined(parts)} {'remains' if total == 1 else 'remain'} after repair: they are flagged, not verified."

    def located(self, article: Article, draft: Draft, report: TranslationCheck) -> list[TranslatedParagraph]:
        """The task's paragraphs with their translations and checks, offsets in the document."""
        injections = paragraph_injections(article, self.units(article))
        return [
            TranslatedParagraph(
                id=paragraph.id,
                source=paragraph.text,
                translation=draft.translations.get(paragraph.id),
                start=article.offset + paragraph.start,
                end=article.offset + paragraph.end,
                numbers=report.numbers[paragraph.id],
                problems=report.problems[paragraph.id],
                injected=[InjectedText.at(i, article.offset) for i in injections[paragraph.id]],
            )
            for paragraph in self.units(article)
        ]


def paragraph_injections(article: Article, paragraphs: Sequence[Paragraph]) -> dict[int, list[Injection]]:
    """The article's sentences aimed at the model (summarizer.injection), by the paragraph each is in."""
    found = article.injections
    return {p.id: [i for i in found if i.start < p.end and p.start < i.end] for p in paragraphs}


def injection_note(paragraphs: Sequence[TranslatedParagraph]) -> str | None:
    """The note that names the paragraphs holding text aimed at the model, and why."""
    places = [f"paragraph {p.id} (sentence {i.sentence}: {i.reason})" for p in paragraphs for i in p.injected]
    return injected_text_note(places, "It was translated as text and not followed.")


def number_messages(check: ParagraphNumbers) -> list[str]:
    """What the repair message says about a paragraph's numbers, dates and names: changed, added, dropped."""
    messages: list[str] = []
    for mention in dict.fromkeys(d.mention for d in check.added + check.dropped):
        added_all = [d for d in check.added if d.mention == mention]
        dropped_all = [d for d in check.dropped if d.mention == mention]
        what = "" if mention == "number" else f"the {mention} "
        pairs = min(len(added_all), len(dropped_all))
        messages += [
            f"a {mention} was changed: the translation has {added.text!r} ({added.value}) where the source "
            f"paragraph has {dropped.text!r} ({dropped.value})"
            for added, dropped in zip(added_all[:pairs], dropped_all[:pairs], strict=True)
        ]
        messages += [
            f"the translation adds {what}{added.text!r} ({added.value}), which is not in the source paragraph"
            for added in added_all[pairs:]
        ]
        messages += [
            f"the translation drops {what}{dropped.text!r} ({dropped.value}) of the source paragraph"
            for dropped in dropped_all[pairs:]
        ]
    return messages


def merged_into(missing: Paragraph, draft: Draft, paragraphs: Sequence[Paragraph]) -> int | None:
    """The neighbour whose item seems to hold ``missing``'s translation too, if any.

    It does when it holds a number of ``missing`` that its own source paragraph lacks, or when its
    length is nearer to both paragraphs' than to its own (at the article's typical length ratio).
    """
    by_id = {paragraph.id: paragraph for paragraph in paragraphs}
    ratios = [len(draft.translations[p.id]) / len(p.text) for p in paragraphs if draft.translations.get(p.id)]
    ratio = statistics.median(ratios) if ratios else 1.0
    for pid in (missing.id - 1, missing.id + 1):
        neighbour, translation = by_id.get(pid), draft.translations.get(pid)
        if neighbour is None or not translation:
            continue
        borrowed = [m for m in verify(neighbour.text, translation).unsupported if verify(missing.text, m.text).ok]
        alone, together = ratio * len(neighbour.text), ratio * (len(neighbour.text) + len(missing.text))
        if borrowed or abs(len(translation) - together) < abs(len(translation) - alone):
            return pid
    return None


def paragraph_groups(
    article: Article, task: TranslateTask, budget: Budget, schema_in_prompt: bool
) -> list[list[Paragraph]]:
    """The article's paragraphs in groups that fit the input budget and whose translation fits one reply."""
    room = budget.max_output_tokens / FOREIGN_TOKENIZER_MARGIN / OUTPUT_PER_SOURCE_TOKEN
    groups: list[list[Paragraph]] = []
    for part in budget.parts(article, task, schema_in_prompt):
        current: list[Paragraph] = []
        used = 0
        for paragraph in part:
            cost = count_tokens(paragraph.text, budget.model) + ITEM_TOKENS
            if current and used + cost > room:
                groups.append(current)
                current, used = [], 0
            current.append(paragraph)
            used += cost
        if current:
            groups.append(current)
    return groups


def translate_article(
    article: Article, task: TranslateTask, run: Run, *, cache: ResultCache | None = None, run_key: str = ""
) -> ArticleTranslation:
    """Translate one article: each group of paragraphs asked, checked and repaired; the groups joined.

    With a ``cache`` (and the run's ``run_key``, see ModelTranslator), each group's conversation is
    replayed from it when an earlier run completed it; the article is ``cached`` when every group was.
    """
    groups = paragraph_groups(article, task, run.budget, run.backend.schema_in_prompt)
    paragraphs: list[TranslatedParagraph] = []
    stray: list[Problem] = []
    notes: list[str] = []
    usage = Usage()
    audit: list[dict[str, Any]] = []
    if len(groups) > 1:
        notes.append(
            f"The article was longer than the model's budget: translated in {len(groups)} groups of paragraphs."
        )
    cached = bool(groups)
    for group in groups:
        part = task.over(group)
        outcome, replayed = converse_cached(article, part, run, cache, f"{run_key}:{group[0].id}-{group[-1].id}")
        cached = cached and replayed
        where = f"Paragraphs {group[0].id}-{group[-1].id}: " if len(groups) > 1 else ""
        notes += [where + note for note in outcome.notes]
        paragraphs += part.located(article, outcome.output, outcome.report)
        stray += outcome.report.stray
        usage.add(outcome.usage)
        audit += outcome.audit
    notes += [note] if (note := injection_note(paragraphs)) else []
    notes += [CACHED_NOTE] if cached else []
    return ArticleTranslation(
        **article.result_fields(),
        target=task.target,
        paragraphs=paragraphs,
        problems=stray,
        notes=notes,
        usage=usage,
        audit=audit,
        cached=cached,
    )


def check_languages(articles: Sequence[Article], target: str) -> None:
    """Refuse, before any call, an article already written in the target language."""
    for article in articles:
        if detect_language(article.text) == target:
            raise InputError(
                f"article {article.id or 1} is already in {LANGUAGE_NAMES[target]}: nothing to translate "
                f"(--to {other_language(target)}?)",
                article=article.id,
            )


class ModelTranslator(CachedTaskRun[TranslateTask]):
    """Translate one article into ``target`` with the model and check it: the per-article function a run calls.

    Shared by every article of a run (thread-safe); ``backend`` replaces the OpenAI client, and
    ``cache`` (a ResultCache) replays the paragraph groups an earlier run completed, with no request.
    An article already in the target language raises InputError before any call.
    """

    def __init__(
        self,
        config: Config,
        *,
        target: str,
        glossary: Glossary,
        backend: ChatBackend | None = None,
        cache: ResultCache | None = None,
    ) -> None:
        # the target is in the key: the same article translated both ways is two entries
        def make_task(prompts: PromptSet) -> TranslateTask:
            return TranslateTask(target, glossary.oriented(target), prompts)

        super().__init__(config, make_task, backend, cache, key_suffix=f":{target}" + glossary_key(glossary))
        self.target = target

    def __call__(self, article: Article) -> ArticleTranslation:
        check_languages([article], self.target)
        return translate_article(article, self.task, self.run, cache=self.cache, run_key=self._run_key)


def translation_requests(task: TranslateTask, article: Article, budget: Budget) -> tuple[list[PlannedRequest], int]:
    """The first request of each group of paragraphs (its messages and reply schema), and the calls they
    make (for the dry run)."""
    groups = paragraph_groups(article, task, budget, False)
    planned = []
    for group in groups:
        part = task.over(group)
        planned.append(PlannedRequest(part.request(article, group, False), part.schema(False), part.schema_name))
    return planned, len(groups)
