"""The gdtui app: one scene on screen at a time, keyboard navigation, two languages."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from textual import events
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Container
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Input

import scenes
from tui.chrome import StatusBar, TitleBar, TooSmall
from tui.glyphs import glyphs
from tui.i18n import LANGUAGES, Catalog
from tui.key_order import KeyOrder
from tui.keys import KeyGroup, key_groups
from tui.lecturer import LECTURER_KEYS, Lecturer
from tui.predict import QuestionBox, Tally
from tui.presets import of_scene
from tui.scene import Scene
from tui.screens import HelpScreen, OverviewScreen, Palette
from tui.settings import Settings
from tui.terminal_app import TerminalApp

NAVIGATION_KEYS = [
    Binding("right,pagedown,l", "forward", "app.keys.next", key_display="→"),
    Binding("left,pageup,h", "back", "app.keys.previous", key_display="←"),
    Binding("question_mark", "help", "app.keys.help"),
    Binding("right_square_bracket", "jump_scene(1)", "app.keys.jump_scene", show=False),
    Binding("left_square_bracket", "jump_scene(-1)", "app.keys.jump_scene", show=False),
    Binding("home", "first", "app.keys.first_last", show=False),
    Binding("end", "last", "app.keys.first_last", show=False),
    Binding("tab,o", "overview", "app.keys.overview", show=False, priority=True),
    Binding("ctrl+p", "command_palette", "app.keys.palette", show=False),
    Binding("L", "switch_language", "app.keys.language", show=False),
    Binding("t", "toggle_theme", "app.keys.theme", show=False),
    Binding("q", "quit", "app.keys.quit", show=False),
    Binding("ctrl+c", "quit", "app.keys.quit", show=False, priority=True),
    Binding("ctrl+z", "suspend_process", "app.keys.suspend", show=False, priority=True),
    *(Binding(str(d), f"digit({d})", "app.keys.number", show=False) for d in range(10)),
]
"""The app's keys, in the order of the help screen; the footer shows those with `show`."""
NUMBER_MODE_KEYS = [
    Binding("enter", "jump", "app.keys.jump", priority=True),
    Binding("escape", "cancel_number", "app.keys.cancel", priority=True),
]
"""While a scene number is being typed: before the scene's own Enter and Esc."""


