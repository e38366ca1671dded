"""The training scene: its numbers are the engine's, every stopping rule stops it, the panel refuses bad input."""

from __future__ import annotations

import copy
from dataclasses import replace

import numpy as np
import pytest

import scenes
from engine import MLP, StopReason, Trainer, default_training_setup, split
from engine.data import animals
from engine.training import DIVERGENCE_FACTOR
from scenes.training import EPOCHS_PER_SECOND, FIRES, RULES_STEP, STEPS_PER_SECOND
from tui.predict import SKIP_KEY, QuestionBox
from scenes.training import Training
from scenes.training_rules import RULES
from tests.conftest import FakeClock, languages_in_turn, make_app, play_frames, screen_lines, shown, until
from tui.widgets.decision_map import DecisionMap
from tui.widgets.loss_chart import LossChart
from tui.widgets.rules_panel import ValueInput


def scene_of(app) -> Training:
    return app.query_one(Training)


def text(app, selector: str) -> str:
    """What a Static says (before wrapping)."""
    return str(app.query_one(selector).render())


def drawn(app, selector: str) -> str:
    """The lines a widget draws on screen."""
    return shown(app.query_one(selector))


def reference(**changes) -> Trainer:
    """The engine's own run of the scene's set-up, for comparing numbers."""
    setup = default_training_setup(0)
    trainer = setup.trainer()
    for name, value in changes.items():
        setattr(trainer, name, value)
    return trainer


async def to_rules(pilot) -> None:
    """On to the stopping rules (the step where they can be changed), skipping the question before it."""
    scene = scene_of(pilot.app)
    while scene.step < RULES_STEP:
        await pilot.press("right")
        if scene.asking is not None:
            await pilot.press(SKIP_KEY)


async def type_rule(pilot, row: int, value: str) -> None:
    """Select stopping rule `row` in explore mode, then type `value` into it."""
    scene = scene_of(pilot.app)
    await to_rules(pilot)
    await pilot.press("enter")
    for _ in range((row - scene.selected) % len(RULES)):
        await pilot.press("down")
    await pilot.press("escape", "i", *value, "enter")
    await pilot.pause()


def row_of(field: str) -> int:
    return [rule.field for rule in RULES].index(field)


async def test_epochs_show_the_engines_numbers():
    app = make_app("training")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "e", "e")
        expected = reference()
        for _ in range(3):
            expected.step_epoch()
        last = expected.history.epochs[-1]
        scene = scene_of(app)
        assert scene.trainer.history.epochs == expected.history.epochs
        result = text(app, "#result")
        assert f"Validation accuracy {100 * last.validation_accuracy:.1f} %" in result
        assert f"Training loss {last.train_loss:.3f}" in result
        assert f"Validation loss {last.validation_loss:.3f}" in result
        assert "Epoch 4 " in text(app, "#status")
        series = app.query_one(LossChart).series
        assert list(series[-1].ys) == list(expected.history.train_losses)
        assert list(series[-2].ys) == list(expected.history.validation_losses)
        assert list(series[0].ys) == expected.history.batch_losses


async def test_one_batch_and_its_progress():
    app = make_app("training")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "s")
        expected = reference()
        losses = [expected.step_batch(), expected.step_batch()]
        assert scene_of(app).trainer.history.batch_losses == losses
        assert "batch 2/15" in text(app, "#status")


async def test_learning_rate_and_batch_size_keys_reach_the_trainer():
    app = make_app("training")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("plus", "b", "b", "b", "e")
        trainer = scene_of(app).trainer
        assert (trainer.learning_rate, trainer.batch_size) == (0.3, 64)
        assert "η 0.3 " in text(app, "#status") and "batch size 64" in text(app, "#status")
        expected = reference(learning_rate=0.3, batch_size=64)
        expected.step_epoch()
        assert trainer.history.epochs == expected.history.epochs
        assert "batch 0/2" in text(app, "#status")
        await pilot.press("minus", "minus")
        assert trainer.learning_rate == 0.03


async def test_decision_map_is_the_networks_prediction():
    app = make_app("training")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", "e", "e")
        decision = app.query_one(DecisionMap)
        net = scene_of(app).trainer.net
        centres = decision.cell_centres(decision.size).reshape(-1, 2)
        expected = net.predict_proba(centres)[:, 0].reshape(decision.size.height, decision.size.width) >= 0.5
        assert (decision.predicted == expected).all()
        assert decision.predicted.any() and not decision.predicted.all()


