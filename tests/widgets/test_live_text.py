"""Live text and the descent table: a change repaints only the lines that changed."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.geometry import Region

from tests.conftest import screen_lines
from tui.widgets.descent_steps import DescentSteps
from tui.widgets.live_text import LiveText


class TextApp(App[None]):
    CSS = "DescentSteps { height: 8; width: 30; }"

    def compose(self) -> ComposeResult:
        yield LiveText("x = 1\nf(x) = 2\nslope 3", id="readout")
        yield DescentSteps(id="table")


def watch(monkeypatch, widget) -> list[Region]:
    """The regions `widget` asks to repaint from now on (a whole repaint is the widget's region)."""
    painted: list[Region] = []
    monkeypatch.setattr(widget, "refresh", lambda *regions, **_: painted.extend(regions or [widget.region]))
    return painted


def lines_of(widget) -> list[str]:
    return [strip.text.rstrip() for strip in widget.render_lines(Region(0, 0, *widget.size))]


async def test_a_changed_number_repaints_only_the_cells_that_changed(monkeypatch):
    async with TextApp().run_test(size=(40, 12)) as pilot:
        readout = pilot.app.query_one(LiveText)
        await pilot.pause()
        readout.refresh()  # drawn once styles have settled
        await pilot.pause()
        assert lines_of(readout) == ["x = 1", "f(x) = 2", "slope 3"]
        painted = watch(monkeypatch, readout)
        readout.show("x = 1\nf(x) = 2.5\nslope 3")
        assert painted == [Region(len("f(x) = 2"), 1, len(".5"), 1)]
        painted.clear()
        readout.show("x = 1\nf(x) = 2.5\nslope 3")
        assert painted == []
        assert [line.plain for line in readout.lines] == ["x = 1", "f(x) = 2.5", "slope 3"]


async def test_a_new_row_repaints_two_lines_and_a_full_page_turns(monkeypatch):
    async with TextApp().run_test(size=(40, 12)) as pilot:
        table = pilot.app.query_one(DescentSteps)
        rows = [["0", "6.000"]]
        table.show("", ["k", "f(x)"], rows, "walking")
        await pilot.pause()
        painted = watch(monkeypatch, table)
        for k in range(1, 6):  # 8 lines: header, status and 6 rows
            rows.append([str(k), f"{6 - k}.000"])
            table.show("", ["k", "f(x)"], rows, "walking")
            assert sorted(region.y for region in painted) == [k + 1, k + 2]  # the new row and the status under it
            painted.clear()
        rows.append(["6", "0.000"])
        table.show("", ["k", "f(x)"], rows, "walking")  # the seventh row does not fit: the page turns
        assert [row[0] for row in table.visible_rows] == ["3", "4", "5", "6"]
        assert [line.plain for line in table.lines][:6] == ["k   f(x)", "3  3.000", "4  2.000", "5  1.000",
                                                           "6  0.000", "walking"]


async def test_a_new_theme_draws_the_lines_in_its_colours():
    async with TextApp().run_test(size=(40, 12)) as pilot:
        readout = pilot.app.query_one(LiveText)
        await pilot.pause()
        before = {segment.style for segment in readout.render_line(0)}
        pilot.app.theme = "textual-light"
        await pilot.pause()
        after = {segment.style for segment in readout.render_line(0)}
        assert before != after and None not in after


class NarrowApp(App[None]):
    CSS = "LiveText { width: 20; height: 2; }"

    def compose(self) -> ComposeResult:
        yield LiveText(id="late")


async def test_text_shown_before_the_width_is_known_is_wrapped_on_screen_once_it_is():
    app = NarrowApp()
    async with app.run_test(size=(40, 6)) as pilot:
        widget = app.query_one(LiveText)
        widget.styles.width = 0  # as a widget not laid out yet: no width to wrap to
        await pilot.pause()
        widget.show("one two three four five six")
        widget.styles.width = 20
        await pilot.pause()
        shown = [line.rstrip() for line in screen_lines(app)[:2]]
        assert shown == ["one two three four", "five six"]


async def test_a_heading_with_a_line_break_is_two_lines_even_when_it_fits():
    """A line break that reached a strip moved the terminal's cursor: the verdict was drawn at
    column 0 over the chart, and the heading's old digits stayed ("q = −1,8" for −1)."""
    async with TextApp().run_test(size=(40, 12)) as pilot:
        table = pilot.app.query_one(DescentSteps)
        table.show("q = −0.8\nzig-zags", ["k", "x"], [["0", "1.0"]], "running")
        await pilot.pause()
        table.show("q = −1\nswings", ["k", "x"], [["0", "1.0"]], "running")
        await pilot.pause()
        assert lines_of(table)[:2] == ["q = −1", "swings"]
        assert not any("\n" in segment.text for strip in table.render_lines(Region(0, 0, *table.size))
                       for segment in strip)
        shown = screen_lines(pilot.app)
        assert "q = −1" in shown[3] and "swings" in shown[4] and "−1.8" not in " ".join(shown)


class HoldApp(App[None]):
    CSS = "LiveText { width: 20; }"

    def compose(self) -> ComposeResult:
        yield LiveText("one\ntwo\nthree", id="held")
        yield LiveText("below", id="below")


async def test_a_text_given_rows_keeps_them_so_what_is_below_does_not_move(monkeypatch):
    async with HoldApp().run_test(size=(40, 8)) as pilot:
        held, below = pilot.app.query_one("#held", LiveText), pilot.app.query_one("#below", LiveText)
        await pilot.pause()
        layouts = []
        refresh = held.refresh
        monkeypatch.setattr(held, "refresh", lambda *r, layout=False, **o: (layouts.append(layout), refresh(*r, layout=layout, **o)))
        held.show("one line", reserve="one\ntwo\nthree")
        await pilot.pause()
        assert [line.plain for line in held.lines] == ["one line", "", ""] and not any(layouts)
        assert below.region.y == 3
        held.show("one\ntwo\nthree\nfour", reserve="one\ntwo\nthree")  # more rows than that: it grows
        await pilot.pause()
        assert below.region.y == 4
        held.show("one line")  # let go: it shrinks to its text
        await pilot.pause()
        assert below.region.y == 1 and [line.plain for line in held.lines] == ["one line"]


async def test_a_long_line_seen_the_last_time_is_not_wrapped_again(monkeypatch):
    from rich.text import Text

    app = NarrowApp()
    async with app.run_test(size=(40, 6)) as pilot:
        widget = app.query_one(LiveText)
        await pilot.pause()
        wraps = []
        wrap = Text.wrap
        monkeypatch.setattr(Text, "wrap", lambda self, *a, **k: (wraps.append(self.plain), wrap(self, *a, **k))[1])
        widget.show("k = 1\none two three four five six")
        widget.show("k = 2\none two three four five six")
        assert wraps == ["one two three four five six"]
        assert [line.plain.rstrip() for line in widget.lines] == ["k = 2", "one two three four", "five six"]
