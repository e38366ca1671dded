"""How a language writes numbers, tuples, points and counted nouns: the one place.

Every number on screen goes through `Numbers`, so all scenes agree: a true
minus sign "−" (ASCII "-" when the locale cannot show it, via `glyphs`), the
language's decimal mark, vectors and points that stay unambiguous with a
decimal comma ("(0,12; −0,34)" is a vector, "(0,12 | −0,34)" a point in German),
and a sum that reads "− 0.12", never "+ −0.12".

Catalog text picks a noun by count with a format spec: "{n} {n:step|steps}".
"""

from __future__ import annotations

import math
import string
from collections.abc import Iterable
from dataclasses import dataclass

from tui.glyphs import glyphs

MINUS = "−"
#: Whole numbers from this size on are written in groups of three digits.
GROUPED_FROM = 10_000


@dataclass(frozen=True)
class Numbers:
    """One language's way of writing numbers (its marks come from its catalog)."""

    decimal: str = "."
    separator: str = ", "  # between the components of a vector
    point_separator: str = ", "  # between the coordinates of a point
    group: str = " "  # between groups of three digits, which no language misreads as a decimal mark

    def num(self, value: float, digits: int = 2) -> str:
        """`value` with `digits` decimals: "−1.25" in English, "−1,25" in German; never "−0.00"."""
        text = f"{float(value):.{digits}f}"
        if text.startswith("-") and float(text) == 0.0:
            text = text[1:]
        return self.marks(text)

    def short(self, value: float, digits: int = 2) -> str:
        """Like `num`, without trailing zeros: "−1" rather than "−1.00", "0.5" rather than "0.50"."""
        text = self.num(value, digits)
        return text.rstrip("0").rstrip(self.decimal) if self.decimal in text else text

    def sci(self, value: float, digits: int = 1) -> str:
        """A power of ten for numbers too large for a column: "5.5e+11", "−1,2e−05"."""
        if not math.isfinite(value):
            return self.marks(str(value))
        return self.marks(f"{value:.{digits}e}")

    def whole(self, value: int) -> str:
        """A whole number, large ones grouped: "1 000 000", "−12"."""
        value = int(value)
        text = f"{value:,}".replace(",", self.group) if abs(value) >= GROUPED_FROM else str(value)
        return self.marks(text)

    def signed(self, value: float, digits: int = 2) -> str:
        """A term that follows another in a sum: "+ 0.12" or "− 0.12"."""
        text = self.num(abs(value), digits)
        negative = value < 0 and self.num(value, digits) != text
        return glyphs(f"{MINUS if negative else '+'} {text}")

    def factor(self, value: float, digits: int = 2) -> str:
        """A factor that follows a times sign: negative ones in parentheses, "⋅ (−0.12)"."""
        text = self.num(value, digits)
        return f"({text})" if value < 0 and text.startswith(glyphs(MINUS)) else text

    def vector(self, values: Iterable[float], digits: int = 2) -> str:
        """A vector's components in parentheses: "(0.12, −0.34)", German "(0,12; −0,34)"."""
        return "(" + self.separator.join(self.num(v, digits) for v in values) + ")"

    def point(self, x: float, y: float, digits: int = 2) -> str:
        """A point's coordinates: "(0.12, −0.34)", German "(0,12 | −0,34)"."""
        return f"({self.num(x, digits)}{self.point_separator}{self.num(y, digits)})"

    def marks(self, text: str) -> str:
        """Python's "-" and "." as this language writes them."""
        return glyphs(text.replace("-", MINUS).replace(".", self.decimal))


class CountFormatter(string.Formatter):
    """`str.format` plus counted words: "{n:one|other}" picks by n; a negative whole number gets "−"."""

    def __init__(self, numbers: Numbers) -> None:
        self.numbers = numbers

    def format_field(self, value: object, format_spec: str) -> str:
        if "|" in format_spec:
            one, other = format_spec.split("|", 1)
            return one if value == 1 else other
        if not format_spec and isinstance(value, int) and not isinstance(value, bool):
            return self.numbers.marks(str(value))
        return super().format_field(value, format_spec)
