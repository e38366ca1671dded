"""Scene 5: the derivative from school, f(x) = 2x² + 4x, and a ball that rolls to its minimum.

Left, the derivation grows line by line like on a board, as in the
lecture's Kurvendiskussion: f', f' = 0 solved by the engine, f'' > 0 checks
that it is a minimum, then f there. Right, the curve with the tangent at an
x the user moves (explore mode: ← → move x, ↑ ↓ change h), a secant through
x and x + h that turns into the tangent as h shrinks, and finally a ball
that rolls downhill by gradient-descent iterations until |f'(x)| is below
the tolerance. Before the tangent appears the student predicts the sign of
f'(x); before the ball rolls, where it will stop. Every number comes from
`engine`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical

from engine.descent import DescentStep, Status, descend
from engine.functions import PARABOLA_MIN, parabola, parabola_curvature, parabola_slope
from engine.tangent import line_through, secant_slope
from tui.glyphs import glyphs
from tui.knobs import Knob, Notch, Number
from tui.predict import Question, QuestionBox
from tui.walk import WalkScene
from tui.widgets.derivation import Derivation
from tui.widgets.descent_steps import DescentSteps
from tui.widgets.live_text import LiveText
from tui.widgets.chart import Axes, Chart, Series

X_RANGE = (-3.5, 1.5)
Y_RANGE = (-3.0, 11.0)
Y_TICKS = (0.0, 4.0, 8.0)  # not at the minimum's −2: the board finds it, the axis must not tell
X_STEP = 0.25
X_START = -0.5  # right of the minimum, where f < 0 but f' > 0: a sign worth predicting
H_VALUES = (2.0, 1.0, 0.5, 0.1, 0.01, 0.001)
H_START = 1
LEARNING_RATE = 0.1
TOLERANCE = 1e-3
MAX_DESCENT_STEPS = 200
ROLL_RATE = 2.5  # descent iterations per second while playing
TANGENT_REACH = 1.5  # the tangent is drawn this far left and right of x: its ends leave the curve
SECANT_REACH = 1.5  # the secant goes on this far beyond x and x + h, where it leaves the curve
DECIMALS = 4  # the descent table: enough to see each iteration change and |f'| pass the tolerance

#: The board's lines and the step that reveals each; the steps of the readout and plot.
BOARD = ("f", "slope", "zero", "minimum", "check", "value")
BOARD_STEPS = (0, 1, 3, 4, 5, 6)
TANGENT, SECANT, ZERO, MINIMUM, CHECK, VALUE, DESCENT = 1, 2, 3, 4, 5, 6, 7
NOTES = {TANGENT: "slope", ZERO: "zero", CHECK: "check"}  # what the step's new line means

#: Markers: (Unicode, ASCII) per part of the chart; shapes differ, so NO_COLOR reads too.
CURVE, TANGENT_MARK, SECANT_MARK = ("braille", "."), ("•", "-"), ("+", "+")
_CURVE_X = np.linspace(*X_RANGE, 200)
CURVE_SERIES = Series(_CURVE_X, parabola(_CURVE_X), *CURVE, "curve")  # one object: the chart rasters it once
POINT, TRAIL, LOWEST = ("●", "O"), ("∘", "o"), ("◆", "X")
SIGNS = ("negative", "zero", "positive")  # choices of the sign question, by np.sign + 1


class Derivative(WalkScene):
    """Derive f(x) = 2x² + 4x on the board, then see slope, secant and descent on the curve."""

    scene_id = "derivative"
    steps = 8
    min_size = (80, 22)
    explorable = True
    walk_rate = ROLL_RATE
    walk_burst = MAX_DESCENT_STEPS

    knobs = (
        Knob("x", Number(*X_RANGE), "x", "set_x"),
        Knob("h", Notch(H_VALUES), "h", lambda s, v: setattr(s, "h_index", H_VALUES.index(v))),
        WalkScene.walk_knob(MAX_DESCENT_STEPS),
    )

    DEFAULT_CSS = """
    Derivative #left { width: 37; margin-right: 1; }
    Derivative #board { margin-bottom: 1; }
    Derivative #readout { height: auto; margin-bottom: 1; }
    Derivative #plot { width: 1fr; height: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.x = X_START
        self.h_index = H_START
        self.restart()

    # -- view --------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="left"):
                yield Derivation(self._board(), self._board_shown(self.step), clock=self.settings.clock,
                                 write_seconds=0.4 if self.settings.animate else 0.0, id="board")
                yield LiveText(id="readout")
                yield QuestionBox()
                yield self.at_step(DESCENT, DescentSteps(id="walk"))
            yield Chart(self._axes(), max_fps=min(self.settings.fps, 10.0), clock=self.settings.clock, id="plot")

    def _board(self) -> list[str]:
        """The derivation, with the engine's numbers: f'' and f'(0) for 4x = −4, the solved x and f(x)."""
        short = self.numbers.short
        x_min, y_min = PARABOLA_MIN
        values = {"a": short(float(parabola_curvature(0.0))), "b": short(-float(parabola_slope(0.0))),
                  "x": short(x_min), "y": short(y_min), "f2": short(float(parabola_curvature(x_min)))}
        return [self.t(f"board.{line}", **values) for line in BOARD]

    @staticmethod
    def _board_shown(step: int) -> int:
        return sum(step >= first for first in BOARD_STEPS)

    def _axes(self) -> Axes:
        xs = np.arange(np.ceil(X_RANGE[0]), X_RANGE[1] + 1e-9)
        short = self.numbers.short
        return Axes(X_RANGE, Y_RANGE, (xs.tolist(), [short(v) for v in xs]),
                    (list(Y_TICKS), [short(v) for v in Y_TICKS]))

    def show_step(self, step: int) -> None:
        self.query_one(Derivation).reveal(self._board_shown(step))
        self.redraw()

    # -- state -> screen ---------------------------------------------------
    @property
    def h(self) -> float:
        return H_VALUES[self.h_index]

    @property
    def walk(self) -> Sequence[DescentStep]:
        """The rolling ball's iterations so far."""
        return self.walks[0].steps

    @property
    def ball(self) -> float:
        """Where the tangent touches: the user's x, or the rolling ball in the descent step."""
        return float(self.walk[-1].points[0, 0]) if self.step >= DESCENT else self.x

    def redraw(self) -> None:
        x = self.ball
        fx, slope = float(parabola(x)), float(parabola_slope(x))
        t, num = self.t, self.num
        lines = [t("readout.point", mark=self._mark(POINT), x=num(x, 3), fx=num(fx, 3))]
        if self.step >= TANGENT:
            lines.append(t("readout.tangent", mark=self._mark(TANGENT_MARK), slope=num(slope, 3)))
        if self.step == SECANT:
            secant = float(secant_slope(parabola, x, self.h))
            lines.append(t("readout.secant", mark=self._mark(SECANT_MARK), h=num(self.h, 3), slope=num(secant, 3)))
            lines.append(t("readout.limit"))
        if self.step in NOTES:
            lines.append(t(f"note.{NOTES[self.step]}", x=self.numbers.short(PARABOLA_MIN[0])))
        if self.step >= VALUE:
            lines.append(t("readout.minimum", mark=self._mark(LOWEST), point=self.numbers.point(*PARABOLA_MIN)))
        if self.step < DESCENT and self.asking is None:  # explore waits while a question is open
            lines.append(t("readout.explore" if self.step == SECANT else "readout.explore_x"))
        readout = self.query_one("#readout", LiveText)
        readout.show("\n".join(lines))
        readout.display = self.step < DESCENT  # the table shows the ball; the walk needs the room
        self.query_one(Chart).show(self._series(x, fx, slope))
        if self.step >= DESCENT:
            self._show_walk()

    @staticmethod
    def _mark(marker: tuple[str, str]) -> str:
        """The marker as the chart draws it, for the legend in the text."""
        return marker[0] if glyphs.unicode else marker[1]

    def _series(self, x: float, fx: float, slope: float) -> list[Series]:
        series = [CURVE_SERIES]
        if self.step >= TANGENT:
            reach = np.array([x - TANGENT_REACH, x + TANGENT_REACH])
            series.append(Series(reach, line_through(x, fx, slope, reach), *TANGENT_MARK, "tangent"))
        if self.step == SECANT:
            ends = np.array([x - SECANT_REACH, x + self.h + SECANT_REACH])
            rise = float(secant_slope(parabola, x, self.h))
            series.append(Series(ends, line_through(x, fx, rise, ends), *SECANT_MARK, "secant"))
            series.append(Series([x + self.h], parabola([x + self.h]), *SECANT_MARK, "secant",
                                 points=True))
        if self.step >= VALUE:
            series.append(Series([PARABOLA_MIN[0]], [PARABOLA_MIN[1]], *LOWEST, "goal", points=True))
        if self.step >= DESCENT and len(self.walk) > 1:
            trail = np.array([s.points[0, 0] for s in list(self.walk)[:-1]])
            series.append(Series(trail, parabola(trail), *TRAIL, "trail", points=True))
        series.append(Series([x], [fx], *POINT, "walker", points=True))
        return series

    def _show_walk(self) -> None:
        num = self.num
        rows = [[str(s.index), num(float(s.points[0, 0]), DECIMALS), num(float(s.values[0]), DECIMALS),
                 num(float(s.gradients[0, 0]), DECIMALS)] for s in self.walk]
        last = self.walk[-1]
        status = self.t(f"walk.{last.status[0].value}", rate=num(LEARNING_RATE, 1),
                        iterations=self.term("iterations", n=last.index), tolerance=num(TOLERANCE, 3),
                        slope=num(abs(float(last.gradients[0, 0])), DECIMALS))
        self.query_one(DescentSteps).show(
            self.t("walk.heading", rate=num(LEARNING_RATE, 1)),
            [self.term("iteration"), "x", "f(x)", "f'(x)"], rows, status)

    # -- predict, then see -------------------------------------------------
    def question(self, step: int) -> Question | None:
        if step == TANGENT:
            return self._ask_sign()
        if step == DESCENT:
            return self._ask_stop()
        return None

    def _ask_sign(self) -> Question:
        """Does f rise or fall at the user's x? The engine's f'(x) says."""
        x, slope = self.numbers.short(self.x), float(parabola_slope(self.x))
        sign = SIGNS[int(np.sign(slope)) + 1]
        return Question(
            prompt=self.t("ask.sign.prompt", x=x),
            choices=tuple(self.t(f"ask.sign.{name}") for name in SIGNS),
            answer=SIGNS.index(sign),
            reason=self.t(f"ask.sign.because_{sign}", x=x, slope=self.num(slope)),
            about=("sign", self.x),
        )

    def _ask_stop(self) -> Question:
        """Where will the descent from x stop? The engine walks it to the end to know."""
        *_, last = self.descents()[0]
        x_end, slope_end = float(last.points[0, 0]), abs(float(last.gradients[0, 0]))
        x_min = PARABOLA_MIN[0]
        if last.status[0] is not Status.CONVERGED:
            answer = "never"
        else:
            answer = "exact" if x_end == x_min else "near"
        num, tolerance = self.num, self.num(TOLERANCE, 3)
        factor = 1 - LEARNING_RATE * float(parabola_curvature(x_end))
        values = {"x": self.numbers.short(self.x), "x_min": self.numbers.short(x_min), "tolerance": tolerance,
                  "rate": num(LEARNING_RATE, 1), "iterations": self.term("iterations", n=last.index),
                  "slope": num(slope_end, DECIMALS), "factor": self.numbers.short(factor)}
        choices = ("exact", "near", "never")
        return Question(
            prompt=self.t("ask.stop.prompt", **values),
            choices=tuple(self.t(f"ask.stop.{name}", **values) for name in choices),
            answer=choices.index(answer),
            reason=self.t(f"ask.stop.because_{answer}", **values),
            about=("stop", self.x),
        )

    # -- the rolling ball --------------------------------------------------
    def walk_ready(self) -> bool:
        return self.step >= DESCENT

    def set_x(self, x: float) -> None:
        self.x = x
        self.restart()

    def descents(self) -> list[Iterator[DescentStep]]:
        return [descend(parabola_slope, self.x, LEARNING_RATE, value=parabola, tolerance=TOLERANCE,
                        max_steps=MAX_DESCENT_STEPS)]

    # -- explore: move x, change h -----------------------------------------
    def explore_move(self, dx: int, dy: int) -> None:
        self.x = float(np.clip(self.x + dx * X_STEP, *X_RANGE))
        self.h_index = int(np.clip(self.h_index + dy, 0, len(H_VALUES) - 1))
        self.recheck_question()  # first: a verdict on the old state goes, and the readout gets its room back
        self.restart_walk()


SCENE = Derivative
