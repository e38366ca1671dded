"""Scene 6: the gradient of f(x, y) = 3x² − 2y, and a descent that never ends.

Left, the partial derivatives and the gradient appear line by line, with
their values at a cursor the user moves over the map (explore mode). Right,
arrows of steepest descent −∇f on a grid. Last, gradient descent from the
cursor: x settles at 0, but ∂f/∂y = −2 never vanishes, so the walk goes on
up in y forever and f falls without end. This f has no minimum.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from engine.descent import DescentStep, descend
from engine.functions import plane, plane_gradient
from tui.walk import WalkScene
from tui.widgets.arrow_field import ArrowField
from tui.widgets.derivation import Derivation
from tui.widgets.descent_steps import DescentSteps
from tui.widgets.live_text import LiveText

NODES = np.linspace(-2.0, 2.0, 9)  # grid of the map, the same in x and y
CURSOR_START = (6, 2)  # node indices: (x, y) = (1, -1)
LEARNING_RATE = 0.1
WALK_RATE = 2.5  # descent steps per second while playing
WALK_BURST = 10  # steps per press of space without animation
KEPT_STEPS = 40  # table rows and trail marks kept; the walk itself is endless

BOARD = ("f", "dx", "dy", "gradient")
ARROWS, DESCENT = 4, 5


class Gradient(WalkScene):
    """Partial derivatives, the gradient as a vector, arrows of steepest descent, an endless walk."""

    scene_id = "gradient"
    steps = 6
    min_size = (80, 24)
    explorable = True
    walk_rate = WALK_RATE
    walk_burst = WALK_BURST
    walk_keep = KEPT_STEPS

    DEFAULT_CSS = """
    Gradient #left { width: 37; margin-right: 1; }
    Gradient #board { margin-bottom: 1; }
    Gradient #readout { height: auto; margin-bottom: 1; }
    Gradient #verdict { height: auto; text-style: bold; margin-bottom: 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.cursor = CURSOR_START
        self.restart()

    # -- view --------------------------------------------------------------
    def compose(self) -> ComposeResult:
        downhill = -plane_gradient(NODES[None, :], NODES[:, None])
        with Horizontal():
            with Vertical(id="left"):
                yield Derivation([self.t(f"board.{line}") for line in BOARD], min(self.step + 1, len(BOARD)),
                                 clock=self.settings.clock,
                                 write_seconds=0.4 if self.settings.animate else 0.0, id="board")
                yield LiveText(id="readout")
                yield self.at_step(DESCENT, Static(self.t("no_minimum"), id="verdict"))
                yield self.at_step(DESCENT, DescentSteps(id="walk"))
            yield ArrowField(NODES, NODES, downhill, label=lambda v: self.num(v, 0), id="map")

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

    def redraw(self) -> None:
        x, y = self.point
        gx, gy = (float(g) for g in plane_gradient(x, y))
        t, num = self.t, self.num
        readout = {
            0: t("readout.f", point=self.numbers.point(x, y), f=num(float(plane(x, y)))),
            1: t("readout.dx", x=num(x), dx=num(gx)),
            2: t("readout.dy", dy=num(gy)),
            3: t("readout.gradient", gradient=self.numbers.vector((gx, gy))),
            ARROWS: t("readout.downhill", downhill=self.numbers.vector((-gx, -gy))),
        }
        if self.step < DESCENT:
            lines = [text for first, text in readout.items() if self.step >= first] + [t("readout.explore")]
        else:  # the board says the rest; the walk needs the room
            lines = [readout[0], readout[ARROWS]]
        self.query_one("#readout", LiveText).show("\n".join(lines))
        walking = self.step >= DESCENT
        last = self.recent[-1]
        self.query_one(ArrowField).show_walk(
            self.cursor, self.trail if walking else [],
            (float(last.points[0, 0]), float(last.points[0, 1])) if walking else None)
        if walking:
            self._show_walk()

    def _show_walk(self) -> None:
        num = self.num
        rows = [[str(s.index), num(float(s.points[0, 0]), 3), num(float(s.points[0, 1]), 3),
                 num(float(s.values[0]), 3)] for s in self.recent]
        last = self.recent[-1]
        status = self.t(f"walk.{last.status[0].value}", steps=last.index, y=num(float(last.points[0, 1])),
                        rise=num(-LEARNING_RATE * float(last.gradients[0, 1])))
        self.query_one(DescentSteps).show(self.t("walk.heading", rate=num(LEARNING_RATE, 1)),
                                          [self.t("walk.k"), "x", "y", "f(x, y)"], rows, status)

    # -- the endless walk --------------------------------------------------
    def walk_ready(self) -> bool:
        return self.step >= DESCENT

    def descents(self) -> list[Iterator[DescentStep]]:
        return [descend(plane_gradient, self.point, LEARNING_RATE, value=plane, max_steps=np.iinfo(np.int64).max)]

    @property
    def recent(self) -> Sequence[DescentStep]:
        """The newest steps of the endless walk."""
        return self.walks[0].steps

    @property
    def trail(self) -> list[tuple[float, float]]:
        """Where the recent steps stood on the map (above it, the walker is a mark on the top edge)."""
        return [(float(s.points[0, 0]), float(s.points[0, 1])) for s in self.recent if s.points[0, 1] <= NODES[-1]]

    # -- explore: move the cursor ------------------------------------------
    def explore_move(self, dx: int, dy: int) -> None:
        i, j = self.cursor
        last = len(NODES) - 1
        self.cursor = (min(max(i + dx, 0), last), min(max(j - dy, 0), last))
        self.restart_walk()


SCENE = Gradient
