"""Scene 13: where the content comes from, its licence, and what to read next."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from tui.scene import Scene

READING = ("kicampus", "elements_optimization", "plus", "nielsen", "micrograd")


class Sources(Scene):
    """The paper, the lecture (CC BY 4.0) this app follows, and further reading."""

    scene_id = "sources"
    steps = 3
    min_size = (80, 22)

    DEFAULT_CSS = """
    Sources .heading { text-style: bold; color: $accent; }
    """

    def compose(self) -> ComposeResult:
        with Vertical(classes="prose"):
            yield Static(self.t("paper.heading"), classes="heading", id="paper-heading")
            yield Static(self._entry("paper"))
            yield self.at_step(1, Static(self.t("lecture.heading"), classes="heading"))
            yield self.at_step(1, Static(self._entry("lecture")))
            yield self.at_step(2, Static(self.t("reading.heading"), classes="heading"))
            yield self.at_step(2, Static(self._reading()))

    def _entry(self, key: str) -> Text:
        text = Text(self.t(f"{key}.reference"), style="bold")
        text.append("\n" + self.t(f"{key}.note"), style="not bold")
        return text

    def _reading(self) -> Table:
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True)
        table.add_column()
        for item in READING:
            table.add_row("-", self.t(f"reading.{item}"))
        return table


SCENE = Sources
