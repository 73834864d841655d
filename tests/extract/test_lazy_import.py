"""`tui.extract.model` is imported by the index and the reader at start-up: it must not drag in the
extractor, while `from tui.extract import extract, find_quotes` keeps working."""

from __future__ import annotations

import subprocess
import sys

import pytest

_FINDER_MODULES = ("tui.extract.recognise", "tui.extract.coref", "tui.extract.quotes", "tui.extract.dates")


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(out.split())


def test_importing_the_model_loads_no_finder() -> None:
    loaded = _modules_after("import tui.extract.model")
    assert "tui.extract.model" in loaded
    assert loaded.isdisjoint(_FINDER_MODULES)


def test_calling_extract_loads_the_finders_on_first_use() -> None:
    loaded = _modules_after("from tui.extract import extract\nextract('Kata Budi di Malang.')")
    assert set(_FINDER_MODULES) <= loaded


def test_finders_are_importable_from_the_package() -> None:
    from tui.extract import find_dates, find_quotes
    from tui.extract.dates import find_dates as dates_find_dates
    from tui.extract.quotes import find_quotes as quotes_find_quotes

    assert find_dates is dates_find_dates
    assert find_quotes is quotes_find_quotes


def test_unknown_name_is_an_import_error() -> None:
    with pytest.raises(ImportError):
        from tui.extract import no_such_finder  # noqa: F401
