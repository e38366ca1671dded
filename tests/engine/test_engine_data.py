import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import CLASSES, FEATURES, batches, dogs_vs_cats, split
from engine.data import ANIMALS, animals


def test_two_named_features_and_labels():
    data = dogs_vs_cats(n=400, seed=0)
    assert data.X.shape == (400, 2) and data.y.shape == (400,)
    assert FEATURES[:2] == ("ear_pointiness", "snout_length")
    assert CLASSES == ("cat", "dog")
    assert set(data.y.tolist()) == {0, 1} and data.y.sum() == 200
    assert len(data) == 400


def test_three_feature_variant():
    data = dogs_vs_cats(n=31, features=3, seed=1)
    assert data.X.shape == (31, 3) and FEATURES[2] == "body_weight"
    assert np.bincount(data.y).tolist() == [16, 15]


def test_cats_have_pointier_ears_dogs_longer_snouts():
    data = dogs_vs_cats(n=1000, seed=2)
    cats, dogs = data.X[data.y == 0], data.X[data.y == 1]
    assert cats[:, 0].mean() > dogs[:, 0].mean() + 0.3
    assert dogs[:, 1].mean() > cats[:, 1].mean() + 0.3


def test_same_seed_same_data_other_seed_other_data():
    a, b, c = dogs_vs_cats(seed=5), dogs_vs_cats(seed=5), dogs_vs_cats(seed=6)
    np.testing.assert_array_equal(a.X, b.X)
    np.testing.assert_array_equal(a.y, b.y)
    assert not np.array_equal(a.X, c.X)


def test_noise_and_overlap_control_difficulty():
    def gap(data):  # distance between class means in units of spread
        cats, dogs = data.X[data.y == 0], data.X[data.y == 1]
        return np.linalg.norm(cats.mean(0) - dogs.mean(0)) / data.X[data.y == 0].std()

    assert gap(dogs_vs_cats(1000, noise=0.05)) > gap(dogs_vs_cats(1000, noise=0.2))
    assert gap(dogs_vs_cats(1000, overlap=0.0)) > gap(dogs_vs_cats(1000, overlap=0.6)) > gap(dogs_vs_cats(1000, overlap=1.0))
    clean = dogs_vs_cats(10, noise=0.0, overlap=0.5)
    assert len(np.unique(clean.X, axis=0)) == 2, "without noise every animal sits on its class centre"


@pytest.mark.parametrize("kwargs", [{"n": 1}, {"features": 4}, {"overlap": 1.5}, {"noise": -0.1}])
def test_bad_data_arguments(kwargs):
    with pytest.raises(ValueError):
        dogs_vs_cats(**kwargs)


def test_split_is_stratified_and_complete():
    data = dogs_vs_cats(n=400, seed=0)
    parts = split(data, (0.6, 0.2, 0.2), seed=0)
    assert [len(parts.train), len(parts.validation), len(parts.test)] == [240, 80, 80]
    for part in (parts.train, parts.validation, parts.test):
        assert part.y.mean() == 0.5
    rows = np.concatenate([parts.train.X, parts.validation.X, parts.test.X])
    np.testing.assert_array_equal(np.sort(rows, axis=0), np.sort(data.X, axis=0))


def test_split_is_shuffled_and_reproducible():
    data = dogs_vs_cats(n=200, seed=0)
    a, b, c = split(data, seed=1), split(data, seed=1), split(data, seed=2)
    np.testing.assert_array_equal(a.train.X, b.train.X)
    assert not np.array_equal(a.train.X, c.train.X)
    assert 0 < np.abs(np.diff(a.train.y)).sum(), "classes are mixed, not sorted"


@settings(max_examples=40, deadline=None)
@given(st.integers(10, 300), st.floats(0.05, 0.9), st.floats(0.0, 1.0))
def test_property_any_fractions_summing_to_one(n, train, share):
    validation = (1 - train) * share
    fractions = (train, validation, 1 - train - validation)
    data = dogs_vs_cats(n=n, seed=n)
    parts = split(data, fractions, seed=0)
    sizes = np.array([len(parts.train), len(parts.validation), len(parts.test)])
    assert sizes.sum() == n
    assert (np.abs(sizes - np.array(fractions) * n) <= 2).all(), "each part within rounding of its fraction"
    for part in (parts.train, parts.validation, parts.test):
        for label in (0, 1):
            share_in_part = (part.y == label).sum()
            assert abs(share_in_part - (data.y == label).mean() * len(part)) <= 2


@pytest.mark.parametrize(
    "fractions, message",
    [((0.5, 0.5), "three"), ((0.6, 0.3, 0.3), "sum to 1"), ((1.2, -0.1, -0.1), ">= 0"), ((0.0, 0.5, 0.5), "training"), ((np.nan, 0.5, 0.5), "finite")],
)
def test_split_rejects_bad_fractions(fractions, message):
    with pytest.raises(ValueError, match=message):
        split(dogs_vs_cats(), fractions)


def test_batches_cover_every_index_once_and_reshuffle_each_epoch():
    rng = np.random.default_rng(0)
    first, second = batches(10, 4, rng), batches(10, 4, rng)
    for epoch in (first, second):
        assert [len(b) for b in epoch] == [4, 4, 2]
        assert sorted(np.concatenate(epoch).tolist()) == list(range(10))
    assert not np.array_equal(np.concatenate(first), np.concatenate(second))
    assert [len(b) for b in batches(10, 50, rng)] == [10]
    assert [len(b) for b in batches(3, 1, rng)] == [1, 1, 1]
    with pytest.raises(ValueError):
        batches(10, 0, rng)


def test_the_lecture_animals_are_one_data_set_of_scores_from_0_to_1():
    data = animals(seed=0)
    assert data.X.shape == (ANIMALS, 3) and np.bincount(data.y).tolist() == [ANIMALS // 2] * 2
    assert data.X.min() >= 0.0 and data.X.max() <= 1.0
    np.testing.assert_array_equal(data.X, animals(seed=0).X)
    assert not np.array_equal(data.X, animals(seed=1).X)
    two = data.first_features(2)
    np.testing.assert_array_equal(two.X, data.X[:, :2])
    np.testing.assert_array_equal(two.y, data.y)


def test_the_lecture_animals_overlap():
    """No straight line through ears and snout separates them: the best one still errs."""
    data = animals(seed=0)
    cats, dogs = data.X[data.y == 0, :2], data.X[data.y == 1, :2]
    direction = dogs.mean(0) - cats.mean(0)
    scores = data.X[:, :2] @ direction
    errors = min(((scores > t) != data.y).sum() for t in np.unique(scores))
    assert errors >= ANIMALS // 10
