"""Pseudo-terminal sessions for the pty tests; the benchmarks use them too.

`PtySession` starts a real command in a pseudo-terminal of a given size, the
way a student's terminal (often over SSH) would run it, and:

* reads everything the app writes in a background thread, with timestamps,
  so a benchmark can compute bytes per second over any window
  (`bytes_between`, `measure`);
* feeds those bytes into a pyte screen of the same size, so tests can read
  the screen (`screen_text`, `line`, `wait_for`);
* sends keys by name (`send("right", "l", "]", "ctrl+c")`);
* resizes the terminal (`resize`), which delivers SIGWINCH to the app;
* tracks the terminal modes the app switches (alternate screen, cursor,
  mouse reporting, bracketed paste, focus events, kitty keyboard protocol),
  so a test can check the app left the terminal as it found it
  (`restore_problems`);
* never hangs: every wait has a timeout, and leaving the `with` block (or
  `close()`) always kills the child.

Example::

    with PtySession([sys.executable, "-m", "tui"], cols=80, rows=24) as s:
        s.wait_for("scene 1/", timeout=10)
        s.send("right")
        s.wait_for(lambda lines: "step 2/" in lines[-1])
        s.send("q")
        assert s.wait(timeout=5) == 0
        assert s.restore_problems() == []

Only the standard library, ptyprocess and pyte are used; nothing here imports
the app.
"""

from __future__ import annotations

import bisect
import os
import re
import select
import signal
import sys
import termios
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence, Union

import pyte
from ptyprocess import PtyProcess

__all__ = [
    "KEYS",
    "PtySession",
    "PtyTimeout",
    "ProcessExited",
    "REPO_ROOT",
    "bare_app_command",
    "gdtui_command",
    "hermetic_env",
    "key_bytes",
    "child_pids",
    "process_cpu_seconds",
    "process_memory",
]

REPO_ROOT = Path(__file__).resolve().parents[2]

clock = time.perf_counter
"""The clock every timestamp in this module uses (seconds, monotonic)."""


# --------------------------------------------------------------------------
# Commands


def gdtui_command(prefer_script: bool = True) -> list[str]:
    """argv that starts gdtui with the running interpreter.

    The installed console script next to ``sys.executable`` when it exists
    (that is what students run), else ``python -m tui``.
    """
    script = Path(sys.executable).with_name("gdtui")
    if prefer_script and script.exists():
        return [str(script)]
    return [sys.executable, "-m", "tui"]


def bare_app_command() -> list[str]:
    """argv of the reference app: a bare Textual app (Header, Static, Footer)."""
    return [sys.executable, str(Path(__file__).with_name("bare_app.py"))]


# --------------------------------------------------------------------------
# Environment

# Variables that change what a terminal app draws or how it behaves; they are
# removed so a run does not depend on the shell that started the tests.
_DROP_EXACT = {
    "NO_COLOR",
    "FORCE_COLOR",
    "CLICOLOR",
    "CLICOLOR_FORCE",
    "COLORTERM",
    "TERM",
    "TERM_PROGRAM",
    "TERM_PROGRAM_VERSION",
    "COLUMNS",
    "LINES",
    "LANG",
    "LANGUAGE",
    "TMUX",
    "STY",
    "PYTHONIOENCODING",
    "PYTHONWARNINGS",
    "PYTHONSTARTUP",
    "PYTHONINSPECT",
    "PYTHONBREAKPOINT",
}
_DROP_PREFIXES = ("LC_", "TEXTUAL", "GDTUI_")


def hermetic_env(overrides: Mapping[str, str | None] | None = None) -> dict[str, str]:
    """The environment a session starts with.

    Starts from ``os.environ`` (so PATH, HOME and the virtual environment keep
    working), drops everything that changes colours, size, language or
    Textual's behaviour, then sets ``TERM=xterm-256color``,
    ``COLORTERM=truecolor`` and ``LANG=C.UTF-8``. ``overrides`` are applied
    last; a value of ``None`` removes the variable (e.g. ``{"COLORTERM":
    None}`` for a plain 256-colour SSH session, ``{"NO_COLOR": "1"}`` to ask
    for no colour).
    """
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in _DROP_EXACT and not k.startswith(_DROP_PREFIXES)
    }
    env.update(TERM="xterm-256color", COLORTERM="truecolor", LANG="C.UTF-8")
    for key, value in (overrides or {}).items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = str(value)
    return env


