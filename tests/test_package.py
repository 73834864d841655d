"""The package installs with its sample corpus and answers on the command line."""

import subprocess
import sys

from tui import __version__
from tui.paths import bundled_articles


def test_bundled_articles_ship_with_the_package() -> None:
    names = sorted(p.name for p in bundled_articles().glob("*.txt"))
    assert len(names) == 5
    assert "lentera-usai-asn-pemkot-retret-3-hari.txt" in names


def test_python_dash_m_tui_prints_the_version() -> None:
    out = subprocess.run([sys.executable, "-m", "tui", "--version"], capture_output=True, text=True)
    assert out.returncode == 0
    assert out.stdout.strip() == f"kabar {__version__}"
