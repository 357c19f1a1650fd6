"""A translation glossary: source terms and the target terms they must become.

Read from a two-column CSV file (an optional header row ``source,target``) or a JSON
object (``{"حماس": "Hamas"}``) or array (``[["حماس", "Hamas"]]`` or
``[{"source": ..., "target": ...}]``). A glossary works both ways: terms are
oriented by script to the translation's direction. Terms are matched on whole
words, ignoring case and Arabic diacritics, tatweel and alef forms, and allowing
Arabic proclitics before a term (و، ف، ب، ل، ك، ال: "وحماس" holds "حماس").
"""

from __future__ import annotations

import csv
import io
import json
import re
import functools
import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer.errors import InputError
from summarizer.languages import script_share

_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640]")
_LETTER_FORMS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي"})
ARABIC_PROCLITICS = frozenset(
    {"و", "ف", "ب", "ل", "ك", "ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل", "وب", "ول", "فب", "فل", "وك"}
)


@dataclass(frozen=True, slots=True)
class Term:
    """One glossary entry: a source term and the target term it must be translated as."""

    source: str
    target: str


def _fold(text: str) -> str:
    return _MARKS.sub("", text).translate(_LETTER_FORMS).casefold()


def contains_term(text: str, term: str) -> bool:
    """Whether ``term`` occurs in ``text`` as a whole word (Arabic proclitics allowed before it)."""
    folded, wanted = _fold(text), _fold(term.strip())
    if not wanted:
        return False
    position = folded.find(wanted)
    while position >= 0:
        if _whole_word_at(folded, position, wanted):
            return True
        position = folded.find(wanted, position + 1)
    return False


def _whole_word_at(folded: str, position: int, wanted: str) -> bool:
    """Whether ``wanted`` (folded) is at ``position`` of ``folded`` as a whole word: no letter after it,
    and before it no letter or only an Arabic proclitic."""
    if not folded.startswith(wanted, position):
        return False
    end = position + len(wanted)
    before = position
    while before > 0 and folded[before - 1].isalpha():
        before -= 1
    prefix = folded[before:position]
    return (end == len(folded) or not folded[end].isalpha()) and (not prefix or prefix in ARABIC_PROCLITICS)


def _letter_runs(folded: str) -> Iterator[tuple[int, int]]:
    """The (start, end) of each run of letters in ``folded``."""
    start = -1
    for index, character in enumerate(folded):
        if character.isalpha():
            if start < 0:
                start = index
        elif start >= 0:
            yield start, index
            start = -1
    if start >= 0:
        yield start, len(folded)


_PREFIX_KEY = 4  # a term not starting with a letter ("5G", "(UN)") is found by its first characters


class _TermIndex:
    """Where each term could start, so that finding a text's terms costs the text's length, not the glossary's.

    A term whose folded form starts with a letter is filed under its first run of letters: in a text,
    a whole-word occurrence of it ends that run of letters there, so the run is that key, or an Arabic
    proclitic and that key ("وحماس": و + حماس). Any other term is filed under its first characters,
    looked up at each position of the text. Every candidate is then checked by the whole-word rule of
    :func:`contains_term`, so the terms found are exactly those it finds.
    """

    def __init__(self, terms: Sequence[Term]) -> None:
        self.by_word: dict[str, list[int]] = {}
        self.by_start: dict[str, list[int]] = {}
        self.wanted: list[str] = []
        for number, term in enumerate(terms):
            wanted = _fold(term.source.strip())
            self.wanted.append(wanted)
            if not wanted:
                continue
            if wanted[0].isalpha():
                self.by_word.setdefault("".join(itertools.takewhile(str.isalpha, wanted)), []).append(number)
            else:
                self.by_start.setdefault(wanted[:_PREFIX_KEY], []).append(number)
        self.start_lengths = sorted({len(key) for key in self.by_start})

    def found(self, text: str) -> list[int]:
        """The numbers of the terms occurring in ``text``, in glossary order."""
        folded = _fold(text)
        found: set[int] = set()
        if self.by_word:
            for start, end in _letter_runs(folded):
                run = folded[start:end]
                keys = [(start, run)] + [
                    (start + len(proclitic), run[len(proclitic) :])
                    for proclitic in ARABIC_PROCLITICS
                    if len(run) > len(proclitic) and run.startswith(proclitic)
                ]
                for position, key in keys:
                    for number in self.by_word.get(key, ()):
                        if number not in found and _whole_word_at(folded, position, self.wanted[number]):
                            found.add(number)
        if self.by_start:
            for position in range(len(folded)):
                for length in self.start_lengths:
                    for number in self.by_start.get(folded[position : position + length], ()):
                        if number not in found and _whole_word_at(folded, position, self.wanted[number]):
                            found.add(number)
        return sorted(found)


