"""Article text is shown literally: markup, escape sequences, huge articles and endless lines
cannot break or inject into the screen."""

from __future__ import annotations

from pathlib import Path

from tui.app.printable import printable
from tui.app.screens.reader import ReaderScreen

SIZE = (120, 36)


def write_library(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def painted(view) -> str:
    """The characters the article pane paints on screen, line by line."""
    return " ".join(" ".join(view.render_line(y).text for y in range(view.size.height)).split())


def paragraphs(app) -> list[str]:
    view = app.screen.article_view
    return [view.paragraph_text(n) for n in range(view.paragraph_count)]


async def test_markup_like_text_is_shown_literally(make_app, settle, tmp_path: Path) -> None:
    text = (
        "Judul [bold red]x[/] dan [link=http://evil]klik[/link]\n"
        "Isi [b]tebal[/b] $accent [@click=app.quit]q[/].\n"
    )
    app = make_app(paths=[write_library(tmp_path / "lib", {"markup-a.txt": text})])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert (
            app.screen.article_view.headline_text == "Judul [bold red]x[/] dan [link=http://evil]klik[/link]"
        )
        assert paragraphs(app) == ["Isi [b]tebal[/b] $accent [@click=app.quit]q[/]."]
        row = app.screen.sources.row_text(app.screen.current.article.id)
        assert row.endswith("Judul [bold red]x[/] dan [link=http://evil]klik[/link]")
        assert "Judul [bold red]x[/] dan [link=http://evil]klik[/link]" in painted(app.screen.article_view)
        assert "Isi [b]tebal[/b] $accent [@click=app.quit]q[/]." in painted(app.screen.article_view)


async def test_escape_sequences_are_shown_as_visible_symbols_not_sent_to_the_terminal(
    make_app, settle, tmp_path: Path
) -> None:
    text = "Judul biasa\nAwal \x1b[2J\x1b]0;pwned\x07 akhir \u202eterbalik.\n"
    app = make_app(paths=[write_library(tmp_path / "lib", {"esc-a.txt": text})])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        shown = paragraphs(app)[0]
        assert shown == "Awal ␛[2J␛]0;pwned\ufffd akhir \ufffdterbalik."
        assert "Awal ␛[2J␛]0;pwned\ufffd akhir" in painted(app.screen.article_view)


def test_printable_keeps_every_offset() -> None:
    text = "a\x1b[31mb\x00c\td\u2066e\n"
    assert len(printable(text)) == len(text)
    assert printable(text) == "a␛[31mb\ufffdc d\ufffde\n"


async def test_a_20000_word_article_opens_and_scrolls_to_its_end(make_app, settle, tmp_path: Path) -> None:
    words = " ".join(f"kata{n}" for n in range(20_000))
    text = "Artikel sangat panjang\n" + "\n".join(words[i : i + 5_000] for i in range(0, len(words), 5_000))
    app = make_app(paths=[write_library(tmp_path / "lib", {"long-a.txt": text})])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert isinstance(app.screen, ReaderScreen)
        assert "".join(paragraphs(app)).count("kata") == 20_000
        app.screen.article_view.focus()
        await pilot.press("G")
        await settle(pilot, app)
        view = app.screen.article_view
        assert view.scroll_y == view.max_scroll_y > 1_000


async def test_a_line_with_no_spaces_wraps_instead_of_widening_the_screen(
    make_app, settle, tmp_path: Path
) -> None:
    endless = "x" * 30_000
    text = f"{'J' * 500}\n{endless}\n"
    app = make_app(paths=[write_library(tmp_path / "lib", {"wide-a.txt": text})])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        view = app.screen.article_view
        assert view.max_scroll_x == 0
        assert view.max_scroll_y > 200  # folded onto many lines
        assert app.screen.sources.max_scroll_x == 0
