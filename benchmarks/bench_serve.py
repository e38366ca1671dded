"""Memory and CPU of `gdtui --serve` with N browser sessions, idle and animating: the figures behind --max-sessions.

A lab server (2 cores, 24 GB) runs one gdtui process per browser tab. This
starts the real server on a loopback port and opens sessions over the page's
websocket protocol (tests/support/web.py), 120x40 like a browser window,
each on the training scene with the chart, decision map and rules revealed.
For each N in `--levels` (growing the same set of sessions):

* memory: resident memory (RSS) of every session process, and of the server;
* idle: CPU (user + system) of all sessions and the server over `--window`
  seconds with nobody typing, and the bytes sent;
* animating: every session starts a training run (r, space); after
  `--settle` seconds, the CPU of `--window` seconds, the bytes each session
  gets per second, and the key latency of one session (from sending "+" or
  "-" to its status line showing the new learning rate) while all train;
* the time a new session takes to its first screen, while the others sit idle.

CPU is in percent of one core, summed over processes: the machine has 200 %.
The machine is shared with other work, so the load average is printed; the
benchmark's own client (its pyte screen and websockets) runs here too.

Usage::

    python benchmarks/bench_serve.py [--levels 1,10,20,40,60] [--window 10] [--settle 3] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support.pty import process_cpu_seconds, process_memory  # noqa: E402
from tests.support.web import ServeProcess, WebSession  # noqa: E402
from tui.serve import DEFAULT_MAX_SESSIONS  # noqa: E402

COLS, ROWS = 120, 40
LEVELS = sorted({1, 10, 20, 40, DEFAULT_MAX_SESSIONS})
RATES = {"plus": "η 0.3 ", "minus": "η 0.1 "}  # a key, and what the status line says after it
BATCH = 5  # sessions opened at once
MB = 1024 * 1024


@dataclass
class Level:
    sessions: int
    rss_total_mb: float  # all session processes
    rss_median_mb: float  # one session
    server_rss_mb: float
    start_median_s: float  # a new session to its first screen
    idle_cpu: float  # % of one core, sessions + server
    idle_bytes_per_s: float  # all sessions
    busy_cpu: float  # % of one core, sessions + server, all training
    busy_server_cpu: float
    busy_bytes_per_s: float  # per session
    latency_median_ms: float  # one key while all train
    latency_max_ms: float


def status_shows(text: str):
    return lambda lines: text in lines[1]


async def open_session(url: str) -> tuple[WebSession, float]:
    """A tab on the training scene with every step revealed; and the seconds to its first screen."""
    tab = WebSession(url, COLS, ROWS)
    start = time.monotonic()
    await tab.__aenter__()
    await tab.wait_for("scene 11/", timeout=120)
    first = time.monotonic() - start
    await tab.send("right", "right")
    await tab.wait_for("step 3/", timeout=60)
    return tab, first


def cpu(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        try:
            total += process_cpu_seconds(pid)
        except OSError:
            pass
    return total


async def window(server: ServeProcess, tabs: list[WebSession], seconds: float) -> tuple[float, float, float]:
    """CPU (% of one core, all) and server CPU over `seconds`, and bytes sent to all tabs."""
    pids = server.sessions()
    c0, s0, b0 = cpu(pids), cpu([server.proc.pid]), sum(t.bytes_total for t in tabs)
    await asyncio.sleep(seconds)
    c1, s1, b1 = cpu(pids), cpu([server.proc.pid]), sum(t.bytes_total for t in tabs)
    return 100 * ((c1 - c0) + (s1 - s0)) / seconds, 100 * (s1 - s0) / seconds, (b1 - b0) / seconds


async def latencies(probe: WebSession, keys: int) -> list[float]:
    """Pairs of "+" and "-", so each level starts at the same learning rate."""
    result = []
    for i in range(keys + keys % 2):
        key = "plus" if i % 2 == 0 else "minus"
        await asyncio.sleep(random.uniform(0.15, 0.35))
        sent = time.monotonic()
        await probe.send(key)
        await probe.wait_for(status_shows(RATES[key]), timeout=30)
        result.append((time.monotonic() - sent) * 1000)
    return result


async def quiet(tabs: list[WebSession], seconds: float = 2.0, timeout: float = 120) -> None:
    """Until no tab got a byte for `seconds`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        before = sum(t.bytes_total for t in tabs)
        await asyncio.sleep(seconds)
        if sum(t.bytes_total for t in tabs) == before:
            return


