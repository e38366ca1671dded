"""A contour map of any height field, cheap enough to animate over SSH.

The map fills its widget with a height field seen from above: low ground dark
blue, then green, high ground yellow, in discrete bands so the band edges read
as contour lines. Markers, trails and arrows are drawn on top of it.

API::

    terrain = default_terrain()
    contour = ContourMap(terrain.height, terrain.bounds, levels=10)
    legend = ContourLegend(contour, low="low", high="high")   # optional key to the bands
    ...
    contour.show(
        markers=[Marker(x, y, "A")],            # one cell each, drawn last
        trails=[Trail([(x0, y0), (x1, y1)])],   # a dot on every visited cell
        arrows=[Arrow(x, y, dx, dy)],           # in the cell next to (x, y), pointing along (dx, dy)
    )

* Overlays are coloured by their `role`, a component class of the map
  (``contour-map--walker``, ``--trail``, ``--arrow``, ``--reference`` for a
  second walker to compare with, ``--goal``, ``--stopped``, ``--cursor``),
  so the colours live in CSS: fixed ones over the colour blocks, whose map
  colours are the same in every theme, and the theme's own when the map is
  drawn as level characters on the theme's background.

* The surface is a vectorised function ``height(x, y)`` (like
  ``Terrain.height`` or ``LineFitLoss.loss``), or a grid ``Z[j, i]`` sampled
  on the bounds with row ``j`` running from ymin to ymax (like
  ``Terrain.grid``), which is interpolated. ``bounds`` is
  ``(xmin, xmax, ymin, ymax)``; north (ymax) is drawn at the top.
* ``levels`` is a number of equal bands between the lowest and highest point,
  or the explicit heights that separate the bands (for a loss surface that
  spans decades, pass e.g. ``np.geomspace(...)``).
* Overlays are in the surface's own coordinates. Call ``show`` with the whole
  overlay every time: the map works out which cells changed and refreshes
  only those, so a frame of moving hikers costs a few cells, not the map.
  Points that are not finite or lie off the map are simply not drawn.
* ``cell_of(x, y)`` and ``point_at(col, row)`` convert between the two
  coordinate systems (for cursors and tests); ``level_at(col, row)`` is the
  band a cell shows.

How it draws: with colour (256 colours or truecolor) and a Unicode locale,
each cell is a half block ``▀`` whose foreground is the upper half and whose
background is the lower half, so the map has twice as many rows as the
terminal. Without colour (NO_COLOR), with 16 colours or under LANG=C, each cell
shows a level character instead (sparse in the valleys, dense on the peaks),
so the map stays readable. The background is computed once per size (and
mode and style) and cached as Strips; only rows with overlays are rebuilt.
A new theme (`notify_style_update`) draws the background and overlays again.

Bandwidth: only the cells that changed are repainted (`CellGrid`): a hiker
that moves costs its two cells, not the row up to it. `benchmarks/bench_live.py` measures it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from rich.style import Style
from rich.text import Text
from textual.strip import Strip
from textual.widget import Widget

from tui.glyphs import glyphs
from tui.themes import legible
from tui.widgets.cells import Cell, CellGrid, strip_of

HeightFunction = Callable[[np.ndarray, np.ndarray], np.ndarray]
Bounds = tuple[float, float, float, float]
Mode = Literal["blocks", "characters"]

#: Colour stops of the height scale, low to high: dark blue, blue, green, yellow.
PALETTE_STOPS = ((0.0, (13, 27, 94)), (0.3, (33, 97, 140)), (0.6, (42, 157, 110)),
                 (0.8, (124, 207, 74)), (1.0, (247, 228, 54)))
#: Level characters, low to high, for maps drawn without colour.
UNICODE_RAMP = " .:-=+░▒▓█"
ASCII_RAMP = " .,:-=+%#@"
#: Arrow glyphs for the eight directions, counter-clockwise from east.
UNICODE_ARROWS = "→↗↑↖←↙↓↘"
ASCII_ARROWS = ">/^\\</v\\"
HALF_BLOCK = "▀"
SAMPLES_FOR_SCALE = (161, 97)

ROLES = ("walker", "trail", "arrow", "reference", "goal", "stopped", "cursor")


# ------------------------------------------------------------------ overlays


@dataclass(frozen=True)
class Marker:
    """One labelled cell at (x, y), e.g. a hiker "A" or a minimum "1" (role "goal")."""

    x: float
    y: float
    label: str
    role: str = "walker"


@dataclass(frozen=True)
class Trail:
    """A dot on every cell a walker has visited; gaps show how long its steps were."""

    points: Sequence[tuple[float, float]] | np.ndarray
    glyph: str = "•"
    role: str = "trail"


@dataclass(frozen=True)
class Arrow:
    """An arrow in the cell next to (x, y), pointing along (dx, dy) (8 directions)."""

    x: float
    y: float
    dx: float
    dy: float
    role: str = "arrow"


# --------------------------------------------------------------- the surface


def height_function(surface: HeightFunction | np.ndarray, bounds: Bounds) -> HeightFunction:
    """A vectorised height(x, y) from a function or from a grid Z[j, i] on `bounds`."""
    if callable(surface):
        return surface
    grid = np.asarray(surface, dtype=float)
    xmin, xmax, ymin, ymax = bounds
    rows, cols = grid.shape

    def interpolated(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Bilinear interpolation between the four grid points around (x, y)."""
        u = np.clip((np.asarray(x) - xmin) / (xmax - xmin) * (cols - 1), 0, cols - 1)
        v = np.clip((np.asarray(y) - ymin) / (ymax - ymin) * (rows - 1), 0, rows - 1)
        i, j = np.minimum(u.astype(int), cols - 2), np.minimum(v.astype(int), rows - 2)
        fu, fv = u - i, v - j
        top = grid[j, i] * (1 - fu) + grid[j, i + 1] * fu
        bottom = grid[j + 1, i] * (1 - fu) + grid[j + 1, i + 1] * fu
        return top * (1 - fv) + bottom * fv

    return interpolated


