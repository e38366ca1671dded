"""The function plot: far-off and non-finite values cost nothing and change nothing on screen."""

from __future__ import annotations

import math
import time

import pytest
from textual.app import App, ComposeResult
from textual.geometry import Region

from tui.widgets.function_plot import Axes, FunctionPlot, Series
from tui.widgets.reach import REACH, within

AXES = Axes((-4.0, 2.0), (-3.0, 17.0), ([-4.0, 0.0, 2.0], ["-4", "0", "2"]), ([0.0, 8.0, 16.0], ["0", "8", "16"]))
BOX = AXES.reach()
INF, NAN = math.inf, math.nan


class PlotApp(App[None]):
    def __init__(self, plot: FunctionPlot) -> None:
        super().__init__()
        self.plot = plot

    def compose(self) -> ComposeResult:
        yield self.plot


def drawn(plot: FunctionPlot) -> list[str]:
    return [strip.text for strip in plot.render_lines(Region(0, 0, *plot.size))]


async def draw(series: list[Series]) -> tuple[list[str], float]:
    """What the chart shows of `series` at 40x12, and how long the drawing took."""
    plot = FunctionPlot(AXES, max_fps=10.0, clock=time.monotonic)
    async with PlotApp(plot).run_test(size=(40, 12)) as pilot:
        plot.show(series)
        started = time.perf_counter()
        lines = drawn(plot)
        seconds = time.perf_counter() - started
        await pilot.pause()
    return lines, seconds


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
async def test_a_diverged_series_draws_quickly_and_shows_its_near_part(far):
    near = [Series([-1.0, 1.0, 0.0, 3.0], [1.0, 9.0, 4.0, 4.0], "*", "*", "red")]  # leaves the chart at x = 2
    diverged = [Series([-1.0, 1.0, 0.0, 3.0, far, -far], [1.0, 9.0, 4.0, 4.0, far * far, far * far], "*", "*", "red"),
                Series([far, 0.5], [far, 8.0], "o", "o", "blue", points=True)]
    expected, _ = await draw(near + [Series([0.5], [8.0], "o", "o", "blue", points=True)])
    lines, seconds = await draw(diverged)
    assert seconds < 0.5
    assert lines == expected
