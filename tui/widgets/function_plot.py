"""A plotext chart of a few curves, lines and points, redrawn only when they change.

Each plotext redraw repaints the whole chart, which over SSH costs a full
screen region of bytes. So `show` only records what to draw, and the chart is
rebuilt at most `max_fps` times a second: a held arrow key gives a few frames,
not thirty. Every series names a Unicode and an ASCII marker, and the frame's
box-drawing characters are swapped for ASCII when the locale cannot show them.
Series differ by marker, not only by colour, so they read with NO_COLOR.
Lines are cut to a reach around the axes (`tui.widgets.reach`), so a
diverged point far off the chart costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.app import RenderResult
from textual.timer import Timer
from textual_plotext import PlotextPlot

from tui.glyphs import ASCII_FALLBACK, glyphs
from tui.widgets.reach import Box, within

#: The single-character part of the ASCII table: swapping these keeps every column in place.
_SAME_WIDTH_ASCII = str.maketrans({k: v for k, v in ASCII_FALLBACK.items() if len(v) == 1})


@dataclass(frozen=True)
class Series:
    """One thing on the chart: a line through `xs, ys`, or single points when `points`."""

    xs: Sequence[float]
    ys: Sequence[float]
    marker: str
    ascii_marker: str
    color: str
    points: bool = False


@dataclass(frozen=True)
class Axes:
    """The visible window and the labelled ticks (labels already formatted for the language)."""

    xlim: tuple[float, float]
    ylim: tuple[float, float]
    xticks: tuple[Sequence[float], Sequence[str]]
    yticks: tuple[Sequence[float], Sequence[str]]

    def reach(self) -> Box:
        """What the chart draws of its lines: the window and a margin around it."""
        return Box.around(self.xlim, self.ylim)


class FunctionPlot(PlotextPlot):
    """A throttled plotext chart of `Series` on fixed `Axes`."""

    def __init__(self, axes: Axes, series: Sequence[Series] = (), *, max_fps: float,
                 clock: Callable[[], float], id: str | None = None) -> None:
        super().__init__(id=id)
        self.axes = axes
        self.series = list(series)
        self.redraws = 0
        self._interval = 1 / max_fps
        self._clock = clock
        self._last_redraw = float("-inf")
        self._pending: Timer | None = None

    def show(self, series: Sequence[Series]) -> None:
        """Draw these series instead; the chart follows within one frame interval."""
        self.series = list(series)
        wait = self._last_redraw + self._interval - self._clock()
        if wait <= 0:
            self._redraw()
        elif self._pending is None:
            self._pending = self.set_timer(wait, self._redraw)

    def _redraw(self) -> None:
        self._pending = None
        self._last_redraw = self._clock()
        self.refresh()

    def render(self) -> RenderResult:
        self.redraws += 1
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        reach = self.axes.reach()
        for series in self.series:
            marker = series.marker if glyphs.unicode else series.ascii_marker
            draw = plt.scatter if series.points else plt.plot
            for xs, ys in within(reach, series.xs, series.ys, series.points):
                draw(xs, ys, marker=marker, color=series.color)
        plt.xlim(*self.axes.xlim)
        plt.ylim(*self.axes.ylim)
        plt.xticks(*self.axes.xticks)
        plt.yticks(*self.axes.yticks)
        chart = super().render()
        if glyphs.unicode or not isinstance(chart, Text):
            return chart
        return Text(chart.plain.translate(_SAME_WIDTH_ASCII), spans=chart.spans, end="")
