"""Secant slopes and lines, against values worked out by hand."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.functions import parabola, parabola_slope
from engine.tangent import line_through, secant_slope


def test_secant_of_the_parabola_by_hand():
    # (f(x+h) - f(x)) / h = 4x + 4 + 2h for f = 2x² + 4x; at x = 0.5, h = 1: 8.
    assert secant_slope(parabola, 0.5, 1.0) == pytest.approx(8.0)
    assert secant_slope(parabola, -1.0, 0.5) == pytest.approx(1.0)


@given(st.floats(-10, 10), st.floats(0.001, 5))
def test_secant_slope_is_tangent_slope_plus_2h(x, h):
    assert secant_slope(parabola, x, h) == pytest.approx(parabola_slope(x) + 2 * h, abs=1e-6)


def test_secant_approaches_the_tangent_as_h_shrinks():
    errors = [abs(secant_slope(parabola, 0.5, h) - parabola_slope(0.5)) for h in (1.0, 0.1, 0.01, 0.001)]
    assert errors == sorted(errors, reverse=True)
    assert errors[-1] < 0.01


def test_secant_needs_two_points():
    with pytest.raises(ValueError):
        secant_slope(parabola, 1.0, 0.0)


def test_line_through_passes_through_its_point_with_its_slope():
    xs = np.array([-1.0, 0.5, 2.0])
    ys = line_through(0.5, 2.5, 6.0, xs)
    assert ys.tolist() == pytest.approx([-6.5, 2.5, 11.5])
