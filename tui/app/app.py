"""The Kabar app: holds the library index, the reader's memory and the keymap; the screens do the rest."""

from __future__ import annotations

import gc
import getpass
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.timer import Timer

from tui.app.commands import KabarCommands
from tui.app.keys import APP_SCOPE, bindings, load_keymap
from tui.app.screens.reader import ReaderScreen
from tui.paths import bundled_articles
from tui.reader_state import ReaderState, load_state, save_state

if TYPE_CHECKING:
    from tui.library.index import LibraryIndex

SAVE_DELAY = 2.0  # seconds: read marks from a burst of `n` presses are written once
_heap_frozen = False


def _freeze_import_heap() -> None:
    """Once per process, before the first frame: move what the imports built (modules, classes,
    Textual's tables; alive until exit) out of the collector's sight. Otherwise the full collection
    that the start-up's allocations trigger walks all of it: ~30 ms of the first frame."""
    global _heap_frozen
    if not _heap_frozen:
        _heap_frozen = True
        gc.freeze()


class KabarApp(App):
    CSS_PATH = Path(__file__).with_name("kabar.tcss")  # absolute: subclasses live elsewhere
    TITLE = "Kabar"
    BINDINGS = bindings(APP_SCOPE)
    COMMANDS = App.COMMANDS | {KabarCommands}

    def __init__(
        self,
        paths: Sequence[str | Path] | None = None,
        user: str | None = None,
        *,
        index: LibraryIndex | None = None,
        state_path: Path | None = None,
        keymap_path: Path | None = None,
    ) -> None:
        """`paths`: files and folders to read (the bundled articles when empty). `index`: an
        index to use instead of the user's cached one (tests and benchmarks pass their own)."""
        _freeze_import_heap()
        super().__init__()
        self.paths = [Path(p) for p in paths] if paths else [bundled_articles()]
        self.user = user or os.environ.get("KABAR_USER") or _login_name()
        self._index = index
        self._index_lock = threading.Lock()
        self._state_path = state_path
        loaded = load_state(state_path)
        self.state: ReaderState = loaded.state
        keymap = load_keymap(keymap_path)
        self.keymap_overrides = dict(keymap.keymap)
        self._notices = [n for n in (loaded.notice, *keymap.notices) if n]
        self._save_timer: Timer | None = None

    def on_mount(self) -> None:
        if self.keymap_overrides:
            self.set_keymap(self.keymap_overrides)
        if self.state.theme and self.state.theme in self.available_themes:
            self.theme = self.state.theme
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.push_screen(ReaderScreen())
        for notice in self._notices:
            self.notify(notice, severity="warning", timeout=10)

    def library(self) -> LibraryIndex:
        """The library index, created on first use (in a worker: opening it may touch the disk)."""
        with self._index_lock:
            if self._index is None:
                from tui.library.index import LibraryIndex

                self._index = LibraryIndex()
            return self._index

    # -- the reader's memory ------------------------------------------------------------------

    def mark_read(self, article_id: str, read: bool) -> None:
        if self.state.is_read(article_id) != read:
            self.state = self.state.with_read(article_id, read)
            self._schedule_save()

    def set_sort(self, sort: str) -> None:
        self.state = self.state.with_sort(sort)
        self._schedule_save()

    def remember_position(self, article_id: str | None, scroll_y: int) -> None:
        self.state = self.state.with_position(article_id, scroll_y)
        self._schedule_save()

    def _theme_changed(self, theme: object) -> None:
        self.state = self.state.with_theme(self.theme)
        self._schedule_save()

    def _schedule_save(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self._save_in_background)

    @work(thread=True, group="save", exit_on_error=False)
    def _save_in_background(self) -> None:
        self._save(self.state)

    def _save(self, state: ReaderState) -> None:
        try:
            save_state(state, self._state_path)
        except OSError as e:
            self.call_from_thread(self.notify, f"Cannot save reader state: {e}", severity="error")

    def save_now(self) -> None:
        """Write the state at once, with the current scroll position (on quit)."""
        screen = next((s for s in self.screen_stack if isinstance(s, ReaderScreen)), None)
        if screen is not None and screen.current is not None:
            self.state = self.state.with_position(*screen.scroll_position())
        if self._save_timer is not None:
            self._save_timer.stop()
        try:
            save_state(self.state, self._state_path)
        except OSError as e:
            self.notify(f"Cannot save reader state: {e}", severity="error")

    # -- app-wide actions ------------------------------------------------------------------------

    async def action_quit(self) -> None:
        """Quit (q, ctrl+q, the palette), saving the reader's memory. A note being typed is never
        dropped silently: the user is asked to save it, discard it or keep editing."""
        if self._ask_about_unsaved_note():
            return
        self.save_now()
        self.exit()

    def _ask_about_unsaved_note(self) -> bool:
        """True when quitting must wait for the user's answer about a note being typed."""
        from tui.app.screens.note_dialog import KEEP, SAVE, NoteDialog, UnsavedNoteDialog

        if isinstance(self.screen, UnsavedNoteDialog):
            return True  # already asked: a second ctrl+q must not count as "discard"
        typing = [s for s in self.screen_stack if isinstance(s, NoteDialog) and s.has_changes()]
        if not typing:
            return False
        dialog = typing[-1]

        def answered(choice: str | None) -> None:
            if choice == KEEP or choice is None:
                return
            if choice == SAVE and not dialog.save_draft():
                return  # not saved (the dialog shows why): stay, with the text still there
            self.save_now()
            self.exit()

        self.push_screen(UnsavedNoteDialog(), answered)
        return True

    def action_help(self) -> None:
        from tui.app.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "reader"
