"""Presets: named, prepared states of a scene: its step, the seed and its knobs' values.

The built-in presets are `tui/presets.toml`, their descriptions in the
catalogs (`presets.description.NAME`). A lecturer adds their own with
`--presets FILE` in the same TOML schema (see the README), each with its own
description. A file is read whole and checked against the scenes before
anything starts: its first problem is one line naming the file and the line.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import scenes
from tui import toml
from tui.i18n import LANGUAGES, Catalog
from tui.knobs import KnobError, knob_named

KEYS = ("scene", "description", "step", "seed", "set")
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,39}")
_AT_LINE = re.compile(r"\s*\(at line (\d+), column \d+\)")
_HEADER = re.compile(r"\s*\[\[?\s*([^\[\]]*?)\s*\]\]?\s*(#.*)?$")
_PART = r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'"""
_KEY = re.compile(rf"\s*((?:{_PART})(?:\s*\.\s*(?:{_PART}))*)\s*=")


@dataclass(frozen=True)
class Preset:
    """A prepared state of `scene`. `description` is literal text from a file (one line, or
    one per language); None means a built-in one, whose text is in the catalogs."""

    name: str
    scene: str
    step: int = 1  # as the footer counts, from 1
    seed: int | None = None
    values: Mapping[str, Any] = field(default_factory=dict)
    description: str | Mapping[str, str] | None = None
    source: str | None = None  # the file it came from; None for a built-in preset

    @property
    def builtin(self) -> bool:
        return self.source is None

    def describe(self, catalog: Catalog) -> str:
        """The one-line description in the catalog's language (file text is shown as it is).

        A built-in description names the preset's own numbers, so they cannot disagree.
        """
        if self.description is None:
            numbers = {name.replace("-", "_"): catalog.numbers.short(value, 6)
                       for name, value in self.values.items() if isinstance(value, (int, float))}
            return catalog(f"presets.description.{self.name}", **numbers)
        if isinstance(self.description, str):
            return self.description
        return self.description.get(catalog.lang) or next(iter(self.description.values()))


class PresetError(Exception):
    """A presets file that cannot be used; the message is the one line the user sees."""


def line_of(text: str, path: tuple[str, ...]) -> int:
    """The line (from 1) of `text` that defines the table or key `path`, else its nearest parent."""
    best, best_depth, table = 1, 0, ()
    for number, line in enumerate(text.splitlines(), start=1):
        if header := _HEADER.fullmatch(line):
            defined = table = _parts(header.group(1))
        elif key := _KEY.match(line):
            defined = table + _parts(key.group(1))
        else:
            continue
        if defined == path:
            return number
        if defined == path[:len(defined)] and len(defined) > best_depth:
            best, best_depth = number, len(defined)
    return best


def _parts(dotted: str) -> tuple[str, ...]:
    return tuple(part.strip("\"'") for part in re.findall(_PART, dotted))


def parse(text: str, source: str, catalog: Catalog, taken: Collection[str] = (),
          builtin: bool = False) -> dict[str, Preset]:
    """The presets in `text`, read from `source`; names in `taken` are refused. Raises PresetError.

    Built-in presets have no description of their own: theirs is in the catalogs.
    """

    def fail(path: tuple[str, ...], problem: str, line: int | None = None) -> PresetError:
        line = line or line_of(text, path)
        return PresetError(catalog("presets.error.at", file=source, line=line, problem=problem))

    try:
        data = toml.loads(text)
    except toml.TOMLDecodeError as error:
        message = str(error)
        at = _AT_LINE.search(message)
        line = int(at.group(1)) if at else max(1, len(text.splitlines()))
        return_problem = _AT_LINE.sub("", message).replace("at end of document", "").strip()
        raise fail((), return_problem, line) from None
    presets = {}
    for name, table in data.items():
        if not isinstance(table, dict):
            raise fail((name,), catalog("presets.problem.not_table", name=name))
        if not _NAME.fullmatch(name):
            raise fail((name,), catalog("presets.problem.name", name=name))
        if name in taken:
            raise fail((name,), catalog("presets.problem.taken", name=name))
        presets[name] = _preset(name, table, None if builtin else source, catalog, fail)
    return presets


def _preset(name: str, table: dict[str, Any], source: str | None, catalog: Catalog, fail: Any) -> Preset:
    for key in table:
        if key not in KEYS:
            raise fail((name, key), catalog("presets.problem.key", field=key, keys=", ".join(KEYS)))
    ids = scenes.scene_ids()
    scene_id = table.get("scene")
    if scene_id is None:
        raise fail((name,), catalog("presets.problem.no_scene", name=name))
    if scene_id not in ids:
        raise fail((name, "scene"), catalog("presets.problem.scene", scene=scene_id, ids=", ".join(ids)))
    scene = scenes.load_scene(scene_id)
    step = table.get("step", 1)
    if not _whole(step) or not 1 <= step <= scene.steps:
        raise fail((name, "step"), catalog("presets.problem.step", scene=scene_id, steps=scene.steps))
    seed = table.get("seed")
    if seed is not None and not (_whole(seed) and seed >= 0):
        raise fail((name, "seed"), catalog("presets.problem.seed"))
    settings = table.get("set", {})
    if not isinstance(settings, dict):
        raise fail((name, "set"), catalog("presets.problem.set", name=name))
    values = {}
    for key, value in settings.items():
        try:
            values[key] = knob_named(scene_id, scene.knobs, key).from_toml(value)
        except KnobError as error:
            raise fail((name, "set", key), error.message(catalog)) from None
    description = table.get("description", "" if source else None)
    if not _description_ok(description):
        raise fail((name, "description"), catalog("presets.problem.description"))
    return Preset(name, scene_id, step, seed, values, description, source)


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _description_ok(description: object) -> bool:
    """One line of printable text, or a table of such lines by language."""
    if description is None or isinstance(description, str):
        return description is None or all(unicodedata.category(c)[0] != "C" for c in description)
    return (isinstance(description, dict) and bool(description) and set(description) <= set(LANGUAGES)
            and all(isinstance(text, str) and _description_ok(text) for text in description.values()))


def builtin(catalog: Catalog) -> dict[str, Preset]:
    """The presets that come with gdtui."""
    text = (resources.files("tui") / "presets.toml").read_text("utf-8")
    return parse(text, "presets.toml", catalog, builtin=True)


def load(path: str | None, catalog: Catalog) -> dict[str, Preset]:
    """The built-in presets, and those of the file at `path` if given. Raises PresetError."""
    presets = builtin(catalog)
    if path is None:
        return presets
    try:
        with open(path, encoding="utf-8") as file:
            text = file.read()
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise PresetError(catalog("presets.error.unreadable", file=path, reason=reason)) from None
    return presets | parse(text, path, catalog, taken=presets)


def of_scene(presets: Mapping[str, Preset], scene_id: str) -> list[Preset]:
    return [preset for preset in presets.values() if preset.scene == scene_id]
