"""The lecturer's modals: the command that reproduces the view, and the presets of a scene.

Both close at most once (`tui.screens.Modal`). Text that may come from a
lecturer's file (preset names and descriptions) is shown as it is, never
read as markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.screens import Modal, SceneList

if TYPE_CHECKING:
    from tui.i18n import Catalog


class CommandScreen(Modal[None]):
    """The `gdtui ...` line that brings this view back, and what its settings mean."""

    DEFAULT_CSS = """
    CommandScreen > Vertical { width: 90; }
    CommandScreen Static { height: auto; }
    CommandScreen #command { text-style: bold; margin-bottom: 1; }
    CommandScreen #note { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [Binding("escape,enter,c,q", "dismiss", show=False, priority=True)]

    def __init__(self, catalog: Catalog, command: str, settings: list[tuple[str, str, str]],
                 replayable: bool) -> None:
        super().__init__()
        self.catalog, self.command = catalog, command
        self.settings, self.replayable = settings, replayable

    def compose(self) -> ComposeResult:
        t = self.catalog
        with Vertical() as box:
            box.border_title = t("lecturer.command.title")
            yield Static(Content(self.command), id="command")
            if self.settings:
                table = Table.grid(padding=(0, 2))
                table.add_column(no_wrap=True)
                table.add_column(ratio=1)
                for name, text, label in self.settings:
                    table.add_row(Text(f"{name}={text}"), Text(label))
                yield Static(table, id="settings")
            notes = [] if self.replayable else [t("lecturer.command.not_replayable")]
            yield Static(Content("\n".join([*notes, t("lecturer.command.note")])), id="note")


class PresetPicker(Modal[str | None]):
    """A scene's presets: arrows and Enter pick one, Esc closes."""

    DEFAULT_CSS = """
    PresetPicker > Vertical { width: 80; }
    PresetPicker OptionList { height: auto; max-height: 20; border: none; }
    """
    BINDINGS = [Binding("escape,P,q", "dismiss_none", show=False, priority=True)]

    def __init__(self, title: str, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.heading, self.choices = title, choices

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self.heading
            yield SceneList(*(Option(Content.assemble((name, "bold"), "\n", description), id=name)
                               for name, description in self.choices))

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
