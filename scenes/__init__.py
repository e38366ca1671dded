"""The lecture's scenes, one module per scene, in the order of the lecture.

A scene's module is imported only when the scene is first shown, so start-up
stays as fast as a bare Textual app and NumPy loads only when needed.

Adding a scene, step by step:

1. Write `scenes/<id>.py` (a dash in the id is an underscore in the file
   name) with a `tui.scene.Scene` subclass: `scene_id`, `steps`,
   `min_size` (at most 80×22, so it draws inside tmux on an 80×24
   terminal), `compose`, and `SCENE = TheClass` at the end. Live scenes
   start from `tui.walk.PlayScene` or `WalkScene`.
2. Put the id into `LECTURE_ORDER` where the lecture covers it; an id
   without a module stops the import of this package.
3. Write `tui/catalog/en/<id>.toml` and `tui/catalog/de/<id>.toml` with the
   same keys: `title`, every text the scene shows, and for each key binding
   its help line under `[keys]` and its short footer label under `[footer]`.
4. Every number on screen comes from `engine/`; the scene arranges it with
   `self.t` and `self.num`, and draws through `tui/widgets`.
5. Keys are `BINDINGS` with catalog descriptions; `acts` says when a key
   does something. A scene never calls the app: it sets its own `step` or
   `exploring`, which the app watches, or posts a message.
6. Add `tests/scenes/test_<id>.py`: the screen against the engine, and a
   snapshot. The 80×22 fit test, the key fuzz and the catalog tests cover
   the new scene by themselves.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from importlib.util import find_spec
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.scene import Scene

#: The order of the design table; every id has a module.
LECTURE_ORDER = (
    "welcome",
    "supervised",
    "neuron",
    "loss",
    "derivative",
    "gradient",
    "hiking",
    "learning-rate",
    "backprop",
    "sgd",
    "training",
    "checklist",
    "sources",
)


def module_name(scene_id: str) -> str:
    return f"scenes.{scene_id.replace('-', '_')}"


def check_modules(order: Iterable[str]) -> None:
    """Raise ImportError naming every scene id in `order` that has no module."""
    missing = [sid for sid in order if find_spec(module_name(sid)) is None]
    if missing:
        raise ImportError(f"scenes listed in LECTURE_ORDER without a module: {', '.join(missing)}")


check_modules(LECTURE_ORDER)


def scene_ids() -> tuple[str, ...]:
    """The ids of the scenes, in lecture order."""
    return LECTURE_ORDER


def load_scene(scene_id: str) -> type[Scene]:
    """Import a scene's module and return its `Scene` subclass (named `SCENE`)."""
    return importlib.import_module(module_name(scene_id)).SCENE
