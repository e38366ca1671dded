"""Text that changes while a scene plays, repainting only the lines that changed.

A `Static` repaints all of itself, and lays out the screen again, on every
`update`: a readout of five lines costs five lines of bytes per frame even
when one number changed. `LiveLines` keeps its lines as Strips (Line API)
and refreshes, in each line that changed, only the span from its first to
its last changed cell (`tui.output` sends just that). `LiveText` wraps a text to the widget's width;
`show` with the same text costs nothing, and a long line that is the same
as the last time is not wrapped again. Lines are cached per size and
style and drawn again when the theme changes.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.style import Style
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
        self._style: Style | None = None

    def show_lines(self, lines: Sequence[Text]) -> None:
        """Show these lines; refresh the rows that changed, or lay out again when the count did
        and the height follows the count (`height: auto`, the default)."""
        before = self.lines
        self.lines = list(lines)
        if not (self.display and self.visible):  # nothing on screen: drawn whole when shown again
            self._key = None  # (a step that reveals it must not repaint only what changed while hidden)
            return
        if len(before) != len(self.lines) and self.styles.height is not None and self.styles.height.is_auto:
            self._key = None  # its height follows its lines: lay out again
            self.refresh(layout=True)
            return
        if self._key is None:  # not drawn since the last change of size or style
            self.refresh()
            return
        width, base = self._key[0].width, self._key[1]  # what the strips were drawn for
        drawn = self._strips
        self._strips = [drawn[row] if row < len(before) and before[row] == line else self._strip(line, width, base)
                        for row, line in enumerate(self.lines)]
        blank = Strip.blank(width, base)  # a fixed height shows rows without a line as blank
        regions = []
        for row in range(max(len(drawn), len(self._strips))):
            old = drawn[row] if row < len(drawn) else blank
            new = self._strips[row] if row < len(self._strips) else blank
            if old is not new and (span := _changed_span(old, new)):
                regions.append(Region(span[0], row, span[1] - span[0], 1))
        if regions:  # one call: each call of `refresh` also clears the widget's caches and wakes the app
            self.refresh(*regions)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines)

    @property
    def base_style(self) -> Style:
        """The widget's style, kept until styles change (`rich_style` walks every ancestor)."""
        if self._style is None:
            self._style = self.rich_style
        return self._style

    def _strip(self, line: Text, width: int, base: Style) -> Strip:
        strip = Strip(line.render(self.app.console)).apply_style(base).adjust_cell_length(width, base)
        return strip.simplify()  # one segment per run of a style: each segment costs its colour codes

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._key = self._style = None

    def render_line(self, y: int) -> Strip:
        key = (self.size, self.base_style)
        if key != self._key:
            self._key = key
            self._strips = [self._strip(line, key[0].width, key[1]) for line in self.lines]
        if y < len(self._strips):
            return self._strips[y]
        return Strip.blank(key[0].width, key[1])


class LiveText(LiveLines):
    """A text wrapped to the widget's width, like a `Static` whose updates cost only what changed."""

    def __init__(self, text: str | Text = "", *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.text = Text(text) if isinstance(text, str) else text
        self.lines = list(self.text.split())  # wrapped once the width is known
        self._wrapped_at = -1
        self._reserve = ""  # a text whose rows this one keeps, at whatever width
        self._reserved: tuple[str, int, int] = ("", -1, 0)  # (reserve, width, its rows)
        self._shown: str | Text | None = None  # what `show` was last given
        self._wraps: dict[tuple[object, ...], list[Text]] = {}

    def show(self, text: str | Text, reserve: str = "") -> None:
        """Show `text` instead (plain strings are not read as markup), in at least the rows that
        `reserve` takes at the widget's width (blank at the end): what lies around does not move
        when the text gets shorter, and the rows depend on the two texts alone."""
        width = self.size.width
        if width == self._wrapped_at and reserve == self._reserve and isinstance(text, str) and text == self._shown:
            return  # the same words as the last time: not even made into a Text
        self._shown = text
        text = Text(text) if isinstance(text, str) else text
        if text != self.text or width != self._wrapped_at or reserve != self._reserve:
            self.text, self._wrapped_at, self._reserve = text, width, reserve
            self.show_lines(self._rows(width))

    def _wrap(self, width: int) -> list[Text]:
        wraps: dict[tuple[object, ...], list[Text]] = {}
        lines = wrapped(self.text, width, self.app.console, self._wraps, wraps)
        self._wraps = wraps  # the long lines of this text: the next text mostly repeats them
        return lines

    def _reserved_rows(self, width: int) -> int:
        if not self._reserve:
            return 0
        if self._reserved[:2] != (self._reserve, width):
            self._reserved = (self._reserve, width, len(wrapped(Text(self._reserve), width, self.app.console)))
        return self._reserved[2]

    def _rows(self, width: int) -> list[Text]:
        """The wrapped text, and blank rows up to the rows reserved."""
        lines = self._wrap(width)
        return lines + [Text()] * (self._reserved_rows(width) - len(lines))

    def render(self) -> Text:
        """The text as a whole, unwrapped (the screen gets it line by line from `render_line`)."""
        return self.text

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(len(self._wrap(width)), self._reserved_rows(width))

    def on_resize(self) -> None:
        self._wrapped_at = self.size.width
        self.lines = self._rows(self.size.width)
        self._key = None
        self.refresh()  # the screen may already hold lines drawn before the new width was known


def wrapped(text: Text, width: int, console: Console, known: dict[tuple[object, ...], list[Text]] | None = None,
            wraps: dict[tuple[object, ...], list[Text]] | None = None) -> list[Text]:
    """`text` as lines of at most `width` cells, split at its own line breaks too: a line
    break inside a strip would reach the terminal and move its cursor. A long line found in
    `known` is taken from there; every long line goes into `wraps`."""
    lines = list(text.split())
    if not width or all(line.cell_len <= width for line in lines):
        return lines  # nothing to wrap: much cheaper than asking Rich
    out: list[Text] = []
    for line in lines:
        if line.cell_len <= width:
            out.append(line)
            continue
        key = (line.plain, tuple(line.spans), line.style, line.justify, line.overflow, width)
        rows = (known or {}).get(key) or list(line.wrap(console, width))
        if wraps is not None:
            wraps[key] = rows
        out += rows
    return out


def _changed_span(old: Strip, new: Strip) -> tuple[int, int] | None:
    """The cells from the first to the last that differ between `old` and `new` (end exclusive), if any."""
    def cells(strip: Strip) -> list[tuple[str, object]]:
        return [(char, segment.style) for segment in strip for char in segment.text]

    before, after = cells(old), cells(new)
    common, longest = min(len(before), len(after)), max(len(before), len(after))
    first = next((index for index in range(common) if before[index] != after[index]), common)
    if first == longest:
        return None
    if len(before) != len(after):  # the cells past the shorter one differ
        return first, longest
    return first, next(index for index in range(common - 1, first - 1, -1) if before[index] != after[index]) + 1
