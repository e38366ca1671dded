"""Students press everything: thousands of seeded random keys, across all scenes and sizes."""

from __future__ import annotations

import random
import string

import pytest

from tests.conftest import FakeClock, make_app
from tui.screens import HelpScreen

pytestmark = pytest.mark.slow

#: Every key gdtui binds (minus quitting), then keys nobody should press.
BOUND = ["right", "left", "up", "down", "pagedown", "pageup", "h", "l", "right_square_bracket",
         "left_square_bracket", "home", "end", "tab", "o", "question_mark", "L", "t", "enter",
         "escape", "space", "s", "r", "e", "b", "plus", "minus", *string.digits]
STRAY = [*string.ascii_letters.replace("q", ""), *"!\"#$%&'()*,./:;<=>@\\^_`{|}~", "backspace",
         "delete", "insert", "f1", "f5", "ctrl+a", "ctrl+d", "ctrl+l", "ctrl+z", "shift+tab"]


@pytest.mark.parametrize(("seed", "size"), [(1, (80, 24)), (2, (120, 40)), (3, (64, 20))])
async def test_random_keys_never_crash_and_help_still_answers(seed, size):
    rng = random.Random(seed)
    clock = FakeClock()
    app = make_app("welcome", animate=True, clock=clock, seed=seed)
    async with app.run_test(size=size) as pilot:
        for _ in range(700):
            key = rng.choice(BOUND) if rng.random() < 0.8 else rng.choice(STRAY)
            await pilot.press(key)
            clock.advance(rng.uniform(0.0, 0.3))
        await pilot.press("escape", "escape", "escape")
        await pilot.pause()
        while len(app.screen_stack) > 1:
            app.pop_screen()
            await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
