"""Real-browser check of `gdtui --serve`: Chromium opens the page, keys go in, a screenshot comes out.

Needs Debian's Chromium and Playwright, which the test suite does not:

    apt-get install -y chromium
    .venv/bin/pip install '.[web]' playwright
    .venv/bin/python docs/browser_check.py [--chromium /usr/bin/chromium] [--out docs/browser.png]

It starts the real server on a free loopback port, opens the page in headless
Chromium, types keys into the terminal as a student would (to the hiking
scene, then eight descent steps), and checks what the browser got: the page
title is gdtui, every request went to this server, and the websocket frames
the page received, replayed into a terminal emulator of the size the page
asked for, show the hiking scene in German. Then it saves a screenshot.

Exit status: 0 when every check passed, 1 when one failed, 2 when there is no
browser or no Playwright: then nothing was checked, and it says so. This is
not part of `pytest`: CI machines have no browser.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import sys
import tempfile
from pathlib import Path
from urllib.parse import parse_qs, urlparse

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pyte  # noqa: E402

import scenes  # noqa: E402
from tests.support.web import ServeProcess  # noqa: E402
from tui.i18n import Catalog  # noqa: E402

HERE = Path(__file__).parent
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCENE = "hiking"
STEPS = 8  # descent steps once the scene is on screen


class Screen:
    """What the page's terminal shows, rebuilt from the websocket frames the browser sent and got."""

    def __init__(self) -> None:
        self.screen = pyte.Screen(80, 24)
        self.stream = pyte.ByteStream(self.screen)

    def opened(self, url: str) -> None:
        query = parse_qs(urlparse(url).query)
        self.screen.resize(int(query["height"][0]), int(query["width"][0]))

    def sent(self, payload: str | bytes) -> None:
        message = json.loads(payload)
        if message[0] == "resize":
            self.screen.resize(message[1]["height"], message[1]["width"])

    def got(self, payload: str | bytes) -> None:
        if isinstance(payload, bytes):
            self.stream.feed(payload)

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)


async def check(chromium: str, out: Path) -> list[str]:
    """Drive the page; return the checks that failed."""
    from playwright.async_api import async_playwright

    failures = []
    title = f"{scenes.scene_ids().index(SCENE) + 1}. {Catalog('de')(f'{SCENE}.title')}"
    with ServeProcess("--lang", "de") as server, tempfile.TemporaryDirectory() as profile:
        terminal = Screen()
        requests: list[str] = []
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch_persistent_context(
                profile, executable_path=chromium, args=CHROMIUM_ARGS, headless=True,
                viewport={"width": 1100, "height": 720})
            page = browser.pages[0] if browser.pages else await browser.new_page()
            page.on("request", lambda request: requests.append(request.url))

            def watch(ws) -> None:
                terminal.opened(ws.url)
                ws.on("framesent", terminal.sent)
                ws.on("framereceived", terminal.got)

            page.on("websocket", watch)
            await page.goto(server.url + "/")
            await page.wait_for_selector("body.-first-byte", timeout=30_000)
            await page.click("#terminal")
            for key in ["]"] * scenes.scene_ids().index(SCENE):
                await page.keyboard.press(key)
            for _ in range(100):  # up to 20 s for the scene to be drawn
                if title in terminal.text():
                    break
                await page.wait_for_timeout(200)
            for _ in range(STEPS):
                await page.keyboard.press("s")
                await page.wait_for_timeout(150)
            await page.wait_for_timeout(1500)
            if await page.title() != "gdtui":
                failures.append(f"page title is {await page.title()!r}, not 'gdtui'")
            if title not in terminal.text():
                failures.append(f"the terminal does not show {title!r} after the keys:\n{terminal.text()}")
            elsewhere = [url for url in requests if not url.startswith(server.url)]
            if elsewhere:
                failures.append(f"requests to other sites: {elsewhere}")
            await page.screenshot(path=str(out))
            await browser.close()
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    parser.add_argument("--out", type=Path, default=HERE / "browser.png")
    args = parser.parse_args(argv)
    try:
        import playwright  # noqa: F401
    except ImportError:
        print("browser check NOT RUN: Playwright is missing (pip install playwright)", file=sys.stderr)
        return 2
    if not Path(args.chromium).exists():
        print(f"browser check NOT RUN: no browser at {args.chromium} (apt-get install -y chromium)", file=sys.stderr)
        return 2
    failures = asyncio.run(check(args.chromium, args.out))
    for failure in failures:
        print(f"browser check FAILED: {failure}", file=sys.stderr)
    if not failures:
        print(f"browser check passed; screenshot: {args.out}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
