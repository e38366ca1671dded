import dataclasses

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine import (
    PARABOLA_MIN,
    LineFitLoss,
    central_difference,
    default_terrain,
    line_data,
    numerical_gradient,
    parabola,
    parabola_curvature,
    parabola_slope,
    plane,
    plane_gradient,
    where_slope_is_zero,
)

finite = st.floats(-1e3, 1e3)


def test_parabola_minimum_by_hand():
    assert parabola_slope(-1.0) == 0.0
    assert parabola(-1.0) == -2.0
    assert PARABOLA_MIN == (-1.0, -2.0)
    assert parabola(0.0) == 0.0 and parabola(1.0) == 6.0 and parabola_slope(1.0) == 8.0


def test_parabola_is_vectorised():
    x = np.linspace(-3, 3, 7)
    np.testing.assert_array_equal(parabola(x), 2 * x**2 + 4 * x)
    np.testing.assert_array_equal(parabola_slope(x), 4 * x + 4)


@given(finite)
def test_parabola_curvature_is_the_slope_of_the_slope(x):
    assert parabola_curvature(x) == pytest.approx(central_difference(parabola_slope, x), rel=1e-6)
    assert parabola_curvature(x) > 0


@pytest.mark.parametrize("start", [-30.0, -1.0, 0.0, 2.5])
def test_the_minimum_is_solved_from_the_slope_not_typed_in(start):
    x = where_slope_is_zero(parabola_slope, parabola_curvature, start)
    assert x == -1.0 and parabola_slope(x) == 0.0  # 4x + 4 = 0 by hand


def test_newton_finds_the_flat_point_of_a_curve_that_is_not_a_parabola():
    x = where_slope_is_zero(lambda x: np.exp(x) - 2.0, np.exp, start=0.0, tolerance=1e-12)
    assert x == pytest.approx(np.log(2.0), abs=1e-12)


def test_no_flat_point_is_an_error_not_a_wrong_answer():
    with pytest.raises(ArithmeticError):
        where_slope_is_zero(lambda x: x * x + 1.0, lambda x: 2.0 * x, start=1.0, max_steps=20)


@given(finite)
def test_parabola_slope_matches_central_difference(x):
    assert central_difference(parabola, x) == pytest.approx(parabola_slope(x), rel=1e-6, abs=1e-4)


@given(finite, finite)
def test_plane_gradient_is_6x_minus_2(x, y):
    assert plane_gradient(x, y).tolist() == [6 * x, -2.0]
    assert plane(x, y) == pytest.approx(3 * x**2 - 2 * y, rel=1e-12, abs=1e-12)


def test_plane_gradient_shape_broadcasts():
    xs, ys = np.meshgrid(np.linspace(-1, 1, 5), np.linspace(-2, 2, 3))
    g = plane_gradient(xs, ys)
    assert g.shape == (3, 5, 2)
    np.testing.assert_array_equal(g[..., 0], 6 * xs)
    np.testing.assert_array_equal(g[..., 1], -2.0)
    assert plane_gradient(np.arange(4.0), 0.0).shape == (4, 2)


def test_terrain_gradient_matches_central_differences():
    terrain = default_terrain()
    xmin, xmax, ymin, ymax = terrain.bounds
    rng = np.random.default_rng(0)
    x, y = rng.uniform(xmin, xmax, 500), rng.uniform(ymin, ymax, 500)
    numeric = np.stack(
        [central_difference(lambda u: terrain.height(u, y), x), central_difference(lambda v: terrain.height(x, v), y)],
        axis=-1,
    )
    np.testing.assert_allclose(terrain.gradient(x, y), numeric, rtol=1e-6, atol=1e-8)


def test_terrain_minima_three_valleys_one_global():
    terrain = default_terrain()
    minima = terrain.minima
    assert len(minima) >= 3
    assert sum(m.is_global for m in minima) == 1
    heights = sorted(m.height for m in minima)
    assert min(np.diff(heights)) > 0.3, "valleys should differ clearly in depth"
    lowest = min(minima, key=lambda m: m.height)
    assert lowest.is_global
    for m in minima:
        assert np.linalg.norm(terrain.gradient(m.x, m.y)) < 1e-8
        # a true minimum: every neighbour is higher
        angles = np.linspace(0, 2 * np.pi, 16, endpoint=False)
        assert (terrain.height(m.x + 0.01 * np.cos(angles), m.y + 0.01 * np.sin(angles)) > m.height).all()


