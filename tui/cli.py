"""The `gdtui` command line: options, one-line errors, then the app.

Help and errors speak the chosen language: `--lang` when it names one of ours,
else the locale's. Every text comes from the catalog's `cli.toml`, including
the words argparse would print in English ("usage:", "options").
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import scenes
from tui import __version__, serve
from tui.i18n import LANGUAGES, Catalog, detect_language
from tui.settings import Settings
from tui.start import SetupError, add_arguments, apply_arguments, list_presets
from tui.terminal import complain, terminal_problem, write_out

if TYPE_CHECKING:
    from textual.app import App

THEMES = ("dark", "light")


class UsageError(Exception):
    """Bad input on the command line; the message, from the catalog, is the one line the user sees."""


class _Formatter(argparse.HelpFormatter):
    """argparse's layout of the help, with the catalog's word for "usage:"."""

    def __init__(self, prog: str, usage_prefix: str) -> None:
        super().__init__(prog)
        self.usage_prefix = usage_prefix

    def add_usage(self, usage, actions, groups, prefix=None) -> None:  # noqa: ANN001 (argparse's signature)
        super().add_usage(usage, actions, groups, self.usage_prefix if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    def __init__(self, t: Catalog) -> None:
        # No abbreviations ("--sc" for "--scene"): an unknown option gets the catalog's message,
        # and `chosen_language` sees `--lang` exactly as the parser does.
        super().__init__(prog="gdtui", description=t("cli.description"), add_help=False, allow_abbrev=False,
                         exit_on_error=False, formatter_class=lambda prog: _Formatter(prog, t("cli.usage")))
        self.t = t

    def error(self, message: str) -> None:  # argparse would print usage + an English message
        raise UsageError(self.t("cli.error.other", detail=message))


def build_parser(t: Catalog) -> argparse.ArgumentParser:
    parser = _Parser(t)
    group = parser.add_argument_group(t("cli.options"))
    group.add_argument("-h", "--help", action="help", help=t("cli.help.help"))
    group.add_argument("--scene", metavar=t("cli.metavar.scene"), help=t("cli.help.scene"))
    group.add_argument("--lang", metavar="|".join(LANGUAGES), help=t("cli.help.lang"))
    group.add_argument("--seed", metavar="N", help=t("cli.help.seed"))
    group.add_argument("--theme", metavar="|".join(THEMES), default=THEMES[0], help=t("cli.help.theme"))
    group.add_argument("--no-animation", action="store_true", help=t("cli.help.no_animation"))
    group.add_argument("--no-questions", action="store_true", help=t("cli.help.no_questions"))
    group.add_argument("--list-scenes", action="store_true", help=t("cli.help.list_scenes"))
    group.add_argument("--version", action="version", version=f"gdtui {__version__}", help=t("cli.help.version"))
    add_arguments(parser, t)
    serve.add_arguments(parser, t)
    return parser


def chosen_language(argv: Sequence[str]) -> str:
    """The language of help and errors: the last `--lang` when it names one of ours, else the locale's."""
    value = None
    for arg, following in zip(argv, [*argv[1:], None]):
        if arg == "--lang":
            value = following
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
    return value if value in LANGUAGES else detect_language()


def parse_arguments(argv: Sequence[str], t: Catalog) -> argparse.Namespace:
    """The options of `argv`; anything argparse cannot read becomes a UsageError in the catalog's words."""
    try:
        args, unknown = build_parser(t).parse_known_args(argv)
    except argparse.ArgumentError as error:  # a value missing, or one given to a switch ("--serve=1")
        names = (error.argument_name or "").split("/")
        given_a_value = any(arg.startswith(name) and arg != name for name in names for arg in argv)
        raise UsageError(t("cli.error.takes_no_value" if given_a_value else "cli.error.needs_value",
                           option=names[-1])) from None
    if unknown:
        raise UsageError(t("cli.error.unknown_option", options=" ".join(unknown)))
    return args


def is_whole_number(text: str) -> bool:
    """ASCII digits only: str.isdigit() also accepts "²", which int() refuses."""
    return text.isascii() and text.isdigit()


def resolve_scene(value: str, ids: Sequence[str], t: Catalog) -> int:
    """The index of a scene given by id or 1-based number."""
    if value in ids:
        return ids.index(value)
    if is_whole_number(value) and 1 <= int(value) <= len(ids):
        return int(value) - 1
    raise UsageError(t("cli.error.scene", value=value, ids=", ".join(ids), last=len(ids)))


def settings_from(args: argparse.Namespace, t: Catalog) -> Settings:
    """The app's settings from parsed arguments, checked (the lecturer's options too: SetupError)."""
    lang = args.lang if args.lang is not None else detect_language()
    if lang not in LANGUAGES:
        raise UsageError(t("cli.error.lang", value=lang, choices=", ".join(LANGUAGES)))
    if args.seed is not None and not is_whole_number(args.seed):
        raise UsageError(t("cli.error.seed", value=args.seed))
    if args.theme not in THEMES:
        raise UsageError(t("cli.error.theme", value=args.theme, choices=", ".join(THEMES)))
    start = resolve_scene(args.scene, scenes.scene_ids(), t) if args.scene is not None else 0
    settings = Settings(lang=lang, seed=int(args.seed or 0), animate=not args.no_animation,
                        start_scene=start, theme=args.theme, questions=not args.no_questions)
    apply_arguments(args, settings, t)
    return settings


def list_scenes(t: Catalog) -> str:
    return "\n".join(f"{i:>2}  {sid:<14} {t(f'{sid}.title')}"
                     for i, sid in enumerate(scenes.scene_ids(), start=1))


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    t = Catalog(chosen_language(argv))
    try:
        args = parse_arguments(argv, t)
        settings = settings_from(args, t)
        serving = serve.options_from(args, t) if args.serve else None
    except (UsageError, SetupError) as error:
        complain(str(error))
        return 2
    if args.list_scenes:
        return write_out(list_scenes(t), t)
    if args.list_presets:
        return write_out(list_presets(settings.presets or {}, t), t)
    if serving is not None:
        return serve.run(serving, t)
    problem = terminal_problem(os.environ, sys.stdin, t)
    if problem is not None:
        complain(problem)
        return 2
    if args.notes:
        from tui.notes import NotesApp

        return run_app(NotesApp(settings.lang, own_language=args.lang is not None, theme=settings.theme), t)
    from tui.app import GdtuiApp

    settings.publish_place = True  # the speaker notes may follow this one
    app = GdtuiApp(settings)
    try:
        return run_app(app, t)
    finally:
        app.withdraw_place()


def run_app(app: App[None], t: Catalog) -> int:
    """Run `app`; after a crash, exit status 1 and one line naming the report."""
    from rich.console import Console

    from tui.crash import CrashReport

    report = CrashReport()
    app.error_console = Console(file=report, width=100, color_system=None, markup=False, highlight=False)
    try:
        app.run()
    except Exception:  # noqa: BLE001 - whatever it was, it goes to the report
        app.error_console.print_exception(width=100)
    report.close()
    if report.written:
        complain(t("cli.terminal.crashed", path=report.path or "stderr"))
        return 1
    return app.return_code or 0
