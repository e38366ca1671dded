"""Backpropagation in a 1-1-1 network, written out as the chain rule by hand,
and what reusing its shared factor saves as networks grow.

The network is x -> z1 = w1·x + b1 -> a1 = σ(z1) -> z2 = w2·a1 + b2 -> ŷ = σ(z2)
with Higham & Higham's quadratic cost C = ½(ŷ - y)². The chain rule for every
parameter below z2 starts with the same product ∂C/∂ŷ · ∂ŷ/∂z2: that is
δ2 = ∂C/∂z2, and δ1 = ∂C/∂z1 = δ2 · w2 · σ'(z1) is shared the same way. Each
gradient is then a δ times one local factor. Every number is read from the
engine's own forward and backward trace, so a screen can show both and they agree.

`gradient_check` tests one of those gradients the way the derivative scene
finds a slope: nudge the parameter by h and take the secant's slope ΔC/h.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.network import HIDDEN, MLP, BackwardTrace
from engine.tangent import secant_slope

#: Parameter names in the order of `MLP.params` for sizes [1, 1, 1].
PARAMETERS = ("w1", "b1", "w2", "b2")


@dataclass(frozen=True)
class Chain:
    """A derivative as the product of `factors`, each (symbol id, value); `value` is the engine's."""

    name: str
    factors: tuple[tuple[str, float], ...]
    value: float


@dataclass(frozen=True)
class Backward:
    """The backward pass of the 1-1-1 network: the two δ and each gradient as δ times a local factor."""

    trace: BackwardTrace
    deltas: dict[str, Chain]  # "delta2", "delta1"
    gradients: dict[str, Chain]  # "w2", "b2", "w1", "b1"


TINY_SIZES = (1, 1, 1)


def tiny_network(seed: int = 0) -> MLP:
    """The 1-1-1 network with sigmoid units that the chain rule is shown on."""
    return MLP(list(TINY_SIZES), activation="sigmoid", seed=seed)


def backward(net: MLP, x: float, y: float) -> Backward:
    """The engine's backward trace for one example, with its δ and gradients as chains of local derivatives."""
    if net.sizes != list(TINY_SIZES) or net.activation != "sigmoid":
        raise ValueError("the written-out chain rule is for a 1-1-1 network of sigmoid units")
    trace = net.backward_trace(np.array([[x]]), np.array([y]), "mse")
    (z2,) = trace.forward.zs[1][0]
    _, (a1,), (y_hat,) = (a[0] for a in trace.forward.activations)
    delta1, delta2 = (float(d[0, 0]) for d in trace.deltas)
    w2 = float(net.params[2][0, 0])
    deltas = {
        "delta2": Chain("delta2", (("dC_dyhat", float(y_hat - y)),
                                   ("dyhat_dz2", float(HIDDEN["sigmoid"][1](z2, y_hat)))), delta2),
        "delta1": Chain("delta1", (("delta2", delta2), ("dz2_da1", w2),
                                   ("da1_dz1", float(trace.slopes[0][0, 0]))), delta1),
    }
    value = {name: float(g.ravel()[0]) for name, g in zip(PARAMETERS, trace.gradients)}
    local = {"w2": ("delta2", "dz2_dw2", float(a1)), "b2": ("delta2", "dz2_db2", 1.0),
             "w1": ("delta1", "dz1_dw1", float(x)), "b1": ("delta1", "dz1_db1", 1.0)}
    gradients = {name: Chain(name, ((delta, deltas[delta].value), (symbol, factor)), value[name])
                 for name, (delta, symbol, factor) in local.items()}
    return Backward(trace, deltas, gradients)


@dataclass(frozen=True)
class GradientCheck:
    """One parameter nudged by h: the cost before and after, the secant's slope and backprop's."""

    parameter: str
    h: float
    value: float  # the parameter before the nudge
    cost: float  # C at `value`
    nudged_cost: float  # C at `value` + h
    secant: float  # (nudged_cost - cost) / h
    backprop: float  # ∂C/∂parameter from the backward pass

    @property
    def gap(self) -> float:
        """Secant minus backprop: about ½ C'' h, so it shrinks with h."""
        return self.secant - self.backprop


def gradient_check(net: MLP, x: float, y: float, parameter: str, h: float) -> GradientCheck:
    """Check backprop's ∂C/∂`parameter` against the secant through C at the parameter and h further."""
    index = PARAMETERS.index(parameter)

    def cost(value: np.ndarray | float) -> float:
        twin = net.copy()
        twin.params[index][...] = value
        return twin.loss(np.array([[x]]), np.array([y]), "mse")

    value = float(net.params[index].ravel()[0])
    return GradientCheck(parameter, h, value, cost(value), cost(value + h), float(secant_slope(cost, value, h)),
                         backward(net, x, y).gradients[parameter].value)


def parameter_count(sizes: list[int]) -> int:
    """Weights and biases of a fully connected network with these layer sizes."""
    return sum(n_in * n_out + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))


def multiplications(sizes: list[int]) -> tuple[int, int]:
    """Multiplications for the gradient of one example's cost: (chain rule per parameter, reusing δ).

    Per parameter: a weight into layer l (of L) reaches the outputs along
    n_(l+1)·…·n_L paths; each path is a product of ∂C/∂ŷ, ∂ŷ/∂z, a weight and an
    activation slope per layer it crosses, and the weight's input: 2(L - l) + 3
    factors, one multiplication fewer. A bias has no input factor (× 1 is free).
    Reusing δ: δ_L = ∂C/∂ŷ ⊙ σ'(z_L); δ_l = (δ_(l+1) W_(l+1)ᵀ) ⊙ σ'(z_l); then
    ∂C/∂W_l = a_(l-1)ᵀ δ_l and ∂C/∂b_l = δ_l.
    """
    layers = len(sizes) - 1
    naive, paths = 0, 1
    for l in range(layers, 0, -1):  # from the output back
        n_in, n = sizes[l - 1], sizes[l]
        crossed = layers - l
        naive += paths * n * (n_in * (2 * crossed + 2) + (2 * crossed + 1))
        paths *= n
    reuse = sizes[-1] + sum(sizes[l] * sizes[l + 1] + sizes[l] for l in range(1, layers))
    reuse += sum(n_in * n for n_in, n in zip(sizes[:-1], sizes[1:]))
    return naive, reuse