def test_terrain_height_is_a_loss_zero_at_the_global_minimum_and_never_negative():
    terrain = default_terrain()
    xmin, xmax, ymin, ymax = terrain.bounds
    xs, ys = np.linspace(xmin, xmax, 1001), np.linspace(ymin, ymax, 601)
    heights = terrain.height(xs[None, :], ys[:, None])
    lowest = min(terrain.minima, key=lambda m: m.height)
    assert lowest.is_global and lowest.height == pytest.approx(0.0, abs=1e-12)
    assert heights.min() >= 0.0 and heights.min() == pytest.approx(0.0, abs=1e-3)
    # lowering moves every height by the same amount and changes no slope
    raised = dataclasses.replace(terrain, base=0.0)
    x, y = xs[::50, None], ys[None, ::50]
    np.testing.assert_allclose(raised.height(x, y) - terrain.height(x, y), -terrain.base)
    np.testing.assert_array_equal(raised.gradient(x, y), terrain.gradient(x, y))
    assert raised.lowered_to_zero() == terrain


def test_terrain_minima_inside_and_distinct_on_an_80x24_map():
    terrain = default_terrain()
    xmin, xmax, ymin, ymax = terrain.bounds
    cell = np.array([(xmax - xmin) / 80, (ymax - ymin) / 24])
    floors = np.array([(m.x, m.y) for m in terrain.minima])
    in_cells = (floors - [xmin, ymin]) / cell
    assert (in_cells >= [16, 4.8]).all() and (in_cells <= [64, 19.2]).all(), "minima 20 % or more from every edge"
    for i in range(len(floors)):
        for j in range(i):
            assert np.abs(in_cells[i] - in_cells[j]).max() > 10, "minima at least 10 cells apart"


def test_nearest_minimum():
    terrain = default_terrain()
    floors = np.array([(m.x, m.y) for m in terrain.minima])
    np.testing.assert_array_equal(terrain.nearest_minimum(floors), np.arange(len(floors)))
    np.testing.assert_array_equal(terrain.nearest_minimum(floors + 0.05), np.arange(len(floors)))
    assert terrain.nearest_minimum(np.zeros((3, 4, 2))).shape == (3, 4)


def test_line_fit_gradient_matches_central_differences():
    surface = LineFitLoss(*line_data(64, seed=3))
    rng = np.random.default_rng(1)
    for w, b in rng.uniform(-4, 4, (20, 2)):
        numeric = numerical_gradient(lambda p: surface.loss(p[0], p[1]), np.array([w, b]))
        np.testing.assert_allclose(surface.gradient(w, b), numeric, rtol=1e-7)


def test_line_fit_minimum_is_least_squares():
    x, y = line_data(64, seed=0)
    surface = LineFitLoss(x, y)
    w, b = surface.minimum
    np.testing.assert_allclose((w, b), np.polyfit(x, y, 1), rtol=1e-10)
    np.testing.assert_allclose(surface.gradient(w, b), 0.0, atol=1e-10)
    assert abs(w - 2.0) < 0.2 and abs(b - 1.0) < 0.2, "the data follow y = 2x + 1"


def test_line_fit_loss_vectorised_over_a_grid():
    surface = LineFitLoss(*line_data())
    W, B = np.meshgrid(np.linspace(0, 4, 9), np.linspace(-1, 3, 5))
    L = surface.loss(W, B)
    assert L.shape == (5, 9)
    assert L[2, 4] == pytest.approx(surface.loss(W[2, 4], B[2, 4]))
    assert surface.gradient(W, B).shape == (5, 9, 2)


def test_line_fit_loss_is_the_mean_of_squared_residuals():
    x, y = line_data(64, seed=4)
    surface = LineFitLoss(x, y)
    for w, b in [(0.0, 0.0), (2.0, 1.0), (-3.5, 4.25), (10.0, -7.0)]:
        assert surface.loss(w, b) == pytest.approx(np.mean((w * x + b - y) ** 2), rel=1e-12)


def test_batch_gradient_is_the_full_gradient_on_all_samples_and_averages_to_it():
    x, y = line_data(64, seed=2)
    surface = LineFitLoss(x, y)
    everything = np.arange(64)
    np.testing.assert_allclose(surface.batch_gradient(0.5, -1.0, everything), surface.gradient(0.5, -1.0))
    quarters = np.split(everything, 4)
    mean_of_batches = np.mean([surface.batch_gradient(0.5, -1.0, q) for q in quarters], axis=0)
    np.testing.assert_allclose(mean_of_batches, surface.gradient(0.5, -1.0))
    assert not np.allclose(surface.batch_gradient(0.5, -1.0, quarters[0]), surface.gradient(0.5, -1.0))


def test_numerical_helpers_on_known_derivatives():
    np.testing.assert_allclose(central_difference(np.sin, np.linspace(0, 3, 10)), np.cos(np.linspace(0, 3, 10)), rtol=1e-8)
    point = np.array([[1.0, 2.0], [3.0, -1.0]])
    np.testing.assert_allclose(numerical_gradient(lambda p: np.sum(p**3), point), 3 * point**2, rtol=1e-8)
    assert point.tolist() == [[1.0, 2.0], [3.0, -1.0]], "the point is not changed"
