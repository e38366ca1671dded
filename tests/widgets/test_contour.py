"""The contour map: coordinates, bands from the engine's heights, overlays, and what it refreshes."""

from __future__ import annotations

import numpy as np
import pytest
from textual.app import App, ComposeResult
from textual.geometry import Region

from engine.functions import LineFitLoss, default_terrain, line_data
from tests.conftest import watch_cells
from tui.glyphs import glyphs
from tui.widgets.cells import runs
from tui.widgets.contour import (
    ASCII_ARROWS,
    HALF_BLOCK,
    Arrow,
    ContourLegend,
    ContourMap,
    Marker,
    Trail,
    height_function,
    octant,
)

TERRAIN = default_terrain()


class MapApp(App[None]):
    def __init__(self, contour: ContourMap) -> None:
        super().__init__()
        self.contour = contour

    def compose(self) -> ComposeResult:
        yield self.contour
        yield ContourLegend(self.contour, "low", "high")


def terrain_map(mode: str | None = None) -> ContourMap:
    return ContourMap(TERRAIN.height, TERRAIN.bounds, levels=10, mode=mode)


def line_text(contour: ContourMap, row: int) -> str:
    return contour.row_strip(row).text


@pytest.fixture
def ascii_glyphs():
    glyphs.unicode = False
    yield
    glyphs.unicode = True


async def test_cells_and_points_round_trip():
    contour = terrain_map("characters")
    async with MapApp(contour).run_test(size=(60, 21)):
        width, height = contour.size
        for col, row in [(0, 0), (width - 1, height - 1), (17, 9), (42, 3)]:
            assert contour.cell_of(*contour.point_at(col, row)) == (col, row)
        xmin, xmax, ymin, ymax = TERRAIN.bounds
        assert contour.cell_of(xmin, ymax) == (0, 0)
        assert contour.cell_of(xmax, ymin) == (width - 1, height - 1)
        assert contour.cell_of(xmax + 0.1, 0.0) is None
        assert contour.cell_of(float("nan"), 0.0) is None
        assert contour.cell_of(float("inf"), 1.0) is None


@pytest.mark.parametrize("mode", ["characters", "blocks"])
async def test_bands_follow_the_engine_heights(mode):
    contour = terrain_map(mode)
    async with MapApp(contour).run_test(size=(70, 22)):
        width, height = contour.size
        samples = 2 if mode == "blocks" else 1
        for col, row in [(3, 2), (20, 5), (50, 14), (69, 20), (35, 10)]:
            x, _ = contour.point_at(col, row)
            _, ymax = TERRAIN.bounds[2:]
            y_upper = ymax - (row * samples + 0.5) / (height * samples) * (TERRAIN.bounds[3] - TERRAIN.bounds[2])
            assert contour.level_at(col, row) == contour.scale.level(TERRAIN.height(x, y_upper))
        # the deepest valley is in the lowest band, the highest peak in the highest
        lowest = min(TERRAIN.minima, key=lambda m: m.height)
        assert contour.scale.level(lowest.height) == 0
        assert contour.scale.low == pytest.approx(lowest.height, abs=0.05)


async def test_character_mode_draws_one_level_character_per_band():
    contour = terrain_map("characters")
    async with MapApp(contour).run_test(size=(60, 20)):
        characters = contour.scale.characters(unicode=True)
        for row in (0, 7, contour.size.height - 1):
            text = line_text(contour, row)
            assert len(text) == contour.size.width
            assert text == "".join(characters[contour.level_at(col, row)] for col in range(len(text)))


async def test_block_mode_draws_half_blocks_with_two_colours():
    contour = terrain_map("blocks")
    async with MapApp(contour).run_test(size=(60, 20)):
        strip = contour.row_strip(4)
        assert set(strip.text) == {HALF_BLOCK}
        colours = contour.scale.colours
        first = next(iter(strip))
        upper, lower = contour._levels[8, 0], contour._levels[9, 0]
        assert first.style.color.name == colours[upper]
        assert first.style.bgcolor.name == colours[lower]


async def test_every_segment_has_a_style():
    contour = terrain_map("characters")
    async with MapApp(contour).run_test(size=(50, 16)):
        contour.show(markers=[Marker(0.0, 0.0, "A")], trails=[Trail([(1.0, 1.0)])])
        for row in range(contour.size.height):
            assert all(segment.style is not None for segment in contour.row_strip(row))


async def test_overlays_are_drawn_in_order_markers_last():
    contour = terrain_map("characters")
    async with MapApp(contour).run_test(size=(60, 20)):
        contour.show(markers=[Marker(-4.0, 2.0, "A")],
                     trails=[Trail([(-4.0, 2.0), (-3.0, 1.0)])],
                     arrows=[Arrow(-4.0, 2.0, 1.0, 0.0)])
        a = contour.cell_of(-4.0, 2.0)
        trail = contour.cell_of(-3.0, 1.0)
        assert contour.overlay == {a: "A", trail: "•", (a[0] + 1, a[1]): "→"}
        assert line_text(contour, a[1])[a[0]:a[0] + 2] == "A→"
        assert line_text(contour, trail[1])[trail[0]] == "•"


