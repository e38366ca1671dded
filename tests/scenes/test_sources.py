"""Scene sources: the further reading gives the lecture's exact pages, whole at 80 columns;
ranges use an en dash; the paper is not credited with gdtui's own charts."""

from __future__ import annotations

import re

import pytest

from scenes.sources import FROM_LECTURE, OURS, READING_STEP
from tests.conftest import make_app, screen_lines
from tui.i18n import load_entries

#: The further reading exactly as the lecture's transcript lists it.
LECTURE_PAGES = [
    "https://ki-campus.org/simulations/gradient-descent",
    "https://buildingai.elementsofai.com/Getting-started-with-AI/optimization",
    "https://buildingai.elementsofai.com/Getting-started-with-AI/hill-climbing",
    "https://plus.maths.org/content/maths-minute-gradient-descent-algorithms",
]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_lectures_reading_list_page_by_page_and_ranges_with_an_en_dash(lang):
    entries = load_entries(lang)
    assert [entries[f"sources.reading.{item}.address"] for item in FROM_LECTURE] == LECTURE_PAGES
    for item in OURS:
        assert re.fullmatch(r"https?://\S+", entries[f"sources.reading.{item}.address"])
    texts = [text for key, text in entries.items() if key.startswith("sources.")]
    assert not [text for text in texts if re.search(r"\d-\d", text)]  # 860–891, 1–2
    assert "860–891" in entries["sources.paper.reference"]


@pytest.mark.parametrize("lang", ["en", "de"])
async def test_every_address_is_whole_on_one_line_at_80x22(lang):
    app = make_app("sources", lang)
    async with app.run_test(size=(80, 22)) as pilot:
        await app.go(app.index, READING_STEP)
        await pilot.pause()
        lines = [line.strip() for line in screen_lines(app)]
        for item in (*FROM_LECTURE, *OURS):
            assert app.catalog(f"sources.reading.{item}.address") in lines


def test_the_paper_is_not_credited_with_the_live_charts():
    """Higham & Higham drew the lecture's loss-per-epoch figure; gdtui computes its own."""
    for lang, own in (("en", "gdtui's own"), ("de", "rechnet gdtui selbst")):
        assert own in load_entries(lang)["sources.paper.note"]
