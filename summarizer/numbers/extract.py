"""Text -> number mentions, for English and Arabic news text.

The extractor folds the text (digits of every script to 0-9, ٬/٫ to ,/., hamza
and taa-marbuta forms, diacritics, tatweel, bidi marks, ASCII case), tokenizes it
with one linear regex, and walks the tokens once. Number words are looked up in
precomputed tables (including Arabic clitics و/ف/ب/ل/ك and the article), so a
word is only ever a number as a whole word. Offsets are mapped back to the
original text, so ``mention.text == text[mention.start:mention.end]``.

Decisions (see also verify.py):
* Dual nouns (يومين "two days", هدفين "two goals") are not numbers; only the duals
  of number words are (ألفان/ألفين = 2000, مليونين, ملياري = 2e9, مئتين = 200).
* Vague quantities (dozens, hundreds of, thousands, عشرات، مئات، آلاف، ملايين،
  مليارات without a count) give no mention.
* "one" is a number except as a pronoun ("one of", "no one", "the one", "one
  another", "one by one"); "one day" counts as a number. أحد/إحدى are only numbers
  inside 11 (أحد عشر). "first"/أول/الأول are ranks, numbers only in dates
  ("the first of May", "الأول من مايو"); other ordinals always count.
* Signs are ignored ("-5" is 5).
"""

from __future__ import annotations

import bisect
import re
from itertools import accumulate
from dataclasses import dataclass
from fractions import Fraction

from . import lexicon as L

__all__ = ["NumberMention", "extract_numbers", "fold"]


@dataclass(frozen=True, slots=True)
class NumberMention:
    """One number found in a text; ``text == source[start:end]``."""

    text: str
    value: int | float | str
    kind: str
    start: int
    end: int

    def to_dict(self) -> dict:
        """JSON-ready dict."""
        return {"text": self.text, "value": self.value, "kind": self.kind,
                "start": self.start, "end": self.end}


# ------------------------------------------------------------------ folding
_STRIP = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640\u06d6-\u06ed\u200b-\u200f\u202a-\u202e\u2066-\u2069\u00ad\ufeff]")
_TABLE = {ord(a): b for a, b in {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ی": "ي", "ک": "ك",
    "٬": ",", "٫": ".", "٪": "%", "–": "-", "—": "-", "−": "-", "‐": "-", "‑": "-",
    "’": "'", "‘": "'", "﹪": "%", "％": "%",
}.items()}
_TABLE.update({0x660 + k: str(k) for k in range(10)})
_TABLE.update({0x6F0 + k: str(k) for k in range(10)})
_TABLE.update({c: c + 32 for c in range(65, 91)})


# str.translate is much faster when (almost) every character is found in the table
# (a miss raises and clears a LookupError per character), so the table used on
# whole texts also maps the common code points to themselves.
_TABLE_FULL = {c: c for c in range(0x2000)}
_TABLE_FULL.update({c: c for c in range(0xFB50, 0x10000)})
_TABLE_FULL.update({k: v if isinstance(v, int) else ord(v) for k, v in _TABLE.items()})


def fold(word: str) -> str:
    """Normalize a word or text for lookup (length may change)."""
    return _STRIP.sub("", word).translate(_TABLE_FULL)


# ------------------------------------------------------------------ tables
_Entry = tuple  # (cat, value, prefix_len, conj, article)
EN: dict[str, tuple[str, object]] = {}
for _w, _v in L.EN_UNITS.items():
    EN[_w] = ("u", _v)
for _w, _v in L.EN_TEENS.items():
    EN[_w] = ("T", _v)
for _w, _v in L.EN_TENS.items():
    EN[_w] = ("t", _v)
EN[L.EN_HUNDRED] = ("H", 100)
for _w, _v in L.EN_SCALES.items():
    EN[_w] = ("s", _v)
for _w, _v in L.EN_ORDINALS.items():
    EN[_w] = ("o", _v)
for _w in ("half", "halves", "thirds", "quarter", "quarters", "fifths", "sixths", "sevenths",
           "eighths", "ninths", "tenths", "fourths"):
    EN[_w] = ("f", L.EN_FRACTION_DENOMS[_w])
EN[L.EN_DOZEN] = ("dz", 12)
for _w in L.EN_ARTICLES:
    EN[_w] = ("a", 1)

AR: dict[str, _Entry] = {}


def _add_ar(base: str, cat: str, value: object, prefixes: tuple[str, ...]) -> None:
    b = fold(base)
    for p in prefixes:
        key = p + b
        if key in AR and AR[key][2] <= len(p):
            continue  # a shorter-prefix reading wins (واحد is one, not و+أحد)
        AR[key] = (cat, value, len(p), p[:1] in ("و", "ف"), "ال" in p or p.endswith("لل"))


_PLAIN = L.AR_PREFIXES
_ART = L.AR_ARTICLE_PREFIXES
for _w, _v in L.AR_UNITS.items():
    if fold(_w) == "ست":
        _add_ar(_w, "u", _v, ("", "و"))
    elif fold(_w) in {fold(x) for x in L.AR_NO_ARTICLE}:
        _add_ar(_w, "u", _v, _PLAIN)
    else:
        _add_ar(_w, "u", _v, _PLAIN + (_ART if _v >= 3 else ()))
