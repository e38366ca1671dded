"""The written-out chain rule equals backpropagation and central differences;
the multiplication counts are those of the chain rule, path by path."""

import itertools
from math import prod

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.chain_rule import PARAMETERS, backward, gradient_check, multiplications, parameter_count, tiny_network
from engine.functions import central_difference, numerical_gradient
from engine.network import MLP


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 1000), x=st.floats(-2, 2), y=st.sampled_from([0.0, 1.0]))
def test_delta_times_local_factor_equals_backprop_and_central_differences(seed, x, y):
    net = tiny_network(seed)
    result = backward(net, x, y)
    for delta in result.deltas.values():
        assert prod(v for _, v in delta.factors) == pytest.approx(delta.value, rel=1e-12, abs=1e-15)
    for index, name in enumerate(PARAMETERS):
        def cost(value, index=index):
            twin = net.copy()
            twin.params[index][...] = value
            return twin.loss(np.array([[x]]), np.array([y]), "mse")

        numeric = numerical_gradient(cost, net.params[index]).ravel()[0]
        chain = result.gradients[name]
        assert prod(v for _, v in chain.factors) == pytest.approx(chain.value, rel=1e-12, abs=1e-15)
        assert chain.value == pytest.approx(numeric, rel=1e-6, abs=1e-9)


def test_factors_are_the_local_derivatives_and_the_deltas_are_shared():
    net = tiny_network(3)
    result = backward(net, 0.5, 1.0)
    y_hat = result.trace.forward.output[0, 0]
    a1 = result.trace.forward.activations[1][0, 0]
    assert dict(result.deltas["delta2"].factors) == pytest.approx(
        {"dC_dyhat": y_hat - 1.0, "dyhat_dz2": y_hat * (1 - y_hat)})
    delta2 = result.deltas["delta2"].value
    assert dict(result.deltas["delta1"].factors) == pytest.approx(
        {"delta2": delta2, "dz2_da1": net.params[2][0, 0], "da1_dz1": a1 * (1 - a1)})
    assert result.gradients["w2"].factors == (("delta2", delta2), ("dz2_dw2", pytest.approx(a1)))
    assert result.gradients["b1"].factors[0] == ("delta1", result.deltas["delta1"].value)


def test_gradient_check_by_hand():
    """w₁ = 0.5, b₁ = 0, w₂ = −1, b₂ = 0.2, x = 1, y = 1: the cost by hand with math.exp, then the secant."""
    from math import exp

    def cost(w1=0.5, b1=0.0, w2=-1.0, b2=0.2):
        sigma = lambda z: 1 / (1 + exp(-z))  # noqa: E731
        return 0.5 * (sigma(w2 * sigma(w1 * 1.0 + b1) + b2) - 1.0) ** 2

    net = tiny_network(0)
    for param, value in zip(net.params, (0.5, 0.0, -1.0, 0.2)):
        param[...] = value
    check = gradient_check(net, 1.0, 1.0, "w2", 0.1)
    assert (check.value, check.h) == (-1.0, 0.1)
    assert check.cost == pytest.approx(cost(), rel=1e-12)
    assert check.nudged_cost == pytest.approx(cost(w2=-0.9), rel=1e-12)
    assert check.secant == pytest.approx((cost(w2=-0.9) - cost()) / 0.1, rel=1e-9)
    assert check.backprop == backward(net, 1.0, 1.0).gradients["w2"].value
    assert net.params[2][0, 0] == -1.0  # the nudge is made on a copy


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 1000), x=st.floats(-2, 2), y=st.sampled_from([0.0, 1.0]),
       parameter=st.sampled_from(PARAMETERS))