def palette(count: int) -> list[str]:
    """`count` colours from dark blue (low) through green to yellow (high), as #rrggbb."""
    colours = []
    for t in np.linspace(0.0, 1.0, count) if count > 1 else [0.0]:
        for (t0, c0), (t1, c1) in zip(PALETTE_STOPS, PALETTE_STOPS[1:]):
            if t0 <= t <= t1:
                f = (t - t0) / (t1 - t0)
                r, g, b = (round(a + (b - a) * f) for a, b in zip(c0, c1))
                colours.append(f"#{r:02x}{g:02x}{b:02x}")
                break
    return colours


@dataclass(frozen=True)
class LevelScale:
    """Which band a height falls in, and that band's colour and character."""

    thresholds: np.ndarray  # heights between bands, ascending; len = bands - 1
    low: float
    high: float

    @classmethod
    def for_surface(cls, height: HeightFunction, bounds: Bounds, levels: int | Sequence[float]) -> LevelScale:
        """Bands for the surface over its bounds: `levels` equal bands, or the given thresholds."""
        xmin, xmax, ymin, ymax = bounds
        xs, ys = np.linspace(xmin, xmax, SAMPLES_FOR_SCALE[0]), np.linspace(ymin, ymax, SAMPLES_FOR_SCALE[1])
        z = height(xs[None, :], ys[:, None])
        low, high = float(np.nanmin(z)), float(np.nanmax(z))
        if isinstance(levels, int):
            thresholds = np.linspace(low, high, levels + 1)[1:-1]
        else:
            thresholds = np.sort(np.asarray(levels, dtype=float))
        return cls(thresholds, low, high)

    @property
    def bands(self) -> int:
        return len(self.thresholds) + 1

    def level(self, z: np.ndarray) -> np.ndarray:
        """Band index (0 = lowest) of each height."""
        return np.searchsorted(self.thresholds, z, side="right")

    @property
    def colours(self) -> list[str]:
        return palette(self.bands)

    def characters(self, unicode: bool) -> str:
        """One level character per band, spread over the ramp."""
        ramp = UNICODE_RAMP if unicode else ASCII_RAMP
        picks = np.linspace(0, len(ramp) - 1, self.bands).round().astype(int)
        return "".join(ramp[i] for i in picks)


def octant(dcol: float, drow: float) -> int:
    """0..7: the nearest of eight directions, counter-clockwise from east (rows grow downwards)."""
    return round(math.atan2(-drow, dcol) / (math.pi / 4)) % 8


_OCTANT_STEPS = ((1, 0), (1, -1), (0, -1), (-1, -1), (-1, 0), (-1, 1), (0, 1), (1, 1))


# ------------------------------------------------------------------ the widget


