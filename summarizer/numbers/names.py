"""Names (people, places, organisations) in an output, checked against the article in either script.

What is read
------------
* English: runs of capitalised words ("Benjamin Netanyahu", "Royal Bank of Scotland"), with titles
  ("Mr", "President", "Prime Minister") and a leading "The" left out, possessives ("Obama's") and initials
  ("J.") handled, and acronyms ("RBS", "U.S."). A capitalised word that opens a sentence is a name only when
  it is rare in English (``wordfreq``) or the article writes it capitalised. Months and weekdays are the
  date checker's. In a lower-case output (FRANK's summaries) a word absent from the article and rare in
  English is read as a name too.
* Arabic: a word absent from the article (after clitics و ب ل ف ك ال لل, hamza/alef/yeh/teh marbuta forms,
  tatweel and short vowels are folded) that is a name in the name tables (``summarizer/data/names.json``,
  built by ``scripts/build_name_tables.py``), or that is rare in Arabic.

The rule
--------
* Same script: a name is verified when the article holds each of its words (a surname alone for a full
  name, an inflected or possessive form, an acronym the article spells out: "RBS" for "Royal Bank of
  Scotland"); else it is unsupported: "Erdogan is not in the article".
* Across scripts (an English summary of an Arabic article, or the reverse): a name is supported when the
  name tables or the user's glossary give a form the article holds, or when its consonant skeleton
  matches an article word (transliteration, ``rapidfuzz`` score); the finding's ``note`` names that
  evidence ("table: Gaza = غزة", "transliteration: Netanyahu ~ نتنياهو"). A name not found across scripts
  is not called wrong: it needs review (``Finding.review``, reason "Erdogan is not in the article"), the
  state of a number the article holds outside the cited sentences.

Tables and word frequencies load once, on first use.
"""

from __future__ import annotations

import functools
import json
import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from summarizer.numbers.loading import built_once, warm_up_later

from ..languages import mostly_arabic
from . import dates as _dates  # noqa: F401  (registered before names: a name never overlaps a date...)
from . import quotes as _quotes  # noqa: F401  (... or a quote, which names leave to their checkers)
from .display import FORMAT_CHARACTERS, has_astral, split_class
from .folding import fold
from .mentions import CheckContext, Finding, Mention, register_checker

__all__ = ["NameIndex", "extract_names", "name_findings", "name_tables", "skeleton"]

