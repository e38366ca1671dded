"""Scene backprop: the chain rule on screen is the engine's backpropagation,
which equals central differences; the secant check is the engine's
gradient_check; the update is the engine's apply_gradients."""

from __future__ import annotations

import numpy as np
import pytest

from engine.chain_rule import PARAMETERS, backward, gradient_check, multiplications, parameter_count, tiny_network
from engine.data import dogs_vs_cats
from engine.functions import numerical_gradient
from engine.network import MLP
from engine.training import default_training_setup
from scenes.backprop import (
    ANIMALS,
    CHECK_STEP,
    CHECKED,
    COUNT_STEP,
    GROWING,
    H_START,
    H_VALUES,
    LEARNING_RATE,
    LOSS_STEP,
    SNOUT,
    SYMBOLS,
    UPDATE_STEP,
    decimals,
)
from scenes.neuron import HIDDEN_UNITS
from tests.conftest import make_app
from tui.chrome import StatusBar
from tui.i18n import Catalog
from tui.widgets.chain_product import ChainProduct


def example(animal: int, seed: int = 0) -> tuple[float, float]:
    data = dogs_vs_cats(n=ANIMALS, seed=seed)
    return float(data.X[animal, SNOUT]), float(data.y[animal])


def central_differences(net: MLP, x: float, y: float) -> dict[str, float]:
    """dC/d(parameter) by numbers alone, no calculus."""
    slopes = {}
    for index, name in enumerate(PARAMETERS):
        def cost(value, index=index):
            twin = net.copy()
            twin.params[index][...] = value
            return twin.loss(np.array([[x]]), np.array([y]), "mse")

        slopes[name] = float(numerical_gradient(cost, net.params[index]).ravel()[0])
    return slopes


def shown_table(widget) -> list[list[str]]:
    """The cells of a Rich table in a Static, column by column."""
    table = widget.content
    return [[str(cell) for cell in column.cells] for column in table.columns]


def text(scene, selector: str) -> str:
    return str(scene.query_one(selector).content)


def assert_screen_matches(scene, net: MLP, x: float, y: float) -> None:
    result = backward(net, x, y)
    numeric = central_differences(net, x, y)
    num, numbers = scene.num, scene.numbers
    for name, delta in result.deltas.items():
        values = [column[1] for column in shown_table(scene.query_one(f"#chain-{name}", ChainProduct))]
        assert values[-1] == num(delta.value, 4)  # the engine's δ, from its backward trace
        shown = values[2::2][: len(delta.factors)]
        assert [v.strip("()") for v in shown] == [num(v, 4 if f.startswith("delta") else 3) for f, v in delta.factors]
    assert values[2] == num(result.deltas["delta2"].value, 4)  # δ₁ reuses δ₂ as shown above it
    for layer in ("1", "2"):
        line = text(scene, f"#gradients-{layer}")
        for parameter in (f"w{layer}", f"b{layer}"):
            chain = result.gradients[parameter]
            assert chain.value == pytest.approx(numeric[parameter], rel=1e-6, abs=1e-10)
            assert f"= {num(chain.value, 4)}" in line
        assert f"= {num(result.deltas[f'delta{layer}'].value, 4)} ⋅ " in line  # the same δ, reused
    assert num(result.trace.loss, 4) in text(scene, "#loss")
    assert f"= {num(result.trace.forward.output[0, 0] - y, 3)}" in text(scene, "#why-loss")
    w = {name: float(p.ravel()[0]) for name, p in zip(PARAMETERS, net.params)}
    forward = text(scene, "#forward")
    assert f"{numbers.factor(x, 3)} {numbers.signed(w['b1'], 3)} =" in forward and "+ −" not in forward
    after = net.copy()
    after.apply_gradients(result.trace.gradients, scene.learning_rate)
    update = shown_table(scene.query_one("#update"))
    assert [column[1] for column in update[1:]] == [num(float(p.ravel()[0]), 3) for p in net.params]
    assert [column[2] for column in update[1:]] == [num(float(g.ravel()[0]), 4) for g in result.trace.gradients]
    assert [column[3] for column in update[1:]] == [num(float(p.ravel()[0]), 3) for p in after.params]
    loss_after = after.loss(np.array([[x]]), np.array([y]), "mse")
    assert num(loss_after, 4) in text(scene, "#loss-after")
    assert loss_after < result.trace.loss or scene.learning_rate > 4  # a small step goes downhill
    verdict = scene.t("falls" if loss_after < result.trace.loss else "rises")
    assert text(scene, "#loss-after").endswith(verdict)