async def test_moving_a_marker_refreshes_only_the_cells_that_changed(monkeypatch):
    contour = terrain_map("blocks")
    async with MapApp(contour).run_test(size=(60, 20)) as pilot:
        contour.show(markers=[Marker(-4.0, 2.0, "A"), Marker(2.0, -1.0, "B")])
        await pilot.pause()
        refreshed = watch_cells(monkeypatch)
        old = contour.cell_of(-4.0, 2.0)
        contour.show(markers=[Marker(-3.5, 2.0, "A"), Marker(2.0, -1.0, "B")],
                     trails=[Trail([(-4.0, 2.0)])])
        new = contour.cell_of(-3.5, 2.0)

        assert old != new and old[1] == new[1]
        # the trail's dot and the hiker, one run when they are close (a cursor move costs more than a few cells)
        assert refreshed == [Region(start, new[1], end - start, 1) for start, end in runs([old[0], new[0]])]
        refreshed.clear()
        contour.show(markers=[Marker(-3.5, 2.0, "A"), Marker(2.0, -1.0, "B")],
                     trails=[Trail([(-4.0, 2.0)])])
        assert refreshed == []


async def test_moving_overlays_asks_the_css_for_no_styles(monkeypatch):
    """Overlay styles are worked out once per theme and cell colour, not for every cell of every frame."""
    contour = terrain_map("blocks")
    async with MapApp(contour).run_test(size=(60, 20)) as pilot:
        trail = [(-4.0 + 0.1 * k, 2.0 - 0.05 * k) for k in range(40)]
        contour.show(markers=[Marker(*trail[-1], "A")], trails=[Trail(trail)], arrows=[Arrow(*trail[-1], 1.0, 0.0)])
        await pilot.pause()
        asked = []
        monkeypatch.setattr(ContourMap, "get_component_rich_style", lambda *args, **kw: asked.append(args))
        for k in range(41, 60):
            trail.append((-4.0 + 0.1 * k, 2.0 - 0.05 * k))
            contour.show(markers=[Marker(*trail[-1], "A")], trails=[Trail(trail)], arrows=[Arrow(*trail[-1], 1.0, 0.0)])
            await pilot.pause()
        assert asked == [] and contour.overlay[contour.cell_of(*trail[-1])] == "A"


async def test_points_off_the_map_or_not_finite_are_not_drawn():
    contour = terrain_map("characters")
    async with MapApp(contour).run_test(size=(40, 12)):
        contour.show(markers=[Marker(float("nan"), 0.0, "A"), Marker(1e13, -1e13, "B")],
                     trails=[Trail([(np.inf, 0.0), (0.0, np.nan)])],
                     arrows=[Arrow(0.0, 0.0, np.nan, 1.0)])
        assert contour.overlay == {}


async def test_ascii_locale_uses_ascii_levels_and_arrows(ascii_glyphs):
    contour = terrain_map()
    async with MapApp(contour).run_test(size=(60, 20)):
        assert contour.mode == "characters"
        contour.show(markers=[Marker(0.0, 0.0, "A")], arrows=[Arrow(0.0, 0.0, -1.0, 1.0)],
                     trails=[Trail([(1.0, 1.0)])])
        text = "".join(line_text(contour, row) for row in range(contour.size.height))
        assert text.isascii()
        assert ASCII_ARROWS[3] in contour.overlay.values()  # north-west
        legend = contour.app.query_one(ContourLegend).render().plain
        assert legend.isascii()


async def test_no_color_switches_to_level_characters():
    contour = terrain_map()
    app = MapApp(contour)
    async with app.run_test(size=(40, 12)):
        app.no_color = True
        assert contour.mode == "characters"


def test_octants_point_the_way_a_reader_expects():
    assert [octant(1, 0), octant(1, -1), octant(0, -1), octant(-1, 0), octant(0, 1), octant(1, 1)] == [0, 1, 2, 4, 6, 7]


def test_a_grid_is_interpolated_like_the_function_it_samples():
    xmin, xmax, ymin, ymax = TERRAIN.bounds
    xs, ys = np.linspace(xmin, xmax, 201), np.linspace(ymin, ymax, 121)
    z = TERRAIN.height(xs[None, :], ys[:, None])
    interpolated = height_function(z, TERRAIN.bounds)
    assert interpolated(xs[37], ys[80]) == pytest.approx(z[80, 37])
    points = np.array([(-2.1, 0.33), (1.7, -1.4), (4.2, 2.6)])
    assert interpolated(points[:, 0], points[:, 1]) == pytest.approx(TERRAIN.height(points[:, 0], points[:, 1]), abs=0.01)


async def test_explicit_thresholds_for_a_loss_surface():
    loss = LineFitLoss(*line_data())
    thresholds = np.geomspace(0.3, 30, 9)
    contour = ContourMap(loss.loss, (-1.0, 5.0, -2.0, 4.0), levels=thresholds, mode="characters")
    async with MapApp(contour).run_test(size=(40, 12)):
        assert contour.scale.bands == 10
        w, b = loss.minimum
        col, row = contour.cell_of(w, b)
        assert contour.level_at(col, row) == int(np.searchsorted(thresholds, loss.loss(*contour.point_at(col, row)), side="right"))
