"""The functions the lecture walks on, each with its derivative worked out by hand.

All of them are vectorised: pass NumPy arrays and get arrays back, so a whole
curve, map or crowd of walkers is one call. Gradients of two-variable
functions come back with the two partial derivatives in the last axis,
shape (..., 2), which is what `engine.descent` expects.

`central_difference` and `numerical_gradient` estimate derivatives without any
calculus; the tests use them to check every hand-made derivative here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache, cached_property
from typing import Callable

import numpy as np

from engine.descent import run

ArrayLike = np.ndarray | float

# ---------------------------------------------------------------- derivative scene


def parabola(x: ArrayLike) -> np.ndarray:
    """f(x) = 2x² + 4x, the lecture's first function to minimise."""
    x = np.asarray(x, dtype=float)
    return 2 * x**2 + 4 * x


def parabola_slope(x: ArrayLike) -> np.ndarray:
    """f'(x) = 4x + 4: zero at x = -1, where the parabola has its minimum."""
    return 4 * np.asarray(x, dtype=float) + 4


def parabola_curvature(x: ArrayLike) -> np.ndarray:
    """f''(x) = 4 everywhere: the slope of the slope. Positive, so every flat point is a minimum."""
    return np.full_like(np.asarray(x, dtype=float), 4.0)


def where_slope_is_zero(slope: Callable[[np.ndarray], np.ndarray],
                        curvature: Callable[[np.ndarray], np.ndarray], start: float = 0.0,
                        tolerance: float = 1e-12, max_steps: int = 50) -> float:
    """Solve f'(x) = 0 by Newton's method on f': x <- x - f'(x) / f''(x).

    For a parabola f' is a straight line, so the first step lands exactly on
    the root; the loop is there for any other smooth f with f'' != 0.
    """
    x = float(start)
    for _ in range(max_steps):
        step = float(slope(x)) / float(curvature(x))
        x -= step
        if abs(float(slope(x))) <= tolerance:
            return x
    raise ArithmeticError(f"f'(x) = 0 not solved in {max_steps} Newton steps from {start}")


_FLAT = where_slope_is_zero(parabola_slope, parabola_curvature)
PARABOLA_MIN = (_FLAT, float(parabola(_FLAT)))
"""(x, f(x)) of the parabola's minimum, solved: 4x + 4 = 0 gives x = -1, f(-1) = -2."""

# ------------------------------------------------------------------ gradient scene


