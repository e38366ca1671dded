"""Scene 3: one neuron, a(w₁₂x₁ + w₂₂x₂ + w₃₂x₃ + b), with numbers the student changes
and a note on what its activation function does; then the same animal flowing through a
small network, one layer per step, to the output ŷ = P(dog), the network's prediction.

The neuron is hidden neuron 2 of that network, as in the lecture's formula
(w_ij: from input i to neuron j): its weights are column 2 of W₁ and its bias
entry 2 of b₁; the other neurons keep random weights. From the network's
first step the table shows all of W₁ and b₁, so z = x⋅W₁ + b₁ can be redone
by hand column by column. Its random weights are drawn once: changing the
activation changes only the activation. The inputs are one animal of the dogs-vs-cats data
(or values the student sets); the neuron's products, sum and output come from
`engine.neuron`, the network's numbers from `MLP.forward_trace`.
"""

from __future__ import annotations

from functools import cached_property

import numpy as np
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from engine.data import ANIMALS, CLASSES, FEATURES, Dataset, animals
from engine.network import THRESHOLD, MLP, ForwardTrace, to_labels
from engine.neuron import ACTIVATIONS, NeuronTrace, neuron
from tui.glyphs import glyphs
from tui.knobs import Choice, Knob, Listing, Number, Optional
from tui.scene import Scene
from tui.widgets.network_diagram import Layer, NetworkDiagram

#: Hand-picked start: rounder ears, a longer snout and more weight push z up, so dogs
#: score high and cats low before the student touches anything.
START_WEIGHTS = (-1.0, 1.0, 1.0)
START_BIAS = -0.2
CHANGE = 0.1  # one arrow press
LIMIT = 3.0  # weights and the bias stay within [-LIMIT, LIMIT]
INPUTS = (0.0, 1.0)  # an input is a measurement of an animal, from 0 to 1 as the data set has them
HIDDEN_UNITS = 4
SIZES = (len(FEATURES), HIDDEN_UNITS, 1)  # the small network of steps 2 to 4: inputs, hidden, output
NEURON = 1  # the hand-set neuron's index in the hidden layer: neuron 2, like the lecture's w₁₂, w₂₂, w₃₂
SUBSCRIPTS = "₁₂₃₄₅₆₇₈₉"


