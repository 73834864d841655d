"""The article pane (centre): headline, meta line, and the paragraphs with entities and quotes.

Text is built as `Content` with spans over the article's own characters, never as markup, so an
article that contains `[bold]` shows `[bold]`. All paragraphs live in ONE line-API widget
(`ArticleBody`): turning the page costs one widget's layout instead of two dozen, only the lines
on screen are painted, and a cursor or entity change repaints only the paragraphs it touches.
Each painted line carries selection offsets, so the mouse selects across paragraphs, ctrl+c
copies the article's own text, and `selected_span` maps a selection back to `Article.body`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from rich._wrap import divide_line
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content, Span
from textual.geometry import Offset, Region, Size
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget
from textual.widgets import Static

from tui.app.printable import one_line, printable
from tui.extract.model import DATE, ORG, PERSON, PLACE, Entity, Extraction, Quote
from tui.library.article import Article
from tui.library.dates_written import long_date

KIND_OF_TYPE = {PERSON: "person", ORG: "org", PLACE: "place", DATE: "date"}
# Paint order: later kinds are laid over earlier ones where spans overlap.
# "note" (annotated passages) and "selection" (the keyboard selection) come from `set_layer`.
KINDS = ("quote", "person", "org", "place", "date", "note", "chosen", "current", "selection", "cursor")
META_SEPARATOR = " · "
QUOTE_MARK = "❝ "
UNKNOWN_SPEAKER = "speaker unknown"
SPEAKER_STYLE = "speaker"  # the line naming the speakers above a paragraph with quotes
TEXT, LABEL, GAP = 0, 1, 2  # the kinds of line in the body


@dataclass(frozen=True, slots=True)
class Highlight:
    """A styled stretch of the body: `kind` is one of KINDS."""

    start: int
    end: int
    kind: str


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


class BodyLine(NamedTuple):
    """One line of the body on screen: wrapped text of a paragraph, a speaker line, or a gap.

    `start`/`end` index the paragraph's text; a speaker line sits at the start of its paragraph
    and a gap at the end of the one before, which is where a selection ending on them stops."""

    kind: int
    paragraph: int
    start: int
    end: int


def wrap_ranges(text: str, width: int) -> list[tuple[int, int]]:
    """Where `text` is cut into lines of at most `width` cells, as (start, end) offsets into it.

    Hard line breaks end a line; long lines are cut between words (words longer than a line are
    folded). The white space at a cut belongs to no line, as in Textual's own wrapping."""
    ranges: list[tuple[int, int]] = []
    at = 0
    for line in text.split("\n"):
        cuts = divide_line(line, max(1, width), fold=True) if line else []
        starts = [0, *cuts]
        for first, after in zip(starts, [*cuts, len(line)], strict=True):
            piece = line[first:after]
            ranges.append((at + first, at + first + len(piece.rstrip()) if piece.strip() else at + after))
        at += len(line) + 1
    return ranges


