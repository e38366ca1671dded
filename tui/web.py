"""gdtui in a browser: textual-serve's server, with a cap on sessions and an end to idle ones.

textual-serve starts one process per websocket and relays its terminal output
to xterm.js in the page. We keep its protocol and static files and add what a
lab needs: at most N sessions (a "try later" page beyond), sessions that end
when idle or closed (their process killed if it will not quit), a page titled
gdtui that loads nothing from other sites, and each tab in its browser's language.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
import time
from importlib import resources

import jinja2
from aiohttp import WSCloseCode, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from tui.i18n import LANGUAGES, Catalog, detect_language
from tui.serve import ServeOptions

log = logging.getLogger("gdtui.web")

#: Seconds a session gets to quit by itself before its process is killed.
QUIT_GRACE = 3.0
#: Terminal sizes a browser may ask for; beyond them a hostile client could make gdtui allocate without end.
MAX_WIDTH, MAX_HEIGHT = 500, 200


def clamp_size(width: int, height: int) -> tuple[int, int]:
    return max(1, min(width, MAX_WIDTH)), max(1, min(height, MAX_HEIGHT))


def browser_language(accept_language: str, default: str) -> str:
    """The first of our languages that the Accept-Language header asks for, else `default`."""
    tags: list[tuple[float, int, str]] = []
    for position, item in enumerate(accept_language.split(",")):
        tag, _, params = item.strip().partition(";")
        weight = params.strip().removeprefix("q=")
        try:
            quality = float(weight) if params else 1.0
        except ValueError:
            continue
        tags.append((-quality, position, tag.split("-")[0].strip().lower()))
    return next((lang for _, _, lang in sorted(tags) if lang in LANGUAGES), default)


class Session(AppService):
    """One browser tab's gdtui: started without a shell, noting when it last had input."""

    def __init__(self, argv: list[str], **kwargs) -> None:
        super().__init__(" ".join(argv), **kwargs)
        self.argv = argv
        self.last_input = time.monotonic()

    @property
    def pid(self) -> int | None:
        return None if self._process is None else self._process.pid

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width, height)
        environment["LC_ALL"] = "C.UTF-8"  # xterm.js always shows Unicode, whatever the server's locale
        return environment

    async def _open_app_process(self, width: int = 80, height: int = 24) -> asyncio.subprocess.Process:
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE, env=self._build_environment(width, height))
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    async def send_bytes(self, data: bytes) -> bool:
        self.last_input = time.monotonic()
        return await super().send_bytes(data)

    async def set_terminal_size(self, width: int, height: int) -> None:
        self.last_input = time.monotonic()
        await super().set_terminal_size(*clamp_size(to_int(str(width), 80), to_int(str(height), 24)))

    async def stop(self) -> None:
        """Ask gdtui to quit; kill it when it has not gone after QUIT_GRACE seconds."""
        try:
            await asyncio.wait_for(super().stop(), QUIT_GRACE)
        except asyncio.TimeoutError:
            self._task = None
        process = self._process
        if process is None or process.returncode is not None:
            return
        try:
            await asyncio.wait_for(process.wait(), QUIT_GRACE)
        except asyncio.TimeoutError:
            log.warning("session %s did not quit; killing it", process.pid)
            process.kill()
            await process.wait()


class GdtuiServer(Server):
    """textual-serve's Server with our page, a session cap and idle timeouts."""

    def __init__(self, options: ServeOptions) -> None:
        host = f"[{options.host}]" if ":" in options.host else options.host
        super().__init__(command="gdtui", host=options.host, port=options.port, title="gdtui",
                         public_url=f"http://{host}:{options.port}")
        self.options = options
        self.sessions: dict[Session, web.WebSocketResponse] = {}
        self.page = jinja2.Template(resources.files("tui").joinpath("web.html").read_text("utf-8"),
                                    autoescape=True)

    def language(self, request: web.Request) -> str:
        if self.options.lang is not None:
            return self.options.lang
        return browser_language(request.headers.get("Accept-Language", ""), detect_language())

    @property
    def full(self) -> bool:
        return len(self.sessions) >= self.options.max_sessions

    async def handle_index(self, request: web.Request) -> web.Response:
        lang = self.language(request)
        catalog = Catalog(lang)
        text = catalog.entries
        page = self.page.render(
            lang=lang, full=self.full, font_size=max(8, min(to_int(request.query.get("fontsize", "16"), 16), 64)),
            full_text=catalog("serve.full", limit=self.options.max_sessions),
            ended_text=text["serve.ended"], again=text["serve.again"])
        return web.Response(text=page, content_type="text/html", status=503 if self.full else 200)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        if self.full:
            await websocket.close(code=WSCloseCode.TRY_AGAIN_LATER, message=b"all sessions in use")
            return websocket
        argv = [sys.executable, "-m", "tui", "--lang", self.language(request), *self.options.session_args]
        session = Session(argv, write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                          close=websocket.close, download_manager=self.download_manager)
        self.sessions[session] = websocket
        watchdog = asyncio.create_task(self._close_when_idle(session, websocket))
        try:
            await session.start(*clamp_size(to_int(request.query.get("width", "80"), 80),
                                            to_int(request.query.get("height", "24"), 24)))
            log.info("session %s started (%d of %d)", session.pid, len(self.sessions), self.options.max_sessions)
            await self._process_messages(websocket, session)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, AssertionError) as error:
            log.warning("session %s: bad message from the browser: %r", session.pid, error)
        finally:
            watchdog.cancel()
            await websocket.close()
            await session.stop()
            del self.sessions[session]
            log.info("session %s ended", session.pid)
        return websocket

    async def _close_when_idle(self, session: Session, websocket: web.WebSocketResponse) -> None:
        limit = self.options.idle_seconds
        if limit <= 0:
            return
        while (idle := time.monotonic() - session.last_input) < limit:
            await asyncio.sleep(limit - idle)
        log.info("session %s idle for %g minutes: ending it", session.pid, limit / 60)
        await websocket.close(code=WSCloseCode.GOING_AWAY, message=b"idle")

    def initialize_logging(self) -> None:
        """One plain line per event on stderr: sessions starting and ending, not every request."""
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S",
                            stream=sys.stderr)

    def serve(self, debug: bool = False) -> None:
        """Serve until Ctrl+C or SIGTERM; say where once the port listens."""
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, self.request_exit)
        web.run_app(self._make_app(), host=self.host, port=self.port, loop=loop, handle_signals=False, access_log=None,
                    print=lambda *_: print(
                        f"gdtui: serving on {self.public_url} (at most {self.options.max_sessions} sessions); "
                        "Ctrl+C stops", file=sys.stderr, flush=True))

    async def on_startup(self, app: web.Application) -> None:
        """No banner: `serve` says where once the port listens."""

    async def on_shutdown(self, app: web.Application) -> None:
        """Close every session, so no gdtui outlives the server."""
        await asyncio.gather(*(websocket.close(code=WSCloseCode.GOING_AWAY)
                               for websocket in list(self.sessions.values())))
        await asyncio.gather(*(session.stop() for session in list(self.sessions)))


def serve(options: ServeOptions) -> None:
    GdtuiServer(options).serve()
