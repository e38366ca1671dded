"""The gdtui app: one scene on screen at a time, keyboard navigation, two languages."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable, Iterable
from contextlib import suppress
from functools import partial

from textual import events
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Container
from textual.reactive import reactive
from textual.filter import Monochrome
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Input

import scenes
from tui.chrome import StatusBar, TitleBar, TooSmall
from tui.filters import AsciiFilter, SafeMonochrome
from tui.glyphs import glyphs
from tui.i18n import LANGUAGES, Catalog
from tui.predict import SKIP_KEY, Tally
from tui.scene import Scene
from tui.screens import HelpScreen, OverviewScreen, Palette
from tui.settings import Settings
from tui.themes import THEMES

#: Navigation keys as the help screen lists them: (keys, catalog key).
NAVIGATION_KEYS = [
    ("→ PgDn l", "app.keys.next"),
    ("← PgUp h", "app.keys.previous"),
    ("] [", "app.keys.jump_scene"),
    ("Home End", "app.keys.first_last"),
    ("1…9 Enter", "app.keys.number"),
    ("Tab o", "app.keys.overview"),
    ("Ctrl+P", "app.keys.palette"),
    ("?", "app.keys.help"),
    ("L", "app.keys.language"),
    ("t", "app.keys.theme"),
    ("q Ctrl+C", "app.keys.quit"),
]
QUESTION_KEYS = [
    ("1…4", "app.keys.answer"),
    ("↑ ↓ Enter", "app.keys.answer_highlighted"),
    (f"{SKIP_KEY} → PgDn", "app.keys.skip"),
    ("Esc ←", "app.keys.close_question"),
]
EXPLORE_KEYS = [
    ("Enter", "app.keys.explore"),
    ("← ↑ ↓ →", "app.keys.explore_move"),
    ("Enter Esc", "app.keys.explore_leave"),
]


class GdtuiApp(App[None]):
    """Steps through the lecture's scenes; builds each scene when first visited."""

    TITLE = "gdtui"
    CSS = """
    #stage { width: 1fr; height: 1fr; }
    """
    BINDINGS = [
        Binding("right,pagedown,l", "forward", show=False),
        Binding("left,pageup,h", "back", show=False),
        Binding("up", "explore_move(0, -1)", show=False),
        Binding("down", "explore_move(0, 1)", show=False),
        Binding("right_square_bracket", "jump_scene(1)", show=False),
        Binding("left_square_bracket", "jump_scene(-1)", show=False),
        Binding("home", "first", show=False),
        Binding("end", "last", show=False),
        Binding("tab,o", "overview", show=False, priority=True),
        Binding("question_mark", "help", show=False),
        Binding("L", "switch_language", show=False),
        Binding("t", "toggle_theme", show=False),
        Binding("enter", "enter", show=False),
        Binding("escape", "escape", show=False),
        Binding("q", "quit", show=False),
        Binding("ctrl+c", "quit", show=False, priority=True),
        *(Binding(str(d), f"digit({d})", show=False) for d in range(10)),
    ]

    explore: reactive[bool] = reactive(False, init=False)

    def __init__(self, settings: Settings | None = None) -> None:
        super().__init__()
        self._filters = [SafeMonochrome() if isinstance(f, Monochrome) else f for f in self._filters]
        if not glyphs.unicode:
            self._filters.append(AsciiFilter())
        self.settings = settings or Settings()
        self.catalog = Catalog(self.settings.lang)
        self.scene_ids = scenes.scene_ids()
        self.index = min(max(self.settings.start_scene, 0), len(self.scene_ids) - 1)
        self.number_buffer = ""
        self.tally = Tally()
        self._scenes: dict[str, Scene] = {}
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = THEMES[0].name if self.settings.theme == "dark" else THEMES[1].name

    # -- layout ------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield StatusBar()
        yield Container(id="stage")
        yield TooSmall()

    async def on_mount(self) -> None:
        self._on_signal(signal.SIGTERM, self.exit)
        await self.go(self.index, 0)

    def on_unmount(self) -> None:
        self._on_signal(signal.SIGTERM, None)

    @staticmethod
    def _on_signal(signum: int, handler: Callable[[], object] | None) -> None:
        """Quit cleanly on SIGTERM, so a killed gdtui still gives the terminal back."""
        with suppress(NotImplementedError, RuntimeError):  # no Unix signals in this loop
            loop = asyncio.get_running_loop()
            if handler is None:
                loop.remove_signal_handler(signum)
            else:
                loop.add_signal_handler(signum, handler)

    @property
    def scene(self) -> Scene:
        return self._scenes[self.scene_ids[self.index]]

    def scene_title(self, index: int) -> str:
        return self.catalog(f"{self.scene_ids[index]}.title")

    async def _scene_at(self, index: int) -> Scene:
        """The scene at `index`, built and mounted on first visit."""
        scene_id = self.scene_ids[index]
        if scene_id not in self._scenes:
            scene = scenes.load_scene(scene_id)()
            scene.display = False
            self._scenes[scene_id] = scene
            await self.query_one("#stage").mount(scene)
        return self._scenes[scene_id]

    async def go(self, index: int, step: int = 0) -> None:
        """Show scene `index` at `step` (negative counts from the end)."""
        index = min(max(index, 0), len(self.scene_ids) - 1)
        # One batch: otherwise the screen repaints while a new scene mounts, and the
        # frame that shows it waits for the next refresh slot (up to 1/60 s later).
        with self.batch_update():
            new = await self._scene_at(index)
            old = self._scenes.get(self.scene_ids[self.index])
            self.explore = False
            if old is not None and old is not new:
                old.display = False
                old.deactivate()
            self.index = index
            new.step = min(max(step if step >= 0 else new.steps + step, 0), new.steps - 1)
            new.display = True
            if not new.active:
                new.activate()
            new.focus()
            self.update_chrome()
        if index + 1 < len(self.scene_ids):
            self.call_after_refresh(self._import_ahead, self.scene_ids[index + 1])

    def _import_ahead(self, scene_id: str) -> None:
        """Import the next scene's module in a thread while the student reads this one.

        Imports (NumPy, the engine) are most of a first visit's cost; the
        scene itself is still built only when it is visited.
        """
        self.run_worker(partial(scenes.load_scene, scene_id), thread=True,
                        group="import-ahead", exit_on_error=False)

    # -- chrome ------------------------------------------------------------
    def update_chrome(self) -> None:
        if not self._scenes:
            return
        scene, t = self.scene, self.catalog
        self.query_one(TitleBar).show(
            glyphs(f"gdtui · {self.index + 1}. {self.scene_title(self.index)}"),
            self.settings.lang.upper(),
        )
        counter = t("app.counter", scene=self.index + 1, scenes=len(self.scene_ids),
                    step=scene.step + 1, steps=scene.steps)
        if scene.asking is not None:
            mode = t("app.mode.question")
            hints = [(f"1–{len(scene.asking.choices)}", t("app.hint.answer")), (SKIP_KEY, t("app.hint.skip")),
                     ("Esc", t("app.hint.close")), ("?", t("app.hint.help"))]
        elif self.number_buffer:
            mode = t("app.mode.number", number=self.number_buffer)
            hints = [("Enter", t("app.hint.jump")), ("Esc", t("app.hint.cancel"))]
        elif self.explore:
            mode = t("app.mode.explore")
            hints = [(glyphs("←↑↓→"), t("app.hint.move")), ("Enter/Esc", t("app.hint.leave"))]
        else:
            mode = ""
            hints = [("Enter", t("app.hint.explore"))] if scene.explorable else []
            hints += [(self.key_name(key), t(description)) for key, description in scene.key_hints()]
            hints += [(glyphs("→"), t("app.hint.next")), (glyphs("←"), t("app.hint.back")),
                      ("Tab", t("app.hint.overview")), ("?", t("app.hint.help")), ("q", t("app.hint.quit"))]
        self.query_one(StatusBar).show(counter, mode, hints)
        self.check_fit(self.size)

    def key_name(self, key: str) -> str:
        """A key as this language names it on a keyboard (space is "Leertaste" in German)."""
        name = f"app.keyname.{key}"
        return self.catalog(name) if self.catalog.has(name) else key

    def check_fit(self, size: Size) -> None:
        """Swap the scene for a notice when the terminal is smaller than it needs."""
        width, height = size
        need_w, need_h = self.scene.min_size
        fits = width >= need_w and height >= need_h
        notice = self.query_one(TooSmall)
        if not fits:
            notice.update(self.catalog("app.too_small", need_w=need_w, need_h=need_h,
                                       width=width, height=height))
        notice.display = not fits
        self.query_one("#stage").display = fits
        if fits and self.focused is None:
            self.scene.focus()  # hiding the stage took the focus, and the scene's keys with it

    def on_resize(self, event: events.Resize) -> None:
        if self._scenes:
            self.check_fit(event.size)

    # -- navigation --------------------------------------------------------
    async def action_forward(self) -> None:
        if self.explore:
            self.scene.explore_move(1, 0)
        elif self.scene.step < self.scene.steps - 1:
            if not self.scene.ask_before(self.scene.step + 1):
                self.scene.step += 1
            self.update_chrome()
        elif self.index < len(self.scene_ids) - 1:
            await self.go(self.index + 1, 0)

    async def action_back(self) -> None:
        if self.explore:
            self.scene.explore_move(-1, 0)
        elif self.scene.step > 0:
            self.scene.step -= 1
            self.update_chrome()
        elif self.index > 0:
            await self.go(self.index - 1, -1)

    def action_explore_move(self, dx: int, dy: int) -> None:
        if self.explore:
            self.scene.explore_move(dx, dy)

    async def action_jump_scene(self, delta: int) -> None:
        await self.go(self.index + delta, 0)

    async def action_first(self) -> None:
        await self.go(0, 0)

    async def action_last(self) -> None:
        await self.go(len(self.scene_ids) - 1, 0)

    def action_digit(self, digit: int) -> None:
        self.number_buffer = (self.number_buffer + str(digit))[-2:]
        self.update_chrome()

    async def action_enter(self) -> None:
        if self.number_buffer:
            number, self.number_buffer = int(self.number_buffer), ""
            if 1 <= number <= len(self.scene_ids):
                await self.go(number - 1, 0)
            else:
                self.update_chrome()
                self.notify(self.catalog("app.no_such_scene", number=number,
                                         scenes=len(self.scene_ids)), severity="warning")
        elif self.explore or self.scene.explorable:
            self.explore = not self.explore

    def action_escape(self) -> None:
        self.number_buffer = ""
        self.explore = False
        self.update_chrome()

    def on_scene_changed(self, _: Scene.Changed) -> None:
        self.update_chrome()

    def watch_explore(self, exploring: bool) -> None:
        self.scene.explore_changed(exploring)
        self.update_chrome()

    # -- screens -----------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Tab and o belong to a text field while one has the focus (e.g. a rule's value)."""
        if action == "overview" and isinstance(self.focused, Input):
            return False
        return True

    def action_overview(self) -> None:
        if isinstance(self.screen, OverviewScreen):
            self.screen.dismiss(-1)
            return
        titles = [self.scene_title(i) for i in range(len(self.scene_ids))]

        async def picked(index: int | None) -> None:
            if index is not None and index >= 0:
                await self.go(index, 0)

        self.push_screen(OverviewScreen(self.catalog("app.overview"), titles, self.index), picked)

    def action_command_palette(self) -> None:
        """Textual's palette, as a modal that closes at most once."""
        if self.use_command_palette and not Palette.is_open(self):
            self.push_screen(Palette(id="--command-palette"))

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        t = self.catalog
        sections = [(t("app.help.navigation"), [(glyphs(k), t(d)) for k, d in NAVIGATION_KEYS])]
        if self.scene.explorable:
            sections.append((t("app.help.explore"), [(glyphs(k), t(d)) for k, d in EXPLORE_KEYS]))
        if self.settings.questions and self.scene.asks_questions:
            sections.append((t("app.help.questions"), [(glyphs(k), t(d)) for k, d in QUESTION_KEYS]))
        sections.append((t("app.help.scene", title=self.scene_title(self.index)),
                         [(self.key_name(k), t(d)) for k, d in self.scene.key_hints()]))
        self.push_screen(HelpScreen(t("app.help.title"), sections))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        t = self.catalog
        for index in range(len(self.scene_ids)):
            title = self.scene_title(index)

            async def go_there(index: int = index) -> None:
                await self.go(index, 0)

            yield SystemCommand(t("app.command.goto", title=title), t("app.command.goto_help",
                                number=index + 1), go_there)
        yield SystemCommand(t("app.command.language"), t("app.keys.language"), self.action_switch_language)
        yield SystemCommand(t("app.command.theme"), t("app.keys.theme"), self.action_toggle_theme)
        yield SystemCommand(t("app.command.quit"), t("app.keys.quit"), self.exit)

    # -- settings ----------------------------------------------------------
    def action_switch_language(self) -> None:
        """Switch en <-> de and redraw every built scene, keeping the place."""
        self.settings.lang = LANGUAGES[(LANGUAGES.index(self.settings.lang) + 1) % len(LANGUAGES)]
        self.catalog = Catalog(self.settings.lang)
        for scene in self._scenes.values():
            scene.relabel()
        self.update_chrome()

    def action_toggle_theme(self) -> None:
        self.settings.theme = "light" if self.settings.theme == "dark" else "dark"
        self.theme = THEMES[0].name if self.settings.theme == "dark" else THEMES[1].name
