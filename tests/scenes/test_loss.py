"""Scene loss: the labels, counts, charts and slopes on screen are the engine's."""

from __future__ import annotations

import numpy as np
import pytest
from textual.geometry import Region
from textual.widgets import Static

from engine.data import dogs_vs_cats
from engine.loss_profile import fit_logistic, predictions, proba, slopes, weight_profile, with_weight
from engine.network import zero_one_loss
from scenes.loss import NOISE, SAMPLES, SHOWN, SHOWN_DRAW, SNOUT, START
from tests.conftest import make_app
from tui.widgets.label_row import LabelRow
from tui.widgets.loss_bars import LossBars


def text_of(widget) -> str:
    """What the widget shows, as plain text: a Static's content, else its rendered lines."""
    if isinstance(widget, Static):
        return str(widget.content)
    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, *widget.size)))


def engine_state(seed: int, weight_index: int, threshold: float):
    """The same model, animals and losses, computed by the engine directly."""
    train = dogs_vs_cats(n=200, noise=NOISE, seed=seed + 1)
    shown = dogs_vs_cats(n=SHOWN, noise=NOISE, seed=seed + SHOWN_DRAW)
    X, y = shown.X[:, [SNOUT]], shown.y
    net = fit_logistic(train.X[:, [SNOUT]], train.y, seed=seed)
    weights = np.linspace(0.0, 2 * net.params[0][0, 0], SAMPLES)
    model = with_weight(net, weights[weight_index])
    p = proba(model, X)
    return dict(y=y, p=p, predicted=predictions(p, threshold), weight=weights[weight_index],
                profile=weight_profile(net, X, y, weights, threshold), slopes=slopes(model, X, y, threshold))


def assert_screen_matches(scene, expected, threshold: float, lang: str = "en") -> None:
    names = {"en": ("cat", "dog"), "de": ("Katze", "Hund")}[lang]
    columns = scene.query_one(LabelRow).columns
    assert [c[1] for c in columns] == [names[v] for v in expected["y"]]
    assert [c[2] for c in columns] == [scene.num(v, 2) for v in expected["p"]]
    assert [c[3] for c in columns] == [names[v] for v in expected["predicted"]]
    wrong = zero_one_loss(expected["y"], expected["predicted"])
    summary = text_of(scene.query_one("#summary"))
    assert f"= {wrong} " in summary
    assert scene.num(threshold, 2) in summary and scene.num(expected["weight"], 1) in summary
    assert [c[4].startswith("✗") for c in columns] == list(expected["y"] != expected["predicted"])
    bars = scene.query_one("#zero-one", LossBars)
    assert bars.values == pytest.approx(expected["profile"].zero_one.tolist())
    assert scene.query_one("#cross-entropy", LossBars).values == pytest.approx(
        expected["profile"].cross_entropy.tolist())
    flat, smooth = expected["slopes"]
    assert scene.num(flat, 2) in text_of(scene.query_one("#zero-one-slope"))
    assert scene.num(smooth, 2) in text_of(scene.query_one("#cross-entropy-slope"))


@pytest.mark.parametrize("lang", ["en", "de"])
async def test_numbers_follow_threshold_and_weight(lang):
    app = make_app("loss", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        assert_screen_matches(scene, engine_state(0, START, 0.5), 0.5, lang)
        await pilot.press("enter", "up", "up")  # threshold 0.60
        assert_screen_matches(scene, engine_state(0, START, 0.6), 0.6, lang)
        await pilot.press("escape", "plus", "plus", "plus")
        assert_screen_matches(scene, engine_state(0, START + 3, 0.6), 0.6, lang)
        await pilot.press("minus", "enter", "down", "down", "down", "down")
        assert_screen_matches(scene, engine_state(0, START + 2, 0.4), 0.4, lang)


async def test_another_seed_gives_other_animals_and_matching_numbers():
    app = make_app("loss", seed=3)
    async with app.run_test(size=(80, 24)) as pilot:
        assert_screen_matches(app.scene, engine_state(3, START, 0.5), 0.5)
        await pilot.press("r")
        assert_screen_matches(app.scene, engine_state(3, START, 0.5), 0.5)


async def test_flipping_a_prediction_changes_the_count_by_one():
    app = make_app("loss")
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        expected = engine_state(0, START, 0.5)
        wrong = zero_one_loss(expected["y"], expected["predicted"])
        await pilot.press("enter", "right", "right", "f")
        column = scene.query_one(LabelRow).columns[2]
        assert column[4].endswith("*")
        now_wrong = expected["y"][2] == expected["predicted"][2]
        assert scene.wrong == wrong + (1 if now_wrong else -1)
        assert f"= {scene.wrong} " in text_of(scene.query_one("#summary"))
        await pilot.press("f")
        assert scene.wrong == wrong and not scene.query_one(LabelRow).columns[2][4].endswith("*")
        await pilot.press("f", "up")  # moving the threshold hands the labels back to the model
        assert not scene.flipped


async def test_charts_reveal_in_order_forward_and_back():
    app = make_app("loss")
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        zero_one, cross = scene.query_one("#zero-one").parent, scene.query_one("#cross-entropy").parent
        seen = []
        for key in ("right", "right", "left", "left"):
            seen.append((scene.step, zero_one.visible, cross.visible, scene.query_one("#moral").visible))
            await pilot.press(key)
        seen.append((scene.step, zero_one.visible, cross.visible, scene.query_one("#moral").visible))
        assert seen == [(0, False, False, False), (1, True, False, False), (2, True, True, True),
                        (1, True, False, False), (0, False, False, False)]


async def test_the_zero_one_chart_is_a_staircase_and_marks_the_weight():
    app = make_app("loss")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right")
        bars = app.scene.query_one("#zero-one", LossBars)
        assert bars.marker == START
        heights = bars.column_heights()
        assert heights.count(heights[START]) > 1 and (np.diff(heights) == 0).mean() > 0.5
        assert "▲" in text_of(bars).splitlines()[-1]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_snapshot(snap_compare, lang):
    async def reveal_all(pilot):
        await pilot.app.go(pilot.app.index, -1)
        await pilot.pause()

    assert snap_compare(make_app("loss", lang), terminal_size=(80, 24), run_before=reveal_all)
