"""Gradient descent, one step at a time, for one walker or many at once.

The update is the whole idea of the course in one line:

    point <- point - learning_rate * gradient(point)

Everything else here is bookkeeping a screen needs: which walkers are still
walking, which ones arrived (the gradient is almost zero), and which ones blew
up or walked off the map. Blowing up is an expected outcome of a too large
learning rate, so it is reported as a status, never raised or warned about.

A gradient function takes one array per coordinate, like the functions in
`engine.functions`: `parabola_slope(x)`, `plane_gradient(x, y)`,
`terrain.gradient(x, y)`. It returns the slope (1-D) or an array (..., d).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Callable, Iterator

import numpy as np

Schedule = Callable[[int], float]
"""Maps k, the number of steps already taken, to a factor on the learning rate."""

DIVERGENCE_LIMIT = 1e12
"""A coordinate or value beyond this is treated as having diverged."""


class Status(Enum):
    """What a walker is doing; `.value` is a stable id for the UI to translate.

    Not a `str` subclass on purpose: NumPy would turn such members into
    truncated strings inside arrays.
    """

    RUNNING = "running"
    CONVERGED = "converged"  # gradient smaller than the tolerance
    DIVERGED = "diverged"  # value or position not finite, or beyond DIVERGENCE_LIMIT
    LEFT_DOMAIN = "left_domain"  # stepped outside the bounds
    MAX_STEPS = "max_steps"  # ran out of steps while still walking


@dataclass(frozen=True)
class DescentStep:
    """The state of all walkers after step `index` (0 is the start).

    `points` and `gradients` have shape (N, d), `values` (N,) or None when no
    value function was given, `status` is an object array of `Status`.
    `learning_rate` is the rate of the step that led here (step 0: of the
    first step). `moves` (N, d) is the last move of each walker; for one that
    stopped by leaving the bounds or blowing up, the move it tried, so
    `points + moves` is where it would have landed. Zero before the first step.
    """

    index: int
    points: np.ndarray
    values: np.ndarray | None
    gradients: np.ndarray
    status: np.ndarray
    learning_rate: float
    moves: np.ndarray

    @property
    def running(self) -> np.ndarray:
        """Boolean mask of walkers that are still walking."""
        return self.status == Status.RUNNING

    @property
    def finished(self) -> bool:
        """True once every walker has stopped."""
        return not self.running.any()


@dataclass(frozen=True)
class DescentPath:
    """A whole descent as arrays: `points` (T+1, N, d), `values` (T+1, N)."""

    points: np.ndarray
    values: np.ndarray | None
    status: np.ndarray  # final status of each walker, shape (N,)

    @property
    def steps(self) -> int:
        """How many steps were taken (the start does not count)."""
        return len(self.points) - 1


def constant() -> Schedule:
    """The same learning rate at every step."""
    return lambda k: 1.0


def inverse_time_decay(decay: float) -> Schedule:
    """Learning rate / (1 + decay * k): big steps first, careful steps later."""
    return lambda k: 1.0 / (1.0 + decay * k)


def exponential_decay(rate: float) -> Schedule:
    """Learning rate * rate**k, for 0 < rate < 1: shrinks by a fixed factor."""
    return lambda k: rate**k


def as_points(start: np.ndarray | float) -> np.ndarray:
    """Start positions as an (N, d) float array.

    A number is one 1-D point, a 1-D array one point in d dimensions, a 2-D
    array N points. Use shape (N, 1) for many walkers on a 1-D curve.
    """
    points = np.array(start, dtype=float)
    if points.ndim > 2:
        raise ValueError(f"start must have at most 2 dimensions, got shape {points.shape}")
    return points.reshape(1, -1) if points.ndim < 2 else points


def descend(
    gradient: Callable[..., np.ndarray],
    start: np.ndarray | float,
    learning_rate: float,
    *,
    value: Callable[..., np.ndarray] | None = None,
    schedule: Schedule | None = None,
    momentum: float = 0.0,
    tolerance: float = 1e-6,
    max_steps: int = 1000,
    bounds: tuple[float, ...] | None = None,
) -> Iterator[DescentStep]:
    """Walk downhill from `start`, yielding a `DescentStep` after every step.

    Step 0 is the start itself. With `momentum` m the walker keeps a velocity,
    v <- m * v - lr * gradient, and moves by v; m = 0 is plain descent.
    `bounds` is (xmin, xmax, ymin, ymax, ...), one (low, high) pair per
    coordinate. A walker stops when its gradient norm drops below `tolerance`
    (CONVERGED), when it would leave the bounds (LEFT_DOMAIN) or blow up
    (DIVERGED), or after `max_steps` (MAX_STEPS). Stopped walkers stay put at
    their last good position, so `points` is always finite. The iterator ends
    when every walker has stopped.
    """
    if max_steps < 0:
        raise ValueError(f"max_steps must be >= 0, got {max_steps}")
    schedule = schedule or constant()
    points = as_points(start)
    low, high = _bounds_arrays(bounds, points.shape[1])
    values, gradients = _evaluate(gradient, value, points)
    status = _judge(points, values, gradients, low, high, tolerance)
    velocity = np.zeros_like(points)
    moves = np.zeros_like(points)
    yield DescentStep(0, points, values, gradients, status, learning_rate * schedule(0), moves)

    for index in range(1, max_steps + 1):
        walking = status == Status.RUNNING
        if not walking.any():
            return
        lr = learning_rate * schedule(index - 1)
        with np.errstate(over="ignore", invalid="ignore"):
            velocity = np.where(walking[:, None], momentum * velocity - lr * gradients, 0.0)
            moved = points + velocity
        moves = np.where(walking[:, None], velocity, moves)
        new_values, new_gradients = _evaluate(gradient, value, moved)
        verdict = _judge(moved, new_values, new_gradients, low, high, tolerance)
        failed = (verdict == Status.DIVERGED) | (verdict == Status.LEFT_DOMAIN)
        keep = walking & ~failed
        status = np.where(walking, verdict, status)
        points = np.where(keep[:, None], moved, points)
        gradients = np.where(keep[:, None], new_gradients, gradients)
        if values is not None:
            values = np.where(keep, new_values, values)
        if index == max_steps:
            status[status == Status.RUNNING] = Status.MAX_STEPS
        yield DescentStep(index, points, values, gradients, status, lr, moves)


def turned_back(before: DescentStep, after: DescentStep) -> np.ndarray:
    """Whether each walker's move into `after` points back against its move into `before`.

    A negative dot product of two successive moves: the walker jumps to and
    fro across a valley (zig-zag) rather than creeping on in one direction,
    as it does where the ground is almost flat.
    """
    return np.einsum("nd,nd->n", before.moves, after.moves) < 0


def run(gradient: Callable[..., np.ndarray], start: np.ndarray | float, learning_rate: float, **options) -> DescentPath:
    """Run `descend` to the end and collect the path; options as in `descend`."""
    steps = list(descend(gradient, start, learning_rate, **options))
    values = None if steps[0].values is None else np.stack([s.values for s in steps])
    return DescentPath(np.stack([s.points for s in steps]), values, steps[-1].status)


def _evaluate(gradient, value, points: np.ndarray) -> tuple[np.ndarray | None, np.ndarray]:
    """Value (N,) and gradient (N, d) at the points; overflow becomes inf/nan, not a warning."""
    coordinates = points.T
    with np.errstate(over="ignore", invalid="ignore"):
        slopes = np.asarray(gradient(*coordinates), dtype=float).reshape(points.shape)
        values = None if value is None else np.asarray(value(*coordinates), dtype=float).reshape(len(points))
    return values, slopes


def _bounds_arrays(bounds, dimensions: int) -> tuple[np.ndarray, np.ndarray]:
    """(low, high) per coordinate; no bounds means the whole real line."""
    if bounds is None:
        return np.full(dimensions, -np.inf), np.full(dimensions, np.inf)
    pairs = np.asarray(bounds, dtype=float).reshape(-1, 2)
    if len(pairs) != dimensions:
        raise ValueError(f"bounds need {dimensions} (low, high) pairs, got {len(pairs)}")
    return pairs[:, 0], pairs[:, 1]


def _judge(points, values, gradients, low, high, tolerance) -> np.ndarray:
    """The status each walker would have at these points, checked in order of
    precedence: off the map, then blown up, then arrived, else still running."""
    status = np.full(len(points), Status.RUNNING, dtype=object)
    with np.errstate(invalid="ignore", over="ignore"):
        status[np.linalg.norm(gradients, axis=1) < tolerance] = Status.CONVERGED
        blown_up = ~np.isfinite(gradients).all(axis=1) | ~(np.abs(points) < DIVERGENCE_LIMIT).all(axis=1)
        if values is not None:
            blown_up |= ~(np.abs(values) < DIVERGENCE_LIMIT)
        status[blown_up] = Status.DIVERGED
        status[~((points >= low) & (points <= high)).all(axis=1)] = Status.LEFT_DOMAIN
    return status
