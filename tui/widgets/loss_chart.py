"""Loss curves over a growing x axis that counts whole things (epochs, steps).

A `Chart` whose axes follow the data: x from 0 to a round span that holds
every point, y from 0 to a round value a quarter above the highest loss of
the lines. Series of single points (the loss of each mini-batch) do not
raise y once there is a line to follow: a batch of one animal can cost five
times an epoch's loss, and an axis that held it would squash the epoch curves
flat; its points above the axis are left off. Both
grow in round steps (x: 10, 20, 50, 100, ...; y: 1, 1.2, 1.5, 2, 2.5, 3, 4, 5,
6, 8 times a power of ten) and y only grows within a run, so the curves move
(and cost every cell they cover) only when a step is passed; between, a new
epoch costs the cells of its new points. Values that are not
finite are left out. A quantity with a range of its own (an accuracy in
percent) is shown on a fixed y axis instead (`FixedY`), with dotted lines
at levels such as a target.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from textual.geometry import Size

from tui.widgets.chart import Axes, Chart, Series, _Frame

#: The highest the y axis goes: beyond it the arithmetic of the axes overflows.
HIGHEST = 1e300
Y_STEPS = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)
X_STEPS = (1, 2, 5, 10)
MAX_LABEL = 8  # characters of a y tick label
HEADROOM = 1.25  # the y axis grows to this much above the highest loss, so the next peaks fit


@dataclass(frozen=True)
class FixedY:
    """A y axis from 0 to `top` whatever the data, labels written by `format`, a dotted line at each of `levels`."""

    top: float
    format: Callable[[float], str]
    levels: tuple[float, ...] = ()


class LossChart(Chart):
    """Lines over a growing x axis, repainted at most once per `min_interval` seconds."""

    def __init__(self, min_interval: float = 0.5, clock: Callable[[], float] = time.monotonic,
                 y_format: Callable[[float], str] = "{:.2f}".format,
                 *, id: str | None = None, classes: str | None = None) -> None:
        self.y_format = y_format
        self._wanted: tuple[Sequence[Series], str, float, FixedY | None] = ([], "", 1.0, None)
        self._top, self._points, self._lines = 1.0, 0, False
        super().__init__(self._axes_for([], "", 1.0, Size(1, 0)), max_fps=1 / min_interval, clock=clock,
                         id=id, classes=classes)

    def show_losses(self, series: Sequence[Series], x_label: str = "", x_min_span: float = 1.0,
                    now: bool = False, fixed: FixedY | None = None) -> None:
        """Plot `series` as lines over an x axis at least `x_min_span` long, on a growing y axis
        or on `fixed`; with `now`, at once."""
        self._wanted = (series, x_label, x_min_span, fixed)
        lines = [_finite(line) for line in series]
        self.show(lines, self._axes_for(lines, x_label, x_min_span, self.size, fixed), now)

    def on_resize(self) -> None:
        """Ticks as many as fit the new width."""
        series, x_label, x_min_span, fixed = self._wanted
        self.show_losses(series, x_label, x_min_span, now=True, fixed=fixed)

    def _axes_for(self, lines: Sequence[Series], x_label: str, x_min_span: float, size: Size,
                  fixed: FixedY | None = None) -> Axes:
        span = _round_up(max([x_min_span, *(float(np.max(line.xs)) for line in lines if len(line.xs))]), X_STEPS)
        top, label = (fixed.top, fixed.format) if fixed else (self._grown_top(lines), self._label)
        rows = _Frame(size, Axes((0.0, 1.0), (0.0, top), ((), ()), ((), ()), x_label)).height
        ticks, lines_at = _levels(top, rows), fixed.levels if fixed else ()
        if lines_at:  # a dotted line is labelled with its value: ticks that would crowd it make way
            near = {_row_of(level, top, rows) + step for level in lines_at for step in (-1, 0, 1)}
            ticks = sorted([tick for tick in ticks if _row_of(tick, top, rows) not in near] + list(lines_at))
        xs = whole_ticks(span, max(2, max(size.width, 1) // 10))
        return Axes((0.0, float(span)), (0.0, top), (xs, [str(x) for x in xs]),
                    (ticks, [label(tick) for tick in ticks]), x_label, lines_at)

    def _grown_top(self, lines: Sequence[Series]) -> float:
        """The growing y axis' top for `lines`: raised when they pass it, set anew for a new run."""
        drawn = [line for line in lines if not line.points and len(line.ys)]  # the lines, once one has a point
        following_lines = bool(drawn)
        highest = max([0.0, *(float(np.max(line.ys)) for line in drawn or lines if len(line.ys))])
        points = sum(len(line.xs) for line in lines)
        # higher than ever, a new run, or the first line to follow: with room to spare
        if highest > self._top or points < self._points or following_lines != self._lines:
            self._top = min(_round_up(highest * HEADROOM, Y_STEPS), HIGHEST)
        self._points, self._lines = points, following_lines
        return self._top

    def _label(self, level: float) -> str:
        """The scene's way of writing a loss, or a power of ten when that would be wider than the chart."""
        text = self.y_format(level)
        return text if len(text) <= MAX_LABEL else f"{level:.0e}"


def _finite(line: Series) -> Series:
    """The line without its points that are not finite (it is drawn straight across them), as arrays."""
    xs, ys = np.asarray(line.xs, dtype=float), np.asarray(line.ys, dtype=float)
    with np.errstate(invalid="ignore"):
        keep = np.isfinite(xs) & np.isfinite(ys)
    return Series(xs[keep], ys[keep], line.marker, line.ascii_marker, line.role, line.points)


def _levels(top: float, rows: int) -> list[float]:
    """0 to `top` in four, two or one steps: as many as leave a free row between any two labels,
    so the labels look evenly spaced and none crowds another, and each stands on the row where
    a point of its value is drawn."""
    for steps in (4, 2):
        at = [_row_of(top * k / steps, top, rows) for k in range(steps + 1)]
        if all(lower - upper >= 2 for lower, upper in zip(at, at[1:])):
            return [top * k / steps for k in range(steps + 1)]
    return [0.0, top]


def _row_of(y: float, top: float, rows: int) -> int:
    """The plot row (0 at the top) a value from 0 to `top` is drawn in, as `_Frame.cells` finds it."""
    return min(max(int(round((top - y) / top * rows, 9)), 0), max(rows - 1, 0))


def _round_up(value: float, steps: Sequence[float]) -> float:
    """The smallest step times a power of ten that is at least `value` (1 for nothing above zero)."""
    if not value > 0 or not math.isfinite(value):
        return 1.0 if not value > 0 else HIGHEST
    power = 10.0 ** math.floor(math.log10(value))
    return next(step * power for step in steps if step * power >= value * (1 - 1e-12))


def whole_ticks(span: float, most: int) -> list[int]:
    """Ticks from 0 at a step of 1, 2 or 5 times a power of ten, at most `most` of them."""
    step = 1
    while span / step > most - 1:
        step = step * 5 // 2 if str(step)[0] == "2" else step * 2
    return list(range(0, int(span) + 1, step))
