"""Knobs: the state of a scene that a user may change, declared once for every use.

A scene lists its knobs in `Scene.knobs`: a name, a kind (which values it
takes, how they are written) and how to read and set it on the scene.
Presets, the command line (`--set NAME=VALUE`), the command that reproduces
a view (`c`) and later questions and experiments all go through these
declarations. A value is written one way everywhere (numbers with a decimal
point, whatever the language) and reads back as exactly the same value.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui.i18n import Catalog

_NUMBER = re.compile(r"-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")
_WHOLE = re.compile(r"-?\d+")


class KnobError(ValueError):
    """A refused name or value; `key` names its text in the catalog (`knobs.error.KEY`)."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key, values)
        self.key, self.values = key, values

    def message(self, catalog: Catalog) -> str:
        values = {name: value(catalog) if callable(value) else value for name, value in self.values.items()}
        return catalog(f"knobs.error.{self.key}", **values)


def number_text(value: float) -> str:
    """The shortest text that reads back as exactly `value`: 0.1, 2, 1e-05."""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


class Kind:
    """What values a knob takes and how they are written. Subclasses parse and format."""

    def parse(self, text: str) -> Any:
        """The value `text` stands for; raises ValueError when it stands for none."""
        raise NotImplementedError

    def format(self, value: Any) -> str:
        raise NotImplementedError

    def expects(self, catalog: Catalog) -> str:
        """What a good value looks like, for error messages."""
        raise NotImplementedError

    def from_toml(self, value: object) -> Any:
        """A value from a presets file: TOML numbers and booleans are read like their text."""
        if isinstance(value, bool):
            return self.parse("on" if value else "off")
        if isinstance(value, (int, float)):
            return self.parse(number_text(value))
        if isinstance(value, str):
            return self.parse(value)
        raise ValueError(value)


@dataclass(frozen=True)
class Number(Kind):
    """A number from `low` to `high`; `whole` numbers are ints."""

    low: float
    high: float
    whole: bool = False

    def parse(self, text: str) -> float | int:
        if not text.isascii() or not (_WHOLE if self.whole else _NUMBER).fullmatch(text):
            raise ValueError(text)
        value = int(text) if self.whole else float(text)
        if not (math.isfinite(value) and self.low <= value <= self.high):
            raise ValueError(text)
        return value

    def format(self, value: float) -> str:
        return str(int(value)) if self.whole else number_text(value)

    def expects(self, catalog: Catalog) -> str:
        key = "knobs.expect.whole" if self.whole else "knobs.expect.number"
        return catalog(key, low=self.format(self.low), high=self.format(self.high))


@dataclass(frozen=True)
class Percent(Number):
    """A fraction written as a percentage: 90 is 0.9."""

    def parse(self, text: str) -> float:
        return super().parse(text) / 100

    def format(self, value: float) -> str:
        return number_text(round(value * 100, 9))

    def expects(self, catalog: Catalog) -> str:
        return catalog("knobs.expect.number", low=number_text(self.low), high=number_text(self.high))


@dataclass(frozen=True)
class Choice(Kind):
    """One of a few words."""

    options: tuple[str, ...]

    def parse(self, text: str) -> str:
        if text not in self.options:
            raise ValueError(text)
        return text

    def format(self, value: str) -> str:
        return value

    def expects(self, catalog: Catalog) -> str:
        return catalog("knobs.expect.choice", choices=", ".join(self.options))


@dataclass(frozen=True)
class Notch(Kind):
    """One of a few numbers (the ones a scene's keys step through); `words` name some of them."""

    values: tuple[float, ...]
    words: tuple[tuple[float, str], ...] = ()

    def parse(self, text: str) -> float:
        named = {word: value for value, word in self.words}
        if text in named:
            return named[text]
        value = Number(-math.inf, math.inf).parse(text)
        if value not in self.values:
            raise ValueError(text)
        return next(v for v in self.values if v == value)

    def format(self, value: float) -> str:
        return dict(self.words).get(value) or number_text(value)

    def expects(self, catalog: Catalog) -> str:
        return catalog("knobs.expect.choice", choices=", ".join(self.format(v) for v in self.values))


class Switch(Kind):
    """On or off."""

    def parse(self, text: str) -> bool:
        if text not in ("on", "off"):
            raise ValueError(text)
        return text == "on"

    def format(self, value: bool) -> str:
        return "on" if value else "off"

    def expects(self, catalog: Catalog) -> str:
        return catalog("knobs.expect.switch")


@dataclass(frozen=True)
class Optional(Kind):
    """A value of `kind`, or the word `off` (None)."""

    kind: Kind
    off: str = "off"

    def parse(self, text: str) -> Any:
        return None if text == self.off else self.kind.parse(text)

    def format(self, value: Any) -> str:
        return self.off if value is None else self.kind.format(value)

    def expects(self, catalog: Catalog) -> str:
        return catalog("knobs.expect.optional", item=self.kind.expects(catalog), off=self.off)

    def from_toml(self, value: object) -> Any:
        return None if value is False else super().from_toml(value)


@dataclass(frozen=True)
class Pair(Kind):
    """Two values joined by `sep`, each of its own kind: a point x,y, or animal:length."""

    first: Kind
    second: Kind
    sep: str = ","

    def parse(self, text: str) -> tuple[Any, Any]:
        first, sep, second = text.partition(self.sep)
        if not sep:
            raise ValueError(text)
        return self.first.parse(first), self.second.parse(second)

    def format(self, value: tuple[Any, Any]) -> str:
        return f"{self.first.format(value[0])}{self.sep}{self.second.format(value[1])}"

    def expects(self, catalog: Catalog) -> str:
        return catalog("knobs.expect.pair", sep=self.sep, first=self.first.expects(catalog),
                       second=self.second.expects(catalog))

    def from_toml(self, value: object) -> tuple[Any, Any]:
        if isinstance(value, list):
            if len(value) != 2:
                raise ValueError(value)
            return self.first.from_toml(value[0]), self.second.from_toml(value[1])
        return super().from_toml(value)


