"""Snapshots of the main screen at two sizes and of the help screen, over the fixed test library."""

from __future__ import annotations

from textual.pilot import Pilot

from tui.app.screens.reader import ReaderScreen


async def _wait_for_article(pilot: Pilot) -> None:
    app = pilot.app
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, ReaderScreen) and app.screen.current is not None
    while app.screen.panel.fill_pending:  # the side panel is filled a moment after the article
        await pilot.pause(0.02)
    await pilot.pause()


async def _quote_and_entity(pilot: Pilot) -> None:
    await _wait_for_article(pilot)
    await pilot.press("full_stop", "e")
    await _wait_for_article(pilot)


def test_main_screen_at_160_by_48(make_app, snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=(160, 48), run_before=_quote_and_entity)


def test_main_screen_at_80_by_24(make_app, snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_wait_for_article)


def test_help_screen(make_app, snap_compare) -> None:
    async def open_help(pilot: Pilot) -> None:
        await _wait_for_article(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(100, 40), run_before=open_help)
