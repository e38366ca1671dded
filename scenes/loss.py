"""Scene 4: the loss counts wrong labels, and why training needs a smoother one.

The model is one logistic unit, p = σ(w ⋅ snout length + b). Ten animals it
has not seen, each with its snout length, true label, p and the label it
predicts at a decision threshold; the 0/1 loss is the number of wrong labels.
The student may move one animal's snout length: the model still decides by
the threshold, so the count, the table and the charts stay one story.
Then both losses along w: the 0/1 loss a staircase with slope 0 almost
everywhere, the cross-entropy a smooth valley whose lowest point need not be
where the fewest labels are wrong; both minima are computed and shown.
"""

from __future__ import annotations

from functools import cached_property

import numpy as np
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from engine.data import FEATURES, dogs_vs_cats
from engine.loss_profile import (
    LossProfile,
    fewest_mistakes,
    fit_logistic,
    lowest_cross_entropy,
    predictions,
    proba,
    slopes,
    weight_profile,
    with_weight,
)
from engine.network import MLP, zero_one_loss
from tui.knobs import Knob, Listing, Number, Pair
from tui.scene import Scene
from tui.widgets.label_row import LabelRow
from tui.widgets.loss_bars import LossBars
from tui.widgets.loss_chart import whole_ticks

SNOUT = FEATURES.index("snout_length")
SHOWN = 10  # animals in the row
NOISE = 0.2  # spread of the animals, so some land on the wrong side
SHOWN_DRAW = 4  # which draw of ten animals, after the seed: at seed 0 it holds three mistakes
SAMPLES = 31  # weights along the charts, one column each
THRESHOLD_STEP = 0.05
SNOUT_STEP = 0.05  # one press of , or .
SNOUT_RANGE = (-0.5, 1.5)  # a moved snout length stays a plausible score
START = SAMPLES // 3  # two thirds of the trained weight: a model still in training
TICKS = 6  # at most this many labelled values of w under each chart
CHART_ROWS = (3, 12)  # the charts' rows at the smallest size, and at most: they grow with the window


