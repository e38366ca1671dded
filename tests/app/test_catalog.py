"""Languages are equal citizens, and data: every catalog has English's keys and placeholders.

A language is one folder under tui/catalog; the language list, the locales that
choose a language and how it writes numbers come from its `meta.toml`.
"""

from __future__ import annotations

import re
import shutil
import string
from importlib import resources
from pathlib import Path

import pytest

import scenes
from tui.glyphs import ASCII_FALLBACK
from tui.i18n import LANGUAGES, REFERENCE, Catalog, detect_language, find_languages, load_entries

OTHERS = [lang for lang in LANGUAGES if lang != REFERENCE]


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_english_comes_first_and_german_is_there():
    assert LANGUAGES[0] == REFERENCE == "en" and "de" in LANGUAGES


@pytest.mark.parametrize("lang", OTHERS)
def test_every_language_has_exactly_the_english_keys(lang):
    english, other = load_entries(REFERENCE), load_entries(lang)
    assert sorted(set(english) - set(other)) == [], f"keys missing in {lang}"
    assert sorted(set(other) - set(english)) == [], f"keys in {lang} that English does not have"


@pytest.mark.parametrize("lang", OTHERS)
def test_every_language_has_the_english_placeholders(lang):
    english, other = load_entries(REFERENCE), load_entries(lang)
    assert [key for key in english if placeholders(english[key]) != placeholders(other.get(key, ""))] == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_entry_is_empty(lang):
    assert [key for key, text in load_entries(lang).items() if not text.strip()] == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_product_is_written_with_the_dot_operator(lang):
    """"w⋅x" and "η⋅f'(x)" take ⋅, which reads "*" where a terminal has no Unicode; the middle dot "·"
    separates entries (" · ") and reads "-" there, which in a formula would be a minus."""
    assert [key for key, text in load_entries(lang).items() if re.search(r"\S·\S", text)] == []
    assert "w⋅x + b".translate(str.maketrans(ASCII_FALLBACK)) == "w*x + b"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_built_scene_has_a_title(lang):
    catalog = Catalog(lang)
    assert all(catalog(f"{sid}.title") for sid in scenes.scene_ids())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_says_what_it_is(lang):
    language = Catalog(lang).language
    assert language.code == lang and language.name.strip()
    assert language.locales and all(language.speaks(f"{prefix}_XX.UTF-8") for prefix in language.locales)
    assert language.numbers.decimal.strip() and language.numbers.decimal not in language.numbers.separator


def test_no_locale_chooses_two_languages():
    prefixes = [(prefix, lang.code) for lang in find_languages().values() for prefix in lang.locales]
    clashes = [(a, b) for a in prefixes for b in prefixes if a[1] != b[1] and b[0].startswith(a[0])]
    assert clashes == []


def test_each_language_writes_numbers_its_own_way():
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
        ({"LANGUAGE": "fr:de", "LANG": "en_US.UTF-8"}, "de"),
        ({"LC_MESSAGES": "de_CH.UTF-8", "LANG": "C"}, "de"),
        ({"LANG": "C"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),
    ],
)
def test_language_comes_from_the_locale(environ, expected):
    assert detect_language(environ) == expected


def test_a_third_language_is_one_more_folder(tmp_path: Path):
    """Copy the catalogs, add "xx" as a copy of English with its own meta: it is found, chosen and used."""
    root = tmp_path / "catalog"
    with resources.as_file(resources.files("tui") / "catalog") as installed:
        shutil.copytree(installed, root)
    shutil.copytree(root / "en", root / "xx")
    (root / "xx" / "meta.toml").write_text(
        'name = "Xish"\nlocales = ["xx"]\n[number]\ndecimal = "\'"\nseparator = " / "\npoint_separator = " / "\n',
        "utf-8")
    languages = find_languages(root)
    assert list(languages) == ["en", "de", "xx"]
    assert detect_language({"LANG": "xx_YY.UTF-8"}, languages.values()) == "xx"
    xish = Catalog("xx", root)
    assert xish.language.name == "Xish" and xish.num(1.5, 2) == "1'50"
    assert xish.numbers.vector([1, 2], 1) == "(1'0 / 2'0)"
    assert load_entries("xx", root).keys() == load_entries("en").keys()
    with pytest.raises(ValueError, match="unknown language"):
        Catalog("zz", root)
