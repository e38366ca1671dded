"""Backpropagation in a 1-1-1 network, written out as the chain rule by hand.

The network is x -> z1 = w1·x + b1 -> a1 = σ(z1) -> z2 = w2·a1 + b2 -> ŷ = σ(z2)
with the quadratic cost C = ½(ŷ - y)². Each gradient is a product of local
derivatives, read from the engine's own forward and backward trace; `gradient`
is what `MLP.gradients` returns, so a screen can show both and they agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import prod

import numpy as np

from engine.network import HIDDEN, MLP, BackwardTrace

#: Parameter names in the order of `MLP.params` for sizes [1, 1, 1].
PARAMETERS = ("w1", "b1", "w2", "b2")


@dataclass(frozen=True)
class Chain:
    """dC/d(parameter) = the product of `factors`, each (local derivative id, value)."""

    parameter: str
    factors: tuple[tuple[str, float], ...]
    gradient: float

    @property
    def product(self) -> float:
        return prod(value for _, value in self.factors)


def tiny_network(seed: int = 0) -> MLP:
    """The 1-1-1 network with sigmoid units that the chain rule is shown on."""
    return MLP([1, 1, 1], activation="sigmoid", output="sigmoid", seed=seed)


def chains(net: MLP, x: float, y: float) -> tuple[BackwardTrace, dict[str, Chain]]:
    """The engine's backward trace for one example and each gradient as a chain of local derivatives."""
    if net.sizes != [1, 1, 1] or net.activation != "sigmoid" or net.output != "sigmoid":
        raise ValueError("the written-out chain rule is for a 1-1-1 network of sigmoid units")
    trace = net.backward_trace(np.array([[x]]), np.array([y]), "mse")
    (z1,), (z2,) = (z[0] for z in trace.forward.zs)
    _, (a1,), (y_hat,) = (a[0] for a in trace.forward.activations)
    sigmoid_slope = HIDDEN["sigmoid"][1]
    w2 = float(net.params[2][0, 0])
    output = (("dC_dyhat", float(y_hat - y)), ("dyhat_dz2", float(sigmoid_slope(z2, y_hat))))
    hidden = output + (("dz2_da1", w2), ("da1_dz1", float(trace.slopes[0][0, 0])))
    local = {
        "w2": output + (("dz2_dw2", float(a1)),),
        "b2": output + (("dz2_db2", 1.0),),
        "w1": hidden + (("dz1_dw1", float(x)),),
        "b1": hidden + (("dz1_db1", 1.0),),
    }
    gradients = {name: float(g.ravel()[0]) for name, g in zip(PARAMETERS, trace.gradients)}
    return trace, {name: Chain(name, factors, gradients[name]) for name, factors in local.items()}
