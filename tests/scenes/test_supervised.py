"""Scene supervised: the pairs and the split on screen are the engine's, the split
follows the keys, impossible splits are refused, and the reveal runs both ways."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.data import ANIMALS, animals, split
from scenes.supervised import MIN_TRAIN_PERCENT, PAIRS_SHOWN, START_PERCENT, Supervised
from tests.conftest import make_app
from tui.i18n import Catalog
from tui.widgets.split_bar import SplitBar, stretch_widths


def text_of(app, selector: str) -> str:
    """What the widget shows on screen, line by line."""
    widget = app.screen.query_one(selector)
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))


def part_rows(app) -> list[list[str]]:
    """The (share, animals, cats, dogs) numbers of the train, validation and test rows."""
    rows = []
    for line in text_of(app, "#parts").splitlines()[1:]:
        words = line.split()
        if "%" in words:
            at = words.index("%")
            rows.append(words[at - 1: at] + words[at + 1: at + 4])
    return rows


def engine_rows(percent: tuple[int, int, int], seed: int = 0) -> list[list[str]]:
    parts = split(animals(seed), tuple(p / 100 for p in percent), seed=seed)
    return [[str(p), str(len(part.y)), *map(str, np.bincount(part.y, minlength=2))]
            for p, part in zip(percent, (parts.train, parts.validation, parts.test))]


def scene(app) -> Supervised:
    return app.scene  # type: ignore[return-value]


async def test_pairs_are_the_engines_animals_with_their_labels():
    app = make_app("supervised", "de", seed=3)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        data = animals(3)
        catalog = Catalog("de")
        lines = text_of(app, "#pairs").splitlines()
        assert "Schnauzenlänge" in lines[0]
        for row in range(PAIRS_SHOWN):
            words = lines[1 + row].split()
            assert words[1:4] == [catalog.num(v) for v in data.X[row]]
            assert words[-1] == ("Hund" if data.y[row] == 1 else "Katze")


async def test_split_is_revealed_then_explained_and_hidden_again_backwards():
    app = make_app("supervised", "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one(SplitBar).visible
        await pilot.press("right")
        assert app.screen.query_one(SplitBar).visible
        assert "Sealed" not in text_of(app, "#parts")
        await pilot.press("right")
        assert "Sealed until the end" in text_of(app, "#parts")
        await pilot.press("left")
        assert "Sealed" not in text_of(app, "#parts")
        await pilot.press("left")
        assert not app.screen.query_one(SplitBar).visible


@pytest.mark.parametrize(("keys", "percent"), [
    ((), START_PERCENT),
    (("plus",), (55, 25, 20)),
    (("plus", "plus", "p", "minus", "minus"), (60, 30, 10)),
    (("p", "minus", "minus", "minus", "p", "plus"), (70, 25, 5)),
])
async def test_counts_per_part_and_class_follow_the_keys(keys, percent):
    app = make_app("supervised", "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", *keys)
        await pilot.pause()
        assert scene(app).step == 1
        assert scene(app).percent == percent == app.settings.split_percent
        assert part_rows(app) == engine_rows(percent)
        bar = app.screen.query_one(SplitBar)
        assert [part.count for part in bar.parts] == [int(row[1]) for row in engine_rows(percent)]


async def test_explore_mode_arrows_pick_a_part_and_resize_it():
    app = make_app("supervised", "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", "enter", "down", "right", "right", "up", "left")
        await pilot.pause()
        assert app.scene.exploring
        assert scene(app).percent == (55, 15, 30)
        assert part_rows(app) == engine_rows((55, 15, 30))
        assert app.screen.query_one(SplitBar).selected == 1
        message = str(app.query_one("#message").render())
        assert message.startswith("↑ ↓ choose a part")  # the hint names explore mode's keys
        await pilot.press("escape")
        assert str(app.query_one("#message").render()).startswith("+ / - and p")


async def test_impossible_splits_are_refused_with_a_reason():
    app = make_app("supervised", "en")
    async with app.run_test(size=(80, 24)) as pilot:
        catalog = Catalog("en")
        await pilot.press("right", "minus", "minus", "minus", "minus")
        await pilot.pause()
        assert scene(app).percent == (75, 5, 20)
        assert text_of(app, "#message").strip() == catalog("supervised.refuse.validation")
        await pilot.press("r", "plus", "plus", "plus")
        await pilot.pause()
        assert scene(app).percent == (MIN_TRAIN_PERCENT, 30, 20)
        assert text_of(app, "#message").strip() == catalog("supervised.refuse.train", min=MIN_TRAIN_PERCENT)
        await pilot.press("minus")
        await pilot.pause()
        assert text_of(app, "#message").strip() == catalog("supervised.how_to_change")
        assert part_rows(app) == engine_rows((55, 25, 20))


async def test_language_switch_keeps_the_split():
    app = make_app("supervised", "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", "p", "plus", "L")
        await pilot.pause()
        assert "Validierung" in text_of(app, "#parts")
        assert part_rows(app) == engine_rows((55, 20, 25))


@given(st.lists(st.integers(0, 500), min_size=3, max_size=3).filter(any), st.integers(3, 200))
def test_bar_stretches_fill_the_width_and_never_hide_a_part(counts, width):
    widths = stretch_widths(counts, width)
    assert sum(widths) == width
    assert all(w >= 1 for w, c in zip(widths, counts) if c)
    assert all(w == 0 for w, c in zip(widths, counts) if not c)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_snapshot(snap_compare, lang):
    async def last_step_with_a_refusal(pilot):
        await pilot.app.go(pilot.app.index, -1)
        await pilot.press("p", "minus", "minus", "minus", "minus")
        await pilot.pause()

    assert snap_compare(make_app("supervised", lang), terminal_size=(80, 24), run_before=last_step_with_a_refusal)


async def test_the_first_step_shows_the_default_split_before_any_key_changes_it():
    """+ on the first step does nothing unseen (it is not in the footer either); Enter does not skip."""
    app = make_app("supervised", "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("plus", "minus", "p", "enter")
        assert scene(app).step == 0 and scene(app).percent == START_PERCENT and not app.scene.exploring
        await pilot.press("right")
        assert part_rows(app) == engine_rows(START_PERCENT)


@pytest.mark.parametrize("lang", ["en", "de"])
async def test_a_refusal_does_not_follow_into_the_next_step_and_no_epoch_before_it_is_explained(lang):
    app = make_app("supervised", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        catalog = Catalog(lang)
        await pilot.press("right", "minus", "minus", "minus", "minus")
        assert text_of(app, "#message").strip() == catalog("supervised.refuse.validation")
        await pilot.press("right")
        assert text_of(app, "#message").strip() == catalog("supervised.how_to_change")
        shown = " ".join((text_of(app, "#parts") + " " + text_of(app, "#intro")).split())
        assert ("Epoch" not in shown) and ("0 to 1" in shown or "0 bis 1" in shown)