class ContourMap(CellGrid):
    """A height field as coloured bands or level characters, with overlays; see the module doc."""

    COMPONENT_CLASSES = {f"contour-map--{role}" for role in ROLES}
    DEFAULT_CSS = """
    ContourMap { width: 1fr; height: 1fr; }
    /* Over the colour blocks, which look the same in every theme. */
    ContourMap > .contour-map--walker { color: white; background: #c0392b; text-style: bold; }
    ContourMap > .contour-map--trail { color: #ff4040; text-style: bold; }
    ContourMap > .contour-map--arrow { color: white; text-style: bold; }
    ContourMap > .contour-map--reference { color: white; text-style: bold; }
    ContourMap > .contour-map--goal { color: black; background: white; text-style: bold; }
    ContourMap > .contour-map--stopped { color: white; background: #5a5a5a; text-style: bold strike; }
    ContourMap > .contour-map--cursor { color: black; background: #ffd75f; text-style: bold; }
    /* As level characters on the theme's background (16 colours, NO_COLOR, LANG=C). */
    ContourMap.-characters > .contour-map--walker { color: $background; background: $error; }
    ContourMap.-characters > .contour-map--trail { color: $error; }
    ContourMap.-characters > .contour-map--arrow { color: $foreground; }
    ContourMap.-characters > .contour-map--reference { color: $foreground; }
    ContourMap.-characters > .contour-map--goal { color: $background; background: $foreground; }
    ContourMap.-characters > .contour-map--stopped { color: $foreground; background: $panel; }
    ContourMap.-characters > .contour-map--cursor { color: $background; background: $secondary; }
    """

    def __init__(self, surface: HeightFunction | np.ndarray, bounds: Bounds, *,
                 levels: int | Sequence[float] = 10, mode: Mode | None = None,
                 name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.bounds = bounds
        self.height_at = height_function(surface, bounds)
        self.scale = LevelScale.for_surface(self.height_at, bounds, levels)
        self.forced_mode = mode
        self._background_key: tuple[object, ...] | None = None
        self._base = Style()
        self._styles: tuple[Style, tuple[Style, ...]] | None = None  # the map's own and its roles'
        self._light = False  # a light theme: faint marks darken or lighten (`legible`)
        self._blocks = True
        self._levels = np.zeros((0, 0), dtype=int)
        self._cells: list[list[Cell]] = []
        self._strips: list[Strip] = []
        self._overlay: dict[tuple[int, int], Cell] = {}
        self._overlay_rows: dict[int, list[tuple[int, Cell]]] = {}  # the same cells by row: (col, cell)
        self._roles: dict[str, Style] = {}
        self._grounded: dict[tuple[Style, str], Style] = {}  # (cell's background style, role) -> overlay style
        self._overlay_items: tuple[Sequence[Marker], Sequence[Trail], Sequence[Arrow]] = ((), (), ())
        self._row_cache: dict[int, Strip] = {}

    # -- how to draw -------------------------------------------------------
    @property
    def mode(self) -> Mode:
        """Half blocks when the terminal shows colour and Unicode, else level characters."""
        if self.forced_mode is not None:
            return self.forced_mode
        colourful = not self.app.no_color and self.app.console.color_system in ("truecolor", "256")
        return "blocks" if colourful and glyphs.unicode else "characters"

    # -- coordinates -------------------------------------------------------
    def cell_of(self, x: float, y: float) -> tuple[int, int] | None:
        """The (col, row) showing the point (x, y), or None when it is off the map or not finite."""
        width, height = self.size
        xmin, xmax, ymin, ymax = self.bounds
        if not (math.isfinite(x) and math.isfinite(y)) or width == 0 or height == 0:
            return None
        if not (xmin <= x <= xmax and ymin <= y <= ymax):
            return None
        col = min(int((x - xmin) / (xmax - xmin) * width), width - 1)
        row = min(int((ymax - y) / (ymax - ymin) * height), height - 1)
        return col, row

    def _cells_of(self, points: np.ndarray) -> set[tuple[int, int]]:
        """The cells of many points (n, 2) at once, like `cell_of`, for long trails."""
        width, height = self.size
        xmin, xmax, ymin, ymax = self.bounds
        with np.errstate(invalid="ignore"):
            inside = (points[:, 0] >= xmin) & (points[:, 0] <= xmax) & (points[:, 1] >= ymin) & (points[:, 1] <= ymax)
        points = points[inside]
        cols = np.minimum(((points[:, 0] - xmin) / (xmax - xmin) * width).astype(int), width - 1)
        rows = np.minimum(((ymax - points[:, 1]) / (ymax - ymin) * height).astype(int), height - 1)
        codes = np.unique(cols * height + rows)  # long trails revisit cells: only distinct ones reach Python
        return set(zip((codes // height).tolist(), (codes % height).tolist()))

    def point_at(self, col: int, row: int) -> tuple[float, float]:
        """The surface point (x, y) at the centre of cell (col, row)."""
        width, height = self.size
        xmin, xmax, ymin, ymax = self.bounds
        return (xmin + (col + 0.5) / width * (xmax - xmin),
                ymax - (row + 0.5) / height * (ymax - ymin))

    def level_at(self, col: int, row: int) -> int:
        """The band the background shows at a cell (its upper half in block mode)."""
        self._ensure_background()
        return int(self._levels[row * (2 if self.mode == "blocks" else 1), col])

    # -- overlays ----------------------------------------------------------
    def show(self, markers: Sequence[Marker] = (), trails: Sequence[Trail] = (),
             arrows: Sequence[Arrow] = ()) -> None:
        """Draw these overlays instead of the previous ones; refresh only the cells that changed."""
        self._overlay_items = (tuple(markers), tuple(trails), tuple(arrows))
        self._update_overlay()

    @property
    def overlay(self) -> dict[tuple[int, int], str]:
        """The character drawn at each overlaid (col, row)."""
        return {cell: char for cell, (char, _) in self._overlay.items()}

    def _update_overlay(self) -> None:
        if self.size.area:
            self._ensure_background()
        new = self._overlay_cells()
        changed = {cell for cell in new.keys() | self._overlay.keys() if new.get(cell) != self._overlay.get(cell)}
        self._set_overlay(new)
        for row in {row for _, row in changed}:
            self._row_cache.pop(row, None)
        self.refresh_cells(changed)

    def _overlay_cells(self) -> dict[tuple[int, int], Cell]:
        if not self.size.area:
            return {}
        markers, trails, arrows = self._overlay_items
        cells: dict[tuple[int, int], Cell] = {}
        for trail in trails:
            glyph = glyphs(trail.glyph)
            for cell in self._cells_of(np.asarray(trail.points, dtype=float).reshape(-1, 2)):
                cells[cell] = (glyph, self._on_ground(cell, trail.role))
        for arrow in arrows:
            cell = self._arrow_cell(arrow)
            if cell is not None:
                cells[cell[0]] = (cell[1], self._on_ground(cell[0], arrow.role))
        for marker in markers:
            cell = self.cell_of(marker.x, marker.y)
            if cell is not None:
                cells[cell] = (glyphs(marker.label)[:1], self._on_ground(cell, marker.role))
        return cells

    def _set_overlay(self, cells: dict[tuple[int, int], Cell]) -> None:
        self._overlay = cells
        self._overlay_rows = {}
        for (col, row), cell in cells.items():
            self._overlay_rows.setdefault(row, []).append((col, cell))

    def _role_style(self, role: str) -> Style:
        """The style CSS gives an overlay's role, without the map's own background."""
        return self.get_component_rich_style(f"contour-map--{role}", partial=True)

    def _arrow_cell(self, arrow: Arrow) -> tuple[tuple[int, int], str] | None:
        start = self.cell_of(arrow.x, arrow.y)
        if start is None or not (math.isfinite(arrow.dx) and math.isfinite(arrow.dy)):
            return None
        if arrow.dx == 0 and arrow.dy == 0:
            return None
        xmin, xmax, ymin, ymax = self.bounds
        width, height = self.size
        aspect = 2.0 if self._blocks else 1.0  # blocks: rows are two samples tall
        direction = octant(arrow.dx * width / (xmax - xmin), -arrow.dy * height * aspect / (ymax - ymin))
        dcol, drow = _OCTANT_STEPS[direction]
        col, row = start[0] + dcol, start[1] + drow
        if not (0 <= col < width and 0 <= row < height):
            return None
        return (col, row), (UNICODE_ARROWS if glyphs.unicode else ASCII_ARROWS)[direction]

    def _on_ground(self, cell: tuple[int, int], role: str) -> Style:
        """The style of `role` over the cell's background colour, so overlays keep the map around them;
        kept with the background (a trail covers many cells of few colours).

        On a light theme (a projector) a mark too faint on its cell darkens or lightens (`legible`).
        """
        background = self._cells[cell[1]][cell[0]][1]
        style = self._grounded.get((background, role))
        if style is None:
            ground = background.bgcolor if self._blocks else None
            style = self._base + Style(bgcolor=ground) + self._roles[role]
            style = self._grounded[background, role] = legible(style) if self._light else style
        return style

    # -- background --------------------------------------------------------
    def on_mount(self) -> None:
        self.set_class(self.mode == "characters", "-characters")

    def notify_style_update(self) -> None:
        """The theme or CSS may have changed: look at the styles again (`_ensure_background`)."""
        super().notify_style_update()
        self._styles = None

    def _ensure_background(self) -> None:
        """Compute the bands and cached Strips once per size, mode and style, and then repaint every cell.

        Whatever calls this first after a change (a resize, a new theme, `show`) rebuilds the overlay
        too, so no caller can tell which cells changed: all of them are repainted.
        """
        if self._styles is None:  # DOMNode.rich_style walks every ancestor: once per change of styles
            self._styles = (self.rich_style, tuple(self._role_style(role) for role in ROLES))
        key = (self.size, self.mode, self._styles, glyphs.unicode, self.app.current_theme.dark)
        if key == self._background_key:
            return
        self._background_key = key
        width, height = self.size
        blocks = self.mode == "blocks"
        samples = height * 2 if blocks else height
        xmin, xmax, ymin, ymax = self.bounds
        xs = xmin + (np.arange(width) + 0.5) / max(width, 1) * (xmax - xmin)
        ys = ymax - (np.arange(samples) + 0.5) / max(samples, 1) * (ymax - ymin)
        with np.errstate(all="ignore"):
            self._levels = self.scale.level(self.height_at(xs[None, :], ys[:, None]))
        base = self._base = self._styles[0]
        self._roles = dict(zip(ROLES, self._styles[1]))
        self._light, self._blocks = not self.app.current_theme.dark, blocks
        self._grounded = {}
        colours = self.scale.colours
        if blocks:
            styles = {(a, b): base + Style(color=colours[a], bgcolor=colours[b])
                      for a in range(self.scale.bands) for b in range(self.scale.bands)}
            self._cells = [[(HALF_BLOCK, styles[top, bottom]) for top, bottom in zip(upper, lower)]
                           for upper, lower in zip(self._levels[0::2], self._levels[1::2])]
        else:
            characters = self.scale.characters(glyphs.unicode)
            styles = {a: base + Style(color=colours[a]) for a in range(self.scale.bands)}
            self._cells = [[(characters[level], styles[level]) for level in row] for row in self._levels]
        self._strips = [strip_of(row) for row in self._cells]
        self._set_overlay(self._overlay_cells())
        self._row_cache.clear()
        self.refresh()

    def on_resize(self) -> None:
        """Recompute the background for the new size."""
        self._ensure_background()

    def row_strip(self, y: int) -> Strip:
        """Row `y` of the map as drawn now: the cached background, or it with the overlays."""
        self._ensure_background()
        if y >= len(self._strips):
            return Strip.blank(self.size.width, self.rich_style)
        marks = self._overlay_rows.get(y)
        if not marks:
            return self._strips[y]
        if y not in self._row_cache:
            cells = list(self._cells[y])
            for col, cell in marks:
                cells[col] = cell
            self._row_cache[y] = strip_of(cells)
        return self._row_cache[y]


class ContourLegend(Widget):
    """One line that keys the bands of a `ContourMap`: "low ▇▇▇… high", with the heights."""

    DEFAULT_CSS = """
    ContourLegend { height: 1; width: auto; }
    """

    def __init__(self, contour: ContourMap, low: str, high: str,
                 number: Callable[[float], str] = "{:.1f}".format, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.contour, self.low, self.high, self.number = contour, low, high, number

    def render(self) -> Text:
        scale = self.contour.scale
        text = Text(f"{self.low} {self.number(scale.low)} ")
        if self.contour.mode == "blocks":
            for colour in scale.colours:
                text.append(glyphs("██"), Style(color=colour))
        else:
            for colour, char in zip(scale.colours, scale.characters(glyphs.unicode)):
                text.append(char * 2, Style(color=colour, bold=True, underline=char == " "))
        text.append(f" {self.number(scale.high)} {self.high}")
        return text
