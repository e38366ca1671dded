"""The learning-rate scene: walks that match the engine, verdicts the engine forecasts and the walks confirm,
a prediction before anything walks, and a free rate whose measured factor is 1 − 4η."""

from __future__ import annotations

import numpy as np
import pytest
from textual.geometry import Region

from engine.descent import Status, run
from engine.functions import parabola, parabola_slope
from engine.stability import divergence_edge, error_factor, factors_seen, forecast, one_step_rate
from scenes.learning_rate import (
    FREE,
    FREE_RATES,
    FREE_START,
    MAX_STEPS,
    RATES,
    TOLERANCE,
    WALKS,
    X_START,
    verdict_of,
)
from tests.conftest import FakeClock, fit_cases, languages_in_turn, make_app, screen_lines, until
from tui.predict import SKIP_KEY, QuestionBox
from tui.widgets.chart import Chart
from tui.widgets.descent_steps import DescentSteps
from tui.widgets.stability_strip import StabilityStrip

LANGS = ["en", "de"]
SLOPE = float(parabola_slope(X_START))
VERDICTS = {"en": {"too_slow": "too slow", "good": "good", "zigzag": "zig-zags, arrives in", "diverges": "diverges",
                   "swings": "swings for ever"},
            "de": {"too_slow": "zu langsam", "good": "gut", "zigzag": "pendelt, am Ziel in", "diverges": "divergiert",
                   "swings": "pendelt für immer"}}


def engine_walk(rate: float):
    return run(parabola_slope, X_START, rate, value=parabola, tolerance=TOLERANCE, max_steps=MAX_STEPS)


def text(app, selector: str) -> str:
    return " ".join(str(app.scene.query_one(selector).render()).split())


def box_text(scene) -> str:
    box = scene.query_one(QuestionBox)
    lines = [strip.text for strip in box.render_lines(Region(0, 0, *box.outer_size))]
    return " ".join(line.lstrip("▊").strip() for line in lines)


def screen(app) -> str:
    return "\n".join(screen_lines(app))


async def to_the_walks(pilot) -> None:
    await pilot.press("right", SKIP_KEY)
    assert pilot.app.scene.step == WALKS


