"""A small panel of named settings: one is selected, and it can be typed in with a validated Input.

The panel only shows and collects text. Whoever owns the settings decides
what a value means: it hands `edit` a validator for the live check, and
gets a `Submitted` message (text and verdict) or a `Cancelled` one. Enter
and Esc always close the input, so the keyboard goes back to the scene.
"""

from __future__ import annotations

import textwrap

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual import events
from textual.message import Message
from textual.validation import Validator
from textual.widget import Widget
from textual.widgets import Input, Static

from tui.glyphs import glyphs


class ValueInput(Input):
    """An Input that hands the keyboard back the moment Enter or Esc arrives.

    Enter and Esc are handled as the keys come in, not as bindings (which
    Textual resolves only after the key has bubbled up to the app), and keys
    that were already queued for the input when it closed go on to the app's
    bindings, so "3, Enter, e" types 3 and then runs the scene's e.
    """

    return_focus: Widget | None = None

    class Cancelled(Message):
        """The user left the input without a value."""

    def open(self, placeholder: str, value: str, validator: Validator) -> None:
        self.return_focus = self.screen.focused
        self.validators = [validator]
        self.placeholder, self.value = placeholder, value
        self.display = True
        self.focus()
        self.select_all()

    async def _on_key(self, event: events.Key) -> None:
        if not self.display:  # closed already: let the key bubble on to the bindings
            event.prevent_default()
        elif event.key in ("enter", "escape"):
            event.prevent_default()
            event.stop()
            if event.key == "enter":
                await self.action_submit()
            else:
                self.action_cancel()

    def _leave(self) -> None:
        self.display = False
        if self.return_focus is not None:
            self.screen.set_focus(self.return_focus)

    async def action_submit(self) -> None:
        self._leave()
        await super().action_submit()

    def action_cancel(self) -> None:
        self._leave()
        self.post_message(self.Cancelled())


class RulesPanel(Widget):
    """A title, rows of (name, value) with one selected, a message line that the input replaces."""

    DEFAULT_CSS = """
    RulesPanel { height: auto; }
    RulesPanel > #rules-title { text-style: bold; }
    RulesPanel > #rules-message { color: $text-muted; }
    RulesPanel > #rules-message.refused { color: $error; text-style: bold; }
    RulesPanel > ValueInput { border: none; height: 1; padding: 0 1; background: $boost; }
    RulesPanel > ValueInput.-invalid { border: none; color: $error; }
    """

    class Submitted(Message):
        """Enter in the input: the text and whether the validator accepted it (else why not)."""

        def __init__(self, text: str, valid: bool, reason: str) -> None:
            super().__init__()
            self.text, self.valid, self.reason = text, valid, reason

    class Cancelled(Message):
        """Esc in the input: nothing changes."""

    def __init__(self, title: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.title = title
        self._shown: tuple = ()
        self._message = ""

    def compose(self) -> ComposeResult:
        yield Static(self.title, id="rules-title", markup=False)
        yield Static(id="rules-rows")
        yield Static(id="rules-message", markup=False)  # quotes what the user typed
        input_ = ValueInput(compact=True, max_length=16)  # a value, not an essay
        input_.display = False
        yield input_

    @property
    def editing(self) -> bool:
        return self.query_one(ValueInput).display

    def show(self, rows: list[tuple[str, str]], selected: int, highlight: bool, message: str = "",
             refused: bool = False) -> None:
        """Rows of (name, value); `selected` gets a marker, and is inverted when `highlight`.
        Showing the same again repaints nothing."""
        if (rows, selected, highlight, message, refused) == self._shown:
            return
        self._shown = (rows, selected, highlight, message, refused)
        table = Table.grid(padding=(0, 1), expand=True)
        table.add_column(no_wrap=True, width=1)
        table.add_column(no_wrap=True, ratio=1)
        table.add_column(no_wrap=True, justify="right")
        for index, (name, value) in enumerate(rows):
            chosen = index == selected
            style = ("reverse bold" if highlight else "bold") if chosen else ""
            table.add_row(glyphs("›") if chosen else "", Text(name, style), Text(value, style))
        self.query_one("#rules-rows", Static).update(table)
        self._message = message
        self._wrap_message()
        self.query_one("#rules-message", Static).set_class(refused, "refused")

    def _wrap_message(self) -> None:
        """The message wrapped here, where a no-break space holds (Textual would break a value from its unit)."""
        width = self.content_region.width
        self.query_one("#rules-message", Static).update(
            "\n".join(textwrap.wrap(self._message, width)) if width > 0 else self._message)

    def on_resize(self) -> None:
        self._wrap_message()

    def edit(self, placeholder: str, value: str, validator: Validator) -> None:
        """Open the input with `value`, checked by `validator` as the user types; Enter or Esc
        give the keyboard back to whoever had it."""
        self.query_one("#rules-message").display = False
        self.query_one(ValueInput).open(placeholder, value, validator)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#rules-message").display = True
        result = event.validation_result
        valid = result is None or result.is_valid
        reason = "" if valid else "; ".join(result.failure_descriptions)
        self.post_message(self.Submitted(event.value, valid, reason))

    def on_value_input_cancelled(self, event: ValueInput.Cancelled) -> None:
        event.stop()
        self.query_one("#rules-message").display = True
        self.post_message(self.Cancelled())
