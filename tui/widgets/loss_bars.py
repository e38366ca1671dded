"""A loss drawn against one parameter as a column chart, the current value marked.

One column per sample, filled in eighths of a cell, so a staircase shows as
flat runs and sudden jumps and a smooth curve as a gentle slope. The current
sample is marked twice, by colour and by a ▲ under it, so the mark survives
NO_COLOR; the lowest columns get a • under them, and a row of ticks names the
parameter's values. It does not animate: the strips are built once per change
and only this widget's region is repainted.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from rich.segment import Segment
from textual.strip import Strip
from textual.widget import Widget

from tui.glyphs import glyphs

EIGHTHS = " ▁▂▃▄▅▆▇█"


class LossBars(Widget):
    """Columns for `values` scaled to `top`, with y labels on the left and a marker row below."""

    COMPONENT_CLASSES = {"loss-bars--bar", "loss-bars--marked", "loss-bars--axis"}
    DEFAULT_CSS = """
    LossBars { width: auto; height: auto; }
    LossBars > .loss-bars--bar { color: $primary; }
    LossBars > .loss-bars--marked { color: $accent; text-style: bold; }
    LossBars > .loss-bars--axis { color: $text-muted; }
    """

    def __init__(self, rows: int = 5, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows = rows
        self.values: list[float] = []
        self.top = 1.0
        self.marker = 0
        self.labels = ("", "")
        self.lowest: Collection[int] = ()
        self.ticks: Sequence[tuple[int, str]] = ()
        self.axis = ""
        self._strips: list[Strip] = []

    def show(self, values: Sequence[float], top: float, marker: int, labels: tuple[str, str], *,
             lowest: Collection[int] = (), ticks: Sequence[tuple[int, str]] = (), axis: str = "") -> None:
        """Draw `values` (0 at the bottom, `top` at the top); `labels` = (top label, bottom label).

        `lowest` are the columns to mark as the minimum; `ticks` are (column, text)
        written under their columns, followed by the `axis` name.
        """
        self.values, self.top, self.marker, self.labels = [float(v) for v in values], top, marker, labels
        self.lowest, self.ticks, self.axis = set(lowest), list(ticks), axis
        self._strips = []
        self.styles.width = self._label_width + 1 + len(self.values) + (len(axis) + 1 if axis else 0)
        self.styles.height = self.rows + 1 + (1 if ticks else 0)
        self.refresh()

    @property
    def _label_width(self) -> int:
        return max(len(label) for label in self.labels)

    def column_heights(self) -> list[int]:
        """Each column's height in eighths of a cell (what the chart shows)."""
        scale = 8 * self.rows / self.top if self.top > 0 else 0.0
        return [max(0, min(8 * self.rows, round(value * scale))) for value in self.values]

    def _build(self) -> list[Strip]:
        bar = self.get_component_rich_style("loss-bars--bar")
        marked = self.get_component_rich_style("loss-bars--marked")
        axis = self.get_component_rich_style("loss-bars--axis")
        width = self._label_width
        heights = self.column_heights()
        strips = []
        for row in range(self.rows):
            floor = 8 * (self.rows - 1 - row)
            label = self.labels[0] if row == 0 else self.labels[1] if row == self.rows - 1 else ""
            segments = [Segment(label.rjust(width), axis), Segment(glyphs("│"), axis)]
            for column, height in enumerate(heights):
                cell = glyphs(EIGHTHS[max(0, min(8, height - floor))])
                segments.append(Segment(cell, marked if column == self.marker else bar))
            strips.append(Strip(segments))
        pointer = "".join("▲" if column == self.marker else "•" if column in self.lowest else " "
                          for column in range(len(heights)))
        strips.append(Strip([Segment(" " * (width + 1), axis), Segment(glyphs(pointer), marked)]))
        if self.ticks:
            strips.append(Strip([Segment(" " * (width + 1) + self._tick_row(len(heights)), axis)]))
        return strips

    def _tick_row(self, columns: int) -> str:
        """Each tick's text centred under its column, dropped where it would touch the one before."""
        row = [" "] * columns
        end = -2  # the last cell written: a tick needs one free cell before it
        for column, text in self.ticks:
            start = max(0, min(column - (len(text) - 1) // 2, columns - len(text)))
            if start > end + 1:
                row[start:start + len(text)] = text
                end = start + len(text) - 1
        return "".join(row) + (" " + self.axis if self.axis else "")

    def render_line(self, y: int) -> Strip:
        if not self._strips and self.values:
            self._strips = self._build()
        if y < len(self._strips):
            return self._strips[y]
        return Strip.blank(self.size.width, self.rich_style)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips = []
