"""Text that changes while a scene plays, repainting only the lines that changed.

A `Static` repaints all of itself, and lays out the screen again, on every
`update`: a readout of five lines costs five lines of bytes per frame even
when one number changed. `LiveLines` keeps its lines as Strips (Line API)
and refreshes, in each line that changed, only the span up to the end of
its old or new text. `LiveText` wraps a text to the widget's width;
`show` with the same text costs nothing. Lines are cached per size and
style and drawn again when the theme changes.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget


class LiveLines(Widget):
    """Lines of text, one per row; `show_lines` repaints only the rows that differ."""

    DEFAULT_CSS = """
    LiveLines { height: auto; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.lines: list[Text] = []
        self._strips: list[Strip] = []
        self._key: tuple[object, ...] | None = None

    def show_lines(self, lines: Sequence[Text]) -> None:
        """Show these lines; refresh the rows that changed, or lay out again when the count did."""
        before = self.lines
        self.lines = list(lines)
        if len(before) != len(self.lines):
            self._key = None
            self.refresh(layout=True)
            return
        if self._key is None:  # not drawn since the last change of size, style or count
            self.refresh()
            return
        for row, (old, new) in enumerate(zip(before, self.lines)):
            if old != new:
                self._strips[row] = self._strip(new)
                end = max(old.cell_len, new.cell_len)
                if end:
                    self.refresh(Region(0, row, min(end, self.size.width), 1))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines)

    def _strip(self, line: Text) -> Strip:
        width, base = self.size.width, self.rich_style
        return Strip(line.render(self.app.console)).apply_style(base).adjust_cell_length(width, base)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._key = None

    def render_line(self, y: int) -> Strip:
        key = (self.size, self.rich_style)
        if key != self._key:
            self._key = key
            self._strips = [self._strip(line) for line in self.lines]
        if y < len(self._strips):
            return self._strips[y]
        return Strip.blank(self.size.width, self.rich_style)


class LiveText(LiveLines):
    """A text wrapped to the widget's width, like a `Static` whose updates cost only what changed."""

    def __init__(self, text: str | Text = "", *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.text = Text(text) if isinstance(text, str) else text
        self.lines = list(self.text.split())  # wrapped once the width is known
        self._wrapped_at = -1

    def show(self, text: str | Text) -> None:
        """Show `text` instead (plain strings are not read as markup)."""
        text = Text(text) if isinstance(text, str) else text
        if text != self.text or self.size.width != self._wrapped_at:
            self.text, self._wrapped_at = text, self.size.width
            self.show_lines(self._wrap(self.size.width))

    def _wrap(self, width: int) -> list[Text]:
        return list(self.text.wrap(self.app.console, width)) if width else [self.text]

    def render(self) -> Text:
        """The text as a whole, unwrapped (the screen gets it line by line from `render_line`)."""
        return self.text

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._wrap(width))

    def on_resize(self) -> None:
        self._wrapped_at = self.size.width
        self.lines = self._wrap(self.size.width)
        self._key = None
