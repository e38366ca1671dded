"""Playing a scene: the clock says how much work is due, the scene does it.

Timers run late under load and stop while a scene is off screen; counting
the work that is due by the scene's clock since the last tick keeps the pace
right either way, and coming back to the scene forgets the time away.
`Pacer` is that bookkeeping for any kind of work (descent steps,
mini-batches, training samples). `PlayScene` declares the keys every live
scene shares: space plays and pauses, s takes one step, r starts over,
> / < play faster or slower (`SPEEDS`), and + / - move the learning rate
along the scene's choices. `WalkScene` is a
scene around engine descents (`Descent`). Without animation
(`--no-animation`, snapshot tests) space takes a fixed burst of steps at
once, so the screen after a key is always the same.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual.binding import Binding

from engine.descent import DescentStep
from tui.knobs import Knob, Notch, Number
from tui.scene import Scene

if TYPE_CHECKING:
    from textual.timer import Timer

T = TypeVar("T")

FRAME_SECONDS = 0.2
"""How often a live scene shows its progress at most: often enough to follow, seldom enough to be
cheap over SSH (every frame costs the compositor, whatever changed); trails and curves show every
step in between."""

RATE_KEYS = [
    Binding("plus", "learning_rate(1)", "app.keys.rate", key_display="+/-"),
    Binding("minus", "learning_rate(-1)", "app.keys.rate"),
]
"""+ and -: for a `PlayScene` with `learning_rates`; they go after the scene's other keys."""

SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0)
"""How fast a scene plays, as a factor on its own pace; > and < move along them."""
SPEED_NOTICE_SECONDS = 2.0


def nudged(choices: Sequence[T], current: T, direction: int) -> T:
    """The choice `direction` places from `current`, held at either end."""
    return choices[min(max(choices.index(current) + direction, 0), len(choices) - 1)]


def following(choices: Sequence[T], current: T) -> T:
    """The choice after `current`, round to the first after the last."""
    return choices[(choices.index(current) + 1) % len(choices)]


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
        self.speed = 1.0
        """A factor on `rate`, chosen by the student (`SPEEDS`)."""
        self._owed = 0.0
        self._ticked_at = 0.0
        self._timer: Timer | None = None

    def toggle(self) -> None:
        if self.playing:
            self.pause()
        else:
            self.play()

    def play(self) -> None:
        self._set_playing(True)
        self.resume()

    def pause(self) -> None:
        self._set_playing(False)
        if self._timer is not None:
            self._timer.pause()

    def _set_playing(self, playing: bool) -> None:
        """The footer names what space does now (play or pause): it is told when that changes."""
        if playing != self.playing:
            self.playing = playing
            self.scene.refresh_bindings()

    def resume(self) -> None:
        """Count from now with nothing owed, and run if playing: after play, back on screen, or a fresh run."""
        self._owed, self._ticked_at = 0.0, self.scene.settings.clock()
        if not self.playing:
            return
        if self._timer is None:
            self._timer = self.scene.every(self.interval, self.tick)
        self._timer.resume()

    def tick(self) -> None:
        """Hand what the clock says is owed since the last tick to `spend` (the timer calls this)."""
        now = self.scene.settings.clock()
        self._owed = min(self._owed + (now - self._ticked_at) * self.rate * self.speed, self.most)
        self._ticked_at = now
        self._owed = self.spend(self._owed)


class PlayScene(Scene):
    """A scene that plays its work with a `Pacer`: space, s, r, > / <, and + / - when it has `learning_rates`.

    A subclass sets `self.pacer` and defines `action_toggle_play`,
    `action_step` and `action_reset`; with `learning_rates` it adds
    `RATE_KEYS` to its BINDINGS and reacts in `learning_rate_changed`.
    """

    BINDINGS = [
        Binding("space", "toggle_play", "app.keys.play"),
        Binding("s", "step", "app.keys.step"),
        Binding("r", "reset", "app.keys.reset"),
        Binding("greater_than_sign", "speed(1)", "app.keys.speed", key_display="</>"),
        Binding("less_than_sign", "speed(-1)", "app.keys.speed", show=False),
    ]

    pacer: Pacer
    learning_rates: ClassVar[Sequence[float]] = ()
    learning_rate: float

    def footer_description(self, description: str) -> str:
        """While it plays, space pauses: the footer says so."""
        return "app.keys.pause" if description == "app.keys.play" and self.pacer.playing else description

    def action_learning_rate(self, direction: int) -> None:
        self.set_learning_rate(nudged(self.learning_rates, self.learning_rate, direction))

    def set_learning_rate(self, rate: float) -> None:
        self.learning_rate = rate
        self.learning_rate_changed()

    @classmethod
    def rate_knob(cls, rates: Sequence[float]) -> Knob:
        """The learning rate as a knob: one of `rates` (the scene's `learning_rates`)."""
        return Knob("rate", Notch(tuple(rates)), "learning_rate", "set_learning_rate")

    def learning_rate_changed(self) -> None:
        """Hook: + or - chose `self.learning_rate`."""

    def action_speed(self, direction: int) -> None:
        """> or <: play faster or slower; the pace counts from now, so nothing is made up."""
        self.pacer.speed = nudged(SPEEDS, self.pacer.speed, direction)
        self.pacer.resume()
        self.notify(self.gdtui.catalog("app.speed", speed=self.numbers.short(self.pacer.speed)),
                    timeout=SPEED_NOTICE_SECONDS)

    def entered(self) -> None:
        self.pacer.resume()


