"""The stopping rules as the training scene lets students change them.

Each rule is one field of the engine's `StoppingRules`. The arrows move it
through a few sensible notches; a typed value is read the way people write
it (a decimal comma or point, "90 %" or "90"), and 0 turns an optional rule
off. A typed value must lie in the rule's range, one a lesson can use (a
run of 1e300 epochs teaches nothing, and its digits would push the panel
apart); it keeps three significant digits, so the panel shows exactly the
value that counts. The engine has the last word: a value it refuses is not
taken.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

from engine import StoppingRules


@dataclass(frozen=True)
class Rule:
    """One editable field of `StoppingRules`: the notches left/right move through
    (None is "off"), the range a typed value must lie in (in the unit typed: percent
    for a percent rule), and how it is read (whole numbers, percent)."""

    field: str
    notches: tuple[float | None, ...]
    low: float
    high: float
    whole: bool = False
    percent: bool = False

    def parse(self, text: str) -> float | int | None:
        """The value a typed text means; 0 turns an optional rule off. Raises ValueError."""
        number = float(text.strip().rstrip("%").strip().replace(",", "."))
        if number == 0 and None in self.notches:
            return None
        if not self.low <= number <= self.high:  # also refuses nan and inf
            raise ValueError(text)
        if self.whole:
            if not number.is_integer():
                raise ValueError(text)
            return int(number)
        number = float(f"{number:.3g}")
        return number / 100 if self.percent else number

    def nudge(self, value: float | None, direction: int) -> float | None:
        """The next notch above (direction 1) or below (-1) `value`, or `value` at the end."""
        rank = (lambda v: -math.inf if v is None else v)
        if direction > 0:
            return next((n for n in self.notches if rank(n) > rank(value)), value)
        return next((n for n in reversed(self.notches) if rank(n) < rank(value)), value)

    def nudged(self, rules: StoppingRules, direction: int) -> StoppingRules:
        """`rules` with this rule moved one notch."""
        return replace(rules, **{self.field: self.nudge(getattr(rules, self.field), direction)})

    def typed(self, rules: StoppingRules, text: str) -> StoppingRules | None:
        """`rules` with `text` typed into this rule, or None when the text or the engine refuses it."""
        try:
            return replace(rules, **{self.field: self.parse(text)})
        except ValueError:
            return None

    def describe(self, rules: StoppingRules, num: Callable[[float, int], str], off: str,
                 epochs: Callable[[int], str] = str) -> str:
        """This rule's value in `rules` as the panel shows it, numbers written by `num`, a count of
        epochs (every whole-number rule counts epochs) by `epochs`."""
        value = getattr(rules, self.field)
        if value is None:
            return off
        if self.percent:
            return f"{compact(100 * value, num)} %"
        if self.whole:
            return epochs(value)
        return compact(value, num)

    def bounds(self, num: Callable[[float, int], str]) -> dict[str, str]:
        """The range as the hint and the refusal name it: `low` and `high`."""
        return {"low": compact(self.low, num), "high": compact(self.high, num)}


def shortened(text: str, most: int = 12) -> str:
    """A typed text as a message quotes it: at most `most` characters, then "…"."""
    text = " ".join(text.split())
    return text if len(text) <= most else text[:most - 1] + "…"


def compact(value: float, num: Callable[[float, int], str]) -> str:
    """`value` to three significant digits, written by `num`, without trailing zeros."""
    if value == 0:
        return num(0, 0)
    shown = f"{value:.{max(0, 2 - math.floor(math.log10(abs(value))))}f}".rstrip("0")
    return num(value, len(shown.partition(".")[2]))


RULES = (
    Rule("max_epochs", (10, 20, 50, 100, 150, 200, 500), 1, 1000, whole=True),
    Rule("plateau_epsilon", (None, 1e-5, 1e-4, 1e-3, 1e-2), 1e-6, 0.1),
    Rule("plateau_patience", (1, 2, 3, 5, 8, 10, 15, 20), 1, 100, whole=True),
    Rule("target_accuracy", (None, 0.8, 0.85, 0.9, 0.95, 0.98, 1.0), 1, 100, percent=True),
    Rule("early_stopping_patience", (None, 5, 10, 15, 20, 30, 50), 1, 100, whole=True),
)
