"""gdtui's terminal app: navigation, chrome, CLI, text catalogs and reusable widgets."""

__version__ = "0.1.0"
