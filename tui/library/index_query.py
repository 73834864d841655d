"""What a user types into a search, made safe for FTS5; and FTS5 snippets made into plain text
with highlight offsets."""

from __future__ import annotations

import re

# Snippet markers: C0 controls never survive the parser, so they cannot clash with article text.
MARK_START, MARK_END = "\x02", "\x03"

_QUERY_PART = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w")
_SPACES = re.compile(r"\s+")
# FTS5 reads a query only up to a NUL; no control character belongs in a search anyway.
CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def fts_query(text: str, *, prefix_last: bool = False) -> str:
    """Turn what a user typed into a safe FTS5 query: every word must match.

    Words are quoted, so FTS operators and punctuation (`"`, `AND (`, `-`) are searched as plain
    text and can never be a syntax error. `"two words"` is a phrase; a trailing `*` makes a word a
    prefix (`retre*`). `prefix_last` makes the last word a prefix, for search as you type (the word
    is not finished yet). Returns "" when nothing searchable is left.
    """
    parts: list[str] = []
    text = text.rstrip() + ("*" if prefix_last and text.rstrip()[-1:].isalnum() else "")
    for match in _QUERY_PART.finditer(CONTROLS.sub(" ", text)):
        phrase, word = match.group(1), match.group(2)
        term = phrase if phrase is not None else word
        prefix = phrase is None and term.endswith("*")
        term = term.rstrip("*") if prefix else term
        if not _WORD.search(term):
            continue
        parts.append('"' + term.replace('"', '""') + '"' + ("*" if prefix else ""))
    return " ".join(parts)


def unmark(marked: str | None) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Text without the snippet markers, and the marked spans as offsets into that text."""
    if not marked:
        return "", ()
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    start: int | None = None
    for piece in re.split(f"([{MARK_START}{MARK_END}])", marked):
        if piece == MARK_START:
            start = length
        elif piece == MARK_END:
            if start is not None and length > start:
                spans.append((start, length))
            start = None
        else:
            # One line: snippets are shown in lists, so runs of white space become one space.
            piece = _SPACES.sub(" ", piece)
            if piece.startswith(" ") and (not out or out[-1].endswith(" ") or length == 0):
                piece = piece[1:]
            out.append(piece)
            length += len(piece)
    return "".join(out).rstrip(), tuple(spans)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def storable(text: str | None) -> str | None:
    """`text` with lone surrogates (from escapes in hostile YAML, say) made U+FFFD: SQLite only
    takes valid UTF-8. One character for one, so body offsets still hold."""
    if text is None or text.isascii():
        return text
    return _LONE_SURROGATE.sub("\ufffd", text)
