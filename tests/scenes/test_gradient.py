"""Scene gradient: values at the cursor, the arrows and the endless walk are the engine's."""

from __future__ import annotations

import numpy as np
import pytest
from textual.geometry import Region

from engine.descent import Status, run
from engine.functions import plane, plane_gradient
from scenes.gradient import ARROWS, BOARD, CURSOR_START, DESCENT, LEARNING_RATE, NODES, WALK_BURST
from tests.conftest import make_app
from tui.widgets.arrow_field import OFF_MAP, ArrowField, arrow_for
from tui.widgets.derivation import Derivation
from tui.widgets.descent_steps import DescentSteps


def text_of(widget) -> str:
    """What the widget shows on screen, as plain text."""
    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, *widget.size)))


async def goto_step(pilot, step: int) -> None:
    await pilot.app.go(pilot.app.index, step)
    await pilot.pause()


async def test_reveal_order_forward_and_back():
    app = make_app("gradient")
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        board, field = scene.query_one(Derivation), scene.query_one(ArrowField)

        def state():
            return (len(board.visible_lines), field.arrows_visible, scene.query_one("#verdict").visible)

        seen = [state()]
        for _ in range(scene.steps - 1):
            await pilot.press("right")
            seen.append(state())
        lines = len(BOARD)
        assert seen == [(min(step + 1, lines), step >= ARROWS, step >= DESCENT) for step in range(scene.steps)]
        assert board.visible_lines[-1].endswith("(6x, −2)")
        backwards = []
        for _ in range(scene.steps - 1):
            await pilot.press("left")
            backwards.append(state())
        assert backwards == seen[-2::-1]


@pytest.mark.parametrize("lang", ["en", "de"])
async def test_values_at_the_cursor_are_the_engines(lang):
    app = make_app("gradient", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        await goto_step(pilot, ARROWS)
        field = scene.query_one(ArrowField)
        downhill = -plane_gradient(NODES[None, :], NODES[:, None])
        assert np.array_equal(np.asarray(field.vectors), downhill)
        await pilot.press("enter")
        i, j = CURSOR_START
        for keys, (di, dj) in ((["left"], (-1, 0)), (["up", "up"], (0, 2)), (["left"] * 3, (-3, 0)),
                               (["down"] * 12, (0, -12)), (["right"] * 20, (20, 0))):
            await pilot.press(*keys)
            i, j = min(max(i + di, 0), len(NODES) - 1), min(max(j + dj, 0), len(NODES) - 1)
            x, y = NODES[i], NODES[j]
            assert scene.cursor == (i, j) == field.cursor
            gx, gy = plane_gradient(x, y)
            readout = text_of(scene.query_one("#readout"))
            for expected in (f"f = {scene.num(plane(x, y))}", f"= {scene.num(gx)}", f"∂f/∂y = {scene.num(gy)}",
                             f"∇f = ({scene.num(gx)}", f"−∇f = ({scene.num(-gx)}"):
                assert expected in readout
            assert f"[{arrow_for(-gx, -gy)}]" in text_of(field)


async def test_the_walk_goes_up_without_end():
    app = make_app("gradient", "de")
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        await goto_step(pilot, DESCENT)
        assert scene.t("no_minimum") in text_of(scene.query_one("#verdict")).replace("\n", " ")
        start = scene.point
        table = scene.query_one(DescentSteps)
        for _ in range(3):
            await pilot.press("s")
        presses = 6
        await pilot.press(*["space"] * presses)  # without animation: a burst of steps per press
        taken = 3 + presses * WALK_BURST
        path = run(plane_gradient, start, LEARNING_RATE, value=plane, max_steps=taken)
        assert path.status[0] == Status.MAX_STEPS  # the engine's walker never arrives anywhere
        assert np.isfinite(path.points).all() and np.isfinite(path.values).all()
        x, y = path.points[-1, 0]
        assert table.rows[-1] == [str(taken), scene.num(x, 3), scene.num(y, 3),
                                  scene.num(float(path.values[-1, 0]), 3)]
        assert scene.recent[-1].status[0] == Status.RUNNING
        ys = path.points[:, 0, 1]
        assert (np.diff(ys) > 0).all() and ys[-1] > NODES[-1]
        assert OFF_MAP in text_of(scene.query_one(ArrowField)).splitlines()[0]
        await pilot.press("r")
        assert [row[0] for row in table.rows] == ["0"]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_snapshot_walk(snap_compare, lang):
    async def walk(pilot):
        await goto_step(pilot, DESCENT)
        await pilot.press("enter", "left", "escape", "s", "s", "s", "s", "s")
        await pilot.pause()

    assert snap_compare(make_app("gradient", lang), terminal_size=(80, 24), run_before=walk)
