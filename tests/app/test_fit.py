"""Every scene draws completely at the size it claims, at most 80×22: room for a tmux or
screen status line on an 80×24 terminal. Nothing visible may be cut off or scrolled away."""

from __future__ import annotations

import re

import pytest
import rich.text
import textual.content
from rich._wrap import divide_line
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Static

import scenes
import tui.terminal_app
from tests.conftest import fit_cases, make_app, screen_lines
from tui.app import GdtuiApp
from tui.chrome import StatusBar
from tui.i18n import LANGUAGES
from tui.line_breaks import OPERATORS, held_together
from tui.widgets.live_text import LiveLines

TMUX = (80, 22)
RELATIONS = "".join(sign for sign in OPERATORS if sign not in "+−←→")


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
        if isinstance(widget, LiveLines) and len(widget.lines) > widget.content_region.height:
            problems.append(f"{widget!r} has {len(widget.lines)} lines for {widget.content_region.height} rows")
        if isinstance(widget, Static):
            width = widget.content_region.width
            needed = widget.get_content_height(Size(width, 1000), app.size, width)
            if needed > widget.content_region.height:
                problems.append(f"{widget!r} needs {needed} rows, has {widget.content_region.height}")
    return problems


def broken_formulas(app: GdtuiApp) -> list[str]:
    """Line breaks inside a formula: a line that ends with an operator sign, or a next line that
    begins with a relation ("x" on one line, "= −1" on the next), unless the formula is wider than
    the line. A line may begin with + or an arrow (a legend's mark, a key), and one that begins with
    a space was indented by hand, as a derivation's "= …" is."""
    lines = screen_lines(app)
    problems = []
    for widget in app.scene.query("*"):
        if not isinstance(widget, (Static, LiveLines)) or not shown(widget) or not widget.content_region.area:
            continue
        box = widget.content_region
        texts = [line[box.x:box.right].rstrip() for line in lines[box.y:box.bottom]]
        for before, after in zip(texts, [*texts[1:], ""]):
            cut = (before[-2:-1] == " " and before[-1:] in OPERATORS
                   or after[:1] in RELATIONS and after[1:2] == " ")
            if cut and not wider_than(before + " " + after, len(before), box.width):
                problems.append(f"{widget!r}: {before!r} / {after!r}")
    return problems


def wider_than(text: str, at: int, width: int) -> bool:
    """Whether the formula around position `at` of `text`, held whole, is wider than `width`."""
    unit = next(m for m in re.finditer(r"\S+", held_together(text, 10**6)) if m.start() <= at <= m.end())
    return len(unit.group()) > width


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


@pytest.mark.parametrize(("lang", "size"), fit_cases())
@pytest.mark.parametrize("scene_id", scenes.scene_ids())
async def test_no_line_breaks_inside_a_formula(scene_id, lang, size):
    """At every step, with its question asked, and its reveal."""
    app = make_app(scene_id, lang)
    async with app.run_test(size=size) as pilot:
        scene = app.scene
        for _ in range(3 * scene.steps):
            await pilot.pause()
            assert broken_formulas(app) == [], f"step {scene.step + 1}" + (", asking" if scene.asking else "")
            if scene.step == scene.steps - 1 and scene.asking is None:
                break
            await pilot.press("right")


async def test_the_formula_check_sees_a_formula_cut(monkeypatch):
    """With Rich's own line breaks, the derivative scene's descent rule loses its bound at 80×22."""
    monkeypatch.setattr(rich.text, "divide_line", divide_line)
    monkeypatch.setattr(textual.content, "divide_line", divide_line)
    monkeypatch.setattr(tui.terminal_app, "keep_formulas_whole", lambda: None)
    app = make_app("derivative", "de", questions=False)
    async with app.run_test(size=(80, 22)) as pilot:
        await app.go(app.index, app.scene.steps - 1)
        await pilot.pause()
        assert broken_formulas(app)


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
