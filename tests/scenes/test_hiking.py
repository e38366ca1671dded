"""The hiking scene: hikers walk where the engine says, the screen counts them in one set of words,
the student predicts hiker A's valley first, and the schedule and momentum switches change the walk."""

from __future__ import annotations

import numpy as np
import pytest
from textual.geometry import Region

from engine.descent import Status, inverse_time_decay, run, turned_back, descend
from engine.functions import default_terrain
from scenes.hiking import DECAY, LEARNING_RATES, MAX_STEPS, MOMENTUM, START_RATE, TOLERANCE, VALLEYS, WALK
from tests.conftest import FakeClock, fit_cases, languages_in_turn, make_app, screen_cells, screen_lines, until
from tui.predict import SKIP_KEY, QuestionBox
from tui.widgets.contour import ContourLegend, ContourMap

TERRAIN = default_terrain()
LANGS = ["en", "de"]
RATE = LEARNING_RATES[START_RATE]
RANKED = sorted(TERRAIN.minima, key=lambda m: m.height)
COUNT_WORDS = {"en": {"running": "walking", "converged": "arrived", "max_steps": "at the limit",
                      "left_domain": "off the map", "diverged": "diverged"},
               "de": {"running": "unterwegs", "converged": "angekommen", "max_steps": "am Limit",
                      "left_domain": "von der Karte", "diverged": "divergiert"}}


def engine_walk(starts: np.ndarray, rate: float, decay: bool = False, momentum: bool = False):
    return run(TERRAIN.gradient, starts, rate, value=TERRAIN.height, tolerance=TOLERANCE, max_steps=MAX_STEPS,
               bounds=TERRAIN.bounds, schedule=inverse_time_decay(DECAY) if decay else None,
               momentum=MOMENTUM if momentum else 0.0)


def text(app, selector: str) -> str:
    """A widget's whole text, its wrapped lines joined with spaces."""
    return " ".join(str(app.scene.query_one(selector).render()).split())


def screen(app) -> str:
    return "\n".join(screen_lines(app))


def map_text(app) -> str:
    contour = app.scene.query_one(ContourMap)
    return "\n".join(contour.row_strip(row).text for row in range(contour.size.height))


def box_text(scene) -> str:
    box = scene.query_one(QuestionBox)
    lines = [strip.text for strip in box.render_lines(Region(0, 0, *box.outer_size))]
    return " ".join(line.lstrip("▊").strip() for line in lines)


def valley_of(point) -> int:
    """1 for the deepest valley, 2 for the next, ... of the floor nearest the point."""
    return RANKED.index(TERRAIN.minima[int(TERRAIN.nearest_minimum(np.asarray(point)))]) + 1


async def walk_to_the_end(pilot) -> None:
    """Past the question (skipped), then every hiker to its end."""
    await pilot.press("right", SKIP_KEY, "space")
    assert pilot.app.scene.now.finished


