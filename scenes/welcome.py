"""Scene 1: what this is, what you will be able to explain, and how to move.

The keys come in two columns: moving through the lecture on the left, what the
live scenes need on the right (play, one step, reset, learning rate, explore
mode), so a student alone finds them before the first live scene.
"""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from tui.keys import key_label
from tui.scene import Scene

GOALS = ("loss", "gradient", "descent", "training", "stopping")
#: (keys, what they do): moving through the lecture, then what the live scenes need, row by row.
KEYS = (
    ((("right", "left"), "next_back"), (("space",), "play")),
    ((("right_square_bracket", "left_square_bracket"), "scenes"), (("s", "r"), "step_reset")),
    ((("tab",), "overview"), (("plus", "minus"), "rate")),
    ((("question_mark",), "help"), (("enter",), "explore")),
    ((("L",), "language"), (("q",), "quit")),
)


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
        """Each key written as the footer and the help write it ("Leertaste" in German)."""
        table = Table.grid(padding=(0, 2))
        for style in ("bold", None, "bold", None):
            table.add_column(style=style, no_wrap=True)
        for row in KEYS:
            cells = []
            for keys, description in row:
                cells += [" ".join(key_label(key, self.gdtui.catalog) for key in keys), self.t(f"key.{description}")]
            table.add_row(*cells)
        return table


SCENE = Welcome
