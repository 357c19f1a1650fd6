"""Folding: the spelling variants the extractor reads as one.

Digits of every script (Unicode Nd) become 0-9, ٬/٫ become ,/., hamza and taa-marbuta forms,
diacritics, tatweel and format characters (bidi marks, joiners) are folded or dropped, and ASCII is lowered.
"""

from __future__ import annotations

import re

from .display import DIGIT_ZEROS, FORMAT_CHARACTERS, has_astral, split_class

# Characters removed by folding (so folded offsets differ from the original's): Arabic marks, tatweel and
# every format character (display.py says which of those flag a number).
STRIP = re.compile(f"[\u0610-\u061a\u064b-\u065f\u0670\u0640\u06d6-\u06ed{FORMAT_CHARACTERS}]")
# The same without the astral format characters (tags, ...): searched much faster, enough for text without any.
_STRIP_BMP = re.compile(f"[\u0610-\u061a\u064b-\u065f\u0670\u0640\u06d6-\u06ed{split_class(FORMAT_CHARACTERS)[0]}]")
_TABLE: dict[int, str | int] = {
    ord(a): b
    for a, b in {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        "ی": "ي",
        "ک": "ك",
        "٬": ",",
        "٫": ".",
        "٪": "%",
        "–": "-",
        "—": "-",
        "−": "-",
        "‐": "-",
        "‑": "-",
        "’": "'",
        "‘": "'",
        "﹪": "%",
        "，": ",",
        "．": ".",
        "％": "%",
    }.items()
}
_TABLE.update({zero + k: str(k) for zero in DIGIT_ZEROS[1:] for k in range(10)})  # digits of every script
_TABLE.update({c: c + 32 for c in range(65, 91)})


# str.translate is much faster when (almost) every character is found in the table
# (a miss raises and clears a LookupError per character), so the table used on
# whole texts also maps the common code points to themselves.
FOLD_TABLE = {c: c for c in range(0x2000)}
FOLD_TABLE.update({c: c for c in range(0xFB50, 0x10000)})
FOLD_TABLE.update({k: v if isinstance(v, int) else ord(v) for k, v in _TABLE.items()})


def fold(word: str) -> str:
    """Normalize a word or text for lookup (length may change)."""
    return STRIP.sub("", word).translate(FOLD_TABLE)


def fold_text(text: str) -> tuple[str, list[int] | None]:
    """The folded text, and the folded offsets at which characters were removed (None if none were).

    Folding only ever removes characters (the table maps one to one), so these
    offsets are all that is needed to map folded offsets back to ``text``.
    """
    if text.isascii():  # nothing to strip, and the table only lowers A-Z
        return text.lower(), None
    strip = STRIP if has_astral(text) else _STRIP_BMP
    stripped = strip.sub("", text)
    removed = None
    if len(stripped) != len(text):
        removed = [m.start() - k for k, m in enumerate(strip.finditer(text))]
    return stripped.translate(FOLD_TABLE), removed