# --------------------------------------------------------------------------
# Resources of any process (Linux /proc)


def process_cpu_seconds(pid: int) -> float:
    """CPU time (user + system) process ``pid`` used so far, in seconds."""
    with open(f"/proc/{pid}/stat", "rb") as f:
        fields = f.read().rsplit(b")", 1)[1].split()
    # fields[0] is the state (field 3); utime and stime are fields 14 and 15
    utime, stime = int(fields[11]), int(fields[12])
    return (utime + stime) / os.sysconf("SC_CLK_TCK")


def process_memory(pid: int) -> dict[str, int]:
    """``{"rss": bytes, "peak_rss": bytes}`` of process ``pid`` (VmRSS, VmHWM)."""
    values = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values["rss" if key == "VmRSS" else "peak_rss"] = int(rest.split()[0]) * 1024
    return values


def child_pids(pid: int) -> list[int]:
    """The processes whose parent is ``pid``."""
    children = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as f:
                    fields = f.read().rsplit(b")", 1)[1].split()
            except OSError:  # gone meanwhile
                continue
            if int(fields[1]) == pid:
                children.append(int(entry))
    return sorted(children)


# --------------------------------------------------------------------------
# Keys

KEYS: dict[str, bytes] = {
    "up": b"\x1b[A",
    "down": b"\x1b[B",
    "right": b"\x1b[C",
    "left": b"\x1b[D",
    "home": b"\x1b[H",
    "end": b"\x1b[F",
    "pageup": b"\x1b[5~",
    "pagedown": b"\x1b[6~",
    "insert": b"\x1b[2~",
    "delete": b"\x1b[3~",
    "tab": b"\t",
    "shift+tab": b"\x1b[Z",
    "enter": b"\r",
    "escape": b"\x1b",
    "backspace": b"\x7f",
    "space": b" ",
    "plus": b"+",
    "minus": b"-",
    "f1": b"\x1bOP",
    "f2": b"\x1bOQ",
    "f3": b"\x1bOR",
    "f4": b"\x1bOS",
    "f5": b"\x1b[15~",
    "f6": b"\x1b[17~",
    "f7": b"\x1b[18~",
    "f8": b"\x1b[19~",
    "f9": b"\x1b[20~",
    "f10": b"\x1b[21~",
    "f11": b"\x1b[23~",
    "f12": b"\x1b[24~",
}
_ALIASES = {
    "return": "enter",
    "esc": "escape",
    "page_up": "pageup",
    "page_down": "pagedown",
    "pgup": "pageup",
    "pgdn": "pagedown",
    "backtab": "shift+tab",
    "del": "delete",
}


def key_bytes(key: str | bytes) -> bytes:
    """Bytes an xterm sends for ``key``.

    ``key`` is a name from `KEYS` (case-insensitive, e.g. ``"right"``,
    ``"pagedown"``, ``"escape"``), ``"ctrl+<letter>"``, a single character
    (sent as it is, so ``"L"`` is a capital L), or raw ``bytes``.
    """
    if isinstance(key, bytes):
        return key
    if len(key) == 1:
        return key.encode("utf-8")
    name = key.lower()
    name = _ALIASES.get(name, name)
    if name in KEYS:
        return KEYS[name]
    if name.startswith("ctrl+") and len(name) == 6:
        ch = name[5]
        if "a" <= ch <= "z":
            return bytes([ord(ch) - ord("a") + 1])
        special = {"@": 0, " ": 0, "[": 27, "\\": 28, "]": 29, "^": 30, "_": 31}
        if ch in special:
            return bytes([special[ch]])
    raise ValueError(f"unknown key name {key!r}; use a name from KEYS, ctrl+<letter> or one character")


# --------------------------------------------------------------------------
# Escape sequence scanning

# A complete CSI sequence: ESC [ private-marker? params intermediates final.
_CSI = re.compile(rb"\x1b\[([?<>=]?)([0-9;:]*)([ -/]*)([@-~])")
# The start of a sequence cut off at the end of a read.
_CSI_PREFIX = re.compile(rb"\x1b(?:\[[?<>=]?[0-9;:]*[ -/]*)?\Z")