class Neuron(Scene):
    """A neuron whose inputs, weights, bias and activation the student sets; then a 3-4-1 network."""

    scene_id = "neuron"
    steps = 4  # the neuron; then the network's input, hidden and output layer
    min_size = (80, 22)
    explorable = True

    BINDINGS = [
        Binding("a", "next_activation", "neuron.keys.activation"),
        Binding("n", "next_animal", "neuron.keys.animal"),
        Binding("r", "reset", "app.keys.reset"),
    ]

    knobs = (
        Knob("activation", Choice(ACTIVATIONS), "activation", "activation"),
        Knob("animal", Number(1, ANIMALS, whole=True), lambda s: s.animal + 1,
             lambda s, v: setattr(s, "animal", v - 1)),
        Knob("inputs", Optional(Listing(Number(*INPUTS), ",", 3), off="animal"),
             lambda s: None if s.own_x is None else tuple(float(v) for v in s.own_x),
             lambda s, v: setattr(s, "own_x", None if v is None else np.array(v))),
        Knob("weights", Listing(Number(-LIMIT, LIMIT), ",", 3), lambda s: tuple(float(v) for v in s.w),
             lambda s, v: setattr(s, "w", np.array(v))),
        Knob("bias", Number(-LIMIT, LIMIT), "b", "b"),
    )

    DEFAULT_CSS = """
    Neuron #neuron-table { margin-bottom: 1; }
    Neuron #network { height: 5; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.activation = ACTIVATIONS[0]
        self.animal = 0
        self.own_x: np.ndarray | None = None  # inputs the student set, else the animal's
        self.w = np.array(START_WEIGHTS)
        self.b = START_BIAS
        self.cursor = 0  # 0-2: x1..x3, 3-5: w1..w3, 6: b

    # -- engine --------------------------------------------------------------
    @cached_property
    def dataset(self) -> Dataset:
        return animals(self.settings.seed)

    @property
    def x(self) -> np.ndarray:
        """The inputs: the animal's scores rounded to the two decimals on screen, so every
        product and sum can be redone by hand; or the values the student set."""
        return np.round(self.dataset.X[self.animal], 2) if self.own_x is None else self.own_x

    @property
    def trace(self) -> NeuronTrace:
        return neuron(self.x, self.w, self.b, self.activation)

    @property
    def network(self) -> MLP:
        """The small network: hidden neuron 2 is the student's neuron, the other weights random (seeded).

        Every weight is rounded to the two decimals on screen, so z = x⋅W₁ + b₁ can be redone by hand.
        The weights are drawn for the first activation whatever the student picks (an MLP draws
        ReLU's larger): switching the activation must change the activation and nothing else.
        """
        net = MLP(list(SIZES), activation=ACTIVATIONS[0], seed=self.settings.seed)
        net.activation = self.activation
        for param in net.params:
            param[...] = np.round(param, 2)
        net.params[0][:, NEURON] = self.w
        net.params[1][NEURON] = self.b
        return net

    @property
    def flow(self) -> ForwardTrace:
        return self.network.forward_trace(self.x)

    # -- view ----------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical(classes="prose"):
            yield Static(id="intro")
            yield Static(id="source")
            yield Static(id="neuron-table")
            yield Static(id="activation-note")
            yield NetworkDiagram(id="network")
            yield Static(id="layer-math")

    def show_step(self, step: int) -> None:
        self.update_view()

    def update_view(self) -> None:
        """Fill every widget from the current state and the engine's numbers."""
        if self.own_x is not None:
            source = self.t("source.own")
        else:
            label = self.gdtui.catalog(f"supervised.class.{CLASSES[self.dataset.y[self.animal]]}")
            source = self.t("source.animal", number=self.animal + 1, animals=len(self.dataset), label=label)
        self.query_one("#source", Static).update(source)
        activation = self.t(f"activation.{self.activation}")
        network, flow = self.network, self.flow
        reached = self.step - 1  # layers computed so far: 0 the input, 1 hidden, 2 output
        table = self._neuron_table(self.trace) if reached < 0 else self._layer_table(network, flow, reached)
        self.query_one("#neuron-table", Static).update(table)
        column = glyphs(f"→a{SUBSCRIPTS[NEURON]}")
        intro = self.t("intro") if reached < 0 else self.t(
            "network_intro", units=HIDDEN_UNITS, activation=activation, column=column)
        self.query_one("#intro", Static).update(intro)
        titles = (self.t("layer.input"), self.t("layer.hidden", activation=activation),
                  self.t("layer.output"))
        layers = [
            Layer(title, [f"{symbol}{SUBSCRIPTS[i]}" if len(values) > 1 else symbol for i in range(len(values))],
                  [self.num(v) for v in values] if k <= reached else None)
            for k, (title, symbol, values) in enumerate(
                zip(titles, ("x", "a", glyphs("ŷ")), (a[0] for a in flow.activations)))
        ]
        # The neuron's step explains its activation where the network will be drawn.
        self.query_one("#activation-note", Static).update(self.t(f"note.{self.activation}"))
        self.query_one("#activation-note").display = reached < 0
        self.query_one(NetworkDiagram).display = self.query_one("#layer-math").display = reached >= 0
        self.query_one(NetworkDiagram).show(layers, reached if reached >= 0 else None)
        self.query_one("#layer-math", Static).update(self._layer_math(network, flow, max(reached, 0), activation))

    def _layer_math(self, network: MLP, flow: ForwardTrace, layer: int, activation: str) -> str:
        """What the layer just computed does, with one of its sums written out."""
        numbers = self.numbers
        if layer == 0:
            return self.t("math.input", x=numbers.vector(self.x))
        if layer == 1:
            terms = [f"{numbers.num(self.x[0])} ⋅ {numbers.factor(self.w[0])}"]
            terms += [f"{numbers.signed(x)} ⋅ {numbers.factor(w)}" for x, w in zip(self.x[1:], self.w[1:])]
            return self.t("math.hidden", neuron=NEURON + 1, sum=" ".join(terms), b=numbers.signed(self.b),
                          z=self.num(flow.zs[0][0, NEURON]), activation=activation)
        W2, b2 = network.layers[1]
        return self.t("math.output", w2=numbers.vector(W2[:, 0]), b2=self.num(float(b2[0])),
                      z=self.num(flow.zs[1][0, 0]), y_hat=self.num(flow.output[0, 0]), verdict=self._verdict(flow))

    def _verdict(self, flow: ForwardTrace) -> str:
        """Whether the network labels the animal right: its prediction against the animal's label."""
        if self.own_x is not None:
            return self.t("verdict.own")
        label = int(self.dataset.y[self.animal])
        right = int(to_labels(flow.output)[0]) == label
        return self.t("verdict.right" if right else "verdict.wrong", threshold=self.numbers.short(THRESHOLD, 2),
                      label=self.gdtui.catalog(f"supervised.class.{CLASSES[label]}"))

    def _neuron_table(self, trace: NeuronTrace) -> Table:
        """Rows x₁..x₃ with the neuron's weights w₁₂..w₃₂ and products, the bias, the sum z and a(z)."""
        table = self._table([glyphs("wᵢ₂"), glyphs("wᵢ₂xᵢ")])
        for i, name in enumerate(self._input_names()):
            table.add_row(self._marker(i, i + 3) + glyphs(f"x{SUBSCRIPTS[i]}"), name, self._cell(i, self.x[i]),
                          self._cell(i + 3, self.w[i]), self.num(trace.products[i]))
        table.add_row(self._marker(6) + "b", self.t("bias"), "", self._cell(6, self.b), self.num(self.b))
        table.add_row("", Text(glyphs("z = w₁₂x₁ + w₂₂x₂ + w₃₂x₃ + b"), style="bold"), "", "",
                      Text(self.num(trace.z), style="bold"))
        formula = f"a = {self.t(f'activation.{self.activation}')}(z)"
        table.add_row("", Text(formula, style="bold"), "", "", Text(self.num(trace.output), style="bold"))
        return table

    def _layer_table(self, network: MLP, flow: ForwardTrace, reached: int) -> Table:
        """W₁ with a row per input and a column per hidden neuron, b₁, and (once computed) z and a.

        The student's neuron is column →a₂, the cells they can change stay selectable.
        """
        W1, b1 = network.layers[0]
        table = self._table([glyphs(f"→a{SUBSCRIPTS[j]}") for j in range(HIDDEN_UNITS)])
        for i, name in enumerate(self._input_names()):
            cells = [self._cell(i + 3, W1[i, j]) if j == NEURON else self.num(W1[i, j]) for j in range(HIDDEN_UNITS)]
            table.add_row(self._marker(i, i + 3) + glyphs(f"x{SUBSCRIPTS[i]}"), name, self._cell(i, self.x[i]), *cells)
        biases = [self._cell(6, b1[j]) if j == NEURON else self.num(b1[j]) for j in range(HIDDEN_UNITS)]
        table.add_row(self._marker(6) + "b", self.t("bias"), "", *biases)
        activation = self.t(f"activation.{self.activation}")
        for label, values in ((glyphs("z = x⋅W₁ + b₁"), flow.zs[0][0]), (f"a = {activation}(z)", flow.activations[1][0])):
            shown = [self.num(v) for v in values] if reached >= 1 else ["?"] * HIDDEN_UNITS
            table.add_row("", Text(label, style="bold"), "", *(Text(v, style="bold") for v in shown))
        return table

    def _table(self, weight_headings: list[str]) -> Table:
        """An empty table: the row name, the input's name, x, then one column per heading."""
        table = Table(box=None, padding=(0, 2, 0, 0), show_edge=False, header_style="bold")
        for heading, justify in (("", "left"), (self.t("column.input"), "left"), ("x", "right")):
            table.add_column(heading, justify=justify, no_wrap=True)
        for heading in weight_headings:
            table.add_column(heading, justify="right", no_wrap=True)
        return table

    def _input_names(self) -> list[str]:
        return [self.gdtui.catalog(f"supervised.feature.{feature}") for feature in FEATURES]

    def _cell(self, item: int, value: float) -> Text:
        """A number the student can change; the selected one is reversed in explore mode."""
        selected = self.exploring and item == self.cursor
        return Text(self.num(value), style="reverse bold" if selected else "")

    def _marker(self, *items: int) -> str:
        """An arrow in front of the row holding the selected number, readable without colour."""
        arrow = glyphs("→")
        return arrow if self.exploring and self.cursor in items else " " * len(arrow)

    # -- changing things -----------------------------------------------------
    def change(self, delta: float) -> None:
        """Change the selected input, weight or bias by `delta`, within the limits."""
        values = {**dict(enumerate(self.x)), **{i + 3: w for i, w in enumerate(self.w)}, 6: self.b}
        low, high = INPUTS if self.cursor < 3 else (-LIMIT, LIMIT)
        new = round(float(np.clip(values[self.cursor] + delta, low, high)), 2)
        if self.cursor < 3:
            self.own_x = self.x.copy()
            self.own_x[self.cursor] = new
        elif self.cursor < 6:
            self.w[self.cursor - 3] = new
        else:
            self.b = new
        self.update_view()

    def explore_move(self, dx: int, dy: int) -> None:
        if dy:
            self.cursor = (self.cursor + dy) % 7
            self.update_view()
        elif dx:
            self.change(dx * CHANGE)

    def explore_changed(self, exploring: bool) -> None:
        self.update_view()

    def action_next_activation(self) -> None:
        self.activation = ACTIVATIONS[(ACTIVATIONS.index(self.activation) + 1) % len(ACTIVATIONS)]
        self.update_view()

    def action_next_animal(self) -> None:
        self.animal = (self.animal + 1) % len(self.dataset)
        self.own_x = None
        self.update_view()

    def action_reset(self) -> None:
        self.activation, self.animal, self.cursor = ACTIVATIONS[0], 0, 0
        self.own_x = None
        self.w, self.b = np.array(START_WEIGHTS), START_BIAS
        self.update_view()


SCENE = Neuron
