"""Speaker notes: a note for every scene and step, the presenter's place, and `--notes` following it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

import scenes
from tests.conftest import make_app, until
from tui.i18n import LANGUAGES, Catalog
from tui.notes import NotesApp
from tui.presenter import Place, PlaceError, latest, place_dir, publish, withdraw


@pytest.fixture
def runtime(tmp_path, monkeypatch):
    """A private XDG_RUNTIME_DIR, as a login gets one."""
    directory = tmp_path / "run"
    directory.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(directory))
    return directory


def ended_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def place(scene="hiking", step=0, steps=3, lang="en", at=1, pid=None) -> Place:
    return Place(os.getpid() if pid is None else pid, scene, step, steps, lang, at)


def notes_text(app: NotesApp) -> str:
    return str(app.query_one("#notes").content)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_scene_and_step_has_what_to_say_and_what_to_ask(lang):
    t = Catalog(lang)
    for scene_id in scenes.scene_ids():
        said = []
        for step in range(1, scenes.load_scene(scene_id).steps + 1):
            say, ask = t(f"notes.{scene_id}.{step}.say"), t(f"notes.{scene_id}.{step}.ask")
            assert len(say) > 20 and "?" in ask, (scene_id, step)
            said.append(say)
        assert len(set(said)) == len(said), scene_id  # each step its own point
    extra = {key.split(".")[1] for key in t.entries if key.startswith("notes.")} - {"ui", *scenes.scene_ids()}
    assert not extra


def test_the_place_directory_is_private_and_in_the_runtime_directory(runtime):
    directory = place_dir()
    assert directory == runtime / "gdtui"
    assert directory.stat().st_mode & 0o777 == 0o700


def test_without_a_private_runtime_directory_it_is_the_users_own_in_tmp(tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(shared))
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    assert place_dir() == tmp_path / f"gdtui-{os.getuid()}"


@pytest.mark.parametrize("kind", ["open to others", "a link"])
def test_a_directory_others_could_plant_is_refused(tmp_path, monkeypatch, kind):
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    target = tmp_path / f"gdtui-{os.getuid()}"
    if kind == "a link":
        (tmp_path / "elsewhere").mkdir(mode=0o700)
        target.symlink_to(tmp_path / "elsewhere")
    else:
        target.mkdir()
        target.chmod(0o777)
    with pytest.raises(PlaceError):
        place_dir()


def test_the_newest_running_presenter_wins_and_ended_ones_are_cleared(runtime):
    directory = place_dir()
    publish(directory, place("hiking", at=5))
    gone = ended_pid()
    publish(directory, place("sgd", at=9, pid=gone))  # newer, but its gdtui has ended
    (directory / "presenter-77.json").write_text("{not json", "utf-8")
    assert latest(directory) == place("hiking", at=5)
    assert not (directory / f"presenter-{gone}.json").exists()
    withdraw(directory, os.getpid())
    assert latest(directory) is None


async def test_the_presenter_publishes_each_place_and_withdraws(runtime):
    app = make_app("derivative", questions=False)
    app.settings.publish_place = True
    directory = runtime / "gdtui"
    async with app.run_test(size=(80, 24)) as pilot:
        first = latest(directory)
        assert (first.pid, first.scene, first.step, first.steps, first.lang) == (os.getpid(), "derivative", 0, 8, "en")
        await pilot.press("right")
        await pilot.pause()
        assert latest(directory).step == 1
        await pilot.press("L")
        await pilot.pause()
        assert latest(directory).lang == "de"
        assert latest(directory).at > first.at
    app.withdraw_place()
    assert latest(directory) is None


async def test_apps_that_are_not_the_presenter_publish_nothing(runtime):
    async with make_app("derivative").run_test(size=(80, 24)):
        pass
    assert not (runtime / "gdtui").exists()


async def test_the_notes_follow_the_place_in_the_presenters_language(runtime):
    app = NotesApp("en")
    async with app.run_test(size=(80, 24)) as pilot:
        assert Catalog("en")("notes.ui.waiting") in notes_text(app)
        publish(place_dir(), place("hiking", step=1, lang="de", at=1))
        de = Catalog("de")
        await until(pilot, lambda: de("notes.hiking.2.say") in notes_text(app))
        text = notes_text(app)
        assert "7. " + de("hiking.title") + " · Schritt 2 von 3" in text
        assert de("notes.hiking.2.say") in text and de("notes.hiking.2.ask") in text
        publish(place_dir(), place("hiking", step=2, lang="de", at=2))
        await until(pilot, lambda: de("notes.hiking.3.say") in notes_text(app))
        assert de("notes.hiking.3.say") in notes_text(app)


async def test_lang_makes_the_notes_keep_their_own_language(runtime):
    publish(place_dir(), place("sgd", step=1, lang="de"))
    app = NotesApp("en", own_language=True)
    async with app.run_test(size=(80, 24)):
        assert Catalog("en")("notes.sgd.2.ask") in notes_text(app)


async def test_an_unknown_scene_or_an_unsafe_directory_is_a_message(runtime, tmp_path, monkeypatch):
    publish(place_dir(), place("juggling", step=4))
    app = NotesApp("en")
    async with app.run_test(size=(80, 24)) as pilot:
        assert "(juggling 5)" in notes_text(app)
        (runtime / "gdtui").chmod(0o755)
        await until(pilot, lambda: "is not a private directory of yours" in notes_text(app))
        assert "is not a private directory of yours" in notes_text(app)
        assert app.is_running
