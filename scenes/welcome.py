"""Scene 1: what this is, what you will be able to explain, and how to move."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from tui.glyphs import glyphs
from tui.scene import Scene

GOALS = ("loss", "gradient", "descent", "training", "stopping")
KEYS = (("→ / ←", "next_back"), ("] / [", "scenes"), ("Tab", "overview"), ("?", "help"), ("L", "language"))


class Welcome(Scene):
    """Title, the lecture's five learning goals, and the keys."""

    scene_id = "welcome"
    steps = 3
    min_size = (80, 22)

    DEFAULT_CSS = """
    Welcome #title { text-style: bold; color: $accent; }
    Welcome #question { margin-bottom: 1; }
    Welcome #goals { margin-bottom: 1; }
    """

    def compose(self) -> ComposeResult:
        with Vertical(classes="prose"):
            yield Static(self.t("title_long"), id="title")
            yield Static(self.t("question"), id="question")
            yield self.at_step(1, Static(self._goals(), id="goals"))
            yield self.at_step(2, Static(self._keys(), id="keys"))

    def _goals(self) -> Table:
        table = Table.grid(padding=(0, 1))
        table.add_column(style="bold", no_wrap=True, justify="right")
        table.add_column()
        table.title = self.t("goals_heading")
        table.title_style = "bold"
        table.title_justify = "left"
        for number, goal in enumerate(GOALS, start=1):
            table.add_row(f"{number}.", self.t(f"goal.{goal}"))
        return table

    def _keys(self) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for keys, description in KEYS:
            table.add_row(glyphs(keys), self.t(f"key.{description}"))
        return table


SCENE = Welcome
