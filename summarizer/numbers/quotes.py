"""Quotes checked verbatim: text in quotation marks in an output must be in the article word for word.

Reading quotes
--------------
* Quotation marks: " " “ ” „ « » ‹ › ‘ ’ ' and the `` ... '' of agency copy (and ` ... ' of
  tokenized copy). The outermost
  quote counts (a quote inside a quote is part of it). A mark closes the quote its partner
  opened; a straight mark closes the quote the same mark opened.
* A quote mark left open (no partner before the next opener of its kind or the end of the
  paragraph) runs to the end of its sentence, not of the text.
* Apostrophes are not quote marks: one between two letters or digits ("don't", "O'Brien",
  "Qur'an", "شي'عة"), one after a letter and before a space ("the workers' union") unless it
  closes an open single quote, one before a decade or other left-out letters ("the '90s", "'n'"),
  one that starts a contraction in tokenized text ("Italy 's", "they 're"), one after a backslash.
* Where a quote begins or ends with punctuation ("We will rebuild," he said) that punctuation
  is not part of it; an empty quote, or one of punctuation only, is no quote.

Checking quotes
---------------
* Numbers are compared by value, as the number check compares them: "ستة أشهر", "6 أشهر" and "٦ أشهر"
  are one quote (each number is then checked on its own).
* Both sides are folded the same way: case (where the script has it), tatweel, short vowels
  (harakat) and other Arabic marks, hamza and alef forms (أ إ آ ٱ -> ا, ؤ -> و, ئ and ى -> ي,
  ة -> ه), digits of every script, quote marks and apostrophes, and the spaces and punctuation
  between words: a quote is compared as its sequence of words, so "We will, rebuild" and
  "We will rebuild" are one quote, but a word changed, added, dropped or negated is not.
* A quote is verified when its words are a run of whole words of the article ("a part of a
  quote is fine"); in Arabic the run may start after the conjunction و or ف glued to the
  article's first word. "…", "..." and "[...]" inside a quote stand for an omission: each piece
  must be in the article, in order. Bracketed words ("[the mayor]") are the writer's, not the
  speaker's, and are read as an omission too.
* Anything else in the article's language is an altered quote: unsupported, with a reason that
  shows the closest passage of the article (rapidfuzz alignment) and the words that differ. So is
  a part of a quote that leaves out a negation just before it ("going to work" from "not going to
  work", «يحتمل التأجيل» from «لا يحتمل التأجيل»), unless the article has the same words elsewhere
  without the negation, or the output writes a negation among the five words before the quote.
* A quote in the other language (Latin letters in a quote of an Arabic article, Arabic letters
  in an English one) that is not in the article as written is a translated quote: its words
  cannot be compared, only its numbers, dates and names, which their checkers read like any
  others; it is marked "translated".
* The article is folded once, on the first quote asked about, into a :class:`QuoteIndex` (the
  folded words and where each begins and ends in the article), reused for every output.
"""

from __future__ import annotations

import bisect
import difflib
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from .extract import NumberMention, extract_numbers
from .folding import FOLD_TABLE, STRIP, fold
from .mentions import CheckContext, Finding, Mention, SourceLike, register_checker
from .verify import value_key

__all__ = [
    "QuoteCheck",
    "QuoteIndex",
    "QuoteMention",
    "check_quotes",
    "extract_quotes",
    "quote_findings",
    "quote_language",
]

QuoteState = Literal["verified", "unsupported", "translated"]

