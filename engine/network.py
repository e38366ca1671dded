"""A multi-layer perceptron with backpropagation, vectorised over a batch.

A layer computes a = act(z) with z = x @ W + b; the network chains layers,
feeding each layer's a into the next. The output units are sigmoids, so each
output is a probability (of "dog", in gdtui's scenes). Backpropagation is the
chain rule run backwards: the error of a layer's z (its "delta") is the next layer's delta
pulled back through W, times the slope of the activation at z:

    delta_L = dC/dz_L                           (output layer, from the loss)
    delta_l = (delta_{l+1} @ W_{l+1}.T) * act'(z_l)
    dC/dW_l = a_{l-1}.T @ delta_l,   dC/db_l = sum of delta_l over the batch

Everything is float64; the losses are written so extreme inputs give large
finite numbers rather than overflow warnings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

LOSSES = ("mse", "cross_entropy")


def sigmoid(z: np.ndarray) -> np.ndarray:
    """1 / (1 + e^-z), written as (1 + tanh(z/2)) / 2, which cannot overflow."""
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def relu(z: np.ndarray) -> np.ndarray:
    """max(0, z)."""
    return np.maximum(z, 0.0)


# name -> (function, its slope written in terms of z and a = function(z))
HIDDEN: dict[str, tuple[Callable, Callable]] = {
    "sigmoid": (sigmoid, lambda z, a: a * (1.0 - a)),
    "tanh": (np.tanh, lambda z, a: 1.0 - a**2),
    "relu": (relu, lambda z, a: (z > 0).astype(float)),
}


@dataclass
class ForwardTrace:
    """Every intermediate value of one forward pass, layer by layer.

    zs[k] and activations[k + 1] belong to layer k + 1; activations[0] is the
    input, activations[-1] the output.
    """

    zs: list[np.ndarray]
    activations: list[np.ndarray]

    @property
    def output(self) -> np.ndarray:
        return self.activations[-1]


@dataclass
class BackwardTrace:
    """One forward and one backward pass with the numbers of the chain rule.

    `deltas[k]` is dC/dz of layer k + 1 (shape like zs[k]); `slopes[k]` is
    act'(z) of hidden layer k + 1, the local derivative a delta is multiplied
    by on its way back. `gradients` is shaped like `MLP.params`.
    """

    forward: ForwardTrace
    loss: float
    deltas: list[np.ndarray]
    slopes: list[np.ndarray]
    gradients: list[np.ndarray]


class MLP:
    """A fully connected network: sizes [2, 16, 16, 1] means 2 inputs, two
    hidden layers of 16 units with `activation`, and 1 sigmoid output unit.

    `params` is [W1, b1, W2, b2, ...] with Wk of shape (sizes[k-1], sizes[k]);
    read and change them in place freely. Weights start random (scaled by
    1/sqrt(fan-in), or 2/fan-in for relu, so signals neither die nor explode);
    biases start at zero.
    """

    def __init__(self, sizes: list[int], activation: str = "tanh", seed: int | None = None):
        if len(sizes) < 2 or any(int(s) < 1 for s in sizes):
            raise ValueError(f"sizes needs at least an input and an output size, all >= 1, got {sizes}")
        if activation not in HIDDEN:
            raise ValueError(f"activation must be one of {sorted(HIDDEN)}, got {activation!r}")
        self.sizes = [int(s) for s in sizes]
        self.activation = activation
        rng = np.random.default_rng(seed)
        gain = 2.0 if activation == "relu" else 1.0
        self.params: list[np.ndarray] = []
        for fan_in, fan_out in zip(self.sizes[:-1], self.sizes[1:]):
            self.params.append(rng.normal(0.0, np.sqrt(gain / fan_in), (fan_in, fan_out)))
            self.params.append(np.zeros(fan_out))

    @property
    def layers(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """(W, b) for each layer, views into `params`."""
        return list(zip(self.params[0::2], self.params[1::2]))

    def forward_trace(self, X: np.ndarray) -> ForwardTrace:
        """Run X (n, sizes[0]) through the network, keeping every z and a."""
        a = np.asarray(X, dtype=float).reshape(-1, self.sizes[0])
        zs, activations = [], [a]
        hidden, _ = HIDDEN[self.activation]
        for k, (W, b) in enumerate(self.layers, start=1):
            z = a @ W + b
            a = sigmoid(z) if k == len(self.sizes) - 1 else hidden(z)
            zs.append(z)
            activations.append(a)
        return ForwardTrace(zs, activations)

    def forward(self, X: np.ndarray) -> np.ndarray:
        """The network's outputs for the rows of X, shape (n, sizes[-1])."""
        return self.forward_trace(X).output

    def loss(self, X: np.ndarray, Y: np.ndarray, kind: str = "mse") -> float:
        """The average cost C on (X, Y); see `cost` for the kinds."""
        return self.evaluate(X, Y, kind)[0]

    def evaluate(self, X: np.ndarray, Y: np.ndarray, kind: str = "mse") -> tuple[float, float]:
        """(loss, accuracy) on (X, Y) from a single forward pass."""
        trace = self.forward_trace(X)
        Y = self._targets(Y)
        return cost(trace.zs[-1], trace.output, Y, kind), accuracy(to_labels(Y), to_labels(trace.output))

    def backward_trace(self, X: np.ndarray, Y: np.ndarray, kind: str = "mse") -> BackwardTrace:
        """A forward pass, then backpropagation of C down to every parameter."""
        forward = self.forward_trace(X)
        Y = self._targets(Y)
        z_out, a_out = forward.zs[-1], forward.output
        loss = cost(z_out, a_out, Y, kind)
        delta = output_delta(a_out, Y, kind)
        _, slope = HIDDEN[self.activation]
        layers = self.layers
        deltas, slopes, gradients = [delta], [], []
        for k in range(len(layers) - 1, -1, -1):
            W, _ = layers[k]
            gradients[:0] = [forward.activations[k].T @ delta, delta.sum(axis=0)]
            if k > 0:
                local = slope(forward.zs[k - 1], forward.activations[k])
                delta = (delta @ W.T) * local
                deltas.insert(0, delta)
                slopes.insert(0, local)
        return BackwardTrace(forward, loss, deltas, slopes, gradients)

    def gradients(self, X: np.ndarray, Y: np.ndarray, kind: str = "mse") -> list[np.ndarray]:
        """dC/dparam for every array in `params`, by backpropagation."""
        return self.backward_trace(X, Y, kind).gradients

    def apply_gradients(self, gradients: list[np.ndarray], learning_rate: float) -> None:
        """One gradient descent step, in place: param <- param - lr * gradient."""
        for param, gradient in zip(self.params, gradients):
            param -= learning_rate * gradient

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """The outputs, each the probability of class 1."""
        return self.forward(X)

    def copy(self) -> MLP:
        """An independent network with the same shape and equal parameters."""
        twin = MLP.__new__(MLP)
        twin.sizes, twin.activation = list(self.sizes), self.activation
        twin.params = [p.copy() for p in self.params]
        return twin

    @staticmethod
    def _targets(Y: np.ndarray) -> np.ndarray:
        """Targets as (n, outputs): labels (n,) become a column for the one output unit."""
        Y = np.asarray(Y, dtype=float)
        return Y[:, None] if Y.ndim == 1 else Y


