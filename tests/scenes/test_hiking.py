"""The hiking scene: hikers walk where the engine says, divergence shows, timers stop off screen."""

from __future__ import annotations

import numpy as np
import pytest

from engine.descent import Status, run
from engine.functions import default_terrain
from scenes.hiking import LEARNING_RATES, MAX_STEPS, START_RATE, TOLERANCE
from tests.conftest import FakeClock, make_app
from tui.widgets.contour import ContourMap

TERRAIN = default_terrain()


def engine_walk(starts: np.ndarray, rate: float):
    return run(TERRAIN.gradient, starts, rate, value=TERRAIN.height, tolerance=TOLERANCE,
               max_steps=MAX_STEPS, bounds=TERRAIN.bounds)


def text(app, selector: str) -> str:
    return str(app.scene.query_one(selector).render())


def map_text(app) -> str:
    contour = app.scene.query_one(ContourMap)
    return "\n".join(contour.row_strip(row).text for row in range(contour.size.height))


async def test_hikers_end_where_the_engine_walk_ends():
    app = make_app("hiking", "en")
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        starts = scene.starts.copy()
        await pilot.press("right", "right", "space")
        path = engine_walk(starts, LEARNING_RATES[START_RATE])
        assert scene.now.finished
        assert scene.now.index == path.steps
        np.testing.assert_allclose(scene.now.points, path.points[-1])
        contour = scene.query_one(ContourMap)
        for i, (x, y) in enumerate(path.points[-1]):
            assert contour.overlay.get(contour.cell_of(x, y)) in {scene.hiker_name(j) for j in range(len(starts))}
        # the tally names the hikers per valley, and those still on the way
        arrived = path.status == Status.CONVERGED
        assert arrived.sum() >= len(starts) // 2
        floors = TERRAIN.nearest_minimum(path.points[-1])
        tally = text(app, "#tally")
        ranked = sorted(TERRAIN.minima, key=lambda m: m.height)
        for label, minimum in enumerate(ranked, start=1):
            here = arrived & (floors == TERRAIN.minima.index(minimum))
            if here.any():
                names = " ".join(scene.hiker_name(i) for i in np.flatnonzero(here))
                kind = "global minimum" if minimum.is_global else "local"
                assert f"valley {label}, {kind}: {names}" in tally
                ends = path.points[-1][here]
                assert np.linalg.norm(ends - (minimum.x, minimum.y), axis=1).max() < 0.05
        underway = np.flatnonzero(path.status == Status.MAX_STEPS)
        if len(underway):
            names = " ".join(scene.hiker_name(i) for i in underway)
            assert f"still on the way after {MAX_STEPS} steps: {names}" in tally


async def test_one_step_at_a_time_follows_the_engine():
    app = make_app("hiking", "de")
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        path = engine_walk(scene.starts, LEARNING_RATES[START_RATE])
        await pilot.press("s", "s", "s")
        np.testing.assert_allclose(scene.now.points, path.points[3])
        status = text(app, "#status")
        assert "Lernrate η = 0,20" in status and "Schritt 3" in status


async def test_learning_rate_keys_change_the_step_length_and_restart():
    app = make_app("hiking", "en")
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        await pilot.press("s", "plus", "plus")
        rate = LEARNING_RATES[START_RATE + 2]
        assert scene.learning_rate == rate
        assert scene.now.index == 0
        assert f"η = {rate:.2f}" in text(app, "#status")
        await pilot.press("s")
        start_slope = TERRAIN.gradient(scene.starts[:, 0], scene.starts[:, 1])
        np.testing.assert_allclose(scene.now.points, scene.starts - rate * start_slope)
        await pilot.press(*["minus"] * 20)
        assert scene.learning_rate == LEARNING_RATES[0]


async def test_too_large_a_learning_rate_is_shown_as_walking_off_the_map():
    app = make_app("hiking", "en")
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        await pilot.press("right", "right", *["plus"] * 12, "space")
        path = engine_walk(scene.starts, LEARNING_RATES[-1])
        off = np.flatnonzero(path.status == Status.LEFT_DOMAIN)
        assert len(off) > 0
        assert list(scene.now.status) == list(path.status)
        tally = text(app, "#tally")
        assert "walked off the map: " + " ".join(scene.hiker_name(i) for i in off) in tally
        screen = map_text(app) + tally + text(app, "#status")
        assert "nan" not in screen.lower() and "inf" not in screen.lower()


