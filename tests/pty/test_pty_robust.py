"""The real gdtui in a pty under lab conditions: a resize storm, LANG=C, NO_COLOR, 256 and 16 colours, TERM=linux.

The in-process tests (tests/app) check what Textual renders; these check the
bytes that reach a terminal, through the session helpers in
tests/support/pty.py.
"""

from __future__ import annotations

import random
import re
import time
from typing import Callable

import pytest

from tests.support.pty import PtySession
from tests.pty.test_pty_app import (
    KEY_TIMEOUT,
    START_TIMEOUT,
    assert_quit_cleanly,
    counter,
    first_screen,
    gdtui,
)

HIKING = "7. Hiking down the valley"  # the title bar of the animated scene the storm runs on
STORM_SEED = 8
STORM_RESIZES = 300
STORM_SIZES = ((40, 160), (12, 50))  # (min, max) columns, (min, max) rows
SETTLED = (100, 30)

Cells = list[list[tuple[str, str, str]]]


def hiking_drawn(lines: list[str]) -> bool:
    """The title on the top row, the footer on the bottom row, nothing left of the size notice."""
    pos = counter(lines[-1:])
    return (pos is not None and pos[0] == 7 and HIKING in lines[0]
            and not any("needs at least" in line for line in lines))


WALK = re.compile(r"\biteration (\d+) of at most")  # hiking's status: "iteration 12 of at most 150: walking 4"


def walked(steps: int) -> Callable[[list[str]], bool]:
    """Screen predicate: the hikers' walk has reached `steps` steps (0: a fresh, paused walk)."""

    def walk_reached(lines: list[str]) -> bool:
        found = [int(m.group(1)) for line in lines if (m := WALK.search(line))]
        return bool(found) and (found[0] == 0 if steps == 0 else found[0] >= steps)

    walk_reached.__name__ = f"walk at step {steps}" + ("" if steps == 0 else " or later")
    return walk_reached


def to_the_walk(s: PtySession) -> None:
    """Hiking shows the map first and walks from its second step on: go there."""
    s.send("right")
    s.wait_for(lambda lines: (counter(lines[-1:]) or (0, 0, 0))[2] == 2, timeout=KEY_TIMEOUT)


def new_starts_drawn(s: PtySession) -> None:
    """Back to the seeded starts, paused at iteration 0, and wait until the screen no longer
    changes. r restarts the same hikers; on a walk still at iteration 0 there is nothing to
    restart and nothing to redraw, so no bytes to wait for."""
    if not walked(0)(s.screen_text()):
        before = s.bytes_total
        s.send("r")
        s.wait_for(lambda lines: s.bytes_total > before and walked(0)(lines), timeout=KEY_TIMEOUT)
    s.wait_idle(quiet=0.5, timeout=KEY_TIMEOUT)


def test_scene_keys_work_after_the_too_small_notice():
    """A student shrinks the window for a moment: space and r must still reach the scene."""
    with gdtui(*SETTLED, "--scene", "hiking") as s:
        s.wait_for(hiking_drawn, timeout=START_TIMEOUT)
        to_the_walk(s)
        s.resize(60, 15)
        s.wait_for("needs at least", timeout=KEY_TIMEOUT)
        s.wait_idle(quiet=0.5, timeout=KEY_TIMEOUT)
        s.resize(*SETTLED)
        s.wait_for(hiking_drawn, timeout=KEY_TIMEOUT)
        s.send("space")
        s.wait_for(walked(1), timeout=3)  # a working scene walks within a frame or two
        s.send("q")
        assert_quit_cleanly(s)


def cells(s: PtySession) -> Cells:
    """Character, foreground and background of every cell (call when the app is idle); a blank's
    foreground does not show, and an update may send a blank in its neighbour's (tui.output)."""
    buffer = s.screen.buffer
    return [[(c.data, None if c.data == " " and not c.reverse else c.fg, c.bg)
             for c in (buffer[y][x] for x in range(s.cols))] for y in range(s.rows)]


def differences(got: Cells, expected: Cells) -> list[str]:
    """The rows that differ, each as the two texts and the first differing column."""
    found = []
    for y, (row, want) in enumerate(zip(got, expected)):
        if row != want:
            x = next(i for i, (a, b) in enumerate(zip(row, want)) if a != b)
            found.append(f"row {y}, from column {x}: got {row[x]} expected {want[x]}\n"
                         f"  got      |{''.join(c[0] for c in row).rstrip()}\n"
                         f"  expected |{''.join(c[0] for c in want).rstrip()}")
    return found


