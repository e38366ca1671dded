"""Which class a classifier predicts over a 2-D feature plane, with the data points on top.

One cell per terminal character: the background says which class the
classifier picks there, and class 1's side is also dotted, so the map reads
without colour. Points are drawn with one marker per class, in their class's
colour: on their own side that is the side's colour (so a row stays a few
runs of one style, cheap to repaint), on the wrong side it stands out. The widget uses
the Line API and keeps one Strip per row; `show` recomputes the map and
repaints only the cells that changed class (`CellGrid`), so a moving
boundary costs a few cells per row, not the rows up to it.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from textual.geometry import Size
from textual.strip import Strip

from tui.glyphs import glyphs
from tui.widgets.cells import CellGrid, strip_of

#: Probability of class 1 for every row (x, y) of an (n, 2) array.
Classifier = Callable[[np.ndarray], np.ndarray]


class DecisionMap(CellGrid):
    """The regions a classifier assigns to class 0 and class 1, and the labelled points.

    `extent` is (x_min, x_max, y_min, y_max) of the plane; y grows upwards.
    `markers` are the glyphs of class 0 and class 1 points; `fill` dots class 1's region.
    """

    COMPONENT_CLASSES = {
        "decision-map--region-0",
        "decision-map--region-1",
        "decision-map--point-0",
        "decision-map--point-1",
    }
    DEFAULT_CSS = """
    DecisionMap { width: 1fr; height: 1fr; }
    DecisionMap > .decision-map--region-0 { background: $primary 25%; color: $primary-lighten-3; text-style: bold; }
    DecisionMap > .decision-map--region-1 { background: $warning 25%; color: $warning-lighten-3; text-style: bold; }
    DecisionMap > .decision-map--point-0 { color: $primary-lighten-3; text-style: bold; }
    DecisionMap > .decision-map--point-1 { color: $warning-lighten-3; text-style: bold; }
    DecisionMap:light > .decision-map--region-0 { background: $primary 12%; color: $primary; }
    DecisionMap:light > .decision-map--region-1 { background: $warning 12%; color: $warning; }
    DecisionMap:light > .decision-map--point-0 { color: $primary; }
    DecisionMap:light > .decision-map--point-1 { color: $warning-darken-1; }
    """

    def __init__(self, extent: tuple[float, float, float, float], points: np.ndarray, labels: np.ndarray,
                 markers: tuple[str, str] = ("▲", "●"), fill: str = "·",
                 *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.extent = extent
        self.points = np.asarray(points, dtype=float)
        self.labels = np.asarray(labels, dtype=int)
        self.markers = markers
        self.fill = fill
        self.classifier: Classifier | None = None
        self.predicted: np.ndarray = np.zeros((0, 0), dtype=bool)  # class 1 per cell, [row, col]
        self._strips: list[Strip] = []
        self._size = Size(0, 0)

    def show(self, classifier: Classifier) -> None:
        """Ask `classifier` about every cell and redraw the rows whose picture changed."""
        self.classifier = classifier
        self._update()

    def cell_centres(self, size: Size) -> np.ndarray:
        """The feature-plane (x, y) of every cell centre, shape (rows, cols, 2); row 0 is the top."""
        x0, x1, y0, y1 = self.extent
        xs = x0 + (np.arange(size.width) + 0.5) * (x1 - x0) / size.width
        ys = y1 - (np.arange(size.height) + 0.5) * (y1 - y0) / size.height
        grid_x, grid_y = np.meshgrid(xs, ys)
        return np.stack([grid_x, grid_y], axis=-1)

    def cell_of(self, point: np.ndarray, size: Size) -> tuple[int, int]:
        """(row, col) of the cell that holds a feature-plane point, clamped to the map."""
        x0, x1, y0, y1 = self.extent
        col = int((point[0] - x0) / (x1 - x0) * size.width)
        row = int((y1 - point[1]) / (y1 - y0) * size.height)
        return min(max(row, 0), size.height - 1), min(max(col, 0), size.width - 1)

    def on_resize(self) -> None:
        self._update()

    def notify_style_update(self) -> None:
        """The theme changed: draw every row again in its colours."""
        super().notify_style_update()
        self._size = Size(0, 0)
        self._update()

    def _update(self) -> None:
        """Redraw for the current size: all of it after a resize, else in each row only
        the span of cells whose class changed (points stay put; only regions move)."""
        before, resized = self.predicted, self._size != self.size
        self._compute()
        if resized or before.shape != self.predicted.shape:
            self.refresh()
            return
        rows, cols = np.nonzero(before != self.predicted)
        self.refresh_cells(zip(cols.tolist(), rows.tolist()))

    def _compute(self) -> None:
        size = self._size = self.size
        if self.classifier is None or size.width == 0 or size.height == 0:
            self._strips = []
            return
        centres = self.cell_centres(size).reshape(-1, 2)
        self.predicted = np.asarray(self.classifier(centres)).reshape(size.height, size.width) >= 0.5
        self._strips = self._draw(size)

    def _draw(self, size: Size) -> list[Strip]:
        regions = [self.get_component_rich_style(f"decision-map--region-{k}") for k in (0, 1)]
        markers = [self.get_component_rich_style(f"decision-map--point-{k}", partial=True) for k in (0, 1)]
        fill, glyph_of = glyphs(self.fill), [glyphs(m) for m in self.markers]
        cells = [[(fill if dog else " ", regions[int(dog)]) for dog in row] for row in self.predicted]
        for point, label in zip(self.points, self.labels):
            row, col = self.cell_of(point, size)
            region = regions[int(self.predicted[row, col])]
            cells[row][col] = (glyph_of[label], region + markers[label])
        return [strip_of(row, size.width) for row in cells]

    def row_strip(self, y: int) -> Strip:
        if self._size != self.size:
            self._compute()
        if y < len(self._strips):
            return self._strips[y]
        return Strip.blank(self.size.width, self.rich_style)