ALT_SCREEN_MODES = (47, 1047, 1049)
MOUSE_MODES = (9, 1000, 1001, 1002, 1003, 1005, 1006, 1015, 1016)
MODE_NAMES = {
    25: "cursor visible",
    47: "alternate screen (47)",
    1047: "alternate screen (1047)",
    1049: "alternate screen (1049)",
    9: "mouse reporting (X10)",
    1000: "mouse reporting (1000)",
    1001: "mouse highlight tracking (1001)",
    1002: "mouse button-event tracking (1002)",
    1003: "mouse any-event tracking (1003)",
    1005: "mouse UTF-8 coordinates (1005)",
    1006: "mouse SGR coordinates (1006)",
    1015: "mouse urxvt coordinates (1015)",
    1016: "mouse pixel coordinates (1016)",
    1004: "focus events (1004)",
    2004: "bracketed paste (2004)",
    2026: "synchronized output (2026)",
    2048: "in-band resize (2048)",
}


@dataclass
class TerminalModes:
    """What the app switched on and off, from the bytes it wrote."""

    modes: dict[int, bool] = field(default_factory=dict)
    """Last setting of each DEC private mode the app touched (True = set)."""
    ever_set: set[int] = field(default_factory=set)
    kitty_depth: int = 0
    """Kitty keyboard protocol pushes minus pops (0 = nothing left behind)."""
    kitty_pushed: bool = False

    def apply(self, private: bytes, params: bytes, inter: bytes, final: bytes) -> None:
        if private == b"?" and not inter and final in b"hl":
            on = final == b"h"
            for p in params.split(b";"):
                if p.isdigit():
                    mode = int(p)
                    self.modes[mode] = on
                    if on:
                        self.ever_set.add(mode)
        elif final == b"u" and private == b">":
            self.kitty_depth += 1
            self.kitty_pushed = True
        elif final == b"u" and private == b"<":
            n = int(params) if params.isdigit() else 1
            self.kitty_depth = max(0, self.kitty_depth - n)

    def is_set(self, mode: int) -> bool:
        return self.modes.get(mode, False)


# --------------------------------------------------------------------------
# Errors


class PtyTimeout(AssertionError):
    """A wait ran out of time. The message carries the screen and the exit state.

    An AssertionError, so pytest shows it as a test failure with its message.
    """


class ProcessExited(PtyTimeout):
    """The process ended before the awaited screen appeared."""


# --------------------------------------------------------------------------
# The session

Predicate = Callable[[list[str]], bool]
Awaitable = Union[str, "re.Pattern[str]", Predicate]


@dataclass
class _Waiter:
    check: Predicate
    settled: bool
    event: threading.Event = field(default_factory=threading.Event)
    time: float | None = None
    bytes_total: int = 0
    error: BaseException | None = None


def _as_predicate(what: Awaitable) -> tuple[Predicate, str]:
    if isinstance(what, str):
        return (lambda lines: any(what in line for line in lines)), repr(what)
    if isinstance(what, re.Pattern):
        return (lambda lines: any(what.search(line) for line in lines)), f"/{what.pattern}/"
    if callable(what):
        return what, getattr(what, "__name__", "predicate")
    raise TypeError(f"wait_for needs text, a compiled regex or a callable, not {type(what).__name__}")