@pytest.mark.parametrize("lang", ["en", "de"])
async def test_numbers_are_the_engines_for_several_inputs(lang):
    app = make_app("backprop", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        net = tiny_network(0)
        await app.go(app.index, UPDATE_STEP)  # where the update and its learning rate act
        assert_screen_matches(scene, net, *example(0))
        await pilot.press("n", "n")  # another animal: a dog
        assert example(2)[1] == 1.0
        assert_screen_matches(scene, net, *example(2))
        await pilot.press("plus", "plus")  # learning rate 4
        assert scene.learning_rate == 4 * LEARNING_RATE
        assert_screen_matches(scene, net, *example(2))
        await pilot.press("s")  # take the update: the new weights become the old
        stepped = net.copy()
        stepped.apply_gradients(stepped.gradients(np.array([[example(2)[0]]]), np.array([1.0])), 4.0)
        assert all(np.allclose(a, b) for a, b in zip(scene.network().params, stepped.params))
        assert_screen_matches(scene, stepped, *example(2))
        await pilot.press("r", "minus")
        assert scene.learning_rate == LEARNING_RATE / 2
        assert_screen_matches(scene, tiny_network(0), *example(0))


async def test_backward_pass_reveals_from_the_output_back_and_returns():
    app = make_app("backprop")
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene

        def shown() -> list[str]:
            ids = ["intro", "loss", "why-loss", "chain-delta2", "gradients-2", "chain-delta1", "gradients-1",
                   "check-box", "count", "update-box"]
            return [i for i in ids if scene.query_one(f"#{i}").visible and scene.query_one(f"#{i}").display]

        seen = [shown()]
        for _ in range(UPDATE_STEP):
            await pilot.press("right")
            seen.append(shown())
        backward_pass = ["chain-delta2", "gradients-2", "chain-delta1", "gradients-1"]
        assert seen == [["intro"], ["intro", "loss", "why-loss"], ["intro", "loss", "why-loss", *backward_pass[:2]],
                        ["intro", "loss", "why-loss", *backward_pass], ["intro", "loss", *backward_pass, "check-box"],
                        ["loss", *backward_pass, "count"], ["intro", "loss", *backward_pass, "update-box"]]
        for expected in reversed(seen[:-1]):
            await pilot.press("left")
            assert shown() == expected


@pytest.mark.parametrize("lang", ["en", "de"])
async def test_no_engine_names_on_screen_and_the_loss_is_explained(lang):
    app = make_app("backprop", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        for step in range(UPDATE_STEP + 1):
            await app.go(app.index, step)
            await pilot.pause()
            screen = "\n".join(line.text for line in app.screen._compositor.render_strips())
            for name in ("MLP", "forward_trace", "gradients", "apply_gradients", "backward_trace", "_"):
                assert name not in screen, (step, name)
        await app.go(app.index, LOSS_STEP)
        why = text(app.scene, "#why-loss")
        assert "Higham" in why and ("cross-entropy" if lang == "en" else "Kreuzentropie") in why


def assert_check_matches(scene, net: MLP, x: float, y: float, parameter: str, h: float) -> None:
    """The secant lines are the engine's gradient_check, and its backprop value is the chain's above."""
    check = gradient_check(net, x, y, parameter, h)
    num, symbol = scene.num, SYMBOLS[parameter]
    change = check.nudged_cost - check.cost
    digits = decimals(change, 3)
    shown = text(scene, "#check")
    assert f"L({symbol} + h) − L({symbol}) = {num(check.nudged_cost, digits)} − {num(check.cost, digits)}" \
           f" = {num(change, digits)}" in shown
    assert f"h = {scene.numbers.short(h, 4)}: " in shown and f"ΔL/h = {num(check.secant, 6)}" in shown
    assert f"∂L/∂{symbol} = {num(check.backprop, 6)}, " in shown
    assert num(check.gap, decimals(check.gap, 2)) in shown
    assert check.backprop == backward(net, x, y).gradients[parameter].value
    assert symbol in text(scene, "#check-heading")


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "de"])
async def test_the_secant_check_is_the_engines_for_the_parameter_and_h_the_student_picks(lang):
    app = make_app("backprop", lang)
    async with app.run_test(size=(80, 22)) as pilot:
        scene, net, (x, y) = app.scene, tiny_network(0), example(0)
        assert not scene.check_action("explore", ())  # nothing to move before the check
        await app.go(app.index, CHECK_STEP)
        await pilot.pause()
        assert scene.checked == CHECKED and scene.h == H_VALUES[H_START]
        assert_check_matches(scene, net, x, y, CHECKED, H_VALUES[H_START])
        await pilot.press("enter")
        assert scene.exploring
        gaps = []
        for index in range(len(H_VALUES)):  # ↓ shrinks h: the secant's gap to backprop shrinks with it
            await pilot.press(*["up"] * len(H_VALUES), *["down"] * index)
            assert scene.h == H_VALUES[index]
            assert_check_matches(scene, net, x, y, CHECKED, H_VALUES[index])
            gaps.append(abs(gradient_check(net, x, y, CHECKED, H_VALUES[index]).gap))
        assert gaps == sorted(gaps, reverse=True) and gaps[-1] < gaps[0] / 100
        await pilot.press("right", "right")  # w₁ → b₁ → w₂, h stays
        assert scene.checked == "w2"
        assert_check_matches(scene, net, x, y, "w2", H_VALUES[-1])
        await pilot.press("escape", "n", "n")  # another animal: the check follows
        assert not scene.exploring
        assert_check_matches(scene, net, *example(2), "w2", H_VALUES[-1])
        await pilot.press("right")  # leaving the step: nothing to move on the count
        assert scene.step == COUNT_STEP and not scene.check_action("explore", ())
        await pilot.press("r")
        assert (scene.checked, scene.h) == (CHECKED, H_VALUES[H_START])


