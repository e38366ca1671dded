"""Pilot tests of every navigation key, explore mode, overview, help, language and timers."""

from __future__ import annotations

import pytest
from textual.command import CommandList, CommandPalette

from tests.app.fake_scenes import fake_scenes  # noqa: F401  (fixture)
from tests.conftest import make_app, until
from tui.app import GdtuiApp
from tui.chrome import StatusBar, TitleBar, TooSmall
from tui.screens import HelpScreen, OverviewScreen
from tui.settings import Settings

pytestmark = pytest.mark.usefixtures("fake_scenes")


def place(app: GdtuiApp) -> tuple[str, int]:
    return app.scene.scene_id, app.scene.step


def footer(app: GdtuiApp) -> str:
    return str(app.query_one(StatusBar).render())


async def test_forward_walks_steps_then_scenes():
    app = GdtuiApp(Settings())
    async with app.run_test() as pilot:
        seen = [place(app)]
        for key in ["right", "pagedown", "l", "right", "right", "right"]:
            await pilot.press(key)
            seen.append(place(app))
    assert seen == [("alpha", 0), ("alpha", 1), ("alpha", 2), ("beta", 0),
                    ("gamma", 0), ("gamma", 1), ("gamma", 1)]


async def test_back_lands_on_last_step_of_previous_scene():
    app = GdtuiApp(Settings(start_scene=2))
    async with app.run_test() as pilot:
        seen = [place(app)]
        for key in ["left", "pageup", "h", "left", "left", "left"]:
            await pilot.press(key)
            seen.append(place(app))
    assert seen == [("gamma", 0), ("beta", 0), ("alpha", 2), ("alpha", 1),
                    ("alpha", 0), ("alpha", 0), ("alpha", 0)]


async def test_reveal_follows_the_step_both_ways():
    app = GdtuiApp(Settings())
    async with app.run_test() as pilot:
        one, two = app.query_one("#alpha-one"), app.query_one("#alpha-two")
        assert (one.visible, two.visible) == (False, False)
        await pilot.press("right")
        assert (one.visible, two.visible) == (True, False)
        await pilot.press("right")
        assert (one.visible, two.visible) == (True, True)
        await pilot.press("left")
        assert (one.visible, two.visible) == (True, False)


async def test_brackets_home_end_jump_whole_scenes():
    app = GdtuiApp(Settings())
    async with app.run_test() as pilot:
        await pilot.press("right")
        await pilot.press("right_square_bracket")
        assert place(app) == ("beta", 0)
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert place(app) == ("gamma", 0)
        await pilot.press("left_square_bracket")
        assert place(app) == ("beta", 0)
        await pilot.press("end")
        assert place(app) == ("gamma", 0)
        await pilot.press("home")
        assert place(app) == ("alpha", 0)
        await pilot.press("right", "left_square_bracket")  # no scene before the first: nothing moves
        assert place(app) == ("alpha", 1)
        await pilot.press("end", "right", "right_square_bracket")  # nor after the last
        assert place(app) == ("gamma", 1)


async def test_number_then_enter_jumps_and_bad_number_is_refused():
    app = GdtuiApp(Settings())
    async with app.run_test(notifications=True) as pilot:
        await pilot.press("3")
        assert "3" in footer(app)
        await pilot.press("enter")
        assert place(app) == ("gamma", 0)
        await pilot.press("9", "enter")
        assert place(app) == ("gamma", 0)
        assert any("9" in str(n.message) for n in app._notifications)
        await pilot.press("2", "escape", "enter")
        assert place(app) == ("gamma", 0)


async def test_footer_counts_scene_and_step_and_shows_scene_keys():
    app = GdtuiApp(Settings(start_scene=2))
    async with app.run_test() as pilot:
        assert "scene 3/3 · step 1/2" in footer(app)
        assert "space play" in footer(app)
        await pilot.press("right")
        assert "scene 3/3 · step 2/2" in footer(app)


async def test_explore_mode_takes_the_arrows_and_gives_them_back():
    app = GdtuiApp(Settings(start_scene=1))
    async with app.run_test(size=(100, 30)) as pilot:
        beta = app.scene
        await pilot.press("enter")
        assert beta.exploring and beta.explore_events == [True]
        assert "EXPLORE" in footer(app)
        await pilot.press("right", "up", "left", "down")
        assert beta.moves == [(1, 0), (0, -1), (-1, 0), (0, 1)]
        assert place(app) == ("beta", 0)
        await pilot.press("escape")
        assert not beta.exploring and beta.explore_events == [True, False]
        await pilot.press("enter", "enter")
        assert not beta.exploring
        await pilot.press("right")
        assert place(app) == ("gamma", 0)


async def test_enter_does_nothing_in_a_scene_without_explore_mode():
    app = GdtuiApp(Settings())
    async with app.run_test() as pilot:
        await pilot.press("enter", "right")
        assert not app.scene.exploring and place(app) == ("alpha", 1)


