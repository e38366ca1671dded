"""Pilot tests of the shared predict-then-see mechanism, on a small scene with one question."""

from __future__ import annotations

import pytest
from textual.app import ComposeResult
from textual.widgets import Static

import scenes
import tui.i18n
import tui.lecturer
from scenes.checklist import Checklist
from tests.conftest import screen_lines
from tui.app import GdtuiApp
from tui.chrome import StatusBar
from tui.cli import parse_arguments, settings_from
from tui.keys import key_label
from tui.predict import SKIP_KEY, Question, QuestionBox, Tally
from tui.scene import Scene
from tui.settings import Settings


class Quiz(Scene):
    """Step 1 reveals the sign of `value`; before it, a question asks for that sign."""

    scene_id = "quiz"
    steps = 3
    explorable = True

    def __init__(self) -> None:
        super().__init__()
        self.value = 2.5

    def compose(self) -> ComposeResult:
        yield Static("quiz", id="quiz-title")
        yield self.at_step(1, Static(id="quiz-answer"))
        yield QuestionBox()

    def show_step(self, step: int) -> None:
        self.query_one("#quiz-answer", Static).update(f"REVEALED sign {'+' if self.value > 0 else '-'}")

    def question(self, step: int) -> Question | None:
        if step != 1:
            return None
        return Question(prompt=self.t("prompt"), choices=(self.t("negative"), self.t("positive")),
                        answer=int(self.value > 0), reason=f"BECAUSE value = {self.value}", about=self.value)

    def explore_move(self, dx: int, dy: int) -> None:
        self.value = -self.value


WORDS = {"en": {"title": "Quiz", "prompt": "Which sign has the value?", "negative": "negative",
                "positive": "positive"},
         "de": {"title": "Quiz-de", "prompt": "Welches Vorzeichen hat der Wert?", "negative": "negativ",
                "positive": "positiv"}}


