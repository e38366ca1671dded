"""`t` switches the theme everywhere: no cell keeps a colour of the theme it left.

For every scene and every step, the screen right after `t` must equal, cell by
cell (character, colour, background), the screen of a fresh gdtui started in
that theme and brought to the same step with the same keys; and `t` again
must give back the first screen exactly. A widget that caches lines without
keying them on its style fails here (the gradient map stayed dark).
"""

from __future__ import annotations

import pytest
from rich.color import Color, ColorSystem
from textual import constants

import scenes
from tests.conftest import charts_drawn, make_app
from tui.widgets.contour import ContourMap

Cell = tuple[str, tuple[int, int, int] | None, tuple[int, int, int] | None]
#: Keys that draw something new at a step without leaving it: two steps of a walk, one epoch of training.
DRAW_KEYS = ("s", "s", "e")


def rgb(color: Color | None, app) -> tuple[int, int, int] | None:
    return None if color is None else tuple(color.get_truecolor(app.ansi_theme))


def cells(app) -> list[list[Cell]]:
    """Every cell on screen: its character, colour and background."""
    rows = []
    for strip in app.screen._compositor.render_strips():
        row: list[Cell] = []
        for segment in strip:
            style = segment.style
            colour = rgb(style.color, app) if style else None
            background = rgb(style.bgcolor, app) if style else None
            row.extend((char, colour, background) for char in segment.text)
        rows.append(row)
    return rows


def differences(got: list[list[Cell]], want: list[list[Cell]], limit: int = 8) -> list[str]:
    found = [f"row {y} col {x}: {g!r}, want {w!r}"
             for y, (g_row, w_row) in enumerate(zip(got, want))
             for x, (g, w) in enumerate(zip(g_row, w_row)) if g != w]
    return found[:limit] + ([f"... {len(found) - limit} more"] if len(found) > limit else [])


async def settle(pilot) -> None:
    """Let the theme's CSS refresh and the repaint it causes run, and the charts draw what they were shown."""
    for _ in range(3):
        await pilot.pause()
    await charts_drawn(pilot)


async def walk(scene_id: str, theme: str, size: tuple[int, int], toggle: bool,
               first: int = 1) -> list[list[list[Cell]]]:
    """Screens at each step from `first` on (after DRAW_KEYS); with `toggle`, the screen after `t`
    there, checking that `t t` gives the screen back."""
    app = make_app(scene_id, theme=theme, questions=False)
    screens = []
    async with app.run_test(size=size) as pilot:
        await pilot.press(*("right",) * (first - 1))
        for step in range(first - 1, app.scene.steps):
            await pilot.press(*DRAW_KEYS)
            await settle(pilot)
            before = cells(app)
            if toggle:
                await pilot.press("t")
                await settle(pilot)
                screens.append(cells(app))
                await pilot.press("t")
                await settle(pilot)
                back = cells(app)
                assert back == before, f"{scene_id} step {step + 1}: t t changed the screen: {differences(back, before)}"
            else:
                screens.append(before)
            await pilot.press("right")
    return screens


async def assert_switch_matches_a_fresh_start(scene_id: str, size: tuple[int, int] = (80, 24), first: int = 1) -> None:
    switched = await walk(scene_id, "dark", size, toggle=True, first=first)
    fresh = await walk(scene_id, "light", size, toggle=False, first=first)
    for step, (got, want) in enumerate(zip(switched, fresh), start=first):
        assert got == want, f"{scene_id} step {step}, after t: {differences(got, want)}"


@pytest.mark.slow
@pytest.mark.parametrize("scene_id", scenes.scene_ids())
async def test_t_leaves_no_colour_of_the_old_theme(scene_id):
    await assert_switch_matches_a_fresh_start(scene_id)


@pytest.mark.slow
async def test_the_gradient_map_follows_the_theme():
    """It stayed dark after `t` (its rows were cached by size alone); its last steps draw arrows and a walk."""
    await assert_switch_matches_a_fresh_start("gradient", first=scenes.load_scene("gradient").steps - 1)


@pytest.mark.parametrize("scene_id", ["sgd", "hiking"])
async def test_overlays_stand_out_in_16_colours_on_the_light_theme(scene_id, monkeypatch):
    """Without colour blocks the map is the theme's background: a trail or arrow must not vanish into it."""
    monkeypatch.setattr(constants, "COLOR_SYSTEM", "standard")
    app = make_app(scene_id, theme="light", questions=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*("right",) * (app.scene.steps - 1), "a", "s", "s", "s")
        await settle(pilot)
        contour = app.query_one(ContourMap)
        assert contour.mode == "characters"
        assert contour.overlay, "nothing drawn on the map"
        for col, row in contour.overlay:
            [segment] = list(contour.row_strip(row).crop(col, col + 1))
            colour = in_16_colours(segment.style.color, app)
            background = in_16_colours(segment.style.bgcolor or contour.rich_style.bgcolor, app)
            assert colour != background, f"{scene_id}: {segment.text!r} at ({col}, {row}) is {colour} on {background}"


def in_16_colours(color: Color | None, app) -> tuple[int, int, int] | None:
    """The colour a 16-colour terminal shows for `color`."""
    return None if color is None else rgb(color.downgrade(ColorSystem.STANDARD), app)
