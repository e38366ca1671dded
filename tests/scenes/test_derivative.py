"""Scene derivative: the board, the tangent, the secant, the rolling ball and the two predictions
show the engine's numbers, in both languages."""

from __future__ import annotations

import time

import numpy as np
import pytest

from engine.descent import Status, run
from engine.functions import (
    PARABOLA_MIN,
    central_difference,
    parabola,
    parabola_curvature,
    parabola_slope,
    where_slope_is_zero,
)
from engine.tangent import line_through, secant_slope
from scenes.derivative import (
    BOARD_STEPS,
    CHECK,
    DECIMALS,
    DESCENT,
    H_START,
    H_VALUES,
    LEARNING_RATE,
    MAX_DESCENT_STEPS,
    SECANT,
    TANGENT,
    TOLERANCE,
    VALUE,
    X_START,
    X_STEP,
    Y_TICKS,
)
from tests.conftest import charts_drawn, languages_in_turn, make_app, screen_lines, shown
from tui.predict import SKIP_KEY, QuestionBox
from tui.widgets.derivation import Derivation
from tui.widgets.descent_steps import DescentSteps
from tui.widgets.chart import Chart

LANGS = ["en", "de"]


def text_of(widget) -> str:
    """What the widget shows on screen, as plain text."""
    return shown(widget)


def box_text(scene) -> str:
    """The question box's text as one paragraph: its lines joined, the border dropped."""
    lines = text_of(scene.query_one(QuestionBox)).splitlines()
    return " ".join(line.lstrip("▊").strip() for line in lines)


def screen(app) -> str:
    return "\n".join(screen_lines(app))


async def goto_step(pilot, step: int) -> None:
    await pilot.app.go(pilot.app.index, step)
    await pilot.pause()


def series_by_marker(scene, marker: str):
    return [s for s in scene.query_one(Chart).series if s.marker == marker]


async def move_x_to(pilot, x: float) -> None:
    """Explore mode: ← → until the scene's x is `x`, then leave explore mode."""
    scene = pilot.app.scene
    await pilot.press("enter")
    key = "right" if x > scene.x else "left"
    await pilot.press(*[key] * round(abs(x - scene.x) / X_STEP), "enter")
    assert scene.x == x


# -- the board ---------------------------------------------------------------

async def test_board_reveals_one_line_per_step_forward_and_back():
    app = make_app("derivative", questions=False)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        board = scene.query_one(Derivation)
        seen = []
        for _ in range(scene.steps - 1):
            seen.append(len(board.visible_lines))
            await pilot.press("right")
        seen.append(len(board.visible_lines))
        assert seen == [sum(step >= first for first in BOARD_STEPS) for step in range(scene.steps)]
        assert seen[0] == 1 and seen[-1] == len(BOARD_STEPS)
        assert scene.query_one(DescentSteps).visible
        backwards = []
        for _ in range(scene.steps - 1):
            await pilot.press("left")
            backwards.append(len(board.visible_lines))
        assert backwards == seen[-2::-1]
        assert not scene.query_one(DescentSteps).visible


