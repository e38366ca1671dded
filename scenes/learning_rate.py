"""Scene 8: one start, four learning rates, then one of the student's own, and the rule behind them.

Gradient descent on f(x) = 2x² + 4x from the same x. Every iteration
multiplies the distance to the minimum by the same factor q = 1 - η·f'',
so the engine forecasts each walk before it starts (`engine.stability`):
that forecast is the verdict (too slow, good, zig-zags but converges,
diverges), and the walk, shown beside it, confirms it. Before anything
walks the student predicts which rates converge; the verdicts stay hidden
until then. On the last step + and - choose a fifth, free learning rate;
its table shows the factor each iteration measured, and a strip places
every rate tried between the boundaries 1/f'' (the minimum in one step) and
2/f'' (the edge of divergence), so the rule can be found before it is read.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence

import numpy as np
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical

from engine.descent import DescentStep, Status, descend
from engine.functions import PARABOLA_MIN, parabola, parabola_curvature, parabola_slope
from engine.stability import Forecast, divergence_edge, factors_seen, forecast, one_step_rate
from tui.glyphs import glyphs
from tui.knobs import Knob, Listing, Notch
from tui.predict import Question, QuestionBox
from tui.walk import RATE_KEYS, WalkScene
from tui.widgets.chart import Axes, Chart, Series
from tui.widgets.descent_steps import DescentSteps
from tui.widgets.live_text import LiveText
from tui.widgets.stability_strip import SEPARATOR, StabilityStrip, Stop

X_START = 1.0
RATES = (0.02, 0.2, 0.45, 0.75)  # what each does is the engine's to say, not this file's
FREE_RATES = (0.01, 0.02, *(round(0.05 * k, 2) for k in range(1, 16)))  # + and - on the last step
FREE_START = 0.1
TOLERANCE = 1e-3
MAX_STEPS = 60
STEPS_PER_SECOND = 4.0
X_RANGE = (-4.0, 2.0)
Y_RANGE = (-3.0, 17.0)
X_TICKS = (-4.0, -1.0, 2.0)
Y_TICKS = (-2.0, 4.0, 10.0, 16.0)
LARGE = 1e5  # numbers from here on are written as powers of ten
SMALL = 0.01  # slopes below this get more decimals, so |f'| < 0.001 never reads as 0.001
WALKS, FREE = 1, 2  # the steps on which the four walk, and the free rate's

CURVE = ("·", ".")
_CURVE_X = np.linspace(*X_RANGE, 61)
CURVE_SERIES = Series(_CURVE_X, parabola(_CURVE_X), *CURVE, "curve")  # one object: the chart rasters it once
PATH = ("•", "*")
NOW = ("●", "o")
#: How a tried rate moved the walker, as the strip marks it: (Unicode, ASCII), one cell each.
KINDS = {"shrinks": ("↘", "\\"), "zigzag": ("~", "~"), "swings": ("↔", "="), "grows": ("✗", "x")}
NOW_MARK, LETTERS = ("▲", "^"), "abcd"
CURVATURE = float(parabola_curvature(X_START))


def verdict_of(ahead: Forecast) -> str:
    """The verdict on a learning rate, from the engine's forecast of its walk and the iteration limit."""
    if ahead.diverges:
        return "diverges"
    if not ahead.converges:
        return "swings"
    if not ahead.arrives_within(MAX_STEPS):
        return "too_slow"
    return "zigzag" if ahead.zigzags else "good"


def kind_of(ahead: Forecast) -> str:
    """How each iteration changes the distance to the minimum: the strip's mark."""
    if ahead.diverges:
        return "grows"
    if not ahead.converges:
        return "swings"
    return "zigzag" if ahead.zigzags else "shrinks"


