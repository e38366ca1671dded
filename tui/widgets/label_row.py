"""Examples side by side, one column each: what they are, what they should be called,
and what the model calls them.

One column can be selected (bracketed and reversed, so it reads without
colour) and columns can be marked, e.g. the wrongly labelled ones (bold and
in the error colour; the scene adds a ✓/✗ row so colour is never the only cue).
The grid is built when drawn, from the component classes' current styles, so
it follows a change of theme.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual.widget import Widget


class LabelRow(Widget):
    """A grid: named rows down the left, one column per example."""

    COMPONENT_CLASSES = {"label-row--name", "label-row--marked", "label-row--selected"}
    DEFAULT_CSS = """
    LabelRow { width: auto; height: auto; }
    LabelRow > .label-row--name { text-style: bold; }
    LabelRow > .label-row--marked { color: $error; text-style: bold; }
    LabelRow > .label-row--selected { text-style: reverse; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.row_names: list[str] = []
        self.columns: list[list[str]] = []
        self.selected: int | None = None
        self.marked: list[bool] = []

    def show(self, row_names: Sequence[str], columns: Sequence[Sequence[str]], selected: int | None,
             marked: Sequence[bool]) -> None:
        """Show `columns` (each a cell per row name); bracket the first cell of `selected`."""
        self.row_names, self.columns = list(row_names), [list(column) for column in columns]
        self.selected, self.marked = selected, list(marked)
        self.refresh(layout=True)

    def render(self) -> Table:
        name_style = self.get_component_rich_style("label-row--name", partial=True)
        marked_style = self.get_component_rich_style("label-row--marked", partial=True)
        selected_style = self.get_component_rich_style("label-row--selected", partial=True)
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True)
        for _ in self.columns:
            table.add_column(justify="center", no_wrap=True, min_width=5)
        for row, name in enumerate(self.row_names):
            cells = [Text(name, style=name_style)]
            for index, column in enumerate(self.columns):
                style = marked_style if self.marked[index] else ""
                if row == 0 and index == self.selected:
                    cells.append(Text(f"[{column[row]}]", style=selected_style + style if style else selected_style))
                else:
                    cells.append(Text(column[row], style=style))
            table.add_row(*cells)
        return table
