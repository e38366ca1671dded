"""tui.walk: the walk scenes play by their clock, forget time off screen and pause before their walk."""

from __future__ import annotations

from engine.descent import descend
from engine.functions import parabola_slope
from scenes.derivative import DESCENT, ROLL_RATE
from scenes.learning_rate import STEPS_PER_SECOND
import pytest

from tests.conftest import FakeClock, make_app, until
from tui.walk import SPEEDS, Descent, following, nudged


@pytest.mark.slow
async def test_play_takes_the_steps_the_clock_says_are_due():
    clock = FakeClock()
    app = make_app("learning-rate", animate=True, clock=clock, questions=False)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        await pilot.press("right", "space")
        for seconds, total in ((1.0, STEPS_PER_SECOND), (0.5, 1.5 * STEPS_PER_SECOND), (0.1, 1.5 * STEPS_PER_SECOND)):
            clock.advance(seconds)
            await until(pilot, lambda: len(scene.walks[1].steps) >= 1 + total)
            assert len(scene.walks[1].steps) == 1 + total
        await pilot.press("space")  # pause: time goes on, the walk does not
        clock.advance(2.0)
        await pilot.pause(0.3)
        assert len(scene.walks[1].steps) == 1 + 1.5 * STEPS_PER_SECOND and not scene.pacer.playing


@pytest.mark.slow
async def test_time_away_from_the_scene_is_not_made_up():
    clock = FakeClock()
    app = make_app("learning-rate", animate=True, clock=clock, questions=False)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        await pilot.press("right", "space")
        await pilot.press("right_square_bracket")
        clock.advance(5.0)
        await pilot.press("left")  # back onto the scene's last step, where it walks
        assert app.scene is scene and len(scene.walks[1].steps) == 1
        clock.advance(0.5)
        await until(pilot, lambda: len(scene.walks[1].steps) > 1)
        assert len(scene.walks[1].steps) == 1 + 0.5 * STEPS_PER_SECOND


async def test_keys_wait_for_the_walk_and_stepping_back_pauses_it():
    clock = FakeClock()
    app = make_app("derivative", animate=True, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        await pilot.press("s", "space")
        assert len(scene.walk) == 1 and not scene.pacer.playing
        await app.go(app.index, DESCENT)
        await pilot.press("s", "space")
        clock.advance(1.0)
        await until(pilot, lambda: len(scene.walk) > 2)
        rolled = len(scene.walk)
        assert rolled == 1 + 1 + int(ROLL_RATE)  # the start, one step, then what one second makes due
        await pilot.press("left")
        assert scene.step == DESCENT - 1 and not scene.pacer.playing
        clock.advance(2.0)
        await pilot.pause(0.3)
        assert len(scene.walk) == rolled


def test_nudged_holds_at_either_end_and_following_goes_round():
    rates = (0.01, 0.1, 1.0)
    assert [nudged(rates, 0.1, d) for d in (-1, 1)] == [0.01, 1.0]
    assert [nudged(rates, 0.01, -1), nudged(rates, 1.0, 1)] == [0.01, 1.0]
    assert [following(rates, r) for r in rates] == [0.1, 1.0, 0.01]


def test_a_descent_keeps_its_newest_steps_and_says_when_it_is_over():
    kept = Descent(descend(parabola_slope, 1.0, 0.05, tolerance=1e-3, max_steps=5), keep=3)
    taken = [kept.advance() for _ in range(7)]
    assert taken == [True] * 4 + [False] * 3  # step 5 ends the walk (max steps); then nothing moves
    assert [s.index for s in kept.steps] == [3, 4, 5] and kept.finished


async def test_play_after_the_end_starts_the_walk_afresh():
    app = make_app("derivative")
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        await app.go(app.index, DESCENT)
        await pilot.press("space")
        assert scene.walk_finished() and len(scene.walk) > 2
        await pilot.press("s")
        assert len(scene.walk) > 2  # a step after the end changes nothing
        await pilot.press("space")  # the ball rolls again from the start, to the end
        assert scene.walk_finished() and scene.walk[0].points[0, 0] == scene.x


@pytest.mark.slow
async def test_speed_keys_scale_the_pace_and_say_so():
    clock = FakeClock()
    app = make_app("learning-rate", "de", animate=True, clock=clock, questions=False)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        await pilot.press("right", "greater_than_sign", "space")
        assert scene.pacer.speed == 2.0
        assert any(n.message == "Tempo ×2" for n in app._notifications)
        clock.advance(1.0)
        await until(pilot, lambda: len(scene.walks[0].steps) > 1)
        assert len(scene.walks[0].steps) == 1 + 2 * STEPS_PER_SECOND
        await pilot.press(*["less_than_sign"] * 6)  # held at the slowest
        assert scene.pacer.speed == SPEEDS[0]
        assert any(n.message == "Tempo ×0,25" for n in app._notifications)
        walked = len(scene.walks[0].steps)
        clock.advance(2.0)
        await until(pilot, lambda: len(scene.walks[0].steps) > walked)
        assert len(scene.walks[0].steps) == walked + 2 * SPEEDS[0] * STEPS_PER_SECOND


@pytest.mark.parametrize("scene_id", ["derivative", "gradient", "hiking", "learning-rate", "sgd", "training"])
async def test_every_animated_scene_has_the_speed_keys(scene_id):
    app = make_app(scene_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.go(app.index, app.scene.steps - 1)  # where the scene plays
        if not app.scene.acts("speed"):  # sgd's race is drawn whole: its walks play a step before
            await app.go(app.index, app.scene.steps - 2)
        await pilot.press("greater_than_sign", "greater_than_sign")
        assert app.scene.pacer.speed == 4.0
        await pilot.press("less_than_sign")
        assert app.scene.pacer.speed == 2.0
