"""Whole-app budgets in a pty of 80x24: idle CPU, peak memory after every scene, key to next scene.

What a lab machine feels when thirty students run gdtui at once:

* idle CPU on a static scene: `python -m tui` starts on the welcome scene,
  draws its first frame, settles for `--settle` seconds, and then the CPU
  time of its process (user + system, all threads) is read over a
  `--window` second window, as a percentage of one core. The bytes it sends
  in that window are counted too (a static scene should send none).
  Budget: at most 0.5 %.
* key to next scene drawn: from writing `]` to the arrival of the bytes that
  show the next scene's number in the footer and its title in the title
  bar. Every scene transition on the first visit (which builds the scene),
  then revisits: `[` back to the first scene and `]` forward to the last.
  Budget: at most 60 ms median (first visits and revisits each).
* peak memory after visiting every scene: in the same session, every scene
  is visited; on live scenes (those that bind space to play) space is
  pressed once and the scene runs for `--live` seconds so its work happens.
  Then the process's peak RSS (VmHWM) is read. Budget: at most 80 MB.

Each figure is the median over `--runs` fresh processes (at least 5); the
latency row also shows the slowest transition of all runs. These machines
have two cores that other work may be using, so the load average is
printed with the figures.

Usage::

    python benchmarks/bench_app.py [--runs 5] [--json]
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support.pty import PtySession, clock, gdtui_command  # noqa: E402

COLS, ROWS = 80, 24
IDLE_CPU_BUDGET = 0.5  # percent of one core
PEAK_RSS_BUDGET = 80.0  # MB
SCENE_KEY_BUDGET = 60.0  # ms, median
START_TIMEOUT = 30.0
KEY_TIMEOUT = 10.0
AFTER_SCENE = 0.2  # seconds between a scene drawn and the next key, so transitions do not overlap

COUNTER = re.compile(r"scene (\d+)/(\d+)")


@dataclass(frozen=True)
class SceneInfo:
    scene_id: str
    title: str
    live: bool


def lecture_scenes() -> list[SceneInfo]:
    """The scenes gdtui lists, in order, with their English titles and whether space plays them.

    Read again before every run: a scene appears as soon as its module exists.
    """
    importlib.invalidate_caches()
    from scenes import load_scene, scene_ids
    from tui.i18n import load_entries

    titles = load_entries("en")
    infos = []
    for scene_id in scene_ids():
        keys = set()
        for cls in load_scene(scene_id).__mro__:  # a base such as WalkScene may bind space
            for binding in cls.__dict__.get("BINDINGS", []):
                key = binding[0] if isinstance(binding, tuple) else binding.key
                keys.update(k.strip() for k in key.split(","))
        infos.append(SceneInfo(scene_id, titles[f"{scene_id}.title"], "space" in keys))
    return infos


def showing(number: int, title: str) -> Callable[[list[str]], bool]:
    """Screen predicate: the footer (last row) counts scene `number` and the top row names it."""

    def scene_drawn(lines: list[str]) -> bool:
        m = COUNTER.search(lines[-1])
        return m is not None and int(m.group(1)) == number and f"{number}. {title}" in lines[0]

    scene_drawn.__name__ = f"scene {number} ({title}) drawn"
    return scene_drawn


def start(argv: list[str]) -> PtySession:
    return PtySession(argv, COLS, ROWS, keep_raw=False)


# --------------------------------------------------------------------------
# Idle CPU


@dataclass
class Idle:
    cpu_percent: float
    bytes_sent: int


def measure_idle(argv: list[str], first: SceneInfo, settle: float, window: float) -> Idle:
    with start(argv) as session:
        session.wait_for(showing(1, first.title), timeout=START_TIMEOUT)
        time.sleep(settle)
        c0, t0 = session.cpu_seconds(), clock()
        time.sleep(window)
        c1, t1 = session.cpu_seconds(), clock()
        session.kill()
    return Idle(100 * (c1 - c0) / (t1 - t0), session.bytes_between(t0, t1))


# --------------------------------------------------------------------------
# Scene tour: key latency and peak memory


@dataclass
class Tour:
    first_visits_ms: list[float] = field(default_factory=list)
    revisits_ms: list[float] = field(default_factory=list)
    rss_after_scene_mb: list[float] = field(default_factory=list)
    peak_rss_mb: float = 0.0
    rss_mb: float = 0.0


def press_and_time(session: PtySession, key: str, number: int, info: SceneInfo) -> float:
    """Milliseconds from writing `key` to scene `number` on screen."""
    sent = session.send(key)
    drawn = session.wait_for(showing(number, info.title), timeout=KEY_TIMEOUT)
    return 1000 * (drawn - sent)


def tour(argv: list[str], infos: list[SceneInfo], live_seconds: float) -> Tour:
    result = Tour()
    with start(argv) as session:
        session.wait_for(showing(1, infos[0].title), timeout=START_TIMEOUT)
        counted = COUNTER.search(session.line(-1))
        if counted is None or int(counted.group(2)) != len(infos):
            raise RuntimeError(f"gdtui counts {counted and counted.group(2)} scenes, expected {len(infos)}: "
                               "a scene module appeared or vanished during the benchmark; run it again")
        session.wait_idle(quiet=0.3)
        for number, info in enumerate(infos, start=1):
            if number > 1:
                result.first_visits_ms.append(press_and_time(session, "]", number, info))
            if info.live:
                session.send("space")
                time.sleep(live_seconds)
            else:
                time.sleep(AFTER_SCENE)
            result.rss_after_scene_mb.append(session.memory()["rss"] / 2**20)
        revisit_order = [*range(len(infos) - 1, 0, -1), *range(2, len(infos) + 1)]
        for previous, number in zip([len(infos), *revisit_order], revisit_order):
            key = "]" if number > previous else "["
            result.revisits_ms.append(press_and_time(session, key, number, infos[number - 1]))
            time.sleep(AFTER_SCENE)
        memory = session.memory()
        session.kill()
    result.peak_rss_mb = memory["peak_rss"] / 2**20
    result.rss_mb = memory["rss"] / 2**20
    return result


# --------------------------------------------------------------------------
# Report


def spread(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def report(idles: list[Idle], tours: list[Tour]) -> dict[str, dict[str, object]]:
    """Each figure: median (and range) over runs, its budget, and whether it keeps it."""
    cpu = spread([i.cpu_percent for i in idles])
    idle_bytes = spread([i.bytes_sent for i in idles])
    peak = spread([t.peak_rss_mb for t in tours])
    first = spread([statistics.median(t.first_visits_ms) for t in tours])
    again = spread([statistics.median(t.revisits_ms) for t in tours])
    first["slowest"] = max(max(t.first_visits_ms) for t in tours)
    again["slowest"] = max(max(t.revisits_ms) for t in tours)
    return {
        "idle CPU, welcome scene (% of a core)": {**cpu, "budget": IDLE_CPU_BUDGET,
                                                   "ok": cpu["median"] <= IDLE_CPU_BUDGET},
        "bytes sent while idle": {**idle_bytes, "budget": None, "ok": None},
        "peak RSS after every scene (MB)": {**peak, "budget": PEAK_RSS_BUDGET,
                                            "ok": peak["median"] <= PEAK_RSS_BUDGET},
        "key to next scene, first visit (ms)": {**first, "budget": SCENE_KEY_BUDGET,
                                                "ok": first["median"] <= SCENE_KEY_BUDGET},
        "key to next scene, revisit (ms)": {**again, "budget": SCENE_KEY_BUDGET,
                                            "ok": again["median"] <= SCENE_KEY_BUDGET},
    }


def first_visit_medians(tours: list[Tour]) -> list[float]:
    """Median over runs of the key-to-drawn time of each first visit (scene 2 onwards)."""
    return [statistics.median(visits) for visits in zip(*(t.first_visits_ms for t in tours))]


def rss_medians(tours: list[Tour]) -> list[float]:
    """Median over runs of the RSS once each scene has been visited (and played), in MB."""
    return [statistics.median(rss) for rss in zip(*(t.rss_after_scene_mb for t in tours))]


def table(figures: dict[str, dict[str, object]]) -> str:
    lines = [f"{'measure':<38} {'median':>8} {'min':>8} {'max':>8} {'slowest':>8} {'budget':>8}  verdict"]
    for name, f in figures.items():
        slowest = f"{f['slowest']:8.1f}" if "slowest" in f else f"{'':>8}"
        budget = f"<= {f['budget']:g}" if f["budget"] is not None else ""
        verdict = {True: "OK", False: "OVER BUDGET", None: ""}[f["ok"]]
        lines.append(f"{name:<38} {f['median']:8.1f} {f['min']:8.1f} {f['max']:8.1f} {slowest} "
                     f"{budget:>8}  {verdict}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per measurement (at least 5)")
    parser.add_argument("--settle", type=float, default=1.0, help="seconds after the first frame before the idle window")
    parser.add_argument("--window", type=float, default=5.0, help="seconds of the idle CPU window")
    parser.add_argument("--live", type=float, default=1.0, help="seconds each live scene plays on the tour")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    if args.runs < 5:
        parser.error("--runs must be at least 5 (the budgets are medians of at least 5 runs)")

    command = gdtui_command(prefer_script=False)
    load_before = os.getloadavg()
    idles, tours = [], []
    for _ in range(args.runs):  # interleaved, so a burst of outside load hits both kinds alike
        infos = lecture_scenes()
        idles.append(measure_idle(command, infos[0], args.settle, args.window))
        tours.append(tour(command, infos, args.live))
    load_after = os.getloadavg()
    figures = report(idles, tours)

    context = {
        "command": "python benchmarks/bench_app.py" + (f" --runs {args.runs}" if args.runs != 5 else ""),
        "app": command,
        "terminal": f"pty {COLS}x{ROWS}, TERM=xterm-256color, COLORTERM=truecolor",
        "runs": args.runs,
        "scenes": [i.scene_id for i in infos],
        "live scenes": [i.scene_id for i in infos if i.live],
        "cpus": os.cpu_count(),
        "load average before (1, 5, 15 min)": [round(x, 2) for x in load_before],
        "load average after (1, 5, 15 min)": [round(x, 2) for x in load_after],
        "python": platform.python_version(),
    }
    if args.json:
        samples = {
            "idle_cpu_percent": [round(i.cpu_percent, 3) for i in idles],
            "idle_bytes": [i.bytes_sent for i in idles],
            "peak_rss_mb": [round(t.peak_rss_mb, 1) for t in tours],
            "rss_at_end_mb": [round(t.rss_mb, 1) for t in tours],
            "rss_after_scene_median_mb": {info.scene_id: round(mb, 1) for info, mb
                                          in zip(infos, rss_medians(tours))},
            "first_visits_ms": [[round(ms, 1) for ms in t.first_visits_ms] for t in tours],
            "first_visit_median_ms_by_scene": {info.scene_id: round(ms, 1) for info, ms
                                               in zip(infos[1:], first_visit_medians(tours))},
            "revisits_ms": [[round(ms, 1) for ms in t.revisits_ms] for t in tours],
        }
        print(json.dumps({**context, "figures": figures, "samples": samples}, indent=2))
    else:
        print(f"whole-app budgets, {context['terminal']}, {args.runs} runs, {len(infos)} scenes "
              f"(live: {', '.join(context['live scenes']) or 'none'})")
        print(f"{os.cpu_count()} CPUs, load average {load_before[0]:.2f} before, {load_after[0]:.2f} after "
              f"(1 min); idle window {args.window:g} s after {args.settle:g} s")
        print(table(figures))
        print("first visit per scene, median ms over runs: " + ", ".join(
            f"{info.scene_id} {ms:.0f}" for info, ms in zip(infos[1:], first_visit_medians(tours))))
        print("RSS after each first visit, median MB over runs: " + ", ".join(
            f"{info.scene_id} {mb:.1f}" for info, mb in zip(infos, rss_medians(tours))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
