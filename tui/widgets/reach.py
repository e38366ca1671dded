"""What of a chart's lines the chart rasterises: the part within reach of the axes.

A line is rasterised over its whole length before what falls off the chart
is dropped, so one segment to a far-off point (a diverged descent at 1e12)
would cost seconds and gigabytes, and an infinite one cannot be drawn. Lines are
therefore cut where they leave a box `REACH` spans around the axes, and
split where a value is not finite; anything nearer is drawn exactly as given.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby, pairwise

import numpy as np

#: How far around the axes lines are drawn, in spans of the axes: far enough that a line
#: leaving the chart keeps its course, near enough that a cut segment stays cheap to rasterise.
REACH = 10


@dataclass(frozen=True)
class Box:
    """A rectangle in the chart's coordinates."""

    left: float
    right: float
    bottom: float
    top: float

    @classmethod
    def around(cls, xlim: tuple[float, float], ylim: tuple[float, float]) -> Box:
        """The box `REACH` spans around a chart's axes."""
        (left, right), (bottom, top) = xlim, ylim
        dx, dy = REACH * (right - left), REACH * (top - bottom)
        return cls(left - dx, right + dx, bottom - dy, top + dy)

    def holds(self, x: float, y: float) -> bool:
        return self.left <= x <= self.right and self.bottom <= y <= self.top

    def clip(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float] | None:
        """The part of the segment from (x0, y0) to (x1, y1) inside the box (Liang-Barsky), or None."""
        dx, dy = x1 - x0, y1 - y0
        enter, leave = 0.0, 1.0
        for towards, room in ((-dx, x0 - self.left), (dx, self.right - x0),
                              (-dy, y0 - self.bottom), (dy, self.top - y0)):
            if towards == 0:
                if room < 0:
                    return None
            elif towards < 0:
                enter = max(enter, room / towards)
            else:
                leave = min(leave, room / towards)
        if enter > leave:
            return None
        start = (x0, y0) if enter == 0 else (x0 + enter * dx, y0 + enter * dy)
        end = (x1, y1) if leave == 1 else (x0 + leave * dx, y0 + leave * dy)
        clipped = (*start, *end)
        return clipped if all(math.isfinite(v) for v in clipped) else None


def within(box: Box, xs: Sequence[float], ys: Sequence[float], points: bool) -> list[tuple[list[float], list[float]]]:
    """What to draw of a series in `box`, as (xs, ys) pieces: the points inside it; or the line,
    split at values that are not finite and cut where it leaves the box."""
    x_array, y_array = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    with np.errstate(invalid="ignore"):
        inside = ((x_array >= box.left) & (x_array <= box.right) & (y_array >= box.bottom) & (y_array <= box.top))
    if inside.all():  # the usual case, at NumPy speed: a long loss curve is drawn every second
        return [(x_array.tolist(), y_array.tolist())] if len(x_array) else []
    if points:  # the comparisons above are False for nan, as `Box.holds` is
        return [(x_array[inside].tolist(), y_array[inside].tolist())] if inside.any() else []
    pairs = [(float(x), float(y)) for x, y in zip(xs, ys)]
    pieces: list[list[tuple[float, float]]] = []
    for finite, run in groupby(pairs, key=lambda pair: math.isfinite(pair[0]) and math.isfinite(pair[1])):
        run = list(run)
        if not finite:
            continue
        if len(run) == 1:
            pieces += [run] if box.holds(*run[0]) else []
            continue
        piece: list[tuple[float, float]] = []
        for start, end in pairwise(run):
            part = box.clip(*start, *end)
            if part is None:
                piece = []
                continue
            if not piece or piece[-1] != part[:2]:
                piece = [part[:2]]
                pieces.append(piece)
            piece.append(part[2:])
            if part[2:] != end:
                piece = []
    return [_unzip(piece) for piece in pieces]


def _unzip(pairs: list[tuple[float, float]]) -> tuple[list[float], list[float]]:
    return [x for x, _ in pairs], [y for _, y in pairs]
