"""The bundled sample articles, end to end (loader, real extraction, grouping, comparison).

Gold (../shared/gold/seeds.yaml `stories`): the four retreat reports are one story, the file
holding two November 2024 stories stays apart, and the dates differ: 15-17 May 2025 in three
reports, 16-18 May 2025 in the preview written before the retreat.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import tui.extract
from tui.extract import extract
from tui.library.loader import load_library
from tui.stories import StoryIndex, StoryItem, compare, group_stories
from tui.stories.compare import DATES

pytestmark = pytest.mark.skipif(
    tui.extract.EXTRACTOR_VERSION == 0,
    reason="the extractor is still the stub (EXTRACTOR_VERSION 0): no entities or dates to group on",
)

RETREAT = {
    "beritajatim-pemkot-malang-gelar-retret-leadership.txt",
    "jatimsatunews-asn-kota-malang-siap-gaspol.txt",
    "lentera-usai-asn-pemkot-retret-3-hari.txt",
    "voiceofjatim-pemkot-malang-siapkan-retret-asn.txt",
}
PREVIEW = "voiceofjatim-pemkot-malang-siapkan-retret-asn.txt"
NOVEMBER = "pemkot-malang-panen-penghargaan-dan-sekda-budaya-kerja.txt"


@pytest.fixture(scope="module")
def seed_stories():
    articles_dir = Path(__file__).resolve().parents[2] / "articles"
    items = [StoryItem(a, extract(a.body, published=a.published)) for a in load_library([articles_dir])]
    return group_stories(items)


def names(story) -> set[str]:
    return {Path(it.article.file).name for it in story.items}


def test_the_four_retreat_reports_are_one_story(seed_stories) -> None:
    assert names(seed_stories[0]) == RETREAT


def test_the_november_file_stays_out_of_the_retreat_story(seed_stories) -> None:
    november = [s for s in seed_stories if NOVEMBER in names(s)]
    assert november and all(names(s) == {NOVEMBER} for s in november)


def test_the_retreat_dates_differ_between_the_preview_and_the_reports(seed_stories) -> None:
    (dates,) = [d for d in compare(seed_stories[0]).discrepancies if d.kind == DATES]
    values = {value: {Path(k).name for k in keys} for value, keys in dates.values}
    assert values == {"15-17 May 2025": RETREAT - {PREVIEW}, "16-18 May 2025": {PREVIEW}}


def test_jump_from_a_retreat_report_lands_on_another_outlet_of_it(seed_stories) -> None:
    index = StoryIndex(seed_stories)
    first = seed_stories[0].items[0]
    following = index.next_report(first.article.id)
    assert following is not None and Path(following.article.file).name in RETREAT
    assert following.article.source != first.article.source
