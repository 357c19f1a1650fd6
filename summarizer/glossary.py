"""A translation glossary: source terms and the target terms they must become.

Read from a two-column CSV file (an optional header row ``source,target``) or a JSON
object (``{"حماس": "Hamas"}``) or array (``[["حماس", "Hamas"]]`` or
``[{"source": ..., "target": ...}]``). A glossary works both ways: terms are
oriented by script to the translation's direction. Terms are matched on whole
words, ignoring case and Arabic diacritics, tatweel and alef forms, and allowing
Arabic proclitics before a term (و، ف، ب، ل، ك، ال: "وحماس" holds "حماس").
"""

from __future__ import annotations

import array
import bisect
import csv
import itertools
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer.errors import InputError
from summarizer.languages import other_language, script_share
from summarizer.lazy import cached_property

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

    Every term is filed by its folded form (``exact``), and its length under an anchor: a term that
    starts with a letter under its first run of letters (in a text, a whole-word occurrence of it ends
    that run of letters there, so the run is the anchor, or an Arabic proclitic and the anchor:
    "وحماس" is و + حماس), any other term under its first characters, looked up at each position. At a
    text position each length filed under the anchor there is one look-up of that slice of
    the text, then the whole-word rule of :func:`contains_term`, so the terms found are exactly those
    it finds, however many terms share a first word. The index holds the strings' hashes, packed in
    sorted arrays (a glossary of a million terms would otherwise hold its strings twice, and a million
    Python ints); a hash that matches is confirmed against the term itself.
    """

    def __init__(self, terms: Sequence[Term]) -> None:
        self.terms = terms
        self.exact = _Multimap()  # hash of a folded term -> its number
        self.by_word = _Multimap()  # hash of a first run of letters -> the lengths of its terms
        self.by_start = _Multimap()  # hash of first characters -> the lengths of their terms
        lengths: set[int] = set()
        for number, term in enumerate(terms):
            wanted = _fold(term.source.strip())
            if not wanted:
                continue
            self.exact.add(hash(wanted), number)
            if wanted[0].isalpha():
                self.by_word.add(hash("".join(itertools.takewhile(str.isalpha, wanted))), len(wanted))
            else:
                self.by_start.add(hash(wanted[:_PREFIX_KEY]), len(wanted))
                lengths.add(min(len(wanted), _PREFIX_KEY))
        self.exact.freeze()
        self.by_word.freeze(distinct=True)
        self.by_start.freeze(distinct=True)
        self.start_lengths = sorted(lengths)

    def found(self, text: str) -> list[int]:
        """The numbers of the terms occurring in ``text``, in glossary order."""
        folded = _fold(text)
        found: set[int] = set()

        def check(position: int, lengths: Iterable[int]) -> None:
            for length in lengths:
                wanted = folded[position : position + length]
                numbers = [n for n in self.exact.get(hash(wanted)) if n not in found]
                if numbers and _whole_word_at(folded, position, wanted):
                    found.update(n for n in numbers if _fold(self.terms[n].source.strip()) == wanted)

        if self.by_word:
            for start, end in _letter_runs(folded):
                run = folded[start:end]
                check(start, self.by_word.get(hash(run)))
                for proclitic in ARABIC_PROCLITICS:
                    if len(run) > len(proclitic) and run.startswith(proclitic):
                        check(start + len(proclitic), self.by_word.get(hash(run[len(proclitic) :])))
        if self.by_start:
            for position in range(len(folded)):
                for length in self.start_lengths:
                    check(position, self.by_start.get(hash(folded[position : position + length])))
        return sorted(found)


class _Multimap:
    """Integer keys to integer values, packed in two sorted arrays (8 bytes each a pair, where a dict of
    a million Python ints takes a hundred): filled with :meth:`add`, then :meth:`freeze` once, then read."""

    def __init__(self) -> None:
        self._keys = array.array("q")
        self._values = array.array("q")

    def add(self, key: int, value: int) -> None:
        self._keys.append(key)
        self._values.append(value)

    def freeze(self, *, distinct: bool = False) -> None:
        """Sort by key (values keep their order under a key); with ``distinct``, each value once a key."""
        keys, values = array.array("q"), array.array("q")
        previous: int | None = None
        seen: set[int] = set()
        for index in sorted(range(len(self._keys)), key=self._keys.__getitem__):
            key, value = self._keys[index], self._values[index]
            if key != previous:
                previous, seen = key, set()
            if distinct:
                if value in seen:
                    continue
                seen.add(value)
            keys.append(key)
            values.append(value)
        self._keys, self._values = keys, values

    def get(self, key: int) -> Iterator[int]:
        """The values filed under ``key``."""
        index = bisect.bisect_left(self._keys, key)
        while index < len(self._keys) and self._keys[index] == key:
            yield self._values[index]
            index += 1

    def __bool__(self) -> bool:
        return len(self._keys) > 0


@dataclass(frozen=True)
class Glossary:
    """The terms of one glossary, in the order given."""

    terms: tuple[Term, ...] = ()

    @cached_property
    def _index(self) -> _TermIndex:
        return _TermIndex(self.terms)

    @cached_property
    def _turned(self) -> dict[str, Glossary]:
        return {}  # target language -> this glossary oriented to it (made once: its index is built once)

    def oriented(self, target: str) -> Glossary:
        """The terms turned so that each ``target`` is written in the ``target`` language's script (made once
        per language, so that a run's articles all find their terms with one index)."""
        kept = self._turned.get(target)
        if kept is not None:
            return kept
        turned = []
        for term in self.terms:
            backwards = script_share(term.source, target) > 0.5 and script_share(term.target, target) <= 0.5
            turned.append(Term(term.target, term.source) if backwards else term)
        return self._turned.setdefault(target, Glossary(tuple(turned)))

    def held_by(self, texts: Iterable[tuple[str, str]]) -> Glossary:
        """The terms, as given and in glossary order, that :meth:`across` finds in any of ``texts`` ((text,
        language) pairs): a glossary that gives each of these texts the same pairs, prompt lines and name
        links as this one does, however large this one is (what a batch records for collect)."""
        numbers: set[int] = set()
        for text, language in texts:
            numbers.update(self.oriented(other_language(language))._index.found(text))
        return Glossary(tuple(self.terms[number] for number in sorted(numbers)))

    def across(self, text: str, language: str) -> tuple[tuple[str, str], ...]:
        """The terms that link a name in ``text`` (written in ``language``) with its form in the other
        language's script: each term with one side in each script whose ``language`` side occurs in ``text``,
        as (that side, the other side) pairs, in glossary order. What the verifier's name checker is given
        for an article (``CheckContext.glossary``), and what a summary prompt lists."""
        other = other_language(language)
        return tuple(
            (term.source, term.target)
            for term in self.oriented(other).found_in(text)
            if script_share(term.source, language) > 0.5 and script_share(term.target, other) > 0.5
        )

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
        with open(path, encoding="utf-8-sig", newline="") as handle:  # read as it is parsed: a glossary may be large
            if _starts_json(handle):
                try:
                    terms = _terms(json.load(handle), where)
                except json.JSONDecodeError as error:
                    raise InputError(
                        f"{where}: the glossary is not valid JSON ({error.msg}, line {error.lineno})", path=where
                    ) from error
            else:
                rows = (row for row in csv.reader(handle) if any(cell.strip() for cell in row))
                first = next(rows, None)
                header = first is not None and [cell.strip().casefold() for cell in first] == ["source", "target"]
                terms = _terms(rows if header or first is None else itertools.chain([first], rows), where)
    except FileNotFoundError as error:
        raise InputError(f"{where}: glossary file not found", path=where) from error
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{where}: cannot read the glossary as UTF-8 text ({error})", path=where) from error
    if not terms:
        raise InputError(f"{where}: the glossary holds no terms", path=where)
    return Glossary(tuple(terms))


def _starts_json(handle: Any) -> bool:
    """Whether the file's first character that is not white space opens JSON (``{`` or ``[``); the file
    is read again from its start after."""
    while chunk := handle.read(4096):
        stripped = chunk.lstrip()
        if stripped:
            handle.seek(0)
            return stripped.startswith(("{", "["))
    handle.seek(0)
    return False


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