async def test_overview_picks_a_scene_with_arrows_and_enter():
    app = GdtuiApp(Settings())
    async with app.run_test() as pilot:
        await pilot.press("tab")
        assert isinstance(app.screen, OverviewScreen)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, OverviewScreen)
        assert place(app) == ("gamma", 0)
        for opening, closing in [("o", "escape"), ("tab", "tab"), ("o", "o")]:
            await pilot.press(opening)
            assert isinstance(app.screen, OverviewScreen)
            await pilot.press(closing)
            await pilot.pause()
            assert place(app) == ("gamma", 0) and not isinstance(app.screen, OverviewScreen)


async def test_help_lists_navigation_and_the_scene_keys():
    app = GdtuiApp(Settings(start_scene=2))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = [row for _, rows in app.screen.sections for row in rows]
        assert ("space", "play / pause") in rows
        assert any(description == "this help" for _, description in rows)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def commands_listed(pilot) -> None:
    """The palette searches in the background: wait until it lists what it found."""
    await until(pilot, lambda: pilot.app.screen.query_one(CommandList).option_count > 0)


async def test_command_palette_goes_to_a_scene():
    app = GdtuiApp(Settings())
    async with app.run_test() as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Go to: Gamma")
        await commands_listed(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert place(app) == ("gamma", 0)


@pytest.mark.parametrize(("keys", "runs"), [pytest.param(["enter"], 1, marks=pytest.mark.slow), (["enter", "enter"], 1),
                                            pytest.param(["enter", "enter", "enter"], 1, marks=pytest.mark.slow),
                                            (["escape", "enter"], 0)])
async def test_a_palette_command_runs_at_most_once_per_opening(keys, runs, monkeypatch):
    """Enters that reached the palette after its choice ran the command again (Textual 8.2.8).

    Keys wait their turn (`KeyOrder`) but only so long: on a loaded machine the next
    Enter goes ahead. A timeout of 0 lets every key go at once."""
    monkeypatch.setattr("tui.key_order.KEY_TIMEOUT", 0)
    app = GdtuiApp(Settings())
    runs_seen: list[str] = []
    switch = app.action_switch_language

    def counted_switch() -> None:
        runs_seen.append(app.settings.lang)
        switch()

    monkeypatch.setattr(app, "action_switch_language", counted_switch)
    async with app.run_test() as pilot:
        await pilot.press("ctrl+p", *"Switch language")
        await commands_listed(pilot)
        for key in keys:
            app.simulate_key(key)
        for _ in range(3):
            await pilot.pause()
        assert runs_seen == ["en"] * runs
        assert len(app.screen_stack) == 1


async def test_language_switch_keeps_the_place_and_relabels():
    app = GdtuiApp(Settings())
    async with app.run_test() as pilot:
        await pilot.press("right", "right")
        await pilot.press("L")
        await pilot.pause()
        assert app.settings.lang == "de"
        assert place(app) == ("alpha", 2)
        assert "Szene 1/3 · Schritt 3/3" in footer(app)
        assert "Alpha-de" in str(app.query_one("#alpha-title").render())
        assert "Alpha-de" in str(app.query_one(TitleBar).render())
        assert app.query_one("#alpha-two").visible
        await pilot.press("L")
        await pilot.pause()
        assert app.settings.lang == "en" and "scene 1/3" in footer(app)


async def test_theme_key_switches_to_the_light_theme():
    app = GdtuiApp(Settings())
    async with app.run_test() as pilot:
        assert app.theme == "gdtui-dark"
        await pilot.press("t")
        assert app.theme == "gdtui-light"


async def test_too_small_notice_replaces_the_scene_and_recovers():
    app = GdtuiApp(Settings(start_scene=1))
    async with app.run_test(size=(60, 24)) as pilot:
        notice = app.query_one(TooSmall)
        assert notice.display
        assert "70×20" in str(notice.render()) and "60×24" in str(notice.render())
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert not notice.display and app.query_one("#stage").display


async def test_timers_run_only_while_the_scene_is_on_screen():
    app = GdtuiApp(Settings(start_scene=2))
    async with app.run_test() as pilot:
        gamma = app.scene
        await pilot.press("space")
        await until(pilot, lambda: gamma.ticks > 0)
        assert gamma.ticks > 0
        await pilot.press("home")
        paused_at = gamma.ticks
        await pilot.pause(0.1)
        assert gamma.ticks == paused_at
        await pilot.press("end")
        await until(pilot, lambda: gamma.ticks > paused_at)
        assert gamma.ticks > paused_at


async def test_scenes_are_built_on_first_visit_only():
    app = GdtuiApp(Settings())
    async with app.run_test() as pilot:
        assert list(app._scenes) == ["alpha"]
        await pilot.press("end")
        assert list(app._scenes) == ["alpha", "gamma"]


@pytest.mark.parametrize("key", ["q", "ctrl+c"])
async def test_quit_keys(key):
    app = GdtuiApp(Settings())
    async with app.run_test() as pilot:
        await pilot.press(key)
        await pilot.pause()
        assert app._exit


async def test_key_names_are_translated_in_the_footer():
    app = GdtuiApp(Settings(start_scene=2, lang="de"))
    async with app.run_test(size=(100, 24)):
        assert "Leertaste Start" in footer(app)
