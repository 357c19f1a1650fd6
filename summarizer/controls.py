"""Text from a server, a model or an article made inert for a terminal: control characters shown, not obeyed.

A server's error message or a model's reply may hold terminal escapes (``ESC [2J`` clears the screen,
``ESC ]0;...BEL`` sets the window title), a carriage return that overwrites the line before it, or a
line break that forges a second ``Error:`` line. :func:`inert` writes each such character as a
visible escape (``\\x1b``, ``\\r``, ``\\u2028``) and leaves every other character as it is.
"""

from __future__ import annotations

import re

# C0 controls, DEL, C1 controls (U+009B is an 8-bit CSI), and the Unicode line and paragraph separators.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROLS_BUT_LINES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def _shown(found: re.Match[str]) -> str:
    code = ord(found[0])
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(found[0]) or (
        f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    )


def inert(text: str, *, lines: bool = False) -> str:
    """``text`` with every control character written as a visible escape; with ``lines``, line breaks
    (``\\n``) and tabs are kept (a multi-line report), else they too are escaped (one line)."""
    return (_CONTROLS_BUT_LINES if lines else _CONTROLS).sub(_shown, text)
