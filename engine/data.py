"""Toy data for supervised learning: dogs and cats described by a few numbers.

Each animal is a row of features (how pointy its ears are, how long its
snout is, optionally its weight), each with a label: 0 for cat, 1 for dog.
The classes are two Gaussian clouds; `overlap` slides them together so the
task gets harder, `noise` widens them.

Also here: the split into training, validation and test parts, and the
shuffled mini-batches of one epoch.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

FEATURES = ("ear_pointiness", "snout_length", "body_weight")
"""Stable ids of the features; the UI translates them. Values are scores in about [0, 1]."""

ANIMALS = 200
"""How many animals the lecture's data set has (`animals`)."""
NOISE, OVERLAP = 0.2, 0.3
"""The lecture's data set is hard on purpose: the classes overlap, so no network gets every
animal right, and a long training run starts to learn the training part by heart."""

CLASSES = ("cat", "dog")
"""Label 0 is a cat, label 1 a dog."""

_CENTRES = np.array(
    [
        [0.75, 0.30, 0.30],  # a typical cat: pointy ears, short snout, light
        [0.35, 0.70, 0.65],  # a typical dog: rounder ears, long snout, heavier
    ]
)


@dataclass(frozen=True)
class Dataset:
    """Inputs X (n, features) with labels y (n,) in {0, 1}; column k is the feature FEATURES[k]."""

    X: np.ndarray
    y: np.ndarray

    def __len__(self) -> int:
        return len(self.y)

    def subset(self, idx: np.ndarray) -> Dataset:
        """The rows `idx`, as a new data set."""
        return Dataset(self.X[idx], self.y[idx])

    def first_features(self, count: int) -> Dataset:
        """The same animals described by their first `count` features only."""
        return Dataset(self.X[:, :count], self.y)


@dataclass(frozen=True)
class Split:
    """The three parts: fit on train, tune and stop on validation, report on test."""

    train: Dataset
    validation: Dataset
    test: Dataset


def dogs_vs_cats(n: int = 400, noise: float = 0.1, overlap: float = 0.0, seed: int = 0, features: int = 2) -> Dataset:
    """n animals, half cats and half dogs, in random order.

    `noise` is the spread (standard deviation) of each feature around its
    class centre. `overlap` from 0 to 1 moves the two centres towards each
    other: 0 keeps them apart, 1 puts them on top of each other, so no
    classifier can beat a coin toss.
    """
    if n < 2:
        raise ValueError(f"need at least 2 animals, got n={n}")
    if features not in (2, 3):
        raise ValueError(f"features must be 2 or 3, got {features}")
    if not 0.0 <= overlap <= 1.0:
        raise ValueError(f"overlap must be between 0 and 1, got {overlap}")
    if noise < 0:
        raise ValueError(f"noise must be >= 0, got {noise}")
    rng = np.random.default_rng(seed)
    middle = _CENTRES.mean(axis=0)
    centres = middle + (1.0 - overlap) * (_CENTRES - middle)
    y = rng.permutation(np.arange(n) % 2)
    X = centres[y, :features] + rng.normal(0.0, noise, (n, features))
    return Dataset(X, y)


def animals(seed: int = 0) -> Dataset:
    """The lecture's one data set: `ANIMALS` cats and dogs, three scores each, every score
    clipped to the range 0 to 1. Supervised learning splits it, the neuron reads it and
    training learns from it; the same seed gives the same animals everywhere."""
    data = dogs_vs_cats(ANIMALS, noise=NOISE, overlap=OVERLAP, seed=seed, features=3)
    return Dataset(np.clip(data.X, 0.0, 1.0), data.y)


def split(dataset: Dataset, fractions: tuple[float, float, float] = (0.6, 0.2, 0.2), seed: int = 0) -> Split:
    """Shuffle and cut into train, validation and test parts of the given fractions.

    Stratified: each part gets (up to rounding) the same share of cats and
    dogs as the whole, so a small validation set is not accidentally all dogs.
    """
    fractions = _checked_fractions(fractions)
    rng = np.random.default_rng(seed)
    parts: list[list[np.ndarray]] = [[], [], []]
    for label in np.unique(dataset.y):
        members = rng.permutation(np.flatnonzero(dataset.y == label))
        cuts = np.round(np.cumsum(fractions)[:-1] * len(members)).astype(int)
        for part, chunk in zip(parts, np.split(members, cuts)):
            part.append(chunk)
    train, validation, test = (dataset.subset(rng.permutation(np.concatenate(p))) for p in parts)
    return Split(train, validation, test)


def batches(n: int, batch_size: int, rng: np.random.Generator) -> list[np.ndarray]:
    """One epoch of mini-batches: the indices 0..n-1 shuffled and cut into
    groups of `batch_size` (the last one may be smaller). Every index appears
    exactly once; call again for the next epoch's new order."""
    if batch_size < 1:
        raise ValueError(f"batch_size must be >= 1, got {batch_size}")
    order = rng.permutation(n)
    return [order[start : start + batch_size] for start in range(0, n, batch_size)]


def _checked_fractions(fractions) -> np.ndarray:
    """Three non-negative fractions summing to 1, with a non-empty training part."""
    values = np.asarray(fractions, dtype=float)
    if values.shape != (3,):
        raise ValueError(f"fractions must be three numbers (train, validation, test), got {fractions!r}")
    if not np.isfinite(values).all() or (values < 0).any():
        raise ValueError(f"fractions must be finite and >= 0, got {fractions!r}")
    if values[0] == 0:
        raise ValueError("the training fraction must be > 0")
    if abs(values.sum() - 1.0) > 1e-9:
        raise ValueError(f"fractions must sum to 1, got {fractions!r} (sum {values.sum():g})")
    return values
