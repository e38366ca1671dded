"""What gdtui checks about its terminal before it starts, and how it writes plain output.

Each problem becomes one line and exit status 2 rather than a traceback or a
blank, stuck screen. These run before Textual is imported, because Textual
reads its environment variables when it is imported.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, MutableMapping
from typing import IO

COLOR_SYSTEMS = ("truecolor", "256", "standard", "auto")
"""The values of TEXTUAL_COLOR_SYSTEM that Textual (through Rich) understands on a Unix terminal."""


def complain(message: str) -> None:
    """`message` as one line on stderr. What the user typed is in it, so control characters
    are written as escapes: an error message must not move the cursor or change colours."""
    print("gdtui: " + "".join(char if char.isprintable() else repr(char)[1:-1] for char in message), file=sys.stderr)


def terminal_problem(environ: MutableMapping[str, str], stdin: IO[str],
                     t: Callable[..., str]) -> str | None:
    """Why gdtui cannot run in this terminal (`t` looks up the catalog), or None.

    Tidies TEXTUAL_COLOR_SYSTEM on the way: case and spaces do not matter, and an
    empty value means unset, as an empty NO_COLOR does.
    """
    system = environ.get("TEXTUAL_COLOR_SYSTEM")
    if system is not None:
        tidy = system.strip().lower()
        if not tidy:
            del environ["TEXTUAL_COLOR_SYSTEM"]
        elif tidy in COLOR_SYSTEMS:
            environ["TEXTUAL_COLOR_SYSTEM"] = tidy
        else:
            return t("cli.terminal.color_system", value=system, choices=", ".join(COLOR_SYSTEMS))
    if environ.get("TEXTUAL_DRIVER"):  # textual-serve and friends: no terminal here at all
        return None
    if environ.get("TERM", "") == "dumb":
        return t("cli.terminal.dumb")
    if not stdin.isatty():
        return t("cli.terminal.no_input")
    return None


def write_out(text: str, t: Callable[..., str]) -> int:
    """Print `text` on standard output; the exit status: 0, or 1 when it could not be written.

    A closed pipe (``gdtui --list-scenes | head -1``) is the reader's choice and
    stays silent; any other failure (a full disk) gets one line.
    """
    try:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        status = 1
    except OSError as error:
        complain(t("cli.terminal.no_output", reason=error.strerror or error))
        status = 1
    else:
        return 0
    # What is still buffered would fail again when Python flushes stdout at exit.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return status
