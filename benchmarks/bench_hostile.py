"""What hostile and unlucky users cost a shared server (issue 12), in a real pty.

* memory after many language switches (L), all scenes visited first;
* the backlog when a key is held (key repeat at 30/s for 3 s): how long the
  app goes on drawing after the last key arrived;
* CPU and lifetime after the terminal goes away with SIGHUP ignored (nohup);
* how long SIGTERM takes while the terminal reads nothing (a frozen client).

Usage::

    python benchmarks/bench_hostile.py [--runs 3] [--switches 1000] [--checkout PATH]

`--checkout` measures another checkout of gdtui (e.g. main before a change)
with this interpreter, for a before/after table.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `tests.support` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support.pty import PtySession, clock, gdtui_command  # noqa: E402

START_TIMEOUT = 60.0
REPEAT = 1 / 30  # seconds between auto-repeated keys in a typical terminal
HOLD = 3.0  # seconds a key is held


class Gdtui:
    """How to start gdtui: this checkout's command, or `python -m tui` in another checkout."""

    def __init__(self, checkout: str | None) -> None:
        self.checkout = checkout

    def session(self, *args: str, shell_prefix: str = "", cols: int = 80, rows: int = 24) -> PtySession:
        argv = [sys.executable, "-m", "tui"] if self.checkout else gdtui_command()
        if shell_prefix:
            argv = ["sh", "-c", f"{shell_prefix} exec {' '.join(argv + list(args))}"]
            args = ()
        return PtySession([*argv, *args], cols, rows, cwd=self.checkout, keep_raw=False)


def footer(s: PtySession) -> None:
    s.wait_for(lambda lines: "scene " in lines[-1] or "Szene " in lines[-1], timeout=START_TIMEOUT)


def rss_mb(s: PtySession) -> float:
    return s.memory()["rss"] / 2**20


def language_switches(gdtui: Gdtui, switches: int) -> tuple[float, float, float]:
    """RSS (MB) after visiting every scene, and after `switches` presses of L; seconds they took."""
    with gdtui.session("--lang", "en") as s:
        footer(s)
        for _ in range(12):  # every scene once, as a student does in a lecture
            s.send("]")
            time.sleep(0.3)
        s.send("home")
        s.wait_idle(quiet=1.0, timeout=60)
        before, started = rss_mb(s), clock()
        for _ in range(switches):
            s.send("L")
            time.sleep(REPEAT)
        s.wait_idle(quiet=1.0, timeout=1200)
        took = clock() - started
        after = rss_mb(s)
        s.send("q")
        s.wait(10)
    return before, after, took


def backlog(gdtui: Gdtui, key: str) -> float:
    """Seconds the app keeps drawing after the last of a held key's repeats arrived."""
    with gdtui.session("--scene", "hiking") as s:
        footer(s)
        s.wait_idle(quiet=1.0, timeout=60)
        last = clock()
        while clock() - last < HOLD:  # (Tab: each repeat opens or closes the overview)
            s.send(key)
            time.sleep(REPEAT)
        last = clock()
        drawn = s.wait_idle(quiet=1.0, timeout=120)
        s.send("escape", "q")
        s.wait(10)
    return max(0.0, drawn - last)


def after_hangup(gdtui: Gdtui) -> tuple[float, float]:
    """CPU (% of a core) over the 3 s after the terminal went away, and seconds until the exit
    (inf: still running, then killed)."""
    s = gdtui.session(shell_prefix="trap '' HUP;")
    footer(s)
    s._stop.set()
    s._reader.join(timeout=2)
    cpu = cpu0 = s.cpu_seconds()
    gone = clock()
    os.close(s.proc.fd)
    while clock() - gone < 3:
        cpu = s.cpu_seconds()  # (a process that has ended can be read until it is reaped)
        if os.waitpid(s.pid, os.WNOHANG)[0]:
            lived = clock() - gone
            return 100 * (cpu - cpu0) / lived, lived
        time.sleep(0.05)
    os.kill(s.pid, signal.SIGKILL)
    os.waitpid(s.pid, 0)
    return 100 * (cpu - cpu0) / 3.0, float("inf")


def sigterm_stalled(gdtui: Gdtui) -> float:
    """Seconds from SIGTERM to the end while the terminal reads nothing (inf: not within 10 s)."""
    s = gdtui.session("--scene", "hiking", cols=120, rows=40)
    footer(s)
    s.send("space")
    time.sleep(0.5)
    s._stop.set()
    s._reader.join(timeout=2)
    time.sleep(2)  # until the pty's buffer is full
    sent = clock()
    os.kill(s.pid, signal.SIGTERM)
    while clock() - sent < 10:
        if os.waitpid(s.pid, os.WNOHANG)[0]:
            return clock() - sent
        time.sleep(0.005)
    os.kill(s.pid, signal.SIGKILL)
    os.waitpid(s.pid, 0)
    return float("inf")


def median(values: list[float]) -> float:
    return statistics.median(values)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--switches", type=int, default=1000)
    parser.add_argument("--checkout", help="measure `python -m tui` in this checkout instead")
    args = parser.parse_args(argv)
    gdtui = Gdtui(args.checkout)
    print(f"gdtui from {args.checkout or 'this checkout'}; medians of {args.runs} runs; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

    before, after, took = language_switches(gdtui, args.switches)
    print(f"{args.switches} language switches: RSS {before:.1f} MB -> {after:.1f} MB "
          f"({after - before:+.1f} MB), {took:.0f} s until drawn")
    for key in ("t", "tab", "L"):
        lag = median([backlog(gdtui, key) for _ in range(args.runs)])
        print(f"{key!r} held for {HOLD:g} s at {1 / REPEAT:.0f}/s: still drawing {lag:.2f} s after the last repeat")
    runs = [after_hangup(gdtui) for _ in range(args.runs)]
    print(f"terminal gone, SIGHUP ignored: {median([c for c, _ in runs]):.0f} % of a core, "
          f"exits after {median([t for _, t in runs]):.2f} s (inf: still running after 3 s)")
    print(f"SIGTERM with a stalled terminal: ends after "
          f"{median([sigterm_stalled(gdtui) for _ in range(args.runs)]):.2f} s (inf: not within 10 s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