for _w, _v in L.AR_TEN.items():
    _add_ar(_w, "ten", _v, _PLAIN + _ART)
for _w, _v in L.AR_TEEN_FIRST.items():
    _add_ar(_w, "p1", _v, _PLAIN)
for _w, _v in L.AR_TENS.items():
    _add_ar(_w, "t", _v, _PLAIN + _ART)
for _w, _v in L.AR_HUNDREDS.items():
    _add_ar(_w, "h", _v, _PLAIN)
for _w, (_v, _form) in L.AR_SCALES.items():
    _add_ar(_w, "s" + _form, _v, _PLAIN)
for _w, _v in L.AR_ORDINALS.items():
    _fem = fold(_w).endswith("ه") or fold(_w) == "اولي"
    _add_ar(_w, "o", _v, _ART if _fem else ("", "و", "ب", "ل") + _ART)
for _w, _v in L.AR_ORDINAL_ONE_COMPOUND.items():
    _add_ar(_w, "op1", _v, _ART + ("",))
for _w, (_a, _b) in L.AR_FRACTIONS.items():
    _add_ar(_w, "f", Fraction(_a, _b), _PLAIN)
for _w, _v in L.AR_FRACTION_PLURALS.items():
    _add_ar(_w, "fp", _v, ("",))

AR_MONTHS = {}
for _w, _v in L.AR_MONTHS.items():
    for _p in ("", "و", "ب", "ل"):
        AR_MONTHS.setdefault(_p + fold(_w), _v)
AR_MONTHS2 = {fold(k): {fold(a): b for a, b in v.items()} for k, v in L.AR_MONTHS_TWO_WORD.items()}
for _k in list(AR_MONTHS2):
    for _p in ("و", "ب", "ل"):
        AR_MONTHS2[_p + _k] = AR_MONTHS2[_k]
AR_YEAR_CTX = {fold(w) for w in L.AR_YEAR_CONTEXT}
AR_TIME_AFTER = {fold(k): v for k, v in L.AR_TIME_AFTER.items()}
AR_SAA = {p + "الساعه" for p in ("", "و", "ب", "ف")} | {"بالساعه", "عند", "تمام"} - {"عند", "تمام"}
AR_PCT1 = {"بالمئه", "بالمائه", "بالميه"}
AR_PCT2 = {"المئه", "المائه", "الميه"}
CODE_PREFIX = {fold(k): v for k, v in L.CODE_PREFIX_WORDS.items()}
CODE_FAMILY = {fold(k): v for k, v in L.CODE_FAMILY_WORDS.items()}
# Words on which the walk may start a mention ("a"/"an" only lead to a number word).
_TRIGGER = frozenset(EN) - {"a", "an"} | frozenset(AR) | frozenset(AR_MONTHS2)
_WALK_WORDS = _TRIGGER | frozenset(EN)  # words at which the walk does anything
AR_FEM_FIRST = {"اولي", "اول", "الاول", "الاولي", "والاول", "والاولي", "باول", "لاول", "واول"}

_TOKEN = re.compile(r"(?P<d>[0-9]+(?:[.,][0-9]+)*)|(?P<w>[^\W\d_]+(?:'(?!s\b)[^\W\d_]+)?)|(?P<p>[%:/$£€¥,.&+'-])")
_BIG = 10**30
_Num = int | Fraction  # an int stands for an integral Fraction

# ------------------------------------------------------------------ tokenizing
# Only tokens near a possible number matter. The folded text is cut at spaces
# into chunks; a chunk is "cold" when, once punctuation (_EDGE) is stripped from
# its ends, it is one word (letters only, so exactly one word token) that cannot
# start a number: no digit, not a number word, month pair or other table entry
# ("a"/"an" only lead to a number word). The walk does nothing at cold tokens and
# looks at most a few tokens away from a number-related one, so the interior of a
# long run of cold chunks is dropped and replaced by one sentinel token (no word,
# no punctuation, glued to nothing), keeping _MARGIN cold words on each side.
# Tokens on either side of a sentinel are then at least 2*_MARGIN+1 tokens apart
# in the full token list too, so ranges never link across it.
_MARGIN = 4
# Non-word characters other than the apostrophe (never part of a word token).
_EDGE = ".,;:!?\"()[]{}<>«»،؛؟-–—…/\\*&%$#@+=|~^`\n\t\r"
_PUNCT = frozenset("%:/$£€¥,.&+'-")  # one-character tokens (the p group of _TOKEN)
_COLD_RUNS = re.compile(rb"[\x00\x02]{%d,}" % (2 * _MARGIN + 2))
_SENTINEL = ("x", -1, -1, "\x00")


def _chunk_tokens(f: str, parts: list, ka: int, kb: int, pos: int, out: list) -> None:
    """Append the tokens of chunks ka..kb-1 of ``f`` (chunk ka starts at ``pos``)."""
    app = out.append
    edge, punct = _EDGE, _PUNCT
    for k in range(ka, kb):
        c = parts[k]
        n = len(c)
        if c.isalpha():  # letters only: exactly one word token
            app(("w", pos, pos + n, c))
        elif n:
            w = c.strip(edge)
            if w.isalpha():  # punctuation around one word: one-character tokens or skipped
                a = n - len(c.lstrip(edge))
                b = a + len(w)
                for x in range(a):
                    if c[x] in punct:
                        app(("p", pos + x, pos + x + 1, c[x]))
                app(("w", pos + a, pos + b, w))
                for x in range(b, n):
                    if c[x] in punct:
                        app(("p", pos + x, pos + x + 1, c[x]))
                pos += n + 1
                continue
            out.extend([(m.lastgroup, m.start(), m.end(), m.group()) for m in _TOKEN.finditer(f, pos, pos + n)])
        pos += n + 1


