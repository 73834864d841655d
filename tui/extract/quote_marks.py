"""Pairing quote marks: the quoted stretches of a text, paragraph by paragraph.

A linear scan over the positions of quote marks (curly, straight, guillemets and single
quotes). A paragraph that opens a quote without closing it continues in the next paragraph
that opens with a quote mark (the Indonesian and English convention for speech running over
several paragraphs); a quote still open at the end of a paragraph that does not continue runs
to the end of that paragraph (a scraper cut it off, or its closing mark was lost). A single
quote left open at the end of a paragraph was an apostrophe after all (`Jum'at`, `'90-an`).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_MARKS = re.compile("[\"'\u201c\u201d\u201e\u201f\u2018\u2019\u201a\u201b\u00ab\u00bb]")

DOUBLE, SINGLE, GUILLEMET = "double", "single", "guillemet"
# Which kind of quote each mark belongs to: a mark closes only a quote of its own kind.
QUOTE_FAMILY = {
    '"': DOUBLE,
    "\u201c": DOUBLE,
    "\u201d": DOUBLE,
    "\u201e": DOUBLE,
    "\u201f": DOUBLE,
    "'": SINGLE,
    "\u2018": SINGLE,
    "\u2019": SINGLE,
    "\u201a": SINGLE,
    "\u201b": SINGLE,
    "\u00ab": GUILLEMET,
    "\u00bb": GUILLEMET,
}
_OPENING_ONLY = "\u201c\u201e\u201f\u2018\u201a\u201b\u00ab"

# A quote running over more paragraphs than this is a run of unclosed marks, not one speech.
_MAX_PARAGRAPHS = 12


@dataclass(frozen=True, slots=True)
class Stretch:
    """A quoted stretch from the mark scan: content offsets without the marks."""

    open_mark: int
    close_mark: int | None  # None when the quote is never closed (cut off, unbalanced)
    pieces: tuple[tuple[int, int], ...]  # one per paragraph the quote runs over

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]


_LINE = re.compile(r"[^\n]+")


def paragraph_spans(body: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line."""
    return [m.span() for m in _LINE.finditer(body) if not m.group().isspace()]


def _trimmed(body: str, start: int, end: int) -> tuple[int, int]:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end


def _opens_paragraph_with(body: str, para: tuple[int, int], family: str) -> int | None:
    """The offset of the quote mark opening this paragraph (after spaces and a `>`), if of `family`."""
    pos, end = para
    while pos < end and (body[pos].isspace() or body[pos] == ">"):
        pos += 1
    # A closing curly double mark may open a paragraph in some scrapes; ’ and » never do.
    if pos < end and QUOTE_FAMILY.get(body[pos]) == family and body[pos] not in "\u2019\u00bb":
        return pos
    return None


def has_quote_marks(body: str) -> bool:
    """Whether `body` holds any quote mark at all (most paragraphs, and some articles, do not)."""
    return _MARKS.search(body) is not None


def scan_quote_marks(body: str, paragraphs: list[tuple[int, int]]) -> list[Stretch]:
    out: list[Stretch] = []
    carried: tuple[int, str, list[tuple[int, int]], int] | None = None  # open mark, family, pieces, start
    marks = [(m.start(), m.group()) for m in _MARKS.finditer(body)]
    if not marks:
        return out
    mark_pos = [p for p, _ in marks]
    lo = 0
    for index, (ps, pe) in enumerate(paragraphs):
        lo = bisect.bisect_left(mark_pos, ps, lo)
        if carried is None and (lo == len(mark_pos) or mark_pos[lo] >= pe):
            continue  # no mark and no quote running on: nothing to pair here
        hi = bisect.bisect_left(mark_pos, pe, lo)
        para_marks = marks[lo:hi]
        start_state = None
        skip_until = ps
        if carried is not None:
            open_mark, family, pieces, _ = carried
            first = _opens_paragraph_with(body, (ps, pe), family)
            if first is not None:
                start_state = (open_mark, family, pieces, first + 1)
                skip_until = first + 1
            else:
                out.append(Stretch(open_mark, None, tuple(pieces)))
            carried = None
        stretches, still_open = _scan_paragraph(body, ps, pe, para_marks, start_state, skip_until)
        out.extend(stretches)
        if still_open is not None:
            open_mark, family, pieces, content_start = still_open
            piece = _trimmed(body, content_start, pe)
            all_pieces = [*pieces, piece] if piece[0] < piece[1] else list(pieces)
            has_next = index + 1 < len(paragraphs)
            if all_pieces and has_next and family != SINGLE and len(all_pieces) < _MAX_PARAGRAPHS:
                carried = (open_mark, family, all_pieces, 0)
            elif all_pieces:
                out.append(Stretch(open_mark, None, tuple(all_pieces)))
    if carried is not None:
        out.append(Stretch(carried[0], None, tuple(carried[2])))
    return out


