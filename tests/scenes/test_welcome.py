"""Scene welcome: the keys it lists are the keys the app and its live scenes bind, written
as the footer and the help write them, in both languages."""

from __future__ import annotations

import pytest
from textual.binding import Binding

import scenes
from scenes.welcome import KEYS
from tests.conftest import make_app
from tui.app import NAVIGATION_KEYS
from tui.keys import key_label
from tui.scene import Scene


def bound_keys() -> dict[str, set[str]]:
    """Every key -> the actions it runs, in the app and in any scene."""
    bindings = [*NAVIGATION_KEYS, Scene.EXPLORE_KEY]
    for scene_id in scenes.scene_ids():
        bindings += scenes.load_scene(scene_id).own_bindings()
    keys: dict[str, set[str]] = {}
    for binding in bindings:
        if isinstance(binding, Binding):
            for key in binding.key.split(","):
                keys.setdefault(key.strip(), set()).add(binding.action.split("(")[0])
    return keys


def test_every_listed_key_is_bound_to_what_the_list_says():
    bound = bound_keys()
    wanted = {"right": "forward", "left": "back", "right_square_bracket": "jump_scene", "tab": "overview",
              "question_mark": "help", "L": "switch_language", "q": "quit", "space": "toggle_play",
              "s": "step", "r": "reset", "plus": "learning_rate", "minus": "learning_rate", "enter": "explore"}
    listed = [key for row in KEYS for keys, _ in row for key in keys]
    assert set(wanted) <= set(listed)
    for key in listed:
        assert key in bound, key
        if key in wanted:
            assert any(action.endswith(wanted[key]) or action == wanted[key] for action in bound[key]), (key, bound[key])


@pytest.mark.parametrize("lang", ["en", "de"])
async def test_the_keys_read_as_the_footer_writes_them(lang):
    app = make_app("welcome", lang, questions=False)
    async with app.run_test(size=(80, 22)) as pilot:
        await pilot.press("right", "right")
        table = app.scene.query_one("#keys").content
        cells = [[str(cell) for cell in column.cells] for column in table.columns]
        for column, side in ((0, 0), (2, 1)):
            assert cells[column] == [" ".join(key_label(k, app.catalog) for k in row[side][0]) for row in KEYS]
        assert ("Leertaste" if lang == "de" else "space") in cells[2]
        assert "Vorlesung zeigt" not in app.catalog("welcome.question")  # gdtui is not the lecture