# Opening mark -> the marks that close it.
_CLOSERS: dict[str, tuple[str, ...]] = {
    "“": ("”", "“"),  # “…“ is a typing slip; a new opener is only read as one where no ” follows
    "„": ("“", "”"),
    "«": ("»",),
    "‹": ("›",),
    "‘": ("’",),
    "``": ("''",),
    "`": ("'", "’"),  # tokenized copy: ` likes to do things '
    '"': ('"',),
    "'": ("'", "’"),
}
_MARKS = re.compile(r"``|''|[\"“”„«»‹›‘’'`]")
_SINGLE = frozenset("'’‘")
# What follows an apostrophe that stands for left-out letters: the '90s, '05, rock 'n' roll, 'em, 'cause, 'tis
# An apostrophe that starts a contraction, in tokenized text too ("Italy 's", "do n't", "they 're")
_CONTRACTION = re.compile(r"(?:s|re|ll|ve|d|m|t)\b(?!['’])", re.IGNORECASE)
_ELISION = re.compile(r"\d0s\b|\d\d\b|(?:em|cause|cos|til|tis|twas|bout)\b|[^\W\d_]\b", re.IGNORECASE)
# A sentence ends at . ! ? ؟ (one or more) followed by a space or the end, or at a line break.
_SENTENCE_END = re.compile(r"[.!?؟。]+(?=[\s\"”’»']|$)|\n")
_EDGE_PUNCT = " \t\r\n.,;:!?؟،؛…-–—()[]{}\"“”„«»‹›‘’'`"
# An omission inside a quote: an ellipsis (… or ...), bracketed or not, or the writer's bracketed words.
_GAP = re.compile(r"\[[^\]]*\]|\(\s*(?:…|\.\s*\.\s*\.)\s*\)|…|\.\s*\.\s*\.")
_ARABIC_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u0640\u06d6-\u06ed\u200b-\u200f\u00ad"
# A word: digits with their separators, or letters with the marks written on them.
_WORD = re.compile(rf"\d+(?:[.,٫٬]\d+)*|(?:[^\W\d_]|[{_ARABIC_MARKS}])+(?:\d+(?![.,٫٬]\d))?")
_MARK = re.compile(f"[{_ARABIC_MARKS}]")
_HAMZA = str.maketrans({"ؤ": "و", "ئ": "ي", "ٱ": "ا"})
_QUOTE_TABLE: dict[int, int | str | None] = {**FOLD_TABLE, **_HAMZA}  # the verifier's folding, and hamza carriers
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff\u0750-\u077f]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
_CONJUNCTIONS = frozenset("وف")
# Words that negate what follows (folded): a part of a quote that leaves one out just before it turns it round.
NEGATIONS = frozenset(
    {"not", "never", "no", "t", "cannot", "nor", "neither", "لا", "لن", "لم", "ما", "ليس", "ليست", "غير", "عدم", "بلا"}
)


def fold_word(word: str) -> str:
    """One word as quotes compare it (see the module notes)."""
    if word.isascii():  # nothing to strip or fold but case (a word holds no quote mark)
        return word.lower()
    return fold(word).translate(_HAMZA).lower().replace("'", "")


# The brackets of tokenized copy (-LRB- for "(", -RSB- for "]"): not words.
_BRACKET_TOKEN = re.compile(r"-[lr][rsc]b-", re.IGNORECASE)


# A word of folded text (marks and tatweel gone, digits 0-9, separators , and .)
_FOLDED_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:\d+(?![.,]\d))?")


def fold_words(text: str) -> list[str]:
    """``text``'s folded words, in order (the whole text folded at once: the same words as folding each)."""
    if "-" in text:
        text = _BRACKET_TOKEN.sub(" ", text)
    return _FOLDED_WORD.findall(fold(text).translate(_HAMZA).lower())


Token = tuple[str, str, int, int]  # folded, as written, start, end


def _tokens(text: str, numbers: Sequence[NumberMention] | None = None) -> list[Token]:
    """``text``'s words as quotes compare them: folded, and each number (``numbers``, else read here) one
    token of its value ("#6" for "6", "٦", "ستة", "six"), so a number is compared by value, as the number
    check compares it."""
    if numbers is None:
        numbers = extract_numbers(text)
    if "-" in text:
        text = _BRACKET_TOKEN.sub(lambda m: " " * len(m.group()), text)
    tokens: list[Token] = []
    k = 0
    for m in _WORD.finditer(text):
        while k < len(numbers) and numbers[k].end <= m.start():
            k += 1
        if k < len(numbers) and numbers[k].start < m.end():
            number = numbers[k]
            if m.start() < number.start and (prefix := fold_word(text[m.start() : number.start])):
                tokens.append((prefix, text[m.start() : number.start], m.start(), number.start))  # a clitic: لخمسين
            if not tokens or tokens[-1][2] != number.start:
                tokens.append((f"#{value_key(number)}", number.text, number.start, number.end))
            continue
        w = fold_word(m.group())
        if w:
            tokens.append((w, m.group(), m.start(), m.end()))
    return tokens


