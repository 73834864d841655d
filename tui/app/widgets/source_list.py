"""The source list (left pane): articles grouped by outlet, with counts and read marks.

A line-API `ScrollView`: every row is one line, so the list knows its height without measuring
anything, and only the rows on screen are ever built and painted. (An `OptionList` measures every
option when it is filled: seconds for 10,000 articles.) Outlet headers are rows the cursor skips.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from textual import events
from textual.binding import Binding
from textual.content import Content, Span
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style

from tui.app.printable import one_line
from tui.app.widgets.scroll_range import set_scroll_range
from tui.reader_state import SORT_BY_OUTLET

if TYPE_CHECKING:
    from tui.library.index import ArticleSummary  # heavy (SQLite, parser): not at start-up

UNKNOWN_OUTLET = "(unknown outlet)"
ROW_CACHE = 512  # built rows kept: a few screens' worth
UNREAD_MARK = "● "
READ_MARK = "  "
UNTITLED_MARK = "¶ "  # a row whose headline was made from the first words of the text
LOADING_TEXT = " Listing the library…"
TITLE_LIMIT = 300  # characters kept for a row; the rest could never be seen
PAGE_CONTEXT_ROWS = 3  # rows kept in view from the page before when the list turns a page
STEP_ROWS = 3  # a cursor this close past an edge came by stepping (n/p/j/k), not by a jump


@dataclass(frozen=True, slots=True)
class OutletGroup:
    """The articles of one outlet, in display order."""

    name: str
    article_ids: tuple[str, ...]


def outlet_key(source: str | None) -> str:
    """Outlets are grouped regardless of case (`KOMPAS.com` and `Kompas.com` are one)."""
    return source.strip().casefold() if source and source.strip() else ""


def group_by_outlet(summaries: Iterable[ArticleSummary], sort: str) -> list[OutletGroup]:
    """Articles grouped by outlet, newest first inside each group.

    `sort="outlet"` orders groups by name; `sort="date"` puts the outlet with the latest
    article first. Articles without a known outlet form the last group in both orders.
    """
    members: dict[str, list[ArticleSummary]] = {}
    spellings: dict[str, Counter[str]] = {}
    for summary in summaries:
        key = outlet_key(summary.source)
        members.setdefault(key, []).append(summary)
        if key:
            spellings.setdefault(key, Counter())[summary.source.strip()] += 1  # type: ignore[union-attr]
    for rows in members.values():
        rows.sort(key=_newest_first)

    def group_order(key: str) -> tuple:
        newest = members[key][0].published
        if sort == SORT_BY_OUTLET:
            return (key == "", key)
        return (key == "", newest is None, -(newest.toordinal() if newest else 0), key)

    groups = []
    for key in sorted(members, key=group_order):
        name = spellings[key].most_common(1)[0][0] if key else UNKNOWN_OUTLET
        groups.append(OutletGroup(one_line(name), tuple(s.id for s in members[key])))
    return groups


def _newest_first(summary: ArticleSummary) -> tuple:
    published = summary.published
    return (published is None, -(published.toordinal() if published else 0), summary.file, summary.story)


def short_date(published: date | None) -> str:
    """Day first, as Indonesian readers write it: 17/05/25; blanks when unknown."""
    return published.strftime("%d/%m/%y") if published else " " * 8


class SourceList(ScrollView, can_focus=True):
    """Left pane. Posts `ArticleChosen` when the user opens a row (enter or click)."""

    BINDINGS = [
        Binding("down", "cursor_down", "Down", show=False),
        Binding("up", "cursor_up", "Up", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("enter", "select", "Open", show=False),
    ]
    COMPONENT_CLASSES = {
        "source-list--outlet",
        "source-list--unread",
        "source-list--date",
        "source-list--untitled",
        "source-list--read",
        "source-list--cursor",
    }
    # repaint=False: the watcher repaints only the two rows whose highlight changed, not the list
    cursor: reactive[int | None] = reactive(None, always_update=True, repaint=False)
    # the list is being read: says so while it is empty. (Not `loading`: that name is Textual's own
    # reactive, which mounts an animated LoadingIndicator over the pane and re-lays out the screen.)
    listing: reactive[bool] = reactive(False)

    class ArticleChosen(Message):
        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.groups: list[OutletGroup] = []
        self.order: list[str] = []  # article ids in display order (what n/p walk)
        # one entry per line: an article id, or the index of an outlet group (its header)
        self._rows: list[str | int] = []
        self._row_of: dict[str, int] = {}
        self._header_row: dict[int, int] = {}
        self._summaries: dict[str, ArticleSummary] = {}
        self._group_of: dict[str, int] = {}
        self._position: dict[str, int] = {}
        self._read: set[str] = set()
        self._dated = False
        self._built: dict[int, Content] = {}
        self._strips: dict[tuple[int, bool, int], Strip] = {}  # painted lines, by row, cursor, width
        self._styles: dict[str, Style] = {}

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._restyle)

    def _restyle(self, _theme: object = None) -> None:
        self._styles = {}
        self._built.clear()
        self._strips.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._restyle()

    # -- filling -----------------------------------------------------------------------------

    def show_library(
        self, summaries: Sequence[ArticleSummary], sort: str, read: Iterable[str], keep: str | None = None
    ) -> None:
        """Replace every row. `keep` is the article to keep under the cursor (the one being read)."""
        keep = keep if keep is not None else self.highlighted_article()
        self._summaries = {}
        for summary in summaries:
            self._summaries.setdefault(summary.id, summary)  # a story found twice is listed once
        self._read = set(read) & self._summaries.keys()
        # a date column only when some article has a date: blanks would only push titles off
        self._dated = any(s.published for s in self._summaries.values())
        self.groups = group_by_outlet(self._summaries.values(), sort)
        self.order = [article_id for group in self.groups for article_id in group.article_ids]
        self._group_of = {aid: g for g, group in enumerate(self.groups) for aid in group.article_ids}
        self._position = {aid: i for i, aid in enumerate(self.order)}
        self._rows = []
        for number, group in enumerate(self.groups):
            self._rows.append(number)
            self._rows.extend(group.article_ids)
        self._row_of = {row: y for y, row in enumerate(self._rows) if isinstance(row, str)}
        self._header_row = {row: y for y, row in enumerate(self._rows) if isinstance(row, int)}
        self._built.clear()
        self._strips.clear()
        self._update_scroll_range()
        self.cursor = None
        target = keep if keep in self._row_of else (self.order[0] if self.order else None)
        if target is not None:
            self.highlight_article(target)
        self.refresh()

    def _style(self, name: str) -> Style:
        if name not in self._styles:
            self._styles[name] = self.get_visual_style(name, partial=True)
        return self._styles[name]

    def _header_prompt(self, group: OutletGroup) -> Content:
        unread = sum(1 for aid in group.article_ids if aid not in self._read)
        counts = f"  {len(group.article_ids)}" + (f" · {unread} new" if unread else "")
        text = group.name + counts
        return Content(text, [Span(0, len(text), self._style("source-list--outlet"))])

    def _row_prompt(self, article_id: str) -> Content:
        summary = self._summaries[article_id]
        is_read = article_id in self._read
        mark = READ_MARK if is_read else UNREAD_MARK
        day = short_date(summary.published) + " " if self._dated else ""
        if summary.title and summary.title.strip():
            title, untitled = one_line(summary.title.strip())[:TITLE_LIMIT], ""
        else:
            title, untitled = one_line(summary.first_words.strip())[:TITLE_LIMIT] or "(empty)", UNTITLED_MARK
        text = mark + day + untitled + title
        at = len(mark)
        spans = [Span(at, at + len(day), self._style("source-list--date"))] if day else []
        if not is_read:
            spans.append(Span(0, len(mark), self._style("source-list--unread")))
        body_style = "source-list--untitled" if untitled else ("source-list--read" if is_read else "")
        if body_style:
            spans.append(Span(at + len(day), len(text), self._style(body_style)))
        return Content(text, spans)

    def row_content(self, y: int) -> Content:
        """The text of line `y` (built on first use, then cached)."""
        content = self._built.get(y)
        if content is None:
            row = self._rows[y]
            content = self._row_prompt(row) if isinstance(row, str) else self._header_prompt(self.groups[row])
            if len(self._built) >= ROW_CACHE:
                self._built.clear()
            self._built[y] = content
        return content

    def row_text(self, article_id: str) -> str:
        return str(self.row_content(self._row_of[article_id]))

    def header_texts(self) -> list[str]:
        return [str(self.row_content(y)) for y, row in enumerate(self._rows) if isinstance(row, int)]

    # -- painting ----------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        row = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        base = self.visual_style
        if not 0 <= row < len(self._rows):
            if self.listing and not self._rows and row == 0:
                text = Content(LOADING_TEXT, [Span(0, len(LOADING_TEXT), self._style("source-list--date"))])
                return Strip(text.truncate(width).render_segments(base)).crop_extend(
                    0, width, base.rich_style
                )
            return Strip.blank(width, base.rich_style)
        key = (row, row == self.cursor, width)
        strip = self._strips.get(key)
        if strip is None:
            content = self.row_content(row).truncate(width, ellipsis=True)
            if row == self.cursor:
                content = content.stylize(self._cursor_style())
                base = base + self._cursor_style()
            strip = Strip(content.render_segments(base)).crop_extend(0, width, base.rich_style)
            if len(self._strips) >= ROW_CACHE:
                self._strips.clear()
            self._strips[key] = strip
        return strip

    def _cursor_style(self) -> Style:
        return self._style("source-list--cursor")  # the CSS gives it a stronger colour under :focus

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        # Textual passes the arranged size of this childless view, never the virtual size set in
        # show_library; ScrollView compares the two, finds them different on every layout of the
        # screen and repaints the scrollbar each time (46 lines on every `n`). Ours is the truth.
        return super()._size_updated(size, self.virtual_size, container_size, layout)

    def _update_scroll_range(self) -> None:
        """One line per row (`_size_updated` below keeps this value as the truth)."""
        set_scroll_range(self, Size(self.scrollable_content_region.width, len(self._rows)))

    def on_resize(self) -> None:
        self._update_scroll_range()
        self._built.clear()
        self._strips.clear()

    def on_focus(self) -> None:
        self._restyle()

    def on_blur(self) -> None:
        self._restyle()

    # -- the cursor --------------------------------------------------------------------------

    def watch_cursor(self, old: int | None, new: int | None) -> None:
        top = self.scroll_offset.y
        self._scroll_to_cursor()
        if self.scroll_offset.y != top:
            self.refresh()
            return
        for row in (old, new):  # only the two lines whose highlight changed
            self._refresh_row(row)

    def _refresh_row(self, row: int | None) -> None:
        if row is not None and 0 <= row - self.scroll_offset.y < self.size.height:
            self.refresh_line(row)  # takes the virtual line number

    def _scroll_to_cursor(self) -> None:
        if self.cursor is None:
            return
        height = max(1, self.scrollable_content_region.height)
        top = self.scroll_offset.y
        if top <= self.cursor < top + height:
            return
        # Off screen. A step just past an edge (n, p, j, k) turns a page: the cursor goes near the
        # other edge, with a few rows of context, so walking the list repaints it all (and its
        # scrollbar) once per screenful of rows, not once per press nor once per half screen.
        # A jump (search, history) brings the cursor to the middle.
        context = min(PAGE_CONTEXT_ROWS, height // 4)
        if top + height <= self.cursor < top + height + STEP_ROWS:
            y = self.cursor - context
        elif top - STEP_ROWS <= self.cursor < top:
            y = self.cursor - height + 1 + context
        else:
            y = self.cursor - height // 2
        if self.cursor < top:
            # keep the outlet header above the first article of a group in view
            header_above = self.cursor > 0 and isinstance(self._rows[self.cursor - 1], int)
            y = min(y, self.cursor - 1 if header_above else self.cursor)
        self.scroll_to(y=max(0, y), animate=False, immediate=True)

    def _move(self, step: int) -> None:
        if not self.order:
            return
        current = self.highlighted_article()
        at = self._position.get(current) if current else None
        target = 0 if at is None else min(max(at + step, 0), len(self.order) - 1)
        self.cursor = self._row_of[self.order[target]]

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_first(self) -> None:
        if self.order:
            self.cursor = self._row_of[self.order[0]]
            self.scroll_home(animate=False, immediate=True)

    def action_last(self) -> None:
        if self.order:
            self.cursor = self._row_of[self.order[-1]]

    def action_page_down(self) -> None:
        self._move(max(1, self.scrollable_content_region.height - 1))

    def action_page_up(self) -> None:
        self._move(-max(1, self.scrollable_content_region.height - 1))

    def action_select(self) -> None:
        article_id = self.highlighted_article()
        if article_id is not None:
            self.post_message(self.ArticleChosen(article_id))

    def on_click(self, event: events.Click) -> None:
        row = self.scroll_offset.y + event.y
        if 0 <= row < len(self._rows) and isinstance(self._rows[row], str):
            self.cursor = row
            self.post_message(self.ArticleChosen(self._rows[row]))

    # -- queries used by the screen ----------------------------------------------------------

    def summary(self, article_id: str) -> ArticleSummary | None:
        return self._summaries.get(article_id)

    def position(self, article_id: str | None) -> int | None:
        """The article's place in display order (0-based), or None when it is not listed."""
        return self._position.get(article_id) if article_id is not None else None

    def step_article(self, current: str | None, step: int) -> str | None:
        """The article `step` rows after `current` in display order (the first when none)."""
        if not self.order:
            return None
        at = self.position(current)
        if at is None:
            return self.order[0] if step > 0 else self.order[-1]
        target = at + step
        return self.order[target] if 0 <= target < len(self.order) else None

    def step_outlet(self, current: str | None, step: int) -> str | None:
        """The first article of the outlet `step` groups after the current one."""
        if not self.groups:
            return None
        group = self._group_of.get(current) if current else None
        target = (0 if step > 0 else len(self.groups) - 1) if group is None else group + step
        return self.groups[target].article_ids[0] if 0 <= target < len(self.groups) else None

    def outlet_name(self, article_id: str) -> str | None:
        group = self._group_of.get(article_id)
        return self.groups[group].name if group is not None else None

    def highlighted_article(self) -> str | None:
        if self.cursor is None or not 0 <= self.cursor < len(self._rows):
            return None
        row = self._rows[self.cursor]
        return row if isinstance(row, str) else None

    # -- updates -----------------------------------------------------------------------------

    def highlight_article(self, article_id: str) -> None:
        if article_id in self._row_of:
            self.cursor = self._row_of[article_id]

    def set_read(self, article_id: str, read: bool) -> None:
        """Repaint one row and its outlet header after a read mark changed."""
        if article_id not in self._summaries or (article_id in self._read) == read:
            return
        if read:
            self._read.add(article_id)
        else:
            self._read.discard(article_id)
        for y in (self._row_of[article_id], self._header_row[self._group_of[article_id]]):
            self._built.pop(y, None)
            self._strips.pop((y, False, self.scrollable_content_region.width), None)
            self._strips.pop((y, True, self.scrollable_content_region.width), None)
            self._refresh_row(y)
