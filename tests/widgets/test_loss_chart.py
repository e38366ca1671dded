"""The loss chart: wild values (a diverged run) draw; values that are not finite are left out;
the axes grow in round steps, so a new epoch repaints only its new cells."""

from __future__ import annotations

import math

import pytest
from textual.app import App, ComposeResult

from tests.conftest import FakeClock, watch_cells
from tui.widgets.chart import Series
from tui.widgets.loss_chart import FixedY, LossChart, _levels, _row_of


class ChartApp(App[None]):
    def compose(self) -> ComposeResult:
        yield LossChart()


async def draw(series: list[Series]) -> list[str]:
    """What the chart shows of `series` at 50x12."""
    app = ChartApp()
    async with app.run_test(size=(50, 12)) as pilot:
        chart = app.query_one(LossChart)
        chart.show_losses(series, now=True)
        await pilot.pause()
        return [chart.row_strip(y).text for y in range(chart.size.height)]


SANE = Series([0, 1, 2, 3], [1.0, 0.8, 0.6, 0.5], "*", "*", "walker")


@pytest.mark.parametrize("wild", [1e12, 1e308, -1e12, -1e308, math.inf, -math.inf, math.nan])
async def test_wild_values_draw(wild):
    lines = await draw([SANE, Series([1, 2, 3], [0.9, wild, 0.7], "o", "o", "curve")])
    assert len(lines) == 12 and "*" in "".join(lines)


@pytest.mark.parametrize("wild", [math.inf, -math.inf, math.nan])
async def test_values_that_are_not_finite_are_left_out(wild):
    expected = await draw([SANE, Series([1, 3], [0.9, 0.7], "o", "o", "curve")])
    lines = await draw([SANE, Series([1, 2, 3], [0.9, wild, 0.7], "o", "o", "curve")])
    assert lines == expected


async def test_axes_grow_in_round_steps_and_an_epoch_costs_only_its_new_cells(monkeypatch):
    clock = FakeClock()
    app = ChartApp()
    async with app.run_test(size=(50, 12)) as pilot:
        chart = app.query_one(LossChart)
        chart.clock = clock
        losses = [0.69, 0.6, 0.52, 0.47, 0.43, 0.41, 0.4, 0.39, 0.385, 0.38, 0.378, 0.377]
        chart.show_losses([Series(range(1, 5), losses[:4], "*", "*", "walker")], x_min_span=10, now=True)
        await pilot.pause()
        assert (chart.axes.xlim, chart.axes.ylim) == ((0.0, 10.0), (0.0, 1.0))  # 0.69, a quarter above it, rounded up
        painted = watch_cells(monkeypatch)
        chart.show_losses([Series(range(1, 6), losses[:5], "*", "*", "walker")], x_min_span=10, now=True)
        assert painted and all(region.height == 1 for region in painted)
        assert sum(region.area for region in painted) <= 8  # the new point and the line to it
        painted.clear()
        chart.show_losses([Series(range(1, 12), losses[:11], "*", "*", "walker")], x_min_span=10, now=True)
        assert chart.axes.xlim == (0.0, 20.0)  # past 10 epochs: the curve and the ticks move
        assert {region.y for region in painted} >= {10, 11}


async def test_the_y_axis_only_grows_within_a_run_and_starts_afresh_with_a_new_one():
    app = ChartApp()
    async with app.run_test(size=(50, 12)):
        chart = app.query_one(LossChart)
        tops = []
        for losses in ([0.7, 0.6], [0.7, 0.6, 0.5, 0.3], [0.7, 0.6, 0.5, 0.3, 0.9], [0.7, 0.6, 0.5, 0.3, 0.9, 1.2], [0.3]):
            chart.show_losses([Series(range(len(losses)), losses, "*", "*", "walker")], now=True)
            tops.append(chart.axes.ylim[1])
        assert tops == [1.0, 1.0, 1.0, 1.5, 0.4]  # it grows past its top only; a new (shorter) run rescales


async def test_batch_points_do_not_raise_the_y_axis_once_an_epoch_line_has_a_point():
    """One animal's batch may cost 5: before the first epoch the points set the axis, then the
    lines do, and the points above them are left off while the lines fill the chart."""
    app = ChartApp()
    async with app.run_test(size=(50, 12)) as pilot:
        chart = app.query_one(LossChart)
        batches = Series([0.25, 0.5, 0.75, 1.0, 1.25], [0.7, 4.6, 0.2, 0.5, 3.9], "o", "o", "faint", points=True)
        chart.show_losses([batches, Series([], [], "*", "*", "training")], now=True)
        assert chart.axes.ylim == (0.0, 6.0)  # 4.6, a quarter above it, rounded up
        chart.show_losses([batches, Series([2], [0.55], "*", "*", "training")], now=True)
        await pilot.pause()
        assert chart.axes.ylim == (0.0, 0.8)
        rows = [chart.row_strip(y).text for y in range(chart.size.height)]
        assert "*" in "".join(rows)
        assert sum(row.count("o") for row in rows) == 3  # 0.7, 0.2 and 0.5; 4.6 and 3.9 are off the chart


@pytest.mark.parametrize("top", [0.8, 0.9, 1.0, 2.5, 20.0])
def test_the_loss_labels_look_evenly_spaced_at_every_height(top):
    """At 80x23 the labels stood 1, 3, 2 and 1 rows apart (0.6000000000000001 fell a row short of 0.6)."""
    for rows in range(6, 41):
        at = [_row_of(level, top, rows) for level in _levels(top, rows)]
        gaps = [lower - upper for lower, upper in zip(at, at[1:])]
        assert min(gaps) >= 2 and max(gaps) - min(gaps) <= 1, (rows, gaps)


PERCENT = FixedY(100.0, "{:g} %".format, (90.0,))


async def test_a_fixed_axis_holds_whatever_the_data_and_draws_its_level_as_a_labelled_dotted_line():
    """At 50x12 the plot has 10 rows of 10 % each: 90 % is drawn in row 1 and labelled there; the
    ticks that would crowd its label (100 % in row 0, 75 % in row 2) make way."""
    app = ChartApp()
    async with app.run_test(size=(50, 12)) as pilot:
        chart = app.query_one(LossChart)
        accuracy = Series([1, 2, 3], [65.0, 75.0, 90.0], "x", "x", "validation")
        chart.show_losses([accuracy], fixed=PERCENT, now=True)
        await pilot.pause()
        assert chart.axes.ylim == (0.0, 100.0) and chart.axes.levels == (90.0,)
        assert list(chart.axes.yticks[1]) == ["0 %", "25 %", "50 %", "90 %"]
        rows = [chart.row_strip(y).text for y in range(chart.size.height)]
        left = rows[1].index("┤")
        assert rows[1][:left].strip() == "90 %"
        assert set(rows[1][left + 1:]) == {"┈", "x"}, "the line across the plot, the point that reached it on top"
        assert "x" not in rows[0] and "┈" not in "".join(rows[:1] + rows[2:])


async def test_a_fixed_axis_leaves_the_growing_axis_as_it_was():
    app = ChartApp()
    async with app.run_test(size=(50, 12)):
        chart = app.query_one(LossChart)
        losses = Series([1, 2], [2.2, 1.9], "*", "*", "training")
        chart.show_losses([losses], now=True)
        assert chart.axes.ylim == (0.0, 3.0) and chart.axes.levels == ()
        chart.show_losses([Series([1, 2], [60.0, 70.0], "x", "x", "validation")], fixed=PERCENT, now=True)
        chart.show_losses([losses], now=True)
        assert chart.axes.ylim == (0.0, 3.0) and chart.axes.levels == ()
