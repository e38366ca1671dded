"""A chart of curves, lines and points on fixed axes, cheap enough to animate over SSH.

plotext repaints a whole chart for every change, which over SSH costs a
screen region of bytes per frame. This chart uses the Line API instead: the
frame and the tick labels are drawn once per size, axes and style, and the
series are cells on top of them. `show` works out which cells changed and
repaints only those (`CellGrid`), so a ball rolling down a curve costs a
few cells a frame. A held key or a fast walk
redraws at most `max_fps` times a second (`Throttle`).

Every series names a Unicode and an ASCII marker; "braille" draws a fine
line of Braille dots, two across and four down per cell. Series differ by
marker, not only by colour, so they read with NO_COLOR. A series' colour
comes from its `role`, a component class of the chart (`chart--curve`,
`chart--walker`, ...), so it is the theme's. Lines are cut to a
reach around the axes first (`tui.widgets.reach`), so a diverged point far
off the chart costs nothing.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from rich.style import Style
from textual.geometry import Size
from textual.strip import Strip
from textual.timer import Timer
from textual.widget import Widget

from tui.glyphs import glyphs
from tui.widgets.cells import Cell, CellGrid, place, strip_of
from tui.widgets.reach import Box, within

BRAILLE = "braille"
#: Bit of each Braille dot, by (column, row) inside the cell.
_DOTS = np.array([[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]])


#: What a series can be; each is a component class `chart--<role>` with the theme's colour.
ROLES = ("curve", "tangent", "secant", "goal", "trail", "walker", "faint", "training", "validation")


@dataclass(frozen=True)
class Series:
    """One thing on the chart: a line through `xs, ys`, or single points when `points`; `role` is one of ROLES."""

    xs: Sequence[float]
    ys: Sequence[float]
    marker: str
    ascii_marker: str
    role: str
    points: bool = False


@dataclass(frozen=True)
class Axes:
    """The visible window, the labelled ticks (labels already formatted), a label under the x axis,
    and `levels`: y values marked by a dotted line across the plot (a target), part of the frame."""

    xlim: tuple[float, float]
    ylim: tuple[float, float]
    xticks: tuple[Sequence[float], Sequence[str]]
    yticks: tuple[Sequence[float], Sequence[str]]
    xlabel: str = ""
    levels: tuple[float, ...] = ()

    def reach(self) -> Box:
        """What the chart draws of its lines: the window and a margin around it."""
        return Box.around(self.xlim, self.ylim)


class Throttle:
    """Runs `action` at most once per `interval` seconds of `clock`: at once when the last run
    is old enough, else once when the interval is over (with whatever is newest by then)."""

    def __init__(self, widget: Widget, interval: float, clock: Callable[[], float],
                 action: Callable[[], None]) -> None:
        self.widget, self.interval, self.clock, self.action = widget, interval, clock, action
        self._ran_at = -math.inf
        self._pending: Timer | None = None

    def request(self, now: bool = False) -> None:
        """Run soon; with `now` at once, whatever the interval."""
        wait = self._ran_at + self.interval - self.clock()
        if now or wait <= 0:
            self._run()
        elif self._pending is None:
            self._pending = self.widget.set_timer(wait, self._run)

    @property
    def pending(self) -> bool:
        """A run waits for its interval to pass."""
        return self._pending is not None

    @property
    def due(self) -> bool:
        """The interval since the last run is over: a request runs at once."""
        return self._ran_at + self.interval <= self.clock()

    def _run(self) -> None:
        if self._pending is not None:
            self._pending.stop()
            self._pending = None
        self._ran_at = self.clock()
        self.action()


@dataclass(frozen=True)
class _Frame:
    """Where the plot area lies in a widget of `size`, for `axes`."""

    size: Size
    axes: Axes

    @cached_property
    def left(self) -> int:
        """The column of the y axis; the y tick labels are left of it."""
        return max((len(label) for label in self.axes.yticks[1]), default=0)

    @property
    def width(self) -> int:
        return max(0, self.size.width - self.left - 1)

    @property
    def height(self) -> int:
        """Rows of the plot area: all but the x axis, its labels and the x label."""
        return max(0, self.size.height - 2 - bool(self.axes.xlabel))

    def cells(self, xs: np.ndarray, ys: np.ndarray, across: int = 1, down: int = 1) -> tuple[np.ndarray, np.ndarray]:
        """Sub-cell (column, row) of each point, `across` x `down` sub-cells per cell; -1 when off the plot."""
        (x0, x1), (y0, y1) = self.axes.xlim, self.axes.ylim
        columns, rows = self.width * across, self.height * down
        with np.errstate(all="ignore"):
            inside = (xs >= x0) & (xs <= x1) & (ys >= y0) & (ys <= y1)
            # rounded before the cut: 0.6000000000000001 of 0.8 must land where 0.6 does
            u = np.clip(np.nan_to_num(np.round((xs - x0) / (x1 - x0) * columns, 9)), 0, columns - 1)
            v = np.clip(np.nan_to_num(np.round((y1 - ys) / (y1 - y0) * rows, 9)), 0, rows - 1)
        return np.where(inside, u, -1).astype(int), np.where(inside, v, -1).astype(int)

    def column(self, x: float) -> int:
        return self.left + 1 + int(self.cells(np.array([x]), np.array([self.axes.ylim[0]]))[0][0])

    def row(self, y: float) -> int:
        return int(self.cells(np.array([self.axes.xlim[0]]), np.array([y]))[1][0])


class Chart(CellGrid):
    """`Series` on `Axes`, redrawn at most `max_fps` times a second, repainting only changed cells."""

    COMPONENT_CLASSES = {"chart--axis", *(f"chart--{role}" for role in ROLES)}
    DEFAULT_CSS = """
    Chart { width: 1fr; height: 1fr; }
    Chart > .chart--axis { color: $text-muted; }
    Chart > .chart--curve { color: $primary; }
    Chart > .chart--tangent { color: $success; }
    Chart > .chart--secant { color: $accent; }
    Chart > .chart--goal { color: $secondary; }
    Chart > .chart--trail { color: $text-muted; }
    Chart > .chart--walker { color: $error; }
    Chart > .chart--faint { color: $text-muted; }
    Chart > .chart--training { color: $warning; }
    Chart > .chart--validation { color: $primary; }
    """

    def __init__(self, axes: Axes, series: Sequence[Series] = (), *, max_fps: float,
                 clock: Callable[[], float], id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.axes = self._next_axes = axes
        self.series = list(series)
        self.redraws = 0
        self._throttle = Throttle(self, 1 / max_fps, clock, self._redraw)
        self._ground_key: tuple[object, ...] | None = None
        self._ground: list[list[Cell]] = []
        self._marks: dict[int, dict[int, Cell]] = {}  # row -> column -> cell
        self._rows: dict[int, Strip] = {}
        self._style: tuple[Style, Style] | None = None
        self._role_styles: dict[str, Style] = {}
        self._restyled = True
        self._rastered: dict[int, tuple[Series, tuple[object, ...], list[tuple[int, int, Cell]]]] = {}

    def show(self, series: Sequence[Series], axes: Axes | None = None, now: bool = False) -> None:
        """Draw these series (on these axes) instead; the chart follows within one frame interval."""
        self.series = list(series)
        self._next_axes = axes or self._next_axes
        self._throttle.request(now)

    @property
    def redraw_pending(self) -> bool:
        """What was last shown waits for the frame interval; it is drawn when that is over."""
        return self._throttle.pending

    # -- drawing -----------------------------------------------------------
    def _redraw(self) -> None:
        """Repaint the cells that changed: those of the series, and after new axes also the frame's.

        Only a new size or style repaints everything (Textual does that for a new size anyway).
        """
        self.redraws += 1
        self.axes = self._next_axes  # the axes drawn: a render before this redraw keeps the old frame
        if not self.is_mounted:
            return  # the first render draws it all
        ground, marks, size = self._ground, self._marks, self.size
        if self._ensure_ground() and (len(ground) != size.height or self._restyled):
            self.refresh()
            return
        if ground is self._ground:
            self._marks = self._draw_marks()
        changed = []
        for row in range(size.height):
            old_marks, new_marks = marks.get(row, {}), self._marks.get(row, {})
            if ground is self._ground:  # same frame: only the series' cells can differ
                cols = [col for col in old_marks.keys() | new_marks.keys() if old_marks.get(col) != new_marks.get(col)]
            else:
                old, new = _composed(ground[row], old_marks), _composed(self._ground[row], new_marks)
                cols = [col for col, (a, b) in enumerate(zip(old, new)) if a != b]
            if cols:
                self._rows.pop(row, None)
                changed += [(col, row) for col in cols]
        self.refresh_cells(changed)

    def _styles(self) -> tuple[Style, Style]:
        """The widget's and the axes' styles, kept until styles change (`rich_style` walks every ancestor)."""
        if self._style is None:
            self._style = (self.rich_style, self.get_component_rich_style("chart--axis"))
        return self._style

    def _ensure_ground(self) -> bool:
        """Draw the frame and labels for the current size, axes and style; True if they changed."""
        base, axis = self._styles()
        key = (self.size, self.axes, base, axis, glyphs.unicode)
        if key == self._ground_key:
            return False
        self._restyled = self._ground_key is None or self._ground_key[2:] != key[2:]
        self._ground_key = key
        self._ground = self._draw_ground(_Frame(self.size, self.axes), base, axis)
        self._marks = self._draw_marks()
        self._rows.clear()
        return True

    def _draw_ground(self, frame: _Frame, base: Style, axis: Style) -> list[list[Cell]]:
        width, height = self.size
        rows = [[(" ", base)] * width for _ in range(height)]
        if frame.width <= 0 or frame.height <= 0:
            return rows
        left, bottom = frame.left, frame.height
        for row in rows[:bottom]:
            row[left] = (glyphs("│"), axis)
        rows[bottom][left:] = [(glyphs("─"), axis)] * (width - left)
        rows[bottom][left] = (glyphs("└"), axis)
        level = base + self._role_style("goal")
        for value in self.axes.levels:
            row = frame.row(value)
            if row >= 0:
                rows[row][left + 1:] = [(glyphs("┈"), level)] * (width - left - 1)
        for value, label in zip(*self.axes.yticks):
            row = frame.row(value)
            if row >= 0:
                place(rows[row], 0, label.rjust(left), axis)
                rows[row][left] = (glyphs("┤"), axis)
        for value, label in zip(*self.axes.xticks):
            col = frame.column(value)
            if col > left:
                rows[bottom][col] = (glyphs("┬"), axis)
                place(rows[bottom + 1], min(max(col - len(label) // 2, 0), width - len(label)), label, axis)
        if self.axes.xlabel and height > bottom + 2:
            place(rows[bottom + 2], width - len(self.axes.xlabel), self.axes.xlabel, axis)
        return rows

    def _draw_marks(self) -> dict[int, dict[int, Cell]]:
        """The cells the series cover, by row; later series are drawn over earlier ones."""
        frame = _Frame(self.size, self.axes)
        marks: dict[int, dict[int, Cell]] = {}
        if frame.width <= 0 or frame.height <= 0:
            return marks
        base = self._styles()[0]
        key = (frame, base, glyphs.unicode)
        rastered = {}
        for series in self.series:
            cached = self._rastered.get(id(series))
            if cached is None or cached[0] is not series or cached[1] != key:
                cached = (series, key, self._raster(series, frame, base))
            rastered[id(series)] = cached
            for row, col, cell in cached[2]:
                marks.setdefault(row, {})[col] = cell
        self._rastered = rastered  # a series shown again as the same object is not rastered again
        return marks

    def _raster(self, series: Series, frame: _Frame, base: Style) -> list[tuple[int, int, Cell]]:
        """The (row, column, cell) a series covers."""
        style = base + self._role_style(series.role)
        braille = series.marker == BRAILLE and glyphs.unicode
        across, down = (2, 4) if braille else (1, 1)
        marker = series.marker if glyphs.unicode else series.ascii_marker
        left = frame.left + 1
        cells: list[tuple[int, int, Cell]] = []
        for xs, ys in within(self.axes.reach(), series.xs, series.ys, series.points):
            points = np.column_stack([xs, ys]).astype(float)
            if not series.points:
                points = _along(points, frame, across, down)
            u, v = frame.cells(points[:, 0], points[:, 1], across, down)
            on = u >= 0
            u, v = u[on], v[on]
            if braille:  # the dots of each cell or'ed together at NumPy speed: a run's batch losses are thousands
                code = (v // 4) * frame.width + u // 2
                order = np.argsort(code, kind="stable")
                code, dots = code[order], _DOTS[u % 2, v % 4][order]
                starts = np.flatnonzero(np.r_[True, code[1:] != code[:-1]]) if len(code) else np.empty(0, int)
                bits = np.bitwise_or.reduceat(dots, starts) if len(code) else dots
                cells += [(int(c) // frame.width, left + int(c) % frame.width, (chr(0x2800 + int(b)), style))
                          for c, b in zip(code[starts], bits)]
            else:
                cells += [(row, left + col, (marker, style)) for col, row in zip(u.tolist(), v.tolist())]
        return cells

    def _role_style(self, role: str) -> Style:
        """The colour CSS gives a series' role, kept until styles change.

        Resolved over the chart's background and then freed of it: a partial style
        leaves an "auto" colour ($text-muted) white even on the light theme's white.
        """
        if role not in self._role_styles:
            full = self.get_component_rich_style(f"chart--{role}")
            self._role_styles[role] = full.without_color + Style(color=full.color)
        return self._role_styles[role]

    def notify_style_update(self) -> None:
        """The theme changed: draw everything again in its colours."""
        super().notify_style_update()
        self._ground_key = self._style = None
        self._role_styles.clear()
        self._rastered = {}
        self.refresh()

    def row_strip(self, y: int) -> Strip:
        self._ensure_ground()
        if y >= len(self._ground):
            return Strip.blank(self.size.width, self._styles()[0])
        if y not in self._rows:
            self._rows[y] = strip_of(_composed(self._ground[y], self._marks.get(y, {})), self.size.width)
        return self._rows[y]


def _composed(ground: list[Cell], marks: dict[int, Cell]) -> list[Cell]:
    """A row of the frame with the series' cells on top."""
    if not marks:
        return ground
    cells = list(ground)
    for col, cell in marks.items():
        cells[col] = cell
    return cells


def _along(points: np.ndarray, frame: _Frame, across: int, down: int) -> np.ndarray:
    """Points every sub-cell or closer along the polyline through `points`, so a line has no gaps."""
    if len(points) < 2:
        return points
    (x0, x1), (y0, y1) = frame.axes.xlim, frame.axes.ylim
    scale = np.array([frame.width * across / (x1 - x0), frame.height * down / (y1 - y0)])
    steps = np.diff(points, axis=0)
    counts = np.maximum(np.ceil(np.abs(steps * scale).max(axis=1)), 1).astype(int)
    segment = np.repeat(np.arange(len(steps)), counts)
    fraction = (np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)) / np.repeat(counts, counts)
    return np.vstack([points[segment] + steps[segment] * fraction[:, None], points[-1:]])
