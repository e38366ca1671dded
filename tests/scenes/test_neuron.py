"""Scene neuron: the neuron's numbers on screen are engine.neuron's for several inputs,
weights, biases and activations; the network's are MLP.forward_trace's, revealed
one layer per step, forward and backward; the neuron is hidden neuron 2 of that
network, and W₁ on screen lets z = x⋅W₁ + b₁ be redone by hand."""

from __future__ import annotations

import numpy as np
import pytest

from engine.data import ANIMALS, animals
from engine.network import MLP
from engine.neuron import neuron
from scenes.neuron import HIDDEN_UNITS, NEURON, START_BIAS, START_WEIGHTS
from tests.conftest import make_app
from tui.i18n import Catalog
from tui.widgets.network_diagram import NetworkDiagram


def text_of(app, selector: str) -> str:
    """What the widget shows on screen, line by line."""
    widget = app.screen.query_one(selector)
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))


def neuron_numbers(app) -> dict[str, list[str]]:
    """The numbers in each row of the neuron table (x₁, x₂, x₃, b, z, a), keyed by its first word."""
    rows = {}
    for line in text_of(app, "#neuron-table").splitlines()[1:]:
        first, *rest = line.replace("→", " ").split()
        rows[first] = [word for word in rest if is_number(word)]
    return rows


def is_number(word: str) -> bool:
    try:
        float(word.replace(",", ".").replace("−", "-"))
    except ValueError:
        return False
    return True


def expected_numbers(x, w, b, activation, lang="en") -> dict[str, list[str]]:
    num = Catalog(lang).num
    trace = neuron(np.asarray(x), np.asarray(w), b, activation)
    rows = {f"x{s}": [num(x[i]), num(w[i]), num(trace.products[i])] for i, s in enumerate("₁₂₃")}
    return rows | {"b": [num(b), num(b)], "z": [num(trace.z)], "a": [num(trace.output)]}


def animal(index: int, seed: int = 0) -> np.ndarray:
    """The scene's inputs for an animal: its scores as shown, to two decimals."""
    return np.round(animals(seed).X[index], 2)


def network(activation: str = "sigmoid", w=START_WEIGHTS, b: float = START_BIAS, seed: int = 0) -> MLP:
    """The scene's network: random weights drawn once, whatever the activation; hidden neuron 2 is the neuron set by hand."""
    net = MLP([3, HIDDEN_UNITS, 1], activation="sigmoid", seed=seed)
    net.activation = activation
    net.params = [np.round(p, 2) for p in net.params]  # as shown
    net.params[0][:, NEURON], net.params[1][NEURON] = w, b
    return net


