"""Scene 7: the valley walk. Hikers who only feel the slope under their feet walk downhill.

Eight hikers start at seeded random points of the engine's terrain, whose
height is a loss (0 at the lowest point): the initialisation. Before they
walk, the student predicts which valley hiker A will reach (the engine walks
ahead to know). Then they take gradient-descent steps together
(`engine.descent.descend` with all of them at once). The learning rate is
the step length; + and - change it, d lets it decay, m adds momentum, and
each restarts the walk from the same starts (r too; n draws new ones). The
status line and the tally count the engine's status of each hiker in the
same words; hikers still walking at the step limit are told apart by the
sign of their last two moves: zig-zagging across a valley or creeping over
flat ground.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from engine.descent import DescentStep, Status, descend, inverse_time_decay, run, turned_back
from engine.functions import default_terrain
from tui.knobs import Knob, Listing, Number, Pair, Switch
from tui.predict import Question, QuestionBox
from tui.walk import RATE_KEYS, WalkScene
from tui.widgets.contour import Arrow, ContourLegend, ContourMap, Marker, Trail
from tui.widgets.live_text import LiveText

HIKERS = 8
MAX_HIKERS = 10
LEARNING_RATES = (0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0, 1.6, 2.5, 4.0)
START_RATE = 2  # index into LEARNING_RATES: at 0.2 most hikers arrive, two creep over flat ground
TOLERANCE = 1e-3  # a hiker has arrived when the slope under it is this flat
MAX_STEPS = 150
DECAY = 0.05  # with d: η_k = η / (1 + DECAY·k)
MOMENTUM = 0.8  # with m: v ← MOMENTUM·v − η·∇h, then x ← x + v
STEPS_PER_SECOND = 6.0
START_MARGIN = 0.9  # random starts keep away from the map's edge
MAX_DRAW = 9999  # n can draw new starts this often
BOUNDS = default_terrain().bounds
PLACED_DIGITS = 2  # a start placed by hand is rounded to this, so a command line can say it
WALK = 1  # the step on which the hikers walk; the question comes before it
VALLEYS = 2
QUESTION_ROWS = 2  # the open question's prompt and keys, around its choices (a valley each, and "nowhere")

TRAIL = Trail(()).glyph
#: Statuses in the order the status line and the tally count them, with their words.
OUTCOMES = ((Status.RUNNING, "running"), (Status.CONVERGED, "converged"), (Status.MAX_STEPS, "max_steps"),
            (Status.LEFT_DOMAIN, "left_domain"), (Status.DIVERGED, "diverged"))
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
        Binding("d", "toggle_decay", "hiking.keys.decay"),
        Binding("m", "toggle_momentum", "hiking.keys.momentum"),
        Binding("n", "new_starts", "hiking.keys.new_starts"),
        Binding("a", "toggle_arrows", "hiking.keys.arrows"),
    ]

    knobs = (
        WalkScene.rate_knob(LEARNING_RATES),
        Knob("decay", Switch(), "decay", "decay"),
        Knob("momentum", Switch(), "momentum", "momentum"),
        Knob("hikers", Number(0, HIKERS, whole=True), "hikers", lambda s, v: s.set_starts(v, s.draw, s.placed)),
        Knob("draw", Number(0, MAX_DRAW, whole=True), "draw", lambda s, v: s.set_starts(s.hikers, v, s.placed)),
        Knob("placed", Listing(Pair(Number(*BOUNDS[:2]), Number(*BOUNDS[2:])), "/"), "placed",
             lambda s, v: s.set_starts(s.hikers, s.draw, tuple(v)), check=lambda v: len(v) <= MAX_HIKERS,
             expects="knobs.expect.placed"),
        Knob("arrows", Switch(), "arrows", "arrows"),
        WalkScene.walk_knob(MAX_STEPS),
    )

    DEFAULT_CSS = """
    Hiking #narration { height: 3; }
    Hiking #words { height: auto; }
    Hiking #key-line { height: 1; }
    Hiking #status, Hiking #tally { height: 2; }
    Hiking #map-key { width: 1fr; margin-left: 2; color: $text-muted; }
    Hiking QuestionBox { margin-bottom: 0; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.terrain = default_terrain()
        self.minima = sorted(self.terrain.minima, key=lambda m: m.height)  # valley 1 is the deepest
        self.draw = 0  # which draw of random starts after the seed: n draws the next
        self.hikers = HIKERS  # how many of the random starts walk (a preset may want none)
        self.placed: tuple[tuple[float, float], ...] = ()  # starts placed by hand, after the random ones
        self.starts = self._starts()
        self.learning_rate = LEARNING_RATES[START_RATE]
        self.decay = False
        self.momentum = False
        self.arrows = False
        self.cursor: tuple[float, float] | None = None
        self.restart()

    # -- the walk ------------------------------------------------------------
    def _starts(self) -> np.ndarray:
        """The random starts of draw number `draw` after the seed, then the placed ones (at most MAX_HIKERS)."""
        xmin, xmax, ymin, ymax = self.terrain.bounds
        low = np.array([xmin, ymin]) * START_MARGIN
        high = np.array([xmax, ymax]) * START_MARGIN
        rng = np.random.default_rng(self.settings.seed)
        for _ in range(self.draw + 1):
            drawn = rng.uniform(low, high, size=(HIKERS, 2))
        placed = np.reshape(self.placed, (-1, 2))[-MAX_HIKERS:]
        return np.vstack([drawn[:min(self.hikers, MAX_HIKERS - len(placed))], placed])

    def set_starts(self, hikers: int, draw: int, placed: tuple[tuple[float, float], ...]) -> None:
        """New starts, and the walk from there."""
        self.hikers, self.draw, self.placed = hikers, draw, placed
        self.starts = self._starts()
        self.restart()

    def options(self) -> dict[str, object]:
        """The engine's descent options: the schedule and momentum the student switched on."""
        return {"value": self.terrain.height, "tolerance": TOLERANCE, "max_steps": MAX_STEPS,
                "bounds": self.terrain.bounds, "schedule": inverse_time_decay(DECAY) if self.decay else None,
                "momentum": MOMENTUM if self.momentum else 0.0}

    def descents(self) -> list[Iterator[DescentStep]]:
        """Every hiker from its start, together, at the current rate."""
        return [descend(self.terrain.gradient, self.starts, self.learning_rate, **self.options())]

    def walk_ready(self) -> bool:
        return self.step >= WALK

    @property
    def now(self) -> DescentStep:
        return self.walks[0].now

    def restart_walk(self) -> None:
        """Back to the starts; a verdict on the old settings no longer holds."""
        super().restart_walk()
        self.recheck_question()

    # -- keys ----------------------------------------------------------------
    def learning_rate_changed(self) -> None:
        self.restart_walk()

    def action_toggle_decay(self) -> None:
        self.decay = not self.decay
        self.restart_walk()

    def action_toggle_momentum(self) -> None:
        self.momentum = not self.momentum
        self.restart_walk()

    def action_new_starts(self) -> None:
        """n: a new random initialisation; starts placed by hand go too."""
        self.draw += 1
        self.placed = ()
        self.starts = self._starts()
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
            if self.explore_kept:  # Enter places a hiker; Esc only leaves
                self.placed = (*self.placed, tuple(round(float(c), PLACED_DIGITS) for c in self.cursor))
                self.starts = self._starts()
            self.cursor = None
            self.restart_walk()
            return
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

    # -- predict, then see ---------------------------------------------------
    def question(self, step: int) -> Question | None:
        """Before the walk: which valley will hiker A reach? The engine walks A ahead to know."""
        if step != WALK or not len(self.starts):
            return None
        path = run(self.terrain.gradient, self.starts[:1], self.learning_rate, **self.options())
        end, status = path.points[-1], path.status[0]
        valley = self._valley_labels(end)[0]
        rate = self.num(self.learning_rate, 2)
        iterations = self.term("iterations", n=path.steps)
        if status == Status.CONVERGED:
            answer = valley - 1
            reason = self.t("ask.because_arrived", valley=valley, iterations=iterations,
                            height=self.num(float(path.values[-1, 0]), 2))
        else:
            answer = len(self.minima)
            reason = self.t(f"ask.because_{status.value}", iterations=iterations, rate=rate)
        choices = tuple(self.t("ask.valley", valley=label) for label in range(1, len(self.minima) + 1))
        return Question(prompt=self.t("ask.prompt", rate=rate, setup=self._setup_words()),
                        choices=(*choices, self.t("ask.nowhere", max=MAX_STEPS)), answer=answer, reason=reason,
                        about=("valley", tuple(self.starts[0]), self.learning_rate, self.decay, self.momentum))

    def _valley_labels(self, points: np.ndarray) -> np.ndarray:
        """1 for the deepest valley, 2 for the next..., of the floor nearest each point (N, 2)."""
        order = [self.terrain.minima.index(m) for m in self.minima]
        return np.array([order.index(i) + 1 for i in np.atleast_1d(self.terrain.nearest_minimum(points))])

    # -- view ----------------------------------------------------------------
    def compose(self) -> ComposeResult:
        contour = ContourMap(self.terrain.height, self.terrain.bounds, levels=10)
        words = Vertical(id="words")  # as tall as the open question on every step, so the map keeps its rows
        words.styles.min_height = QUESTION_ROWS + len(self.minima) + 1
        with words:
            yield LiveText(id="narration")
            yield QuestionBox()
        yield contour
        with Horizontal(id="key-line"):
            yield ContourLegend(contour, self.t("low"), self.t("high"), lambda v: self.num(v, 1))
            yield Static(self.t("map_key", trail=TRAIL), id="map-key")
        yield LiveText(id="status")
        yield self.at_step(VALLEYS, LiveText(id="tally"))

    def show_step(self, step: int) -> None:
        self.redraw()

    def redraw(self) -> None:
        if not self.children:  # not composed yet
            return
        narration = self.query_one("#narration", LiveText)
        narration.display = self.asking is None  # the question takes its place
        narration.show(self._narration())
        self._draw_map()
        self.query_one("#status", LiveText).show(self._status_text())
        self.query_one("#tally", LiveText).show(self._tally_text())

    def _narration(self) -> str:
        if self.step < VALLEYS:
            # the map's shades in words: colours, or characters when the terminal shows none
            shades = self.t("narration.colours" if self.query_one(ContourMap).mode == "blocks" else "narration.characters")
            return self.t(("narration.map", "narration.walk")[self.step], shades=shades)
        if not self.now.finished:
            return self.t("narration.valleys_waiting")
        deepest, *others = self.minima
        local = self.t("narration.and").join(self.t("narration.local", valley=label, height=self.num(m.height, 2))
                                               for label, m in enumerate(others, start=2))
        return self.t("narration.valleys", height=self.num(deepest.height, 2), local=local)

    def _draw_map(self) -> None:
        now = self.now
        path = np.stack([step.points for step in self.walks[0].steps])  # (steps, hikers, 2)
        trails = [Trail(path[:-1, i]) for i in range(path.shape[1])]
        markers = [Marker(m.x, m.y, str(label), "goal") for label, m in enumerate(self.minima, start=1)]
        # a later mark covers an earlier one in its cell: hikers who meet show the first letter, so
        # A, whom the question is about, is always in sight (the tally names the others)
        for i, point in reversed(list(enumerate(now.points))):
            if now.status[i] in STOPPED_BADLY:  # on the edge where the tried step leaves the map
                markers.append(Marker(*self._edge(point, now.moves[i]), self.hiker_name(i), "stopped"))
            else:
                markers.append(Marker(*point, self.hiker_name(i)))
        arrows = []
        if self.arrows:
            arrows = [Arrow(x, y, -gx, -gy) for (x, y), (gx, gy), running
                      in zip(now.points, now.gradients, now.running) if running]
        if self.cursor is not None:
            markers.append(Marker(*self.cursor, "+", "cursor"))
        self.query_one(ContourMap).show(markers=markers, trails=trails, arrows=arrows)

    def _edge(self, point: np.ndarray, move: np.ndarray) -> tuple[float, float]:
        """Where the move from `point` crosses the edge of the map."""
        xmin, xmax, ymin, ymax = self.terrain.bounds
        low, high = np.array([xmin, ymin]), np.array([xmax, ymax])
        with np.errstate(divide="ignore", invalid="ignore"):
            reach = np.where(move > 0, (high - point) / move, np.where(move < 0, (low - point) / move, np.inf))
        share = min(1.0, float(np.min(reach))) if np.isfinite(move).all() else 0.0
        x, y = np.clip(point + share * np.nan_to_num(move), low, high)
        return float(x), float(y)

    def tables(self) -> dict[str, tuple[list[str], list[list[object]]]]:
        """Each hiker's trail so far, step by step, for an export."""
        path = np.stack([step.points for step in self.walks[0].steps])  # (steps, hikers, 2)
        heights = self.terrain.height(path[..., 0], path[..., 1])
        rows = [[self.hiker_name(i), k, float(x), float(y), float(heights[k, i])]
                for i in range(path.shape[1]) for k, (x, y) in enumerate(path[:, i])]
        return {"trails": (["hiker", "step", "x", "y", "height"], rows)}

    @staticmethod
    def hiker_name(index: int) -> str:
        return chr(ord("A") + index)

    def _setup_words(self) -> str:
        """How the hikers step: the schedule and momentum, as on the status line."""
        schedule = (self.t("decaying", decay=self.num(DECAY, 2), now=self.num(self.now.learning_rate, 2))
                    if self.decay else self.t("fixed"))
        momentum = self.t("momentum_on", momentum=self.num(MOMENTUM, 1)) if self.momentum else self.t("momentum_off")
        return f"{schedule} · {momentum}"

    def _status_text(self) -> str:
        rate = self.t("rate_start" if self.decay else "rate", rate=self.num(self.learning_rate, 2))
        if self.cursor is not None:
            first = self.t("cursor", point=self.numbers.point(*self.cursor, 1))
        else:
            first = f"{rate}, {self._setup_words()}"
        counts = [self.t(f"count.{word}", n=n) for status, word in OUTCOMES
                  if (n := int(np.sum(self.now.status == status)))]
        progress = self.t("progress", iteration=self.now.index, max=MAX_STEPS, counts=" · ".join(counts))
        return f"{first}\n{progress}"

    def _tally_text(self) -> str:
        """Where each hiker ended, in the status line's words; at the limit, zig-zag or creep by its last moves."""
        if not self.now.finished:
            return self.t("tally.waiting")
        status, points = self.now.status, self.now.points
        labels = self._valley_labels(points)
        parts = []
        for label, minimum in enumerate(self.minima, start=1):
            names = self._names((status == Status.CONVERGED) & (labels == label))
            if names:
                key = "tally.valley_global" if minimum.is_global else "tally.valley_local"
                parts.append(self.t(key, label=label, hikers=names))
        steps = self.walks[0].steps
        zigzag = turned_back(steps[-2], steps[-1]) if len(steps) > 1 else np.zeros(len(points), bool)
        at_limit = status == Status.MAX_STEPS
        for mask, key in ((at_limit & zigzag, "tally.zigzag"), (at_limit & ~zigzag, "tally.creeping"),
                          (status == Status.LEFT_DOMAIN, "tally.left_domain"),
                          (status == Status.DIVERGED, "tally.diverged")):
            names = self._names(mask)
            if names:
                parts.append(self.t(key, hikers=names))
        return " · ".join(parts)

    def _names(self, mask: np.ndarray) -> str:
        return " ".join(self.hiker_name(i) for i in np.flatnonzero(mask))


SCENE = Hiking
