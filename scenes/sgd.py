"""Scene: full-batch gradient descent against mini-batch SGD on a two-parameter loss surface.

Fitting a line y = w·x + b to 64 points has a loss surface over (w, b) that
fits on a map. Both walkers start at the same place and spend the same work,
counted in example gradients: full-batch GD (G) takes one exact step per 64,
SGD (S) one cheap, noisy step per batch. Steps: 0 the map and the two walks;
1 an epoch, shuffled and cut into batches; 2 gradient noise, where each batch
of the epoch would step from S, and how far batch gradients scatter around
the full one (1/√B); 3 a race at equal work, asked before it is shown.
"""

from __future__ import annotations

import numpy as np
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from engine import LineFitLoss, line_data
from engine.minibatch import MiniBatchWalk, gradient_spreads, walk_for
from tui.knobs import Knob, Notch, Number
from tui.predict import Question, QuestionBox
from tui.walk import FRAME_SECONDS, RATE_KEYS, Pacer, PlayScene, following
from tui.widgets.batch_strip import BatchStrip
from tui.widgets.contour import ContourMap, Marker, Trail
from tui.widgets.live_text import LiveText

SAMPLES = 64
BOUNDS = (-2.0, 5.0, -3.0, 5.0)  # w from -2 to 5, b from -3 to 5: the narration reads them from here
START = (-1.5, 4.0)
BATCH_SIZES = (1, 8, 32, SAMPLES)
LEARNING_RATES = (0.01, 0.03, 0.1, 0.3)
EPOCHS_PER_SECOND = 2.0  # of work: GD takes two steps a second whatever the batch size
RACE_EPOCHS = 2  # the race's budget: two epochs' worth of example gradients
RACE_MARKS = "abcd"  # each batch size's mark on the map and in the race's rows
MAP, EPOCH, NOISE, RACE = range(4)
MAX_DRAW = 9999  # r can shuffle afresh this often
MAX_BATCHES = 10**6  # SGD steps a command line may replay


