"""Hostile and unlucky input, in process: odd bytes, odd environments, keys in bursts.

The same cases against the real command in a terminal are in tests/pty/test_pty_hostile.py.
"""

from __future__ import annotations

import asyncio
import gc
import io
import random
import stat
import subprocess
import sys

import pytest
from textual import events
from textual.geometry import Size
from textual.widget import Widget

import scenes

from tests.conftest import make_app
from tui.crash import CrashReport, report_folder
from tui.driver import STRING_LIMIT, STRING_TIMEOUT, StringSequences
from tui.filters import SafeMonochrome
from tui.i18n import Catalog
from tui.scene import Scene
from tui.screens import OverviewScreen
from tui.terminal import COLOR_SYSTEMS, terminal_problem

T = Catalog("en")


class FakeTty(io.StringIO):
    def __init__(self, tty: bool = True) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


# -- string sequences ---------------------------------------------------------

@pytest.mark.parametrize(("data", "kept"), [
    ("\x1b]0;hello\x07q", "q"),  # OSC ended by BEL
    ("a\x1b]11;rgb:0/0/0\x1b\\b", "ab"),  # ... by ESC \
    ("\x1bP+q544e\x1b\\x", "x"),  # DCS
    ("\x1b_Gi=1\x1b\\\x1b[C", "\x1b[C"),  # APC, then a key's sequence
    ("\x1b]0;hello\x1b[Cl", "\x1b[Cl"),  # another ESC ends an open string
    ("\x1b[A\x1bOP\x1b", "\x1b[A\x1bOP\x1b"),  # keys' sequences and a lone Escape pass
    ("\x1b\x1b[A", "\x1b\x1b[A"),  # Alt+Up
])
def test_strings_are_dropped_keys_pass(data, kept):
    assert StringSequences()(data, 0.0) == kept


def test_an_unterminated_string_is_given_up_after_a_moment():
    strings = StringSequences()
    assert strings("\x1b]0;hello", 0.0) == ""
    assert strings("more title", STRING_TIMEOUT / 2) == ""  # still the same string
    assert strings("l", STRING_TIMEOUT * 2) == "l"  # typed after a pause: a key again


def test_an_endless_string_is_not_waited_for():
    strings = StringSequences()
    assert strings("\x1b]" + "x" * STRING_LIMIT, 0.0) == ""
    assert strings("q", 0.0) == "q"


# -- the environment --------------------------------------------------------

@pytest.mark.parametrize("value", ["monochrome", "bogus", "TRUECOLOUR", "16"])
def test_an_unknown_colour_system_is_one_line_naming_the_valid_ones(value):
    problem = terminal_problem({"TEXTUAL_COLOR_SYSTEM": value}, FakeTty(), T)
    assert problem is not None and "\n" not in problem
    assert f"“{value}”" in problem and all(name in problem for name in COLOR_SYSTEMS)
    assert "NO_COLOR" in problem


@pytest.mark.parametrize(("value", "tidy"), [("", None), ("  ", None), ("TRUECOLOR", "truecolor"),
                                             (" 256 ", "256"), ("Standard", "standard")])
def test_colour_system_case_and_emptiness_do_not_matter(value, tidy):
    environ = {"TEXTUAL_COLOR_SYSTEM": value}
    assert terminal_problem(environ, FakeTty(), T) is None
    assert environ.get("TEXTUAL_COLOR_SYSTEM") == tidy


def test_a_dumb_terminal_or_no_terminal_is_one_line():
    assert "TERM=dumb" in terminal_problem({"TERM": "dumb"}, FakeTty(), T)
    assert "ssh -t" in terminal_problem({"TERM": "xterm"}, FakeTty(tty=False), T)
    assert terminal_problem({"TERM": "xterm-256color"}, FakeTty(), T) is None
    # textual-serve runs gdtui with its own driver and no terminal: nothing to check
    assert terminal_problem({"TERM": "dumb", "TEXTUAL_DRIVER": "x:Y"}, FakeTty(tty=False), T) is None


def gdtui(*args: str, **kwargs) -> subprocess.CompletedProcess[str]:
    output = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **kwargs}
    return subprocess.run([sys.executable, "-m", "tui", *args], text=True, timeout=60, **output)


@pytest.mark.parametrize(("env", "words"), [
    ({"TERM": "dumb"}, ["TERM=dumb"]),
    ({"TERM": "xterm", "TEXTUAL_COLOR_SYSTEM": "monochrome"}, ["“monochrome”", "truecolor"]),
    ({"TERM": "xterm"}, ["ssh -t"]),  # stdin is not a terminal
])
def test_the_real_command_refuses_with_one_line_and_status_2(env, words):
    result = gdtui("--lang", "en", stdin=subprocess.DEVNULL, env={"PATH": "/usr/bin:/bin", **env})
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and all(word in result.stderr for word in words)


