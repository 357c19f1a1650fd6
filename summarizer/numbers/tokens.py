"""Folded text -> tokens: digit runs, words and one-character punctuation.

Only tokens near a possible number matter. The folded text is cut at spaces
into chunks; a chunk is "cold" when, once punctuation (_EDGE) is stripped from
its ends, it is one word (letters only, so exactly one word token) that cannot
start a number: no digit, not a number word, month pair or other table entry
("a"/"an" only lead to a number word). The walk does nothing at cold tokens and
looks at most a few tokens away from a number-related one, so the interior of a
long run of cold chunks is dropped and replaced by one sentinel token (no word,
no punctuation, glued to nothing), keeping _MARGIN cold words on each side.
Tokens on either side of a sentinel are then at least 2*_MARGIN+1 tokens apart
in the full token list too, so ranges never link across it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .tables import TRIGGER

_TOKEN = re.compile(r"(?P<d>[0-9]+(?:[.,][0-9]+)*)|(?P<w>[^\W\d_]+(?:'(?!s\b)[^\W\d_]+)?)|(?P<p>[%:/$£€¥,.&+'-])")
_MARGIN = 4
# Non-word characters other than the apostrophe (never part of a word token).
_EDGE = '.,;:!?"()[]{}<>«»،؛؟-–—…/\\*&%$#@+=|~^`\n\t\r'
_PUNCT = frozenset("%:/$£€¥,.&+'-")  # one-character tokens (the p group of _TOKEN)
_COLD_RUNS = re.compile(rb"[\x00\x02]{%d,}" % (2 * _MARGIN + 2))


@dataclass(slots=True)
class Tokens:
    """The tokens of a folded text, one list per field (token j is kinds[j], starts[j] ...).

    kinds: "d" digits, "w" word, "p" punctuation, "x" a dropped cold stretch;
    texts[j] is folded[starts[j]:ends[j]] (the stretch's is "\\x00", its offsets -1).
    Columns rather than one record per token: a text has thousands of tokens and
    building a record for each costs about a tenth of the extraction time.
    """

    kinds: list[str]
    starts: list[int]
    ends: list[int]
    texts: list[str]

    def add_cold_stretch(self) -> None:
        """Append the sentinel that stands for a dropped run of cold chunks."""
        self.kinds.append("x")
        self.starts.append(-1)
        self.ends.append(-1)
        self.texts.append("\x00")


def _chunk_tokens(f: str, parts: list[str], ka: int, kb: int, pos: int, out: Tokens) -> int:
    """Append the tokens of chunks ka..kb-1 of ``f`` (chunk ka starts at ``pos``); where chunk kb starts."""
    add_kind, add_start, add_end, add_text = out.kinds.append, out.starts.append, out.ends.append, out.texts.append
    edge, punct = _EDGE, _PUNCT
    for k in range(ka, kb):
        c = parts[k]
        n = len(c)
        if c.isalpha():  # letters only: exactly one word token
            add_kind("w")
            add_start(pos)
            add_end(pos + n)
            add_text(c)
        elif n:
            w = c.strip(edge)
            if w.isalpha():  # punctuation around one word: one-character tokens or skipped
                a = n - len(c.lstrip(edge))
                b = a + len(w)
                for x in range(a):
                    if c[x] in punct:
                        add_kind("p")
                        add_start(pos + x)
                        add_end(pos + x + 1)
                        add_text(c[x])
                add_kind("w")
                add_start(pos + a)
                add_end(pos + b)
                add_text(w)
                for x in range(b, n):
                    if c[x] in punct:
                        add_kind("p")
                        add_start(pos + x)
                        add_end(pos + x + 1)
                        add_text(c[x])
                pos += n + 1
                continue
            for m in _TOKEN.finditer(f, pos, pos + n):
                add_kind(m.lastgroup or "")  # each alternative of _TOKEN is a named group: never None
                add_start(m.start())
                add_end(m.end())
                add_text(m.group())
        pos += n + 1
    return pos


@functools.cache
def _codes() -> dict[str, int]:
    """Word -> its code (1: may start a number; 3: a date's word only, see summarizer.numbers.dates); cold words absent."""
    from .date_names import date_words

    return {**dict.fromkeys(date_words(), 3), **dict.fromkeys(TRIGGER, 1)}


def tokenize(f: str) -> Tokens:
    """The tokens of folded text ``f``, with long cold stretches replaced by a sentinel.

    Chunks are separated by single spaces or newlines, which no token contains, so
    tokenizing chunk by chunk gives the same tokens as tokenizing the whole text. A date's
    word (a month, a weekday, "yesterday") is kept without the cold words around it: the date
    reader needs no more than its own words and the numbers next to it.
    """
    toks = Tokens([], [], [], [])
    parts = f.replace("\n", " ").split(" ")
    np = len(parts)
    if np < 2 * _MARGIN + 2:
        _chunk_tokens(f, parts, 0, np, 0, toks)
        return toks
    code, edge = _codes(), _EDGE
    # 2: cold word, 0: no word and no digit, 3: a date's word, 1: anything else
    codes = bytes(
        [
            (2 if c not in code else code[c])  # noqa: SIM401  a membership test is faster than .get on cold words
            if c.isalpha()
            else ((2 if w not in code else code[w]) if (w := c.strip(edge)).isalpha() else (1 if w else 0))  # noqa: SIM401
            for c in parts
        ]
    )
    ka = pos = 0  # the first chunk not yet tokenized, and where it starts
    for m in _COLD_RUNS.finditer(codes):
        ra, rb = m.span()
        if codes.count(2, ra, rb) < 2 * _MARGIN + 2:
            continue
        p = ra
        if ra and codes[ra - 1] != 3:  # keep _MARGIN cold words after the preceding token
            for _ in range(_MARGIN):
                p = codes.index(2, p, rb) + 1
        q = rb
        if rb < np and codes[rb] != 3:  # and before the next one
            for _ in range(_MARGIN):
                q = codes.rindex(2, ra, q)
        pos = _chunk_tokens(f, parts, ka, p, pos, toks)
        if p and q < np:
            toks.add_cold_stretch()
        pos += sum(map(len, parts[p:q])) + q - p  # each dropped chunk and the space after it
        ka = q
    if ka < np:
        _chunk_tokens(f, parts, ka, np, pos, toks)
    return toks
