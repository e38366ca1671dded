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
    """The footer: "scene i/n · step j/m", the mode, and the keys that act now.

    Hints come most needed first; those that do not fit the width are dropped
    whole, from the end, and a final "…" says that the help shows them all.
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
        self.shown: tuple[str, str, list[tuple[str, str]], str] = ("", "", [], "")

    def show(self, counter: str, mode: str, hints: list[tuple[str, str]], more: str) -> None:
        if (counter, mode, hints, more) != self.shown:
            self.shown = (counter, mode, hints, more)
            self.refresh()

    def render(self) -> Text:
        counter, mode, hints, more = self.shown
        width = self.content_size.width
        text = Text(counter, style="bold")
        if mode:
            text.append("  ")
            text.append(f" {mode} ", style="reverse bold")
        pieces = [Text.assemble(("  ", ""), (key, "bold"), (" " + label, "")) for key, label in hints]
        ellipsis = Text.assemble(("  ", ""), (more, "bold"))
        room = width - text.cell_len
        for count in range(len(pieces), -1, -1):
            needed = sum(piece.cell_len for piece in pieces[:count])
            if count < len(pieces):
                needed += ellipsis.cell_len
            if needed <= room or count == 0:
                break
        for piece in pieces[:count]:
            text.append_text(piece)
        if count < len(pieces):
            text.append_text(ellipsis)
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
