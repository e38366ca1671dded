import ast
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import engine

ROOT = Path(__file__).resolve().parents[2]


def test_engine_imports_nothing_from_the_ui():
    check = (
        "import engine, pkgutil, importlib, sys\n"
        "for m in pkgutil.iter_modules(engine.__path__): importlib.import_module('engine.' + m.name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'textual', 'tui', 'scenes', 'rich', 'plotext'})\n"
        "assert not bad, bad\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", check], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_the_reading_order_lists_every_module_and_each_uses_only_earlier_ones():
    order = re.findall(r"^- `engine\.(\w+)`", engine.__doc__, re.MULTILINE)
    assert sorted(order) == sorted(m.name for m in pkgutil.iter_modules(engine.__path__))
    for k, name in enumerate(order):
        tree = ast.parse((ROOT / "engine" / f"{name}.py").read_text("utf-8"))
        used = {node.module.split(".")[1] for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("engine.")}
        assert used <= set(order[:k]), f"engine.{name} uses {sorted(used - set(order[:k]))}, listed after it"
