"""The loss chart: wild values (a diverged run) draw at once; values that are not finite are left out."""

from __future__ import annotations

import math
import time

import pytest
from textual.app import App, ComposeResult
from textual.geometry import Region

from tui.widgets.loss_chart import LossChart, Series


class ChartApp(App[None]):
    def compose(self) -> ComposeResult:
        yield LossChart()


async def draw(series: list[Series]) -> tuple[list[str], float]:
    """What the chart shows of `series` at 50x12, and how long the drawing took."""
    app = ChartApp()
    async with app.run_test(size=(50, 12)) as pilot:
        chart = app.query_one(LossChart)
        chart.show(series, now=True)
        started = time.perf_counter()
        lines = [strip.text for strip in chart.render_lines(Region(0, 0, *chart.size))]
        seconds = time.perf_counter() - started
        await pilot.pause()
    return lines, seconds


SANE = Series([0, 1, 2, 3], [1.0, 0.8, 0.6, 0.5], "*", "red")


@pytest.mark.parametrize("wild", [1e12, 1e308, -1e12, -1e308, math.inf, -math.inf, math.nan])
async def test_wild_values_draw_quickly(wild):
    lines, seconds = await draw([SANE, Series([1, 2, 3], [0.9, wild, 0.7], "o", "blue")])
    assert seconds < 0.5 and len(lines) == 12


@pytest.mark.parametrize("wild", [math.inf, -math.inf, math.nan])
async def test_values_that_are_not_finite_are_left_out(wild):
    expected, _ = await draw([SANE, Series([1, 3], [0.9, 0.7], "o", "blue")])
    lines, _ = await draw([SANE, Series([1, 2, 3], [0.9, wild, 0.7], "o", "blue")])
    assert lines == expected