def test_gradient_check_agrees_with_central_differences_and_its_gap_shrinks_with_h(seed, x, y, parameter):
    """Backprop's value is the central difference's; the secant's gap is ½ C″ h up to an h² term."""
    net = tiny_network(seed)
    index = PARAMETERS.index(parameter)

    def cost(value):
        twin = net.copy()
        twin.params[index][...] = value
        return twin.loss(np.array([[x]]), np.array([y]), "mse")

    value = float(net.params[index].ravel()[0])
    checks = [gradient_check(net, x, y, parameter, h) for h in (1e-2, 1e-3)]
    for check in checks:
        assert check.backprop == pytest.approx(float(central_difference(cost, value)), rel=1e-6, abs=1e-10)
        assert check.secant == pytest.approx(float(central_difference(cost, value + check.h / 2, check.h / 2)),
                                             rel=1e-9, abs=1e-13)  # the secant over [θ, θ + h]
    def slope(value):
        twin = net.copy()
        twin.params[index][...] = value
        return backward(twin, x, y).gradients[parameter].value

    curvature = float(central_difference(slope, value, 1e-4))
    for check in checks:  # the h² term, C‴/6 ⋅ h², stays below h² for these sigmoids and inputs
        assert check.gap == pytest.approx(0.5 * curvature * check.h, abs=check.h**2)


def test_other_networks_are_refused():
    with pytest.raises(ValueError):
        backward(MLP([2, 2, 1], activation="sigmoid"), 0.5, 1.0)


def test_counts_by_hand():
    """1-1-1: w₂ 2, b₂ 1, w₁ 4, b₁ 3 multiplications one by one; δ₂ 1, δ₁ 2, w₂ 1, w₁ 1 reusing δ."""
    assert parameter_count([1, 1, 1]) == 4 and multiplications([1, 1, 1]) == (10, 5)
    assert parameter_count([2, 2, 1]) == 9 and multiplications([2, 2, 1]) == (27, 11)


def path_chains(net: MLP, x: np.ndarray, y: np.ndarray) -> list[tuple[int, list[list[float]]]]:
    """Every parameter's derivative as the chain rule gives it without reuse: one product per path
    from the parameter to an output, its factors listed. (index in the order of `params`, flattened; paths)."""
    trace = net.forward_trace(x[None, :])
    acts = [a[0] for a in trace.activations]
    slope = [a * (1 - a) for a in acts]  # sigmoid everywhere
    top = len(net.layers)
    chains = []
    flat = 0
    for layer, (W, b) in enumerate(net.layers, start=1):
        for i, j in itertools.chain(itertools.product(range(W.shape[0]), range(W.shape[1])),
                                    ((None, j) for j in range(len(b)))):
            paths = []
            for route in itertools.product(*(range(len(acts[m])) for m in range(layer + 1, top + 1))):
                nodes = (j, *route)
                factors = [] if i is None else [acts[layer - 1][i]]  # ∂z/∂w = the input; ∂z/∂b = 1 is free
                for m in range(layer, top):
                    factors += [slope[m][nodes[m - layer]], net.layers[m][0][nodes[m - layer], nodes[m - layer + 1]]]
                out = nodes[-1]
                factors += [slope[top][out], acts[top][out] - y[out]]
                paths.append(factors)
            chains.append((flat, paths))
            flat += 1
    return chains


@pytest.mark.parametrize("sizes", [[1, 1, 1], [2, 3, 1], [3, 2, 2], [2, 3, 2, 2]])
def test_the_chain_rule_path_by_path_is_the_gradient_and_its_count(sizes):
    """Summing the product along every path gives backprop's gradient; counting its multiplications gives the count."""
    net = MLP(sizes, activation="sigmoid", seed=4)
    x, y = np.linspace(0.2, 0.9, sizes[0]), np.linspace(1.0, 0.0, sizes[-1])
    flat_gradients = np.concatenate([g.ravel() for g in net.gradients(x[None, :], y[None, :], "mse")])
    chains = path_chains(net, x, y)
    by_path = np.array([sum(np.prod(path) for path in paths) for _, paths in chains])
    np.testing.assert_allclose(by_path, flat_gradients, rtol=1e-12, atol=1e-15)
    naive = sum(len(path) - 1 for _, paths in chains for path in paths)
    assert multiplications(sizes)[0] == naive
    assert parameter_count(sizes) == len(chains) == sum(p.size for p in net.params)


def test_reusing_delta_grows_like_the_parameters_the_chain_rule_much_faster():
    small, big = [784, 128, 64, 10], [784, 1000, 1000, 10]
    for sizes in (small, big):
        naive, reuse = multiplications(sizes)
        assert parameter_count(sizes) <= reuse < 2 * parameter_count(sizes) and naive > 1000 * reuse
