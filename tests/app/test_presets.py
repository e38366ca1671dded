"""Presets: the built-in ones reach their teaching moment; a lecturer's file is checked whole."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from engine import MLP, Trainer, default_training_setup
from engine.descent import Status, run
from engine.functions import default_terrain
from engine.training import StopReason
from scenes.hiking import MAX_STEPS, TOLERANCE
from tests.conftest import make_app, screen_lines, settings_of, shown, started
from tui.cli import main
from tui.i18n import LANGUAGES, Catalog
from tui.presets import PresetError, builtin, line_of, parse
from tui.widgets.loss_chart import LossChart

TERRAIN = default_terrain()
BUILT_IN = ("diverge", "local-minimum", "plateau", "noisy-sgd", "overfit")


def engine_walk(starts: np.ndarray, rate: float):
    return run(TERRAIN.gradient, starts, rate, value=TERRAIN.height, tolerance=TOLERANCE,
               max_steps=MAX_STEPS, bounds=TERRAIN.bounds)


def test_the_built_in_presets_and_their_descriptions():
    for lang in LANGUAGES:
        presets = builtin(Catalog(lang))
        assert tuple(presets) == BUILT_IN
        assert all(preset.describe(Catalog(lang)).strip() for preset in presets.values())
    assert "1.6" in builtin(Catalog("en"))["diverge"].describe(Catalog("en"))
    assert "1,6" in builtin(Catalog("de"))["diverge"].describe(Catalog("de"))


async def test_diverge_sends_every_hiker_off_the_map():
    app = started("--preset", "diverge")
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        assert (scene.scene_id, scene.step, scene.learning_rate) == ("hiking", 1, 1.6)
        path = engine_walk(scene.starts, 1.6)
        assert set(path.status) <= {Status.LEFT_DOMAIN, Status.DIVERGED}
        start_error = np.linalg.norm(path.points[0] - path.points[1], axis=1)
        assert (start_error > 0).all()
        await pilot.press("space")
        assert set(scene.now.status) <= {Status.LEFT_DOMAIN, Status.DIVERGED}
        np.testing.assert_array_equal(scene.now.points, path.points[-1])


async def test_local_minimum_traps_every_hiker_away_from_the_global_one():
    app = started("--preset", "local-minimum")
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        path = engine_walk(scene.starts, scene.learning_rate)
        floors = TERRAIN.nearest_minimum(path.points[-1])
        assert (path.status == Status.CONVERGED).all()
        assert not any(TERRAIN.minima[i].is_global for i in floors)
        await pilot.press("space")
        assert "global" not in str(scene.query_one("#tally").render()).replace("= global", "")
        assert "local" in str(scene.query_one("#tally").render())


async def test_plateau_makes_descent_crawl():
    app = started("--preset", "plateau")
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        slopes = np.linalg.norm(TERRAIN.gradient(scene.starts[:, 0], scene.starts[:, 1]), axis=1)
        path = engine_walk(scene.starts, scene.learning_rate)
        crawled = np.linalg.norm(path.points[-1] - path.points[0], axis=1)
        assert (slopes < 0.3).all()
        assert (path.status == Status.MAX_STEPS).all()  # none arrives in the steps allowed
        assert (crawled < 1.1).all()  # about a tenth of the map's width in MAX_STEPS steps
        await pilot.press("space")
        assert (scene.now.status == Status.MAX_STEPS).all()


async def test_noisy_sgd_jitters_while_full_batch_descends_smoothly():
    app = started("--preset", "noisy-sgd")
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        assert scene.batch_size == 1 and scene.step == 1
        for _ in range(3):
            await pilot.press("space")  # one epoch each
        losses = lambda walk: np.array([scene.loss.loss(*p) for p in walk.path])  # noqa: E731
        sgd, gd = losses(scene.sgd), losses(scene.gd)
        assert len(sgd) == 3 * 64 + 1 and len(gd) == 4
        assert (np.diff(gd) < 0).all()
        assert (np.diff(sgd) > 0).mean() > 0.2  # a step on one sample often goes uphill for all


def overfit_run():
    """The overfit preset's run, built from the engine alone: its seed, split, draw, rate, batch size and rules."""
    preset = builtin(Catalog("en"))["overfit"]
    values = preset.values
    setup = default_training_setup(preset.seed, tuple(p / 100 for p in values["split"]))
    rules = replace(setup.rules, plateau_epsilon=values["plateau"], target_accuracy=values["target-accuracy"],
                    early_stopping_patience=values["early-stopping"])
    seed = preset.seed + values["draw"]
    net = MLP(setup.net.sizes, setup.net.activation, seed=seed)
    return Trainer(net, setup.split, values["rate"], values["batch-size"], rules, seed, setup.loss).run(), rules


