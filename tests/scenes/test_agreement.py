"""Two numbers on screen that mean the same thing are the same number, at every step of the
loss, neuron and backprop scenes, in both languages, after the keys a student presses.

Read from the screen's text, as a student reads it, not from the widgets' state.
"""

from __future__ import annotations

import re

import pytest

from scenes.backprop import UPDATE_STEP
from tests.conftest import make_app, screen_lines
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
