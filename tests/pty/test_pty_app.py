"""The real `gdtui` command in a pseudo-terminal: first screen, keys, resize, quit.

These start the installed console script next to the running Python (what a
student runs), or ``python -m tui`` when it is not installed, through the
session helpers in tests/support/pty.py.
"""

from __future__ import annotations

import re
import signal
import subprocess

from tests.support.pty import REPO_ROOT, PtySession, gdtui_command, hermetic_env

START_TIMEOUT = 20  # a loaded lab machine or CI box can be slow to import Textual
KEY_TIMEOUT = 5
EXIT_TIMEOUT = 10

COUNTER = re.compile(r"scene (\d+)/(\d+)\W+step (\d+)/(\d+)")


def counter(lines: list[str]) -> tuple[int, int, int, int] | None:
    """(scene, scenes, step, steps) from the footer, searching from the bottom."""
    for line in reversed(lines):
        m = COUNTER.search(line)
        if m:
            return tuple(int(g) for g in m.groups())  # type: ignore[return-value]
    return None


def gdtui(cols: int = 80, rows: int = 24, *args: str, env: dict[str, str | None] | None = None) -> PtySession:
    """gdtui in a pty, without the predict-then-see questions: these tests walk scenes with → and keys,
    which a question waiting for its answer would stop (the questions have their own tests)."""
    return PtySession([*gdtui_command(), "--no-questions", *args], cols, rows, env=env)


def first_screen(s: PtySession) -> tuple[int, int, int, int]:
    s.wait_for(lambda lines: counter(lines) is not None and counter(lines)[0] == 1, timeout=START_TIMEOUT)
    pos = counter(s.screen_text())
    assert pos is not None
    return pos


def wait_counter(s: PtySession, expected: tuple[int, int, int, int]) -> None:
    s.wait_for(lambda lines: counter(lines) == expected, timeout=KEY_TIMEOUT)


def assert_quit_cleanly(s: PtySession, statuses: tuple[int, ...] = (0,)) -> None:
    status = s.wait_exit(EXIT_TIMEOUT)
    assert status in statuses, f"exit status {status}, expected one of {statuses}"
    assert s.entered_alt_screen, "gdtui never switched to the alternate screen"
    assert s.restore_problems() == [], s.restore_problems()
    assert b"Traceback" not in s.raw, s.raw[-2000:]


def test_first_screen_keys_and_q():
    with gdtui(80, 24) as s:
        scene, n, step, m = first_screen(s)
        assert (scene, step) == (1, 1)
        assert n >= 1 and m >= 1
        s.wait_for("How does a neural network learn?", timeout=KEY_TIMEOUT)  # the welcome title
        assert s.in_alt_screen and s.cursor_hidden

        # Right, then l: one step each (the welcome scene has several steps)
        assert m >= 3, "the welcome scene reveals in steps"
        s.send("right")
        wait_counter(s, (1, n, 2, m))
        s.send("l")
        wait_counter(s, (1, n, 3, m))
        # back with Left and h
        s.send("left")
        wait_counter(s, (1, n, 2, m))
        s.send("h")
        wait_counter(s, (1, n, 1, m))
        # ] jumps a whole scene, [ comes back
        s.send("]")
        if n >= 2:
            s.wait_for(lambda lines: (counter(lines) or (0,))[0] == 2 and counter(lines)[2] == 1,
                       timeout=KEY_TIMEOUT)
            s.send("[")
            wait_counter(s, (1, n, 1, m))
        else:  # only one scene: ] stays put, and the app still answers
            s.send("right")
            wait_counter(s, (1, n, 2, m))
        # PageDown advances like Right
        s.send("home")
        wait_counter(s, (1, n, 1, m))
        s.send("pagedown")
        wait_counter(s, (1, n, 2, m))

        s.send("q")
        assert_quit_cleanly(s)


def test_ctrl_c_quits_cleanly():
    with gdtui(80, 24) as s:
        first_screen(s)
        s.send("ctrl+c")
        assert_quit_cleanly(s)


def test_sigterm_quits_cleanly_and_restores_the_terminal():
    with gdtui(80, 24) as s:
        first_screen(s)
        s.signal(signal.SIGTERM)
        # exit 0, 128+15 or death by SIGTERM after cleaning up are all conventional
        assert_quit_cleanly(s, statuses=(0, 128 + signal.SIGTERM, -signal.SIGTERM))


def test_sighup_ends_without_traceback():
    """A dropped SSH connection: the process must go away, quietly."""
    with gdtui(80, 24) as s:
        first_screen(s)
        s.signal(signal.SIGHUP)
        status = s.wait(EXIT_TIMEOUT)
        assert status is not None, "gdtui kept running after SIGHUP"
        assert b"Traceback" not in s.raw


def test_resize_redraws_and_small_terminal_notice():
    with gdtui(80, 24) as s:
        first_screen(s)
        title_line = next(i for i, line in enumerate(s.screen_text()) if "How does a neural network" in line)

        s.resize(120, 40)
        # the footer moves to the new last row, and the content is still there
        s.wait_for(lambda lines: counter(lines[-1:]) is not None
                   and any("How does a neural network" in line for line in lines),
                   timeout=KEY_TIMEOUT)
        assert "needs at least" not in s.screen_string()

        s.resize(60, 15)
        # the notice names the terminal's new size (a frame laid out for the
        # old size may arrive first; wait for the final one)
        s.wait_for(lambda lines: any("needs at least" in line and re.search(r"60\s*[x×]\s*15", line)
                                     for line in lines),
                   timeout=KEY_TIMEOUT)

        s.resize(80, 24)
        s.wait_for(lambda lines: counter(lines[-1:]) is not None
                   and not any("needs at least" in line for line in lines)
                   and "How does a neural network" in lines[title_line],
                   timeout=KEY_TIMEOUT)

        s.send("q")
        assert_quit_cleanly(s)


def test_unknown_scene_exits_2_with_one_line():
    result = subprocess.run(
        [*gdtui_command(), "--scene", "nope"],
        cwd=REPO_ROOT,
        env=hermetic_env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "nope" in lines[0] and "welcome" in lines[0]
    assert "Traceback" not in result.stderr


def test_unknown_scene_starts_no_ui_in_a_terminal():
    with gdtui(200, 24, "--scene", "nope") as s:  # wide: the one line must not wrap
        assert s.wait_exit(30) == 2
        assert not s.entered_alt_screen
        text = s.screen_string()
        assert "nope" in text and "Traceback" not in text
        assert len([line for line in text.splitlines() if line.strip()]) == 1, text


def test_german_from_the_locale():
    """LANG=de_DE.UTF-8 (no --lang) starts in German: German title and footer."""
    with gdtui(80, 24, env={"LANG": "de_DE.UTF-8"}) as s:
        s.wait_for(lambda lines: "Szene 1/" in lines[-1]
                   and any("Wie lernt ein neuronales Netz?" in line for line in lines),
                   timeout=START_TIMEOUT)
        assert "How does a neural network learn?" not in s.screen_string()
        s.send("q")
        assert_quit_cleanly(s)