@pytest.mark.parametrize(
    ("typed", "reason", "expected_rules"),
    [
        ({"max_epochs": "3"}, StopReason.MAX_EPOCHS, {"max_epochs": 3}),
        ({"target_accuracy": "75"}, StopReason.TARGET_ACCURACY, {"target_accuracy": 0.75}),
        ({"plateau_epsilon": "0.05", "plateau_patience": "1"}, StopReason.PLATEAU,
         {"plateau_epsilon": 0.05, "plateau_patience": 1}),
        ({}, StopReason.EARLY_STOPPING, {}),
    ],
)
@pytest.mark.slow
async def test_each_stopping_rule_stops_the_run(typed, reason, expected_rules):
    app = make_app("training")
    async with app.run_test(size=(80, 24)) as pilot:
        for field, value in typed.items():
            await type_rule(pilot, row_of(field), value)
        await pilot.press("space")  # without animation: straight to the end of the run
        await pilot.pause()
        expected = reference(rules=replace(default_training_setup(0).rules, **expected_rules))
        history = expected.run()
        assert history.stop_reason is reason
        shown = scene_of(app).trainer.history
        assert (shown.stop_reason, shown.stopped_at, shown.test_accuracy) == (reason, history.stopped_at, history.test_accuracy)
        result = text(app, "#result")
        assert f"Stopped after epoch {history.stopped_at} by" in result
        assert f"Test accuracy {100 * history.test_accuracy:.1f} %" in result
        said = " ".join(result.split())
        if reason is StopReason.EARLY_STOPPING:  # back to the best weights, and it says so
            assert history.tested_epoch == history.best_epoch < history.stopped_at
            assert f"with the weights of the best epoch ({history.best_epoch}): early stopping goes back to them." in said
            tested = history.epochs[history.best_epoch - 1]  # and the validation accuracy is theirs, not the last epoch's
            assert said.startswith(f"Validation accuracy {100 * tested.validation_accuracy:.1f} % (epoch {history.best_epoch})")
        else:  # the last weights
            assert history.tested_epoch == history.stopped_at
            assert f"with the weights of epoch {history.stopped_at}." in said
            assert said.startswith(f"Validation accuracy {100 * history.epochs[-1].validation_accuracy:.1f} % Stopped")
        assert "stopped" in text(app, "#status")
        await pilot.press("e", "space")  # a stopped run stays stopped
        assert shown.stopped_at == history.stopped_at and len(shown.epochs) == history.stopped_at


async def test_a_far_too_large_learning_rate_is_caught():
    app = make_app("training")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*["plus"] * 8, "space")
        history = scene_of(app).trainer.history
        assert scene_of(app).trainer.learning_rate == 10.0
        expected = reference(learning_rate=10.0).run()
        assert (history.stop_reason, history.stopped_at) == (expected.stop_reason, expected.stopped_at)


@pytest.mark.slow
async def test_bad_input_is_refused_and_the_old_value_kept():
    app = make_app("training")
    async with app.run_test(size=(80, 24)) as pilot:
        scene = scene_of(app)
        before = scene.rules
        for field, typed in [("max_epochs", "abc"), ("max_epochs", "0"), ("max_epochs", "2.5"),
                             ("plateau_patience", "-3"), ("target_accuracy", "150"), ("target_accuracy", "0,9"),
                             ("plateau_epsilon", "-1"), ("early_stopping_patience", "1e400")]:
            await type_rule(pilot, row_of(field), typed)
            assert scene.rules == before and scene.trainer.rules == before
            message = text(app, "#rules-message")
            assert message.startswith(f"Refused “{typed}”") and "Kept" in message, typed
            assert app.focused is scene
        await pilot.press("e")  # the keys work again
        assert scene.trainer.epoch == 1


async def test_typed_keys_go_into_the_input_and_esc_gives_them_back():
    app = make_app("training")
    async with app.run_test(size=(80, 24)) as pilot:
        scene = scene_of(app)
        await to_rules(pilot)
        await pilot.press("i", "q", "e", "o", "3")  # q would quit, e train, o open the overview
        field = app.query_one(ValueInput)
        assert app.focused is field and field.value == "qeo3"
        assert app.screen is scene.screen
        assert app.is_running and scene.trainer.epoch == 0
        await pilot.press("escape", "e")
        assert app.focused is scene and not field.display
        assert scene.rules == default_training_setup(0).rules and scene.trainer.epoch == 1


