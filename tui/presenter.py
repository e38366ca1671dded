"""Where the presenter is: a gdtui on the projector tells `gdtui --notes` its scene and step.

Each running gdtui writes its place to its own file, `presenter-<pid>.json`,
in a directory only its user may enter: `$XDG_RUNTIME_DIR/gdtui` when that
runtime directory is the user's own (a login gets one, mode 0700), else
`gdtui-<uid>` in the temporary directory, made 0700. A write goes to a
temporary file first and is renamed over the old one, so a reader never sees
half a file. `gdtui --notes` follows the newest place of a gdtui still
running; it never reads another user's directory and refuses one that others
could enter or that is not a directory (a planted link).
"""

from __future__ import annotations

import getpass
import json
import os
import stat
import sys
import tempfile
import time
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

PREFIX = "presenter-"


class PlaceError(Exception):
    """The directory cannot be made or trusted: `directory`, and the OS's reason (None: not private)."""

    def __init__(self, directory: Path, reason: str | None) -> None:
        super().__init__(f"{directory}: {reason or 'not private'}")
        self.directory = directory
        self.reason = reason


@dataclass(frozen=True)
class Place:
    """What a presenter shows: scene id, step (from 0) of `steps`, language; `at` orders the writes."""

    pid: int
    scene: str
    step: int
    steps: int
    lang: str
    at: int  # time.time_ns() of the write: the newest presenter is followed


def _uid() -> int | None:
    return os.getuid() if hasattr(os, "getuid") else None  # None: no Unix users (Windows)


def _private(path: Path, uid: int | None) -> bool:
    """A real directory (not a link), owned by `uid`, that nobody else may enter."""
    info = os.lstat(path)
    return stat.S_ISDIR(info.st_mode) and (uid is None or (info.st_uid == uid and not info.st_mode & 0o077))


def place_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """This user's directory of presenter places, made if missing; PlaceError when it cannot be trusted."""
    uid = _uid()
    runtime = environ.get("XDG_RUNTIME_DIR", "")
    try:
        usable = bool(runtime) and os.path.isabs(runtime) and _private(Path(runtime), uid)
    except OSError:
        usable = False
    owner = uid if uid is not None else getpass.getuser()
    directory = Path(runtime) / "gdtui" if usable else Path(tempfile.gettempdir()) / f"gdtui-{owner}"
    try:
        directory.mkdir(mode=0o700, exist_ok=True)
        private = _private(directory, uid)
    except OSError as error:
        raise PlaceError(directory, error.strerror or str(error)) from None
    if not private:
        raise PlaceError(directory, None)
    return directory


def publish(directory: Path, place: Place) -> None:
    """Write `place` atomically as this process's file. Raises OSError."""
    path = directory / f"{PREFIX}{place.pid}.json"
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(asdict(place)), "utf-8")
    os.replace(temporary, path)


def withdraw(directory: Path, pid: int) -> None:
    """Remove process `pid`'s file: it presents no more."""
    (directory / f"{PREFIX}{pid}.json").unlink(missing_ok=True)


def now() -> int:
    return time.time_ns()


def latest(directory: Path) -> Place | None:
    """The newest place of a presenter still running; files of ended ones are removed."""
    places = []
    for path in directory.glob(f"{PREFIX}*.json"):
        place = _read(path)
        if place is None:
            continue
        if _running(place.pid):
            places.append(place)
        else:
            path.unlink(missing_ok=True)
    return max(places, key=lambda place: place.at, default=None)


def _read(path: Path) -> Place | None:
    """The place in `path`, or None for a file that vanished or is not one of ours."""
    try:
        place = Place(**json.loads(path.read_text("utf-8")))
    except (OSError, ValueError, TypeError):
        return None
    fields = (place.pid, place.scene, place.step, place.steps, place.lang, place.at)
    kinds = (int, str, int, int, str, int)
    return place if all(type(value) is kind for value, kind in zip(fields, kinds)) else None


def _running(pid: int) -> bool:
    if sys.platform == "win32":  # os.kill(pid, 0) would end the process there
        return True
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists; not ours to signal
        return True
    except OSError:
        return False
    return True
