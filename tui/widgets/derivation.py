"""A board of formulas that appear one line at a time, the newest written out like chalk.

The lecture writes its derivations by hand, line after line. This widget keeps
every line's place from the start (nothing jumps when a line appears) and, when
`write_seconds` is above zero, writes the newest line from left to right.
Only that one row is redrawn while it is being written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip
from textual.timer import Timer
from textual.widget import Widget


class Derivation(Widget):
    """Formula lines, of which the first `shown` are visible."""

    DEFAULT_CSS = """
    Derivation { height: auto; width: 1fr; }
    """

    def __init__(self, lines: Sequence[str], shown: int, *, write_seconds: float = 0.0,
                 clock: Callable[[], float], id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines = list(lines)
        self.shown = shown
        self.write_seconds = write_seconds
        self.clock = clock
        self._writing_since: float | None = None
        self._timer: Timer | None = None

    @property
    def visible_lines(self) -> list[str]:
        """The text on the board now, as the user reads it (a line being written is partial)."""
        return [self._visible_text(y) for y in range(self.shown)]

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self.lines)

    def reveal(self, shown: int) -> None:
        """Show the first `shown` lines; write the new last line out if one was added."""
        added = shown == self.shown + 1
        self.shown = shown
        self._stop_writing()
        if added and self.write_seconds > 0:
            self._writing_since = self.clock()
            self._timer = self.set_interval(1 / 30, self._write_on)
        self.refresh()

    def _write_on(self) -> None:
        row = self.shown - 1
        if self.clock() - (self._writing_since or 0.0) >= self.write_seconds:
            self._stop_writing()
        self.refresh(Region(0, row, self.size.width, 1))

    def _stop_writing(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer, self._writing_since = None, None

    def _visible_text(self, y: int) -> str:
        if y >= self.shown:
            return ""
        text = self.lines[y]
        if self._writing_since is None or y != self.shown - 1:
            return text
        done = (self.clock() - self._writing_since) / self.write_seconds
        return text[: max(1, round(len(text) * min(done, 1.0)))]

    def render_line(self, y: int) -> Strip:
        style = self.rich_style
        if y == self.shown - 1:
            style += Style(bold=True)
        text = self._visible_text(y) if y < len(self.lines) else ""
        width = self.size.width
        return Strip([Segment(text[:width].ljust(width), style)], width)
