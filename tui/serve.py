"""`gdtui --serve`: its options, checked before anything is served.

The server itself lives in tui.web, which needs the optional `web` extra
(textual-serve); this module does not, so a missing extra is one clear line.
"""

from __future__ import annotations

import argparse
import ipaddress
import re
import sys
from dataclasses import dataclass, field

from tui.i18n import Catalog
from tui.terminal import complain

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
#: Chosen from benchmarks/bench_serve.py; the README has the figures.
DEFAULT_MAX_SESSIONS = 60
DEFAULT_IDLE_MINUTES = 30.0

#: Options of the command line that every browser session gets as they were given.
#: --lang is not here: without it each session takes the browser's language.
PASSED_ON = {"scene": "--scene", "seed": "--seed", "theme": "--theme", "no_animation": "--no-animation",
             "no_questions": "--no-questions", "step": "--step", "set": "--set", "preset": "--preset",
             "presets": "--presets", "export_dir": "--export-dir"}


@dataclass
class ServeOptions:
    """Where to listen, how many sessions at once, and what each session is started with."""

    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    max_sessions: int = DEFAULT_MAX_SESSIONS
    idle_seconds: float = DEFAULT_IDLE_MINUTES * 60
    lang: str | None = None
    session_args: list[str] = field(default_factory=list)


def add_arguments(parser: argparse.ArgumentParser, t: Catalog) -> None:
    group = parser.add_argument_group(t("cli.serve.options"))
    group.add_argument("--serve", action="store_true", help=t("cli.serve.help.serve"))
    group.add_argument("--host", default=DEFAULT_HOST, help=t("cli.serve.help.host", default=DEFAULT_HOST))
    group.add_argument("--port", default=str(DEFAULT_PORT), help=t("cli.serve.help.port", default=DEFAULT_PORT))
    group.add_argument("--max-sessions", metavar="N", default=str(DEFAULT_MAX_SESSIONS),
                       help=t("cli.serve.help.max_sessions", default=DEFAULT_MAX_SESSIONS))
    group.add_argument("--idle-minutes", metavar="M", default=f"{DEFAULT_IDLE_MINUTES:g}",
                       help=t("cli.serve.help.idle_minutes", default=f"{DEFAULT_IDLE_MINUTES:g}"))


def options_from(args: argparse.Namespace, t: Catalog) -> ServeOptions:
    """The serving options of parsed arguments, checked; bad ones raise the CLI's UsageError."""
    from tui.cli import UsageError, is_whole_number

    if not is_whole_number(args.port) or not 1 <= int(args.port) <= 65535:
        raise UsageError(t("cli.serve.error.port", value=args.port))
    if not is_whole_number(args.max_sessions) or int(args.max_sessions) < 1:
        raise UsageError(t("cli.serve.error.max_sessions", value=args.max_sessions))
    if not re.fullmatch(r"[0-9]+(\.[0-9]+)?", args.idle_minutes):
        raise UsageError(t("cli.serve.error.idle_minutes", value=args.idle_minutes))
    session_args: list[str] = []
    for dest, flag in PASSED_ON.items():
        value = getattr(args, dest)
        if value is True:
            session_args.append(flag)
        elif isinstance(value, list):  # a repeatable option (--set)
            for item in value:
                session_args += [flag, item]
        elif value not in (None, False):
            session_args += [flag, value]
    return ServeOptions(host=args.host, port=int(args.port), max_sessions=int(args.max_sessions),
                        idle_seconds=float(args.idle_minutes) * 60, lang=args.lang,
                        session_args=session_args)


def exposure_warning(host: str, t: Catalog) -> str | None:
    """One line of warning when `host` lets other machines in, else None."""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name: it may resolve to anything
        loopback = False
    if loopback:
        return None
    return f"gdtui: {t('cli.serve.warning.exposed', host=host)}"


def run(options: ServeOptions, t: Catalog) -> int:
    """Serve until Ctrl+C; 2 when the web extra is missing."""
    try:
        from tui import web
    except ImportError as error:
        if (error.name or "").split(".")[0] not in ("textual_serve", "aiohttp", "aiohttp_jinja2", "jinja2"):
            raise
        complain(t("cli.serve.error.no_extra"))
        return 2
    if (warning := exposure_warning(options.host, t)) is not None:
        print(warning, file=sys.stderr)
    web.serve(options)
    return 0
