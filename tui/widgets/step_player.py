"""Play / pause / one step for a scene's walk, paced by elapsed time, not by timer ticks.

Timers run late under load and stop while a scene is off screen; counting
the steps that are due since play began keeps the pace right either way.
Without animation (`--no-animation`, snapshot tests) play takes a fixed
burst of steps at once, so the screen after a key press is always the same.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.timer import Timer

    from tui.scene import Scene


class StepPlayer:
    """Calls `step()` (False once the walk is over) `rate` times a second while playing."""

    def __init__(self, scene: Scene, step: Callable[[], bool], *, rate: float, burst: int) -> None:
        self.scene, self.step, self.rate, self.burst = scene, step, rate, burst
        self.playing = False
        self._since = 0.0
        self._taken = 0
        self._timer: Timer | None = None

    def toggle(self) -> None:
        """Play or pause; without animation, take `burst` steps at once instead."""
        if not self.scene.settings.animate:
            for _ in range(self.burst):
                if not self.step():
                    break
        elif self.playing:
            self.pause()
        else:
            self.playing = True
            self.resume()

    def resume(self) -> None:
        """Start counting due steps from now (also after the scene comes back on screen)."""
        if not self.playing:
            return
        self._since, self._taken = self.scene.settings.clock(), 0
        if self._timer is None:
            self._timer = self.scene.every(0.5 / self.rate, self._tick)
        self._timer.resume()

    def pause(self) -> None:
        self.playing = False
        if self._timer is not None:
            self._timer.pause()

    def _tick(self) -> None:
        due = int((self.scene.settings.clock() - self._since) * self.rate)
        while self._taken < due:
            self._taken += 1
            if not self.step():
                self.pause()
                return
