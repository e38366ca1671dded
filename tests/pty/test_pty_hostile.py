"""The real gdtui in a pty, treated as hostile and unlucky users would (issue 12).

Odd bytes, keys in bursts, a terminal that goes away or stops reading, job
control, a crash. The parts that need no terminal are in tests/app/test_hostile.py.
"""

from __future__ import annotations

import os
import re
import signal
import sys
import termios
import textwrap
import time

import pytest

from tests.support.pty import PtySession, gdtui_command
from tests.pty.test_pty_app import (
    EXIT_TIMEOUT,
    KEY_TIMEOUT,
    START_TIMEOUT,
    assert_quit_cleanly,
    counter,
    first_screen,
    gdtui,
)

pytestmark = pytest.mark.slow

STEP_TWO = (1, 13, 2, 3)  # the footer after one step forward on the welcome scene


def position(lines: list[str]) -> tuple[int, int, int, int] | None:
    return counter(lines[-1:])


def proc_stat(pid: int) -> list[str]:
    with open(f"/proc/{pid}/stat") as f:
        return f.read().rsplit(")", 1)[1].split()


def threads(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/task"))


def wait_state(pid: int, state: str, timeout: float = KEY_TIMEOUT) -> str:
    deadline = time.monotonic() + timeout
    while (now := proc_stat(pid)[0]) != state and time.monotonic() < deadline:
        time.sleep(0.02)
    return now


@pytest.mark.parametrize("data", [
    b"\xff",  # not UTF-8 at all
    b"\xe4",  # "ae" from a Latin-1 terminal
    b"\x1b[9999999999~",  # chr() of a huge number: OverflowError in the parser
    b"\x1b[1114112~",  # one past the last code point: ValueError
    b"\x1b[48;3000;3000;0;0t",  # an in-band "resize" to 3000x3000
    b"\x1b]0;hello",  # an unterminated title string: "h", "l", "o" would navigate
], ids=["ff", "latin1", "overflow", "not-a-char", "in-band-size", "open-osc"])
def test_hostile_bytes_leave_the_app_working(data):
    with gdtui(80, 24) as s:
        first_screen(s)
        s.send(data)
        time.sleep(0.3)  # past the escape delay: nothing of it may turn into keys
        s.send("right")
        s.wait_for(lambda lines: position(lines) == STEP_TWO, timeout=KEY_TIMEOUT)
        assert s.memory()["rss"] < 150 * 2**20
        s.send("q")
        assert_quit_cleanly(s)


def rule(name: str, value: str):
    pattern = re.compile(rf"{re.escape(name)}\s+{re.escape(value)}(\s|$)")

    def shows(lines: list[str]) -> bool:
        return any(pattern.search(line) for line in lines)

    shows.__name__ = f"rule {name!r} at {value}"
    return shows


def test_keys_in_one_read_reach_the_input_in_order():
    with gdtui(100, 30, "--scene", "training", "--step", "3", "--lang", "en") as s:  # i acts where the rules show
        s.wait_for(lambda lines: (position(lines) or (0, 0, 0))[::2] == (11, 3), timeout=START_TIMEOUT)
        s.send(b"i12\x7f5\r")  # one write: one read for the app
        s.wait_for(rule("at most", "15"), timeout=KEY_TIMEOUT)
        s.send(b"i40\r")
        s.wait_for(rule("at most", "40"), timeout=KEY_TIMEOUT)
        assert "go to" not in s.line(-1)  # no digit reached the scene-number buffer
        s.send("q")
        assert_quit_cleanly(s)


def test_a_lost_terminal_ends_gdtui_even_with_sighup_ignored():
    """An SSH client killed while gdtui runs under nohup: it must not spin for ever."""
    command = ["sh", "-c", "trap '' HUP; exec " + " ".join(gdtui_command())]
    with PtySession(command, 80, 24) as s:
        first_screen(s)
        s._stop.set()  # the harness stops reading; then the terminal goes away
        s._reader.join(timeout=2)
        os.close(s.proc.fd)
        deadline = time.monotonic() + EXIT_TIMEOUT
        while time.monotonic() < deadline:
            pid, _ = os.waitpid(s.pid, os.WNOHANG)
            if pid:
                break
            time.sleep(0.05)
        else:
            pytest.fail(f"gdtui still runs {EXIT_TIMEOUT} s after its terminal went away "
                        f"({proc_stat(s.pid)[11:13]} clock ticks of CPU)")


def test_stop_and_continue_keep_one_input_thread_and_q_still_quits():
    with gdtui(80, 24, "--scene", "sources") as s:  # the last scene: no import-ahead thread
        s.wait_for(lambda lines: position(lines) is not None, timeout=START_TIMEOUT)
        s.wait_idle(quiet=0.5)
        before = threads(s.pid)
        for _ in range(3):
            s.signal(signal.SIGSTOP)
            assert wait_state(s.pid, "T") == "T"
            s.signal(signal.SIGCONT)
            time.sleep(0.2)
        assert threads(s.pid) == before
        s.send("right")
        s.wait_for(lambda lines: (position(lines) or (0,) * 3)[2] == 2, timeout=KEY_TIMEOUT)
        s.send("q")
        assert_quit_cleanly(s)


def test_sigterm_still_ends_gdtui_after_stop_and_continue():
    with gdtui(80, 24) as s:
        first_screen(s)
        s.signal(signal.SIGSTOP)
        wait_state(s.pid, "T")
        s.signal(signal.SIGCONT)
        time.sleep(0.2)
        s.signal(signal.SIGTERM)
        assert_quit_cleanly(s, statuses=(128 + signal.SIGTERM,))


def test_ctrl_z_gives_the_terminal_back_and_fg_redraws():
    with gdtui(80, 24) as s:
        first_screen(s)
        s.send("right")
        s.wait_for(lambda lines: position(lines) == STEP_TWO, timeout=KEY_TIMEOUT)
        s.send("ctrl+z")
        assert wait_state(s.pid, "T") == "T", "Ctrl+Z did not suspend gdtui"
        s.wait_for(lambda lines: not s.modes.is_set(1049) and s.modes.modes.get(25) is True, timeout=KEY_TIMEOUT)
        assert termios.tcgetattr(s.proc.fd)[3] & termios.ICANON, "the tty is still raw"
        with s._lock:
            s.screen.reset()  # what gdtui draws after fg must be drawn anew
        s.signal(signal.SIGCONT)  # what the shell's fg sends
        # (predicates run with the harness lock held: read its modes directly)
        s.wait_for(lambda lines: s.modes.is_set(1049) and position(lines) == STEP_TWO
                   and any("How does a neural network learn?" in line for line in lines),
                   timeout=KEY_TIMEOUT)
        s.send("right")  # and it works as before
        s.wait_for(lambda lines: (position(lines) or (0,) * 3)[2] == 3, timeout=KEY_TIMEOUT)
        s.send("q")
        assert_quit_cleanly(s)


def test_sigterm_ends_gdtui_while_the_terminal_reads_nothing():
    """A frozen SSH client: the output stalls, SIGTERM must still end gdtui at once."""
    with gdtui(120, 40, "--scene", "hiking") as s:
        s.wait_for(lambda lines: position(lines) is not None, timeout=START_TIMEOUT)
        s.send("space")  # hikers walk: output never stops
        time.sleep(0.5)
        s._stop.set()  # the terminal stops reading
        s._reader.join(timeout=2)
        time.sleep(2)  # until the pty's buffer is full and gdtui's writes block
        sent = time.monotonic()
        s.signal(signal.SIGTERM)
        while proc_stat(s.pid)[0] != "Z" and time.monotonic() - sent < EXIT_TIMEOUT:
            time.sleep(0.01)
        took = time.monotonic() - sent
        print(f"SIGTERM to exit with a stalled terminal: {took:.2f} s")
        assert proc_stat(s.pid)[0] == "Z", f"gdtui still runs {took:.1f} s after SIGTERM"
        assert s.wait(EXIT_TIMEOUT) == 128 + signal.SIGTERM
        assert s.tty_problems() == []


CRASHING = textwrap.dedent("""
    import sys
    from tui.app import GdtuiApp
    from tui.cli import main
    GdtuiApp.action_help = lambda self: 1 / 0  # an unexpected error on "?"
    sys.exit(main(sys.argv[1:]))
""")


def test_a_crash_exits_1_with_one_line_naming_the_report(tmp_path):
    with PtySession([sys.executable, "-c", CRASHING, "--lang", "en"], 100, 24,
                    env={"XDG_STATE_HOME": str(tmp_path)}) as s:
        first_screen(s)
        s.send("?")
        assert_quit_cleanly(s, statuses=(1,))
        reports = list((tmp_path / "gdtui").iterdir())
        assert len(reports) == 1 and "ZeroDivisionError" in reports[0].read_text()
        after = s.raw.rpartition(b"\x1b[?1049l")[2]  # what the shell's screen got after gdtui
        text = re.sub(rb"\x1b\[[0-?]*[ -/]*[@-~]", b"", after).decode().strip()
        assert text == f"gdtui: stopped after an unexpected error; the report is in {reports[0]}"