def test_overfit_shows_what_its_description_says():
    """Training loss keeps falling while validation loss bottoms out, then rises: early stopping
    ends the run `patience` epochs after the lowest validation loss, for that reason and no other."""
    history, rules = overfit_run()
    train, validation = history.train_losses, history.validation_losses
    best = int(np.argmin(validation))
    patience = rules.early_stopping_patience
    assert history.stop_reason is StopReason.EARLY_STOPPING
    assert history.stopped_at == best + 1 + patience < rules.max_epochs
    assert (best + 1, history.stopped_at) == (11, 41)  # as the README's table of presets says
    assert history.tested_epoch == 11  # and the test accuracy is measured with epoch 11's weights
    assert best >= 5 and validation[best] < 0.8 * validation[0]  # it learns first
    assert train[-1] < train[best] and train[-10:].mean() < 0.85 * train[best]  # training loss still falls
    assert validation[-1] > 1.3 * validation[best]  # validation loss ends well above its lowest
    assert (validation[-10:] > 1.15 * validation[best]).all()  # and rose for good, not one unlucky epoch
    assert (validation[best:] > train[best:]).all()  # the curves part: validation above training throughout


async def test_overfit_ends_by_early_stopping_and_the_chart_shows_both_curves():
    app = started("--preset", "overfit")
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.settings.seed == 48 and app.scene.scene_id == "training"
        await pilot.press("space")  # no animation: to the end of the run
        await pilot.pause()
        history, rules = overfit_run()
        assert app.scene.trainer.history.epochs == history.epochs
        best = int(np.argmin(history.validation_losses)) + 1
        result = shown(app.scene.query_one("#result")).splitlines()  # a column beside the rules, behind a divider
        said = " ".join(" ".join(line.lstrip("│") for line in result).split())
        assert f"by early stopping: validation loss best at epoch {best}, no better for {rules.early_stopping_patience} epochs" in said
        assert history.tested_epoch == best and f"with the weights of the best epoch ({best})" in said
        assert f"Test accuracy {100 * history.test_accuracy:.1f} %" in said
        chart = app.query_one(LossChart)
        assert chart.axes.ylim[1] <= 1.0  # the epoch curves set the y axis, not a costly batch
        drawn = "".join(chart.row_strip(y).text for y in range(chart.size.height))
        assert "•" in drawn and "×" in drawn


def test_an_explicit_seed_and_step_win_over_the_preset():
    settings = settings_of("--preset", "overfit", "--seed", "2", "--step", "3", "--set", "rate=1")
    assert (settings.seed, settings.start_step, settings.preset) == (2, 2, "overfit")
    assert settings.knob_values == {"rate": 1.0}


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["--preset", "nope"], ["“nope”", "diverge"]),
        (["--preset", "overfit", "--scene", "sgd"], ["overfit", "training", "sgd"]),
        (["--scene", "hiking", "--step", "4"], ["“4”", "1 to 3"]),
        (["--scene", "hiking", "--step", "0"], ["“0”"]),
        (["--step", "x"], ["“x”", "welcome"]),
        (["--scene", "hiking", "--set", "rate=0.11"], ["“0.11”", "rate"]),
        (["--scene", "hiking", "--set", "speed=1"], ["“speed”", "rate, decay, momentum, hikers"]),
        (["--scene", "hiking", "--set", "rate"], ["“rate”", "NAME=VALUE"]),
        (["--scene", "welcome", "--set", "x=1"], ["welcome"]),
        (["--export-dir", "/no/such/dir"], ["/no/such/dir"]),
    ],
)
def test_bad_lecturer_options_are_one_line_and_exit_2(args, names, capsys):
    assert main(args) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith("gdtui: ")
    assert all(name in err for name in names), err