class LearningRate(WalkScene):
    """Four descents on the parabola side by side, then a free one and the stability strip."""

    scene_id = "learning-rate"
    steps = 3
    min_size = (80, 22)
    walk_rate = STEPS_PER_SECOND
    walk_burst = MAX_STEPS

    learning_rates = FREE_RATES
    BINDINGS = [*RATE_KEYS]
    knobs = (  # the rate restarts the walk: it goes first
        Knob("tried", Listing(Notch(FREE_RATES), "/"), lambda s: tuple(s.tried), "try_rates"),
        WalkScene.rate_knob(FREE_RATES),
        WalkScene.walk_knob(MAX_STEPS),
    )

    DEFAULT_CSS = """
    LearningRate #intro { height: auto; max-height: 3; }
    LearningRate #four, LearningRate #free { height: 1fr; }
    LearningRate .panel { width: 1fr; margin-right: 1; }
    LearningRate .panel-title { height: 1; text-style: bold; }
    LearningRate .verdict { height: 2; }
    LearningRate .readout { height: 6; }
    LearningRate #free-table { width: 44; margin-left: 1; }
    LearningRate QuestionBox { margin-bottom: 0; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.learning_rate = FREE_START
        self.tried: dict[float, str] = {}
        """Free rates walked far enough to see what they do: rate -> kind."""
        self._panels: dict[int, tuple[object, ...]] = {}
        """What each of the four panels shows now: its walk, how far, and in which widgets and words."""
        self.restart()

    # -- the walks -----------------------------------------------------------
    @property
    def rates(self) -> tuple[float, ...]:
        """The four fixed rates, then the free one."""
        return (*RATES, self.learning_rate)

    def descents(self) -> list[Iterator[DescentStep]]:
        return [descend(parabola_slope, X_START, rate, value=parabola, tolerance=TOLERANCE, max_steps=MAX_STEPS)
                for rate in self.rates]

    def forecast(self, rate: float) -> Forecast:
        return forecast(rate, CURVATURE, float(parabola_slope(X_START)), TOLERANCE)

    def walk_ready(self) -> bool:
        return self.step >= WALKS

    def acts(self, action: str) -> bool:
        if action == "learning_rate":
            return self.step >= FREE
        return super().acts(action)

    def try_rates(self, rates: Sequence[float]) -> None:
        """The strip's marks of free rates tried before: what each did is the forecast's to say."""
        self.tried = {rate: kind_of(self.forecast(rate)) for rate in rates}

    def learning_rate_changed(self) -> None:
        self.restart_walk()

    # -- predict, then see ---------------------------------------------------
    def question(self, step: int) -> Question | None:
        """Before any walk: which rates converge? Their forecasts know; the choices are the first k rates."""
        if step != WALKS:
            return None
        ranked = sorted(RATES)
        ahead = [self.forecast(rate) for rate in ranked]
        converging = [rate for rate, a in zip(ranked, ahead) if a.converges]
        if converging != ranked[:len(converging)] or not converging:
            return None  # the choices below could not say it
        rates = [self.num(rate, 2) for rate in ranked]
        choices = (self.t("ask.only", rate=rates[0]),
                   *(self.t("ask.some", rates=self._listed(rates[:count])) for count in range(2, len(ranked))),
                   self.t("ask.all", count=len(ranked)))
        reason = self.t("ask.because", x_min=self.numbers.short(PARABOLA_MIN[0]),
                        factors=self._listed([self.numbers.short(a.factor) for a in ahead]),
                        converging=self._listed([self.num(rate, 2) for rate in converging]))
        return Question(prompt=self.t("ask.prompt", x=self.numbers.short(X_START),
                                      x_min=self.numbers.short(PARABOLA_MIN[0])),
                        choices=choices, answer=len(converging) - 1, reason=reason, about=("converge", RATES))

    def _listed(self, items: Sequence[str]) -> str:
        """Numbers listed: "a", "a and b", "a, b and c"; in German "a; b und c", as its decimal comma
        would make "0,92, 0,2" ambiguous."""
        return items[0] if len(items) == 1 else self.numbers.separator.join(items[:-1]) + self.t("and") + items[-1]

    # -- view ----------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield LiveText(id="intro")
        yield QuestionBox()
        with Horizontal(id="four"):
            for index in range(len(RATES)):
                with Vertical(classes="panel"):
                    yield LiveText(id=f"title-{index}", classes="panel-title")
                    yield LiveText(id=f"verdict-{index}", classes="verdict")
                    yield self._chart(f"plot-{index}")
                    yield LiveText(id=f"readout-{index}", classes="readout")
        with Horizontal(id="free"):
            yield self._chart("plot-free")
            yield DescentSteps(id="free-table")
        yield StabilityStrip(id="strip")

    def _chart(self, id: str) -> Chart:
        ticks = (lambda values: (list(values), [self.numbers.short(v) for v in values]))
        axes = Axes(X_RANGE, Y_RANGE, ticks(X_TICKS), ticks(Y_TICKS))
        return Chart(axes, max_fps=min(self.settings.fps, 10.0), clock=self.settings.clock, id=id)

    def show_step(self, step: int) -> None:
        self.query_one("#four").display = step < FREE
        self.query_one("#free").display = self.query_one("#strip").display = step >= FREE
        self.redraw()

    def redraw(self) -> None:
        if not self.children:  # not composed yet
            return
        self._note_tried()
        intro = self.query_one("#intro", LiveText)
        intro.display = self.asking is None  # the question takes its place, and the readouts' (all at the start)
        intro.show(self._intro())
        for index in range(len(RATES)):  # (`query_one` by id is cached)
            self.query_one(f"#readout-{index}").display = self.asking is None
        if self.step < FREE:
            for index, (rate, walk) in enumerate(zip(RATES, self.walks)):
                key = (walk, len(walk.steps), self.step >= WALKS, self.query_one(f"#plot-{index}"), self.gdtui.catalog)
                if self._panels.get(index) != key:  # a walk that has ended (or waits) costs nothing a frame
                    self._panels[index] = key
                    self._show_panel(index, rate, list(walk.steps))
        else:
            self._show_free(list(self.walks[-1].steps))
            self._show_strip()

    def _intro(self) -> str:
        values = {"x": self.numbers.short(X_START), "x_min": self.numbers.short(PARABOLA_MIN[0]),
                  "tolerance": self.num(TOLERANCE, 3), "max": MAX_STEPS}
        if self.step < FREE:
            return self.t(("intro.four", "intro.walks")[self.step], **values)
        found = {"shrinks", "zigzag", "grows"} <= set(self.tried.values())
        return self.t("intro.rule" if found else "intro.try", one=self.numbers.short(one_step_rate(CURVATURE)),
                      edge=self.numbers.short(divergence_edge(CURVATURE)), **values)

    # -- the four panels -------------------------------------------------------
    def _show_panel(self, index: int, rate: float, history: list[DescentStep]) -> None:
        ahead = self.forecast(rate)
        shown = self._shown(history)
        last = shown[-1]
        self.query_one(f"#title-{index}", LiveText).show(glyphs(f"η = {self.num(rate, 2)} · k = {last.index}"))
        verdict = self._verdict(ahead) if self.step >= WALKS else ""
        self.query_one(f"#verdict-{index}", LiveText).show(verdict)
        self.query_one(f"#plot-{index}", Chart).show(self._series(shown))
        lines = [f"x = {self._number(float(last.points[0, 0]))}",
                 f"f(x) = {self._number(float(last.values[0]))}",
                 f"f'(x) = {self._slope(float(last.gradients[0, 0]))}",
                 self._factor_line(rate) if self.step >= WALKS else "",
                 self._status(history, ahead)]
        self.query_one(f"#readout-{index}", LiveText).show("\n".join(lines))

    def _verdict(self, ahead: Forecast) -> str:
        return self.t(f"verdict.{verdict_of(ahead)}", steps=ahead.steps or 0,
                      iterations=self.term("iterations", n=ahead.steps or 0),
                      growth=self.numbers.short(abs(ahead.factor)))

    def _factor_line(self, rate: float) -> str:
        return self.t("factor", q=self.numbers.short(self.forecast(rate).factor))

    @staticmethod
    def _shown(history: list[DescentStep]) -> list[DescentStep]:
        """The iterations with values of their own: a walker that blew up keeps its last good
        point, which is not the next iteration's value, so that last step is not shown."""
        if len(history) > 1 and history[-1].status[0] in (Status.DIVERGED, Status.LEFT_DOMAIN):
            return history[:-1]
        return history

    def _series(self, shown: list[DescentStep]) -> list[Series]:
        xs = np.array([step.points[0, 0] for step in shown])
        return [CURVE_SERIES, Series(xs, parabola(xs), *PATH, "walker"),
                Series(xs[-1:], parabola(xs[-1:]), *NOW, "walker", points=True)]

    def _status(self, history: list[DescentStep], ahead: Forecast) -> str:
        """How the walk went, and ✓ when that is what the forecast said."""
        last = history[-1]
        outcome = last.status[0]
        if outcome == Status.RUNNING:
            return self.t("status.running", tolerance=self.num(TOLERANCE, 3), max=MAX_STEPS)
        agrees = {Status.CONVERGED: ahead.steps == last.index, Status.DIVERGED: ahead.diverges,
                  Status.MAX_STEPS: not ahead.arrives_within(MAX_STEPS)}.get(outcome, False)
        shown = self._shown(history)[-1].index  # a walker that blew up stops at its last good iteration
        return self.t(f"status.{outcome.value}", k=shown, iterations=self.term("iterations", n=last.index),
                      mark=glyphs("✓" if agrees else "✗"))

    def _number(self, value: float) -> str:
        return self.num(value, 3) if abs(value) < LARGE else self.numbers.sci(value, 1)

    def _slope(self, value: float) -> str:
        return self.num(value, 5) if abs(value) < SMALL else self._number(value)

    # -- the free rate ----------------------------------------------------------
    def _show_free(self, history: list[DescentStep]) -> None:
        rate = self.learning_rate
        ahead = self.forecast(rate)
        shown = self._shown(history)
        self.query_one("#plot-free", Chart).show(self._series(shown))
        seen = factors_seen([float(step.gradients[0, 0]) for step in shown])
        rows = [[str(step.index), self._number(float(step.points[0, 0])), self._number(float(step.values[0])),
                 self._slope(float(step.gradients[0, 0])),
                 "" if k == 0 or math.isnan(seen[k - 1]) else self.num(float(seen[k - 1]), 3)]
                for k, step in enumerate(shown)]
        heading = glyphs(f"η = {self.num(rate, 2)} · ") + f"{self._factor_line(rate)}\n{self._verdict(ahead)}"
        self.query_one("#free-table", DescentSteps).show(
            heading, ["k", "x", "f(x)", "f'(x)", self.t("ratio")], rows, self._status(history, ahead))

    def _note_tried(self) -> None:
        """A free rate counts as tried once it walked two iterations: then its factor was seen twice."""
        if self.step >= FREE and self.walks[-1].now.index >= 2:
            self.tried[self.learning_rate] = kind_of(self.forecast(self.learning_rate))

    def _show_strip(self) -> None:
        """Every rate on one line: a–d, the ones tried (by what they did), the free one; 1/f'' and 2/f''."""
        def cell(pair: tuple[str, str]) -> str:
            return pair[0] if glyphs.unicode else pair[1]

        marks = [(rate, cell(KINDS[kind])) for rate, kind in self.tried.items()]
        marks += [*zip(RATES, LETTERS), (self.learning_rate, cell(NOW_MARK))]
        short = self.numbers.short
        one, edge, last = one_step_rate(CURVATURE), divergence_edge(CURVATURE), max(FREE_RATES)
        stops = [Stop(rate, label, short(self.forecast(rate).factor)) for rate, label in
                 ((0.0, short(0.0)), (one, self.t("strip.one", rate=short(one))),
                  (edge, self.t("strip.edge", rate=short(edge))), (last, short(last)))]
        # the key names only marks in sight: a kind of walk once a rate of that kind was tried,
        # and not only the rate under ▲
        seen = {kind for rate, kind in self.tried.items() if rate != self.learning_rate}
        legend = SEPARATOR.join([self.t("strip.legend.four", mark=f"{LETTERS[0]}–{LETTERS[-1]}"),
                                 self.t("strip.legend.now", mark=cell(NOW_MARK)),
                                 *(self.t(f"strip.legend.{kind}", mark=cell(pair)) for kind, pair in KINDS.items()
                                   if kind in seen)])
        self.query_one(StabilityStrip).show(last * 1.05, marks, stops, (glyphs("η"), "q"), legend)


SCENE = LearningRate
