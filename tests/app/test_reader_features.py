"""Reader features beyond single keys: selection and copy, themes, notes, enter on a quote, progress."""

from __future__ import annotations

from textual.geometry import Offset
from textual.selection import Selection

from tui.app.screens.reader import ReaderScreen
from tui.app.widgets.entity_panel import PanelNote

SIZE = (160, 48)


async def test_mouse_selection_maps_to_body_offsets_and_ctrl_c_copies_the_text(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        screen: ReaderScreen = app.screen
        view = screen.article_view
        first, second = view._starts[0], view._starts[1]
        screen.selections = {
            view: Selection(Offset(4, view.line_of(first)), Offset(10, view.line_of(second)))
        }
        body = screen.current.article.body
        assert view.selected_span() == (first + 4, second + 10)
        await pilot.press("ctrl+c")
        assert app.clipboard == body[first + 4 : second + 10]


async def test_switching_to_a_light_theme_repaints_entities_with_its_colours(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        view = app.screen.article_view
        dark = view.lines.styles["person"]
        app.theme = "textual-light"
        await settle(pilot, app)
        assert view.lines.styles["person"] != dark
        painted = [line for n in range(view.paragraph_count) for line in view.painted_lines(n)]
        person_spans = {s.style for line in painted for s in line.spans}
        assert view.lines.styles["person"] in person_spans
        assert app.state.theme == "textual-light"


async def test_notes_section_shows_the_notes_it_is_given(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        panel = app.screen.panel
        assert str(panel.get_option("empty:notes").prompt).strip() == "no notes yet"
        panel.show_notes([PanelNote("n1", "Kutipan penting [bold]x[/]")])
        assert str(panel.get_option("note:n1").prompt) == "Kutipan penting [bold]x[/]"


async def test_enter_on_a_quote_chooses_its_speaker(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        app.screen.article_view.focus()
        await pilot.press("full_stop", "enter")
        await settle(pilot, app)
        assert app.screen.article_view.chosen.name == "Wahyu Hidayat"
        assert app.screen.panel.highlighted_option.id.startswith("entity:person-")


async def test_sync_progress_is_shown_in_the_status_line(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        app.screen.post_message(ReaderScreen.SyncProgress(120, 10_000))
        await pilot.pause()
        assert app.screen.status.message == "Indexing 120/10,000 files…"


async def test_the_real_index_opens_the_bundled_articles(settle, library) -> None:
    from tui.app.app import KabarApp

    app = KabarApp(paths=[library])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        screen = app.screen
        assert len(screen.sources.order) >= 5
        assert screen.current is not None
        shown = screen.article_view.headline_text
        title = screen.current.article.title
        assert shown == (title.strip() if title else shown)
        assert screen.status.message.startswith(f"{len(screen.sources.order)} articles from")


async def test_a_long_first_sync_lists_what_is_indexed_so_far(make_app, settle, tmp_path) -> None:
    from tests.app.conftest import FakeIndex

    index = FakeIndex()
    app = make_app(index=index)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        screen = app.screen
        more = tmp_path / "more"
        more.mkdir()
        (more / "baru-a.txt").write_text("Berita baru\nIsi berita baru.\n", encoding="utf-8")
        index.sync([more])  # the index grew while the reader's sync is still running
        screen._listed_at = float("-inf")
        screen.post_message(ReaderScreen.SyncProgress(1, 10))
        await settle(pilot, app)
        assert len(screen.sources.order) == 6
        assert any(screen.sources.row_text(a).endswith("Berita baru") for a in screen.sources.order)