def test_errors_come_in_the_chosen_language(capsys):
    assert main(["--lang", "de", "--scene", "hiking", "--step", "9"]) == 2
    assert "Szene hiking hat die Schritte 1 bis 3" in capsys.readouterr().err


@pytest.mark.parametrize("lang", LANGUAGES)
def test_list_presets_names_scene_and_description(lang, capsys):
    assert main(["--list-presets", "--lang", lang]) == 0
    lines = capsys.readouterr().out.splitlines()
    catalog = Catalog(lang)
    for line, preset in zip(lines, builtin(catalog).values(), strict=True):
        assert line.split()[:2] == [preset.name, preset.scene]
        assert line.endswith(preset.describe(catalog))


# -- a lecturer's file --------------------------------------------------------

GOOD = """\
# my presets
[slow]
scene = "hiking"
description = "[b]Slow[/b] walkers"
step = 2
[slow.set]
rate = 0.05
placed = [[1, 2.5], [-3, 0]]

[split]
scene = "supervised"
seed = 3
description = { en = "A lopsided split", de = "Eine schiefe Aufteilung" }
set = { split = "80,10,10" }
"""


def test_a_good_file_adds_its_presets(tmp_path, capsys):
    path = tmp_path / "mine.toml"
    path.write_text(GOOD)
    assert main(["--presets", str(path), "--list-presets", "--lang", "de"]) == 0
    out = capsys.readouterr().out
    assert "slow             hiking         [b]Slow[/b] walkers" in out
    assert "split            supervised     Eine schiefe Aufteilung" in out
    settings = settings_of("--presets", str(path), "--preset", "slow")
    assert settings.presets["slow"].values == {"rate": 0.05, "placed": ((1.0, 2.5), (-3.0, 0.0))}
    assert settings.start_step == 1


BAD = [
    ('[a]\nscene = "hiking"\nrate = 1\n', 3, "“rate”"),
    ('[a]\nscene = "nowhere"\n', 2, "“nowhere”"),
    ('[a]\nstep = 2\n', 1, "needs a scene"),
    ('[a]\nscene = "hiking"\nstep = 4\n', 3, "1 to 3"),
    ('[a]\nscene = "hiking"\nseed = -1\n', 3, "seed"),
    ('[a]\nscene = "hiking"\n\n[a.set]\nrate = 0.11\n', 5, "“0.11”"),
    ('[a]\nscene = "hiking"\n[a.set]\nwalk = 5\nplaced = [[9, 9]]\n', 5, "placed"),
    ('[a]\nscene = "hiking"\nset = { rate = "fast" }\n', 3, "“fast”"),
    ('[a]\nscene = "hiking"\n[a.set]\nspeed = 2\n', 4, "“speed”"),
    ('[a]\nscene = "hiking"\ndescription = "two\\nlines"\n', 3, "one line"),
    ('[a]\nscene = "hiking"\ndescription = { fr = "non" }\n', 3, "(en, de)"),
    ('[plateau]\nscene = "hiking"\n', 1, "built-in"),
    ('[a]\nscene = "hiking"\n\n["b c"]\nscene = "sgd"\n', 4, "“b c”"),
    ('x = 1\n', 1, "“x”"),
    ('[a]\nscene = "hiking"\nstep = \n', 3, "Invalid value"),
    ('[a]\nscene = "hiking"\n[a]\n', 3, "Cannot declare"),
]


