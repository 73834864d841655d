"""The keyboard selection (`v`): a one-line bar that holds the focus while a passage is selected.

While it has the focus its keys (j/k by sentence, w/b by word, J/K/W/B for the start, h, a,
escape) win over the reader's, and the footer shows them. It owns no text: it posts `Moved` with
the unit and count, and the screen, which knows the article, moves the selection.
"""

from __future__ import annotations

from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from tui.app.keys import SELECTION_SCOPE, bindings
from tui.app.printable import one_line

PREVIEW_CHARS = 60


class SelectionBar(Static, can_focus=True):
    BINDINGS = bindings(SELECTION_SCOPE)

    class Moved(Message):
        """Move the selection's end (or its start) by `count` sentences or words."""

        def __init__(self, unit: str, count: int, move_start: bool) -> None:
            super().__init__()
            self.unit, self.count, self.move_start = unit, count, move_start

    class Cancelled(Message):
        pass

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)

    def show_selection(self, text: str) -> None:
        """Say what is selected: its length and its two ends."""
        words = text.split()
        if len(text) > PREVIEW_CHARS:
            preview = f"{one_line(text[: PREVIEW_CHARS // 2])} … {one_line(text[-PREVIEW_CHARS // 2 :])}"
        else:
            preview = one_line(text)
        self.update(Content(f"SELECT {len(words)} word{'s' if len(words) != 1 else ''}: “{preview.strip()}”"))

    def action_extend(self, unit: str, count: int) -> None:
        self.post_message(self.Moved(unit, count, move_start=False))

    def action_move_start(self, unit: str, count: int) -> None:
        self.post_message(self.Moved(unit, count, move_start=True))

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())
