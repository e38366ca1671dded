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
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Static

from engine.descent import DescentStep, Status, descend
from engine.functions import default_terrain
from tui.walk import RATE_KEYS, WalkScene
from tui.widgets.contour import Arrow, ContourLegend, ContourMap, Marker, Trail
from tui.widgets.live_text import LiveText

HIKERS = 8
MAX_HIKERS = 10
LEARNING_RATES = (0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0, 1.6, 2.5, 4.0)
START_RATE = 2  # index into LEARNING_RATES: 0.2 arrives in about 35 steps
TOLERANCE = 1e-3  # a hiker has arrived when the slope under it is this flat
MAX_STEPS = 150
STEPS_PER_SECOND = 6.0
START_MARGIN = 0.9  # random starts keep away from the map's edge

STOPPED_BADLY = (Status.LEFT_DOMAIN, Status.DIVERGED)


class Hiking(WalkScene):
    """A contour map with hikers walking downhill, a learning rate and a tally of valleys."""

    scene_id = "hiking"
    steps = 3
    min_size = (80, 22)
    explorable = True
    walk_rate = STEPS_PER_SECOND
    walk_burst = MAX_STEPS

    learning_rates = LEARNING_RATES

    BINDINGS = [
        *RATE_KEYS,
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
        self.learning_rate = LEARNING_RATES[START_RATE]
        self.arrows = False
        self.cursor: tuple[float, float] | None = None
        self.restart()

    # -- the walk ------------------------------------------------------------
    def _random_starts(self) -> np.ndarray:
        xmin, xmax, ymin, ymax = self.terrain.bounds
        low = np.array([xmin, ymin]) * START_MARGIN
        high = np.array([xmax, ymax]) * START_MARGIN
        return self.rng.uniform(low, high, size=(HIKERS, 2))

    def descents(self) -> list[Iterator[DescentStep]]:
        """Every hiker from its start, together, at the current rate."""
        return [descend(self.terrain.gradient, self.starts, self.learning_rate, value=self.terrain.height,
                        tolerance=TOLERANCE, max_steps=MAX_STEPS, bounds=self.terrain.bounds)]

    @property
    def now(self) -> DescentStep:
        return self.walks[0].now

    # -- keys ----------------------------------------------------------------
    def action_reset(self) -> None:
        """r: new random starts, and the walk from there."""
        self.starts = self._random_starts()
        self.restart_walk()

    def learning_rate_changed(self) -> None:
        self.restart_walk()

    def action_toggle_arrows(self) -> None:
        self.arrows = not self.arrows
        self.redraw()

    # -- explore mode: place a start ------------------------------------------
    def explore_changed(self, exploring: bool) -> None:
        if exploring:
            self.pacer.pause()
            self.cursor = self.cursor or (0.0, 0.0)
        elif self.cursor is not None:
            self.starts = np.vstack([self.starts, [self.cursor]])[-MAX_HIKERS:]
            self.cursor = None
            self.restart()
        self.redraw()

    def explore_move(self, dx: int, dy: int) -> None:
        contour = self.query_one(ContourMap)
        cell = contour.cell_of(*self.cursor) if self.cursor else None
        if cell is None:
            return
        width, height = contour.size
        col, row = min(max(cell[0] + dx, 0), width - 1), min(max(cell[1] + dy, 0), height - 1)
        self.cursor = contour.point_at(col, row)
        self.redraw()

    # -- view ----------------------------------------------------------------
    def compose(self) -> ComposeResult:
        contour = ContourMap(self.terrain.height, self.terrain.bounds, levels=10)
        yield Static(id="narration")
        yield contour
        with Horizontal(id="key-line"):
            yield ContourLegend(contour, self.t("low"), self.t("high"), lambda v: self.num(v, 1))
            yield self.at_step(2, Static(self.t("minima"), id="minima-key"))
        yield LiveText(id="status")
        yield self.at_step(2, LiveText(id="tally"))

    def show_step(self, step: int) -> None:
        self.query_one("#narration", Static).update(self.t(("narration.map", "narration.walk",
                                                             "narration.valleys")[step]))
        self.redraw()

    def redraw(self) -> None:
        if not self.children:  # not composed yet
            return
        self._draw_map()
        self.query_one("#status", LiveText).show(self._status_text())
        self.query_one("#tally", LiveText).show(self._tally_text())

    def _draw_map(self) -> None:
        now = self.now
        path = np.stack([step.points for step in self.walks[0].steps])  # (steps, hikers, 2)
        trails = [Trail(path[:-1, i]) for i in range(path.shape[1])]
        markers = []
        if self.step >= 2:
            markers += [Marker(m.x, m.y, str(i + 1), "goal") for i, m in enumerate(self.minima)]
        for i, (x, y) in enumerate(now.points):
            role = "stopped" if now.status[i] in STOPPED_BADLY else "walker"
            markers.append(Marker(x, y, self.hiker_name(i), role))
        arrows = []
        if self.arrows:
            arrows = [Arrow(x, y, -gx, -gy) for (x, y), (gx, gy), running
                      in zip(now.points, now.gradients, now.running) if running]
        if self.cursor is not None:
            markers.append(Marker(*self.cursor, "+", "cursor"))
        self.query_one(ContourMap).show(markers=markers, trails=trails, arrows=arrows)

    @staticmethod
    def hiker_name(index: int) -> str:
        return chr(ord("A") + index)

    def _status_text(self) -> str:
        rate = self.t("rate", rate=self.num(self.learning_rate, 2))
        if self.cursor is not None:
            return f"{rate} · " + self.t("cursor", point=self.numbers.point(*self.cursor, 1))
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