@dataclass(frozen=True)
class Glossary:
    """The terms of one glossary, in the order given."""

    terms: tuple[Term, ...] = ()

    @functools.cached_property
    def _index(self) -> _TermIndex:
        return _TermIndex(self.terms)

    def oriented(self, target: str) -> Glossary:
        """The terms turned so that each ``target`` is written in the ``target`` language's script."""
        turned = []
        for term in self.terms:
            backwards = script_share(term.source, target) > 0.5 and script_share(term.target, target) <= 0.5
            turned.append(Term(term.target, term.source) if backwards else term)
        return Glossary(tuple(turned))

    def found_in(self, text: str) -> list[Term]:
        """The terms whose source term occurs in ``text`` (as :func:`contains_term` finds them), in glossary
        order; the glossary is indexed once, so this costs the text's length, not the glossary's."""
        return [self.terms[number] for number in self._index.found(text)]


#: What a glossary can be given as: a file path, a Glossary, a mapping of source to target terms, pairs, or None.
GlossaryInput = str | Path | Glossary | Mapping[str, str] | Iterable[Any] | None


def glossary_from(value: GlossaryInput) -> Glossary:
    """A glossary from a file path, a mapping of source to target terms, pairs, or None (empty)."""
    if value is None:
        return Glossary()
    if isinstance(value, Glossary):
        return value
    if isinstance(value, (str, Path)):
        return load_glossary(value)
    return Glossary(tuple(_terms(value, "the glossary")))


def load_glossary(path: str | Path) -> Glossary:
    """Read a glossary file (CSV or JSON, UTF-8); InputError (exit 2) says what is wrong with it."""
    where = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError as error:
        raise InputError(f"{where}: glossary file not found", path=where) from error
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{where}: cannot read the glossary as UTF-8 text ({error})", path=where) from error
    if text.lstrip().startswith(("{", "[")):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise InputError(
                f"{where}: the glossary is not valid JSON ({error.msg}, line {error.lineno})", path=where
            ) from error
        terms = _terms(data, where)
    else:
        rows = [row for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row)]
        if rows and [cell.strip().casefold() for cell in rows[0]] == ["source", "target"]:
            rows = rows[1:]
        terms = _terms(rows, where)
    if not terms:
        raise InputError(f"{where}: the glossary holds no terms", path=where)
    return Glossary(tuple(terms))


def _terms(data: Any, where: str) -> list[Term]:
    pairs: Iterable[Any] = data.items() if isinstance(data, Mapping) else data
    terms = []
    for number, pair in enumerate(pairs, 1):
        if isinstance(pair, Mapping):
            pair = (pair.get("source"), pair.get("target"))
        if isinstance(pair, str) or not isinstance(pair, (list, tuple)) or len(pair) != 2:
            raise InputError(f"{where}: entry {number} is not a source and a target term", path=where)
        source, target = pair
        if not (isinstance(source, str) and isinstance(target, str) and source.strip() and target.strip()):
            raise InputError(f"{where}: entry {number} needs a non-empty source and target term", path=where)
        terms.append(Term(source.strip(), target.strip()))
    return terms
