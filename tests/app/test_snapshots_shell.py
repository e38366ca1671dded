"""SVG snapshots at 80x24 in both languages: the text scenes at their last step, and the chrome."""

import pytest

from tests.conftest import make_app


async def reveal_all(pilot):
    await pilot.app.go(pilot.app.index, -1)
    await pilot.pause()


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("scene_id", ["welcome", "checklist", "sources"])
def test_scene_snapshot(snap_compare, scene_id, lang):
    assert snap_compare(make_app(scene_id, lang), terminal_size=(80, 24), run_before=reveal_all)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_first_step_of_welcome(snap_compare, lang):
    assert snap_compare(make_app("welcome", lang), terminal_size=(80, 24))


@pytest.mark.parametrize("lang", ["en", "de"])
def test_help_screen(snap_compare, lang):
    assert snap_compare(make_app("welcome", lang), terminal_size=(80, 24), press=["question_mark"])


def test_overview_screen(snap_compare):
    assert snap_compare(make_app("checklist"), terminal_size=(80, 24), press=["tab"])


def test_too_small_notice(snap_compare):
    assert snap_compare(make_app("checklist", "de"), terminal_size=(50, 12))


def test_light_theme(snap_compare):
    assert snap_compare(make_app("checklist", theme="light"), terminal_size=(80, 24), run_before=reveal_all)
