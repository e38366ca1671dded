"""Lines break between words, never inside a formula: 'x = −1' stays on one line."""

from __future__ import annotations

import pytest
from rich.console import Console
from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import Static

from tests.conftest import screen_lines
from tui.line_breaks import OPERATORS, keep_formulas_whole

CONSOLE = Console(width=80)


@pytest.fixture(autouse=True)
def formulas_whole():
    keep_formulas_whole()  # as every gdtui app does when it starts


def lines(text: str, width: int) -> list[str]:
    return [line.plain.rstrip() for line in Text(text).wrap(CONSOLE, width)]


@pytest.mark.parametrize(("text", "width", "expected"), [
    # the descent's rule: Rich alone put "0,001" alone on the next line
    ("x ← x − 0,1⋅f'(x), solange |f'(x)| ≥ 0,001", 37,
     ["x ← x − 0,1⋅f'(x), solange", "|f'(x)| ≥ 0,001"]),
    # the question: Rich alone ended a line with "x" and began the next with "= −0,5"
    ("Die Kugel rollt von x = −0,5 mit Lernrate 0,1", 22,
     ["Die Kugel rollt von", "x = −0,5 mit Lernrate", "0,1"]),
    ("f''(x) = 4 > 0: ein Minimum", 16, ["f''(x) = 4 > 0:", "ein Minimum"]),
])
def test_a_formula_moves_to_the_next_line_whole(text, width, expected):
    assert lines(text, width) == expected


@pytest.mark.parametrize(("text", "width", "expected"), [
    ("Eingabe x = (0,59; 0,36; 0,06)", 26, ["Eingabe", "x = (0,59; 0,36; 0,06)"]),
    ("input x = (0.59, 0.36, 0.06)", 24, ["input", "x = (0.59, 0.36, 0.06)"]),
    ("der Punkt (1,00 | −1,00)", 15, ["der Punkt", "(1,00 | −1,00)"]),
    ("rates 0.02, 0.20 and 0.45", 12, ["rates", "0.02, 0.20", "and 0.45"]),
])
def test_a_tuple_or_a_point_moves_to_the_next_line_whole(text, width, expected):
    assert lines(text, width) == expected


def test_a_unary_minus_after_a_word_is_an_ordinary_break():
    assert lines("starts at −0,5 today", 10) == ["starts at", "−0,5 today"]


def test_a_formula_wider_than_the_line_breaks_at_its_spaces_not_inside_a_number():
    assert lines("so −∇f = −(6,00; −2,00) = (−6,00; 2,00): fastest", 20) == [
        "so −∇f =", "−(6,00; −2,00) =", "(−6,00; 2,00):", "fastest"]


def test_styles_stay_on_their_characters():
    text = Text("Halt, sobald |f'(x)| < 0,001 ist")
    text.stylize("bold", 13, 28)
    broken = text.wrap(CONSOLE, 19)
    assert [line.plain.rstrip() for line in broken] == ["Halt, sobald", "|f'(x)| < 0,001 ist"]
    assert [line.plain[span.start:span.end] for line in broken for span in line.spans] == ["|f'(x)| < 0,001"]


def test_every_operator_glues():
    for sign in OPERATORS:
        assert lines(f"aaaa b {sign} c", 6) == ["aaaa", f"b {sign} c"]


class ProseApp(App[None]):
    CSS = "Static { width: 22; }"

    def compose(self) -> ComposeResult:
        yield Static("Die Kugel rollt von x = −0,5 mit Lernrate 0,1")


async def test_a_static_breaks_the_same_way():
    """Textual's own wrapping (`Content`), as every Static of a scene uses it."""
    async with ProseApp().run_test(size=(30, 5)) as pilot:
        await pilot.pause()
        assert [line.rstrip() for line in screen_lines(pilot.app)[:3]] == [
            "Die Kugel rollt von", "x = −0,5 mit Lernrate", "0,1"]
