"""TOML reading on every Python gdtui supports: `tomllib` from 3.11, its PyPI original `tomli` on 3.10."""

from __future__ import annotations

import sys

if sys.version_info >= (3, 11):
    from tomllib import TOMLDecodeError, loads
else:  # Python 3.10, as Ubuntu 22.04 ships it: the same parser from PyPI
    from tomli import TOMLDecodeError, loads

__all__ = ["TOMLDecodeError", "loads"]
