"""Students press everything: thousands of seeded random keys, across all scenes and sizes.

Two kinds of fingers: one key at a time (each handled before the next), and
bursts that arrive with no pause at all, as a fast double press or a key held
down does, so a modal gets keys after it asked to close.
"""

from __future__ import annotations

import random
import string

import pytest

from tests.conftest import FakeClock, make_app
from tui.app import GdtuiApp
from tui.screens import HelpScreen

pytestmark = pytest.mark.slow

#: Every key gdtui binds (minus quitting), then keys nobody should press.
BOUND = ["right", "left", "up", "down", "pagedown", "pageup", "h", "l", "right_square_bracket",
         "left_square_bracket", "home", "end", "tab", "o", "question_mark", "L", "t", "enter",
         "escape", "space", "s", "r", "e", "b", "a", "f", "i", "n", "p", "plus", "minus", *string.digits]
STRAY = [*string.ascii_letters.replace("q", ""), *"!\"#$%&'()*,./:;<=>@\\^_`{|}~", "backspace",
         "delete", "insert", "f1", "f5", "ctrl+a", "ctrl+d", "ctrl+l", "ctrl+z", "shift+tab"]
#: What opens and closes modals, pressed often in bursts.
MODAL = ["enter", "enter", "escape", "escape", "tab", "o", "question_mark", "ctrl+p"]


def student_app(seed: int, clock: FakeClock) -> GdtuiApp:
    """gdtui for random fingers, who may quit on purpose: the palette's last entry is
    "Quit gdtui", and ↑ in the palette's list wraps round to it. Quitting is the
    student's choice, not a crash, and keys after it should still test something,
    so here it does nothing. A crash does not go through `exit`: it still ends the run."""
    app = make_app("welcome", animate=True, clock=clock, seed=seed)
    app.exit = lambda *_args, **_kwargs: None  # type: ignore[method-assign]
    return app


def still_running(app: GdtuiApp, what: object) -> None:
    """Keys sent to an app that has ended go nowhere: say which ones ended it."""
    assert app.is_running, f"gdtui ended after {what}"


async def help_still_answers(app, pilot) -> None:
    """Whatever was open, Esc closes it, and ? then shows the help."""
    still_running(app, "the last keys")
    while app.key_order.busy:  # keys of the bursts still waiting their turn
        await pilot.pause()
    await pilot.press("escape", "escape", "escape")
    await pilot.pause()
    while len(app.screen_stack) > 1:
        app.pop_screen()
        await pilot.pause()
    await pilot.press("question_mark")
    await pilot.pause()
    assert isinstance(app.screen, HelpScreen), (app.scene.scene_id, app.focused, app.scene.exploring, app.number_buffer)


@pytest.mark.parametrize(("seed", "size"), [(1, (80, 24)), (2, (120, 40)), (3, (64, 20))])
async def test_random_keys_never_crash_and_help_still_answers(seed, size):
    rng = random.Random(seed)
    clock = FakeClock()
    app = student_app(seed, clock)
    async with app.run_test(size=size) as pilot:
        for _ in range(700):
            key = rng.choice(BOUND) if rng.random() < 0.8 else rng.choice(STRAY)
            await pilot.press(key)
            still_running(app, key)
            clock.advance(rng.uniform(0.0, 0.3))
        await help_still_answers(app, pilot)


@pytest.mark.parametrize(("seed", "size"), [(4, (80, 22)), (5, (120, 40))])
async def test_bursts_with_no_pause_never_crash(seed, size):
    """Keys sent faster than gdtui handles them: Enter, Esc and the modals' keys most of all."""
    rng = random.Random(seed)
    clock = FakeClock()
    app = student_app(seed, clock)
    async with app.run_test(size=size) as pilot:
        for burst in range(150):
            keys = []
            for _ in range(rng.randint(2, 6)):
                pool = MODAL if rng.random() < 0.6 else BOUND if rng.random() < 0.9 else STRAY
                keys.append(rng.choice(pool))
                app.simulate_key(keys[-1])
            if rng.random() < 0.7:  # else the next burst lands on top of this one
                await pilot.pause()
                still_running(app, f"burst {burst}: {keys}")
            clock.advance(rng.uniform(0.0, 0.3))
        await pilot.pause()
        await help_still_answers(app, pilot)


@pytest.mark.parametrize(("keys", "modals_left"), [
    (["tab", "enter", "enter"], 0), (["tab", "escape", "escape"], 0), (["tab", "tab", "tab"], 1),
    (["question_mark", "escape", "escape"], 0), (["question_mark", "enter", "enter"], 0),
    (["ctrl+p", "escape", "escape"], 0), (["ctrl+p", "enter", "enter", "enter"], 0),
    (["tab", "enter", "tab", "enter", "question_mark", "escape", "ctrl+p", "escape"], 0),
])
async def test_a_modal_takes_keys_that_arrive_before_it_has_closed(keys, modals_left):
    """The double presses that ended gdtui (Tab Enter Enter: "Can't pop screen")."""
    app = make_app("welcome")
    async with app.run_test(size=(80, 24)) as pilot:
        for key in keys:
            app.simulate_key(key)
        for _ in range(3):
            await pilot.pause()
        assert len(app.screen_stack) == 1 + modals_left
        await help_still_answers(app, pilot)
