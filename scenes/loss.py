"""Scene 4: the loss counts wrong labels, and why training needs a smoother one.

Ten animals the model has not seen, each with its true label, the model's
P(dog) and the label it predicts at a decision threshold. The 0/1 loss is the
number of wrong labels. Then both losses along the model's weight w: the 0/1
loss is a staircase with slope 0 almost everywhere, the cross-entropy of the
same probabilities a smooth valley whose slope points downhill.
"""

from __future__ import annotations

from functools import cached_property

import numpy as np
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from engine.data import FEATURES, dogs_vs_cats
from engine.loss_profile import LossProfile, fit_logistic, predictions, proba, slopes, weight_profile, with_weight
from engine.network import MLP, zero_one_loss
from tui.scene import Scene
from tui.widgets.label_row import LabelRow
from tui.widgets.loss_bars import LossBars

SNOUT = FEATURES.index("snout_length")
SHOWN = 10  # animals in the row
NOISE = 0.2  # spread of the animals, so some land on the wrong side
SHOWN_DRAW = 4  # which draw of ten animals, after the seed: at seed 0 it holds three mistakes
SAMPLES = 31  # weights along the charts, one column each
THRESHOLD_STEP = 0.05
START = SAMPLES // 3  # two thirds of the trained weight: a model still in training


class Loss(Scene):
    """The 0/1 loss of a row of predictions, then the 0/1 loss and cross-entropy against a weight."""

    scene_id = "loss"
    steps = 3
    min_size = (80, 24)
    explorable = True

    BINDINGS = [
        Binding("f", "flip", "loss.keys.flip"),
        Binding("plus", "weight(1)", "loss.keys.weight", key_display="+/-"),
        Binding("minus", "weight(-1)", "loss.keys.weight", show=False),
        Binding("r", "reset", "app.keys.reset"),
    ]

    DEFAULT_CSS = """
    Loss #intro, Loss #summary { width: 1fr; height: auto; }
    Loss #summary { text-style: bold; }
    Loss #hint { color: $text-muted; height: auto; margin-bottom: 1; }
    Loss #charts { height: auto; }
    Loss .chart { width: auto; height: auto; margin-right: 3; }
    Loss .chart-title { text-style: bold; }
    Loss #moral { height: auto; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.threshold = 0.5
        self.weight_index = START
        self.selected = 0
        self.flipped: set[int] = set()

    # -- engine ------------------------------------------------------------
    @cached_property
    def fitted(self) -> tuple[MLP, np.ndarray, np.ndarray, np.ndarray]:
        """(trained logistic unit, animals shown, their labels, weights along the charts)."""
        seed = self.settings.seed
        train = dogs_vs_cats(n=200, noise=NOISE, seed=seed + 1)
        shown = dogs_vs_cats(n=SHOWN, noise=NOISE, seed=seed + SHOWN_DRAW)
        net = fit_logistic(train.X[:, [SNOUT]], train.y, seed=seed)
        return net, shown.X[:, [SNOUT]], shown.y, np.linspace(0.0, 2 * net.params[0][0, 0], SAMPLES)

    @property
    def model(self) -> MLP:
        net, _, _, weights = self.fitted
        return with_weight(net, weights[self.weight_index])

    @property
    def probabilities(self) -> np.ndarray:
        return proba(self.model, self.fitted[1])

    @property
    def predicted(self) -> np.ndarray:
        """The model's labels at the threshold, with the user's flips applied."""
        labels = predictions(self.probabilities, self.threshold)
        labels[list(self.flipped)] ^= 1
        return labels

    @property
    def wrong(self) -> int:
        return zero_one_loss(self.fitted[2], self.predicted)

    def profile(self) -> LossProfile:
        net, X, y, weights = self.fitted
        return weight_profile(net, X, y, weights, self.threshold)

    # -- view --------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(self.t("intro"), id="intro")
        yield LabelRow(id="animals")
        yield Static(id="summary")
        yield Static(self.t("hint"), id="hint")
        with Horizontal(id="charts"):
            with self.at_step(1, Vertical(classes="chart")):
                yield Static(self.t("zero_one.title"), classes="chart-title")
                yield LossBars(id="zero-one")
                yield Static(id="zero-one-slope")
            with self.at_step(2, Vertical(classes="chart")):
                yield Static(id="cross-entropy-title", classes="chart-title")
                yield LossBars(id="cross-entropy")
                yield Static(id="cross-entropy-slope")
        yield self.at_step(2, Static(self.t("moral"), id="moral"))

    def show_step(self, step: int) -> None:
        self.redraw()

    def redraw(self) -> None:
        """Fill every number in from the engine for the current threshold, weight and flips."""
        net, X, y, weights = self.fitted
        predicted, p = self.predicted, self.probabilities
        names = (self.t("animal.cat"), self.t("animal.dog"))
        marks = [self.t("right") if a == b else self.t("wrong") for a, b in zip(y, predicted)]
        columns = [
            [self.t("glyph.cat") if truth == 0 else self.t("glyph.dog"), names[truth], self.num(prob, 2),
             names[guess], mark + ("*" if index in self.flipped else "")]
            for index, (truth, prob, guess, mark) in enumerate(zip(y, p, predicted, marks))
        ]
        rows = [self.t(f"row.{name}") for name in ("animal", "truth", "proba", "predicted", "check")]
        self.query_one(LabelRow).show(rows, columns, self.selected, list(y != predicted))
        self.query_one("#summary", Static).update(self.t(
            "summary", wrong=self.wrong, n=len(y), threshold=self.num(self.threshold, 2),
            weight=self.num(weights[self.weight_index], 1)))
        profile = self.profile()
        flat, smooth = slopes(self.model, X, y, self.threshold)
        self.query_one("#zero-one", LossBars).show(profile.zero_one, len(y), self.weight_index,
                                                   (str(len(y)), "0"))
        top = float(profile.cross_entropy.max())
        self.query_one("#cross-entropy", LossBars).show(profile.cross_entropy, top, self.weight_index,
                                                        (self.num(top, 1), self.num(0, 1)))
        here = self.weight_index
        self.query_one("#cross-entropy-title", Static).update(self.t(
            "cross_entropy.title", loss=self.num(profile.cross_entropy[here], 2)))
        self.query_one("#zero-one-slope", Static).update(self.t("zero_one.slope", slope=self.num(flat, 2)))
        self.query_one("#cross-entropy-slope", Static).update(self.t(
            "cross_entropy.slope", slope=self.num(smooth, 2),
            side=self.t("side.right" if smooth < 0 else "side.left")))

    # -- input -------------------------------------------------------------
    def explore_move(self, dx: int, dy: int) -> None:
        if dx:
            self.selected = (self.selected + dx) % SHOWN
        if dy:
            self.threshold = round(min(max(self.threshold - dy * THRESHOLD_STEP, 0.05), 0.95), 2)
            self.flipped.clear()
        self.redraw()

    def action_flip(self) -> None:
        self.flipped ^= {self.selected}
        self.redraw()

    def action_weight(self, delta: int) -> None:
        self.weight_index = min(max(self.weight_index + delta, 0), SAMPLES - 1)
        self.flipped.clear()
        self.redraw()

    def action_reset(self) -> None:
        self.threshold, self.weight_index, self.selected = 0.5, START, 0
        self.flipped.clear()
        self.redraw()


SCENE = Loss
