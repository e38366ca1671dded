"""Drive `gdtui --serve` the way a browser page does; used by the serve tests and bench_serve.

`ServeProcess` starts the real command on a free loopback port and knows the
session processes it started (its children). `WebSession` speaks the page's
protocol (textual-serve's textual.js): it opens ``/ws?width=W&height=H``,
sends JSON text frames ``["stdin", text]`` and ``["resize", {"width": W,
"height": H}]``, and feeds every binary frame (the app's terminal output) into
a pyte screen of the same size, as xterm.js would show it.
"""

from __future__ import annotations

import asyncio
import json
import signal
import socket
import subprocess
import threading
import time
from typing import Callable, Mapping, Union

import aiohttp
import pyte

from tests.support.pty import REPO_ROOT, child_pids, gdtui_command, hermetic_env, key_bytes

Wanted = Union[str, Callable[[list[str]], bool]]


def free_port() -> int:
    """A loopback port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ServeProcess:
    """`gdtui --serve` on 127.0.0.1 and a free port, until `close` (or the `with` block ends)."""

    def __init__(self, *args: str, env: Mapping[str, str | None] | None = None, timeout: float = 30) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [*gdtui_command(), "--serve", "--port", str(self.port), *args], cwd=REPO_ROOT,
            env=hermetic_env(env), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE, text=True)
        self.log: list[str] = []
        self._ready = threading.Event()
        threading.Thread(target=self._read_log, daemon=True).start()
        if not self._ready.wait(timeout) or self.proc.poll() is not None:
            self.close()
            raise RuntimeError("gdtui --serve did not start:\n" + "".join(self.log))

    def _read_log(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.log.append(line)
            if "serving on" in line:
                self._ready.set()
        self._ready.set()

    def sessions(self) -> list[int]:
        """Process ids of the gdtui sessions running now."""
        return child_pids(self.proc.pid)

    def wait_sessions(self, count: int, timeout: float = 10) -> list[int]:
        """Wait until exactly `count` sessions run; return their pids."""
        deadline = time.monotonic() + timeout
        while len(pids := self.sessions()) != count:
            if time.monotonic() > deadline:
                raise AssertionError(f"{len(pids)} sessions running, not {count}; log:\n" + "".join(self.log))
            time.sleep(0.05)
        return pids

    def close(self, timeout: float = 15) -> int:
        """Stop the server as Ctrl+C would; kill it when it hangs. Returns its exit status."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode

    def __enter__(self) -> "ServeProcess":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class WebSession:
    """One browser tab: a websocket to the server and the screen it shows."""

    def __init__(self, url: str, cols: int = 80, rows: int = 24, *,
                 headers: Mapping[str, str] | None = None, track_screen: bool = True) -> None:
        self.url, self.cols, self.rows = url, cols, rows
        self.headers = dict(headers or {})
        self.track_screen = track_screen
        self.screen = pyte.Screen(cols, rows)
        self._stream = pyte.ByteStream(self.screen)
        self.bytes_total = 0
        self.messages: list[list] = []  # JSON text frames from the server
        self.close_code: int | None = None
        self._changed = asyncio.Event()
        self.closed = asyncio.Event()

    async def __aenter__(self) -> "WebSession":
        self._http = aiohttp.ClientSession(headers=self.headers)
        ws_url = self.url.replace("http", "ws", 1) + f"/ws?width={self.cols}&height={self.rows}"
        try:
            self.ws = await self._http.ws_connect(ws_url)
        except BaseException:
            await self._http.close()
            raise
        self._reader = asyncio.create_task(self._read())
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def _read(self) -> None:
        async for message in self.ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.bytes_total += len(message.data)
                if self.track_screen:
                    self._stream.feed(message.data)
            elif message.type == aiohttp.WSMsgType.TEXT:
                self.messages.append(json.loads(message.data))
            self._changed.set()
        self.close_code = self.ws.close_code
        self.closed.set()
        self._changed.set()

    @property
    def lines(self) -> list[str]:
        return list(self.screen.display)

    async def send(self, *keys: str) -> None:
        """Keys by name, as in tests.support.pty.key_bytes ("right", "]", "ctrl+c")."""
        for key in keys:
            await self.ws.send_str(json.dumps(["stdin", key_bytes(key).decode()]))

    async def resize(self, cols: int, rows: int) -> None:
        self.cols, self.rows = cols, rows
        self.screen.resize(rows, cols)
        await self.ws.send_str(json.dumps(["resize", {"width": cols, "height": rows}]))

    async def wait_for(self, wanted: Wanted, timeout: float = 20) -> None:
        """Until a line contains `wanted` (or `wanted(lines)` is true); AssertionError with the screen if not."""
        check = wanted if callable(wanted) else (lambda lines: any(wanted in line for line in lines))
        deadline = time.monotonic() + timeout
        while not check(self.lines):
            if self.closed.is_set():
                raise AssertionError(f"session closed ({self.close_code}) before {wanted!r}:\n" + self.text())
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), deadline - time.monotonic())
            except asyncio.TimeoutError:
                raise AssertionError(f"no {wanted!r} after {timeout:g}s:\n" + self.text()) from None

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.lines)

    async def close(self) -> None:
        """Close the socket, as a closed browser tab does."""
        await self.ws.close()
        await self._reader
        await self._http.close()
