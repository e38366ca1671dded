"""Three small scenes with known steps, so shell tests don't depend on the lecture's content."""

from __future__ import annotations

import pytest
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

import scenes
import tui.i18n
import tui.lecturer
from tui.scene import Scene


class Alpha(Scene):
    scene_id = "alpha"
    steps = 3

    def compose(self) -> ComposeResult:
        yield Static(self.t("title"), id="alpha-title")
        yield self.at_step(1, Static("one", id="alpha-one"))
        yield self.at_step(2, Static("two", id="alpha-two"))


class Beta(Scene):
    """Explorable: records every move it gets."""

    scene_id = "beta"
    explorable = True
    min_size = (70, 20)

    def __init__(self) -> None:
        super().__init__()
        self.moves: list[tuple[int, int]] = []
        self.explore_events: list[bool] = []

    def compose(self) -> ComposeResult:
        yield Static(self.t("title"))

    def explore_move(self, dx: int, dy: int) -> None:
        self.moves.append((dx, dy))

    def explore_changed(self, exploring: bool) -> None:
        self.explore_events.append(exploring)


class Gamma(Scene):
    """Live: a timer counts ticks, a key of its own toggles it."""

    scene_id = "gamma"
    steps = 2
    BINDINGS = [Binding("space", "toggle_play", "app.keys.play")]

    def __init__(self) -> None:
        super().__init__()
        self.ticks = 0
        self.playing = False

    def compose(self) -> ComposeResult:
        yield Static(self.t("title"))

    def on_mount(self) -> None:
        super().on_mount()
        self.timer = self.every(0.01, self.tick)

    def tick(self) -> None:
        self.ticks += 1

    def action_toggle_play(self) -> None:
        self.playing = not self.playing
        self.timer.resume() if self.playing else self.timer.pause()

    def entered(self) -> None:
        if self.playing:
            self.timer.resume()


FAKE = {"alpha": Alpha, "beta": Beta, "gamma": Gamma}
TITLES = {"en": {"alpha": "Alpha", "beta": "Beta", "gamma": "Gamma"},
          "de": {"alpha": "Alpha-de", "beta": "Beta-de", "gamma": "Gamma-de"}}


@pytest.fixture
def fake_scenes(monkeypatch: pytest.MonkeyPatch) -> dict[str, type[Scene]]:
    """Replace the lecture's scenes by Alpha (3 steps), Beta (explorable), Gamma (live)."""
    real_load = tui.i18n.load_entries

    def load_entries(lang: str, *root: object) -> dict[str, str]:
        entries = real_load(lang, *root)
        entries.update({f"{sid}.title": title for sid, title in TITLES[lang].items()})
        return entries

    monkeypatch.setattr(tui.i18n, "load_entries", load_entries)
    monkeypatch.setattr(scenes, "scene_ids", lambda: tuple(FAKE))
    monkeypatch.setattr(scenes, "load_scene", FAKE.__getitem__)
    monkeypatch.setattr(tui.lecturer, "builtin", lambda catalog: {})  # the lecture's presets name its scenes
    return FAKE
