"""The article pane (centre): headline, meta line, and the paragraphs with entities and quotes.

Text is built as `Content` with spans over the article's own characters, never as markup, so an
article that contains `[bold]` shows `[bold]`. The pane is ONE line-API scroll view over the
article's lines (`ArticleLines`): only the lines on screen are painted, a cursor or entity change
repaints only the paragraphs it touches, and turning the page changes the scrollable height but
never the pane's size, so the source list and the side panel are not laid out and painted again.
Each painted line carries selection offsets, so the mouse selects across paragraphs, ctrl+c
copies the article's own text, and `selected_span` maps a selection back to `Article.body`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence

from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style

from tui.app.printable import one_line, printable
from tui.app.widgets.article_lines import (
    HEADLINE_STYLE,
    KINDS,
    META_STYLE,
    SPEAKER_STYLE,
    UNTITLED_STYLE,
    ArticleLines,
    Highlight,
)
from tui.app.widgets.scroll_range import set_scroll_range
from tui.extract.model import DATE, ORG, PERSON, PLACE, Entity, Extraction, Quote
from tui.library.article import Article
from tui.library.dates_written import long_date

KIND_OF_TYPE = {PERSON: "person", ORG: "org", PLACE: "place", DATE: "date"}
META_SEPARATOR = " · "
MARGIN = 2  # blank columns left and right of the text
UNKNOWN_SPEAKER = "speaker unknown"
NO_META = "(outlet and date unknown)"
STYLE_NAMES = (*KINDS, SPEAKER_STYLE, HEADLINE_STYLE, UNTITLED_STYLE, META_STYLE)


def body_highlights(extraction: Extraction) -> list[Highlight]:
    """Quotes, entity mentions and dates of an extraction as highlights over the body."""
    marks: list[Highlight] = []
    for quote in extraction.quotes:
        for start, end in quote_pieces(quote):
            marks.append(Highlight(start, end, "quote"))
    for entity in extraction.entities:
        kind = KIND_OF_TYPE.get(entity.type)
        if kind:
            marks.extend(Highlight(m.start, m.end, kind) for m in entity.mentions)
    marks.extend(Highlight(d.start, d.end, "date") for d in extraction.dates)
    return marks


def quote_pieces(quote: Quote) -> list[tuple[int, int]]:
    """The quoted stretches of a quote (several when it is split around its attribution)."""
    return [(p.start, p.end) for p in quote.parts] or [(quote.start, quote.end)]


def paragraph_ranges(article: Article) -> list[tuple[int, int]]:
    """The article's paragraphs as body offsets; when the parser gave none, its non-empty lines."""
    body = article.body
    ranges = [(max(0, a), min(len(body), b)) for a, b in article.paragraphs if b > a]
    if ranges:
        return sorted(ranges)
    out, at = [], 0
    for line in body.split("\n"):
        if line.strip():
            out.append((at, at + len(line)))
        at += len(line) + 1
    return out


def meta_line(article: Article) -> str:
    """outlet · dateline · date · byline, leaving out what is unknown."""
    parts = [
        article.source,
        article.dateline,
        long_date(article.published) if article.published else None,
        article.byline or article.author,
    ]
    return META_SEPARATOR.join(one_line(p.strip()) for p in parts if p and p.strip())


def first_words(body: str, count: int = 12) -> str:
    words = body.split()[:count]
    return " ".join(words) + (" …" if len(body.split(maxsplit=count)) > count else "")