async def measure(levels: list[int], seconds: float, settle: float, keys: int) -> list[Level]:
    results = []
    with ServeProcess("--lang", "en", "--scene", "training", "--max-sessions", str(max(levels))) as server:
        tabs: list[WebSession] = []
        try:
            for n in levels:
                starts = []
                while len(tabs) < n:
                    opened = await asyncio.gather(*(open_session(server.url)
                                                    for _ in range(min(BATCH, n - len(tabs)))))
                    for tab, first in opened:
                        tab.track_screen = len(tabs) == 0  # only the probe needs a screen
                        tabs.append(tab)
                        starts.append(first)
                await quiet(tabs)
                idle_cpu, _, idle_bytes = await window(server, tabs, seconds)
                for tab in tabs:
                    await tab.send("r", "space")
                await asyncio.sleep(settle)
                timing = asyncio.create_task(latencies(tabs[0], keys))
                busy_cpu, busy_server, busy_bytes = await window(server, tabs, seconds)
                lat = await timing
                rss = [process_memory(pid)["rss"] for pid in server.sessions()]
                results.append(Level(
                    n, sum(rss) / MB, statistics.median(rss) / MB, process_memory(server.proc.pid)["rss"] / MB,
                    statistics.median(starts), idle_cpu, idle_bytes, busy_cpu, busy_server, busy_bytes / n,
                    statistics.median(lat), max(lat)))
                print(row(results[-1]), file=sys.stderr, flush=True)
                for tab in tabs:
                    await tab.send("space")  # pause again before the next level
                await quiet(tabs)
        finally:
            await asyncio.gather(*(tab.close() for tab in tabs), return_exceptions=True)
    return results


HEADER = ("| sessions | memory, all sessions | per session | server | new session to first screen "
          "| idle CPU | idle sent | all training: CPU | of it server | sent per session | key latency median (max) |\n"
          "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")


def row(r: Level) -> str:
    return (f"| {r.sessions} | {r.rss_total_mb:,.0f} MB | {r.rss_median_mb:.0f} MB | {r.server_rss_mb:.0f} MB "
            f"| {r.start_median_s:.1f} s | {r.idle_cpu:.1f} % | {r.idle_bytes_per_s / 1000:.1f} KB/s "
            f"| {r.busy_cpu:.0f} % | {r.busy_server_cpu:.0f} % | {r.busy_bytes_per_s / 1000:.1f} KB/s "
            f"| {r.latency_median_ms:.0f} ms ({r.latency_max_ms:.0f} ms) |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", default=",".join(map(str, LEVELS)), help="session counts, comma-separated")
    parser.add_argument("--window", type=float, default=10.0, help="seconds measured per state")
    parser.add_argument("--settle", type=float, default=3.0, help="seconds after starting the runs")
    parser.add_argument("--keys", type=int, default=8, help="key presses timed while all train (even)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    levels = sorted({int(level) for level in args.levels.split(",")})
    load = os.getloadavg()
    results = asyncio.run(measure(levels, args.window, args.settle, args.keys))
    if args.json:
        print(json.dumps([asdict(r) for r in results], indent=2))
        return 0
    print(f"gdtui --serve, {COLS}x{ROWS}, training scene; {os.cpu_count()} cores, "
          f"load average before {load[0]:.1f}; CPU in % of one core")
    print(HEADER)
    for r in results:
        print(row(r))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
