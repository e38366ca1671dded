"""A plotext line chart that redraws at most a few times a second.

Every plotext redraw repaints the whole chart, and over SSH each repaint
costs kilobytes. So `show` only stores the new series; the widget repaints
at once if its last repaint is old enough, else once when the interval is
over, with whatever data is newest by then. It repaints only its own
region, and its glyphs (markers, axes) fall back to ASCII with the locale.
The axes grow with the data; lines are still cut to a reach around them
(`tui.widgets.reach`), so no value, however wild, makes plotext choke.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.app import RenderResult
from textual.timer import Timer
from textual_plotext import PlotextPlot

from tui.glyphs import glyphs
from tui.widgets.reach import Box, within

#: The highest the y axis goes: plotext's arithmetic overflows near the largest float.
HIGHEST = 1e300


@dataclass(frozen=True)
class Series:
    """One line of the chart: its points, marker glyph and plotext colour."""

    xs: Sequence[float]
    ys: Sequence[float]
    marker: str
    color: str | tuple[int, int, int]


class LossChart(PlotextPlot):
    """Lines over a growing x axis that counts whole things (epochs, steps),
    repainted at most once per `min_interval` seconds."""

    def __init__(self, min_interval: float = 0.5, clock: Callable[[], float] = time.monotonic,
                 y_format: Callable[[float], str] = "{:.2f}".format,
                 *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.min_interval = min_interval
        self.clock = clock
        self.y_format = y_format
        self.series: list[Series] = []
        self.x_label = ""
        self.x_min_span = 1.0
        self.repaints = 0
        self._painted_at = -math.inf
        self._pending: Timer | None = None

    def show(self, series: list[Series], x_label: str = "", x_min_span: float = 1.0, now: bool = False) -> None:
        """Plot `series` (non-finite points are left out) over an x axis at least `x_min_span` long.

        With `now` the chart repaints at once, regardless of the interval.
        """
        self.series, self.x_label, self.x_min_span = series, x_label, x_min_span
        wait = self._painted_at + self.min_interval - self.clock()
        if now or wait <= 0:
            self._repaint()
        elif self._pending is None:
            self._pending = self.set_timer(wait, self._repaint)

    def _repaint(self) -> None:
        if self._pending is not None:
            self._pending.stop()
            self._pending = None
        self._painted_at = self.clock()
        self.repaints += 1
        self.refresh()

    def render(self) -> RenderResult:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        plt.plotsize(self.size.width, self.size.height)
        plt._set_size(self.size.width, self.size.height)  # see PlotextPlot.render: resizing needs both
        plt.theme(self._get_plotext_theme_name(self.app.theme))
        width = max(self.size.width, 1)
        lines = [(line, *_finite_points(line.xs, line.ys, max_points=2 * width)) for line in self.series]
        span = max(self.x_min_span, max((x for line in self.series for x in line.xs if math.isfinite(x)), default=0.0))
        top = max((max(ys) for _, _, ys in lines if ys), default=0.0)
        top = min(top * 1.05, HIGHEST) if top > 0 else 1.0
        reach = Box.around((0, span), (0, top))
        for line, xs, ys in lines:
            for piece_xs, piece_ys in within(reach, xs, ys, points=False):
                plt.plot(piece_xs, piece_ys, marker=glyphs(line.marker), color=line.color)
        plt.xlim(0, span)
        plt.xticks(whole_ticks(span, max(2, width // 10)))
        plt.frame(False)
        plt.ylim(0, top)
        levels = [top * k / 4 for k in range(5)]
        plt.yticks(levels, [self.y_format(level) for level in levels])
        plt.xlabel(self.x_label)
        return Text.from_ansi(glyphs(plt.build()))


def _finite_points(xs: Sequence[float], ys: Sequence[float], max_points: int) -> tuple[list[float], list[float]]:
    """The finite (x, y) pairs, every k-th one so that at most `max_points` remain."""
    stride = max(1, math.ceil(len(xs) / max_points))
    pairs = [(x, y) for x, y in zip(xs[::stride], ys[::stride]) if math.isfinite(x) and math.isfinite(y)]
    return [x for x, _ in pairs], [y for _, y in pairs]


def whole_ticks(span: float, most: int) -> list[int]:
    """Ticks from 0 at a step of 1, 2 or 5 times a power of ten, at most `most` of them."""
    step = 1
    while span / step > most - 1:
        step = step * 5 // 2 if str(step)[0] == "2" else step * 2
    return list(range(0, int(span) + 1, step))
