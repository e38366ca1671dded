"""A number line of learning rates: where each rate lies between the boundaries that matter.

    b ▲      ~   c       ✗       d           marks: a rate each, the newest on top
η ┼──────────┼──────────┼────────┼───        the axis, a tick at every stop
  0    1/f'' = 0.25  2/f'' = 0.5   0.75      the stops' labels
q 1          0         −1        −2          a second quantity at each stop
a–d the four · ▲ your η · ...                a legend, wrapped

Drawn for whatever width the widget has, so it fills a wide terminal and
still fits 80 columns. It changes only when a rate is tried or chosen, so it
repaints whole when it changes (a few lines, after a key) and never while a
walk plays.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget

from tui.glyphs import glyphs

LEFT = 4  # columns for the rows' names ("η", "q")
SEPARATOR = " · "  # between the legend's entries


@dataclass(frozen=True)
class Stop:
    """A rate with a tick on the axis: its label, and the other quantity's value there."""

    rate: float
    label: str
    other: str


class StabilityStrip(Widget):
    """Marks for rates on an axis from 0 to `top`, ticks at `stops`, and a legend."""

    DEFAULT_CSS = """
    StabilityStrip { height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.shown: tuple[object, ...] = ()

    def show(self, top: float, marks: Sequence[tuple[float, str]], stops: Sequence[Stop],
             names: tuple[str, str], legend: str) -> None:
        """Marks are (rate, one cell), later ones drawn over earlier ones; `names` label the axis and the second row."""
        shown = (top, tuple(marks), tuple(stops), names, legend)
        if shown != self.shown:
            layout = not self.shown or legend != self.shown[-1]
            self.shown = shown
            self.refresh(layout=layout)

    def get_content_height(self, container, viewport, width: int) -> int:
        return 4 + len(self._legend(width))

    def render(self) -> Text:
        if not self.shown:
            return Text("")
        top, marks, stops, (axis_name, other_name), _ = self.shown
        width = max(self.content_size.width, LEFT + 10)
        room = width - LEFT - 2

        def column(rate: float) -> int:
            return LEFT + round(min(max(rate / top, 0.0), 1.0) * room)

        def cell(unicode: str, ascii: str) -> str:
            return unicode if glyphs.unicode else ascii

        mark_row = [" "] * width
        for rate, mark in marks:
            mark_row[column(rate)] = mark
        axis = [" "] * LEFT + [cell("─", "-")] * (width - LEFT)
        labels, others = [" "] * width, [" "] * width
        ends = {id(labels): LEFT - 1, id(others): LEFT - 1}
        for stop in stops:
            axis[column(stop.rate)] = cell("┼", "+")
            for row, text in ((labels, stop.label), (others, stop.other)):
                start = min(max(column(stop.rate) - len(text) // 2, ends[id(row)] + 2), width - len(text))
                if start > ends[id(row)] + 1:  # a label that would touch the one before is left out
                    row[start:start + len(text)] = text
                    ends[id(row)] = start + len(text) - 1
        rows = [("", mark_row), (axis_name, axis), ("", labels), (other_name, others)]
        lines = [name.ljust(LEFT)[:LEFT] + "".join(row[LEFT:]) for name, row in rows]
        return Text("\n".join([*lines, *(line.plain for line in self._legend(width))]))

    def _legend(self, width: int) -> list[Text]:
        """The legend's entries ("✗ grows"), as many to a line as fit: an entry is never split
        (only one wider than the whole line is wrapped)."""
        legend, separator = self.shown[-1] if self.shown else "", glyphs(SEPARATOR)
        lines: list[str] = []
        for entry in legend.split(separator) if legend else ():
            joined = f"{lines[-1]}{separator}{entry}" if lines else entry
            if lines and cell_len(joined) <= width:
                lines[-1] = joined
            else:
                lines.append(entry)
        return [part for line in lines for part in Text(line).wrap(self.app.console, max(width, 1))]
