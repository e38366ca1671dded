"""What a lecturer needs from the app: the view as a command line, export, presets.

`View` is what is on screen, as data: scene, step, seed, language, the
preset the scene began from and the knobs changed since. `c` shows it as the
`gdtui ...` command that reproduces it, `x` saves the screen (and a scene's
tables) under its name, and the presets key rebuilds the scene from a
preset. A presenter (the gdtui started from the command line, not a browser
session) also tells `gdtui --notes` its place whenever it changes
(`tui.presenter`).
"""

from __future__ import annotations

import os
import shlex
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.binding import Binding

from tui import knobs
from tui.export import export
from tui.lecturer_screens import CommandScreen, PresetPicker
from tui.presenter import Place, PlaceError, now, place_dir, publish, withdraw
from tui.presets import Preset, builtin, of_scene

if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    from tui.app import GdtuiApp
    from tui.scene import Scene


@dataclass(frozen=True)
class View:
    """The current view as data; `argv` is the command line that brings it back."""

    scene: str
    step: int  # as the footer counts, from 1
    seed: int
    lang: str
    theme: str
    questions: bool
    preset: str | None  # a built-in preset the scene began from
    changed: tuple[tuple[str, str], ...]  # (knob, value as text) changed since the scene began
    replayable: bool  # False: the knobs cannot replay all of it (a run changed while it trained)

    def argv(self) -> list[str]:
        args = ["--scene", self.scene]
        if self.preset:
            args += ["--preset", self.preset]
        args += ["--step", str(self.step), "--seed", str(self.seed), "--lang", self.lang]
        if self.theme != "dark":
            args += ["--theme", self.theme]
        if not self.questions:
            args.append("--no-questions")
        for name, text in self.changed:
            args += ["--set", f"{name}={text}"]
        return args

    def command(self) -> str:
        return shlex.join(["gdtui", *self.argv()])


LECTURER_KEYS = [
    Binding("c", "show_command", "lecturer.keys.command", show=False),
    Binding("x", "export", "lecturer.keys.export", show=False),
    Binding("P", "pick_preset", "lecturer.keys.presets", show=False),
]
"""The lecturer's keys: in the help, not in the footer, which belongs to the lecture."""


class Lecturer:
    """Mixed into the app: where each scene began, its view, and the keys c, x and P."""

    def init_lecturer(self: GdtuiApp) -> None:
        settings = self.settings
        start = self.scene_ids[self.index]
        #: scene id -> (preset, --set values) to build it with, used up by its first build
        self._pending: dict[str, tuple[str | None, dict[str, Any]]] = {
            start: (settings.preset, dict(settings.knob_values))}
        #: scene id -> (built-in preset it began from, its knobs' text then)
        self._origins: dict[str, tuple[str | None, dict[str, str]]] = {}
        self._place_dir: Path | None = None
        self._published: tuple[str, int, int, str] | None = None

    @property
    def presets(self: GdtuiApp) -> dict[str, Preset]:
        """The built-in presets and a lecturer's file; built-ins are read when first needed."""
        if self.settings.presets is None:
            self.settings.presets = builtin(self.catalog)
        return self.settings.presets

    def configure(self: GdtuiApp, scene: Scene) -> None:
        """A scene was just built: start it from its preset and `--set` values; remember how it began.

        A built-in preset is a name every gdtui knows, so the command line may name it;
        a preset from a file is spelled out knob by knob, since students lack the file.
        """
        preset_name, values = self._pending.pop(scene.scene_id, (None, {}))
        preset = self.presets[preset_name] if preset_name else None
        began = knobs.fresh(scene)
        if preset is not None and preset.values:
            knobs.apply(scene, preset.values)
            if preset.builtin:
                began = knobs.read(scene)
        if values:
            knobs.apply(scene, values)
        self._origins[scene.scene_id] = (preset_name if preset and preset.builtin else None, began)

    def view(self: GdtuiApp) -> View:
        scene = self.scene
        preset, began = self._origins[scene.scene_id]
        settings = self.settings
        return View(scene.scene_id, scene.step + 1, settings.seed, settings.lang, settings.theme,
                    settings.questions, preset,
                    tuple(knobs.changed(began, knobs.read(scene))), scene.replayable())

    # -- speaker notes -----------------------------------------------------
    def publish_place(self: GdtuiApp) -> None:
        """Tell `gdtui --notes` this presenter's scene, step and language when they changed.

        Browser sessions never present: they run as the server's user, and
        sixty students must not move the lecturer's notes.
        """
        if not self.settings.publish_place or self.is_web or not self._scenes:
            return
        scene = self.scene
        place = (scene.scene_id, scene.step, scene.steps, self.settings.lang)
        if place == self._published:
            return
        try:
            self._place_dir = self._place_dir or place_dir()
            publish(self._place_dir, Place(os.getpid(), *place, now()))
        except (OSError, PlaceError) as error:
            self.settings.publish_place = False  # the lecture goes on without notes
            self.notify(self.catalog("notes.ui.cannot_follow", reason=str(error)), severity="warning",
                        markup=False)
            return
        self._published = place

    def withdraw_place(self: GdtuiApp) -> None:
        """This presenter has ended: the notes stop following it."""
        if self._place_dir is not None:
            withdraw(self._place_dir, os.getpid())

    # -- keys --------------------------------------------------------------
    def action_show_command(self: GdtuiApp) -> None:
        if isinstance(self.screen, CommandScreen):
            return
        view = self.view()
        labels = [(name, text, self.catalog(f"knobs.label.{view.scene}.{name}")) for name, text in view.changed]
        self.copy_to_clipboard(view.command())
        self.push_screen(CommandScreen(self.catalog, view.command(), labels, view.replayable))

    def action_export(self: GdtuiApp) -> None:
        view = self.view()
        t = self.catalog
        try:
            names = export(self.settings.export_dir, f"gdtui-{view.scene}-{view.step}", self.export_screenshot(),
                           self.scene.tables())
        except OSError as error:
            self.notify(t("lecturer.export.failed", directory=self.settings.export_dir,
                          reason=error.strerror or str(error)), severity="error", markup=False)
        else:
            self.notify(t("lecturer.export.saved", files=", ".join(names),
                          directory=self.settings.export_dir), markup=False)

    def action_pick_preset(self: GdtuiApp) -> None:
        if isinstance(self.screen, PresetPicker):
            return
        choices = [(p.name, p.describe(self.catalog)) for p in of_scene(self.presets, self.scene.scene_id)]

        async def picked(name: str | None) -> None:
            if name:
                await self.start_preset(name)

        self.push_screen(PresetPicker(self.catalog("lecturer.presets.title"), choices), picked)

    async def start_preset(self: GdtuiApp, name: str) -> None:
        """Rebuild the preset's scene from it and show it; a new seed rebuilds every scene."""
        preset = self.presets[name]
        if preset.seed is not None and preset.seed != self.settings.seed:
            self.settings.seed = preset.seed
            doomed = list(self._scenes)
        else:
            doomed = [preset.scene] if preset.scene in self._scenes else []
        for scene_id in doomed:
            scene = self._scenes.pop(scene_id)
            scene.deactivate()
            await scene.remove()
        self._pending[preset.scene] = (name, {})
        await self.go(self.scene_ids.index(preset.scene), preset.step - 1)
        self.notify(f"{name}: {preset.describe(self.catalog)}", markup=False)