def _tokens(f: str) -> list:
    """The tokens of folded text ``f``, with long cold stretches replaced by a sentinel.

    Chunks are separated by single spaces or newlines, which no token contains, so
    tokenizing chunk by chunk gives the same tokens as tokenizing the whole text.
    """
    toks: list = []
    parts = f.replace("\n", " ").split(" ")
    np = len(parts)
    if np < 2 * _MARGIN + 2:
        _chunk_tokens(f, parts, 0, np, 0, toks)
        return toks
    trig, edge = _TRIGGER, _EDGE
    # 2: cold word, 0: no word and no digit, 1: anything else
    codes = bytes([(2 if c not in trig else 1) if c.isalpha() else
                   ((2 if w not in trig else 1) if (w := c.strip(edge)).isalpha() else (1 if w else 0))
                   for c in parts])
    ka = 0  # first chunk not yet tokenized
    cum = None
    for m in _COLD_RUNS.finditer(codes):
        ra, rb = m.span()
        if codes.count(2, ra, rb) < 2 * _MARGIN + 2:
            continue
        p = ra
        if ra:  # keep _MARGIN cold words after the preceding token
            for _ in range(_MARGIN):
                p = codes.index(2, p, rb) + 1
        q = rb
        if rb < np:  # and before the next one
            for _ in range(_MARGIN):
                q = codes.rindex(2, ra, q)
        if cum is None:
            cum = list(accumulate(map(len, parts)))
        # char offset of chunk k: cum[k] - len(parts[k]) + k
        _chunk_tokens(f, parts, ka, p, cum[ka] - len(parts[ka]) + ka, toks)
        if p and q < np:
            toks.append(_SENTINEL)
        ka = q
    if ka < np:
        _chunk_tokens(f, parts, ka, np, cum[ka] - len(parts[ka]) + ka if ka else 0, toks)
    return toks


def _is_ar(w: str) -> bool:
    return "\u0600" <= w[0] <= "\u06ff"


class _Raw:
    __slots__ = ("s", "e", "value", "kind", "ti", "tj", "mult", "conj", "ndig")

    def __init__(self, s: int, e: int, value, kind: str, ti: int, tj: int,
                 mult: int = 1, conj: bool = False, ndig: int = 0) -> None:
        self.s, self.e, self.value, self.kind = s, e, value, kind
        self.ti, self.tj, self.mult, self.conj, self.ndig = ti, tj, mult, conj, ndig


def _digits_value(txt: str) -> tuple[str, object]:
    """Interpret a folded digit token: ('num', value, has_point), ('code', str) or ('split', None).

    Integral values without a decimal point are ints; ints stand for integral
    Fractions throughout (same arithmetic and comparisons, much faster).
    """
    if txt.isdigit():
        if len(txt) > 18:
            return ("code", txt)
        return ("num", int(txt), False)
    if txt.count(".") > 1:
        return ("code", txt) if len(txt) <= 40 else ("split", None)
    intpart, _, frac = txt.partition(".")
    groups = intpart.split(",")
    if len(groups) > 1:
        if 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]):
            intpart = "".join(groups)
        elif len(groups) == 2 and not frac:  # decimal comma: "3,5"
            intpart, frac = groups
        else:
            return ("split", None)
    if len(intpart) + len(frac) > 30:
        return ("split", None)
    if not frac:
        return ("num", int(intpart), False)
    return ("num", int(intpart) + Fraction(int(frac), 10 ** len(frac)), True)


