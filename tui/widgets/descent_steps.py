"""The last steps of a gradient descent as a small table, plus a line that says how it went.

A descent may run for many steps; the table shows a page of rows that fits
its height, so the step counter and the numbers stay in view at 80x24 and
grow to more rows on a larger terminal. New rows fill the page downwards,
the status line right under them; when it is full, the page turns and
starts again with the newest rows in its upper half. Rows scrolling up one by one would repaint every row on
every step; a page repaints one row per step and all of them only when it
turns, which is what a terminal over SSH can afford.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text
from textual.geometry import Size

from tui.widgets.live_text import LiveLines, wrapped

HEADING, HEADERS = Style(bold=True), Style(underline=True)


class DescentSteps(LiveLines):
    """A heading, column headers, a page of the newest rows, and a status line."""

    DEFAULT_CSS = """
    DescentSteps { height: 1fr; width: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.heading = ""
        self.headers: list[str] = []
        self.rows: list[list[str]] = []
        self.status = ""
        self._first = 0  # index of the page's first row

    def show(self, heading: str, headers: Sequence[str], rows: Sequence[Sequence[str]], status: str) -> None:
        self.heading, self.headers, self.status = heading, list(headers), status
        self.rows = [list(row) for row in rows]
        self._lay_out()

    def on_resize(self) -> None:
        self._lay_out()

    @property
    def visible_rows(self) -> list[list[str]]:
        """The rows on screen now: the page that holds the newest row."""
        return self._page(self.size)

    def _page(self, size: Size) -> list[list[str]]:
        """The page that holds the newest row, at `size`."""
        width = max(1, size.width)
        used = len(self._wrapped(self.heading, width)) + 1 + len(self._wrapped(self.status, width))
        room = max(0, size.height - used)  # rows between heading, column headers and status
        if room == 0:
            return []
        count = len(self.rows)
        if count <= room:
            self._first = 0
        elif not self._first <= count - 1 < self._first + room:
            # turn the page: a row more keeps the newest half a page; a jump shows a whole page
            self._first = max(self._first + room - max(1, room // 2), count - room)
        return self.rows[self._first:self._first + room]

    def _wrapped(self, text: str, width: int) -> list[Text]:
        return wrapped(Text(text), width, self.app.console) if text else []

    def _lay_out(self) -> None:
        """The lines of the table at this size; only the ones that changed are repainted."""
        size = self.size  # Widget.size is not cheap: once per layout
        width = max(1, size.width)
        table = [self.headers, *self._page(size)]
        widths = [max(len(row[c]) for row in table) for c in range(len(self.headers))] if self.headers else []
        gap = "  " if sum(widths) + 2 * (len(widths) - 1) <= width else " "  # wide numbers: closer columns
        lines = [Text(line.plain, HEADING) for line in self._wrapped(self.heading, width)]
        for index, row in enumerate(table):
            text = gap.join(cell.rjust(size) for cell, size in zip(row, widths))
            lines.append(Text(text, HEADERS if index == 0 else ""))
        lines += self._wrapped(self.status, width)
        self.show_lines(lines + [Text("")] * (size.height - len(lines)))  # as many lines as rows: no new layout
