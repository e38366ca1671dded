"""`gdtui --serve` end to end: the real server on a free port, sessions driven over the page's websocket protocol."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request

import pytest

import scenes
from tests.support.web import ServeProcess, WebSession
from tui.i18n import Catalog

pytestmark = pytest.mark.slow

EN, DE = Catalog("en"), Catalog("de")


def header(catalog: Catalog, number: int) -> str:
    """What the top line shows on scene `number` (1-based)."""
    return f"{number}. {catalog(f'{scenes.scene_ids()[number - 1]}.title')}"


def get(url: str, **headers: str) -> tuple[int, str]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def cmdline(pid: int) -> list[str]:
    with open(f"/proc/{pid}/cmdline", "rb") as f:
        return f.read().decode().split("\0")


async def test_one_session_keys_resize_output_and_close_ends_its_process():
    with ServeProcess("--lang", "en") as server:
        async with WebSession(server.url, 80, 24) as tab:
            await tab.wait_for(header(EN, 1))
            [pid] = server.wait_sessions(1)
            assert "scene 1/" in tab.lines[23]

            await tab.resize(100, 30)
            await tab.wait_for(lambda lines: "scene 1/" in lines[29] and lines[0].rstrip().endswith("EN"))
            assert len(tab.lines[0].rstrip()) > 80  # the header spans the new width

            await tab.send("]")
            await tab.wait_for(header(EN, 2))
            assert "scene 2/" in tab.lines[29]
            assert header(EN, 1) not in tab.text()
        server.wait_sessions(0)
        assert not os.path.exists(f"/proc/{pid}")


async def test_two_sessions_at_once_do_not_share_state():
    with ServeProcess("--lang", "en") as server:
        async with WebSession(server.url) as first, WebSession(server.url) as second:
            await first.wait_for(header(EN, 1))
            await second.wait_for(header(EN, 1))
            assert len(set(server.wait_sessions(2))) == 2

            await first.send("]", "]")
            await first.wait_for(header(EN, 3))
            await second.send("L")  # switch language in the second tab only
            await second.wait_for(header(DE, 1))
            assert header(EN, 3) in first.text() and "EN" in first.lines[0]

            await second.send("q")  # quitting one tab ends it alone
            await second.closed.wait()
            server.wait_sessions(1)
            await first.send("]")
            await first.wait_for(header(EN, 4))


async def test_every_session_gets_the_command_line_options():
    with ServeProcess("--lang", "de", "--scene", "supervised", "--theme", "light", "--seed", "7") as server:
        async with WebSession(server.url) as tab:
            await tab.wait_for(header(DE, 2))
            [pid] = server.wait_sessions(1)
            args = cmdline(pid)
            for option, value in (("--lang", "de"), ("--scene", "supervised"), ("--theme", "light"),
                                  ("--seed", "7")):
                assert args[args.index(option) + 1] == value


async def test_without_lang_each_tab_gets_its_browser_language():
    with ServeProcess(env={"LANG": "C.UTF-8"}) as server:
        async with WebSession(server.url, headers={"Accept-Language": "de-DE,de;q=0.9,en;q=0.8"}) as german, \
                WebSession(server.url, headers={"Accept-Language": "en-GB,en;q=0.9"}) as english:
            await german.wait_for(header(DE, 1))
            await english.wait_for(header(EN, 1))
        status, page = get(server.url + "/", **{"Accept-Language": "de"})
        assert status == 200 and '<html lang="de">' in page


async def test_the_page_is_titled_gdtui_and_loads_nothing_from_elsewhere():
    with ServeProcess("--lang", "en") as server:
        status, page = get(server.url + "/?fontsize=24")
        assert status == 200
        assert "<title>gdtui</title>" in page
        assert 'data-font-size="24"' in page
        assert "http" not in page.replace('"https:"', "")  # every URL is relative to this server
        for asset in ("static/js/textual.js", "static/css/xterm.css", "static/fonts/RobotoMono-VariableFont_wght.ttf"):
            assert asset in page and get(f"{server.url}/{asset}")[0] == 200


async def test_over_the_limit_a_clear_page_and_no_process():
    with ServeProcess("--lang", "en", "--max-sessions", "1") as server:
        async with WebSession(server.url) as tab:
            await tab.wait_for(header(EN, 1))
            status, page = get(server.url + "/")
            assert status == 503
            assert EN("serve.full", limit=1) in page and "(1 session in use)" in page
            assert "textual.js" not in page
            async with WebSession(server.url) as refused:
                await refused.closed.wait()
                assert refused.close_code == 1013  # try again later
            assert len(server.sessions()) == 1
        server.wait_sessions(0)
        assert get(server.url + "/")[0] == 200


async def test_an_idle_session_ends_and_its_process_goes_away():
    idle = 6.0
    with ServeProcess("--lang", "en", "--idle-minutes", f"{idle / 60:.2f}") as server:
        async with WebSession(server.url) as tab:
            await tab.wait_for(header(EN, 1))
            await tab.send("]")  # a key restarts the clock
            pressed = time.monotonic()
            await tab.wait_for(header(EN, 2))
            [pid] = server.wait_sessions(1)
            await tab.closed.wait()
            assert time.monotonic() - pressed >= idle - 0.5
            assert tab.close_code == 1001  # going away
        server.wait_sessions(0)
        assert not os.path.exists(f"/proc/{pid}")
        assert any("idle" in line for line in server.log)


async def test_stopping_the_server_ends_every_session():
    with ServeProcess("--lang", "en") as server:
        async with WebSession(server.url) as first, WebSession(server.url) as second:
            for tab in (first, second):
                await tab.wait_for(header(EN, 1))
            pids = server.wait_sessions(2)
            assert await asyncio.to_thread(server.close) == 0
            assert first.closed.is_set() and second.closed.is_set()
        assert not any(os.path.exists(f"/proc/{pid}") for pid in pids)


async def test_a_browser_that_vanishes_without_closing_is_noticed_and_its_session_ends():
    """A laptop lid shut or a network gone: no close frame, so the websocket heartbeat must notice."""
    client = textwrap.dedent("""
        import asyncio, sys, aiohttp
        async def main():
            async with aiohttp.ClientSession() as http:
                ws = await http.ws_connect(sys.argv[1] + "/ws?width=80&height=24")
                print("open", flush=True)
                async for _ in ws:
                    pass
        asyncio.run(main())
    """)
    with ServeProcess("--lang", "en") as server:
        browser = subprocess.Popen([sys.executable, "-c", client, server.url], stdout=subprocess.PIPE, text=True)
        try:
            assert browser.stdout.readline() == "open\n"
            [pid] = await asyncio.to_thread(server.wait_sessions, 1, 30)
            browser.send_signal(signal.SIGSTOP)  # alive, but answers nothing any more
            await asyncio.to_thread(server.wait_sessions, 0, 60)
            assert not os.path.exists(f"/proc/{pid}")
        finally:
            browser.kill()
            browser.wait()
