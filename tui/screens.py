"""Modal screens over the current scene: the overview of all scenes, help, the command palette.

Every modal closes at most once (`ClosesOnce`): keys come faster than screens
close, and Textual's `dismiss` pops whatever screen is on top, so a second
Enter or Esc that reaches a modal after it asked to close would otherwise
pop the screen below it, and with it the app.
"""

from __future__ import annotations

from typing import TypeVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.command import CommandList, CommandPalette
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

R = TypeVar("R")


class ClosesOnce:
    """A mixin for screens: the first `dismiss` wins, later ones do nothing.

    Put it first among a modal's bases. A second choice that was typed before
    the screen closed (Enter Enter in the overview) then neither pops the
    screen below nor calls the result callback again.
    """

    _dismissed = False

    def dismiss(self: Screen[R], result: R | None = None) -> AwaitComplete:
        if self._dismissed or self.app.screen is not self:
            return AwaitComplete.nothing()
        self._dismissed = True
        return super().dismiss(result)


class Modal(ClosesOnce, ModalScreen[R]):
    """Base of gdtui's modals (overview, help, and any picker or question to come): one box,
    centred, as wide as the subclass says and never wider or taller than the screen."""

    DEFAULT_CSS = """
    Modal { align: center middle; }
    Modal > Vertical, Modal > VerticalScroll {
        max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    """


class Palette(ClosesOnce, CommandPalette):
    """Textual's command palette, closing at most once like every other modal,
    and running at most one command per opening."""

    @on(Input.Submitted)
    @on(OptionList.OptionSelected)
    def _choose_nothing_once_closed(self, event: Message) -> None:
        """Textual 8.2.8's palette acts on every Enter that reaches it, even after it closed:
        `CommandPalette._select_or_command` dismisses, then calls the remembered command,
        each time. An Enter typed before the first one was handled reaches the palette's
        field too, so "Switch language" chosen with Enter Enter switched twice. Once the
        palette closed, whatever it still gets chooses nothing: Textual calls a subclass's
        handlers first, and `prevent_default` skips the base class's. Not reported
        upstream; textual's main branch (June 2026) does the same."""
        if self._dismissed:
            event.prevent_default()
            event.stop()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "command_list" and parameters in (("page_up",), ("page_down",)):
            return laid_out(self.query_one(CommandList))
        return super().check_action(action, parameters)


def laid_out(options: OptionList) -> bool:
    """Whether `options` has had its first layout: Textual 8.2's OptionList raises
    KeyError on PageUp/PageDown before that (a key typed as the list opens)."""
    return bool(options.scrollable_content_region)


class SceneList(OptionList):
    """The overview's list; page keys wait for its first layout."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("page_up", "page_down"):
            return laid_out(self)
        return super().check_action(action, parameters)


class OverviewScreen(Modal[int]):
    """All scenes in lecture order; arrows and Enter pick one, Esc/Tab/o close."""

    DEFAULT_CSS = """
    OverviewScreen > Vertical { width: 60; border-subtitle-color: $text-muted; }
    /* min-width: at width 0 Textual 8.2 wraps each option with a step of 0 (ValueError) */
    OverviewScreen SceneList { height: auto; max-height: 20; border: none; min-width: 8; }
    """
    BINDINGS = [
        Binding("escape,tab,o,q", "dismiss_none", show=False),
    ]

    def __init__(self, title: str, titles: list[str], current: int, keys: str) -> None:
        super().__init__()
        self.heading = title
        self.titles = titles
        self.current = current
        self.keys = keys

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self.heading
            box.border_subtitle = self.keys
            options = [Option(f"{i + 1:>2}  {title}") for i, title in enumerate(self.titles)]
            yield SceneList(*options)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = self.current
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_index)

    def action_dismiss_none(self) -> None:
        self.dismiss(-1)


class HelpScreen(Modal[None]):
    """Every key of the app and of the current scene, in the current language; it scrolls."""

    DEFAULT_CSS = """
    HelpScreen > VerticalScroll { width: 72; border-subtitle-color: $text-muted; }
    HelpScreen Static { height: auto; }
    """
    BINDINGS = [Binding("escape,question_mark,q,enter", "dismiss", show=False)]

    def __init__(self, title: str, sections: list[tuple[str, list[tuple[str, str]]]], hint: str) -> None:
        super().__init__()
        self.heading = title
        self.sections = sections
        self.hint = hint

    def compose(self) -> ComposeResult:
        parts: list[RenderableType] = []
        for heading, rows in self.sections:
            if not rows:
                continue
            table = Table.grid(padding=(0, 2))
            table.add_column(style="bold", no_wrap=True, width=max(Text(k).cell_len for k, _ in rows))
            table.add_column(ratio=1)
            for keys, description in rows:
                table.add_row(keys, description)
            parts += [Text(("\n" if parts else "") + heading, style="bold underline"), table]
        with VerticalScroll() as box:
            box.border_title = self.heading
            box.border_subtitle = self.hint
            yield Static(Group(*parts))

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()  # the arrows and page keys scroll it
