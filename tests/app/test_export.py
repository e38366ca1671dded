"""x saves the screen as SVG, and in training and hiking the data behind it as CSV."""

from __future__ import annotations

import csv

import numpy as np

from tests.conftest import make_app
from tui.export import export, free_stem


def notes(app) -> list[str]:
    return [n.message for n in app._notifications]


def read_csv(path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as file:
        return list(csv.reader(file))


async def test_the_screen_goes_to_an_svg_named_after_scene_and_step(tmp_path):
    app = make_app("derivative", questions=False)
    app.settings.export_dir = str(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", "right", "x")
        await pilot.pause()
        svg = (tmp_path / "gdtui-derivative-3.svg").read_text()
        assert svg.startswith("<svg") and "secant" in svg
        assert any("gdtui-derivative-3.svg" in n and str(tmp_path) in n for n in notes(app))
        await pilot.press("x")  # a second picture at the same place keeps the first
        await pilot.pause()
        assert sorted(p.name for p in tmp_path.iterdir()) == ["gdtui-derivative-3-2.svg", "gdtui-derivative-3.svg"]


async def test_training_also_writes_the_run_so_far(tmp_path):
    app = make_app("training")
    app.settings.export_dir = str(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "e", "e", "x")
        await pilot.pause()
        rows = read_csv(tmp_path / "gdtui-training-1-run.csv")
        assert rows[0] == ["epoch", "training_loss", "validation_loss", "validation_accuracy"]
        history = app.scene.trainer.history
        assert len(rows) == 1 + len(history.epochs) == 4
        for row, record in zip(rows[1:], history.epochs):
            assert int(row[0]) == record.epoch
            assert [float(v) for v in row[1:]] == [record.train_loss, record.validation_loss,
                                                   record.validation_accuracy]
        assert (tmp_path / "gdtui-training-1.svg").exists()


async def test_hiking_also_writes_every_hikers_trail(tmp_path):
    app = make_app("hiking", questions=False)
    app.settings.export_dir = str(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", "s", "s", "s", "x")
        await pilot.pause()
        rows = read_csv(tmp_path / "gdtui-hiking-2-trails.csv")
        scene = app.scene
        assert rows[0] == ["hiker", "step", "x", "y", "height"]
        assert len(rows) == 1 + len(scene.starts) * 4
        by_hiker = {}
        for name, step, x, y, height in rows[1:]:
            by_hiker.setdefault(name, []).append((int(step), float(x), float(y), float(height)))
        for i, name in enumerate(scene.hiker_name(i) for i in range(len(scene.starts))):
            trail = by_hiker[name]
            assert [step for step, *_ in trail] == [0, 1, 2, 3]
            np.testing.assert_array_equal([(x, y) for _, x, y, _ in trail], [s.points[i] for s in scene.walks[0].steps])
            assert trail[-1][3] == scene.terrain.height(*scene.now.points[i])


async def test_a_directory_that_cannot_be_written_gives_a_message(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    app = make_app("training")
    app.settings.export_dir = str(blocker)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        assert app.is_running
        assert any("Could not save into" in n and str(blocker) in n for n in notes(app))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_free_stem_counts_up_past_taken_names(tmp_path):
    assert free_stem(str(tmp_path), "gdtui-x-1") == "gdtui-x-1"
    assert export(str(tmp_path), "gdtui-x-1", "<svg/>", {"t": (["a"], [[1], [2.5]])}) == [
        "gdtui-x-1.svg", "gdtui-x-1-t.csv"]
    assert export(str(tmp_path), "gdtui-x-1", "<svg/>", {}) == ["gdtui-x-1-2.svg"]
    assert read_csv(tmp_path / "gdtui-x-1-t.csv") == [["a"], ["1"], ["2.5"]]
