"""The two languages are equal citizens: same keys, same placeholders, a title per scene."""

from __future__ import annotations

import string

import pytest

import scenes
from tui.i18n import LANGUAGES, Catalog, detect_language, load_entries


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_exists_in_every_language():
    en, de = load_entries("en"), load_entries("de")
    assert sorted(set(en) - set(de)) == [], "keys missing in German"
    assert sorted(set(de) - set(en)) == [], "keys missing in English"


def test_placeholders_match_between_languages():
    en, de = load_entries("en"), load_entries("de")
    mismatched = [key for key in en if placeholders(en[key]) != placeholders(de[key])]
    assert mismatched == []


def test_no_entry_is_empty_or_untranslated_by_accident():
    en, de = load_entries("en"), load_entries("de")
    assert [key for key, text in en.items() if not text.strip()] == []
    assert [key for key, text in de.items() if not text.strip()] == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_built_scene_has_a_title(lang):
    catalog = Catalog(lang)
    assert all(catalog(f"{sid}.title") for sid in scenes.scene_ids())


def test_german_writes_decimal_commas_and_both_a_true_minus():
    assert Catalog("de").num(-1.25, 2) == "−1,25"
    assert Catalog("en").num(-1.25, 2) == "−1.25"
    assert Catalog("en").num(-0.0001, 2) == "0.00"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "de"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "de_AT.UTF-8"}, "de"),
        ({"LANGUAGE": "en:de", "LANG": "de_DE.UTF-8"}, "en"),
        ({"LANGUAGE": "de:en"}, "de"),
        ({"LC_MESSAGES": "de_CH.UTF-8", "LANG": "C"}, "de"),
        ({"LANG": "C"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),
    ],
)
def test_language_comes_from_the_locale(environ, expected):
    assert detect_language(environ) == expected
