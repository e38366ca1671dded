"""The frame around a scene: a title bar, a status footer and the too-small notice."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Static


class TitleBar(Widget):
    """One line: the app's name, the scene's number and title; the language on the right."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        height: 1;
        background: $panel;
        color: $text;
        text-style: bold;
        padding: 0 1;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.title = ""
        self.language = ""

    def show(self, title: str, language: str) -> None:
        self.title, self.language = title, language
        self.refresh()

    def render(self) -> Text:
        gap = max(1, self.content_size.width - len(self.title) - len(self.language))
        return Text.assemble(self.title, " " * gap, (self.language, "not bold"))


class StatusBar(Widget):
    """The footer: "scene i/n · step j/m", the mode, and the keys that work now.

    Hints that do not fit the width are dropped whole, from the end, rather than cut.
    """

    DEFAULT_CSS = """
    StatusBar {
        dock: bottom;
        height: 1;
        background: $panel;
        color: $text-muted;
        padding: 0 1;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.counter = ""
        self.mode = ""
        self.hints: list[tuple[str, str]] = []

    def show(self, counter: str, mode: str, hints: list[tuple[str, str]]) -> None:
        self.counter, self.mode, self.hints = counter, mode, hints
        self.refresh()

    def render(self) -> Text:
        width = self.content_size.width
        text = Text(self.counter, style="bold")
        if self.mode:
            text.append("  ")
            text.append(f" {self.mode} ", style="reverse bold")
        for key, description in self.hints:
            piece = Text.assemble(("  ", ""), (key, "bold"), (" " + description, ""))
            if text.cell_len + piece.cell_len > width:
                break
            text.append_text(piece)
        return text


class TooSmall(Static):
    """Shown instead of a scene that does not fit; the app swaps back on resize."""

    DEFAULT_CSS = """
    TooSmall {
        width: 1fr;
        height: 1fr;
        content-align: center middle;
        text-align: center;
        text-style: bold;
        display: none;
    }
    """
