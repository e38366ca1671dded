"""Playing a scene's walk: the clock says how much work is due, the scene does it.

Timers run late under load and stop while a scene is off screen; counting
the work that is due by the scene's clock since the last tick keeps the pace
right either way, and coming back to the scene forgets the time away.
`Pacer` is that bookkeeping for any kind of work (descent steps,
mini-batches, training samples); `WalkScene` is a scene around one walk of
steps, with the usual keys: space plays and pauses, s takes one step, r
starts over. Without animation (`--no-animation`, snapshot tests) space
takes a fixed burst of steps at once, so the screen after a key is always
the same.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding

from tui.scene import Scene

if TYPE_CHECKING:
    from textual.timer import Timer


class Pacer:
    """Owes a scene `rate` units of work per second of its clock while playing, `most` at a time.

    Every `interval` seconds it hands what is owed to `spend`, which does the
    work it can and returns what it still owes.
    """

    def __init__(self, scene: Scene, spend: Callable[[float], float], *, rate: float, interval: float,
                 most: float = math.inf) -> None:
        self.scene, self.spend = scene, spend
        self.rate, self.interval, self.most = rate, interval, most
        self.playing = False
        self._owed = 0.0
        self._ticked_at = 0.0
        self._timer: Timer | None = None

    def toggle(self) -> None:
        if self.playing:
            self.pause()
        else:
            self.play()

    def play(self) -> None:
        self.playing = True
        self.resume()

    def pause(self) -> None:
        self.playing = False
        if self._timer is not None:
            self._timer.pause()

    def resume(self) -> None:
        """Count from now with nothing owed, and run if playing: after play, back on screen, or a fresh run."""
        self._owed, self._ticked_at = 0.0, self.scene.settings.clock()
        if not self.playing:
            return
        if self._timer is None:
            self._timer = self.scene.every(self.interval, self._tick)
        self._timer.resume()

    def _tick(self) -> None:
        now = self.scene.settings.clock()
        self._owed = min(self._owed + (now - self._ticked_at) * self.rate, self.most)
        self._ticked_at = now
        self._owed = self.spend(self._owed)


class WalkScene(Scene):
    """A scene around a walk of steps that space plays and pauses, s steps and r starts over.

    A subclass sets `walk_rate` and `walk_burst`, calls `restart` at the end
    of its `__init__`, and fills in the hooks below. Its own BINDINGS come
    after these three in the footer.
    """

    BINDINGS = [
        Binding("space", "toggle_play", "app.keys.play"),
        Binding("s", "step", "app.keys.step"),
        Binding("r", "reset", "app.keys.reset"),
    ]

    walk_rate: ClassVar[float]
    """Steps per second while playing."""
    walk_burst: ClassVar[int]
    """Steps that one press of space takes at once without animation."""

    def __init__(self) -> None:
        super().__init__()
        self.pacer = Pacer(self, self._spend, rate=self.walk_rate, interval=0.5 / self.walk_rate)

    # -- hooks -------------------------------------------------------------
    def restart(self) -> None:
        """Hook: set up the walk afresh from its start (the screen follows with `redraw`)."""
        raise NotImplementedError

    def advance(self) -> bool:
        """Hook: take one step of the walk; False once the walk is over."""
        raise NotImplementedError

    def redraw(self) -> None:
        """Hook: show the walk as it is now."""
        raise NotImplementedError

    def walk_ready(self) -> bool:
        """Hook: whether the keys may move the walk yet (e.g. only from a later step on)."""
        return True

    def walk_finished(self) -> bool:
        """Hook: True when the walk is over and play should start it afresh; by default play stays put."""
        return False

    # -- keys --------------------------------------------------------------
    def action_toggle_play(self) -> None:
        if not self.walk_ready():
            return
        if self.walk_finished():
            self.restart()
            self.redraw()
        if self.settings.animate:
            self.pacer.toggle()
        else:
            self._take_steps(self.walk_burst)

    def action_step(self) -> None:
        if self.walk_ready():
            self.pacer.pause()
            self._take_steps(1)

    def action_reset(self) -> None:
        self.restart_walk()

    # -- the walk ----------------------------------------------------------
    def restart_walk(self) -> None:
        """Stop playing and show the walk back at its start."""
        self.pacer.pause()
        self.restart()
        self.redraw()

    def _take_steps(self, count: int) -> int:
        """Take up to `count` steps, fewer if the walk ends (which pauses it), then redraw once.

        Returns how many steps were taken.
        """
        taken = 0
        while taken < count:
            taken += 1
            if not self.advance():
                self.pacer.pause()
                break
        self.redraw()
        return taken

    def _spend(self, owed: float) -> float:
        return owed - self._take_steps(int(owed)) if owed >= 1 else owed

    # -- life on screen ----------------------------------------------------
    def watch_step(self) -> None:
        if not self.walk_ready():
            self.pacer.pause()
        super().watch_step()

    def entered(self) -> None:
        self.pacer.resume()