class _Extractor:
    def __init__(self, text: str) -> None:
        self.text = text
        self.adj: list[int] | None = None
        if text.isascii():  # nothing to strip, and the table only lowers A-Z
            self.f = text.lower()
        else:
            stripped = _STRIP.sub("", text)
            if len(stripped) != len(text):
                self.adj = [m.start() - k for k, m in enumerate(_STRIP.finditer(text))]
            self.f = stripped.translate(_TABLE_FULL)
        self.toks = _tokens(self.f)
        self.out: list[_Raw] = []

    # -- offsets
    def orig(self, j: int) -> int:
        if self.adj is None:
            return j
        if j >= len(self.f):
            return len(self.text)
        return j + bisect.bisect_right(self.adj, j)

    def has_upper(self, s: int, e: int) -> bool:
        return any(c.isupper() for c in self.text[self.orig(s):self.orig(e)])

    # -- token helpers
    def word(self, j: int) -> str | None:
        if 0 <= j < len(self.toks) and self.toks[j][0] == "w":
            return self.toks[j][3]
        return None

    def glued(self, a: int, b: int) -> bool:
        return 0 <= a and b < len(self.toks) and self.toks[a][2] == self.toks[b][1]

    def punct(self, j: int, chars: str) -> bool:
        return 0 <= j < len(self.toks) and self.toks[j][0] == "p" and self.toks[j][3] in chars

    # -- main loop
    def run(self) -> list[_Raw]:
        toks, n, i = self.toks, len(self.toks), 0
        words = _WALK_WORDS
        while i < n:
            typ, s, e, w = toks[i]
            if typ == "w" and w not in words:
                i += 1
                continue
            nxt = None
            if typ == "d":
                nxt = self.at_digits(i)
            elif typ == "w":
                if w in AR_MONTHS2 and self.word(i + 1) in AR_MONTHS2[w]:
                    nxt = i + 2
                elif w in EN or w in AR:
                    nxt = self.at_words(i)
            elif w == "%" and i + 1 < n and toks[i + 1][0] == "d" and self.glued(i, i + 1) \
                    and not (i and toks[i - 1][0] == "d"):
                r = _digits_value(toks[i + 1][3])
                if r[0] == "num":
                    self.out.append(_Raw(s, toks[i + 1][2], r[1], "percent", i, i + 2))
                    nxt = i + 2
            i = nxt if nxt is not None and nxt > i else i + 1
        self.ranges()
        return self.out

    # -- codes
    def code_before(self, i: int) -> tuple[int, str] | None:
        """If digits token i closes an identifier (F-16, G20, COVID-19, Boeing 737), its (start token, prefix)."""
        toks = self.toks
        if i >= 1 and toks[i - 1][0] == "w" and self.glued(i - 1, i):
            w = toks[i - 1][3]
            if not _is_ar(w) and (w in CODE_PREFIX or self.has_upper(toks[i - 1][1], toks[i - 1][2])):
                return i - 1, CODE_PREFIX.get(w, w.upper())
            return None
        if i >= 2 and self.punct(i - 1, "-") and self.glued(i - 1, i) and toks[i - 2][0] == "w" \
                and self.glued(i - 2, i - 1):
            w = toks[i - 2][3]
            if w in CODE_PREFIX or (not _is_ar(w) and self.has_upper(toks[i - 2][1], toks[i - 2][2])):
                return i - 2, CODE_PREFIX.get(w, w.upper())
            return None
        if i >= 1 and toks[i - 1][0] == "w" and toks[i - 1][3] in CODE_FAMILY:
            return i - 1, CODE_FAMILY[toks[i - 1][3]]
        return None

    def emit_code(self, ti: int, prefix: str, i: int) -> int:
        toks = self.toks
        e, j = toks[i][2], i + 1
        val = prefix + toks[i][3]
        while j < len(toks) and self.glued(j - 1, j) and (toks[j][0] == "d" or toks[j][0] == "w" and not _is_ar(toks[j][3])
                                                          and (toks[j][0] == "d" or self.has_upper(toks[j][1], toks[j][2]))):
            val += toks[j][3].upper()
            e, j = toks[j][2], j + 1
        self.out.append(_Raw(toks[ti][1], e, val, "code", ti, j))
        return j

    def emit_code_from(self, i: int, txt: str) -> int:
        """A code that starts with digits ("5G", "737MAX")."""
        return self.emit_code(i, "", i)

    # -- digits
    def at_digits(self, i: int) -> int:
        toks, n = self.toks, len(self.toks)
        typ, s, e, txt = toks[i]
        cb = self.code_before(i)
        if cb:
            return self.emit_code(cb[0], cb[1], i)
        r = _digits_value(txt)
        if r[0] == "code":
            self.out.append(_Raw(s, e, txt, "code", i, i + 1))
            return i + 1
        if r[0] == "split":
            for m in re.finditer(r"[0-9]+", txt[:2000]):
                self.out.append(_Raw(s + m.start(), s + m.end(), int(m.group()), "cardinal", i, i + 1))
            return i + 1
        value: _Num = r[1]
        kind = "decimal" if r[2] else "cardinal"
        ndig = len(txt) if txt.isdigit() else 0
        conj = i >= 1 and self.word(i - 1) in ("و", "وب", "ول") and self.glued(i - 1, i)
        j, mult = i + 1, 1
        if j < n and toks[j][0] == "w" and self.glued(i, j) and not _is_ar(toks[j][3]):
            suf = toks[j][3]
            cur = i >= 1 and toks[i - 1][3] in L.CURRENCY_SIGNS and self.glued(i - 1, i)
            if suf in L.EN_ORDINAL_SUFFIXES and value.denominator == 1:
                kind, e, j = "ordinal", toks[j][2], j + 1
            elif suf == "s" and value.denominator == 1:
                e, j = toks[j][2], j + 1
                if ndig == 4 and 1800 <= value <= 2100:
                    kind = "year"
            elif suf in L.EN_AM_PM and value <= 12:
                return self.emit_time(i, s, toks[j][2], value, 0, suf, j + 1)
            elif suf in L.EN_SCALE_ABBREV and (suf not in L.EN_SCALE_ABBREV_NEEDS_CURRENCY or cur):
                mult = L.EN_SCALE_ABBREV[suf]
                e, j = toks[j][2], j + 1
            elif suf in ("g", "d") and self.has_upper(toks[j][1], toks[j][2]) and not r[2]:
                return self.emit_code_from(i, txt)
            elif suf in L.EN_UNIT_SUFFIXES:
                pass
            elif self.has_upper(toks[j][1], toks[j][2]) and value.denominator == 1 and not r[2]:
                return self.emit_code_from(i, txt)
        # clock time 15:30
        if kind == "cardinal" and j + 1 < n and self.punct(j, ":") and self.glued(j - 1, j) \
                and toks[j + 1][0] == "d" and self.glued(j, j + 1) and len(toks[j + 1][3]) == 2 \
                and toks[j + 1][3].isdigit() and value <= 24 and int(toks[j + 1][3]) < 60:
            ap = None
            k = j + 2
            w = self.word(k)
            if w in L.EN_AM_PM:
                ap, k = w, k + 1
            end = toks[k - 1][2]
            return self.emit_time(i, s, end, value, int(toks[j + 1][3]), ap, k)
        if kind == "decimal" and r[2] and mult == 1:
            w = self.word(j)
            if w in L.EN_AM_PM and value < 13 and len(txt.partition(".")[2]) == 2:
                h, mnt = txt.split(".")
                if int(mnt) < 60:
                    return self.emit_time(i, s, toks[j][2], int(h), int(mnt), w, j + 1)
        if mult == 1 and kind in ("cardinal", "decimal"):
            w = self.word(j)
            if w is not None:
                sc = None
                if w in L.EN_SCALES:
                    sc = L.EN_SCALES[w]
                elif w in L.EN_SCALE_ABBREV and w not in L.EN_SCALE_ABBREV_NEEDS_CURRENCY and w != "k":
                    sc = L.EN_SCALE_ABBREV[w]
                elif w in AR and AR[w][0] in ("ssg", "spl") and AR[w][2] == 0:
                    sc = AR[w][1]
                if sc:
                    mult, e, j = sc, toks[j][2], j + 1
                    if _is_ar(w):
                        value, j, e = self.ar_continue(value * sc, sc, j, e)
                        value, mult = Fraction(value) / sc, sc
        value = value * mult
        if mult != 1 and value.denominator == 1:
            kind = "cardinal"
        return self.finish(i, s, e, value, kind, j, mult, conj, ndig)

    def ar_continue(self, total: _Num, last: int, j: int, e: int) -> tuple[_Num, int, int]:
        """After an Arabic scale: "و500", "وثمانمئة", "ونصف" (smaller parts joined by و)."""
        toks, n = self.toks, len(self.toks)
        k = j
        w = self.word(k)
        if w in ("ونصف",):
            return total + Fraction(last, 2), k + 1, toks[k][2]
        if w == "و" and k + 1 < n and (toks[k + 1][0] == "d" or (self.word(k + 1) or "") in AR):
            k += 1
        elif w is None or w not in AR or not AR[w][3]:
            if not (w == "و" and k + 1 < n):
                return total, j, e
        if k < n and toks[k][0] == "d" and toks[k][3].isdigit() and len(toks[k][3]) <= 15:
            v = int(toks[k][3])
            sc = AR.get(self.word(k + 1) or "")
            if sc and sc[0] in ("ssg", "spl") and sc[2] == 0 and sc[1] < last and v * sc[1] < last:
                return self.ar_continue(total + v * sc[1], sc[1], k + 2, toks[k + 1][2])
            if v < last:
                return total + v, k + 1, toks[k][2]
            return total, j, e
        res = self.parse_ar(k, cont=True, limit=last)
        if res is None:
            return total, j, e
        val, kind, k2, _ = res
        if kind != "cardinal":
            return total, j, e
        return total + val, k2, toks[k2 - 1][2]

    # -- words
    def at_words(self, i: int) -> int | None:
        w = self.toks[i][3]
        if not _is_ar(w) and i + 1 < len(self.toks) and self.toks[i + 1][0] == "d" and self.glued(i, i + 1):
            return None  # "Twenty20": an identifier, handled at the digits
        if _is_ar(w):
            res = self.parse_ar(i)
        else:
            res = self.parse_en(i)
        if res is None:
            return None
        value, kind, j, mult = res
        toks = self.toks
        if _is_ar(w) and mult > 1 and kind == "cardinal":
            value, j, _ = self.ar_continue(value, mult, j, toks[j - 1][2])
        s = toks[i][1]
        conj = False
        if _is_ar(w):
            plen = AR[w][2]
            if AR[w][4]:  # keep the article in the mention ("السابع")
                plen -= 2 if w[:plen].endswith("ال") else 1
            s += plen
            conj = AR[w][3]
        single = j == i + 1
        if single and w == "one":
            pw, nw = self.word(i - 1), self.word(i + 1)
            if pw in L.EN_ONE_PRONOUN_BEFORE or nw in L.EN_ONE_PRONOUN_AFTER or self.punct(i + 1, "'") \
                    or (pw == "by" and self.word(i - 2) == "one"):
                return i + 1
        if single and w == "ست":
            nw = self.word(i + 1)
            if nw is None or nw.startswith("ال"):
                return i + 1
        if single and (w in ("ثاني", "رابعه") or (w in AR and AR[w][0] == "fp")):
            pass
        return self.finish(i, s, toks[j - 1][2], value, kind, j, mult, conj, 0,
                           first_only=(single and (w == "first" or w in AR_FEM_FIRST)))

    def parse_en(self, i: int):
        toks, n = self.toks, len(self.toks)
        total, grp, last = 0, 0, _BIG
        h = t = u = teen = False
        best = None
        j = i
        w = toks[i][3]
        cat = EN.get(w)
        if cat is None:
            return None
        if cat[0] == "a":  # "a thousand", "a dozen", "a third", "a half"
            nw = self.word(i + 1)
            c2 = EN.get(nw or "")
            if not c2 or c2[0] not in ("H", "s", "dz", "f") and nw not in ("third", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"):
                return None
            grp, j = 1, i + 1
            u = True
        while j < n:
            w = self.word(j)
            if w is None:
                break
            if j > i and not self.glued(j - 1, j) and self.punct(j - 1, "-"):
                pass
            cat = EN.get(w)
            if w == "and" and (h or last < _BIG) and not u and not t and not teen and j + 1 < n:
                c2 = EN.get(self.word(j + 1) or "")
                if c2 and c2[0] in ("u", "T", "t", "o") and c2[1] < min(last, 100 if h else last):
                    j += 1
                    continue
                if self.word(j + 1) == "a" and self.word(j + 2) == "half":
                    pass
                else:
                    break
            if w == "and" and self.word(j + 1) == "a" and self.word(j + 2) == "half" and (grp or total):
                val = total + grp + Fraction(1, 2)
                j += 3
                sc = EN.get(self.word(j) or "")
                if sc and sc[0] == "s" and sc[1] < last:
                    return val * sc[1], "cardinal", j + 1, sc[1]
                return val, "decimal", j, 1
            if cat is None:
                break
            c, v = cat
            if c == "u":
                if u or teen or (v == 0 and j != i) or (t and not (self.glued(j - 1, j) or True)):
                    break
                if v == 0:
                    return 0, "cardinal", j + 1, 1
                grp += v
                u = True
            elif c == "T":
                if u or t or teen:
                    break
                grp += v
                teen = True
            elif c == "t":
                if u or t or teen:
                    break
                grp += v
                t = True
            elif c == "H":
                if h or grp == 0 or grp >= 100:
                    break
                grp *= 100
                h, u, t, teen = True, False, False, False
            elif c == "s":
                if v >= last or grp == 0:
                    break
                total += grp * v
                grp, last = 0, v
                h = u = t = teen = False
                best = (total, "cardinal", j + 1, v)
                j += 1
                if self.word(j) == "and" and self.word(j + 1) == "a" and self.word(j + 2) == "half":
                    break
                continue
            elif c == "o":
                if w in L.EN_FRACTION_DENOMS and grp == 1 and not t and not h and j > i and w != "second" and \
                        (toks[j - 1][3] in ("a", "an", "one") or self.punct(j - 1, "-")):
                    return self.en_fraction(Fraction(grp, L.EN_FRACTION_DENOMS[w]), j + 1)
                if u or teen:
                    break
                if v == 100:
                    if grp == 0 or h:
                        break
                    grp *= 100
                else:
                    grp += v
                return total + grp, "ordinal", j + 1, 1
            elif c == "f":
                den = v
                if w in ("half",) and j == i:
                    nw = self.word(j + 1)
                    if nw in ("a", "an") and EN.get(self.word(j + 2) or "", ("",))[0] in ("s", "dz"):
                        c3 = EN[self.word(j + 2)]
                        return Fraction(c3[1], 2), "cardinal", j + 3, c3[1]
                    if nw == "of" or (EN.get(nw or "", ("",))[0] == "s"):
                        return self.en_fraction(Fraction(1, 2), j + 1)
                    return None
                if grp == 0 or t or h or teen:
                    break
                plural = w.endswith("s")
                if (grp == 1) == plural and not (grp == 1 and w == "half"):
                    break
                return self.en_fraction(Fraction(grp, den), j + 1)
            elif c == "dz":
                if grp == 0 or t or h or teen:
                    break
                return total + grp * 12, "cardinal", j + 1, 1
            else:
                break
            best = (total + grp, "cardinal", j + 1, 1 if last == _BIG else last)
            j += 1
            if j < n and self.punct(j, "-") and self.glued(j - 1, j) and j + 1 < n and self.glued(j, j + 1) \
                    and self.word(j + 1) in EN:
                j += 1
        return best

    def en_fraction(self, f: Fraction, j: int):
        w = self.word(j)
        if w == "of" and self.word(j + 1) in ("a", "an") and EN.get(self.word(j + 2) or "", ("",))[0] == "s":
            v = EN[self.word(j + 2)][1]
            return f * v, "cardinal", j + 3, v
        c = EN.get(w or "")
        if c and c[0] == "s":
            return f * c[1], "cardinal", j + 1, c[1]
        return f, "fraction", j, 1

    def parse_ar(self, i: int, cont: bool = False, limit: int = _BIG):
        n = len(self.toks)
        total, grp, last = 0, 0, limit
        h = t = u = teen = False
        uval = 0
        best = None
        j = i
        ordinal = False
        while j < n:
            w = self.word(j)
            e = AR.get(w) if w else None
            if e is None:
                if w == "و" and j > i and j + 1 < n and self.word(j + 1) in AR and not self.glued(j, j + 1):
                    e2 = AR[self.word(j + 1)]
                    if e2[2] == 0:
                        j += 1
                        e = (e2[0], e2[1], 0, True, e2[4])
                        w = self.word(j)
                if e is None:
                    break
            first = j == i
            if w == "واحد" and not first:  # "وأحد عشر" folds to واحد
                nx = AR.get(self.word(j + 1) or "")
                if nx and nx[0] == "ten" and nx[2] == 0:
                    e = ("p1", 1, 1, True, False)
            c, v, plen, conj, art = e
            joined = conj and plen == 1 or (conj and art and plen >= 3)
            if not first and plen and not joined:
                break
            if ordinal:
                if c == "ten" and not conj and not art:
                    grp += 10
                    best = (grp, "ordinal", j + 1, 1)
                elif c == "t" and conj and art and grp < 10:
                    grp += v
                    best = (grp, "ordinal", j + 1, 1)
                break
            if c == "u":
                if not first and (not joined or u or teen or t):
                    break
                if art and first:
                    pass
                grp += v
                u, uval = True, v
            elif c == "p1":
                if not first and not joined:
                    break
                nw = AR.get(self.word(j + 1) or "")
                if not (nw and nw[0] == "ten" and nw[2] == 0) or u or t or teen:
                    break
                grp += v + 10
                teen = True
                j += 1
            elif c == "ten":
                if u and not conj and plen == 0 and uval and not teen:
                    grp += 10
                    u, teen = False, True
                elif (first or joined) and not (u or t or teen):
                    if art and not first:
                        break
                    grp += 10
                    teen = True
                else:
                    break
            elif c == "t":
                if not first and not joined:
                    break
                if t or teen:
                    break
                if art:
                    if not first:
                        break
                    return v, "ordinal", j + 1, 1
                grp += v
                t = True
            elif c == "h":
                if w in ("مئه", "مائه", "ميه") and u and not h and not t and not teen and plen == 0 and not first:
                    grp = grp - uval + uval * 100
                    u, h = False, True
                elif (first or joined) and grp == 0:
                    grp += v
                    h = True
                else:
                    break
            elif c[0] == "s":
                form = c[1:]
                if v >= last:
                    break
                if form == "du":
                    if grp or not (first or joined):
                        break
                    total += 2 * v
                elif form == "pl":
                    if grp == 0 or plen:
                        break
                    total += grp * v
                else:
                    if grp == 0:
                        if not (first or joined):
                            break
                        total += v
                    else:
                        if plen:
                            break
                        total += grp * v
                grp, last = 0, v
                h = t = u = teen = False
                uval = 0
                best = (total, "cardinal", j + 1, v)
                j += 1
                if j < n and self.word(j) == "ونصف":
                    return total + Fraction(v, 2), "cardinal", j + 1, v
                continue
            elif c == "o" or c == "op1":
                if not first or cont:
                    break
                ordinal = True
                grp = v
                if c == "o":
                    best = (v, "ordinal", j + 1, 1)
                j += 1
                continue
            elif c == "f":
                if not first or cont:
                    break
                nw = self.word(j + 1)
                if nw in ("النهائي", "نهائي", "النهائيه"):
                    return None
                sc = AR.get(nw or "")
                if sc and sc[0] == "ssg" and sc[2] == 0:
                    return v * sc[1], "cardinal", j + 2, sc[1]
                return v, "fraction", j + 1, 1
            elif c == "fp":
                if not u or t or h or teen or plen:
                    break
                return total + Fraction(grp, v), "fraction", j + 1, 1
            else:
                break
            best = (total + grp, "cardinal", j + 1, 1 if last >= limit else last)
            j += 1
        return best

    # -- context
    def month_at(self, j: int) -> int | None:
        """Index after a month name starting at token j (optionally after of/من), else None."""
        w = self.word(j)
        if w in ("of", "من"):
            j += 1
            w = self.word(j)
        if w is None:
            return None
        if w in AR_MONTHS:
            return j + 1
        if w in AR_MONTHS2 and self.word(j + 1) in AR_MONTHS2[w]:
            return j + 2
        if w in L.EN_MONTHS:
            if w in L.EN_MONTHS_CAPITAL_ONLY and not self.has_upper(self.toks[j][1], self.toks[j][2]):
                return None
            return j + 1
        return None

    def month_before(self, i: int) -> bool:
        w = self.word(i - 1)
        if w is None:
            return False
        if w in AR_MONTHS or (w in L.EN_MONTHS and (w not in L.EN_MONTHS_CAPITAL_ONLY or
                                                   self.has_upper(self.toks[i - 1][1], self.toks[i - 1][2]))):
            return True
        pw = self.word(i - 2)
        return pw in AR_MONTHS2 and w in AR_MONTHS2[pw]

    def year_after(self, j: int) -> int:
        toks = self.toks
        k = j + 1 if self.punct(j, ",،") else j
        if k < len(toks) and toks[k][0] == "d" and len(toks[k][3]) == 4 and toks[k][3].isdigit() \
                and 1800 <= int(toks[k][3]) <= 2100:
            self.out.append(_Raw(toks[k][1], toks[k][2], int(toks[k][3]), "year", k, k + 1, ndig=4))
            return k + 1
        return j

    def emit_time(self, i: int, s: int, e: int, hour: _Num, minute: int, ap, j: int) -> int:
        h = hour
        if ap == "pm" and h < 12:
            h += 12
        elif ap == "am" and h == 12:
            h = 0
        self.out.append(_Raw(s, e, h + Fraction(minute, 60) if minute else h, "time", i, j))
        return j

    def finish(self, i: int, s: int, e: int, value: _Num, kind: str, j: int, mult: int,
               conj: bool, ndig: int, first_only: bool = False) -> int:
        toks = self.toks
        w = self.word(j)
        # percent
        pct_end = None
        if self.punct(j, "%"):
            pct_end = j + 1
        elif w in L.EN_PERCENT_WORDS or w in AR_PCT1:
            pct_end = j + 1
        elif w == "per" and self.word(j + 1) == "cent":
            pct_end = j + 2
        elif w == "في" and self.word(j + 1) in AR_PCT2:
            pct_end = j + 2
        if pct_end is not None and kind not in ("ordinal", "code") and not first_only:
            self.out.append(_Raw(s, toks[pct_end - 1][2], value, "percent", i, pct_end, mult, conj, ndig))
            return pct_end
        integral = value.denominator == 1
        # clock times
        if integral and mult == 1 and kind in ("cardinal", "ordinal") and value <= 24:
            pw = self.word(i - 1)
            if w in L.EN_AM_PM and value <= 12 and ndig:
                return self.emit_time(i, s, toks[j][2], value, 0, w, j + 1)
            if w in ("a", "p") and value <= 12 and ndig and self.punct(j + 1, ".") and self.word(j + 2) == "m" \
                    and self.glued(j, j + 1) and self.glued(j + 1, j + 2):
                k = j + 4 if self.punct(j + 3, ".") and self.glued(j + 2, j + 3) else j + 3
                return self.emit_time(i, s, toks[k - 1][2], value, 0, w + "m", k)
            if w == "o'clock" and value <= 12:
                return self.emit_time(i, s, toks[j][2], value, 0, None, j + 1)
            if pw in AR_SAA or (w in AR_TIME_AFTER and value <= 12):
                k, hour = j, value
                if w in AR_TIME_AFTER and hour < 12:
                    hour += AR_TIME_AFTER[w]
                elif w == "بعد" and self.word(j + 1) == "الظهر" and hour < 12:
                    hour += 12
                self.out.append(_Raw(s, e, hour, "time", i, k, 1, conj))
                return k
        # dates
        if integral and mult == 1 and kind in ("cardinal", "ordinal") and 1 <= value <= 31 and ndig <= 2:
            k = self.month_at(j)
            if k is not None:
                self.out.append(_Raw(s, e, value, "date_part", i, j, 1, conj))
                return self.year_after(k)
            if self.month_before(i) and not first_only:
                self.out.append(_Raw(s, e, value, "date_part", i, j, 1, conj))
                return self.year_after(j)
        if first_only:
            return j
        if kind == "cardinal" and ndig == 4 and 1800 <= value <= 2100:
            pw = self.word(i - 1)
            if self.month_before(i) or pw in L.EN_YEAR_CONTEXT or pw in AR_YEAR_CTX or \
                    (pw and len(pw) > 1 and pw[0] in "وبلف" and pw[1:] in AR_YEAR_CTX) or conj:
                kind = "year"
        self.out.append(_Raw(s, e, value, kind, i, j, mult, conj, ndig))
        return j

    # -- ranges and numeric dates
    def ranges(self) -> None:
        out = self.out
        num = ("cardinal", "decimal", "year", "range_end", "percent")
        for a, b in zip(out, out[1:]):
            if a.kind not in num or b.kind not in num or a.kind == "percent" and b.kind != "percent":
                continue
            gap = [t[3] for t in self.toks[a.tj:b.ti]]
            pw = self.word(a.ti - 1)
            link = False
            if gap in (["-"], ["to"], ["الي"], ["حتي"], ["through"]):
                link = True
            elif gap == ["and"] and pw == "between":
                link = True
            elif (gap == ["و"] or (not gap and b.conj)) and pw in ("بين", "وبين"):
                link = True
            if not link:
                continue
            if gap == ["-"] and a.kind == "year" and a.ndig == 4:
                if b.kind != "year":
                    b.kind = "range_end"
                continue
            if b.kind == "percent" and a.kind != "percent":
                a.kind = "percent"
            if b.mult > 1 and a.mult == 1 and a.kind != "year" and a.value * b.mult <= b.value:
                a.value *= b.mult
                a.mult = b.mult
            for m in (a, b):
                if m.kind in ("cardinal", "decimal"):
                    m.kind = "range_end"


def _value_out(v) -> int | float | str:
    if isinstance(v, str):
        return v
    if v.denominator == 1:
        return int(v)
    return float(v)


def extract_numbers(text: str) -> list[NumberMention]:
    """All number mentions in ``text``, sorted by start and non-overlapping. Never raises."""
    try:
        if not isinstance(text, str) or not text:
            return []
        ex = _Extractor(text)
        raws = ex.run()
        res: list[NumberMention] = []
        last_end = -1
        for r in sorted(raws, key=lambda r: r.s):
            s, e = ex.orig(r.s), ex.orig(r.e)
            if r.e < len(ex.f) and ex.adj is not None:
                e = ex.orig(r.e)
            if s < last_end or e <= s:
                continue
            res.append(NumberMention(text[s:e], _value_out(r.value), r.kind, s, e))
            last_end = e
        return res
    except Exception:  # pragma: no cover - defensive: extraction must never raise
        return []