def _scan_paragraph(
    body: str,
    ps: int,
    pe: int,
    marks: list[tuple[int, str]],
    state: tuple[int, str, list[tuple[int, int]], int] | None,
    skip_until: int,
) -> tuple[list[Stretch], tuple[int, str, list[tuple[int, int]], int] | None]:
    """Pair the marks of one paragraph. A single quote left open at the end was an apostrophe
    after all: the paragraph is scanned once more from just after it with single quotes off."""
    out, still_open = _pair(body, ps, pe, marks, state, skip_until, singles=True)
    if still_open is not None and still_open[1] == SINGLE:
        bad = still_open[0]
        out2, still_open = _pair(body, ps, pe, marks, None, bad + 1, singles=False)
        out.extend(out2)
    return out, still_open


def _pair(
    body: str,
    ps: int,
    pe: int,
    marks: list[tuple[int, str]],
    state: tuple[int, str, list[tuple[int, int]], int] | None,
    skip_until: int,
    singles: bool,
) -> tuple[list[Stretch], tuple[int, str, list[tuple[int, int]], int] | None]:
    out: list[Stretch] = []
    depth = 0  # nested straight double quotes inside a straight-quoted stretch
    for pos, ch in marks:
        if pos < skip_until:
            continue
        family = QUOTE_FAMILY[ch]
        if family == SINGLE and not singles:
            continue
        prev = body[pos - 1] if pos > ps else " "
        nxt = body[pos + 1] if pos + 1 < pe else " "
        left_open = prev.isspace() or prev in "([{\u2014\u2013-/:>" or prev in QUOTE_FAMILY
        right_open = nxt.isspace()
        in_word = prev.isalnum() and nxt.isalnum()
        if state is None:
            if _can_open(ch, left_open, right_open, in_word):
                state = (pos, family, [], pos + 1)
            continue
        open_mark, open_family, pieces, content_start = state
        if family != open_family:
            continue  # a nested quote of another kind is part of the text
        if ch in _OPENING_ONLY and ch != "\u2018":
            if not left_open and right_open:
                # A curly opening mark used as a closing one (`siap.“ kata dia`).
                _close(out, body, open_mark, pos, pieces, content_start)
                state = None
                continue
            # A new opening while one is open: the open one was never closed.
            piece = _trimmed(body, content_start, pos)
            unclosed = [*pieces, piece] if piece[0] < piece[1] else pieces
            if unclosed:
                out.append(Stretch(open_mark, None, tuple(unclosed)))
            state = (pos, family, [], pos + 1)
            continue
        if family == SINGLE and in_word:
            continue  # Jum'at, Qur’an
        if ch == '"' and left_open and not right_open:
            depth += 1  # `"Saya bilang "tidak" ke dia," ujarnya`
            continue
        if ch == '"' and depth > 0:
            depth -= 1
            continue
        if family == SINGLE and left_open and not right_open:
            continue  # an apostrophe or a nested opening inside a single-quoted stretch
        _close(out, body, open_mark, pos, pieces, content_start)
        state = None
    return out, state


def _can_open(ch: str, left_open: bool, right_open: bool, in_word: bool) -> bool:
    if ch in _OPENING_ONLY:
        return not in_word
    if right_open or in_word:
        return False
    if ch == '"':
        return True
    # ' ’ ” » opening a quote: only at the start of a word (`’Saya siap,’ katanya`).
    return left_open


def _close(
    out: list[Stretch],
    body: str,
    open_mark: int,
    close_mark: int,
    pieces: list[tuple[int, int]],
    content_start: int,
) -> None:
    """Add the stretch that `close_mark` ends to `out`; a pair of marks around nothing is none."""
    piece = _trimmed(body, content_start, close_mark)
    all_pieces = [*pieces, piece] if piece[0] < piece[1] else pieces
    if all_pieces:
        out.append(Stretch(open_mark, close_mark, tuple(all_pieces)))
