"""`extract()` pauses the cyclic garbage collector while it runs: that is sound only while it leaves
no reference cycles behind, and only if it hands the collector back as it found it."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

import tui.extract as extract_package
from tui.extract import extract

HOSTILE = {
    "unbalanced quotes": "\u201cSaya datang, ujar Budi\n" * 200,
    "quote marks only": '"' * 500 + "\u201c" * 500,
    "dates and names": "Wali Kota Malang Wahyu Hidayat pada Sabtu (17/5/2025) 15 hingga 17 Mei. " * 50,
}


@pytest.fixture
def collector_enabled() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.enable()
    yield
    if not was_enabled:
        gc.disable()


def _bodies(articles_dir: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(articles_dir.glob("*.txt"))] + list(
        HOSTILE.values()
    )


def test_extract_leaves_no_reference_cycles_for_the_collector(articles_dir: Path) -> None:
    bodies = _bodies(articles_dir)
    assert len(bodies) > len(HOSTILE)
    for body in bodies:
        extract(body)  # the first call also loads the lexicons, which are kept, not garbage
    gc.collect()
    for body in bodies:
        extract(body)
        assert gc.collect() == 0


def test_extract_turns_the_collector_back_on(collector_enabled: None, articles_dir: Path) -> None:
    extract(_bodies(articles_dir)[0])
    assert gc.isenabled()


def test_extract_leaves_a_paused_collector_paused(articles_dir: Path) -> None:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        extract(_bodies(articles_dir)[0])
        assert not gc.isenabled()
    finally:
        if was_enabled:
            gc.enable()


def test_extract_that_fails_still_turns_the_collector_back_on(
    collector_enabled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(body: str) -> list[object]:
        raise RuntimeError("finder failed")

    monkeypatch.setattr(extract_package, "find_mentions", broken)
    with pytest.raises(RuntimeError):
        extract("Wali Kota Malang Wahyu Hidayat datang.")
    assert gc.isenabled()