def test_listing_into_a_closed_pipe_or_a_full_disk_prints_no_traceback():
    closed = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.close()"], stdin=subprocess.PIPE)
    closed.wait()
    result = gdtui("--list-scenes", stdout=closed.stdin, stderr=subprocess.PIPE)
    assert result.stderr == ""
    with open("/dev/full", "w") as full:
        result = gdtui("--list-scenes", "--lang", "en", stdout=full, stderr=subprocess.PIPE)
    assert result.returncode == 1
    assert result.stderr.splitlines() == ["gdtui: could not write the list: No space left on device."]


@pytest.mark.parametrize(("value", "monochrome"), [("", False), ("1", True), ("yes", True)])
async def test_an_empty_no_color_is_ignored(value, monochrome, monkeypatch):
    monkeypatch.setenv("NO_COLOR", value)
    app = make_app()
    assert app.no_color is monochrome
    async with app.run_test():
        filters = app.get_line_filters()
        assert any(isinstance(f, SafeMonochrome) for f in filters) is monochrome
        assert not any(type(f).__name__ in ("Monochrome", "NoColor") for f in filters)


# -- keys in one read ---------------------------------------------------------

KEYS = {"backspace": "\x7f", "enter": "\r"}


async def burst(app, pilot, keys: list[str]) -> None:
    """Post keys the way the driver does when they arrive in one read: all at once.
    Return when the app has handled them all."""
    for key in keys:
        app.post_message(events.Key(key, KEYS.get(key, key)))
    for _ in range(100):
        await pilot.pause()
        if not app.key_order.busy:
            break
    await pilot.pause()


