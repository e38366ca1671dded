"""One term per idea in each language, across every scene and the checklist (README glossary)."""

from __future__ import annotations

import re

import pytest

from tui.i18n import load_entries

#: language -> (the term used, words that would say the same thing another way)
SYNONYMS = {
    "de": [
        ("Netz", r"Netzwerk"),
        ("Accuracy", r"Genauigkeit"),
        ("Stoppkriterium", r"Abbruchkriter"),
        ("Minimum", r"Tiefpunkt"),
        ("Verlustfunktion", r"Kostenfunktion|\bKosten\b"),
        ("verborgen", r"verdeckt"),
        ("Eingabe, Ausgabe", r"\bEingang|\bAusgang"),
    ],
    "en": [
        ("loss", r"\bcost\b"),
        ("stopping rule", r"\bcriteri"),
        ("hidden neuron", r"\bunits?\b"),
    ],
}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_each_idea_has_one_word(lang):
    words = {key: re.sub(r"\{[^}]*\}", "", text) for key, text in load_entries(lang).items()}  # not placeholders
    found = [(key, term, text) for term, pattern in SYNONYMS[lang]
             for key, text in words.items() if re.search(pattern, text, re.IGNORECASE)]
    assert found == []


def test_german_keeps_gewicht_for_the_weights_of_the_network():
    assert load_entries("de")["supervised.feature.body_weight"] == "Körpergewicht"