def test_resize_storm_during_an_animation_leaves_no_stale_cells():
    """Hundreds of seeded random resizes while hikers walk; then the screen equals a fresh start's."""
    with gdtui(*SETTLED, "--scene", "hiking") as fresh:
        fresh.wait_for(hiking_drawn, timeout=START_TIMEOUT)
        to_the_walk(fresh)
        new_starts_drawn(fresh)
        expected = cells(fresh)
        fresh.send("q")
        assert_quit_cleanly(fresh)

    rng = random.Random(STORM_SEED)
    (min_cols, max_cols), (min_rows, max_rows) = STORM_SIZES
    with gdtui(80, 24, "--scene", "hiking") as s:
        s.wait_for(hiking_drawn, timeout=START_TIMEOUT)
        to_the_walk(s)
        s.send("space")
        s.wait_for(walked(1), timeout=KEY_TIMEOUT)
        for _ in range(STORM_RESIZES):
            s.resize(rng.randint(min_cols, max_cols), rng.randint(min_rows, max_rows))
            time.sleep(rng.uniform(0, 0.004))
        s.resize(*SETTLED)
        s.wait_for(hiking_drawn, timeout=START_TIMEOUT)
        assert s.isalive()

        new_starts_drawn(s)  # the same seeded state as the fresh start: every cell must match
        assert len(s.screen_text()) == SETTLED[1] and len(s.screen_text()[0]) == SETTLED[0]
        problems = differences(cells(s), expected)
        assert problems == [], "\n".join(problems)

        s.send("q")
        assert_quit_cleanly(s)


# --------------------------------------------------------------------------
# Characters and colours

# Escape sequences: CSI, OSC / DCS / APC strings, and the two-byte ones (charset, keypad, save cursor).
ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[\]P_^X].*?(?:\x07|\x1b\\)|\x1b[ -/]*[0-~]", re.DOTALL)


def non_ascii_text(raw: bytes) -> list[bytes]:
    """Snippets of text outside escape sequences that contain bytes >= 0x80."""
    text = ESCAPES.sub(b"", raw)
    return [text[max(0, i - 20):i + 20] for i, byte in enumerate(text) if byte >= 0x80][:5]


def test_c_locale_sends_only_ascii_through_every_scene_and_step():
    """LANG=C and LC_ALL=C: box drawing, blocks, arrows and maths all fall back to ASCII."""
    with gdtui(80, 24, env={"LANG": "C", "LC_ALL": "C"}) as s:
        position = first_screen(s)
        s.wait_idle(quiet=0.3)
        assert non_ascii_text(s.raw) == []
        assert s.screen_string().isascii()

        last_scene = position[1]
        while True:
            if position[2] == 1:  # a scene's first step: play it for a moment (space does nothing elsewhere)
                s.send("space")
                time.sleep(0.3)
            if position[0] == last_scene and position[2] == position[3]:
                break
            s.send("right")
            s.wait_for(lambda lines, old=position: counter(lines[-1:]) not in (None, old), timeout=KEY_TIMEOUT)
            position = counter(s.screen_text()[-1:])
            assert position is not None
        s.send("q")
        assert_quit_cleanly(s)
        assert non_ascii_text(s.raw) == []


SGR_TRUECOLOR = re.compile(rb"\x1b\[[0-9;]*?[34]8;2;(\d+);(\d+);(\d+)")

TERMINALS = {
    "NO_COLOR": {"NO_COLOR": "1"},
    "256 colours": {"TEXTUAL_COLOR_SYSTEM": "256", "COLORTERM": None},
    "16 colours": {"TEXTUAL_COLOR_SYSTEM": "standard", "COLORTERM": None},
    "TERM=linux": {"TERM": "linux", "COLORTERM": None},
}


@pytest.mark.parametrize("terminal", TERMINALS)
def test_terminal_starts_animates_and_quits_cleanly(terminal):
    """Each lab terminal: the animated scene draws and walks, the next scene draws, q restores."""
    with gdtui(80, 24, "--scene", "hiking", env=TERMINALS[terminal]) as s:
        s.wait_for(hiking_drawn, timeout=START_TIMEOUT)
        to_the_walk(s)
        s.send("space")
        s.wait_for(walked(3), timeout=KEY_TIMEOUT)
        s.send("]")
        s.wait_for(lambda lines: (counter(lines[-1:]) or (0,))[0] == 8, timeout=KEY_TIMEOUT)
        s.send("q")
        assert_quit_cleanly(s)
        if terminal == "NO_COLOR":
            colours = {tuple(m.groups()) for m in SGR_TRUECOLOR.finditer(s.raw)}
            assert colours and all(r == g == b for r, g, b in colours), sorted(colours)[:10]