_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3]")
_LETTERS = "A-Za-z\u00c0-\u024f"
# a whole English word (an _EN_WORD token) that starts with a capital letter
_CAPITAL_TOKEN = re.compile(
    rf"[A-Z{''.join(chr(c) for c in range(0xC0, 0x250) if chr(c).isupper())}](?<![{_LETTERS}].)(?<![{_LETTERS}]['’][A-Z])"
    rf"[{_LETTERS}]*(?:['’][A-Za-z]+)*\.?"
)
_UPPER = re.compile(r"[A-Z\u00c0-\u00de]")
_ACCENTED = re.compile(r"[\u00c0-\u024f]")
_EN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:['’][A-Za-z]+)*\.?")
_UPPERS = "A-Z" + "".join(chr(c) for c in range(0xC0, 0x250) if chr(c).isupper())
_CONNECTOR_WORD = (
    r"(?i:of|the|al|el|bin|ibn|abu|de|van|von|da|du|la|and)(?:['’]s)?\.?(?![A-Za-z\u00c0-\u024f]|['’][A-Za-z])"
)
_NEXT_CAPITAL = rf"[{_UPPERS}][A-Za-z\u00c0-\u024f]*(?:['’][A-Za-z]+)*\.?"
# A run of capitalised words: a word that starts with a capital (a whole _EN_WORD token), then words that start
# with a capital, each after one space or hyphen, with at most one connector between two ("Bank of England");
# nothing follows a possessive ("Obama's")
_CAPITAL_RUN = re.compile(
    # the capital first, then the look behind it (a pattern that opens with a class is searched far faster)
    r"[A-Z\u00c0-\u00d6\u00d8-\u00de](?<![A-Za-z\u00c0-\u024f'’].)[A-Za-z\u00c0-\u024f]*(?:['’][A-Za-z]+)*\.?"
    rf"(?:(?<!['’]s)[ -](?:{_CONNECTOR_WORD}[ -](?=[{_UPPERS}]))?{_NEXT_CAPITAL})*"
)
_AR_WORD = re.compile(r"[\u0621-\u064a\u0671-\u06d3\u0640\u064b-\u065f\u0670]+")
# what folding drops (folding.STRIP) outside _AR_WORD's characters: these end an Arabic word
_AR_BREAKS = re.compile(f"[\u0610-\u061a\u06d6-\u06ed{FORMAT_CHARACTERS}]")
_AR_BREAKS_BMP = re.compile(f"[\u0610-\u061a\u06d6-\u06ed{split_class(FORMAT_CHARACTERS)[0]}]")  # searched faster
_ACRONYM_DOTS = re.compile(r"\b(?:[A-Z]\.){2,}")

TITLES = frozenset(
    """mr mrs ms miss dr prof sir dame lord lady president vice prime minister secretary general gen col
    colonel capt captain lt sgt king queen prince princess sheikh emir pope chancellor senator sen rep
    governor gov mayor judge justice chairman chief foreign defence defense interior finance state deputy
    ambassador spokesman spokeswoman spokesperson commander minister's president's""".split()
)
CONNECTORS = frozenset({"of", "the", "al", "el", "bin", "ibn", "abu", "de", "van", "von", "da", "du", "la", "and"})
DATE_WORDS = frozenset(
    """january february march april may june july august september october november december jan feb mar apr
    jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday""".split()
)
# "UNK": a summarization model's unknown-word token (FRANK's outputs), a placeholder rather than a name
NOT_NAMES = frozenset({"i", "a", "ok", "tv", "am", "pm", "unk", "celsius", "fahrenheit", "richter", "kelvin"})
_NOT_CONTENT = CONNECTORS | TITLES
_NOT_NAME_WORDS = DATE_WORDS | NOT_NAMES
CURRENCY_AFTER = frozenset({"dollar", "dollars", "$"})  # "US dollars" names a currency, not the country


@built_once
def counted_words() -> frozenset[str]:
    """The folded words the number checker reads as counted things (units, currencies, people): not names."""
    from .counted_lexicon import AR_WORDS, EN_WORDS

    words = {fold_en(w) for w in EN_WORDS}
    for word in AR_WORDS:
        words.update(ar_stems(fold_ar(word)))
    return frozenset(words)


ACRONYM_ALIASES: dict[str, tuple[str, ...]] = {
    "us": ("america", "american", "americans", "united states", "washington"),
    "usa": ("america", "american", "united states"),
    "uk": ("britain", "british", "united kingdom", "england", "london"),
    "un": ("united nations",),
    "eu": ("european union", "europe", "european"),
}
# Rarity thresholds (wordfreq's Zipf scale: 3 = once per million words), tuned on FRANK and the corpus
EN_CAPITAL_RARE = 4.0  # a sentence-initial capitalised word rarer than this is a name
EN_LOWER_RARE = 3.5  # a lower-case word absent from the article and rarer than this is a candidate name
EN_LOWER_NAMED = 4.5  # ... or, if the name tables know it, rarer than this
AR_RARE = 2.0  # an Arabic word absent from the article and rarer than this is a candidate name
FUZZ_MIN = 80.0  # a transliteration match needs this rapidfuzz ratio between consonant skeletons
SHORT_COMMON = 5.5  # Zipf: an Arabic word this common is not matched by a two-consonant skeleton ("من", "هذا")
FUZZ_STRICT = 90.0  # ... and this for a name the tables know under other forms

_GENERIC_HEADS = frozenset(
    fold(w)
    for w in "مدينة قطاع حركة جزيرة جزر ولاية محافظة مقاطعة إقليم نهر جبل بحيرة منطقة جمهورية مملكة إمارة".split()
)
AR_PREFIXES = ("وبال", "وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")
_HAMZA = str.maketrans({"ؤ": "و", "ئ": "ي", "ء": ""})


@functools.lru_cache(maxsize=65536)
def fold_ar(word: str) -> str:
    """An Arabic word folded: hamza/alef/yeh/teh marbuta forms, tatweel and short vowels."""
    return fold(word).translate(_HAMZA)


@functools.lru_cache(maxsize=65536)
def ar_stems(folded: str) -> tuple[str, ...]:
    """The forms of a folded Arabic word with each clitic prefix it may carry taken off (the word too),
    longest first (the most specific form is looked up first, in the same order on every run)."""
    stems = {folded}
    for prefix in AR_PREFIXES:
        if folded.startswith(prefix) and len(folded) - len(prefix) >= 3:
            stems.add(folded[len(prefix) :])
    for stem in list(stems):  # the dual/plural and feminine endings of a nisba: مصريون، مصرية
        for suffix in ("ون", "ين", "ان", "يه", "ه", "ي"):
            if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
                stems.add(stem[: -len(suffix)])
    return tuple(sorted(stems, key=lambda stem: (-len(stem), stem)))


@functools.lru_cache(maxsize=65536)
def fold_en(word: str) -> str:
    """An English word folded: accents dropped, lower case, possessive and final dot taken off."""
    if word.isascii():
        word = word.lower()
    else:
        word = unicodedata.normalize("NFKD", word)
        word = "".join(c for c in word if not unicodedata.combining(c)).lower().replace("’", "'")
    word = word.rstrip(".")
    if word.endswith("'s"):
        word = word[:-2]
    elif word.endswith("'"):
        word = word[:-1]
    return word.replace(".", "")


# ---------------------------------------------------------------------------------------------- tables


@dataclass
class NameTables:
    """The bilingual name table: English name (lower case) -> folded Arabic forms, and the reverse."""

    en_to_ar: dict[str, list[str]]
    ar_to_en: dict[str, list[str]]  # folded Arabic form (ال kept) -> English names
    ar_words: frozenset[str]  # single folded Arabic words that are names (ال taken off)


@built_once
def name_tables() -> NameTables:
    """summarizer/data/names.json, read once."""
    data = json.loads(resources.files("summarizer.data").joinpath("names.json").read_text(encoding="utf-8"))
    en_to_ar: dict[str, list[str]] = {}
    ar_to_en: dict[str, list[str]] = {}
    words: set[str] = set()
    for english, forms in data["names"].items():
        folded = [" ".join(fold_ar(w) for w in form.split()) for form in forms]
        en_to_ar.setdefault(english, []).extend(folded)
        plain = " ".join(fold_en(w) for w in english.split())  # "beyoncé" -> "beyonce", as outputs are folded
        if plain != english:
            en_to_ar.setdefault(plain, []).extend(folded)
        for form in folded:
            ar_to_en.setdefault(form, []).append(english)
            if " " not in form and len(form) >= 3:
                words.add(form[2:] if form.startswith("ال") and len(form) > 4 else form)
    return NameTables(en_to_ar, ar_to_en, frozenset(words))


@built_once
def _zipf(language: str) -> Any:
    from wordfreq import zipf_frequency

    zipf_frequency("the", language)  # wordfreq reads its list now, under the lock, not once per thread
    return functools.lru_cache(maxsize=65536)(functools.partial(_zipf_of, zipf_frequency, language))


def _zipf_of(zipf_frequency: Any, language: str, word: str) -> float:
    return float(zipf_frequency(word, language))


warm_up_later(name_tables)
warm_up_later(counted_words)
warm_up_later(_zipf, "ar")
warm_up_later(_zipf, "en")


def zipf(word: str, language: str) -> float:
    """How common ``word`` is in ``language`` (wordfreq's Zipf scale; 0 for a word it does not know)."""
    return float(_zipf(language)(word))


# ---------------------------------------------------------------------------------------------- skeletons

# kh is written X until the letters are folded (x itself is "ks"), then x, as خ is
_EN_DIGRAPHS = (("sch", "S"), ("sh", "S"), ("ch", "S"), ("kh", "X"), ("th", "t"), ("gh", "g"), ("ph", "f"), ("ck", "k"))
_EN_LETTERS = str.maketrans({"q": "k", "c": "k", "v": "f", "p": "b", "j": "g", "x": "ks", "z": "z"})
_AR_LETTERS = {
    "ب": "b",
    "ت": "t",
    "ث": "t",
    "ج": "g",
    "ح": "h",
    "خ": "x",
    "د": "d",
    "ذ": "z",
    "ر": "r",
    "ز": "z",
    "س": "s",
    "ش": "S",
    "ص": "s",
    "ض": "d",
    "ط": "t",
    "ظ": "z",
    "غ": "g",
    "ف": "f",
    "ق": "k",
    "ك": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "h",
    "پ": "b",
    "چ": "S",
    "ڤ": "f",
    "گ": "g",
}


def skeleton(word: str) -> str:
    """A name's consonant skeleton, the same for its Arabic and English spellings: ال and long vowels
    dropped, sh/kh/th/gh/q folded, doubled letters collapsed ("Netanyahu" and "نتنياهو" are both "ntnh")."""
    if _ARABIC_LETTER.search(word):
        folded = fold_ar(word)
        if folded.startswith("ال") and len(folded) > 4:
            folded = folded[2:]
        if folded.endswith("ه"):  # teh marbuta
            folded = folded[:-1]
        out = "".join(_AR_LETTERS.get(c, "") for c in folded)
    else:
        from anyascii import anyascii

        text = re.sub(r"[^a-z]", "", anyascii(word).lower())
        if text.startswith(("al", "el")) and len(text) > 5:
            text = text[2:]
        for digraph, letter in _EN_DIGRAPHS:
            text = text.replace(digraph, letter)
        text = text.translate(_EN_LETTERS).replace("X", "x")
        text = re.sub(r"[aeiouyw]", "", text)
        out = text
    out = re.sub(r"(.)\1+", r"\1", out)
    return out.rstrip("h") if len(out) > 3 else out


# ---------------------------------------------------------------------------------------------- the article


def _is_en_letter(c: str) -> bool:
    return ("A" <= c <= "Z") or ("a" <= c <= "z") or ("\u00c0" <= c <= "\u024f")


def _is_ar_letter(c: str) -> bool:
    """Whether ``c`` is a letter of a folded Arabic word (the letters of _AR_WORD)."""
    return ("\u0621" <= c <= "\u064a") or ("\u0671" <= c <= "\u06d3")


def _continues(text: str, k: int) -> bool:
    """Whether the apostrophe-like character at ``k`` joins the letters on its two sides into one word."""
    return (
        0 <= k < len(text) - 1 and text[k] == "'" and k > 0 and _is_en_letter(text[k - 1]) and "a" <= text[k + 1] <= "z"
    )


def _possessive_at(text: str, k: int) -> bool:
    """Whether ``text`` has a possessive 's at ``k`` that ends the word ("obama's"; not "b's'a", one word)."""
    return (
        text.startswith("'s", k)
        and (k + 2 == len(text) or not _is_en_letter(text[k + 2]))
        and not _continues(text, k + 2)
    )


def _word_ends(text: str, end: int) -> bool:
    """Whether an English word may end at ``end`` of ``text`` (no letter follows)."""
    return end >= len(text) or not _is_en_letter(text[end])


class NameIndex:
    """What the name checker needs of one source text, built once per index, each part on first use.

    An article is read with a few whole-text passes (C speed); the per-word work (offsets, capitalised
    words, the initials of capitalised runs) is done only when an output asks for it.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.arabic = mostly_arabic(text)
        self._written: frozenset[str] | None = None
        self._ar_written: frozenset[str] | None = None
        self._en_words: dict[str, str] | None = None
        self._en_offsets: dict[str, int] = {}
        self._en_spots: dict[str, int | None] = {}  # folded word -> where the article first writes it, or None
        self._lowered: str | None = None
        self._capitalised: dict[str, bool] = {}
        self._en_capitals: set[str] | None = None
        self._acronyms: dict[str, int] | None = None
        self._ar_spans: dict[str, tuple[int, int]] = {}
        self._ar_found: dict[str, tuple[int, int] | None] = {}
        self._ar_folded: str | None = None  # see _folded_ar
        self._ar_scan: Iterator[re.Match[str]] = _AR_WORD.finditer(text)  # read as far as a span is asked for
        self._ar_text: str | None = None
        self._skeletons: list[tuple[str, int, int]] | None = None
        self._short: dict[str, tuple[int, int]] | None = None

    @classmethod
    def build(cls, text: str) -> NameIndex:
        return cls(text)

    @property
    def written(self) -> frozenset[str]:
        """The article's words exactly as written (a fast first look)."""
        if self._written is None:
            self._written = frozenset(self.text.split())
        return self._written

    @property
    def ar_written(self) -> frozenset[str]:
        """The article's Arabic words exactly as written, without the punctuation around them."""
        if self._ar_written is None:
            self._ar_written = frozenset(_AR_WORD.findall(self.text))
        return self._ar_written

    @property
    def en_words(self) -> dict[str, str]:
        """Folded English word -> the first form the article writes it in."""
        if self._en_words is None:
            tokens = _EN_WORD.findall(self.text)
            # reversed: the first occurrence of each folded word is written last, so it stays
            self._en_words = dict(zip(reversed(list(map(fold_en, tokens))), reversed(tokens), strict=True))
            self._en_words.pop("", None)
        return self._en_words

    def en_offset(self, word: str) -> int:
        """Where the article first writes folded English ``word`` (a key of ``en_words``)."""
        if word not in self._en_offsets:
            form = self.en_words[word]
            text, pos = self.text, self.text.find(form)
            dot = form.endswith(".")  # "Facebook.Volunteer": a word ends at its dot
            while pos >= 0 and (
                (pos > 0 and _is_en_letter(text[pos - 1])) or not (dot or _word_ends(text, pos + len(form)))
            ):
                pos = text.find(form, pos + 1)  # inside a longer word: look further
            self._en_offsets[word] = pos if pos >= 0 else text.find(form)
        return self._en_offsets[word]

    def _plain_lowered(self) -> str:
        """The article in lower case with ’ as ', when that keeps every offset and no letter needs folding beyond
        case (no accented Latin letter): then a folded word is found by a search of it. Else ""."""
        if self._lowered is None:
            text = self.text
            lowered = text.lower().replace("’", "'")
            plain = text.isascii() or (
                # a letter _EN_WORD reads (accented) is folded beyond case; the Kelvin sign is not a letter to
                # _EN_WORD, its lower case is k; Ⱥ is one, its lower case not
                len(lowered) == len(text)
                and not _ACCENTED.search(lowered)
                and not _ACCENTED.search(text)
                and "\u212a" not in text
            )
            self._lowered = lowered if plain else ""
        return self._lowered

    def _token_spots(self, word: str) -> Iterator[int]:
        """Each offset where the article writes a word that folds to ``word`` (lower case, no dots)."""
        lowered = self._plain_lowered()
        size, n = len(word), len(lowered)
        pos = lowered.find(word)
        while pos >= 0:
            end = pos + size
            if (
                (pos == 0 or not (_is_en_letter(lowered[pos - 1]) or _continues(lowered, pos - 1)))
                and (end == n or not _is_en_letter(lowered[end]))
                and not (_continues(lowered, end) and not _possessive_at(lowered, end))
            ):
                yield pos
            pos = lowered.find(word, pos + 1)

    def en_spot(self, word: str) -> int | None:
        """Where the article first writes a word that folds to English ``word``, or None."""
        if word not in self._en_spots:
            if not word or "." in word or not self._plain_lowered():
                self._en_spots[word] = self.en_offset(word) if word in self.en_words else None
            else:
                self._en_spots[word] = next(self._token_spots(word), None)
        return self._en_spots[word]

    def capitalised_inside(self, word: str) -> bool:
        """Whether the article writes folded English ``word`` capitalised inside a sentence."""
        if word not in self._capitalised:
            if not word or "." in word or not self._plain_lowered():
                self._capitalised[word] = word in self.en_capitals
            else:
                text = self.text
                self._capitalised[word] = any(
                    text[pos].isupper() and not _sentence_start(text, pos) for pos in self._token_spots(word)
                )
        return self._capitalised[word]

    @property
    def en_capitals(self) -> set[str]:
        """The folded words the article writes capitalised inside a sentence."""
        if self._en_capitals is None:
            text = self.text
            self._en_capitals = {
                fold_en(m.group()) for m in _CAPITAL_TOKEN.finditer(text) if not _sentence_start(text, m.start())
            }
            self._en_capitals.discard("")
        return self._en_capitals

    @property
    def acronyms(self) -> dict[str, int]:
        """The initials of each run of capitalised words (connectors inside) -> where the run starts."""
        if self._acronyms is None:
            self._acronyms = {}
            run: list[tuple[str, int]] = []
            for m in _EN_WORD.finditer(self.text):
                word = fold_en(m.group())
                if not word:
                    continue
                written = m.group()
                if written[0].isupper():
                    if word not in CONNECTORS or not run:
                        run.append((written, m.start()))
                elif word in CONNECTORS and run:
                    continue
                elif run:
                    self._add_run(run)
                    run = []
            self._add_run(run)
        return self._acronyms

    def _add_run(self, run: list[tuple[str, int]]) -> None:
        words = [w for w, _ in run if fold_en(w) not in CONNECTORS]
        if len(words) >= 2 and self._acronyms is not None:
            self._acronyms.setdefault("".join(w[0] for w in words).lower(), run[0][1])

    def _folded_ar(self) -> str:
        """The article folded as fold_ar folds a word, its Arabic words those of _AR_WORD: a character that
        folding drops but that no word holds (a joiner, a Quranic sign) parts two words, as _AR_WORD does
        (else their joined letters would be a word no _AR_WORD word of the article folds to)."""
        if self._ar_folded is None:
            text = self.text
            if not text.isascii():
                breaks = _AR_BREAKS if has_astral(text) else _AR_BREAKS_BMP
                if breaks.search(text):
                    text = breaks.sub(" ", text)
            text = fold(text)  # then the hamza forms, as fold_ar does (str.replace: far faster on a text)
            self._ar_folded = text.replace("ؤ", "و").replace("ئ", "ي").replace("ء", "")
        return self._ar_folded

    @property
    def ar_text(self) -> str:
        """The folded Arabic words joined by spaces, for multi-word table forms."""
        if self._ar_text is None:
            self._ar_text = " " + " ".join(_AR_WORD.findall(self._folded_ar())) + " "
        return self._ar_text

    def _ar_span(self, folded: str) -> tuple[int, int]:
        """The span of the article's first word that folds to ``folded``."""
        if folded not in self._ar_spans:
            for m in self._ar_scan:
                form = fold_ar(m.group())
                self._ar_spans.setdefault(form, (m.start(), m.end()))
                if form == folded:
                    break
        return self._ar_spans.get(folded, (0, 0))

    def has_en(self, word: str) -> int | None:
        """Where the article has English ``word`` (folded) or a form of it (plural, possessive, -ian/-i)."""
        found = self.en_form(word)
        return None if found is None else self.en_spot(found)

    def en_form(self, word: str) -> str | None:
        """The article's folded word that stands for English ``word`` (itself, a plural, -ian/-i), or None."""
        spot = self.en_spot
        if spot(word) is not None:
            return word
        for variant in (word + "s", word[:-1] if word.endswith("s") else "", word + "es", word + "n", word + "i"):
            if variant and spot(variant) is not None:
                return variant
        if len(word) >= 5:
            for suffix in ("ian", "ean", "an", "i", "ese", "ish", "s", "n"):
                if word.endswith(suffix) and len(base := word[: -len(suffix)]) >= 4 and spot(base) is not None:
                    return base
        return None

    def has_ar(self, folded: str) -> tuple[int, int] | None:
        """Where the article has folded Arabic word ``folded`` in any cliticised form: the first article word
        that has its longest stem that any article word has (found by searching the folded article)."""
        if folded not in self._ar_found:
            self._ar_found[folded] = self._search_ar(folded)
        return self._ar_found[folded]

    def _search_ar(self, folded: str) -> tuple[int, int] | None:
        if not folded:  # a word of marks alone ("ـ", a glossary term's stray RLM): nothing to find (and "" is
            return None  # found at every offset: the search below would never move on)
        text = self._folded_ar()
        for stem in ar_stems(folded):
            pos = text.find(stem)
            while pos >= 0:
                start, end = pos, pos + len(stem)
                while start and _is_ar_letter(text[start - 1]):
                    start -= 1
                while end < len(text) and _is_ar_letter(text[end]):
                    end += 1
                word = text[start:end]
                if stem in ar_stems(word):
                    return self._ar_span(word)
                pos = text.find(stem, end)
        return None

    def has_ar_phrase(self, folded_phrase: str) -> tuple[int, int] | None:
        """Where the article holds a (multi-word) folded Arabic form, allowing a clitic on its first word;
        a generic head ("مدينة نيويورك", "قطاع غزة") may be left out."""
        first, _, rest = folded_phrase.partition(" ")
        if rest and first in _GENERIC_HEADS:
            return self.has_ar_phrase(rest)
        if " " not in folded_phrase:
            return self.has_ar(folded_phrase)
        for stem in ar_stems(first):
            for prefix in ("", *AR_PREFIXES):
                if f" {prefix}{stem} {rest} " in self.ar_text:
                    head, tail = self.has_ar(first), self.has_ar(rest.rpartition(" ")[2])
                    if head and tail and tail[1] > head[0]:
                        return head[0], tail[1]
                    return head
        return None

    def skeletons(self) -> list[tuple[str, int, int]]:
        """(skeleton, start, end) of each article word that may be a name in the other script."""
        if self._skeletons is None:
            found: dict[str, tuple[int, int]] = {}
            if self.arabic:
                for m in _AR_WORD.finditer(self.text):
                    sk = skeleton(m.group())
                    if len(sk) >= 3:
                        found.setdefault(sk, (m.start(), m.end()))
            else:
                for m in _EN_WORD.finditer(self.text):
                    if m.group()[0].isupper():
                        sk = skeleton(fold_en(m.group()))
                        if len(sk) >= 3:
                            found.setdefault(sk, (m.start(), m.end()))
            self._skeletons = [(sk, s, e) for sk, (s, e) in found.items()]
        return self._skeletons

    def short_skeletons(self) -> dict[str, tuple[int, int]]:
        """Two-consonant skeletons of the article's words that may be names ("مكة" mk, "يونس" ns, "Mecca"), for an
        exact match only: a fuzzy score between two letters means nothing. An Arabic word is taken with its
        clitics off too ("الحج" hg), unless it is common (Zipf SHORT_COMMON or more: "من", "هذا")."""
        if self._short is None:
            found: dict[str, tuple[int, int]] = {}
            if self.arabic:
                for m in _AR_WORD.finditer(self.text):
                    if zipf(m.group(), "ar") >= SHORT_COMMON:
                        continue
                    folded = fold_ar(m.group())
                    bare = {folded[2:]} if folded.startswith("ال") and len(folded) >= 4 else set()
                    for stem in {*ar_stems(folded), *bare}:
                        sk = skeleton(stem)
                        if len(sk) == 2:
                            found.setdefault(sk, (m.start(), m.end()))
            else:
                for m in _EN_WORD.finditer(self.text):
                    if m.group()[0].isupper():
                        sk = skeleton(fold_en(m.group()))
                        if len(sk) == 2:
                            found.setdefault(sk, (m.start(), m.end()))
            self._short = found
        return self._short

    def transliteration(self, word: str, strict: bool = False) -> tuple[int, int] | None:
        """The article word whose consonant skeleton matches ``word``'s best (score at least FUZZ_MIN).

        ``strict``: the name tables know ``word`` and the article has none of its forms there, so only a
        close match of a skeleton of four consonants or more (another spelling) counts."""
        from rapidfuzz import fuzz, process

        sk = skeleton(word)
        if len(sk) == 2 and not strict:
            return self.short_skeletons().get(sk)
        if len(sk) < (4 if strict else 3):
            return None
        candidates = self.skeletons()
        cutoff = FUZZ_STRICT if strict else FUZZ_MIN
        best = process.extractOne(sk, [c[0] for c in candidates], scorer=fuzz.ratio, score_cutoff=cutoff)
        if best is None:
            return None
        _, _, position = best
        return candidates[position][1], candidates[position][2]


# ---------------------------------------------------------------------------------------------- the output


@dataclass(frozen=True)
class NameMention:
    """One name read in an output: its span, the words to check (folded) and whether it is Arabic."""

    text: str
    start: int
    end: int
    words: tuple[str, ...]
    arabic: bool
    acronym: bool = False
    full: str = ""  # the whole run as written, connectors kept ("Al-Bireh", "Al Khums"), for the tables


def _sentence_start(text: str, pos: int, base: int = 0) -> bool:
    """Whether the word at ``pos`` of ``text`` opens a sentence (``base``: where ``text`` starts in the whole)."""
    before = text[max(0, pos - 8) : pos].rstrip(" \t\"'“‘(")
    return (not before and base + pos <= 8) or (bool(before) and before[-1] in ".!?\n:;…-—")


def _english_names(text: str, article: NameIndex | None) -> Iterator[NameMention]:
    if _UPPER.search(text) or len(_EN_WORD.findall(text)) < 5:
        for run in _CAPITAL_RUN.finditer(text):  # only the capitalised words start a name: one match per run
            start, end = run.span()
            # what is read of a run depends on it, whether it opens a sentence and whether a currency follows
            # ("US dollars"): the same run reads the same wherever an output has it in the same way
            after = text[end : end + 12].split(maxsplit=1)
            currency = bool(after) and after[0].lower().strip(".,;:") in CURRENCY_AFTER
            read = _read_run(run.group(), _sentence_start(text, start), currency)
            if read is None:
                continue
            shown_start, shown_end, words, acronym, full_start, opening_word = read
            if opening_word and article is not None and article.capitalised_inside(opening_word):
                opening_word = ""  # a common word, but the article writes it capitalised inside a sentence
            if not opening_word:
                yield NameMention(
                    text[start + shown_start : start + shown_end],
                    start + shown_start,
                    start + shown_end,
                    words,
                    False,
                    acronym,
                    text[start + full_start : start + shown_end],
                )
        return
    yield from _lowercase_names(text, article)


@functools.lru_cache(maxsize=32768)
def _read_run(run_text: str, opens: bool, currency: bool) -> tuple[int, int, tuple[str, ...], bool, int, str] | None:
    """The name the capitalised run ``run_text`` writes (``opens``: it opens a sentence; ``currency``: a currency
    word follows it), as (start, end, folded words, acronym?, start of the whole run, a common word opening a
    sentence or ""), offsets into ``run_text``, or None.

    A single common word opening a sentence is a name only if the article writes it capitalised inside a
    sentence: that last check is the caller's. Whether a word inside the run opens a sentence ("U.S. Facebook")
    is read from the run itself: the words before it in the run are all that _sentence_start looks at.
    """
    if currency:
        return None
    run = list(_EN_WORD.finditer(run_text))
    folds = [fold_en(w.group()) for w in run]

    def opening(word: re.Match[str]) -> bool:
        return opens if word.start() == 0 else _sentence_start(run_text, word.start(), 9)

    while len(run) > 1 and opening(run[0]) and zipf(folds[0], "en") >= 5.5:
        run, folds = run[1:], folds[1:]  # "An Egyptian delegation", "In Gaza": a common word opening the sentence
    content = [(w, f) for w, f in zip(run, folds, strict=True) if f not in _NOT_CONTENT and len(f) > 1]
    content = [(w, f) for w, f in content if f not in _NOT_NAME_WORDS]
    if not content:
        return None
    folded_words = tuple(f for _, f in content)
    if counted_words().issuperset(folded_words):
        return None
    opening_word = ""
    if len(run) == 1 and opening(run[0]):
        written = run[0].group()
        is_acronym = written.rstrip(".").isupper() and len(folds[0]) >= 2
        if not is_acronym and zipf(folds[0], "en") >= EN_CAPITAL_RARE:
            opening_word = folds[0]
    shown_start, shown_end = content[0][0].start(), content[-1][0].end()
    shown = run_text[shown_start:shown_end].rstrip(".")
    if shown.endswith(("'s", "’s")):
        shown = shown[:-2]
    acronym = (
        len(content) == 1 and content[0][0].group().rstrip(".").replace(".", "").isupper() and len(folded_words[0]) >= 2
    )
    lead = next((w for w, f in zip(run, folds, strict=True) if f not in TITLES), content[0][0])
    return shown_start, shown_start + len(shown), folded_words, acronym, lead.start(), opening_word


def _lowercase_names(text: str, article: NameIndex | None) -> Iterator[NameMention]:
    """A lower-case output (FRANK's summaries): a word absent from the article and rare in English."""
    if article is None:
        return
    for m in _EN_WORD.finditer(text):
        written = m.group()
        if written in article.written:
            continue  # the article's own word as written
        folded = fold_en(written)
        if (
            folded.isalpha()
            and len(folded) >= 4
            and folded not in DATE_WORDS
            and folded not in counted_words()
            and article.has_en(folded) is None
            and (
                (rarity := zipf(folded, "en")) < EN_LOWER_RARE
                or (rarity < EN_LOWER_NAMED and folded in name_tables().en_to_ar)
            )
        ):
            yield NameMention(written, m.start(), m.start() + len(written.rstrip(".")), (folded,), False)


def _arabic_names(text: str, article: NameIndex | None) -> Iterator[NameMention]:
    tables = name_tables()
    written = article.ar_written if article is not None and article.arabic else frozenset()
    for m in _AR_WORD.finditer(text):
        if m.group() in written:
            continue  # the article's own word as written (most words of a faithful output)
        folded = fold_ar(m.group())
        if len(folded) < 3:
            continue
        stems = ar_stems(folded)
        if not counted_words().isdisjoint(stems):
            continue
        if article is not None and article.arabic and article.has_ar(folded) is not None:
            continue
        named = any(stem in tables.ar_words for stem in stems)
        if not named:
            if article is None or not article.arabic:
                continue  # across scripts, only the tables say what is an Arabic name
            if min(zipf(stem, "ar") for stem in (*stems, m.group())) >= AR_RARE or zipf(m.group(), "ar") >= AR_RARE:
                continue
        yield NameMention(m.group(), m.start(), m.end(), (folded,), True)


def extract_names(text: str, article: NameIndex | None = None) -> list[NameMention]:
    """The names in ``text`` (see the module notes); ``article`` lets rarity skip the words it holds."""
    names = list(_english_names(text, article)) if re.search("[A-Za-z]", text) else []
    if _ARABIC_LETTER.search(text):
        names.extend(_arabic_names(text, article))
    names.sort(key=lambda n: n.start)
    return names


# ---------------------------------------------------------------------------------------------- checking


def _mention(index_text: str, span: tuple[int, int] | int, length: int = 0) -> Mention:
    start, end = span if isinstance(span, tuple) else (span, span + length)
    if not isinstance(span, tuple):  # an English word's offset: widen to the word
        m = _EN_WORD.match(index_text, start)
        end = start + len(m.group().rstrip(".")) if m else end
    return Mention("name", index_text[start:end], fold_en(index_text[start:end]), start, end)


def _same_script_en(article: NameIndex, name: NameMention) -> tuple[Mention | None, str | None]:
    if name.acronym:
        word = name.words[0]
        spot = article.en_spot(word)
        if spot is None:
            spot = article.acronyms.get(word)
        if spot is None:
            spot = next(
                (s for alias in ACRONYM_ALIASES.get(word, ()) if (s := _find_phrase(article, alias)) is not None), None
            )
        if spot is not None:
            return _mention(article.text, spot), None
        return None, f"{name.text} is not in the article, nor spelled out"
    spots = []
    for word in name.words:
        spot = article.has_en(word)
        if spot is None:
            written = next((w for w in name.text.split() if fold_en(w) == word), word)
            return None, f"{written} is not in the article"
        spots.append(spot)
    return _mention(article.text, spots[-1]), None


# the endings that make an English place name its adjective or people: Egypt-ian, Sudan-ese, Russia-n, Iraq-i
_DEMONYM = r"(?:ians?|ese|ns?|is?)?"


def _find_phrase(article: NameIndex, phrase: str) -> int | None:
    """Where the article writes ``phrase`` (a table's English form), or its adjective ("المصري" is Egyptian)."""
    m = re.search(r"\b" + re.escape(phrase) + _DEMONYM + r"\b", article.text, re.IGNORECASE)
    return m.start() if m else None


def _en_keys(name: NameMention) -> list[str]:
    """The forms an English name is looked up by in the tables and the glossary: as written, its words, its last."""
    phrase = " ".join(name.words)
    full = name.full or name.text
    written = [" ".join(fold_en(w) for w in full.split()), " ".join(fold_en(w) for w in full.replace("-", " ").split())]
    return [*written, phrase] + ([name.words[-1]] if len(name.words) > 1 else [])


def _across_en_to_ar(
    article: NameIndex, name: NameMention, glossary: dict[str, list[str]]
) -> tuple[Mention | None, str]:
    tables = name_tables()
    known = False
    for key in _en_keys(name):
        known = known or key in tables.en_to_ar
        pairs = [("glossary", form) for form in glossary.get(key, [])]
        pairs += [("table", form) for form in tables.en_to_ar.get(key, [])]
        for where, form in pairs:
            span = article.has_ar_phrase(form)
            if span is not None:
                found = article.text[span[0] : span[1]]
                return Mention("name", found, form, *span), f"{where}: {name.text} = {found}"
    for word in reversed(name.words):
        span = article.transliteration(word, strict=known)
        if span is not None:
            return Mention("name", article.text[span[0] : span[1]], skeleton(word), *span), (
                f"transliteration: {name.text} ~ {article.text[span[0] : span[1]]}"
            )
    return None, f"{name.text} is not in the article"


def _across_ar_to_en(
    article: NameIndex, name: NameMention, glossary: dict[str, list[str]]
) -> tuple[Mention | None, str]:
    tables = name_tables()
    folded = name.words[0]
    for stem in ar_stems(folded):
        pairs = [("glossary", english) for english in glossary.get(stem, [])]
        pairs += [
            ("table", english) for english in tables.ar_to_en.get(stem, []) + tables.ar_to_en.get("ال" + stem, [])
        ]
        for where, english in pairs:
            spot = _find_phrase(article, english)
            if spot is not None:
                end = spot + len(english)
                source = Mention("name", article.text[spot:end], english, spot, end)
                return source, f"{where}: {name.text} = {source.text}"
    known = any(stem in tables.ar_to_en or "ال" + stem in tables.ar_to_en for stem in ar_stems(folded))
    span = article.transliteration(name.text, strict=known)
    if span is not None:
        return Mention("name", article.text[span[0] : span[1]], skeleton(name.text), *span), (
            f"transliteration: {name.text} ~ {article.text[span[0] : span[1]]}"
        )
    return None, f"{name.text} is not in the article"


_GLOSSARY_TABLES: dict[int, tuple[Sequence[tuple[str, str]], dict[str, list[str]]]] = {}
_GLOSSARY_TABLES_KEPT = 32  # a run checks one article per worker at a time: a few tables are in use at once
_GLOSSARY_LOCK = threading.Lock()


def _glossary(context: CheckContext) -> dict[str, list[str]]:
    """The user's glossary (``context.glossary``: (source, target) pairs) as name pairs both ways, built once per
    pairs object: every output checked against one article (its summary sentences, key figures, labels, each
    against the cited sentences and the article) is given the same pairs, and reads the same table."""
    pairs = context.glossary
    if not pairs:
        return {}
    with _GLOSSARY_LOCK:
        kept = _GLOSSARY_TABLES.get(id(pairs))
    if kept is not None and kept[0] is pairs:
        return kept[1]
    table = _glossary_table(pairs)
    with _GLOSSARY_LOCK:
        if len(_GLOSSARY_TABLES) >= _GLOSSARY_TABLES_KEPT:
            del _GLOSSARY_TABLES[next(iter(_GLOSSARY_TABLES))]  # the oldest
        _GLOSSARY_TABLES[id(pairs)] = (pairs, table)  # the pairs are kept with it: their id is not reused
    return table


def _glossary_table(pairs: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """(source, target) pairs as name pairs both ways: each side folded as the name checker looks it up (an
    Arabic side word by word with ``fold_ar``, an English side with ``fold_en``) -> the other side's forms
    (an Arabic form folded, an English one as written)."""
    table: dict[str, list[str]] = {}
    for a, b in pairs:
        for x, y in ((a, b), (b, a)):
            key = (
                " ".join(fold_ar(w) for w in x.split())
                if _ARABIC_LETTER.search(x)
                else " ".join(fold_en(w) for w in x.split())
            )
            value = " ".join(fold_ar(w) for w in y.split()) if _ARABIC_LETTER.search(y) else y
            table.setdefault(key, []).append(value)
    return table


def _plain_opening_word(output: str, name: NameMention, glossary: dict[str, list[str]]) -> bool:
    """Whether an English name read across scripts is one word opening a sentence that neither the tables nor
    the glossary know ("Pilgrims stood at Arafat"): only its rarity made it a name, and an article in the
    other script cannot show it capitalised inside a sentence, so it is not read as one (it would need review)."""
    if len(name.words) != 1 or name.acronym or not _sentence_start(output, name.start):
        return False
    if name.start >= 2 and output[name.start - 1] == "-" and output[name.start - 2].isalpha():
        return False  # "Al-Bireh": the word after a joined prefix, not one opening a sentence
    word = name.words[0]
    return word not in name_tables().en_to_ar and word not in glossary


HOMOGRAPH_GAP = 1.5  # Zipf: an Arabic word this much more common than each English form the tables give it


def _homograph(name: NameMention, glossary: dict[str, list[str]]) -> bool:
    """Whether an Arabic word read as a name across scripts, and not found, is a common Arabic word whose
    table entries are rare foreign names: "بأن" (that) = Albanian, "غارة" (raid) = Sillago, "الإنسانية"
    (humanity) = Ansan. A word that common, whose English forms are far rarer, is the word, not the name;
    the glossary's terms are always names. Real names keep English forms about as common ("مصر" = Egypt)."""
    folded = name.words[0]
    stems = ar_stems(folded)
    if any(stem in glossary for stem in stems):
        return False
    tables = name_tables()
    written = zipf(name.text, "ar")
    homographs = []
    for stem in stems:  # each form the tables know it by: the word, or its stem ("ميدانية" (field) by "ميدان" = Medan)
        forms = tables.ar_to_en.get(stem, []) + tables.ar_to_en.get("ال" + stem, [])
        if forms:
            common = max(written, zipf(stem, "ar"))
            homographs.append(max(zipf(form, "en") for form in forms) <= common - HOMOGRAPH_GAP)
    return bool(homographs) and all(homographs)


def name_findings(index: Any, output: str, context: CheckContext) -> list[Finding]:
    """The name checker (see the module notes)."""
    article: NameIndex = index.evidence("name", NameIndex.build)
    findings = []
    glossary = _glossary(context)
    taken = [(m.start, m.end) for m in context.cache.get("numbers") or ()]
    # a date or a quote checked word for word holds its names; a translated quote's words are not compared, so
    # the names in it are checked here, as any others (issue 19: "verified only as far as its numbers, dates and
    # names")
    taken += [
        (f.mention.start, f.mention.end)
        for f in context.cache.get("findings") or ()
        if f.checked or f.mention.kind != "quote"  # a relative date ("Yesterday") stays no name
    ]
    for name in extract_names(output, article):
        if any(start < name.end and name.start < end for start, end in taken):
            continue  # a number's word ("AH", "وثمانمئة"), or inside a date or a quote: checked there
        mention = Mention("name", output[name.start : name.end], " ".join(name.words), name.start, name.end)
        if name.arabic == article.arabic:
            if name.arabic:
                span = article.has_ar(name.words[0])
                source, reason = (
                    (Mention("name", article.text[span[0] : span[1]], name.words[0], *span), None)
                    if span
                    else (None, f"{name.text} is not in the article")
                )
            else:
                source, reason = _same_script_en(article, name)
            findings.append(Finding(mention, source=source, reason=reason))
            continue
        if name.arabic:
            source, evidence = _across_ar_to_en(article, name, glossary)
        else:
            # an English word the article also writes in Latin letters (an acronym, a brand) is the same script
            spot = article.has_en(name.words[-1]) if not name.arabic else None
            if spot is not None and all(article.has_en(w) is not None for w in name.words):
                findings.append(Finding(mention, source=_mention(article.text, spot)))
                continue
            if _plain_opening_word(output, name, glossary):
                continue
            source, evidence = _across_en_to_ar(article, name, glossary)
        if source is not None:
            findings.append(Finding(mention, source=source, note=evidence))
        elif context.parallel and name.arabic and _homograph(name, glossary):
            # a translation's paragraph: every Arabic word of it is read across scripts, so a common word that a
            # table also gives as a rare foreign name ("غارة" = Sillago) is taken for the word, not the name
            continue
        elif len(skeleton(name.text)) < 2:
            continue  # too short to tell from a common word across scripts ("آنا"): nothing to review
        elif (
            context.parallel
            and not name.arabic
            and not any(key in name_tables().en_to_ar or key in glossary for key in _en_keys(name))
        ):
            # a translation's paragraph: a name neither the tables nor the glossary know, which no transliteration
            # matches, is most often translated by its meaning ("Amnesty International" = منظمة العفو الدولية):
            # named, not compared (an Arabic name read across scripts is always one the tables know)
            findings.append(Finding(mention, reason=f"{name.text}: not in the name tables", checked=False))
        else:
            # not called wrong across scripts (the tables and transliteration may miss a spelling): for review
            findings.append(Finding(mention, reason=evidence, review=True, note="other script"))
    return findings


register_checker("name", name_findings, "name", "names", anywhere=True)
