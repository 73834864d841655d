"""The status line above the footer: what is going on (indexing, chosen entity) and where we are."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from tui.app.printable import one_line


class StatusLine(Widget):
    """The message on the left, the position (`12/3,456`) on the right, in one row.

    One widget of fixed height that paints both: a new message or position repaints this row
    only. (Two `Static`s would lay out the screen on every article, because `Static.update`
    asks for a layout, and a layout repaints every pane.)"""

    DEFAULT_CSS = "StatusLine { height: 1; width: 1fr; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._message = ""
        self._position = ""

    @property
    def message(self) -> str:
        return self._message

    def say(self, message: str) -> None:
        """Replace the message on the left (one line; article text is shown literally)."""
        self._message = one_line(message)
        self.refresh()

    def set_position(self, text: str) -> None:
        self._position = one_line(text)
        self.refresh()

    def render(self) -> Content:
        width = self.size.width
        position = self._position[:width]
        room = max(0, width - len(position) - (1 if position else 0))
        message = Content(self._message).truncate(room, ellipsis=True)
        return Content.assemble(message, " " * (width - message.cell_length - len(position)), position)
