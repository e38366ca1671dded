"""Rows of styled cells as Strips: the one place where cells become segments.

Every byte of a repainted line crosses the network, and each segment costs
its own colour codes, so neighbouring cells of the same style share one
segment. Every segment carries a style: Textual's NO_COLOR filter fails on
a segment without one (which is also why blank lines are
`Strip.blank(width, style)`, never `Strip.blank(width)`).
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby
from operator import itemgetter

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

Cell = tuple[str, Style]
"""One terminal cell: its character and its style."""


def strip_of(cells: Iterable[Cell], width: int | None = None) -> Strip:
    """A Strip with one segment per run of equally styled cells."""
    segments = [Segment("".join(char for char, _ in run), style) for style, run in groupby(cells, key=itemgetter(1))]
    return Strip(segments, width)


def place(row: list[Cell], column: int, text: str, style: Style) -> None:
    """Write `text` into `row` from `column` on, dropping what falls outside it."""
    for offset, char in enumerate(text):
        if 0 <= column + offset < len(row):
            row[column + offset] = (char, style)
