"""A small panel of named settings: one is selected, and it can be typed in with a validated Input.

The panel only shows and collects text. Whoever owns the settings decides
what a value means: it hands `edit` a validator for the live check, and
gets a `Submitted` message (text and verdict) or a `Cancelled` one. Enter
and Esc always close the input, so the keyboard goes back to the scene.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.validation import Validator
from textual.widget import Widget
from textual.widgets import Input, Static

from tui.glyphs import glyphs


class ValueInput(Input):
    """An Input that Esc closes instead of leaving it to the app."""

    BINDINGS = [Binding("escape", "cancel", show=False)]

    class Cancelled(Message):
        """The user left the input without a value."""

    def action_cancel(self) -> None:
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

    def compose(self) -> ComposeResult:
        yield Static(self.title, id="rules-title")
        yield Static(id="rules-rows")
        yield Static(id="rules-message")
        input_ = ValueInput(compact=True)
        input_.display = False
        yield input_

    @property
    def editing(self) -> bool:
        return self.query_one(ValueInput).display

    def show(self, rows: list[tuple[str, str]], selected: int, highlight: bool, message: str = "",
             refused: bool = False) -> None:
        """Rows of (name, value); `selected` gets a marker, and is inverted when `highlight`."""
        table = Table.grid(padding=(0, 1), expand=True)
        table.add_column(no_wrap=True, width=1)
        table.add_column(no_wrap=True, ratio=1)
        table.add_column(no_wrap=True, justify="right")
        for index, (name, value) in enumerate(rows):
            chosen = index == selected
            style = ("reverse bold" if highlight else "bold") if chosen else ""
            table.add_row(glyphs("›") if chosen else "", Text(name, style), Text(value, style))
        self.query_one("#rules-rows", Static).update(table)
        line = self.query_one("#rules-message", Static)
        line.update(message)
        line.set_class(refused, "refused")

    def edit(self, placeholder: str, value: str, validator: Validator) -> None:
        """Open the input with `value`, checked by `validator` as the user types."""
        input_ = self.query_one(ValueInput)
        input_.validators = [validator]
        input_.placeholder = placeholder
        input_.value = value
        self.query_one("#rules-message").display = False
        input_.display = True
        input_.focus()
        input_.select_all()

    def _close(self) -> None:
        self.query_one(ValueInput).display = False
        self.query_one("#rules-message").display = True

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._close()
        result = event.validation_result
        valid = result is None or result.is_valid
        reason = "" if valid else "; ".join(result.failure_descriptions)
        self.post_message(self.Submitted(event.value, valid, reason))

    def on_value_input_cancelled(self, event: ValueInput.Cancelled) -> None:
        event.stop()
        self._close()
        self.post_message(self.Cancelled())
