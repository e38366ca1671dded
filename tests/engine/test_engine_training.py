import numpy as np
import pytest

from engine import MLP, EpochRecord, History, StoppingRules, StopReason, Trainer, default_training_setup, dogs_vs_cats, split
from engine.data import animals
from engine.training import DIVERGENCE_FACTOR


@pytest.fixture(scope="module")
def parts():
    return split(dogs_vs_cats(n=200, noise=0.12, overlap=0.2, seed=1), (0.6, 0.2, 0.2), seed=1)


def trainer(parts, rules, learning_rate=0.1, batch_size=10, seed=0):
    return Trainer(MLP([2, 8, 1], seed=seed), parts, learning_rate, batch_size, rules, seed)


def uncapped(data_seed: int, net_seed: int):
    """The default set-up's data, network `net_seed` and rate, trained 150 epochs with no rule but the cap."""
    setup = default_training_setup(seed=data_seed)
    net = MLP(setup.net.sizes, setup.net.activation, seed=net_seed)
    rules = StoppingRules(max_epochs=150)
    return Trainer(net, setup.split, setup.learning_rate, setup.batch_size, rules, net_seed, setup.loss).run()


def overfits(history, patience: int = 15) -> dict[str, bool]:
    """What makes the stopping rules matter in one uncapped run."""
    train, validation = history.train_losses, history.validation_losses
    best = int(np.argmin(validation))
    return {
        "not easy after one epoch": history.epochs[0].validation_accuracy <= 0.9,
        "learns first": best >= 2,
        "early stopping has something to catch": best + patience < len(validation) - 1,
        "training loss still falls": train[-10:].mean() < train[best],
        "validation ends above training": validation[-1] > train[-1],
    }


@pytest.mark.slow
@pytest.mark.parametrize("net_seed", range(5))
def test_the_default_data_make_the_stopping_rules_matter(net_seed):
    """Data seed 0 (the app's), every network r draws: validation loss levels off or rises while
    training loss still falls, so early stopping catches something; one epoch is not enough."""
    setup = default_training_setup(seed=0)
    assert setup.net.sizes == [2, 16, 16, 1] and setup.net.activation == "tanh"
    found = overfits(uncapped(0, net_seed))
    assert found == dict.fromkeys(found, True)


@pytest.mark.slow
def test_other_data_seeds_mostly_overfit_too():
    found = [overfits(uncapped(data_seed, 0)) for data_seed in range(6)]
    assert all(f["early stopping has something to catch"] and f["not easy after one epoch"] for f in found)
    assert sum(f["training loss still falls"] for f in found) >= 4


def test_the_default_rules_stop_the_default_run_by_early_stopping():
    history = default_training_setup(seed=0).trainer().run()
    assert history.stop_reason is StopReason.EARLY_STOPPING and history.stopped_at < 60
    assert history.train_losses[-1] < history.train_losses[0]
    rules = default_training_setup(seed=0).rules
    assert rules.target_accuracy is not None and rules.early_stopping_patience is not None


def test_training_uses_the_supervised_split_of_the_lecture_animals():
    fractions = (0.7, 0.2, 0.1)
    setup = default_training_setup(seed=2, fractions=fractions)
    whole = split(animals(2), fractions, seed=2)
    for name in ("train", "validation", "test"):
        ours, theirs = getattr(setup.split, name), getattr(whole, name)
        np.testing.assert_array_equal(ours.X, theirs.X[:, :2])
        np.testing.assert_array_equal(ours.y, theirs.y)
    assert setup.fractions == fractions


@pytest.mark.parametrize("rate", [3.0, 10.0])
def test_a_far_too_large_rate_diverges_and_the_rule_says_so(rate):
    setup = default_training_setup(seed=0)
    run = setup.trainer()
    run.learning_rate = rate
    history = run.run()
    assert history.stop_reason is StopReason.DIVERGED and history.stopped_at <= 3
    assert history.tested_epoch == history.stopped_at, "divergence keeps the last weights"
    assert history.train_losses[-1] > DIVERGENCE_FACTOR * history.start_loss
    assert all(loss <= DIVERGENCE_FACTOR * history.start_loss for loss in history.train_losses[:-1])


@pytest.mark.parametrize("rate", [0.01, 0.1, 1.0])
def test_fitting_rates_never_count_as_divergence(rate):
    for seed in range(3):
        run = default_training_setup(seed=seed).trainer()
        run.learning_rate = rate
        assert run.run().stop_reason is not StopReason.DIVERGED


def test_start_loss_is_the_untrained_networks_training_loss():
    setup = default_training_setup(seed=0)
    run = setup.trainer()
    expected, _ = setup.net.evaluate(setup.split.train.X, setup.split.train.y, "cross_entropy")
    assert run.history.start_loss == expected
    assert abs(expected - np.log(2)) < 0.15, "an untrained network guesses about 50:50"


