"""The reader's notes (issue 5): annotate a quote or a selection, highlight, list, edit, delete.

`NotesActions` is mixed into ReaderScreen, so the reader file only names it. Every write goes
through the AnnotationStore (lock, re-read, merge by id, atomic replace) and runs on the UI thread
on purpose: a save takes milliseconds, and the dialog closes only once the note is on disk, so
quitting right after ctrl+s can never lose it. Loading and placing the notes runs in a worker.

The annotations package and the dialogs are imported where they are first used, not here: the
reader screen imports this module, and those imports would delay the first article by ~0.1 s.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual import work

from tui.app.printable import one_line
from tui.app.text_selection import TextSelection, sentence_at, step
from tui.app.widgets.article_view import Highlight, quote_pieces
from tui.app.widgets.entity_panel import EntityPanel, PanelNote
from tui.app.widgets.selection_bar import SelectionBar
from tui.extract.model import Quote
from tui.library.article import Article

if TYPE_CHECKING:
    from tui.annotations import AnchoredAnnotation, AnnotationStore, LoadResult, Speaker
    from tui.app.screens.annotations_list import NoteRow
    from tui.app.screens.note_dialog import NoteDraft

NOTE_LAYER = "notes"
SELECTION_LAYER = "selection"
LABEL_WORDS = 8
STATUS_MARK = {"moved": "moved ", "fuzzy": "≈ fuzzy ", "orphan": "⚠ orphan "}  # by AnchorStatus value


def note_label(placed: AnchoredAnnotation) -> str:
    """One line for the Notes section: anchor status (when not exact), note or kind, quoted words."""
    annotation = placed.annotation
    words = annotation.exact.split()
    quoted = " ".join(words[:LABEL_WORDS]) + (" …" if len(words) > LABEL_WORDS else "")
    text = annotation.note.split("\n", 1)[0].strip() if annotation.note.strip() else ""
    if not text:
        text = "#" + " #".join(annotation.tags) if annotation.tags else annotation.motivation
    return f"{STATUS_MARK.get(placed.anchor.status.value, '')}{text} · “{quoted}”"


def speaker_of(extracted: str | None, typed: str | None) -> Speaker | None:
    """The speaker to store: the extracted name, and the typed one as a correction when it differs."""
    from tui.annotations import Speaker

    corrected = typed if typed and typed != extracted else None
    if not extracted and not corrected:
        return None
    return Speaker(extracted=extracted or None, corrected=corrected)


def motivation_of(draft: NoteDraft) -> str:
    """W3C motivation: a note comments, bare tags tag, nothing at all only highlights."""
    if draft.note.strip():
        return "commenting"
    return "tagging" if draft.tags else "highlighting"


def quote_in(quotes: list[Quote], start: int, end: int) -> Quote | None:
    """The quote a span is about: one it lies inside, or one it covers whole."""
    for quote in quotes:
        if quote.start <= start and end <= quote.end or start <= quote.start and quote.end <= end:
            return quote
    return None


@dataclass(frozen=True, slots=True)
class PendingNote:
    """A note to show once its article is on screen (chosen in the library-wide list)."""

    article_id: str
    annotation_id: str


class NotesActions:
    """Mixed into ReaderScreen (which provides article_view, panel, status, current, open_article,
    wait_until_listed)."""

    _notes: LoadResult | None = None
    _notes_article: str | None = None
    _note_cursor: str | None = None
    _selection: TextSelection | None = None
    _pending_note: PendingNote | None = None
    _store: AnnotationStore | None = None

    # -- the store and the current article's notes --------------------------------------------

    def annotation_store(self) -> AnnotationStore:
        if self._store is None:
            from tui.annotations import AnnotationStore

            self._store = AnnotationStore(user=self.app.user)
        return self._store

    def on_reader_screen_article_shown(self, event: Any) -> None:
        self._end_selection()
        self._note_cursor = None
        self._notes, self._notes_article = None, event.article_id
        self.panel.show_notes([])
        # after the article is painted: the worker's thread would compete with that frame for the GIL
        self.call_after_refresh(self._load_notes_of, event.article_id)

    def _load_notes_of(self, article_id: str) -> None:
        if self.current is not None and self.current.article.id == article_id:
            self._load_notes(self.current.article)  # else another article followed: its own call loads

    def reload_notes(self) -> None:
        if self.current is not None:
            self._load_notes(self.current.article)

    @work(thread=True, exclusive=True, group="notes", exit_on_error=False)
    def _load_notes(self, article: Article) -> None:
        # the first article's notes wait for the first frames: importing the store (YAML, file
        # locks) in this thread would take the GIL from them
        self.wait_until_listed()
        result = self.annotation_store().load(article)
        self.app.call_from_thread(self._notes_loaded, article.id, result)

    def _notes_loaded(self, article_id: str, result: LoadResult) -> None:
        if self.current is None or self.current.article.id != article_id:
            return  # the reader moved on meanwhile
        first_time = self._notes is None or self._notes.error != result.error
        self._notes = result
        found = [p for p in result.annotations if p.anchor.found]
        marks = [Highlight(p.anchor.start, p.anchor.end, "note") for p in found]  # type: ignore[arg-type]
        self.article_view.set_layer(NOTE_LAYER, marks)
        self.panel.show_notes([PanelNote(p.annotation.id, note_label(p)) for p in result.annotations])
        if result.error and first_time:
            self.notify(
                f"{one_line(result.error)[:300]} · this article's notes cannot be changed until it is fixed",
                title="Broken annotations file",
                severity="error",
                timeout=15,
            )
        pending = self._pending_note
        if pending is not None and pending.article_id == article_id:
            self._pending_note = None
            self._jump_to_note(pending.annotation_id)

    def _placed(self, annotation_id: str | None) -> AnchoredAnnotation | None:
        if self._notes is None or annotation_id is None:
            return None
        return next((p for p in self._notes.annotations if p.annotation.id == annotation_id), None)

    def _jump_to_note(self, annotation_id: str) -> None:
        placed = self._placed(annotation_id)
        if placed is None or self._notes is None:
            return
        self._note_cursor = annotation_id
        self.panel.ensure_filled()
        option_id = f"note:{annotation_id}"
        if option_id in {o.id for o in self.panel.options}:
            self.panel.highlighted = self.panel.get_option_index(option_id)
        number = self._notes.annotations.index(placed) + 1
        where = f"Note {number}/{len(self._notes.annotations)}"
        if placed.anchor.found:
            self.article_view.focus_span(placed.anchor.start, placed.anchor.end)  # type: ignore[arg-type]
            self.status.say(f"{where} · {note_label(placed)} · A edit · D delete")
        else:
            self.status.say(
                f"{where} · orphaned: its passage is no longer in the article: "
                f"“{placed.annotation.exact[:80]}”"
                " · D delete · select the passage and ctrl+r to re-attach"
            )

    def _refuse_if_broken(self) -> bool:
        if self.current is None:
            self.notify("Open an article first")
            return True
        if self._notes is not None and self._notes.error:
            self.notify(
                f"Not saved: {one_line(self._notes.error)[:300]} (fix or move that file first)",
                severity="error",
                timeout=15,
            )
            return True
        return False

    def _write(self, what: str, change: Callable[[], Any]) -> str | None:
        """Run one store change; None when done, else the error for the user (also notified)."""
        from tui.annotations import AnnotationError, ModelError

        try:
            change()
        except (AnnotationError, ModelError, OSError) as error:
            message = f"Cannot {what}: {one_line(str(error))[:300]}"
            self.notify(message, severity="error", timeout=15)
            return message
        self.reload_notes()
        return None

    # -- the span to annotate -----------------------------------------------------------------

    def _span_to_annotate(self, *, quote_ok: bool = True) -> tuple[int, int] | None:
        """The keyboard selection, else the mouse selection, else the quote under the cursor."""
        if self._selection is not None:
            return self._selection.start, self._selection.end
        mouse = self.article_view.selected_span()
        if mouse is not None:
            return mouse
        quote = self.article_view.quote_at_cursor
        if quote_ok and quote is not None:
            return quote.start, quote.end
        return None

    def action_annotate(self) -> None:
        if self._refuse_if_broken():
            return
        span = self._span_to_annotate()
        if span is None:
            self.notify(
                "Put the cursor on a quote (. or ,) or select a passage (v, or the mouse), then press a"
            )
            return
        article = self.current.article
        start, end = span
        quote = quote_in(self.article_view.quotes, start, end)
        extracted = quote.speaker if quote is not None else None

        def save(draft: NoteDraft) -> str | None:
            return self._write(
                "save the note",
                lambda: self.annotation_store().add(
                    article,
                    start,
                    end,
                    note=draft.note,
                    tags=draft.tags,
                    motivation=motivation_of(draft),
                    speaker=speaker_of(extracted, draft.speaker),
                ),
            )

        def closed(saved: bool | None) -> None:
            if saved:
                self._end_selection()
                self.status.say("Note saved")

        from tui.app.screens.note_dialog import NoteDialog

        title = f"Note on {'a quote by ' + extracted if extracted else 'a passage'}"
        self.app.push_screen(NoteDialog(title, article.body[start:end], save, speaker=extracted), closed)

    def action_highlight(self) -> None:
        if self._refuse_if_broken():
            return
        span = self._span_to_annotate()
        if span is None:
            self.notify("Select a passage first: v (then j/k/w/b), or drag with the mouse")
            return
        article = self.current.article
        quote = quote_in(self.article_view.quotes, *span)
        speaker = speaker_of(quote.speaker if quote else None, None)
        error = self._write(
            "highlight",
            lambda: self.annotation_store().add(article, *span, motivation="highlighting", speaker=speaker),
        )
        if error is None:
            self._end_selection()
            words = len(article.body[span[0] : span[1]].split())
            self.status.say(f"Highlighted {words} word{'s' if words != 1 else ''}")

    # -- keyboard selection -------------------------------------------------------------------

    def action_start_selection(self) -> None:
        if self.current is None:
            return
        body = self.current.article.body
        mouse = self.article_view.selected_span()
        quote = self.article_view.quote_at_cursor
        if mouse is not None:
            selection: TextSelection | None = TextSelection(*mouse)
        elif quote is not None:
            selection = TextSelection(quote.start, quote.end)
        else:
            first_visible = getattr(self.article_view, "_first_visible_offset", lambda: 0)()
            selection = sentence_at(body, first_visible)
        if selection is None:
            self.notify("Nothing to select in this article")
            return
        if self._selection is None:
            bar = SelectionBar(id="selection-bar")
            self.mount(bar, before=self.status)
            bar.focus()
        self._set_selection(selection)

    def _selection_bar(self) -> SelectionBar | None:
        found = self.query(SelectionBar)
        return found.first() if found else None

    def _set_selection(self, selection: TextSelection) -> None:
        self._selection = selection
        self.article_view.set_layer(SELECTION_LAYER, [Highlight(selection.start, selection.end, "selection")])
        bar = self._selection_bar()
        if bar is not None and self.current is not None:
            bar.show_selection(selection.text(self.current.article.body))

    def on_selection_bar_moved(self, event: SelectionBar.Moved) -> None:
        if self._selection is None or self.current is None:
            return
        moved = step(
            self.current.article.body, self._selection, event.unit, event.count, move_start=event.move_start
        )
        self._set_selection(moved)
        self.article_view.scroll_to_offset(
            moved.start if event.move_start else max(moved.start, moved.end - 1)
        )

    def on_selection_bar_cancelled(self, event: SelectionBar.Cancelled) -> None:
        self._end_selection()

    def _end_selection(self) -> None:
        if self._selection is None:
            return
        self._selection = None
        self.article_view.set_layer(SELECTION_LAYER, [])
        bar = self._selection_bar()
        if bar is not None:
            bar.remove()
            self.article_view.focus()

    # -- moving between, editing and deleting notes ------------------------------------------------

    def action_next_note(self) -> None:
        if self._notes is None or not self._notes.annotations:
            self.notify("No notes in this article yet (a on a quote, or v to select a passage)")
            return
        notes = self._notes.annotations
        at = next((i for i, p in enumerate(notes) if p.annotation.id == self._note_cursor), -1)
        self._jump_to_note(notes[(at + 1) % len(notes)].annotation.id)

    def _target_note(self) -> AnchoredAnnotation | None:
        """The note `A`, `D` and ctrl+r act on: chosen in the Notes section, else the last one
        jumped to, else the one on the quote under the cursor."""
        self.panel.ensure_filled()
        option = self.panel.highlighted_option
        if self.focused is self.panel and option is not None and (option.id or "").startswith("note:"):
            return self._placed(option.id.removeprefix("note:"))
        placed = self._placed(self._note_cursor)
        if placed is not None:
            return placed
        quote = self.article_view.quote_at_cursor
        if quote is not None and self._notes is not None:
            pieces = quote_pieces(quote)
            for p in self._notes.annotations:
                if p.anchor.found and any(p.anchor.start < b and a < p.anchor.end for a, b in pieces):  # type: ignore[operator]
                    return p
        return None

    def on_entity_panel_note_chosen(self, event: EntityPanel.NoteChosen) -> None:
        self._jump_to_note(event.note_id)
        self.action_edit_note()

    def _note_to_change(self) -> AnchoredAnnotation | None:
        """The note an edit or delete acts on, or None (with the reason said) when there is none
        or this article's annotation file is broken."""
        placed = self._target_note()
        if placed is None:
            self.notify("Choose a note first: N jumps to the next one, or pick it in the Notes section")
            return None
        if self._refuse_if_broken():
            return None
        return placed

    def action_edit_note(self) -> None:
        placed = self._note_to_change()
        if placed is None:
            return
        article, annotation = self.current.article, placed.annotation
        extracted = annotation.speaker.extracted if annotation.speaker else None

        def save(draft: NoteDraft) -> str | None:
            changes: dict[str, Any] = {
                "note": draft.note,
                "tags": draft.tags,
                "speaker": speaker_of(extracted, draft.speaker),
            }
            if annotation.motivation in ("commenting", "tagging", "highlighting"):
                changes["motivation"] = motivation_of(draft)  # a highlight given a note becomes a comment
            return self._write(
                "save the note", lambda: self.annotation_store().update(article, annotation, **changes)
            )

        from tui.app.screens.note_dialog import NoteDialog

        speaker = annotation.speaker.name if annotation.speaker else None
        status = "" if placed.anchor.status.value == "exact" else f" ({placed.anchor.status.value})"
        dialog = NoteDialog(
            f"Edit note{status}",
            annotation.exact,
            save,
            note=annotation.note,
            tags=annotation.tags,
            speaker=speaker,
        )
        self.app.push_screen(dialog, lambda saved: self.status.say("Note saved") if saved else None)

    def action_delete_note(self) -> None:
        placed = self._note_to_change()
        if placed is None:
            return
        article, annotation = self.current.article, placed.annotation
        words = annotation.exact.split()
        quoted = " ".join(words[:12]) + (" …" if len(words) > 12 else "")
        label = f"note “{annotation.note[:60]}”" if annotation.note.strip() else annotation.motivation

        def answered(yes: bool | None) -> None:
            if (
                yes
                and self._write("delete", lambda: self.annotation_store().delete(article, annotation.id))
                is None
            ):
                self._note_cursor = None
                self.status.say("Note deleted")

        from tui.app.screens.note_dialog import ConfirmDialog

        self.app.push_screen(ConfirmDialog(f"Delete this {label} on “{quoted}”?", yes="Delete"), answered)

    def action_reattach_note(self) -> None:
        placed = self._target_note()
        span = self._span_to_annotate(quote_ok=False)
        if placed is None or span is None:
            self.notify(
                "Choose the note (N or the Notes section), select its passage (v or the mouse), then ctrl+r"
            )
            return
        if self._refuse_if_broken():
            return
        article, annotation = self.current.article, placed.annotation
        if (
            self._write("re-attach", lambda: self.annotation_store().reattach(article, annotation, *span))
            is None
        ):
            self._end_selection()
            self.status.say("Note re-attached to the selection")

    # -- every note in the library ------------------------------------------------------------

    def action_list_annotations(self) -> None:
        from tui.app.screens.annotations_list import AnnotationsScreen

        def chosen(choice: tuple[str, str] | None) -> None:
            if not choice:
                return
            article_id, annotation_id = choice
            if self.current is not None and self.current.article.id == article_id:
                self._jump_to_note(annotation_id)
            else:
                self._pending_note = PendingNote(article_id, annotation_id)
                self.open_article(article_id)

        self.app.push_screen(AnnotationsScreen(self._library_notes), chosen)

    def _library_notes(self) -> tuple[list[NoteRow], list[str]]:
        """Every user's notes, each matched to an article of this library (run in a worker)."""
        from tui.annotations.store import resolved_path
        from tui.app.screens.annotations_list import rows_from_listing

        store = self.annotation_store()
        first = store.all()
        wanted = {e.stored_article for e in first.entries if e.stored_article is not None}
        by_place = {}
        for article_id in list(self.sources.order):
            summary = self.sources.summary(article_id)
            if summary is not None:
                by_place[(resolved_path(summary.file), summary.story)] = article_id
        ids = set()
        for ref in wanted:
            if self.sources.summary(ref.id) is not None:
                ids.add(ref.id)
            elif (resolved_path(ref.path), ref.story) in by_place:
                ids.add(by_place[(resolved_path(ref.path), ref.story)])
        index = self.app.library()
        articles = []
        for article_id in sorted(ids):
            try:
                articles.append(index.article(article_id))
            except Exception:  # gone from the index meanwhile: listed without its article
                continue
        listing = store.all(articles) if articles else first
        return rows_from_listing(listing), [str(b) for b in listing.broken]
