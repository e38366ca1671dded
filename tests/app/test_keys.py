"""Every key can be found: the footer shows the keys that act now, most needed first; the help lists all."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult

import scenes
from tests.conftest import make_app, play_frames
from tui.app import NAVIGATION_KEYS, NUMBER_MODE_KEYS, GdtuiApp
from tui.chrome import StatusBar
from tui.i18n import LANGUAGES, Catalog
from tui.keys import key_groups, key_label
from tui.scene import Scene
from tui.screens import HelpScreen

HINTS = [("→", "next"), ("←", "back"), ("?", "help"), ("a", "alpha"), ("b", "beta")]


def footer(app: GdtuiApp) -> str:
    return str(app.query_one(StatusBar).render())


def help_rows(app: GdtuiApp) -> list[tuple[str, str]]:
    assert isinstance(app.screen, HelpScreen)
    return [row for _, rows in app.screen.sections for row in rows]


class BarApp(App[None]):
    def compose(self) -> ComposeResult:
        yield StatusBar()


@pytest.mark.parametrize(("width", "expected"), [
    (63, "scene 1/2 · step 1/1  → next  ← back  ? help  a alpha  b beta"),
    (62, "scene 1/2 · step 1/1  → next  ← back  ? help  a alpha  …"),
    (57, "scene 1/2 · step 1/1  → next  ← back  ? help  …"),
    (48, "scene 1/2 · step 1/1  → next  ← back  …"),
])
async def test_hints_that_do_not_fit_are_dropped_from_the_end_and_an_ellipsis_says_so(width, expected):
    app = BarApp()
    async with app.run_test(size=(width, 3)) as pilot:  # the bar's padding takes one column each side
        app.query_one(StatusBar).show("scene 1/2 · step 1/1", "", HINTS, "…")
        await pilot.pause()
        assert str(app.query_one(StatusBar).render()) == expected


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "scene 11/13 · step 1/3  → next  ← back  ? help  space play  s iteration  …"),
    ("de", "Szene 11/13 · Schritt 1/3  → weiter  ← zurück  ? Hilfe  Leertaste Start  …"),
])
async def test_footer_at_80_columns_moves_on_then_helps_then_shows_scene_keys(lang, expected):
    app = make_app("training", lang)
    async with app.run_test(size=(80, 22)):
        assert footer(app) == expected


async def test_a_key_that_does_nothing_yet_is_neither_shown_nor_run():
    """Derivative: space, s and r roll the ball, which appears on its last step only."""
    app = make_app("derivative", questions=False)
    async with app.run_test(size=(80, 22)) as pilot:
        scene = app.scene
        for _ in range(scene.steps - 1):
            assert "space" not in footer(app) and "s iteration" not in footer(app)
            await pilot.press("space", "s")
            assert len(scene.walks[0].steps) == 1
            await pilot.press("right")
        assert "space play" in footer(app) and "s iteration" in footer(app)
        await pilot.press("s")
        assert len(scene.walks[0].steps) == 2


async def test_explore_mode_shows_its_own_keys_first_and_still_help():
    app = make_app("training", "de", questions=False)
    async with app.run_test(size=(80, 22)) as pilot:
        await pilot.press("right", "right", "enter")  # the rules, where explore mode acts
        assert app.scene.exploring
        assert footer(app).endswith("ERKUNDEN   ←↑↓→ bewegen  Esc verlassen  ? Hilfe  …")
        await pilot.press("escape")
        assert not app.scene.exploring and "→ weiter" in footer(app)


async def test_at_either_end_of_the_lecture_the_way_on_is_not_offered():
    app = make_app("welcome")
    async with app.run_test(size=(80, 22)) as pilot:
        assert "← back" not in footer(app) and "→ next" in footer(app)
        await pilot.press("end", "end")
        while app.scene.step < app.scene.steps - 1:
            await pilot.press("right")
        assert "→ next" not in footer(app) and "← back" in footer(app)


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_help_lists_every_key_the_app_and_the_scene_bind(lang):
    app = make_app("training", lang)
    async with app.run_test(size=(80, 22)) as pilot:
        await pilot.press("question_mark")
        rows = help_rows(app)
        described = {text for _, text in rows}
        scene = app.scene
        bindings = [*NAVIGATION_KEYS, *NUMBER_MODE_KEYS, *Scene.EXPLORE_MODE_KEYS, Scene.EXPLORE_KEY,
                    *scene.own_bindings()]
        assert {app.catalog(binding.description) for binding in bindings} <= described
        assert ("0…9", app.catalog("app.keys.number")) in rows  # as bound: 0 to 9, not 1 to 9
        assert (app.catalog("app.keyname.space"), app.catalog("app.keys.play")) in rows


@pytest.mark.slow
async def test_help_scrolls_to_its_last_key_at_80x22():
    app = make_app("training")
    async with app.run_test(size=(80, 22)) as pilot:
        await pilot.press("question_mark")
        box = app.screen.query_one("VerticalScroll")
        assert box.max_scroll_y > 0  # more keys than rows: it must scroll
        await pilot.press("end")
        await pilot.pause()
        assert box.scroll_y == box.max_scroll_y
        last = app.catalog("training.keys.edit")
        assert any(last in line for line in [strip.text for strip in app.screen._compositor.render_strips()])


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("scene_id", scenes.scene_ids())
def test_every_key_has_a_help_line_and_a_footer_label(scene_id, lang):
    catalog = Catalog(lang)
    scene = scenes.load_scene(scene_id)
    groups = [*key_groups(None, [*NAVIGATION_KEYS, *NUMBER_MODE_KEYS, *Scene.BINDINGS]),
              *key_groups(None, scene.own_bindings())]
    for group in groups:
        assert group.help_text(catalog)
        if group.bindings[0].show:
            assert group.footer_text(catalog)


@pytest.mark.parametrize(("lang", "label"), [("en", "Ctrl+P"), ("de", "Strg+P")])
def test_modifier_keys_are_named_as_the_language_names_them(lang, label):
    """German keyboards label the control key Strg."""
    assert key_label("ctrl+p", Catalog(lang)) == label


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "play", "pause"), [("en", "space play", "space pause"),
                                                     ("de", "Leertaste Start", "Leertaste Pause")])
async def test_the_footer_says_what_space_does_now(lang, play, pause, clock):
    """Space pauses while a scene plays; the footer says so, and says play again once a walk ends by itself."""
    app = make_app("learning-rate", lang, animate=True, clock=clock, questions=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("right")
        assert play in footer(app)
        await pilot.press("space")
        assert pause in footer(app)
        await pilot.press("space")
        assert play in footer(app)
        await pilot.press("space")
        await play_frames(pilot, clock, 40, seconds=1.0)  # every walk ends within its iteration limit
        assert not app.scene.pacer.playing and play in footer(app)
