"""The chart: series land on the cells the axes say, a frame repaints only the cells that changed,
and far-off or non-finite values cost nothing and change nothing on screen."""

from __future__ import annotations

import math

import pytest
from textual.app import App, ComposeResult
from textual.geometry import Region

from tests.conftest import FakeClock, until, watch_cells
from tui.glyphs import glyphs
from tui.widgets.chart import Axes, Chart, Series
from tui.widgets.reach import REACH, within

AXES = Axes((-4.0, 2.0), (-3.0, 17.0), ([-4.0, 0.0, 2.0], ["-4", "0", "2"]), ([0.0, 8.0, 16.0], ["0", "8", "16"]))
BOX = AXES.reach()
INF, NAN = math.inf, math.nan
SIZE = (40, 12)  # plot area: columns 3..39 (37 wide), rows 0..9 (10 high)
CURVE = Series([-4.0, -1.0, 2.0], [16.0, -2.0, 16.0], "braille", ".", "curve")


class PlotApp(App[None]):
    def __init__(self, plot: Chart) -> None:
        super().__init__()
        self.plot = plot

    def compose(self) -> ComposeResult:
        yield self.plot


def new_chart(clock=None) -> Chart:
    return Chart(AXES, max_fps=10.0, clock=clock or FakeClock())


def drawn(plot: Chart) -> list[str]:
    return [plot.row_strip(y).text for y in range(plot.size.height)]


def cell(col: int, row: int) -> Region:
    return Region(col, row, 1, 1)


def ball(x: float, y: float) -> Series:
    return Series([x], [y], "●", "o", "walker", points=True)


async def draw(series: list[Series]) -> list[str]:
    """What the chart shows of `series` at 40x12."""
    plot = new_chart()
    async with PlotApp(plot).run_test(size=SIZE) as pilot:
        plot.show(series)
        await pilot.pause()
        return drawn(plot)


async def test_points_and_ticks_land_where_the_axes_say():
    lines = await draw([ball(-4.0, 17.0), ball(2.0, -3.0), ball(-1.0, 7.0)])
    assert lines[0][3] == "●" and lines[9][39] == "●"  # the corners of the window
    assert lines[5][3 + int(3 / 6 * 37)] == "●"  # (-1, 7): half way across, half way down
    assert lines[10].startswith("  └┬") and lines[8].startswith(" 0┤") and lines[0].startswith("16┤")
    assert lines[11].split() == ["-4", "0", "2"]


async def test_a_line_has_no_gaps_and_braille_packs_dots():
    lines = await draw([CURVE])
    plot_rows = [line[3:] for line in lines[:10]]
    columns = {col for row in plot_rows for col, char in enumerate(row) if char != " "}
    assert columns == set(range(37))  # the curve crosses every column
    assert all("\u2800" < char <= "\u28ff" for row in plot_rows for char in row if char != " ")


def sub_cells(across: list[int]) -> Series:
    """Braille points at every sub-cell row of the given sub-cell columns of the top left cell."""
    points = [(-4.0 + (u + 0.5) * 6 / 74, 17.0 - (v + 0.5) * 20 / 40) for u in across for v in range(4)]
    return Series([x for x, _ in points], [y for _, y in points], "braille", ".", "faint", points=True)


async def test_braille_points_in_one_cell_are_one_character_of_all_their_dots():
    both, left = await draw([sub_cells([0, 1])]), await draw([sub_cells([0])])
    assert both[0][3] == "\u28ff" and left[0][3] == "\u2847"  # ⣿ all eight dots; ⡇ the left four
    assert [line[4:] for line in both[:10]] == [" " * 36] * 10  # nothing anywhere else


async def test_moving_a_point_repaints_only_its_old_and_new_cell(monkeypatch):
    clock = FakeClock()
    plot = new_chart(clock)
    async with PlotApp(plot).run_test(size=SIZE) as pilot:
        plot.show([CURVE, ball(-3.0, 12.0)])
        await pilot.pause()
        painted = watch_cells(monkeypatch)
        clock.advance(1.0)
        plot.show([CURVE, ball(0.0, 2.0)])
        assert sorted(painted) == [cell(9, 2), cell(27, 7)]  # the old and the new cell, nothing else
        painted.clear()
        clock.advance(1.0)
        plot.show([CURVE, ball(0.0, 2.0)])
        assert painted == []  # nothing changed: nothing is sent


