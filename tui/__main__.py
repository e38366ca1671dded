"""`python -m tui` starts gdtui, exactly like the `gdtui` command."""

from tui.cli import main

raise SystemExit(main())
