"""`gdtui --notes` in one terminal follows the gdtui of the same user in another."""

from __future__ import annotations

import pytest

from tests.pty.test_pty_app import START_TIMEOUT, assert_quit_cleanly, gdtui
from tui.i18n import Catalog

t = Catalog("en")


def heading(step: int) -> str:
    return t("notes.ui.place", number=7, title=t("hiking.title"), step=step, steps=3)


@pytest.mark.slow
def test_the_notes_follow_the_presenter_in_another_terminal(tmp_path):
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    env = {"XDG_RUNTIME_DIR": str(runtime)}
    with gdtui(80, 24, "--notes", env=env) as notes:
        notes.wait_for(t("notes.ui.waiting"), timeout=START_TIMEOUT)
        with gdtui(80, 24, "--scene", "hiking", "--no-questions", env=env) as presenter:
            notes.wait_for(heading(1), timeout=START_TIMEOUT)
            presenter.send("right")
            notes.wait_for(heading(2), timeout=5)
            presenter.send("q")
            assert_quit_cleanly(presenter)
        notes.wait_for(t("notes.ui.waiting"), timeout=5)  # the presenter has gone: said, not crashed
        notes.send("q")
        assert_quit_cleanly(notes)
