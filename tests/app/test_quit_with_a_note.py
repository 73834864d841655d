"""Quitting while a note is being typed never loses it: ctrl+q asks to save, discard or keep editing."""

from __future__ import annotations

from textual.widgets import TextArea

from tui.annotations import AnnotationStore
from tui.app.screens.note_dialog import NoteDialog, UnsavedNoteDialog
from tui.app.screens.reader import ReaderScreen

SIZE = (160, 48)


def reader(app) -> ReaderScreen:
    return next(s for s in app.screen_stack if isinstance(s, ReaderScreen))


async def _typing_a_note(pilot, app, settle, text: str = "jangan hilang") -> None:
    await settle(pilot, app)
    await pilot.press("full_stop", "a")
    await settle(pilot, app)
    assert isinstance(app.screen, NoteDialog)
    await pilot.press(*text)


async def test_ctrl_q_while_typing_a_note_asks_instead_of_quitting(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _typing_a_note(pilot, app, settle)
        await pilot.press("ctrl+q")
        await settle(pilot, app)
        assert isinstance(app.screen, UnsavedNoteDialog)
        assert app.return_code is None  # still running
        await pilot.press("ctrl+q")  # a second ctrl+q is not an answer
        await settle(pilot, app)
        assert isinstance(app.screen, UnsavedNoteDialog)
        await pilot.press("escape")
        await settle(pilot, app)
        assert isinstance(app.screen, NoteDialog)
        assert app.screen.query_one(TextArea).text == "jangan hilang"


async def test_save_and_quit_stores_the_typed_note_then_exits(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _typing_a_note(pilot, app, settle)
        article = reader(app).current.article
        await pilot.press("ctrl+q")
        await settle(pilot, app)
        await pilot.press("s")
        await settle(pilot, app)
        assert app.return_code == 0
    notes = AnnotationStore(user="tester").load(article).annotations
    assert [p.annotation.note for p in notes] == ["jangan hilang"]


async def test_discard_and_quit_exits_without_storing_the_note(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _typing_a_note(pilot, app, settle)
        article = reader(app).current.article
        await pilot.press("ctrl+q")
        await settle(pilot, app)
        await pilot.press("d")
        await settle(pilot, app)
        assert app.return_code == 0
    assert AnnotationStore(user="tester").load(article).annotations == ()


async def test_ctrl_q_with_an_untouched_note_dialog_quits_at_once(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _typing_a_note(pilot, app, settle, text="")
        await pilot.press("ctrl+q")
        await settle(pilot, app)
        assert app.return_code == 0
