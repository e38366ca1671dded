"""Textual's Linux driver, hardened for terminals gdtui does not control.

Shared lab servers, dropped SSH connections and students' odd terminals hit
problems in Textual 8.2's `LinuxDriver`. Each workaround below names the
upstream issue or pull request, so it can go when Textual fixes it:

* invalid UTF-8 input killed the input thread (textual#6456): bytes that are
  not UTF-8 now become U+FFFD;
* the key parser died on sequences like ``ESC [ 9999999999 ~`` (``chr`` of a
  huge number): a parser that raises is replaced and the bad input dropped;
* an unterminated string sequence (``ESC ] 0;hello``) was replayed as keys
  (``h``, ``l``, ``o`` navigate!): `StringSequences` drops it instead;
* a claimed in-band window size (``ESC [ 48 ; rows ; cols ...``) was believed,
  so one line of input could make the app lay out a 3000x3000 screen: sizes
  now always come from the terminal itself;
* when input ended (a dropped connection with SIGHUP ignored, ``< /dev/null``)
  the input thread spun at 100 % CPU for ever (textual PR #6690): the app
  now quits;
* writing to a terminal that has gone away killed the output thread and then
  blocked the app: output to a lost terminal is dropped;
* every SIGCONT started another input and output thread, even after a plain
  ``kill -STOP`` that never left application mode, and the doubled threads
  kept the process from ending: only a resume after our own suspend restarts
  the threads; any other SIGCONT re-asserts the terminal modes and redraws;
* SIGTERM waited while the terminal did not read our output: it now ends
  gdtui within a second, restoring the tty settings.
"""

from __future__ import annotations

import asyncio
import os
import re
import selectors
import shutil
import signal
import termios
import threading
import time
from codecs import getincrementaldecoder
from contextlib import suppress
from typing import IO, TYPE_CHECKING

from textual import events
from textual._xterm_parser import XTermParser
from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver
from textual.geometry import Size

if TYPE_CHECKING:
    from collections.abc import Iterable

    from textual.app import App
    from textual.message import Message

EXIT_TERMINATED = 128 + signal.SIGTERM
"""Exit status after SIGTERM, as a shell reports a process ended by it."""
SIGTERM_GRACE = 0.75
"""Seconds a clean exit may take after SIGTERM before gdtui ends without it."""
STRING_TIMEOUT = 0.2
"""Seconds after which an unterminated OSC/DCS/APC string is given up."""
STRING_LIMIT = 4096
"""The longest string sequence gdtui waits for; longer ones are dropped at once."""

#: What re-enters gdtui's terminal modes after someone else had the terminal:
#: alternate screen, hidden cursor, mouse reporting, focus events, bracketed
#: paste, no line wrap (the modes `LinuxDriver.start_application_mode` sets).
REASSERT_MODES = ("\x1b[?1049h\x1b[?25l\x1b[?1000h\x1b[?1003h\x1b[?1015h\x1b[?1006h"
                  "\x1b[?1004h\x1b[?2004h\x1b[?7l")
#: What a last-resort exit writes: the reverse of the above, as `stop_application_mode` does.
RESTORE_MODES = ("\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l\x1b[?2004l\x1b[?7h\x1b[<u"
                 "\x1b[?1049l\x1b[?25h\x1b[?1004l")


class StringSequences:
    """Drops OSC, DCS, APC, PM and SOS strings (``ESC ]``, ``ESC P``, ``ESC _``, ``ESC ^``,
    ``ESC X``) from the input before the key parser sees them.

    Textual's parser replays any sequence it does not know as keys. A string is
    closed by BEL or ``ESC \\``; another ESC starts a new sequence. A string that
    stays open for `STRING_TIMEOUT` with no input is given up, so the keys typed
    after it count again. (Alt+] and Alt+Shift+P send the same bytes as these
    starts; gdtui binds no Alt keys.)
    """

    START = frozenset("]P_^X")

    def __init__(self) -> None:
        self.open = False
        self._length = 0
        self._last = 0.0

    def __call__(self, text: str, now: float) -> str:
        if self.open and now - self._last > STRING_TIMEOUT:
            self.open = False
        self._last = now
        kept: list[str] = []
        i, size = 0, len(text)
        while i < size:
            if self.open:
                stop = _STRING_END.search(text, i)
                end = size if stop is None else stop.start()
                self._length += end - i
                if stop is None:
                    self.open = self._length < STRING_LIMIT
                    break
                self.open = False
                i = stop.end() if stop.group() != "\x1b" else stop.start()  # ESC: a new sequence
                continue
            esc = text.find("\x1b", i)
            if esc < 0 or esc + 1 >= size:
                kept.append(text[i:])
                break
            kept.append(text[i:esc])
            if text[esc + 1] in self.START:
                self.open, self._length = True, 0
                i = esc + 2
            else:
                kept.append("\x1b")
                i = esc + 1
        return "".join(kept)


_STRING_END = re.compile(r"\x07|\x1b\\|\x1b")


class _TerminalOutput:
    """The terminal as the output thread writes to it. Once a write fails (EIO after a
    hangup), the rest is dropped: Textual's writer thread would die, and the app block."""

    def __init__(self, file: IO[str]) -> None:
        self._file = file
        self.lost = False

    def write(self, text: str) -> None:
        if not self.lost:
            try:
                self._file.write(text)
            except (OSError, ValueError):
                self.lost = True

    def flush(self) -> None:
        if not self.lost:
            try:
                self._file.flush()
            except (OSError, ValueError):
                self.lost = True

    def fileno(self) -> int:
        return self._file.fileno()