def _plain_words(text: str) -> tuple[list[str], list[int], list[int]]:
    """``text``'s folded words as written (numbers as words too), and where each starts and ends in ``text``.

    The text is folded at once and its words found in the folded text, then mapped back to ``text``'s
    offsets (folding only removes characters); a word's end takes the marks written right after it.
    """
    if "-" in text:
        text = _BRACKET_TOKEN.sub(lambda m: " " * len(m.group()), text)
    removed: list[int] | None = None
    if text.isascii():
        lowered = text.lower()
    else:
        stripped = STRIP.sub("", text)
        if len(stripped) != len(text):
            removed = [m.start() - k for k, m in enumerate(STRIP.finditer(text))]
        folded = stripped.translate(_QUOTE_TABLE)
        lowered = folded.lower()
        if len(lowered) != len(folded):  # a letter whose lower case is longer ("İ"): fold word by word
            tokens = [(w, m.start(), m.end()) for m in _WORD.finditer(text) if (w := fold_word(m.group()))]
            return [t[0] for t in tokens], [t[1] for t in tokens], [t[2] for t in tokens]
    words = _FOLDED_WORD.findall(lowered)
    spans = [m.span() for m in _FOLDED_WORD.finditer(lowered)]
    if not removed:
        return words, [span[0] for span in spans], [span[1] for span in spans]
    after = bisect.bisect_right
    return words, [s + after(removed, s) for s, _ in spans], [e + after(removed, e) for _, e in spans]


def quote_words(text: str) -> list[str]:
    """``text``'s words as quotes compare them (folded; each number one token of its value)."""
    return [token[0] for token in _tokens(text)]


def _words_as_written(text: str) -> list[str]:
    """``text``'s words as written, one for each of :func:`fold_words`."""
    if "-" in text:
        text = _BRACKET_TOKEN.sub(lambda m: " " * len(m.group()), text)
    return [m.group() for m in _WORD.finditer(text) if fold_word(m.group())]


@dataclass(frozen=True, slots=True)
class QuoteMention:
    """Quoted text in an output: ``text == output[start:end]`` without its marks.

    ``open_mark`` and ``close_mark`` are the marks around it (``close_mark`` is "" where the
    quote was left open and runs to the end of its sentence).
    """

    text: str
    start: int
    end: int
    open_mark: str
    close_mark: str

    @property
    def kind(self) -> str:
        return "quote"

    @property
    def pieces(self) -> list[list[str]]:
        """The folded words of each part of the quote between omissions ("…"), empty parts left out."""
        return [words for part in _GAP.split(self.text) if (words := fold_words(part))]

    @property
    def pieces_as_written(self) -> list[list[str]]:
        """The words of each of :attr:`pieces` as the quote writes them."""
        return [words for part in _GAP.split(self.text) if (words := _words_as_written(part))]

    @property
    def valued_pieces(self) -> list[list[str]]:
        """:attr:`pieces` with each number one token of its value (:func:`quote_words`)."""
        return [words for part in _GAP.split(self.text) if (words := quote_words(part))]

    def to_dict(self) -> dict:
        """JSON-ready dict."""
        return {
            "kind": "quote",
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "open_mark": self.open_mark,
            "close_mark": self.close_mark,
        }


def _is_letter(ch: str) -> bool:
    return ch.isalnum()


def _opens(text: str, pos: int, mark: str) -> bool:
    """Whether the mark at ``pos`` can open a quote where it stands."""
    before = text[pos - 1] if pos else " "
    after = text[pos + len(mark) : pos + len(mark) + 1] or " "
    if mark in ("”", "»", "›", "''", "’"):
        return False
    if mark in _SINGLE or mark == '"':
        if _is_letter(before) or before in ".,;!?؟،%":
            return False  # an apostrophe ("don't", "workers' ") or a closing straight mark
        if after.isspace():
            return False
        if mark != '"' and _CONTRACTION.match(text, pos + 1):
            return False  # "Italy 's", "he 'd": a contraction in tokenized text
    return True


