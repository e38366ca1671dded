"""What a live scene asks the terminal to repaint: pieces while it plays, nothing while paused.

`benchmarks/bench_live.py` measures the bytes and the CPU; these tests pin the
mechanisms behind them, in-process and with a clock that only moves when told:
a frame repaints regions (cells, lines), never a whole widget nor the layout,
and a paused scene repaints nothing at all.
"""

from __future__ import annotations

import pytest
from textual.widget import Widget

from scenes import load_scene, scene_ids
from tests.conftest import FakeClock, make_app

#: Every scene that plays, with the step its play key works at (1-based), as the footer counts.
LIVE = {"derivative": -1, "gradient": -1, "hiking": 2, "learning-rate": 2, "sgd": 2, "training": 3}


def test_every_scene_that_plays_is_checked_here():
    plays = {sid for sid in scene_ids() if any(getattr(b, "key", "") == "space" for cls in load_scene(sid).__mro__
                                                for b in cls.__dict__.get("BINDINGS", []))}
    assert plays == set(LIVE)


class Repaints:
    """Every `Widget.refresh` from now on: (widget, regions, layout)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[tuple[Widget, tuple, bool]] = []
        original = Widget.refresh

        def refresh(widget: Widget, *regions, layout: bool = False, **options):
            self.calls.append((widget, regions, layout))
            return original(widget, *regions, layout=layout, **options)

        monkeypatch.setattr(Widget, "refresh", refresh)

    def whole(self) -> list[str]:
        """Widgets repainted whole or laid out again."""
        return [f"{type(w).__name__}#{w.id}" for w, regions, layout in self.calls if layout or not regions]


async def playing(scene_id: str, pilot, clock: FakeClock) -> None:
    """At the scene's live step, a fresh walk playing and a few frames in."""
    app = pilot.app
    steps = load_scene(scene_id).steps
    await app.go(app.index, (LIVE[scene_id] if LIVE[scene_id] > 0 else steps + 1 + LIVE[scene_id]) - 1)
    await pilot.press("r", "space")
    for _ in range(4):  # the first frames of a fresh walk may lay out or repaint whole
        clock.advance(0.25)
        await pilot.pause(0.25)


@pytest.mark.slow
@pytest.mark.parametrize("scene_id", sorted(LIVE))
async def test_a_frame_repaints_pieces_and_a_paused_scene_nothing(scene_id, monkeypatch):
    clock = FakeClock()
    app = make_app(scene_id, animate=True, clock=clock, questions=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await playing(scene_id, pilot, clock)
        repaints = Repaints(monkeypatch)
        for _ in range(4):
            clock.advance(0.25)
            await pilot.pause(0.25)
        assert repaints.calls, "nothing moved: the scene is not playing"
        assert repaints.whole() == []
        await pilot.press("space")
        clock.advance(2.0)  # past every throttle: what was pending is drawn
        await pilot.pause(1.2)
        repaints.calls.clear()
        for _ in range(4):
            clock.advance(0.5)
            await pilot.pause(0.25)
        assert repaints.calls == []
