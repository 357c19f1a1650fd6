"""What a reader sees of a number: digits of every script, numerals not read, invisible and direction characters.

The verifier checks what a reader sees. Three things can make the two differ:

* Digits of other scripts. Every Unicode decimal digit (category Nd: Arabic-Indic, Devanagari, fullwidth
  ５, mathematical 𝟓 ...) is folded to 0-9 before reading (``DIGIT_ZEROS``, used by folding.py).
* Other numerals (``UNREAD_NUMERALS``): superscripts and subscripts, circled, parenthesized and dingbat
  digits, vulgar fractions, Roman numeral signs, and symbols whose compatibility form holds a digit (㎡).
  The extractor does not read them as numbers, but a reader does ("⑤⓪⓪", "10⁶"): each run of them, with
  digits glued to it, is a mention of kind "code" whose value is the text itself. Only the same characters
  in the source support it; otherwise it is unsupported, with a reason naming what a reader sees. A vulgar
  fraction glued to digits ("11½") is still read as the number.
* Invisible format characters (category Cf) are removed before reading (folding.py); where they can change
  what a reader sees of a number, the number is flagged (:meth:`Display.hidden_reason`):
    - any Cf character between two digits of a number, or between a digit and its decimal or group
      separator ("12<RLM>34" shows as 3412 in right-to-left text; "5<ZWSP>00" has no honest use);
    - a number inside a directional override (U+202D LRO, U+202E RLO, up to its PDF, PDI or the end of the
      paragraph): "<RLO>268<PDF>" shows as 862.
  Harmless, removed without a flag: marks and joiners beside a number or inside words (RLM and ALM after a
  number or around a date's slashes, ZWNJ and ZWJ in Arabic and Persian words, ZWSP, soft hyphen, BOM) and
  embeddings and isolates (LRE, RLE, LRI, RLI, FSI): they move whole runs, never the digits inside a
  number, and Arabic text from word processors and web pages carries them.
"""

from __future__ import annotations

import re
import unicodedata

# The digit zero of each script's decimal digits (each script's ten digits are consecutive): Unicode 15.
DIGIT_ZEROS = (
    0x30,
    0x660,
    0x6F0,
    0x7C0,
    0x966,
    0x9E6,
    0xA66,
    0xAE6,
    0xB66,
    0xBE6,
    0xC66,
    0xCE6,
    0xD66,
    0xDE6,
    0xE50,
    0xED0,
    0xF20,
    0x1040,
    0x1090,
    0x17E0,
    0x1810,
    0x1946,
    0x19D0,
    0x1A80,
    0x1A90,
    0x1B50,
    0x1BB0,
    0x1C40,
    0x1C50,
    0xA620,
    0xA8D0,
    0xA900,
    0xA9D0,
    0xA9F0,
    0xAA50,
    0xABF0,
    0xFF10,
    0x104A0,
    0x10D30,
    0x11066,
    0x110F0,
    0x11136,
    0x111D0,
    0x112F0,
    0x11450,
    0x114D0,
    0x11650,
    0x116C0,
    0x11730,
    0x118E0,
    0x11950,
    0x11C50,
    0x11D50,
    0x11DA0,
    0x11F50,
    0x16A60,
    0x16AC0,
    0x16B50,
    0x1D7CE,
    0x1D7D8,
    0x1D7E2,
    0x1D7EC,
    0x1D7F6,
    0x1E140,
    0x1E2F0,
    0x1E4F0,
    0x1E950,
    0x1FBF0,
)

# Every format character (Cf), as a regex class body; tests/test_numbers_display.py checks it against unicodedata.
FORMAT_CHARACTERS = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
# Numerals other than decimal digits (categories No and Nl, and symbols whose compatibility form holds a
# digit), as a regex class body; checked against unicodedata by the tests.
UNREAD_NUMERALS = "\u00b2-\u00b3\u00b9\u00bc-\u00be\u09f4-\u09f9\u0b72-\u0b77\u0bf0-\u0bf2\u0c78-\u0c7e\u0d58-\u0d5e\u0d70-\u0d78\u0f2a-\u0f33\u1369-\u137c\u16ee-\u16f0\u17f0-\u17f9\u19da\u2070\u2074-\u2079\u2080-\u2089\u2150-\u2182\u2185-\u2189\u2460-\u249b\u24ea-\u24ff\u2776-\u2793\u2cfd\u3007\u3021-\u3029\u3038-\u303a\u3192-\u3195\u3220-\u3229\u3248-\u324f\u3251-\u325f\u3280-\u3289\u32b1-\u32cb\u3358-\u3370\u3378-\u3379\u339f-\u33a6\u33a8\u33af\u33e0-\u33fe\ua6e6-\ua6ef\ua830-\ua835\U00010107-\U00010133\U00010140-\U00010178\U0001018a-\U0001018b\U000102e1-\U000102fb\U00010320-\U00010323\U00010341\U0001034a\U000103d1-\U000103d5\U00010858-\U0001085f\U00010879-\U0001087f\U000108a7-\U000108af\U000108fb-\U000108ff\U00010916-\U0001091b\U000109bc-\U000109bd\U000109c0-\U000109cf\U000109d2-\U000109ff\U00010a40-\U00010a48\U00010a7d-\U00010a7e\U00010a9d-\U00010a9f\U00010aeb-\U00010aef\U00010b58-\U00010b5f\U00010b78-\U00010b7f\U00010ba9-\U00010baf\U00010cfa-\U00010cff\U00010e60-\U00010e7e\U00010f1d-\U00010f26\U00010f51-\U00010f54\U00010fc5-\U00010fcb\U00011052-\U00011065\U000111e1-\U000111f4\U0001173a-\U0001173b\U000118ea-\U000118f2\U00011c5a-\U00011c6c\U00011fc0-\U00011fd4\U00012400-\U0001246e\U00016b5b-\U00016b61\U00016e80-\U00016e96\U0001d2e0-\U0001d2f3\U0001d360-\U0001d378\U0001e8c7-\U0001e8cf\U0001ec71-\U0001ecab\U0001ecad-\U0001ecaf\U0001ecb1-\U0001ecb4\U0001ed01-\U0001ed2d\U0001ed2f-\U0001ed3d\U0001f100-\U0001f10c"


