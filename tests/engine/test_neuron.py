"""One neuron: its numbers by hand, and the same output as a one-unit MLP."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.network import MLP
from engine.neuron import neuron


def test_hand_computed_neuron():
    trace = neuron(np.array([1.0, 2.0, -1.0]), np.array([0.5, -1.0, 2.0]), 0.25, "relu")
    assert trace.products.tolist() == [0.5, -2.0, -2.0]
    assert trace.z == pytest.approx(-3.25)
    assert trace.output == 0.0


@pytest.mark.parametrize("activation, expected", [("sigmoid", 0.5), ("tanh", 0.0), ("relu", 0.0)])
def test_activation_at_zero(activation, expected):
    assert neuron(np.zeros(3), np.ones(3), 0.0, activation).output == pytest.approx(expected)


finite = st.floats(-3, 3)


@given(st.lists(finite, min_size=3, max_size=3), st.lists(finite, min_size=3, max_size=3), finite)
def test_matches_one_unit_mlp(x, w, b):
    net = MLP([3, 1], seed=0)
    net.params[0][:, 0], net.params[1][0] = w, b
    trace = neuron(np.array(x), np.array(w), b, "sigmoid")
    assert trace.output == pytest.approx(net.forward(np.array(x))[0, 0])


def test_rejects_unknown_activation_and_shapes():
    with pytest.raises(ValueError):
        neuron(np.zeros(3), np.zeros(3), 0.0, "softmax")
    with pytest.raises(ValueError):
        neuron(np.zeros(3), np.zeros(2), 0.0)