def _closes(text: str, pos: int, mark: str) -> bool:
    """Whether the mark at ``pos`` can close a quote where it stands."""
    if mark in _SINGLE:
        after = text[pos + 1 : pos + 2]
        if after and _is_letter(after):
            return False  # an apostrophe inside a word ("don't", "O'Brien")
        before = text[pos - 1 : pos]
        return not before.isspace() or not after or after.isspace()
    return True


def _sentence_end(text: str, pos: int) -> int:
    """Where the sentence that holds ``pos`` ends (the end of its end mark), or the end of its paragraph."""
    m = _SENTENCE_END.search(text, pos)
    return m.end() if m else len(text)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``/``end`` moved in past leading and trailing spaces and punctuation."""
    while start < end and text[start] in _EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in _EDGE_PUNCT:
        end -= 1
    return start, end


def _find_close(text: str, pos: int, opener: str) -> tuple[int, str] | None:
    """Where the quote opened by ``opener`` (ending at ``pos``) closes: the closer's offset and mark.

    None where the paragraph ends, or the same opener comes again, before a closer does.
    """
    closers = _CLOSERS[opener]
    limit = text.find("\n", pos)
    if limit < 0:
        limit = len(text)
    for m in _MARKS.finditer(text, pos, limit):
        mark = m.group()
        if mark in closers and _closes(text, m.start(), mark):
            if opener == "“" and mark == "“" and "”" in text[m.end() : limit]:
                return None  # a second “ before a ”: the first was left open
            return m.start(), mark
        if mark == opener and opener not in ('"', "'") and _opens(text, m.start(), mark):
            return None
    return None


_ESCAPED_MARK = re.compile(r"\\+(?=[\"'`])")
# Before an unclosed straight single mark: a plural or a letter and a space ("Wales 'forests", "d 'Italia").
_APOSTROPHE_BEFORE = re.compile(r"(?:s|(?<![^\W\d_])[^\W\d_]) $", re.IGNORECASE)


def extract_quotes(text: str) -> list[QuoteMention]:
    """Every outermost quote in ``text``, in order (see the module notes).

    Backslashes before quote marks (copy escaped twice: ``big chance\\'\\'``) are read as if absent.
    """
    if "\\" not in text:
        return _extract(text)
    removed: list[int] = []  # where backslashes were taken out, in the clean text's offsets (one per backslash)
    for m in _ESCAPED_MARK.finditer(text):
        removed += [m.start() - len(removed)] * (m.end() - m.start())
    if not removed:
        return _extract(text)
    clean = _ESCAPED_MARK.sub("", text)

    def original(offset: int) -> int:
        return offset + bisect.bisect_right(removed, offset)

    quotes = []
    for q in _extract(clean):
        start, end = original(q.start), original(q.end - 1) + 1
        quotes.append(QuoteMention(text[start:end], start, end, q.open_mark, q.close_mark))
    return quotes


def _extract(text: str) -> list[QuoteMention]:
    quotes: list[QuoteMention] = []
    pos = 0
    n = len(text)
    while pos < n:
        m = _MARKS.search(text, pos)
        if m is None:
            break
        mark = m.group()
        if not _opens(text, m.start(), mark):
            pos = m.end()
            continue
        found = _find_close(text, m.end(), mark)
        if found is None and mark in ("'", "‘") and _ELISION.match(text, m.end()):
            pos = m.end()  # an apostrophe for left-out letters, not a quote left open: the '90s, 'em
            continue
        if found is None and mark == "'" and _APOSTROPHE_BEFORE.search(text, max(0, m.start() - 3), m.start()):
            pos = m.end()  # tokenized copy: "Wales 'forests", "giro d 'Italia" (an apostrophe set apart)
            continue
        if found is not None:
            close_at, close_mark = found
            inner_end, after = close_at, close_at + len(close_mark)
        else:
            inner_end = after = _sentence_end(text, m.end())
            close_mark = ""
        start, end = _trim(text, m.end(), inner_end)
        if any(ch.isalnum() for ch in text[start:end]):
            quotes.append(QuoteMention(text[start:end], start, end, mark, close_mark))
        pos = max(after, m.end())
    return quotes


def quote_language(text: str) -> str | None:
    """'ar' or 'en' by which letters ``text`` has more of; None with no letters."""
    arabic = len(_ARABIC_LETTER.findall(text))
    latin = len(_LATIN_LETTER.findall(text))
    if not arabic and not latin:
        return None
    return "ar" if arabic > latin else "en"


@dataclass(frozen=True, slots=True)
class QuoteCheck:
    """What the article says of one output quote.

    ``state``: "verified" (``source_start``/``source_end`` is the span of the article that
    holds it: first piece to last), "unsupported" (an altered quote; ``reason`` says how and
    ``closest`` is the closest passage of the article) or "translated" (a quote in the other
    language; ``reason`` says what was checked).
    """

    quote: QuoteMention
    state: QuoteState
    reason: str = ""
    source_start: int = -1
    source_end: int = -1
    closest: str = ""

    @property
    def translated(self) -> bool:
        return self.state == "translated"

    def to_dict(self) -> dict:
        """JSON-ready dict."""
        out = {**self.quote.to_dict(), "state": self.state}
        if self.source_start >= 0:
            out["source_start"], out["source_end"] = self.source_start, self.source_end
        if self.reason:
            out["reason"] = self.reason
        if self.closest:
            out["closest"] = self.closest
        return out


_NOT_CLOSE = 60.0  # below this rapidfuzz score the closest passage is not shown as "the article has"


class QuoteIndex:
    """An article folded once for quote lookups.

    ``folded`` is its folded words joined by spaces (to show and align passages); quotes are found in
    the same words joined with nothing between them, so that tokenized copy ("do n't", "Italy 's")
    and its source ("don't", "Italy's") read alike, at word starts and ends only.
    """

    __slots__ = (
        "_ends",
        "_joined",
        "_jstarts",
        "_language",
        "_numbers",
        "_starts",
        "_valued",
        "_word_ends",
        "_word_starts",
        "_words",
        "folded",
        "text",
    )

    def __init__(self, text: str, numbers: Sequence[NumberMention] | None = None, *, valued: bool = False) -> None:
        """``numbers``: the number mentions of ``text`` where the caller has them (else read when needed).

        ``valued``: each number is one token of its value (:func:`quote_words`); else words as written.
        """
        self.text = text
        self._numbers = numbers
        self._valued: QuoteIndex | None = None
        if valued:
            tokens = _tokens(text, numbers)
            words = [token[0] for token in tokens]
            word_starts, word_ends = [token[2] for token in tokens], [token[3] for token in tokens]
        else:
            words, word_starts, word_ends = _plain_words(text)
        # offset of each word in the joined words, in ``folded`` (one space more per word before), in the article
        jstarts = list(itertools.accumulate(map(len, words), initial=0))
        total = jstarts.pop()
        self._words = words
        self.folded = " ".join(words)
        self._joined = "".join(words)
        self._starts = [j + k for k, j in enumerate(jstarts)]
        self._jstarts = jstarts
        self._ends = frozenset(jstarts[1:]) | {total}
        self._word_starts = word_starts
        self._word_ends = word_ends
        self._language: str | bool | None = False

    @property
    def valued(self) -> QuoteIndex:
        """The same article with its numbers as tokens of their values (built on first use)."""
        if self._valued is None:
            self._valued = QuoteIndex(self.text, self._numbers, valued=True)
        return self._valued

    @property
    def language(self) -> str | None:
        """The article's language by its letters ('ar' or 'en'; None with no letters)."""
        if self._language is False:
            self._language = quote_language(self.text)
        return self._language  # type: ignore[return-value]

    def _word_at(self, folded_offset: int) -> int:
        return bisect.bisect_right(self._starts, folded_offset) - 1

    def _joined_at(self, offset: int) -> int:
        """The joined offset of the first word that starts at or after article offset ``offset``."""
        k = bisect.bisect_left(self._word_starts, offset)
        return self._jstarts[k] if k < len(self._jstarts) else len(self._joined)

    def _is_start(self, k: int) -> bool:
        i = bisect.bisect_left(self._jstarts, k)
        return i < len(self._jstarts) and self._jstarts[i] == k

    def _find(self, needle: str, start: int, end: int) -> tuple[int, int] | None:
        """The first joined span in ``start``-``end`` where ``needle`` is a run of whole words.

        In Arabic the run may also start after a conjunction (و، ف) glued to a word.
        """
        hay = self._joined
        k = hay.find(needle, start, end)
        while k >= 0:
            e = k + len(needle)
            if e in self._ends and (
                self._is_start(k) or (hay[k - 1] in _CONJUNCTIONS and k >= 1 and self._is_start(k - 1))
            ):
                return k, e
            k = hay.find(needle, k + 1, end)
        return None

    def locate(self, pieces: list[list[str]], start: int = 0, end: int | None = None) -> tuple[int, int] | None:
        """The article span holding each piece, in order, within article offsets ``start``-``end``.

        None if some piece is not there.
        """
        at = self._joined_at(start) if start else 0
        stop = len(self._joined) if end is None else self._joined_at(end)
        first = last = -1
        for words in pieces:
            found = self._find("".join(words), at, stop)
            if found is None:
                return None
            if first < 0:
                first = found[0]
            last, at = found[1], found[1]
        if first < 0:
            return None
        i = bisect.bisect_right(self._jstarts, first) - 1
        j = bisect.bisect_right(self._jstarts, last - 1) - 1
        begin = self._word_starts[i]
        if first > self._jstarts[i]:  # after a glued conjunction: skip it and its marks in the original
            begin += 1
            while begin < self._word_ends[i] and re.match(f"[{_ARABIC_MARKS}]", self.text[begin]):
                begin += 1
        return begin, self._word_ends[j]

    def closest(self, words: list[str]) -> tuple[str, float, int, int]:
        """The passage of the article closest to the folded ``words``: its original text, score and span.

        rapidfuzz finds the region; the words of the quote matched in it (difflib) then fix its ends.
        """
        from rapidfuzz import fuzz  # only an unsupported quote needs it

        needle = " ".join(words)
        if not needle or not self.folded:
            return "", 0.0, -1, -1
        al = fuzz.partial_ratio_alignment(needle, self.folded)
        if al is None:
            return "", 0.0, -1, -1
        n = len(self._starts)
        i = max(0, self._word_at(max(0, al.dest_start)) - 2)
        j = min(n - 1, self._word_at(max(al.dest_start, al.dest_end - 1)) + 2)
        region = self.folded_words[i : j + 1]
        blocks = [b for b in difflib.SequenceMatcher(a=region, b=words, autojunk=False).get_matching_blocks() if b.size]
        while len(blocks) > 1 and blocks[-1].a + blocks[-1].size - blocks[0].a > len(words) + 3:
            blocks.pop(0 if blocks[0].size < blocks[-1].size else -1)
        if blocks:
            # the quote's words before its first match and after its last stand for the passage's words there
            lead, trail = blocks[0].b, len(words) - blocks[-1].b - blocks[-1].size
            i, j = i + blocks[0].a, i + blocks[-1].a + blocks[-1].size - 1
            i, j = max(0, i - lead), min(n - 1, j + trail)
        start, end = self._word_starts[i], self._word_ends[j]
        return self.text[start:end], al.score, start, end

    @property
    def folded_words(self) -> list[str]:
        return self._words

    def _index_before(self, offset: int) -> int:
        """The index of the article word that ends at or before article offset ``offset`` (-1: none)."""
        return bisect.bisect_left(self._word_ends, offset + 1) - 1

    def _negated(self, offset: int) -> bool:
        """Whether a negation comes right before article offset ``offset`` in the same clause (only spaces
        and opening marks between: "not “feel cheated”", but not 'there was no." Critics ...')."""
        k = self._index_before(offset)
        if k < 0 or self.folded_words[k] not in NEGATIONS:
            return False
        between = self.text[self._word_ends[k] : offset]
        return all(ch.isspace() or ch in "“«‘\"'`„‹" or _MARK.match(ch) for ch in between)

    def word_before(self, offset: int) -> str:
        """The folded article word just before article offset ``offset`` ("" at the start)."""
        k = self._index_before(offset)
        return self.folded_words[k] if k >= 0 else ""

    def check(
        self, quote: QuoteMention, before: str = "", language: str | None = None, pieces: list[list[str]] | None = None
    ) -> QuoteCheck:
        """The state of one output quote against this article.

        ``before`` is the output's text before the quote; ``language`` the article's language where the
        caller knows it (else read from the text this index holds); ``pieces`` the quote's
        :attr:`QuoteMention.pieces` where the caller has them.
        """
        pieces = quote.pieces if pieces is None else pieces
        if not pieces:
            return QuoteCheck(quote, "verified", "nothing to compare")
        index, found_pieces = self, pieces
        span = self.locate(pieces)
        if span is None and (valued := quote.valued_pieces) != pieces:
            # a number written another way ("ستة" and "6", "35,800" and "35800") is the same number
            index, found_pieces = self.valued, valued
            span = index.locate(valued)
        if span is not None:
            # a negation right before it in the article, unless the output keeps one near it ('did not, he
            # said, "feel cheated"')
            if index._negated(span[0]) and not set(fold_words(before[-60:])[-5:]) & NEGATIONS:
                first = span
                while span is not None and index._negated(span[0]):
                    span = index.locate(found_pieces, span[0] + 1)  # another place, where no negation comes first
                if span is None:
                    span = first
                    k = self._index_before(span[0])
                    word = self.text[self._word_starts[k] : self._word_ends[k]]
                    return QuoteCheck(
                        quote,
                        "unsupported",
                        f"altered quote: it leaves out the negation before it (the article has “{_shorten(word)} "
                        f"{_shorten(self.text[span[0] : span[1]])}”)",
                        closest=self.text[span[0] : span[1]],
                    )
            return QuoteCheck(quote, "verified", "", span[0], span[1])
        lang = quote_language(quote.text)
        article = language or self.language
        if lang is not None and article is not None and lang != article:
            return QuoteCheck(
                quote, "translated", "translated quote: its words are not compared, only its numbers, dates and names"
            )
        return self._altered(quote, pieces)

    def _altered(self, quote: QuoteMention, pieces: list[list[str]]) -> QuoteCheck:
        """An unsupported quote, its closest passage and the words that differ."""
        # the piece that is not found, or the whole quote when each piece is there but not in order
        written = quote.pieces_as_written
        k = next((k for k, p in enumerate(pieces) if self.locate([p]) is None), -1)
        if k < 0:
            return QuoteCheck(
                quote, "unsupported", "altered quote: its parts are in the article, but not in this order"
            )
        missing, missing_written = pieces[k], written[k]
        passage, score, _, _ = self.closest(missing)
        passage_tokens = _tokens(passage)
        if score < _NOT_CLOSE or not passage:
            return QuoteCheck(quote, "unsupported", f"altered quote: “{_shorten(quote.text)}” is not in the article")
        diff = _word_diff(missing, [t[0] for t in passage_tokens], missing_written, [t[1] for t in passage_tokens])
        reason = f"altered quote: the article has “{_shorten(passage)}”"
        if diff:
            reason += f" ({diff})"
        return QuoteCheck(quote, "unsupported", reason, closest=passage)


