"""Keys in the order they were typed: each key is handled to the end before the next.

Textual hands a key to the focused widget, which bubbles it up through its
parents to the bindings, one message queue per hop; the next key does not
wait for that. When several keys arrive in one read (a paste, a laggy SSH
link), a later key overtakes an earlier one: in "12⌫5" the 5 lands before
the backspace deletes, and in "i100000⏎" the digits reach the scene (a scene
number!) before `i` has opened the input they were meant for. `KeyOrder`
holds each key until the one before it has gone all the way up.

Held keys must not build a backlog either (key repeat is about 30 keys a
second). Work that redraws much (a new theme, a new language) is done once
the keys waiting have been handled (`when_settled`), and two presses of a
key that toggles something back and forth cancel out while both still wait
(a held Tab opens and closes the overview).
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import events

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode

KEY_TIMEOUT = 2.0
"""Seconds a key may take before the next one goes ahead anyway (a key must never block the rest)."""


class KeyOrder:
    """Holds keys and pastes for `app` while the one before them is still on its way.

    The app calls `hold` for every key or paste it receives from the driver and
    skips those that must wait; each is posted to the app again in its turn.
    """

    def __init__(self, app: App, toggles: Callable[[events.Key], bool] = lambda key: False) -> None:
        self.app = app
        self.toggles = toggles
        self.waiting: deque[events.Event] = deque()
        self.busy = False
        self._released: events.Event | None = None
        self._task: asyncio.Task[None] | None = None
        self._settled: list[Callable[[], object]] = []

    @staticmethod
    def applies(event: events.Event) -> bool:
        return isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded

    def hold(self, event: events.Event) -> bool:
        """Whether `event` must wait; if not, it is the key in flight from now on."""
        if event is self._released:
            self._released = None
        elif self.busy:
            if self.waiting and _same_key(self.waiting[-1], event) and self.toggles(event):
                self.waiting.pop()  # pressed twice, toggled back: as if not pressed
            else:
                self.waiting.append(event)
            return True
        self.busy = True
        self._task = asyncio.create_task(self._follow())
        return False

    async def _follow(self) -> None:
        """Wait until the key in flight is handled, then release the next one."""
        try:
            await asyncio.wait_for(self._handled(), KEY_TIMEOUT)
        except Exception:  # noqa: BLE001 - slow, or no screen to follow it on: the next key goes on
            pass
        if self.waiting:
            self._released = self.waiting.popleft()
            self.app.post_message(self._released)
        else:
            self.busy = False
            self._run_settled()

    def when_settled(self, callback: Callable[[], object]) -> None:
        """Run `callback` after the next frame once no key is waiting, once however often
        it was asked for meanwhile."""
        if callback not in self._settled:
            self._settled.append(callback)
        if not self.busy:
            self._run_settled()

    def _run_settled(self) -> None:
        for callback in self._settled:
            self.app.call_after_refresh(callback)
        self._settled.clear()

    async def _handled(self) -> None:
        """Follow the key's path: the app hands it to the focused widget, each widget to its
        parent, the app runs the binding. A message queued behind the key on each hop
        comes out after the key has passed; one more round on the app lets the callbacks
        the key scheduled (a new focus) run too."""
        app = self.app
        await _after(app)
        for node in (app.focused or app.screen).ancestors_with_self:
            await _after(node)
        await _after(app)


def _same_key(a: events.Event, b: events.Event) -> bool:
    return isinstance(a, events.Key) and isinstance(b, events.Key) and a.key == b.key


async def _after(node: DOMNode) -> None:
    """Return once `node` has handled every message queued for it before this call."""
    done = asyncio.get_running_loop().create_future()
    if node.call_later(lambda: done.done() or done.set_result(None)):
        await done