@pytest.mark.parametrize(("lang", "name"), [("en", "check from school"), ("de", "Kurvendiskussion")])
async def test_board_solves_f_prime_zero_and_checks_f_second_as_the_lecture_does(lang, name):
    app = make_app("derivative", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        await goto_step(pilot, VALUE)
        short = scene.numbers.short
        x_min = where_slope_is_zero(parabola_slope, parabola_curvature)
        assert (x_min, float(parabola(x_min))) == PARABOLA_MIN == (-1.0, -2.0)  # by hand: 4x + 4 = 0
        f2 = float(parabola_curvature(x_min))
        assert f2 == pytest.approx(float(central_difference(parabola_slope, x_min))) and f2 > 0
        lines = scene.query_one(Derivation).visible_lines
        assert lines[2].endswith(f"{short(f2)}x = {short(-float(parabola_slope(0.0)))}")  # 4x = −4
        assert lines[3] == f"⇔  x = {short(x_min)}"
        assert lines[4].startswith(f"f''(x) = {short(f2)} > 0")
        assert lines[5] == f"f({short(x_min)}) = 2({short(x_min)})² + 4({short(x_min)}) = {short(-2.0)}"
        assert all("-" not in line for line in lines)  # a true minus sign everywhere
        await goto_step(pilot, CHECK)
        assert name in text_of(scene.query_one("#readout"))


@pytest.mark.parametrize("lang", LANGS)
async def test_the_minimum_is_not_given_away_before_the_board_finds_it(lang):
    app = make_app("derivative", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        assert PARABOLA_MIN[1] not in Y_TICKS  # the axis does not label the lowest value
        for step in range(VALUE):
            await goto_step(pilot, step)
            assert series_by_marker(scene, "◆") == []
            assert scene.numbers.point(*PARABOLA_MIN) not in screen(app)
        await goto_step(pilot, VALUE)
        assert series_by_marker(scene, "◆")[0].xs[0] == PARABOLA_MIN[0]
        assert scene.numbers.point(*PARABOLA_MIN) in screen(app)


@pytest.mark.parametrize(("lang", "words"), [("en", "slope of f at x"), ("de", "Steigung von f bei x")])
async def test_the_tangent_step_says_what_a_derivative_is(lang, words):
    app = make_app("derivative", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await goto_step(pilot, TANGENT)
        assert words in text_of(app.scene.query_one("#readout"))


# -- tangent and secant -------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
async def test_tangent_and_secant_follow_the_user_and_match_the_engine(lang):
    app = make_app("derivative", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        await goto_step(pilot, SECANT)
        await pilot.press("enter")
        assert app.scene.exploring
        x, h_index = X_START, H_START
        for keys in (["left"], ["left"] * 3, ["down"], ["down", "down", "right"], ["up"] * 9):
            await pilot.press(*keys)
            x += X_STEP * (keys.count("right") - keys.count("left"))
            h_index = min(max(h_index + keys.count("down") - keys.count("up"), 0), len(H_VALUES) - 1)
            h = H_VALUES[h_index]
            assert scene.step == SECANT and (scene.x, scene.h) == (x, h)
            readout = text_of(scene.query_one("#readout"))
            fx, slope, secant = parabola(x), parabola_slope(x), secant_slope(parabola, x, h)
            for expected in (f"x = {scene.num(x, 3)} ", f"f(x) = {scene.num(fx, 3)}",
                             f"f'(x) = {scene.num(slope, 3)}", f"h = {scene.num(h, 3)}:",
                             f"{scene.num(secant, 3)}"):
                assert expected in readout
            tangent = series_by_marker(scene, "•")[0]
            assert list(tangent.ys) == pytest.approx(line_through(x, fx, slope, np.array(tangent.xs)).tolist())
            secant_line = series_by_marker(scene, "+")[0]
            assert list(secant_line.ys) == pytest.approx(
                line_through(x, fx, secant, np.array(secant_line.xs)).tolist())
            point = series_by_marker(scene, "●")[0]
            assert (point.xs[0], point.ys[0]) == pytest.approx((x, fx))


def apart_from_curve(rows: list[str], marker: str) -> tuple[int, int]:
    """(cells of `marker`, those at least two cells from any Braille cell of the curve)."""
    curve = {(r, c) for r, row in enumerate(rows) for c, ch in enumerate(row) if "\u2801" <= ch <= "\u28ff"}
    marks = [(r, c) for r, row in enumerate(rows) for c, ch in enumerate(row) if ch == marker]
    far = [m for m in marks if all(max(abs(m[0] - r), abs(m[1] - c)) >= 2 for r, c in curve)]
    return len(marks), len(far)


async def test_tangent_and_secant_stand_apart_from_the_curve_at_80_columns():
    app = make_app("derivative")
    async with app.run_test(size=(80, 24)) as pilot:
        await goto_step(pilot, SECANT)
        await charts_drawn(pilot)
        rows = text_of(app.scene.query_one(Chart)).splitlines()
        for marker in ("•", "+"):
            marks, far = apart_from_curve(rows, marker)
            assert marks >= 10 and far >= marks / 3, (marker, marks, far)


async def test_arrows_navigate_outside_explore_mode():
    app = make_app("derivative", questions=False)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        await pilot.press("right")
        assert (scene.step, scene.x) == (1, X_START)
        await pilot.press("enter", "right", "enter", "right")
        assert (scene.step, scene.x) == (2, X_START + X_STEP)


async def test_held_keys_do_not_redraw_the_chart_every_time():
    app = make_app("derivative")
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        await pilot.pause(0.2)
        plot = scene.query_one(Chart)
        before, started = plot.redraws, time.monotonic()
        await pilot.press("enter", *["left"] * 12)
        await pilot.pause(0.3)
        frames_allowed = (time.monotonic() - started) * min(app.settings.fps, 10.0) + 1
        assert plot.redraws - before <= min(frames_allowed, 11)
        assert series_by_marker(scene, "●")[0].xs[0] == pytest.approx(scene.x)


# -- the descent ---------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
async def test_ball_rolls_by_the_engines_iterations_and_stops_by_the_stated_rule(lang):
    app = make_app("derivative", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        await goto_step(pilot, DESCENT)
        num, tol = scene.num, scene.num(TOLERANCE, 3)
        path = run(parabola_slope, X_START, LEARNING_RATE, value=parabola, tolerance=TOLERANCE,
                   max_steps=MAX_DESCENT_STEPS)
        table = scene.query_one(DescentSteps)
        assert table.headers[0] == app.catalog("app.term.iteration") == {"en": "iteration", "de": "Iteration"}[lang]
        for taken in range(1, 4):
            await pilot.press("s")
            x, fx = float(path.points[taken, 0, 0]), float(path.values[taken, 0])
            assert table.rows[-1] == [str(taken), num(x, DECIMALS), num(fx, DECIMALS),
                                      num(float(parabola_slope(x)), DECIMALS)]
            assert series_by_marker(scene, "●")[0].xs[0] == pytest.approx(x)
            assert f"|f'(x)| ≥ {tol}" in table.status
        await pilot.press("space")  # without animation: roll to the end at once
        assert len(table.rows) == path.steps + 1 and path.status[0] == Status.CONVERGED
        slopes = np.abs(parabola_slope(path.points[:, 0, 0]))
        assert slopes[-1] < TOLERANCE <= slopes[-2]  # the rule: stop at the first |f'| below the tolerance
        assert all(a != b for a, b in zip(table.rows, table.rows[1:]))  # no two rows look alike
        status = scene.t("walk.converged", iterations=scene.term("iterations", n=path.steps), tolerance=tol,
                         slope=num(float(slopes[-1]), DECIMALS))
        assert f"< {tol}" in status and table.status == status
        words = " ".join([table.heading, *table.headers, table.status])
        assert "Schritt" not in words and "step" not in words  # the footer's word for its counter
        await pilot.press("r")
        assert table.rows == [["0", num(X_START, DECIMALS), num(float(parabola(X_START)), DECIMALS),
                               num(float(parabola_slope(X_START)), DECIMALS)]]


# -- predictions -----------------------------------------------------------------

SIGN = {"en": ("negative", "zero", "positive"), "de": ("negativ", "null", "positiv")}
VERDICT = {"en": ("✓ Right", "✗ Not quite"), "de": ("✓ Richtig", "✗ Nicht ganz")}


@pytest.mark.parametrize(("lang", "x", "key"),
                         languages_in_turn((-0.5, "3"), (-0.5, "1"), (-1.0, "2"), (-2.0, "1"), (1.0, "2"), (-0.5, "3")))
async def test_sign_of_the_slope_is_predicted_before_the_tangent_shows_it(lang, x, key):
    app = make_app("derivative", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        await move_x_to(pilot, x)
        await pilot.press("right")
        slope = float(parabola_slope(x))
        shown = screen(app)
        assert scene.asking is not None and scene.step == TANGENT - 1
        assert f"x = {scene.numbers.short(x)}?" in box_text(scene)
        assert series_by_marker(scene, "•") == [] and "f'(x) = 4x + 4" not in shown
        assert f"f'(x) = {scene.num(slope, 3)}" not in shown
        await pilot.press(key)
        right = int(np.sign(slope)) + 1
        assert scene.step == TANGENT and scene.asking is None
        box = box_text(scene)
        assert box.startswith(VERDICT[lang][0] if int(key) - 1 == right else VERDICT[lang][1])
        assert f"{right + 1}, {SIGN[lang][right]}" in box
        assert f"f'({scene.numbers.short(x)}) = {scene.num(slope)}" in box
        assert series_by_marker(scene, "•") and f"f'(x) = {scene.num(slope, 3)}" in screen(app)
        assert (app.tally.answered, app.tally.right) == (1, int(int(key) - 1 == right))


STOP = {"en": ("exactly at x = −1", "near x = −1"), "de": ("genau bei x = −1", "nahe x = −1")}


@pytest.mark.parametrize(("lang", "x"), languages_in_turn(X_START, -1.0, 1.5, X_START))
async def test_where_the_descent_stops_is_predicted_before_the_ball_rolls(lang, x):
    app = make_app("derivative", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        await goto_step(pilot, VALUE)
        await move_x_to(pilot, x)
        await pilot.press("right")
        assert scene.asking is not None and not scene.query_one(DescentSteps).visible
        assert scene.t("walk.heading", rate=scene.num(LEARNING_RATE, 1)) not in screen(app)
        path = run(parabola_slope, x, LEARNING_RATE, tolerance=TOLERANCE, max_steps=MAX_DESCENT_STEPS)
        exact = float(path.points[-1, 0, 0]) == PARABOLA_MIN[0]
        assert path.status[0] == Status.CONVERGED and exact == (x == PARABOLA_MIN[0])
        await pilot.press("2")
        box = box_text(scene)
        assert box.startswith(VERDICT[lang][1] if exact else VERDICT[lang][0])
        assert STOP[lang][0 if exact else 1] in box
        assert scene.term("iterations", n=path.steps) in box
        if not exact:
            factor = 1 - LEARNING_RATE * float(parabola_curvature(x))
            assert f"{scene.numbers.short(factor)}" in box and factor == pytest.approx(0.6)
        assert scene.step == DESCENT and scene.query_one(DescentSteps).visible


@pytest.mark.parametrize("lang", LANGS)
async def test_skip_and_no_questions_and_the_score(lang):
    app = make_app("derivative", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", SKIP_KEY)
        skipped = {"en": "Skipped: the answer is 3", "de": "Übersprungen: richtig ist 3"}[lang]
        assert app.scene.step == TANGENT and skipped in box_text(app.scene)
        await goto_step(pilot, VALUE)
        await pilot.press("right", "2", "left", "right")  # answered: going back and forth asks nothing
        assert app.scene.step == DESCENT and app.scene.asking is None
        assert (app.tally.answered, app.tally.right, app.tally.skipped) == (1, 1, 1)
    app = make_app("derivative", lang, questions=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right")
        assert app.scene.step == TANGENT and not app.scene.query_one(QuestionBox).display


# -- snapshots ---------------------------------------------------------------------

def test_snapshot_secant_en(snap_compare):
    async def secant(pilot):
        await goto_step(pilot, SECANT)
        await pilot.press("enter", "left", "down", "escape")
        await charts_drawn(pilot)

    assert snap_compare(make_app("derivative", "en"), terminal_size=(80, 24), run_before=secant)


@pytest.mark.parametrize("lang", LANGS)
def test_snapshot_asking_the_sign(snap_compare, lang):
    async def ask(pilot):
        await pilot.press("right")
        await charts_drawn(pilot)

    assert snap_compare(make_app("derivative", lang), terminal_size=(80, 24), run_before=ask)


@pytest.mark.parametrize("lang", LANGS)
def test_snapshot_rolling(snap_compare, lang):
    async def roll(pilot):
        await goto_step(pilot, VALUE)
        await pilot.press("right", "1", "s", "s", "s", "s")
        await charts_drawn(pilot)

    assert snap_compare(make_app("derivative", lang), terminal_size=(80, 24), run_before=roll)
