"""Knobs: every value prints one way and reads back exactly; bad names and values get one clear line."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import scenes
from tui.i18n import LANGUAGES, Catalog
from tui.knobs import (Choice, KnobError, Listing, Notch, Number, Optional, Pair, Percent, Switch, changed,
                       knob_named, number_text, parse_assignment)

SCENES = {sid: scenes.load_scene(sid) for sid in scenes.scene_ids()}
KNOBBED = [sid for sid, scene in SCENES.items() if scene.knobs]


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_a_number_reads_back_as_exactly_itself(value):
    assert Number(-float("inf"), float("inf")).parse(number_text(value)) == value


@pytest.mark.parametrize(("value", "text"), [(0.1, "0.1"), (2.0, "2"), (-1.5, "-1.5"), (1e-05, "1e-05"), (4, "4")])
def test_numbers_are_written_compactly(value, text):
    assert number_text(value) == text


@pytest.mark.parametrize("text", ["nan", "inf", "1e400", "0x10", " 1", "1 ", "١", "²", "1,5", "", "+1", "--1"])
def test_numbers_refuse_what_is_not_a_plain_decimal(text):
    with pytest.raises(ValueError):
        Number(-1e300, 1e300).parse(text)


def test_a_percentage_says_its_range_in_percent():
    assert Percent(1, 100).expects(Catalog("en")) == "a number from 1 to 100"


def test_ranges_and_whole_numbers():
    kind = Number(0, 10, whole=True)
    assert kind.parse("7") == 7 and isinstance(kind.parse("7"), int)
    for text in ("11", "-1", "2.5"):
        with pytest.raises(ValueError):
            kind.parse(text)


@pytest.mark.parametrize("percent", [1, 12.5, 33, 85, 90, 92.5, 99.9, 100])
def test_percentages_read_back_exactly(percent):
    kind = Percent(1, 100)
    value = kind.parse(number_text(percent))
    assert value == percent / 100 and kind.parse(kind.format(value)) == value


@pytest.mark.parametrize(
    ("kind", "text", "value"),
    [
        (Notch((1, 8, 64), ((64, "all"),)), "all", 64),
        (Notch((1, 8, 64), ((64, "all"),)), "8", 8),
        (Notch((0.05, 1.6)), "1.6", 1.6),
        (Choice(("tanh", "relu")), "relu", "relu"),
        (Switch(), "off", False),
        (Optional(Number(1, 5, whole=True)), "off", None),
        (Optional(Number(1, 5, whole=True), off="animal"), "animal", None),
        (Listing(Listing(Number(-5, 5), ",", 2), "/"), "1,2.5/-3,0", ((1.0, 2.5), (-3.0, 0.0))),
        (Listing(Pair(Number(1, 9, whole=True), Number(-1, 1), ":"), "/"), "3:0.45/7:-1", ((3, 0.45), (7, -1.0))),
        (Listing(Number(1, 10, whole=True), ","), "none", ()),
    ],
)
def test_kinds_read_and_write_the_same_text(kind, text, value):
    assert kind.parse(text) == value
    assert kind.parse(kind.format(value)) == value


def test_toml_values_are_read_like_their_text():
    points = Listing(Pair(Number(-5, 5), Number(-3, 3)), "/")
    assert points.from_toml([[1, 2.5], [-3, 0]]) == points.parse("1,2.5/-3,0")
    assert Switch().from_toml(True) is True
    assert Optional(Number(0, 1)).from_toml(False) is None
    assert Number(0, 1).from_toml(0.25) == 0.25
    with pytest.raises(ValueError):
        points.from_toml([[1, 2, 3]])


def test_assignment_errors_are_one_line_in_each_language():
    knobs = SCENES["hiking"].knobs
    for lang in LANGUAGES:
        catalog = Catalog(lang)
        for text in ("rate", "=1", "nope=1", "rate=0.11", "placed=1,2/3", "arrows=yes"):
            with pytest.raises(KnobError) as caught:
                parse_assignment("hiking", knobs, text)
            message = caught.value.message(catalog)
            assert "\n" not in message and message.strip()
    with pytest.raises(KnobError) as caught:
        parse_assignment("hiking", knobs, "nope=1")
    assert all(k.name in caught.value.message(Catalog("en")) for k in knobs)
    with pytest.raises(KnobError) as caught:
        knob_named("welcome", (), "x")
    assert "welcome" in caught.value.message(Catalog("de"))


def test_a_value_error_names_the_value_and_what_would_do():
    with pytest.raises(KnobError) as caught:
        parse_assignment("hiking", SCENES["hiking"].knobs, "rate=3")
    message = caught.value.message(Catalog("en"))
    assert "“3”" in message and "rate" in message and "0.05, 0.1" in message


@pytest.mark.parametrize("scene_id", KNOBBED)
def test_every_knob_is_named_well_and_labelled_in_both_languages(scene_id):
    for knob in SCENES[scene_id].knobs:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", knob.name), knob.name
        for lang in LANGUAGES:
            assert Catalog(lang).has(f"knobs.label.{scene_id}.{knob.name}")
    names = [knob.name for knob in SCENES[scene_id].knobs]
    assert len(names) == len(set(names))


def test_changed_lists_only_what_differs_in_order():
    assert changed({"a": "1", "b": "2", "c": "3"}, {"a": "1", "b": "5", "c": "4"}) == [("b", "5"), ("c", "4")]
