"""The sgd scene: both paths are the engine's walks at equal cost; batches, counters and keys."""

from __future__ import annotations

import numpy as np
import pytest

from engine import LineFitLoss, line_data
from engine.minibatch import MiniBatchWalk
from scenes.sgd import SAMPLES, START, Sgd
from tests.conftest import FakeClock, make_app
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
        info = text(app, "#info")
        assert f"steps {sgd.iterations}, loss {sgd.current_loss():.3f}" in info
        assert f"steps {gd.iterations}, loss {gd.current_loss():.3f}" in info
        assert "Work so far: 72 gradients" in info
        assert "full batch        64" in info and "one batch          8" in info
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
        assert f"Gradients per step:" in text(app, "#info") and f"one batch        {size:>3}" in text(app, "#info")


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
        assert "SGD uses batch 4 of 8 next" in text(app, "#strip-caption")
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


async def test_reveal_order_forward_and_back():
    app = make_app("sgd")
    async with app.run_test(size=(80, 24)) as pilot:
        strip = app.query_one(BatchStrip)
        assert not strip.visible
        await pilot.press("right")
        assert strip.visible and app.query_one(ContourMap).visible
        await pilot.press("left")
        assert not strip.visible


async def test_playing_spends_two_epochs_of_work_per_second():
    clock = FakeClock()
    app = make_app("sgd", animate=True, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        clock.advance(0.5)
        await pilot.pause(0.3)
        scene = scene_of(app)
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
        assert f"Verlust {loss:.3f}".replace(".", ",") in text(app, "#info")


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
