"""SVG snapshots of the text scenes, at 80x24, in both languages, at their last step."""

import pytest

from tests.conftest import make_app

SCENES = {"welcome": 3, "checklist": 0, "sources": 0}


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("scene_id", ["welcome"])
def test_scene_snapshot(snap_compare, scene_id, lang):
    app = make_app(scene_id, lang)

    async def reveal_all(pilot):
        await pilot.app.go(pilot.app.index, -1)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=reveal_all)