def test_same_seed_same_numbers_bit_for_bit():
    first, second = default_training_setup(seed=3).trainer(), default_training_setup(seed=3).trainer()
    a, b = first.run(), second.run()
    assert a == b  # every batch loss and epoch record, exactly
    assert all(np.array_equal(p, q) for p, q in zip(first.net.params, second.net.params))
    other = default_training_setup(seed=4).trainer().run()
    assert other.batch_losses != a.batch_losses


def test_setup_trainer_starts_fresh_each_time():
    setup = default_training_setup()
    setup.trainer().step_epoch()
    assert setup.trainer().history.epochs == []
    np.testing.assert_array_equal(setup.trainer().net.params[0], setup.net.params[0])


def test_stepping_one_batch_at_a_time(parts):
    run = trainer(parts, StoppingRules(max_epochs=5), batch_size=40)  # 120 training animals: 3 batches
    losses = [run.step_batch(), run.step_batch()]
    assert all(isinstance(x, float) for x in losses) and run.epoch == 0 and run.batches_left == 1
    run.step_batch()
    assert run.epoch == 1 and run.batches_left == 0
    assert len(run.history.batch_losses) == 3
    record = run.history.epochs[0]
    assert record.epoch == 1 and record.batch_size == 40 and record.learning_rate == 0.1


def test_step_epoch_and_changing_rate_and_batch_size(parts):
    run = trainer(parts, StoppingRules(max_epochs=5), batch_size=40)
    run.step_batch()
    run.batch_size = 120  # plain gradient descent, from the next epoch on
    run.learning_rate = 0.5  # from the next batch on
    record = run.step_epoch()
    assert record.epoch == 1 and record.learning_rate == 0.5 and len(run.history.batch_losses) == 3
    run.step_epoch()
    assert len(run.history.batch_losses) == 4, "one batch per epoch once batch size is n"
    with pytest.raises(ValueError, match="learning_rate"):
        run.learning_rate = 0.0
    with pytest.raises(ValueError, match="batch_size"):
        run.batch_size = 0


def test_max_epochs_rule(parts):
    history = trainer(parts, StoppingRules(max_epochs=3)).run()
    assert (history.stop_reason, history.stopped_at, len(history.epochs)) == (StopReason.MAX_EPOCHS, 3, 3)
    assert history.tested_epoch == 3, "the last weights are tested"


def test_target_accuracy_rule_fires_at_the_first_good_epoch(parts):
    history = trainer(parts, StoppingRules(max_epochs=100, target_accuracy=0.9)).run()
    assert history.stop_reason is StopReason.TARGET_ACCURACY
    accuracies = np.array([e.validation_accuracy for e in history.epochs])
    assert accuracies[-1] >= 0.9 and (accuracies[:-1] < 0.9).all()
    assert history.tested_epoch == history.stopped_at, "the weights that reached the target are tested"


def test_plateau_rule_needs_patience_epochs_of_small_change(parts):
    history = trainer(parts, StoppingRules(max_epochs=100, plateau_epsilon=10.0, plateau_patience=3)).run()
    assert (history.stop_reason, history.stopped_at) == (StopReason.PLATEAU, 4)
    history = trainer(parts, StoppingRules(max_epochs=400, plateau_epsilon=1e-3, plateau_patience=4), learning_rate=0.02).run()
    assert history.stop_reason is StopReason.PLATEAU
    changes = np.abs(np.diff(history.train_losses))
    assert (changes[-4:] < 1e-3).all()
    assert not any((changes[i - 4 : i] < 1e-3).all() for i in range(4, len(changes))), "did not fire earlier"


def test_early_stopping_rule_fires_when_validation_loss_stops_improving(parts):
    patience = 3
    history = trainer(parts, StoppingRules(max_epochs=400, early_stopping_patience=patience), learning_rate=0.5).run()
    assert history.stop_reason is StopReason.EARLY_STOPPING
    losses = history.validation_losses
    assert int(np.argmin(losses)) == len(losses) - 1 - patience
    assert all(int(np.argmin(losses[:e])) > e - 1 - patience for e in range(1, len(losses))), "did not fire earlier"


def test_best_epoch_is_the_first_of_the_lowest_validation_losses():
    history = History(epochs=[EpochRecord(e, 1.0, v, 0.5, 0.1, 8) for e, v in enumerate([0.5, 0.3, 0.3, 0.4], 1)])
    assert history.best_epoch == 2
    assert History().best_epoch is None


