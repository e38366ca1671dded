"""Start-up to the first complete frame, in a pty of 80x24: gdtui vs a bare Textual app.

Both apps are started alternately in the same run (the order flips every
round, after one unmeasured warm-up each), and the medians are compared,
because absolute times on shared machines are noisy. Budget: gdtui at most
1.2x the bare app.

The clock starts just before the pty is spawned and stops when the bytes
arrive that complete the first frame:

* gdtui: the footer shows "scene 1/" and the screen shows the welcome
  title;
* bare app: its Static text and its footer ("Quit").

Usage::

    python benchmarks/bench_startup.py [--runs 7] [--json] [--check]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support.bare_app import TEXT as BARE_TEXT  # noqa: E402
from tests.support.pty import PtySession, bare_app_command, gdtui_command  # noqa: E402

BUDGET = 1.2
COLS, ROWS = 80, 24


def default_title() -> str:
    """The welcome scene's title, from the English catalog (no import of the app)."""
    fallback = "How does a neural network learn?"
    try:
        import tomllib

        path = Path(__file__).resolve().parent.parent / "tui" / "catalog" / "en" / "welcome.toml"
        with open(path, "rb") as f:
            catalog = tomllib.load(f)
        return str(catalog.get("title_long") or fallback)
    except Exception:
        return fallback


def footer_index(lines: list[str]) -> int:
    """Index of the last non-blank line (the footer)."""
    for i in range(len(lines) - 1, -1, -1):
        if lines[i].strip():
            return i
    return -1


def gdtui_frame(title: str) -> Callable[[list[str]], bool]:
    def gdtui_first_frame(lines: list[str]) -> bool:
        i = footer_index(lines)
        if i < 0 or "scene 1/" not in lines[i]:
            return False
        return any(title in line for line in lines[:i])

    return gdtui_first_frame


def bare_first_frame(lines: list[str]) -> bool:
    i = footer_index(lines)
    return i >= 0 and "Quit" in lines[i] and any(BARE_TEXT in line for line in lines[:i])


@dataclass
class Run:
    app: str
    seconds: float
    first_frame_bytes: int


def measure_once(name: str, argv: list[str], frame: Callable[[list[str]], bool], timeout: float) -> Run:
    with PtySession(argv, COLS, ROWS, keep_raw=False) as session:
        t = session.wait_for(frame, timeout=timeout)
        run = Run(name, t - session.start_time, session.bytes_at_match)
        session.kill()
    return run


def summary(runs: list[Run]) -> dict[str, float]:
    secs = [r.seconds for r in runs]
    return {
        "median_ms": statistics.median(secs) * 1000,
        "min_ms": min(secs) * 1000,
        "max_ms": max(secs) * 1000,
        "first_frame_bytes": int(statistics.median(r.first_frame_bytes for r in runs)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="measured runs per app (default 7, at least 5)")
    parser.add_argument("--warmup", type=int, default=1, help="unmeasured runs per app first (default 1)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for a first frame")
    parser.add_argument("--title", default=None, help="welcome title text that completes gdtui's first frame")
    parser.add_argument(
        "--gdtui",
        default=None,
        help="command for gdtui, split on spaces (default: this Python -m tui)",
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON instead of a table")
    parser.add_argument("--check", action="store_true", help=f"exit 1 when gdtui is over {BUDGET}x the bare app")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    apps = {
        "bare": (bare_app_command(), bare_first_frame),
        "gdtui": (args.gdtui.split() if args.gdtui else gdtui_command(prefer_script=False), gdtui_frame(args.title or default_title())),
    }

    def one(name: str) -> Run:
        cmd, frame = apps[name]
        return measure_once(name, cmd, frame, args.timeout)

    for _ in range(args.warmup):
        for name in apps:
            one(name)
    runs: dict[str, list[Run]] = {name: [] for name in apps}
    for i in range(args.runs):
        order = ["bare", "gdtui"] if i % 2 == 0 else ["gdtui", "bare"]
        for name in order:
            runs[name].append(one(name))

    stats = {name: summary(r) for name, r in runs.items()}
    ratio = stats["gdtui"]["median_ms"] / stats["bare"]["median_ms"]
    ok = ratio <= BUDGET
    command = "python benchmarks/bench_startup.py" + (f" --runs {args.runs}" if args.runs != 7 else "")
    result = {
        "benchmark": "start-up to first complete frame",
        "terminal": f"pty {COLS}x{ROWS}, TERM=xterm-256color, COLORTERM=truecolor",
        "runs": args.runs,
        "warmup": args.warmup,
        "commands": {name: cmd for name, (cmd, _) in apps.items()},
        "apps": stats,
        "ratio": ratio,
        "budget": BUDGET,
        "within_budget": ok,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "command": command,
        "samples_ms": {name: [round(r.seconds * 1000, 1) for r in rs] for name, rs in runs.items()},
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"start-up to first complete frame, pty {COLS}x{ROWS}, {args.runs} interleaved runs per app "
              f"({args.warmup} warm-up)")
        print(f"{'app':<7} {'median ms':>10} {'min ms':>8} {'max ms':>8} {'first-frame bytes':>18}")
        for name in ("bare", "gdtui"):
            s = stats[name]
            print(f"{name:<7} {s['median_ms']:>10.1f} {s['min_ms']:>8.1f} {s['max_ms']:>8.1f} "
                  f"{s['first_frame_bytes']:>18d}")
        print(f"ratio gdtui/bare: {ratio:.2f} (budget <= {BUDGET:.1f}x): {'OK' if ok else 'OVER BUDGET'}")
    return 1 if (args.check and not ok) else 0


if __name__ == "__main__":
    sys.exit(main())
