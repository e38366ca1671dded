import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import MLP, accuracy, numerical_gradient, zero_one_loss

COMBINATIONS = list(itertools.product(("sigmoid", "tanh", "relu"), ("mse", "cross_entropy"), (1, 3)))


def targets_for(kind, rng, n, m):
    if kind == "cross_entropy":
        return rng.integers(0, 2, (n, m)).astype(float)
    return rng.normal(size=(n, m))


def numerical_param_gradients(net, X, Y, kind):
    def loss_with(param):
        def f(values):
            saved = param.copy()
            param[...] = values
            try:
                return net.loss(X, Y, kind)
            finally:
                param[...] = saved

        return f

    return [numerical_gradient(loss_with(p), p) for p in net.params]


def relative_error(a, b):
    return np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b))


@pytest.mark.parametrize("activation, kind, outputs", COMBINATIONS)
@pytest.mark.parametrize("seed", [0, 1])
def test_backprop_matches_central_differences(activation, kind, outputs, seed):
    rng = np.random.default_rng(100 + seed)
    net = MLP([3, 5, 4, outputs], activation=activation, seed=seed)
    for p in net.params[1::2]:  # non-zero biases, so their gradients are tested too
        p[...] = rng.normal(0, 0.5, p.shape)
    X = rng.normal(size=(8, 3))
    Y = targets_for(kind, rng, 8, outputs)
    analytic = net.gradients(X, Y, kind)
    numeric = numerical_param_gradients(net, X, Y, kind)
    for a, n in zip(analytic, numeric):
        assert a.shape == n.shape and a.dtype == np.float64
        assert relative_error(a, n) < 1e-6


def test_params_layout_and_layer_formula():
    net = MLP([2, 16, 16, 1], seed=0)
    assert [p.shape for p in net.params] == [(2, 16), (16,), (16, 16), (16,), (16, 1), (1,)]
    X = np.random.default_rng(0).normal(size=(5, 2))
    W1, b1, W2, b2, W3, b3 = net.params
    by_hand = 1 / (1 + np.exp(-(np.tanh(np.tanh(X @ W1 + b1) @ W2 + b2) @ W3 + b3)))
    np.testing.assert_allclose(net.forward(X), by_hand, rtol=1e-12)
    assert net.forward(X).shape == (5, 1)


def test_params_can_be_written_in_place():
    net = MLP([2, 1], seed=0)
    net.params[0][...] = [[2.0], [3.0]]
    net.params[1][...] = -5.0
    assert net.forward(np.array([[1.0, 1.0]])).tolist() == [[0.5]]


def test_same_seed_same_network():
    a, b, c = MLP([2, 8, 1], seed=3), MLP([2, 8, 1], seed=3), MLP([2, 8, 1], seed=4)
    assert all(np.array_equal(p, q) for p, q in zip(a.params, b.params))
    assert not np.array_equal(a.params[0], c.params[0])


def test_forward_trace_holds_every_layer():
    net = MLP([3, 4, 2], activation="relu", seed=0)
    X = np.random.default_rng(1).normal(size=(6, 3))
    trace = net.forward_trace(X)
    assert [z.shape for z in trace.zs] == [(6, 4), (6, 2)]
    assert [a.shape for a in trace.activations] == [(6, 3), (6, 4), (6, 2)]
    np.testing.assert_array_equal(trace.activations[1], np.maximum(trace.zs[0], 0))
    np.testing.assert_allclose(trace.output, 1 / (1 + np.exp(-trace.zs[1])), rtol=1e-12)
    np.testing.assert_array_equal(trace.output, net.forward(X))


def test_backward_trace_is_the_chain_rule_with_the_same_numbers():
    net = MLP([2, 3, 1], activation="sigmoid", seed=2)
    X, Y = np.array([[0.5, -1.0]]), np.array([[1.0]])
    trace = net.backward_trace(X, Y, "mse")
    a1, a2 = trace.forward.activations[1], trace.forward.output
    W2 = net.params[2]
    delta2 = (a2 - Y) * a2 * (1 - a2)  # dC/da2 * sigma'(z2), n = 1
    np.testing.assert_allclose(trace.deltas[1], delta2)
    np.testing.assert_allclose(trace.slopes[0], a1 * (1 - a1))
    np.testing.assert_allclose(trace.deltas[0], (delta2 @ W2.T) * trace.slopes[0])
    np.testing.assert_allclose(trace.gradients[0], X.T @ trace.deltas[0])
    assert trace.loss == pytest.approx(0.5 * ((a2 - Y) ** 2).sum())


