"""The status line above the footer: what is going on (indexing, chosen entity) and where we are."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from tui.app.printable import one_line


class StatusLine(Horizontal):
    DEFAULT_CSS = """
    StatusLine { height: 1; }
    StatusLine > #status-message { width: 1fr; height: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    StatusLine > #status-position { width: auto; height: 1; }
    """

    def compose(self) -> ComposeResult:
        yield Static("", id="status-message", markup=False)
        yield Static("", id="status-position", markup=False)

    def say(self, message: str) -> None:
        """Replace the message on the left (one line; article text is shown literally)."""
        self.query_one("#status-message", Static).update(Content(one_line(message)))

    @property
    def message(self) -> str:
        return str(self.query_one("#status-message", Static).visual)

    def set_position(self, text: str) -> None:
        self.query_one("#status-position", Static).update(Content(one_line(text)))
