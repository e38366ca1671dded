"""Scene 9: backpropagation is the chain rule, shown with real numbers.

A 1-1-1 network of sigmoid units gets one animal: a forward pass, the
quadratic loss, a backward pass that writes each derivative as a product of
local derivatives (from the output back, one parameter per step), and one
gradient descent update with old and new weights side by side. Every number
comes from the engine's MLP (forward_trace, gradients, apply_gradients).
"""

from __future__ import annotations

import numpy as np
from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from engine.chain_rule import PARAMETERS, chains, tiny_network
from engine.data import FEATURES, dogs_vs_cats
from engine.network import MLP, BackwardTrace
from tui.glyphs import glyphs
from tui.scene import Scene
from tui.widgets.chain_product import ChainProduct

SNOUT = FEATURES.index("snout_length")
ANIMALS = 8  # the animals `n` cycles through
LEARNING_RATE = 1.0
LEARNING_RATES = (0.125, 16.0)  # + and - double and halve within these
BACKWARD = ("w2", "b2", "w1", "b1")  # the order the backward pass reaches them: output first
FIRST_CHAIN_STEP = 2
UPDATE_STEP = FIRST_CHAIN_STEP + len(BACKWARD)

SYMBOLS = {
    "w1": "w₁", "b1": "b₁", "w2": "w₂", "b2": "b₂",
    "dC_dyhat": "∂C/∂ŷ", "dyhat_dz2": "∂ŷ/∂z₂", "dz2_dw2": "∂z₂/∂w₂", "dz2_db2": "∂z₂/∂b₂",
    "dz2_da1": "∂z₂/∂a₁", "da1_dz1": "∂a₁/∂z₁", "dz1_dw1": "∂z₁/∂w₁", "dz1_db1": "∂z₁/∂b₁",
}


class Backprop(Scene):
    """Forward, loss, backward (one derivative per step), update."""

    scene_id = "backprop"
    steps = UPDATE_STEP + 1
    min_size = (80, 24)

    BINDINGS = [
        Binding("s", "update", "app.keys.step"),
        Binding("n", "next_animal", "backprop.keys.animal"),
        Binding("plus", "learning_rate(2)", "backprop.keys.rate", key_display="+/-"),
        Binding("minus", "learning_rate(0.5)", "backprop.keys.rate", show=False),
        Binding("r", "reset", "app.keys.reset"),
    ]

    DEFAULT_CSS = """
    Backprop Static { height: auto; }
    Backprop .heading { text-style: bold; }
    Backprop #note { color: $text-muted; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.net: MLP | None = None
        self.animal = 0
        self.learning_rate = LEARNING_RATE

    # -- engine ------------------------------------------------------------
    @property
    def example(self) -> tuple[float, float]:
        """(snout length x, label y) of the current animal."""
        data = dogs_vs_cats(n=ANIMALS, seed=self.settings.seed)
        return float(data.X[self.animal, SNOUT]), float(data.y[self.animal])

    def network(self) -> MLP:
        if self.net is None:
            self.net = tiny_network(self.settings.seed)
        return self.net

    def updated(self, trace: BackwardTrace) -> MLP:
        """The network after one gradient descent step with the engine's gradients."""
        after = self.network().copy()
        after.apply_gradients(trace.gradients, self.learning_rate)
        return after

    # -- view --------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(id="intro")
        yield Static(id="forward")
        yield self.at_step(1, Static(id="loss"))
        yield self.at_step(FIRST_CHAIN_STEP, Static(self.t("backward"), classes="heading"))
        for offset, name in enumerate(BACKWARD):
            yield self.at_step(FIRST_CHAIN_STEP + offset, ChainProduct(id=f"chain-{name}"))
        yield self.at_step(UPDATE_STEP, Static(id="update-heading", classes="heading"))
        yield self.at_step(UPDATE_STEP, Static(id="update"))
        yield self.at_step(UPDATE_STEP, Static(id="loss-after"))
        yield Static(self.t("note"), id="note")

    def show_step(self, step: int) -> None:
        self.redraw()

    def redraw(self) -> None:
        """Fill every number in from one forward and backward pass of the engine."""
        net, (x, y) = self.network(), self.example
        trace, chain = chains(net, x, y)
        n = self.num
        (z1,), (z2,) = (z[0] for z in trace.forward.zs)
        a1, y_hat = trace.forward.activations[1][0, 0], trace.forward.output[0, 0]
        w = {name: float(p.ravel()[0]) for name, p in zip(PARAMETERS, net.params)}
        self.query_one("#intro", Static).update(self.t(
            "intro", animal=self.t(f"animal.{int(y)}"), x=n(x, 3), y=int(y)))
        self.query_one("#forward", Static).update(self.t(
            "forward", w1=n(w["w1"], 3), x_factor=self.numbers.factor(x, 3), b1=self.numbers.signed(w["b1"], 3),
            z1=n(z1, 3), a1=n(a1, 3), w2=n(w["w2"], 3), b2=self.numbers.signed(w["b2"], 3), z2=n(z2, 3),
            y_hat=n(y_hat, 3)))
        self.query_one("#loss", Static).update(self.t("loss", y_hat=n(y_hat, 3), y=int(y), loss=n(trace.loss, 4)))
        for name in BACKWARD:
            link = chain[name]
            self.query_one(f"#chain-{name}", ChainProduct).show(
                glyphs(f"∂C/∂{SYMBOLS[name]}"),
                [(glyphs(SYMBOLS[factor]), n(value, 3)) for factor, value in link.factors],
                n(link.gradient, 4))
        after = self.updated(trace)
        self.query_one("#update-heading", Static).update(self.t("update", rate=self.numbers.short(self.learning_rate, 3)))
        self.query_one("#update", Static).update(self._update_table(net, after, trace))
        self.query_one("#loss-after", Static).update(self.t(
            "loss_after", before=n(trace.loss, 4), after=n(after.loss(np.array([[x]]), np.array([y]), "mse"), 4)))

    def _update_table(self, before: MLP, after: MLP, trace: BackwardTrace) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True, style="bold")
        for _ in PARAMETERS:
            table.add_column(no_wrap=True, justify="right")
        table.add_row("", *(glyphs(SYMBOLS[name]) for name in PARAMETERS))
        rows = (("old", before.params), ("gradient", trace.gradients), ("new", after.params))
        for key, values in rows:
            digits = 4 if key == "gradient" else 3
            table.add_row(self.t(f"row.{key}"), *(self.num(float(v.ravel()[0]), digits) for v in values))
        return table

    # -- keys --------------------------------------------------------------
    def action_update(self) -> None:
        """Take the update: the new weights become the network's weights."""
        x, y = self.example
        self.net = self.updated(self.network().backward_trace(np.array([[x]]), np.array([y]), "mse"))
        self.redraw()

    def action_next_animal(self) -> None:
        self.animal = (self.animal + 1) % ANIMALS
        self.redraw()

    def action_learning_rate(self, factor: float) -> None:
        low, high = LEARNING_RATES
        self.learning_rate = min(max(self.learning_rate * factor, low), high)
        self.redraw()

    def action_reset(self) -> None:
        self.net, self.animal, self.learning_rate = None, 0, LEARNING_RATE
        self.redraw()


SCENE = Backprop
