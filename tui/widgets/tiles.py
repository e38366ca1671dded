"""Narrow column tiles, so that a repainted cell costs a few cells of bytes, not the line up to it.

Textual re-sends a dirty line from the left edge of the widget that owns it,
so a marker moving at the right of one wide widget would re-send the whole
row up to it, every frame. A `Tiled` widget is drawn by children `TILE_WIDTH`
columns wide, each showing its slice of the row the widget draws
(`row_strip`), and `refresh_cells` repaints each changed cell from its tile's
left edge only. Every tile the frame's dirty area spans costs the compositor
some work, so much narrower tiles cost CPU and save few bytes;
`benchmarks/bench_live.py` measures both.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

TILE_WIDTH = 20


class Tiled(Widget):
    """A widget whose rows (`row_strip`) are shown by tiles; call `lay_out_tiles` from `on_resize`."""

    DEFAULT_CSS = """
    Tiled { layout: horizontal; overflow: hidden; }
    """

    tile_width: ClassVar[int] = TILE_WIDTH

    def row_strip(self, y: int) -> Strip:
        """Row `y` of the whole widget, as drawn now."""
        raise NotImplementedError

    def lay_out_tiles(self) -> None:
        """One tile per TILE_WIDTH columns of the current width, each repainted."""
        width = self.size.width
        tiles = list(self.query_children(Tile))
        needed = -(-width // self.tile_width)
        if len(tiles) > needed:
            self.remove_children(tiles[needed:])
            tiles = tiles[:needed]
        tiles += [Tile(self, len(tiles) + i) for i in range(needed - len(tiles))]
        for tile in tiles:
            tile.styles.width = min(self.tile_width, width - tile.first_col)
            tile.refresh()
        new = [tile for tile in tiles if not tile.is_attached]
        if new:
            self.mount_all(new)

    def refresh_tiles(self) -> None:
        """Repaint every tile: the whole widget changed."""
        for tile in self.children:
            tile.refresh()

    def refresh_cells(self, cells: Iterable[tuple[int, int]]) -> None:
        """Repaint these (column, row) cells: in each tile, a row only up to its last changed cell."""
        tiles = self.children
        ends: dict[tuple[int, int], int] = {}
        for col, row in cells:
            tile = col // self.tile_width
            ends[tile, row] = max(ends.get((tile, row), 0), col % self.tile_width + 1)
        for (tile, row), end in ends.items():
            if tile < len(tiles):
                tiles[tile].refresh(Region(0, row, end, 1))


class Tile(Widget):
    """A few columns of a `Tiled` widget."""

    DEFAULT_CSS = """
    Tile { height: 1fr; }
    """

    def __init__(self, owner: Tiled, index: int) -> None:
        super().__init__()
        self.owner = owner
        self.first_col = index * owner.tile_width

    def render_line(self, y: int) -> Strip:
        return self.owner.row_strip(y).crop(self.first_col, self.first_col + self.size.width)
