"""Checked mentions of every kind: the shape a checker returns and the registry the verifier runs.

A mention is a claim an output makes that the article must hold: a number (``extract.NumberMention``,
checked by ``verify``), a date (``dates``), a quote (``quotes``), a name (``names``). Each
kind other than numbers is one **checker**: a function

    checker(index: SourceIndex, output: str, context: CheckContext) -> list[Finding]

that finds its mentions in ``output`` (offsets into ``output``) and says, for each, whether the source
indexed by ``index`` holds it (``Finding.source``: the supporting source mention, offsets into
``index.text``) or why not (``Finding.reason``). A checker builds what it needs from the source once
per index with ``index.evidence(kind, build)`` (cached on the index). It is pure: no model, no network.

Everything after that is shared: :func:`summarizer.numbers.verify` runs every registered checker next
to the numbers; ``summarizer.summary_checks`` turns findings on the cited sentences, the article and its
injected sentences into one state per mention (verified, needs review, unsupported) exactly as for
numbers; JSON (``mention`` on each checked mention: ``number``, ``date``, ``quote``, ``name``), Markdown, HTML,
the repair message and the summary line read those states.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

T = TypeVar("T")


class SourceLike(Protocol):
    """What a checker may use of a source index (``verify.SourceIndex``)."""

    text: str

    @property
    def mentions(self) -> list[Any]: ...  # the source's number mentions (``extract.NumberMention``)

    def evidence(self, kind: str, build: Callable[[str], Any]) -> Any: ...

    def take_scan(self) -> Any: ...


SourceIndex = SourceLike  # the name the docs use

__all__ = [
    "CHECKERS",
    "PLURALS",
    "UNCHECKED",
    "CheckContext",
    "Checker",
    "CheckerSpec",
    "Finding",
    "Mention",
    "count_phrases",
    "joined",
    "not_checked_groups",
    "not_checked_phrases",
    "register_checker",
]


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of a kind other than a number: ``text == some_text[start:end]``.

    ``value`` is the normalised value as JSON shows it (a date: "2023-10-07", "--10-07" without a
    year, "Saturday" for a weekday alone, "1445-03-22 AH" for a Hijri date; a quote: its folded text).
    ``kind`` is the mention kind ("date", "quote"); JSON writes it both as ``kind`` and ``mention``.
    """

    kind: str
    text: str
    value: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (the keys of a number mention's, plus ``mention``)."""
        return {
            "text": self.text,
            "value": self.value,
            "kind": self.kind,
            "mention": self.kind,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class Finding:
    """What a checker says of one output mention against one source.

    * ``source`` set: the source holds it (``source`` is the source mention, offsets into the index's
      text); ``reason`` None.
    * ``source`` None and ``checked``: unsupported; ``reason`` says why ("November 7: the article has
      7 October").
    * ``source`` None and ``review``: needs review. The checker itself judges that the source not holding
      it is for a person to look at rather than wrong (a name written in the other script that no table,
      glossary or transliteration links to the article); ``reason`` says why ("Erdogan is not in the
      article"). It takes the needs-review state, exactly as a number the article holds outside the
      cited sentences: flagged, sent to repair, failing ``ok`` wherever needs review does.
    * ``checked`` False: named but not checked (a relative date such as "yesterday"); ``reason`` says
      what it is. Such a finding never makes a text unverified.
    ``note`` is extra information to show with the mention (a quote: "translated").
    ``covers_numbers``: the numbers inside the mention are part of it and are not checked alone
    (a date's day and year).
    """

    mention: Mention
    source: Mention | None = None
    reason: str | None = None
    checked: bool = True
    note: str | None = None
    covers_numbers: bool = False
    review: bool = False

    @property
    def supported(self) -> bool:
        return self.checked and self.source is not None

    @property
    def unsupported(self) -> bool:
        """Checked, not held, and wrong (not for review)."""
        return self.checked and self.source is None and not self.review

    @property
    def to_review(self) -> bool:
        """Checked, not held, and needing a person's review (``review``)."""
        return self.checked and self.source is None and self.review


@dataclass
class CheckContext:
    """What a checker may know about the output beyond its text (all optional).

    ``language``: the output's language code ("en", "ar") when known; ``source_language``: the
    article's. ``limit``: the output is ``output[:limit]``, what follows is context read with it (a key
    figure's label after its number): a mention that does not end by ``limit`` is not this output's.
    ``cache`` is private to the checkers for one output text (the shared tokenization). ``parallel``: the
    source says all the output says, in its order (a translation's paragraph): a weekday named alone is
    compared with the source's weekdays even where the words around it are in another language.
    ``glossary``: the user's glossary terms that apply to the source, as (source, target) pairs in either
    script (``summarizer.glossary.Glossary.across`` gives those of an article): the name checker links a name
    across scripts by them as by its name tables. Give every output checked against one source the same
    sequence object: the name checker builds its look-up table once per object, not once per call.
    """

    language: str | None = None
    source_language: str | None = None
    limit: int | None = None
    parallel: bool = False
    glossary: Sequence[tuple[str, str]] = ()
    cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def read_once(self, key: str, output: str, read: Callable[[], T]) -> T:
        """What ``read()`` gives for ``output``, kept in ``cache[key]``: an output checked against several
        sources (the article, each cited sentence) is read once."""
        kept = self.cache.get(key)
        if kept is not None and kept[0] == output:
            return kept[1]
        value = read()
        self.cache[key] = (output, value)
        return value


Checker = Callable[[SourceLike, str, CheckContext], list[Finding]]


@dataclass(frozen=True)
class CheckerSpec:
    """A registered kind: its checker, how its mentions are named (singular, plural), and what those it
    names but does not check are called ("relative dates", "translated quotes")."""

    kind: str
    check: Checker
    singular: str
    plural: str
    unchecked: str = ""
    # built from the number extractor's tokens of the source (``index.take_scan()``), the first time an
    # output names the kind (``index.evidence``): dates use it
    index_from_scan: Callable[[SourceLike], Any] | None = None
    # a mention the article holds anywhere is verified, even when the cited sentences do not hold it (names:
    # the article naming a person anywhere supports naming them); otherwise it needs review, like a number
    anywhere: bool = False


# kind -> spec, in the order the summary line names them (numbers are checked by verify itself)
CHECKERS: dict[str, CheckerSpec] = {}
PLURALS: dict[str, tuple[str, str]] = {"number": ("number", "numbers")}
# kind -> what its mentions named but not checked are called, and what was not done with them
UNCHECKED: dict[str, tuple[str, str]] = {}


def register_checker(
    kind: str,
    check: Checker,
    singular: str | None = None,
    plural: str | None = None,
    unchecked: str | None = None,
    not_done: str = "not checked",
    index_from_scan: Callable[[SourceLike], Any] | None = None,
    anywhere: bool = False,
) -> None:
    """Plug a new kind of mention into the verifier (replacing the checker of the same kind).

    ``unchecked`` names its mentions that are named but not checked (``Finding.checked`` False) and
    ``not_done`` what was not done with them: "relative dates" "not checked", "translated quotes" "not
    compared word for word". ``index_from_scan`` (optional) builds the kind's evidence from the
    extractor's tokens of the source (``index.take_scan()``, kept by the index until then); either way it
    is built on first use, by ``index.evidence(kind, build)``. ``anywhere``: a mention the article holds
    outside the cited sentences is verified rather than needing review (names).
    """
    singular = singular or kind
    plural = plural or singular + "s"
    unchecked = unchecked or plural
    CHECKERS[kind] = CheckerSpec(kind, check, singular, plural, unchecked, index_from_scan, anywhere)
    PLURALS[kind] = (singular, plural)
    UNCHECKED[kind] = (unchecked, not_done)


def count_phrases(counts: dict[str, int]) -> list[str]:
    """ "2 numbers", "1 name": one phrase per kind with a count above 0, numbers first, then in the order the
    kinds are registered (a kind with none is left out: never "0 numbers")."""
    order = list(PLURALS)
    kinds = sorted((k for k, n in counts.items() if n), key=lambda k: order.index(k) if k in order else len(order))
    return [f"{counts[k]} {PLURALS.get(k, (k, k + 's'))[0 if counts[k] == 1 else 1]}" for k in kinds]


def joined(parts: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return parts[0] if len(parts) <= 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def not_checked_groups(mentions: Sequence[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(kind, text) of mentions named but not checked -> per kind, in order: what they are, what was not
    done, and their texts: ("relative dates", "not checked", "'yesterday'"), ("translated quotes", "not
    compared word for word", "'…'")."""
    by_kind: dict[str, list[str]] = {}
    for kind, text in mentions:
        texts = by_kind.setdefault(kind, [])
        if repr(text) not in texts:
            texts.append(repr(text))
    groups = []
    for kind, texts in by_kind.items():
        what, not_done = UNCHECKED.get(kind, (PLURALS.get(kind, (kind, kind + "s"))[1], "not checked"))
        groups.append((what, not_done, ", ".join(texts)))
    return groups


def not_checked_phrases(mentions: Sequence[tuple[str, str]]) -> list[str]:
    """One phrase per kind for the summary line: "relative dates not checked ('yesterday')"."""
    return [f"{what} {not_done} ({texts})" for what, not_done, texts in not_checked_groups(mentions)]