@dataclass(frozen=True)
class Listing(Kind):
    """Values of `item` joined by `sep`: exactly `count` of them, or any number ("none" is empty)."""

    item: Kind
    sep: str
    count: int | None = None

    def parse(self, text: str) -> tuple[Any, ...]:
        if self.count is None and text == "none":
            return ()
        values = tuple(self.item.parse(part) for part in text.split(self.sep))
        if self.count is not None and len(values) != self.count:
            raise ValueError(text)
        return values

    def format(self, value: Sequence[Any]) -> str:
        if self.count is None and len(value) == 0:
            return "none"
        return self.sep.join(self.item.format(v) for v in value)

    def expects(self, catalog: Catalog) -> str:
        item = self.item.expects(catalog)
        if self.count is None:
            return catalog("knobs.expect.list", sep=self.sep, item=item)
        return catalog("knobs.expect.tuple", count=self.count, sep=self.sep, item=item)

    def from_toml(self, value: object) -> tuple[Any, ...]:
        if isinstance(value, list):
            values = tuple(self.item.from_toml(v) for v in value)
            if self.count is not None and len(values) != self.count:
                raise ValueError(value)
            return values
        return super().from_toml(value)


@dataclass(frozen=True)
class Knob:
    """One changeable part of a scene's state.

    `get` reads it from a scene: an attribute's name, or a function of the scene.
    `set` writes it, and whatever follows (restarting a walk): a method's name,
    an attribute's name, or a function of the scene and the value. `check`
    refuses values the kind alone allows (a split that does not add up to 100);
    `expects` then names the catalog text that says what a good value is.
    `fresh` is the value a fresh gdtui starts with, for a knob that follows a
    choice made in another scene (training learns from supervised's split):
    the scene may be built after that choice, yet a command line must spell it
    out. The catalog labels every knob as `knobs.label.SCENE.NAME`.
    """

    name: str
    kind: Kind
    get: str | Callable[[Any], Any]
    set: str | Callable[[Any, Any], None]
    check: Callable[[Any], bool] | None = None
    expects: str | None = None
    fresh: Any = None

    def value_of(self, scene: Any) -> Any:
        return getattr(scene, self.get) if isinstance(self.get, str) else self.get(scene)

    def put(self, scene: Any, value: Any) -> None:
        if not isinstance(self.set, str):
            self.set(scene, value)
        elif callable(method := getattr(scene, self.set)):
            method(value)
        else:
            setattr(scene, self.set, value)

    def parse(self, text: str) -> Any:
        return self._checked(text, lambda: self.kind.parse(text))

    def from_toml(self, value: object) -> Any:
        return self._checked(value, lambda: self.kind.from_toml(value))

    def _checked(self, raw: object, read: Callable[[], Any]) -> Any:
        try:
            value = read()
            if self.check is not None and not self.check(value):
                raise ValueError(raw)
        except ValueError:
            shown = raw if isinstance(raw, str) else str(raw).lower() if isinstance(raw, bool) else repr(raw)
            raise KnobError("value", text=shown, name=self.name, expects=self.describe_values) from None
        return value

    def describe_values(self, catalog: Catalog) -> str:
        return catalog(self.expects) if self.expects else self.kind.expects(catalog)

    def format(self, value: Any) -> str:
        return self.kind.format(value)


def knob_named(scene_id: str, knobs: Sequence[Knob], name: str) -> Knob:
    """The knob called `name`, or a KnobError listing the ones there are."""
    for knob in knobs:
        if knob.name == name:
            return knob
    if not knobs:
        raise KnobError("no_knobs", scene=scene_id)
    raise KnobError("unknown", scene=scene_id, name=name, names=", ".join(k.name for k in knobs))


def parse_assignment(scene_id: str, knobs: Sequence[Knob], text: str) -> tuple[str, Any]:
    """NAME=VALUE, as `--set` takes it, read into (name, value)."""
    name, equals, value = text.partition("=")
    if not equals or not name:
        raise KnobError("assignment", text=text)
    return name, knob_named(scene_id, knobs, name).parse(value)


def read(scene: Any) -> dict[str, str]:
    """Every knob of `scene` as its text, in declaration order."""
    return {knob.name: knob.format(knob.value_of(scene)) for knob in scene.knobs}


def fresh(scene: Any) -> dict[str, str]:
    """Every knob of `scene` as a fresh gdtui starts it: `read`, except where a knob says otherwise."""
    return {**read(scene), **{knob.name: knob.format(knob.fresh) for knob in scene.knobs if knob.fresh is not None}}


def apply(scene: Any, values: Mapping[str, Any]) -> None:
    """Set `values` on `scene`, then set every other knob to what it is.

    Knobs are set in declaration order, and every one of them, so a knob that
    replays work (the steps a walk has taken) comes last and replays it under
    the new values.
    """
    for knob in scene.knobs:
        knob.put(scene, values[knob.name] if knob.name in values else knob.value_of(scene))


def changed(baseline: Mapping[str, str], now: Mapping[str, str]) -> list[tuple[str, str]]:
    """(name, text) of the knobs whose text differs from `baseline`, in order."""
    return [(name, text) for name, text in now.items() if baseline.get(name) != text]
