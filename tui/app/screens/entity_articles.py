"""The other articles that name an entity: pick one to read the same person in another outlet."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.app.printable import one_line


@dataclass(frozen=True, slots=True)
class ArticleRow:
    id: str
    label: str  # outlet · date · headline, already one line


class EntityArticlesScreen(ModalScreen[str | None]):
    """Dismisses with the chosen article id (or None)."""

    BINDINGS = [Binding("escape", "close", "Close", id="entity_articles_close")]

    def __init__(self, entity_name: str, rows: Sequence[ArticleRow]) -> None:
        super().__init__()
        self._name = entity_name
        self._rows = list(rows)

    def compose(self) -> ComposeResult:
        with Vertical(id="entity-articles-box"):
            title = f"{one_line(self._name)[:80]}: named in {len(self._rows)} other article"
            yield Static(Content(title + ("" if len(self._rows) == 1 else "s")), id="entity-articles-title")
            yield OptionList(
                *(Option(Content(one_line(r.label)), id=r.id) for r in self._rows), id="entity-articles-list"
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_close(self) -> None:
        self.dismiss(None)
