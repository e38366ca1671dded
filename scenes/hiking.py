"""Scene 7: the valley walk. Hikers who only feel the slope under their feet walk downhill.

Eight hikers start at seeded random points of the engine's terrain and take
gradient-descent steps together (`engine.descent.descend` with all of them at
once). The learning rate is the step length; + and - change it and restart
the walk from the same starts. Each hiker ends in a valley (the global
minimum or a local one), keeps zig-zagging, or walks off the map; the tally
says which, from the engine's status of each walker.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from rich.style import Style
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Static

from engine.descent import DescentStep, Status, descend
from engine.functions import default_terrain
from tui.scene import Scene
from tui.widgets.contour import MARKER_STYLE, Arrow, ContourLegend, ContourMap, Marker, Trail
from tui.widgets.step_player import StepPlayer

HIKERS = 8
MAX_HIKERS = 10
LEARNING_RATES = (0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0, 1.6, 2.5, 4.0)
START_RATE = 2  # index into LEARNING_RATES: 0.2 arrives in about 35 steps
TOLERANCE = 1e-3  # a hiker has arrived when the slope under it is this flat
MAX_STEPS = 150
STEPS_PER_SECOND = 6.0
START_MARGIN = 0.9  # random starts keep away from the map's edge

MINIMUM_STYLE = Style(color="#000000", bgcolor="#ffffff", bold=True)
STOPPED_STYLE = Style(color="#ffffff", bgcolor="#5a5a5a", bold=True, strike=True)
CURSOR_STYLE = Style(color="#000000", bgcolor="#ffd75f", bold=True)
STOPPED_BADLY = (Status.LEFT_DOMAIN, Status.DIVERGED)


class Hiking(Scene):
    """A contour map with hikers walking downhill, a learning rate and a tally of valleys."""

    scene_id = "hiking"
    steps = 3
    min_size = (80, 24)
    explorable = True

    BINDINGS = [
        Binding("space", "toggle_play", "app.keys.play"),
        Binding("s", "step", "app.keys.step"),
        Binding("r", "new_starts", "app.keys.reset"),
        Binding("plus", "rate(1)", "app.keys.faster", key_display="+/-"),
        Binding("minus", "rate(-1)", "app.keys.slower", show=False),
        Binding("a", "toggle_arrows", "hiking.keys.arrows"),
    ]

    DEFAULT_CSS = """
    Hiking #narration { height: 3; }
    Hiking #key-line, Hiking #status { height: 1; }
    Hiking #tally { height: 2; }
    Hiking #minima-key { width: 1fr; margin-left: 2; color: $text-muted; }
    Hiking #status { text-style: bold; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.terrain = default_terrain()
        self.minima = sorted(self.terrain.minima, key=lambda m: m.height)
        self.rng = np.random.default_rng(self.settings.seed)
        self.starts = self._random_starts()
        self.rate_index = START_RATE
        self.arrows = False
        self.cursor: tuple[float, float] | None = None
        self.player = StepPlayer(self, self._advance, rate=STEPS_PER_SECOND, burst=MAX_STEPS)
        self._restart()

    # -- the walk ------------------------------------------------------------
    @property
    def learning_rate(self) -> float:
        return LEARNING_RATES[self.rate_index]

    def _random_starts(self) -> np.ndarray:
        xmin, xmax, ymin, ymax = self.terrain.bounds
        low = np.array([xmin, ymin]) * START_MARGIN
        high = np.array([xmax, ymax]) * START_MARGIN
        return self.rng.uniform(low, high, size=(HIKERS, 2))

    def _restart(self) -> None:
        """Put every hiker back on its start and begin a fresh descent at the current rate."""
        self._walk: Iterator[DescentStep] = descend(
            self.terrain.gradient, self.starts, self.learning_rate, value=self.terrain.height,
            tolerance=TOLERANCE, max_steps=MAX_STEPS, bounds=self.terrain.bounds)
        self.now = next(self._walk)
        self.path = [self.now.points]

    def _advance(self) -> bool:
        """One step for every hiker still walking; False once all have stopped."""
        step = next(self._walk, None)
        if step is None:
            return False
        self.now = step
        self.path.append(step.points)
        self._draw()
        return not step.finished

    # -- keys ----------------------------------------------------------------
    def action_toggle_play(self) -> None:
        if self.now.finished:
            self._restart()
        self.player.toggle()
        self._draw()

    def action_step(self) -> None:
        self.player.pause()
        self._advance()

    def action_new_starts(self) -> None:
        self.starts = self._random_starts()
        self._reset_walk()

    def action_rate(self, delta: int) -> None:
        self.rate_index = min(max(self.rate_index + delta, 0), len(LEARNING_RATES) - 1)
        self._reset_walk()

    def action_toggle_arrows(self) -> None:
        self.arrows = not self.arrows
        self._draw()

    def _reset_walk(self) -> None:
        self.player.pause()
        self._restart()
        self._draw()

    def entered(self) -> None:
        self.player.resume()

    # -- explore mode: place a start ------------------------------------------
    def explore_changed(self, exploring: bool) -> None:
        if exploring:
            self.player.pause()
            self.cursor = self.cursor or (0.0, 0.0)
        elif self.cursor is not None:
            self.starts = np.vstack([self.starts, [self.cursor]])[-MAX_HIKERS:]
            self.cursor = None
            self._restart()
        self._draw()

    def explore_move(self, dx: int, dy: int) -> None:
        contour = self.query_one(ContourMap)
        cell = contour.cell_of(*self.cursor) if self.cursor else None
        if cell is None:
            return
        width, height = contour.size
        col, row = min(max(cell[0] + dx, 0), width - 1), min(max(cell[1] + dy, 0), height - 1)
        self.cursor = contour.point_at(col, row)
        self._draw()

    # -- view ----------------------------------------------------------------
    def compose(self) -> ComposeResult:
        contour = ContourMap(self.terrain.height, self.terrain.bounds, levels=10)
        yield Static(id="narration")
        yield contour
        with Horizontal(id="key-line"):
            yield ContourLegend(contour, self.t("low"), self.t("high"), lambda v: self.num(v, 1))
            yield self.at_step(2, Static(self.t("minima"), id="minima-key"))
        yield Static(id="status")
        yield self.at_step(2, Static(id="tally"))

    def show_step(self, step: int) -> None:
        self.query_one("#narration", Static).update(self.t(("narration.map", "narration.walk",
                                                             "narration.valleys")[step]))
        self._draw()

    def _draw(self) -> None:
        if not self.children:  # not composed yet
            return
        self._draw_map()
        self.query_one("#status", Static).update(self._status_text())
        self.query_one("#tally", Static).update(self._tally_text())

    def _draw_map(self) -> None:
        now = self.now
        path = np.stack(self.path)  # (steps, hikers, 2)
        trails = [Trail(path[:-1, i]) for i in range(path.shape[1])]
        markers = []
        if self.step >= 2:
            markers += [Marker(m.x, m.y, str(i + 1), MINIMUM_STYLE) for i, m in enumerate(self.minima)]
        for i, (x, y) in enumerate(now.points):
            style = STOPPED_STYLE if now.status[i] in STOPPED_BADLY else MARKER_STYLE
            markers.append(Marker(x, y, self.hiker_name(i), style))
        arrows = []
        if self.arrows:
            arrows = [Arrow(x, y, -gx, -gy) for (x, y), (gx, gy), running
                      in zip(now.points, now.gradients, now.running) if running]
        if self.cursor is not None:
            markers.append(Marker(*self.cursor, "+", CURSOR_STYLE))
        self.query_one(ContourMap).show(markers=markers, trails=trails, arrows=arrows)

    @staticmethod
    def hiker_name(index: int) -> str:
        return chr(ord("A") + index)

    def _status_text(self) -> str:
        rate = self.t("rate", rate=self.num(self.learning_rate, 2))
        if self.cursor is not None:
            return f"{rate} · " + self.t("cursor", x=self.num(self.cursor[0], 1), y=self.num(self.cursor[1], 1))
        arrived = int(np.sum(self.now.status == Status.CONVERGED))
        return f"{rate} · " + self.t("progress", step=self.now.index, running=int(self.now.running.sum()),
                                      arrived=arrived)

    def _tally_text(self) -> str:
        """Which valley each hiker reached, from the engine's status and nearest minimum."""
        if not self.now.finished:
            return self.t("tally.waiting")
        status, points = self.now.status, self.now.points
        order = [self.terrain.minima.index(m) for m in self.minima]
        nearest = self.terrain.nearest_minimum(points)
        parts = []
        for label, index in enumerate(order, start=1):
            names = self._names((status == Status.CONVERGED) & (nearest == index))
            if names:
                key = "tally.valley_global" if self.minima[label - 1].is_global else "tally.valley_local"
                parts.append(self.t(key, label=label, hikers=names))
        for outcome, key in ((Status.MAX_STEPS, "tally.underway"), (Status.LEFT_DOMAIN, "tally.off_map"),
                             (Status.DIVERGED, "tally.diverged")):
            names = self._names(status == outcome)
            if names:
                parts.append(self.t(key, hikers=names, steps=self.now.index))
        return " · ".join(parts)

    def _names(self, mask: np.ndarray) -> str:
        return " ".join(self.hiker_name(i) for i in np.flatnonzero(mask))


SCENE = Hiking
