"""engine.stability: the forecast of a descent on a parabola agrees with the walk itself."""

from __future__ import annotations

import numpy as np
import pytest

from engine.descent import Status, run
from engine.functions import central_difference, parabola, parabola_curvature, parabola_slope
from engine.stability import divergence_edge, error_factor, factors_seen, forecast, one_step_rate

X0, TOLERANCE = 1.0, 1e-3
CURVATURE = float(parabola_curvature(X0))
RATES = np.round(np.arange(0.01, 0.8, 0.01), 2)


def walk(rate: float, max_steps: int = 2000):
    return run(parabola_slope, X0, rate, value=parabola, tolerance=TOLERANCE, max_steps=max_steps)


def test_the_parabolas_curvature_is_the_slope_of_its_slope():
    xs = np.linspace(-3, 3, 13)
    np.testing.assert_allclose(central_difference(parabola_slope, xs), parabola_curvature(xs), rtol=1e-8)
    assert CURVATURE == 4.0


def test_the_factor_and_the_two_boundaries_by_hand():
    assert [error_factor(rate, 4.0) for rate in (0.02, 0.2, 0.45, 0.75)] == pytest.approx([0.92, 0.2, -0.8, -2.0])
    assert (one_step_rate(4.0), divergence_edge(4.0)) == (0.25, 0.5)
    assert error_factor(one_step_rate(4.0), 4.0) == 0.0 and error_factor(divergence_edge(4.0), 4.0) == -1.0


def test_hand_computed_step_counts():
    # |f'| = 8·0.2^k < 0.001 first at k = 6 (8·0.2^5 = 0.00256, 8·0.2^6 = 0.000512)
    assert forecast(0.2, 4.0, 8.0, TOLERANCE).steps == 6
    assert forecast(0.25, 4.0, 8.0, TOLERANCE).steps == 1
    assert forecast(0.3, 4.0, 0.0005, TOLERANCE).steps == 0
    assert forecast(0.5, 4.0, 8.0, TOLERANCE).steps is None
    assert forecast(0.75, 4.0, 8.0, TOLERANCE).steps is None


@pytest.mark.parametrize("rate", RATES)
def test_the_forecast_is_what_the_walk_does(rate):
    ahead = forecast(rate, CURVATURE, float(parabola_slope(X0)), TOLERANCE)
    path = walk(rate)
    status = path.status[0]
    if ahead.converges:
        assert (status, path.steps) == (Status.CONVERGED, ahead.steps)
    elif ahead.diverges:
        assert status == Status.DIVERGED and ahead.steps is None
    else:  # q = -1: the walker jumps between 1 and -3 until the walk runs out of steps
        assert status == Status.MAX_STEPS
        np.testing.assert_allclose(path.points[-4:, 0, 0], [-3.0, 1.0, -3.0, 1.0])
    xs = path.points[:, 0, 0] + 1.0  # signed distance to the minimum x = -1
    assert ahead.zigzags == bool(np.all(xs[1:3] * xs[0:2] < 0))


@pytest.mark.parametrize("rate", [0.02, 0.2, 0.3, 0.45, 0.5, 0.75])
def test_every_step_of_a_walk_multiplies_the_slope_by_the_factor(rate):
    path = walk(rate, max_steps=15)
    seen = factors_seen(parabola_slope(path.points[:, 0, 0]))
    np.testing.assert_allclose(seen, error_factor(rate, CURVATURE), rtol=1e-6)


def test_arrives_within_a_step_limit():
    slow = forecast(0.02, CURVATURE, 8.0, TOLERANCE)  # k > ln(0.001/8) / ln(0.92) = 107.8
    assert slow.converges and not slow.zigzags and slow.steps == 108
    assert not slow.arrives_within(60) and not slow.arrives_within(107) and slow.arrives_within(108)
    assert not forecast(0.75, CURVATURE, 8.0, TOLERANCE).arrives_within(10**6)


def test_factors_seen_after_the_minimum_is_nan_not_a_warning():
    with np.errstate(all="raise"):
        seen = factors_seen(np.array([8.0, 0.0, 0.0]))
    assert seen[0] == 0.0 and np.isnan(seen[1])
