"""The lecture's scene list: every id listed has a module, or the package refuses to import."""

from __future__ import annotations

import pytest

import scenes


def test_every_listed_scene_has_a_module_and_a_scene_class():
    scenes.check_modules(scenes.LECTURE_ORDER)  # as the package did on import
    assert scenes.scene_ids() == scenes.LECTURE_ORDER
    assert [scenes.load_scene(sid).scene_id for sid in scenes.LECTURE_ORDER] == list(scenes.LECTURE_ORDER)


def test_a_listed_scene_without_a_module_is_an_import_error():
    with pytest.raises(ImportError, match="no-such-scene"):
        scenes.check_modules((*scenes.LECTURE_ORDER, "no-such-scene"))
