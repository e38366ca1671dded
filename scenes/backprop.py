"""Scene 9: backpropagation is the chain rule, shown with real numbers.

A 1-1-1 network of sigmoid units gets one animal: a forward pass, the
quadratic loss L (and why this scene uses it while training uses
cross-entropy), a backward pass that computes each δ = ∂L/∂z once, from the
output back, and every gradient as δ times one local factor. Then a check
the student steers (explore mode: which parameter, which h): nudge the
parameter by h and compare the secant's slope ΔL/h, as in the derivative
scene, with backprop's value. Then why backprop matters: the
multiplications for one example's gradient, by the chain rule parameter by
parameter and by reusing δ, as networks grow to millions of parameters.
Last, one gradient descent update with old and new weights. Every number
comes from the engine.
"""

from __future__ import annotations

import numpy as np
from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from engine.chain_rule import (
    PARAMETERS,
    TINY_SIZES,
    Backward,
    Chain,
    GradientCheck,
    backward,
    gradient_check,
    multiplications,
    parameter_count,
    tiny_network,
)
from engine.data import FEATURES, dogs_vs_cats
from engine.network import MLP, output_delta
from engine.training import TRAINING_SIZES
from scenes import neuron
from tui.glyphs import glyphs
from tui.scene import Scene
from tui.widgets.chain_product import ChainProduct

SNOUT = FEATURES.index("snout_length")
ANIMALS = 8  # the animals `n` cycles through
LEARNING_RATE = 1.0
LEARNING_RATES = (0.125, 16.0)  # + and - double and halve within these
LOSS_STEP, OUTPUT_STEP, HIDDEN_STEP, CHECK_STEP, COUNT_STEP, UPDATE_STEP = range(1, 7)
H_VALUES = (1.0, 0.1, 0.01, 0.001)  # the nudges ↑ ↓ step through, as the derivative scene's h
H_START = 1
CHECKED = "w1"  # the deepest weight first: its chain is the longest
#: Networks to count multiplications for: (sizes, catalog key of where they come from); the
#: first three are the networks of this scene, the neuron scene and the training scene.
GROWING = ((list(TINY_SIZES), "here"), (list(neuron.SIZES), "neuron"), (list(TRAINING_SIZES), "training"),
           ([784, 128, 64, 10], "digits"), ([784, 1000, 1000, 10], "digits_large"))

SYMBOLS = {
    "w1": "w₁", "b1": "b₁", "w2": "w₂", "b2": "b₂", "delta1": "δ₁", "delta2": "δ₂",
    "dC_dyhat": "∂L/∂ŷ", "dyhat_dz2": "∂ŷ/∂z₂", "dz2_da1": "∂z₂/∂a₁", "da1_dz1": "∂a₁/∂z₁",
}
DELTA_NAMES = {"delta2": "δ₂ = ∂L/∂z₂", "delta1": "δ₁ = ∂L/∂z₁"}


def decimals(value: float, significant: int) -> int:
    """Decimals that keep `significant` digits of a small `value`: the zeros after the point grow as h shrinks."""
    return int(np.clip(significant - 1 - np.floor(np.log10(abs(value) or 1.0)), 4, 10))


