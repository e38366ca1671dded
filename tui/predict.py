"""Predict, then see: a closed question before a step that reveals an answer.

The student commits to a guess before the screen shows the answer. One
mechanism serves every scene:

* A scene returns a `Question` from its `question(step)` hook for a step
  that reveals an answer. The app asks it when the student steps forward
  onto that step: the scene stays on the step before (so the reveal is not
  on screen yet) and its `QuestionBox` shows the question.
* Number keys (or ↑ ↓ and Enter) answer; `SKIP_KEY` skips; → / PageDown
  also skip, so a presenter's clicker always moves on; ← or Esc close the
  question without an answer (the next → asks again).
* After an answer or a skip, the scene shows the step, and the box says
  whether the guess was right, with the reason. The `Tally` counts the
  score since start; the checklist shows it. `--no-questions` asks nothing.
* A question is computed from the scene's state at the moment it is asked,
  never typed in: `answer` and `reason` come from the engine. `about` is
  that state. Stepping back and forward again does not ask again while
  `about` is unchanged; once the student changed the state (another x,
  another point), the question is a new one and is asked again. The
  verdict stays on the revealing step while its `about` still holds.

How a scene adds a question (checklist):

1. The step that reveals the answer (say `TANGENT`) is ≥ 1, and nothing
   before it shows the answer: no value, no marker, no verdict text.
2. `compose` yields one `QuestionBox()` where it has room (about 8 rows for
   four choices); it takes no space while nothing is asked or judged.
3. `question(step)` returns a `Question` for that step, built from the
   current state with the engine; None for every other step. Choices come
   in a fixed order; the engine decides which one is right.
4. Optional: `show_step` may draw question-only marks while `self.asking`
   is set (gradient numbers candidate arrows on its map), and may drop
   lines it can spare while `self.question_shown` (box asking or judging).
5. When the user changes the state the question is about (explore mode,
   a knob), call `self.recheck_question()` before redrawing: a verdict on
   the old state goes away, and the next → asks again.
6. Tests: the answer is hidden before and shown after, the verdict matches
   the engine, skip and `--no-questions`, in both languages (see
   tests/scenes/test_derivative.py and test_gradient.py).

Example::

    def question(self, step: int) -> Question | None:
        if step != TANGENT:
            return None
        slope = float(parabola_slope(self.x))
        signs = ("negative", "zero", "positive")
        return Question(
            prompt=self.t("ask.sign.prompt", x=self.num(self.x)),
            choices=tuple(self.t(f"ask.sign.{s}") for s in signs),
            answer=int(np.sign(slope)) + 1,
            reason=self.t("ask.sign.reason", x=self.num(self.x), slope=self.num(slope)),
            about=("sign", self.x),
        )
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.widgets import Static

from tui.glyphs import glyphs

#: The key that skips a question; bound nowhere else in gdtui.
SKIP_KEY = "u"
MOST_CHOICES = 4


@dataclass(frozen=True)
class Question:
    """A closed question about the step to come, with its answer computed from the state now."""

    prompt: str
    choices: tuple[str, ...]
    answer: int
    """Index into `choices` of the right one."""
    reason: str
    """One sentence, with the engine's numbers, that says why."""
    about: Hashable = None
    """The state the question was computed from: the same `about` is the same question."""

    def __post_init__(self) -> None:
        if not 2 <= len(self.choices) <= MOST_CHOICES:
            raise ValueError(f"a question has 2 to {MOST_CHOICES} choices, not {len(self.choices)}")
        if not 0 <= self.answer < len(self.choices):
            raise ValueError(f"answer {self.answer} is not one of the {len(self.choices)} choices")


@dataclass(frozen=True)
class Verdict:
    """What the student chose for a question: a choice's index, or None when skipped."""

    about: Hashable
    choice: int | None
    right: bool


class Tally:
    """Every prediction since start, and the last verdict per question (scene, step)."""

    def __init__(self) -> None:
        self.answered = 0
        self.right = 0
        self.skipped = 0
        self._verdicts: dict[tuple[str, int], Verdict] = {}

    def record(self, where: tuple[str, int], question: Question, choice: int | None) -> Verdict:
        verdict = Verdict(question.about, choice, choice == question.answer)
        if choice is None:
            self.skipped += 1
        else:
            self.answered += 1
            self.right += verdict.right
        self._verdicts[where] = verdict
        return verdict

    def verdict(self, where: tuple[str, int], question: Question) -> Verdict | None:
        """The verdict on this very question (same state), if it was answered or skipped."""
        verdict = self._verdicts.get(where)
        return verdict if verdict is not None and verdict.about == question.about else None


