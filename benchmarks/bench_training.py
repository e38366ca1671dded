"""Bytes per second and key latency of the training scene while a network trains.

The scene trains in slices of at most 10 ms per frame, repaints its loss
chart and decision map at most twice a second, and refreshes only the rows
of the map that changed. This measures, in a real pty:

* bytes per second written while training runs, with every step revealed
  (chart, decision map and rules panel on screen): each window starts a new
  run (r, then space), waits `--settle` seconds so the redraw of the fresh
  run is not counted, then counts `--window` seconds. Budget at 120x40
  truecolor: at most 40 KB/s.
* key latency while training runs: the time from writing "+" (or "-") to
  the pty until the status line shows the new learning rate. Budget: median
  at most 50 ms.
* bytes per second once paused (should be about nothing).

Medians of at least 5 samples each.

Usage::

    python benchmarks/bench_training.py [--windows 7] [--window 1.0] [--keys 9] [--json] [--check]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support.pty import PtySession, gdtui_command  # noqa: E402

BUDGET_BYTES_PER_SECOND = 40_000  # at 120x40 truecolor
BUDGET_LATENCY_MS = 50.0
SIZES = ((80, 24), (120, 40))
COLOURS = {
    "truecolor": {"COLORTERM": "truecolor"},
    "256": {"COLORTERM": None, "TEXTUAL_COLOR_SYSTEM": "256"},
}
RATES = {"plus": "η 0.3 ", "minus": "η 0.1 "}  # the key, and what the status line says after it


@dataclass
class Result:
    cols: int
    rows: int
    colours: str
    training_median: float  # bytes per second
    training_min: float
    training_max: float
    latency_median_ms: float
    latency_min_ms: float
    latency_max_ms: float
    paused: float


def status_shows(text: str):
    def check(lines: list[str]) -> bool:
        return text in lines[1]
    return check


def measure(cols: int, rows: int, colours: str, windows: int, window: float, settle: float, keys: int) -> Result:
    argv = [*gdtui_command(), "--scene", "training", "--lang", "en"]
    with PtySession(argv, cols, rows, env=COLOURS[colours], keep_raw=False) as session:
        session.wait_for("step 1/", timeout=30)
        session.send("right", "right")  # reveal the decision map and the rules panel
        session.wait_for("step 3/")
        session.wait_idle(quiet=0.5)
        rates = []
        for _ in range(windows):
            session.send("r", "space")
            session.wait_for(status_shows("training"))
            time.sleep(settle)
            rates.append(session.measure(window))
        latencies = []
        for i in range(keys):
            key = "plus" if i % 2 == 0 else "minus"
            time.sleep(random.uniform(0.15, 0.35))  # land at different phases of the frame timer
            sent = session.send(key)
            seen = session.wait_for(status_shows(RATES[key]), timeout=5)
            latencies.append((seen - sent) * 1000)
        session.wait_for(status_shows("training"), timeout=1)  # still training: the latencies count
        session.send("space")  # pause
        session.wait_for(status_shows("paused"))
        session.wait_idle(quiet=1.5)  # longer than the chart and map intervals: no repaint is pending
        paused = session.measure(2.0)
        session.send("q")
        session.wait(timeout=5)
    return Result(cols, rows, colours, statistics.median(rates), min(rates), max(rates),
                  statistics.median(latencies), min(latencies), max(latencies), paused)


def table(results: list[Result]) -> str:
    lines = [f"{'size':>7}  {'colours':<9}  {'training B/s (median)':>21}  {'min':>6}  {'max':>6}  "
             f"{'key latency ms (median)':>23}  {'min':>5}  {'max':>5}  {'paused B/s':>10}"]
    for r in results:
        lines.append(f"{r.cols:>3}x{r.rows:<3}  {r.colours:<9}  {r.training_median:>21.0f}  {r.training_min:>6.0f}  "
                     f"{r.training_max:>6.0f}  {r.latency_median_ms:>23.1f}  {r.latency_min_ms:>5.1f}  "
                     f"{r.latency_max_ms:>5.1f}  {r.paused:>10.0f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--windows", type=int, default=7, help="training windows per configuration (at least 5)")
    parser.add_argument("--window", type=float, default=1.0, help="seconds per window")
    parser.add_argument("--settle", type=float, default=0.6, help="seconds after play before a window starts")
    parser.add_argument("--keys", type=int, default=9, help="key presses timed per configuration (at least 5)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--check", action="store_true",
                        help=f"exit 1 when 120x40 truecolor trains over {BUDGET_BYTES_PER_SECOND} B/s "
                             f"or answers keys slower than {BUDGET_LATENCY_MS:g} ms (median)")
    args = parser.parse_args(argv)
    if args.windows < 5 or args.keys < 5:
        parser.error("--windows and --keys must be at least 5")

    results = [measure(cols, rows, colours, args.windows, args.window, args.settle, args.keys)
               for cols, rows in SIZES for colours in COLOURS]
    print(json.dumps([asdict(r) for r in results], indent=2) if args.json else table(results))
    if args.check:
        budget = next(r for r in results if (r.cols, r.rows, r.colours) == (120, 40, "truecolor"))
        over = budget.training_median > BUDGET_BYTES_PER_SECOND or budget.latency_median_ms > BUDGET_LATENCY_MS
        return 1 if over else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
