"""HTML input: the elements a browser would not show, dropped before the article text is read.

A page can carry text no reader sees but a summarizer would read: an order to the model, a number to
plant. Before trafilatura reads a page (inputs.py), elements are dropped, each counted once (not its
children), when they have:

* the ``hidden`` attribute, or ``aria-hidden="true"``;
* an inline style with ``display: none``, ``visibility: hidden`` or ``collapse``, ``opacity: 0``, a zero
  ``font-size``, or an off-screen position (``left``, ``top``, ``right`` or ``text-indent`` at -1000px or
  beyond);
* an inline text ``color`` equal to the background colour of the element or of the nearest element
  around it that sets one (hex, ``rgb()``/``rgba()`` and the common colour names are read).

Not read: style sheets and classes (``<style>.x{display:none}</style>``), scripts that hide text, and
colours that differ slightly. A page with nothing hidden reaches trafilatura unchanged.
"""

from __future__ import annotations

import re
from typing import Any

_NAMED = {
    "white": "#ffffff",
    "black": "#000000",
    "red": "#ff0000",
    "lime": "#00ff00",
    "blue": "#0000ff",
    "yellow": "#ffff00",
    "gray": "#808080",
    "grey": "#808080",
    "silver": "#c0c0c0",
    "navy": "#000080",
}
_HEX = re.compile(r"#([0-9a-f]{3}|[0-9a-f]{6})\b")
_RGB = re.compile(r"rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*(?:,\s*([\d.]+)\s*)?\)")
_ZERO = re.compile(r"^-?0*\.?0*(?:px|pt|em|rem|%|vw|vh|ex|ch)?$")
_OFF_SCREEN = re.compile(r"^-\s*(\d+)(?:\.\d+)?(?:px)?$")


def _style(element: Any) -> dict[str, str]:
    declarations = (element.get("style") or "").lower().split(";")
    return {name.strip(): value.strip() for name, _, value in (d.partition(":") for d in declarations) if value}


def _colour(value: str | None) -> str | None:
    """A CSS colour as #rrggbb, or None (not given, transparent, or not one read here)."""
    if not value:
        return None
    value = value.replace("!important", "").strip()
    for word in value.split():
        if word in _NAMED:
            return _NAMED[word]
    if match := _HEX.search(value):
        digits = match.group(1)
        return "#" + ("".join(d * 2 for d in digits) if len(digits) == 3 else digits)
    if (match := _RGB.search(value)) and (match.group(4) is None or float(match.group(4)) > 0):
        return "#" + "".join(f"{min(int(part), 255):02x}" for part in match.group(1, 2, 3))
    return None


def _background(element: Any, styles: dict[Any, dict[str, str]]) -> str | None:
    """The background colour set on ``element`` or the nearest element around it."""
    while element is not None and isinstance(element.tag, str):
        style = styles.setdefault(element, _style(element))
        colour = _colour(style.get("background-color")) or _colour(style.get("background"))
        if colour is not None:
            return colour
        element = element.getparent()
    return None


def why_hidden(element: Any, styles: dict[Any, dict[str, str]]) -> str | None:
    """Why a browser would not show ``element`` (its own attributes and inline style), or None."""
    if element.get("hidden") is not None:
        return "hidden attribute"
    if (element.get("aria-hidden") or "").strip().lower() == "true":
        return "aria-hidden"
    style = styles.setdefault(element, _style(element))
    if not style:
        return None
    if style.get("display", "").startswith("none"):
        return "display:none"
    if style.get("visibility", "").split()[:1] in (["hidden"], ["collapse"]):
        return "visibility:hidden"
    if "opacity" in style and _ZERO.match(style["opacity"].replace("!important", "").strip()):
        return "opacity 0"
    if "font-size" in style and _ZERO.match(style["font-size"].replace("!important", "").strip()):
        return "zero font size"
    for side in ("left", "top", "right", "text-indent"):
        if (match := _OFF_SCREEN.match(style.get(side, ""))) and int(match.group(1)) >= 1000:
            return "off-screen position"
    colour = _colour(style.get("color"))
    if colour is not None and colour == _background(element, styles):
        return "text the colour of its background"
    return None


def drop_hidden(html: str) -> tuple[str, list[str]]:
    """``html`` without the elements a browser would not show, and why each was dropped (outermost only).

    The page is returned unchanged when nothing is hidden (or it cannot be parsed).
    """
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return html, []
    styles: dict[Any, dict[str, str]] = {}
    found: list[tuple[Any, str]] = []
    inside: set[Any] = set()
    for element in root.iter():
        if not isinstance(element.tag, str) or element.getparent() is None:
            continue
        if element.getparent() in inside:  # a child of a dropped element goes with it
            inside.add(element)
            continue
        why = why_hidden(element, styles)
        if why is not None:
            found.append((element, why))
            inside.add(element)
    if not found:
        return html, []
    for element, _ in found:
        element.drop_tree()  # keeps the text after the element (its tail)
    return lxml.html.tostring(root, encoding="unicode"), [why for _, why in found]
