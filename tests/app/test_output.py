"""What a partial update sends: only the dirty spans, in as few colour changes as look the same (tui.output)."""

from __future__ import annotations

import io
import re

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual._compositor import ChopsUpdate
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from tui.output import crop_partial_updates, joined
from tui.widgets.cells import runs

DOT, GROUND = Style(color="#a0a0a0", bgcolor="#121212"), Style(color="#e4e4e4", bgcolor="#121212")
LINED = Style(color="#e4e4e4", bgcolor="#121212", underline=True)
CONSOLE = Console(file=io.StringIO(), color_system="truecolor", force_terminal=True, legacy_windows=False)


def sent(strip: Strip, x1: int, x2: int) -> str:
    """What updating columns x1..x2 of a line that is one piece of 20 cells sends."""
    crop_partial_updates()
    return ChopsUpdate([{0: strip}], [(0, x1, x2)], [[20]]).render_segments(CONSOLE)


def test_a_dirty_span_at_the_right_sends_that_span_only():
    line = Strip([Segment("abcdefghij", GROUND), Segment("klmnopqrst", DOT)])
    assert sent(line, 12, 14) == "\x1b[1;13H" + Strip([Segment("mn", DOT)]).render(CONSOLE)


def test_a_piece_with_a_wide_character_is_sent_from_its_left_edge():
    line = Strip([Segment("日本" + "x" * 16, GROUND)])
    update = sent(line, 12, 14)
    assert update.startswith("\x1b[1;1H") and "日本" in update  # cutting 本 in half would blank its other half


def test_a_blank_joins_the_segment_beside_it_when_it_looks_the_same_there():
    dots = [Segment("⠂", DOT), Segment("  ", GROUND), Segment("⠄", DOT), Segment(" ", GROUND)]
    assert joined(dots) == [Segment("⠂  ⠄ ", DOT)]
    assert joined([Segment(" ", GROUND), Segment("⠂", DOT)]) == [Segment(" ⠂", DOT)]


def test_a_blank_keeps_its_style_when_that_would_show():
    underlined = [Segment("⠂", DOT), Segment(" ", LINED), Segment("⠄", DOT)]
    assert joined(underlined) == underlined
    other_ground = [Segment("⠂", DOT), Segment(" ", Style(bgcolor="#ffffff")), Segment("⠄", DOT)]
    assert joined(other_ground) == other_ground


def test_close_changes_are_one_run_and_distant_ones_two():
    assert runs([5, 7, 6]) == [(5, 8)]
    assert runs([2, 5]) == [(2, 6)]  # two unchanged cells cost less than a second cursor move
    assert runs([2, 9]) == [(2, 3), (9, 10)]


class Corner(Widget):
    def render_line(self, y: int) -> Strip:
        return Strip([Segment("." * self.size.width, GROUND)])


class CornerApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Corner()


async def test_a_refreshed_cell_in_a_running_app_reaches_the_terminal_alone():
    """The partial update of one cell at the right of a wide widget: a cursor move and that cell."""
    crop_partial_updates()
    app = CornerApp()
    async with app.run_test(size=(60, 5)) as pilot:
        corner = app.query_one(Corner)
        await pilot.pause()
        corner.refresh(Region(57, 2, 1, 1))
        app.screen._compositor.update_widgets({corner})
        update = app.screen._compositor.render_update().render_segments(CONSOLE)
        assert update.startswith("\x1b[3;58H")
        assert re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", update) == "."


def test_gdtui_sends_cropped_updates(monkeypatch):
    from tests.conftest import make_app
    from tui import output

    monkeypatch.setattr(ChopsUpdate, "render_segments", lambda self, console: "")
    make_app("welcome")
    assert ChopsUpdate.render_segments is output._render_segments


class Rows(Widget):
    """Every cell says which widget, which version and which row it is; it notes what it was asked to render."""

    def __init__(self, name: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.label, self.version, self.crops = name, 0, []

    def render_lines(self, crop: Region) -> list[Strip]:
        self.crops.append(crop)
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        return Strip([Segment(f"{self.label}{self.version}{y}".ljust(self.size.width, "~"), GROUND)])


class ColumnsApp(App[None]):
    CSS = "Rows { width: 1fr; height: 1fr; } #bar { height: 1; width: 100%; }"

    def compose(self) -> ComposeResult:
        from textual.containers import Horizontal

        yield Rows("T", id="bar")
        with Horizontal():
            yield Rows("L", id="left")
            yield Rows("M", id="middle")
            yield Rows("R", id="right")


async def test_a_partial_update_renders_only_the_rows_a_dirty_span_crosses_and_the_screen_is_right(monkeypatch):
    """A changed top line and one changed row at the bottom right: the widgets between them are not
    rendered again, the changed one only in that row, the container behind it not at all (its
    children cover it), and the terminal then shows what a full render does."""
    import pyte

    crop_partial_updates()
    app = ColumnsApp()
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        compositor = app.screen._compositor
        terminal = pyte.Screen(60, 12)
        stream = pyte.Stream(terminal)
        stream.feed(compositor.render_update(full=True).render_segments(CONSOLE))
        bar, middle, right = (app.query_one(f"#{name}", Rows) for name in ("bar", "middle", "right"))
        rendered = []
        render_lines = Widget.render_lines
        monkeypatch.setattr(Widget, "render_lines", lambda self, crop: (rendered.append(self), render_lines(self, crop))[1])
        for widget in (bar, middle, right):
            widget.crops.clear()
        bar.version = right.version = 1
        bar.refresh()
        right.refresh(Region(0, 7, right.size.width, 1))
        compositor.update_widgets({bar, right})
        stream.feed(compositor.render_update().render_segments(CONSOLE))
        assert middle.crops == [] and rendered == [right, bar]  # not the columns' container, nor the screen
        assert right.crops == [Region(0, 7, right.size.width, 1)]
        assert terminal.display == [strip.text for strip in compositor.render_strips()]
        assert terminal.display[8].endswith("R17" + "~" * 17)  # the right column's row 7, new; its row 6 old
        assert terminal.display[7].endswith("R06" + "~" * 17)
