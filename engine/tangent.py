"""Secants and tangents: the picture behind "the derivative is a slope".

The derivative scene draws a secant through x and x + h and lets h shrink
until the secant lies on the tangent. These two helpers are all the
arithmetic that picture needs, kept here so the scene only draws.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

ArrayLike = np.ndarray | float


def secant_slope(f: Callable[[np.ndarray], np.ndarray], x: ArrayLike, h: float) -> np.ndarray:
    """(f(x + h) - f(x)) / h: the slope of the line through two points of f's graph."""
    if h == 0:
        raise ValueError("h must not be 0: a secant needs two different points")
    x = np.asarray(x, dtype=float)
    return (f(x + h) - f(x)) / h


def line_through(x0: float, y0: float, slope: float, xs: ArrayLike) -> np.ndarray:
    """The straight line through (x0, y0) with `slope`, evaluated at `xs`."""
    return y0 + slope * (np.asarray(xs, dtype=float) - x0)
