"""Tests of the pty session helpers themselves (tests/support/pty.py), with tiny child programs."""

from __future__ import annotations

import signal
import sys
import textwrap
import time

import pytest

from tests.support.pty import (
    PtySession,
    PtyTimeout,
    ProcessExited,
    bare_app_command,
    clock,
    hermetic_env,
    key_bytes,
)


def py(code: str) -> list[str]:
    """argv running ``code`` with this interpreter."""
    return [sys.executable, "-c", textwrap.dedent(code)]


# -- pure helpers -----------------------------------------------------------


def test_key_bytes_names_and_characters():
    assert key_bytes("right") == b"\x1b[C"
    assert key_bytes("Left") == b"\x1b[D"
    assert key_bytes("pageup") == b"\x1b[5~"
    assert key_bytes("pagedown") == b"\x1b[6~"
    assert key_bytes("home") == b"\x1b[H"
    assert key_bytes("end") == b"\x1b[F"
    assert key_bytes("tab") == b"\t"
    assert key_bytes("enter") == b"\r"
    assert key_bytes("escape") == b"\x1b"
    assert key_bytes("ctrl+c") == b"\x03"
    assert key_bytes("space") == b" "
    assert key_bytes("L") == b"L"
    assert key_bytes("]") == b"]"
    assert key_bytes("ä") == "ä".encode()
    with pytest.raises(ValueError):
        key_bytes("nosuchkey")


