"""Where an unexpected error goes: a report file, and one line that names it.

Textual prints the traceback of a crash on the terminal after restoring it: a
screenful that a student cannot act on, and that scrolls away. gdtui gives it
a `CrashReport` instead (as the app's `error_console`), and says in one line
where the report is.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import IO

from tui import __version__


def report_folder(environ: Mapping[str, str] = os.environ) -> Path:
    """$XDG_STATE_HOME/gdtui, else ~/.local/state/gdtui (the XDG base directory default)."""
    state = environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "gdtui"


class CrashReport:
    """A text file created on the first write, readable by its owner only (tracebacks show
    values): in `report_folder()`, else in the temporary folder, else on standard error."""

    encoding = "utf-8"

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self.path: Path | None = None
        self._file: IO[str] | None = None

    @property
    def written(self) -> bool:
        return self._file is not None

    def write(self, text: str) -> int:
        if self._file is None:
            self._file = self._create()
        return self._file.write(text)

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        if self.path is not None and self._file is not None:
            self._file.close()

    def _create(self) -> IO[str]:
        name = f"crash-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.txt"
        for folder in (self.folder or report_folder(), Path(tempfile.gettempdir())):
            try:
                folder.mkdir(parents=True, exist_ok=True, mode=0o700)
                fd = os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except OSError:
                continue
            self.path = folder / name
            file = open(fd, "w", encoding="utf-8")
            file.write(_header())
            return file
        return sys.__stderr__  # nowhere to write a file: show it as Textual would


def _header() -> str:
    from textual import __version__ as textual_version

    return (f"gdtui {__version__}, Textual {textual_version}, Python {platform.python_version()}, "
            f"{platform.platform()}\ncommand: {' '.join(sys.argv)}\n"
            f"TERM={os.environ.get('TERM', '')} LANG={os.environ.get('LANG', '')}\n\n")