def cost(z: np.ndarray, a: np.ndarray, Y: np.ndarray, kind: str) -> float:
    """Average cost of outputs a = sigmoid(z) against targets Y, both (n, m).

    "mse": C = 1/(2n) Σ ||a - y||², the lecture's quadratic cost.
    "cross_entropy": -1/n Σ [y log a + (1 - y) log(1 - a)], computed from z
    as Σ [log(1 + e^z) - y·z] / n, so it stays finite where a rounds to 0 or 1.
    """
    n = len(Y)
    if kind == "mse":
        return float(0.5 * ((a - Y) ** 2).sum() / n)
    _check_kind(kind)
    return float((np.logaddexp(0.0, z) - Y * z).sum() / n)


def output_delta(a: np.ndarray, Y: np.ndarray, kind: str) -> np.ndarray:
    """dC/dz of the (sigmoid) output layer, the start of backpropagation.

    Cross entropy collapses to (a - y)/n: the exponential of the sigmoid and
    the logarithm of the loss cancel. MSE multiplies dC/da = (a - y)/n by the
    sigmoid's slope a(1 - a), which is nearly flat when a unit is confidently wrong.
    """
    error = (a - Y) / len(Y)
    if kind == "mse":
        return error * a * (1.0 - a)
    _check_kind(kind)
    return error


def _check_kind(kind: str) -> None:
    """Only the two losses the lecture uses."""
    if kind != "cross_entropy":
        raise ValueError(f"kind must be one of {LOSSES}, got {kind!r}")


#: An output from here on means class 1 (dog).
THRESHOLD = 0.5


def to_labels(outputs: np.ndarray) -> np.ndarray:
    """Class labels (n,) from the first column of outputs or targets: >= THRESHOLD means class 1."""
    return (outputs[:, 0] >= THRESHOLD).astype(int)


def zero_one_loss(y_true: np.ndarray, y_pred: np.ndarray) -> int:
    """The number of wrong labels: honest, but flat almost everywhere, so it has no useful slope."""
    return int(np.sum(np.asarray(y_true) != np.asarray(y_pred)))


def accuracy(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """The fraction of right labels."""
    return 1.0 - zero_one_loss(y_true, y_pred) / len(y_true)