@pytest.mark.parametrize(("keys", "epochs"), [
    (["i", "1", "2", "backspace", "5", "enter"], 15),
    (["i", "1", "0", "0", "enter"], 100),
])
async def test_keys_in_one_read_are_handled_in_order(keys, epochs):
    app = make_app("training", questions=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await burst(app, pilot, ["right", "right", *keys])  # i acts on the rules step, where they show
        assert app.scene.rules.max_epochs == epochs
        assert app.number_buffer == "" and app.scene.step == 2
        await burst(app, pilot, ["right", "2", "enter"])  # and the app's keys still work after
        assert app.index == 1  # right went on to the next scene, "2" Enter jumped to scene 2


# -- crash report -------------------------------------------------------------

def test_a_crash_report_is_created_on_first_write_for_its_owner_only(tmp_path):
    report = CrashReport(tmp_path / "state" / "gdtui")
    assert not report.written and not (tmp_path / "state").exists()
    report.write("Traceback: something\n")
    report.close()
    assert report.written and report.path.parent == tmp_path / "state" / "gdtui"
    text = report.path.read_text()
    assert text.startswith("gdtui ") and text.endswith("Traceback: something\n")
    assert stat.S_IMODE(report.path.stat().st_mode) == 0o600


def test_crash_reports_go_to_the_xdg_state_folder(tmp_path):
    assert report_folder({"XDG_STATE_HOME": str(tmp_path)}) == tmp_path / "gdtui"
    assert report_folder({}).parts[-3:] == (".local", "state", "gdtui")


# -- language switches ----------------------------------------------------------

def detached_widgets() -> list[str]:
    gc.collect()
    return [repr(w) for w in gc.get_objects() if isinstance(w, Widget) and not w.is_attached]


@pytest.mark.slow
async def test_language_switches_leave_no_old_widgets_alive():
    app = make_app("supervised")
    async with app.run_test(size=(100, 30)) as pilot:
        for scene in ("supervised", "hiking", "training"):  # Static, Input, PlotextPlot, maps
            await app.go(scenes.scene_ids().index(scene))
            for _ in range(6):
                await pilot.press("L")
                await pilot.pause()
        assert app.settings.lang == "en"
        assert detached_widgets() == []


async def test_l_in_a_burst_rebuilds_the_scene_on_screen_once_and_others_when_shown(monkeypatch):
    app = make_app("welcome")
    async with app.run_test() as pilot:
        await app.go(1)
        await app.go(0)
        shown, other = app.scene, app._scenes["supervised"]
        rebuilds = []
        monkeypatch.setattr(type(shown), "relabel", lambda scene: rebuilds.append(scene) or Scene.relabel(scene))
        await burst(app, pilot, ["L"] * 5)  # five L in one read: one rebuild, in the last language
        assert rebuilds == [shown]
        assert app.settings.lang == "de" and shown.language == "de" and other.language == "en"
        assert "Wie lernt ein neuronales Netz?" in str(app.query_one("#title").render())
        await pilot.press("right", "right", "right")  # on to the other scene: relabelled when shown
        assert app.scene is other and other.language == "de"


async def test_t_in_a_burst_restyles_once():
    app = make_app("welcome")
    async with app.run_test() as pilot:
        themes = []
        app.theme_changed_signal.subscribe(app, lambda theme: themes.append(theme.name))
        await burst(app, pilot, ["t"] * 5)
        assert themes == ["gdtui-light"] and app.settings.theme == "light"


async def test_tab_pressed_twice_while_waiting_cancels_out(monkeypatch):
    app = make_app("welcome")
    async with app.run_test() as pilot:
        pushed = []
        monkeypatch.setattr(OverviewScreen, "on_mount", lambda screen: pushed.append(screen))
        await burst(app, pilot, ["tab"] * 6)  # open, then five more: two pairs cancel, one closes
        assert len(pushed) == 1 and not isinstance(app.screen, OverviewScreen)
        await burst(app, pilot, ["tab", "down", "tab", "down", "tab"])  # not adjacent: each counts
        assert len(pushed) == 3 and isinstance(app.screen, OverviewScreen)


# -- what students type ---------------------------------------------------------

def rules_message(app) -> str:
    """The rules panel's message as one line (it is wrapped to the panel, a value held to its unit)."""
    return " ".join(str(app.query_one("#rules-message").render()).split())


@pytest.mark.slow
@pytest.mark.parametrize("text", ["[/]", "[@click=q]x", "[b]fett[/b]"])  # markup, if it were read as such
async def test_typed_text_is_shown_as_typed_never_as_markup(text):
    app = make_app("training", questions=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right", "right", "i", *text, "enter")
        await pilot.pause()
        assert app.is_running and app.scene.refused
        assert f"“{text}”" in rules_message(app)


@pytest.mark.parametrize("text", ["1e300", "99999999999999999999999", "1001", "0", "-5", "nan", "inf", "2.5"])
def test_a_rule_refuses_what_a_lesson_cannot_use(text):
    from engine import StoppingRules
    from scenes.training_rules import RULES

    assert RULES[0].typed(StoppingRules(), text) is None  # max_epochs


@pytest.mark.parametrize(("index", "text", "stored", "shown"), [
    (0, "1000", 1000, "1000"),
    (0, "1e3", 1000, "1000"),
    (1, "0,00012345", 0.000123, "0.000123"),
    (1, "1e-6", 1e-6, "0.000001"),
    (1, "0", None, "off"),
    (3, "90,5 %", 0.905, "90.5 %"),
    (4, "100", 100, "100"),
])
def test_a_rule_keeps_what_the_panel_shows(index, text, stored, shown):
    from engine import StoppingRules
    from scenes.training_rules import RULES

    rule = RULES[index]
    rules = rule.typed(StoppingRules(), text)
    assert rules is not None and getattr(rules, rule.field) == pytest.approx(stored)
    assert rule.describe(rules, Catalog("en").num, "off") == shown


@pytest.mark.parametrize(("lang", "words"), [("en", ["1e300", "from 1 to 1000", "Kept 150 epochs."]),
                                             ("de", ["1e300", "von 1 bis 1000", "Es gilt weiter: 150 Epochen."])])
async def test_a_refusal_names_the_range_in_both_languages(lang, words):
    app = make_app("training", lang=lang, questions=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right", "right", "i", *"1e300", "enter")
        await pilot.pause()
        assert all(word in rules_message(app) for word in words), rules_message(app)
        assert app.scene.rules.max_epochs == 150


# -- sizes ----------------------------------------------------------------------

async def storm(app, pilot, rng: random.Random, resizes: int = 40) -> None:
    """Resizes as a dragged window corner sends them: many, some between two frames."""
    for _ in range(resizes):
        size = Size(rng.randint(1, 160), rng.randint(1, 50))
        app.post_message(events.Resize(size, size))
        await asyncio.sleep(rng.choice((0, 0, 0.001, 0.01)))


@pytest.mark.slow
@pytest.mark.parametrize("scene_id", scenes.scene_ids())
async def test_a_resize_storm_at_every_step_of_every_scene(scene_id):
    rng = random.Random(scene_id)
    app = make_app(scene_id)
    async with app.run_test(size=(100, 30)) as pilot:
        scene = app.scene
        for _ in range(scene.steps):  # (explore mode may reveal a step of its own)
            if scene.explorable:  # a cursor or walker moved, as a student would have it
                await pilot.press("enter", "right", "up", "escape")
            await storm(app, pilot, rng)
            await pilot.resize_terminal(100, 30)
            await pilot.pause()
            await pilot.press("right")
        assert app.is_running


@pytest.mark.slow
@pytest.mark.parametrize("key", ["tab", "question_mark", "ctrl+p"])  # overview, help, palette
async def test_every_modal_survives_any_size_from_1x1(key):
    app = make_app("training")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(key)
        for width, height in [(1, 1), (2, 1), (1, 2), (3, 3), (8, 24), (5, 40), (12, 4), (200, 2), (30, 10)]:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
        await storm(app, pilot, random.Random(key))
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert app.is_running and app.screen is not app.screen_stack[0]
