"""Scene 13: where the content comes from, its licence, and what to read next.

The paper first, then the lecture (CC BY 4.0); then the further reading on a
step of its own, so every address fits whole at 80 columns: the lecture's
list, page by page as the transcript gives it, and two more of our own.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from tui.scene import Scene

LECTURE_STEP, READING_STEP = 1, 2
#: Further reading: the lecture's list, then ours.
FROM_LECTURE = ("kicampus", "elements_optimization", "elements_hill_climbing", "plus")
OURS = ("nielsen", "micrograd")


class Sources(Scene):
    """The paper, the lecture (CC BY 4.0) this app follows, and further reading."""

    scene_id = "sources"
    steps = READING_STEP + 1
    min_size = (80, 22)

    DEFAULT_CSS = """
    Sources .heading { text-style: bold; color: $accent; }
    Sources #credits, Sources #reading { height: auto; }
    """

    def compose(self) -> ComposeResult:
        with Vertical(classes="prose"):
            with Vertical(id="credits"):
                yield Static(self.t("paper.heading"), classes="heading", id="paper-heading")
                yield Static(self._entry("paper"))
                yield self.at_step(LECTURE_STEP, Static(self.t("lecture.heading"), classes="heading"))
                yield self.at_step(LECTURE_STEP, Static(self._entry("lecture")))
            with Vertical(id="reading"):
                yield Static(self.t("reading.heading"), classes="heading")
                yield Static(self._reading(FROM_LECTURE))
                yield Static(self.t("reading.more"), classes="heading")
                yield Static(self._reading(OURS))

    def show_step(self, step: int) -> None:
        self.query_one("#credits").display = step < READING_STEP
        self.query_one("#reading").display = step == READING_STEP

    def _entry(self, key: str) -> Text:
        text = Text(self.t(f"{key}.reference"), style="bold")
        text.append("\n" + self.t(f"{key}.note"), style="not bold")
        return text

    def _reading(self, items: tuple[str, ...]) -> Table:
        """Each title on its line, its whole address below it."""
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True)
        table.add_column()
        for item in items:
            table.add_row("-", self.t(f"reading.{item}.title") + "\n" + self.t(f"reading.{item}.address"))
        return table


SCENE = Sources
