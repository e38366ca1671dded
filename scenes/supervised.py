"""Scene 2: supervised learning: examples come as input/label pairs, and the data set
is cut into training, validation and test parts before any training starts.

The split is the student's to change (+ / -, or explore mode), so they see the
counts per part and class move, and learn which splits make no sense.
"""

from __future__ import annotations

from functools import cached_property

import numpy as np
# NumPy imports these lazily on first use (np.random in the data set, numpy.ma inside
# np.unique in engine.data.split): about 20 ms on this scene's first frame. Named
# here, they load with the module, which the app imports ahead while welcome shows.
import numpy.ma  # noqa: F401
import numpy.random  # noqa: F401
from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from engine.data import CLASSES, FEATURES, Dataset, Split, animals, split
from tui.glyphs import glyphs
from tui.knobs import Choice, Knob, Listing, Number
from tui.scene import Scene
from tui.settings import Settings
from tui.widgets.split_bar import BarPart, SplitBar

PARTS = ("train", "validation", "test")
FILLS = ("█", "▒", "░")  # dense, medium, light: tell the parts apart without colour
START_PERCENT = Settings.split_percent
STEP_PERCENT = 5
MIN_PERCENT = 5  # validation and test keep some cats and some dogs
MIN_TRAIN_PERCENT = 50  # the weights are learned from training data only
PAIRS_SHOWN = 4


def allowed_split(percent: tuple[int, int, int]) -> bool:
    """A split the keys could reach: it adds up, and no part is too small to mean anything."""
    train, validation, test = percent
    return sum(percent) == 100 and train >= MIN_TRAIN_PERCENT and min(validation, test) >= MIN_PERCENT


