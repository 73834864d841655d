"""Removing terminal control sequences from untrusted text.

Article files and YAML files come from the web and from other people. Text shown in a terminal must
not be able to move the cursor, retitle the window, set hyperlinks or hide lines, so every escape
sequence (CSI, OSC, DCS, ...) and every other C0/C1 control character is removed. Markup-looking text
such as `[bold red]x[/bold red]` is ordinary text and is kept literally: escaping it for Rich is the
job of whoever renders it.
"""

from __future__ import annotations

import re

# ESC-introduced sequences, 7-bit and 8-bit forms.
# - CSI: ESC [ (or U+009B) parameters, intermediates, one final byte.
# - OSC, DCS, SOS, PM, APC: ESC ] P X ^ _ (or U+009D U+0090 U+0098 U+009E U+009F) up to BEL or ST.
#   An unterminated string ends at the line end: a terminal would swallow the rest of the file, but a
#   reader should not lose the rest of an article to one stray byte.
# - any other ESC plus one character (charset selection, keypad modes, ...).
# Every branch consumes characters left to right with no nested repetition, so the scan is linear.
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[\x20-\x7e]?"
)

# Left-over controls: C0 except tab and newline, DEL, C1; the bidirectional overrides and isolates
# that can make a line display in a different order than it reads ("Trojan Source"); and invisible
# characters scraped pages scatter inside words (soft hyphen, zero-width space, word joiner, BOM),
# which would break matching a name or a search word. Lone surrogates (from a YAML or JSON escape
# such as "\ud800") cannot be encoded for output at all.
_CONTROL_CHARACTER = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b\u202a-\u202e\u2060\u2066-\u2069\ufeff\ud800-\udfff]"
)


def strip_controls(text: str) -> str:
    """`text` without terminal escape sequences and control characters; tab and newline are kept.

    A carriage return is a control too: callers that want line ends kept normalise them first
    (`tui.library.decode` does). Never raises; linear in len(text).
    """
    if _CONTROL_CHARACTER.search(text) is None:  # the common case: one scan, nothing to remove
        return text
    return _CONTROL_CHARACTER.sub("", _ESCAPE_SEQUENCE.sub("", text))


def escape_controls(text: str) -> str:
    """`text` with every control character shown as an escape (`\\x1b`) instead of removed.

    For names that must stay recognisable but are printed to a terminal: a file called
    "a\\x1b]0;x\\x07.txt" is reported as exactly that, and cannot retitle the window.
    """
    if _CONTROL_CHARACTER.search(text) is None:
        return text
    return _CONTROL_CHARACTER.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
