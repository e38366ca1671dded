"""Run-time settings: what the CLI decides and what tests inject (clock, fps, seed)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui.presets import Preset


@dataclass
class Settings:
    """Everything a scene may depend on besides its own state.

    Tests pass a fixed `clock`, `fps` and `seed`, so every frame is reproducible.
    """

    lang: str = "en"
    seed: int = 0
    animate: bool = True
    fps: float = 20.0
    clock: Callable[[], float] = field(default=time.monotonic)
    start_scene: int = 0
    theme: str = "dark"
    questions: bool = True  # predict-then-see questions; off for a lecturer driving the screen
    split_percent: tuple[int, int, int] = (60, 20, 20)  # the split chosen in supervised, which training uses
    start_step: int = 0  # counted from 0; the command line counts from 1
    preset: str | None = None  # the preset the start scene begins from
    knob_values: dict[str, Any] = field(default_factory=dict)  # --set, for the start scene
    presets: dict[str, Preset] | None = None  # None: only the built-in ones, read when first needed
    export_dir: str = "."
    publish_place: bool = False  # tell `gdtui --notes` where this gdtui is: the command line's, not tests'
