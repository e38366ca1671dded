"""Line filters that make every frame safe for the terminal it goes to.

Textual applies line filters to each line just before it is sent, so these catch
everything, including Textual's own borders, scrollbars and option lists.
"""

from __future__ import annotations

import unicodedata

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter, monochrome_style

from tui.glyphs import ASCII_FALLBACK

_DIRECTIONS = (("LEFTWARDS", "<"), ("RIGHTWARDS", ">"), ("UPWARDS", "^"), ("DOWNWARDS", "v"),
               ("LEFT", "<"), ("RIGHT", ">"), ("UP", "^"), ("DOWN", "v"))


def ascii_cell(char: str) -> str:
    """One ASCII character standing in for `char`, so cell widths never change."""
    fallback = ASCII_FALLBACK.get(char, "")
    if len(fallback) == 1:
        return fallback
    name = unicodedata.name(char, "")
    if name.startswith("BOX DRAWINGS"):
        vertical, horizontal = "VERTICAL" in name or "UP" in name or "DOWN" in name, "HORIZONTAL" in name
        if "ARC" in name or "CORNER" in name or (vertical and horizontal):
            return "+"
        return "|" if vertical and not ("LEFT" in name or "RIGHT" in name) else "-"
    if "BLOCK" in name or "SHADE" in name or name.startswith("BRAILLE"):
        return "#" if "FULL" in name or "DARK" in name else ":" if name.startswith("BRAILLE") else "#"
    if "ARROW" in name or "TRIANGLE" in name:
        return next((ascii for word, ascii in _DIRECTIONS if word in name), "*")
    base = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
    return base[:1] if base else "?"


class _AsciiTable(dict[int, str]):
    """A `str.translate` table that works out and remembers each character's stand-in."""

    def __missing__(self, code: int) -> str:
        self[code] = char = chr(code) if code < 128 else ascii_cell(chr(code))
        return char


class AsciiFilter(LineFilter):
    """Replace every non-ASCII character, for terminals whose locale is not UTF-8."""

    def __init__(self, enabled: bool = True) -> None:
        super().__init__(enabled)
        self.table = _AsciiTable()

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        table = self.table
        return [Segment(text if text.isascii() else text.translate(table), style, control)
                for text, style, control in segments]


class SafeMonochrome(LineFilter):
    """Textual's NO_COLOR filter, minus its crash on segments that carry no style."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [Segment(text, None if style is None else monochrome_style(style), None)
                for text, style, _ in segments]