@pytest.mark.slow
async def test_keys_right_after_enter_reach_the_scene():
    app = make_app("training")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_rules(pilot)
        await pilot.press("i", "backspace", "backspace", "backspace", "2", "enter", "e", "e")
        scene = scene_of(app)
        assert scene.rules.max_epochs == 2
        assert scene.trainer.history.stop_reason is StopReason.MAX_EPOCHS


@pytest.mark.slow
async def test_explore_mode_picks_and_changes_a_rule():
    app = make_app("training")
    async with app.run_test(size=(80, 24)) as pilot:
        scene = scene_of(app)
        await pilot.press("enter")
        assert scene.step == 0 and not scene.exploring, "Enter does not skip the decision map"
        await to_rules(pilot)
        await pilot.press("enter")
        assert scene.step == 2 and scene.exploring
        await pilot.press("down", "down", "down", "right", "left", "left")
        assert scene.rules.target_accuracy == 0.85
        assert "85 %" in drawn(app, "#rules-rows").splitlines()[3]
        await pilot.press("left", "left", "left")
        assert scene.rules.target_accuracy is None
        await pilot.press("up", "left")
        assert scene.rules.plateau_patience == 3
        assert scene.trainer.rules == scene.rules


async def test_reset_starts_a_new_network_with_the_next_seed():
    app = make_app("training")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "r")
        scene = scene_of(app)
        assert scene.run.seed == 1 and scene.trainer.epoch == 0
        await pilot.press("e")
        setup = default_training_setup(0)
        net = MLP(setup.net.sizes, setup.net.activation, seed=1)
        expected = Trainer(net, setup.split, setup.learning_rate, setup.batch_size, setup.rules, 1, setup.loss)
        expected.step_epoch()
        assert scene.trainer.history.epochs == expected.history.epochs


async def test_reveal_order_forward_and_back():
    app = make_app("training")
    async with app.run_test(size=(80, 24)) as pilot:
        shown = lambda: (app.query_one("#map").visible, app.query_one("#rules").visible)  # noqa: E731
        assert shown() == (False, False)
        await pilot.press("right")
        assert shown() == (True, False)
        await pilot.press("right", SKIP_KEY)
        assert shown() == (True, True)
        await pilot.press("left", "left")
        assert shown() == (False, False)


