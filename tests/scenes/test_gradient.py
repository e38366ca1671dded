"""Scene gradient: values at the cursor, the map's values and arrows, the two predictions and the
walk are the engine's, in both languages."""

from __future__ import annotations

import math

import numpy as np
import pytest
from textual.geometry import Region

from engine.descent import Status, run
from engine.functions import plane, plane_gradient
from scenes.gradient import (
    ARROWS,
    BOARD,
    BOUNDS,
    CURSOR_START,
    DESCENT,
    ENDLESS_CHECK,
    LEARNING_RATE,
    NODES,
)
from tests.conftest import EVERY_LANGUAGE_GERMAN_FAST, languages_in_turn, make_app
from tui.predict import SKIP_KEY, QuestionBox
from tui.widgets.arrow_field import ArrowField, arrow_for, line_dots
from tui.widgets.derivation import Derivation
from tui.widgets.descent_steps import DescentSteps

LANGS = ["en", "de"]
VERDICT = {"en": ("✓ Right", "✗ Not quite"), "de": ("✓ Richtig", "✗ Nicht ganz")}


def text_of(widget) -> str:
    """What the widget shows on screen, as plain text."""
    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, *widget.outer_size)))


def box_text(scene) -> str:
    lines = text_of(scene.query_one(QuestionBox)).splitlines()
    return " ".join(line.lstrip("▊").strip() for line in lines)


async def goto_step(pilot, step: int) -> None:
    await pilot.app.go(pilot.app.index, step)
    await pilot.pause()


async def move_cursor_to(pilot, i: int, j: int) -> None:
    scene = pilot.app.scene
    ci, cj = scene.cursor
    await pilot.press("enter", *(["right" if i > ci else "left"] * abs(i - ci)),
                      *(["up" if j > cj else "down"] * abs(j - cj)), "enter")
    assert scene.cursor == (i, j)


async def test_reveal_order_forward_and_back():
    app = make_app("gradient", questions=False)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        board, field = scene.query_one(Derivation), scene.query_one(ArrowField)

        def state():
            return len(board.visible_lines), field.arrows_visible, scene.query_one(DescentSteps).visible

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


@pytest.mark.parametrize("lang", EVERY_LANGUAGE_GERMAN_FAST)
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
        vector, point = scene.numbers.vector, scene.numbers.point
        for keys, (di, dj) in ((["left"], (-1, 0)), (["up", "up"], (0, 2)), (["left"] * 3, (-3, 0)),
                               (["down"] * 12, (0, -12)), (["right"] * 20, (20, 0))):
            await pilot.press(*keys)
            i, j = min(max(i + di, 0), len(NODES) - 1), min(max(j + dj, 0), len(NODES) - 1)
            x, y = NODES[i], NODES[j]
            assert scene.cursor == (i, j) == field.cursor
            gx, gy = plane_gradient(x, y)
            readout = text_of(scene.query_one("#readout"))
            for expected in (f"{point(x, y)}:  f = {scene.num(plane(x, y))}", f"= {scene.num(gx)}",
                             f"∂f/∂y = {scene.num(gy)}", f"∇f = {vector((gx, gy))}",
                             f"−∇f = {vector((-gx, -gy))}, |∇f| = {scene.num(math.hypot(gx, gy))}"):
                assert expected in readout


# -- the map ---------------------------------------------------------------------

