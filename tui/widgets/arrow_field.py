"""Arrows of a vector field on a grid, with a cursor and a walker's trail on top.

The grid (axis labels, and an arrow or a dot at every node) is drawn once per
size and kept as Strips. Cursor, trail and walker are overlays: when they
move, only the rows they touch are drawn again and refreshed. Directions are
shown by the arrow's shape and strength by dim / plain / bold, so the field
reads the same with NO_COLOR. A walker above the map is shown as a mark on
its top edge, so a walk that leaves the map is still visible.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from rich.style import Style
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget

from tui.glyphs import glyphs
from tui.widgets.cells import place, strip_of

#: Arrow per 45° sector, counter-clockwise from east.
ARROWS = "→↗↑↖←↙↓↘"
TRAIL, WALKER, OFF_MAP, NODE = "∘", "●", "▲", "·"

Point = tuple[float, float]
Overlay = tuple[int, str, Style]  # column, text, style


def arrow_for(vx: float, vy: float) -> str:
    """The arrow glyph closest to the direction (vx, vy); a dot for no direction."""
    if vx == 0 and vy == 0:
        return NODE
    sector = round(math.atan2(vy, vx) / (math.pi / 4)) % 8
    return ARROWS[sector]


class ArrowField(Widget):
    """Nodes `xs` × `ys` (ascending) with `vectors[j, i]` at (xs[i], ys[j])."""

    COMPONENT_CLASSES = {"arrow-field--axis", "arrow-field--cursor", "arrow-field--walker"}
    DEFAULT_CSS = """
    ArrowField { width: 1fr; height: 1fr; }
    ArrowField > .arrow-field--axis { color: $text-muted; }
    ArrowField > .arrow-field--cursor { color: $accent; text-style: bold reverse; }
    ArrowField > .arrow-field--walker { color: $warning; text-style: bold; }
    """

    def __init__(self, xs: Sequence[float], ys: Sequence[float],
                 vectors: Sequence[Sequence[tuple[float, float]]], *,
                 label: Callable[[float], str], id: str | None = None) -> None:
        super().__init__(id=id)
        self.xs, self.ys, self.vectors, self.label = list(xs), list(ys), vectors, label
        self.arrows_visible = False
        self.cursor: tuple[int, int] | None = None
        self.trail: list[Point] = []
        self.walker: Point | None = None
        self._base_items: list[list[Overlay]] = []
        self._base: list[Strip] = []
        self._base_size = Size(0, 0)
        self._overlays: dict[int, list[Overlay]] = {}

    # -- what to show ------------------------------------------------------
    def show_arrows(self, visible: bool) -> None:
        if visible != self.arrows_visible:
            self.arrows_visible = visible
            self._base_size = Size(0, 0)
            self.refresh()

    def show_walk(self, cursor: tuple[int, int] | None, trail: Sequence[Point], walker: Point | None) -> None:
        """Move the cursor (node indices i, j) and the walker; redraw just the rows that change."""
        self.cursor, self.trail, self.walker = cursor, list(trail), walker
        before = self._overlays
        self._overlays = self._layout_overlays()
        for row in set(before) | set(self._overlays):
            if before.get(row) != self._overlays.get(row):
                self.refresh(Region(0, row, self.size.width, 1))

    # -- geometry ----------------------------------------------------------
    @property
    def _label_width(self) -> int:
        return max(len(self.label(y)) for y in self.ys[::2]) + 1

    @property
    def _cell(self) -> tuple[int, int]:
        width, height = self.size
        return (max(4, (width - self._label_width) // len(self.xs)),
                max(1, (height - 1) // len(self.ys)))

    def _column(self, x: float) -> int:
        """Screen column of world x (node columns at cell centres)."""
        cell_w, _ = self._cell
        i = (x - self.xs[0]) / (self.xs[-1] - self.xs[0]) * (len(self.xs) - 1)
        return self._label_width + round(i * cell_w) + cell_w // 2

    def _row(self, y: float) -> int:
        """Screen row of world y; y grows upwards."""
        _, cell_h = self._cell
        j = (self.ys[-1] - y) / (self.ys[-1] - self.ys[0]) * (len(self.ys) - 1)
        return round(j * cell_h) + cell_h // 2

    # -- drawing -----------------------------------------------------------
    def on_resize(self) -> None:
        self._overlays = self._layout_overlays()

    def _strengths(self) -> list[list[float]]:
        lengths = [[math.hypot(*v) for v in row] for row in self.vectors]
        top = max(max(row) for row in lengths) or 1.0
        return [[length / top for length in row] for row in lengths]

    def _draw_base(self) -> None:
        """Axis labels and node glyphs, as one Strip per row."""
        width, height = self.size
        base, axis = self.rich_style, self.get_component_rich_style("arrow-field--axis")
        rows: list[list[Overlay]] = [[] for _ in range(height)]
        strengths = self._strengths()
        for j, y in enumerate(self.ys):
            row = self._row(y)
            if j % 2 == 0:
                rows[row].append((0, self.label(y).rjust(self._label_width - 1), axis))
            for i, x in enumerate(self.xs):
                vx, vy = self.vectors[j][i]
                glyph = arrow_for(vx, vy) if self.arrows_visible else NODE
                weight = strengths[j][i]
                style = base + Style(dim=weight < 1 / 3, bold=weight >= 2 / 3) if self.arrows_visible else axis
                rows[row].append((self._column(x), glyphs(glyph), style))
        labels = rows[min(height - 1, self._row(self.ys[0]) + 1)]
        for x in self.xs[::2]:
            text = self.label(x)
            labels.append((self._column(x) - len(text) // 2, text, axis))
        self._base_items = rows
        self._base = [self._strip(items, width, base) for items in rows]
        self._base_size = self.size

    def _layout_overlays(self) -> dict[int, list[Overlay]]:
        """Rows -> what the cursor, trail and walker put on them."""
        if not self.size.area:
            return {}
        cursor_style = self.get_component_rich_style("arrow-field--cursor")
        walker_style = self.get_component_rich_style("arrow-field--walker")
        overlays: dict[int, list[Overlay]] = {}
        top = self._row(self.ys[-1]) - self._cell[1] // 2

        def put(x: float, y: float, text: str, style: Style, shift: int = 0) -> None:
            row = max(top, self._row(y))
            if 0 <= row < self.size.height:
                overlays.setdefault(row, []).append((self._column(x) + shift, text, style))

        if self.cursor is not None:
            i, j = self.cursor
            glyph = arrow_for(*self.vectors[j][i]) if self.arrows_visible else NODE
            put(self.xs[i], self.ys[j], f"[{glyphs(glyph)}]", cursor_style, shift=-1)
        for x, y in self.trail:
            put(x, y, glyphs(TRAIL), walker_style)
        if self.walker is not None:
            x, y = self.walker
            put(x, y, glyphs(OFF_MAP if y > self.ys[-1] else WALKER), walker_style)
        return overlays

    def render_line(self, y: int) -> Strip:
        if self._base_size != self.size:
            self._draw_base()
            self._overlays = self._layout_overlays()
        if y >= len(self._base):
            return Strip.blank(self.size.width, self.rich_style)
        items = self._overlays.get(y)
        if not items:
            return self._base[y]
        return self._strip(self._base_items[y] + items, self.size.width, self.rich_style)

    @staticmethod
    def _strip(items: list[Overlay], width: int, style: Style) -> Strip:
        """Place texts at columns on a blank row; later items win where they overlap."""
        cells = [(" ", style)] * width
        for column, text, text_style in items:
            place(cells, column, text, text_style)
        return strip_of(cells, width)
