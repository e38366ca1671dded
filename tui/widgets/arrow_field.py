"""A vector field on a grid, drawn true to direction and size, with a cursor and a walker on top.

Arrows start at their node and run, as a line of Braille dots, in the
vector's true direction, with a length proportional to its size, so
(−6, 2) points left and a little up, and is three times as long as (0, 2).
Braille dots are about square, and the grid keeps its cells twice as wide
as tall, so one unit of x and one of y are the same number of dots. The
head is the nearest of eight arrow glyphs, which reads without colour.

Before the arrows, the map shows `values` (for example f) at the nodes they
will start from, so the first view is not an empty grid. The grid (labels,
x and y, values or arrows) is drawn once per size and style and kept as
Strips; a new theme (`notify_style_update`) draws it again. The
cursor, numbered candidate arrows, the trail and the walker are overlays:
when they change, only the rows they touch are drawn again and refreshed.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from tui.glyphs import glyphs
from tui.widgets.cells import Cell, strip_of

#: Arrow head per 45° sector, counter-clockwise from east; one-character ASCII stand-ins.
ARROWS = "→↗↑↖←↙↓↘"
ASCII_HEADS = ">/^\\<\\v/"
TRAIL, WALKER, NODE, SHAFT_ASCII = "∘", "●", "·", "."
NODE_ASCII = "."  # not the middle dot's "-": between the values it would read as minus signs
ARROW_SHARE = 0.8  # the longest arrow spans this share of the distance between arrow nodes
CANDIDATE_SHARE = 1.5  # candidate arrows at the cursor are this many grid spacings long
#: Bit of each Braille dot, by (column, row) inside the cell.
_DOTS = ((0x01, 0x02, 0x04, 0x40), (0x08, 0x10, 0x20, 0x80))

Point = tuple[float, float]
Vector = tuple[float, float]
Overlay = dict[tuple[int, int], tuple[str | None, Style]]  # (row, column) -> character (None: keep), style


def arrow_for(vx: float, vy: float) -> str:
    """The arrow glyph closest to the direction (vx, vy), y up; a dot for no direction."""
    if vx == 0 and vy == 0:
        return NODE
    return ARROWS[round(math.atan2(vy, vx) / (math.pi / 4)) % 8]


def head_for(vx: float, vy: float) -> str:
    """The one-character head for (vx, vy), in ASCII when the terminal cannot show arrows."""
    glyph = arrow_for(vx, vy)
    if glyphs.unicode:
        return glyph
    return NODE_ASCII if glyph == NODE else ASCII_HEADS[ARROWS.index(glyph)]


def line_dots(start: Point, end: Point) -> list[tuple[int, int]]:
    """The dots on the segment from `start` to `end` (in dots), one per dot of its longer extent."""
    count = max(abs(end[0] - start[0]), abs(end[1] - start[1]))
    steps = np.linspace(0.0, 1.0, int(math.ceil(count)) + 1)
    return [(round(start[0] + (end[0] - start[0]) * s), round(start[1] + (end[1] - start[1]) * s)) for s in steps]


class ArrowField(Widget):
    """Nodes `xs` × `ys` (ascending), `vectors[j][i]` at (xs[i], ys[j]); arrows at every `every`-th node."""

    COMPONENT_CLASSES = {"arrow-field--axis", "arrow-field--cursor", "arrow-field--walker",
                         "arrow-field--candidate"}
    DEFAULT_CSS = """
    ArrowField { width: 1fr; height: 1fr; }
    ArrowField > .arrow-field--axis { color: $text-muted; }
    ArrowField > .arrow-field--cursor { color: $accent; text-style: bold reverse; }
    ArrowField > .arrow-field--walker { color: $warning; text-style: bold; }
    ArrowField > .arrow-field--candidate { color: $accent; text-style: bold; }
    """

    def __init__(self, xs: Sequence[float], ys: Sequence[float], vectors: Sequence[Sequence[Vector]], *,
                 label: Callable[[float], str], values: Sequence[Sequence[str]] = (),
                 names: tuple[str, str] = ("x", "y"), every: int = 2, id: str | None = None) -> None:
        super().__init__(id=id)
        self.xs, self.ys, self.vectors, self.label = list(xs), list(ys), vectors, label
        self.values, self.names, self.every = values, names, every
        self.arrows_visible = False
        self.cursor: tuple[int, int] | None = None
        self.candidates: list[Vector] = []
        self.trail: list[Point] = []
        self.walker: Point | None = None
        self._base_cells: list[list[Cell]] = []
        self._base: list[Strip] = []
        self._base_key: tuple[object, ...] | None = None  # what the cached rows were drawn for
        self._overlays: dict[int, Overlay] = {}

    # -- what to show ------------------------------------------------------
    def show_arrows(self, visible: bool) -> None:
        if visible != self.arrows_visible:
            self.arrows_visible = visible
            self._base_key = None
            self.refresh()

    def show_walk(self, cursor: tuple[int, int] | None, trail: Sequence[Point], walker: Point | None,
                  candidates: Sequence[Vector] = ()) -> None:
        """Move the cursor (node indices i, j), its numbered candidate arrows and the walker."""
        self.cursor, self.trail, self.walker = cursor, list(trail), walker
        self.candidates = list(candidates)
        before = self._overlays
        self._overlays = self._layout_overlays()
        for row in set(before) | set(self._overlays):
            if before.get(row) != self._overlays.get(row):
                self.refresh(Region(0, row, self.size.width, 1))

    # -- geometry ----------------------------------------------------------
    @property
    def _label_width(self) -> int:
        return max(len(self.label(y)) for y in self.ys[::self.every]) + 1

    @property
    def _cell(self) -> tuple[int, int]:
        """Columns and rows between neighbouring nodes: twice as many columns, so x and y scale alike."""
        width, height = self.size
        rows = max(1, min((height - 2) // len(self.ys), (width - self._label_width) // (2 * len(self.xs))))
        return 2 * rows, rows

    def column(self, x: float) -> int:
        """Screen column of world x (node columns at cell centres)."""
        cell_w, _ = self._cell
        i = (x - self.xs[0]) / (self.xs[-1] - self.xs[0]) * (len(self.xs) - 1)
        return self._label_width + round(i * cell_w) + cell_w // 2

    def row(self, y: float) -> int:
        """Screen row of world y; y grows upwards. Row 0 names the y axis."""
        _, cell_h = self._cell
        j = (self.ys[-1] - y) / (self.ys[-1] - self.ys[0]) * (len(self.ys) - 1)
        return 1 + round(j * cell_h) + cell_h // 2

    @property
    def dots_per_unit(self) -> float:
        """Braille dots per unit of x or of y (the same: the grid is square in dots)."""
        cell_w, _ = self._cell
        return 2 * cell_w * (len(self.xs) - 1) / (self.xs[-1] - self.xs[0])

    @property
    def arrow_scale(self) -> float:
        """Dots per unit of vector size: the longest arrow spans `ARROW_SHARE` of the arrow spacing."""
        cell_w, _ = self._cell
        longest = max(math.hypot(*self.vectors[j][i]) for j, i in self._arrow_nodes()) or 1.0
        return ARROW_SHARE * 2 * cell_w * self.every / longest

    def _arrow_nodes(self) -> list[tuple[int, int]]:
        return [(j, i) for j in range(0, len(self.ys), self.every) for i in range(0, len(self.xs), self.every)]

    def _tail(self, i: int, j: int, vector: Vector) -> Point:
        """The dot of node (i, j)'s cell an arrow starts from: the side away from where it points,
        so an arrow that rises by less than a cell stays on its row, head and all."""
        vx, vy = vector
        return 2 * self.column(self.xs[i]) + (0 if vx > 0 else 1), 4 * self.row(self.ys[j]) + (3 if vy > 0 else 0)

    def arrow_cells(self, i: int, j: int, vector: Vector,
                    scale: float) -> tuple[dict[tuple[int, int], int], tuple[int, int]]:
        """The Braille bits of the shaft by (row, column), and the cell of the tip, where the head goes."""
        tail = self._tail(i, j, vector)
        tip = (tail[0] + vector[0] * scale, tail[1] - vector[1] * scale)
        head = (int(tip[1] // 4), int(tip[0] // 2))
        shaft: dict[tuple[int, int], int] = {}
        for dx, dy in line_dots(tail, tip):
            cell = (dy // 4, dx // 2)
            if cell != head:
                shaft[cell] = shaft.get(cell, 0) | _DOTS[dx % 2][dy % 4]
        return shaft, head

    def _node_text(self, i: int, j: int) -> tuple[int, int]:
        """The first column and the width of what the base shows at node (i, j)."""
        column = self.column(self.xs[i])
        if self.arrows_visible or not self.values or (j, i) not in self._arrow_nodes():
            return column, 1
        text = self.values[j][i]
        return column - (len(text) - 1) // 2, len(text)

    # -- drawing -----------------------------------------------------------
    def on_resize(self) -> None:
        self._overlays = self._layout_overlays()

    def notify_style_update(self) -> None:
        """The theme or CSS changed: rows and overlays were drawn with the old styles."""
        super().notify_style_update()
        self._base_key = None

    def _draw_base(self) -> None:
        """Axis labels and names, then values or arrows at the nodes, as one Strip per row."""
        width, height = self.size
        base, axis = self.rich_style, self.get_component_rich_style("arrow-field--axis")
        cells: list[list[Cell]] = [[(" ", base)] * width for _ in range(height)]

        def put(row: int, column: int, text: str, style: Style) -> None:
            for offset, char in enumerate(text):
                if 0 <= row < height and 0 <= column + offset < width:
                    cells[row][column + offset] = (char, style)

        put(0, self._label_width - 1 - len(self.names[1]), self.names[1], axis)
        for j, y in enumerate(self.ys):
            if j % self.every == 0:
                put(self.row(y), 0, self.label(y).rjust(self._label_width - 1), axis)
            for i, x in enumerate(self.xs):
                put(self.row(y), self.column(x), NODE if glyphs.unicode else NODE_ASCII, axis)
        below = self.row(self.ys[0]) + 1 + (self._cell[1] - 1) // 2
        for x in self.xs[::self.every]:
            text = self.label(x)
            put(below, self.column(x) - len(text) // 2, text, axis)
        put(below, min(self.column(self.xs[-1]) + 2, width - len(self.names[0])), self.names[0], axis)
        if self.arrows_visible:
            scale = self.arrow_scale
            for j, i in self._arrow_nodes():
                vector = self.vectors[j][i]
                self._put_arrow(cells, *self.arrow_cells(i, j, vector, scale), head_for(*vector), base)
        elif self.values:
            for j, i in self._arrow_nodes():
                put(self.row(self.ys[j]), self._node_text(i, j)[0], self.values[j][i], base)
        self._base_cells = cells
        self._base = [strip_of(row, width) for row in cells]
        self._base_key = (self.size, self.rich_style)

    @staticmethod
    def _put_arrow(cells: list[list[Cell]] | Overlay, shaft: dict[tuple[int, int], int], head: tuple[int, int],
                   head_char: str, style: Style) -> None:
        """Write an arrow (shaft bits and head) into rows of cells or into an overlay."""
        marks = {cell: chr(0x2800 | bits) if glyphs.unicode else SHAFT_ASCII for cell, bits in shaft.items()}
        marks[head] = head_char
        for (row, column), char in marks.items():
            if isinstance(cells, dict):
                cells[row, column] = (char, style)
            elif 0 <= row < len(cells) and 0 <= column < len(cells[row]):
                cells[row][column] = (char, style)

    def _put_candidates(self, cells: Overlay, i: int, j: int, style: Style) -> None:
        """The numbered candidate arrows at node (i, j), all as long: only their direction counts.

        Shafts that cross share their cells' dots. A number stays on the map, at its edge if the
        arrow leaves it; one whose cell another number took moves a cell back along its own
        arrow, so every number stays readable.
        """
        length = CANDIDATE_SHARE * self.dots_per_unit * (self.xs[1] - self.xs[0])
        shafts: dict[tuple[int, int], int] = {}
        labels: dict[tuple[int, int], str] = {}
        for number, (vx, vy) in enumerate(self.candidates, start=1):
            size = math.hypot(vx, vy) or 1.0
            shaft, (row, column) = self.arrow_cells(i, j, (vx, vy), length / size)
            for cell, bits in shaft.items():
                shafts[cell] = shafts.get(cell, 0) | bits
            row = min(max(row, 0), self.size.height - 1)  # an arrow off the map keeps its number on it
            column = min(max(column, 0), self.size.width - 1)
            while (row, column) in labels:
                row, column = row + round(vy / size), column - round(2 * vx / size)
            labels[row, column] = str(number)
        for cell, bits in shafts.items():
            cells[cell] = (chr(0x2800 | bits) if glyphs.unicode else SHAFT_ASCII, style)
        for cell, number in labels.items():
            cells[cell] = (number, style)

    def _layout_overlays(self) -> dict[int, Overlay]:
        """Rows -> what the cursor, its candidate or own arrow, the trail and the walker put on them."""
        if not self.size.area:
            return {}
        cursor_style = self.get_component_rich_style("arrow-field--cursor")
        walker_style = self.get_component_rich_style("arrow-field--walker")
        candidate_style = self.get_component_rich_style("arrow-field--candidate")
        cells: Overlay = {}
        if self.cursor is not None:
            i, j = self.cursor
            if self.arrows_visible:
                vector = self.vectors[j][i]
                self._put_arrow(cells, *self.arrow_cells(i, j, vector, self.arrow_scale), head_for(*vector),
                                candidate_style)
            self._put_candidates(cells, i, j, candidate_style)
            first, width = self._node_text(i, j)
            for column in range(first, first + width):
                cells[self.row(self.ys[j]), column] = (None, cursor_style)
        for x, y in self.trail:
            cells[self.row(y), self.column(x)] = (glyphs(TRAIL), walker_style)
        if self.walker is not None:
            cells[self.row(self.walker[1]), self.column(self.walker[0])] = (glyphs(WALKER), walker_style)
        overlays: dict[int, Overlay] = {}
        for (row, column), cell in cells.items():
            if 0 <= row < self.size.height and 0 <= column < self.size.width:
                overlays.setdefault(row, {})[row, column] = cell
        return overlays

    def render_line(self, y: int) -> Strip:
        if self._base_key != (self.size, self.rich_style):
            self._draw_base()
            self._overlays = self._layout_overlays()
        if y >= len(self._base):
            return Strip.blank(self.size.width, self.rich_style)
        overlay = self._overlays.get(y)
        if not overlay:
            return self._base[y]
        row = list(self._base_cells[y])
        for (_, column), (char, style) in overlay.items():
            row[column] = (row[column][0] if char is None else char, style)
        return strip_of(row, self.size.width)
