"""Keyboard selection over an article body: sentence and word steps, as plain functions.

`v` in the reader starts a selection on one sentence (or on the quote under the cursor); the
selection keys move its end (`j`/`k` by sentence, `w`/`b` by word) or its start (`J`/`K`, `W`/`B`).
Offsets index `Article.body`, like every other span in Kabar. No Textual here, so the steps are
unit-tested on their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! ? or … (with any closing quote marks or brackets after it) before white
# space, or at a line break. `Rp 1.500` and `15.30` do not end one: no white space follows the dot.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s|$)|\n")
_WORD = re.compile(r"\S+")
SENTENCE = "sentence"
WORD = "word"


@dataclass(frozen=True, slots=True)
class TextSelection:
    """A non-empty stretch body[start:end]."""

    start: int
    end: int

    def text(self, body: str) -> str:
        return body[self.start : self.end]


def _sentence_ends(body: str) -> list[int]:
    ends = [m.end() if m.group() != "\n" else m.start() for m in _SENTENCE_END.finditer(body)]
    return sorted({e for e in ends if e > 0} | {len(body)})


def _skip_space(body: str, at: int) -> int:
    while at < len(body) and body[at].isspace():
        at += 1
    return at


def sentence_at(body: str, offset: int) -> TextSelection | None:
    """The sentence that holds `offset` (or the next one, if `offset` is in white space)."""
    if not body.strip():
        return None
    offset = min(_skip_space(body, max(0, offset)), len(body))
    if offset >= len(body):
        offset = len(body.rstrip()) - 1
    start = 0
    for end in _sentence_ends(body):
        if end > offset:
            start = _skip_space(body, start)
            return TextSelection(start, max(end, start + 1))
        start = end
    return TextSelection(_skip_space(body, start), len(body))


def step(
    body: str, selection: TextSelection, unit: str, count: int, *, move_start: bool = False
) -> TextSelection:
    """`selection` with its end (or its start) moved `count` sentences or words. The result is
    never empty: the end stops one unit after the start, the start one unit before the end."""
    if move_start:
        start = _move(body, selection.start, unit, count, boundary="start")
        if start >= selection.end:
            # moving the start past the end takes the whole selection along: one unit there
            end = _move(body, start, unit, 1, boundary="end")
            return TextSelection(start, max(end, start + 1))
        return TextSelection(start, selection.end)
    end = _move(body, selection.end, unit, count, boundary="end")
    if end <= selection.start:
        return selection
    return TextSelection(selection.start, end)


def _boundaries(body: str, unit: str, boundary: str) -> list[int]:
    if unit == WORD:
        return [m.start() if boundary == "start" else m.end() for m in _WORD.finditer(body)]
    ends = _sentence_ends(body)
    if boundary == "end":
        return [e for e in ends if body[:e].strip()]
    starts = [0, *(_skip_space(body, e) for e in ends)]
    return sorted({s for s in starts if s < len(body)})


def _move(body: str, at: int, unit: str, count: int, *, boundary: str) -> int:
    marks = _boundaries(body, unit, boundary)
    if not marks:
        return at
    for _ in range(abs(count)):
        if count > 0:
            at = next((m for m in marks if m > at), at)
        else:
            at = next((m for m in reversed(marks) if m < at), at)
    return at
