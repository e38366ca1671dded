"""The lecture's scenes, one module per scene, in the order of the lecture.

A scene's module is imported only when the scene is first shown, so start-up
stays as fast as a bare Textual app and NumPy loads only when needed.
"""

from __future__ import annotations

import importlib
from importlib.util import find_spec
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.scene import Scene

#: The order of the design table. A scene appears once its module exists.
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


def scene_ids() -> tuple[str, ...]:
    """The ids of the scenes that are built, in lecture order."""
    return tuple(sid for sid in LECTURE_ORDER if find_spec(module_name(sid)) is not None)


def load_scene(scene_id: str) -> type[Scene]:
    """Import a scene's module and return its `Scene` subclass (named `SCENE`)."""
    return importlib.import_module(module_name(scene_id)).SCENE