async def test_playing_trains_by_the_clock_and_pauses():
    clock = FakeClock()
    app = make_app("training", animate=True, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = scene_of(app)
        await pilot.press("space")
        clock.advance(0.25)  # a quarter second at 4 epochs per second: one epoch, 15 batches
        await until(pilot, lambda: len(scene.trainer.history.batch_losses) >= 15)
        assert len(scene.trainer.history.batch_losses) == 15
        await pilot.press("space")
        clock.advance(1.0)
        await pilot.pause(0.3)
        assert len(scene.trainer.history.batch_losses) == 15 and not scene.pacer.playing


@pytest.mark.parametrize("size, steps", [(8, 60), (1, 60), (0, 4)])
async def test_playing_takes_four_epochs_a_second_in_at_most_sixty_steps(size, steps):
    """Batches of 8 train four epochs of 120 animals a second; batches of 1 would be 480 steps a second,
    so they take only 60 (an epoch in two seconds); whole-part batches take four steps a second."""
    clock = FakeClock()
    app = make_app("training", animate=True, clock=clock, questions=False)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = scene_of(app)
        while scene.batch_size != size:
            await pilot.press("b")
        await pilot.press("space")
        for _ in range(4):  # one second of frames (a quarter second is exact in binary)
            clock.advance(0.25)
            scene.pacer.tick()
        assert len(scene.trainer.history.batch_losses) == steps
        assert len(scene.setup.split.train) == 120 and (STEPS_PER_SECOND, EPOCHS_PER_SECOND) == (60, 4)


async def test_the_map_keeps_its_size_while_a_run_goes():
    """At the first epoch the text under the map turns from the split's four lines into three numbers:
    it keeps its rows, so the map is not laid out and drawn whole again in the middle of a run."""
    clock = FakeClock()
    app = make_app("training", animate=True, clock=clock, questions=False)
    async with app.run_test(size=(120, 40)) as pilot:
        scene = scene_of(app)
        await app.go(app.index, 1)  # the map is on screen
        await pilot.pause()
        decision, result = app.query_one(DecisionMap), app.query_one("#result")
        before, rows = decision.size, len(result.lines)
        await pilot.press("space")
        for _ in range(4):
            clock.advance(0.25)
            scene.pacer.tick()
            await pilot.pause()
        assert len(scene.trainer.history.epochs) == 4 and decision.size == before
        assert rows == 4 and [line.plain for line in result.lines][3:] == [""]


async def test_at_batch_size_1_the_chart_and_the_map_redraw_together_once_a_second(monkeypatch):
    """Sixty batches a second, five frames a second: the chart and the map redraw once a second,
    in the same frame (one pass of the compositor); a pause shows the newest state within that second."""
    clock = FakeClock()
    app = make_app("training", animate=True, clock=clock, questions=False)
    async with app.run_test(size=(120, 40)) as pilot:
        scene, chart = scene_of(app), app.query_one(LossChart)
        await app.go(app.index, 1)  # the map is on screen
        while scene.batch_size != 1:
            await pilot.press("b")
        maps = []
        show = DecisionMap.show
        monkeypatch.setattr(DecisionMap, "show", lambda self, f: (maps.append(clock()), show(self, f)))
        redraws, frames = chart.redraws, []
        await pilot.press("space")
        for _ in range(9):  # 1.8 s
            clock.advance(0.2)
            scene.pacer.tick()
            await pilot.pause()
            frames.append((chart.redraws - redraws, len(maps)))
        assert 107 <= len(scene.run.batch_x) <= 108  # 60 a second for 1.8 s (frames of 0.2 s add up a hair short)
        assert len(maps) == 1 and maps[0] >= 1.0
        assert all(chart_redraws == map_shows for chart_redraws, map_shows in frames)  # in the same frames
        await pilot.press("space")  # paused 0.8 s after the last redraw: the rest follows within the second
        clock.advance(0.2)
        await until(pilot, lambda: len(maps) == 2)
        assert len(maps) == 2 and chart.redraws == redraws + 2 and len(chart.series[0].xs) == len(scene.run.batch_x)


async def test_german_numbers_use_a_decimal_comma():
    app = make_app("training", lang="de")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        expected = reference()
        record = expected.step_epoch()
        assert f"Validierungs-Accuracy {100 * record.validation_accuracy:.1f} %".replace(".", ",") in text(app, "#result")
        assert "η 0,1 " in text(app, "#status")


@pytest.mark.parametrize("lang", ["en", "de"])
def test_snapshot_training(snap_compare, lang):
    async def three_epochs_all_steps(pilot):
        await pilot.press("e", "e", "e", "right", "right")
        await pilot.pause()

    assert snap_compare(make_app("training", lang), terminal_size=(80, 24), run_before=three_epochs_all_steps)


def test_snapshot_training_stopped(snap_compare):
    async def stopped_by_max_epochs(pilot):
        await type_rule(pilot, row_of("max_epochs"), "4")
        await pilot.press("space")
        await pilot.pause()

    assert snap_compare(make_app("training"), terminal_size=(80, 24), run_before=stopped_by_max_epochs)


# -- the end of a run, units, divergence, one data set, predict then see ---------------

@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "de"])
async def test_a_stopped_run_shows_its_final_state_at_once(lang):
    """Played by the clock and stopped by early stopping: map, chart and status show the end."""
    clock = FakeClock()
    app = make_app("training", lang, animate=True, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right")
        scene = scene_of(app)
        await pilot.press("space")
        await play_frames(pilot, clock, 600, done=lambda: scene.trainer.stopped)
        assert scene.trainer.history.stop_reason is StopReason.EARLY_STOPPING
        engine = reference()
        history = engine.run()
        last = reference(rules=replace(engine.rules, early_stopping_patience=None, max_epochs=history.stopped_at))
        last.run()
        decision = app.query_one(DecisionMap)
        centres = decision.cell_centres(decision.size).reshape(-1, 2)
        maps = [net.predict_proba(centres)[:, 0].reshape(decision.size.height, decision.size.width) >= 0.5
                for net in (engine.net, last.net)]
        assert (decision.predicted == maps[0]).all(), "the map shows the network that was tested: the best epoch's"
        assert (decision.predicted != maps[1]).any(), "not the last epoch's"
        series = app.query_one(LossChart).series
        assert list(series[-1].ys) == list(scene.trainer.history.train_losses)
        status = text(app, "#status")
        total = scene.run.batches_in_epoch
        assert f"{scene.trainer.epoch} " in status and f"{total}/{total}" in status and "░" not in status


@pytest.mark.parametrize("lang", ["en", "de"])
async def test_every_count_rule_says_epochs_and_the_fired_rule_is_marked(lang):
    app = make_app("training", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_rules(pilot)
        await pilot.press("space")
        rows = drawn(app, "#rules-rows").splitlines()
        word = {"en": "epochs", "de": "Epochen"}[lang]
        for field in ("max_epochs", "plateau_patience", "early_stopping_patience"):
            assert word in rows[row_of(field)]
        assert "90 %" in rows[row_of("target_accuracy")], "the lecture's accuracy target is on"
        engine = reference()
        history = engine.run()
        assert history.stop_reason is StopReason.EARLY_STOPPING
        assert rows[row_of("early_stopping_patience")].rstrip().endswith("◀")
        assert sum("◀" in row for row in rows) == 1
        best = int(np.argmin(history.validation_losses)) + 1
        result = " ".join(text(app, "#result").split())
        assert f" {history.stopped_at} " in result and f" {best}," in result and f"({best})" in result
        tested = {"en": f"Test accuracy {scene_of(app).num(100 * history.test_accuracy, 1)} %, measured once,"
                        f" with the weights of the best epoch ({best}): early stopping goes back to them.",
                  "de": f"Test-Accuracy {scene_of(app).num(100 * history.test_accuracy, 1)} %, einmal gemessen,"
                        f" mit den Gewichten der besten Epoche ({best}): Early Stopping kehrt zu ihnen zurück."}
        assert tested[lang] in result
        assert history.tested_epoch == best, "the engine tested the weights the screen names"
        assert all(np.array_equal(p, q) for p, q in zip(scene_of(app).trainer.net.params, engine.net.params))


@pytest.mark.parametrize("lang", ["en", "de"])
async def test_eta_10_is_stopped_by_divergence_and_the_screen_says_so(lang):
    app = make_app("training", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*["plus"] * 6, "space")
        scene = scene_of(app)
        history = scene.trainer.history
        assert scene.trainer.learning_rate == 10.0 and history.stop_reason is StopReason.DIVERGED
        result = " ".join(text(app, "#result").split())
        word = {"en": "divergence", "de": "Divergenz"}[lang]
        assert word in result and "η = 10" in result
        assert scene.num(history.start_loss, 2) in result
        assert history.train_losses[-1] > DIVERGENCE_FACTOR * history.start_loss


async def test_training_learns_from_the_split_chosen_in_supervised():
    app = make_app("supervised")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", "p", "minus", "minus", "minus")  # test 5 %: 75/20/5
        assert app.settings.split_percent == (75, 20, 5)
        await app.go(scenes.scene_ids().index("training"), 0)
        await pilot.pause()
        scene = scene_of(app)
        expected = split(animals(0), (0.75, 0.2, 0.05), seed=0)
        assert len(scene.setup.split.train) == len(expected.train) == 150
        np.testing.assert_array_equal(scene.setup.split.validation.X, expected.validation.X[:, :2])
        assert "75/20/5" in text(app, "#result") and "150" in text(app, "#result")
        await pilot.press("e")
        reference_run = Trainer(MLP(scene.setup.net.sizes, "tanh", seed=0), scene.setup.split, 0.1, 8,
                                scene.setup.rules, 0, "cross_entropy")
        reference_run.step_epoch()
        assert scene.trainer.history.epochs == reference_run.history.epochs


VERDICT = {"en": ("✓ Right", "✗ Not quite"), "de": ("✓ Richtig", "✗ Nicht ganz")}


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "typed"), [("en", {}), ("de", {"target_accuracy": "75"}), ("en", {"max_epochs": "8"})])
async def test_which_rule_fires_first_is_asked_and_judged_by_running_the_engine_ahead(lang, typed):
    app = make_app("training", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        for field, value in typed.items():
            await type_rule(pilot, row_of(field), value)
        scene = scene_of(app)
        while scene.step:
            await pilot.press("left")
        await pilot.press("right", "right")
        assert scene.asking is not None and scene.step == 1
        expected = reference(rules=scene.rules).run().stop_reason
        assert scene.asking.answer == FIRES.index(expected)
        assert scene.trainer.epoch == 0, "the engine ran a copy ahead; the run itself has not moved"
        await pilot.press(str(scene.asking.answer + 1))
        assert scene.step == RULES_STEP
        assert str(app.query_one(QuestionBox).render()).startswith(VERDICT[lang][0])
        await pilot.press("space")
        assert scene.trainer.history.stop_reason is expected


@pytest.mark.slow
async def test_changing_a_rule_asks_again():
    app = make_app("training")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", "right", "1")
        await pilot.press("enter", "down", "down", "down", "left", "escape", "left", "right")
        scene = scene_of(app)
        assert scene.asking is not None
        await pilot.press(SKIP_KEY)
        assert (app.tally.answered, app.tally.skipped) == (1, 1)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_snapshot_asking_which_rule(snap_compare, lang):
    async def ask(pilot):
        await pilot.press("right", "right")
        await pilot.pause()

    assert snap_compare(make_app("training", lang), terminal_size=(80, 24), run_before=ask)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_snapshot_diverged(snap_compare, lang):
    async def diverge(pilot):
        await pilot.press(*["plus"] * 6, "right", "right", "space")
        await pilot.pause()

    assert snap_compare(make_app("training", lang), terminal_size=(80, 24), run_before=diverge)


# -- room for the chart at 80x22 and 80x23, and an axis that agrees with the readout ---


def plot_rows(chart: LossChart) -> int:
    """Rows of the chart's plot area (border, x axis, tick labels and x label taken off)."""
    return chart.size.height - 2 - bool(chart.axes.xlabel)


def y_labels(app) -> dict[int, float]:
    """The y tick labels the chart shows, by row of its plot area, read off the screen."""
    labels = {}
    for row, line in enumerate(drawn(app, "#chart").splitlines()[1:-1]):
        head = line[1:].split("┤")
        if len(head) > 1 and head[0].strip():
            labels[row] = float(head[0].strip().replace(",", "."))
    return labels


@pytest.mark.parametrize(("lang", "size"), [*languages_in_turn(((80, 22),), ((80, 22),)),
                                                pytest.param("en", (80, 23), marks=pytest.mark.slow)])
async def test_after_the_question_the_chart_keeps_its_rows_and_its_axis_agrees_with_the_readout(lang, size):
    app = make_app("training", lang)
    async with app.run_test(size=size) as pilot:
        scene, chart = scene_of(app), app.query_one(LossChart)
        await pilot.press("right", "right")
        assert scene.asking is not None
        assert plot_rows(chart) >= 6, "an open question leaves the chart its rows (rules and result make way)"
        await pilot.press(str(scene.asking.answer + 1), *["e"] * 6)
        await pilot.pause()
        assert plot_rows(chart) >= 6
        loss = scene.trainer.history.epochs[-1].train_loss
        assert scene.num(loss, 3) in text_of_result(app)
        labels = y_labels(app)
        assert len(labels) == len(chart.axes.yticks[0]), "every tick has a row of its own: none hides another"
        top, rows = chart.axes.ylim[1], plot_rows(chart)
        span = top / rows
        for row, value in labels.items():  # a label stands on the row where its value is drawn
            assert top - (row + 1) * span <= value <= top - row * span
        dot_row = int((top - loss) / span)
        last = drawn(app, "#chart").splitlines()[1 + dot_row]
        assert "•" in last, "the training dot of the last epoch is on the row of its loss"
        await pilot.press("space")
        await pilot.pause()
        assert scene.trainer.stopped and plot_rows(chart) >= 6
        reason = " ".join(scene._stop_sentence(scene.trainer.history).split())
        assert reason in text_of_result(app), "the result says why the run stopped..."
        assert reason not in " ".join(str(app.query_one(QuestionBox).render()).split()), "...and the verdict not twice"


def text_of_result(app) -> str:
    return " ".join(str(app.query_one("#result").render()).split())


@pytest.mark.parametrize("lang", ["en", "de"])
async def test_at_80_columns_a_divider_parts_the_rules_from_the_result(lang):
    """Side by side without it, '… 150 epochs' and 'split 50/30/20: …' read as one sentence."""
    app = make_app("training", lang, questions=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_rules(pilot)
        await pilot.press("space")
        await pilot.pause()
        rules, result = app.query_one("#rules").region, app.query_one("#result").region
        lines = "\n".join(screen_lines(app)).splitlines()
        assert rules.right <= result.x
        for y in range(rules.y, rules.bottom):
            line = lines[y]
            assert line[result.x] == "│" and line[result.x - 1] == " ", line


@pytest.mark.parametrize("lang", ["en", "de"])
async def test_a_rule_that_is_off_is_not_offered_and_one_rule_left_is_not_asked(lang):
    """--preset overfit switches plateau and accuracy off: they can never fire, so they are no choices."""
    from tests.conftest import started

    app = started("--preset", "overfit", "--lang", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = scene_of(app)
        assert scene.rules.plateau_epsilon is None and scene.rules.target_accuracy is None
        while scene.step < RULES_STEP - 1:
            await pilot.press("right")
        await pilot.press("right")
        question = scene.asking
        assert question is not None and len(question.choices) == 2
        off = scene.t("off")
        assert not any(off in choice.split() for choice in question.choices), question.choices
        expected = copy.deepcopy(scene.trainer).run().stop_reason
        assert question.answer == [StopReason.EARLY_STOPPING, StopReason.MAX_EPOCHS].index(expected)
    app = started("--preset", "overfit", "--set", "early-stopping=off", "--lang", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = scene_of(app)
        while scene.step < RULES_STEP and scene.asking is None:
            await pilot.press("right")
        assert scene.asking is None and scene.step == RULES_STEP, "only the epoch limit can stop it: nothing to ask"


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "de"])
async def test_a_refusal_keeps_value_and_unit_together_and_goes_with_the_next_key(lang):
    app = make_app("training", lang, questions=False)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = scene_of(app)
        await type_rule(pilot, row_of("target_accuracy"), "75")
        await type_rule(pilot, row_of("target_accuracy"), "abc")
        await pilot.pause()
        message = drawn(app, "#rules-message").splitlines()
        assert "abc" in message[0] and scene.refused
        assert any("75\u00a0%" in line for line in message), message
        assert not any(line.strip().startswith("%") for line in message), message
        await pilot.press("escape", "e")  # out of explore mode, and an epoch
        await pilot.pause()
        assert scene.trainer.epoch == 1
        assert "abc" not in drawn(app, "#rules-message"), "the refusal goes once the student does something else"


# -- the validation accuracy per epoch, and the accuracy target on it ---------------------


def percent_labels(app) -> dict[int, str]:
    """The y tick labels of the chart (in percent), by row of its plot area, read off the screen."""
    rows = drawn(app, "#chart").splitlines()[1:-1]
    return {row: line[1:].split("┤")[0].strip() for row, line in enumerate(rows) if "┤" in line}


def plot_line(app, row: int) -> str:
    """Row `row` of the chart's plot area as the screen shows it: right of the y axis, inside the border."""
    inside = drawn(app, "#chart").splitlines()[1 + row][1:-1]
    return inside[max(inside.find("┤"), inside.find("│")) + 1:]


@pytest.mark.parametrize("lang", ["en", "de"])
async def test_a_switches_the_chart_to_the_validation_accuracy_with_the_target_as_a_line(lang):
    """The lecture's other curve: validation accuracy per epoch, from the engine's history, on 0 to 100 %,
    and the accuracy target (on by default, 90 %) as a dotted line labelled with its value."""
    app = make_app("training", lang)
    async with app.run_test(size=(80, 22)) as pilot:
        scene, chart = scene_of(app), app.query_one(LossChart)
        await pilot.press("e", "e", "e", "a")
        await pilot.pause()
        expected = reference()
        for _ in range(3):
            expected.step_epoch()
        assert chart.border_title == scene.t("chart.accuracy_title")
        assert "a:" in chart.border_title and chart.border_title in drawn(app, "#chart").splitlines()[0]
        assert scene.t("chart.accuracy_target_legend", value="90 %") in drawn(app, "#chart").splitlines()[-1]
        [accuracy] = chart.series
        assert list(accuracy.ys) == [100 * e.validation_accuracy for e in expected.history.epochs]
        assert list(accuracy.xs) == [1, 2, 3]
        assert chart.axes.ylim == (0.0, 100.0)
        labels = percent_labels(app)
        assert set(labels.values()) >= {"0 %", "90 %"}
        target_row = next(row for row, label in labels.items() if label == "90 %")
        assert set(plot_line(app, target_row).rstrip()) == {"┈"}, "the target, across the plot"
        assert sum("┈" in line for line in drawn(app, "#chart").splitlines()[1:-1]) == 1, "one line, in the plot"
        await pilot.press("a")
        await pilot.pause()
        assert chart.border_title == scene.t("chart.title") and len(chart.series) == 3
        assert "┈" not in drawn(app, "#chart")


@pytest.mark.parametrize("lang", ["en", "de"])
async def test_the_accuracy_target_stops_the_run_where_the_curve_reaches_its_line(lang):
    """A target of 72.5 % (typed the way the language writes it): the run stops at the first epoch whose
    validation accuracy reaches it; on the chart that epoch's cross is on the line's row or above it."""
    app = make_app("training", lang, questions=False)
    async with app.run_test(size=(80, 22)) as pilot:
        await type_rule(pilot, row_of("target_accuracy"), {"en": "72.5", "de": "72,5"}[lang])
        await pilot.press("escape", "a", "space")
        await pilot.pause()
        scene, chart = scene_of(app), app.query_one(LossChart)
        history = scene.trainer.history
        assert history.stop_reason is StopReason.TARGET_ACCURACY
        accuracies = [100 * e.validation_accuracy for e in history.epochs]
        assert accuracies[-1] >= 72.5 > max(accuracies[:-1])
        written = {"en": "72.5 %", "de": "72,5 %"}[lang]
        assert chart.axes.levels == (72.5,) and written in chart.axes.yticks[1]
        target_row = next(row for row, label in percent_labels(app).items() if label == written)
        rows, top = plot_rows(chart), chart.axes.ylim[1]
        last_row = min(int((top - accuracies[-1]) / top * rows), rows - 1)
        assert last_row <= target_row and "×" in plot_line(app, last_row)
        assert scene.t("chart.accuracy_target_legend", value=written) in drawn(app, "#chart").splitlines()[-1]


async def test_with_the_accuracy_target_off_there_is_no_line():
    app = make_app("training", "de", questions=False)
    async with app.run_test(size=(80, 22)) as pilot:
        await type_rule(pilot, row_of("target_accuracy"), "0")
        await pilot.press("escape", "a", "e")
        await pilot.pause()
        chart = app.query_one(LossChart)
        assert chart.axes.levels == () and "┈" not in drawn(app, "#chart")
        legend = drawn(app, "#chart").splitlines()[-1]
        assert "× Validierung" in legend and "Ziel" not in legend


@pytest.mark.parametrize(("lang", "size"), [("de", (80, 22)), pytest.param("en", (80, 22), marks=pytest.mark.slow),
                                            pytest.param("de", (80, 23), marks=pytest.mark.slow),
                                            pytest.param("en", (120, 40), marks=pytest.mark.slow),
                                            pytest.param("de", (120, 40), marks=pytest.mark.slow)])
async def test_the_accuracy_chart_fits_at_the_end_of_an_early_stopped_run(lang, size):
    """Title, legend and labels whole, nothing cut, at the end of the default run (early stopping)."""
    from tests.app.test_fit import clipped

    app = make_app("training", lang, questions=False)
    async with app.run_test(size=size) as pilot:
        await to_rules(pilot)
        await pilot.press("a", "space")
        await pilot.pause()
        scene, chart = scene_of(app), app.query_one(LossChart)
        assert scene.trainer.history.stop_reason is StopReason.EARLY_STOPPING
        lines = drawn(app, "#chart").splitlines()
        assert scene.t("chart.accuracy_title") in lines[0]
        assert scene.t("chart.accuracy_target_legend", value="90 %") in lines[-1]
        assert "90 %" in percent_labels(app).values() and plot_rows(chart) >= 6
        assert clipped(app) == []


def test_snapshot_accuracy_chart_after_early_stopping(snap_compare):
    """German, the end of the default run: the accuracy curve under its 90 % target, and the test
    accuracy measured with the weights of the best validation epoch."""
    async def accuracy_at_the_end(pilot):
        await pilot.press("a", "right", "right", SKIP_KEY, "space")
        await pilot.pause()

    assert snap_compare(make_app("training", "de"), terminal_size=(80, 24), run_before=accuracy_at_the_end)
