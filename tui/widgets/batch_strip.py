"""The data set of one epoch, shuffled and cut into batches, with the current batch marked.

Each sample is one cell, a bar whose height is one of its numbers, so a new
shuffle is visible as a new pattern. Batches are separated by a thin bar;
the current batch is drawn inverted with a marker line under it, the batches
already used are dim. It wraps onto more lines when the row is too short.
The next batch changes two batches' cells, and only those lines repaint
(`LiveLines`), up to the last cell that changed.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rich.style import Style
from rich.text import Text
from textual.geometry import Size

from tui.glyphs import glyphs
from tui.widgets.live_text import LiveLines

BARS = "▁▂▃▄▅▆▇█"
DONE = Style(dim=True)
CURRENT = Style(reverse=True, bold=True)
PENDING = Style()


class BatchStrip(LiveLines):
    """One epoch's batches of samples; `show` says which batch is current."""

    def __init__(self, heights: np.ndarray, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        low, high = float(np.min(heights)), float(np.max(heights))
        scaled = (np.asarray(heights, dtype=float) - low) / ((high - low) or 1.0)
        self.levels = np.minimum((scaled * len(BARS)).astype(int), len(BARS) - 1)
        self.order: Sequence[np.ndarray] = []
        self.current = 0
        self._layout: dict[int, list[tuple[str, list[tuple[int, int]]]]] = {}

    def show(self, order: Sequence[np.ndarray], current: int) -> None:
        """The epoch's batches (indices into the samples) and the index of the current one."""
        if order is self.order and current == self.current and self.lines:
            return  # the same batch of the same shuffle: nothing to draw
        if order is not self.order:
            self.order, self._layout = order, {}
        self.current = current
        self.show_lines(self._lines(self.size.width))

    def on_resize(self) -> None:
        self.show_lines(self._lines(self.size.width))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """Two lines per row of batches at `width`; layout asks before the widget has a size."""
        return 2 * len(self._rows(width))

    def _rows(self, width: int) -> list[tuple[str, list[tuple[int, int]]]]:
        """The bars of each row of whole batches that fit `width`, and where each batch lies in it.

        Drawn once per shuffle and width: a frame only restyles them.
        """
        width = max(width, 1)
        if width not in self._layout:
            separate = len(self.order) > 1 and len(self.order[0]) > 1
            rows: list[tuple[str, list[tuple[int, int]]]] = [("", [])]
            for k, batch in enumerate(self.order):
                cells = glyphs("".join(BARS[level] for level in self.levels[batch]))
                separator = glyphs("│") if separate and k < len(self.order) - 1 else ""
                bars, places = rows[-1]
                if bars and len(bars) + len(cells) + len(separator) > width:
                    rows.append(("", []))
                    bars, places = rows[-1]
                rows[-1] = (bars + cells + separator, [*places, (len(bars), len(bars) + len(cells))])
            self._layout[width] = rows
        return self._layout[width]

    def _lines(self, width: int) -> list[Text]:
        """Bars and marker lines: used batches dim, the current one inverted and underlined by a rule.

        A separator takes the style of the batch before it (the current one's: plain), so each
        line is at most four runs of one style.
        """
        lines: list[Text] = []
        first = 0  # index of the row's first batch
        for bars, places in self._rows(width):
            line, marks = Text(bars, PENDING), Text(" " * len(bars))
            here = self.current - first  # the current batch's place in this row
            if here > 0:  # the used batches and their separators: from the row's start to the current one
                line.stylize(DONE, 0, places[here][0] if here < len(places) else len(bars))
            if 0 <= here < len(places):
                start, end = places[here]
                line.stylize(CURRENT, start, end)
                marks = Text(" " * start + glyphs("─") * (end - start) + " " * (len(bars) - end))
            first += len(places)
            lines += [line, marks]
        return lines
