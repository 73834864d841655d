"""Back and forward through the articles read, like a browser. Plain Python."""

from __future__ import annotations


class History:
    """A list of visited article ids and a position in it.

    Visiting a new article drops everything ahead of the position (as a browser does);
    `back` and `forward` move the position and return the id there, or None at either end.
    """

    def __init__(self, limit: int = 500) -> None:
        self._items: list[str] = []
        self._position = -1
        self._limit = limit

    @property
    def current(self) -> str | None:
        return self._items[self._position] if self._position >= 0 else None

    def visit(self, article_id: str) -> None:
        if article_id == self.current:
            return
        del self._items[self._position + 1 :]
        self._items.append(article_id)
        if len(self._items) > self._limit:
            del self._items[0]
        self._position = len(self._items) - 1

    def back(self) -> str | None:
        if self._position <= 0:
            return None
        self._position -= 1
        return self._items[self._position]

    def forward(self) -> str | None:
        if self._position >= len(self._items) - 1:
            return None
        self._position += 1
        return self._items[self._position]

    def can_go_back(self) -> bool:
        return self._position > 0

    def can_go_forward(self) -> bool:
        return self._position < len(self._items) - 1
