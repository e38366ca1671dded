"""Scene 12: the take-home checklist of a training run, one item per step, and the prediction score."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from tui.glyphs import glyphs
from tui.scene import Scene

ITEMS = ("data", "model", "loss", "optimiser", "epoch", "watch", "stop", "test")


class Checklist(Scene):
    """Each step ticks one more item; the unticked ones wait as empty boxes."""

    scene_id = "checklist"
    steps = len(ITEMS)
    min_size = (80, 22)

    DEFAULT_CSS = """
    Checklist #heading { text-style: bold; color: $accent; margin-bottom: 1; }
    """

    def compose(self) -> ComposeResult:
        with Vertical(classes="prose"):
            yield Static(self.t("heading"), id="heading")
            yield Static(id="items")
            yield Static(id="score")

    def show_step(self, step: int) -> None:
        self.query_one("#items", Static).update(self._items(step))
        self.query_one("#score", Static).update(self._score())

    def entered(self) -> None:
        self.query_one("#score", Static).update(self._score())

    def _score(self) -> str:
        """How many predictions the student got right since gdtui started."""
        tally = self.tally
        if not self.settings.questions:
            return self.t("score.off")
        skipped = self.t("score.skipped", skipped=tally.skipped) if tally.skipped else ""
        if tally.answered == 0:
            return self.t("score.none", skipped=skipped)
        return self.t("score.count", right=tally.right, answered=tally.answered, skipped=skipped)

    def _items(self, step: int) -> Table:
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True)
        table.add_column()
        for index, item in enumerate(ITEMS):
            done = index <= step
            box = Text(glyphs("[✓]") if done else "[ ]", style="bold" if done else "dim")
            line = Text(self.t(f"item.{item}.title"), style="bold" if done else "dim")
            if done:
                line.append("  " + self.t(f"item.{item}.detail"), style="not bold")
            table.add_row(box, line)
        return table


SCENE = Checklist