class Loss(Scene):
    """The 0/1 loss of a row of predictions, then the 0/1 loss and cross-entropy against w."""

    scene_id = "loss"
    steps = 3
    min_size = (80, 22)
    explorable = True

    BINDINGS = [
        Binding("full_stop", "snout(1)", "loss.keys.snout", key_display=",/."),
        Binding("comma", "snout(-1)", "loss.keys.snout", show=False),
        Binding("plus", "weight(1)", "loss.keys.weight", key_display="+/-"),
        Binding("minus", "weight(-1)", "loss.keys.weight", show=False),
        Binding("r", "reset", "app.keys.reset"),
    ]

    knobs = (
        Knob("threshold", Number(0.05, 0.95), "threshold", "threshold"),
        Knob("weight", Number(0, SAMPLES - 1, whole=True), "weight_index", "weight_index"),
        Knob("animal", Number(1, SHOWN, whole=True), lambda s: s.selected + 1, lambda s, v: setattr(s, "selected", v - 1)),
        Knob("snouts", Listing(Pair(Number(1, SHOWN, whole=True), Number(*SNOUT_RANGE), ":"), "/"),
             lambda s: tuple(sorted((i + 1, v) for i, v in s.moved.items())),
             lambda s, v: setattr(s, "moved", {i - 1: length for i, length in v}),
             check=lambda v: len({i for i, _ in v}) == len(v), expects="knobs.expect.snouts"),
    )

    DEFAULT_CSS = """
    Loss #intro, Loss #summary { width: 1fr; height: auto; }
    Loss #summary { text-style: bold; }
    Loss #hint { color: $text-muted; height: auto; }
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
        self.moved: dict[int, float] = {}  # animal -> the snout length the student gave it

    # -- engine ------------------------------------------------------------
    @cached_property
    def fitted(self) -> tuple[MLP, np.ndarray, np.ndarray, np.ndarray]:
        """(trained logistic unit, snout lengths of the animals shown, their labels, weights along the charts).

        The snout lengths are rounded to the two decimals on screen, so p can be redone by hand.
        """
        seed = self.settings.seed
        train = dogs_vs_cats(n=200, noise=NOISE, seed=seed + 1)
        shown = dogs_vs_cats(n=SHOWN, noise=NOISE, seed=seed + SHOWN_DRAW)
        net = fit_logistic(train.X[:, [SNOUT]], train.y, seed=seed)
        return net, np.round(shown.X[:, [SNOUT]], 2), shown.y, np.linspace(0.0, 2 * net.params[0][0, 0], SAMPLES)

    @property
    def X(self) -> np.ndarray:
        """The snout lengths the model sees: the animals' own, or the ones the student moved."""
        X = self.fitted[1].copy()
        for animal, value in self.moved.items():
            X[animal, 0] = value
        return X

    @property
    def weight(self) -> float:
        return float(self.fitted[3][self.weight_index])

    @property
    def model(self) -> MLP:
        return with_weight(self.fitted[0], self.weight)

    @property
    def probabilities(self) -> np.ndarray:
        return proba(self.model, self.X)

    @property
    def predicted(self) -> np.ndarray:
        """The model's labels: dog where p reaches the threshold."""
        return predictions(self.probabilities, self.threshold)

    @property
    def wrong(self) -> int:
        return zero_one_loss(self.fitted[2], self.predicted)

    def profile(self) -> LossProfile:
        net, _, y, weights = self.fitted
        return weight_profile(net, self.X, y, weights, self.threshold)

    def minima(self) -> tuple[int, list[tuple[float, float]], float]:
        """(fewest wrong labels, the ranges of w that reach it, the w of lowest cross-entropy)."""
        net, _, y, weights = self.fitted
        least, ranges = fewest_mistakes(net, self.X, y, self.threshold, weights[0], weights[-1])
        return least, ranges, lowest_cross_entropy(net, self.X, y, weights[0], weights[-1])

    # -- view --------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(id="intro")
        yield LabelRow(id="animals")
        yield Static(id="summary")
        yield Static(self.t("hint"), id="hint")
        with Horizontal(id="charts"):
            with self.at_step(1, Vertical(classes="chart")):
                yield Static(self.t("zero_one.title"), classes="chart-title")
                yield LossBars(rows=CHART_ROWS[0], id="zero-one")
                yield Static(id="zero-one-slope")
                yield Static(id="zero-one-lowest")
            with self.at_step(2, Vertical(classes="chart")):
                yield Static(id="cross-entropy-title", classes="chart-title")
                yield LossBars(rows=CHART_ROWS[0], id="cross-entropy")
                yield Static(id="cross-entropy-slope")
                yield Static(id="cross-entropy-lowest")
        yield self.at_step(2, Static(id="moral"))

    def show_step(self, step: int) -> None:
        self.redraw()

    def on_resize(self) -> None:
        """On a projector's 120×40 the charts take half the rows the scene does not need at 80×22."""
        spare = max(0, self.size.height - (self.min_size[1] - 2))  # the scene's rows: the window's less header and footer
        rows = min(CHART_ROWS[0] + spare // 2, CHART_ROWS[1])
        charts = list(self.query(LossBars))
        if any(bars.rows != rows for bars in charts):
            for bars in charts:
                bars.rows = rows
            self.redraw()

    def redraw(self) -> None:
        """Fill every number in from the engine for the current threshold, weight and snout lengths."""
        net, _, y, weights = self.fitted
        X, p, predicted = self.X, self.probabilities, self.predicted
        num = self.num
        self.query_one("#intro", Static).update(self.t("intro", b=num(float(net.params[1][0]), 2)))
        names = (self.t("animal.cat"), self.t("animal.dog"))
        columns = [
            [num(x, 2) + ("*" if index in self.moved else ""), names[truth], num(prob, 2), names[guess],
             self.t("right") if truth == guess else self.t("wrong")]
            for index, (x, truth, prob, guess) in enumerate(zip(X[:, 0], y, p, predicted))
        ]
        rows = [self.t(f"row.{name}") for name in ("snout", "truth", "proba", "predicted", "check")]
        self.query_one(LabelRow).show(rows, columns, self.selected, list(y != predicted))
        self.query_one("#summary", Static).update(self.t(
            "summary", wrong=self.wrong, n=len(y), threshold=num(self.threshold, 2), weight=num(self.weight, 2)))
        self._charts(net, X, y, weights)

    def _charts(self, net: MLP, X: np.ndarray, y: np.ndarray, weights: np.ndarray) -> None:
        """Both losses along w, each with its minimum marked and named, and the moral they share."""
        profile = self.profile()
        least, ranges, w_smooth = self.minima()
        step = weights[1] - weights[0]
        ticks = [(round(w / step), self.numbers.short(w, 1)) for w in whole_ticks(weights[-1], TICKS)]
        chart = dict(ticks=ticks, axis="w")
        on_ranges = [i for i, w in enumerate(weights) if any(a <= w <= c for a, c in ranges)]
        self.query_one("#zero-one", LossBars).show(profile.zero_one, len(y), self.weight_index,
                                                   (str(len(y)), "0"), lowest=on_ranges, **chart)
        top = float(profile.cross_entropy.max())
        self.query_one("#cross-entropy", LossBars).show(
            profile.cross_entropy, top, self.weight_index, (self.num(top, 1), self.num(0, 1)),
            lowest=[int(np.argmin(np.abs(weights - w_smooth)))], **chart)
        self.query_one("#cross-entropy-title", Static).update(self.t(
            "cross_entropy.title", loss=self.num(profile.cross_entropy[self.weight_index], 2)))
        flat, smooth = slopes(self.model, X, y, self.threshold)
        self.query_one("#zero-one-slope", Static).update(self.t("zero_one.slope", slope=self.num(flat, 2)))
        self.query_one("#cross-entropy-slope", Static).update(self.t(
            "cross_entropy.slope", slope=self.num(smooth, 2),
            side=self.t("side.right" if smooth < 0 else "side.left")))
        (start, end), more = ranges[0], len(ranges) > 1
        self.query_one("#zero-one-lowest", Static).update(self.t(
            "zero_one.lowest", wrong=least, start=self.num(start, 1), end=self.num(end, 1),
            more=self.t("zero_one.more") if more else ""))
        self.query_one("#cross-entropy-lowest", Static).update(self.t(
            "cross_entropy.lowest", w=self.num(w_smooth, 1)))
        same = any(a <= w_smooth <= c for a, c in ranges)
        self.query_one("#moral", Static).update(self.t("moral.same" if same else "moral.apart"))

    # -- input -------------------------------------------------------------
    def explore_move(self, dx: int, dy: int) -> None:
        if dx:
            self.selected = (self.selected + dx) % SHOWN
        if dy:
            self.threshold = round(min(max(self.threshold - dy * THRESHOLD_STEP, 0.05), 0.95), 2)
        self.redraw()

    def action_snout(self, direction: int) -> None:
        """Lengthen or shorten the selected animal's snout; back at its own value it is unmarked."""
        own = float(self.fitted[1][self.selected, 0])
        now = self.moved.get(self.selected, own)
        new = round(min(max(now + direction * SNOUT_STEP, SNOUT_RANGE[0]), SNOUT_RANGE[1]), 2)
        if new == own:
            self.moved.pop(self.selected, None)
        else:
            self.moved[self.selected] = new
        self.redraw()

    def action_weight(self, delta: int) -> None:
        self.weight_index = min(max(self.weight_index + delta, 0), SAMPLES - 1)
        self.redraw()

    def action_reset(self) -> None:
        self.threshold, self.weight_index, self.selected = 0.5, START, 0
        self.moved.clear()
        self.redraw()


SCENE = Loss