def _shorten(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _word_diff(quote: list[str], passage: list[str], quote_written: list[str], passage_written: list[str]) -> str:
    """The words the quote changes, adds or leaves out against the passage, as written ("“never” added")."""
    parts: list[str] = []
    ops = [op for op in difflib.SequenceMatcher(a=passage, b=quote, autojunk=False).get_opcodes() if op[0] != "equal"]
    for tag, i1, i2, j1, j2 in ops[:3]:
        old, new = " ".join(passage_written[i1:i2]), " ".join(quote_written[j1:j2])
        if tag == "replace":
            parts.append(f"“{new}” for “{old}”")
        elif tag == "insert":
            parts.append(f"“{new}” added")
        else:
            parts.append(f"“{old}” left out")
    if len(ops) > 3:
        parts.append("…")
    return "; ".join(parts)


def check_quotes(source: str | QuoteIndex, output: str) -> Iterator[QuoteCheck]:
    """The state of each quote in ``output`` against ``source`` (an article or its :class:`QuoteIndex`)."""
    quotes = extract_quotes(output)
    if not quotes:
        return
    idx = source if isinstance(source, QuoteIndex) else QuoteIndex(source)
    for quote in quotes:
        yield idx.check(quote, output[max(0, quote.start - 60) : quote.start])


def _value(pieces: list[list[str]]) -> str:
    """A quote's folded words (its :attr:`QuoteMention.pieces`) as JSON shows its value, omissions as "…"."""
    return " … ".join(" ".join(words) for words in pieces)


def _copied(article: str, quote: QuoteMention, output: str) -> int | None:
    """Where ``article`` holds ``quote`` character for character, as whole words and with no negation right
    before it (then it is verified without folding or indexing the article), else None."""
    text = quote.text
    if not text or "…" in text or "..." in text:
        return None
    pos = article.find(text)
    while pos >= 0:
        end = pos + len(text)
        if not _joined_before(article, pos, text) and not _joined_after(article, end, text):
            last = fold_words(article[max(0, pos - 40) : pos])[-1:]
            return pos if not (last and last[0] in NEGATIONS) else None  # a negation before: the full check says
        pos = article.find(text, pos + 1)
    return None


# what joins two runs of digits into one number word (after folding: "3.5", "12,000", "2٫5")
_NUMBER_SEPARATORS = frozenset(".,٫٬．，")


def _glued(ch: str) -> bool:
    """Whether ``ch`` would join the letters next to it into one word (a letter or digit, or a character
    that folding drops: an Arabic mark, a format character)."""
    return ch.isalnum() or bool(STRIP.match(ch))


def _joined_before(article: str, pos: int, text: str) -> bool:
    """Whether ``text`` at ``pos`` of ``article`` starts inside a word of the article (or inside a number:
    "5 million" in "1.5 million")."""
    if pos == 0:
        return False
    if _glued(article[pos - 1]):
        return True
    return text[0].isdecimal() and pos >= 2 and article[pos - 1] in _NUMBER_SEPARATORS and article[pos - 2].isdecimal()


def _joined_after(article: str, end: int, text: str) -> bool:
    """Whether ``text`` ending at ``end`` of ``article`` ends inside a word or a number of the article."""
    if end == len(article):
        return False
    if _glued(article[end]):
        return True
    return (
        text[-1].isdecimal()
        and end + 1 < len(article)
        and article[end] in _NUMBER_SEPARATORS
        and article[end + 1].isdecimal()
    )


def quote_findings(index: SourceLike, output: str, context: CheckContext) -> list[Finding]:
    """The quote checker the verifier runs (summarizer.numbers.mentions): one finding per quote of ``output``.

    Verified: the source span that holds it. Altered: unsupported, with the reason. Translated (a quote
    in the other language than the article's, ``context.source_language`` or else read from the source):
    named, not checked word for word (``checked`` False, ``note`` "translated"); its numbers, dates
    and names are checked by their own checkers.
    """
    quotes = context.read_once("quotes", output, lambda: extract_quotes(output))
    if not quotes:
        return []
    findings = []
    for quote in quotes:
        pieces = quote.pieces
        copied = _copied(index.text, quote, output)
        if copied is not None and pieces:
            value = _value(pieces)
            mention = Mention("quote", quote.text, value, quote.start, quote.end)
            findings.append(
                Finding(mention, source=Mention("quote", quote.text, value, copied, copied + len(quote.text)))
            )
            continue
        quote_index: QuoteIndex = index.evidence("quote", lambda text: QuoteIndex(text, index.mentions))
        before = output[max(0, quote.start - 60) : quote.start]
        check = quote_index.check(quote, before, context.source_language, pieces)
        value = _value(pieces)
        mention = Mention("quote", quote.text, value, quote.start, quote.end)
        if check.state == "verified":
            s, e = check.source_start, check.source_end
            source = Mention("quote", index.text[s:e], value, s, e) if s >= 0 else mention
            findings.append(Finding(mention, source=source))
        elif check.state == "translated":
            findings.append(Finding(mention, reason=check.reason, checked=False, note="translated"))
        else:
            findings.append(Finding(mention, reason=check.reason))
    return findings


register_checker("quote", quote_findings, "quote", "quotes", "translated quotes", "not compared word for word")
