"""Where a line of text may break: between words, never inside a formula.

Rich and Textual break a line at any space, so "x = −1" could end one line
with "x" and start the next with "= −1", and "|f′(x)| ≥ 0,001" could lose its
bound to the next line. Here a space beside a relation or operator sign
holds its neighbours together, as a typesetter's non-breaking space would.
A formula longer than the line is still folded, as any long word is.
"""

from __future__ import annotations

import re

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

OPERATORS = "=≠≈≤≥<>←→⇔+−·×"
_GLUED = re.compile(rf"(?<=[{OPERATORS}]) | (?=[{OPERATORS}](?: |$))")
_HOLD = "\ue000"  # one cell wide and not a space: Rich's wrapping does not break at it


def wrapped(text: Text, width: int, console: Console) -> list[Text]:
    """`text` as lines of at most `width` cells, split at its own line breaks too: a line
    break inside a strip would reach the terminal and move its cursor."""
    lines = list(text.split())
    if not width or all(line.cell_len <= width for line in lines):
        return lines  # nothing to wrap: much cheaper than asking Rich
    held = text.copy()
    held.plain = _GLUED.sub(_HOLD, text.plain)  # one character for one: the styles keep their places
    result = list(held.wrap(console, width))
    for line in result:
        line.plain = line.plain.replace(_HOLD, " ")
    return result


class Wrapped:
    """A Rich renderable of `text` that breaks its lines as `wrapped` does (for tables and groups)."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text.plain

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield Text("\n").join(wrapped(self.text, options.max_width, console))

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.text)
