"""Scene 8: one start, four learning rates: too small, good, too large, far too large.

Gradient descent on f(x) = 2x² + 4x from the same x, with four learning
rates walking in lockstep. With f'' = 4 the distance to the minimum shrinks
by the factor 1 - 4η per step: a little (slow), a lot (fast), with a sign
flip (zig-zag), or it grows (divergence). Each panel shows the walk on the
curve, the loss of every step, and the engine's verdict.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from engine.descent import DescentStep, descend
from engine.functions import PARABOLA_MIN, parabola, parabola_slope
from tui.walk import WalkScene
from tui.widgets.descent_steps import DescentSteps
from tui.widgets.chart import Axes, Chart, Series

X_START = 1.0
#: (learning rate, verdict key): factors 1 - 4η of 0.92, 0.2, -0.8 and -2.
RATES = ((0.02, "too_small"), (0.2, "good"), (0.45, "too_large"), (0.75, "far_too_large"))
TOLERANCE = 1e-3
MAX_STEPS = 60
STEPS_PER_SECOND = 4.0
X_RANGE = (-4.0, 2.0)
Y_RANGE = (-3.0, 17.0)
LARGE = 1e5  # losses from here on are written as powers of ten

CURVE = ("·", ".")
_CURVE_X = np.linspace(*X_RANGE, 61)
CURVE_SERIES = Series(_CURVE_X, parabola(_CURVE_X), *CURVE, "curve")  # one object: the chart rasters it once
PATH = ("•", "*")
NOW = ("●", "o")


class LearningRate(WalkScene):
    """Four descents on the parabola, one per learning rate, side by side."""

    scene_id = "learning-rate"
    steps = 2
    min_size = (80, 22)
    walk_rate = STEPS_PER_SECOND
    walk_burst = MAX_STEPS

    knobs = (WalkScene.walk_knob(MAX_STEPS),)

    DEFAULT_CSS = """
    LearningRate #intro { height: 2; margin-bottom: 1; }
    LearningRate .panel { width: 1fr; margin-right: 1; }
    LearningRate .panel-title { height: 2; text-style: bold; }
    LearningRate Chart { height: 3fr; min-height: 8; }
    LearningRate DescentSteps { height: 2fr; min-height: 5; }
    LearningRate #moral { height: 3; margin-top: 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.restart()

    # -- the four walks ------------------------------------------------------
    def descents(self) -> list[Iterator[DescentStep]]:
        return [descend(parabola_slope, X_START, rate, value=parabola, tolerance=TOLERANCE, max_steps=MAX_STEPS)
                for rate, _ in RATES]

    # -- view ----------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(self.t("intro", x=self.num(X_START, 0)), id="intro")
        with Horizontal():
            for index in range(len(RATES)):
                with Vertical(classes="panel"):
                    yield Static(self.t("panel", rate=self.num(RATES[index][0], 2),
                                        verdict=self.t(f"verdict.{RATES[index][1]}")),
                                 id=f"title-{index}", classes="panel-title")
                    yield Chart(self._axes(), max_fps=min(self.settings.fps, 10.0),
                                       clock=self.settings.clock, id=f"plot-{index}")
                    yield DescentSteps(id=f"steps-{index}")
        yield self.at_step(1, Static(self.t("moral", x=self.num(PARABOLA_MIN[0], 0)), id="moral"))

    def _axes(self) -> Axes:
        xs = np.arange(X_RANGE[0], X_RANGE[1] + 1e-9, 2.0)
        ys = np.arange(0.0, Y_RANGE[1], 8.0)
        return Axes(X_RANGE, Y_RANGE, (xs.tolist(), [self.num(v, 0) for v in xs]),
                    (ys.tolist(), [self.num(v, 0) for v in ys]))

    def show_step(self, step: int) -> None:
        self.redraw()

    def redraw(self) -> None:
        if not self.children:  # not composed yet
            return
        for index, history in enumerate(walk.steps for walk in self.walks):
            xs = np.array([step.points[0, 0] for step in history])
            losses = [float(step.values[0]) for step in history]
            self.query_one(f"#plot-{index}", Chart).show([
                CURVE_SERIES,
                Series(xs, parabola(xs), *PATH, "walker"),
                Series(xs[-1:], parabola(xs[-1:]), *NOW, "walker", points=True),
            ])
            last = history[-1]
            status = self.t(f"status.{last.status[0].value}", steps=last.index)
            rows = [[str(step.index), self._loss(loss)] for step, loss in zip(history, losses)]
            self.query_one(f"#steps-{index}", DescentSteps).show(
                "", [self.t("step"), self.t("loss")], rows, status)

    def _loss(self, value: float) -> str:
        """The loss of a step; huge ones as a power of ten so they fit the column."""
        if abs(value) < LARGE:
            return self.num(value, 3)
        return self.numbers.sci(value, 1)


SCENE = LearningRate
