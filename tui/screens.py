"""Modal screens over the current scene: the overview of all scenes, and help."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option


class OverviewScreen(ModalScreen[int]):
    """All scenes in lecture order; arrows and Enter pick one, Esc/Tab/o close."""

    DEFAULT_CSS = """
    OverviewScreen { align: center middle; }
    OverviewScreen > Vertical {
        width: 60; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    OverviewScreen OptionList { height: auto; max-height: 20; border: none; }
    """
    BINDINGS = [
        Binding("escape,tab,o,q", "dismiss_none", show=False, priority=True),
    ]

    def __init__(self, title: str, titles: list[str], current: int) -> None:
        super().__init__()
        self.heading = title
        self.titles = titles
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self.heading
            options = [Option(f"{i + 1:>2}  {title}") for i, title in enumerate(self.titles)]
            yield OptionList(*options)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = self.current
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_index)

    def action_dismiss_none(self) -> None:
        self.dismiss(-1)


class HelpScreen(ModalScreen[None]):
    """Every key of the app and of the current scene, in the current language."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    HelpScreen Static { height: auto; }
    """
    BINDINGS = [Binding("escape,question_mark,q,enter", "dismiss", show=False, priority=True)]

    def __init__(self, title: str, sections: list[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__()
        self.heading = title
        self.sections = sections

    def compose(self) -> ComposeResult:
        parts: list[RenderableType] = []
        for heading, rows in self.sections:
            if not rows:
                continue
            table = Table.grid(padding=(0, 2))
            table.add_column(style="bold", no_wrap=True, width=max(len(k) for k, _ in rows))
            table.add_column(ratio=1)
            for keys, description in rows:
                table.add_row(keys, description)
            parts += [Text(heading, style="bold underline"), table]
        with Vertical() as box:
            box.border_title = self.heading
            yield Static(Group(*parts))