# -- the four walks ------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
async def test_each_panel_shows_x_f_and_the_slope_of_the_engines_walk(lang):
    app = make_app("learning-rate", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        await to_the_walks(pilot)
        await pilot.press("s", "s", "s")
        for index, rate in enumerate(RATES):
            path = engine_walk(rate)
            k = min(3, path.steps)
            x, fx = float(path.points[k, 0, 0]), float(path.values[k, 0])
            readout = text(app, f"#readout-{index}")
            assert f"η = {scene.num(rate, 2)} · k = {k}" == text(app, f"#title-{index}")
            assert f"x = {scene.num(x, 3)}" in readout and f"f(x) = {scene.num(fx, 3)}" in readout
            assert f"f'(x) = {scene.num(float(parabola_slope(x)), 3)}" in readout
            chart = scene.query_one(f"#plot-{index}", Chart)
            walker = [s for s in chart.series if s.points][0]
            assert walker.xs[0] == pytest.approx(x)
        tolerance = {"en": "until |f'| < 0.001 or k = 60", "de": "bis |f'| < 0,001 oder k = 60"}[lang]
        assert tolerance in text(app, "#readout-0")


@pytest.mark.parametrize("lang", LANGS)
async def test_the_verdicts_are_the_engines_forecast_and_the_walks_confirm_them(lang):
    app = make_app("learning-rate", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        await to_the_walks(pilot)
        await pilot.press("space")
        expected = [VERDICTS[lang][key] for key in ("too_slow", "good", "zigzag", "diverges")]
        for index, rate in enumerate(RATES):
            ahead = forecast(rate, 4.0, SLOPE, TOLERANCE)
            verdict = text(app, f"#verdict-{index}")
            assert verdict.startswith(expected[index])
            assert f"q = 1 − 4η = {scene.numbers.short(error_factor(rate, 4.0))}" in text(app, f"#readout-{index}")
            path = engine_walk(rate)
            readout = text(app, f"#readout-{index}")
            assert readout.endswith("✓")  # the walk agrees with the forecast
            if ahead.converges and ahead.arrives_within(MAX_STEPS):
                assert path.status[0] == Status.CONVERGED and path.steps == ahead.steps
                assert scene.term("iterations", n=ahead.steps) in readout and str(ahead.steps) in verdict
            elif ahead.converges:
                assert path.status[0] == Status.MAX_STEPS and ahead.steps > MAX_STEPS
                assert str(ahead.steps) in verdict
            else:
                assert path.status[0] == Status.DIVERGED
                assert f"×{scene.numbers.short(abs(ahead.factor))}" in verdict


def test_no_verdict_is_typed_in_per_rate():
    """The verdict of any rate follows from its forecast, the iteration limit and nothing else."""
    kinds = {verdict_of(forecast(rate, 4.0, SLOPE, TOLERANCE)) for rate in FREE_RATES}
    assert kinds == {"too_slow", "good", "zigzag", "swings", "diverges"}
    for rate in FREE_RATES:
        ahead, path = forecast(rate, 4.0, SLOPE, TOLERANCE), engine_walk(rate)
        verdict = verdict_of(ahead)
        assert (verdict in ("good", "zigzag")) == (path.status[0] == Status.CONVERGED)
        assert (verdict == "zigzag") == (ahead.zigzags and path.status[0] == Status.CONVERGED)
        assert (verdict == "diverges") == (abs(1 - 4 * rate) > 1)


@pytest.mark.parametrize("lang", LANGS)
async def test_after_divergence_no_frozen_value_is_shown_as_the_next_iteration(lang):
    app = make_app("learning-rate", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        await to_the_walks(pilot)
        await pilot.press("space")
        path = engine_walk(RATES[-1])
        assert path.status[0] == Status.DIVERGED
        last_good = path.steps - 1  # the step that blew up kept the point before it
        np.testing.assert_array_equal(path.points[-1], path.points[-2])
        assert text(app, "#title-3").endswith(f"k = {last_good}")
        readout = text(app, "#readout-3")
        assert f"f(x) = {scene.numbers.sci(float(path.values[last_good, 0]), 1)}" in readout
        words = {"en": f"diverged after iteration {last_good}", "de": f"divergiert nach Iteration {last_good}"}[lang]
        assert words in readout  # the same k as the title: the iteration that blew up is not drawn
        walker = [s for s in scene.query_one("#plot-3", Chart).series if s.points][0]
        assert walker.xs[0] == path.points[last_good, 0, 0]
        assert "nan" not in screen(app).lower() and "inf" not in screen(app)


async def test_reset_returns_every_walk_to_the_start():
    app = make_app("learning-rate", "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_the_walks(pilot)
        await pilot.press("s", "s", "r")
        assert all(walk.now.index == 0 for walk in app.scene.walks)
        assert text(app, "#title-0") == "η = 0.02 · k = 0"


async def test_a_walk_that_has_ended_is_not_drawn_again_each_frame(monkeypatch):
    """η = 0.2 arrives within a few iterations; the other walkers go on, and only their panels are drawn."""
    app = make_app("learning-rate", "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_the_walks(pilot)
        scene = app.scene
        while not scene.walks[1].finished:
            await pilot.press("s")
        drawn = []
        show_panel = type(scene)._show_panel
        monkeypatch.setattr(type(scene), "_show_panel", lambda self, index, *a: (drawn.append(index), show_panel(self, index, *a)))
        await pilot.press("s")
        assert drawn == [0, 2, 3] and not scene.walks[0].finished
        assert text(app, "#title-1") == f"η = 0.20 · k = {scene.walks[1].now.index}"
        await pilot.press("r")  # fresh walks: every panel again
        assert drawn[3:] == [0, 1, 2, 3] and text(app, "#title-1") == "η = 0.20 · k = 0"


# -- predict, then see ----------------------------------------------------------------

VERDICT = {"en": ("✓ Right", "✗ Not quite"), "de": ("✓ Richtig", "✗ Nicht ganz")}


@pytest.mark.parametrize(("lang", "key"), languages_in_turn("3", "4"))
async def test_which_rates_converge_is_asked_before_anything_walks_and_verdicts_hide_till_then(lang, key):
    app = make_app("learning-rate", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        words = [word for verdict in VERDICTS[lang].values() for word in verdict.split(", ")]
        assert not any(word in screen(app) for word in words) and "q = 1" not in screen(app)
        await pilot.press("space", "s")
        assert all(walk.now.index == 0 for walk in scene.walks), "nothing walks before the prediction"
        await pilot.press("right")
        assert scene.asking is not None and scene.step == WALKS - 1
        shown = screen(app)
        assert not any(word in shown for word in words) and "q = 1" not in shown
        converging = [rate for rate in sorted(RATES) if abs(error_factor(rate, 4.0)) < 1]
        assert converging == [0.02, 0.2, 0.45]
        await pilot.press(key)
        right = int(key) == len(converging)
        box = box_text(scene)
        assert box.startswith(VERDICT[lang][0 if right else 1])
        assert scene.numbers.short(error_factor(RATES[-1], 4.0)) in box  # the factors say why
        factors = [scene.numbers.short(error_factor(rate, 4.0)) for rate in RATES]  # listed as German lists numbers
        listed = {"en": f"{factors[0]}, {factors[1]}, {factors[2]} and {factors[3]}",
                  "de": f"{factors[0]}; {factors[1]}; {factors[2]} und {factors[3]}"}[lang]
        assert listed in " ".join(box.split())
        assert (app.tally.answered, app.tally.right) == (1, int(right))
        assert scene.step == WALKS and text(app, "#verdict-1").startswith(VERDICTS[lang]["good"])


@pytest.mark.parametrize("lang", LANGS)
async def test_skip_and_no_questions(lang):
    app = make_app("learning-rate", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", SKIP_KEY)
        assert app.scene.step == WALKS and app.tally.skipped == 1
        assert {"en": "Skipped: the answer is 3", "de": "Übersprungen: richtig ist 3"}[lang] in box_text(app.scene)
    app = make_app("learning-rate", lang, questions=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right")
        assert app.scene.step == WALKS and not app.scene.query_one(QuestionBox).display


# -- the free rate and the rule --------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
async def test_plus_and_minus_choose_a_free_rate_whose_measured_factor_is_1_minus_4_eta(lang):
    app = make_app("learning-rate", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        await to_the_walks(pilot)
        await pilot.press("plus")
        assert scene.learning_rate == FREE_START, "+ and - wait for the free step"
        await pilot.press("right")
        assert scene.step == FREE
        for presses, key in ((3, "plus"), (4, "plus"), (2, "minus")):
            await pilot.press(*[key] * presses, "space")
            rate = scene.learning_rate
            path = engine_walk(rate)
            table = scene.query_one("#free-table", DescentSteps)
            shown = path.steps + 1 - (path.status[0] == Status.DIVERGED)
            assert len(table.rows) == shown
            assert table.rows[-1][:2] == [str(shown - 1), scene._number(float(path.points[shown - 1, 0, 0]))]
            seen = factors_seen(parabola_slope(path.points[:shown, 0, 0]))
            np.testing.assert_allclose(seen, error_factor(rate, 4.0), rtol=1e-6)
            assert all(row[-1] == scene.num(float(q), 3) for row, q in zip(table.rows[1:], seen))
            assert f"q = 1 − 4η = {scene.numbers.short(error_factor(rate, 4.0))}" in table.heading
        assert scene.learning_rate == FREE_RATES[FREE_RATES.index(FREE_START) + 5]


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
async def test_the_strip_places_every_rate_between_the_boundaries_and_the_rule_comes_once_found(lang):
    app = make_app("learning-rate", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        await to_the_walks(pilot)
        await pilot.press("right")
        strip = scene.query_one(StabilityStrip)
        lines = str(strip.render()).splitlines()
        one, edge = one_step_rate(4.0), divergence_edge(4.0)
        assert (one, edge) == (0.25, 0.5)
        assert f"1/f'' = {scene.numbers.short(one)}" in lines[2] and f"2/f'' = {scene.numbers.short(edge)}" in lines[2]
        axis, labels, factors = lines[1], lines[2], lines[3]
        ticks = [i for i, char in enumerate(axis) if char == "┼"]
        assert len(ticks) == 4
        for tick, q in zip(ticks[1:3], ("0", scene.numbers.short(-1.0))):
            assert factors[tick - len(q) // 2:tick - len(q) // 2 + len(q)] == q
        marks = lines[0]
        assert [marks.index(letter) for letter in "abcd"] == sorted(marks.index(letter) for letter in "abcd")
        assert marks.index("b") < ticks[1] < marks.index("c") < ticks[2] < marks.index("d")
        rule = {"en": "Found:", "de": "Gefunden:"}[lang]
        assert rule not in text(app, "#intro")
        words = {"shrinks": {"en": "↘ shrinks", "de": "↘ schrumpft"}, "zigzag": {"en": "~ zig-zags in", "de": "~ pendelt hinein"},
                 "grows": {"en": "✗ grows", "de": "✗ wächst"}}
        legend = " ".join(" ".join(lines[4:]).split())
        assert not any(word[lang] in legend for word in words.values())  # no key to marks not yet drawn
        for rate in (0.1, 0.35, 0.6):  # creeps, zig-zags in, grows
            while scene.learning_rate != rate:
                await pilot.press("plus" if scene.learning_rate < rate else "minus")
            await pilot.press("s", "s")
            assert scene.tried[rate] == {0.1: "shrinks", 0.35: "zigzag", 0.6: "grows"}[rate]
        await pilot.press("plus")  # the free rate's own mark moves on and shows what 0.6 did
        legend = " ".join(" ".join(str(strip.render()).splitlines()[4:]).split())
        assert all(word[lang] in legend for word in words.values())  # each kind's mark is in sight now
        marks = str(strip.render()).splitlines()[0]
        assert "↘" in marks and "~" in marks and "✗" in marks
        assert marks.index("~") < marks.index("✗") and ticks[2] < marks.index("✗")
        assert rule in text(app, "#intro")


# -- life on screen --------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "size"), fit_cases())
async def test_every_text_fits_and_the_plots_grow_with_the_window(lang, size):
    app = make_app("learning-rate", lang)
    async with app.run_test(size=size) as pilot:
        scene = app.scene
        await pilot.press("right")
        await pilot.press("3", "space")
        for index in range(len(RATES)):
            for selector in (f"#verdict-{index}", f"#readout-{index}", "#intro"):
                widget = scene.query_one(selector)
                assert widget.get_content_height(widget.size, widget.size, widget.size.width) <= widget.size.height
        plot = scene.query_one("#plot-0", Chart).size.height
        assert plot >= (5 if size[1] < 24 else 7) and (size != (120, 40) or plot >= 17)
        await pilot.press("right", *["plus"] * 16, "space")  # the largest rate, walked until it blows up
        intro = scene.query_one("#intro")
        assert intro.get_content_height(intro.size, intro.size, intro.size.width) <= intro.size.height
        shown = "\n".join(screen_lines(app))
        assert scene.t("ratio") in shown and scene.num(-2.0, 3) in shown, "the table's right column is cut off"
        for rate in FREE_RATES[::-1]:
            assert scene.learning_rate == rate
            heading_rows = scene.query_one(DescentSteps)._wrapped(scene.query_one(DescentSteps).heading, 44)
            assert len(heading_rows) <= 2
            await pilot.press("minus")
        strip = scene.query_one(StabilityStrip)
        assert strip.size.height == strip.get_content_height(strip.size, strip.size, strip.size.width)
        assert all(len(line) <= strip.size.width for line in str(strip.render()).splitlines())


@pytest.mark.slow
async def test_leaving_the_scene_stops_the_walks():
    clock = FakeClock()
    app = make_app("learning-rate", "en", animate=True, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        await to_the_walks(pilot)
        await pilot.press("space")
        clock.advance(1.0)
        await until(pilot, lambda: len(scene.walks[0].steps) > 1)
        walked = len(scene.walks[0].steps)
        assert walked > 1
        await pilot.press("right_square_bracket")
        clock.advance(5.0)
        await pilot.pause(0.3)
        assert len(scene.walks[0].steps) == walked
        assert all(not timer._active.is_set() for timer in scene._scene_timers)


@pytest.mark.parametrize("lang", LANGS)
def test_snapshot_asking(snap_compare, lang):
    async def ask(pilot):
        await pilot.press("right")
        await pilot.pause()

    assert snap_compare(make_app("learning-rate", lang), terminal_size=(80, 24), run_before=ask)


@pytest.mark.parametrize("lang", LANGS)
def test_snapshot(snap_compare, lang):
    async def walk_to_the_end(pilot):
        await pilot.press("right", "3", "space")
        await pilot.pause()

    assert snap_compare(make_app("learning-rate", lang), terminal_size=(80, 24), run_before=walk_to_the_end)


@pytest.mark.parametrize("lang", LANGS)
def test_snapshot_free_rate(snap_compare, lang):
    async def free(pilot):
        await pilot.press("right", "3", "right", "plus", "plus", "plus", "plus", "space")
        await pilot.pause()

    assert snap_compare(make_app("learning-rate", lang), terminal_size=(80, 24), run_before=free)