class GdtuiDriver(LinuxDriver):
    """`LinuxDriver` with the workarounds this module's docstring lists."""

    def __init__(self, app: App, *, debug: bool = False, mouse: bool = True,
                 size: tuple[int, int] | None = None) -> None:
        super().__init__(app, debug=debug, mouse=mouse, size=size)
        self._file = _TerminalOutput(self._file)
        self._app_loop = asyncio.get_running_loop()
        self._active = False  # in application mode: the terminal is ours
        self._suspended = False
        self._raw_attrs: list | None = None
        self._terminated = threading.Event()
        threading.Thread(target=self._end_if_stuck, name="gdtui-sigterm", daemon=True).start()
        # Replace the handlers LinuxDriver installed (see the module docstring).
        signal.signal(signal.SIGTSTP, self._on_sigtstp)
        signal.signal(signal.SIGCONT, self._on_sigcont)
        signal.signal(signal.SIGTERM, self._on_sigterm)

    def start_application_mode(self) -> None:
        before = self._writer_thread
        super().start_application_mode()
        # LinuxDriver gives up early, starting no threads, when it runs in the background (bg).
        self._active = self._writer_thread is not before
        if self._active:
            with suppress(termios.error, OSError):
                self._raw_attrs = termios.tcgetattr(self.fileno)

    def stop_application_mode(self) -> None:
        self._active = False
        super().stop_application_mode()

    # -- job control --------------------------------------------------------
    def _on_sigtstp(self, *_: object) -> None:
        """Ctrl+Z (or SIGTSTP from outside): give the terminal back, then stop."""
        if self._auto_restart and self._active:
            self.suspend_application_mode()
            self._suspended = True
        os.kill(os.getpid(), signal.SIGSTOP)

    def _on_sigcont(self, *_: object) -> None:
        """Back from a stop: restart after our own suspend, else just take the terminal again."""
        if not self._auto_restart:
            return
        if self._suspended:
            self.resume_application_mode()
            self._suspended = not self._active  # continued in the background: wait for fg
            if self._suspended:
                return
        elif self._active:
            self._reassert_terminal()
        else:
            return  # not started yet, or already ended: the terminal is not ours
        self.send_message(Driver.SignalResume())

    def _reassert_terminal(self) -> None:
        """Raw mode and screen modes again, in case a shell took the terminal while we were stopped."""
        if self._raw_attrs is not None:
            with suppress(termios.error, OSError):
                termios.tcsetattr(self.fileno, termios.TCSANOW, self._raw_attrs)
        self.write(REASSERT_MODES)

    # -- ending ------------------------------------------------------------
    def _on_sigterm(self, *_: object) -> None:
        """Quit cleanly, and make sure gdtui ends soon even if the terminal does not read."""
        with suppress(RuntimeError):  # the app has ended already
            self._app_loop.call_soon_threadsafe(self._app.exit, None, EXIT_TERMINATED)
        self._terminated.set()

    def _end_if_stuck(self) -> None:
        """After SIGTERM, give a clean exit `SIGTERM_GRACE` seconds, then end without it.

        A clean exit needs the terminal to take our output; a frozen client never does.
        """
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTTOU})  # restore even from the background
        self._terminated.wait()
        time.sleep(SIGTERM_GRACE)
        if self.attrs_before is not None:
            with suppress(termios.error, OSError):
                termios.tcsetattr(self.fileno, termios.TCSANOW, self.attrs_before)
        restore = threading.Thread(target=self._write_restore, daemon=True)
        restore.start()
        restore.join(0.1)  # the terminal may not take it; we are leaving either way
        os._exit(EXIT_TERMINATED)

    def _write_restore(self) -> None:
        with suppress(OSError):
            os.write(self._file.fileno(), RESTORE_MODES.encode())

    def _input_ended(self) -> None:
        """The terminal is gone (or stdin was never one): quit instead of reading nothing for ever."""
        with suppress(RuntimeError):  # the app has ended already
            self._app_loop.call_soon_threadsafe(self._app.exit)

    # -- input -------------------------------------------------------------
    def process_message(self, message: Message) -> None:
        if isinstance(message, events.Resize):  # an in-band size report: ask the terminal itself
            size = Size(*shutil.get_terminal_size())
            message = events.Resize(size, size, size, message.pixel_size)
        super().process_message(message)

    def run_input_thread(self) -> None:
        """LinuxDriver's input loop with the input fixes of the module docstring."""
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        decode = getincrementaldecoder("utf-8")(errors="replace").decode
        strings = StringSequences()
        parser = XTermParser(self._debug)
        try:
            while not self.exit_event.is_set():
                ready = selector.select(0.1)
                if ready:
                    try:
                        data = os.read(self.fileno, 4096)
                    except OSError:  # EIO: the terminal hung up
                        data = b""
                    if not data:
                        self._input_ended()
                        break
                    parser = self._feed(parser, strings(decode(data), time.monotonic()))
                else:
                    parser = self._feed(parser, None)
        finally:
            selector.close()

    def _feed(self, parser: XTermParser, text: str | None) -> XTermParser:
        """Send what `text` parses to (None: only timeouts) to the app; a parser that raises
        on hostile input is replaced by a fresh one, dropping that input."""
        try:
            for event in self._parsed(parser, text):
                self.process_message(event)
        except Exception:  # noqa: BLE001 - any parser failure: start over, never die
            return XTermParser(self._debug)
        return parser

    @staticmethod
    def _parsed(parser: XTermParser, text: str | None) -> Iterable[Message]:
        if text:
            yield from parser.feed(text)
        yield from parser.tick()


def use_for(driver_class: type[Driver]) -> type[Driver]:
    """`GdtuiDriver` where Textual would use its Linux driver; any other driver unchanged."""
    return GdtuiDriver if driver_class is LinuxDriver else driver_class

