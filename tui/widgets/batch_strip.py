"""The data set of one epoch, shuffled and cut into batches, with the current batch marked.

Each sample is one cell, a bar whose height is one of its numbers, so a new
shuffle is visible as a new pattern. Batches are separated by a thin bar;
the current batch is drawn inverted with a marker line under it, the batches
already used are dim. It wraps onto more lines when the row is too short.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from tui.glyphs import glyphs

BARS = "▁▂▃▄▅▆▇█"
DONE = Style(dim=True)
CURRENT = Style(reverse=True, bold=True)
PENDING = Style()


class BatchStrip(Widget):
    """One epoch's batches of samples; `show` says which batch is current."""

    DEFAULT_CSS = """
    BatchStrip { height: auto; }
    """

    def __init__(self, heights: np.ndarray, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        low, high = float(np.min(heights)), float(np.max(heights))
        scaled = (np.asarray(heights, dtype=float) - low) / ((high - low) or 1.0)
        self.levels = np.minimum((scaled * len(BARS)).astype(int), len(BARS) - 1)
        self.order: Sequence[np.ndarray] = []
        self.current = 0

    def show(self, order: Sequence[np.ndarray], current: int) -> None:
        """The epoch's batches (indices into the samples) and the index of the current one."""
        self.order, self.current = order, current
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """Two lines per row of batches at `width`; layout asks before the widget has a size."""
        return len(self._rows(width)) * 2

    def render(self) -> Text:
        return Text("\n").join(line for pair in self._rows(self.size.width) for line in pair)

    def _rows(self, width: int) -> list[tuple[Text, Text]]:
        """Bars and marker lines, wrapped into rows of whole batches that fit `width`."""
        width = max(width, 1)
        separate = len(self.order) > 1 and len(self.order[0]) > 1
        rows: list[tuple[Text, Text]] = [(Text(), Text())]
        for k, batch in enumerate(self.order):
            style = DONE if k < self.current else CURRENT if k == self.current else PENDING
            cells = "".join(BARS[level] for level in self.levels[batch])
            piece = glyphs(cells + ("│" if separate and k < len(self.order) - 1 else ""))
            bars, marks = rows[-1]
            if bars.cell_len + len(piece) > width and bars.cell_len:
                rows.append((Text(), Text()))
                bars, marks = rows[-1]
            bars.append(glyphs(cells), style)
            marks.append(glyphs("─" * len(cells)) if k == self.current else " " * len(cells))
            if len(piece) > len(cells):
                bars.append(piece[len(cells):], DONE)
                marks.append(" ")
        return rows