class ArticleBody(Widget):
    """The paragraphs of one article, painted line by line.

    The view hands over the texts (`set_paragraphs`) and the marks of each paragraph (`paint`);
    this widget wraps them for its width, paints only the lines asked for, and keeps the painted
    lines until their paragraph's marks, the width or the theme change."""

    DEFAULT_CSS = "ArticleBody { height: auto; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.body = ""
        self.starts: list[int] = []
        self.texts: list[str] = []
        self.labels: list[str | None] = []
        self.marks: list[list[Highlight]] = []  # per paragraph, relative to its start, paint order
        self.mark_styles: dict[str, Style] = {}
        self._width = -1
        self._lines: list[BodyLine] = []
        self._first_line: list[int] = []
        self._painted: dict[int, dict[int, Content]] = {}  # paragraph -> line start -> its text
        self._strips: dict[int, Strip] = {}

    # -- what to show ------------------------------------------------------------------------

    def set_paragraphs(
        self, body: str, ranges: Sequence[tuple[int, int]], labels: Sequence[str | None]
    ) -> None:
        """Show `body[start:end]` for each range, with an optional speaker line above it."""
        self.body = body
        self.starts = [start for start, _ in ranges]
        self.texts = [printable(body[start:end]) for start, end in ranges]
        self.labels = list(labels)
        self.marks = [[] for _ in ranges]
        self._width = -1
        self._painted.clear()
        self._strips.clear()
        self.refresh(layout=True)

    def paint(self, number: int, marks: list[Highlight]) -> None:
        """Give paragraph `number` its marks (relative to its start) and repaint its lines."""
        self.marks[number] = marks
        self._painted.pop(number, None)
        if self._width < 0 or number >= len(self._first_line):
            return  # not laid out yet: everything is painted on the first render anyway
        first = self._first_line[number]
        last = self._first_line[number + 1] if number + 1 < len(self._first_line) else len(self._lines)
        for y in range(first, last):
            self._strips.pop(y, None)
        if last > first:
            self.refresh(Region(0, first, max(1, self.size.width), last - first))

    def restyle(self, styles: dict[str, Style]) -> None:
        self.mark_styles = styles
        self._painted.clear()
        self._strips.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    # -- layout ------------------------------------------------------------------------------

    def _lay_out(self, width: int) -> None:
        if width == self._width:
            return
        self._width = width
        self._painted.clear()
        self._strips.clear()
        lines: list[BodyLine] = []
        self._first_line = []
        for number, text in enumerate(self.texts):
            if number:
                end = len(self.texts[number - 1])
                lines.append(BodyLine(GAP, number - 1, end, end))
            if self.labels[number]:
                lines.append(BodyLine(LABEL, number, 0, 0))
            self._first_line.append(len(lines))
            lines.extend(BodyLine(TEXT, number, a, b) for a, b in wrap_ranges(text, width))
        self._lines = lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        self._lay_out(width)
        return len(self._lines)

    def lines_for(self, width: int) -> list[BodyLine]:
        self._lay_out(width)
        return self._lines

    # -- painting ----------------------------------------------------------------------------

    def _paragraph_lines(self, number: int) -> dict[int, Content]:
        """The painted text of each line of a paragraph, by the line's start offset."""
        painted = self._painted.get(number)
        if painted is None:
            text = self.texts[number]
            styles = self.mark_styles
            spans = [Span(h.start, h.end, styles[h.kind]) for h in self.marks[number] if h.kind in styles]
            content = Content(text, spans, strip_control_codes=False)
            first = self._first_line[number]
            last = self._first_line[number + 1] if number + 1 < len(self._first_line) else len(self._lines)
            ranges = [(line.start, line.end) for line in self._lines[first:last] if line.kind == TEXT]
            cuts = sorted({offset for pair in ranges for offset in pair} - {0, len(text)})
            pieces = dict(zip([0, *cuts], content.divide(cuts), strict=True))
            painted = {start: pieces[start].rstrip() for start, _ in ranges}
            self._painted[number] = painted
        return painted

    def painted_lines(self, number: int) -> list[Content]:
        """The painted lines of paragraph `number` at the current width (for tests and tools)."""
        self._lay_out(self.size.width)
        return list(self._paragraph_lines(number).values())

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        self._lay_out(width)
        base = self.visual_style
        if not 0 <= y < len(self._lines):
            return Strip.blank(width, base.rich_style)
        selection = self.text_selection
        strip = self._strips.get(y) if selection is None else None
        if strip is not None:
            return strip
        line = self._lines[y]
        if line.kind == TEXT:
            content = self._paragraph_lines(line.paragraph)[line.start]
        elif line.kind == LABEL:
            label = QUOTE_MARK + (self.labels[line.paragraph] or "")
            content = Content(label, [Span(0, len(label), self.mark_styles.get(SPEAKER_STYLE, Style()))])
            content = content.truncate(width, ellipsis=True)
        else:
            content = Content("")
        if selection is not None and (span := selection.get_span(y)) is not None:
            start, end = span
            end = len(content.plain) if end == -1 else end
            content = content.stylize(self.screen.get_visual_style("screen--selection"), start, end)
        strip = Strip(content.render_segments(base)).crop_extend(0, width, base.rich_style)
        strip = strip.apply_offsets(0, y)
        if selection is None:
            self._strips[y] = strip
        return strip

    def selection_updated(self, selection: Selection | None) -> None:
        self._strips.clear()
        self.refresh()

    # -- offsets -----------------------------------------------------------------------------

    def body_offset(self, offset: Offset) -> int:
        """A point of a selection (x = column, y = line of this widget) as an offset into the body."""
        if not self._lines:
            return 0
        line = self._lines[min(max(offset.y, 0), len(self._lines) - 1)]
        start = self.starts[line.paragraph]
        if line.kind == TEXT:
            return start + min(line.start + max(offset.x, 0), line.end)
        return start + line.start  # a speaker line: its paragraph's start; a gap: the end above

    def selected_span(self, selection: Selection) -> tuple[int, int] | None:
        if not self.starts:
            return None
        start = self.body_offset(selection.start) if selection.start else self.starts[0]
        end = self.body_offset(selection.end) if selection.end else self.starts[-1] + len(self.texts[-1])
        return (start, end) if end > start else None

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """What ctrl+c copies: the article's own text under the selection (no speaker lines)."""
        span = self.selected_span(selection)
        return (printable(self.body[span[0] : span[1]]), "\n") if span else None

    def line_of(self, body_offset: int) -> int:
        """The line of this widget that shows `body_offset`."""
        if not self.starts:
            return 0
        number = max(0, bisect_right(self.starts, body_offset) - 1)
        lines = self.lines_for(self.size.width or self._width)
        inside = body_offset - self.starts[number]
        first = self._first_line[number]
        last = self._first_line[number + 1] if number + 1 < len(self._first_line) else len(lines)
        found = first
        for y in range(first, last):
            if lines[y].kind == TEXT and lines[y].start <= inside:
                found = y
        return found

    def offset_at_line(self, y: int) -> int:
        """The body offset where line `y` starts."""
        return self.body_offset(Offset(0, y))


