import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import (
    Status,
    constant,
    default_terrain,
    descend,
    exponential_decay,
    inverse_time_decay,
    parabola,
    parabola_slope,
    plane,
    plane_gradient,
    run,
)
from engine.descent import turned_back


def parabola_path(learning_rate, start=2.0, **options):
    return run(parabola_slope, start, learning_rate, value=parabola, **options)


def test_start_is_step_zero_and_shapes_are_n_by_d():
    first = next(descend(parabola_slope, 2.0, 0.1, value=parabola))
    assert first.index == 0
    assert first.points.shape == (1, 1) and first.gradients.shape == (1, 1) and first.values.shape == (1,)
    assert first.points[0, 0] == 2.0 and first.gradients[0, 0] == 12.0 and first.values[0] == 16.0
    assert first.status.tolist() == [Status.RUNNING]


def test_one_step_is_x_minus_lr_times_slope():
    steps = descend(parabola_slope, 2.0, 0.1)
    next(steps)
    assert next(steps).points[0, 0] == pytest.approx(2.0 - 0.1 * 12.0)


@pytest.mark.parametrize("lr", [0.01, 0.1, 0.2, 0.24])
def test_small_learning_rate_converges_monotonically(lr):
    path = parabola_path(lr, max_steps=5000)
    assert path.status.tolist() == [Status.CONVERGED]
    x = path.points[:, 0, 0]
    assert x[-1] == pytest.approx(-1.0, abs=1e-6)
    assert (np.diff(x) < 0).all(), "from the right, every step moves left, never past -1"
    assert (np.diff(path.values[:, 0]) < 0).all()


@pytest.mark.parametrize("lr", [0.3, 0.4, 0.49])
def test_medium_learning_rate_oscillates_but_converges(lr):
    path = parabola_path(lr, max_steps=5000)
    assert path.status.tolist() == [Status.CONVERGED]
    offset = path.points[:, 0, 0] + 1.0
    assert offset[-1] == pytest.approx(0.0, abs=1e-6)
    signs = np.sign(offset[:10])
    assert (signs[1:] == -signs[:-1]).all(), "jumps across the minimum every step"
    assert (np.abs(offset[1:10]) < np.abs(offset[:9])).all()


@pytest.mark.parametrize("lr", [0.51, 0.6, 1.0, 10.0])
def test_large_learning_rate_diverges_as_a_status(lr):
    path = parabola_path(lr, max_steps=100_000)
    assert path.status.tolist() == [Status.DIVERGED]
    assert np.isfinite(path.points).all() and np.isfinite(path.values).all()
    assert np.abs(path.points[-1, 0, 0]) > np.abs(path.points[1, 0, 0])


def test_divergence_without_a_value_function_or_limit_still_stops():
    # 1e6 * slope overflows to inf quickly; that must be a status, not a warning
    path = run(parabola_slope, 2.0, 1e6, max_steps=1000)
    assert path.status.tolist() == [Status.DIVERGED]
    assert np.isfinite(path.points).all()


def test_exactly_lr_half_bounces_forever():
    path = parabola_path(0.5, start=0.0, max_steps=50)
    assert path.status.tolist() == [Status.MAX_STEPS]
    assert set(path.points[:, 0, 0].tolist()) == {0.0, -2.0}


def test_leaving_the_bounds_is_reported_and_walker_stays_inside():
    path = parabola_path(0.9, bounds=(-5.0, 5.0))
    assert path.status.tolist() == [Status.LEFT_DOMAIN]
    assert (np.abs(path.points) <= 5.0).all()


def test_moves_are_the_steps_taken_and_the_one_tried_before_stopping():
    steps = list(descend(parabola_slope, np.array([[-1.2], [4.0]]), 0.9, value=parabola, bounds=(-5.0, 5.0)))
    assert (steps[0].moves == 0).all()
    for before, after in zip(steps, steps[1:]):
        walked = before.running
        np.testing.assert_allclose(after.moves[walked], -0.9 * before.gradients[walked])
        kept = walked & ~np.isin(after.status, [Status.LEFT_DOMAIN, Status.DIVERGED])
        np.testing.assert_allclose(after.points[kept], before.points[kept] + after.moves[kept])
    last = steps[-1]
    assert last.status.tolist() == [Status.LEFT_DOMAIN, Status.LEFT_DOMAIN]
    tried = last.points + last.moves
    assert (np.abs(tried) > 5.0).all() and (np.abs(last.points) <= 5.0).all()
    # a walker that stopped keeps the move it tried while the others walk on
    first_out = next(s for s in steps if s.status[1] == Status.LEFT_DOMAIN)
    np.testing.assert_array_equal(steps[-1].moves[1], first_out.moves[1])


def test_moves_with_momentum_are_the_velocity():
    steps = list(descend(parabola_slope, 2.0, 0.1, momentum=0.5, max_steps=3))
    assert steps[1].moves[0, 0] == pytest.approx(-1.2)
    assert steps[2].moves[0, 0] == pytest.approx(0.5 * -1.2 - 0.1 * parabola_slope(steps[1].points[0, 0]))


def test_turned_back_tells_a_zigzag_from_a_creep():
    starts = np.array([[2.0], [3.0]])
    for rate, zigzag in ((0.45, True), (0.1, False)):
        steps = list(descend(parabola_slope, starts, rate, max_steps=8))
        assert [turned_back(a, b).tolist() for a, b in zip(steps[1:], steps[2:])] == [[zigzag, zigzag]] * 7
    assert not turned_back(steps[0], steps[1]).any(), "no move before the first: nothing to turn back from"