def plane(x: ArrayLike, y: ArrayLike) -> np.ndarray:
    """f(x, y) = 3x² - 2y: curved along x, a straight ramp along y, so no minimum."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    return 3 * x**2 - 2 * y


def plane_gradient(x: ArrayLike, y: ArrayLike) -> np.ndarray:
    """∇f = (∂f/∂x, ∂f/∂y) = (6x, -2); never zero, so descent never stops."""
    x, y = np.broadcast_arrays(np.asarray(x, dtype=float), np.asarray(y, dtype=float))
    return np.stack([6 * x, np.full_like(y, -2.0)], axis=-1)


# ------------------------------------------------------------------- hiking scene


@dataclass(frozen=True)
class Bump:
    """A round Gaussian hill (amplitude > 0) or valley (amplitude < 0)."""

    x: float
    y: float
    amplitude: float
    width: float


@dataclass(frozen=True)
class Minimum:
    """A valley floor: where a hiker can end up."""

    x: float
    y: float
    height: float
    is_global: bool


@dataclass(frozen=True)
class Terrain:
    """A hiking landscape: a gentle bowl with Gaussian hills and valleys on it.

    height(x, y) = base + bowl_x·x² + bowl_y·y² + Σ amplitude·exp(-r²/(2·width²)),
    with r the distance to each bump's centre. The bowl makes every slope near
    the edge point inwards, so hikers stay on the map; the valleys are minima
    of different depth, so some hikers end in a local one. `base` lifts the
    whole landscape and changes no slope (see `lowered_to_zero`).
    """

    bumps: tuple[Bump, ...]
    bowl_x: float
    bowl_y: float
    bounds: tuple[float, float, float, float]  # xmin, xmax, ymin, ymax
    base: float = 0.0

    def height(self, x: ArrayLike, y: ArrayLike) -> np.ndarray:
        """Altitude at (x, y), vectorised."""
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        total = self.base + self.bowl_x * x**2 + self.bowl_y * y**2
        for bump in self.bumps:
            total = total + bump.amplitude * self._bell(bump, x, y)
        return total

    def gradient(self, x: ArrayLike, y: ArrayLike) -> np.ndarray:
        """(∂h/∂x, ∂h/∂y) at (x, y), shape (..., 2); uphill direction.

        A bump a·exp(-r²/2s²) has slope -a·exp(...)·(x - cx)/s² along x.
        """
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        dx, dy = 2 * self.bowl_x * x, 2 * self.bowl_y * y
        for bump in self.bumps:
            factor = -bump.amplitude * self._bell(bump, x, y) / bump.width**2
            dx = dx + factor * (x - bump.x)
            dy = dy + factor * (y - bump.y)
        return np.stack(np.broadcast_arrays(dx, dy), axis=-1)

    @cached_property
    def minima(self) -> list[Minimum]:
        """The valley floors, found once by walking downhill from each valley's centre."""
        centres = [(b.x, b.y) for b in self.bumps if b.amplitude < 0]
        ends = self._walk_down(np.array(centres))
        heights = self.height(ends[:, 0], ends[:, 1])
        lowest = heights.min()
        return [Minimum(float(x), float(y), float(h), bool(h == lowest)) for (x, y), h in zip(ends, heights)]

    def lowered_to_zero(self) -> Terrain:
        """The same landscape, lifted or lowered so that its global minimum has height 0.

        The height plays a loss, and a loss is never negative: its best value is 0.
        """
        return replace(self, base=self.base - min(m.height for m in self.minima))

    def nearest_minimum(self, points: np.ndarray) -> np.ndarray | int:
        """Index into `minima` of the minimum closest to each point (..., 2)."""
        floors = np.array([(m.x, m.y) for m in self.minima])
        points = np.asarray(points, dtype=float)
        distances = np.linalg.norm(points[..., None, :] - floors, axis=-1)
        return distances.argmin(axis=-1)

    def _walk_down(self, starts: np.ndarray) -> np.ndarray:
        """Small careful steps downhill until the ground is flat."""
        return run(self.gradient, starts, 0.1, tolerance=1e-10, max_steps=20_000).points[-1]

    @staticmethod
    def _bell(bump: Bump, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """exp(-r²/(2·width²)): 1 at the bump's centre, fading with distance."""
        squared = (x - bump.x) ** 2 + (y - bump.y) ** 2
        with np.errstate(under="ignore"):
            return np.exp(-squared / (2 * bump.width**2))


@cache
def default_terrain() -> Terrain:
    """The landscape of the hiking and learning-rate scenes (built once: a Terrain is frozen,
    and finding its valleys takes a walk).

    Wider than tall (10 × 6) because terminal cells are about twice as tall as
    wide, so it fills an 80 × 24 map. Three valleys: the deepest in the
    south-east, two shallower ones west, a peak between them. Its height is
    a loss: 0 at the global minimum, positive everywhere else.
    """
    return Terrain(
        bumps=(
            Bump(2.4, -0.9, -3.0, 1.1),  # the global minimum
            Bump(-2.6, 1.0, -2.2, 1.0),
            Bump(-1.2, -1.7, -1.5, 0.7),
            Bump(0.2, 0.9, 2.0, 1.0),  # a mountain between the valleys
            Bump(3.0, 1.5, 1.2, 0.8),
        ),
        bowl_x=0.05,
        bowl_y=0.12,
        bounds=(-5.0, 5.0, -3.0, 3.0),
    ).lowered_to_zero()


# --------------------------------------------------------------------- sgd scene


def line_data(n: int = 64, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """n noisy points near the line y = 2x + 1, x in [-2, 2], for fitting w·x + b."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-2.0, 2.0, n)
    return x, 2.0 * x + 1.0 + rng.normal(0.0, 0.5, n)


class LineFitLoss:
    """Mean squared error of the line w·x + b on data (x, y): a loss surface
    over just two parameters, so it can be drawn as a map.

    L(w, b) = mean((w·xᵢ + b - yᵢ)²). Expanding the square turns it into five
    averages of the data: L = w²·⟨x²⟩ + 2wb·⟨x⟩ + b² - 2w·⟨xy⟩ - 2b·⟨y⟩ + ⟨y²⟩.
    So a whole grid of (w, b) costs no more memory than the grid itself. The
    full gradient uses the averages of all samples; `batch_gradient` those of a
    few, which is what SGD does.
    """

    def __init__(self, x: np.ndarray, y: np.ndarray):
        self.x, self.y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        self._all = _moments(self.x, self.y)

    def loss(self, w: ArrayLike, b: ArrayLike) -> np.ndarray:
        """L(w, b), vectorised over grids of w and b."""
        w, b = np.asarray(w, dtype=float), np.asarray(b, dtype=float)
        xx, x, xy, y, yy = self._all
        return w * w * xx + 2 * w * b * x + b * b - 2 * w * xy - 2 * b * y + yy

    def gradient(self, w: ArrayLike, b: ArrayLike) -> np.ndarray:
        """(∂L/∂w, ∂L/∂b) over all samples, shape (..., 2)."""
        return _gradient(w, b, self._all)

    def batch_gradient(self, w: ArrayLike, b: ArrayLike, idx: np.ndarray) -> np.ndarray:
        """The same gradient estimated from the samples `idx` only (a mini-batch)."""
        return _gradient(w, b, _moments(self.x[idx], self.y[idx]))

    def example_gradients(self, w: float, b: float) -> np.ndarray:
        """The gradient of each sample's own loss (w·xᵢ + b - yᵢ)², shape (n, 2).

        Their mean is `gradient`; the mean over a batch is `batch_gradient`.
        """
        residual = 2 * (w * self.x + b - self.y)
        return np.column_stack([residual * self.x, residual])

    @property
    def minimum(self) -> tuple[float, float]:
        """(w, b) of least squares in closed form: the bottom of the surface."""
        design = np.column_stack([self.x, np.ones_like(self.x)])
        (w, b), *_ = np.linalg.lstsq(design, self.y, rcond=None)
        return float(w), float(b)


def _moments(x: np.ndarray, y: np.ndarray) -> tuple[float, float, float, float, float]:
    """⟨x²⟩, ⟨x⟩, ⟨xy⟩, ⟨y⟩, ⟨y²⟩: all that the mean squared error of a line needs."""
    return (float(np.mean(x * x)), float(np.mean(x)), float(np.mean(x * y)),
            float(np.mean(y)), float(np.mean(y * y)))


def _gradient(w: ArrayLike, b: ArrayLike, moments: tuple[float, ...]) -> np.ndarray:
    """∂L/∂w = 2(w⟨x²⟩ + b⟨x⟩ - ⟨xy⟩), ∂L/∂b = 2(w⟨x⟩ + b - ⟨y⟩)."""
    w, b = np.asarray(w, dtype=float), np.asarray(b, dtype=float)
    xx, x, xy, y, _ = moments
    return np.stack([2 * (w * xx + b * x - xy), 2 * (w * x + b - y)], axis=-1)


# ---------------------------------------------------------- derivatives by numbers


def central_difference(f: Callable[[np.ndarray], np.ndarray], x: ArrayLike, h: float = 1e-5) -> np.ndarray:
    """f'(x) ≈ (f(x + h) - f(x - h)) / 2h: the slope of a short secant, vectorised."""
    x = np.asarray(x, dtype=float)
    return (f(x + h) - f(x - h)) / (2 * h)


def numerical_gradient(f: Callable[[np.ndarray], float], point: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """∇f(point) by a central difference along every coordinate in turn.

    `f` takes an array shaped like `point` and returns a number; the result
    has the shape of `point`. Slow (2 calls per coordinate) but needs no calculus.
    """
    point = np.array(point, dtype=float)
    slopes = np.zeros_like(point)
    for i in np.ndindex(point.shape):
        original = point[i]
        point[i] = original + h
        above = f(point)
        point[i] = original - h
        below = f(point)
        point[i] = original
        slopes[i] = (above - below) / (2 * h)
    return slopes
