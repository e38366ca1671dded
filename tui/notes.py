"""`gdtui --notes`: the speaker notes of the scene and step that the presenter's gdtui shows.

It looks for the presenter a few times a second (`tui.presenter`): the
newest gdtui of the same user that is still running. The notes are in the
catalog's `notes.toml`, per scene and step: what to say, the question to ask.
Without a presenter, or with a directory it cannot trust, it says so on
screen and keeps looking.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

import scenes
from tui.i18n import LANGUAGES, Catalog
from tui.presenter import PlaceError, latest, place_dir
from tui.terminal_app import TerminalApp

POLL_SECONDS = 0.2  # how often the presenter's place is read: a step shows here within this


class NotesApp(TerminalApp):
    """One screen of notes that follows the presenter; q quits."""

    TITLE = "gdtui"
    CSS = """
    #notes { padding: 1 2; }
    """
    BINDINGS = [Binding("q,ctrl+c", "quit", "notes.ui.quit", priority=True)]

    def __init__(self, lang: str, own_language: bool = False, theme: str = "dark",
                 environ: Mapping[str, str] = os.environ) -> None:
        super().__init__()
        self.lang = lang
        self.own_language = own_language  # False: the presenter's language (--lang makes it True)
        self.environ = environ
        self.use_theme(theme)
        self._catalogs: dict[str, Catalog] = {}
        self._shown: object = None

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(id="notes", markup=False)

    def on_mount(self) -> None:
        self.follow()
        self.set_interval(POLL_SECONDS, self.follow)

    def catalog(self, lang: str) -> Catalog:
        if lang not in self._catalogs:
            self._catalogs[lang] = Catalog(lang)
        return self._catalogs[lang]

    def follow(self) -> None:
        """Show the notes of the presenter's place, or why there are none; redraw only on a change."""
        try:
            directory = place_dir(self.environ)
        except PlaceError as error:
            self.show(("unsafe", str(error.directory), error.reason), self._unsafe)
            return
        place = latest(directory)
        if place is None:
            self.show(("waiting", str(directory)), self._waiting)
        else:
            lang = place.lang if place.lang in LANGUAGES and not self.own_language else self.lang
            self.show((place.pid, place.scene, place.step, place.steps, lang), self._notes)

    def show(self, state: tuple, render) -> None:  # noqa: ANN001 - render(*state) -> Text
        if state != self._shown:
            self._shown = state
            self.query_one("#notes", Static).update(render(*state))

    # -- what it shows -------------------------------------------------------
    def _page(self, t: Catalog, heading: str, *parts: tuple[str, str]) -> Text:
        """A bold heading, then each (label, text) as a label line and its text."""
        text = Text(t("notes.ui.title"), style="bold")
        text.append("\n" + heading + "\n", style="bold")
        for label, body in parts:
            if label:
                text.append(f"\n{label}\n", style="bold underline")
            else:
                text.append("\n")
            text.append(body + "\n")
        return text

    def _notes(self, pid: int, scene: str, step: int, steps: int, lang: str) -> Text:
        t = self.catalog(lang)
        key = f"notes.{scene}.{step + 1}"
        if scene not in scenes.scene_ids() or not t.has(f"{key}.say"):
            return self._page(t, t("notes.ui.unknown", scene=f"{scene} {step + 1}"),
                              ("", t("notes.ui.following", pid=pid)))
        heading = t("notes.ui.place", number=scenes.scene_ids().index(scene) + 1, title=t(f"{scene}.title"),
                    step=step + 1, steps=steps)
        return self._page(t, heading, (t("notes.ui.say"), t(f"{key}.say")), (t("notes.ui.ask"), t(f"{key}.ask")),
                          ("", t("notes.ui.following", pid=pid)))

    def _waiting(self, _state: str, directory: str) -> Text:
        t = self.catalog(self.lang)
        return self._page(t, t("notes.ui.waiting"), ("", t("notes.ui.waiting_how", directory=directory)))

    def _unsafe(self, _state: str, directory: str, reason: str | None) -> Text:
        t = self.catalog(self.lang)
        why = reason or t("notes.ui.not_private")
        return self._page(t, t("notes.ui.unsafe", directory=directory, reason=why), ("", t("notes.ui.unsafe_how")))
