"""The article pane (centre): headline, meta line, and the paragraphs with entities and quotes.

Text is built as `Content` with spans over the article's own characters, never as markup, so an
article that contains `[bold]` shows `[bold]`. Each paragraph is one `Static`, which keeps mouse
selection working across paragraphs (ctrl+c copies) and lets `selected_span` map a selection back
to offsets in `Article.body` for the annotations that come next.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from textual.containers import VerticalScroll
from textual.content import Content, Span
from textual.geometry import Offset
from textual.style import Style
from textual.widgets import Static

from tui.app.printable import one_line, printable
from tui.extract.model import DATE, ORG, PERSON, PLACE, Entity, Extraction, Quote
from tui.library.article import Article

KIND_OF_TYPE = {PERSON: "person", ORG: "org", PLACE: "place", DATE: "date"}
# Paint order: later kinds are laid over earlier ones where spans overlap.
# "note" (annotated passages) and "selection" (the keyboard selection) come from `set_layer`.
KINDS = ("quote", "person", "org", "place", "date", "note", "chosen", "current", "selection", "cursor")
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
META_SEPARATOR = " · "
QUOTE_MARK = "❝ "
UNKNOWN_SPEAKER = "speaker unknown"


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


def long_date(day: date) -> str:
    """`Sabtu, 17 Mei 2025`: the form the articles themselves use."""
    return f"{DAYS[day.weekday()]}, {day.day} {MONTHS[day.month - 1]} {day.year}"


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


class Paragraph(Static):
    """One paragraph of the body; remembers where it starts so selections map to body offsets."""

    DEFAULT_CSS = "Paragraph { height: auto; }"

    def __init__(self) -> None:
        super().__init__("", markup=False)
        self.start = 0
        self.end = 0
        self.text = ""
        self.base: list[Highlight] = []  # relative to `start`

    def set_text(self, start: int, end: int, text: str, base: list[Highlight]) -> None:
        self.start, self.end, self.text, self.base = start, end, text, base

    def paint(self, overlay: Sequence[Highlight], styles: dict[str, Style]) -> None:
        spans = [Span(h.start, h.end, styles[h.kind]) for h in [*self.base, *overlay] if h.kind in styles]
        self.update(Content(self.text, spans, strip_control_codes=False))

    def body_offset(self, offset: Offset) -> int:
        """A selection offset (x = column, y = line of the text) as an offset into the body."""
        lines = self.text.split("\n")
        y = min(max(offset.y, 0), len(lines) - 1)
        inside = sum(len(line) + 1 for line in lines[:y]) + min(max(offset.x, 0), len(lines[y]))
        return self.start + min(inside, len(self.text))

    def line_of(self, body_offset: int) -> int:
        """The wrapped line (from the top of this widget) that shows `body_offset`."""
        width = self.content_region.width or self.size.width
        if width <= 0:
            return 0
        target, consumed = body_offset - self.start, 0
        for number, line in enumerate(Content(self.text, strip_control_codes=False).wrap(width)):
            consumed += len(line.plain)
            while consumed < len(self.text) and self.text[consumed] in " \n":
                consumed += 1  # the spaces that wrapping swallowed at the line break
            if consumed > target:
                return number
        return 0


class QuoteLabel(Static):
    """The speakers of the quotes in the next paragraph; not part of the article text."""

    ALLOW_SELECT = False
    DEFAULT_CSS = "QuoteLabel { height: auto; }"


class ArticleView(VerticalScroll, can_focus=True):
    """Centre pane. The screen calls `show`, moves the quote cursor and chooses entities;
    the view paints and scrolls. `quote_at_cursor` and `selected_span` are the hooks for
    annotating what is under the cursor or the mouse selection."""

    COMPONENT_CLASSES = {f"article-view--{kind}" for kind in KINDS}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.extraction = Extraction()
        self.quotes: list[Quote] = []
        self.quote_cursor: int | None = None
        self.chosen: Entity | None = None
        self.mention_index: int | None = None
        self._focus_span: tuple[int, int] | None = None
        self._paragraphs: list[Paragraph] = []
        self._labels: list[QuoteLabel] = []
        self._starts: list[int] = []
        self._styles: dict[str, Style] = {}
        self._layers: dict[str, list[Highlight]] = {}  # name -> marks laid over the body

    def compose(self) -> Iterable[Static]:
        yield Static("", id="headline", markup=False)
        yield Static("", id="meta", markup=False)

    def on_mount(self) -> None:
        self._styles = self._read_styles()
        self.app.theme_changed_signal.subscribe(self, self._restyle)

    def _read_styles(self) -> dict[str, Style]:
        return {kind: self.get_visual_style(f"article-view--{kind}", partial=True) for kind in KINDS}

    def _restyle(self, _theme: object) -> None:
        self._visual_style_cache.clear()  # the new theme changes what the component styles resolve to
        self._styles = self._read_styles()
        self._paint(range(len(self._paragraphs)))

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
            # the paragraphs are laid out on the next refresh; scroll again once they have a height
            self.call_after_refresh(self.scroll_to, y=scroll_y, animate=False)

    def _fill_blocks(self, ranges: list[tuple[int, int]]) -> None:
        """Reuse the paragraph widgets already mounted; mount or remove only the difference."""
        body = self.article.body if self.article else ""
        marks = body_highlights(self.extraction)
        by_paragraph = _split_by_paragraph(marks, ranges)
        speakers = _speakers_by_paragraph(self.quotes, ranges)
        new_widgets: list[Static] = []
        while len(self._paragraphs) < len(ranges):
            label, paragraph = QuoteLabel("", markup=False), Paragraph()
            self._labels.append(label)
            self._paragraphs.append(paragraph)
            new_widgets += [label, paragraph]
        extra = self._labels[len(ranges) :] + self._paragraphs[len(ranges) :]
        del self._labels[len(ranges) :], self._paragraphs[len(ranges) :]
        if extra:
            self.remove_children(extra)
        for number, (start, end) in enumerate(ranges):
            base = [Highlight(h.start - start, h.end - start, h.kind) for h in by_paragraph[number]]
            self._paragraphs[number].set_text(start, end, printable(body[start:end]), base)
            label = self._labels[number]
            names = speakers.get(number)
            label.display = bool(names)
            label.update(Content(QUOTE_MARK + ", ".join(names)) if names else Content(""))
        self._starts = [start for start, _ in ranges]
        if new_widgets:
            self.mount_all(new_widgets)
        self._paint(range(len(ranges)))

    def _paint(self, numbers: Iterable[int]) -> None:
        overlay = self._overlay()
        for number in numbers:
            paragraph = self._paragraphs[number]
            mine = [
                Highlight(
                    max(h.start, paragraph.start) - paragraph.start,
                    min(h.end, paragraph.end) - paragraph.start,
                    h.kind,
                )
                for h in overlay
                if h.start < paragraph.end and h.end > paragraph.start
            ]
            paragraph.paint(mine, self._styles)

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
        found: list[tuple[int, int]] = []
        selections = self.screen.selections
        for paragraph in self._paragraphs:
            selection = selections.get(paragraph)
            if selection is None:
                continue
            start = paragraph.body_offset(selection.start) if selection.start else paragraph.start
            end = paragraph.body_offset(selection.end) if selection.end else paragraph.end
            if end > start:
                found.append((start, end))
        if not found:
            return None
        return min(a for a, _ in found), max(b for _, b in found)

    # -- scrolling ---------------------------------------------------------------------------

    def _paragraph_at(self, offset: int) -> int | None:
        number = bisect_right(self._starts, offset) - 1
        return number if 0 <= number < len(self._paragraphs) else None

    def _first_visible_offset(self) -> int:
        top = self.scroll_y
        for paragraph in self._paragraphs:
            if paragraph.virtual_region.bottom > top:
                return paragraph.start
        return 0

    def scroll_to_offset(self, offset: int) -> None:
        """Bring the line that shows body `offset` into view (a third down the pane) if it is not."""
        self.call_after_refresh(self._scroll_to_offset_now, offset)

    def _scroll_to_offset_now(self, offset: int) -> None:
        number = self._paragraph_at(offset)
        if number is None:
            return
        paragraph = self._paragraphs[number]
        y = paragraph.virtual_region.y + paragraph.line_of(offset)
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
