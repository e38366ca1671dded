"""Scene: a real training run of the engine's network on dogs and cats, and when to stop it.

Mini-batch SGD runs in small slices on a timer, a few batches per frame
(`FRAME_SECONDS`) and never longer than `SLICE_SECONDS`, so keys answer at
once while it trains. It plays `EPOCHS_PER_SECOND` epochs a second, but
never more than `STEPS_PER_SECOND` optimizer steps: at small batches an
epoch takes longer, as per-example steps do (a batch of 1 would otherwise
be 480 steps a second, several per cent of a core for each student). The
loss chart and the decision map redraw together, in one frame, once a
second at most (`VIEWS_INTERVAL`), and like the texts repaint only what
changed.
Steps: 0 the training loop and its loss curves (a switches the chart to
the validation accuracy per epoch, with the accuracy target as a dotted
line: the lecture's other curve to stop by), 1 what the network
predicts over the two features, 2 the stopping rules, editable in explore
mode (arrows) or typed in (i); before it, the student predicts which rule
will stop the run, and the engine trains a copy ahead to know. The data are
the lecture's animals split as the student split them in supervised. The run itself is `scenes.training_run`, the
rules as students edit them `scenes.training_rules`; here are the keys and
the view.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import replace

import numpy as np
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.validation import Function

from engine import StopReason, StoppingRules, Trainer, default_training_setup
from engine.training import DIVERGENCE_FACTOR
from scenes.supervised import allowed_split
from scenes.training_rules import RULES, Rule, compact, shortened
from scenes.training_run import TrainingRun
from tui.glyphs import glyphs
from tui.knobs import Knob, Listing, Notch, Number, Optional, Percent
from tui.predict import Question, QuestionBox
from tui.settings import Settings
from tui.walk import FRAME_SECONDS, RATE_KEYS, Pacer, PlayScene, following
from tui.widgets.decision_map import DecisionMap
from tui.widgets.chart import Series, Throttle
from tui.widgets.live_text import LiveText
from tui.widgets.loss_chart import FixedY, LossChart
from tui.widgets.rules_panel import RulesPanel

LEARNING_RATES = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
BATCH_SIZES = (1, 8, 16, 32, 64, 0)  # 0: the whole training part, i.e. plain gradient descent
EPOCHS_PER_SECOND = 4.0  # fast enough to watch a run end, slow enough to follow it
STEPS_PER_SECOND = 60.0  # the most optimizer steps a second: the default batches of 8 take just that
SLICE_SECONDS = 0.01  # the most training work one frame may do
VIEWS_INTERVAL = 1.0  # seconds between updates of the loss chart and the decision map (each resends the cells that changed)
PROGRESS_WIDTH = 10
RULES_STEP = 2
FIRES = (StopReason.EARLY_STOPPING, StopReason.TARGET_ACCURACY, StopReason.PLATEAU, StopReason.MAX_EPOCHS)
"""The choices of "which rule stops this run first?", in a fixed order: those of them that are on."""
FIELD_OF = {StopReason.MAX_EPOCHS: "max_epochs", StopReason.PLATEAU: "plateau_epsilon",
            StopReason.TARGET_ACCURACY: "target_accuracy", StopReason.EARLY_STOPPING: "early_stopping_patience"}
MAX_DRAW = 9999  # r can start a new network this often
MAX_BATCHES = 10**6  # batches a command line may replay
TARGET_ROW = [rule.field for rule in RULES].index("target_accuracy")
NO_BREAK = "\u00a0"  # keeps a value and its unit on one line


def fractions(percent: tuple[int, int, int]) -> tuple[float, ...]:
    """A split in percent as the engine takes it: fractions of the data."""
    return tuple(p / 100 for p in percent)


def _rule(field: str) -> tuple[Callable[[Training], object], Callable[[Training, object], None]]:
    """Read and set one field of the stopping rules, as a knob does."""
    return (lambda s: getattr(s.rules, field), lambda s, v: s.set_rules(replace(s.rules, **{field: v})))


class Training(PlayScene):
    """Trains the engine's MLP live: loss chart, decision map, stopping rules, sealed test accuracy."""

    scene_id = "training"
    steps = 3
    min_size = (80, 22)
    explorable = True
    verdict_reason_elsewhere = True  # the result panel says which rule stopped the run, and why

    learning_rates = LEARNING_RATES

    BINDINGS = [
        Binding("e", "epoch", "training.keys.epoch"),
        *RATE_KEYS,
        Binding("b", "batch_size", "training.keys.batch_size"),
        Binding("a", "switch_chart", "training.keys.chart"),
        Binding("i", "edit_rule", "training.keys.edit"),
    ]

    knobs = (  # the split makes new data and a fresh run: it goes first
        Knob("split", Listing(Number(0, 100, whole=True), ",", 3), lambda s: s.settings.split_percent, "set_split",
             check=allowed_split, expects="knobs.expect.split", fresh=Settings.split_percent),
        PlayScene.rate_knob(LEARNING_RATES),
        Knob("batch-size", Notch(BATCH_SIZES, ((0, "all"),)), "batch_size", "set_batch_size"),
        Knob("draw", Number(0, MAX_DRAW, whole=True), lambda s: s.run.seed - s.settings.seed,
             lambda s, v: s._new_run(s.settings.seed + v)),
        Knob("max-epochs", Number(1, 10_000, whole=True), *_rule("max_epochs")),
        Knob("plateau", Optional(Number(1e-12, 1.0)), *_rule("plateau_epsilon")),
        Knob("plateau-epochs", Number(1, 10_000, whole=True), *_rule("plateau_patience")),
        Knob("target-accuracy", Optional(Percent(1, 100)), *_rule("target_accuracy")),
        Knob("early-stopping", Optional(Number(1, 10_000, whole=True)), *_rule("early_stopping_patience")),
        Knob("batches", Number(0, MAX_BATCHES, whole=True), lambda s: len(s.run.batch_x), "train_to"),
    )

    DEFAULT_CSS = """
    Training #status { height: 1; }
    Training QuestionBox { margin-bottom: 0; }
    Training #views { height: 1fr; }
    Training #chart, Training #map {
        border: round $foreground 30%; border-title-color: $foreground; border-subtitle-color: $text-muted;
    }
    Training:light #chart, Training:light #map { border: round $foreground 50%; }
    Training:light #result { border-left: solid $foreground 50%; }
    Training #left { width: 3fr; }
    Training #right { width: 2fr; }
    Training #rules, Training #result { height: auto; }
    Training #rules { padding-right: 1; }
    Training #result { border-left: solid $foreground 30%; padding-left: 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.setup = self._setup()
        self.rules = self.setup.rules
        self.learning_rate = self.setup.learning_rate
        self.batch_size = self.setup.batch_size
        self.selected = 0
        self.accuracy_shown = False  # the chart shows the loss; a: the validation accuracy
        self.message, self.refused = "", False
        self.pacer = Pacer(self, self._spend, rate=0.0, interval=FRAME_SECONDS)  # its rate: `_pace`
        self._views = Throttle(self, VIEWS_INTERVAL, self.settings.clock, self._show_views)
        self._new_run(self.settings.seed)

    # -- the run -----------------------------------------------------------
    @property
    def trainer(self) -> Trainer:
        return self.run.trainer

    def _setup(self):
        """The lecture's animals, split the way the student split them in supervised."""
        return default_training_setup(self.settings.seed, fractions(self.settings.split_percent))

    def entered(self) -> None:
        if self.setup.fractions != fractions(self.settings.split_percent):
            self.setup = self._setup()  # the student split the data anew: train on that split
            self._new_run(self.run.seed)
            self.message, self.refused = self.t("new_split"), False
            self.refresh(recompose=True)
        super().entered()

    def _new_run(self, seed: int) -> None:
        """A fresh network from `seed` (same data), with the current rate, batch size and rules."""
        self.run = TrainingRun(self.setup, seed, self.learning_rate, self.batch_size, self.rules)
        self.changed_midway = False  # set when a setting changes after the run has trained
        self._pace()
        self.pacer.resume()  # nothing owed to the new run
        self._views_stale = True  # a new run: its first frame draws the chart and the map

    def set_split(self, percent: tuple[int, int, int]) -> None:
        """The split to learn from, as the supervised scene chose it: new parts, a fresh run."""
        self.settings.split_percent = tuple(percent)
        if self.setup.fractions != fractions(percent):
            self.setup = self._setup()
            self._new_run(self.run.seed)

    def train_to(self, batches: int) -> None:
        """A fresh run of the current network seed, trained for `batches` batches (or until it stops)."""
        self._new_run(self.run.seed)
        self.run.train_while(lambda: len(self.run.batch_x) < batches)

    def set_batch_size(self, size: int) -> None:
        self._changing()
        self.batch_size = size
        self.trainer.batch_size = self.run.batch_of(size)
        self._pace()

    def _pace(self) -> None:
        """Training examples a second: `EPOCHS_PER_SECOND` epochs, in at most `STEPS_PER_SECOND` steps;
        at most one epoch is owed at a time."""
        train_size = len(self.setup.split.train)
        self.pacer.rate = min(EPOCHS_PER_SECOND * train_size, STEPS_PER_SECOND * self.trainer.batch_size)
        self.pacer.most = float(train_size)

    def set_rules(self, rules: StoppingRules) -> None:
        self._changing()
        self.rules = rules
        if not self.trainer.stopped:
            self.trainer.rules = rules

    def _changing(self) -> None:
        """A setting changes: the knobs can no longer replay a run that has trained already."""
        self.changed_midway = self.changed_midway or bool(self.run.batch_x)

    def replayable(self) -> bool:
        return not self.changed_midway

    def tables(self) -> dict[str, tuple[list[str], list[list[object]]]]:
        """The run so far, one row per epoch, for an export."""
        rows = [[e.epoch, float(e.train_loss), float(e.validation_loss), float(e.validation_accuracy)]
                for e in self.trainer.history.epochs]
        return {"run": (["epoch", "training_loss", "validation_loss", "validation_accuracy"], rows)}

    def _spend(self, owed: float) -> float:
        """Train the samples the clock says are due, but never longer than one slice."""
        started = self.settings.clock()
        while not self.trainer.stopped and owed >= self.trainer.batch_size:
            self.run.step()
            owed -= self.trainer.batch_size
            if self.settings.clock() - started > SLICE_SECONDS:
                owed = 0.0
                break
        self._after_training()
        return owed

    def _after_training(self) -> None:
        if self.trainer.stopped:  # whatever stopped it: chart, map and status show the end at once
            self.pacer.pause()
            self._sync(force=True)
        else:
            self._sync()

    # -- keys --------------------------------------------------------------
    def action_toggle_play(self) -> None:
        if self.trainer.stopped:
            self.message, self.refused = self.t("stopped_hint"), False
        elif not self.settings.animate:  # no animation: jump straight to the end of the run
            self.run.train_while(lambda: True)
        else:
            self.pacer.toggle()
        self._after_training()

    def action_step(self) -> None:
        """One mini-batch: one step of SGD."""
        if not self.trainer.stopped:
            self.run.step()
        self._after_training()

    def action_epoch(self) -> None:
        epoch = self.trainer.epoch
        self.run.train_while(lambda: self.trainer.epoch == epoch)
        self._after_training()

    def action_reset(self) -> None:
        self.pacer.pause()
        self._new_run(self.run.seed + 1)
        self.message, self.refused = self.t("new_run", draw=self.run.seed - self.settings.seed), False
        self._sync(force=True)
        self.recheck_question()

    def learning_rate_changed(self) -> None:
        self._changing()
        self.trainer.learning_rate = self.learning_rate
        self._sync()
        self.recheck_question()

    def action_batch_size(self) -> None:
        self.set_batch_size(following(BATCH_SIZES, self.batch_size))
        self._sync()
        self.recheck_question()

    def action_switch_chart(self) -> None:
        self.accuracy_shown = not self.accuracy_shown
        self._show_chart()

    def acts(self, action: str) -> bool:
        """The rules are typed in only where they are shown: i does not jump past the map."""
        return self.step >= RULES_STEP if action == "edit_rule" else super().acts(action)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "explore" and self.step < RULES_STEP:
            return False  # Enter does not skip the decision map either
        return super().check_action(action, parameters)

    def action_edit_rule(self) -> None:
        self._reveal_rules()
        rule = RULES[self.selected]
        self.query_one(RulesPanel).edit(
            self._hint(rule), self._rule_text(rule),
            Function(lambda text: rule.typed(self.rules, text) is not None, self._hint(rule)),
        )

    # -- stopping rules ----------------------------------------------------
    def _set_rules(self, rules: StoppingRules, message: str) -> None:
        self.set_rules(rules)
        self.message, self.refused = message, False
        self._sync()
        self.recheck_question()

    def on_rules_panel_submitted(self, event: RulesPanel.Submitted) -> None:
        rule = RULES[self.selected]
        rules = rule.typed(self.rules, event.text) if event.valid else None
        if rules is None:
            self.message = self.t("refused", text=shortened(event.text), reason=self._hint(rule),
                                  kept=self._rule_text(rule).replace(" ", NO_BREAK))
            self.refused = True
            self._sync()
        else:
            self._set_rules(rules, self._applied_message())

    def on_key(self) -> None:
        """The student does something else after a refusal (a key, a run, a new value): the refusal goes."""
        if self.refused:
            self.message, self.refused = "", False
            self._sync()

    def _applied_message(self) -> str:
        return self.t("applied_next_run" if self.trainer.stopped else "applied")

    def explore_move(self, dx: int, dy: int) -> None:
        self._reveal_rules()
        if dy:
            self.selected = (self.selected + dy) % len(RULES)
            self._sync()
        elif dx:
            self._set_rules(RULES[self.selected].nudged(self.rules, dx), self._applied_message())

    def explore_changed(self, exploring: bool) -> None:
        if exploring:
            self._reveal_rules()
        self._sync()

    def _reveal_rules(self) -> None:
        if self.step < RULES_STEP:
            self.step = RULES_STEP

    def _hint(self, rule: Rule) -> str:
        return self.t(f"hint.{rule.field}", **rule.bounds(self.num))

    def _rule_text(self, rule: Rule, rules: StoppingRules | None = None) -> str:
        """`rule`'s value in `rules` (the rules the student set, by default) as the screen writes it."""
        return rule.describe(rules or self.rules, self.num, self.t("off"), lambda n: self.t("epochs", n=n))

    # -- the view ----------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield QuestionBox()
        yield LiveText(id="status")
        with Horizontal(id="views"):  # each column as tall as it needs: the rules leave the chart its rows
            with Vertical(id="left"):
                yield LossChart(VIEWS_INTERVAL, self.settings.clock, lambda y: self.num(y, 2), id="chart")
                yield self.at_step(2, RulesPanel(self.t("rules.title"), id="rules"))
            with Vertical(id="right"):
                margin = 0.05  # the scores run from 0 to 1
                extent = (-margin, 1 + margin, -margin, 1 + margin)
                train = self.setup.split.train
                decision = DecisionMap(extent, train.X, train.y, id="map")
                decision.border_title = self.t("map.title")
                decision.border_subtitle = self.t("map.legend")
                yield self.at_step(1, decision)
                yield LiveText(id="result")  # repaints only the cells that changed while the run goes

    def show_step(self, step: int) -> None:
        self._sync(force=True)

    def _sync(self, force: bool = False) -> None:
        """Bring every view up to the run's state; the chart and the map at most once a second
        (unless `force`), the texts every frame, repainting only what changed."""
        if not self.children:  # not composed yet
            return
        force = force or not self.settings.animate or self._views_stale
        for below in ("#rules", "#result"):  # an open question takes their room (`query_one` by id is cached)
            self.query_one(below).display = self.asking is None
        self.query_one("#status", LiveText).show(self._status())
        running = bool(self.run.batch_x) and not self.trainer.stopped
        # while a run goes the result keeps the rows the data's description took before it, so the map
        # above is not laid out again at the first epoch; a function of the state: a replay looks the same
        self.query_one("#result", LiveText).show(self._result(), reserve=self._data_description() if running else "")
        if force or not self.pacer.playing or self._views.due:  # playing: the first frame after the interval
            self._views.request(now=force)
        fired = self.trainer.history.stop_reason
        mark = glyphs(" ◀")
        rows = [(self.t(f"rule.{rule.field}"), self._rule_text(rule) + (mark if fired and FIELD_OF.get(fired) == rule.field else ""))
                for rule in RULES]
        message = self.message or self.t("rules.hint")
        self.query_one("#rules", RulesPanel).show(rows, self.selected, self.exploring, message, self.refused)

    def _show_views(self) -> None:
        """The chart and the map, in one frame: one pass of the compositor for both."""
        self._views_stale = False
        self._show_chart()
        self.query_one("#map", DecisionMap).show(self._dog_probability)

    def _show_chart(self) -> None:
        """The loss per epoch, or (a) the validation accuracy with the run's accuracy target."""
        chart = self.query_one("#chart", LossChart)
        if self.accuracy_shown:
            series, fixed, title, legend = self._accuracy_view()
        else:
            series, fixed, title, legend = self._series(), None, self.t("chart.title"), self.t("chart.legend")
        if (chart.border_title, chart.border_subtitle) != (title, legend):  # setting one repaints the whole chart
            chart.border_title, chart.border_subtitle = title, legend
        chart.show_losses(series, self.t("chart.x"), x_min_span=10, now=True, fixed=fixed)

    def _accuracy_view(self) -> tuple[list[Series], FixedY, str, str]:
        """The validation accuracy per epoch in percent, on 0 to 100 %, and the target of the run's
        rules as a dotted line: where the curve reaches it, the accuracy target stops the run."""
        history, target = self.trainer.history, self.trainer.rules.target_accuracy
        accuracy = Series([e.epoch for e in history.epochs], [100 * e.validation_accuracy for e in history.epochs],
                          "×", "x", "validation")
        percent = FixedY(100.0, lambda y: f"{compact(y, self.num)} %", () if target is None else (100 * target,))
        legend = (self.t("chart.accuracy_legend") if target is None else
                  self.t("chart.accuracy_target_legend", value=self._rule_text(RULES[TARGET_ROW], self.trainer.rules)))
        return [accuracy], percent, self.t("chart.accuracy_title"), legend

    def _dog_probability(self, points: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):  # a diverged network may overflow; it then predicts nan
            return self.trainer.net.predict_proba(points)[:, 0]

    def _series(self) -> list[Series]:
        history = self.trainer.history
        epochs = [record.epoch for record in history.epochs]
        return [
            Series(self.run.batch_x, history.batch_losses, "braille", ".", "faint", points=True),
            Series(epochs, list(history.validation_losses), "×", "x", "validation"),
            Series(epochs, list(history.train_losses), "•", "*", "training"),
        ]

    def _status(self) -> str:
        trainer, run = self.trainer, self.run
        total = run.batches_in_epoch
        done = total if trainer.stopped else run.done_in_epoch  # a stopped run finished its last epoch
        filled = round(PROGRESS_WIDTH * done / total)
        state = ("stopped" if trainer.stopped else "playing" if self.pacer.playing else "paused")
        size = self.t("all") if self.batch_size == 0 else str(self.batch_size)
        return glyphs(self.t(
            "status", epoch=trainer.epoch + (0 if trainer.stopped else 1), bar="█" * filled + "░" * (PROGRESS_WIDTH - filled),
            batch=done, batches=total, rate=self.numbers.short(self.learning_rate, 3),
            size=size, state=self.t(f"state.{state}"),
        ))

    def _data_description(self) -> str:
        """What the run learns from, shown before its first epoch."""
        parts = self.setup.split
        return self.t("result.none", animals=sum(len(getattr(parts, n)) for n in ("train", "validation", "test")),
                      split="/".join(str(p) for p in self.settings.split_percent), train=len(parts.train),
                      validation=len(parts.validation), test=len(parts.test),
                      network="-".join(map(str, self.trainer.net.sizes)))

    def _result(self) -> str:
        history = self.trainer.history
        if not history.epochs:
            return self._data_description()
        last = history.epochs[-1]
        tested = history.epochs[history.tested_epoch - 1] if history.tested_epoch else last
        if tested is last:
            lines = [self.t("result.accuracy", value=self.num(100 * last.validation_accuracy, 1))]
        else:  # early stopping went back: the accuracy of the weights the map shows and the test measures
            lines = [self.t("result.accuracy_at", value=self.num(100 * tested.validation_accuracy, 1), epoch=tested.epoch)]
        if history.stop_reason is None:
            lines += [self.t("result.train_loss", value=self.num(last.train_loss, 3)),
                      self.t("result.validation_loss", value=self.num(last.validation_loss, 3))]
        else:
            lines.append(self._stop_sentence(history))
            if history.test_accuracy is not None:  # early stopping went back to the best weights: it says so
                went_back = history.stop_reason is StopReason.EARLY_STOPPING
                lines.append(self.t("result.test_best" if went_back else "result.test",
                                    value=self.num(100 * history.test_accuracy, 1), epoch=history.tested_epoch))
        return "\n".join(lines)

    def _stop_sentence(self, history) -> str:
        """Which rule stopped the run, and the engine's numbers that made it fire."""
        reason, epoch = history.stop_reason, history.stopped_at
        values = {"epoch": epoch}
        if reason is StopReason.DIVERGED:
            values.update(loss=self.numbers.short(history.epochs[-1].train_loss, 3),
                          start=self.num(history.start_loss, 2), factor=self.num(DIVERGENCE_FACTOR, 0),
                          rate=self.numbers.short(self.trainer.learning_rate, 3))
        elif reason is StopReason.EARLY_STOPPING:
            values.update(best=history.best_epoch, patience=self.t("epochs", n=self.trainer.rules.early_stopping_patience))
        return self.t(f"stopped.{reason.value}", **values)

    # -- predict, then see -------------------------------------------------
    def question(self, step: int) -> Question | None:
        """Which rule stops this run first? The engine trains a copy of the run to its end to know."""
        armed = tuple(reason for reason in FIRES if getattr(self.rules, FIELD_OF[reason]) is not None)
        if step != RULES_STEP or self.trainer.stopped or len(armed) < 2:
            return None  # a rule that is off can never fire: with one rule left there is nothing to choose
        ahead = copy.deepcopy(self.trainer)
        history = ahead.run()
        if history.stop_reason not in armed:
            return None  # divergence: the rules do not come into it
        choices = tuple(self._choice(reason) for reason in armed)
        return Question(
            prompt=self.t("ask.prompt", rate=self.numbers.short(self.learning_rate, 3),
                          size=self.t("all") if self.batch_size == 0 else str(self.batch_size)),
            choices=choices,
            answer=armed.index(history.stop_reason),
            reason=self._stop_sentence(history),
            about=(self.rules, self.learning_rate, self.batch_size, self.run.seed, len(self.trainer.history.batch_losses),
                   self.setup.fractions),
        )

    def _choice(self, reason: StopReason) -> str:
        rule = next(rule for rule in RULES if rule.field == FIELD_OF[reason])
        values = {"value": self._rule_text(rule)}
        if reason is StopReason.PLATEAU:
            values["epochs"] = self.t("epochs", n=self.rules.plateau_patience)
        return self.t(f"ask.{reason.value}", **values)


SCENE = Training