@pytest.mark.parametrize("lang", ["en", "de"])
async def test_the_update_keys_act_only_where_the_update_is_shown(lang):
    app = make_app("backprop", lang)
    async with app.run_test(size=(80, 22)) as pilot:
        scene = app.scene
        for step in range(UPDATE_STEP):
            await app.go(app.index, step)
            await pilot.press("s", "plus")
            assert scene.learning_rate == LEARNING_RATE, step  # nothing changed silently
            assert all(np.array_equal(a, b) for a, b in zip(scene.network().params, tiny_network(0).params)), step
            footer = str(app.query_one(StatusBar).render())
            assert app.catalog("backprop.footer.update") not in footer
        await app.go(app.index, UPDATE_STEP)
        await pilot.press("s", "plus")
        assert scene.learning_rate == 2 * LEARNING_RATE
        assert not np.array_equal(scene.network().params[0], tiny_network(0).params[0])
        assert app.catalog("backprop.footer.update") in str(app.query_one(StatusBar).render())


@pytest.mark.parametrize("lang", ["en", "de"])
async def test_the_count_of_multiplications_is_computed_for_growing_networks(lang):
    app = make_app("backprop", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.go(app.index, COUNT_STEP)
        await pilot.pause()
        numbers = Catalog(lang).numbers
        columns = shown_table(app.scene.query_one("#count-table"))
        assert [row.split()[0] for row in columns[0]] == ["-".join(map(str, sizes)) for sizes, _ in GROWING]
        for row, (sizes, _) in enumerate(GROWING):
            naive, reuse = multiplications(sizes)
            shown = [columns[c][row] for c in (1, 2, 3)]
            expected = [parameter_count(sizes), naive, reuse]
            assert shown == [numbers.whole(v) for v in expected]  # exact, in one format: the digits show the size
        assert max(parameter_count(sizes) for sizes, _ in GROWING) > 1_000_000  # the lecture's millions
        assert multiplications([1, 1, 1]) == (10, 5)  # the chains on this screen: 2+1+4+3 against 1+2+1+1


def test_the_networks_counted_are_the_ones_the_other_scenes_use():
    assert GROWING[0][0] == tiny_network(0).sizes
    assert GROWING[1][0] == [3, HIDDEN_UNITS, 1]
    assert GROWING[2][0] == default_training_setup(0).net.sizes


@pytest.mark.parametrize("lang", ["en", "de"])
def test_snapshot(snap_compare, lang):
    async def reveal_all(pilot):
        await pilot.app.go(pilot.app.index, -1)
        await pilot.pause()

    assert snap_compare(make_app("backprop", lang), terminal_size=(80, 24), run_before=reveal_all)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_snapshot_of_the_check_at_80x22(snap_compare, lang):
    async def check_b2_small_h(pilot):
        await pilot.app.go(pilot.app.index, CHECK_STEP)
        await pilot.press("enter", "left", "down", "down")
        await pilot.pause()

    assert snap_compare(make_app("backprop", lang), terminal_size=(80, 22), run_before=check_b2_small_h)
