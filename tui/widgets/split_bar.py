"""A data set drawn as one bar, cut into parts as wide as their share of the examples.

Each part fills its stretch with its own glyph (dense, medium, light), so the
parts stay apart in NO_COLOR and in ASCII; colour only adds to that. The line
under the bar names each part where it fits; the selected part's name is shown
reversed. The bar changes only when the split does, so a plain `render` is enough.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import cycle, islice

from rich.text import Text
from textual.widget import Widget

from tui.glyphs import glyphs


@dataclass(frozen=True)
class BarPart:
    """One stretch of the bar: a name, how many examples, and the glyph that fills it."""

    label: str
    count: int
    fill: str


def stretch_widths(counts: Sequence[int], width: int) -> list[int]:
    """Columns per part, proportional to `counts` and summing to `width`.

    Largest remainder rounding, and every non-empty part gets at least one
    column, so a small validation set never vanishes from the picture.
    """
    total = sum(counts)
    if total == 0 or width <= 0:
        return [0] * len(counts)
    exact = [width * count / total for count in counts]
    widths = [max(int(share), 1 if count else 0) for share, count in zip(exact, counts)]
    by_remainder = sorted(range(len(counts)), key=lambda i: exact[i] - int(exact[i]), reverse=True)
    for index in islice(cycle(by_remainder), max(width - sum(widths), 0)):
        widths[index] += 1
    while sum(widths) > width:  # the one-column minimums overshot
        widths[widths.index(max(widths))] -= 1
    return widths


def fitted(label: str, width: int) -> str:
    """`label`, cut to `width` cells with an ellipsis when it is longer."""
    if len(label) <= width:
        return label
    return label[: width - 1] + glyphs("…") if width > 1 else ""


class SplitBar(Widget):
    """Two lines: the bar, and under each stretch its name."""

    COMPONENT_CLASSES = {"split-bar--part-0", "split-bar--part-1", "split-bar--part-2", "split-bar--selected"}
    DEFAULT_CSS = """
    SplitBar { height: 2; }
    SplitBar > .split-bar--part-0 { color: $primary; }
    SplitBar > .split-bar--part-1 { color: $secondary; }
    SplitBar > .split-bar--part-2 { color: $accent; }
    SplitBar > .split-bar--selected { text-style: reverse bold; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.parts: tuple[BarPart, ...] = ()
        self.selected: int | None = None

    def show(self, parts: Sequence[BarPart], selected: int | None) -> None:
        """Draw `parts` (at most three), marking the part at index `selected`."""
        self.parts, self.selected = tuple(parts), selected
        self.refresh()

    def render(self) -> Text:
        widths = stretch_widths([part.count for part in self.parts], self.content_size.width)
        bar, names = Text(), Text()
        for index, (part, width) in enumerate(zip(self.parts, widths)):
            colour = self.get_component_rich_style(f"split-bar--part-{index}")
            bar.append(glyphs(part.fill) * width, colour)
            name = fitted(part.label, width - (index < len(self.parts) - 1)).ljust(width)
            if index == self.selected:
                selected = self.get_component_rich_style("split-bar--selected")
                names.append(name.rstrip(), colour + selected)
                names.append(name[len(name.rstrip()):], colour)
            else:
                names.append(name, colour)
        return Text("\n").join([bar, names])