@pytest.mark.parametrize(("keys", "activation", "change"), [
    ((), "sigmoid", lambda x, w, b: (x, w, b)),
    (("a", "enter", "down", "down", "down", "right", "right"), "tanh", lambda x, w, b: (x, w + [0.2, 0, 0], b)),
    (("a", "a", "enter", "up", "left", "left", "left"), "relu", lambda x, w, b: (x, w, b - 0.3)),
    (("a", "a", "a", "enter", "down", "right", "up", "left"), "sigmoid", lambda x, w, b: (x + [-0.1, 0.1, 0], w, b)),
])
async def test_neuron_table_shows_the_engines_numbers(keys, activation, change):
    app = make_app("neuron", "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        x, w, b = change(animal(0), np.array(START_WEIGHTS), START_BIAS)
        assert neuron_numbers(app) == expected_numbers(np.round(x, 2), np.round(w, 2), round(b, 2), activation)


async def test_next_animal_and_reset_in_german():
    app = make_app("neuron", "de", seed=5)
    async with app.run_test(size=(80, 24)) as pilot:
        labels = animals(5).y
        await pilot.press("n", "n", "a")
        await pilot.pause()
        label = "Hund" if labels[2] == 1 else "Katze"
        assert text_of(app, "#source").strip() == f"Eingaben: Tier 3 von {ANIMALS}, Label {label}."
        assert neuron_numbers(app) == expected_numbers(animal(2, 5), START_WEIGHTS, START_BIAS, "tanh", "de")
        await pilot.press("enter", "right", "escape", "r")
        await pilot.pause()
        assert neuron_numbers(app) == expected_numbers(animal(0, 5), START_WEIGHTS, START_BIAS, "sigmoid", "de")


async def test_language_switch_keeps_the_numbers_the_student_set():
    app = make_app("neuron", "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a", "enter", "up", "right", "escape", "L")
        await pilot.pause()
        assert text_of(app, "#intro").startswith("Ein Neuron")
        assert neuron_numbers(app) == expected_numbers(animal(0), START_WEIGHTS, START_BIAS + 0.1, "tanh", "de")


def diagram_values(app) -> list[list[str]]:
    """Per column of the diagram (input, hidden, output), the values shown, "?" if not computed."""
    columns: dict[str, list[str]] = {"x": [], "a": [], "ŷ": []}
    for line in text_of(app, "#network").splitlines()[1:]:
        words = line.translate(str.maketrans(dict.fromkeys("─→┬┼┤┐┘└├┴│┌", " "))).split()
        for label, value in zip(words[::2], words[1::2]):
            columns[label[0]].append(value)
    return list(columns.values())


async def test_example_flows_through_the_network_one_layer_per_step():
    app = make_app("neuron", "en")
    async with app.run_test(size=(80, 24)) as pilot:
        trace = network().forward_trace(animal(0))
        num = Catalog("en").num
        values = [[num(v) for v in a[0]] for a in trace.activations]
        await pilot.pause()
        assert not app.screen.query_one(NetworkDiagram).display
        await pilot.press("right")
        assert diagram_values(app) == [values[0], ["?"] * HIDDEN_UNITS, ["?"]]
        assert layer_rows(app)["z"] == ["?"] * HIDDEN_UNITS
        await pilot.press("right")
        assert diagram_values(app) == [values[0], values[1], ["?"]]
        assert layer_rows(app)["z"] == [num(z) for z in trace.zs[0][0]]
        assert layer_rows(app)["a"] == values[1]
        await pilot.press("right")
        assert diagram_values(app) == values
        assert f"z = {num(trace.zs[1][0, 0])}." in text_of(app, "#layer-math")
        await pilot.press("left", "left")
        assert diagram_values(app) == [values[0], ["?"] * HIDDEN_UNITS, ["?"]]
        await pilot.press("left")
        assert not app.screen.query_one(NetworkDiagram).display


async def test_network_follows_the_activation_and_the_inputs_the_student_sets():
    app = make_app("neuron", "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", "right", "right", "a", "a", "enter", "right", "right", "down", "left")
        await pilot.pause()
        x = np.round(animal(0) + [0.2, -0.1, 0], 2)
        trace = network("relu").forward_trace(x)
        num = Catalog("en").num
        assert diagram_values(app) == [[num(v) for v in a[0]] for a in trace.activations]
        assert "hidden layer (ReLU)" in text_of(app, "#network")
        assert text_of(app, "#source").strip() == "Inputs: values you set."


def layer_rows(app) -> dict[str, list[str]]:
    """The network table's rows (x₁..x₃, b, z, a) by their first word: the numbers after x, or "?"."""
    rows = {}
    for line in text_of(app, "#neuron-table").splitlines()[1:]:
        first, *rest = line.replace("→", " ").split()
        words = [w for w in rest if is_number(w) or w == "?"]
        rows[first[0] if first[0] in "za" else first] = words[-HIDDEN_UNITS:]
    return rows


@pytest.mark.parametrize("lang", ["en", "de"])
async def test_the_hand_set_neuron_is_hidden_neuron_two_and_w1_checks_by_hand(lang):
    """Change a weight, the bias and the activation: column →a₂ of W₁ is the neuron, and a₂ its output."""
    app = make_app("neuron", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a", "enter", "down", "down", "down", "left", "left", "down", "down", "down", "right", "escape")
        w, b = np.round(np.array(START_WEIGHTS) + [-0.2, 0, 0], 2), round(START_BIAS + 0.1, 2)
        single = neuron(animal(0), w, b, "tanh")
        await pilot.press("right", "right")
        net = network("tanh", w, b)
        W1, b1 = net.layers[0]
        num = Catalog(lang).num
        rows = layer_rows(app)
        for i in range(3):
            assert rows[f"x{'₁₂₃'[i]}"] == [num(v) for v in W1[i]]
        assert rows["b"] == [num(v) for v in b1]
        z = animal(0) @ W1 + b1  # z = x⋅W₁ + b₁, redone from the numbers on screen
        assert rows["z"] == [num(v) for v in z]
        assert rows["z"][NEURON] == num(single.z) and rows["a"][NEURON] == num(single.output)
        assert diagram_values(app)[1][NEURON] == num(single.output)
        math = " ".join(text_of(app, "#layer-math").split())
        assert f"= {num(single.z)}." in math and f"⋅ ({num(w[0])})" in math


@pytest.mark.parametrize("lang", ["en", "de"])
async def test_the_lectures_double_index_and_the_words_for_weight(lang):
    app = make_app("neuron", lang)
    async with app.run_test(size=(80, 24)):
        table, intro = text_of(app, "#neuron-table"), " ".join(text_of(app, "#intro").split())
        assert "z = w₁₂x₁ + w₂₂x₂ + w₃₂x₃ + b" in table and "wᵢ₂" in table
        assert "a(w₁₂x₁ + w₂₂x₂ + w₃₂x₃ + b)" in intro
        if lang == "de":  # "Gewicht" is a weight of the network; the input is the body weight
            assert "Körpergewicht" in table and " Gewicht " not in f" {table} "


@pytest.mark.parametrize("lang", ["en", "de"])
async def test_switching_the_activation_changes_only_the_activation(lang):
    """W₁, b₁ and every z stay; a = act(z) follows the activation the note names, by its formula."""
    app = make_app("neuron", lang)
    async with app.run_test(size=(80, 22)) as pilot:
        formulas = {"sigmoid": lambda z: 1 / (1 + np.exp(-z)), "tanh": np.tanh, "relu": lambda z: np.maximum(0, z)}
        seen = []
        for activation in ("sigmoid", "tanh", "relu"):
            assert app.scene.activation == activation
            await app.go(app.index, 0)
            await pilot.pause()
            note = " ".join(text_of(app, "#activation-note").split())
            assert note == " ".join(app.catalog(f"neuron.note.{activation}").split())
            single = neuron(animal(0), np.array(START_WEIGHTS), START_BIAS, activation)
            assert neuron_numbers(app)["a"] == [app.scene.num(formulas[activation](single.z))]
            await app.go(app.index, 2)
            await pilot.pause()
            rows = layer_rows(app)
            seen.append({name: rows[name] for name in ("x₁", "x₂", "x₃", "b", "z")})
            assert rows["a"] == [app.scene.num(formulas[activation](z)) for z in network().forward_trace(
                animal(0)).zs[0][0]]
            assert not app.screen.query_one("#activation-note").display  # the network takes its place
            await pilot.press("a")
        assert seen[0] == seen[1] == seen[2]


@pytest.mark.parametrize("lang", ["en", "de"])
async def test_the_output_is_the_prediction_y_hat_with_a_verdict_from_the_engine(lang):
    """ŷ = P(dog), the name the loss scene uses; the verdict compares the engine's label with the animal's."""
    from engine.network import to_labels

    app = make_app("neuron", lang)
    async with app.run_test(size=(80, 22)) as pilot:
        await app.go(app.index, 3)
        verdicts = set()
        for index in range(6):
            await pilot.pause()
            trace = network().forward_trace(animal(index))
            label = int(animals(0).y[index])
            right = int(to_labels(trace.output)[0]) == label
            verdicts.add(right)
            math = " ".join(text_of(app, "#layer-math").split())
            y_hat = app.scene.num(trace.output[0, 0])
            assert f"ŷ = σ(z) = {y_hat} = {app.catalog('loss.row.proba').split(' = ')[1]}." in math
            word = app.catalog(f"supervised.class.{('cat', 'dog')[label]}")
            expected = app.catalog(f"neuron.verdict.{'right' if right else 'wrong'}", label=word,
                                   threshold=app.scene.numbers.short(0.5, 2))
            assert math.endswith(" ".join(expected.split()))
            await pilot.press("n")
        assert verdicts == {True, False}  # both verdicts occur among these animals
        await pilot.press("enter", "right", "escape")  # the student's own inputs: no label
        await pilot.pause()
        assert text_of(app, "#layer-math").split()[-1] in app.catalog("neuron.verdict.own")


@pytest.mark.parametrize("lang", ["en", "de"])
def test_snapshot(snap_compare, lang):
    async def last_step_exploring_a_weight(pilot):
        await pilot.app.go(pilot.app.index, -1)
        await pilot.press("enter", "down", "down", "down", "down", "right")
        await pilot.pause()

    assert snap_compare(make_app("neuron", lang), terminal_size=(80, 24), run_before=last_step_exploring_a_weight)


async def test_an_input_stays_a_measurement_from_0_to_1_while_weights_go_further():
    """Scene 2 says each animal is three values from 0 to 1; an input of −2.55 contradicted it."""
    app = make_app("neuron")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.app.go(pilot.app.index, -1)
        scene = app.scene
        await pilot.press("enter")  # the first input selected
        scene.change(-2.0)
        assert scene.x[0] == 0.0
        scene.change(2.0)
        await pilot.press("right")  # the arrow key's way, at the top already
        assert scene.x[0] == 1.0
        weight = float(scene.w[0])
        await pilot.press("down", "down", "down", "right", "right")  # a weight is not a measurement: it goes on
        assert scene.w[0] == pytest.approx(min(weight + 0.2, 3.0)) and not 0.0 <= scene.w[0] <= 1.0