class Descent:
    """One engine descent as far as it has been played: its steps so far, the newest `keep` of them."""

    def __init__(self, steps: Iterator[DescentStep], keep: int | None = None) -> None:
        self._steps = steps
        self.steps: deque[DescentStep] = deque([next(steps)], maxlen=keep)

    @property
    def now(self) -> DescentStep:
        return self.steps[-1]

    @property
    def finished(self) -> bool:
        return self.now.finished

    def advance(self) -> bool:
        """Take the next step; False once every walker has stopped."""
        step = next(self._steps, None)
        if step is None:
            return False
        self.steps.append(step)
        return not step.finished


class WalkScene(PlayScene):
    """A scene around engine descents that space plays and pauses, s steps and r starts over.

    A subclass sets `walk_rate` and `walk_burst`, calls `restart` at the end
    of its `__init__`, and fills in the hooks below; `self.walks` are its
    descents as far as they have gone.
    """

    walk_rate: ClassVar[float]
    """Steps per second while playing."""
    walk_burst: ClassVar[int]
    """Steps that one press of space takes at once without animation."""
    walk_keep: ClassVar[int | None] = None
    """Steps each descent keeps (None: all of them, for descents that end)."""

    def __init__(self) -> None:
        super().__init__()
        self.pacer = Pacer(self, self._spend, rate=self.walk_rate, interval=max(0.5 / self.walk_rate, FRAME_SECONDS))
        self.walks: list[Descent] = []

    # -- hooks -------------------------------------------------------------
    def descents(self) -> list[Iterator[DescentStep]]:
        """Hook: the engine's descents from the scene's start and settings, walked in lockstep."""
        raise NotImplementedError

    def redraw(self) -> None:
        """Hook: show the walk as it is now."""
        raise NotImplementedError

    def walk_ready(self) -> bool:
        """Hook: whether space, s and r act yet (e.g. only from a later step on)."""
        return True

    def acts(self, action: str) -> bool:
        return self.walk_ready() if action in ("toggle_play", "step", "reset", "speed") else super().acts(action)

    # -- the walk ----------------------------------------------------------
    def restart(self) -> None:
        """Every descent afresh from its start (the screen follows with `redraw`)."""
        self.walks = [Descent(steps, self.walk_keep) for steps in self.descents()]

    def advance(self) -> bool:
        """One step of every descent still going; False once all have stopped."""
        return any([walk.advance() for walk in self.walks])  # a list: every walk steps

    def walk_finished(self) -> bool:
        """True when every descent is over: play then starts afresh."""
        return all(walk.finished for walk in self.walks)

    @property
    def walked(self) -> int:
        """Steps taken since the start, by the descent that has gone furthest."""
        return max(walk.now.index for walk in self.walks)

    def walk_to(self, steps: int) -> None:
        """Every descent afresh from its start, then `steps` steps on (or to their end)."""
        self.restart()
        while self.walked < steps and self.advance():
            pass

    @staticmethod
    def walk_knob(most: int) -> Knob:
        """The knob of how far the walk has gone, so a command line can replay it."""
        return Knob("walk", Number(0, most, whole=True), "walked", "walk_to")

    # -- keys --------------------------------------------------------------
    def action_toggle_play(self) -> None:
        if self.walk_finished():
            self.restart()
            self.redraw()
        if self.settings.animate:
            self.pacer.toggle()
        else:
            self._take_steps(self.walk_burst)

    def action_step(self) -> None:
        self.pacer.pause()
        self._take_steps(1)

    def action_reset(self) -> None:
        self.restart_walk()

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
