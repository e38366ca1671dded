"""Whatever the learning rate or settings, no NaN, inf or NumPy warning reaches the screen."""

from __future__ import annotations

import re

import pytest

import scenes
from tests.conftest import FakeClock, make_app, screen_lines

pytestmark = pytest.mark.slow

NOT_A_NUMBER = re.compile(r"\b(nan|inf|-inf)\b", re.IGNORECASE)
#: Push every setting to its limit: rates up, then play, step, reset, and rates down.
EXTREMES = ["plus"] * 25 + ["space", "s", "s", "e", "s"] * 4 + ["r"] + ["minus"] * 25 + ["space", "s", "s"]


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize("scene_id", scenes.scene_ids())
async def test_extreme_settings_show_only_numbers(scene_id):
    clock = FakeClock()
    app = make_app(scene_id, animate=True, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.go(app.index, -1)
        for key in EXTREMES:
            await pilot.press(key)
            clock.advance(0.5)
            await pilot.pause()
            shown = "\n".join(screen_lines(app))
            assert not NOT_A_NUMBER.search(shown), shown
