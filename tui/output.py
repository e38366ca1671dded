"""Send the terminal only the cells a widget asked to repaint, in as few colour changes as look the same.

Textual 8.2 writes a partial update (`textual._compositor.ChopsUpdate`) as
the pieces of each dirty line between widget edges, and crops a piece at the
right end of the dirty span but not at its left ("TODO: crop to x extents"
in its source): a widget that refreshes one cell at its right edge re-sends
the whole line from its left edge. Each segment of a piece is then sent
with its full colour codes (about 40 bytes in truecolor) and a reset, so a
scatter of dots on blank ground costs a segment per dot and one per gap.
Over SSH, sixty students each watching a live scene pay for those bytes.

`crop_partial_updates` makes Textual's partial updates start at the dirty
span too, so `refresh(Region(x, y, w, 1))` costs w cells, and lets a blank
join the segment beside it when it looks the same there (same background,
nothing a style draws on a blank: underline, strike, inversion, a link).
A piece is cropped on the left only when every character in it is one cell
wide: cutting through a wide character would overwrite its other half.
Full repaints (a new screen, a resize) are Textual's own, unchanged.

It also makes Textual render less for a partial update: Textual asks every
widget that overlaps the box around all dirty regions for all of its rows,
so a status line at the top and a number at the bottom made each chart and
map in between render every row again (from its cache, but at a few
milliseconds a frame). Now a widget is asked only for the rows from its
first to its last that a dirty span crosses where no widget in front has
painted it yet, and not at all when there is no such row (a container
behind its children): cells outside the dirty spans are never sent, and a
piece painted in front wins, so what the widget would have drawn there does
not matter.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache

from rich.console import Console
from rich.control import Control
from rich.segment import Segment
from rich.style import Style
from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region
from textual.strip import Strip

#: What a style can draw on a blank cell besides its background.
_SEEN_ON_BLANK = ("reverse", "underline", "underline2", "strike", "overline", "blink", "blink2", "frame", "encircle")


def crop_partial_updates() -> None:
    """From now on every partial update sends only the dirty spans, in fewer segments (idempotent)."""
    ChopsUpdate.render_segments = _render_segments  # type: ignore[method-assign]
    Compositor.render_partial_update = _render_partial_update  # type: ignore[method-assign]


def _render_partial_update(self: Compositor) -> ChopsUpdate | None:
    """Textual's `Compositor.render_partial_update`, rendering of each widget only the rows that a
    dirty span crosses inside it (see the module's docstring)."""
    regions = self._dirty_regions.copy()
    self._dirty_regions.clear()
    if not regions:
        return None
    spans = list(self._regions_to_spans(regions))
    by_row: dict[int, list[tuple[int, int]]] = {}
    for y, x1, x2 in spans:
        by_row.setdefault(y, []).append((x1, x2))
    dirty_rows = sorted(by_row)
    cuts = self.cuts
    chops: list[dict[int, Strip | None]] = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]
    for widget, (region, clip) in self.visible_widgets.items():
        visible = region.intersection(clip)
        left, right = visible.x, visible.right
        rows = [y for y in dirty_rows[bisect_left(dirty_rows, visible.y):bisect_left(dirty_rows, visible.bottom)]
                if _wanted(chops[y], cuts[y], by_row[y], left, right)]
        if not rows:
            continue  # nothing of it is sent: no dirty span crosses it, or widgets in front cover it there
        top = rows[0]
        strips = widget.render_lines(Region(left - region.x, top - region.y, visible.width, rows[-1] + 1 - top))
        for y, strip in zip(range(top, rows[-1] + 1), strips):
            if y not in by_row:
                continue
            line = chops[y]
            final_cuts = [cut for cut in cuts[y] if right >= cut >= left]
            for cut, piece in zip(final_cuts, strip.divide([cut - left for cut in final_cuts[1:]])):
                if line.get(cut) is None:  # front to back: the first widget to paint a cut wins
                    line[cut] = piece
    return ChopsUpdate(chops, spans, [cut_set[1:] for cut_set in cuts])


def _wanted(line: dict[int, Strip | None], cuts: list[int], spans: list[tuple[int, int]], left: int, right: int) -> bool:
    """A piece of this line between `left` and `right` is crossed by a dirty span and not yet painted
    by a widget in front (a container behind its children paints nothing that is seen)."""
    for start, end in zip(cuts, cuts[1:]):
        if start >= right:
            return False
        if start >= left and line[start] is None and any(x1 < end and x2 > start for x1, x2 in spans):
            return True
    return False


def _render_segments(self: ChopsUpdate, console: Console) -> str:
    """Textual's `ChopsUpdate.render_segments`, cropping each piece to the dirty span on both ends."""
    sequences: list[str] = []
    append = sequences.append
    move_to = Control.move_to
    chops, chop_ends = self.chops, self.chop_ends
    last_y = self.spans[-1][0]
    for y, x1, x2 in self.spans:
        for end, (x, strip) in zip(chop_ends[y], chops[y].items()):
            if strip is None or x >= x2 or end <= x1:
                continue
            start = x1 if x < x1 and _narrow(strip) else x
            if start != x or end > x2:
                strip = strip.crop(start - x, min(end, x2) - x)
            append(move_to(start, y).segment.text)
            append(Strip(joined(strip), strip.cell_length).render(console))
        if y != last_y:
            append("\n")
    return "".join(sequences)


def _narrow(strip: Strip) -> bool:
    """Every character of the strip takes one cell: it can be cut anywhere."""
    return sum(len(segment.text) for segment in strip) == strip.cell_length


def joined(segments: Strip | list[Segment]) -> list[Segment]:
    """The segments with blanks drawn in a neighbour's style where that looks the same, and then
    neighbours of one style as one segment."""
    out: list[Segment] = []
    for segment in segments:
        text, style, control = segment
        if out and not control and not out[-1].control:
            last = out[-1]
            if style == last.style or (text.isspace() and _alike(style, last.style)):
                out[-1] = Segment(last.text + text, last.style)
                continue
            if last.text.isspace() and _alike(last.style, style):
                out[-1] = Segment(last.text + text, style)
                continue
        out.append(segment)
    return out


def _alike(blank: Style | None, other: Style | None) -> bool:
    """A blank drawn in `other` looks as in `blank`."""
    return blank is not None and other is not None and _looks_alike(blank, other)


@lru_cache(maxsize=4096)
def _looks_alike(blank: Style, other: Style) -> bool:
    return (blank.bgcolor == other.bgcolor and blank.link == other.link
            and not any(getattr(s, name) for s in (blank, other) for name in _SEEN_ON_BLANK))
