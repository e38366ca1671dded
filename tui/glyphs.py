"""Glyphs with ASCII fallbacks, for terminals whose locale cannot show Unicode.

Over SSH a lab machine may run with LANG=C. Python still writes UTF-8 there, so
the terminal shows garbage; we decide from the locale instead and translate every
string the user sees through one table.
"""

from __future__ import annotations

import os

#: Unicode glyph -> ASCII stand-in. Catalog text and widgets pass through this.
ASCII_FALLBACK: dict[str, str] = {
    "·": "-", "×": "x", "→": "->", "←": "<-", "↑": "^", "↓": "v", "↗": "/", "↘": "\\",
    "↖": "\\", "↙": "/", "⇒": "=>", "⇔": "<=>", "≈": "~", "≤": "<=", "≥": ">=", "≠": "!=",
    "−": "-", "–": "-", "—": "--", "…": "...", "²": "^2", "³": "^3", "¹": "^1", "⁰": "^0",
    "₁": "1", "₂": "2", "₃": "3", "₄": "4", "ₖ": "k", "ᵢ": "i", "ⱼ": "j", "∇": "grad ", "∂": "d", "Σ": "sum ", "∑": "sum ",
    "η": "eta", "ε": "eps", "θ": "theta", "σ": "sigma", "α": "alpha", "Δ": "delta ", "δ": "delta",
    "•": "*", "●": "o", "○": ".", "◆": "*", "■": "#", "□": ".", "▲": "^", "▼": "v",
    "✓": "v", "✔": "v", "✗": "x", "✘": "x", "★": "*", "░": ".", "▒": ":", "▓": "#", "█": "#",
    "▀": "\"", "▄": ",", "─": "-", "┈": "-", "│": "|", "┌": "+", "┐": "+", "└": "+", "┘": "+",
    "├": "+", "┤": "+", "┬": "+", "┴": "+", "┼": "+", "═": "=", "║": "|",
    "„": "\"", "“": "\"", "”": "\"", "‘": "'", "’": "'", "«": "<<", "»": ">>",
    "ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "é": "e",
    "°": " deg", "±": "+/-", "√": "sqrt", "⋅": "*", "∘": ".",
    "▁": "_", "▂": "_", "▃": "_", "▅": "=", "▆": "=", "▇": "#", "ŷ": "y^", "½": "1/2",
    "›": ">", "▕": "[", "▏": "]",
}
_TABLE = str.maketrans(ASCII_FALLBACK)


#: What Python (PEP 538) writes into LC_CTYPE when it coerces a C locale at start-up.
COERCED_CTYPES = ("C.UTF-8", "C.utf8", "UTF-8")


def locale_supports_unicode(environ: os._Environ[str] | dict[str, str] | None = None) -> bool:
    """True unless the effective locale (LC_ALL, LC_CTYPE, LANG) names a non-UTF-8 charset.

    Python turns LANG=C into LC_CTYPE=C.UTF-8 for itself; the terminal was not
    asked, so a coerced LC_CTYPE does not count.
    """
    env = os.environ if environ is None else environ
    names = ["LC_ALL", "LC_CTYPE", "LANG"]
    if env.get("LC_CTYPE") in COERCED_CTYPES and not env.get("LC_ALL"):
        names.remove("LC_CTYPE")
    for name in names:
        value = env.get(name)
        if value:
            return "utf-8" in value.lower() or "utf8" in value.lower()
    return True


class Glyphs:
    """The app-wide glyph mode: Unicode, or ASCII when the terminal cannot show it."""

    def __init__(self) -> None:
        self.unicode = locale_supports_unicode()

    def __call__(self, text: str) -> str:
        """Return `text`, translated to ASCII when Unicode is off."""
        return text if self.unicode else text.translate(_TABLE)


#: The one instance the app configures at start-up and everyone reads.
glyphs = Glyphs()
