"""The reader screen: wires the source list, the article and the side panel together.

Panes never reach into each other: they post messages, and this screen decides what follows
(open an article, scroll to a mention, update the status line). All index calls run in thread
workers, so a slow disk or a 10,000-file sync never blocks a key.
"""

from __future__ import annotations

import contextlib
import gc
import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import OptionList
from textual.worker import Worker, WorkerState, get_current_worker

from tui.app.history import History
from tui.app.keys import READER_SCOPE, bindings
from tui.app.printable import one_line
from tui.app.screens.reader_notes import NotesActions  # a, h, v, N, A, D, L: issue 5
from tui.app.screens.reader_stories import StoriesActions  # c, r, R, |: issue 6
from tui.app.widgets.article_view import ArticleView
from tui.app.widgets.entity_panel import EntityPanel
from tui.app.widgets.key_footer import KeyFooter
from tui.app.widgets.source_list import SourceList, short_date
from tui.app.widgets.status_line import StatusLine
from tui.app.worker_processes import start_resource_tracker
from tui.extract.model import DATE, Entity, Extraction
from tui.library.article import Article
from tui.reader_state import SORT_BY_DATE, SORT_BY_OUTLET

if TYPE_CHECKING:
    from tui.library.index import ArticleSummary  # heavy (SQLite, parser): not at start-up

CACHED_ARTICLES = 64
PREFETCH_STEPS = (1, 2, 3, -1)  # the articles `n` (and `p`) will most likely ask for next
# when one of those is missing, read this far ahead in one worker: a worker costs the UI thread
# ~0.6 ms and a thread start, so walking with `n` starts one every few articles, not on each
PREFETCH_BATCH = (1, 2, 3, 4, 5, 6, 7, 8, -1)
PROGRESS_EVERY = 0.1  # seconds between progress messages from the sync worker
NARROW = 100  # columns: below this the article needs the room, so only two panes show at once
RELIST_EVERY = 5.0  # seconds between listings of a library that is still being indexed
FREEZE_AFTER = 1.0  # seconds after the library is listed: see _freeze_heap
LISTING_WAIT = 3.0  # seconds the sync waits at most for the first listing to be painted


def _inside(file: str, paths: Sequence[Path]) -> bool:
    """Whether `file` is one of `paths` or lies under one of them."""
    try:
        target = Path(file).resolve()
        return any(target == p or p in target.parents for p in (Path(q).resolve() for q in paths))
    except (OSError, RuntimeError, ValueError):
        return False


def _freeze_heap() -> None:
    """Move what is alive now (Textual, the library listing: long-lived) out of the collector's
    sight. Otherwise every full collection walks the 10,000 summaries and their rows again, a
    pause of tens of milliseconds that lands on whatever key was pressed (n's slowest presses).
    Only the young generations are collected first: a full collection here would itself be such
    a pause, and what little old garbage gets frozen with the rest is not worth it."""
    gc.collect(1)
    gc.freeze()


@dataclass(frozen=True, slots=True)
class LoadedArticle:
    """An article with its extraction, and for each entity the other articles that name it."""

    article: Article
    extraction: Extraction
    elsewhere: dict[str, int] = field(default_factory=dict)  # entity id -> other articles naming it


def _recounted(loaded: LoadedArticle, counts: dict[str, int]) -> LoadedArticle:
    """`loaded` with its counts of other articles taken from library-wide `counts` (article counts)."""
    elsewhere = {i: max(0, counts.get(i, 1) - 1) for i in loaded.elsewhere}
    return LoadedArticle(loaded.article, loaded.extraction, elsewhere)


