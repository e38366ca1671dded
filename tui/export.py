"""Writing an export: the screen as SVG and a scene's tables as CSV, under one free name.

Every file of one export shares its stem, `gdtui-<scene>-<step>`; when that is
taken, the next export at the same place gets `-2`, `-3`, ... rather than
overwriting a picture a lecturer may already have put on a slide.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Mapping, Sequence


def free_stem(directory: str, stem: str) -> str:
    """`stem`, or `stem-2`, `stem-3`, ...: the first whose SVG does not exist yet."""
    candidate, number = stem, 1
    while os.path.exists(os.path.join(directory, f"{candidate}.svg")):
        number += 1
        candidate = f"{stem}-{number}"
    return candidate


def export(directory: str, stem: str, svg: str,
           tables: Mapping[str, tuple[Sequence[str], Sequence[Sequence[object]]]]) -> list[str]:
    """Write `svg` and each table (`stem-NAME.csv`) into `directory`; the names written.

    Raises OSError when the directory cannot take them.
    """
    stem = free_stem(directory, stem)
    names = [f"{stem}.svg"]
    with open(os.path.join(directory, names[0]), "w", encoding="utf-8") as file:
        file.write(svg)
    for name, (header, rows) in tables.items():
        names.append(f"{stem}-{name}.csv")
        with open(os.path.join(directory, names[-1]), "w", encoding="utf-8", newline="") as file:
            writer = csv.writer(file)
            writer.writerow(header)
            writer.writerows(rows)
    return names
