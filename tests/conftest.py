"""Every test runs with its own data, cache, state and config folders: none touches the user's."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
ARTICLES = REPO / "articles"


@pytest.fixture(autouse=True)
def isolated_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("kabar-home")
    for name in ("DATA", "CACHE", "STATE", "CONFIG"):
        folder = home / name.lower()
        monkeypatch.setenv(f"KABAR_{name}_DIR", str(folder))
    monkeypatch.setenv("KABAR_USER", "tester")
    return home


@pytest.fixture
def articles_dir() -> Path:
    return ARTICLES
