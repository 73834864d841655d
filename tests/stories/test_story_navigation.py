"""StoryIndex: which story an article is in, and the next report of it in another outlet."""

from __future__ import annotations

from datetime import date

from tui.stories.grouping import Story
from tui.stories.navigation import StoryIndex


def make_index(item):
    a = item("a.txt", "x", source="Alpha", published=date(2025, 5, 1))
    b = item("b.txt", "x", source="Alpha", published=date(2025, 5, 2))
    c = item("c.txt", "x", source="Beta", published=date(2025, 5, 3))
    lone = item("d.txt", "y", source="Gamma")
    stories = [Story("s-1", "one", (a, b, c)), Story("s-2", "two", (lone,))]
    return StoryIndex(stories), a, b, c, lone


def test_story_of_finds_the_article_story(item) -> None:
    index, a, _, _, lone = make_index(item)
    assert index.story_of(a.article.id).id == "s-1"
    assert index.story_of(lone.article.id).id == "s-2"
    assert index.story_of("unknown") is None


def test_next_report_skips_reports_of_the_same_outlet(item) -> None:
    index, a, b, c, _ = make_index(item)
    assert index.next_report(a.article.id) is c
    assert index.next_report(a.article.id, other_outlet=False) is b


def test_next_report_wraps_around_and_goes_back_with_negative_step(item) -> None:
    index, a, b, c, _ = make_index(item)
    assert index.next_report(c.article.id) is a
    assert index.next_report(c.article.id, step=-1, other_outlet=False) is b


def test_an_article_alone_in_its_story_has_no_next_report(item) -> None:
    index, *_, lone = make_index(item)
    assert index.next_report(lone.article.id) is None
    assert index.next_report("unknown") is None


def test_comparison_is_computed_once_per_story(item) -> None:
    index, *_ = make_index(item)
    assert index.comparison("s-1") is index.comparison("s-1")
    assert index.comparison("nope") is None
    assert [s.id for s in index.multi_outlet()] == ["s-1"]
