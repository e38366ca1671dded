"""The 0/1 loss is a staircase in the weight; the cross-entropy is smooth."""

import numpy as np
import pytest

from engine.data import dogs_vs_cats
from engine.functions import central_difference
from engine.loss_profile import (
    fewest_mistakes,
    fit_logistic,
    lowest_cross_entropy,
    predictions,
    proba,
    slopes,
    weight_profile,
    with_weight,
)
from engine.network import MLP, zero_one_loss


@pytest.fixture(scope="module")
def setup():
    train = dogs_vs_cats(n=200, noise=0.15, seed=1)
    shown = dogs_vs_cats(n=10, noise=0.15, seed=2)
    net = fit_logistic(train.X[:, 1:2], train.y, steps=500)
    return net, shown.X[:, 1:2], shown.y


def test_fitted_unit_beats_a_coin(setup):
    net, X, y = setup
    assert zero_one_loss(y, predictions(proba(net, X), 0.5)) <= 3


def test_predictions_use_the_threshold():
    assert predictions(np.array([0.2, 0.5, 0.7]), 0.5).tolist() == [0, 1, 1]
    assert predictions(np.array([0.2, 0.5, 0.7]), 0.6).tolist() == [0, 0, 1]


def test_profile_is_a_staircase_beside_a_smooth_curve(setup):
    net, X, y = setup
    w = net.params[0][0, 0]
    profile = weight_profile(net, X, y, np.linspace(0, 2 * w, 41), 0.5)
    steps = np.diff(profile.zero_one)
    assert (steps == 0).mean() > 0.6  # mostly flat
    assert set(np.unique(profile.zero_one)) <= set(range(len(y) + 1))
    assert (np.diff(profile.cross_entropy) != 0).all()  # never flat
    assert profile.cross_entropy[20] == pytest.approx(net.loss(X, y, "cross_entropy"))


def test_slopes_zero_one_flat_cross_entropy_matches_numbers(setup):
    net, X, y = setup
    flat, smooth = slopes(net, X, y, 0.5)
    assert flat == 0.0
    w = net.params[0][0, 0]
    numeric = central_difference(lambda v: with_weight(net, float(v)).loss(X, y, "cross_entropy"), w)
    assert smooth == pytest.approx(float(numeric), rel=1e-5)


@pytest.mark.parametrize("columns", [[1], [0, 1]])
def test_fit_logistic_takes_the_networks_own_gradient_steps(columns):
    """The written-out loop is plain gradient descent with MLP.gradients, bit for bit."""
    train = dogs_vs_cats(n=200, noise=0.2, seed=3)
    X = train.X[:, columns]
    reference = MLP([X.shape[1], 1], seed=5)
    for _ in range(300):
        reference.apply_gradients(reference.gradients(X, train.y, "cross_entropy"), 2.0)
    fitted = fit_logistic(X, train.y, steps=300, seed=5)
    for mine, theirs in zip(fitted.params, reference.params):
        np.testing.assert_array_equal(mine, theirs)


def test_fewest_mistakes_are_exact_ranges_of_the_weight(setup):
    net, X, y = setup
    high = 2 * float(net.params[0][0, 0])
    least, ranges = fewest_mistakes(net, X, y, 0.5, 0.0, high)
    dense = np.linspace(0.0, high, 4001)
    counts = weight_profile(net, X, y, dense, 0.5).zero_one
    assert least == counts.min()
    inside = np.zeros_like(dense, dtype=bool)
    for a, c in ranges:
        assert 0.0 <= a < c <= high
        inside |= (dense > a + 1e-9) & (dense < c - 1e-9)
    assert (counts[inside] == least).all()
    near_edges = np.array([any(abs(w - e) < 1e-2 for r in ranges for e in r) for w in dense])
    assert (counts[~inside & ~near_edges] > least).all()  # outside the ranges, more mistakes


def test_fewest_mistakes_by_hand():
    """σ(w·x − 1) ≥ 0.5 where w·x ≥ 1: a dog at x = 0.5 is right from w = 2, a cat at x = 0.25 wrong from w = 4."""
    net = MLP([1, 1], seed=0)
    net.params[1][0] = -1.0
    least, ranges = fewest_mistakes(net, np.array([[0.5], [0.25]]), np.array([1, 0]), 0.5, 0.0, 10.0)
    assert least == 0 and ranges == [(pytest.approx(2.0), pytest.approx(4.0))]


def test_lowest_cross_entropy_is_where_the_slope_is_zero(setup):
    net, X, y = setup
    high = 2 * float(net.params[0][0, 0])
    w = lowest_cross_entropy(net, X, y, 0.0, high)
    dense = np.linspace(0.0, high, 4001)
    assert weight_profile(net, X, y, [w], 0.5).cross_entropy[0] <= weight_profile(net, X, y, dense, 0.5).cross_entropy.min()
    assert slopes(with_weight(net, w), X, y, 0.5)[1] == pytest.approx(0.0, abs=1e-7)
    assert lowest_cross_entropy(net, X, y, 0.0, w / 2) == pytest.approx(w / 2)  # the slope is < 0 up to the range's end
