"""The lecturer's command-line options: presets, a step, settings and where exports go.

Everything is checked before the app starts, so nothing starts half-configured;
the first problem is one line in the chosen language (`SetupError`).
"""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING

import scenes
from tui.knobs import KnobError, parse_assignment
from tui.presets import Preset, PresetError, load

if TYPE_CHECKING:
    from tui.i18n import Catalog
    from tui.settings import Settings


class SetupError(Exception):
    """A lecturer's option that cannot be used; the message is the one line the user sees."""


def add_arguments(parser: argparse.ArgumentParser, t: Catalog) -> None:
    group = parser.add_argument_group(t("lecturer.cli.options"))
    group.add_argument("--step", metavar="N", help=t("lecturer.cli.step"))
    group.add_argument("--set", metavar=t("lecturer.cli.metavar.set"), action="append", default=[],
                       help=t("lecturer.cli.set"))
    group.add_argument("--preset", metavar=t("lecturer.cli.metavar.name"), help=t("lecturer.cli.preset"))
    group.add_argument("--presets", metavar=t("lecturer.cli.metavar.file"), help=t("lecturer.cli.presets"))
    group.add_argument("--list-presets", action="store_true", help=t("lecturer.cli.list_presets"))
    group.add_argument("--notes", action="store_true", help=t("lecturer.cli.notes"))
    group.add_argument("--export-dir", metavar=t("lecturer.cli.metavar.dir"), help=t("lecturer.cli.export_dir"))


def apply_arguments(args: argparse.Namespace, settings: Settings, catalog: Catalog) -> None:
    """Fill `settings` from the lecturer's options. Raises SetupError."""
    try:
        if args.preset or args.presets or args.list_presets:
            settings.presets = load(args.presets, catalog)
        if args.preset:
            _start_from(_preset(args.preset, settings.presets, catalog), args, settings, catalog)
        scene_id = scenes.scene_ids()[settings.start_scene]
        if args.step is not None or args.set:
            scene = scenes.load_scene(scene_id)
            if args.step is not None:
                settings.start_step = _step(args.step, scene_id, scene.steps, catalog)
            settings.knob_values = dict(parse_assignment(scene_id, scene.knobs, text) for text in args.set)
    except KnobError as error:
        raise SetupError(error.message(catalog)) from None
    except PresetError as error:
        raise SetupError(str(error)) from None
    if args.export_dir is not None:
        if not os.path.isdir(args.export_dir):
            raise SetupError(catalog("lecturer.error.export_dir", directory=args.export_dir))
        settings.export_dir = args.export_dir


def _preset(name: str, presets: dict[str, Preset], catalog: Catalog) -> Preset:
    if name not in presets:
        raise SetupError(catalog("presets.error.unknown", name=name, names=", ".join(presets)))
    return presets[name]


def _start_from(preset: Preset, args: argparse.Namespace, settings: Settings, catalog: Catalog) -> None:
    """The preset's scene, step and seed, unless the command line says otherwise."""
    ids = scenes.scene_ids()
    if args.scene is not None and ids[settings.start_scene] != preset.scene:
        raise SetupError(catalog("presets.error.other_scene", name=preset.name, preset_scene=preset.scene,
                                 scene=ids[settings.start_scene]))
    settings.start_scene = ids.index(preset.scene)
    settings.start_step = preset.step - 1
    settings.preset = preset.name
    if args.seed is None and preset.seed is not None:
        settings.seed = preset.seed


def _step(text: str, scene_id: str, steps: int, catalog: Catalog) -> int:
    if not (text.isascii() and text.isdigit() and 1 <= int(text) <= steps):
        raise SetupError(catalog("lecturer.error.step", text=text, scene=scene_id, steps=steps))
    return int(text) - 1


def list_presets(presets: dict[str, Preset], catalog: Catalog) -> str:
    """One line per preset: name, scene and its description in the catalog's language."""
    return "\n".join(f"{p.name:<16} {p.scene:<14} {p.describe(catalog)}" for p in presets.values())