class PtySession:
    """A command running in a pseudo-terminal of ``cols`` x ``rows``.

    Args:
        argv: the command, e.g. ``[sys.executable, "-m", "tui"]``.
        cols, rows: terminal size.
        env: overrides applied to `hermetic_env` (``None`` values remove).
        cwd: working directory (default: the repository root).
        keep_raw: keep every byte written (for `raw`); the byte counts and
            timestamps are always kept.
        track_screen: feed the pyte screen. Turn off for long byte-rate
            measurements where only counts matter, so the harness's own CPU
            use stays small; modes and bytes are still tracked.
    """

    def __init__(
        self,
        argv: Sequence[str],
        cols: int = 80,
        rows: int = 24,
        *,
        env: Mapping[str, str | None] | None = None,
        cwd: str | os.PathLike[str] | None = None,
        keep_raw: bool = True,
        track_screen: bool = True,
    ) -> None:
        self.argv = list(argv)
        self.cols, self.rows = cols, rows
        self.env = hermetic_env(env)
        self.cwd = str(cwd if cwd is not None else REPO_ROOT)
        self.keep_raw = keep_raw
        self.track_screen = track_screen

        self._lock = threading.Lock()  # guards screen, counters, modes, waiters
        self._write_lock = threading.Lock()
        self.screen = pyte.Screen(cols, rows)
        self._stream = pyte.ByteStream(self.screen)
        self.modes = TerminalModes()
        self._raw = bytearray()
        self._pending = b""
        self._times: list[float] = []  # arrival time of each read
        self._cumulative: list[int] = []  # bytes read up to and including it
        self.bytes_total = 0
        self.eof = False
        self._waiters: list[_Waiter] = []
        self._stop = threading.Event()
        self._exit_status: int | None = None

        self.start_time = clock()
        self.proc = PtyProcess.spawn(
            self.argv, cwd=self.cwd, env=self.env, dimensions=(rows, cols)
        )
        self.proc.delayafterclose = 0.0
        self.pid = self.proc.pid
        self._tty_before = self._tcgetattr()
        self._tty_after: list | None = None
        self._reader = threading.Thread(
            target=self._read_loop, name=f"pty-reader-{self.pid}", daemon=True
        )
        self._reader.start()

    # -- context manager -------------------------------------------------

    def __enter__(self) -> "PtySession":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:  # last resort; close() is the normal path
        try:
            if getattr(self, "proc", None) is not None and self._exit_status is None:
                self.close(grace=0)
        except Exception:
            pass

    # -- reading ---------------------------------------------------------

    def _read_loop(self) -> None:
        fd = self.proc.fd
        try:
            while not self._stop.is_set():
                try:
                    ready, _, _ = select.select([fd], [], [], 0.05)
                except (OSError, ValueError):
                    break
                if not ready:
                    continue
                try:
                    data = os.read(fd, 65536)
                except OSError:  # EIO: every slave fd closed, the child is gone
                    data = b""
                if not data:
                    break
                self._ingest(data, clock())
        finally:
            with self._lock:
                if self._pending and self.track_screen:
                    self._stream.feed(self._pending)
                    self._pending = b""
                self.eof = True
                self._check_waiters(final=True)

    def _ingest(self, data: bytes, now: float) -> None:
        replies: list[bytes] = []
        with self._lock:
            self.bytes_total += len(data)
            self._times.append(now)
            self._cumulative.append(self.bytes_total)
            if self.keep_raw:
                self._raw += data
            buf = self._pending + data
            out = bytearray()
            pos = 0
            for m in _CSI.finditer(buf):
                private, params, inter, final = m.groups()
                self.modes.apply(private, params, inter, final)
                drop = False
                if final == b"u" and private in (b"<", b">", b"=", b"?"):
                    drop = True  # kitty keyboard protocol; pyte would print the "u"
                elif inter == b"$" and final == b"p":  # DECRQM query
                    drop = True
                    if private == b"?" and params.isdigit():  # "not supported", like xterm
                        replies.append(b"\x1b[?%s;0$y" % params)
                elif not private and final == b"c" and params in (b"", b"0"):
                    replies.append(b"\x1b[?62;22c")  # DA1, like xterm (VT220 + colour)
                    drop = True
                elif not private and final == b"n" and params == b"6":
                    # DSR: report the cursor position pyte has so far
                    if self.track_screen:
                        self._stream.feed(bytes(out) + buf[pos : m.start()])
                    out.clear()
                    pos = m.end()
                    c = self.screen.cursor
                    replies.append(b"\x1b[%d;%dR" % (c.y + 1, c.x + 1))
                    continue
                if drop:
                    out += buf[pos : m.start()]
                    pos = m.end()
            tail = buf[pos:]
            cut = _CSI_PREFIX.search(tail)
            if cut is not None and len(tail) - cut.start() < 64:
                self._pending = tail[cut.start() :]
                tail = tail[: cut.start()]
            else:
                self._pending = b""
            out += tail
            if out and self.track_screen:
                self._stream.feed(bytes(out))
            self._check_waiters()
        for reply in replies:
            self._write(reply)

    def _in_sync_update(self) -> bool:
        return self.modes.is_set(2026)

    def _check_waiters(self, final: bool = False) -> None:
        # called with self._lock held
        if not self._waiters:
            return
        lines = self.screen.display
        now = self._times[-1] if self._times else clock()
        for w in list(self._waiters):
            if w.settled and self._in_sync_update() and not final:
                continue
            try:
                ok = bool(w.check(lines))
            except BaseException as e:  # report it in the waiting thread
                w.error = e
                ok = True
            if ok:
                w.time = now
                w.bytes_total = self.bytes_total
                self._waiters.remove(w)
                w.event.set()
            elif final:
                self._waiters.remove(w)
                w.event.set()

    # -- screen ----------------------------------------------------------

    def screen_text(self) -> list[str]:
        """The screen as a list of ``rows`` strings, each ``cols`` wide."""
        with self._lock:
            return list(self.screen.display)

    def screen_string(self) -> str:
        """The screen as one string, lines stripped on the right."""
        return "\n".join(line.rstrip() for line in self.screen_text())

    def line(self, index: int) -> str:
        """One screen line (negative counts from the bottom), stripped on the right."""
        return self.screen_text()[index].rstrip()

    @property
    def raw(self) -> bytes:
        """Every byte the app wrote so far (when ``keep_raw``)."""
        with self._lock:
            return bytes(self._raw)

    # -- waiting ---------------------------------------------------------

    def wait_for(
        self,
        what: Awaitable,
        timeout: float = 10.0,
        *,
        settled: bool = True,
    ) -> float:
        """Wait until the screen shows ``what``; return the time it did.

        ``what`` is a text (found when a line contains it), a compiled regex
        (searched line by line) or a callable taking the list of screen lines.
        The check runs in the reader thread after every read, so the returned
        timestamp (`clock` seconds) is the arrival time of the bytes that made
        it true; `bytes_at_match` holds `bytes_total` at that moment. With
        ``settled`` the check is skipped while the app is inside a
        synchronized update (mode 2026), i.e. it only sees whole frames.

        Raises `ProcessExited` when the app ends first and `PtyTimeout` after
        ``timeout`` seconds; both carry the screen in their message.
        """
        check, label = _as_predicate(what)
        waiter = _Waiter(check, settled)
        with self._lock:
            self._waiters.append(waiter)
            self._check_waiters(final=self.eof)
        if not waiter.event.wait(timeout):
            with self._lock:
                if waiter in self._waiters:
                    self._waiters.remove(waiter)
            if not waiter.event.is_set():
                raise PtyTimeout(self._describe(f"timed out after {timeout:g}s waiting for {label}"))
        if waiter.error is not None:
            raise waiter.error
        if waiter.time is None:
            status = self.wait(timeout=2)
            raise ProcessExited(
                self._describe(f"process exited (status {status}) before the screen showed {label}")
            )
        self.bytes_at_match = waiter.bytes_total
        return waiter.time

    bytes_at_match: int = 0

    def wait_idle(self, quiet: float = 0.3, timeout: float = 10.0) -> float:
        """Wait until the app wrote nothing for ``quiet`` seconds; return the time of its last write."""
        deadline = clock() + timeout
        while True:
            with self._lock:
                last = self._times[-1] if self._times else self.start_time
                eof = self.eof
            now = clock()
            if eof or now - last >= quiet:
                return last
            if now >= deadline:
                raise PtyTimeout(self._describe(f"output never went quiet for {quiet:g}s within {timeout:g}s"))
            time.sleep(min(quiet - (now - last), deadline - now, 0.05) + 0.001)

    def _describe(self, headline: str) -> str:
        alive = self.isalive()
        with self._lock:
            lines = [line.rstrip() for line in self.screen.display]
            tail = bytes(self._raw[-600:]) if self.keep_raw else b""
            total = self.bytes_total
        state = "running" if alive else f"exited with status {self._exit_status}"
        screen = "\n".join(f"  |{line}" for line in lines)
        return (
            f"{headline}\n"
            f"command: {self.argv} ({self.cols}x{self.rows}), {state}, {total} bytes written\n"
            f"screen:\n{screen}\n"
            f"last bytes written: {tail!r}"
        )

    # -- bytes -----------------------------------------------------------

    def bytes_between(self, t0: float, t1: float) -> int:
        """Bytes that arrived in the window ``(t0, t1]`` (`clock` seconds)."""
        with self._lock:
            i0 = bisect.bisect_right(self._times, t0)
            i1 = bisect.bisect_right(self._times, t1)
            before = self._cumulative[i0 - 1] if i0 > 0 else 0
            upto = self._cumulative[i1 - 1] if i1 > 0 else 0
        return upto - before

    def measure(self, seconds: float) -> float:
        """Bytes per second the app writes over the next ``seconds``."""
        t0 = clock()
        time.sleep(seconds)
        t1 = clock()
        return self.bytes_between(t0, t1) / (t1 - t0)

    # -- resources (Linux /proc) -------------------------------------------

    def cpu_seconds(self) -> float:
        """CPU time (user + system) the app's process used so far, in seconds.

        For idle CPU: ``c0 = s.cpu_seconds(); time.sleep(10); (s.cpu_seconds() - c0) / 10``.
        """
        return process_cpu_seconds(self.pid)

    def memory(self) -> dict[str, int]:
        """``{"rss": bytes, "peak_rss": bytes}`` of the app's process (VmRSS, VmHWM)."""
        return process_memory(self.pid)

    # -- input -----------------------------------------------------------

    def _write(self, data: bytes) -> None:
        with self._write_lock:
            view = memoryview(data)
            deadline = clock() + 5
            while view:
                try:
                    n = os.write(self.proc.fd, view)
                except BlockingIOError:
                    n = 0
                except OSError:
                    return  # the child is gone; nothing to deliver to
                view = view[n:]
                if view:
                    if clock() > deadline:
                        raise PtyTimeout(self._describe("the app stopped reading its input"))
                    time.sleep(0.005)

    def send(self, *keys: str | bytes | Iterable[str | bytes], delay: float = 0.0) -> float:
        """Type keys: names (``"right"``, ``"pagedown"``, ``"ctrl+c"``), single characters or bytes.

        Lists are flattened. ``delay`` seconds pass between keys; after a
        lone Escape followed by more keys the pause is at least 0.25 s so the
        app does not read Escape + key as Alt+key. Returns the time the last
        key was written.
        """
        flat: list[str | bytes] = []
        for key in keys:
            if isinstance(key, (str, bytes)):
                flat.append(key)
            else:
                flat.extend(key)
        encoded = [key_bytes(k) for k in flat]
        sent = clock()
        for i, data in enumerate(encoded):
            self._write(data)
            sent = clock()
            if i + 1 < len(encoded):
                pause = max(delay, 0.25) if data == b"\x1b" else delay
                if pause:
                    time.sleep(pause)
        return sent

    # -- size ------------------------------------------------------------

    def resize(self, cols: int, rows: int) -> None:
        """Resize the terminal; the app gets SIGWINCH. The pyte screen follows."""
        with self._lock:
            self.cols, self.rows = cols, rows
            self.screen.resize(lines=rows, columns=cols)
        self.proc.setwinsize(rows, cols)

    # -- terminal state --------------------------------------------------

    @property
    def entered_alt_screen(self) -> bool:
        with self._lock:
            return bool(self.modes.ever_set.intersection(ALT_SCREEN_MODES))

    @property
    def in_alt_screen(self) -> bool:
        with self._lock:
            return any(self.modes.is_set(m) for m in ALT_SCREEN_MODES)

    @property
    def cursor_hidden(self) -> bool:
        with self._lock:
            return self.modes.modes.get(25) is False

    def restore_problems(self) -> list[str]:
        """What the app left switched on in the terminal; ``[]`` when restored.

        Checks the alternate screen, the cursor, every mouse mode, focus
        events, bracketed paste, in-band resize, synchronized output and the
        kitty keyboard protocol, and once the app has exited, the tty settings
        (`tty_problems`).
        """
        self.isalive()
        problems: list[str] = []
        with self._lock:
            modes = dict(self.modes.modes)
            kitty = self.modes.kitty_depth
        for mode in ALT_SCREEN_MODES:
            if modes.get(mode):
                problems.append(f"{MODE_NAMES[mode]} still active")
        if modes.get(25) is False:
            problems.append("cursor still hidden")
        for mode in (*MOUSE_MODES, 1004, 2004, 2026, 2048):
            if modes.get(mode):
                problems.append(f"{MODE_NAMES[mode]} still on")
        if kitty:
            problems.append(f"kitty keyboard protocol pushed {kitty} time(s) more than popped")
        problems.extend(self.tty_problems())
        return problems

    # -- process ---------------------------------------------------------

    def isalive(self) -> bool:
        if self._exit_status is not None:
            return False
        try:
            alive = self.proc.isalive()
        except Exception:
            alive = False
        if not alive:
            self._record_exit()
        return alive

    def _tcgetattr(self) -> list | None:
        try:
            return termios.tcgetattr(self.proc.fd)
        except (termios.error, OSError, ValueError):
            return None

    def tty_problems(self) -> list[str]:
        """tty settings the app changed and did not put back (echo, line mode, signals, flow control).

        Only known once the app has exited (while it runs, raw mode is expected).
        """
        before, after = self._tty_before, self._tty_after
        if before is None or after is None:
            return []
        checks = [
            (3, termios.ECHO, "echo"),
            (3, termios.ICANON, "canonical (line) mode"),
            (3, termios.ISIG, "signal keys (ISIG)"),
            (3, termios.IEXTEN, "extended input (IEXTEN)"),
            (0, termios.IXON, "flow control (IXON)"),
            (0, termios.ICRNL, "CR to NL on input (ICRNL)"),
            (1, termios.OPOST, "output processing (OPOST)"),
        ]
        problems = []
        for index, flag, name in checks:
            if (before[index] & flag) != (after[index] & flag):
                state = "on" if after[index] & flag else "off"
                problems.append(f"tty left with {name} {state}")
        return problems

    def _record_exit(self) -> None:
        if self._tty_after is None:
            self._tty_after = self._tcgetattr()
        if self._exit_status is None:
            if self.proc.signalstatus is not None:
                self._exit_status = -int(self.proc.signalstatus)
            elif self.proc.exitstatus is not None:
                self._exit_status = int(self.proc.exitstatus)

    def wait(self, timeout: float = 10.0) -> int | None:
        """Wait for the app to exit and its output to drain; return `exit_status`.

        Returns ``None`` (and leaves the app running) after ``timeout``.
        """
        deadline = clock() + timeout
        while self.isalive():
            if clock() >= deadline:
                return None
            time.sleep(0.01)
        # the last bytes may still be in the pty; the reader stops at EOF
        self._reader.join(timeout=max(0.5, min(2.0, deadline - clock())))
        return self._exit_status

    def wait_exit(self, timeout: float = 10.0) -> int:
        """Like `wait`, but raises `PtyTimeout` when the app is still running."""
        status = self.wait(timeout)
        if status is None:
            raise PtyTimeout(self._describe(f"process still running after {timeout:g}s"))
        return status

    def signal(self, signum: int) -> None:
        """Send a signal to the app (its process only)."""
        if self.isalive():
            try:
                os.kill(self.pid, signum)
            except ProcessLookupError:
                pass

    def kill(self) -> None:
        """SIGKILL the app's whole process group."""
        if self.isalive():
            try:
                os.killpg(self.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                try:
                    os.kill(self.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass

    def close(self, grace: float = 1.0) -> int | None:
        """End the app (SIGTERM, then SIGKILL after ``grace`` s), stop reading, free the pty.

        Safe to call more than once. Returns `exit_status`.
        """
        try:
            if self.isalive():
                if grace > 0:
                    self.signal(signal.SIGTERM)
                    self.wait(grace)
                if self.isalive():
                    self.kill()
                    self.wait(5)
        finally:
            self._stop.set()
            if self._reader.is_alive() and self._reader is not threading.current_thread():
                self._reader.join(timeout=2)
            try:
                self.proc.close(force=True)
            except Exception:
                pass
            with self._lock:
                for w in self._waiters:
                    w.event.set()
                self._waiters.clear()
        return self._exit_status
