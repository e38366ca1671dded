"""Every scene draws completely at the size it claims, at most 80×22: room for a tmux or
screen status line on an 80×24 terminal. Nothing visible may be cut off or scrolled away."""

from __future__ import annotations

import pytest
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Static

import scenes
from tests.conftest import make_app
from tui.app import GdtuiApp
from tui.chrome import StatusBar
from tui.i18n import LANGUAGES

TMUX = (80, 22)


def shown(widget: Widget) -> bool:
    return all(node.display and node.visible for node in (widget, *widget.ancestors[:-1]))


def clipped(app: GdtuiApp) -> list[str]:
    """Visible widgets the scene cuts: outside their parent or the scene, scrolled away,
    or text taller than its widget."""
    scene = app.scene
    problems = []
    for widget in scene.query("*"):
        if not shown(widget):
            continue
        if widget.is_scrollable and widget.max_scroll_y > 0:
            problems.append(f"{widget!r} hides {widget.max_scroll_y} rows")
        if widget.is_container or not widget.region.area:
            continue
        for box in (scene.content_region, widget.parent.region):
            if not box.contains_region(widget.region):
                problems.append(f"{widget!r} at {widget.region} is cut by {box}")
                break
        if isinstance(widget, Static):
            width = widget.content_region.width
            needed = widget.get_content_height(Size(width, 1000), app.size, width)
            if needed > widget.content_region.height:
                problems.append(f"{widget!r} needs {needed} rows, has {widget.content_region.height}")
    return problems


def test_every_scene_claims_at_most_80x22():
    sizes = {sid: scenes.load_scene(sid).min_size for sid in scenes.scene_ids()}
    assert {sid: size for sid, size in sizes.items() if size[0] > TMUX[0] or size[1] > TMUX[1]} == {}


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("scene_id", scenes.scene_ids())
async def test_every_step_draws_completely_at_its_size(scene_id, lang):
    """Every step as a student first meets it, with questions on: each open question, then its step."""
    app = make_app(scene_id, lang)
    async with app.run_test(size=scenes.load_scene(scene_id).min_size) as pilot:
        scene = app.scene
        for _ in range(3 * scene.steps):  # a step, or its question, per press of →
            await pilot.pause()
            where = f"step {scene.step + 1}" + (", asking" if scene.asking else "")
            assert shown(scene), f"{where}: the too-small notice instead of the scene"
            assert clipped(app) == [], where
            footer = str(app.query_one(StatusBar).render())
            first = "app.footer.answer" if scene.asking else "app.footer.help"  # an open question's keys come first
            assert app.catalog(first) in footer, f"{where}: {footer}"
            if scene.step == scene.steps - 1 and scene.asking is None:
                break
            await pilot.press("right")  # opens the step's question, or skips it and shows the step
        assert scene.step == scene.steps - 1


async def test_the_check_sees_a_cut():
    """At one row less than it claims, the welcome scene's last step does not fit."""
    app = make_app("welcome", "de", questions=False)
    async with app.run_test(size=(80, 22)) as pilot:
        await pilot.press("right", "right")
        assert clipped(app) == []
        app.scene.min_size = (80, 21)  # an instance's claim, so the notice stays away
        await pilot.resize_terminal(80, 21)
        await pilot.pause()
        assert clipped(app)
