"""The light theme reads on a projector: text at least 4.5:1 against its background (WCAG 2)."""

from __future__ import annotations

import os

import pytest
from rich.style import Style
from textual.color import Color

import scenes
from tests.conftest import charts_drawn, make_app
from tui.notes import NotesApp
from tui.presenter import Place, place_dir, publish
from tui.themes import GRAPHICS_CONTRAST, LIGHT_ANSI, TEXT_CONTRAST, THEMES, contrast, legible

LIGHT = THEMES[1]
WHITE, BLACK = (255, 255, 255), (0, 0, 0)
#: Theme colours that widgets use for text (`color: $...`) in gdtui's CSS and Textual's widgets.
TEXT_VARIABLES = ("foreground", "text", "text-muted", "text-primary", "text-secondary", "text-accent",
                  "text-success", "text-warning", "text-error", "primary", "secondary", "accent",
                  "success", "warning", "error", "footer-foreground", "footer-key-foreground")
BACKGROUND_VARIABLES = ("background", "surface", "panel")


def test_the_contrast_formula_against_known_values():
    assert contrast(BLACK, WHITE) == pytest.approx(21.0)
    assert contrast(WHITE, WHITE) == pytest.approx(1.0)
    assert contrast((0x76, 0x76, 0x76), WHITE) == pytest.approx(4.54, abs=0.01)  # the lightest grey that passes
    assert contrast((0x77, 0x77, 0x77), WHITE) < TEXT_CONTRAST
    assert contrast((0xB2, 0xB2, 0xB2), WHITE) == pytest.approx(2.12, abs=0.01)  # the old panel titles


def resolved(value: str, background: Color) -> Color:
    """A theme variable's colour as drawn over `background` ("auto 60%" is Textual's contrast text)."""
    if value.startswith("auto"):
        alpha = float(value.split()[1].rstrip("%")) / 100 if " " in value else 1.0
        return background + background.get_contrast_text(alpha)
    return background + Color.parse(value)


@pytest.mark.parametrize("text", TEXT_VARIABLES)
def test_every_text_colour_of_the_light_theme_on_each_of_its_backgrounds(text):
    variables = LIGHT.to_color_system().generate()
    for ground in BACKGROUND_VARIABLES:
        background = Color.parse(variables[ground])
        colour = resolved(variables[text], background)
        ratio = contrast(colour.rgb, background.rgb)
        assert ratio >= TEXT_CONTRAST, f"${text} {colour.hex} on ${ground} {background.hex}: {ratio:.2f}"


@pytest.mark.parametrize("text", TEXT_VARIABLES)
def test_every_text_colour_of_the_dark_theme_on_each_of_its_backgrounds(text):
    """The dark theme too: the bars are $panel, where its first red read 4.4:1."""
    variables = THEMES[0].to_color_system().generate()
    for ground in BACKGROUND_VARIABLES:
        background = Color.parse(variables[ground])
        colour = resolved(variables[text], background)
        assert contrast(colour.rgb, background.rgb) >= TEXT_CONTRAST, f"${text} {colour.hex} on ${ground}"


@pytest.mark.parametrize("index", [i for i in range(16) if i not in (7, 15)])  # white: a background colour
def test_plot_colours_of_the_light_theme_on_its_surface(index):
    """Plots name ANSI colours; on the light theme Textual draws them from LIGHT_ANSI."""
    rgb = tuple(LIGHT_ANSI.ansi_colors[index])
    surface = Color.parse(LIGHT.surface).rgb
    assert contrast(rgb, surface) >= TEXT_CONTRAST, (index, rgb)


@pytest.mark.parametrize("ground", ["#0d1b5e", "#21618c", "#2a9d6e", "#7ccf4a", "#f7e436", "#ffffff"])
def test_a_faint_mark_darkens_or_lightens_on_any_ground(ground):
    style = legible(Style(color="#ff4040", bgcolor=ground))
    red, green, blue = style.color.get_truecolor()
    assert contrast((red, green, blue), style.bgcolor.get_truecolor()) >= TEXT_CONTRAST
    assert red > max(green, blue)  # still a red: darker or lighter, as the ground needs
    strong = Style(color="#000000", bgcolor="#ffffff")
    assert legible(strong) == strong


# -- every cell of every scene ------------------------------------------------------------------

#: Block elements fill areas (contour bands, bars, a progress bar); they are pictures, not text.
def is_fill(char: str) -> bool:
    return "\u2580" <= char <= "\u259f"


def is_line(char: str) -> bool:
    """Box drawing: borders and axes, graphics that need 3:1."""
    return "\u2500" <= char <= "\u257f"


def faint_cells(app) -> list[str]:
    """Every glyph on screen whose contrast with its own background is too low, or that has none."""
    found = []
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        for segment in strip:
            style = segment.style or Style()
            for char in set(segment.text) - {" "}:
                if is_fill(char):
                    continue
                if style.color is None or style.bgcolor is None:
                    found.append(f"row {y} {char!r}: no {'colour' if style.color is None else 'background'}")
                    continue
                text, ground = style.color.get_truecolor(), style.bgcolor.get_truecolor()
                if style.reverse:
                    text, ground = ground, text
                need = GRAPHICS_CONTRAST if is_line(char) else TEXT_CONTRAST
                if contrast(text, ground) < need:
                    found.append(f"row {y} {char!r} in {segment.text.strip()[:30]!r}: {text.hex} on {ground.hex}"
                                 f" {contrast(text, ground):.2f}")
    return found


@pytest.mark.slow
@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("scene_id", scenes.scene_ids())
async def test_every_step_of_every_scene_reads_on_the_light_theme(scene_id, size, monkeypatch):
    monkeypatch.setenv("COLORTERM", "truecolor")  # as a projector's laptop has it: maps in colour
    app = make_app(scene_id, theme="light", questions=False)
    async with app.run_test(size=size) as pilot:
        for step in range(app.scene.steps):
            await app.go(app.index, step)
            await pilot.press("s", "space")  # live scenes: something walked, trained, drawn
            await charts_drawn(pilot)
            assert faint_cells(app) == [], f"{scene_id} step {step + 1}"


async def test_the_speaker_notes_read_on_the_light_theme(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    tmp_path.chmod(0o700)
    publish(place_dir(), Place(os.getpid(), "hiking", 1, 3, "de", 1))
    app = NotesApp("en", theme="light")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Sagen" in str(app.query_one("#notes").content)
        assert faint_cells(app) == []