class GdtuiApp(Lecturer, TerminalApp):
    """Steps through the lecture's scenes; builds each scene when first visited."""

    TITLE = "gdtui"
    CSS = """
    #stage { width: 1fr; height: 1fr; }
    """
    BINDINGS = [*NAVIGATION_KEYS, *NUMBER_MODE_KEYS, *LECTURER_KEYS]

    def __init__(self, settings: Settings | None = None) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self.catalog = Catalog(self.settings.lang)
        self.scene_ids = scenes.scene_ids()
        self.index = min(max(self.settings.start_scene, 0), len(self.scene_ids) - 1)
        self.number_buffer = ""
        self.key_order = KeyOrder(self, toggles=self.toggles_back)
        self.tally = Tally()
        self._scenes: dict[str, Scene] = {}
        self.init_lecturer()
        self.use_theme(self.settings.theme)

    # -- layout ------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield StatusBar()
        yield Container(id="stage")
        yield TooSmall()

    async def on_event(self, event: events.Event) -> None:
        if KeyOrder.applies(event) and self.key_order.hold(event):
            return  # it comes back when the key before it is handled
        await super().on_event(event)

    async def on_mount(self) -> None:
        # A scene's refresh_bindings() (its keys act differently now) reaches the footer here.
        self.screen.bindings_updated_signal.subscribe(self, lambda _screen: self.update_chrome())
        # After Ctrl+Z and fg (or any stop and continue) the terminal shows something
        # else: draw every cell again.
        self.app_resume_signal.subscribe(self, lambda _app: self.refresh(layout=True))
        await self.go(self.index, self.settings.start_step)

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
            self.configure(scene)
            scene.display = False
            self._scenes[scene_id] = scene
            await self.query_one("#stage").mount(scene)
            self.watch(scene, "step", self.update_chrome, init=False)
            self.watch(scene, "exploring", self.update_chrome, init=False)
        return self._scenes[scene_id]

    async def go(self, index: int, step: int = 0) -> None:
        """Show scene `index` at `step` (negative counts from the end)."""
        index = min(max(index, 0), len(self.scene_ids) - 1)
        # One batch: otherwise the screen repaints while a new scene mounts, and the
        # frame that shows it waits for the next refresh slot (up to 1/60 s later).
        with self.batch_update():
            new = await self._scene_at(index)
            if new.language != self.settings.lang:
                new.relabel()
            old = self._scenes.get(self.scene_ids[self.index])
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
        """Title, counter, mode and the keys that act now; the app's answer to any change of place or mode."""
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
        elif self.number_buffer:
            mode = t("app.mode.number", number=self.number_buffer)
        else:
            mode = t("app.mode.explore") if scene.exploring else ""
        hints = [(group.footer_key(t), group.footer_text(t)) for group in self.footer_keys()]
        self.query_one(StatusBar).show(counter, mode, hints, glyphs("…"))
        self.check_fit(self.size)
        self.publish_place()

    def footer_keys(self) -> list[KeyGroup]:
        """The keys that act now, most needed first: the mode's, moving on, help, the scene's own."""
        scene = self.scene
        boxes = list(scene.query(QuestionBox)) if scene.asking is not None else []
        groups = [*(group for box in boxes for group in key_groups(box, QuestionBox.BINDINGS)),
                  *key_groups(self, NUMBER_MODE_KEYS), *key_groups(scene, Scene.EXPLORE_MODE_KEYS),
                  *key_groups(self, NAVIGATION_KEYS), *key_groups(scene, scene.own_bindings()),
                  *key_groups(scene, [Scene.EXPLORE_KEY])]
        return [group for group in groups if group.bindings[0].show and group.acts()]

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
        if self.scene.step < self.scene.steps - 1:
            if not self.scene.ask_before(self.scene.step + 1):
                self.scene.step += 1
        elif self.index < len(self.scene_ids) - 1:
            await self.go(self.index + 1, 0)

    async def action_back(self) -> None:
        if self.scene.step > 0:
            self.scene.step -= 1
        elif self.index > 0:
            await self.go(self.index - 1, -1)

    async def action_jump_scene(self, delta: int) -> None:
        """] and [: the next or previous scene; past either end there is none, and nothing moves."""
        if 0 <= self.index + delta < len(self.scene_ids):
            await self.go(self.index + delta, 0)

    async def action_first(self) -> None:
        await self.go(0, 0)

    async def action_last(self) -> None:
        await self.go(len(self.scene_ids) - 1, 0)

    def action_digit(self, digit: int) -> None:
        self.number_buffer = (self.number_buffer + str(digit))[-2:]
        self.update_chrome()

    async def action_jump(self) -> None:
        number, self.number_buffer = int(self.number_buffer), ""
        if 1 <= number <= len(self.scene_ids):
            await self.go(number - 1, 0)
        else:
            self.update_chrome()
            self.notify(self.catalog("app.no_such_scene", number=number, scenes=len(self.scene_ids)),
                        severity="warning", markup=False)

    def action_cancel_number(self) -> None:
        self.number_buffer = ""
        self.update_chrome()

    def on_scene_changed(self, _: Scene.Changed) -> None:
        self.update_chrome()

    # -- screens -----------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Which of the app's keys act now. Enter and Esc end a scene number only on the
        scene's screen; a text field keeps its Enter, Tab and o; in explore mode the
        scene has the arrows; nothing comes after the end or before the start."""
        typing = isinstance(self.focused, Input)
        if action in ("jump", "cancel_number"):
            return bool(self.number_buffer) and self.screen is self.screen_stack[0] and not typing
        if action == "overview":
            return not typing
        if action == "pick_preset" and self._scenes:
            return bool(of_scene(self.presets, self.scene.scene_id))  # P is not offered where there is nothing to pick
        if action in ("forward", "back", "digit") and self._scenes and self.scene.asking is not None:
            return False  # the question's box has these keys
        if action in ("forward", "back") and self._scenes:
            scene, end = self.scene, (len(self.scene_ids) - 1, self.scene.steps - 1) if action == "forward" else (0, 0)
            return not scene.exploring and (self.index, scene.step) != end
        return True

    def action_overview(self) -> None:
        if isinstance(self.screen, OverviewScreen):
            self.screen.dismiss(-1)
            return
        titles = [self.scene_title(i) for i in range(len(self.scene_ids))]

        async def picked(index: int | None) -> None:
            if index is not None and index >= 0:
                await self.go(index, 0)

        self.push_screen(OverviewScreen(self.catalog("app.overview"), titles, self.index, self.catalog("app.overview_keys")), picked)

    def action_command_palette(self) -> None:
        """Textual's palette, as a modal that closes at most once."""
        if self.use_command_palette and not Palette.is_open(self):
            self.push_screen(Palette(id="--command-palette"))

    def action_help(self) -> None:
        """Every key, from the bindings themselves: the app's, explore mode's, the scene's."""
        if isinstance(self.screen, HelpScreen):
            return
        t, scene = self.catalog, self.scene
        sections = [(t("app.help.navigation"), key_groups(self, [*NAVIGATION_KEYS, *NUMBER_MODE_KEYS]))]
        if scene.explorable:
            sections.append((t("app.help.explore"), key_groups(scene, [Scene.EXPLORE_KEY, *Scene.EXPLORE_MODE_KEYS])))
        if self.settings.questions and scene.asks_questions:
            sections.append((t("app.help.questions"), key_groups(None, QuestionBox.BINDINGS)))
        sections.append((t("app.help.scene", title=self.scene_title(self.index)), key_groups(scene, scene.own_bindings())))
        sections.append((t("lecturer.help.section"), [group for group in key_groups(self, LECTURER_KEYS) if group.acts()]))
        self.push_screen(HelpScreen(t("app.help.title"), [
            (heading, [(group.help_keys(t), group.help_text(t)) for group in groups]) for heading, groups in sections],
            t("app.help.scroll")))

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
        """Switch to the next language, keeping the place.

        Only the scene on screen is rebuilt, once no key is waiting (a held L
        rebuilds it once, not once per repeat); other scenes follow when shown.
        """
        self.settings.lang = LANGUAGES[(LANGUAGES.index(self.settings.lang) + 1) % len(LANGUAGES)]
        self.catalog = Catalog(self.settings.lang)
        self.update_chrome()
        self.key_order.when_settled(self._relabel_shown)

    def _relabel_shown(self) -> None:
        if self._scenes and self.scene.language != self.settings.lang:
            self.scene.relabel()

    def action_toggle_theme(self) -> None:
        """Switch dark <-> light; the restyle waits until no key is waiting (a held t)."""
        self.settings.theme = "light" if self.settings.theme == "dark" else "dark"
        self.key_order.when_settled(self._apply_theme)

    def _apply_theme(self) -> None:
        self.use_theme(self.settings.theme)

    def toggles_back(self, key: events.Key) -> bool:
        """Whether a second press of `key` undoes the first: Tab and o open and close the
        overview, unless a text field takes them."""
        return key.key in ("tab", "o") and not isinstance(self.focused, Input)