# -- the walk and its words -------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
async def test_hikers_end_where_the_engine_walk_ends_and_the_tally_says_where(lang):
    app = make_app("hiking", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        starts = scene.starts.copy()
        await walk_to_the_end(pilot)
        path = engine_walk(starts, RATE)
        assert scene.now.index == path.steps
        np.testing.assert_allclose(scene.now.points, path.points[-1])
        contour = scene.query_one(ContourMap)
        cells = [contour.cell_of(x, y) for x, y in path.points[-1]]
        for cell in cells:  # hikers who meet show the first letter: A, whom the question is about, stays in sight
            assert contour.overlay.get(cell) == scene.hiker_name(cells.index(cell))
        assert len(set(cells)) < len(cells)  # some did meet
        await pilot.press("right")
        tally = text(app, "#tally")
        arrived = path.status == Status.CONVERGED
        assert arrived.sum() >= len(starts) // 2
        for label, minimum in enumerate(RANKED, start=1):
            here = arrived & np.array([valley_of(p) == label for p in path.points[-1]])
            if here.any():
                hikers = " ".join(scene.hiker_name(i) for i in np.flatnonzero(here))
                kind = {"en": ("global minimum", "local"), "de": ("globales Minimum", "lokal")}[lang]
                valley = {"en": "valley", "de": "Tal"}[lang]
                assert f"{valley} {label}, {kind[0] if minimum.is_global else kind[1]}: {hikers}" in tally
                ends = path.points[-1][here]
                assert np.linalg.norm(ends - (minimum.x, minimum.y), axis=1).max() < 0.05


# η = 0.2 (some creep), 1.0 (all zig-zag), 2.5 (off the map); the first in both languages
@pytest.mark.parametrize(("lang", "presses"), languages_in_turn(0, 0, 4, 6))
async def test_status_line_and_tally_count_the_engines_statuses_in_the_same_words(lang, presses):
    app = make_app("hiking", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        await pilot.press(*["plus"] * presses)
        await walk_to_the_end(pilot)
        await pilot.press("right")
        steps = list(descend(TERRAIN.gradient, scene.starts, LEARNING_RATES[START_RATE + presses],
                             value=TERRAIN.height, tolerance=TOLERANCE, max_steps=MAX_STEPS, bounds=TERRAIN.bounds))
        status = steps[-1].status
        words = COUNT_WORDS[lang]
        progress = text(app, "#status")
        shown = 0
        for outcome in Status:
            count = int(np.sum(status == outcome))
            assert (f"{words[outcome.value]} {count}" in progress) == (count > 0)
            shown += count
        assert shown == len(scene.starts)
        limit = {"en": f"iteration {steps[-1].index} of at most {MAX_STEPS}",
                 "de": f"Iteration {steps[-1].index} von höchstens {MAX_STEPS}"}[lang]
        assert limit in progress
        tally = text(app, "#tally")
        zigzag = turned_back(steps[-2], steps[-1])
        at_limit = status == Status.MAX_STEPS
        kinds = {"en": ("at the limit, zig-zagging across a valley", "at the limit, creeping over flat ground"),
                 "de": ("am Limit, pendelt quer durchs Tal", "am Limit, kriecht über flachen Boden")}[lang]
        for mask, words_ in ((at_limit & zigzag, kinds[0]), (at_limit & ~zigzag, kinds[1]),
                             (status == Status.LEFT_DOMAIN, COUNT_WORDS[lang]["left_domain"])):
            names = " ".join(scene.hiker_name(i) for i in np.flatnonzero(mask))
            assert (f"{words_}: {names}" in tally) == bool(names)
        if presses == 0:
            assert (at_limit & ~zigzag).any(), "at η = 0.2 some hikers creep over flat ground"
        if presses == 4:
            assert (at_limit & zigzag).all(), "at η = 1.0 every hiker zig-zags across valley 1"


async def test_one_step_at_a_time_follows_the_engine():
    app = make_app("hiking", "de")
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        path = engine_walk(scene.starts, RATE)
        await pilot.press("right", SKIP_KEY, "s", "s", "s")
        np.testing.assert_allclose(scene.now.points, path.points[3])
        status = text(app, "#status")
        assert "Lernrate η = 0,20, fest · ohne Momentum" in status
        assert "Iteration 3 von höchstens 150: unterwegs 8" in status


async def test_nothing_walks_before_the_walk_step():
    app = make_app("hiking", "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "s")
        assert app.scene.now.index == 0 and app.scene.step == 0


@pytest.mark.slow
async def test_learning_rate_keys_change_the_step_length_and_restart_from_the_same_starts():
    app = make_app("hiking", "en")
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        starts = scene.starts.copy()
        await pilot.press("right", SKIP_KEY, "s", "plus", "plus")
        rate = LEARNING_RATES[START_RATE + 2]
        assert scene.learning_rate == rate and scene.now.index == 0
        assert f"η = {rate:.2f}" in text(app, "#status")
        await pilot.press("s")
        np.testing.assert_allclose(scene.now.points, starts - rate * TERRAIN.gradient(starts[:, 0], starts[:, 1]))
        await pilot.press(*["minus"] * 20)
        assert scene.learning_rate == LEARNING_RATES[0]
        np.testing.assert_array_equal(scene.starts, starts)


async def test_r_starts_again_from_the_same_starts_and_n_draws_new_ones_seeded():
    first, second = make_app("hiking", seed=3), make_app("hiking", seed=3)
    async with first.run_test(size=(80, 24)) as pilot:
        scene = first.scene
        starts = scene.starts.copy()
        await pilot.press("right", SKIP_KEY, "s", "s", "r")
        assert scene.now.index == 0
        np.testing.assert_array_equal(scene.starts, starts)
        await pilot.press("n")
        assert not np.allclose(scene.starts, starts) and scene.now.index == 0
        renewed = scene.starts.copy()
    async with second.run_test(size=(80, 24)) as pilot:
        np.testing.assert_allclose(second.scene.starts, starts)
        await pilot.press("n")
        np.testing.assert_allclose(second.scene.starts, renewed)


# -- the experiments: a decaying learning rate and momentum --------------------------


@pytest.mark.parametrize(("lang", "keys", "decay", "momentum"),
                         languages_in_turn((["d"], True, False), (["m"], False, True),
                                           (["d", "m"], True, True), (["d", "d"], False, False)))
async def test_decay_and_momentum_switch_what_the_engine_computes(lang, keys, decay, momentum):
    app = make_app("hiking", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        await pilot.press(*["plus"] * 4)  # η = 1.0: plain descent zig-zags across valley 1
        await pilot.press(*keys)
        assert (scene.decay, scene.momentum) == (decay, momentum)
        await walk_to_the_end(pilot)
        path = engine_walk(scene.starts, 1.0, decay=decay, momentum=momentum)
        plain = engine_walk(scene.starts, 1.0)
        np.testing.assert_allclose(scene.now.points, path.points[-1])
        assert list(scene.now.status) == list(path.status)
        if decay or momentum:
            assert not np.allclose(path.points[-1], plain.points[-1])
            assert (path.status == Status.CONVERGED).sum() > (plain.status == Status.CONVERGED).sum() == 0
        status = text(app, "#status")
        if decay:
            now = 1.0 / (1 + DECAY * (path.steps - 1))
            assert scene.now.learning_rate == pytest.approx(now)
            words = {"en": f"η₀ = 1.00, η = η₀/(1 + 0.05⋅k) = {scene.num(now, 2)} at iteration k",
                     "de": f"η₀ = 1,00, in Iteration k: η = η₀/(1 + 0,05⋅k) = {scene.num(now, 2)}"}[lang]
            assert words in status  # the start rate and the rate now: two names
        else:
            assert {"en": "1.00, fixed", "de": "1,00, fest"}[lang] in status
        assert ({"en": "momentum 0.8", "de": "Momentum 0,8"}[lang] in status) == momentum


# -- what the map shows ---------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
async def test_the_map_is_a_loss_from_zero_with_a_key_to_trails_and_the_lectures_word(lang):
    app = make_app("hiking", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        legend = str(scene.query_one(ContourLegend).render())
        low = {"en": "low 0.0 ", "de": "tief 0,0 "}[lang]
        assert legend.startswith(low) and "−" not in legend
        assert min(m.height for m in TERRAIN.minima) == pytest.approx(0.0, abs=1e-12)
        assert text(app, "#map-key").startswith("• ")
        word = {"en": "initialisation", "de": "Initialisierung"}[lang]
        assert word in text(app, "#narration")
        assert {"en": "contour lines", "de": "Höhenlinien"}[lang] in text(app, "#narration")


async def test_hikers_that_walked_off_the_map_stand_on_its_edge():
    app = make_app("hiking", "en")
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        await pilot.press(*["plus"] * 6)  # η = 2.5
        await walk_to_the_end(pilot)
        off = np.flatnonzero(scene.now.status == Status.LEFT_DOMAIN)
        assert len(off) >= 3
        contour = scene.query_one(ContourMap)
        width, height = contour.size
        edge = {(col, row) for col, row in contour.overlay if col in (0, width - 1) or row in (0, height - 1)}
        for i in off:
            cells = [cell for cell, char in contour.overlay.items() if char == scene.hiker_name(i)]
            assert len(cells) == 1 and cells[0] in edge
            tried = scene.now.points[i] + scene.now.moves[i]
            assert not (TERRAIN.bounds[0] <= tried[0] <= TERRAIN.bounds[1]
                        and TERRAIN.bounds[2] <= tried[1] <= TERRAIN.bounds[3])
        assert "nan" not in screen(app).lower() and "inf" not in screen(app).lower()


async def test_arrows_point_down_the_steepest_slope():
    app = make_app("hiking", "en")
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        await pilot.press("a")
        contour = scene.query_one(ContourMap)
        steps = dict(zip("→↗↑↖←↙↓↘", [(1, 0), (1, -1), (0, -1), (-1, -1), (-1, 0), (-1, 1), (0, 1), (1, 1)]))
        checked = 0
        for x, y in scene.starts:
            col, row = contour.cell_of(x, y)
            around = {contour.overlay.get((col + dc, row + dr)): (dc, dr) for dc, dr in steps.values()}
            for glyph, (dc, dr) in steps.items():
                if around.get(glyph) == (dc, dr):
                    assert np.dot((dc, -dr), -TERRAIN.gradient(x, y)) > 0
                    checked += 1
        assert checked >= len(scene.starts) // 2  # some arrows may hide under another hiker
        await pilot.press("a")
        assert not any(char in steps for char in contour.overlay.values())


@pytest.mark.parametrize("lang", LANGS)
async def test_explore_mode_places_a_start_with_enter_and_esc_leaves_without_one(lang):
    app = make_app("hiking", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        before = scene.starts.copy()
        await pilot.press("enter", "left", "left", "up")
        contour = scene.query_one(ContourMap)
        assert scene.cursor == pytest.approx(contour.point_at(*np.add(contour.cell_of(0.0, 0.0), (-2, -1))))
        assert "+" in contour.overlay.values()
        line = next(line for line in screen_lines(app) if "Enter" in line and "Esc" in line)
        assert line.rstrip().endswith({"en": "Esc leaves without one", "de": "Esc geht ohne"}[lang])
        point = scene.numbers.point(*scene.cursor, 1)
        assert point in line and ("|" in point) == (lang == "de")
        await pilot.press("escape")
        assert not app.scene.exploring and scene.cursor is None
        np.testing.assert_array_equal(scene.starts, before)
        assert "+" not in contour.overlay.values()
        await pilot.press("enter", "right", "enter")
        placed = np.round(contour.point_at(*np.add(contour.cell_of(0.0, 0.0), (1, 0))), 2)  # so a command can say it
        assert len(scene.starts) == len(before) + 1
        np.testing.assert_array_equal(scene.starts[-1], placed)
        assert contour.overlay[contour.cell_of(*placed)] == scene.hiker_name(len(before))


async def test_placed_hikers_stay_through_r_and_go_with_n():
    app = make_app("hiking", "en")
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        await pilot.press("enter", "enter", "enter", "down", "enter", "enter", "up", "enter")
        assert len(scene.starts) == 10  # eight random, then two placed: the oldest random ones give way
        await pilot.press("enter", "right", "enter")
        assert len(scene.starts) == 10 and scene.placed[-1] == pytest.approx(scene.starts[-1])
        await pilot.press("r")
        assert len(scene.starts) == 10
        await pilot.press("n")
        assert len(scene.starts) == 8 and scene.placed == ()


# -- steps: no claim before the walk shows it --------------------------------------


@pytest.mark.parametrize("lang", LANGS)
async def test_the_valleys_are_called_global_and_local_only_once_every_hiker_stopped(lang):
    app = make_app("hiking", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        words = {"en": ("global", "local"), "de": ("global", "lokal")}[lang]
        for step in range(VALLEYS):
            shown = screen(app)
            assert not any(word in shown for word in words)
            await pilot.press("right", *([SKIP_KEY] if step == 0 else []))
        assert scene.step == VALLEYS and not scene.now.finished
        assert not any(word in screen(app) for word in words)
        await pilot.press("space")
        narration = text(app, "#narration")
        local = [scene.num(m.height, 2) for m in RANKED[1:]]
        assert words[0] in narration and all(height in narration for height in local)
        assert scene.num(0.0, 2) in narration
        await pilot.press("left", "left")
        assert scene.step == 0 and not scene.query_one("#tally").visible


# -- predict, then see ----------------------------------------------------------------

VERDICT = {"en": ("✓ Right", "✗ Not quite"), "de": ("✓ Richtig", "✗ Nicht ganz")}


@pytest.mark.parametrize(("lang", "presses"), languages_in_turn(0, 4, 6, 0))
async def test_which_valley_hiker_a_reaches_is_predicted_before_anyone_walks(lang, presses):
    app = make_app("hiking", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        await pilot.press(*["plus"] * presses, "right")
        rate = LEARNING_RATES[START_RATE + presses]
        assert scene.asking is not None and scene.step == WALK - 1
        assert scene.now.index == 0 and not scene.query_one("#narration").display
        assert "•" not in map_text(app)  # no trail: nobody has walked
        alone = engine_walk(scene.starts[:1], rate)
        arrived = alone.status[0] == Status.CONVERGED
        right = valley_of(alone.points[-1, 0]) - 1 if arrived else len(RANKED)
        wrong = (right + 1) % (len(RANKED) + 1)
        assert scene.num(rate, 2) in box_text(scene)
        await pilot.press(str(wrong + 1))
        assert scene.step == WALK and scene.asking is None
        box = box_text(scene)
        assert box.startswith(VERDICT[lang][1]) and scene.term("iterations", n=alone.steps) in box
        assert (app.tally.answered, app.tally.right) == (1, 0)
        await pilot.press("space")
        together = engine_walk(scene.starts, rate)
        np.testing.assert_allclose(scene.now.points[0], alone.points[-1, 0])
        assert together.status[0] == alone.status[0]


@pytest.mark.parametrize("lang", LANGS)
async def test_the_right_guess_is_counted_and_a_change_asks_again(lang):
    app = make_app("hiking", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        alone = engine_walk(scene.starts[:1], RATE)
        await pilot.press("right", str(valley_of(alone.points[-1, 0])))
        assert box_text(scene).startswith(VERDICT[lang][0]) and (app.tally.answered, app.tally.right) == (1, 1)
        await pilot.press("left", "right")  # the same question: not asked again
        assert scene.step == WALK and scene.asking is None
        await pilot.press("m")  # another walk: the verdict on the old one goes
        assert not scene.query_one(QuestionBox).display
        await pilot.press("left", "right")
        assert scene.asking is not None and scene.step == WALK - 1
        await pilot.press("plus")  # changing η while asked: the question follows
        assert scene.num(LEARNING_RATES[START_RATE + 1], 2) in box_text(scene)


@pytest.mark.parametrize("lang", LANGS)
async def test_skip_and_no_questions(lang):
    app = make_app("hiking", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", SKIP_KEY)
        skipped = {"en": "Skipped: the answer is 1", "de": "Übersprungen: richtig ist 1"}[lang]
        assert app.scene.step == WALK and skipped in box_text(app.scene)
        assert app.tally.skipped == 1 and app.tally.answered == 0
    app = make_app("hiking", lang, questions=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right")
        assert app.scene.step == WALK and not app.scene.query_one(QuestionBox).display


# -- life on screen -------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "size"), fit_cases())
async def test_every_line_fits(lang, size):
    app = make_app("hiking", lang)
    async with app.run_test(size=size) as pilot:
        scene = app.scene
        for keys in (["right"], ["u", "d", "m", "space"], ["right"], ["enter", "left"]):
            await pilot.press(*keys)
            for selector in ("#narration", "#status", "#tally"):
                widget = scene.query_one(selector)
                if widget.display and widget.visible:
                    assert widget.get_content_height(widget.size, widget.size, widget.size.width) <= widget.size.height
            assert scene.query_one(ContourMap).size.height >= 8


@pytest.mark.slow
async def test_leaving_the_scene_stops_its_timers():
    clock = FakeClock()
    app = make_app("hiking", "en", animate=True, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        scene = app.scene
        await pilot.press("right", SKIP_KEY, "space")
        clock.advance(1.0)
        await until(pilot, lambda: scene.now.index > 0)
        walked = scene.now.index
        assert walked > 0
        await pilot.press("right_square_bracket")
        assert app.scene is not scene
        assert scene._scene_timers and all(not timer._active.is_set() for timer in scene._scene_timers)
        clock.advance(5.0)
        await pilot.pause(0.3)
        assert scene.now.index == walked
        await pilot.press("left")  # back onto the walk's last step: it plays on
        assert app.scene is scene
        clock.advance(0.5)
        await until(pilot, lambda: scene.now.index > walked)
        assert scene.now.index > walked


@pytest.mark.parametrize("lang", LANGS)
def test_snapshot_asking(snap_compare, lang):
    async def ask(pilot):
        await pilot.press("right")
        await pilot.pause()

    assert snap_compare(make_app("hiking", lang), terminal_size=(80, 24), run_before=ask)


@pytest.mark.parametrize("lang", LANGS)
def test_snapshot(snap_compare, lang):
    async def walk_to_the_valleys(pilot):
        await pilot.press("right", "1", "space", "right")
        await pilot.pause()

    assert snap_compare(make_app("hiking", lang), terminal_size=(80, 24), run_before=walk_to_the_valleys)


# -- the map after a question: every cell as a fresh start draws it ------------------


@pytest.mark.parametrize("lang, size, no_color", [("de", (80, 23), True), ("de", (80, 24), True),
                                                  ("en", (120, 40), False)])
async def test_after_the_question_the_walked_map_matches_a_fresh_app_cell_for_cell(monkeypatch, lang, size,
                                                                                  no_color):
    """The box opening and closing restyles the map; the walk after it must repaint every cell it moved
    (hikers F and G once stayed at their starts beside their own trails)."""
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    answered, fresh = make_app("hiking", lang), make_app("hiking", lang, questions=False)
    async with answered.run_test(size=size) as pilot:
        await pilot.press("right")
        await pilot.pause()
        assert answered.scene.asking is not None
        await pilot.press("1", "space")
        await pilot.pause()
        contour = answered.scene.query_one(ContourMap)
        got, region = screen_cells(answered, contour.region), contour.region
    async with fresh.run_test(size=size) as pilot:
        await pilot.press("right", "space")
        await pilot.pause()
        assert fresh.scene.query_one(ContourMap).region == region
        want = screen_cells(fresh, region)
    assert answered.scene.now.finished
    stale = [(col, row, cell[0], want[row][col][0]) for row, cells in enumerate(got)
             for col, cell in enumerate(cells) if cell != want[row][col]]
    assert not stale, f"(col, row, shown, fresh): {stale[:12]}"


@pytest.mark.parametrize("size", [(80, 22), (80, 23), (120, 40)])
async def test_the_map_keeps_its_rows_while_the_question_opens_and_closes(size):
    """Hikers stay on their rows: the question takes the narration's place without shrinking the map."""
    app = make_app("hiking", "de")
    async with app.run_test(size=size) as pilot:
        contour = app.scene.query_one(ContourMap)
        regions = [contour.region]
        for key in ("right", "1", "right"):
            await pilot.press(key)
            await pilot.pause()
            regions.append(contour.region)
        assert app.scene.step == VALLEYS and len(set(regions)) == 1, regions
