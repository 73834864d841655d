"""Pilot tests of notes in the reader: annotate a quote, highlight a selection, edit, delete,
broken files, orphans, the library-wide list; and unit tests of the pieces without a screen."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st
from textual.geometry import Offset
from textual.selection import Selection
from textual.widgets import DataTable, Input, TextArea

from tui.annotations import AnnotationStore, Speaker
from tui.annotations.model import Target
from tui.app.screens.annotations_list import AnnotationsScreen, NoteRow, filter_rows, parse_filter
from tui.app.screens.note_dialog import ConfirmDialog, NoteDialog, NoteDraft, parse_tags
from tui.app.screens.reader import ReaderScreen
from tui.app.screens.reader_notes import motivation_of, quote_in, speaker_of
from tui.app.text_selection import SENTENCE, WORD, TextSelection, sentence_at, step
from tui.app.widgets.selection_bar import SelectionBar
from tui.extract.model import Quote

SIZE = (160, 48)


def reader(app) -> ReaderScreen:
    return next(s for s in app.screen_stack if isinstance(s, ReaderScreen))


def note_rows(app) -> list[str]:
    panel = reader(app).panel
    return [str(o.prompt) for o in panel.options if (o.id or "").startswith("note:")]


def note_marks(app) -> list[tuple[int, int]]:
    return [(h.start, h.end) for h in reader(app).article_view._layers.get("notes", [])]


def stored(app):
    screen = reader(app)
    return AnnotationStore(user="tester").load(screen.current.article)


async def test_note_on_a_quote_is_saved_and_shown_again_after_a_restart(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("full_stop")
        quote = reader(app).article_view.quote_at_cursor
        article_id = reader(app).current.article.id
        await pilot.press("a")
        await settle(pilot, app)
        assert isinstance(app.screen, NoteDialog)
        assert isinstance(app.focused, TextArea)
        await pilot.press(*"lokasi jauh", "tab", *"retret, lokasi", "ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("q")
    restarted = make_app()
    async with restarted.run_test(size=SIZE) as pilot:
        await settle(pilot, restarted)
        assert reader(restarted).current.article.id == article_id  # the last article reopens
        assert note_rows(restarted) == [f"lokasi jauh · “{' '.join(quote.text.split()[:8])} …”"]
        assert note_marks(restarted) == [(quote.start, quote.end)]
        (placed,) = stored(restarted).annotations
        assert placed.annotation.tags == ("retret", "lokasi")
        assert placed.annotation.speaker == Speaker(extracted=quote.speaker)
        assert placed.annotation.motivation == "commenting"


async def test_v_j_then_h_highlights_two_sentences_and_leaves_selection_mode(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        body = reader(app).current.article.body
        await pilot.press("v")
        assert isinstance(app.focused, SelectionBar)
        first = reader(app)._selection
        await pilot.press("j")
        second = reader(app)._selection
        assert second.start == first.start and second.end > first.end
        assert second == step(body, first, SENTENCE, 1)
        await pilot.press("h")
        await settle(pilot, app)
        assert not app.screen.query(SelectionBar)
        (placed,) = stored(app).annotations
        assert placed.annotation.motivation == "highlighting"
        assert placed.annotation.exact == body[second.start : second.end]
        assert note_marks(app) == [(second.start, second.end)]


async def test_escape_leaves_selection_mode_without_saving(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("v", "w", "escape")
        await settle(pilot, app)
        assert reader(app)._selection is None and not app.screen.query(SelectionBar)
        assert stored(app).annotations == ()


async def test_a_on_a_keyboard_selection_opens_the_dialog_with_that_passage(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("v", "w", "w", "a")
        await settle(pilot, app)
        assert isinstance(app.screen, NoteDialog)
        selection = reader(app)._selection
        body = reader(app).current.article.body
        await pilot.press(*"cek angka", "ctrl+s")
        await settle(pilot, app)
        (placed,) = stored(app).annotations
        assert placed.annotation.exact == body[selection.start : selection.end]
        assert placed.annotation.note == "cek angka"


async def test_a_with_nothing_chosen_explains_what_to_do(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("a")
        await settle(pilot, app)
        assert isinstance(app.screen, ReaderScreen)
        assert any("select a passage" in str(n.message) for n in app._notifications)


async def test_escape_in_the_note_dialog_asks_before_discarding_typed_text(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("full_stop", "a")
        await settle(pilot, app)
        await pilot.press(*"draft", "escape")
        await settle(pilot, app)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await settle(pilot, app)
        assert isinstance(app.screen, NoteDialog)
        assert app.screen.query_one(TextArea).text == "draft"
        await pilot.press("escape", "y")
        await settle(pilot, app)
        assert isinstance(app.screen, ReaderScreen)
        assert stored(app).annotations == ()


def _add_note(app, note: str, tags: tuple[str, ...] = (), *, quote_number: int = 0) -> str:
    screen = reader(app)
    quote = screen.article_view.quotes[quote_number]
    added = AnnotationStore(user="tester").add(
        screen.current.article, quote.start, quote.end, note=note, tags=tags, speaker=Speaker(quote.speaker)
    )
    screen.reload_notes()
    return added.id


async def test_delete_asks_first_and_n_keeps_the_note(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        _add_note(app, "keep me")
        await settle(pilot, app)
        await pilot.press("N", "D")
        await settle(pilot, app)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await settle(pilot, app)
        assert len(stored(app).annotations) == 1
        await pilot.press("D", "y")
        await settle(pilot, app)
        assert stored(app).annotations == ()
        assert note_rows(app) == []


async def test_enter_on_a_note_edits_it_and_a_changed_speaker_is_kept_as_correction(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        note_id = _add_note(app, "first")
        await settle(pilot, app)
        panel = reader(app).panel
        panel.focus()
        panel.highlighted = panel.get_option_index(f"note:{note_id}")
        await pilot.press("enter")
        await settle(pilot, app)
        dialog = app.screen
        assert isinstance(dialog, NoteDialog)
        assert dialog.query_one(TextArea).text == "first"
        extracted = dialog.query_one("#note-speaker", Input).value
        dialog.query_one("#note-speaker", Input).value = "Sutiaji"
        await pilot.press("end", *" and second", "ctrl+s")
        await settle(pilot, app)
        (placed,) = stored(app).annotations
        assert placed.annotation.note == "first and second"
        assert placed.annotation.speaker == Speaker(extracted=extracted, corrected="Sutiaji")


async def test_broken_annotations_file_is_reported_left_as_is_and_refuses_new_notes(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        path = AnnotationStore(user="tester").path_for(reader(app).current.article)
        path.parent.mkdir(parents=True, exist_ok=True)
        broken = b"schema: 1\nannotations: [unclosed\n"
        path.write_bytes(broken)
        reader(app).reload_notes()
        await settle(pilot, app)
        assert any(str(path) in str(n.message) for n in app._notifications)
        await pilot.press("full_stop", "a")
        await settle(pilot, app)
        assert isinstance(app.screen, ReaderScreen)  # no dialog: it could not be saved
        assert path.read_bytes() == broken


async def test_orphaned_note_is_listed_with_its_stored_text(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        article = reader(app).current.article
        elsewhere = "Kalimat yang sudah dihapus dari berita ini oleh redaksi."
        store = AnnotationStore(user="tester")
        first = store.add(article, 0, 10, note="lost")
        store.put(article, replace(first, target=Target.from_span(elsewhere, 0, len(elsewhere))))
        reader(app).reload_notes()
        await settle(pilot, app)
        assert note_rows(app) == ["⚠ orphan lost · “Kalimat yang sudah dihapus dari berita ini oleh …”"]
        assert note_marks(app) == []
        await pilot.press("N")
        assert "orphaned" in reader(app).status.message


async def test_the_library_list_filters_by_tag_and_enter_opens_the_note(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        _add_note(app, "tentang lokasi", ("lokasi",))
        await pilot.press("n")
        await settle(pilot, app)
        second_article = reader(app).current.article.id
        wanted = _add_note(app, "soal anggaran", ("anggaran",))
        await pilot.press("n")
        await settle(pilot, app)
        await pilot.press("L")
        await settle(pilot, app)
        listing = app.screen
        assert isinstance(listing, AnnotationsScreen)
        assert len(listing.rows) == 2
        await pilot.press(*"tag:anggaran")
        assert [r.annotation_id for r in listing.shown] == [wanted]
        assert listing.query_one(DataTable).row_count == 1
        await pilot.press("enter", "enter")
        await settle(pilot, app)
        assert isinstance(app.screen, ReaderScreen)
        assert reader(app).current.article.id == second_article
        assert reader(app).status.message.startswith("Note 1/1 · soal anggaran")


# -- the pieces, without a screen --------------------------------------------------------------

BODY = 'Wali Kota hadir. Dia berkata "Kami siap." Lalu pulang.\nParagraf dua, Rp 1.500 juta. Selesai!'


def test_sentence_at_ignores_a_dot_inside_a_number() -> None:
    selection = sentence_at(BODY, BODY.index("Rp"))
    assert selection.text(BODY) == "Paragraf dua, Rp 1.500 juta."


def test_sentence_step_takes_the_closing_quote_mark_along() -> None:
    first = sentence_at(BODY, 0)
    assert step(BODY, first, SENTENCE, 1).text(BODY) == 'Wali Kota hadir. Dia berkata "Kami siap."'


def test_word_step_back_never_empties_the_selection() -> None:
    first = sentence_at(BODY, 0)
    shrunk = step(BODY, first, WORD, -10)
    assert shrunk.text(BODY) == "Wali"


def test_moving_the_start_past_the_end_carries_the_selection_along() -> None:
    first = sentence_at(BODY, 0)
    moved = step(BODY, first, SENTENCE, 2, move_start=True)
    assert moved.text(BODY) == "Lalu pulang."


@given(
    st.text(alphabet="ab .!?\n”", max_size=80),
    st.integers(0, 100),
    st.sampled_from([SENTENCE, WORD]),
    st.integers(-4, 4),
    st.booleans(),
)
def test_a_step_always_gives_a_non_empty_span_inside_the_body(body, at, unit, count, move_start) -> None:
    selection = sentence_at(body, at)
    if selection is None:
        assert not body.strip()
        return
    assert 0 <= selection.start < selection.end <= len(body)
    moved = step(body, selection, unit, count, move_start=move_start)
    assert 0 <= moved.start < moved.end <= len(body)


def test_tags_are_split_on_commas_without_hashes_or_repeats() -> None:
    assert parse_tags(" #retret, data  sensus,Retret,, ") == ("retret", "data sensus")


def test_a_typed_speaker_that_differs_is_stored_as_correction() -> None:
    assert speaker_of("Wahyu", "Wahyu") == Speaker(extracted="Wahyu")
    assert speaker_of("Wahyu", "Sutiaji") == Speaker(extracted="Wahyu", corrected="Sutiaji")
    assert speaker_of(None, None) is None


def test_motivation_follows_what_was_typed() -> None:
    assert motivation_of(NoteDraft("x", (), None)) == "commenting"
    assert motivation_of(NoteDraft(" ", ("t",), None)) == "tagging"
    assert motivation_of(NoteDraft("", (), None)) == "highlighting"


def test_a_span_inside_a_quote_belongs_to_it() -> None:
    quote = Quote("Kami siap.", 30, 40, speaker="Dia")
    assert quote_in([quote], 32, 36) is quote
    assert quote_in([quote], 0, 10) is None


def _row(**fields: object) -> NoteRow:
    base = dict(
        annotation_id="1",
        article_id="a",
        outlet="Lentera",
        title="Retret ASN",
        speaker="Wahyu Hidayat",
        tags=("retret",),
        user="ana",
        anchor="exact",
        note="cek tanggal",
        quote="15-17 Mei",
        modified="2025-05-17T00:00:00Z",
    )
    base.update(fields)
    return NoteRow(**base)  # type: ignore[arg-type]


def test_filter_fields_and_words_all_have_to_match() -> None:
    rows = [_row(), _row(annotation_id="2", speaker="Zudan", tags=("bkn",), note="angka peserta")]
    assert [r.annotation_id for r in filter_rows(rows, "speaker:wahyu")] == ["1"]
    assert [r.annotation_id for r in filter_rows(rows, "tag:bkn peserta")] == ["2"]
    assert [r.annotation_id for r in filter_rows(rows, "tag:ret")] == []  # a tag matches whole
    assert [r.annotation_id for r in filter_rows(rows, "outlet:lent user:an")] == ["1", "2"]


def test_filter_with_an_unbalanced_quote_is_read_as_words() -> None:
    assert parse_filter('speaker:"Wahyu').fields == (("speaker", '"wahyu'),)


def test_text_selection_text_is_the_body_slice() -> None:
    assert TextSelection(0, 4).text(BODY) == "Wali"


def test_note_dialog_snapshot(make_app, snap_compare) -> None:
    async def open_dialog(pilot) -> None:
        app = pilot.app
        for _ in range(3):
            await pilot.pause()
            await app.workers.wait_for_complete()
        while reader(app).panel.fill_pending:
            await pilot.pause(0.02)
        await pilot.press("full_stop", "a")
        await pilot.pause()
        await pilot.press(*"Lokasi retret", "tab", *"retret, lokasi")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(120, 36), run_before=open_dialog)


async def test_an_orphan_is_reattached_to_the_keyboard_selection_with_ctrl_r(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        article = reader(app).current.article
        elsewhere = "Kalimat yang sudah dihapus dari berita ini oleh redaksi."
        store = AnnotationStore(user="tester")
        first = store.add(article, 0, 10, note="lost")
        store.put(article, replace(first, target=Target.from_span(elsewhere, 0, len(elsewhere))))
        reader(app).reload_notes()
        await settle(pilot, app)
        await pilot.press("N", "v")
        selection = reader(app)._selection
        await pilot.press("ctrl+r")
        await settle(pilot, app)
        (placed,) = stored(app).annotations
        assert placed.anchor.status.value == "exact"
        assert (placed.anchor.start, placed.anchor.end) == (selection.start, selection.end)
        assert placed.annotation.note == "lost"


async def test_h_highlights_a_mouse_selection(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        screen = reader(app)
        view = screen.article_view
        start = view._starts[0]
        line = view.line_of(start)
        screen.selections = {view: Selection(Offset(0, line), Offset(10, line))}
        await pilot.press("h")
        await settle(pilot, app)
        (placed,) = stored(app).annotations
        body = screen.current.article.body
        assert placed.annotation.exact == body[start : start + 10]


NEW_READER_ACTIONS = (
    "annotate",
    "highlight",
    "select",
    "next_note",
    "edit_note",
    "delete_note",
    "reattach_note",
    "list_annotations",
    "story",
    "next_report",
    "previous_report",
    "split_view",
)


async def test_every_note_and_story_action_is_in_the_palette_and_remappable(
    make_app, settle, tmp_path
) -> None:
    from tui.app.commands import KabarCommands
    from tui.app.keys import spec_by_id

    keymap = tmp_path / "keymap.yaml"
    keymap.write_text('annotate: "ctrl+o"\n', encoding="utf-8")
    app = make_app(keymap_path=keymap)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        provider = KabarCommands(app.screen)
        listed = {spec.id for _label, spec in provider._commands()}
        assert set(NEW_READER_ACTIONS) <= listed
        labels = dict((spec.id, label) for label, spec in provider._commands())
        assert labels["annotate"].endswith("(^o)")  # the remapped key, as Textual shows it
        assert spec_by_id("annotate").description in labels["annotate"]
        await pilot.press("full_stop", "ctrl+o")
        await settle(pilot, app)
        assert isinstance(app.screen, NoteDialog)  # the remapped key opens the dialog
