"""Letting go of widgets that a scene removed (its old view, after a language switch).

Textual 8.2 keeps removed widgets alive in three places, so every language
switch (which recomposes a scene) left the old view in memory: 61 MB grew to
210 MB after 6,000 switches. `forget` undoes each; remove a line when Textual
fixes its cause:

* `query_one` caches results per node, keyed by the node's child list version,
  in an LRU of 1024 entries: each recompose adds entries that pin the old
  children (not reported upstream as of Textual 8.2.8; there is no public way
  to clear it);
* `Signal` subscriptions are weak-keyed by the subscriber, but the callback held
  for it (a closure over the widget) is strong, so a removed `Input` (screen's
  text-selection signal) or `PlotextPlot` (app's theme signal) stays until the
  signal next fires, which may be never;
* `StylesCache.get_inner_outer` is an `lru_cache` on a method, so it keeps 1024
  style caches, with their rendered lines, of widgets long gone (textual#6665).
"""

from __future__ import annotations

from collections.abc import Iterable

from textual._styles_cache import StylesCache
from textual.signal import Signal
from textual.widget import Widget


def forget(owner: Widget, removed: Iterable[Widget]) -> None:
    """Drop the references Textual keeps to `removed`, which `owner` no longer holds."""
    owner._query_one_cache.clear()
    removed = list(removed)
    for node in (owner.app, owner.screen):
        for signal in vars(node).values():
            if isinstance(signal, Signal):
                for widget in removed:
                    signal.unsubscribe(widget)
    StylesCache.get_inner_outer.cache_clear()
