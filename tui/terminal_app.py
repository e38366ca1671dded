"""What every gdtui app needs from a lab terminal: a hardened driver, NO_COLOR and ASCII filters, the themes.

The lecture (tui.app) and the speaker notes (tui.notes) both start from here.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from textual.app import App
from textual.driver import Driver
from textual.filter import LineFilter, Monochrome, NoColor
from textual.reactive import Reactive

from tui.filters import AsciiFilter, SafeMonochrome
from tui.glyphs import glyphs
from tui.line_breaks import keep_formulas_whole
from tui.output import crop_partial_updates
from tui.themes import LIGHT_ANSI, THEMES


class TerminalApp(App[None]):
    """An app that survives hostile terminals and draws in gdtui's themes."""

    ansi_theme_light = Reactive(LIGHT_ANSI, init=False)  # plots' colours, readable on a projector

    def __init__(self) -> None:
        super().__init__()
        crop_partial_updates()  # a refreshed cell costs that cell, not the line up to it
        keep_formulas_whole()  # no line ends with "x" and the next begins "= −1"
        # NO_COLOR counts only when set and not empty (no-color.org); Textual also counts "".
        self.no_color = bool(os.environ.get("NO_COLOR"))
        self.own_filters: list[LineFilter] = [SafeMonochrome()] if self.no_color else []
        if not glyphs.unicode:
            self.own_filters.append(AsciiFilter())
        for theme in THEMES:
            self.register_theme(theme)

    def use_theme(self, name: str) -> None:
        """`dark` or `light`, as --theme says."""
        self.theme = THEMES[0].name if name == "dark" else THEMES[1].name

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver, hardened for lost terminals and hostile input (see tui.driver)."""
        driver = super().get_driver_class()
        if sys.platform == "win32":
            return driver
        from tui.driver import use_for

        return use_for(driver)

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, with gdtui's own NO_COLOR filter (and ASCII for non-UTF-8 locales)."""
        kept = [f for f in super().get_line_filters() if not isinstance(f, (Monochrome, NoColor))]
        return kept + self.own_filters