def test_hermetic_env(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TEXTUAL_COLOR_SYSTEM", "standard")
    monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")
    monkeypatch.setenv("COLUMNS", "33")
    env = hermetic_env()
    assert "NO_COLOR" not in env
    assert "TEXTUAL_COLOR_SYSTEM" not in env
    assert "LC_ALL" not in env and "COLUMNS" not in env
    assert env["TERM"] == "xterm-256color"
    assert env["COLORTERM"] == "truecolor"
    assert "PATH" in env
    env = hermetic_env({"NO_COLOR": "1", "COLORTERM": None, "TERM": "linux"})
    assert env["NO_COLOR"] == "1" and "COLORTERM" not in env and env["TERM"] == "linux"


# -- with a child process -----------------------------------------------------


def test_keys_reach_the_child_as_xterm_bytes():
    keys = ["right", "left", "pageup", "pagedown", "home", "end", "tab", "enter", "ctrl+c", "space", "q", "]"]
    expected = b"".join(key_bytes(k) for k in keys)
    child = py(
        f"""
        import os, sys, tty
        tty.setraw(0)
        data = b""
        while len(data) < {len(expected)}:
            data += os.read(0, 100)
        sys.stdout.write("got " + data.hex() + "\\r\\n")
        sys.stdout.flush()
        """
    )
    with PtySession(child, 120, 10) as s:
        time.sleep(0.3)  # let the child switch to raw mode before typing
        s.send(keys)
        s.wait_for("got ", timeout=10)
        assert s.wait_exit(10) == 0
        text = "".join(line.strip() for line in s.screen_text())
        assert "got " + expected.hex() in text


def test_counts_every_byte_with_timestamps():
    child = py(
        """
        import sys, time
        sys.stdout.write("x" * 1500); sys.stdout.flush()
        time.sleep(0.4)
        sys.stdout.write("y" * 1000); sys.stdout.flush()
        time.sleep(0.3)
        """
    )

    def count(ch, n):
        return lambda lines: sum(line.count(ch) for line in lines) == n

    with PtySession(child, 120, 40) as s:
        t_x = s.wait_for(count("x", 1500), timeout=10)
        assert s.bytes_at_match == 1500
        t_y = s.wait_for(count("y", 1000), timeout=10)
        assert s.bytes_at_match == 2500
        assert s.wait_exit(10) == 0
        assert s.bytes_total == 2500
        assert s.bytes_between(s.start_time, clock()) == 2500
        assert s.bytes_between(s.start_time, t_x) == 1500
        assert s.bytes_between(t_x, t_y) == 1000
        assert s.bytes_between(t_y, clock()) == 0
        assert t_y - t_x > 0.2


def test_measure_rate():
    child = py(
        """
        import sys, time
        for _ in range(200):
            sys.stdout.write("z" * 100); sys.stdout.flush(); time.sleep(0.01)
        """
    )
    with PtySession(child, 80, 24, keep_raw=False) as s:
        s.wait_for(lambda lines: "z" in "".join(lines), timeout=10)
        rate = s.measure(0.5)
        # ~100 bytes per 10 ms; wide bounds for a busy machine
        assert 1000 < rate < 20000


def test_resize_sends_sigwinch_and_resizes_the_screen():
    child = py(
        """
        import os, signal, sys, time
        def report(*_):
            c, r = os.get_terminal_size(1)
            sys.stdout.write(f"size {c}x{r}\\r\\n"); sys.stdout.flush()
        signal.signal(signal.SIGWINCH, report)
        sys.stdout.write("ready\\r\\n"); sys.stdout.flush()
        time.sleep(20)
        """
    )
    with PtySession(child, 80, 24) as s:
        s.wait_for("ready", timeout=10)
        s.resize(100, 30)
        s.wait_for("size 100x30", timeout=10)
        assert len(s.screen_text()) == 30 and len(s.screen_text()[0]) == 100
        s.resize(40, 10)
        s.wait_for("size 40x10", timeout=10)
        assert len(s.screen_text()) == 10 and len(s.screen_text()[0]) == 40


def test_tracks_modes_left_on():
    child = py(
        r"""
        import sys
        sys.stdout.write("\x1b[?1049h\x1b[?25l\x1b[?1000h\x1b[?1006h\x1b[>1uhello")
        sys.stdout.flush()
        """
    )
    with PtySession(child, 80, 24) as s:
        assert s.wait_exit(10) == 0
        assert s.entered_alt_screen and s.in_alt_screen and s.cursor_hidden
        problems = s.restore_problems()
        assert any("alternate screen" in p for p in problems)
        assert "cursor still hidden" in problems
        assert any("1000" in p for p in problems) and any("1006" in p for p in problems)
        assert any("kitty" in p for p in problems)


def test_tracks_modes_restored_even_when_sequences_are_split():
    child = py(
        r"""
        import sys, time
        w = sys.stdout.write
        w("\x1b[?1049h\x1b[?25l\x1b[?1003h\x1b[>1uA"); sys.stdout.flush(); time.sleep(0.2)
        w("B\x1b[<"); sys.stdout.flush(); time.sleep(0.2)
        w("uC\x1b[?10"); sys.stdout.flush(); time.sleep(0.2)
        w("03l\x1b[?1049l\x1b"); sys.stdout.flush(); time.sleep(0.2)
        w("[?25hD"); sys.stdout.flush()
        """
    )
    with PtySession(child, 80, 24) as s:
        assert s.wait_exit(10) == 0
        assert s.entered_alt_screen
        assert s.restore_problems() == []
        # the kitty sequences never reach the screen as stray characters
        assert "ABCD" in s.screen_string()


def test_wait_for_times_out_with_the_screen_in_the_message():
    child = py("import time; print('something else'); time.sleep(20)")
    with PtySession(child, 80, 24) as s:
        start = time.monotonic()
        with pytest.raises(PtyTimeout) as info:
            s.wait_for("never shown", timeout=0.5)
        assert time.monotonic() - start < 3
        assert "something else" in str(info.value)


def test_wait_for_fails_fast_when_the_process_exits():
    with PtySession(py("import sys; print('bye'); sys.exit(3)"), 80, 24) as s:
        start = time.monotonic()
        with pytest.raises(ProcessExited) as info:
            s.wait_for("never shown", timeout=20)
        assert time.monotonic() - start < 5
        assert "status 3" in str(info.value)
        assert s.wait_exit(5) == 3


def test_close_kills_a_child_that_ignores_sigterm():
    child = py(
        """
        import signal, sys, time
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        print("stubborn"); sys.stdout.flush()
        time.sleep(60)
        """
    )
    s = PtySession(child, 80, 24)
    try:
        s.wait_for("stubborn", timeout=10)
        start = time.monotonic()
        status = s.close(grace=0.5)
        assert time.monotonic() - start < 5
        assert status == -signal.SIGKILL
        assert not s.isalive()
    finally:
        s.close()


def test_bare_textual_app_lifecycle():
    """The reference app: first frame, keys, quit, terminal restored."""
    with PtySession(bare_app_command(), 80, 24) as s:
        s.wait_for(lambda lines: "Quit" in lines[-1] and "Bare Textual app" in "".join(lines), timeout=20)
        assert s.entered_alt_screen and s.in_alt_screen and s.cursor_hidden
        assert s.bytes_total > 1000
        s.send("q")
        assert s.wait_exit(10) == 0
        assert s.restore_problems() == []


def test_tracks_tty_settings_left_raw():
    with PtySession(py("import tty; tty.setraw(0); print('raw')"), 80, 24) as s:
        assert s.wait_exit(10) == 0
        problems = s.tty_problems()
        assert "tty left with echo off" in problems
        assert "tty left with canonical (line) mode off" in problems
        assert set(problems) <= set(s.restore_problems())
    with PtySession(py("import termios, tty; a = termios.tcgetattr(0); tty.setraw(0); "
                       "termios.tcsetattr(0, termios.TCSANOW, a)"), 80, 24) as s:
        assert s.wait_exit(10) == 0
        assert s.tty_problems() == []
        assert s.restore_problems() == []


def test_cpu_and_memory_of_the_child():
    child = py(
        """
        import sys, time
        block = bytearray(30 * 1024 * 1024)  # touch 30 MB
        for i in range(0, len(block), 4096):
            block[i] = 1
        t = time.process_time()
        while time.process_time() - t < 0.3:
            pass
        print("done"); sys.stdout.flush()
        time.sleep(20)
        """
    )
    with PtySession(child, 80, 24) as s:
        s.wait_for("done", timeout=20)
        assert s.cpu_seconds() >= 0.25
        mem = s.memory()
        assert mem["peak_rss"] >= 30 * 1024 * 1024
        assert 0 < mem["rss"] <= mem["peak_rss"]
        c0 = s.cpu_seconds()
        time.sleep(0.3)
        assert s.cpu_seconds() - c0 < 0.1  # sleeping costs (almost) nothing


def test_counting_without_a_screen():
    child = py(r"import sys; sys.stdout.write('\x1b[?1049h' + 'w' * 1000 + '\x1b[?1049l'); sys.stdout.flush()")
    with PtySession(child, 80, 24, track_screen=False, keep_raw=False) as s:
        assert s.wait_exit(10) == 0
        assert s.bytes_total == 1000 + 16
        assert s.entered_alt_screen and s.restore_problems() == []
        assert "w" not in s.screen_string()