class Supervised(Scene):
    """Input/label pairs from the dogs-vs-cats data, then the data set split three ways."""

    scene_id = "supervised"
    steps = 3
    min_size = (80, 22)
    explorable = True

    BINDINGS = [
        Binding("plus", "resize_part(1)", "supervised.keys.resize", key_display="+/-"),
        Binding("minus", "resize_part(-1)", "supervised.keys.resize"),
        Binding("p", "other_part", "supervised.keys.part"),
        Binding("r", "reset", "app.keys.reset"),
    ]

    knobs = (
        Knob("split", Listing(Number(0, 100, whole=True), ",", 3), "percent", "set_split",
             check=allowed_split, expects="knobs.expect.split"),
        Knob("part", Choice(PARTS[1:]), lambda s: PARTS[s.selected], lambda s, v: setattr(s, "selected", PARTS.index(v))),
    )

    DEFAULT_CSS = """
    Supervised #intro { margin-bottom: 1; }
    Supervised #message { text-style: bold; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.percent: tuple[int, int, int] = self.settings.split_percent
        self.selected = 1  # the part that + / - resize: validation or test
        self.refusal: str | None = None

    # -- data ----------------------------------------------------------------
    @cached_property
    def dataset(self) -> Dataset:
        return animals(self.settings.seed)

    @property
    def parts(self) -> Split:
        """The engine's split of the data set at the current percentages."""
        return split(self.dataset, tuple(p / 100 for p in self.percent), seed=self.settings.seed)

    # -- view ----------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical(classes="prose"):
            yield Static(self.t("intro"), id="intro")
            yield Static(self._pairs(), id="pairs")
            yield self.at_step(1, Static(self.t("split_intro", animals=len(self.dataset)), id="split-intro"))
            yield self.at_step(1, SplitBar(id="bar"))
            yield self.at_step(1, Static(id="parts"))
            yield self.at_step(1, Static(id="message"))

    def _pairs(self) -> Table:
        """The first animals as a table: the input features, then the label."""
        table = Table(box=None, padding=(0, 2, 0, 0), show_edge=False, header_style="bold")
        table.add_column("#", justify="right")
        for feature in FEATURES:
            table.add_column(self.t(f"feature.{feature}"), justify="right")
        table.add_column(self.t("label"), style="bold")
        for row in range(PAIRS_SHOWN):
            values = [self.num(v) for v in self.dataset.X[row]]
            table.add_row(str(row + 1), *values, glyphs("→ ") + self.t(f"class.{CLASSES[self.dataset.y[row]]}"))
        return table

    def show_step(self, step: int) -> None:
        self.refusal = None  # a refusal belongs to the key that caused it, not to the next step
        self._show_split()

    def _show_split(self) -> None:
        parts = self.parts
        counts = [len(getattr(parts, name)) for name in ("train", "validation", "test")]
        self.query_one(SplitBar).show(
            [BarPart(self.t(f"part.{name}"), count, fill) for name, count, fill in zip(PARTS, counts, FILLS)],
            self.selected,
        )
        self.query_one("#parts", Static).update(self._parts_table(parts))
        hint = "how_to_explore" if self.exploring else "how_to_change"
        message = self.t(f"refuse.{self.refusal}", min=MIN_TRAIN_PERCENT) if self.refusal else self.t(hint)
        self.query_one("#message", Static).update(message)

    def explore_changed(self, exploring: bool) -> None:
        self._show_split()  # the hint names the keys of the mode

    def _parts_table(self, parts: Split) -> Table:
        """Per part: its share, its examples by class and (from step 3) what it is for."""
        table = Table(box=None, padding=(0, 1, 0, 0), show_edge=False, header_style="bold", expand=True)
        table.add_column(self.t("column.part"), no_wrap=True)
        table.add_column(self.t("column.share"), justify="right", no_wrap=True)
        table.add_column(self.t("column.examples"), justify="right", no_wrap=True)
        for name in CLASSES:
            table.add_column(self.t(f"column.{name}"), justify="right", no_wrap=True)
        table.add_column(self.t("column.purpose") if self.step >= 2 else "", ratio=1)
        for index, (name, fill, percent) in enumerate(zip(PARTS, FILLS, self.percent)):
            labels = getattr(parts, name).y
            per_class = np.bincount(labels, minlength=len(CLASSES))
            marker = glyphs("→") if index == self.selected else " " * len(glyphs("→"))
            table.add_row(
                f"{marker}{glyphs(fill)} {self.t(f'part.{name}')}",
                f"{percent} %",
                str(len(labels)),
                *(str(n) for n in per_class),
                self.t(f"purpose.{name}") if self.step >= 2 else "",
                style="bold" if index == self.selected else "",
            )
        return table

    # -- changing the split --------------------------------------------------
    def resize(self, delta: int) -> None:
        """Grow (delta > 0) or shrink the selected part by one step; training pays or gains.

        A split that would empty validation or test, or leave training less than
        half, is refused with a sentence saying why, and the split stays as it was.
        """
        percent = list(self.percent)
        percent[self.selected] += delta * STEP_PERCENT
        percent[0] -= delta * STEP_PERCENT
        if percent[self.selected] < MIN_PERCENT:
            self.refusal = PARTS[self.selected]
        elif percent[0] < MIN_TRAIN_PERCENT:
            self.refusal = "train"
        else:
            self.percent, self.refusal = (percent[0], percent[1], percent[2]), None
            self.settings.split_percent = self.percent  # training learns from this very split
        self._show_split()

    def acts(self, action: str) -> bool:
        """The split's keys act once the split is on screen: + on the first step changes nothing unseen."""
        return self.step >= 1 if action in ("resize_part", "other_part", "reset") else super().acts(action)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "explore" and self.step < 1:
            return False
        return super().check_action(action, parameters)

    def action_resize_part(self, delta: int) -> None:
        self.resize(delta)

    def action_other_part(self) -> None:
        self.selected = 2 if self.selected == 1 else 1
        self.refusal = None
        self._show_split()

    def set_split(self, percent: tuple[int, int, int]) -> None:
        """A split from a preset or a command line, as if the keys had made it: training uses it too."""
        self.percent = self.settings.split_percent = tuple(percent)

    def action_reset(self) -> None:
        self.percent, self.selected, self.refusal = START_PERCENT, 1, None
        self.settings.split_percent = self.percent
        self._show_split()

    def explore_move(self, dx: int, dy: int) -> None:
        if dy:
            self.action_other_part()
        elif dx:
            self.resize(dx)


SCENE = Supervised
