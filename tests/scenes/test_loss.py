"""Scene loss: the labels, counts, charts and slopes on screen are the engine's."""

from __future__ import annotations

import numpy as np
import pytest
from textual.geometry import Region
from textual.widgets import Static

from engine.data import dogs_vs_cats
from engine.loss_profile import (
    fewest_mistakes,
    fit_logistic,
    lowest_cross_entropy,
    predictions,
    proba,
    slopes,
    weight_profile,
    with_weight,
)
from engine.network import zero_one_loss
from scenes.loss import CHART_ROWS, NOISE, SAMPLES, SHOWN, SHOWN_DRAW, SNOUT, START
from tests.conftest import EVERY_LANGUAGE_GERMAN_FAST, make_app
from tui.i18n import Catalog
from tui.widgets.label_row import LabelRow
from tui.widgets.loss_bars import LossBars


def text_of(widget) -> str:
    """What the widget shows, as plain text: a Static's content, else its rendered lines."""
    if isinstance(widget, Static):
        return str(widget.content)
    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, *widget.size)))


def engine_state(seed: int, weight_index: int, threshold: float, moved: dict[int, float] | None = None):
    """The same model, animals and losses, computed by the engine directly."""
    train = dogs_vs_cats(n=200, noise=NOISE, seed=seed + 1)
    shown = dogs_vs_cats(n=SHOWN, noise=NOISE, seed=seed + SHOWN_DRAW)
    X, y = np.round(shown.X[:, [SNOUT]], 2), shown.y  # the two decimals on screen
    for animal, value in (moved or {}).items():
        X[animal, 0] = value
    net = fit_logistic(train.X[:, [SNOUT]], train.y, seed=seed)
    weights = np.linspace(0.0, 2 * net.params[0][0, 0], SAMPLES)
    model = with_weight(net, weights[weight_index])
    p = proba(model, X)
    least, ranges = fewest_mistakes(net, X, y, threshold, weights[0], weights[-1])
    return dict(X=X, y=y, p=p, predicted=predictions(p, threshold), weight=weights[weight_index], b=net.params[1][0],
                profile=weight_profile(net, X, y, weights, threshold), slopes=slopes(model, X, y, threshold),
                weights=weights, least=least, ranges=ranges,
                smooth_min=lowest_cross_entropy(net, X, y, weights[0], weights[-1]))


def assert_screen_matches(scene, expected, threshold: float, lang: str = "en") -> None:
    names = {"en": ("cat", "dog"), "de": ("Katze", "Hund")}[lang]
    num = scene.num
    columns = scene.query_one(LabelRow).columns
    assert [c[0].rstrip("*") for c in columns] == [num(v, 2) for v in expected["X"][:, 0]]
    assert [c[1] for c in columns] == [names[v] for v in expected["y"]]
    assert [c[2] for c in columns] == [num(v, 2) for v in expected["p"]]
    assert [c[3] for c in columns] == [names[v] for v in expected["predicted"]]
    assert [c[4].startswith("✗") for c in columns] == list(expected["y"] != expected["predicted"])
    assert num(expected["b"], 2) in text_of(scene.query_one("#intro"))
    wrong = zero_one_loss(expected["y"], expected["predicted"])
    summary = text_of(scene.query_one("#summary"))
    assert f"= {wrong} " in summary
    assert num(threshold, 2) in summary and num(expected["weight"], 2) in summary
    bars = scene.query_one("#zero-one", LossBars)
    assert bars.values == pytest.approx(expected["profile"].zero_one.tolist())
    assert bars.values[bars.marker] == wrong  # the chart's count here is the summary's count
    assert scene.query_one("#cross-entropy", LossBars).values == pytest.approx(
        expected["profile"].cross_entropy.tolist())
    flat, smooth = expected["slopes"]
    assert num(flat, 2) in text_of(scene.query_one("#zero-one-slope"))
    assert num(smooth, 2) in text_of(scene.query_one("#cross-entropy-slope"))
    (start, end), *_ = expected["ranges"]
    lowest = text_of(scene.query_one("#zero-one-lowest"))
    assert f" {expected['least']} " in lowest and num(start, 1) in lowest and num(end, 1) in lowest
    assert num(expected["smooth_min"], 1) in text_of(scene.query_one("#cross-entropy-lowest"))
    weights = expected["weights"]
    marked = [i for i, w in enumerate(weights) if any(a <= w <= c for a, c in expected["ranges"])]
    assert sorted(bars.lowest) == marked
    assert list(scene.query_one("#cross-entropy", LossBars).lowest) == [
        int(np.argmin(np.abs(weights - expected["smooth_min"])))]


@pytest.mark.parametrize("lang", EVERY_LANGUAGE_GERMAN_FAST)
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


