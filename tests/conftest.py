"""Shared test helpers: an app with injected settings and a clock that only moves when told."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import textual._wait
from textual.app import App
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget

import scenes
from tui.app import GdtuiApp
from tui.glyphs import glyphs
from tui.i18n import LANGUAGES, LOCALE_VARIABLES
from tui.settings import Settings
from tui.widgets.cells import CellGrid
from tui.widgets.chart import Chart

# Pilot waits for "idle" after every key in slices of 20 ms, which made the everyday tests
# wait more than they worked. Slices of 5 ms are enough because a press returns only once
# the app has settled (`settle`), what real timers bring is awaited with `until`, and the
# clocks of the scenes are FakeClocks.
textual._wait.SLEEP_GRANULARITY = 0.005
textual._wait.SLEEP_IDLE = textual._wait.SLEEP_GRANULARITY / 20


async def settle(app: App) -> None:
    """Return once the keys typed so far have been handled and the screen has been drawn
    since: what a key set off after a frame (`KeyOrder.when_settled`, a new theme) is done."""
    order = getattr(app, "key_order", None)
    deadline = time.monotonic() + 10.0
    while order is not None and order.busy and time.monotonic() < deadline:
        await asyncio.sleep(0.002)
    if app.is_running:
        with contextlib.suppress(asyncio.TimeoutError, AssertionError):  # the app may be closing
            await asyncio.wait_for(app.screen.wait_for_refresh(), 2.0)


_press, _pause = Pilot.press, Pilot.pause


async def _press_and_settle(pilot: Pilot, *keys: str) -> None:
    await _press(pilot, *keys)
    await settle(pilot.app)


async def _pause_and_settle(pilot: Pilot, delay: float | None = None) -> None:
    await _pause(pilot, delay)
    if delay is None:
        await settle(pilot.app)


# Every test's keys and pauses end once the app has settled.
Pilot.press, Pilot.pause = _press_and_settle, _pause_and_settle


def languages_in_turn(*cases: object) -> list[tuple[object, ...]]:
    """(lang, *case) for every case once, the languages taking turns.

    What a case checks (a prediction, an engine's number) does not depend on the language;
    its words do, and each language still shows them for its share of the cases.
    """
    return [(LANGUAGES[i % len(LANGUAGES)], *(case if isinstance(case, tuple) else (case,)))
            for i, case in enumerate(cases)]


EVERY_LANGUAGE_GERMAN_FAST = [lang if lang == "de" else pytest.param(lang, marks=pytest.mark.slow) for lang in LANGUAGES]
"""Every language in the full run; in the everyday loop German, whose words are longest and whose
numbers have a decimal comma."""

FIT_SIZES = [(80, 22), (80, 24), (120, 40)]
"""Where layouts are tried: tmux's 80x24 less a status line, a plain terminal, a big one."""
FAST_FITS = {("de", (80, 22)), ("en", (120, 40))}
"""The longest words at the smallest size, and the largest size: in the everyday loop."""


def fit_cases() -> list:
    """(lang, size) for the fit tests: every pair in the full run, FAST_FITS in the everyday loop."""
    return [pytest.param(lang, size, marks=() if (lang, size) in FAST_FITS else pytest.mark.slow)
            for size in FIT_SIZES for lang in LANGUAGES]


class FakeClock:
    """A monotonic clock for deterministic animation: `advance` moves it."""

    def __init__(self, now: float = 0.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def make_app(scene: str = "welcome", lang: str = "en", seed: int = 0, animate: bool = False,
             clock: FakeClock | None = None, theme: str = "dark", questions: bool = True) -> GdtuiApp:
    """A gdtui app that starts on `scene`, frozen in time unless a clock is given."""
    settings = Settings(lang=lang, seed=seed, animate=animate, fps=10.0,
                        clock=clock or FakeClock(), theme=theme, questions=questions,
                        start_scene=scenes.scene_ids().index(scene))
    return GdtuiApp(settings)


def settings_of(*argv: str) -> Settings:
    """The settings `gdtui ARGV` starts with (English help and errors)."""
    from tui.cli import parse_arguments, settings_from
    from tui.i18n import Catalog

    english = Catalog("en")
    return settings_from(parse_arguments(list(argv), english), english)


def started(*argv: str) -> GdtuiApp:
    """The app as `gdtui ARGV` starts it, frozen in time and without animation."""
    settings = settings_of(*argv)
    settings.clock, settings.fps, settings.animate = FakeClock(), 10.0, False
    return GdtuiApp(settings)


def screen_lines(app: GdtuiApp) -> list[str]:
    """The text of every line on screen, as the terminal would get it (after line filters)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def screen_cells(app: GdtuiApp, region: Region | None = None) -> list[list[tuple[str, object]]]:
    """Character and style of every cell on screen (or in `region`), row by row, as the terminal would get them."""
    rows = []
    for strip in app.screen._compositor.render_strips():
        rows.append([(char, segment.style) for segment in strip for char in segment.text])
    if region is None:
        return rows
    return [row[region.x:region.right] for row in rows[region.y:region.bottom]]


def watch_cells(monkeypatch: pytest.MonkeyPatch) -> list[Region]:
    """The regions cell-grid widgets (charts, maps) ask to repaint from now on, in their own coordinates
    (all of a widget: its whole region)."""
    painted: list[Region] = []

    def record(grid: CellGrid, *regions: Region, **_: object) -> None:
        painted.extend(regions or [Region(0, 0, *grid.size)])

    monkeypatch.setattr(CellGrid, "refresh", record)
    return painted


def shown(widget: Widget) -> str:
    """The text a widget shows on screen now (border included), through the compositor."""
    region = widget.region
    return "\n".join(line[region.x:region.right] for line in screen_lines(widget.app)[region.y:region.bottom])


@pytest.fixture(autouse=True)
def hermetic_terminal(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    """Every test sees a UTF-8 terminal with colour and an English locale, whatever the machine running it has,
    and works in a directory of its own, so an export (x) leaves nothing in the repository."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    for name in LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.setattr(glyphs, "unicode", True)
    monkeypatch.chdir(tmp_path)


async def until(pilot: Pilot, condition: Callable[[], bool], seconds: float = 10.0) -> None:
    """Waits for what a real timer brings (a pacer's tick, a chart's delayed redraw): as long as a
    loaded machine needs, and no longer than a quiet one. The caller asserts afterwards."""
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        await pilot.pause(0.02)


async def play_frames(pilot: Pilot, clock: FakeClock, frames: int, seconds: float = 0.25,
                      done: Callable[[], bool] = lambda: False) -> None:
    """Plays the scene on screen for up to `frames` frames of `seconds` each on its clock, or until
    `done` or its walk ends: each frame goes to its pacer at once, not when the real timer fires."""
    pacer = pilot.app.scene.pacer
    for _ in range(frames):
        if done() or not pacer.playing:
            return
        clock.advance(seconds)
        pacer.tick()
        await pilot.pause()


async def charts_drawn(pilot: Pilot) -> None:
    """Waits until every chart has drawn what it was last shown (charts redraw at most ten times a second)."""
    await until(pilot, lambda: not any(chart.redraw_pending for chart in pilot.app.query(Chart)))
    await pilot.pause()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


PTY_TESTS = Path(__file__).parent / "pty"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Slow by nature: every test under tests/pty starts real processes, and every snapshot
    renders a whole screen to SVG and compares it."""
    for item in items:
        if PTY_TESTS in item.path.parents or "snap_compare" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)
