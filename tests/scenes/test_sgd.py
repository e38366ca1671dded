"""The sgd scene: both paths are the engine's walks at equal work; batches, counters, narration,
gradient noise and the equal-work race, against the engine, in both languages."""

from __future__ import annotations

import re

import numpy as np
import pytest

from engine import LineFitLoss, line_data
from engine.minibatch import MiniBatchWalk, gradient_spread, loss_after
from scenes.sgd import BATCH_SIZES, EPOCH, NOISE, RACE, RACE_EPOCHS, RACE_MARKS, SAMPLES, START, PathPoints, Sgd
from tests.conftest import FakeClock, fit_cases, languages_in_turn, make_app, screen_lines, until
from tui.predict import SKIP_KEY, QuestionBox
from tui.widgets.batch_strip import BatchStrip
from tui.widgets.contour import ContourMap


def scene_of(app) -> Sgd:
    return app.query_one(Sgd)


def text(app, selector: str) -> str:
    return str(app.query_one(selector).render())


def walks(batch_size: int, learning_rate: float = 0.1, seed: int = 0) -> tuple[MiniBatchWalk, MiniBatchWalk]:
    loss = LineFitLoss(*line_data(SAMPLES, seed=0))
    return (MiniBatchWalk(loss, START, learning_rate, SAMPLES, seed),
            MiniBatchWalk(loss, START, learning_rate, batch_size, seed))


async def test_steps_match_the_engine_at_equal_cost():
    app = make_app("sgd")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*["s"] * 9)
        gd, sgd = walks(8)
        for _ in range(9):
            sgd.step()
        gd.step()  # 9 batches of 8 = 72 gradients: one full-batch step's worth
        scene = scene_of(app)
        assert np.allclose(scene.sgd.path, sgd.path) and np.allclose(scene.gd.path, gd.path)
        rows = dict(line.split(maxsplit=2)[1:] for line in text(app, "#info").splitlines()[2:4])
        assert rows["G"].split() == [str(gd.iterations), str(64 * gd.iterations), f"{gd.current_loss():.3f}"]
        assert rows["S"].split() == [str(sgd.iterations), str(8 * sgd.iterations), f"{sgd.current_loss():.3f}"]
        assert (gd.iterations, 8 * sgd.iterations) == (1, 72), "G has spent 64, S 72: whose work is whose"
        contour = app.query_one(ContourMap)
        assert contour.overlay[contour.cell_of(*sgd.position)] == "S"


@pytest.mark.parametrize(("presses", "size"), [(1, 32), (2, 64), (3, 1), (4, 8)])
async def test_batch_size_cycles_and_restarts_both_walks(presses, size):
    app = make_app("sgd")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", *["b"] * presses, "s", "s")
        scene = scene_of(app)
        assert scene.sgd.batch_size == size and scene.sgd.iterations == 2
        _, sgd = walks(size)
        sgd.step(), sgd.step()
        assert np.allclose(scene.sgd.position, sgd.position)
        shown = "all" if size == SAMPLES else str(size)
        assert f"[{shown}]" in text(app, "#info").splitlines()[0]


async def test_the_strip_shows_the_epochs_batches_and_the_current_one():
    app = make_app("sgd")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", "s", "s", "s")
        strip = app.query_one(BatchStrip)
        scene = scene_of(app)
        assert strip.current == 3 and strip.order is scene.sgd.order
        lines = [strip.text for strip in strip.render_lines(strip.region.reset_offset)]
        marks = lines[1]
        assert marks.index("─") == 3 * 9 and marks.count("─") == 8  # three batches of 8 and their bars before it
        assert "batch 4 of 8 is S's next" in text(app, "#strip-caption")
        order_before = [b.copy() for b in scene.sgd.order]
        await pilot.press(*["s"] * 5)  # the end of the epoch: a new shuffle
        assert scene.sgd.epochs == 1 and strip.current == 0
        assert not all(np.array_equal(a, b) for a, b in zip(order_before, strip.order))
        assert "Epoch 2:" in text(app, "#strip-caption")


async def test_learning_rate_keys_and_reset():
    app = make_app("sgd")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("plus", "s")
        scene = scene_of(app)
        assert scene.learning_rate == 0.3 and "η 0.30" in text(app, "#info")
        _, sgd = walks(8, 0.3)
        sgd.step()
        assert np.allclose(scene.sgd.position, sgd.position)
        await pilot.press("minus", "minus", "r", "s")
        _, sgd = walks(8, 0.03, seed=1)
        sgd.step()
        assert scene.seed == 1 and np.allclose(scene.sgd.path, sgd.path)
        await pilot.resize_terminal(160, 30)
        await pilot.pause()
        assert "r new shuffle" in screen_lines(app)[-1]  # r says that it shuffles anew, and is bound once
        assert [binding.key for binding in Sgd.own_bindings()].count("r") == 1


