"""One artificial neuron, a(w1*x1 + w2*x2 + w3*x3 + b), with every intermediate number.

The neuron scene lets students change inputs, weights and the bias one at a
time; it needs the single products w_i*x_i as well as the weighted sum and the
output, which `MLP` does not hand out for a lone unit with a tanh or ReLU output.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.network import HIDDEN

ACTIVATIONS = tuple(HIDDEN)
"""The activations a neuron can use: the hidden-layer activations of `MLP`."""


@dataclass(frozen=True)
class NeuronTrace:
    """The products w_i*x_i, the weighted sum z = sum(w_i*x_i) + b and the output a(z)."""

    products: np.ndarray
    z: float
    output: float


def neuron(x: np.ndarray, w: np.ndarray, b: float, activation: str = "sigmoid") -> NeuronTrace:
    """Run inputs `x` through one neuron with weights `w`, bias `b` and `activation`."""
    if activation not in HIDDEN:
        raise ValueError(f"activation must be one of {ACTIVATIONS}, got {activation!r}")
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    if x.shape != w.shape or x.ndim != 1:
        raise ValueError(f"x and w must be vectors of the same length, got {x.shape} and {w.shape}")
    products = w * x
    z = float(products.sum() + b)
    function, _ = HIDDEN[activation]
    return NeuronTrace(products, z, float(function(np.array(z))))