class Backprop(Scene):
    """Forward, loss, δ₂ and its gradients, δ₁ and its gradients, the check, the count, the update."""

    scene_id = "backprop"
    steps = UPDATE_STEP + 1
    min_size = (80, 22)
    explorable = True  # on the check's step: ← → pick the parameter, ↑ ↓ change h

    BINDINGS = [
        Binding("s", "update", "backprop.keys.update"),
        Binding("n", "next_animal", "backprop.keys.animal"),
        Binding("plus", "learning_rate(2)", "app.keys.rate", key_display="+/-"),
        Binding("minus", "learning_rate(0.5)", "app.keys.rate"),
        Binding("r", "reset", "app.keys.reset"),
    ]

    DEFAULT_CSS = """
    Backprop Static { height: auto; }
    Backprop Vertical { height: auto; }
    Backprop .heading { text-style: bold; }
    Backprop #why-loss { color: $text-muted; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.net: MLP | None = None
        self.animal = 0
        self.learning_rate = LEARNING_RATE
        self.checked = CHECKED  # the parameter the check nudges
        self.h_index = H_START

    @property
    def h(self) -> float:
        return H_VALUES[self.h_index]

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

    def updated(self, result: Backward) -> MLP:
        """The network after one gradient descent step with the engine's gradients."""
        after = self.network().copy()
        after.apply_gradients(result.trace.gradients, self.learning_rate)
        return after

    # -- view --------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(id="intro")
        yield Static(id="forward")
        yield self.at_step(LOSS_STEP, Static(id="loss"))
        yield Static(id="why-loss")
        yield self.at_step(OUTPUT_STEP, Static(self.t("backward"), classes="heading"))
        for step, delta, layer in ((OUTPUT_STEP, "delta2", "2"), (HIDDEN_STEP, "delta1", "1")):
            yield self.at_step(step, ChainProduct(id=f"chain-{delta}"))
            yield self.at_step(step, Static(id=f"gradients-{layer}"))
        with Vertical(id="check-box"):
            yield Static(id="check-heading", classes="heading")
            yield Static(id="check")
            yield Static(self.t("check.cost"), id="check-cost")
        with Vertical(id="count"):
            yield Static(classes="heading", id="count-heading")
            yield Static(id="count-table")
            yield Static(self.t("count.here"), id="count-here")
        with Vertical(id="update-box"):
            yield Static(id="update-heading", classes="heading")
            yield Static(id="update")
            yield Static(id="loss-after")

    def show_step(self, step: int) -> None:
        # The check, the count and the update share the space below the backward pass, one step
        # each; the note on the loss makes room for them once it has been read, the intro for the count.
        self.exploring = self.exploring and step == CHECK_STEP
        self.query_one("#why-loss").display = LOSS_STEP <= step < CHECK_STEP
        self.query_one("#intro").display = step != COUNT_STEP
        self.query_one("#check-box").display = step == CHECK_STEP
        self.query_one("#count").display = step == COUNT_STEP
        self.query_one("#update-box").display = step >= UPDATE_STEP
        self.redraw()

    def redraw(self) -> None:
        """Fill every number in from one forward and backward pass of the engine."""
        net, (x, y) = self.network(), self.example
        result = backward(net, x, y)
        n, numbers = self.num, self.numbers
        forward = result.trace.forward
        (z1,), (z2,) = (z[0] for z in forward.zs)
        a1, y_hat = forward.activations[1][0, 0], forward.output[0, 0]
        w = {name: float(p.ravel()[0]) for name, p in zip(PARAMETERS, net.params)}
        self.query_one("#intro", Static).update(self.t(
            "intro", animal=self.t(f"animal.{int(y)}"), x=n(x, 3), y=int(y)))
        self.query_one("#forward", Static).update(self.t(
            "forward", w1=n(w["w1"], 3), x_factor=numbers.factor(x, 3), b1=numbers.signed(w["b1"], 3),
            z1=n(z1, 3), a1=n(a1, 3), w2=n(w["w2"], 3), b2=numbers.signed(w["b2"], 3), z2=n(z2, 3),
            y_hat=n(y_hat, 3)))
        self.query_one("#loss", Static).update(self.t(
            "loss", y_hat=n(y_hat, 3), y=int(y), loss=n(result.trace.loss, 4)))
        cross_entropy = float(output_delta(forward.output, np.array([[y]]), "cross_entropy")[0, 0])
        self.query_one("#why-loss", Static).update(self.t("why_loss", delta=n(cross_entropy, 3)))
        for delta, layer, local in (("delta2", "2", a1), ("delta1", "1", x)):
            self._show_delta(result.deltas[delta])
            self.query_one(f"#gradients-{layer}", Static).update(self.t(
                f"gradients_{layer}", delta=n(result.deltas[delta].value, 4), local=numbers.factor(local, 3),
                w=n(result.gradients[f"w{layer}"].value, 4), b=n(result.gradients[f"b{layer}"].value, 4)))
        self._show_check(gradient_check(net, x, y, self.checked, self.h))
        self._show_count()
        after = self.updated(result)
        loss_after = after.loss(np.array([[x]]), np.array([y]), "mse")
        self.query_one("#update-heading", Static).update(self.t("update", rate=numbers.short(self.learning_rate, 3)))
        self.query_one("#update", Static).update(self._update_table(net, after, result))
        self.query_one("#loss-after", Static).update(self.t(
            "loss_after", before=n(result.trace.loss, 4), after=n(loss_after, 4),
            verdict=self.t("falls" if loss_after < result.trace.loss else "rises")))

    def _show_check(self, check: GradientCheck) -> None:
        """The secant of the nudged parameter against backprop, in the derivative scene's words."""
        symbol = glyphs(SYMBOLS[check.parameter])
        change = check.nudged_cost - check.cost
        digits = decimals(change, 3)
        n, h = self.num, self.numbers.short(check.h, 4)
        self.query_one("#check-heading", Static).update(self.t("check.heading", p=symbol, h=h))
        self.query_one("#check", Static).update(self.t(
            "check.lines", p=symbol, h=h, before=n(check.cost, digits), after=n(check.nudged_cost, digits),
            change=n(change, digits), secant=n(check.secant, 6), backprop=n(check.backprop, 6),
            gap=n(check.gap, decimals(check.gap, 2)),
            keys=self.t("check.exploring" if self.exploring else "check.explore")))

    def _show_delta(self, delta: Chain) -> None:
        """δ as the product of its factors, symbols above numbers; a factor after ⋅ in parentheses if negative."""
        values = [self.num(v, 4 if name.startswith("delta") else 3) if index == 0
                  else self.numbers.factor(v, 4 if name.startswith("delta") else 3)
                  for index, (name, v) in enumerate(delta.factors)]
        factors = [(glyphs(SYMBOLS[name]), value) for (name, _), value in zip(delta.factors, values)]
        self.query_one(f"#chain-{delta.name}", ChainProduct).show(
            glyphs(DELTA_NAMES[delta.name]), factors, self.num(delta.value, 4))

    def _show_count(self) -> None:
        """Multiplications for one example's gradient, chain rule per parameter against reusing δ."""
        self.query_one("#count-heading", Static).update(self.t("count.heading"))
        table = Table(box=None, padding=(0, 2, 0, 0), show_edge=False, header_style="bold")
        table.add_column(self.t("count.network"), no_wrap=True)
        for key in ("parameters", "naive", "reuse"):
            table.add_column(self.t(f"count.{key}"), justify="right", no_wrap=True)
        for sizes, origin in GROWING:
            naive, reuse = multiplications(sizes)
            name = "-".join(map(str, sizes))
            table.add_row(f"{name} {self.t(f'count.origin.{origin}')}",
                          *(self.numbers.whole(v) for v in (parameter_count(sizes), naive, reuse)))
        self.query_one("#count-table", Static).update(table)

    def _update_table(self, before: MLP, after: MLP, result: Backward) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True, style="bold")
        for _ in PARAMETERS:
            table.add_column(no_wrap=True, justify="right")
        table.add_row("", *(glyphs(SYMBOLS[name]) for name in PARAMETERS))
        rows = (("old", before.params), ("gradient", result.trace.gradients), ("new", after.params))
        for key, values in rows:
            digits = 4 if key == "gradient" else 3
            table.add_row(self.t(f"row.{key}"), *(self.num(float(v.ravel()[0]), digits) for v in values))
        return table

    # -- keys --------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "explore" and self.step != CHECK_STEP:
            return False  # only the check has something to move
        return super().check_action(action, parameters)

    def acts(self, action: str) -> bool:
        """The update and its learning rate act where the update is shown."""
        return self.step >= UPDATE_STEP if action in ("update", "learning_rate") else True

    def explore_move(self, dx: int, dy: int) -> None:
        """← → pick the parameter to nudge, ↑ ↓ make h larger or smaller."""
        self.checked = PARAMETERS[(PARAMETERS.index(self.checked) + dx) % len(PARAMETERS)]
        self.h_index = int(np.clip(self.h_index + dy, 0, len(H_VALUES) - 1))
        self.redraw()

    def explore_changed(self, exploring: bool) -> None:
        self.redraw()

    def action_update(self) -> None:
        """Take the update: the new weights become the network's weights."""
        x, y = self.example
        self.net = self.updated(backward(self.network(), x, y))
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
        self.checked, self.h_index = CHECKED, H_START
        self.redraw()


SCENE = Backprop
