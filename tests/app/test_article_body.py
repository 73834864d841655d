"""The article body as one line-API widget: wrapping, and mapping screen lines back to the body."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.geometry import Offset
from textual.selection import Selection

from tests.app.conftest import FakeIndex
from tui.app.screens.reader import ReaderScreen, _inside
from tui.app.widgets.article_lines import LABEL, wrap_ranges

SIZE = (160, 48)


def test_wrap_ranges_cut_between_words_and_drop_the_space_at_the_cut() -> None:
    text = "satu dua tiga empat"
    assert [text[a:b] for a, b in wrap_ranges(text, 9)] == ["satu dua", "tiga", "empat"]


def test_wrap_ranges_end_a_line_at_a_hard_line_break() -> None:
    text = "baris satu\nbaris dua"
    assert [text[a:b] for a, b in wrap_ranges(text, 80)] == ["baris satu", "baris dua"]


@given(st.text(alphabet=st.sampled_from("ab \n\u4e2d-"), max_size=200), st.integers(1, 30))
def test_wrapped_lines_fit_the_width_keep_text_order_and_lose_only_white_space(text: str, width: int) -> None:
    ranges = wrap_ranges(text, width)
    at = 0
    for start, end in ranges:
        assert at <= start <= end <= len(text)
        assert not text[at:start].strip()  # only white space (or line breaks) between lines
        assert cell_len(text[start:end]) <= max(width, 2)  # a wide character alone may overflow 1 cell
        at = end
    assert not text[at:].strip()


async def test_enter_on_the_article_being_read_keeps_the_quote_cursor_and_chooses_its_speaker(
    make_app, settle
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        screen: ReaderScreen = app.screen
        assert app.focused is screen.sources
        await pilot.press("full_stop")
        quote = screen.article_view.quote_at_cursor
        assert quote is not None and quote.speaker_id
        await pilot.press("enter")
        await settle(pilot, app)
        assert screen.article_view.quote_at_cursor is quote
        assert screen.article_view.chosen is not None and screen.article_view.chosen.id == quote.speaker_id
        assert app.focused is screen.article_view


async def test_a_selection_on_a_speaker_line_starts_at_its_paragraph(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        view = app.screen.article_view
        quote = view.quotes[0]
        number = next(n for n, (a, b) in enumerate(view._ranges) if a <= quote.start < b)
        speaker_line = view.line_of(view._starts[number]) - 1
        assert view.lines.lines[speaker_line].kind == LABEL  # the speaker line above it
        span = view.span_of_selection(Selection(Offset(3, speaker_line), Offset(5, speaker_line + 1)))
        assert span == (view._starts[number], view._starts[number] + 5)
        assert view.get_selection(Selection(Offset(3, speaker_line), Offset(5, speaker_line + 1))) == (
            app.screen.current.article.body[view._starts[number] : view._starts[number] + 5],
            "\n",
        )


async def test_at_80_columns_the_side_panel_takes_the_source_lists_place(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        screen: ReaderScreen = app.screen
        assert not screen.panel.display and screen.sources.display
        await pilot.press("s")
        await settle(pilot, app)
        assert screen.panel.display and not screen.sources.display
        assert app.focused is screen.panel
        await pilot.press("n")  # the list is hidden, not gone: n still walks it
        await settle(pilot, app)
        assert screen.sources.position(screen.current.article.id) == 1
        await pilot.press("s")
        await settle(pilot, app)
        assert not screen.panel.display and screen.sources.display


async def test_a_returning_reader_gets_the_last_article_before_the_library_is_listed(
    make_app, settle
) -> None:
    index = FakeIndex()  # one index for both runs, as the user's cache is
    first = make_app(index)
    async with first.run_test(size=SIZE) as pilot:
        await settle(pilot, first)
        await pilot.press("n", "n")
        await settle(pilot, first)
        chosen = first.screen.current.article.id
        await pilot.press("q")
    again = make_app(index)
    async with again.run_test(size=SIZE) as pilot:
        screen: ReaderScreen = again.screen
        assert screen.current is not None and screen.current.article.id == chosen  # before any listing
        await settle(pilot, again)
        assert screen.sources.highlighted_article() == chosen
        assert screen.sources.position(chosen) == 2
        assert again.state.is_read(chosen)


def test_the_last_article_is_reopened_first_only_inside_the_opened_paths(tmp_path) -> None:
    folder = tmp_path / "lib"
    (folder / "sub").mkdir(parents=True)
    inside, outside = folder / "sub" / "a.txt", tmp_path / "libx" / "b.txt"
    assert _inside(str(inside), [folder])
    assert _inside(str(inside), [inside])
    assert not _inside(str(outside), [folder])  # a sibling whose name starts the same is not inside


async def test_turning_the_page_lays_out_no_pane(make_app, settle, monkeypatch) -> None:
    """A new article changes the pane's scrollable height, the side panel's options and the status
    line, never a widget's size: no screen layout (which would repaint every pane) may follow."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        screen: ReaderScreen = app.screen
        layouts: list[bool] = []
        original = type(screen)._refresh_layout

        def counted(self, *args, **kwargs) -> None:
            layouts.append(True)
            original(self, *args, **kwargs)

        monkeypatch.setattr(type(screen), "_refresh_layout", counted)
        heights = set()
        for _ in range(4):
            await pilot.press("n")
            await settle(pilot, app)  # the side panel is emptied, then filled: both without a layout
            heights.add(screen.article_view.virtual_size.height)
        assert len(heights) > 1  # the articles did differ in length
        assert layouts == []


async def test_a_narrower_pane_rewraps_and_keeps_the_paragraph_being_read_at_the_top(
    make_app, settle
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        view = app.screen.article_view
        start = view._starts[3]
        view.scroll_to(y=view.line_of(start), animate=False, immediate=True)
        await pilot.pause()
        wide_width, wide_height = view.lines.width, view.virtual_size.height
        await pilot.resize_terminal(110, 48)
        await settle(pilot, app)
        assert view.lines.width < wide_width
        assert view.virtual_size.height > wide_height  # narrower: more lines
        assert view.scroll_y == view.line_of(start)  # the same paragraph opens the pane
        assert all(
            len(line.plain) <= view.lines.width
            for n in range(view.paragraph_count)
            for line in view.painted_lines(n)
        )
