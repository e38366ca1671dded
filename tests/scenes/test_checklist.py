"""Scene checklist: every method it names was met in an earlier scene, in the words used there."""

from __future__ import annotations

import pytest

import scenes
from tui.i18n import load_entries

#: Words of the checklist's method and epoch items, each of which an earlier scene must use.
NAMED = {
    "de": ["Gradientenabstieg", "Lernrate", "Vorwärtsdurchlauf", "Backpropagation", "Parameter aktualisieren",
           "Initialisierung"],
    "en": ["gradient descent", "learning rate", "forward pass", "backpropagation", "update", "initialis"],
}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_checklist_names_only_what_earlier_scenes_introduced(lang):
    entries = load_entries(lang)
    checklist = " ".join(text for key, text in entries.items() if key.startswith("checklist.item."))
    earlier = scenes.scene_ids()[: scenes.scene_ids().index("checklist")]
    before = " ".join(text for key, text in entries.items() if key.split(".")[0] in earlier).lower()
    for word in NAMED[lang]:
        assert word.lower() in checklist.lower(), word
        assert word.lower() in before, word
    if lang == "de":  # English words the German scenes never introduce
        assert "Optimierer" not in checklist and "Update" not in checklist