@pytest.mark.parametrize("lang", EVERY_LANGUAGE_GERMAN_FAST)
async def test_moving_a_snout_keeps_the_threshold_rule_and_one_count(lang):
    """The table, the count and both charts follow the moved animal; every label is still p >= threshold."""
    app = make_app("loss", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        before = engine_state(0, START, 0.5)
        assert before["y"][0] == 1 and before["predicted"][0] == 0  # a dog called a cat
        await pilot.press("right", "right", "full_stop", "full_stop", "full_stop")  # both charts; animal 1 +0.15
        moved = {0: round(before["X"][0, 0] + 0.15, 2)}
        after = engine_state(0, START, 0.5, moved)
        assert after["predicted"][0] == 1  # a longer snout: now p >= 0.5, called a dog
        assert_screen_matches(scene, after, 0.5, lang)
        assert scene.query_one(LabelRow).columns[0][0].endswith("*")
        assert zero_one_loss(after["y"], after["predicted"]) == zero_one_loss(before["y"], before["predicted"]) - 1
        shown = scene.query_one(LabelRow).columns
        p = [float(c[2].replace(",", ".")) for c in shown]
        called_dog = [c[3] == Catalog(lang)("loss.animal.dog") for c in shown]
        assert called_dog == [v >= 0.5 for v in after["p"]] and len(p) == SHOWN
        await pilot.press("comma", "comma", "comma")  # back to its own length: no longer marked
        assert not scene.query_one(LabelRow).columns[0][0].endswith("*")
        assert_screen_matches(scene, before, 0.5, lang)


@pytest.mark.parametrize("lang", ["en", "de"])
async def test_both_minima_are_shown_and_told_apart(lang):
    """Seed 0: cross-entropy is lowest near w = 10, the fewest mistakes are near w = 18 to 21."""
    app = make_app("loss", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", "right")
        expected = engine_state(0, START, 0.5)
        assert 9 < expected["smooth_min"] < 11
        assert expected["ranges"] == [pytest.approx((17.6, 20.8), abs=0.1)]
        assert not any(a <= expected["smooth_min"] <= c for a, c in expected["ranges"])
        catalog = Catalog(lang)
        assert text_of(app.scene.query_one("#moral")) == catalog("loss.moral.apart")
        assert "best w" not in catalog("loss.moral.apart")


async def test_where_both_minima_meet_the_moral_says_so():
    """Seed 1: the lowest cross-entropy lies among the fewest mistakes; the text does not claim otherwise."""
    app = make_app("loss", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", "right")
        expected = engine_state(1, START, 0.5)
        assert any(a <= expected["smooth_min"] <= c for a, c in expected["ranges"])
        assert text_of(app.scene.query_one("#moral")) == Catalog("en")("loss.moral.same")


async def test_the_w_axis_has_ticks_at_the_right_columns():
    app = make_app("loss", "de")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right")
        bars = app.scene.query_one("#zero-one", LossBars)
        weights = engine_state(0, START, 0.5)["weights"]
        assert [label for _, label in bars.ticks] == ["0", "5", "10", "15", "20"]
        for column, label in bars.ticks:
            assert abs(weights[column] - float(label)) <= (weights[1] - weights[0]) / 2
        last = text_of(bars).splitlines()[-1]
        assert last.rstrip().endswith("w") and "15" in last


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


@pytest.mark.parametrize("lang", ["en", "de"])
async def test_the_cross_entropy_on_screen_is_the_mean_the_moral_defines(lang):
    """−ln ŷ per dog, −ln(1 − ŷ) per cat, averaged over the animals shown: the chart's "here" value."""
    app = make_app("loss", lang)
    async with app.run_test(size=(80, 22)) as pilot:
        await app.go(app.index, 2)
        await pilot.press("plus", "plus", "enter", "up", "escape", "full_stop")
        scene = app.scene
        y, p = scene.fitted[2], scene.probabilities
        by_hand = np.mean([-np.log(q) if dog else -np.log(1 - q) for dog, q in zip(y, p)])
        assert text_of(scene.query_one("#cross-entropy-title")) == scene.t("cross_entropy.title",
                                                                          loss=scene.num(by_hand, 2))
        assert text_of(scene.query_one("#moral")).startswith(
            {"en": "Cross-entropy = mean of −ln ŷ per dog, −ln(1 − ŷ) per cat",
             "de": "Kreuzentropie = Mittel von −ln ŷ je Hund, −ln(1 − ŷ) je Katze"}[lang])
        assert scene.t("row.proba") == {"en": "ŷ = P(dog)", "de": "ŷ = P(Hund)"}[lang]  # the neuron's ŷ


@pytest.mark.parametrize("lang", ["en", "de"])
async def test_the_hint_writes_the_keys_as_the_footer_does(lang):
    app = make_app("loss", lang)
    async with app.run_test(size=(80, 22)):
        hint = text_of(app.scene.query_one("#hint"))
        for binding in app.scene.BINDINGS:
            if binding.key_display:
                assert binding.key_display in hint, binding.key_display
        assert "−" not in hint  # a key is the one on the keyboard, "-", not a minus sign


async def test_the_zero_one_chart_is_a_staircase_and_marks_the_weight():
    app = make_app("loss")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right")
        bars = app.scene.query_one("#zero-one", LossBars)
        assert bars.marker == START
        heights = bars.column_heights()
        assert heights.count(heights[START]) > 1 and (np.diff(heights) == 0).mean() > 0.5
        assert "▲" in text_of(bars).splitlines()[-2]  # the marker row, above the ticks


@pytest.mark.parametrize("lang", ["en", "de"])
def test_snapshot(snap_compare, lang):
    async def reveal_all(pilot):
        await pilot.app.go(pilot.app.index, -1)
        await pilot.pause()

    assert snap_compare(make_app("loss", lang), terminal_size=(80, 24), run_before=reveal_all)


async def test_the_charts_grow_with_the_window():
    """A projector's 120×40 gets charts of twelve rows; 80×22 keeps three, and both fit (test_fit)."""
    heights = {}
    for size in ((80, 22), (120, 40)):
        app = make_app("loss", "en", questions=False)
        async with app.run_test(size=size) as pilot:
            await pilot.press("right", "right")
            heights[size] = {bars.rows for bars in app.query(LossBars)}
            assert all(bars.size.height >= bars.rows + 1 for bars in app.query(LossBars))  # drawn at that height
    assert heights == {(80, 22): {CHART_ROWS[0]}, (120, 40): {CHART_ROWS[1]}}
