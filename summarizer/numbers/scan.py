"""The state shared by the parsers while one text is read: its tokens, offsets and the mentions found."""

from __future__ import annotations

import bisect
import enum
from dataclasses import dataclass
from fractions import Fraction
from typing import Final, NamedTuple

from .folding import fold_text
from .tokens import tokenize

BIG = 10**30  # larger than any scale: "no scale seen yet"
Num = int | Fraction  # an int stands for an integral Fraction


@dataclass(slots=True, eq=False)
class RawMention:
    """A mention in folded offsets, with what later passes (ranges, assembly) need."""

    start: int
    end: int
    value: Num | str
    kind: str
    first_tok: int
    end_tok: int  # index after its last token
    mult: int = 1  # the scale it was written with (3 million: 10**6)
    conj: bool = False  # joined to the word before by و
    ndigits: int = 0  # number of digits when written as plain digits


class Reading(NamedTuple):
    """What a parser read from number words: value, kind, the token after them, their scale."""

    value: Num
    kind: str
    end_tok: int
    mult: int


class Step(enum.Enum):
    """What one word did to a number being parsed (a parser step may also return its final Reading)."""

    ACCEPT = "accept"  # the word joins the number: record the reading so far, go to the next token
    MOVED = "moved"  # the step recorded what it read and moved on itself
    STOP = "stop"  # the word is not part of the number: the best reading so far stands


ACCEPT: Final = Step.ACCEPT
MOVED: Final = Step.MOVED
STOP: Final = Step.STOP


class Scan:
    """One text being read: original and folded text, its tokens (as columns) and raw mentions."""

    __slots__ = ("ends", "folded", "kinds", "n", "raws", "removed", "starts", "text", "texts")

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded, self.removed = fold_text(text)
        toks = tokenize(self.folded)
        self.kinds, self.starts, self.ends, self.texts = toks.kinds, toks.starts, toks.ends, toks.texts
        self.n = len(self.kinds)
        self.raws: list[RawMention] = []

    def orig(self, j: int) -> int:
        """The offset in the original text of folded offset j."""
        if self.removed is None:
            return j
        if j >= len(self.folded):
            return len(self.text)
        return j + bisect.bisect_right(self.removed, j)

    def has_upper(self, s: int, e: int) -> bool:
        """Whether the original text of folded span s..e has a capital letter."""
        return any(c.isupper() for c in self.text[self.orig(s) : self.orig(e)])

    def token_has_upper(self, j: int) -> bool:
        """Whether token j is written with a capital letter."""
        return self.has_upper(self.starts[j], self.ends[j])

    def word(self, j: int) -> str | None:
        """The text of token j if it is a word, else None (also out of range)."""
        if 0 <= j < self.n and self.kinds[j] == "w":
            return self.texts[j]
        return None

    def glued(self, a: int, b: int) -> bool:
        """Whether token a ends where token b starts (no space between)."""
        return a >= 0 and b < self.n and self.ends[a] == self.starts[b]

    def punct(self, j: int, chars: str) -> bool:
        """Whether token j is one of the punctuation characters ``chars``."""
        return 0 <= j < self.n and self.kinds[j] == "p" and self.texts[j] in chars
