"""Text catalogs: every string a user sees, in English and German, with the same keys.

Each language is a folder of TOML files, one per scene plus `app.toml`. A key is
the file's stem and the key inside it: `welcome.title`, `app.keys.next`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from importlib import resources

from tui.glyphs import glyphs
from tui.numbers import CountFormatter, Numbers

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10, as Ubuntu 22.04 ships it: the same parser from PyPI
    import tomli as tomllib

LANGUAGES = ("en", "de")


def detect_language(environ: Mapping[str, str] | None = None) -> str:
    """German when the first set locale variable starts with "de", else English."""
    env = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "de" if value.split(":")[0].lower().startswith("de") else "en"
    return "en"


def _flatten(table: Mapping[str, object], prefix: str) -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        if isinstance(value, Mapping):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = str(value)
    return flat


def load_entries(lang: str) -> dict[str, str]:
    """All keys of one language's catalog, read from the package's TOML files."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    folder = resources.files("tui") / "catalog" / lang
    entries: dict[str, str] = {}
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".toml"):
            stem = item.name.removesuffix(".toml")
            entries.update(_flatten(tomllib.loads(item.read_text("utf-8")), f"{stem}."))
    return entries


class Catalog:
    """Looks up text by key, fills in `{placeholders}` (with counted words) and formats numbers per language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.entries = load_entries(lang)
        marks = {name: self.entries[f"app.number.{name}"] for name in ("decimal", "separator", "point_separator")}
        self.numbers = Numbers(**marks)
        self._formatter = CountFormatter(self.numbers)

    def __call__(self, key: str, **values: object) -> str:
        text = self.entries[key]
        return glyphs(self._formatter.vformat(text, (), values) if values else text)

    def has(self, key: str) -> bool:
        return key in self.entries

    def num(self, value: float, digits: int = 2) -> str:
        """A number as this language writes it: 1.25 in English, 1,25 in German; see `Numbers`."""
        return self.numbers.num(value, digits)
