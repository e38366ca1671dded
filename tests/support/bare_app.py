"""The start-up reference: a bare Textual app with Header, Static and Footer.

`benchmarks/bench_startup.py` measures gdtui against this app in the same
run, because absolute start-up times on shared lab machines are too noisy to
compare; the pty tests check the session helpers against it.

Run it with ``python tests/support/bare_app.py``; q quits.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

TEXT = "Bare Textual app: the start-up reference for gdtui."


class BareApp(App[None]):
    TITLE = "bare"
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(TEXT)
        yield Footer()


def main() -> None:
    BareApp().run()


if __name__ == "__main__":
    main()