def test_loss_kinds_by_hand():
    net = MLP([1, 1], seed=0)
    net.params[0][...] = 0.0  # output 0.5 for every input
    X, Y = np.zeros((4, 1)), np.array([0.0, 1.0, 1.0, 1.0])
    assert net.loss(X, Y, "mse") == pytest.approx(0.5 * 0.25)
    assert net.loss(X, Y, "cross_entropy") == pytest.approx(np.log(2))


def test_extreme_inputs_stay_finite_and_quiet():
    net = MLP([1, 2], activation="relu", seed=0)
    net.params[0][...] = [[1.0, -1.0]]
    X = np.array([[1e4], [-1e4]])
    Y = np.array([[0.0, 1.0], [1.0, 0.0]])  # confidently wrong
    loss = net.loss(X, Y, "cross_entropy")
    assert np.isfinite(loss) and loss > 1e3
    assert all(np.isfinite(g).all() for g in net.gradients(X, Y, "cross_entropy"))


def test_wrong_kinds_and_shapes_are_rejected():
    with pytest.raises(ValueError, match="activation"):
        MLP([2, 1], activation="step")
    with pytest.raises(ValueError, match="sizes"):
        MLP([2])
    with pytest.raises(ValueError, match="kind"):
        MLP([2, 1]).loss(np.zeros((1, 2)), np.zeros(1), "hinge")
    with pytest.raises(ValueError, match="kind"):
        MLP([2, 1]).gradients(np.zeros((1, 2)), np.zeros(1), "hinge")


def test_gradient_step_lowers_the_loss():
    net = MLP([2, 8, 1], seed=0)
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(32, 2)), rng.integers(0, 2, 32)
    before = net.loss(X, y, "cross_entropy")
    net.apply_gradients(net.gradients(X, y, "cross_entropy"), 0.1)
    assert net.loss(X, y, "cross_entropy") < before


def test_copy_is_independent():
    net = MLP([2, 4, 1], seed=0)
    twin = net.copy()
    twin.params[0] += 1.0
    assert not np.array_equal(net.params[0], twin.params[0])
    assert (twin.sizes, twin.activation) == (net.sizes, net.activation)


def test_probabilities_and_accuracy():
    one = MLP([1, 1], seed=0)
    one.params[0][...] = 1.0
    assert one.predict_proba(np.array([[0.0]])).tolist() == [[0.5]]
    loss, acc = one.evaluate(np.array([[-2.0], [3.0]]), np.array([0, 0]), "cross_entropy")
    assert acc == 0.5 and loss == pytest.approx(one.loss(np.array([[-2.0], [3.0]]), np.array([0, 0]), "cross_entropy"))


def test_zero_one_loss_counts_wrong_labels():
    assert zero_one_loss([1, 0, 1, 1], [1, 1, 0, 1]) == 2
    assert accuracy([1, 0, 1, 1], [1, 1, 0, 1]) == 0.5
    assert zero_one_loss(np.array([0, 1]), np.array([0, 1])) == 0


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 20), st.integers(0, 2**32 - 1))
def test_property_batch_gradient_is_the_mean_of_sample_gradients(n, seed):
    rng = np.random.default_rng(seed)
    net = MLP([2, 4, 1], seed=seed)
    X, y = rng.normal(size=(n, 2)), rng.integers(0, 2, n)
    batch = net.gradients(X, y, "cross_entropy")
    singles = [net.gradients(X[i : i + 1], y[i : i + 1], "cross_entropy") for i in range(n)]
    for k, g in enumerate(batch):
        np.testing.assert_allclose(g, np.mean([s[k] for s in singles], axis=0), rtol=1e-9, atol=1e-14)
