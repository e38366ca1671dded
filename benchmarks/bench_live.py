"""What every live scene costs a shared lab server: bytes per second, CPU, and bytes while paused.

Sixty students on one server, each with a live scene running, must fit in a
few cores and a thin network. Each case below starts the real `gdtui` in a
pty of 120x40 truecolor, goes to one step of one live scene, presses the
keys that change what moves (learning rate, batch size, arrows, a moved
start, a decaying rate, momentum), and then, `--windows` times: starts a fresh walk (r, space), waits
`--settle` seconds so the redraw of the fresh start is not counted, and
counts the bytes written and the CPU time used (user + system, all threads)
over `--window` seconds. The medians of the windows are reported. Then
space pauses, and after the screen has gone quiet the bytes of two more
seconds are counted.

Budget for every case: at most 12 KB/s and 5 % of one core while
animating, nothing while paused. These machines have two cores shared
with other work, so CPU figures are noisy; the load average is printed
with them.

Usage::

    python benchmarks/bench_live.py [--scene ID ...] [--windows 5] [--window 2] [--json] [--check]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support.pty import PtySession, clock, gdtui_command  # noqa: E402

COLS, ROWS = 120, 40
BUDGET_BYTES = 12_000  # per second
BUDGET_CPU = 5.0  # percent of one core
PAUSED_SLACK = 0  # bytes per second allowed while paused
START_TIMEOUT = 30.0


@dataclass(frozen=True)
class Case:
    """One live scene at one step, after `keys` (pressed once, before the windows)."""

    scene: str
    step: int  # 1-based, as the footer counts; -1 is the scene's last step
    keys: tuple[str, ...] = ()
    label: str = ""


CASES = (
    Case("derivative", -1),
    Case("derivative", -1, ("enter", *["left"] * 8, "enter"), "x moved"),
    Case("gradient", -1),
    Case("gradient", -1, ("enter", "left", "left", "down", "enter"), "cursor moved"),
    Case("hiking", 2),
    Case("hiking", 3),
    Case("hiking", 3, ("a",), "arrows"),
    Case("hiking", 3, ("d",), "decay"),
    Case("hiking", 3, ("m",), "momentum"),
    Case("hiking", 3, ("minus", "minus"), "rate 0.05"),
    Case("hiking", 3, ("plus",) * 4, "rate 0.7"),
    Case("hiking", 3, ("plus",) * 4 + ("d",), "rate 0.7 decay"),
    Case("learning-rate", 2),
    Case("learning-rate", 3),
    Case("learning-rate", 3, ("plus",) * 8, "rate 0.45"),
    Case("learning-rate", 3, ("plus",) * 11, "rate 0.6"),
    Case("sgd", 1),
    Case("sgd", 2),
    Case("sgd", 2, ("b", "b", "b"), "batch 1"),
    Case("sgd", 2, ("b",), "batch 32"),
    Case("sgd", 2, ("b", "b"), "batch all"),
    Case("sgd", 2, ("plus", "plus"), "rate 0.3"),
    Case("sgd", 2, ("minus", "minus"), "rate 0.01"),
    Case("sgd", 3),
    Case("sgd", 3, ("b", "b", "b"), "noise, batch 1"),
    Case("training", 1),
    Case("training", 2),
    Case("training", 3),
    Case("training", 3, ("b", "b", "b", "b", "b"), "batch 1"),
    Case("training", 3, ("b",), "batch all"),
    Case("training", 3, ("plus", "plus"), "rate x10"),
)


@dataclass
class Result:
    scene: str
    step: int
    label: str
    bytes_per_second: float  # median over the windows
    bytes_max: float
    cpu_percent: float  # median over the windows, of one core
    cpu_max: float
    paused_bytes_per_second: float

    @property
    def within_budget(self) -> bool:
        return (self.bytes_per_second <= BUDGET_BYTES and self.cpu_percent <= BUDGET_CPU
                and self.paused_bytes_per_second <= PAUSED_SLACK)


def live_scenes() -> list[str]:
    """Every scene that binds space (it plays something), in lecture order."""
    from scenes import load_scene, scene_ids

    def plays(scene_id: str) -> bool:
        cls = load_scene(scene_id)
        return any(getattr(b, "key", None) == "space"
                   for klass in cls.__mro__ for b in klass.__dict__.get("BINDINGS", []))

    return [scene_id for scene_id in scene_ids() if plays(scene_id)]


def on_step(step: int):
    def check(lines: list[str]) -> bool:
        return f"· step {step}/" in lines[-1]
    check.__name__ = f"footer shows step {step}"
    return check


def measure(case: Case, windows: int, window: float, settle: float) -> Result:
    from scenes import load_scene

    step = case.step if case.step > 0 else load_scene(case.scene).steps + 1 + case.step
    argv = [*gdtui_command(), "--scene", case.scene, "--lang", "en", "--no-questions"]
    with PtySession(argv, COLS, ROWS, keep_raw=False) as session:
        session.wait_for(on_step(1), timeout=START_TIMEOUT)
        for _ in range(step - 1):
            session.send("right")
        session.wait_for(on_step(step))
        session.send(*case.keys, delay=0.05)
        session.wait_idle(quiet=1.5, timeout=20)
        rates, cpus = [], []
        for _ in range(windows):
            session.send("r")
            time.sleep(0.2)
            session.send("space")
            time.sleep(settle)
            t0, c0 = clock(), session.cpu_seconds()
            time.sleep(window)
            t1, c1 = clock(), session.cpu_seconds()
            rates.append(session.bytes_between(t0, t1) / (t1 - t0))
            cpus.append(100 * (c1 - c0) / (t1 - t0))
        session.send("space")  # pause
        session.wait_idle(quiet=1.5, timeout=20)  # longer than any chart's throttle
        paused = session.measure(2.0)
        session.send("q")
        session.wait(timeout=5)
    return Result(case.scene, step, case.label, statistics.median(rates), max(rates),
                  statistics.median(cpus), max(cpus), paused)


def table(results: list[Result]) -> str:
    head = (f"{'scene':<14} {'step':>4}  {'keys':<13} {'B/s (median)':>12} {'max':>7}  "
            f"{'CPU % (median)':>14} {'max':>5}  {'paused B/s':>10}")
    lines = [head]
    for r in results:
        mark = "" if r.within_budget else "  over budget"
        lines.append(f"{r.scene:<14} {r.step:>4}  {r.label or '-':<13} {r.bytes_per_second:>12.0f} "
                     f"{r.bytes_max:>7.0f}  {r.cpu_percent:>14.1f} {r.cpu_max:>5.1f}  "
                     f"{r.paused_bytes_per_second:>10.0f}{mark}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scene", action="append", help="only this scene (repeatable)")
    parser.add_argument("--windows", type=int, default=5, help="animating windows per case (at least 5)")
    parser.add_argument("--window", type=float, default=2.0, help="seconds per window")
    parser.add_argument("--settle", type=float, default=0.5, help="seconds after play before a window starts")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--check", action="store_true", help="exit 1 when any case is over budget")
    args = parser.parse_args(argv)
    if args.windows < 5:
        parser.error("--windows must be at least 5")

    uncovered = set(live_scenes()) - {case.scene for case in CASES}
    if uncovered:
        print(f"bench_live: no case for live scene(s) {', '.join(sorted(uncovered))}", file=sys.stderr)
        return 2
    cases = [case for case in CASES if not args.scene or case.scene in args.scene]
    load_before = os.getloadavg()[0]
    results = []
    for case in cases:
        results.append(measure(case, args.windows, args.window, args.settle))
        if not args.json:
            print(table(results[-1:]).splitlines()[-1] if len(results) > 1 else table(results), flush=True)
    load_after = os.getloadavg()[0]
    if args.json:
        print(json.dumps([asdict(r) for r in results], indent=2))
    else:
        print(f"\n{COLS}x{ROWS} truecolor; {args.windows} windows of {args.window:g} s per case; "
              f"load average {load_before:.1f} before, {load_after:.1f} after, on {os.cpu_count()} cores")
        print(f"budget: <= {BUDGET_BYTES} B/s and <= {BUDGET_CPU:g} % of a core animating, "
              f"{PAUSED_SLACK} B/s paused")
    if args.check:
        return 0 if all(r.within_budget for r in results) else 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
