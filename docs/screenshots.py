"""Make the README's screenshots: `python docs/screenshots.py` writes docs/*.svg.

Each shot starts gdtui headless on a scene, presses the keys a student would,
and saves what the terminal shows, so the pictures can never drift from the app.
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

os.environ["TEXTUAL_COLOR_SYSTEM"] = "truecolor"  # as a modern terminal shows it; read at import
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import scenes  # noqa: E402
from tui.app import GdtuiApp  # noqa: E402
from tui.settings import Settings  # noqa: E402

HERE = Path(__file__).parent
#: (file name, scene, language, keys after revealing every step, terminal size)
SHOTS = [
    ("hiking.svg", "hiking", "en", ["s"] * 150, (100, 32)),
    ("training.svg", "training", "de", ["e"] * 12, (100, 32)),
    ("derivative.svg", "derivative", "en", ["s"] * 5, (80, 24)),
]


async def shoot(name: str, scene: str, lang: str, keys: list[str], size: tuple[int, int]) -> None:
    settings = Settings(lang=lang, animate=False, clock=lambda: 0.0,
                        start_scene=scenes.scene_ids().index(scene))
    app = GdtuiApp(settings)
    async with app.run_test(size=size) as pilot:
        await app.go(app.index, -1)
        await pilot.press(*keys)
        await pilot.pause(0.5)
        app.save_screenshot(filename=name, path=str(HERE))


if __name__ == "__main__":
    for shot in SHOTS:
        asyncio.run(shoot(*shot))
        print(HERE / shot[0])
