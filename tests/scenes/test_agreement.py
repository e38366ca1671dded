"""Two numbers on screen that mean the same thing are the same number, and the engine's, at every
step of every scene, in both languages, after the keys a student presses.

Read from the screen's text, as a student reads it, not from the widgets' state.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

import scenes
from engine.chain_rule import parameter_count
from engine.data import ANIMALS, CLASSES, animals, split
from engine.functions import PARABOLA_MIN, parabola, parabola_slope, plane, plane_gradient
from engine.tangent import secant_slope
from scenes import backprop, derivative, gradient, hiking, learning_rate, supervised
from scenes.backprop import UPDATE_STEP
from tests.conftest import make_app, screen_lines, shown
from tui.i18n import load_entries
from tui.widgets.loss_bars import LossBars

NUMBER = r"−?\d+(?:[.,]\d+)?"


def screen(app) -> str:
    return "\n".join(screen_lines(app))


def numbers_after(label: str, text: str) -> list[str]:
    """The numbers on the first line that starts with `label` (after the scene's padding)."""
    line = next(line for line in text.splitlines() if line.strip().startswith(label))
    return re.findall(NUMBER, line[line.index(label) + len(label):])


async def walk(pilot, app, keys: list[tuple[str, ...]], check) -> None:
    """Every step, then each group of keys at the last step: check the screen each time."""
    for step in range(app.scene.steps):
        await app.go(app.index, step)
        await pilot.pause()
        check(app, step)
    for group in keys:
        await pilot.press(*group)
        await pilot.pause()
        check(app, app.scene.step)


def check_loss(app, step: int) -> None:
    text = screen(app)
    count = int(re.search(r"= (\d+) ", next(line for line in text.splitlines() if "0/1" in line and "=" in line))[1])
    marks = [line for line in text.splitlines() if "✗" in line or "✓" in line][0]
    assert marks.count("✗") == count
    if step >= 1:
        bars = app.scene.query_one("#zero-one", LossBars)
        assert bars.values[bars.marker] == count  # the chart's count at ▲ is the summary's


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "de"])
async def test_loss_count_marks_and_chart_agree(lang):
    app = make_app("loss", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        keys = [("plus",) * 6, ("full_stop",) * 5, ("enter", "right", "right", "up", "up", "escape"),
                ("comma",) * 9, ("minus",) * 12, ("r",), ("L",)]
        await walk(pilot, app, keys, check_loss)


def check_neuron(app, step: int) -> None:
    text = screen(app)
    activation = app.scene.t(f"activation.{app.scene.activation}")
    if step == 0:
        app.scene.shown_output = numbers_after(f"a = {activation}(z)", text)
        return
    diagram = dict(re.findall(rf"([xa][₁₂₃₄]) ({NUMBER}|\?)", text))
    for name in ("x₁", "x₂", "x₃"):
        assert diagram[name] == numbers_after(name, text)[0]  # the table's x is the diagram's x
    if step >= 2:
        a = numbers_after(f"a = {activation}(z)", text)
        assert [diagram[f"a{s}"] for s in "₁₂₃₄"] == a  # the table's a is the diagram's a


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "de"])
async def test_neuron_table_diagram_and_neuron_agree(lang):
    app = make_app("neuron", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await walk(pilot, app, [("a",), ("n", "n"), ("enter", "down", "right", "down", "down", "left", "escape"),
                                ("a", "a"), ("L",)], check_neuron)
        await app.go(app.index, 0)  # the neuron's output a is a₂ of the network, with whatever the student set
        await pilot.pause()
        check_neuron(app, 0)
        await app.go(app.index, 2)
        await pilot.pause()
        a = numbers_after(f"a = {app.scene.t('activation.' + app.scene.activation)}(z)", screen(app))
        assert a[1] == app.scene.shown_output[0]


def find(pattern: str, text: str) -> tuple[str, ...]:
    """The numbers matched by `pattern`, where N stands for a number on screen."""
    found = re.search(re.escape(pattern).replace("N", f"({NUMBER})"), text)
    assert found, pattern
    return found.groups()


def check_backprop(app, step: int) -> None:
    text = " ".join(screen(app).split())  # one line, single spaces: the chains span two rows
    if step < 2:
        return
    delta2 = find("∂ŷ/∂z₂ = N ⋅ N = N", text)[-1]
    assert find("∂L/∂w₂ = δ₂ ⋅ a₁ = N ⋅ N = N", text)[0] == delta2  # δ₂ reused as shown
    assert find("∂L/∂b₂ = δ₂ = N", text)[0] == delta2
    if step < 3:
        return
    chain = text.split("∂a₁/∂z₁ =")[1].split("∂L/∂w₁")[0]  # "δ₂ ⋅ (w₂) ⋅ σ'(z₁) = δ₁"
    first, *_, delta1 = re.findall(NUMBER, chain)
    assert first == delta2  # δ₁ starts from the same δ₂
    w1 = find("∂L/∂w₁ = δ₁ ⋅ x = N ⋅ N = N", text)
    assert w1[0] == delta1 and find("∂L/∂b₁ = δ₁ = N", text)[0] == delta1
    if step < UPDATE_STEP:
        return
    w2 = find("∂L/∂w₂ = δ₂ ⋅ a₁ = N ⋅ N = N", text)[-1]
    row = app.scene.t("row.gradient")
    assert find(f"{row} N N N N", text) == (w1[-1], delta1, w2, delta2)  # the update uses these gradients
    loss = find(")² = N", text)[0]
    assert find(app.scene.t("loss_after", before="N", after="N", verdict=""), text)[0] == loss  # the loss before the update


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "de"])
async def test_backprop_deltas_gradients_update_and_loss_agree(lang):
    app = make_app("backprop", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await walk(pilot, app, [("n",), ("n", "n", "n"), ("s",), ("plus", "plus", "s"), ("r",), ("L",)],
                   check_backprop)


# -- every scene, every step, both languages ---------------------------------------------------
# Each check gets the app at one step (or after a scene's keys) and compares two places on
# screen that show the same number with each other and with the engine, formatted as the
# language writes it (the scene's own `num`), so a wrong or stale number cannot match.

def line_with(app, text: str) -> str:
    """The first screen line that contains `text`."""
    found = [line for line in screen_lines(app) if text in line]
    assert found, f"{text!r} is not on screen"
    return found[0]


def label(app, key: str) -> str:
    """The words of a catalog entry before its first value: how its line starts on screen."""
    return load_entries(app.settings.lang)[key].split("{")[0].strip()


def check_frame(app) -> None:
    """The header names the scene by its number; the footer counts the scene and step that show."""
    lines = screen_lines(app)
    index, scene = app.index, app.scene
    assert f"{index + 1}. {app.catalog(f'{scene.scene_id}.title')}" in lines[0]
    assert app.catalog("app.counter", scene=index + 1, scenes=len(app.scene_ids), step=scene.step + 1,
                       steps=scene.steps) in lines[-1]


def check_supervised(app, step: int) -> None:
    scene = app.scene
    data, num = scene.dataset, scene.num
    assert len(data) == ANIMALS
    for row in range(4):  # the pairs: the engine's first animals, in order
        line = next(line for line in screen_lines(app) if line.split()[:1] == [str(row + 1)] and "→" in line)
        assert re.findall(NUMBER, line)[1:] == [num(v) for v in data.X[row]]
        assert line.rstrip().endswith(scene.t(f"class.{CLASSES[data.y[row]]}"))
    if step < 1:
        return
    assert str(ANIMALS) in line_with(app, label(app, "supervised.split_intro"))
    parts = scene.parts
    total = 0
    for name, percent in zip(("train", "validation", "test"), scene.percent):
        part = getattr(parts, name)
        line = next(line for line in screen_lines(app) if f" {scene.t(f'part.{name}')} " in line and "%" in line)
        share, animals_, cats, dogs = (int(n) for n in re.findall(r"\d+", line)[:4])
        assert (share, animals_, cats + dogs) == (percent, len(part), len(part))
        assert (cats, dogs) == tuple(np.bincount(part.y, minlength=2))
        assert abs(animals_ - percent * ANIMALS / 100) <= 1  # the share is the share of the animals
        total += animals_
    assert total == ANIMALS


def check_neuron_engine(app, step: int) -> None:
    """The table and diagram agree (check_neuron); the inputs are the supervised scene's animal, and
    the narration's z and ŷ are the table's and the engine's."""
    check_neuron(app, step)
    scene, text = app.scene, screen(app)
    if scene.own_x is None:
        row = animals(app.settings.seed).X[scene.animal]
        assert [numbers_after(name, text)[0] for name in ("x₁", "x₂", "x₃")] == [scene.num(v) for v in row]
        assert f" {scene.animal + 1} " in line_with(app, str(ANIMALS))
    flow = scene.flow
    if step >= 2:
        z = numbers_after("z = x⋅W₁ + b₁", text)
        assert z == [scene.num(v) for v in flow.zs[0][0]]
        if step == 2:
            assert f" = {z[1]}." in " ".join(text.split())  # the worked sum for neuron 2 ends in its z
    if step >= 3:
        y_hat = scene.num(float(flow.output[0, 0]))
        assert f"ŷ {y_hat}" in text and f"= {y_hat} = P" in " ".join(text.split())


def check_derivative(app, step: int) -> None:
    scene = app.scene
    num = scene.num
    x_min, y_min = PARABOLA_MIN
    if step >= derivative.MINIMUM:
        assert scene.numbers.short(x_min) in line_with(app, "⇔")
    if step < derivative.DESCENT:
        x = scene.x
        line = next(line for line in screen_lines(app) if " x = " in line and "f(x) = " in line)
        assert re.findall(NUMBER, line)[:2] == [num(x, 3), num(float(parabola(x)), 3)]
        if step >= derivative.TANGENT:
            assert line_with(app, "f'(x) = " + num(float(parabola_slope(x)), 3))
        if step == derivative.SECANT:
            secant = line_with(app, f"h = {num(scene.h, 3)}")
            assert secant.split("│")[0].rstrip().endswith(num(float(secant_slope(parabola, x, scene.h)), 3))
        if step >= derivative.VALUE:
            assert line_with(app, scene.numbers.point(x_min, y_min))
        return
    rate, tolerance = num(derivative.LEARNING_RATE, 1), num(derivative.TOLERANCE, 3)
    assert line_with(app, label(app, "derivative.walk.heading")).split("│")[0].split()[-1] == rate
    rows = [line.split()[:4] for line in screen_lines(app) if re.fullmatch(rf"\s*\d+\s+({NUMBER}\s+){{3}}.*", line)]
    assert rows and rows[-1][0] == str(scene.walk[-1].index)  # the table's last row is where the ball is
    for index, x, fx, slope in rows:  # every row is f and f' of its x, and x moved by −η·f'
        step_ = scene.walk[[s.index for s in scene.walk].index(int(index))]
        xk = float(step_.points[0, 0])
        assert [x, fx, slope] == [num(v, derivative.DECIMALS) for v in (xk, parabola(xk), parabola_slope(xk))]
    steps = list(scene.walk)
    for before, after in zip(steps, steps[1:]):
        x0 = float(before.points[0, 0])
        assert float(after.points[0, 0]) == pytest.approx(x0 - derivative.LEARNING_RATE * float(parabola_slope(x0)))
    last = steps[-1]
    if last.status[0].value == "converged":
        done = " ".join(screen_lines(app)[-6:])
        assert num(abs(float(parabola_slope(float(last.points[0, 0])))), derivative.DECIMALS) in done
        assert f" {last.index} " in done and tolerance in done
    else:
        assert f"{rate}⋅f'(x)" in screen(app) and tolerance in screen(app)


def check_gradient(app, step: int) -> None:
    scene = app.scene
    num, numbers = scene.num, scene.numbers
    x, y = scene.point
    text = screen(app)
    assert f"{numbers.point(x, y)}:  f = {num(float(plane(x, y)))}" in text
    grad = [float(g) for g in plane_gradient(x, y)]
    if step in (1, 2, 3, 4):
        assert f"= 6({num(x)}) = {num(grad[0])}" in text
    if step in (2, 3, 4):
        assert f"∂f/∂y = {num(grad[1])}" in text
    if step in (3, 4):
        assert f"∇f = {numbers.vector(grad)}" in text
    if step >= 4:
        assert f"−∇f = {numbers.vector([-g for g in grad])}, |∇f| = {num(float(np.hypot(*grad)))}" in text
    if step < 5:
        return
    walk = list(scene.recent)
    rows = [line.split()[:4] for line in screen_lines(app) if re.match(rf"\s*\d+\s+{NUMBER}\s+{NUMBER}\s+{NUMBER}\s", line)]
    assert rows and rows[0][0] == str(walk[0].index) and rows[-1][0] == str(walk[-1].index)
    for row, s in zip(rows, walk):
        px, py = (float(v) for v in s.points[0])
        assert row[1:] == [num(px, 3), num(py, 3), num(float(plane(px, py)), 3)]
    rise = -gradient.LEARNING_RATE * float(plane_gradient(0.0, 0.0)[1])
    if len(walk) > 1:
        assert float(walk[-1].points[0, 1] - walk[-2].points[0, 1]) == pytest.approx(rise)
    if scene.walks[0].now.status[0].value == "running":
        assert num(rise) in line_with(app, label(app, "gradient.walk.running"))


def check_hiking(app, step: int) -> None:
    scene = app.scene
    now = scene.now
    hikers = len(now.status)
    line = line_with(app, label(app, "hiking.progress"))
    counts = [int(n) for n in re.findall(r"\d+", line.split(":", 1)[1])]
    assert sum(counts) == hikers  # every hiker is counted once
    assert re.findall(r"\d+", line)[:2] == [str(now.index), str(hiking.MAX_STEPS)]
    assert scene.num(scene.learning_rate) in line_with(app, "η = ")
    if step >= hiking.VALLEYS and now.finished:
        tally = " ".join(screen_lines(app)[-4:-1])
        letters = re.findall(r"\b[A-H]\b", tally)
        assert sorted(letters) == [chr(ord("A") + i) for i in range(hikers)]


def check_learning_rate(app, step: int) -> None:
    """Each walk's newest iteration reads the same in its title (or the free table) and its
    readout, and is the engine's: x, f(x) = 2x² + 4x of that x, and the status's k."""
    scene = app.scene
    text = screen(app)
    if step < learning_rate.FREE:
        titles = re.findall(rf"η = ({NUMBER}) · k = (\d+)", text)
        assert [rate for rate, _ in titles] == [scene.num(rate, 2) for rate in learning_rate.RATES]
        walks = list(zip(scene.walks, (int(k) for _, k in titles)))
    else:
        table = scene.query_one("#free-table")
        assert f"η = {scene.num(scene.learning_rate, 2)}" in shown(table)
        rows = re.findall(rf"^\s*│?\s*(\d+) +({NUMBER}|{NUMBER}e[+−-]?\d+) +", shown(table), re.M)
        walks = [(scene.walks[-1], int(rows[-1][0]))]
    for walk, k in walks:
        last = scene._shown(list(walk.steps))[-1]  # a walker that blew up shows its last good point
        assert k == last.index
        x = float(last.points[0, 0])
        assert scene._number(float(parabola(x))) == scene._number(float(last.values[0]))
        if step < learning_rate.FREE:
            assert f"f(x) = {scene._number(float(parabola(x)))}" in text


def check_backprop_engine(app, step: int) -> None:
    check_backprop(app, step)
    if step != backprop.COUNT_STEP:
        return
    for sizes, _ in backprop.GROWING:  # which networks these are: test_backprop
        line = line_with(app, "-".join(map(str, sizes)) + " ")
        assert app.scene.numbers.whole(parameter_count(list(sizes))) in line


def check_sgd(app, step: int) -> None:
    """The table's iterations, work and loss are the walks'; G steps once per epoch's worth of S's work."""
    scene = app.scene
    sgd_walk, gd_walk, samples = scene.sgd, scene.gd, len(scene.x)
    per_step = sgd_walk.batch_size
    assert f"[{per_step}]" in screen(app) or f"[{scene.t('all')}]" in screen(app)
    rows = [line for line in screen_lines(app) if "○ G " in line or "• S " in line]
    if not rows:  # the question and the race show only the settings
        return
    for marker, walk in (("○ G", gd_walk), ("• S", sgd_walk)):
        line = line_with(app, marker + " ")
        iterations, work, loss = re.findall(NUMBER, line.split(marker)[1])[:3]
        assert (int(iterations), int(work)) == (walk.iterations, walk.samples_seen)
        assert int(work) == walk.iterations * walk.batch_size or walk.batch_size != per_step
        assert loss == scene.num(float(scene.loss.loss(*walk.position)), 3)
    assert gd_walk.samples_seen == gd_walk.iterations * samples
    assert gd_walk.iterations == sgd_walk.samples_seen // samples  # G steps per epoch's worth of S's work
    epochs = re.findall(r"\d+", line_with(app, label(app, "sgd.epochs")))
    assert epochs[:2] == [str(sgd_walk.epochs + 1), str(sgd_walk.steps_per_epoch)]  # the epoch S is in, as the strip says
    assert sgd_walk.steps_per_epoch == -(-samples // per_step)
    if step == 1:  # the strip's caption: S's next batch
        caption = scene.t("strip", epoch=sgd_walk.epochs + 1, batch=sgd_walk.batch_index + 1,
                          batches=sgd_walk.steps_per_epoch)
        assert caption in " ".join(screen(app).split())


def check_training(app, step: int) -> None:
    scene = app.scene
    trainer = scene.trainer
    line = screen_lines(app)[1]
    numbers_ = re.findall(NUMBER, line)
    train = len(scene.setup.split.train)
    assert train == len(split(animals(app.settings.seed), tuple(p / 100 for p in supervised.START_PERCENT), seed=app.settings.seed).train)
    batch_size = trainer.batch_size
    assert numbers_[:3] == [str(trainer.epoch + (0 if trainer.stopped else 1)), str(scene.run.done_in_epoch),
                            str(-(-train // batch_size))]
    assert scene.numbers.short(trainer.learning_rate, 3) in line and f" {batch_size} " in line
    history = trainer.history
    if history.epochs:
        last = history.epochs[-1]
        result = screen(app)
        assert scene.num(100 * last.validation_accuracy, 1) in result
        if history.stop_reason is None:
            assert scene.num(last.train_loss, 3) in result and scene.num(last.validation_loss, 3) in result


def check_checklist(app, step: int) -> None:
    ticks = sum(line.lstrip().startswith("[✓]") for line in screen_lines(app))
    assert ticks == step + 1


CHECKS = {"supervised": check_supervised, "neuron": check_neuron_engine, "loss": check_loss,
          "derivative": check_derivative, "gradient": check_gradient, "hiking": check_hiking,
          "learning-rate": check_learning_rate, "backprop": check_backprop_engine, "sgd": check_sgd,
          "training": check_training, "checklist": check_checklist}
#: Keys pressed at the last step, a group at a time: the live scenes walk (s one step, space to
#: the end or an epoch), the others change what the numbers are computed from.
KEYS = {"supervised": [("plus",), ("p", "plus", "plus")], "neuron": [("n",), ("a",)],
        "loss": [("plus", "plus"), ("full_stop",)], "derivative": [("s", "s"), ("space",)],
        "gradient": [("s", "s", "s")], "hiking": [("s", "s"), ("space",)],
        "learning-rate": [("s", "s", "s"), ("space",), ("plus", "plus", "s", "s"), ("minus",) * 6 + ("space",)], "backprop": [("s",), ("n",)],
        "sgd": [("s", "s"), ("space",), ("b",)], "training": [("s",), ("e",)]}


@pytest.mark.slow  # a walk through every step of a scene, as the README's test section sorts them
@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("scene_id", scenes.scene_ids())
async def test_every_step_of_every_scene_agrees_with_itself_and_the_engine(scene_id, lang):
    app = make_app(scene_id, lang, questions=False)
    check = CHECKS.get(scene_id, lambda app, step: None)

    def both(app, step: int) -> None:
        check_frame(app)
        check(app, step)

    async with app.run_test(size=(80, 24)) as pilot:
        await walk(pilot, app, KEYS.get(scene_id, []), both)
