"""Bindings as the footer and the help screen show them, so neither can drift from what is bound.

A binding's description is a catalog key: `X.keys.NAME` is its line in the
help, `X.footer.NAME` its short label in the footer. Bindings that share a
description are one key group (0 to 9, + and -): one help row that lists all
their keys, one footer hint. Whether a group is shown in the footer is the
first binding's `show`; its footer key is that binding's `key_display`, else
its first key. Whether it acts now is the owner's `check_action`, the same
question Textual asks before it runs the key, so the footer cannot
advertise a key that does nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual.actions import parse
from textual.binding import Binding
from textual.dom import DOMNode

from tui.glyphs import glyphs
from tui.i18n import Catalog

NAMES = {
    "right": "→", "left": "←", "up": "↑", "down": "↓", "tab": "Tab", "enter": "Enter", "escape": "Esc",
    "question_mark": "?", "left_square_bracket": "[", "right_square_bracket": "]",
    "plus": "+", "minus": "-", "full_stop": ".", "comma": ",", "less_than_sign": "<", "greater_than_sign": ">",
}


def key_label(key: str, catalog: Catalog) -> str:
    """A key as people read it in this language: "→", "Ctrl+C" (German "Strg+C"), "Bild↓", "Leertaste"
    (`app.keyname.*` names the keys whose names differ between languages)."""
    *modifiers, name = key.split("+") if key != "plus" else ["plus"]
    if catalog.has(f"app.keyname.{name}"):
        label = catalog(f"app.keyname.{name}")
    else:
        label = glyphs(NAMES.get(name, name.upper() if modifiers else name))
    return "+".join([*(catalog(f"app.keyname.{m}") if catalog.has(f"app.keyname.{m}") else m.capitalize()
                       for m in modifiers), label])


@dataclass(frozen=True)
class KeyGroup:
    """The bindings of one description, and the node whose actions they run."""

    owner: DOMNode
    bindings: tuple[Binding, ...]

    @property
    def description(self) -> str:
        return self.bindings[0].description

    @property
    def keys(self) -> list[str]:
        return [key.strip() for binding in self.bindings for key in binding.key.split(",")]

    def acts(self) -> bool:
        """Whether the owner would run this group's first action now."""
        return self._acts(self.bindings[0])

    def _acts(self, binding: Binding) -> bool:
        _, name, parameters = parse(binding.action)
        return bool(self.owner.check_action(name, parameters))

    def help_keys(self, catalog: Catalog) -> str:
        """Every key of the group, a run of digits written as 0…9."""
        return " ".join(digit_run([key_label(key, catalog) for key in self.keys]))

    def footer_key(self, catalog: Catalog) -> str:
        """The first binding's `key_display`, else its first key; digits that act now as a run (1…3)."""
        first = self.bindings[0]
        if first.key_display:
            return glyphs(first.key_display)
        acting = [key for binding in self.bindings if self._acts(binding) for key in binding.key.split(",")]
        return digit_run([key_label(key, catalog) for key in acting or self.keys])[0]

    def help_text(self, catalog: Catalog) -> str:
        return catalog(self.description)

    def footer_text(self, catalog: Catalog) -> str:
        """The short label; an owner with `footer_description` may name what the key does now."""
        now = getattr(self.owner, "footer_description", None)
        description = now(self.description) if now is not None else self.description
        return catalog(description.replace(".keys.", ".footer.", 1))


def digit_run(labels: list[str]) -> list[str]:
    """`labels` with a run of two or more single digits (1 2 3) written as one label (1…3)."""
    digits = [label for label in labels if len(label) == 1 and label.isdigit()]
    if len(digits) < 2 or "".join(digits) not in "0123456789":
        return labels
    return [glyphs(f"{digits[0]}…{digits[-1]}") if label == digits[0] else label
            for label in labels if label not in digits[1:]]


def key_groups(owner: DOMNode, bindings: Iterable[Binding]) -> list[KeyGroup]:
    """`bindings` with a description, grouped by it, in the order each description first appears."""
    grouped: dict[str, list[Binding]] = {}
    for binding in bindings:
        if binding.description:
            grouped.setdefault(binding.description, []).append(binding)
    return [KeyGroup(owner, tuple(group)) for group in grouped.values()]
