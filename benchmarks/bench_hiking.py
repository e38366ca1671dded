"""Bytes per second the hiking scene sends to the terminal while hikers walk, and while paused.

Over SSH every byte of an animation crosses the network, thirty students at
a time. The scene draws its contour map once per size and then refreshes
only the cells hikers leave and enter; this measures what that costs in a
real pty, at 80x24 and 120x40, in truecolor and in 256 colours (SSH seldom
forwards COLORTERM).

Each walking window starts a fresh walk (r: new starts, space: play), waits
`--settle` seconds so the redraw of the new starts is not counted, and then
counts the bytes of `--window` seconds while every hiker is still on the
way. The median of the windows is reported. The paused figure is measured
after pausing. Budget: at most 12 KB/s at 120x40 truecolor, and nothing
while paused.

Usage::

    python benchmarks/bench_hiking.py [--windows 7] [--window 1.0] [--json] [--check]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support.pty import PtySession, gdtui_command  # noqa: E402

BUDGET_BYTES_PER_SECOND = 12_000  # at 120x40 truecolor
SIZES = ((80, 24), (120, 40))
COLOURS = {
    "truecolor": {"COLORTERM": "truecolor"},
    "256": {"COLORTERM": None, "TEXTUAL_COLOR_SYSTEM": "256"},
}


@dataclass
class Result:
    cols: int
    rows: int
    colours: str
    walking_median: float  # bytes per second
    walking_min: float
    walking_max: float
    paused: float


def measure(cols: int, rows: int, colours: str, windows: int, window: float, settle: float) -> Result:
    argv = [*gdtui_command(), "--scene", "hiking"]
    with PtySession(argv, cols, rows, env=COLOURS[colours], keep_raw=False) as session:
        session.wait_for("step 1/", timeout=30)
        session.wait_idle(quiet=0.5)
        rates = []
        for _ in range(windows):
            session.send("r", "space")
            time.sleep(settle)
            rates.append(session.measure(window))
        session.send("space")  # pause
        session.wait_idle(quiet=0.5)
        paused = session.measure(2.0)
        session.send("q")
        session.wait(timeout=5)
    return Result(cols, rows, colours, statistics.median(rates), min(rates), max(rates), paused)


def table(results: list[Result]) -> str:
    lines = [f"{'size':>7}  {'colours':<9}  {'walking B/s (median)':>20}  {'min':>7}  {'max':>7}  {'paused B/s':>10}"]
    for r in results:
        lines.append(f"{r.cols:>3}x{r.rows:<3}  {r.colours:<9}  {r.walking_median:>20.0f}  "
                     f"{r.walking_min:>7.0f}  {r.walking_max:>7.0f}  {r.paused:>10.0f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--windows", type=int, default=7, help="walking windows per configuration (at least 5)")
    parser.add_argument("--window", type=float, default=1.0, help="seconds per window")
    parser.add_argument("--settle", type=float, default=0.4, help="seconds after play before a window starts")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--check", action="store_true",
                        help=f"exit 1 when 120x40 truecolor walks over {BUDGET_BYTES_PER_SECOND} B/s or paused is not ~0")
    args = parser.parse_args(argv)
    if args.windows < 5:
        parser.error("--windows must be at least 5")

    results = [measure(cols, rows, colours, args.windows, args.window, args.settle)
               for cols, rows in SIZES for colours in COLOURS]
    print(json.dumps([asdict(r) for r in results], indent=2) if args.json else table(results))
    if args.check:
        budget = next(r for r in results if (r.cols, r.rows, r.colours) == (120, 40, "truecolor"))
        over = budget.walking_median > BUDGET_BYTES_PER_SECOND or any(r.paused > 50 for r in results)
        return 1 if over else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
