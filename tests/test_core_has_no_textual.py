"""The functional core must stay usable without the UI: importing it must not import Textual."""

import subprocess
import sys

CORE = ["tui.library", "tui.extract", "tui.annotations", "tui.stories", "tui.cli", "tui.paths", "tui.atomic"]


def test_importing_the_core_does_not_import_textual() -> None:
    code = (
        "import sys, importlib\n"
        f"for m in {CORE!r}: importlib.import_module(m)\n"
        "import pkgutil, tui\n"
        "for pkg in ('tui.library', 'tui.extract', 'tui.annotations', 'tui.stories', 'tui.cli'):\n"
        "    p = importlib.import_module(pkg)\n"
        "    for info in pkgutil.iter_modules(p.__path__):\n"
        "        if pkg == 'tui.cli' and info.name == 'open':\n"
        "            continue\n"
        "        importlib.import_module(f'{pkg}.{info.name}')\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