class ArticleView(ScrollView, can_focus=True):
    """Centre pane. The screen calls `show`, moves the quote cursor and chooses entities;
    the view paints and scrolls. `quote_at_cursor` and `selected_span` are the hooks for
    annotating what is under the cursor or the mouse selection. `scroll_y` counts lines from
    the top of the document (the headline's blank line is line 0)."""

    COMPONENT_CLASSES = {f"article-view--{name}" for name in STYLE_NAMES}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.extraction = Extraction()
        self.quotes: list[Quote] = []
        self.quote_cursor: int | None = None
        self.chosen: Entity | None = None
        self.mention_index: int | None = None
        self.lines = ArticleLines()
        self._focus_span: tuple[int, int] | None = None
        self._ranges: list[tuple[int, int]] = []
        self._starts: list[int] = []
        self._layers: dict[str, list[Highlight]] = {}  # name -> marks laid over the body
        self._base: list[list[Highlight]] = []  # per paragraph, relative to its start
        self._strips: dict[int, Strip] = {}  # painted document lines (no selection on them)
        self._pending_scroll: int | None = None  # asked for before the pane had a width

    def on_mount(self) -> None:
        self.lines.restyle(self._read_styles())
        self.app.theme_changed_signal.subscribe(self, self._restyle)

    def _read_styles(self) -> dict[str, Style]:
        return {name: self.get_visual_style(f"article-view--{name}", partial=True) for name in STYLE_NAMES}

    def _restyle(self, _theme: object) -> None:
        self._visual_style_cache.clear()  # the new theme changes what the component styles resolve to
        self.lines.restyle(self._read_styles())
        self._repaint_all()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    # -- what is shown -----------------------------------------------------------------------

    @property
    def headline_text(self) -> str:
        return self.lines.headline

    @property
    def meta_text(self) -> str:
        return self.lines.meta

    def show_message(self, headline: str, detail: str = "") -> None:
        """Show a placeholder (no article yet, or the library is empty)."""
        self.article, self.extraction, self.quotes = None, Extraction(), []
        self.quote_cursor = self.mention_index = self._focus_span = self.chosen = None
        self._layers = {}
        self.lines.set_header(one_line(headline), one_line(detail))
        self._fill_blocks([])
        self._content_changed(0)

    def show(self, article: Article, extraction: Extraction, scroll_y: int = 0) -> None:
        """Paint `article`. Entities and quotes come from `extraction` (offsets into the body)."""
        self.article, self.extraction = article, extraction
        self.quotes = sorted(extraction.quotes, key=lambda q: q.start)
        self.quote_cursor = self.mention_index = self._focus_span = self.chosen = None
        self._layers = {}
        if article.title and article.title.strip():
            self.lines.set_header(one_line(article.title.strip()), meta_line(article) or NO_META)
        else:
            headline = "(no headline) " + one_line(first_words(article.body))
            self.lines.set_header(headline, meta_line(article) or NO_META, untitled=True)
        self._fill_blocks(paragraph_ranges(article))
        self._content_changed(scroll_y)

    def _fill_blocks(self, ranges: list[tuple[int, int]]) -> None:
        body = self.article.body if self.article else ""
        by_paragraph = _split_by_paragraph(body_highlights(self.extraction), ranges)
        speakers = _speakers_by_paragraph(self.quotes, ranges)
        self._ranges = ranges
        self._starts = [start for start, _ in ranges]
        self._base = [
            [Highlight(h.start - start, h.end - start, h.kind) for h in marks]
            for (start, _), marks in zip(ranges, by_paragraph, strict=True)
        ]
        labels = [", ".join(speakers[n]) if n in speakers else None for n in range(len(ranges))]
        self.lines.set_paragraphs(body, ranges, labels)
        self._paint(range(len(ranges)))

    def _paint(self, numbers: Iterable[int]) -> None:
        overlay = self._overlay()
        for number in numbers:
            start, end = self._ranges[number]
            mine = [
                Highlight(max(h.start, start) - start, min(h.end, end) - start, h.kind)
                for h in overlay
                if h.start < end and h.end > start
            ]
            touched = self.lines.paint(number, [*self._base[number], *mine])
            if touched:
                for y in touched:
                    self._strips.pop(y, None)
                self.refresh_lines(touched.start, len(touched))

    @property
    def paragraph_count(self) -> int:
        return len(self._ranges)

    def paragraph_marks(self, number: int) -> list[Highlight]:
        """What paragraph `number` is painted with (relative to its start): for tests and tools."""
        return list(self.lines.marks[number])

    def paragraph_text(self, number: int) -> str:
        return self.lines.texts[number]

    def painted_lines(self, number: int) -> list[Content]:
        """The painted lines of paragraph `number` at the pane's width (for tests and tools)."""
        self._lay_out()
        return self.lines.painted_lines(number)

    def _overlay(self) -> list[Highlight]:
        marks: list[Highlight] = [h for layer in self._layers.values() for h in layer]
        if self.chosen is not None:
            marks += [Highlight(m.start, m.end, "chosen") for m in self.chosen.mentions]
            if self.mention_index is not None:
                m = self.chosen.mentions[self.mention_index]
                marks.append(Highlight(m.start, m.end, "current"))
        if self._focus_span is not None:
            marks.append(Highlight(*self._focus_span, "current"))
        if self.quote_cursor is not None:
            marks += [Highlight(a, b, "cursor") for a, b in quote_pieces(self.quotes[self.quote_cursor])]
        return marks

    def _repaint_overlay(self, before: list[Highlight]) -> None:
        touched: set[int | None] = set()
        for h in before + self._overlay():  # every paragraph a mark spans, not just its first
            first, last = self._paragraph_at(h.start), self._paragraph_at(max(h.start, h.end - 1))
            touched.update(range(first, last + 1) if first is not None and last is not None else [first])
        self._paint(sorted(n for n in touched if n is not None))

    def set_layer(self, name: str, marks: Sequence[Highlight]) -> None:
        """Lay `marks` (kind "note" or "selection") over the body under `name`, replacing what that
        layer held; an empty list clears it. Layers are dropped when another article is shown."""
        before = self._overlay()
        if marks:
            self._layers[name] = list(marks)
        else:
            self._layers.pop(name, None)
        self._repaint_overlay(before)

    # -- layout: the document's height is the scrollable height, the pane keeps its size --------

    def _content_changed(self, scroll_y: int) -> None:
        """A new document: lay it out now if the pane has a width, and scroll to `scroll_y`."""
        self._strips.clear()
        if self._lay_out():
            self._pending_scroll = None
            self.scroll_to(y=scroll_y, animate=False, immediate=True)
        else:
            self._pending_scroll = scroll_y
        self.refresh()

    def _lay_out(self) -> bool:
        """Wrap the document for the pane's width; False while the pane has no width yet."""
        width = self._text_width()
        if width <= 0:
            return False
        if self.lines.lay_out(width):
            self._strips.clear()
            set_scroll_range(self, Size(width, len(self.lines.lines)))
        return True

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        """A new pane size: re-wrap for the new width, keeping the line at the top in view."""
        old_width = self.lines.width
        top = self._first_visible_offset() if old_width > 0 and self._starts else None
        changed = super()._size_updated(size, virtual_size, container_size, layout)
        if self._text_width() != old_width and self._lay_out():
            if self._pending_scroll is not None:
                self.scroll_to(y=self._pending_scroll, animate=False, immediate=True)
                self._pending_scroll = None
            elif top is not None and top > self._starts[0]:
                self.scroll_to(y=self.lines.line_of(top), animate=False, immediate=True)
            self.refresh()
        return changed

    def _text_width(self) -> int:
        """Columns for text: the pane's inside, less the scrollbar (always kept) and the margins."""
        return self.scrollable_content_region.width - 2 * MARGIN

    def _repaint_all(self) -> None:
        self._strips.clear()
        self.refresh()

    # -- painting ----------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.visual_style
        if self.lines.width != self._text_width():
            self._lay_out()
        line_y = int(self.scroll_y) + y
        if not 0 <= line_y < len(self.lines.lines):
            return Strip.blank(width, base.rich_style)
        selection = self.text_selection
        strip = self._strips.get(line_y) if selection is None else None
        if strip is not None:
            return strip
        content = self.lines.line(line_y)
        if selection is not None and (span := selection.get_span(line_y)) is not None:
            start, end = span
            end = len(content.plain) if end == -1 else end
            content = content.stylize(self.screen.get_visual_style("screen--selection"), start, end)
        # The margins are painted here, not by CSS padding (nor a border): Textual would otherwise
        # compose padding and border into every line again on each new article, ~2 ms a frame.
        text = Strip(content.render_segments(base)).apply_offsets(0, line_y)
        margin = Strip.blank(MARGIN, base.rich_style)
        strip = Strip.join([margin, text]).crop_extend(0, width, base.rich_style)
        if selection is None:
            self._strips[line_y] = strip
        return strip

    def selection_updated(self, selection: Selection | None) -> None:
        self._repaint_all()

    # -- the mouse selection -----------------------------------------------------------------

    def span_of_selection(self, selection: Selection) -> tuple[int, int] | None:
        """A selection (columns and document lines) as (start, end) offsets into the body."""
        lines = self.lines
        if not lines.starts:
            return None
        start, end = selection.start, selection.end
        first = lines.body_offset(start.x, start.y) if start else lines.starts[0]
        last = lines.body_offset(end.x, end.y) if end else lines.body_end()
        return (first, last) if last > first else None

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """What ctrl+c copies: the article's own text under the selection (no speaker lines)."""
        span = self.span_of_selection(selection)
        return (printable(self.lines.body[span[0] : span[1]]), "\n") if span else None

    def selected_span(self) -> tuple[int, int] | None:
        """The mouse selection inside the body as (start, end) body offsets, or None."""
        selection = self.screen.selections.get(self)
        return self.span_of_selection(selection) if selection is not None else None

    # -- cursor, entities, spans ------------------------------------------------------------

    @property
    def quote_at_cursor(self) -> Quote | None:
        return self.quotes[self.quote_cursor] if self.quote_cursor is not None else None

    def move_quote(self, step: int) -> Quote | None:
        """Move the quote cursor `step` quotes on (from the screen's top when there is none yet).
        Returns the quote now under the cursor, or None when there is no quote that way."""
        if not self.quotes:
            return None
        if self.quote_cursor is None:
            # the first press starts from what is on screen, not from the top of the article
            top = self._first_visible_offset()
            last = len(self.quotes) - 1
            if step > 0:
                target = next((i for i, q in enumerate(self.quotes) if q.start >= top), last)
            else:
                target = max((i for i, q in enumerate(self.quotes) if q.start < top), default=last)
        else:
            target = self.quote_cursor + step
            if not 0 <= target < len(self.quotes):
                return None
        self.set_quote_cursor(target)
        return self.quotes[target]

    def set_quote_cursor(self, index: int | None) -> None:
        before = self._overlay()
        self.quote_cursor = index
        self._repaint_overlay(before)
        if index is not None:
            self.scroll_to_offset(self.quotes[index].start)

    def choose_entity(self, entity: Entity | None, mention: int | None = 0) -> None:
        """Highlight every mention of `entity` and put the current mark on mention `mention`."""
        before = self._overlay()
        self.chosen = entity if entity is not None and entity.mentions else None
        self.mention_index = mention if self.chosen is not None and mention is not None else None
        self._focus_span = None
        self._repaint_overlay(before)
        if self.chosen is not None and self.mention_index is not None:
            self.scroll_to_offset(self.chosen.mentions[self.mention_index].start)

    def move_mention(self, step: int) -> int | None:
        """Move to the next (or previous) mention of the chosen entity, wrapping at the ends.
        Returns the new mention index, or None when no entity is chosen."""
        if self.chosen is None:
            return None
        count = len(self.chosen.mentions)
        if self.mention_index is None:
            target = 0 if step > 0 else count - 1
        else:
            target = (self.mention_index + step) % count
        self.choose_entity(self.chosen, target)
        return target

    def focus_span(self, start: int, end: int) -> None:
        """Mark one stretch of the body (a date, a search hit) and scroll to it."""
        before = self._overlay()
        self._focus_span = (start, end)
        self._repaint_overlay(before)
        self.scroll_to_offset(start)

    # -- scrolling ---------------------------------------------------------------------------

    def _paragraph_at(self, offset: int) -> int | None:
        number = bisect_right(self._starts, offset) - 1
        return number if 0 <= number < len(self._ranges) else None

    def _first_visible_offset(self) -> int:
        """The body offset at the top of the pane: 0 while the headline is in view."""
        lines = self.lines
        top = int(self.scroll_y)
        if not 0 <= top < len(lines.lines):
            return len(lines.body)
        return lines.body_offset(0, top) if lines.lines[top].paragraph >= 0 else 0

    def line_of(self, offset: int) -> int:
        """The document line that shows body `offset`."""
        self._lay_out()
        return self.lines.line_of(offset)

    def scroll_to_offset(self, offset: int) -> None:
        """Bring the line that shows body `offset` into view (a third down the pane) if it is not."""
        if self._lay_out():
            self._scroll_to_offset_now(offset)
        else:
            self.call_after_refresh(self._scroll_to_offset_now, offset)

    def _scroll_to_offset_now(self, offset: int) -> None:
        if self._paragraph_at(offset) is None or not self._lay_out():
            return
        y = self.lines.line_of(offset)
        height = self.scrollable_content_region.height
        if not self.scroll_y <= y < self.scroll_y + height - 1:
            self.scroll_to(y=max(0, y - height // 3), animate=False, immediate=True)


def _split_by_paragraph(marks: list[Highlight], ranges: list[tuple[int, int]]) -> list[list[Highlight]]:
    """Each paragraph's share of the highlights, clipped to it, in paint order."""
    out: list[list[Highlight]] = [[] for _ in ranges]
    starts = [a for a, _ in ranges]
    order = {kind: n for n, kind in enumerate(KINDS)}
    for mark in sorted(marks, key=lambda h: order.get(h.kind, 0)):
        number = max(0, bisect_right(starts, mark.start) - 1)
        while number < len(ranges) and ranges[number][0] < mark.end:
            start, end = ranges[number]
            if mark.end > start and mark.start < end:
                out[number].append(Highlight(max(mark.start, start), min(mark.end, end), mark.kind))
            number += 1
    return out


def _speakers_by_paragraph(quotes: list[Quote], ranges: list[tuple[int, int]]) -> dict[int, list[str]]:
    starts = [a for a, _ in ranges]
    out: dict[int, list[str]] = {}
    for quote in quotes:
        number = bisect_right(starts, quote.start) - 1
        if number < 0:
            continue
        name = one_line(quote.speaker.strip()) if quote.speaker and quote.speaker.strip() else UNKNOWN_SPEAKER
        names = out.setdefault(number, [])
        if name not in names:
            names.append(name)
    return out
