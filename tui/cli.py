"""The `gdtui` command line: options, one-line errors, then the app."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import scenes
from tui import __version__, serve
from tui.i18n import LANGUAGES, Catalog, detect_language
from tui.settings import Settings


class UsageError(Exception):
    """Bad input on the command line; the message is the one line the user sees."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would print usage + message
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="gdtui",
        description="Learn how neural networks are trained: loss, gradients, gradient descent, "
        "SGD and a live training run, in the terminal.",
    )
    parser.add_argument("--scene", metavar="ID|NUMBER", help="start at this scene (id or number)")
    parser.add_argument("--lang", metavar="en|de", help="language (default: from the locale, else en)")
    parser.add_argument("--seed", metavar="N", help="random seed for data, starts and training (default 0)")
    parser.add_argument("--theme", metavar="dark|light", default="dark",
                        help="colour theme; light is high-contrast for projectors")
    parser.add_argument("--no-animation", action="store_true",
                        help="no animation: live scenes jump to each result")
    parser.add_argument("--list-scenes", action="store_true", help="print the scenes and exit")
    parser.add_argument("--version", action="version", version=f"gdtui {__version__}")
    serve.add_arguments(parser)
    return parser


def is_whole_number(text: str) -> bool:
    """ASCII digits only: str.isdigit() also accepts "²", which int() refuses."""
    return text.isascii() and text.isdigit()


def resolve_scene(value: str, ids: Sequence[str]) -> int:
    """The index of a scene given by id or 1-based number."""
    if value in ids:
        return ids.index(value)
    if is_whole_number(value) and 1 <= int(value) <= len(ids):
        return int(value) - 1
    raise UsageError(f"unknown scene {value!r}; choose an id ({', '.join(ids)}) or a number 1-{len(ids)}")


def parse_settings(argv: Sequence[str] | None = None) -> tuple[Settings, bool]:
    """Settings from the command line, and whether to only list the scenes."""
    args = build_parser().parse_args(argv)
    lang = args.lang if args.lang is not None else detect_language()
    if lang not in LANGUAGES:
        raise UsageError(f"unknown language {lang!r}; choose one of: {', '.join(LANGUAGES)}")
    if args.seed is not None and not is_whole_number(args.seed):
        raise UsageError(f"bad seed {args.seed!r}; give a whole number >= 0")
    if args.theme not in ("dark", "light"):
        raise UsageError(f"unknown theme {args.theme!r}; choose one of: dark, light")
    ids = scenes.scene_ids()
    start = resolve_scene(args.scene, ids) if args.scene is not None else 0
    settings = Settings(lang=lang, seed=int(args.seed or 0), animate=not args.no_animation,
                        start_scene=start, theme=args.theme)
    return settings, args.list_scenes


def list_scenes(lang: str) -> str:
    catalog = Catalog(lang)
    return "\n".join(f"{i:>2}  {sid:<14} {catalog(f'{sid}.title')}"
                     for i, sid in enumerate(scenes.scene_ids(), start=1))


def main(argv: Sequence[str] | None = None) -> int:
    try:
        settings, only_list = parse_settings(argv)
        args = build_parser().parse_args(argv)
        serving = serve.options_from(args) if args.serve else None
    except UsageError as error:
        print(f"gdtui: {error}", file=sys.stderr)
        return 2
    if only_list:
        print(list_scenes(settings.lang))
        return 0
    if serving is not None:
        return serve.run(serving)
    from tui.app import GdtuiApp

    GdtuiApp(settings).run()
    return 0