async def test_new_axes_repaint_what_moved_and_a_new_theme_everything(monkeypatch):
    clock = FakeClock()
    plot = new_chart(clock)
    async with PlotApp(plot).run_test(size=SIZE) as pilot:
        plot.show([CURVE])
        await pilot.pause()
        before = list(plot.row_strip(10))[0].style
        painted = watch_cells(monkeypatch)
        clock.advance(1.0)
        plot.show([CURVE], Axes((-4.0, 4.0), AXES.ylim, AXES.xticks, AXES.yticks))
        assert all(region.height == 1 for region in painted) and 10 in {region.y for region in painted}
        assert sum(region.area for region in painted) < plot.size.area / 2  # the cells that changed, not the chart
        monkeypatch.undo()
        pilot.app.theme = "textual-light"
        await pilot.pause()
        assert list(plot.row_strip(10))[0].style != before


async def test_redraws_are_throttled_and_the_last_show_wins():
    clock = FakeClock()
    plot = new_chart(clock)
    async with PlotApp(plot).run_test(size=SIZE) as pilot:
        plot.show([ball(-3.0, 12.0)])
        for x in (-2.0, -1.0, 0.0):
            plot.show([ball(x, 2.0)])
        assert plot.redraws == 1
        assert plot.redraw_pending
        await until(pilot, lambda: not plot.redraw_pending)  # the interval (0.1 s) passes on the timer
        assert plot.redraws == 2 and "●" in drawn(plot)[7][27:28]


async def test_ascii_locale_draws_ascii_markers_and_frame():
    glyphs.unicode = False  # the autouse fixture puts it back
    lines = await draw([CURVE, ball(-1.0, 7.0)])
    assert set("".join(lines)) <= set(" .o|+-`0123456789")
    assert lines[5][3 + int(3 / 6 * 37)] == "o"


async def test_every_segment_has_a_style():
    plot = new_chart()
    async with PlotApp(plot).run_test(size=SIZE) as pilot:
        plot.show([CURVE, ball(0.0, 2.0)])
        await pilot.pause()
        strips = [plot.row_strip(y) for y in range(plot.size.height)]
        assert all(segment.style is not None for strip in strips for segment in strip)


def test_a_line_within_reach_is_drawn_as_given():
    xs, ys = [-5.0, 0.0, 1.5, 30.0], [40.0, 1.0, -2.0, 100.0]
    assert within(BOX, xs, ys, points=False) == [(xs, ys)]


def test_a_line_to_a_far_point_is_cut_at_the_reach_on_its_course():
    [(xs, ys)] = within(BOX, [0.0, 1e12], [1.0, 1e12 + 1.0], points=False)
    assert xs[0] == 0.0 and ys[0] == 1.0
    assert xs[1] == pytest.approx(AXES.xlim[1] + REACH * 6.0)  # leaves through the right of the reach
    assert ys[1] - xs[1] == pytest.approx(1.0)  # still on the line y = x + 1


def test_non_finite_values_split_the_line_and_far_segments_vanish():
    xs = [0.0, 1.0, INF, 1.5, NAN, -1.0, -2.0, 1e12, -1e12, 0.5]
    ys = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 1e12, 1e12, 0.0]
    pieces = within(BOX, xs, ys, points=False)
    assert pieces[:2] == [([0.0, 1.0], [1.0, 2.0]), ([1.5], [4.0])]  # 1.5 is alone between inf and nan
    (out_x, out_y), (in_x, in_y) = pieces[2:]  # the segment from 1e12 to -1e12 stays above: it is gone
    assert (out_x[:2], out_y[:2]) == ([-1.0, -2.0], [6.0, 7.0]) and out_x[2] == pytest.approx(BOX.right)
    assert (in_x[1], in_y[1]) == (0.5, 0.0) and in_x[0] == pytest.approx(BOX.left)


def test_points_outside_the_reach_or_not_finite_are_left_out():
    assert within(BOX, [0.0, 1e12, INF, NAN, 1.0], [1.0, 2.0, 3.0, 4.0, -INF], points=True) == [([0.0], [1.0])]
    assert within(BOX, [1e12], [0.0], points=True) == []


@pytest.mark.parametrize("far", [1e12, INF, -INF, NAN, 1e300])
async def test_a_diverged_series_shows_its_near_part(far):
    near = [Series([-1.0, 1.0, 0.0, 3.0], [1.0, 9.0, 4.0, 4.0], "*", "*", "walker")]  # leaves the chart at x = 2
    diverged = [Series([-1.0, 1.0, 0.0, 3.0, far, -far], [1.0, 9.0, 4.0, 4.0, far * far, far * far], "*", "*",
                       "walker"),
                Series([far, 0.5], [far, 8.0], "o", "o", "curve", points=True)]
    expected = await draw(near + [Series([0.5], [8.0], "o", "o", "curve", points=True)])
    assert await draw(diverged) == expected