def cell_of(dot: tuple[float, float]) -> tuple[int, int]:
    return int(dot[1] // 4), int(dot[0] // 2)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_arrows_show_the_true_direction_and_size_of_minus_grad_f(size):
    app = make_app("gradient")
    async with app.run_test(size=size) as pilot:
        await goto_step(pilot, ARROWS)
        field = app.scene.query_one(ArrowField)
        rows = text_of(field).splitlines()
        scale = field.arrow_scale
        longest = max(math.hypot(*field.vectors[j][i]) for j in range(0, 9, 2) for i in range(0, 9, 2))
        assert longest * scale == pytest.approx(0.8 * 2 * field._cell[0] * 2)  # one scale for all arrows
        for j in range(0, len(NODES), 2):
            for i in range(0, len(NODES), 2):
                vx, vy = field.vectors[j][i]
                shaft, head = field.arrow_cells(i, j, (vx, vy), scale)
                tail = field._tail(i, j, (vx, vy))
                tip = (tail[0] + vx * scale, tail[1] - vy * scale)
                assert head == cell_of(tip) and rows[head[0]][head[1]] == arrow_for(vx, vy)
                for row, column in shaft:
                    assert "\u2801" <= rows[row][column] <= "\u28ff"  # a Braille shaft
                dots = line_dots(tail, tip)
                if abs(vx) >= 6:  # long enough to see: the shaft rises by 2 for every 6 or 12 across
                    (x0, y0), (x1, y1) = dots[0], dots[-1]
                    assert y1 < y0 and (y0 - y1) / abs(x1 - x0) == pytest.approx(abs(vy / vx), abs=0.15)
        x_len = {abs(field.vectors[4][i][0]): len(field.arrow_cells(i, 4, field.vectors[4][i], scale)[0]) + 1
                 for i in (6, 8)}
        assert x_len[12.0] == pytest.approx(2 * x_len[6.0], abs=1)  # twice the size, twice the length


@pytest.mark.parametrize("lang", LANGS)
async def test_the_first_view_shows_f_on_labelled_axes(lang):
    app = make_app("gradient", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        field = app.scene.query_one(ArrowField)
        rows = text_of(field).splitlines()
        assert rows[0].strip() == "y" and rows[field.row(NODES[0]) + 1].rstrip().endswith("x")
        for j in range(0, len(NODES), 2):
            for i in range(0, len(NODES), 2):
                value = app.scene.numbers.short(float(plane(NODES[i], NODES[j])))
                start = field.column(NODES[i]) - (len(value) - 1) // 2
                assert rows[field.row(NODES[j])][start:start + len(value)] == value


# -- predictions -------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "node", "count"),
                         languages_in_turn((CURSOR_START, 4), ((4, 4), 2), ((0, 8), 4), (CURSOR_START, 4)))
async def test_which_way_is_downhill_is_predicted_before_the_arrows_show_it(lang, node, count):
    app = make_app("gradient", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        await goto_step(pilot, ARROWS - 1)
        await move_cursor_to(pilot, *node)
        await pilot.press("right")
        field = scene.query_one(ArrowField)
        gx, gy = plane_gradient(*scene.point)
        downhill = scene.numbers.vector((-gx, -gy))
        question = scene.asking
        assert question is not None and len(question.choices) == count
        assert not field.arrows_visible and "−∇f =" not in text_of(scene.query_one("#readout"))
        assert question.choices[question.answer] == downhill and len(set(question.choices)) == count
        assert len(field.candidates) == count
        for number, candidate in enumerate(field.candidates, start=1):
            assert scene.numbers.vector(candidate) == question.choices[number - 1]
        drawn, under = text_of(field).splitlines(), [strip.text for strip in field._base]
        numbers = sorted(drawn[r][c] for r in range(len(drawn)) for c in range(len(drawn[r]))
                         if drawn[r][c] != under[r][c] and drawn[r][c].isdigit())
        assert numbers == [str(n) for n in range(1, count + 1)]  # each numbered arrow once on the map
        wrong = (question.answer + 1) % count
        await pilot.press(str(wrong + 1))
        assert field.arrows_visible and field.candidates == [] and scene.step == ARROWS
        box = box_text(scene)
        assert box.startswith(VERDICT[lang][1]) and f"{question.answer + 1}, {downhill}" in box
        assert f"= {downhill}" in box and f"|∇f| = {scene.num(math.hypot(gx, gy))}" in box
        assert (app.tally.answered, app.tally.right) == (1, 0)


@pytest.mark.parametrize("lang", LANGS)
async def test_where_the_walk_stops_is_predicted_before_it_starts(lang):
    app = make_app("gradient", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        await goto_step(pilot, ARROWS)
        await pilot.press("right")
        assert scene.asking is not None and not scene.query_one(DescentSteps).visible
        assert "minimum" not in text_of(scene).lower()  # "no minimum" is the reveal
        path = run(plane_gradient, scene.point, LEARNING_RATE, value=plane, max_steps=ENDLESS_CHECK)
        assert path.status[0] == Status.MAX_STEPS  # the engine never finds a place to stop
        never = len(scene.asking.choices) - 1
        assert scene.asking.answer == never
        await pilot.press(str(never + 1))
        box = box_text(scene)
        assert box.startswith(VERDICT[lang][0])
        assert scene.term("iterations", n=ENDLESS_CHECK) in box
        assert f"y = {scene.num(float(path.points[-1, 0, 1]))}" in box
        assert scene.step == DESCENT and scene.query_one(DescentSteps).visible


@pytest.mark.parametrize("lang", LANGS)
async def test_skip_and_no_questions(lang):
    app = make_app("gradient", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await goto_step(pilot, ARROWS - 1)
        await pilot.press("right", SKIP_KEY)
        skipped = {"en": "Skipped: the answer is", "de": "Übersprungen: richtig ist"}[lang]
        assert app.scene.step == ARROWS and box_text(app.scene).startswith(skipped)
        assert (app.tally.answered, app.tally.skipped) == (0, 1)
    app = make_app("gradient", lang, questions=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await goto_step(pilot, ARROWS - 1)
        await pilot.press("right", "right")
        assert app.scene.step == DESCENT and not app.scene.query_one(QuestionBox).display


# -- the walk ----------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
async def test_the_walk_goes_up_until_it_would_leave_the_map(lang):
    app = make_app("gradient", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        await goto_step(pilot, DESCENT)
        start = scene.point
        table = scene.query_one(DescentSteps)
        await pilot.press("s", "s", "s")
        assert table.rows[-1][0] == "3"
        assert table.status == scene.t("walk.running", rise=scene.num(LEARNING_RATE * 2))
        await pilot.press(*["space"] * 4)  # without animation: a burst of iterations per press
        path = run(plane_gradient, start, LEARNING_RATE, value=plane, bounds=BOUNDS, max_steps=10**6)
        assert path.status[0] == Status.LEFT_DOMAIN  # stopped by the map, not by arriving
        moved = path.steps - 1  # the engine's last step stays put at the edge
        x, y = path.points[moved, 0]
        assert table.rows[-1] == [str(moved), scene.num(x, 3), scene.num(y, 3),
                                  scene.num(float(path.values[moved, 0]), 3)]
        assert all(a[1:] != b[1:] for a, b in zip(table.rows, table.rows[1:]))  # every row moved
        ys = path.points[: moved + 1, 0, 1]
        assert (np.diff(ys) > 0).all() and ys[-1] <= NODES[-1] < ys[-1] + LEARNING_RATE * 2
        assert table.status == scene.t("walk.left_domain", iterations=scene.term("iterations", n=moved))
        await pilot.press("r")
        assert [row[0] for row in table.rows] == ["0"]


# -- snapshots -----------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_snapshot_asking_the_direction(snap_compare, lang):
    async def ask(pilot):
        await goto_step(pilot, ARROWS - 1)
        await pilot.press("right")
        await pilot.pause()

    assert snap_compare(make_app("gradient", lang), terminal_size=(80, 24), run_before=ask)


@pytest.mark.parametrize("lang", LANGS)
def test_snapshot_walk(snap_compare, lang):
    async def walk(pilot):
        await goto_step(pilot, ARROWS)
        await pilot.press("right", "3", "enter", "left", "escape", "s", "s", "s", "s", "s")
        await pilot.pause()

    assert snap_compare(make_app("gradient", lang), terminal_size=(80, 24), run_before=walk)
