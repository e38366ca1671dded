"""Where a line of text may break: between words, never inside a formula.

Rich and Textual break a line at any space, so "x = −1" could end one line
with "x" and start the next with "= −1", and "|f′(x)| ≥ 0.001" could lose its
bound to the next line. `keep_formulas_whole` makes a space beside a
relation or operator sign, or between the numbers of a tuple or a point,
hold its neighbours together, as a typesetter's non-breaking space would, wherever text is wrapped: Rich's `Text.wrap`
(tables, live text) and Textual's `Content.wrap` (every `Static`) both ask
`rich._wrap.divide_line` where to break, and now ask it about a copy of the
line in which those spaces are not spaces. A formula longer than the line
is still folded, as any long word is.
"""

from __future__ import annotations

import re

import rich.text
import textual.content
from rich._wrap import divide_line

OPERATORS = "=≠≈≤≥<>←→⇔+−·⋅×"
_NUMBER = r"[−+-]?\d"
_GLUED = re.compile("|".join((
    rf"(?<=[{OPERATORS}]) | (?=[{OPERATORS}](?: |$))",  # x = −1, |f′(x)| ≥ 0.001
    rf"(?<=\d[;,]) (?={_NUMBER})",  # a tuple's components: (0,59; 0,36; 0,06)
    rf"(?<=\d) (?=\| {_NUMBER})|(?<=\d \|) (?={_NUMBER})",  # a point: (1,00 | −1,00)
)))
_HOLD = "\ue000"  # one cell wide and not a space: no break here, and the offsets stay the same


def divide_keeping_formulas(text: str, width: int, fold: bool = True) -> list[int]:
    """Where `divide_line` would break `text`, except at a space beside an operator sign."""
    return divide_line(_GLUED.sub(_HOLD, text), width, fold)


def keep_formulas_whole() -> None:
    """From now on no wrapped line ends or starts inside a formula (idempotent)."""
    rich.text.divide_line = divide_keeping_formulas  # type: ignore[attr-defined]
    textual.content.divide_line = divide_keeping_formulas  # type: ignore[attr-defined]
