"""Scene 6: the gradient of f(x, y) = 3x² − 2y, and a descent that would never end.

Left, the partial derivatives and the gradient appear line by line, with
their values at a cursor the user moves over the map (explore mode), and
what ∂ and ∇ mean. Right, the map: first the values of f, then arrows of
−∇f in their true direction and size. Before the arrows, the student
predicts which direction f falls fastest at the cursor; before the walk,
where gradient descent from the cursor will stop. x settles at 0, but
∂f/∂y = −2 never vanishes, so the walk goes on up in y and f falls without
end: this f has no minimum. The walk is stopped where it would leave the map.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence

import numpy as np
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical

from engine.descent import DescentStep, Status, descend
from engine.functions import plane, plane_gradient
from tui.knobs import Knob, Listing, Number
from tui.predict import Question, QuestionBox
from tui.walk import WalkScene
from tui.widgets.arrow_field import ArrowField
from tui.widgets.derivation import Derivation
from tui.widgets.descent_steps import DescentSteps
from tui.widgets.live_text import LiveText

NODES = np.linspace(-2.0, 2.0, 9)  # grid of the map, the same in x and y
BOUNDS = (NODES[0], NODES[-1], NODES[0], NODES[-1])  # the walk stops where it would leave the map
CURSOR_START = (6, 2)  # node indices: (x, y) = (1, -1)
LEARNING_RATE = 0.1
WALK_RATE = 2.5  # descent iterations per second while playing
WALK_BURST = 10  # iterations per press of space without animation
KEPT_STEPS = 40  # table rows and trail marks kept
ENDLESS_CHECK = 200  # iterations the engine walks, off the map too, to see whether the descent stops
MAX_WALK = 1000  # steps a command line may replay; the walk leaves the map long before

BOARD = ("f", "dx", "dy", "gradient")
DX, DY, GRADIENT, ARROWS, DESCENT = 1, 2, 3, 4, 5
NOTES = {DX: "partial", GRADIENT: "nabla", ARROWS: "arrows"}  # what the step's new symbol means


class Gradient(WalkScene):
    """Partial derivatives, the gradient as a vector, arrows of steepest descent, a walk without end."""

    scene_id = "gradient"
    steps = 6
    min_size = (80, 22)
    explorable = True
    walk_rate = WALK_RATE
    walk_burst = WALK_BURST
    walk_keep = KEPT_STEPS

    knobs = (
        Knob("point", Listing(Number(float(NODES[0]), float(NODES[-1])), ",", 2), "point", "set_point",
             check=lambda p: all(v in NODES for v in p), expects="knobs.expect.grid_point"),
        WalkScene.walk_knob(MAX_WALK),
    )

    DEFAULT_CSS = """
    Gradient #left { width: 37; margin-right: 1; }
    Gradient #board { margin-bottom: 1; }
    Gradient #readout { height: auto; margin-bottom: 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.cursor = CURSOR_START
        self.restart()

    # -- view --------------------------------------------------------------
    def compose(self) -> ComposeResult:
        downhill = -plane_gradient(NODES[None, :], NODES[:, None])
        heights = plane(NODES[None, :], NODES[:, None])
        values = [[self.numbers.short(float(v)) for v in row] for row in heights]
        with Horizontal():
            with Vertical(id="left"):
                yield Derivation([self.t(f"board.{line}") for line in BOARD], min(self.step + 1, len(BOARD)),
                                 clock=self.settings.clock,
                                 write_seconds=0.4 if self.settings.animate else 0.0, id="board")
                yield LiveText(id="readout")
                yield QuestionBox()
                yield self.at_step(DESCENT, DescentSteps(id="walk"))
            yield ArrowField(NODES, NODES, downhill, values=values, label=self.numbers.short, id="map")

    def show_step(self, step: int) -> None:
        self.query_one(Derivation).reveal(min(step + 1, len(BOARD)))
        self.query_one(ArrowField).show_arrows(step >= ARROWS)
        self.redraw()

    # -- state -> screen ---------------------------------------------------
    @property
    def point(self) -> tuple[float, float]:
        """The cursor's (x, y)."""
        i, j = self.cursor
        return float(NODES[i]), float(NODES[j])

    @property
    def recent(self) -> Sequence[DescentStep]:
        """The newest iterations of the walk."""
        return self.walks[0].steps

    def redraw(self) -> None:
        x, y = self.point
        gx, gy = (float(g) for g in plane_gradient(x, y))
        t, num, vector = self.t, self.num, self.numbers.vector
        readout = {
            0: t("readout.f", point=self.numbers.point(x, y), f=num(float(plane(x, y)))),
            DX: t("readout.dx", x=num(x), dx=num(gx)),
            DY: t("readout.dy", dy=num(gy)),
            GRADIENT: t("readout.gradient", gradient=vector((gx, gy))),
            ARROWS: t("readout.downhill", downhill=vector((-gx, -gy)), size=num(math.hypot(gx, gy))),
        }
        walking = self.step >= DESCENT
        if walking:  # the board says the rest; the walk needs the room
            lines = [readout[0], readout[ARROWS]]
        else:
            lines = [text for first, text in readout.items() if self.step >= first]
            if not self.question_shown:  # the question or verdict needs the room (and explore waits)
                lines += [t(f"note.{NOTES[self.step]}")] if self.step in NOTES else []
                lines.append(t("readout.explore"))
        self.query_one("#readout", LiveText).show("\n".join(lines))
        last = self.recent[-1]
        trail = [(float(s.points[0, 0]), float(s.points[0, 1])) for s in self.recent]
        self.query_one(ArrowField).show_walk(
            self.cursor, trail if walking else [],
            (float(last.points[0, 0]), float(last.points[0, 1])) if walking else None,
            candidates=self._candidates() if self.asking is not None and self.step == ARROWS - 1 else ())
        if walking:
            self._show_walk()

    def _show_walk(self) -> None:
        """The iterations that moved; the engine's last step at the edge only stays put, so it gets no row."""
        num = self.num
        moved = [s for s in self.recent if s.status[0] is not Status.LEFT_DOMAIN]
        rows = [[str(s.index), num(float(s.points[0, 0]), 3), num(float(s.points[0, 1]), 3),
                 num(float(s.values[0]), 3)] for s in moved]
        last = moved[-1]
        status = self.t(f"walk.{self.recent[-1].status[0].value}", iterations=self.term("iterations", n=last.index),
                        rise=num(-LEARNING_RATE * float(last.gradients[0, 1])))
        self.query_one(DescentSteps).show(self.t("walk.heading", rate=num(LEARNING_RATE, 1)),
                                          [self.term("iteration"), "x", "y", "f(x, y)"], rows, status)

    # -- predict, then see -------------------------------------------------
    def question(self, step: int) -> Question | None:
        if step == ARROWS:
            return self._ask_direction()
        if step == DESCENT:
            return self._ask_stop()
        return None

    def _candidates(self) -> list[tuple[float, float]]:
        """Directions to choose from at the cursor: ±∇f and −∇f's x and y parts alone, by angle."""
        gx, gy = (float(g) for g in plane_gradient(*self.point))
        found: dict[float, tuple[float, float]] = {}
        for vx, vy in ((gx, gy), (-gx, -gy), (-gx, 0.0), (0.0, -gy)):
            if vx or vy:
                found.setdefault(round(math.atan2(vy, vx) % (2 * math.pi), 9), (vx, vy))
        return [found[angle] for angle in sorted(found)]

    def _ask_direction(self) -> Question:
        """Which way does f fall fastest at the cursor? −∇f, by the engine's gradient."""
        gx, gy = (float(g) for g in plane_gradient(*self.point))
        candidates, vector = self._candidates(), self.numbers.vector
        return Question(
            prompt=self.t("ask.direction.prompt", point=self.numbers.point(*self.point)),
            choices=tuple(vector(v) for v in candidates),
            answer=candidates.index((-gx, -gy)),
            reason=self.t("ask.direction.because", gradient=vector((gx, gy)), downhill=vector((-gx, -gy)),
                          size=self.num(math.hypot(gx, gy))),
            about=("direction", self.cursor),
        )

    def _ask_stop(self) -> Question:
        """Where does gradient descent from the cursor stop? The engine walks on, off the map, to see."""
        *_, last = descend(plane_gradient, self.point, LEARNING_RATE, value=plane, max_steps=ENDLESS_CHECK)
        x_end, y_end = (float(v) for v in last.points[0])
        lowest = np.unravel_index(np.argmin(plane(NODES[None, :], NODES[:, None])), (len(NODES),) * 2)
        if last.status[0] is not Status.CONVERGED:
            answer = "never"
        else:
            answer = "flat_x" if math.isclose(x_end, 0.0, abs_tol=1e-3) else "lowest"
        values = {"point": self.numbers.point(*self.point), "iterations": self.term("iterations", n=last.index),
                  "lowest": self.numbers.point(float(NODES[lowest[1]]), float(NODES[lowest[0]])),
                  "end": self.numbers.point(x_end, y_end), "dy": self.num(float(last.gradients[0, 1])),
                  "y": self.num(y_end)}
        choices = ("flat_x", "lowest", "never")
        return Question(
            prompt=self.t("ask.stop.prompt", **values),
            choices=tuple(self.t(f"ask.stop.{name}", **values) for name in choices),
            answer=choices.index(answer),
            reason=self.t("ask.stop.because_never" if answer == "never" else "ask.stop.because_stops", **values),
            about=("stop", self.cursor),
        )

    # -- the walk ----------------------------------------------------------
    def walk_ready(self) -> bool:
        return self.step >= DESCENT

    def set_point(self, point: tuple[float, float]) -> None:
        self.cursor = tuple(int(np.flatnonzero(NODES == v)[0]) for v in point)
        self.restart()

    def descents(self) -> list[Iterator[DescentStep]]:
        return [descend(plane_gradient, self.point, LEARNING_RATE, value=plane, bounds=BOUNDS,
                        max_steps=np.iinfo(np.int64).max)]

    # -- explore: move the cursor ------------------------------------------
    def explore_move(self, dx: int, dy: int) -> None:
        i, j = self.cursor
        last = len(NODES) - 1
        self.cursor = (min(max(i + dx, 0), last), min(max(j - dy, 0), last))
        self.recheck_question()  # first: a verdict on the old state goes, and the readout gets its room back
        self.restart_walk()


SCENE = Gradient
