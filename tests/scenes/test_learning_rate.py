"""The learning-rate scene: four walks that match the engine, with the verdict the engine gives."""

from __future__ import annotations

import numpy as np
import pytest
from textual.widgets import Static

from engine.descent import Status, run
from engine.functions import parabola, parabola_slope
from scenes.learning_rate import MAX_STEPS, RATES, TOLERANCE, X_START
from tests.conftest import FakeClock, make_app
from tui.widgets.descent_steps import DescentSteps


def engine_walk(rate: float):
    return run(parabola_slope, X_START, rate, value=parabola, tolerance=TOLERANCE, max_steps=MAX_STEPS)


def panel(app, index: int) -> DescentSteps:
    return app.scene.query_one(f"#steps-{index}", DescentSteps)


async def test_each_panel_walks_like_the_engine_step_by_step():
    app = make_app("learning-rate", "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "s", "s")
        for index, (rate, _) in enumerate(RATES):
            path = engine_walk(rate)
            steps = panel(app, index)
            shown = min(3, path.steps)
            assert steps.rows[-1] == [str(shown), f"{path.values[shown, 0]:.3f}".replace("-", "−")]
            assert [row[0] for row in steps.rows] == [str(k) for k in range(shown + 1)]


async def test_the_verdicts_are_slow_fast_zigzag_and_diverged():
    app = make_app("learning-rate", "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        paths = [engine_walk(rate) for rate, _ in RATES]
        assert [p.status[0] for p in paths] == [Status.MAX_STEPS, Status.CONVERGED, Status.CONVERGED,
                                                Status.DIVERGED]
        good, zigzag = paths[1], paths[2]
        assert good.steps < zigzag.steps
        assert np.all(np.diff(np.sign(zigzag.points[:10, 0, 0] + 1)) != 0)  # jumps across x = -1
        assert panel(app, 0).status == f"not there after {MAX_STEPS} steps"
        assert panel(app, 1).status == f"arrived after {good.steps} steps"
        assert panel(app, 2).status == f"arrived after {zigzag.steps} steps"
        assert panel(app, 3).status == f"diverged at step {paths[3].steps}"
        huge = panel(app, 3).rows[-1][1]
        assert "e+" in huge and float(huge) == pytest.approx(paths[3].values[-1, 0], rel=0.05)
        assert not any("nan" in row[1] or "inf" in row[1] for row in panel(app, 3).rows)


async def test_german_numbers_and_titles():
    app = make_app("learning-rate", "de")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        title = str(app.scene.query_one("#title-3", Static).render())
        assert title == "η = 0,75\nviel zu groß"
        assert panel(app, 1).rows[-1] == ["1", f"{engine_walk(RATES[1][0]).values[1, 0]:.3f}".replace(".", ",").replace("-", "−")]


async def test_reset_returns_every_walk_to_the_start():
    app = make_app("learning-rate", "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "s", "r")
        assert all(len(panel(app, i).rows) == 1 for i in range(len(RATES)))
        assert panel(app, 0).rows[0] == ["0", f"{float(parabola(X_START)):.3f}"]


async def test_the_moral_is_revealed_on_the_second_step_and_hidden_going_back():
    app = make_app("learning-rate", "en")
    async with app.run_test(size=(80, 24)) as pilot:
        moral = app.scene.query_one("#moral")
        assert not moral.visible
        await pilot.press("right")
        assert moral.visible and "zig-zags" in str(moral.render())
        await pilot.press("left")
        assert not moral.visible


async def test_leaving_the_scene_stops_the_walks():
    clock = FakeClock()
    app = make_app("learning-rate", "en", animate=True, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        await pilot.press("space")
        clock.advance(1.0)
        await pilot.pause(0.3)
        walked = len(scene.walks[0].steps)
        assert walked > 1
        await pilot.press("right_square_bracket")
        clock.advance(5.0)
        await pilot.pause(0.3)
        assert len(scene.walks[0].steps) == walked
        assert all(not timer._active.is_set() for timer in scene._scene_timers)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_snapshot(snap_compare, lang):
    async def walk_to_the_end(pilot):
        await pilot.press("right", "space")
        await pilot.pause()

    assert snap_compare(make_app("learning-rate", lang), terminal_size=(80, 24), run_before=walk_to_the_end)