async def test_arrows_point_down_the_steepest_slope():
    app = make_app("hiking", "en")
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        await pilot.press("a")
        contour = scene.query_one(ContourMap)
        steps = dict(zip("→↗↑↖←↙↓↘", [(1, 0), (1, -1), (0, -1), (-1, -1), (-1, 0), (-1, 1), (0, 1), (1, 1)]))
        checked = 0
        for x, y in scene.starts:
            col, row = contour.cell_of(x, y)
            around = {contour.overlay.get((col + dc, row + dr)): (dc, dr) for dc, dr in steps.values()}
            for glyph, (dc, dr) in steps.items():
                if around.get(glyph) == (dc, dr):
                    downhill = -TERRAIN.gradient(x, y)
                    assert np.dot((dc, -dr), downhill) > 0
                    checked += 1
        assert checked >= len(scene.starts) // 2  # some arrows may hide under another hiker
        await pilot.press("a")
        assert not any(char in steps for char in contour.overlay.values())


async def test_explore_mode_places_a_new_start():
    app = make_app("hiking", "en")
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        before = len(scene.starts)
        await pilot.press("enter", "left", "left", "up")
        contour = scene.query_one(ContourMap)
        assert scene.cursor == pytest.approx(contour.point_at(*np.add(contour.cell_of(0.0, 0.0), (-2, -1))))
        assert "+" in contour.overlay.values()
        assert "Enter or Esc places a hiker here" in text(app, "#status")
        cursor = scene.cursor
        await pilot.press("enter")
        assert len(scene.starts) == before + 1
        np.testing.assert_allclose(scene.starts[-1], cursor)
        assert contour.overlay[contour.cell_of(*cursor)] == scene.hiker_name(before)


async def test_new_starts_are_seeded():
    first, second = make_app("hiking", seed=3), make_app("hiking", seed=3)
    async with first.run_test(size=(80, 24)) as pilot:
        starts = first.scene.starts.copy()
        await pilot.press("r")
        assert not np.allclose(first.scene.starts, starts)
        renewed = first.scene.starts.copy()
    async with second.run_test(size=(80, 24)) as pilot:
        np.testing.assert_allclose(second.scene.starts, starts)
        await pilot.press("r")
        np.testing.assert_allclose(second.scene.starts, renewed)


async def test_steps_reveal_in_order_forward_and_back():
    app = make_app("hiking", "en")
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        tally = scene.query_one("#tally")
        narration = []
        for step in range(3):
            narration.append(text(app, "#narration"))
            assert tally.visible == (step == 2)
            assert ("1" in scene.query_one(ContourMap).overlay.values()) == (step == 2)
            await pilot.press("right")
        assert len(set(narration)) == 3 and "global minimum" in narration[2]
        await pilot.press("left", "left", "left")
        assert scene.step == 0 and not tally.visible and text(app, "#narration") == narration[0]


async def test_leaving_the_scene_stops_its_timers():
    clock = FakeClock()
    app = make_app("hiking", "en", animate=True, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        await pilot.press("space")
        clock.advance(1.0)
        await pilot.pause(0.3)
        walked = scene.now.index
        assert walked > 0
        await pilot.press("right_square_bracket")
        assert app.scene is not scene
        assert scene._scene_timers and all(not timer._active.is_set() for timer in scene._scene_timers)
        clock.advance(5.0)
        await pilot.pause(0.3)
        assert scene.now.index == walked
        await pilot.press("left_square_bracket")
        clock.advance(0.5)
        await pilot.pause(0.3)
        assert scene.now.index > walked


@pytest.mark.parametrize("lang", ["en", "de"])
def test_snapshot(snap_compare, lang):
    async def walk_to_the_end(pilot):
        await pilot.press("right", "right", "space")
        await pilot.pause()

    assert snap_compare(make_app("hiking", lang), terminal_size=(80, 24), run_before=walk_to_the_end)
