"""The training scene: its numbers are the engine's, every stopping rule stops it, the panel refuses bad input."""

from __future__ import annotations

from dataclasses import replace

import pytest

from engine import MLP, StopReason, Trainer, default_training_setup
from scenes.training import Training
from scenes.training_rules import RULES
from tests.conftest import FakeClock, make_app, shown
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


async def type_rule(pilot, row: int, value: str) -> None:
    """Select stopping rule `row` in explore mode, then type `value` into it."""
    scene = scene_of(pilot.app)
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


@pytest.mark.parametrize(
    ("field", "typed"),
    [("max_epochs", "abc"), ("max_epochs", "0"), ("max_epochs", "2.5"), ("plateau_patience", "-3"),
     ("target_accuracy", "150"), ("target_accuracy", "0,9"), ("plateau_epsilon", "-1"),
     ("early_stopping_patience", "1e400")],
)
async def test_bad_input_is_refused_and_the_old_value_kept(field, typed):
    app = make_app("training")
    async with app.run_test(size=(80, 24)) as pilot:
        scene = scene_of(app)
        before = scene.rules
        await type_rule(pilot, row_of(field), typed)
        assert scene.rules == before and scene.trainer.rules == before
        message = text(app, "#rules-message")
        assert message.startswith(f"Refused “{typed}”")
        assert "Kept" in message
        assert app.focused is scene
        await pilot.press("e")  # the keys work again
        assert scene.trainer.epoch == 1


async def test_typed_keys_go_into_the_input_and_esc_gives_them_back():
    app = make_app("training")
    async with app.run_test(size=(80, 24)) as pilot:
        scene = scene_of(app)
        await pilot.press("i", "q", "e", "o", "3")  # q would quit, e train, o open the overview
        field = app.query_one(ValueInput)
        assert app.focused is field and field.value == "qeo3"
        assert app.screen is scene.screen
        assert app.is_running and scene.trainer.epoch == 0
        await pilot.press("escape", "e")
        assert app.focused is scene and not field.display
        assert scene.rules == default_training_setup(0).rules and scene.trainer.epoch == 1


async def test_keys_right_after_enter_reach_the_scene():
    app = make_app("training")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i", "backspace", "backspace", "backspace", "2", "enter", "e", "e")
        scene = scene_of(app)
        assert scene.rules.max_epochs == 2
        assert scene.trainer.history.stop_reason is StopReason.MAX_EPOCHS


async def test_explore_mode_picks_and_changes_a_rule():
    app = make_app("training")
    async with app.run_test(size=(80, 24)) as pilot:
        scene = scene_of(app)
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
        await pilot.press("right")
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
        await pilot.pause(0.3)
        assert len(scene.trainer.history.batch_losses) == 15
        await pilot.press("space")
        clock.advance(1.0)
        await pilot.pause(0.3)
        assert len(scene.trainer.history.batch_losses) == 15 and not scene.pacer.playing


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
