"""Every number on every step of every scene is written the one way (tui.numbers):
a true minus sign, never "+ −", and German vectors that cannot be misread."""

from __future__ import annotations

import re

import pytest

import scenes
from tests.conftest import FakeClock, make_app, screen_lines

HYPHEN_MINUS = re.compile(r"(?:^|[\s(\[=×,;|])-\d")  # "-0.5" where "−0.5" belongs; not "1-2" or a map's "--3--"
PLUS_MINUS = re.compile(r"\+ ?[−-]\d")
GERMAN_COMMA_TUPLE = re.compile(r"\(−?\d+,\d+, ")  # "(0,12, −0,34)": is it 0,12 and 0,34 or 0 and 12?


def problems(lines: list[str], lang: str) -> list[str]:
    patterns = [HYPHEN_MINUS, PLUS_MINUS] + ([GERMAN_COMMA_TUPLE] if lang == "de" else [])
    return [line for line in lines if any(p.search(line) for p in patterns)]


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("scene_id", scenes.scene_ids())
async def test_every_step_writes_numbers_the_one_way(scene_id, lang):
    clock = FakeClock()
    app = make_app(scene_id, lang, animate=True, clock=clock)
    async with app.run_test(size=(100, 40)) as pilot:
        found = []
        for step in range(app.scene.steps):
            await app.go(app.index, step)
            for key in ("s", "s", "s", "space"):  # let live scenes produce numbers
                await pilot.press(key)
                clock.advance(1.0)
                await pilot.pause()
            found += problems(screen_lines(app), lang)
        assert found == []
