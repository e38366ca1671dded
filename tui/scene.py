"""The scene interface: what every scene of the lecture is and may do.

A scene is a widget that the app shows one at a time. It declares

* `steps`: reveals inside the scene, like slide fragments. The app moves
  `step` forward and back; widgets marked with `at_step` appear on their step,
  and `show_step` lets a scene react in any other way;
* `min_size`: the smallest terminal it can be drawn in;
* `explorable`: whether it has something to move in explore mode. Explore
  mode is the scene's own state (`exploring`): Enter turns it on, the
  arrows then go to `explore_move`, Enter or Esc turn it off;
* its own keys, as `BINDINGS` whose descriptions are catalog keys
  (`tui.keys`), so the footer and the help screen list them in the
  current language; `acts` says which of them do something now;
* timers made with `every`, which run only while the scene is on screen;
* `question(step)`: a closed question to answer before a step that reveals
  an answer (`tui.predict` says how to add one);
* `knobs`: the state a user may change, so presets, `--set` and the command
  that reproduces a view can read and set it (`tui.knobs`); and `tables`,
  data that an export writes as CSV beside the screenshot.

A scene never calls up into the app: it sets its own attributes (`step`,
`exploring`), which the app watches; when its question opens or closes it
posts `Scene.Changed`; and it calls `refresh_bindings()` when what `acts`
answers changes for another reason than the step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual import events
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widget import Widget

from tui.leaks import forget
from tui.predict import SKIP_KEY, Question, QuestionBox

if TYPE_CHECKING:
    from collections.abc import Callable

    from tui.app import GdtuiApp
    from tui.knobs import Knob
    from tui.numbers import Numbers
    from tui.predict import Tally
    from tui.settings import Settings

W = TypeVar("W", bound=Widget)


class Scene(Widget, can_focus=True):
    """Base class of every scene; subclasses set `scene_id` and compose their view."""

    DEFAULT_CSS = """
    Scene {
        width: 1fr;
        height: 1fr;
        padding: 0 1;
    }
    Scene .prose {
        max-width: 100;
        height: auto;
    }
    """

    scene_id: ClassVar[str] = ""
    steps: ClassVar[int] = 1
    min_size: ClassVar[tuple[int, int]] = (60, 20)
    explorable: ClassVar[bool] = False
    verdict_reason_elsewhere: ClassVar[bool] = False
    """The scene shows a verdict's reason itself (training: in its result as the run ends): the box only judges."""
    knobs: ClassVar[tuple[Knob, ...]] = ()

    step: reactive[int] = reactive(0, init=False)
    exploring: reactive[bool] = reactive(False, init=False)

    EXPLORE_MODE_KEYS: ClassVar[list[Binding]] = [
        Binding("left,pageup,h", "explore_move(-1, 0)", "app.keys.explore_move", key_display="←↑↓→"),
        Binding("right,pagedown,l", "explore_move(1, 0)", "app.keys.explore_move"),
        Binding("up", "explore_move(0, -1)", "app.keys.explore_move"),
        Binding("down", "explore_move(0, 1)", "app.keys.explore_move"),
        Binding("escape", "leave_explore(False)", "app.keys.explore_leave", key_display="Esc"),
        Binding("enter", "leave_explore(True)", "app.keys.explore_leave"),
    ]
    """In explore mode: the footer shows these first."""
    EXPLORE_KEY: ClassVar[Binding] = Binding("enter", "explore", "app.keys.explore")
    """Outside explore mode: the footer shows it after the scene's own keys."""
    BINDINGS = [*EXPLORE_MODE_KEYS, EXPLORE_KEY]

    class Changed(Message):
        """The scene's step or open question changed by itself: the footer must follow."""

    def __init__(self) -> None:
        super().__init__(id=f"scene-{self.scene_id}")
        self.active = False
        self.language = self.settings.lang  # the language the view is in
        self._scene_timers: list[Timer] = []
        self.asking: Question | None = None
        """The open question, while the student is asked before `self.step + 1` is shown."""
        self.question_shown = False
        """Whether the question box shows a question or a verdict now: a scene may give it room."""
        self.explore_kept = False
        """Whether explore mode was last left with Enter (keep what was chosen) rather than Esc or by leaving."""

    # -- context -----------------------------------------------------------
    @property
    def gdtui(self) -> GdtuiApp:
        return self.app  # type: ignore[return-value]

    @property
    def settings(self) -> Settings:
        return self.gdtui.settings

    def t(self, key: str, **values: object) -> str:
        """This scene's text for `key` in the current language."""
        return self.gdtui.catalog(f"{self.scene_id}.{key}", **values)

    def term(self, name: str, **values: object) -> str:
        """A word every scene shares (app.toml's [term]), e.g. "iteration" for a step of a descent."""
        return self.gdtui.catalog(f"app.term.{name}", **values)

    @property
    def numbers(self) -> Numbers:
        """How the current language writes numbers, vectors, points and signed terms."""
        return self.gdtui.catalog.numbers

    def num(self, value: float, digits: int = 2) -> str:
        """A number written the way the current language writes it."""
        return self.numbers.num(value, digits)

    # -- steps -------------------------------------------------------------
    def at_step(self, step: int, widget: W) -> W:
        """Mark `widget` to appear from `step` on; its space stays reserved so nothing jumps."""
        widget.add_class("reveal", update=False)  # not mounted yet: styles come with the mount
        widget.reveal_step = step  # type: ignore[attr-defined]
        return widget

    def show_step(self, step: int) -> None:
        """Hook: react to the step, beyond revealing marked widgets."""

    def watch_step(self) -> None:
        self.asking = None  # the step moved: an open question is answered or no longer due
        self._apply_step()
        self.post_message(self.Changed())

    def _apply_step(self) -> None:
        for widget in self.query(".reveal"):
            widget.visible = self.step >= getattr(widget, "reveal_step", 0)
        self._show_question()  # first: `show_step` may make room for the box (`question_shown`)
        self.show_step(self.step)

    def on_mount(self) -> None:
        self._apply_step()

    async def recompose(self) -> None:
        if self.asking is not None:  # the language changed: the same question, in the new words
            self.asking = self.question(self.step + 1)
        removed = list(self.walk_children())
        await super().recompose()
        forget(self, removed)
        self._apply_step()

    # -- predict, then see -------------------------------------------------
    @property
    def tally(self) -> Tally:
        return self.gdtui.tally

    @property
    def asks_questions(self) -> bool:
        """Whether this scene has questions at all (it overrides `question`)."""
        return type(self).question is not Scene.question

    def question(self, step: int) -> Question | None:
        """Hook: the question to answer before `step` is shown, computed from the state now."""
        return None

    def ask_before(self, step: int) -> bool:
        """Open the question that guards `step`, unless there is none or it was answered; True if opened."""
        if not self.settings.questions:
            return False
        question = self.question(step)
        if question is None or self.tally.verdict((self.scene_id, step), question) is not None:
            return False
        self.asking = question
        self._apply_step()
        self.post_message(self.Changed())
        return True

    def recheck_question(self) -> None:
        """Call after the state changed: a verdict on an old state goes away, an open question follows the new one."""
        if self.asking is not None:
            self.asking = self.question(self.step + 1)
        self._show_question()

    def _show_question(self) -> None:
        try:
            box = self.query_one(QuestionBox)
        except NoMatches:
            return
        self.question_shown = self.asking is not None
        words = {key: self.gdtui.catalog(f"app.question.{key}") for key in ("right", "wrong", "skipped")}
        if self.asking is not None:
            words["keys"] = self.gdtui.catalog("app.question.keys", last=len(self.asking.choices),
                                              skip=SKIP_KEY)
            box.ask(self.asking, words, self._question_answered, self._question_closed)
            if self.active:
                box.focus()
            return
        question = self.question(self.step) if self.settings.questions else None
        verdict = self.tally.verdict((self.scene_id, self.step), question) if question else None
        if question is not None and verdict is not None:
            box.judge(question, verdict, words, brief=self.verdict_reason_elsewhere)
            self.question_shown = True
        else:
            box.clear()

    def _question_answered(self, choice: int | None) -> None:
        question, step = self.asking, self.step + 1
        if question is None:
            return
        self.tally.record((self.scene_id, step), question, choice)
        self.asking = None
        self.focus()
        self.step = step

    def _question_closed(self) -> None:
        self.asking = None
        self.focus()
        self._apply_step()
        self.post_message(self.Changed())

    def on_focus(self, event: events.Focus) -> None:
        """The app focuses the scene; an open question keeps the keys."""
        if self.asking is not None:
            self.call_later(self._focus_question)

    def _focus_question(self) -> None:
        if self.asking is not None:
            self.query_one(QuestionBox).focus()

    def relabel(self) -> None:
        """The language changed: rebuild the view from the scene's state."""
        self.language = self.settings.lang
        self.refresh(recompose=True)

    # -- life on screen ----------------------------------------------------
    def every(self, interval: float, callback: Callable[[], object]) -> Timer:
        """A repeating timer, paused whenever the scene leaves the screen.

        It starts paused unless the scene is on screen; after a visit elsewhere the
        scene resumes it in `entered()` if it should run (as `tui.walk.Pacer` does).
        """
        timer = self.set_interval(interval, callback, pause=not self.active)
        self._scene_timers.append(timer)
        return timer

    def activate(self) -> None:
        self.active = True
        self.entered()

    def deactivate(self) -> None:
        self.explore_kept = False
        self.exploring = False
        self.active = False
        if self.asking is not None:  # left for another scene: the question was not answered
            self.asking = None
            self._apply_step()
        for timer in self._scene_timers:
            timer.pause()
        self.left()

    def entered(self) -> None:
        """Hook: the scene is now on screen (resume what was playing)."""

    def left(self) -> None:
        """Hook: the scene left the screen; its timers are already paused."""

    # -- explore mode ------------------------------------------------------
    def action_explore(self) -> None:
        self.exploring = True

    def action_leave_explore(self, keep: bool = True) -> None:
        self.explore_kept = keep
        self.exploring = False

    def action_explore_move(self, dx: int, dy: int) -> None:
        self.explore_move(dx, dy)

    def watch_exploring(self, exploring: bool) -> None:
        self.explore_changed(exploring)

    def explore_move(self, dx: int, dy: int) -> None:
        """Hook: an arrow key in explore mode (dx, dy in {-1, 0, 1}; dy=-1 is up)."""

    def explore_changed(self, exploring: bool) -> None:
        """Hook: explore mode was entered or left (`explore_kept`: left with Enter, not Esc)."""

    # -- state for the lecturer ---------------------------------------------
    def replayable(self) -> bool:
        """Hook: False when the knobs cannot replay what the screen shows (a run changed mid-way)."""
        return True

    def tables(self) -> dict[str, tuple[list[str], list[list[object]]]]:
        """Hook: data to export as CSV beside the screenshot: {file suffix: (header, rows)}."""
        return {}

    # -- keys --------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Textual runs a key's action only if this says so; the footer shows only those keys."""
        if action == "explore":
            return self.explorable and not self.exploring and self.asking is None
        if action in ("explore_move", "leave_explore"):
            return self.exploring
        return self.acts(action)

    def acts(self, action: str) -> bool:
        """Hook: whether this scene's key for `action` does something now, e.g. at this step.

        A key that does not is neither run nor shown in the footer (the help lists it).
        """
        return True

    @classmethod
    def own_bindings(cls) -> list[Binding]:
        """The scene's own keys, inherited ones first (as Textual merges them), without explore mode's;
        a key a subclass binds again replaces its base's in place (sgd's r also reshuffles)."""
        found: dict[str, Binding] = {}
        for base in reversed(cls.__mro__):
            if issubclass(base, Scene) and base is not Scene:
                found.update((binding.key, binding) for binding in base.__dict__.get("BINDINGS", [])
                             if isinstance(binding, Binding))
        return list(found.values())
