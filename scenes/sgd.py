"""Scene: full-batch gradient descent against mini-batch SGD on a two-parameter loss surface.

Fitting a line w·x + b to 64 points has a loss surface over (w, b) that fits
on a map. Both walkers start at the same place and spend the same number of
gradient evaluations: full-batch GD takes one exact step per epoch, SGD
takes one cheap, noisy step per batch. Below, the epoch's shuffled batches,
with the one SGD uses now marked. Steps: 0 the two paths and the cost of a
step, 1 the batches of the current epoch.
"""

from __future__ import annotations

import numpy as np
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical

from engine import LineFitLoss, line_data
from engine.minibatch import MiniBatchWalk
from tui.walk import FRAME_SECONDS, RATE_KEYS, Pacer, PlayScene, following
from tui.widgets.batch_strip import BatchStrip
from tui.widgets.live_text import LiveText
from tui.widgets.contour import ContourMap, Marker, Trail

SAMPLES = 64
BOUNDS = (-2.0, 5.0, -3.0, 5.0)  # w from -2 to 5, b from -3 to 5
START = (-1.5, 4.0)
BATCH_SIZES = (1, 8, 32, SAMPLES)
LEARNING_RATES = (0.01, 0.03, 0.1, 0.3)
EPOCHS_PER_SECOND = 2.0  # of work: GD takes two steps a second whatever the batch size


class Sgd(PlayScene):
    """Two walkers on the line-fit loss: exact full-batch steps against noisy mini-batch steps."""

    scene_id = "sgd"
    steps = 2
    min_size = (80, 22)

    learning_rates = LEARNING_RATES

    BINDINGS = [
        Binding("b", "batch_size", "sgd.keys.batch_size"),
        *RATE_KEYS,
    ]

    DEFAULT_CSS = """
    Sgd #top { height: 1fr; }
    Sgd #map { width: 1fr; }
    Sgd #info { width: 36; padding-left: 1; }
    Sgd #bottom { height: auto; }
    Sgd #strip-caption { height: 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        x, y = line_data(SAMPLES, seed=self.settings.seed)
        self.x, self.loss = x, LineFitLoss(x, y)
        self.batch_size, self.learning_rate = 8, 0.1
        self.pacer = Pacer(self, self._spend, rate=EPOCHS_PER_SECOND * SAMPLES, interval=FRAME_SECONDS,
                           most=2.0 * SAMPLES)
        self._restart(self.settings.seed)

    # -- the walks ---------------------------------------------------------
    def _restart(self, seed: int) -> None:
        """Both walkers back to the start; SGD shuffles with `seed`."""
        self.seed = seed
        self.gd = MiniBatchWalk(self.loss, START, self.learning_rate, SAMPLES, seed)
        self.sgd = MiniBatchWalk(self.loss, START, self.learning_rate, self.batch_size, seed)
        self.pacer.resume()

    def _step(self) -> None:
        """One SGD step; GD steps whenever SGD has spent another epoch's worth of gradients."""
        self.sgd.step()
        while self.gd.samples_seen + SAMPLES <= self.sgd.samples_seen:
            self.gd.step()

    def _spend(self, owed: float) -> float:
        """The SGD steps that `owed` samples' worth of gradients pay for (GD keeps up in `_step`)."""
        while owed >= self.sgd.batch_size:
            self._step()
            owed -= self.sgd.batch_size
        self._sync()
        return owed

    # -- keys --------------------------------------------------------------
    def action_toggle_play(self) -> None:
        if not self.settings.animate:  # no animation: one epoch of work at once
            epoch = self.sgd.epochs
            while self.sgd.epochs == epoch:
                self._step()
        else:
            self.pacer.toggle()
        self._sync()

    def action_step(self) -> None:
        self._step()
        self._sync()

    def action_batch_size(self) -> None:
        self.batch_size = following(BATCH_SIZES, self.batch_size)
        self._restart(self.seed)
        self._sync()

    def learning_rate_changed(self) -> None:
        self._restart(self.seed)
        self._sync()

    def action_reset(self) -> None:
        self.pacer.pause()
        self._restart(self.seed + 1)
        self._sync()

    # -- the view ----------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield ContourMap(self.loss.loss, BOUNDS, levels=self._levels(), id="map")
            yield LiveText(id="info")
        with Vertical(id="bottom"):
            yield self.at_step(1, LiveText(id="strip-caption"))
            yield self.at_step(1, BatchStrip(self.x, id="strip"))

    def _levels(self) -> np.ndarray:
        """Bands that double in loss, since the surface spans decades."""
        corners = [self.loss.loss(w, b) for w in BOUNDS[:2] for b in BOUNDS[2:]]
        lowest = float(self.loss.loss(*self.loss.minimum))
        return np.geomspace(lowest * 1.25, max(corners), 9)

    def show_step(self, step: int) -> None:
        self._sync()

    def _sync(self) -> None:
        if not self.query("#info"):
            return
        w, b = self.loss.minimum
        self.query_one(ContourMap).show(
            markers=[Marker(w, b, "×", "goal"), Marker(*self.gd.position, self.t("gd_marker"), "reference"),
                     Marker(*self.sgd.position, self.t("sgd_marker"), "trail")],
            trails=[Trail(np.array(self.gd.path), "○", "reference"), Trail(np.array(self.sgd.path), "•")],
        )
        self.query_one("#info", LiveText).show(self._info())
        self.query_one("#strip-caption", LiveText).show(self.t(
            "strip", epoch=self.sgd.epochs + 1, batch=self.sgd.batch_index + 1, batches=self.sgd.steps_per_epoch))
        self.query_one(BatchStrip).show(self.sgd.order, self.sgd.batch_index)

    def _info(self) -> str:
        sizes = "  ".join(f"[{self._size_name(s)}]" if s == self.batch_size else f" {self._size_name(s)} "
                          for s in BATCH_SIZES)
        return "\n".join([
            self.t("batch_size", sizes=sizes),
            self.t("rate", rate=self.num(self.learning_rate, 2)),
            "",
            self.t("cost"),
            self.t("cost_gd", n=SAMPLES),
            self.t("cost_sgd", n=self.sgd.batch_size),
            "",
            self.t("spent", n=self.sgd.samples_seen),
            self.t("walker_gd", steps=self.gd.iterations, loss=self.num(self.gd.current_loss(), 3)),
            self.t("walker_sgd", steps=self.sgd.iterations, loss=self.num(self.sgd.current_loss(), 3)),
            self.t("epochs", epochs=self.sgd.epochs, per_epoch=self.sgd.steps_per_epoch),
        ])

    def _size_name(self, size: int) -> str:
        return self.t("all") if size == SAMPLES else str(size)


SCENE = Sgd
