"""What the reader does around its first frame: what it paints, and what waits until after it."""

from __future__ import annotations

from datetime import date

from textual.app import App, ComposeResult
from textual.widgets import LoadingIndicator

from tests.app.conftest import FakeIndex
from tui.app.screens.reader import ReaderScreen
from tui.app.widgets.source_list import LOADING_TEXT, SourceList
from tui.library.index import ArticleSummary, EntityCount

SIZE = (160, 48)


class CountingIndex(FakeIndex):
    """A FakeIndex that also offers the library-wide entity counts (LibraryIndex.entity_counts)."""

    def entity_counts(self, type_: str | None = None) -> list[EntityCount]:
        counts: dict[str, EntityCount] = {}
        for extraction in self.extractions.values():
            for entity in extraction.entities:
                seen = counts.get(entity.id)
                articles = seen.articles + 1 if seen else 1
                counts[entity.id] = EntityCount(entity.id, entity.type, entity.name, articles)
        return list(counts.values())


def summary(id_: str, source: str, day: int) -> ArticleSummary:
    return ArticleSummary(id_, f"{id_}.txt", 1, f"title {id_}", source, date(2025, 5, day), None, "words")


async def _returning_reader(make_app, settle, index: FakeIndex):
    """Run the app once (reading the second article) so that the next start is a returning one."""
    first = make_app(index)
    async with first.run_test(size=SIZE) as pilot:
        await settle(pilot, first)
        await pilot.press("n")
        await settle(pilot, first)
        await pilot.press("q")
    return make_app(index)


class ListOnly(App):
    def compose(self) -> ComposeResult:
        yield SourceList(id="sources")


async def test_a_list_being_read_says_so_in_a_line_not_with_textuals_loading_indicator() -> None:
    app = ListOnly()
    async with app.run_test(size=(60, 10)) as pilot:
        sources = app.query_one(SourceList)
        sources.listing = True
        await pilot.pause()
        assert LOADING_TEXT.strip() in sources.render_line(0).text
        # Widget.loading would mount an animated indicator over the pane (and lay the screen out again)
        assert not app.query(LoadingIndicator)
        sources.show_library([summary("a", "Kompas", 3)], "date", ())
        sources.listing = False
        await pilot.pause()
        assert LOADING_TEXT.strip() not in sources.render_line(0).text
        assert sources.row_text("a").endswith("title a")


async def test_a_sync_that_finds_nothing_new_does_not_regroup_the_list(make_app, settle, monkeypatch) -> None:
    fills: list[int] = []
    show_library = SourceList.show_library

    def counted(self: SourceList, summaries, sort, read, keep=None) -> None:
        fills.append(len(summaries))
        show_library(self, summaries, sort, read, keep)

    again = await _returning_reader(make_app, settle, FakeIndex())
    monkeypatch.setattr(SourceList, "show_library", counted)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot, again)
        screen: ReaderScreen = again.screen
        assert again.library().synced == 2  # this start synced the files too
        assert fills == [5]  # the listing after the first frame; the sync's equal one is not redone
        assert screen.status.message == "5 articles from 5 outlets"  # the sync's end is still told


async def test_entity_counts_recount_the_cached_articles_instead_of_dropping_them(make_app, settle) -> None:
    index = CountingIndex()
    app = make_app(index)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        screen: ReaderScreen = app.screen
        cached = dict(screen._cache)
        assert len(cached) > 1  # the article shown and those read ahead
        named = {c.entity_id: c.articles for c in index.entity_counts()}
        for article_id, loaded in cached.items():
            assert loaded.elsewhere == {i: named[i] - 1 for i in loaded.elsewhere}, article_id
        wahyu = next(e for e in screen.current.extraction.entities if e.name == "Wahyu Hidayat")
        assert screen.current.elsewhere[wahyu.id] == named[wahyu.id] - 1 > 0
