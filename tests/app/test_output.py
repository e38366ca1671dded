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