def test_many_walkers_at_once_match_walking_alone():
    starts = np.array([[2.0], [-3.0], [-1.0], [0.5]])
    together = parabola_path(0.3, start=starts)
    for i, start in enumerate(starts[:, 0]):
        alone = parabola_path(0.3, start=start)
        finished = alone.steps
        np.testing.assert_array_equal(together.points[: finished + 1, i], alone.points[:, 0])
        # stopped walkers stay put for the rest of the run
        assert (together.points[finished:, i] == alone.points[-1, 0]).all()
        assert together.status[i] == alone.status[0]
    assert together.status[2] == Status.CONVERGED and together.steps > 0


def test_mixed_fates_in_one_run():
    path = run(plane_gradient, np.array([[0.0, 0.0], [0.1, 2.9]]), 0.1, value=plane, bounds=(-1, 1, -3, 3), max_steps=200)
    # the plane has no minimum: y grows by 0.2 a step until the walker walks off the map
    assert path.status.tolist() == [Status.LEFT_DOMAIN, Status.LEFT_DOMAIN]
    assert path.points[-1, 0, 1] == pytest.approx(2.8)


def test_max_steps():
    path = parabola_path(0.001, max_steps=7)
    assert path.steps == 7 and path.status.tolist() == [Status.MAX_STEPS]
    assert parabola_path(0.1, max_steps=0).steps == 0


def test_iterator_ends_when_all_have_stopped():
    steps = list(descend(parabola_slope, np.array([[-1.0], [2.0]]), 0.25))
    assert steps[0].status.tolist() == [Status.CONVERGED, Status.RUNNING]
    assert steps[-1].finished and not steps[-2].finished
    assert len(steps) == 2, "lr 0.25 jumps to -1 in one step"


def test_momentum_accumulates_velocity():
    steps = descend(parabola_slope, 2.0, 0.1, momentum=0.5)
    x = [s.points[0, 0] for s in (next(steps), next(steps), next(steps))]
    assert x[1] == pytest.approx(2.0 - 1.2)  # v1 = -0.1 * 12
    assert x[2] == pytest.approx(x[1] + 0.5 * -1.2 - 0.1 * parabola_slope(x[1]))
    path = run(parabola_slope, 2.0, 0.1, momentum=0.5, max_steps=5000)
    assert path.status.tolist() == [Status.CONVERGED] and path.points[-1, 0, 0] == pytest.approx(-1.0, abs=1e-6)


def test_schedules():
    assert constant()(100) == 1.0
    assert inverse_time_decay(0.5)(4) == pytest.approx(1 / 3)
    assert exponential_decay(0.9)(2) == pytest.approx(0.81)
    rates = [s.learning_rate for s in descend(parabola_slope, 2.0, 0.2, schedule=inverse_time_decay(1.0), max_steps=3)]
    assert rates == pytest.approx([0.2, 0.2, 0.1, 0.2 / 3]), "the first step uses the full rate"


def test_decay_tames_a_learning_rate_that_would_oscillate_for_long():
    fixed = parabola_path(0.49, max_steps=10_000)
    decayed = parabola_path(0.49, schedule=exponential_decay(0.9), max_steps=10_000)
    assert decayed.status.tolist() == [Status.CONVERGED]
    assert decayed.steps < fixed.steps


def test_bad_arguments():
    with pytest.raises(ValueError, match="max_steps"):
        next(descend(parabola_slope, 1.0, 0.1, max_steps=-1))
    with pytest.raises(ValueError, match="bounds"):
        next(descend(plane_gradient, [0.0, 0.0], 0.1, bounds=(-1, 1)))
    with pytest.raises(ValueError, match="start"):
        next(descend(parabola_slope, np.zeros((2, 2, 2)), 0.1))


def test_hikers_end_in_the_terrain_minima():
    terrain = default_terrain()
    xmin, xmax, ymin, ymax = terrain.bounds
    rng = np.random.default_rng(7)
    starts = np.column_stack([rng.uniform(xmin, xmax, 300), rng.uniform(ymin, ymax, 300)])
    path = run(terrain.gradient, starts, 0.2, value=terrain.height, bounds=terrain.bounds, max_steps=5000)
    assert (path.status == Status.CONVERGED).all()
    floors = np.array([(m.x, m.y) for m in terrain.minima])
    ends = path.points[-1]
    nearest = terrain.nearest_minimum(ends)
    assert np.abs(ends - floors[nearest]).max() < 1e-4
    assert set(nearest.tolist()) == set(range(len(floors))), "every valley catches some hikers"
    assert (np.diff(path.values, axis=0) <= 1e-12).all(), "small steps only go downhill"


@settings(max_examples=50, deadline=None)
@given(st.floats(1e-3, 0.249), st.floats(-50, 50))
def test_property_small_rates_never_go_uphill(lr, start):
    path = parabola_path(lr, start=start, max_steps=200)
    assert (np.diff(path.values[:, 0]) <= 0).all()
    assert path.status[0] in (Status.CONVERGED, Status.MAX_STEPS)


@settings(max_examples=50, deadline=None)
@given(st.floats(0.55, 100.0), st.floats(-50, 50).filter(lambda x: abs(x + 1) > 1e-3))
def test_property_large_rates_always_diverge_quietly(lr, start):
    path = parabola_path(lr, start=start, max_steps=100_000)
    assert path.status.tolist() == [Status.DIVERGED]
    assert np.isfinite(path.points).all()
