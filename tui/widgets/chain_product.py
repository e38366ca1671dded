"""A derivative written as a product of local derivatives, symbols above numbers.

    ∂C/∂w₂ = ∂C/∂ŷ  ⋅ ∂ŷ/∂z₂ ⋅ ∂z₂/∂w₂
           = -0.517 ⋅ 0.250  ⋅ 0.469   = -0.0606

Each factor's symbol and its value share a column, so the eye can follow a
factor from the chain rule down to its number.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from tui.glyphs import glyphs


class ChainProduct(Static):
    """Two aligned lines: `name = symbol ⋅ symbol …` and `= value ⋅ value … = result`."""

    DEFAULT_CSS = """
    ChainProduct { width: auto; height: 2; }
    """

    def show(self, name: str, factors: Sequence[tuple[str, str]], result: str) -> None:
        """`factors` are (symbol, value) pairs, already formatted; `result` is the product."""
        table = Table.grid(padding=(0, 1))
        for _ in range(2 * len(factors) + 3):
            table.add_column(no_wrap=True, justify="right")
        times = glyphs("⋅")
        symbols, values = [Text(name, style="bold"), Text("=")], [Text(""), Text("=")]
        for index, (symbol, value) in enumerate(factors):
            if index:
                symbols.append(Text(times))
                values.append(Text(times))
            symbols.append(Text(symbol))
            values.append(Text(value))
        symbols += [Text(""), Text("")]
        values += [Text("="), Text(result, style="bold")]
        table.add_row(*symbols)
        table.add_row(*values)
        self.update(table)
