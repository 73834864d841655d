"""Every note in the library (`L`), filterable by tag, speaker, outlet and user; enter opens one.

The filter is one line: `tag:anggaran speaker:wahyu outlet:lentera user:ana` narrow by field
(part of the value, any case; a tag must match whole), anything else is searched in the note,
the quoted passage and the headline. Listing the files runs in a worker.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static

from tui.annotations.store import LibraryEntry, Listing
from tui.app.keys import ANNOTATIONS_SCOPE
from tui.app.printable import one_line
from tui.app.screens.note_dialog import scope_bindings

FIELDS = ("tag", "speaker", "outlet", "user")
COLUMNS = ("Outlet", "Article", "Speaker", "Tags", "User", "Anchor", "Note")
CELL_CHARS = {"Outlet": 18, "Article": 36, "Speaker": 22, "Tags": 20, "User": 12, "Anchor": 7, "Note": 60}


@dataclass(frozen=True, slots=True)
class NoteRow:
    """One note as the list shows it. `article_id` is the reader's id, None when the article is
    not in this library (the row is listed but cannot be opened)."""

    annotation_id: str
    article_id: str | None
    outlet: str
    title: str
    speaker: str
    tags: tuple[str, ...]
    user: str
    anchor: str  # exact / moved / fuzzy / orphan, or "?" when the article is not here
    note: str
    quote: str
    modified: str


def row_from_entry(entry: LibraryEntry) -> NoteRow:
    annotation = entry.annotation
    return NoteRow(
        annotation_id=annotation.id,
        article_id=entry.article.id if entry.article is not None else None,
        outlet=entry.outlet or "",
        title=entry.title or "",
        speaker=(annotation.speaker.name if annotation.speaker else None) or "",
        tags=annotation.tags,
        user=annotation.user or entry.user_folder,
        anchor=entry.anchor.status.value if entry.anchor is not None else "?",
        note=annotation.note,
        quote=annotation.exact,
        modified=annotation.modified,
    )


def rows_from_listing(listing: Listing) -> list[NoteRow]:
    """The rows, newest edit first."""
    return sorted((row_from_entry(e) for e in listing.entries), key=lambda r: r.modified, reverse=True)


@dataclass(frozen=True, slots=True)
class NoteFilter:
    fields: tuple[tuple[str, str], ...] = ()  # (field, folded value)
    words: tuple[str, ...] = ()


def parse_filter(text: str) -> NoteFilter:
    """`tag:x speaker:"Wahyu H" words` as a filter. Unbalanced quotes are read as plain words."""
    try:
        parts = shlex.split(text)
    except ValueError:
        parts = text.split()
    fields, words = [], []
    for part in parts:
        name, colon, value = part.partition(":")
        if colon and name.casefold() in FIELDS and value.strip():
            fields.append((name.casefold(), _fold(value)))
        elif part.strip():
            words.append(_fold(part))
    return NoteFilter(tuple(fields), tuple(words))


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def matches(row: NoteRow, wanted: NoteFilter) -> bool:
    for field, value in wanted.fields:
        if field == "tag":
            if value not in {_fold(t) for t in row.tags}:
                return False
        elif value not in _fold(getattr(row, field)):
            return False
    haystack = _fold(f"{row.note} {row.quote} {row.title}")
    return all(word in haystack for word in wanted.words)


def filter_rows(rows: Iterable[NoteRow], text: str) -> list[NoteRow]:
    wanted = parse_filter(text)
    return [r for r in rows if matches(r, wanted)]


def _cell(text: str, column: str) -> Text:
    text = one_line(text)
    limit = CELL_CHARS[column]
    return Text(text if len(text) <= limit else text[: limit - 1] + "…")


class AnnotationsScreen(ModalScreen[tuple[str, str] | None]):
    """Dismisses with (article id, annotation id) of the chosen note, or None."""

    BINDINGS = scope_bindings(ANNOTATIONS_SCOPE)

    def __init__(self, load: Callable[[], tuple[list[NoteRow], list[str]]]) -> None:
        """`load()` returns the rows and the broken files (one line each); it runs in a worker."""
        super().__init__()
        self._load = load
        self.rows: list[NoteRow] = []
        self.shown: list[NoteRow] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="annotations-box"):
            yield Input(
                placeholder="filter: tag:… speaker:… outlet:… user:… or words", id="annotations-filter"
            )
            yield Static("Reading the notes…", id="annotations-count")
            table: DataTable = DataTable(id="annotations-table", cursor_type="row", zebra_stripes=True)
            for column in COLUMNS:
                table.add_column(Text(column), width=CELL_CHARS[column], key=column)
            yield table
            yield Static(
                "type to filter · ↓ to the list · enter opens the note · escape closes", id="annotations-hint"
            )

    def on_mount(self) -> None:
        self.query_one("#annotations-box").border_title = "All notes"
        self.query_one(Input).focus()
        self._read()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _read(self) -> None:
        try:
            rows, broken = self._load()
        except Exception as error:  # a store problem must not take the reader down
            self.app.call_from_thread(self._failed, error)
            return
        self.app.call_from_thread(self._loaded, rows, broken)

    def _failed(self, error: Exception) -> None:
        self.query_one("#annotations-count", Static).update(
            Content(f"Cannot list notes: {one_line(str(error))[:200]}")
        )

    def _loaded(self, rows: list[NoteRow], broken: Sequence[str]) -> None:
        self.rows = rows
        self._show(self.query_one(Input).value)
        for problem in broken[:3]:
            self.notify(
                one_line(problem)[:300], title="Broken annotations file", severity="error", timeout=15
            )

    @on(Input.Changed)
    def _filter_changed(self, event: Input.Changed) -> None:
        self._show(event.value)

    @on(Input.Submitted)
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.shown:
            table = self.query_one(DataTable)
            table.focus()

    def _show(self, text: str) -> None:
        self.shown = filter_rows(self.rows, text)
        table = self.query_one(DataTable)
        table.clear()
        for number, row in enumerate(self.shown):
            table.add_row(
                _cell(row.outlet, "Outlet"),
                _cell(row.title or "(no headline)", "Article"),
                _cell(row.speaker, "Speaker"),
                _cell(", ".join(row.tags), "Tags"),
                _cell(row.user, "User"),
                _cell(row.anchor, "Anchor"),
                _cell(row.note or f"“{row.quote}”", "Note"),
                key=str(number),
            )
        count = (
            f"{len(self.shown):,} of {len(self.rows):,} notes"
            if text.strip()
            else f"{len(self.rows):,} notes"
        )
        self.query_one("#annotations-count", Static).update(Content(count))

    def on_key(self, event: events.Key) -> None:
        # ↓ in the filter goes to the list, as in a search box
        if event.key == "down" and isinstance(self.focused, Input) and self.shown:
            event.stop()
            self.query_one(DataTable).focus()

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        row = self.shown[int(event.row_key.value)]
        if row.article_id is None:
            self.notify("That note's article is not in this library (its text is kept in the notes file)")
            return
        self.dismiss((row.article_id, row.annotation_id))

    def action_close(self) -> None:
        self.dismiss(None)
