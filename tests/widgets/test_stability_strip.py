"""The stability strip's legend: entries are kept whole when the line is full."""

from __future__ import annotations

from textual.app import App, ComposeResult

from tests.conftest import screen_lines
from tui.widgets.stability_strip import StabilityStrip, Stop

LEGEND = "a–d die vier · ▲ dein η · ↘ schrumpft · ~ pendelt hinein · ↔ pendelt ewig · ✗ wächst"


class StripApp(App[None]):
    def compose(self) -> ComposeResult:
        yield StabilityStrip()


async def test_a_legend_wider_than_the_line_breaks_between_entries():
    app = StripApp()
    async with app.run_test(size=(80, 10)) as pilot:
        app.query_one(StabilityStrip).show(0.8, [(0.1, "a")], [Stop(0.25, "1/f''", "0")], ("η", "q"), LEGEND)
        await pilot.pause()
        legend = [line.rstrip() for line in screen_lines(app)[4:6]]
        assert legend == ["a–d die vier · ▲ dein η · ↘ schrumpft · ~ pendelt hinein · ↔ pendelt ewig",
                          "✗ wächst"]