class ReaderScreen(NotesActions, StoriesActions, Screen):
    BINDINGS = bindings(READER_SCOPE)
    AUTO_FOCUS = "#sources"

    class LibraryListed(Message):
        def __init__(self, summaries: list[ArticleSummary], final: bool, note: str = "") -> None:
            super().__init__()
            self.summaries, self.final, self.note = summaries, final, note

    class SyncProgress(Message):
        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done, self.total = done, total

    class ArticleLoaded(Message):
        def __init__(self, loaded: LoadedArticle, scroll_y: int, record: bool, entity_id: str | None) -> None:
            super().__init__()
            self.loaded, self.scroll_y, self.record, self.entity_id = loaded, scroll_y, record, entity_id

    class ArticleShown(Message):
        """Posted (bubbling to the app) once an article is on screen."""

        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    def __init__(self) -> None:
        super().__init__()
        self.current: LoadedArticle | None = None
        self.history = History()
        self._cache: OrderedDict[str, LoadedArticle] = OrderedDict()
        self._listed = False
        self._shown_summaries: list[ArticleSummary] = []  # what the source list was last filled with
        # set once the first listing is on screen: the sync (imports, a walk of every file, a
        # process pool) waits for it so as not to compete with the first frames for the GIL
        self._first_listing_painted = threading.Event()
        self._background_started = False
        self._listing_pending = False
        self._footer_state: tuple[bool, bool] | None = None
        self._entity_counts: dict[str, int] | None = None
        # The ids one entity goes by across the library (`BKN` and `Badan Kepegawaian Negara`),
        # for the entity last listed with `o`: the article opened from that list may name it so.
        self._linked_ids: frozenset[str] = frozenset()
        self._status_about_article = False
        self._listed_at = time.monotonic()

    # -- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield SourceList(id="sources")
            with Vertical(classes="article-frame"):
                yield ArticleView(id="article")
            yield EntityPanel(id="entities")
        yield StatusLine(id="status")
        yield KeyFooter()

    @property
    def sources(self) -> SourceList:
        return self.query_one(SourceList)

    @property
    def article_view(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def panel(self) -> EntityPanel:
        return self.query_one(EntityPanel)

    @property
    def status(self) -> StatusLine:
        return self.query_one(StatusLine)

    def on_mount(self) -> None:
        if self.app.size.width < NARROW:
            self.add_class("-side-hidden")  # 80 columns: the article needs the room; `s` shows it
        self.sources.border_title = "Sources"
        self.panel.border_title = "In this article"
        self._open_from_cache()
        if self.current is None:  # no article to wait for (an empty cache, or it is being loaded)
            self.call_after_refresh(self._start_background)
        # else _first_article_shown starts it: the listing, the sync and the prefetch all run in
        # threads, and each would compete with the first frame for the GIL

    def wait_until_listed(self) -> None:
        """In a worker thread: return once the first listing is painted (or after LISTING_WAIT)."""
        self._first_listing_painted.wait(LISTING_WAIT)

    @on(ArticleShown)
    def _first_article_shown(self, event: ArticleShown) -> None:
        if not self._background_started:
            self.call_after_refresh(self._start_background)

    def _start_background(self) -> None:
        """Once, after the first frame: list the library (when the first article came before the
        list), sync the files (it waits for that listing to be painted) and read ahead."""
        if self._background_started:
            return
        self._background_started = True
        if self._listing_pending:
            self._listing_pending = False
            self._list_so_far()
        self.load_library()
        self._prefetch_ahead()

    def _open_from_cache(self) -> None:
        """Paint the first screen from what the index already holds, before the first frame.

        Reading a few rows of the SQLite cache takes milliseconds and no key can be pressed before
        the first frame, so this is the one place the UI thread touches the index: it spares a frame
        of "loading" and a thread hop. Parsing new files (sync) always runs in the worker."""
        if self._open_last_article_first():
            return  # the listing follows from a worker; the sync waits for it to be painted
        self.call_after_refresh(self._first_listing_painted.set)
        try:
            summaries = self.app.library().summaries(self.app.paths)
        except Exception as error:  # any index trouble: the worker retries and reports it
            self.article_view.show_message("Kabar", f"Opening the library… ({one_line(str(error))[:120]})")
            return
        if not summaries:
            self.article_view.show_message("Kabar", "Reading the library for the first time…")
            return
        self._library_listed(self.LibraryListed(summaries, final=False), load_now=True)

    def _open_last_article_first(self) -> bool:
        """Reopen the article read last, before listing the library: one row of the index instead
        of all of them (listing 10,000 articles takes ~0.1 s, grouping them more). The list follows
        from a worker a moment later. False when there is no such article in the opened paths."""
        last = self.app.state.last_article
        if not last:
            return False
        try:
            loaded = self._read_article(last)
        except Exception:  # gone from the index, or any index trouble: the usual path copes
            return False
        if not _inside(loaded.article.file, self.app.paths):
            return False  # read last in another library than the one opened now
        self._remember(loaded)
        self.open_article(last, scroll_y=self.app.state.scroll_y)
        self.sources.listing = True
        self._listing_pending = True  # listed by _start_background, after the first frame
        return True

    # -- the library -------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="library", exit_on_error=False)
    def load_library(self) -> None:
        """List what the index already knows at once, then sync the files in the background."""
        self.wait_until_listed()
        index = self.app.library()
        paths = self.app.paths
        last = 0.0
        skipped: list[str] = []

        def progress(done: int, total: int) -> None:
            nonlocal last
            now = time.monotonic()
            if now - last >= PROGRESS_EVERY or done == total:
                last = now
                self.post_message(self.SyncProgress(done, total))

        start_resource_tracker()  # else the index's process pool cannot start under Textual
        index.sync(paths, progress=progress, on_skip=lambda s: skipped.append(str(s)))
        notes = list(getattr(index, "warnings", []))  # e.g. the cache fell back to memory
        if skipped:
            notes.append(f"{len(skipped)} file{'s' if len(skipped) != 1 else ''} skipped: {skipped[0]}")
        if get_current_worker().is_cancelled:
            return
        summaries, shown = index.summaries(paths), self._shown_summaries
        if summaries == shown:
            # nothing changed on disk (the usual start): the same list object tells the screen not to
            # regroup 10,000 rows on the UI thread while the user is already reading
            summaries = shown
        self.post_message(self.LibraryListed(summaries, final=True, note=" · ".join(notes)))
        counts_of = getattr(index, "entity_counts", None)  # optional: the index may not offer it
        if callable(counts_of):
            counts = {c.entity_id: c.articles for c in counts_of()}
            self.app.call_from_thread(self._counts_known, counts)

    def _counts_known(self, counts: dict[str, int]) -> None:
        self._entity_counts = counts
        # recount the cached articles rather than drop them: `n` must not wait for the index again
        for article_id, loaded in self._cache.items():
            self._cache[article_id] = _recounted(loaded, counts)
        if self.current is not None:
            recounted = _recounted(self.current, counts)
            if recounted.elsewhere != self.current.elsewhere:  # else refilling the panel changes nothing
                self.current = recounted
                quotes = self.article_view.quotes
                self.panel.show_extraction(recounted.extraction, quotes, recounted.elsewhere)

    @on(SyncProgress)
    def _sync_progress(self, event: SyncProgress) -> None:
        self.status.say(f"Indexing {event.done:,}/{event.total:,} files…")
        # a first sync of a big folder takes minutes: list what is indexed so far now and then
        now = time.monotonic()
        if now - self._listed_at >= RELIST_EVERY and event.done < event.total:
            self._listed_at = now
            self._list_so_far()

    @work(thread=True, exclusive=True, group="listing", exit_on_error=False)
    def _list_so_far(self) -> None:
        """The articles indexed so far (the index answers reads while its sync writes)."""
        try:
            summaries = self.app.library().summaries(self.app.paths)
        finally:
            # listed or not (an empty or broken index), the sync may start once this frame is out
            self.call_after_refresh(self._first_listing_painted.set)
        if summaries and not get_current_worker().is_cancelled:
            self.post_message(self.LibraryListed(summaries, final=False))

    @on(LibraryListed)
    def _library_listed(self, event: LibraryListed, load_now: bool = False) -> None:
        state = self.app.state
        keep = self.current.article.id if self.current else None
        first_listing = not self._listed and bool(event.summaries)
        unchanged = event.summaries is self._shown_summaries and self._listed
        if not unchanged and (event.final or event.summaries or not self._listed):
            self.sources.listing = False
            self.sources.show_library(event.summaries, state.sort, state.read, keep=keep)
            self._shown_summaries = event.summaries
        self._listed = True
        if first_listing and self.current is not None:
            self._set_read(self.current.article.id, True)  # shown before its row existed
            self._prefetch_ahead()
        if self.current is None and self.sources.order:
            last = state.last_article
            target, scroll_y = self.sources.order[0], 0
            if last and self.sources.position(last) is not None:
                target, scroll_y = last, state.scroll_y
            if load_now:
                with contextlib.suppress(Exception):  # else the worker loads it and reports the error
                    self._remember(self._read_article(target))
            self.open_article(target, scroll_y=scroll_y)
        outlets = len(self.sources.groups)
        if event.final:
            if not self.sources.order:
                self.article_view.show_message(
                    "No articles found", "Open a folder of .txt or .md news files: kabar PATH"
                )
            count = (
                f"{len(self.sources.order):,} articles from {outlets:,} outlet{'s' if outlets != 1 else ''}"
            )
            self.status.say(f"{count} · {event.note}" if event.note else count)
            if event.note:
                self.notify(one_line(event.note)[:300], severity="warning", timeout=10)
            self.set_timer(FREEZE_AFTER, _freeze_heap)
        self._show_position()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            what = "reading the library" if event.worker.group == "library" else "opening the article"
            message = f"Error {what}: {one_line(str(error))[:200] or type(error).__name__}"
            self.status.say(message)
            self.notify(message, severity="error")

    # -- opening articles ----------------------------------------------------------------------

    def open_article(
        self, article_id: str, *, scroll_y: int = 0, record: bool = True, entity_id: str | None = None
    ) -> None:
        """Show an article: from the cache at once, else loaded in a worker."""
        loaded = self._cache.get(article_id)
        if loaded is not None:
            self._cache.move_to_end(article_id)
            self._show(loaded, scroll_y=scroll_y, record=record, entity_id=entity_id)
        else:
            self._load_article(article_id, scroll_y, record, entity_id)

    @work(thread=True, exclusive=True, group="article", exit_on_error=False)
    def _load_article(self, article_id: str, scroll_y: int, record: bool, entity_id: str | None) -> None:
        loaded = self._read_article(article_id)
        if not get_current_worker().is_cancelled:
            self.post_message(self.ArticleLoaded(loaded, scroll_y, record, entity_id))

    def _read_article(self, article_id: str) -> LoadedArticle:
        index = self.app.library()
        article = index.article(article_id)
        extraction = index.extraction(article_id)
        counts = self._entity_counts
        named = {e.id for e in extraction.entities if e.type != DATE}
        if counts is not None:
            # one library-wide count, fetched after each sync: no query per entity per article
            elsewhere = {i: max(0, counts.get(i, 1) - 1) for i in named}
        else:
            elsewhere = {i: sum(1 for a in index.articles_with_entity(i) if a != article_id) for i in named}
        return LoadedArticle(article, extraction, elsewhere)

    @work(thread=True, exclusive=True, group="prefetch", exit_on_error=False)
    def _prefetch(self, article_ids: list[str]) -> None:
        """Read the next few articles ahead of time so `n` shows them without waiting for the index."""
        worker = get_current_worker()
        for article_id in article_ids:
            if worker.is_cancelled:
                return
            if article_id not in self._cache:
                self.app.call_from_thread(self._remember, self._read_article(article_id))

    def _remember(self, loaded: LoadedArticle) -> None:
        self._cache[loaded.article.id] = loaded
        self._cache.move_to_end(loaded.article.id)
        while len(self._cache) > CACHED_ARTICLES:
            self._cache.popitem(last=False)

    @on(ArticleLoaded)
    def _article_loaded(self, event: ArticleLoaded) -> None:
        self._remember(event.loaded)
        self._show(event.loaded, scroll_y=event.scroll_y, record=event.record, entity_id=event.entity_id)

    def _show(self, loaded: LoadedArticle, *, scroll_y: int, record: bool, entity_id: str | None) -> None:
        article = loaded.article
        first = self.current is None
        self.current = loaded
        self.article_view.show(article, loaded.extraction, scroll_y=scroll_y)
        # a new article's notes are loaded after it is shown (NotesActions): none until then.
        # The first article fills the panel in the same frame: a later fill would be a second
        # full frame before the reader settles, and there is no burst of `n` to wait out yet.
        self.panel.show_extraction(
            loaded.extraction, self.article_view.quotes, loaded.elsewhere, notes=(), later=not first
        )
        if record:
            self.history.visit(article.id)
        self.sources.highlight_article(article.id)
        self._set_read(article.id, True)
        self.app.remember_position(article.id, scroll_y)
        if self._status_about_article:  # it spoke of an entity or quote of the article before
            self.status.say("")
            self._status_about_article = False
        if entity_id is not None:
            self._choose_entity(entity_id)
        self._show_position()
        self._refresh_footer()
        self._prefetch_ahead()
        self.post_message(self.ArticleShown(article.id))

    def _prefetch_ahead(self) -> None:
        if self.current is None or not self._background_started:
            return
        current = self.current.article.id

        def missing(steps: tuple[int, ...]) -> list[str]:
            ahead = [self.sources.step_article(current, step) for step in steps]
            return [a for a in ahead if a is not None and a not in self._cache]

        if missing(PREFETCH_STEPS):
            self.call_after_refresh(self._prefetch, missing(PREFETCH_BATCH))

    def _show_position(self) -> None:
        total = len(self.sources.order)
        at = self.sources.position(self.current.article.id) if self.current else None
        if not total:
            self.status.set_position("")  # not listed yet (the last article opens first)
            return
        self.status.set_position(f" {at + 1:,}/{total:,}" if at is not None else f" {total:,}")

    def _set_read(self, article_id: str, read: bool) -> None:
        self.app.mark_read(article_id, read)
        self.sources.set_read(article_id, read)

    @on(SourceList.ArticleChosen)
    def _article_chosen(self, event: SourceList.ArticleChosen) -> None:
        if event.article_id != self._current_id():
            self.open_article(event.article_id)
            return
        # enter on the article being read: reopening it would drop the quote cursor and the chosen
        # entity; go and read it instead, and choose the speaker if a quote is under the cursor
        self.article_view.focus()
        if self.article_view.quote_at_cursor is not None:
            self.action_choose()

    # -- the side panel --------------------------------------------------------------------------

    def _entity(self, entity_id: str) -> Entity | None:
        if self.current is None:
            return None
        entities = self.current.extraction.entities
        found = next((e for e in entities if e.id == entity_id), None)
        if found is None and entity_id in self._linked_ids:
            found = next((e for e in entities if e.id in self._linked_ids), None)
        return found

    def _choose_entity(self, entity_id: str) -> None:
        entity = self._entity(entity_id)
        if entity is None:
            return
        self.article_view.choose_entity(entity, 0)
        self.panel.highlight_entity(entity.id)
        self._say_mention()
        self._refresh_footer()

    def _say_mention(self) -> None:
        entity, index = self.article_view.chosen, self.article_view.mention_index
        if entity is None or self.current is None:
            return
        where = f"mention {index + 1}/{len(entity.mentions)}" if index is not None else ""
        others = self.current.elsewhere.get(entity.id, 0)
        elsewhere = (
            f" · in {others} other article{'s' if others != 1 else ''} (o lists them)" if others else ""
        )
        self.status.say(f"{entity.name} · {where}{elsewhere}")
        self._status_about_article = True

    @on(EntityPanel.EntityChosen)
    def _entity_chosen(self, event: EntityPanel.EntityChosen) -> None:
        self._choose_entity(event.entity_id)

    @on(EntityPanel.QuoteChosen)
    def _quote_chosen(self, event: EntityPanel.QuoteChosen) -> None:
        if 0 <= event.index < len(self.article_view.quotes):
            self.article_view.set_quote_cursor(event.index)
            self._say_quote()

    @on(EntityPanel.SpanChosen)
    def _span_chosen(self, event: EntityPanel.SpanChosen) -> None:
        self.article_view.focus_span(event.start, event.end)

    def _say_quote(self) -> None:
        quote, index = self.article_view.quote_at_cursor, self.article_view.quote_cursor
        if quote is None or index is None:
            return
        speaker = quote.speaker or "speaker unknown"
        cue = f" ({quote.cue})" if quote.cue else ""
        self.status.say(f"Quote {index + 1}/{len(self.article_view.quotes)} · {speaker}{cue}")
        self._status_about_article = True
        self.panel.ensure_filled()
        self.panel.highlighted = self.panel.get_option_index(f"quote:{index}")

    # -- actions (see keys.py for the keys) ---------------------------------------------------------

    def _refresh_footer(self) -> None:
        """Re-check which keys apply, only when that changed (each check walks every binding)."""
        view = self.article_view
        now = (bool(view.quotes), view.chosen is not None or view.quote_at_cursor is not None)
        if now != self._footer_state:
            self._footer_state = now
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide keys from the footer when they cannot do anything now."""
        view = self.article_view if self.is_mounted else None
        if action in ("next_quote", "previous_quote"):
            return bool(view and view.quotes)
        if action in ("next_mention", "previous_mention", "other_articles"):
            return bool(view and (view.chosen is not None or view.quote_at_cursor is not None))
        return True

    def action_move_down(self) -> None:
        self._move(1)

    def action_move_up(self) -> None:
        self._move(-1)

    def _move(self, step: int) -> None:
        focused = self.focused
        if isinstance(focused, (OptionList, SourceList)):
            focused.action_cursor_down() if step > 0 else focused.action_cursor_up()
        else:
            view = self.article_view
            view.scroll_down(animate=False) if step > 0 else view.scroll_up(animate=False)

    def action_go_top(self) -> None:
        focused = self.focused
        if isinstance(focused, (OptionList, SourceList)):
            focused.action_first()
        else:
            self.article_view.scroll_home(animate=False)

    def action_go_bottom(self) -> None:
        focused = self.focused
        if isinstance(focused, (OptionList, SourceList)):
            focused.action_last()
        else:
            self.article_view.scroll_end(animate=False)

    def action_choose(self) -> None:
        """Enter in the article: choose the speaker of the quote under the cursor."""
        quote = self.article_view.quote_at_cursor
        if quote is not None and quote.speaker_id and self._entity(quote.speaker_id):
            self._choose_entity(quote.speaker_id)
        elif self.focused is self.article_view:
            self.notify("Put the cursor on a quote (. and ,) or choose from the side panel")

    def _current_id(self) -> str | None:
        return self.current.article.id if self.current else None

    def _open_step(self, target: str | None, end_message: str) -> None:
        if target is None:
            self.notify(end_message)
        else:
            self.open_article(target)

    def action_next_article(self) -> None:
        self._open_step(self.sources.step_article(self._current_id(), 1), "This is the last article")

    def action_previous_article(self) -> None:
        self._open_step(self.sources.step_article(self._current_id(), -1), "This is the first article")

    def action_next_outlet(self) -> None:
        self._open_step(self.sources.step_outlet(self._current_id(), 1), "This is the last outlet")

    def action_previous_outlet(self) -> None:
        self._open_step(self.sources.step_outlet(self._current_id(), -1), "This is the first outlet")

    def action_back(self) -> None:
        self._travel(self.history.back(), "Nothing to go back to")

    def action_forward(self) -> None:
        self._travel(self.history.forward(), "Nothing to go forward to")

    def _travel(self, article_id: str | None, end_message: str) -> None:
        if article_id is None:
            self.notify(end_message)
        else:
            self.open_article(article_id, record=False)

    def action_toggle_read(self) -> None:
        target = self.sources.highlighted_article() if self.focused is self.sources else self._current_id()
        if target is None:
            return
        read = not self.app.state.is_read(target)
        self._set_read(target, read)
        self.status.say(f"Marked {'read' if read else 'unread'}")

    def action_toggle_sort(self) -> None:
        sort = SORT_BY_OUTLET if self.app.state.sort == SORT_BY_DATE else SORT_BY_DATE
        self.app.set_sort(sort)
        summaries = [s for s in (self.sources.summary(a) for a in self.sources.order) if s is not None]
        self.sources.show_library(summaries, sort, self.app.state.read, keep=self._current_id())
        self._show_position()
        self.status.say(
            "Outlets sorted by name" if sort == SORT_BY_OUTLET else "Outlets with the latest news first"
        )

    def _key_entity(self) -> Entity | None:
        """The entity `e`, `E` and `o` act on: the chosen one, else the speaker under the quote cursor."""
        view = self.article_view
        if view.chosen is not None:
            return view.chosen
        quote = view.quote_at_cursor
        return self._entity(quote.speaker_id) if quote and quote.speaker_id else None

    def action_next_quote(self) -> None:
        self._step_quote(1)

    def action_previous_quote(self) -> None:
        self._step_quote(-1)

    def _step_quote(self, step: int) -> None:
        if self.article_view.move_quote(step) is None:
            self.notify("No more quotes" if self.article_view.quotes else "No quotes in this article")
        else:
            self._say_quote()
            self._refresh_footer()

    def action_next_mention(self) -> None:
        self._step_mention(1)

    def action_previous_mention(self) -> None:
        self._step_mention(-1)

    def _step_mention(self, step: int) -> None:
        entity = self._key_entity()
        if entity is None:
            self.notify("Choose a person or place in the side panel first (tab, then enter)")
            return
        if self.article_view.chosen is not entity:
            self.article_view.choose_entity(entity, None)
            self.panel.highlight_entity(entity.id)
        self.article_view.move_mention(step)
        self._say_mention()

    def action_other_articles(self) -> None:
        entity = self._key_entity()
        if entity is None or self.current is None:
            self.notify("Choose a person or place in the side panel first (tab, then enter)")
            return
        if not self.current.elsewhere.get(entity.id, 0):
            self.notify(f"{one_line(entity.name)} is not named in any other article")
            return
        self._list_other_articles(entity, self.current.article.id)

    @work(thread=True, exclusive=True, group="elsewhere", exit_on_error=False)
    def _list_other_articles(self, entity: Entity, current_id: str) -> None:
        library = self.app.library()
        ids = [a for a in library.articles_with_entity(entity.id) if a != current_id]
        linked_of = getattr(library, "linked_entity_ids", None)  # optional: a test index may lack it
        linked = frozenset(linked_of(entity.id)) if callable(linked_of) else frozenset({entity.id})
        self.app.call_from_thread(self._show_other_articles, entity, ids, linked)

    def _show_other_articles(self, entity: Entity, ids: list[str], linked: frozenset[str]) -> None:
        from tui.app.screens.entity_articles import ArticleRow, EntityArticlesScreen

        self._linked_ids = linked
        rows = [ArticleRow(i, self._row_label(i)) for i in ids if self.sources.summary(i) is not None]
        if not rows:
            self.notify(f"{one_line(entity.name)} is not named in any other article here")
            return

        def opened(article_id: str | None) -> None:
            if article_id:
                self.open_article(article_id, entity_id=entity.id)

        self.app.push_screen(EntityArticlesScreen(entity.name, rows), opened)

    def _row_label(self, article_id: str) -> str:
        summary = self.sources.summary(article_id)
        if summary is None:
            return article_id
        title = summary.title or f"¶ {summary.first_words}"
        parts = (summary.source or "(unknown outlet)", short_date(summary.published).strip(), title)
        return " · ".join(part for part in parts if part)

    def action_search(self) -> None:
        from tui.app.screens.search import SearchScreen

        def opened(article_id: str | None) -> None:
            if article_id:
                self.open_article(article_id)

        self.app.push_screen(SearchScreen(lambda q, n: self.app.library().search(q, n)), opened)

    def action_toggle_side_panel(self) -> None:
        hidden = not self.has_class("-side-hidden")
        self.set_class(hidden, "-side-hidden")
        # at 80 columns three panes leave the article ~25 columns: the side panel takes the
        # source list's place instead (n, p, ] and [ still walk the list)
        self.set_class(not hidden and self.app.size.width < NARROW, "-sources-hidden")
        if hidden and self.focused is self.panel:
            self.article_view.focus()
        elif self.has_class("-sources-hidden") and self.focused is self.sources:
            self.panel.focus()

    # -- memory ------------------------------------------------------------------------------

    def scroll_position(self) -> tuple[str | None, int]:
        return self._current_id(), int(self.article_view.scroll_y)

    def visible_articles(self) -> Sequence[str]:
        return self.sources.order
