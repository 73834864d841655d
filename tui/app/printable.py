"""Article text made safe to paint: every control character becomes a visible stand-in.

The parser already strips escape sequences, but the reader must not trust that: a file indexed by
an older version, or a test double, could still carry them. Each character maps to exactly one
character, so offsets into `Article.body` stay valid for highlights and selections.
"""

from __future__ import annotations

_ESCAPE = "\u241b"  # ␛ SYMBOL FOR ESCAPE
_REPLACEMENT = "\ufffd"

# C0 (except tab and newline), DEL, C1, and the bidi overrides and isolates that can reorder a line.
_STAND_INS: dict[int, str] = {
    code: _REPLACEMENT
    for code in [*range(0x00, 0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
    if code not in (0x09, 0x0A)
}
_STAND_INS[0x1B] = _ESCAPE
_STAND_INS[0x09] = " "  # a tab would expand to several cells and shift selection columns


def printable(text: str) -> str:
    """`text` with each control character replaced by one visible character (same length)."""
    if text.isprintable():
        return text
    return text.translate(_STAND_INS)


def one_line(text: str) -> str:
    """`printable(text)` on a single line: for list rows and titles."""
    return printable(text).replace("\n", " ")
