"""The article pane's document as lines: headline, meta line and paragraphs, wrapped for one width.

`ArticleLines` knows no widget: it lays the article out for a width, paints each line as `Content`
(spans over the article's own characters, never markup), and maps between lines and offsets into
`Article.body`. The pane (`ArticleView`) scrolls over these lines and asks only for the ones on
screen; turning the page changes the number of lines, never the pane's own size, so the rest of
the screen is not laid out again.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from rich._wrap import divide_line
from textual.content import Content, Span
from textual.style import Style

from tui.app.printable import printable

# Paint order: later kinds are laid over earlier ones where spans overlap.
# "note" (annotated passages) and "selection" (the keyboard selection) come from the view's layers.
KINDS = ("quote", "person", "org", "place", "date", "note", "chosen", "current", "selection", "cursor")
QUOTE_MARK = "❝ "
SPEAKER_STYLE = "speaker"  # the line naming the speakers above a paragraph with quotes
HEADLINE_STYLE, UNTITLED_STYLE, META_STYLE = "headline", "untitled", "meta"
# The kinds of line: paragraph text, a speaker line, the gap between paragraphs, headline, meta line,
# and the blank lines above the headline and below the meta line.
TEXT, LABEL, GAP, HEADLINE, META, BLANK = range(6)


@dataclass(frozen=True, slots=True)
class Highlight:
    """A styled stretch of the body: `kind` is one of KINDS."""

    start: int
    end: int
    kind: str


class BodyLine(NamedTuple):
    """One line of the document.

    For TEXT, `start`/`end` index the paragraph's text; a speaker line sits at the start of its
    paragraph and a gap at the end of the one before, which is where a selection ending on them
    stops. For HEADLINE and META they index the headline or the meta line; `paragraph` is -1 for
    every line above the body."""

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


class ArticleLines:
    """An article laid out as lines for one width, painted on demand and kept until it changes.

    The view hands over the header (`set_header`), the paragraph texts (`set_paragraphs`) and
    each paragraph's marks (`paint`); `lay_out(width)` wraps them, `line(y)` paints one line."""

    def __init__(self) -> None:
        self.headline = ""
        self.untitled = False
        self.meta = ""
        self.body = ""
        self.starts: list[int] = []
        self.texts: list[str] = []
        self.labels: list[str | None] = []
        self.marks: list[list[Highlight]] = []  # per paragraph, relative to its start, paint order
        self.styles: dict[str, Style] = {}
        self.width = -1  # the width laid out for; -1 until the first lay_out
        self.lines: list[BodyLine] = []
        self.first_line: list[int] = []  # the first TEXT line of each paragraph
        self._painted: dict[int, dict[int, Content]] = {}  # paragraph -> line start -> its text

    # -- what to show ------------------------------------------------------------------------

    def set_header(self, headline: str, meta: str, *, untitled: bool = False) -> None:
        self.headline, self.meta, self.untitled = printable(headline), printable(meta), untitled
        self.width = -1

    def set_paragraphs(
        self, body: str, ranges: Sequence[tuple[int, int]], labels: Sequence[str | None]
    ) -> None:
        """Show `body[start:end]` for each range, with an optional speaker line above it."""
        self.body = body
        self.starts = [start for start, _ in ranges]
        self.texts = [printable(body[start:end]) for start, end in ranges]
        self.labels = list(labels)
        self.marks = [[] for _ in ranges]
        self.width = -1
        self._painted.clear()

    def paint(self, number: int, marks: list[Highlight]) -> range:
        """Give paragraph `number` its marks (relative to its start); returns the lines to repaint
        (empty before the first lay_out)."""
        self.marks[number] = marks
        self._painted.pop(number, None)
        if self.width < 0:
            return range(0)
        return range(self.first_line[number], self._paragraph_end(number))

    def restyle(self, styles: dict[str, Style]) -> None:
        self.styles = styles
        self._painted.clear()

    # -- layout ------------------------------------------------------------------------------

    def lay_out(self, width: int) -> bool:
        """Wrap everything for `width`; returns whether anything changed."""
        width = max(1, width)
        if width == self.width:
            return False
        self.width = width
        self._painted.clear()
        lines: list[BodyLine] = [BodyLine(BLANK, -1, 0, 0)]
        lines.extend(BodyLine(HEADLINE, -1, a, b) for a, b in wrap_ranges(self.headline, width))
        lines.extend(BodyLine(META, -1, a, b) for a, b in wrap_ranges(self.meta, width))
        lines.append(BodyLine(BLANK, -1, 0, 0))
        self.first_line = []
        for number, text in enumerate(self.texts):
            if number:
                end = len(self.texts[number - 1])
                lines.append(BodyLine(GAP, number - 1, end, end))
            if self.labels[number]:
                lines.append(BodyLine(LABEL, number, 0, 0))
            self.first_line.append(len(lines))
            lines.extend(BodyLine(TEXT, number, a, b) for a, b in wrap_ranges(text, width))
        self.lines = lines
        return True

    def _paragraph_end(self, number: int) -> int:
        return self.first_line[number + 1] if number + 1 < len(self.first_line) else len(self.lines)

    # -- painting ----------------------------------------------------------------------------

    def line(self, y: int) -> Content:
        """The painted text of line `y` (laid out already), without the selection."""
        line = self.lines[y]
        if line.kind == TEXT:
            return self._paragraph_lines(line.paragraph)[line.start]
        if line.kind == LABEL:
            label = QUOTE_MARK + (self.labels[line.paragraph] or "")
            return self._styled(label, SPEAKER_STYLE).truncate(self.width, ellipsis=True)
        if line.kind == HEADLINE:
            return self._styled(self.headline[line.start : line.end], self._headline_style())
        if line.kind == META:
            return self._styled(self.meta[line.start : line.end], META_STYLE)
        return Content("")

    def _headline_style(self) -> str:
        return UNTITLED_STYLE if self.untitled else HEADLINE_STYLE

    def _styled(self, text: str, kind: str) -> Content:
        return Content(text, [Span(0, len(text), self.styles.get(kind, Style()))], strip_control_codes=False)

    def _paragraph_lines(self, number: int) -> dict[int, Content]:
        """The painted text of each line of a paragraph, by the line's start offset."""
        painted = self._painted.get(number)
        if painted is None:
            text = self.texts[number]
            styles = self.styles
            spans = [Span(h.start, h.end, styles[h.kind]) for h in self.marks[number] if h.kind in styles]
            content = Content(text, spans, strip_control_codes=False)
            first, last = self.first_line[number], self._paragraph_end(number)
            ranges = [(line.start, line.end) for line in self.lines[first:last] if line.kind == TEXT]
            cuts = sorted({offset for pair in ranges for offset in pair} - {0, len(text)})
            pieces = dict(zip([0, *cuts], content.divide(cuts), strict=True))
            painted = {start: pieces[start].rstrip() for start, _ in ranges}
            self._painted[number] = painted
        return painted

    def painted_lines(self, number: int) -> list[Content]:
        """The painted lines of paragraph `number` (for tests and tools)."""
        return list(self._paragraph_lines(number).values())

    # -- offsets -----------------------------------------------------------------------------

    def body_offset(self, x: int, y: int) -> int:
        """A point of a selection (column x on line y) as an offset into the body."""
        if not self.starts or not self.lines:
            return 0
        line = self.lines[min(max(y, 0), len(self.lines) - 1)]
        if line.paragraph < 0:
            return self.starts[0]  # above the body: where the body starts
        start = self.starts[line.paragraph]
        if line.kind == TEXT:
            return start + min(line.start + max(x, 0), line.end)
        return start + line.start  # a speaker line: its paragraph's start; a gap: the end above

    def line_of(self, body_offset: int) -> int:
        """The line that shows `body_offset` (laid out already)."""
        if not self.starts:
            return 0
        number = max(0, bisect_right(self.starts, body_offset) - 1)
        inside = body_offset - self.starts[number]
        found = first = self.first_line[number]
        for y in range(first, self._paragraph_end(number)):
            if self.lines[y].kind == TEXT and self.lines[y].start <= inside:
                found = y
        return found

    def body_end(self) -> int:
        return self.starts[-1] + len(self.texts[-1]) if self.starts else 0
