"""Two themes: a calm dark one for screens, a high-contrast light one for projectors."""

from textual.theme import Theme

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
        error="#ff5f5f",
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
        warning="#8a4b00",
        error="#b00000",
        dark=False,
    ),
)
