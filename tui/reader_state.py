"""What the reader remembers between sessions: last article and scroll position, read marks,
outlet sort and theme. Plain Python (no Textual) so it can be tested alone.

The file lives at `state_dir()/state.json`. It is user data but not precious: a missing file
starts fresh, and a broken one is ignored with a one-line notice (never a traceback).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from tui.paths import state_dir

STATE_FILE = "state.json"
STATE_VERSION = 1
SORT_BY_DATE = "date"
SORT_BY_OUTLET = "outlet"
SORT_ORDERS = (SORT_BY_DATE, SORT_BY_OUTLET)
# A library of 100,000 read articles is ~3 MB of ids; anything far above that is not ours.
MAX_STATE_BYTES = 16 * 1024 * 1024
MAX_ID_LENGTH = 200


@dataclass(frozen=True, slots=True)
class ReaderState:
    """The reader's memory. `scroll_y` is the article pane's scroll offset in lines."""

    last_article: str | None = None
    scroll_y: int = 0
    read: frozenset[str] = field(default_factory=frozenset)
    sort: str = SORT_BY_DATE
    theme: str | None = None

    def is_read(self, article_id: str) -> bool:
        return article_id in self.read

    def with_read(self, article_id: str, read: bool = True) -> ReaderState:
        """A copy with `article_id` marked read (or unread)."""
        marks = self.read | {article_id} if read else self.read - {article_id}
        return replace(self, read=frozenset(marks))

    def with_position(self, article_id: str | None, scroll_y: int) -> ReaderState:
        return replace(self, last_article=article_id, scroll_y=max(0, int(scroll_y)))

    def with_sort(self, sort: str) -> ReaderState:
        if sort not in SORT_ORDERS:
            raise ValueError(f"unknown sort {sort!r}; expected one of {', '.join(SORT_ORDERS)}")
        return replace(self, sort=sort)

    def with_theme(self, theme: str | None) -> ReaderState:
        return replace(self, theme=theme)

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": STATE_VERSION,
            "last_article": self.last_article,
            "scroll_y": self.scroll_y,
            "sort": self.sort,
            "theme": self.theme,
            "read": sorted(self.read),
        }


@dataclass(frozen=True, slots=True)
class LoadedState:
    """The state read from disk, and a one-line notice when the file had to be ignored."""

    state: ReaderState
    notice: str | None = None


def default_state_path() -> Path:
    return state_dir() / STATE_FILE


def load_state(path: Path | None = None) -> LoadedState:
    """Read the reader state. Never raises: a missing file gives the default state silently,
    an unreadable or malformed one gives the default state and a notice naming the file."""
    path = default_state_path() if path is None else Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return LoadedState(ReaderState())
    except OSError as e:
        return LoadedState(ReaderState(), f"{path}: cannot read reader state ({e.strerror}); starting fresh")
    if size > MAX_STATE_BYTES:
        return LoadedState(ReaderState(), f"{path}: reader state is too large ({size} bytes); starting fresh")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return LoadedState(state_from_dict(raw))
    except (OSError, UnicodeDecodeError) as e:
        reason = getattr(e, "strerror", None) or "not UTF-8 text"
        return LoadedState(ReaderState(), f"{path}: cannot read reader state ({reason}); starting fresh")
    except json.JSONDecodeError as e:
        return LoadedState(
            ReaderState(), f"{path}: reader state is not valid JSON (line {e.lineno}); starting fresh"
        )
    except ValueError as e:
        return LoadedState(ReaderState(), f"{path}: reader state ignored: {e}")


def state_from_dict(raw: object) -> ReaderState:
    """Validate the decoded JSON. Raises ValueError with a short reason on any bad field."""
    if not isinstance(raw, dict):
        raise ValueError("expected a JSON object at the top")
    last = raw.get("last_article")
    if last is not None and not _is_id(last):
        raise ValueError("'last_article' is not an article id")
    scroll = raw.get("scroll_y", 0)
    if not isinstance(scroll, int) or isinstance(scroll, bool) or scroll < 0:
        raise ValueError("'scroll_y' is not a line number")
    sort = raw.get("sort", SORT_BY_DATE)
    if sort not in SORT_ORDERS:
        raise ValueError(f"'sort' must be one of {', '.join(SORT_ORDERS)}")
    theme = raw.get("theme")
    if theme is not None and not (isinstance(theme, str) and 0 < len(theme) <= 100):
        raise ValueError("'theme' is not a theme name")
    read = raw.get("read", [])
    if not isinstance(read, list) or not all(_is_id(x) for x in read):
        raise ValueError("'read' is not a list of article ids")
    return ReaderState(last_article=last, scroll_y=scroll, read=frozenset(read), sort=sort, theme=theme)


def save_state(state: ReaderState, path: Path | None = None) -> None:
    """Write the state atomically (a crash leaves the old file or the new one, never half)."""
    from tui.atomic import write_atomic  # tempfile is not needed to start the reader

    path = default_state_path() if path is None else Path(path)
    write_atomic(path, json.dumps(state.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n")


def _is_id(value: object) -> bool:
    return isinstance(value, str) and 0 < len(value) <= MAX_ID_LENGTH
