"""The batch strip: used batches dim, the current one inverted with a rule under it, and nothing
repainted when the batch has not moved."""

from __future__ import annotations

import numpy as np
from textual.app import App, ComposeResult

from tui.widgets.batch_strip import CURRENT, DONE, PENDING, BatchStrip

HEIGHTS = np.arange(12.0)
ORDER = [np.array([0, 1, 2]), np.array([3, 4, 5]), np.array([6, 7, 8]), np.array([9, 10, 11])]


class StripApp(App[None]):
    CSS = "BatchStrip { width: 9; }"  # two batches and their separators fit a row

    def compose(self) -> ComposeResult:
        yield BatchStrip(HEIGHTS)


def styles(line) -> list[object]:
    """The style of each cell of a line of the strip."""
    def at(index: int) -> object:
        return next((span.style for span in reversed(line.spans) if span.start <= index < span.end), line.style)

    return [at(index) for index in range(len(line))]


async def test_used_batches_are_dim_the_current_one_inverted_and_a_rule_marks_it(monkeypatch):
    async with StripApp().run_test(size=(20, 8)) as pilot:
        strip = pilot.app.query_one(BatchStrip)
        await pilot.pause()
        strip.show(ORDER, 3)  # the second row's second batch
        first, rule, second, mark = strip.lines
        assert styles(first) == [DONE] * 8  # both batches and their separators
        assert styles(second) == [DONE] * 4 + [CURRENT] * 3
        assert rule.plain.strip() == "" and mark.plain == "    ───"
        strip.show(ORDER, 1)
        assert styles(strip.lines[0]) == [DONE] * 4 + [CURRENT] * 3 + [PENDING]  # its separator: plain
        assert styles(strip.lines[2]) == [PENDING] * 7
        shown = []
        monkeypatch.setattr(strip, "show_lines", shown.append)
        strip.show(ORDER, 1)  # the same batch of the same shuffle
        assert shown == []
        strip.show(ORDER, 2)
        assert len(shown) == 1