@pytest.fixture(autouse=True)
def quiz_scenes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The lecture is the quiz scene and the real checklist."""
    real_load = tui.i18n.load_entries

    def load_entries(lang: str, *root: object) -> dict[str, str]:
        entries = real_load(lang, *root)
        entries.update({f"quiz.{key}": text for key, text in WORDS[lang].items()})
        return entries

    table = {"quiz": Quiz, "checklist": Checklist}
    monkeypatch.setattr(tui.i18n, "load_entries", load_entries)
    monkeypatch.setattr(scenes, "scene_ids", lambda: tuple(table))
    monkeypatch.setattr(scenes, "load_scene", table.__getitem__)
    monkeypatch.setattr(tui.lecturer, "builtin", lambda catalog: {})  # the lecture's presets name its scenes


def footer(app: GdtuiApp) -> str:
    return str(app.query_one(StatusBar).render())


def text(app: GdtuiApp) -> str:
    return "\n".join(screen_lines(app))


def box(app: GdtuiApp) -> QuestionBox:
    return app.scene.query_one(QuestionBox)


@pytest.mark.parametrize(("lang", "key", "verdict"), [
    ("en", "2", "✓ Right: 2, positive."), ("en", "1", "✗ Not quite: the answer is 2, positive."),
    ("de", "2", "✓ Richtig: 2, positiv."), ("de", "1", "✗ Nicht ganz: richtig ist 2, positiv."),
])
async def test_asks_before_the_reveal_and_judges_the_answer(lang, key, verdict):
    app = GdtuiApp(Settings(lang=lang))
    async with app.run_test(size=(80, 24)) as pilot:
        assert not box(app).display
        await pilot.press("right")
        assert app.scene.step == 0 and app.scene.asking is not None
        shown = text(app)
        assert WORDS[lang]["prompt"] in shown and "REVEALED" not in shown and "BECAUSE" not in shown
        assert ("PREDICT" if lang == "en" else "VERMUTUNG") in footer(app)
        assert f"{SKIP_KEY} " in footer(app)
        await pilot.press(key)
        assert app.scene.step == 1 and app.scene.asking is None
        shown = text(app)
        assert "REVEALED sign +" in shown and verdict in shown and "BECAUSE value = 2.5" in shown
        assert (app.tally.answered, app.tally.right, app.tally.skipped) == (1, int(key == "2"), 0)
        assert "VERMUTUNG" not in footer(app) and "PREDICT" not in footer(app)


async def test_arrows_and_enter_answer_and_a_double_enter_answers_once():
    app = GdtuiApp(Settings())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", "down", "enter", "enter")
        assert app.scene.step == 1
        assert (app.tally.answered, app.tally.right) == (1, 1)
        assert app.scene.exploring  # the second Enter reached the app, as it would without a question


async def test_digits_that_are_no_choice_do_nothing_while_asked():
    app = GdtuiApp(Settings())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", "0", "3", "9")
        assert app.scene.asking is not None and app.number_buffer == ""
        assert app.tally.answered == 0


@pytest.mark.parametrize("key", [SKIP_KEY, "right", "pagedown"])
async def test_skip_shows_the_answer_without_counting_it(key):
    app = GdtuiApp(Settings())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", key)
        assert app.scene.step == 1
        assert "Skipped: the answer is 2, positive." in text(app) and "REVEALED" in text(app)
        assert (app.tally.answered, app.tally.skipped) == (0, 1)


@pytest.mark.parametrize("key", ["escape", "left"])
async def test_closing_keeps_the_answer_hidden_and_asks_again(key):
    app = GdtuiApp(Settings())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", key)
        assert app.scene.step == 0 and app.scene.asking is None and not box(app).display
        assert "REVEALED" not in text(app) and app.tally.answered + app.tally.skipped == 0
        await pilot.press("right")
        assert app.scene.asking is not None


async def test_back_and_forward_does_not_ask_again_until_the_state_changes():
    app = GdtuiApp(Settings())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", "2", "left")
        assert app.scene.step == 0 and not box(app).display  # the verdict belongs to step 1
        await pilot.press("right")
        assert app.scene.step == 1 and app.scene.asking is None
        assert "✓ Right" in text(app)
        await pilot.press("left", "enter", "right", "enter")  # explore: the value changes sign
        assert app.scene.value < 0
        await pilot.press("right")
        assert app.scene.step == 0 and app.scene.asking is not None  # a new question
        assert app.scene.asking.answer == 0
        await pilot.press("1")
        assert (app.tally.answered, app.tally.right) == (2, 2)


async def test_a_clicker_never_gets_stuck():
    app = GdtuiApp(Settings())
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(4):
            await pilot.press("pagedown")
        assert app.scene.scene_id == "checklist"


async def test_no_questions_goes_straight_on():
    app = GdtuiApp(Settings(questions=False))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right")
        assert app.scene.step == 1 and app.scene.asking is None and not box(app).display
        assert "REVEALED" in text(app)
        await pilot.press("right", "right")
        assert "questions are off (gdtui --no-questions)" in text(app)


def test_command_line_switches_questions_off():
    catalog = tui.i18n.Catalog("en")
    assert settings_from(parse_arguments([], catalog), catalog).questions
    assert not settings_from(parse_arguments(["--no-questions"], catalog), catalog).questions


async def test_language_switch_keeps_the_question_open_in_the_new_words():
    app = GdtuiApp(Settings())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", "L")
        await pilot.pause()
        assert app.scene.asking is not None and WORDS["de"]["prompt"] in text(app)
        await pilot.press("2")
        assert "✓ Richtig: 2, positiv." in text(app)


async def test_leaving_the_scene_drops_the_open_question():
    app = GdtuiApp(Settings())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", "right_square_bracket")
        assert app.scene.scene_id == "checklist"
        await pilot.press("left_square_bracket")
        assert app.scene.asking is None and app.scene.step == 0
        assert app.tally.answered + app.tally.skipped == 0


@pytest.mark.parametrize(("lang", "answers", "expected"), [
    ("en", [["2"], [SKIP_KEY], ["1"]], "Predictions: 1 of 2 right, 1 skipped."),
    ("de", [["2"], [SKIP_KEY], ["1"]], "Vermutungen: 1 von 2 richtig, 1 übersprungen."),
    ("en", [[SKIP_KEY]], "Predictions: none answered yet, 1 skipped; scenes ask before they show an answer."),
    ("de", [[SKIP_KEY]], "Vermutungen: noch keine beantwortet, 1 übersprungen; die Szenen fragen, bevor sie antworten."),
])
async def test_checklist_shows_the_score_since_start(lang, answers, expected):
    """Right, skipped and wrong answers (the quiz's state flipped between them), or skips alone: one sentence."""
    app = GdtuiApp(Settings(lang=lang))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right_square_bracket")
        assert ("none answered yet;" if lang == "en" else "noch keine beantwortet;") in text(app)
        await pilot.press("left_square_bracket")
        for keys in answers:
            await pilot.press("right", *keys, "left", "enter", "right", "enter")
        await pilot.press("right_square_bracket")
        assert expected in " ".join(text(app).split())


def test_tally_counts_each_prediction_and_remembers_the_last_verdict():
    tally = Tally()
    question = Question("?", ("a", "b", "c"), answer=2, reason="because", about=1)
    tally.record(("s", 1), question, 2)
    tally.record(("s", 1), question, 0)
    tally.record(("s", 2), question, None)
    assert (tally.answered, tally.right, tally.skipped) == (2, 1, 1)
    assert tally.verdict(("s", 1), question).choice == 0
    assert tally.verdict(("s", 1), Question("?", ("a", "b"), 0, "", about=2)) is None


@pytest.mark.parametrize(("choices", "answer"), [(("a",), 0), (("a", "b", "c", "d", "e"), 0), (("a", "b"), 2)])
def test_a_question_has_two_to_four_choices_and_an_answer_among_them(choices, answer):
    with pytest.raises(ValueError):
        Question("?", choices, answer, "because")


@pytest.mark.parametrize("lang", ["en", "de"])
async def test_help_lists_the_question_keys_in_a_scene_that_asks(lang):
    app = GdtuiApp(Settings(lang=lang))
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.press("right", "question_mark")
        await pilot.pause()
        shown = text(app)
        assert app.catalog("app.help.questions") in shown and app.catalog("app.keys.skip") in shown
        assert f"{SKIP_KEY} → {key_label('pagedown', app.catalog)}" in shown
        await pilot.press("escape", "2")  # help closed; the question is still open and takes the answer
        assert app.scene.step == 1 and app.tally.answered == 1
