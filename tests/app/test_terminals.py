"""Every scene, every step, in the terminals a lab has: ASCII-only locales and NO_COLOR."""

from __future__ import annotations

import pytest

import scenes
from tests.conftest import make_app, screen_lines
from tui.filters import AsciiFilter, SafeMonochrome, ascii_cell
from tui.glyphs import glyphs, locale_supports_unicode


async def visit_every_step(app, size=(80, 24)):
    """Walk the whole scene forward, yielding the screen text at each step."""
    async with app.run_test(size=size) as pilot:
        for _ in range(app.scene.steps):
            await pilot.pause()
            yield screen_lines(app)
            await pilot.press("right")


@pytest.mark.slow
@pytest.mark.parametrize("scene_id", scenes.scene_ids())
async def test_ascii_locale_sends_only_ascii(scene_id, monkeypatch):
    monkeypatch.setattr(glyphs, "unicode", False)
    app = make_app(scene_id, "de")
    assert any(isinstance(f, AsciiFilter) for f in app.get_line_filters())
    async for lines in visit_every_step(app):
        offending = [line for line in lines if not line.isascii()]
        assert offending == []


@pytest.mark.slow
@pytest.mark.parametrize("scene_id", scenes.scene_ids())
async def test_no_color_draws_every_step(scene_id, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(scene_id)
    assert any(isinstance(f, SafeMonochrome) for f in app.get_line_filters())
    async for lines in visit_every_step(app):
        assert any(line.strip() for line in lines[1:-1])


@pytest.mark.parametrize(("char", "ascii"), [("│", "|"), ("─", "-"), ("╭", "+"), ("┼", "+"),
                                             ("▀", '"'), ("█", "#"), ("→", ">"), ("ä", "a"),
                                             ("⣿", ":"), ("▲", "^"), ("✓", "v"), ("字", "?")])
def test_ascii_cell_keeps_one_cell(char, ascii):
    assert ascii_cell(char) == ascii


def test_safe_monochrome_tolerates_unstyled_segments():
    from rich.segment import Segment
    from rich.style import Style
    from textual.color import Color

    out = SafeMonochrome().apply([Segment("a"), Segment("b", Style(color="red"))], Color(0, 0, 0))
    assert [s.text for s in out] == ["a", "b"] and out[0].style is None


@pytest.mark.parametrize(
    ("environ", "unicode"),
    [
        ({}, True),
        ({"LANG": "de_DE.UTF-8"}, True),
        ({"LANG": "C"}, False),
        ({"LANG": "C", "LC_CTYPE": "C.UTF-8"}, False),  # Python's own coercion of LANG=C
        ({"LC_CTYPE": "C.UTF-8"}, True),
        ({"LC_ALL": "C"}, False),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "C"}, True),
        ({"LC_ALL": "C", "LC_CTYPE": "C.UTF-8"}, False),
        ({"LANG": "de_DE.ISO-8859-1"}, False),
    ],
)
def test_unicode_follows_the_terminal_locale_not_pythons_coercion(environ, unicode):
    assert locale_supports_unicode(environ) is unicode


@pytest.mark.parametrize(("scene_id", "lang", "no_color", "words"), [
    ("hiking", "de", True, "lichte Zeichen tief"), ("hiking", "de", False, "dunkelblau tief"),
    ("hiking", "en", True, "sparse characters low"),
    ("sgd", "de", True, "lichte Zeichen niedrig"), ("sgd", "de", False, "dunkel niedrig"),
    ("sgd", "en", True, "sparse characters low"),
])
async def test_a_map_is_described_in_the_shades_it_is_drawn_in(monkeypatch, scene_id, lang, no_color, words):
    """With NO_COLOR a contour map is drawn in characters, sparse ones low: its text must not
    promise colours or 'dark low'."""
    monkeypatch.setenv("COLORTERM", "truecolor")  # as a lab terminal has it
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(scene_id, lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = " ".join(str(widget.render()) for widget in app.scene.query("#narration, #story"))
        assert words in " ".join(text.split())


async def test_text_built_in_code_falls_back_to_ascii_words_not_question_marks(monkeypatch):
    """Learning-rate's panel titles and table headings are made in code: 'eta = 0.02', not '? = 0.02'."""
    monkeypatch.setattr(glyphs, "unicode", False)
    app = make_app("learning-rate", "en", questions=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right")
        titles = "\n".join(screen_lines(app))
        await pilot.press("right")
        heading = "\n".join(screen_lines(app))
        assert "eta = 0.02 - k = 0" in titles and "eta = 0.10 - q = 1 - 4eta" in heading
        assert "? =" not in titles + heading


async def test_the_gradient_grid_falls_back_to_dots_not_minus_signs(monkeypatch):
    """Between the values of f, a node's middle dot would fall back to '-' and read '8 - -1 - -4'."""
    monkeypatch.setattr(glyphs, "unicode", False)
    app = make_app("gradient", "en", questions=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right")
        row = next(line for line in screen_lines(app) if line.split()[:2] == ["2", "8"])  # f's values at y = 2
        assert row.split()[1:] == ["8", ".", "-1", ".", "-4", ".", "-1", ".", "8"]
