"""The last steps of a gradient descent as a small table, plus a line that says how it went.

A descent may run for many steps; the table keeps only as many rows as fit
its height, newest at the bottom, so the step counter and the numbers stay
in view at 80x24 and grow to more rows on a larger terminal.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widget import Widget


class DescentSteps(Widget):
    """A heading, column headers, the newest rows that fit, and a status line."""

    DEFAULT_CSS = """
    DescentSteps { height: 1fr; width: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.heading = ""
        self.headers: list[str] = []
        self.rows: list[list[str]] = []
        self.status = ""

    def show(self, heading: str, headers: Sequence[str], rows: Sequence[Sequence[str]], status: str) -> None:
        self.heading, self.headers, self.status = heading, list(headers), status
        self.rows = [list(row) for row in rows]
        self.refresh()

    @property
    def visible_rows(self) -> list[list[str]]:
        """The rows on screen now: the newest ones that fit between heading and status."""
        room = max(0, self.size.height - 1 - self._height_of(self.heading) - self._height_of(self.status))
        return self.rows[-room:] if room else []

    def _height_of(self, text: str) -> int:
        """Lines `text` takes once wrapped to this widget's width."""
        return len(Text(text).wrap(self.app.console, max(1, self.size.width)))

    def render(self) -> Text:
        table = [self.headers, *self.visible_rows]
        widths = [max(len(row[c]) for row in table) for c in range(len(self.headers))] if self.headers else []
        text = Text(self.heading, style="bold", end="")
        for index, row in enumerate(table):
            line = "  ".join(cell.rjust(width) for cell, width in zip(row, widths))
            text.append("\n" + line, style="underline" if index == 0 else "")
        text.append("\n" + self.status)
        return text
