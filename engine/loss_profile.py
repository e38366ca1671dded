"""Why training needs a smooth loss: the 0/1 loss and the cross-entropy of one
logistic unit, p = σ(w·x + b), as its weight w sweeps.

Counting wrong labels is the honest measure, but as a function of w it is a
staircase: flat plateaus with jumps where an animal's probability crosses the
decision threshold. Its slope is 0 almost everywhere, so gradient descent gets
no direction from it. The cross-entropy of the same probabilities changes
smoothly with w and its slope points downhill.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.functions import central_difference
from engine.network import MLP, sigmoid, zero_one_loss


def fit_logistic(X: np.ndarray, y: np.ndarray, learning_rate: float = 2.0, steps: int = 2000,
                 seed: int = 0) -> MLP:
    """A single sigmoid unit trained by full-batch gradient descent on the cross-entropy.

    The same steps as `net.apply_gradients(net.gradients(X, y, "cross_entropy"))`,
    to the last bit, written out for one layer: the loss scene fits this unit
    when it is first shown, and the general backward pass (traces, the loss
    value at every step) took twice as long.
    """
    net = MLP([X.shape[1], 1], seed=seed)
    W, b = net.params
    X = np.asarray(X, dtype=float)
    Y = np.asarray(y, dtype=float).reshape(-1, 1)
    for _ in range(steps):
        delta = (sigmoid(X @ W + b) - Y) / len(Y)  # dC/dz of cross-entropy after a sigmoid
        W -= learning_rate * (X.T @ delta)
        b -= learning_rate * delta.sum(axis=0)
    return net


def with_weight(net: MLP, w: float) -> MLP:
    """A copy of a one-input logistic unit with its weight set to `w` (the bias kept)."""
    twin = net.copy()
    twin.params[0][0, 0] = w
    return twin


def proba(net: MLP, X: np.ndarray) -> np.ndarray:
    """P(dog) for every row of X, shape (n,)."""
    return net.predict_proba(X)[:, 0]


def predictions(p: np.ndarray, threshold: float) -> np.ndarray:
    """Labels from probabilities: dog (1) where p reaches the threshold, else cat (0)."""
    return (np.asarray(p) >= threshold).astype(int)


@dataclass(frozen=True)
class LossProfile:
    """Both losses at each weight of a sweep."""

    weights: np.ndarray
    zero_one: np.ndarray
    cross_entropy: np.ndarray


def weight_profile(net: MLP, X: np.ndarray, y: np.ndarray, weights: np.ndarray, threshold: float) -> LossProfile:
    """The 0/1 loss (wrong labels at `threshold`) and the mean cross-entropy for each weight."""
    zero_one = np.array([zero_one_loss(y, predictions(proba(with_weight(net, w), X), threshold)) for w in weights])
    cross = np.array([with_weight(net, w).loss(X, y, "cross_entropy") for w in weights])
    return LossProfile(np.asarray(weights, dtype=float), zero_one, cross)


def slopes(net: MLP, X: np.ndarray, y: np.ndarray, threshold: float, h: float = 1e-4) -> tuple[float, float]:
    """(slope of the 0/1 loss, slope of the cross-entropy) along the weight at the net's weight.

    The first by a central difference (the staircase has no formula for it),
    the second by backpropagation.
    """

    def wrong(w: np.ndarray) -> float:
        return float(zero_one_loss(y, predictions(proba(with_weight(net, float(w)), X), threshold)))

    w = float(net.params[0][0, 0])
    return float(central_difference(wrong, w, h)), float(net.gradients(X, y, "cross_entropy")[0][0, 0])


def fewest_mistakes(net: MLP, X: np.ndarray, y: np.ndarray, threshold: float,
                    low: float, high: float) -> tuple[int, list[tuple[float, float]]]:
    """The smallest 0/1 loss for a weight in [low, high], and the ranges of w that reach it.

    Exact, not sampled: animal i changes label where w·x_i + b = logit(threshold),
    so the count is constant between those crossings; each stretch is counted at
    its middle, and neighbouring stretches with the least count are joined.
    """
    b = float(net.params[1][0])
    x = np.asarray(X, dtype=float)[:, 0]
    logit = float(np.log(threshold / (1.0 - threshold)))
    with np.errstate(divide="ignore", invalid="ignore"):
        crossings = (logit - b) / x
    inside = np.unique(crossings[np.isfinite(crossings) & (crossings > low) & (crossings < high)])
    edges = np.concatenate([[low], inside, [high]])
    counts = [zero_one_loss(y, predictions(proba(with_weight(net, (a + c) / 2), X), threshold))
              for a, c in zip(edges[:-1], edges[1:])]
    least = min(counts)
    ranges: list[tuple[float, float]] = []
    for a, c, count in zip(edges[:-1], edges[1:], counts):
        if count == least:
            if ranges and ranges[-1][1] == a:
                ranges[-1] = (ranges[-1][0], float(c))
            else:
                ranges.append((float(a), float(c)))
    return least, ranges


def lowest_cross_entropy(net: MLP, X: np.ndarray, y: np.ndarray, low: float, high: float,
                         tolerance: float = 1e-9) -> float:
    """The weight in [low, high] where the mean cross-entropy is smallest (the bias kept).

    The cross-entropy of one sigmoid unit is convex in w, so its slope (by
    backpropagation) rises with w: bisection finds where it crosses 0, or the
    end of the range where it does not.
    """

    def slope(w: float) -> float:
        return float(with_weight(net, w).gradients(X, y, "cross_entropy")[0][0, 0])

    if slope(low) >= 0:
        return float(low)
    if slope(high) <= 0:
        return float(high)
    while high - low > tolerance:
        middle = (low + high) / 2
        low, high = (middle, high) if slope(middle) < 0 else (low, middle)
    return (low + high) / 2