def test_early_stopping_tests_the_weights_of_the_best_validation_epoch(parts):
    """Goodfellow et al., algorithm 7.1: the network goes back to its best epoch's weights; the test
    part is measured with them. The same run stopped by the epoch limit keeps its last weights."""
    patience = 3
    run = trainer(parts, StoppingRules(max_epochs=400, early_stopping_patience=patience), learning_rate=0.5)
    history = run.run()
    assert history.stop_reason is StopReason.EARLY_STOPPING
    twin = trainer(parts, StoppingRules(max_epochs=history.stopped_at), learning_rate=0.5)
    weights = []  # after each epoch
    while not twin.stopped:
        twin.step_epoch()
        weights.append([p.copy() for p in twin.net.params])
    assert twin.history.epochs == history.epochs and twin.history.stop_reason is StopReason.MAX_EPOCHS
    best = int(np.argmin(history.validation_losses)) + 1
    assert history.tested_epoch == history.best_epoch == best == history.stopped_at - patience
    assert all(np.array_equal(p, q) for p, q in zip(run.net.params, weights[best - 1]))
    assert not all(np.array_equal(p, q) for p, q in zip(run.net.params, weights[-1])), "not the last weights"
    tested = MLP([2, 8, 1])
    tested.params = weights[best - 1]
    assert (history.test_loss, history.test_accuracy) == tested.evaluate(parts.test.X, parts.test.y, "cross_entropy")
    assert run.net.evaluate(parts.validation.X, parts.validation.y, "cross_entropy")[0] == history.epochs[best - 1].validation_loss
    assert twin.history.tested_epoch == history.stopped_at
    assert all(np.array_equal(p, q) for p, q in zip(twin.net.params, weights[-1]))
    assert (twin.history.test_loss, twin.history.test_accuracy) == twin.net.evaluate(parts.test.X, parts.test.y, "cross_entropy")


def test_the_best_weights_are_a_copy_the_steps_after_do_not_change():
    run = default_training_setup(seed=0).trainer()
    run.step_epoch()
    assert run.history.best_epoch == 1 and all(np.array_equal(p, q) for p, q in zip(run.best_params, run.net.params))
    while run.history.best_epoch == run.epoch:  # on until an epoch is not the best
        run.step_epoch()
    kept = [p.copy() for p in run.best_params]
    run.step_batch()
    assert all(np.array_equal(p, q) for p, q in zip(run.best_params, kept))
    assert not all(np.array_equal(p, q) for p, q in zip(run.best_params, run.net.params))


def test_divergence_is_a_stop_reason_not_a_warning(parts):
    history = trainer(parts, StoppingRules(max_epochs=50), learning_rate=1e300).run()
    assert (history.stop_reason, history.stopped_at) == (StopReason.DIVERGED, 1)
    relu = Trainer(MLP([2, 8, 8, 1], activation="relu", seed=0), parts, 1e300, 10, StoppingRules(max_epochs=50), 0, "mse")
    history = relu.run()
    assert history.stop_reason is StopReason.DIVERGED
    assert not np.isfinite(history.train_losses[-1]) or history.train_losses[-1] > 1e12


def test_test_part_is_evaluated_exactly_once_when_training_stops(parts):
    run = trainer(parts, StoppingRules(max_epochs=3))
    looked_at_test = []
    measure = run.net.evaluate

    def spy(X, Y, kind):
        looked_at_test.append(X is parts.test.X)
        return measure(X, Y, kind)

    run.net.evaluate = spy
    run.step_epoch()
    run.step_epoch()
    assert run.history.test_loss is None and run.history.test_accuracy is None and not any(looked_at_test)
    run.step_epoch()
    assert sum(looked_at_test) == 1
    assert run.step_batch() is None and run.step_epoch() is None and run.run() is run.history
    assert sum(looked_at_test) == 1
    loss, acc = measure(parts.test.X, parts.test.y, "cross_entropy")
    assert (run.history.test_loss, run.history.test_accuracy) == (loss, acc)


@pytest.mark.parametrize(
    "rules, message",
    [
        ({"max_epochs": 0}, "max_epochs"),
        ({"max_epochs": 2.5}, "max_epochs"),
        ({"plateau_epsilon": -1.0}, "plateau_epsilon"),
        ({"plateau_epsilon": float("nan")}, "plateau_epsilon"),
        ({"plateau_patience": 0}, "plateau_patience"),
        ({"target_accuracy": 1.5}, "target_accuracy"),
        ({"target_accuracy": 0.0}, "target_accuracy"),
        ({"early_stopping_patience": 0}, "early_stopping_patience"),
    ],
)
def test_stopping_rules_are_validated(rules, message):
    with pytest.raises(ValueError, match=message):
        StoppingRules(**rules)


def test_trainer_needs_a_validation_part():
    parts = split(dogs_vs_cats(n=50), (0.8, 0.0, 0.2))
    with pytest.raises(ValueError, match="validation"):
        Trainer(MLP([2, 1]), parts)


def test_empty_test_part_leaves_test_numbers_empty():
    parts = split(dogs_vs_cats(n=50), (0.8, 0.2, 0.0))
    history = Trainer(MLP([2, 1]), parts, rules=StoppingRules(max_epochs=2)).run()
    assert history.stop_reason is StopReason.MAX_EPOCHS and history.test_loss is None
