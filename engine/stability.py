"""What gradient descent will do on a parabola, worked out before a single step.

On a parabola the slope is a straight line, f'(x) = f''·(x - x*), with the
same curvature f'' everywhere. One step x <- x - η·f'(x) therefore moves x
to x* + (1 - η·f'')·(x - x*): the distance to the minimum, and the slope with
it, is multiplied by the same error factor

    q = 1 - η·f''

at every step. So the whole walk is known in advance:

* 0 < q < 1 (η < 1/f''): the distance shrinks and keeps its sign; a walker
  creeps towards the minimum from one side.
* q = 0 (η = 1/f''): the minimum in one step.
* -1 < q < 0 (1/f'' < η < 2/f''): every step jumps over the minimum, yet
  lands closer: a zig-zag that converges.
* q = -1 (η = 2/f''): the walker jumps between two points for ever.
* q < -1 (η > 2/f''): every jump lands further away: divergence.

`forecast` says how many steps a walk needs until |f'| drops below a
tolerance; `factors_seen` measures q from a walk, so a screen can show that
the walk and the forecast agree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np


def error_factor(learning_rate: float, curvature: float) -> float:
    """q = 1 - η·f'': what one step multiplies the distance to the minimum by."""
    return 1.0 - learning_rate * curvature


def one_step_rate(curvature: float) -> float:
    """η = 1/f'': the learning rate that lands on the minimum in one step (q = 0)."""
    return 1.0 / curvature


def divergence_edge(curvature: float) -> float:
    """η = 2/f'': the learning rate from which on the distance no longer shrinks (q = -1)."""
    return 2.0 / curvature


@dataclass(frozen=True)
class Forecast:
    """Gradient descent on a parabola, predicted from η, f'' and the first slope."""

    learning_rate: float
    factor: float
    """q = 1 - η·f''."""
    steps: int | None
    """Steps until |f'| < tolerance; None when that never happens (|q| ≥ 1)."""

    @property
    def converges(self) -> bool:
        """The distance to the minimum shrinks at every step."""
        return abs(self.factor) < 1

    @property
    def diverges(self) -> bool:
        """The distance to the minimum grows at every step."""
        return abs(self.factor) > 1

    @property
    def zigzags(self) -> bool:
        """Every step jumps over the minimum to the other side."""
        return self.factor < 0

    def arrives_within(self, max_steps: int) -> bool:
        """Whether |f'| drops below the tolerance within `max_steps` steps."""
        return self.steps is not None and self.steps <= max_steps


def forecast(learning_rate: float, curvature: float, start_slope: float, tolerance: float) -> Forecast:
    """What descent on a parabola with curvature f'' does from a point where f' = `start_slope`.

    After k steps |f'| = |q|^k·|start_slope|, which first drops below
    `tolerance` at the smallest k > log(tolerance/|start_slope|) / log|q|.
    """
    factor = error_factor(learning_rate, curvature)
    slope = abs(start_slope)
    if slope < tolerance:
        steps: int | None = 0
    elif factor == 0:
        steps = 1
    elif abs(factor) >= 1:
        steps = None
    else:
        steps = math.floor(math.log(tolerance / slope) / math.log(abs(factor))) + 1
    return Forecast(learning_rate, factor, steps)


def factors_seen(slopes: np.ndarray) -> np.ndarray:
    """The factor each step multiplied the slope by, f'(x_k+1) / f'(x_k), measured from a walk.

    `slopes` are the slopes f'(x_0), f'(x_1), ... of one walker; a slope of 0
    gives nan for the step after it (there is nothing left to multiply).
    """
    slopes = np.asarray(slopes, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratios = slopes[1:] / slopes[:-1]
    return np.where(slopes[:-1] != 0, ratios, np.nan)
