"""Text catalogs: every string a user sees, one folder of TOML files per language.

A language is a folder under `tui/catalog`, named by its code (`en`, `de`: the
value of `--lang`). Its `meta.toml` says what gdtui needs to know besides the
text: the language's own name, the locales that choose it and how it writes
numbers. The other files hold the text, one per scene plus `app.toml` and
`cli.toml`; a key is the file's stem and the key inside it: `welcome.title`,
`app.keys.next`. English is the reference: every other language has exactly
its keys and placeholders. Adding a language means adding one folder.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from tui import toml
from tui.glyphs import glyphs
from tui.numbers import CountFormatter, Numbers

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

CATALOGS = resources.files("tui") / "catalog"
REFERENCE = "en"
"""The language every other catalog is compared with, and the one used when the locale names none of ours."""
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@dataclass(frozen=True)
class Language:
    """What gdtui knows about a language besides its text, from its folder's `meta.toml`."""

    code: str
    name: str
    locales: tuple[str, ...]
    numbers: Numbers

    def speaks(self, locale: str) -> bool:
        """Whether a locale name such as "de_AT.UTF-8" chooses this language."""
        return locale.lower().startswith(self.locales)


def _read(item: Traversable) -> dict[str, Any]:
    return toml.loads(item.read_text("utf-8"))


def _checked(folder: Traversable) -> Traversable:
    """`folder` when it is a language's catalog (it has a `meta.toml`), else ValueError."""
    if not (folder / "meta.toml").is_file():
        raise ValueError(f"unknown language {folder.name!r}")
    return folder


def read_language(folder: Traversable) -> Language:
    """The language whose catalog is `folder`."""
    table = _read(_checked(folder) / "meta.toml")
    return Language(folder.name, table["name"], tuple(prefix.lower() for prefix in table["locales"]),
                    Numbers(**table["number"]))


def find_languages(root: Traversable = CATALOGS) -> dict[str, Language]:
    """Every catalog folder under `root` by code: the reference language first, then by code."""
    found = {folder.name: read_language(folder) for folder in root.iterdir() if (folder / "meta.toml").is_file()}
    return dict(sorted(found.items(), key=lambda item: (item[0] != REFERENCE, item[0])))


_KNOWN = find_languages()
LANGUAGES = tuple(_KNOWN)
"""The codes of the installed languages, the reference language first."""


def detect_language(environ: Mapping[str, str] | None = None, languages: Iterable[Language] | None = None) -> str:
    """The language of the first locale variable that is set, else the reference language.

    LANGUAGE may list several by preference ("fr:de"); the first we have wins.
    """
    env = os.environ if environ is None else environ
    known = list(_KNOWN.values() if languages is None else languages)
    for name in LOCALE_VARIABLES:
        value = env.get(name, "")
        if value:
            wanted = value.split(":")
            return next((lang.code for locale in wanted for lang in known if lang.speaks(locale)), REFERENCE)
    return REFERENCE


def _flatten(table: Mapping[str, object], prefix: str) -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        if isinstance(value, Mapping):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = str(value)
    return flat


def load_entries(lang: str, root: Traversable = CATALOGS) -> dict[str, str]:
    """All text of one language's catalog (every file but `meta.toml`), by key."""
    return dict(_parsed_entries(lang, root))


@functools.cache
def _parsed_entries(lang: str, root: Traversable) -> Mapping[str, str]:
    """Each catalog is parsed once per process: switching language, or the next session of
    `gdtui serve`, finds it ready."""
    folder = _checked(root / lang)
    entries: dict[str, str] = {}
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".toml") and item.name != "meta.toml":
            entries.update(_flatten(_read(item), f"{item.name.removesuffix('.toml')}."))
    return MappingProxyType(entries)


class Catalog:
    """Looks up text by key, fills in `{placeholders}` (with counted words) and formats numbers per language."""

    def __init__(self, lang: str, root: Traversable = CATALOGS) -> None:
        self.lang = lang
        self.language = read_language(root / lang)
        self.entries = load_entries(lang, root)
        self.numbers = self.language.numbers
        self._formatter = CountFormatter(self.numbers)

    def __call__(self, key: str, **values: object) -> str:
        text = self.entries[key]
        return glyphs(self._formatter.vformat(text, (), values) if values else text)

    def has(self, key: str) -> bool:
        return key in self.entries

    def num(self, value: float, digits: int = 2) -> str:
        """A number as this language writes it: 1.25 in English, 1,25 in German; see `Numbers`."""
        return self.numbers.num(value, digits)
