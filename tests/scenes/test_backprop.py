"""Scene backprop: the chain rule on screen is the engine's backpropagation,
which equals central differences; the update is the engine's apply_gradients."""

from __future__ import annotations

import numpy as np
import pytest

from engine.chain_rule import PARAMETERS, chains, tiny_network
from engine.data import dogs_vs_cats
from engine.functions import numerical_gradient
from engine.network import MLP
from scenes.backprop import ANIMALS, BACKWARD, LEARNING_RATE, SNOUT, UPDATE_STEP
from tests.conftest import make_app
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
    """The cells of a Rich table grid in a Static, row by row."""
    table = widget.content
    return [[str(cell) for cell in column.cells] for column in table.columns]


def assert_screen_matches(scene, net: MLP, x: float, y: float) -> None:
    trace, chain = chains(net, x, y)
    numeric = central_differences(net, x, y)
    for name in BACKWARD:
        columns = shown_table(scene.query_one(f"#chain-{name}", ChainProduct))
        values = [column[1] for column in columns]
        assert values[-1] == scene.num(chain[name].gradient, 4)  # the engine's MLP.gradients
        assert chain[name].gradient == pytest.approx(numeric[name], rel=1e-6, abs=1e-10)
        assert values[2::2][: len(chain[name].factors)] == [scene.num(v, 3) for _, v in chain[name].factors]
    assert scene.num(trace.loss, 4) in str(scene.query_one("#loss").content)
    after = net.copy()
    after.apply_gradients(trace.gradients, scene.learning_rate)
    update = shown_table(scene.query_one("#update"))
    assert [column[1] for column in update[1:]] == [scene.num(float(p.ravel()[0]), 3) for p in net.params]
    assert [column[2] for column in update[1:]] == [scene.num(float(g.ravel()[0]), 4) for g in trace.gradients]
    assert [column[3] for column in update[1:]] == [scene.num(float(p.ravel()[0]), 3) for p in after.params]
    loss_after = after.loss(np.array([[x]]), np.array([y]), "mse")
    assert scene.num(loss_after, 4) in str(scene.query_one("#loss-after").content)
    assert loss_after < trace.loss or scene.learning_rate > 4  # a small step goes downhill


@pytest.mark.parametrize("lang", ["en", "de"])
async def test_numbers_are_the_engines_for_several_inputs(lang):
    app = make_app("backprop", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        net = tiny_network(0)
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
            ids = ["loss", *(f"chain-{name}" for name in BACKWARD), "update"]
            return [i for i in ids if scene.query_one(f"#{i}").visible]

        seen = [shown()]
        for _ in range(UPDATE_STEP):
            await pilot.press("right")
            seen.append(shown())
        assert seen == [[], ["loss"], ["loss", "chain-w2"], ["loss", "chain-w2", "chain-b2"],
                        ["loss", "chain-w2", "chain-b2", "chain-w1"],
                        ["loss", "chain-w2", "chain-b2", "chain-w1", "chain-b1"],
                        ["loss", "chain-w2", "chain-b2", "chain-w1", "chain-b1", "update"]]
        for expected in reversed(seen[:-1]):
            await pilot.press("left")
            assert shown() == expected


async def test_the_scene_names_the_engine():
    app = make_app("backprop")
    async with app.run_test(size=(80, 24)):
        assert "MLP" in str(app.scene.query_one("#note").content)
        assert "gradients" in str(app.scene.query_one("#note").content)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_snapshot(snap_compare, lang):
    async def reveal_all(pilot):
        await pilot.app.go(pilot.app.index, -1)
        await pilot.pause()

    assert snap_compare(make_app("backprop", lang), terminal_size=(80, 24), run_before=reveal_all)
