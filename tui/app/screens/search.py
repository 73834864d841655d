"""Full-text search over the library: type, see hits as you go, enter opens one."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content, Span
from textual.screen import ModalScreen
from textual.style import Style
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from tui.app.printable import one_line

if TYPE_CHECKING:
    from tui.library.index import SearchHit  # heavy (SQLite, parser): not at start-up

RESULT_LIMIT = 100
QUERY_LIMIT = 200
TYPING_PAUSE = 0.15  # seconds of quiet before searching: one query per word, not per key


class SearchResults(OptionList):
    COMPONENT_CLASSES = {"search-results--title", "search-results--source", "search-results--match"}

    def _style(self, name: str) -> Style:
        return self.get_visual_style(name, partial=True)

    def show_hits(self, hits: Sequence[SearchHit]) -> None:
        self.set_options(Option(self._prompt(hit), id=f"hit:{n}") for n, hit in enumerate(hits))
        if hits:
            self.highlighted = 0

    def _prompt(self, hit: SearchHit) -> Content:
        title = one_line(hit.title or "(no headline)")[:200]
        source = one_line(hit.source or "unknown outlet")
        snippet = one_line(hit.snippet)
        head = f"{title}  {source}"
        text = f"{head}\n  {snippet}"
        spans = [
            Span(0, len(title), self._style("search-results--title")),
            Span(len(title) + 2, len(head), self._style("search-results--source")),
        ]
        at = len(head) + 3
        match = self._style("search-results--match")
        spans += [Span(at + a, at + b, match) for a, b in hit.highlights if 0 <= a < b <= len(snippet)]
        return Content(text, spans, strip_control_codes=False)


class SearchScreen(ModalScreen[str | None]):
    """Dismisses with the chosen article id (or None)."""

    BINDINGS = [
        Binding("escape", "dismiss_search", "Close", id="search_close"),
        Binding("down", "results", "Results", show=False, id="search_to_results"),
    ]

    def __init__(self, search: Callable[[str, int], list[SearchHit]], query: str = "") -> None:
        super().__init__()
        self._search = search
        self._query = query
        self.hits: list[SearchHit] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Static("Search the library", id="search-title")
            yield Input(
                value=self._query,
                placeholder="words to find (enter: open the first hit)",
                max_length=QUERY_LIMIT,
                id="search-input",
            )
            yield Static("", id="search-count", markup=False)
            yield SearchResults(id="search-results")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        if self._query:
            self.run_search(self._query)

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        self._query = event.value
        self.run_search(event.value)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, query: str) -> None:
        import time

        time.sleep(TYPING_PAUSE)
        worker = get_current_worker()
        if worker.is_cancelled:
            return
        hits = self._search(query, RESULT_LIMIT) if query.strip() else []
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, query, hits)

    def _show(self, query: str, hits: list[SearchHit]) -> None:
        if query != self._query:
            return
        self.hits = hits
        self.query_one(SearchResults).show_hits(hits)
        count = (
            ""
            if not query.strip()
            else (f"{len(hits)} found" if len(hits) < RESULT_LIMIT else f"first {RESULT_LIMIT} shown")
            if hits
            else "nothing found"
        )
        self.query_one("#search-count", Static).update(Content(count))

    @on(Input.Submitted)
    def _open_first(self) -> None:
        if self.hits:
            self.dismiss(self.hits[0].id)

    @on(OptionList.OptionSelected)
    def _open_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.hits[int((event.option.id or "hit:0").split(":")[1])].id)

    def action_results(self) -> None:
        if self.hits:
            self.query_one(SearchResults).focus()

    def action_dismiss_search(self) -> None:
        self.dismiss(None)