@pytest.mark.parametrize(("text", "line", "problem"), BAD)
def test_a_bad_file_is_one_line_naming_file_line_and_problem(tmp_path, capsys, text, line, problem):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    assert main(["--presets", str(path), "--preset", "plateau"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert err.startswith(f"gdtui: {path}, line {line}: "), err
    assert problem in err, err


def test_an_unreadable_file_is_one_line(tmp_path, capsys):
    assert main(["--presets", str(tmp_path / "missing.toml")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "missing.toml" in err
    (tmp_path / "binary.toml").write_bytes(b"\xff\xfe\x00")
    assert main(["--presets", str(tmp_path / "binary.toml")]) == 2
    assert "binary.toml" in capsys.readouterr().err


def test_line_of_finds_tables_keys_and_inline_tables():
    text = '"c".scene = "y"\n[a]\nscene = "x"\n[a.set]\nrate = 1\n[b]\nset = { rate = 2 }\n'
    assert line_of(text, ("a",)) == 2
    assert line_of(text, ("a", "set", "rate")) == 5
    assert line_of(text, ("b", "set", "rate")) == 7
    assert line_of(text, ("b", "step")) == 6
    assert line_of(text, ("c", "scene")) == 1


def test_a_file_is_checked_whole_before_anything_starts(tmp_path):
    path = tmp_path / "half.toml"
    path.write_text(GOOD + '\n[broken]\nscene = "sgd"\n[broken.set]\nbatch-size = 3\n')
    with pytest.raises(PresetError):
        parse(path.read_text(), str(path), Catalog("en"))
    assert main(["--presets", str(path), "--preset", "slow"]) == 2


# -- inside the app ------------------------------------------------------------

@pytest.mark.slow
async def test_the_presets_key_lists_the_scenes_presets_and_starts_one(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(GOOD)
    app = started("--presets", str(path), "--scene", "hiking")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("P")
        shown = "\n".join(screen_lines(app))
        assert "local-minimum" in shown and "[b]Slow[/b] walkers" in shown  # file text, not markup
        assert "noisy-sgd" not in shown
        await pilot.press("escape")
        assert app.scene.learning_rate == 0.2
        await pilot.press("P", "down", "enter")
        await pilot.pause()
        scene = app.scene
        assert scene.placed == builtin(Catalog("en"))["local-minimum"].values["placed"]
        assert scene.step == 2 and scene.hikers == 0
        assert app.view().command().startswith("gdtui --scene hiking --preset local-minimum --step 3")


async def test_a_preset_with_its_own_seed_rebuilds_the_scenes_on_it():
    app = started("--scene", "sgd")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right_square_bracket", "P", "enter")
        await pilot.pause()
        assert app.settings.seed == 48 and app.scene.scene_id == "training"
        assert app.scene.batch_size == 16 and "sgd" not in app._scenes
        assert app.view().command().startswith("gdtui --scene training --preset overfit --step 1 --seed 48")


@pytest.mark.slow
async def test_keys_typed_before_a_modal_closes_do_not_pop_the_scene():
    app = started("--scene", "hiking")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("P", "enter", "enter", "escape")
        await pilot.pause()
        assert app.is_running and app.scene.scene_id == "hiking" and app.scene.hikers == 0
        await pilot.press("c", "escape", "escape", "c", "c")
        await pilot.pause()
        assert app.is_running and not app.screen.is_modal


@pytest.mark.parametrize(("scene_id", "offered"), [("welcome", False), ("hiking", True)])
async def test_p_is_offered_only_where_the_scene_has_presets(scene_id, offered):
    """The help lists P only where there is something to pick, and only there does P open the picker."""
    app = make_app(scene_id)
    async with app.run_test(size=(100, 80)) as pilot:
        await pilot.press("question_mark")
        assert ("prepared states (presets)" in " ".join(screen_lines(app))) == offered
        await pilot.press("escape", "P")
        assert app.screen.is_modal == offered
