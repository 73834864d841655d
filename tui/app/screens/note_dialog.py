"""The note dialog (`a`): a note, tags and the speaker of the annotated passage; a yes/no dialog;
and the question asked when the app is told to quit while a note is being typed.

The dialog does not write anything itself: it hands the draft to a `save` callback (the reader's,
which goes through the annotation store) and closes only when that returned no error. When the
save fails (a broken annotations file, a lock held elsewhere, a full disk) the message is shown
in the dialog and the typed note stays there, so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static, TextArea

from tui.app.keys import CONFIRM_SCOPE, KEYS, NOTE_SCOPE, UNSAVED_SCOPE
from tui.app.printable import one_line, printable

PASSAGE_CHARS = 400  # of the annotated passage shown above the note


def scope_bindings(scope: str, *, priority: bool = False) -> list[Binding]:
    """The key table's bindings for one dialog scope (remappable by id like every other key)."""
    return [
        Binding(
            spec.keys,
            spec.action,
            spec.short or spec.description,
            show=spec.show,
            id=spec.id,
            priority=priority,
            tooltip=spec.description,
        )
        for spec in KEYS
        if spec.scope == scope
    ]


def parse_tags(text: str) -> tuple[str, ...]:
    """Tags as typed: separated by commas (a tag may hold spaces), `#` in front dropped, no repeats."""
    tags: list[str] = []
    for part in text.split(","):
        tag = " ".join(part.split()).lstrip("#").strip()
        if tag and tag.casefold() not in {t.casefold() for t in tags}:
            tags.append(tag)
    return tuple(tags)


@dataclass(frozen=True, slots=True)
class NoteDraft:
    """What the user typed. `speaker` is None when the field is empty."""

    note: str
    tags: tuple[str, ...]
    speaker: str | None


class NoteDialog(ModalScreen[bool]):
    """Dismisses True once saved, False when cancelled."""

    BINDINGS = scope_bindings(NOTE_SCOPE, priority=True)

    def __init__(
        self,
        title: str,
        passage: str,
        save: Callable[[NoteDraft], str | None],
        *,
        note: str = "",
        tags: Iterable[str] = (),
        speaker: str | None = None,
        ask_speaker: bool = True,
    ) -> None:
        """`save(draft)` returns None when the note is durably saved, else a one-line error."""
        super().__init__()
        self._title = title
        self._passage = passage
        self._save = save
        self._initial = NoteDraft(note, tuple(tags), speaker or None)
        self._ask_speaker = ask_speaker

    def compose(self) -> ComposeResult:
        passage = printable(self._passage)
        if len(passage) > PASSAGE_CHARS:
            passage = passage[:PASSAGE_CHARS] + " …"
        with VerticalScroll(id="note-box"):  # scrolls at 80x24, where all fields do not fit
            yield Static(Content(f"“{passage}”"), id="note-passage")
            yield Static("Note", classes="note-label")
            yield TextArea(self._initial.note, id="note-text", soft_wrap=True, show_line_numbers=False)
            yield Static("Tags (separated by commas)", classes="note-label")
            yield Input(", ".join(self._initial.tags), id="note-tags", placeholder="e.g. retret, anggaran")
            if self._ask_speaker:
                yield Static("Speaker (correct it if the reader got it wrong)", classes="note-label")
                yield Input(self._initial.speaker or "", id="note-speaker", placeholder="who says this")
            yield Static("", id="note-error")
            yield Static("ctrl+s save · escape cancel · tab next field", id="note-hint")

    def on_mount(self) -> None:
        box = self.query_one("#note-box")
        box.border_title = one_line(self._title)[:70]
        self.query_one("#note-text", TextArea).focus()

    def draft(self) -> NoteDraft:
        note = self.query_one("#note-text", TextArea).text
        tags = parse_tags(self.query_one("#note-tags", Input).value)
        speaker = None
        if self._ask_speaker:
            speaker = " ".join(self.query_one("#note-speaker", Input).value.split()) or None
        return NoteDraft(note, tags, speaker)

    def has_changes(self) -> bool:
        """True when what is typed differs from what the dialog opened with (quitting would lose it)."""
        draft = self.draft()
        initial = self._initial
        return (draft.note.strip(), draft.tags, draft.speaker) != (
            initial.note.strip(),
            initial.tags,
            initial.speaker,
        )

    def save_draft(self) -> bool:
        """Save what is typed; True once it is durably saved (the dialog then closes), else the
        error is shown in the dialog and it stays open with the text."""
        error = self._save(self.draft())
        if error is None:
            self.dismiss(True)
            return True
        self.query_one("#note-error", Static).update(Content("Not saved: " + one_line(error)[:300]))
        return False

    def action_save(self) -> None:
        self.save_draft()

    @on(Input.Submitted)
    def _enter_in_a_field(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_cancel(self) -> None:
        draft = self.draft()
        if draft.note.strip() == self._initial.note.strip() and draft.tags == self._initial.tags:
            self.dismiss(False)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(False)

        self.app.push_screen(
            ConfirmDialog("Discard what you typed?", yes="Discard", no="Keep editing"), answered
        )


class ConfirmDialog(ModalScreen[bool]):
    """A yes/no question; `y` or the first button answers yes, `n`/escape no."""

    BINDINGS = scope_bindings(CONFIRM_SCOPE)

    def __init__(self, question: str, *, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self._question, self._yes, self._no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(Content(printable(self._question)), id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button(f"{self._no} (n)", id="confirm-no")
                yield Button(f"{self._yes} (y)", id="confirm-yes", variant="error")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()  # enter on the default must not destroy

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


SAVE, DISCARD, KEEP = "save", "discard", "keep"


class UnsavedNoteDialog(ModalScreen[str]):
    """Asked when the app is told to quit (ctrl+q) while a note is being typed: answers SAVE,
    DISCARD or KEEP. The default button (enter) keeps editing: no key press loses a note."""

    BINDINGS = scope_bindings(UNSAVED_SCOPE, priority=True)

    def compose(self) -> ComposeResult:
        with Vertical(id="unsaved-box"):
            yield Static(Content("You are writing a note. Save it before quitting?"), id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button("Keep editing (esc)", id="unsaved-keep")
                yield Button("Discard (d)", id="unsaved-discard", variant="error")
                yield Button("Save and quit (s)", id="unsaved-save", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#unsaved-keep", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "").removeprefix("unsaved-") or KEEP)

    def action_answer(self, choice: str) -> None:
        self.dismiss(choice)
