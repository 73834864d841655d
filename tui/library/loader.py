"""Finding and reading article files. (STUB: the parse helper replaces this with the real thing;
the public names and signatures below are the contract.)"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tui.library.article import Article, content_fingerprint

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
SUFFIXES = (".txt", ".md")


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file or folder that was not read, and why (shown as one line on stderr)."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"kabar: skipped {self.path}: {self.reason}"


class SkipFile(Exception):
    """Raised by load_file when a file cannot be read as articles; str(e) is the reason."""


def discover(paths: Iterable[str | Path], on_skip: Callable[[Skipped], None] | None = None) -> Iterator[Path]:
    """The article files under `paths` (folders recursively, sorted), each once."""
    for p in paths:
        p = Path(p)
        if p.is_dir():
            yield from sorted(q for q in p.rglob("*") if q.suffix.lower() in SUFFIXES and q.is_file())
        elif p.is_file():
            yield p
        elif on_skip:
            on_skip(Skipped(str(p), "no such file or folder"))


def load_file(path: Path, *, plain: bool = False, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Article]:
    """The articles in one file (a file may hold several stories). Raises SkipFile."""
    text = Path(path).read_text(encoding="utf-8-sig", errors="replace")
    body = text.strip()
    fp = content_fingerprint(body)
    return [Article(id=fp, file=str(path), story=1, body=body, paragraphs=((0, len(body)),), fingerprint=fp)]


def load_library(
    paths: Iterable[str | Path],
    *,
    plain: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_skip: Callable[[Skipped], None] | None = None,
) -> list[Article]:
    """Every article under `paths`, in file order; unreadable files go to `on_skip`."""
    out: list[Article] = []
    for f in discover(paths, on_skip):
        try:
            out.extend(load_file(f, plain=plain, max_bytes=max_bytes))
        except SkipFile as e:
            if on_skip:
                on_skip(Skipped(str(f), str(e)))
    return out
