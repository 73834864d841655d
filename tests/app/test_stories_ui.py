"""Pilot tests of stories in the reader, on the bundled articles read by the real parser and
extractor (four of them report one Pemkot Malang retreat; the November 2024 file stands apart)."""

from __future__ import annotations

from textual.widgets import DataTable, OptionList

from tui.app.app import KabarApp
from tui.app.screens.reader import ReaderScreen
from tui.app.screens.split import SplitScreen
from tui.app.screens.story import StoryScreen
from tui.app.widgets.article_view import ArticleView

SIZE = (160, 48)
RETREAT_OUTLETS = {"beritajatim.com", "jatimsatunews.com", "Lentera", "voiceofjatim.com"}


def reader(app) -> ReaderScreen:
    return next(s for s in app.screen_stack if isinstance(s, ReaderScreen))


async def open_retreat_report(pilot, app, settle) -> None:
    await settle(pilot, app)
    for _ in range(len(reader(app).sources.order)):
        if reader(app).current.article.source in RETREAT_OUTLETS:
            return
        await pilot.press("n")
        await settle(pilot, app)
    raise AssertionError("no retreat report in the bundled articles")


async def test_story_screen_compares_the_four_retreat_reports(articles_dir, settle) -> None:
    app = KabarApp(paths=[articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await open_retreat_report(pilot, app, settle)
        await pilot.press("c")
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, StoryScreen)
        assert {it.article.source for it in screen.story.items} == RETREAT_OUTLETS
        assert screen.query_one("#story-reports", OptionList).option_count == 4
        assert str(screen.query_one("#story-summary").visual).startswith("4 reports from 4 outlets")
        discrepancies = str(screen.query_one("#story-discrepancies").visual)
        assert "15-17 May 2025" in discrepancies and "16-18 May 2025 (voiceofjatim.com)" in discrepancies
        table = screen.query_one("#story-speakers", DataTable)
        assert table.row_count >= 1 and str(table.get_row_at(0)[0]) == "Wahyu Hidayat"
        assert "left out by" in str(screen.query_one("#story-presence").visual)


async def test_r_jumps_to_the_same_story_in_another_outlet_and_back_again(articles_dir, settle) -> None:
    app = KabarApp(paths=[articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await open_retreat_report(pilot, app, settle)
        seen = [reader(app).current.article.source]
        for _ in range(3):
            await pilot.press("r")
            await settle(pilot, app)
            seen.append(reader(app).current.article.source)
        assert set(seen) == RETREAT_OUTLETS  # four presses of r, four outlets, no repeat
        assert "Same story in" in reader(app).status.message
        await pilot.press("r")
        await settle(pilot, app)
        assert reader(app).current.article.source == seen[0]  # it wraps around


async def test_r_on_an_article_no_one_else_reported_says_so(articles_dir, settle) -> None:
    app = KabarApp(paths=[articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        for _ in range(len(reader(app).sources.order)):
            if reader(app).current.article.source not in RETREAT_OUTLETS:
                break
            await pilot.press("n")
            await settle(pilot, app)
        alone = reader(app).current.article.id
        await pilot.press("r")
        await settle(pilot, app)
        assert reader(app).current.article.id == alone
        assert any("No other outlet" in str(n.message) for n in app._notifications)


async def test_split_view_shows_both_headlines(articles_dir, settle) -> None:
    app = KabarApp(paths=[articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await open_retreat_report(pilot, app, settle)
        here = reader(app).current.article
        await pilot.press("vertical_line")
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, SplitScreen)
        left, right = screen.query(ArticleView)
        assert left.article.id == here.id and right.article.id != here.id
        assert right.article.source in RETREAT_OUTLETS - {here.source}
        headlines = [v.headline_text for v in (left, right)]
        for view, shown in zip((left, right), headlines, strict=True):
            expected = view.article.title or "(no headline)"
            assert shown.startswith(expected[:40])
        first_right = right.article.id
        await pilot.press("r")
        await settle(pilot, app)
        assert right.article.id not in (here.id, first_right)  # the next report, on the right
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)


async def test_enter_on_a_report_in_the_story_screen_opens_it(articles_dir, settle) -> None:
    app = KabarApp(paths=[articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await open_retreat_report(pilot, app, settle)
        here = reader(app).current.article.id
        await pilot.press("c")
        await settle(pilot, app)
        reports = app.screen.query_one("#story-reports", OptionList)
        target = next(o.id for o in reports.options if o.id != here)
        reports.highlighted = reports.get_option_index(target)
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, ReaderScreen)
        assert reader(app).current.article.id == target


def test_story_screen_snapshot(make_app, snap_compare) -> None:
    """Over the fixed test library (fake extractor), so the picture does not move with the parser."""

    async def open_story(pilot) -> None:
        app = pilot.app
        for _ in range(3):
            await pilot.pause()
            await app.workers.wait_for_complete()
        await pilot.press("c")
        for _ in range(3):
            await pilot.pause()
            await app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(140, 44), run_before=open_story)
