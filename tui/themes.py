"""Two themes: a calm dark one for screens, a high-contrast light one for projectors.

The light theme is for a projector in a lit room: every text colour it uses has
a contrast of at least 4.5:1 against its background (WCAG 2, `contrast`). That
includes colours named as ANSI colours, which Textual turns into RGB through
the app's ANSI theme, so the light theme comes with `LIGHT_ANSI`, dark enough
on white for each of them.
"""

from __future__ import annotations

from functools import lru_cache

from rich.color import Color
from rich.style import Style
from rich.terminal_theme import TerminalTheme
from textual.theme import Theme

#: WCAG's minimum contrast for text, and for graphics such as borders.
TEXT_CONTRAST = 4.5
GRAPHICS_CONTRAST = 3.0

THEMES = (
    Theme(
        name="gdtui-dark",
        primary="#5fafff",
        secondary="#ffd75f",
        accent="#ffaf00",
        foreground="#e4e4e4",
        background="#121212",
        surface="#1c1c1c",
        panel="#303030",
        success="#5fd75f",
        warning="#ffaf00",
        error="#ff6b6b",
        dark=True,
    ),
    Theme(
        name="gdtui-light",
        primary="#0033aa",
        secondary="#7a4d00",
        accent="#aa0044",
        foreground="#000000",
        background="#ffffff",
        surface="#ffffff",
        panel="#d0d0d0",
        success="#006600",
        warning="#804400",
        error="#b00000",
        dark=False,
    ),
)

#: The 16 ANSI colours on the light theme (normal, then bright): each at least 4.5:1 on white.
#: White and bright white stay light: they are backgrounds, never text, on a light screen.
LIGHT_ANSI = TerminalTheme(
    (255, 255, 255),
    (0, 0, 0),
    [
        (0, 0, 0),  # black
        (176, 0, 0),  # red
        (0, 110, 0),  # green
        (120, 80, 0),  # yellow, as dark gold
        (0, 51, 170),  # blue
        (140, 0, 140),  # magenta
        (0, 100, 120),  # cyan
        (240, 240, 240),  # white
        (95, 95, 95),  # bright black: grey
    ],
    [
        (200, 0, 0),  # bright red
        (0, 125, 0),  # bright green
        (130, 95, 0),  # bright yellow
        (0, 80, 200),  # bright blue
        (160, 0, 160),  # bright magenta
        (0, 115, 135),  # bright cyan
        (255, 255, 255),  # bright white
    ],
)


def luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG 2's relative luminance of an sRGB colour."""
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """WCAG 2's contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@lru_cache(maxsize=1024)
def legible(style: Style) -> Style:
    """`style` on the light theme, its text colour moved towards black or white until it reads.

    For marks whose background varies (a trail over a contour map) or that name
    a faint colour (a grey series): the colour keeps as much of its hue as it
    can, just enough darker or lighter for TEXT_CONTRAST against its own
    background. ANSI colours are taken as the light theme draws them.
    """
    if style.color is None or style.bgcolor is None:
        return style
    text, ground = (tuple(c.get_truecolor(LIGHT_ANSI)) for c in (style.color, style.bgcolor))
    if contrast(text, ground) >= TEXT_CONTRAST:
        return style
    steps = [(share / 20, end) for share in range(1, 21) for end in ((0, 0, 0), (255, 255, 255))]
    for share, end in steps:
        mixed = tuple(round(c + (e - c) * share) for c, e in zip(text, end))
        if contrast(mixed, ground) >= TEXT_CONTRAST:
            return style + Style(color=Color.from_rgb(*mixed))
    return style  # unreachable: black or white always reaches 4.5:1 on one side
