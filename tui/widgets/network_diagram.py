"""A small sequential network drawn as columns of nodes joined by buses.

Every node of one layer feeds every node of the next; drawing all those lines
in a terminal is a tangle, so each pair of layers meets at one vertical bus:

    x₁ 0.32───┬─→ h₁ 0.39───┐
    x₂ 0.71───┼─→ h₂ 0.43───┼─→ ŷ 0.25
    x₃ 0.57───┼─→ h₃ 0.61───┤
              └─→ h₄ 0.60───┘

Values not computed yet show as "?", so the reveal reads without colour; the
layer just computed is reversed. Only box-drawing glyphs and arrows, all with
ASCII fallbacks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from tui.glyphs import glyphs

#: (up, down, left, right) -> the box-drawing glyph where a row meets the bus.
JUNCTIONS = {
    (True, True, True, True): "┼", (True, True, True, False): "┤", (True, True, False, True): "├",
    (True, True, False, False): "│", (False, True, True, True): "┬", (True, False, True, True): "┴",
    (False, True, True, False): "┐", (False, True, False, True): "┌", (True, False, True, False): "┘",
    (True, False, False, True): "└", (False, False, True, True): "─", (False, False, True, False): "─",
    (False, False, False, True): "─", (False, False, False, False): " ",
}
BUS = "──┼─→ "  # two columns in, the bus, an arrow out, a gap


@dataclass(frozen=True)
class Layer:
    """One column: a heading, a label per node, and the node values (None: not computed yet)."""

    title: str
    labels: Sequence[str]
    values: Sequence[str] | None = None


class NetworkDiagram(Widget):
    """Columns of labelled nodes with their values, joined layer to layer by buses."""

    COMPONENT_CLASSES = {"network-diagram--title", "network-diagram--active", "network-diagram--pending"}
    DEFAULT_CSS = """
    NetworkDiagram { height: auto; }
    NetworkDiagram > .network-diagram--title { text-style: bold; }
    NetworkDiagram > .network-diagram--active { text-style: reverse bold; }
    NetworkDiagram > .network-diagram--pending { color: $text-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns: tuple[Layer, ...] = ()
        self.active: int | None = None

    def show(self, layers: Sequence[Layer], active: int | None) -> None:
        """Draw `layers`, reversing the nodes of the layer at index `active`."""
        self.columns, self.active = tuple(layers), active
        self.refresh(layout=True)

    def get_content_height(self, container, viewport, width: int) -> int:
        return 1 + max((len(layer.labels) for layer in self.columns), default=0)

    def _cells(self, layer: Layer) -> list[str]:
        values = layer.values if layer.values is not None else ["?"] * len(layer.labels)
        return [glyphs(f"{label} {value}") for label, value in zip(layer.labels, values)]

    def render(self) -> Text:
        rows = max((len(layer.labels) for layer in self.columns), default=0)
        cells = [self._cells(layer) for layer in self.columns]
        widths = [max([cell_len(layer.title), *map(cell_len, column)]) + 1
                  for layer, column in zip(self.columns, cells)]
        tops = [(rows - len(layer.labels)) // 2 for layer in self.columns]
        title_style = self.get_component_rich_style("network-diagram--title")
        lines = [Text()]
        for index, layer in enumerate(self.columns):
            gap = cell_len(glyphs(BUS)) if index < len(self.columns) - 1 else 0
            lines[0].append(layer.title.ljust(widths[index] + gap), title_style)
        for row in range(rows):
            line = Text()
            for index, layer in enumerate(self.columns):
                node = row - tops[index]
                has_node = 0 <= node < len(layer.labels)
                cell = cells[index][node] if has_node else ""
                line.append(cell, self._node_style(index, layer))
                is_last = index == len(self.columns) - 1
                if not is_last:
                    pad = "─" if has_node else " "
                    line.append(glyphs(pad * (widths[index] - cell_len(cell))))
                    line.append(self._bus(row, index, tops, has_node))
            lines.append(line)
        return Text("\n").join(lines)

    def _node_style(self, index: int, layer: Layer) -> Style:
        if index == self.active:
            return self.get_component_rich_style("network-diagram--active")
        if layer.values is None:
            return self.get_component_rich_style("network-diagram--pending")
        return Style()

    def _bus(self, row: int, index: int, tops: list[int], left: bool) -> str:
        """The bus between layer `index` and the next one, at `row`."""
        nxt = self.columns[index + 1]
        right = tops[index + 1] <= row < tops[index + 1] + len(nxt.labels)
        top = min(tops[index], tops[index + 1])
        bottom = max(tops[index] + len(self.columns[index].labels), tops[index + 1] + len(nxt.labels)) - 1
        junction = JUNCTIONS[(top < row <= bottom, top <= row < bottom, left, right)]
        return glyphs(("──" if left else "  ") + junction + ("─→ " if right else "   "))