class ArticleView(VerticalScroll, can_focus=True):
    """Centre pane. The screen calls `show`, moves the quote cursor and chooses entities;
    the view paints and scrolls. `quote_at_cursor` and `selected_span` are the hooks for
    annotating what is under the cursor or the mouse selection."""

    COMPONENT_CLASSES = {f"article-view--{kind}" for kind in (*KINDS, SPEAKER_STYLE)}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.extraction = Extraction()
        self.quotes: list[Quote] = []
        self.quote_cursor: int | None = None
        self.chosen: Entity | None = None
        self.mention_index: int | None = None
        self._focus_span: tuple[int, int] | None = None
        self._ranges: list[tuple[int, int]] = []
        self._starts: list[int] = []
        self._styles: dict[str, Style] = {}
        self._layers: dict[str, list[Highlight]] = {}  # name -> marks laid over the body
        self._base: list[list[Highlight]] = []  # per paragraph, relative to its start

    def compose(self) -> ComposeResult:
        yield Static("", id="headline", markup=False)
        yield Static("", id="meta", markup=False)
        yield ArticleBody(id="body")

    @property
    def body_widget(self) -> ArticleBody:
        return self.query_one(ArticleBody)

    def on_mount(self) -> None:
        self._styles = self._read_styles()
        self.body_widget.restyle(self._styles)
        self.app.theme_changed_signal.subscribe(self, self._restyle)

    def _read_styles(self) -> dict[str, Style]:
        kinds = (*KINDS, SPEAKER_STYLE)
        return {kind: self.get_visual_style(f"article-view--{kind}", partial=True) for kind in kinds}

    def _restyle(self, _theme: object) -> None:
        self._visual_style_cache.clear()  # the new theme changes what the component styles resolve to
        self._styles = self._read_styles()
        self.body_widget.restyle(self._styles)

    # -- showing -----------------------------------------------------------------------------

    def show_message(self, headline: str, detail: str = "") -> None:
        """Show a placeholder (no article yet, or the library is empty)."""
        self.article, self.extraction, self.quotes = None, Extraction(), []
        self.quote_cursor = self.mention_index = self._focus_span = self.chosen = None
        self._layers = {}
        self.query_one("#headline", Static).update(Content(one_line(headline)))
        self.query_one("#meta", Static).update(Content(one_line(detail)))
        self._fill_blocks([])

    def show(self, article: Article, extraction: Extraction, scroll_y: int = 0) -> None:
        """Paint `article`. Entities and quotes come from `extraction` (offsets into the body)."""
        self.article, self.extraction = article, extraction
        self.quotes = sorted(extraction.quotes, key=lambda q: q.start)
        self.quote_cursor = self.mention_index = self._focus_span = self.chosen = None
        self._layers = {}
        headline = self.query_one("#headline", Static)
        if article.title and article.title.strip():
            headline.update(Content(one_line(article.title.strip())))
            headline.remove_class("-untitled")
        else:
            headline.update(Content("(no headline) " + one_line(first_words(article.body))))
            headline.add_class("-untitled")
        self.query_one("#meta", Static).update(Content(meta_line(article) or "(outlet and date unknown)"))
        self._fill_blocks(paragraph_ranges(article))
        self.scroll_to(y=scroll_y, animate=False, immediate=True)
        if scroll_y:
            # the body is laid out on the next refresh; scroll again once it has a height
            self.call_after_refresh(self.scroll_to, y=scroll_y, animate=False)

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
        self.body_widget.set_paragraphs(body, ranges, labels)
        self._paint(range(len(ranges)))

    def _paint(self, numbers: Iterable[int]) -> None:
        overlay = self._overlay()
        widget = self.body_widget
        for number in numbers:
            start, end = self._ranges[number]
            mine = [
                Highlight(max(h.start, start) - start, min(h.end, end) - start, h.kind)
                for h in overlay
                if h.start < end and h.end > start
            ]
            widget.paint(number, [*self._base[number], *mine])

    @property
    def paragraph_count(self) -> int:
        return len(self._ranges)

    def paragraph_marks(self, number: int) -> list[Highlight]:
        """What paragraph `number` is painted with (relative to its start): for tests and tools."""
        return list(self.body_widget.marks[number])

    def paragraph_text(self, number: int) -> str:
        return self.body_widget.texts[number]

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

    def selected_span(self) -> tuple[int, int] | None:
        """The mouse selection inside the body as (start, end) body offsets, or None."""
        widget = self.body_widget
        selection = self.screen.selections.get(widget)
        return widget.selected_span(selection) if selection is not None else None

    # -- scrolling ---------------------------------------------------------------------------

    def _paragraph_at(self, offset: int) -> int | None:
        number = bisect_right(self._starts, offset) - 1
        return number if 0 <= number < len(self._ranges) else None

    def _first_visible_offset(self) -> int:
        widget = self.body_widget
        lines = widget.lines_for(widget.size.width)
        top = int(self.scroll_y) - widget.virtual_region.y
        return widget.offset_at_line(top) if 0 <= top < len(lines) else (0 if top < 0 else len(widget.body))

    def scroll_to_offset(self, offset: int) -> None:
        """Bring the line that shows body `offset` into view (a third down the pane) if it is not."""
        self.call_after_refresh(self._scroll_to_offset_now, offset)

    def _scroll_to_offset_now(self, offset: int) -> None:
        if self._paragraph_at(offset) is None:
            return
        widget = self.body_widget
        y = widget.virtual_region.y + widget.line_of(offset)
        height = self.scrollable_content_region.height
        if not self.scroll_y <= y < self.scroll_y + height - 1:
            self.scroll_to(y=max(0, y - height // 3), animate=False)


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
