"""The written-out chain rule equals backpropagation and central differences."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.chain_rule import PARAMETERS, chains, tiny_network
from engine.functions import numerical_gradient
from engine.network import MLP


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 1000), x=st.floats(-2, 2), y=st.sampled_from([0.0, 1.0]))
def test_products_equal_backprop_and_central_differences(seed, x, y):
    net = tiny_network(seed)
    _, chain = chains(net, x, y)
    for index, name in enumerate(PARAMETERS):
        def cost(value, index=index):
            twin = net.copy()
            twin.params[index][...] = value
            return twin.loss(np.array([[x]]), np.array([y]), "mse")

        numeric = numerical_gradient(cost, net.params[index]).ravel()[0]
        assert chain[name].product == pytest.approx(chain[name].gradient, rel=1e-12, abs=1e-15)
        assert chain[name].gradient == pytest.approx(numeric, rel=1e-6, abs=1e-9)


def test_factors_are_the_local_derivatives():
    net = tiny_network(3)
    trace, chain = chains(net, 0.5, 1.0)
    y_hat = trace.forward.output[0, 0]
    a1 = trace.forward.activations[1][0, 0]
    assert dict(chain["w2"].factors) == pytest.approx(
        {"dC_dyhat": y_hat - 1.0, "dyhat_dz2": y_hat * (1 - y_hat), "dz2_dw2": a1})
    assert dict(chain["b1"].factors)["dz2_da1"] == net.params[2][0, 0]
    assert dict(chain["b1"].factors)["da1_dz1"] == pytest.approx(a1 * (1 - a1))


def test_other_networks_are_refused():
    with pytest.raises(ValueError):
        chains(MLP([2, 2, 1], activation="sigmoid"), 0.5, 1.0)
