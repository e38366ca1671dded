"""Scene derivative: the board, the tangent, the secant and the rolling ball show the engine's numbers."""

from __future__ import annotations

import time

import numpy as np
import pytest
from textual.geometry import Region

from engine.descent import Status, run
from engine.functions import PARABOLA_MIN, parabola, parabola_slope
from engine.tangent import line_through, secant_slope
from scenes.derivative import (
    BOARD_STEPS,
    DESCENT,
    H_START,
    H_VALUES,
    LEARNING_RATE,
    MAX_DESCENT_STEPS,
    SECANT,
    TOLERANCE,
    X_START,
    X_STEP,
)
from tests.conftest import make_app
from tui.widgets.derivation import Derivation
from tui.widgets.descent_steps import DescentSteps
from tui.widgets.function_plot import FunctionPlot


def text_of(widget) -> str:
    """What the widget shows on screen, as plain text."""
    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, *widget.size)))


async def goto_step(pilot, step: int) -> None:
    await pilot.app.go(pilot.app.index, step)
    await pilot.pause()


def series_by_marker(scene, marker: str):
    return [s for s in scene.query_one(FunctionPlot).series if s.marker == marker]


async def test_board_reveals_one_line_per_step_forward_and_back():
    app = make_app("derivative")
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        board = scene.query_one(Derivation)
        seen = []
        for _ in range(scene.steps - 1):
            seen.append(len(board.visible_lines))
            await pilot.press("right")
        seen.append(len(board.visible_lines))
        assert seen == [sum(step >= first for first in BOARD_STEPS) for step in range(scene.steps)]
        assert seen[0] == 1 and seen[-1] == len(BOARD_STEPS)
        x_min, y_min = (scene.num(v, 0) for v in PARABOLA_MIN)
        assert board.visible_lines[3].endswith(f"x = {x_min}")
        assert board.visible_lines[4].endswith(f"= {y_min}")
        assert scene.query_one(DescentSteps).visible
        backwards = []
        for _ in range(scene.steps - 1):
            await pilot.press("left")
            backwards.append(len(board.visible_lines))
        assert backwards == seen[-2::-1]
        assert not scene.query_one(DescentSteps).visible


@pytest.mark.parametrize("lang", ["en", "de"])
async def test_tangent_and_secant_follow_the_user_and_match_the_engine(lang):
    app = make_app("derivative", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        await goto_step(pilot, SECANT)
        await pilot.press("enter")
        assert app.explore
        x, h_index = X_START, H_START
        for keys in (["left"], ["left"] * 3, ["down"], ["down", "down", "right"], ["up"] * 9):
            await pilot.press(*keys)
            x += X_STEP * (keys.count("right") - keys.count("left"))
            h_index = min(max(h_index + keys.count("down") - keys.count("up"), 0), len(H_VALUES) - 1)
            h = H_VALUES[h_index]
            assert scene.step == SECANT and (scene.x, scene.h) == (x, h)
            readout = text_of(scene.query_one("#readout"))
            fx, slope, secant = parabola(x), parabola_slope(x), secant_slope(parabola, x, h)
            for expected in (f"x = {scene.num(x, 3)} ", f"f(x) = {scene.num(fx, 3)}",
                             f"f'(x) = {scene.num(slope, 3)}", f"h = {scene.num(h, 3)}:",
                             f"{scene.num(secant, 3)}"):
                assert expected in readout
            tangent = series_by_marker(scene, "•")[0]
            assert list(tangent.ys) == pytest.approx(line_through(x, fx, slope, np.array(tangent.xs)).tolist())
            secant_line = series_by_marker(scene, "+")[0]
            assert list(secant_line.ys) == pytest.approx(
                line_through(x, fx, secant, np.array(secant_line.xs)).tolist())
            point = series_by_marker(scene, "●")[0]
            assert (point.xs[0], point.ys[0]) == pytest.approx((x, fx))


async def test_arrows_navigate_outside_explore_mode():
    app = make_app("derivative")
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        await pilot.press("right")
        assert (scene.step, scene.x) == (1, X_START)
        await pilot.press("enter", "right", "enter", "right")
        assert (scene.step, scene.x) == (2, X_START + X_STEP)


async def test_held_keys_do_not_redraw_the_chart_every_time():
    app = make_app("derivative")
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        await pilot.pause(0.2)
        plot = scene.query_one(FunctionPlot)
        before, started = plot.redraws, time.monotonic()
        await pilot.press("enter", *["left"] * 12)
        await pilot.pause(0.3)
        frames_allowed = (time.monotonic() - started) * min(app.settings.fps, 10.0) + 1
        assert plot.redraws - before <= min(frames_allowed, 11)
        assert series_by_marker(scene, "●")[0].xs[0] == pytest.approx(scene.x)


async def test_ball_rolls_by_the_engines_descent_steps():
    app = make_app("derivative", "de")
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        await goto_step(pilot, DESCENT)
        path = run(parabola_slope, X_START, LEARNING_RATE, value=parabola, tolerance=TOLERANCE,
                   max_steps=MAX_DESCENT_STEPS)
        table = scene.query_one(DescentSteps)
        for taken in range(1, 4):
            await pilot.press("s")
            x, fx = float(path.points[taken, 0, 0]), float(path.values[taken, 0])
            assert table.rows[-1] == [str(taken), scene.num(x, 3), scene.num(fx, 3),
                                      scene.num(float(parabola_slope(x)), 3)]
            assert series_by_marker(scene, "●")[0].xs[0] == pytest.approx(x)
        await pilot.press("space")  # without animation: roll to the end at once
        assert len(table.rows) == path.steps + 1 and path.status[0] == Status.CONVERGED
        assert float(path.points[-1, 0, 0]) == pytest.approx(PARABOLA_MIN[0], abs=1e-3)
        assert scene.t("walk.converged", steps=path.steps) in text_of(table).replace("\n", " ")
        await pilot.press("r")
        assert table.rows == [["0", scene.num(X_START, 3), scene.num(float(parabola(X_START)), 3),
                               scene.num(float(parabola_slope(X_START)), 3)]]


def test_snapshot_secant_en(snap_compare):
    async def secant(pilot):
        await goto_step(pilot, SECANT)
        await pilot.press("enter", "left", "down", "escape")
        await pilot.pause(0.3)

    assert snap_compare(make_app("derivative", "en"), terminal_size=(80, 24), run_before=secant)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_snapshot_rolling(snap_compare, lang):
    async def roll(pilot):
        await goto_step(pilot, DESCENT)
        await pilot.press("s", "s", "s", "s")
        await pilot.pause(0.3)

    assert snap_compare(make_app("derivative", lang), terminal_size=(80, 24), run_before=roll)