class QuestionBox(Static, can_focus=True):
    """Where a scene asks its question and, after the answer, gives the verdict.

    While a question is open the box has the focus, so digits, arrows and
    Enter reach it before the app's navigation. It answers at most once: keys
    that arrive after the answer (a double Enter) find no open question.
    """

    DEFAULT_CSS = """
    QuestionBox {
        height: auto;
        width: 1fr;
        border-left: tall $accent;
        padding: 0 0 0 1;
        margin-bottom: 1;
        display: none;
    }
    QuestionBox:focus { background-tint: $foreground 5%; }
    """
    BINDINGS = [
        *(Binding(str(d), f"choose({d - 1})", "app.keys.answer") for d in range(1, MOST_CHOICES + 1)),
        Binding("up", "move(-1)", "app.keys.answer_highlighted", show=False),
        Binding("down", "move(1)", "app.keys.answer_highlighted", show=False),
        Binding("enter", "confirm", "app.keys.answer_highlighted", show=False),
        Binding(f"{SKIP_KEY},right,pagedown,l", "choose(-1)", "app.keys.skip"),
        Binding("escape,left,pageup,h", "close", "app.keys.close_question", show=False),
    ]
    """Footer and help show these (`tui.keys`); the app takes no digit while a question is open."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.question: Question | None = None
        self.highlight = 0
        self._words: dict[str, str] = {}
        self._on_answer: Callable[[int | None], None] | None = None
        self._on_close: Callable[[], None] | None = None

    # -- what to show ------------------------------------------------------
    def ask(self, question: Question, words: dict[str, str], on_answer: Callable[[int | None], None],
            on_close: Callable[[], None]) -> None:
        """Show `question` and wait; `on_answer` gets the chosen index (None: skipped)."""
        if question != self.question:
            self.highlight = 0
        self.question, self._words = question, words
        self._on_answer, self._on_close = on_answer, on_close
        self.update(self._asking(question, words))
        self.display = True

    def judge(self, question: Question, verdict: Verdict, words: dict[str, str], brief: bool = False) -> None:
        """Show whether the guess on `question` was right, and why (unless `brief`: the scene says why)."""
        self.question = None
        self.update(self._verdict(question, verdict, words, brief))
        self.display = True

    def clear(self) -> None:
        self.question = None
        self.display = False

    # -- drawing -----------------------------------------------------------
    def _asking(self, question: Question, words: dict[str, str]) -> Group:
        """The prompt, the numbered choices (a long one wraps under its own text), the keys."""
        choices = Table.grid(padding=(0, 1))
        choices.add_column(no_wrap=True, style="bold")
        choices.add_column()
        for index, choice in enumerate(question.choices):
            chosen = index == self.highlight
            mark = glyphs("›") if chosen else " "
            choices.add_row(f"{mark}{index + 1}", Text(glyphs(choice), style="reverse" if chosen else ""))
        return Group(Text(glyphs(question.prompt), style="bold"), choices,
                     Text(glyphs(words["keys"]), style="dim"))

    @staticmethod
    def _verdict(question: Question, verdict: Verdict, words: dict[str, str], brief: bool) -> Text:
        right = question.choices[question.answer]
        number = question.answer + 1
        if verdict.choice is None:
            head = words["skipped"].format(number=number, choice=right)
        elif verdict.right:
            head = words["right"].format(number=number, choice=right)
        else:
            head = words["wrong"].format(number=number, choice=right)
        text = Text(glyphs(head), style="bold")
        if not brief:
            text.append("\n" + glyphs(question.reason))
        return text

    # -- keys --------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys act only while a question is open, a digit only for a choice it has."""
        if action not in ("choose", "move", "confirm", "close"):
            return super().check_action(action, parameters)
        if self.question is None:
            return False
        return action != "choose" or -1 <= int(parameters[0]) < len(self.question.choices)  # type: ignore[call-overload]

    def action_choose(self, index: int) -> None:
        """A digit (index 0 for key 1) or a skip (-1); 0 and digits beyond the choices do nothing."""
        question, on_answer = self.question, self._on_answer
        if question is None or on_answer is None or index >= len(question.choices) or index < -1:
            return
        self.question = None  # answered once: keys that follow find nothing to answer
        on_answer(None if index == -1 else index)

    def action_move(self, delta: int) -> None:
        if self.question is not None:
            self.highlight = (self.highlight + delta) % len(self.question.choices)
            self.update(self._asking(self.question, self._words))

    def action_confirm(self) -> None:
        self.action_choose(self.highlight)

    def action_close(self) -> None:
        on_close = self._on_close
        if self.question is not None and on_close is not None:
            self.question = None
            on_close()