async def test_reveal_order_forward_and_back():
    app = make_app("sgd")
    async with app.run_test(size=(80, 24)) as pilot:
        strip = app.query_one(BatchStrip)
        assert not strip.visible
        await pilot.press("right")
        assert strip.visible and app.query_one(ContourMap).visible
        await pilot.press("left")
        assert not strip.visible
        await pilot.press("right", "right", "right", SKIP_KEY)  # the race: four walks of their own, not S's batches
        assert scene_of(app).step == RACE and not strip.visible and not app.query_one("#strip-caption").visible
        await pilot.press("left")
        assert strip.visible and app.query_one("#strip-caption").visible


async def test_playing_spends_two_epochs_of_work_per_second():
    clock = FakeClock()
    app = make_app("sgd", animate=True, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        clock.advance(0.5)
        scene = scene_of(app)
        await until(pilot, lambda: scene.sgd.samples_seen >= SAMPLES)
        assert scene.sgd.samples_seen == SAMPLES and scene.gd.iterations == 1 and scene.sgd.iterations == 8
        await pilot.press("space")
        clock.advance(1.0)
        await pilot.pause(0.3)
        assert scene.sgd.samples_seen == SAMPLES


async def test_german_numbers():
    app = make_app("sgd", lang="de")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        loss = scene_of(app).sgd.current_loss()
        assert f"{loss:.3f}".replace(".", ",") in text(app, "#info").splitlines()[3]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_snapshot_sgd(snap_compare, lang):
    async def one_epoch_then_strip(pilot):
        await pilot.press("space", "s", "s", "right")  # without animation, space does one epoch of work
        await pilot.pause()

    assert snap_compare(make_app("sgd", lang), terminal_size=(80, 24), run_before=one_epoch_then_strip)


async def test_map_fills_the_scene_on_the_first_frame():
    """The batch strip must not claim the map's rows before it knows its width."""
    from tests.conftest import make_app
    from tui.widgets.contour import ContourMap

    app = make_app("sgd")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.query_one(ContourMap).size.height >= 18


# -- narration, counts and the info panel ----------------------------------------

STORY = {
    "en": ("loss L(w, b)", "y = w⋅x + b", "64 points", "× the minimum", "w across", "b up", "G (○)", "S (•)",
           "one example gradient per example"),
    "de": ("Verlust L(w, b)", "y = w⋅x + b", "64 Punkten", "× das Minimum", "w nach rechts", "b nach oben",
           "G (○)", "S (•)", "Aufwand = Zahl der Beispiel-Gradienten"),
}
EPOCH_WORDS = {"en": "every example exactly once", "de": "jedes Beispiel genau einmal"}


def on_screen(app) -> str:
    return " ".join(line.strip() for line in screen_lines(app))


@pytest.mark.parametrize("lang", ["en", "de"])
async def test_every_step_says_what_the_map_and_its_marks_are(lang):
    app = make_app("sgd", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        story = " ".join(text(app, "#story").split())
        for words in STORY[lang]:
            assert words in story
        await pilot.press("right")
        assert EPOCH_WORDS[lang] in " ".join(text(app, "#story").split())
        await pilot.press("right")
        assert "1/√B" in text(app, "#story") and "·" in text(app, "#story") and "+" in text(app, "#story")


@pytest.mark.parametrize(("lang", "words"), [("en", "w across (−2 to 5), b up (−3 to 5)"),
                                             ("de", "w nach rechts (−2 bis 5), b nach oben (−3 bis 5)")])
async def test_the_axes_the_story_names_are_the_maps(lang, words):
    app = make_app("sgd", lang)
    async with app.run_test(size=(80, 24)):
        assert app.query_one(ContourMap).bounds == (-2, 5, -3, 5)
        assert words in " ".join(text(app, "#story").split())


@pytest.mark.parametrize("lang", ["en", "de"])
async def test_the_noise_law_on_screen_gives_every_spread_shown(lang):
    """The story's ± for B = ± for 1 · √((n−B)/((n−1)·B)), applied to the shown ± for 1, gives each shown ±."""
    app = make_app("sgd", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "s", "s", "right", "right")
        assert f"√(({SAMPLES}−B)/({SAMPLES - 1}⋅B))" in "".join(text(app, "#story").split())
        law = text(app, "#info").split("B: ")[1].replace(",", ".")
        shown = {name: float(value) for name, value in re.findall(r"(\w+): (\d+\.\d+)", law)}
        assert len(shown) == len(BATCH_SIZES), law
        one = shown.pop("1")
        assert one == pytest.approx(gradient_spread(scene_of(app).loss, scene_of(app).sgd.position, 1), abs=0.005)
        for name, value in shown.items():
            size = SAMPLES if name in ("all", "alle") else int(name)
            assert value == pytest.approx(one * np.sqrt((SAMPLES - size) / ((SAMPLES - 1) * size)), abs=0.01), name


@pytest.mark.parametrize("lang", ["en", "de"])
async def test_the_epoch_in_the_panel_is_the_strips_and_the_engines(lang):
    app = make_app("sgd", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right")
        scene = scene_of(app)
        for presses in (3, 5, 1):  # inside epoch 1, the first batch of epoch 2, then the second
            await pilot.press(*["s"] * presses)
            epoch = scene.sgd.epochs + 1
            word = {"en": "epoch", "de": "Epoche"}[lang]
            assert f"S in {word} {epoch}," in text(app, "#info")
            assert text(app, "#strip-caption").startswith(f"{word.capitalize()} {epoch}:")
        assert scene.sgd.epochs == 1 and scene.sgd.iterations == 9


@pytest.mark.parametrize(("lang", "size"), fit_cases())
async def test_nothing_in_the_side_panel_is_cut_off(lang, size):
    """Every batch size, "all" too, at every step: each line fits, and the story ends on screen."""
    app = make_app("sgd", lang)
    async with app.run_test(size=size) as pilot:
        scene = scene_of(app)
        for step in range(RACE + 1):
            for _ in BATCH_SIZES:
                await pilot.press("b")
                info = app.query_one("#info")
                assert all(len(line) <= info.size.width for line in text(app, "#info").splitlines())
                story = app.query_one("#story")
                assert story.region.bottom <= app.query_one("#side").region.bottom
                assert story.virtual_size.height <= story.size.height
            await pilot.press("right", SKIP_KEY) if step + 1 == RACE else await pilot.press("right")
        assert scene.step == RACE


@pytest.mark.parametrize("lang", ["en", "de"])
async def test_one_iteration_is_counted_in_the_singular(lang):
    app = make_app("sgd", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b", "b")  # batch size all: one S iteration per epoch, like G
        await pilot.press("s")
        word = {"en": "1 iteration each", "de": "je 1 Iteration"}[lang]
        assert text(app, "#info").splitlines()[-1].endswith(word)


# -- gradient noise ----------------------------------------------------------------

async def test_noise_step_draws_where_each_batch_would_step_and_the_spread_the_engine_computes():
    app = make_app("sgd")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "s", "s", "right", "right")
        scene = scene_of(app)
        assert scene.step == NOISE
        here = scene.sgd.position
        contour = app.query_one(ContourMap)
        for batch in scene.sgd.order:
            cell = contour.cell_of(*(here - 0.1 * scene.loss.batch_gradient(*here, batch)))
            assert cell is None or contour.overlay[cell] in "·S+×G•○"
        full = contour.cell_of(*(here - 0.1 * scene.loss.gradient(*here)))
        assert contour.overlay[full] in "+S"
        norm = np.linalg.norm(scene.loss.gradient(*here))
        spread = gradient_spread(scene.loss, here, 8)
        info = text(app, "#info")
        assert f"|∇L| {norm:.2f}; batches ±{spread:.2f}: {100 * spread / norm:.0f} %" in info
        for size in BATCH_SIZES:
            name = "all" if size == SAMPLES else str(size)
            assert f"{name}: {gradient_spread(scene.loss, here, size):.2f}" in info


@pytest.mark.parametrize("presses", range(len(BATCH_SIZES)))
async def test_the_noise_cloud_is_each_batchs_own_gradient_step(presses):
    """The cloud is computed for all batches at once; each point is still batch_gradient's step."""
    app = make_app("sgd")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*["b"] * presses, "s", "s", "right", "right")
        scene = scene_of(app)
        here = scene.sgd.position
        cloud, full = scene.batch_steps()
        expected = [here - 0.1 * scene.loss.batch_gradient(*here, batch) for batch in scene.sgd.order]
        assert len(cloud) == SAMPLES // scene.batch_size and np.allclose(cloud, expected, rtol=0, atol=1e-12)
        assert np.allclose(full, here - 0.1 * scene.loss.gradient(*here))


def test_path_points_follow_the_walk_a_step_at_a_time_and_a_new_walk_at_once():
    gd, sgd = walks(8)
    points = PathPoints()
    assert np.array_equal(points.of(sgd.path), np.array(sgd.path))
    for _ in range(3):
        sgd.step()
    assert np.array_equal(points.of(sgd.path), np.array(sgd.path))
    assert np.array_equal(points.of(gd.path), np.array(gd.path)) and len(points.of(gd.path)) == 1


async def test_the_batch_size_key_changes_the_spread_the_engine_computes():
    app = make_app("sgd", "de")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", "right")
        scene = scene_of(app)
        shown = []
        for _ in BATCH_SIZES:
            await pilot.press("b")
            agree = next(line for line in text(app, "#info").splitlines() if line.startswith("|∇L|"))
            expected = gradient_spread(scene.loss, scene.sgd.position, scene.batch_size)
            assert f"±{expected:.2f}".replace(".", ",") in agree
            shown.append(expected)
        sizes = [32, 64, 1, 8]  # b from 8 cycles 32, all, 1, 8
        assert [scene_spread / shown[2] for scene_spread in shown] == pytest.approx(
            [np.sqrt((SAMPLES - b) / (b * (SAMPLES - 1))) for b in sizes])
        assert shown[1] == 0.0


# -- the race at equal work: predict, then see ------------------------------------

def race(learning_rate: float = 0.1, seed: int = 0) -> list[float]:
    loss = LineFitLoss(*line_data(SAMPLES, seed=0))
    return [loss_after(loss, START, learning_rate, size, RACE_EPOCHS * SAMPLES, seed) for size in BATCH_SIZES]


VERDICT = {"en": ("✓ Right", "✗ Not quite"), "de": ("✓ Richtig", "✗ Nicht ganz")}


@pytest.mark.parametrize(("lang", "rate_keys"), languages_in_turn([], ["plus"], ["minus", "minus"], []))
async def test_the_race_is_asked_before_it_is_shown_and_judged_by_the_engine(lang, rate_keys):
    app = make_app("sgd", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*rate_keys, "right", "right", "right")
        scene = scene_of(app)
        losses = race(scene.learning_rate)
        best = int(np.argmin(losses))
        assert scene.asking is not None and scene.step == NOISE
        assert scene.asking.answer == best
        hidden = on_screen(app)
        for loss in losses:
            assert f"{loss:.3f}".replace(".", "," if lang == "de" else ".") not in hidden
        await pilot.press(str(best + 1))
        assert scene.step == RACE and scene.asking is None
        box = str(app.query_one(QuestionBox).render())
        assert box.startswith(VERDICT[lang][0])
        shown = on_screen(app)
        for loss in losses:
            assert f"{loss:.3f}".replace(".", "," if lang == "de" else ".") in shown
        assert (app.tally.answered, app.tally.right) == (1, 1)


async def test_after_the_guess_the_map_shows_each_batch_sizes_walk_to_its_end():
    """The race the question was about is drawn: a mark per batch size where the engine's walk ends."""
    app = make_app("sgd", questions=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", "right", "right")
        scene = scene_of(app)
        contour = app.query_one(ContourMap)
        for mark, size in zip(RACE_MARKS, BATCH_SIZES):
            walk = MiniBatchWalk(LineFitLoss(*line_data(SAMPLES)), START, scene.learning_rate, size, 0)
            while walk.samples_seen < RACE_EPOCHS * SAMPLES:
                walk.step()
            col, row = contour.cell_of(*walk.position)
            assert contour.row_strip(row).text[col] == mark, (mark, size)
            assert f"{mark} {'all' if size == SAMPLES else size}: {walk.current_loss():.3f}" in on_screen(app)
        assert not scene.acts("toggle_play") and not scene.acts("batch_size")  # nothing plays at the race
        assert "space" not in screen_lines(app)[-1]


@pytest.mark.slow
async def test_a_wrong_guess_a_skip_and_no_questions():
    app = make_app("sgd")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", "right", "right")
        best = scene_of(app).asking.answer
        await pilot.press(str((best + 1) % 4 + 1))
        assert str(app.query_one(QuestionBox).render()).startswith("✗ Not quite")
        await pilot.press("left", "plus", "right")  # another η: another race, asked again
        assert scene_of(app).asking is not None
        await pilot.press(SKIP_KEY)
        assert (app.tally.answered, app.tally.right, app.tally.skipped) == (1, 0, 1)
    app = make_app("sgd", questions=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", "right", "right")
        assert scene_of(app).step == RACE and not app.query_one(QuestionBox).display


@pytest.mark.parametrize("lang", ["en", "de"])
def test_snapshot_noise(snap_compare, lang):
    async def noise(pilot):
        await pilot.press("s", "s", "s", "right", "right", "b", "b", "b")  # batch size 1: 64 batches
        await pilot.pause()

    assert snap_compare(make_app("sgd", lang), terminal_size=(80, 24), run_before=noise)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_snapshot_race_asked(snap_compare, lang):
    async def ask(pilot):
        await pilot.press("right", "right", "right")
        await pilot.pause()

    assert snap_compare(make_app("sgd", lang), terminal_size=(80, 24), run_before=ask)
