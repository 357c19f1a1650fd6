"""Folding: the spelling variants the extractor reads as one.

Digits of every script become 0-9, ٬/٫ become ,/., hamza and taa-marbuta forms,
diacritics, tatweel and bidi marks are folded or dropped, and ASCII is lowered.
"""

from __future__ import annotations

import re

# Characters removed by folding (so folded offsets differ from the original's).
STRIP = re.compile(
    "[\u0610-\u061a\u064b-\u065f\u0670\u0640\u06d6-\u06ed\u200b-\u200f\u202a-\u202e\u2066-\u2069\u00ad\ufeff]"
)
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
        "％": "%",
    }.items()
}
_TABLE.update({0x660 + k: str(k) for k in range(10)})
_TABLE.update({0x6F0 + k: str(k) for k in range(10)})
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
    stripped = STRIP.sub("", text)
    removed = None
    if len(stripped) != len(text):
        removed = [m.start() - k for k, m in enumerate(STRIP.finditer(text))]
    return stripped.translate(FOLD_TABLE), removed
