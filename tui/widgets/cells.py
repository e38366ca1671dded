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
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

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


GAP = 3
"""Unchanged cells between two changed ones that are sent with them rather than after a new cursor move."""


class CellGrid(Widget):
    """A Line API widget drawn as rows of cells (`row_strip`), repainting only the cells that changed.

    Textual sends exactly the refreshed spans (`tui.output`), so a marker that
    moves costs its old and new cell, wherever they are in the row.
    """

    def row_strip(self, y: int) -> Strip:
        """Row `y` of the widget, as drawn now."""
        raise NotImplementedError

    def render_line(self, y: int) -> Strip:
        return self.row_strip(y)

    def refresh_cells(self, cells: Iterable[tuple[int, int]]) -> None:
        """Repaint these (column, row) cells: in each row, the runs of changed cells."""
        columns: dict[int, list[int]] = {}
        for col, row in cells:
            columns.setdefault(row, []).append(col)
        regions = [Region(start, row, end - start, 1) for row, cols in columns.items() for start, end in runs(cols)]
        if regions:  # one call: each call of `refresh` also clears the widget's caches and wakes the app
            self.refresh(*regions)


def runs(columns: Iterable[int], gap: int = GAP) -> list[tuple[int, int]]:
    """The columns as (start, end) runs, end exclusive; runs at most `gap` cells apart become one,
    since a new run costs a cursor move and its colours again."""
    found: list[list[int]] = []
    for col in sorted(set(columns)):
        if found and col - found[-1][1] <= gap:
            found[-1][1] = col + 1
        else:
            found.append([col, col + 1])
    return [(start, end) for start, end in found]
