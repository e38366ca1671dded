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
    app = make_app(scene_id, lang, questions=False)
    async with app.run_test(size=scenes.load_scene(scene_id).min_size) as pilot:
        scene = app.scene
        for step in range(scene.steps):
            await pilot.pause()
            assert shown(scene), f"step {step + 1}: the too-small notice instead of the scene"
            assert clipped(app) == [], f"step {step + 1}"
            footer = str(app.query_one(StatusBar).render())
            assert app.catalog("app.footer.help") in footer, f"step {step + 1}: {footer}"
            await pilot.press("right")


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