def split_class(body: str) -> tuple[str, str]:
    """A class body (single characters and "a-z" ranges) as its BMP part and its astral part."""
    items, i = [], 0
    while i < len(body):
        step = 3 if i + 2 < len(body) and body[i + 1] == "-" else 1
        items.append(body[i : i + step])
        i += step
    return "".join(x for x in items if x[0] <= "\uffff"), "".join(x for x in items if x[0] > "\uffff")


# A class with astral ranges is many times slower to search in ``re`` than one of BMP ranges: the
# astral numerals are searched only in text that holds an astral character.
_UNREAD_BMP = re.compile(f"[{split_class(UNREAD_NUMERALS)[0]}]+")
_UNREAD = re.compile(f"[{UNREAD_NUMERALS}]+")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_FORMAT_BMP = re.compile(f"[{split_class(FORMAT_CHARACTERS)[0]}]")


def has_astral(text: str) -> bool:
    """Whether ``text`` holds a character outside the BMP (then the slower astral classes are searched)."""
    return _ASTRAL.search(text) is not None


_FORMAT = re.compile(f"[{FORMAT_CHARACTERS}]")
_DIGIT_AROUND = re.compile(r"\d|[.,٫٬]\d")  # after a format run, read forwards ...
_DIGIT_BEFORE = re.compile(r"(?:\d|\d[.,٫٬])$")  # ... and before it
_OVERRIDES = "\u202d\u202e"
_EMBEDDINGS = "\u202a\u202b\u202d\u202e"
_ISOLATES = "\u2066\u2067\u2068"
_DIRECTION_OR_PARAGRAPH = re.compile("[\u202a-\u202e\u2066-\u2069\n\r\u2029\x85\x1c-\x1e]")


def unread_numerals(text: str) -> list[tuple[int, int]]:
    """The spans of runs of numerals the extractor does not read (none in ASCII text)."""
    if text.isascii():
        return []
    if has_astral(text):
        return [m.span() for m in _UNREAD.finditer(text)]
    return [m.span() for m in _UNREAD_BMP.finditer(text)]


def shown(text: str) -> str:
    """How a reader reads numerals: "⑤⓪⓪" as 500, "10⁶" as 106 (compatibility form, or the numeric value)."""
    out = []
    for ch in text:
        plain = unicodedata.normalize("NFKC", ch)
        if plain == ch and unicodedata.numeric(ch, None) is not None:
            value = unicodedata.numeric(ch)
            plain = str(int(value)) if value == int(value) else str(value)
        out.append(plain)
    return "".join(out)


def _name(ch: str) -> str:
    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'format character')}"


class Display:
    """Where a text's invisible and direction characters can change what a reader sees of its numbers."""

    __slots__ = ("marks", "overrides", "text")

    @property
    def clean(self) -> bool:
        """Whether nothing in the text can change what a reader sees of a number."""
        return not self.overrides and not self.marks

    def __init__(self, text: str) -> None:
        self.text = text
        self.overrides: list[tuple[int, int, str]] = []  # (start, end, the override character)
        self.marks: list[tuple[int, int]] = []  # format runs that sit inside a number
        if text.isascii() or not (_FORMAT_BMP.search(text) or (has_astral(text) and _FORMAT.search(text))):
            return
        self._find_overrides(text)
        for m in re.finditer(f"[{FORMAT_CHARACTERS}]+", text):
            if _DIGIT_BEFORE.search(text, max(0, m.start() - 2), m.start()) and _DIGIT_AROUND.match(text, m.end()):
                self.marks.append(m.span())

    def _find_overrides(self, text: str) -> None:
        """The spans that LRO or RLO govern: to the matching PDF, an enclosing isolate's PDI or the paragraph end."""
        stack: list[tuple[str, int]] = []  # open embeddings, overrides and isolates: (character, offset)

        def close(upto: int, at: int) -> None:
            while len(stack) > upto:
                ch, start = stack.pop()
                if ch in _OVERRIDES:
                    self.overrides.append((start, at, ch))

        for m in _DIRECTION_OR_PARAGRAPH.finditer(text):
            ch, at = m.group(), m.start()
            if ch in _EMBEDDINGS or ch in _ISOLATES:
                stack.append((ch, at))
            elif ch == "\u202c":  # PDF closes the last embedding or override, not past an isolate
                if stack and stack[-1][0] in _EMBEDDINGS:
                    close(len(stack) - 1, at)
            elif ch == "\u2069":  # PDI closes everything up to and including the last isolate
                last = max((k for k, (c, _) in enumerate(stack) if c in _ISOLATES), default=None)
                if last is not None:
                    close(last, at)
            else:  # a paragraph ends
                close(0, at)
        close(0, len(text))

    def hidden_reason(self, start: int, end: int, number: str) -> str | None:
        """Why ``number`` (at ``start``-``end``) may not be what a reader sees, or None."""
        for s, e, ch in self.overrides:
            if s < end and start < e:
                return (
                    f"{number} is inside a direction override ({_name(ch)}): a reader sees its digits in another "
                    "order than the one checked"
                )
        for s, e in self.marks:
            if start < s and e < end:
                names = ", ".join(dict.fromkeys(_name(ch) for ch in self.text[s:e]))
                return f"{number} holds invisible characters ({names}): a reader may see another number"
        return None