class Sgd(PlayScene):
    """Two walkers on the line-fit loss: exact full-batch steps against noisy mini-batch steps."""

    scene_id = "sgd"
    steps = 4
    min_size = (80, 22)

    learning_rates = LEARNING_RATES

    BINDINGS = [
        Binding("b", "batch_size", "sgd.keys.batch_size"),
        Binding("r", "reset", "sgd.keys.reset"),
        *RATE_KEYS,
    ]

    knobs = (
        Knob("batch-size", Notch(BATCH_SIZES, ((SAMPLES, "all"),)), "batch_size", "set_batch_size"),
        PlayScene.rate_knob(LEARNING_RATES),
        Knob("draw", Number(0, MAX_DRAW, whole=True), lambda s: s.seed - s.settings.seed,
             lambda s, v: s._restart(s.settings.seed + v)),
        Knob("batches", Number(0, MAX_BATCHES, whole=True), lambda s: s.sgd.iterations, "walk_to"),
    )

    DEFAULT_CSS = """
    Sgd #top { height: 1fr; }
    Sgd #map { width: 1fr; }
    Sgd #side { width: 37; padding-left: 1; }
    Sgd #info { height: auto; }
    Sgd #story { height: auto; margin-top: 1; }
    Sgd #bottom { height: auto; }
    """

    def __init__(self) -> None:
        super().__init__()
        x, y = line_data(SAMPLES, seed=self.settings.seed)
        self.x, self.loss = x, LineFitLoss(x, y)
        self.batch_size, self.learning_rate = 8, 0.1
        self._story_shown: str | None = None
        self._race: tuple[tuple[float, int], list[MiniBatchWalk]] | None = None
        self._gd_points, self._sgd_points = PathPoints(), PathPoints()
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

    def walk_to(self, batches: int) -> None:
        """Both walkers from the start, until SGD has taken `batches` steps."""
        self._restart(self.seed)
        while self.sgd.iterations < batches:
            self._step()

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
        self.set_batch_size(following(BATCH_SIZES, self.batch_size))
        self._sync()

    def set_batch_size(self, size: int) -> None:
        self.batch_size = size
        self._restart(self.seed)

    def learning_rate_changed(self) -> None:
        self._restart(self.seed)
        self._sync()
        self.recheck_question()

    def action_reset(self) -> None:
        self.pacer.pause()
        self._restart(self.seed + 1)
        self._sync()
        self.recheck_question()

    # -- the view ----------------------------------------------------------
    def compose(self) -> ComposeResult:
        self._story_shown = None  # a new Static: it says nothing yet
        with Horizontal(id="top"):
            yield ContourMap(self.loss.loss, BOUNDS, levels=self._levels(), id="map")
            with Vertical(id="side"):
                yield QuestionBox()
                yield LiveText(id="info")
                yield Static(id="story")
        with Vertical(id="bottom"):
            yield self.at_step(EPOCH, LiveText(id="strip-caption"))
            yield self.at_step(EPOCH, BatchStrip(self.x, id="strip"))

    def _levels(self) -> np.ndarray:
        """Bands that double in loss, since the surface spans decades."""
        corners = [self.loss.loss(w, b) for w in BOUNDS[:2] for b in BOUNDS[2:]]
        lowest = float(self.loss.loss(*self.loss.minimum))
        return np.geomspace(lowest * 1.25, max(corners), 9)

    def show_step(self, step: int) -> None:
        if step == RACE:
            self.pacer.pause()  # the race is drawn whole; G and S wait for the steps before it
            for widget in self.query("#bottom > *"):
                widget.visible = False  # S's next batch is not part of the race
        self._sync()

    def acts(self, action: str) -> bool:
        """At the race the map shows its four walks, whole: nothing plays, and the batch size is all four."""
        if self.step == RACE and action in ("toggle_play", "step", "speed", "batch_size"):
            return False
        return super().acts(action)

    def _sync(self) -> None:
        if not self.children:  # not composed yet
            return
        w, b = self.loss.minimum
        markers = [Marker(w, b, "×", "goal"), Marker(*self.gd.position, self.t("gd_marker"), "reference"),
                   Marker(*self.sgd.position, self.t("sgd_marker"), "trail")]
        trails = [Trail(self._gd_points.of(self.gd.path), "○", "reference"), Trail(self._sgd_points.of(self.sgd.path), "•")]
        if self.step == RACE and not self.asking:  # the race, once predicted: each batch size's walk
            walks = self.race_walks()
            markers = [markers[0], *(Marker(*walk.position, mark, "walker") for mark, walk in zip(RACE_MARKS, walks))]
            trails = [Trail(np.array(walk.path), "•") for walk in walks]
        elif self.step == NOISE:
            cloud, full = self.batch_steps()
            trails.append(Trail(cloud, "·", "arrow"))
            markers.insert(1, Marker(*full, "+", "arrow"))
        self.query_one("#map", ContourMap).show(markers=markers, trails=trails)
        self.query_one("#info", LiveText).show(self._info())
        story = "" if self.asking else self._story()
        if story != self._story_shown:  # a Static repaints all of itself: only when the text changes
            self._story_shown = story
            self.query_one("#story", Static).update(story)
        self.query_one("#strip-caption", LiveText).show(self.t(
            "strip", epoch=self.sgd.epochs + 1, batch=self.sgd.batch_index + 1, batches=self.sgd.steps_per_epoch))
        self.query_one("#strip", BatchStrip).show(self.sgd.order, self.sgd.batch_index)

    def _info(self) -> str:
        """Short lines that change while S walks (a LiveText repaints only what changed)."""
        sizes = " ".join(f"[{self._size_name(s)}]" if s == self.batch_size else self._size_name(s)
                         for s in BATCH_SIZES)
        rows = [("", self.t("head.iterations"), self.t("head.work"), self.t("head.loss")),
                (f"○ {self.t('gd_marker')}", str(self.gd.iterations), str(self.gd.samples_seen),
                 self.num(self.gd.current_loss(), 3)),
                (f"• {self.t('sgd_marker')}", str(self.sgd.iterations), str(self.sgd.samples_seen),
                 self.num(self.sgd.current_loss(), 3))]
        widths = [max(len(row[k]) for row in rows) for k in range(4)]
        table = [row[0].ljust(widths[0]) + "".join("  " + cell.rjust(width) for cell, width in zip(row[1:], widths[1:]))
                 for row in rows]
        settings = self.t("settings", sizes=sizes, rate=self.num(self.learning_rate, 2))
        if self.asking or self.step == RACE:  # the question and the race need the room
            return settings
        lines = [settings, *table, self.t("epochs", epoch=self.sgd.epochs + 1, per_epoch=self.sgd.steps_per_epoch)]
        if self.step == NOISE:
            lines += self._noise_lines()
        return "\n".join(lines)

    def _story(self) -> str:
        """What this step shows, in words; the race's numbers come from the engine."""
        if self.step == RACE:
            return self._race_story()
        key = ("story.map", "story.epoch", "story.noise")[self.step]
        per = SAMPLES // self.batch_size
        w_low, w_high, b_low, b_high = (self.numbers.short(edge) for edge in BOUNDS)
        # the size as a number: "batches of 64" reads where "batches of all" would not
        # the map's shades in words: colours, or characters when the terminal shows none
        shades = self.t("shades_colours" if self.query_one(ContourMap).mode == "blocks" else "shades_characters")
        return self.t(key, n=SAMPLES, n1=SAMPLES - 1, size=self.batch_size, per=per, shades=shades,
                      w_low=w_low, w_high=w_high, b_low=b_low, b_high=b_high)

    def _size_name(self, size: int) -> str:
        return self.t("all") if size == SAMPLES else str(size)

    # -- gradient noise ----------------------------------------------------
    def batch_steps(self) -> tuple[np.ndarray, np.ndarray]:
        """Where each batch of the current epoch would take S from here, and where the full gradient would."""
        here, rate = self.sgd.position, self.learning_rate
        order = self.sgd.order
        per_example = self.loss.example_gradients(*here)[np.concatenate(order)]
        sizes = np.array([len(batch) for batch in order])
        starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
        batch_gradients = np.add.reduceat(per_example, starts, axis=0) / sizes[:, None]  # each batch's mean, at once
        return here - rate * batch_gradients, here - rate * self.loss.gradient(*here)

    def _noise_lines(self) -> list[str]:
        """|∇L| at S, how far this batch size's gradients scatter around it, and the same for every size."""
        here = self.sgd.position
        norm = float(np.linalg.norm(self.loss.gradient(*here)))
        spread, *spreads = gradient_spreads(self.loss, here, (self.batch_size, *BATCH_SIZES))
        ratio = self.num(100 * spread / norm, 0) if norm else "∞"
        law = [f"{self._size_name(size)}: {self.num(each, 2)}" for size, each in zip(BATCH_SIZES, spreads)]
        return [self.t("noise.agree", norm=self.num(norm, 2), spread=self.num(spread, 2), ratio=ratio),
                self.t("noise.law", sizes="  ".join(law[:2])), "  " + "  ".join(law[2:])]

    # -- the race at equal work --------------------------------------------
    @property
    def race_work(self) -> int:
        return RACE_EPOCHS * SAMPLES

    def race_walks(self) -> list[MiniBatchWalk]:
        """Each batch size's walk after the same work from the start (kept while rate and draw stay)."""
        key = (self.learning_rate, self.seed)
        if self._race is None or self._race[0] != key:
            self._race = key, [walk_for(self.loss, START, self.learning_rate, size, self.race_work, self.seed)
                               for size in BATCH_SIZES]
        return self._race[1]

    def race(self) -> list[tuple[int, int, float]]:
        """(batch size, iterations, loss) of each batch size after the same work from the start."""
        with np.errstate(over="ignore", invalid="ignore"):  # a far too large rate may blow up: inf is an answer
            return [(size, -(-self.race_work // size), walk.current_loss())
                    for size, walk in zip(BATCH_SIZES, self.race_walks())]

    def _race_story(self) -> str:
        rows = [self.t("race.row", mark=mark, size=self._size_name(size), iterations=self.term("iterations", n=n),
                       loss=self.num(loss, 3)) for mark, (size, n, loss) in zip(RACE_MARKS, self.race())]
        return "\n".join([self.t("race.head", work=self.race_work, epochs=RACE_EPOCHS), *rows])

    def question(self, step: int) -> Question | None:
        if step != RACE:
            return None
        race = self.race()
        losses = [loss if np.isfinite(loss) else np.inf for _, _, loss in race]
        best = int(np.argmin(losses))
        size, iterations, loss = race[best]
        _, gd_iterations, gd_loss = race[-1]
        values = dict(work=self.race_work, epochs=RACE_EPOCHS, rate=self.num(self.learning_rate, 2))
        key = "race.because_all" if size == SAMPLES else "race.because"
        return Question(
            prompt=self.t("race.prompt", **values),
            choices=tuple(self._size_name(s) for s in BATCH_SIZES),
            answer=best,
            reason=self.t(key, size=self._size_name(size), loss=self.num(loss, 3),
                          iterations=self.term("iterations", n=iterations), n=SAMPLES,
                          gd_iterations=self.term("iterations", n=gd_iterations), gd_loss=self.num(gd_loss, 3), **values),
            about=("race", self.learning_rate, self.seed),
        )


class PathPoints:
    """A walk's growing path as one array, converted a step at a time: at batch size 1 the path
    grows by 128 points a second, and converting all of it every frame grew without end."""

    def __init__(self) -> None:
        self._path: list[np.ndarray] | None = None
        self._points = np.empty((0, 2))

    def of(self, path: list[np.ndarray]) -> np.ndarray:
        if path is not self._path or len(path) < len(self._points):  # a new walk
            self._path, self._points = path, np.empty((0, 2))
        if len(path) > len(self._points):
            self._points = np.concatenate([self._points, np.array(path[len(self._points):]).reshape(-1, 2)])
        return self._points


SCENE = Sgd
