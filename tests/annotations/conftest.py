"""Fixtures for the annotation tests: an in-memory article and a store in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from annotation_samples import make_article

from tui.annotations.store import AnnotationStore
from tui.library.article import Article


@pytest.fixture
def article() -> Article:
    return make_article(title="Harga Cabai Naik Jelang Lebaran", source="Kabarkita.id")


@pytest.fixture
def store(tmp_path: Path) -> AnnotationStore:
    return AnnotationStore(root=tmp_path / "annotations", user="tester")
