"""Where a line of text may break: between words, never inside a formula.

Rich and Textual break a line at any space, so "x = −1" could end one line
with "x" and start the next with "= −1", and "|f′(x)| ≥ 0.001" could lose its
bound to the next line. `keep_formulas_whole` makes a space beside a
relation or operator sign, or between the numbers of a tuple or a point,
hold its neighbours together, as a typesetter's non-breaking space would,
wherever text is wrapped: Rich's `Text.wrap` (tables, live text) and
Textual's `Content.wrap` (every `Static`) both ask `rich._wrap.divide_line`
where to break, and now ask it about a copy of the line in which those
spaces are not spaces. A formula wider than the line lets go of them again,
the signs' first, rather than be cut inside a number.
"""

from __future__ import annotations

import re

import rich.text
import textual.content
from rich._wrap import divide_line
from rich.cells import cell_len

OPERATORS = "=≠≈≤≥<>←→⇔+−·⋅×"
_NUMBER = r"[−+-]?\d"
_BESIDE_SIGNS = rf"(?<=[{OPERATORS}]) | (?=[{OPERATORS}](?: |$))"  # x = −1, |f′(x)| ≥ 0.001
_IN_TUPLES = "|".join((
    rf"(?<=\d[;,]) (?={_NUMBER})",  # a tuple's components: (0,59; 0,36; 0,06)
    rf"(?<=\d) (?=\| {_NUMBER})|(?<=\d \|) (?={_NUMBER})",  # a point: (1,00 | −1,00)
))
#: Spaces held together, tightest first: a formula wider than the line lets go of its signs'
#: spaces, then of its tuples' ones, rather than be cut inside a number.
_HELD = (re.compile(f"{_BESIDE_SIGNS}|{_IN_TUPLES}"), re.compile(_IN_TUPLES))
_HOLD = "\ue000"  # one cell wide and not a space: no break here, and the offsets stay the same


def held_together(text: str, width: int, level: int = 0) -> str:
    """`text` with the spaces that must not break replaced by `_HOLD`, as far as the units fit."""
    if level == len(_HELD):
        return text
    held = _HELD[level].sub(_HOLD, text)
    pieces = list(held)
    for unit in re.finditer(r"\S+", held):
        if cell_len(unit.group()) > width:
            pieces[unit.start():unit.end()] = held_together(text[unit.start():unit.end()], width, level + 1)
    return "".join(pieces)


def divide_keeping_formulas(text: str, width: int, fold: bool = True) -> list[int]:
    """Where `divide_line` would break `text`, except at a space that holds a formula together."""
    return divide_line(held_together(text, width), width, fold)


def keep_formulas_whole() -> None:
    """From now on no wrapped line ends or starts inside a formula (idempotent)."""
    rich.text.divide_line = divide_keeping_formulas  # type: ignore[attr-defined]
    textual.content.divide_line = divide_keeping_formulas  # type: ignore[attr-defined]
