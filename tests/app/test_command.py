"""The command that `c` shows brings back the same view: same scene, step and numbers on screen."""

from __future__ import annotations

import shlex

import pytest

import scenes
from tests.conftest import make_app, screen_lines, started
from tui.app import GdtuiApp
from tui.lecturer_screens import CommandScreen

THROTTLE = 0.3  # seconds: charts redraw at most 10 times a second, by the timer's real clock
#: Keys that change each scene's knobs and steps the way a student would.
CHANGES = {
    "welcome": [],
    "supervised": ["right", "plus", "p", "minus", "minus", "right"],
    "neuron": ["a", "n", "n", "enter", "right", "down", "down", "down", "right", "right", "escape", "right"],
    "loss": ["plus", "plus", "enter", "up", "up", "right", "right", "escape", "full_stop", "full_stop", "right"],
    "derivative": ["right"] * 2 + ["enter", "left", "left", "down", "escape"] + ["right"] * 4 + ["s"] * 3,
    "gradient": ["enter", "left", "up", "escape"] + ["right"] * 5 + ["s"] * 3,
    "hiking": ["plus", "n", "enter", "left", "up", "enter", "a", "d", "right", "s", "s", "s", "s"],
    "learning-rate": ["right", "s", "s", "s", "right", "plus", "plus", "s", "s"],
    "backprop": ["right", "right"],
    "sgd": ["b", "plus", "r", "s", "s", "s", "s", "s", "right"],
    "training": ["plus", "b", "right", "e", "e", "s"],
    "checklist": [],
    "sources": [],
}


def replayed(command: str) -> GdtuiApp:
    """The app that `command` starts, frozen in time like the test's own."""
    argv = shlex.split(command)
    assert argv[0] == "gdtui"
    return started(*argv[1:])


async def shown_and_command(app: GdtuiApp, keys: list[str], size: tuple[int, int]) -> tuple[list[str], str]:
    async with app.run_test(size=size) as pilot:
        await pilot.press(*keys)
        await pilot.pause(THROTTLE)
        shown = screen_lines(app)
        await pilot.press("c")
        assert isinstance(app.screen, CommandScreen)
        command = str(app.screen.query_one("#command").render())
        assert command == app.view().command()
        await pilot.press("escape")
        assert not isinstance(app.screen, CommandScreen)
    return shown, command


async def assert_round_trip(app: GdtuiApp, keys: list[str], size: tuple[int, int] = (100, 30)) -> str:
    shown, command = await shown_and_command(app, keys, size)
    again = replayed(command)
    async with again.run_test(size=size) as pilot:
        await pilot.pause(THROTTLE)
        assert screen_lines(again) == shown, command
    return command


@pytest.mark.slow
@pytest.mark.parametrize("scene_id", scenes.scene_ids())
async def test_the_command_brings_back_the_same_screen(scene_id):
    """Without questions: an answered question's verdict is a reply to the student, not the view's state."""
    command = await assert_round_trip(make_app(scene_id, questions=False), CHANGES[scene_id])
    assert "--no-questions" in command
    if scene_id in ("supervised", "neuron", "loss", "derivative", "gradient", "hiking", "learning-rate", "sgd", "training"):
        assert "--set" in command  # the keys changed knobs, and the command says so


@pytest.mark.slow
async def test_the_command_names_the_changes_in_german_and_light():
    command = await assert_round_trip(make_app("hiking", lang="de", theme="light", questions=False), CHANGES["hiking"])
    assert command.startswith("gdtui --scene hiking --step 2 --seed 0 --lang de --theme light --no-questions --set ")
    for setting in ("rate=0.3", "decay=on", "draw=1", "placed=-0.", "arrows=on", "walk=4"):
        assert f"--set {setting}" in command


async def test_an_unchanged_view_needs_no_settings():
    _, command = await shown_and_command(make_app("sgd", seed=4), [], (80, 24))
    assert command == "gdtui --scene sgd --step 1 --seed 4 --lang en"


@pytest.mark.slow
async def test_a_preset_is_named_and_only_later_changes_are_spelled_out():
    command = await assert_round_trip(started("--preset", "plateau", "--set", "rate=0.2"), ["s", "s"])
    assert command == "gdtui --scene hiking --preset plateau --step 2 --seed 0 --lang en --set rate=0.2 --set walk=2"


async def test_a_run_changed_while_it_trained_is_flagged():
    app = make_app("training")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e", "plus")
        assert not app.view().replayable
        await pilot.press("c")
        assert "changed while this run trained" in " ".join(" ".join(screen_lines(app)).split())
        await pilot.press("escape", "r")
        assert app.view().replayable


@pytest.mark.slow
async def test_training_on_a_split_chosen_in_supervised_is_reproduced():
    """The split is chosen in supervised and used by training: training's command carries it."""
    app = make_app("supervised", questions=False)
    to_training = ["right_square_bracket"] * (scenes.scene_ids().index("training") - scenes.scene_ids().index("supervised"))
    keys = ["right", "plus", "plus", *to_training, "right", "right", "e"]
    command = await assert_round_trip(app, keys)
    assert command.startswith("gdtui --scene training ") and "--set split=50,30,20" in command
