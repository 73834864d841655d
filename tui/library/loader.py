"""Finding and reading article files: paths → clean Articles, with a one-line reason for each file
that cannot be read.

A library is any mix of files and folders (folders are read recursively, in name order, hidden
entries left out). Files and folders are untrusted: unreadable files, binary files, folders named like
files, symlink loops, special files and files over the size cap are reported through `on_skip` and the
rest still loads. Nothing here raises for any file's content or any path.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tui.library.article import Article
from tui.library.decode import NotText, decode_bytes
from tui.library.parse import parse_text
from tui.library.sanitize import escape_controls

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
SUFFIXES = (".txt", ".md")


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file or folder that was not read, and why (shown as one line on stderr)."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"kabar: skipped {escape_controls(self.path)}: {escape_controls(self.reason)}"


class SkipFile(Exception):
    """Raised by load_file when a file cannot be read as articles; str(e) is the reason."""


def discover(paths: Iterable[str | Path], on_skip: Callable[[Skipped], None] | None = None) -> Iterator[Path]:
    """The article files under `paths`, each once, in the order given (folders recursively, sorted).

    A file named on the command line is read whatever its suffix; inside folders only `SUFFIXES`
    count and hidden entries (".git") are left out. Each yielded path is the path as given joined
    with the path inside the folder, so it stays meaningful to the user.
    """
    report = on_skip or (lambda _skipped: None)
    seen_files: set[tuple[int, int]] = set()
    for given in paths:
        path = Path(given)
        try:
            info = path.stat()
        except OSError as error:
            report(Skipped(str(path), _os_error_reason(error, path)))
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _walk(path, info, seen_files, report)
        elif stat.S_ISREG(info.st_mode):
            if _first_time(info, seen_files):
                yield path
        else:
            report(Skipped(str(path), "not a regular file (device, pipe or socket)"))


def load_file(path: Path, *, plain: bool = False, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Article]:
    """The articles in one file (a file may hold several stories). Raises SkipFile with the reason."""
    data = read_capped(Path(path), max_bytes)
    try:
        decoded = decode_bytes(data)
    except NotText as error:
        raise SkipFile(str(error)) from None
    if not decoded.text.strip():
        raise SkipFile("empty file (only white space)")
    articles = parse_text(decoded.text, file=str(path), plain=plain)
    if not articles:
        raise SkipFile("no article text (only page furniture such as comment forms or share prompts)")
    return articles


def load_library(
    paths: Iterable[str | Path],
    *,
    plain: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_skip: Callable[[Skipped], None] | None = None,
) -> list[Article]:
    """Every article under `paths`, in file order; unreadable files go to `on_skip`."""
    return list(iter_library(paths, plain=plain, max_bytes=max_bytes, on_skip=on_skip))


def iter_library(
    paths: Iterable[str | Path],
    *,
    plain: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_skip: Callable[[Skipped], None] | None = None,
) -> Iterator[Article]:
    """load_library, one article at a time (a command can print the first before the last is read)."""
    for path in discover(paths, on_skip):
        try:
            yield from load_file(path, plain=plain, max_bytes=max_bytes)
        except SkipFile as error:
            if on_skip:
                on_skip(Skipped(str(path), str(error)))


def read_capped(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, or SkipFile when it is not a readable regular file of at most `max_bytes`."""
    try:
        # O_NONBLOCK: opening a named pipe must not hang waiting for a writer.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as error:
        raise SkipFile(_os_error_reason(error, path)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise SkipFile("is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise SkipFile("not a regular file (device, pipe or socket)")
        if info.st_size > max_bytes:
            raise SkipFile(f"too large ({format_size(info.st_size)}; the limit is {format_size(max_bytes)})")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(max_bytes + 1)  # the file may have grown since fstat
    except OSError as error:
        raise SkipFile(_os_error_reason(error, path)) from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise SkipFile(f"too large (over the limit of {format_size(max_bytes)})")
    return data


def format_size(size: int) -> str:
    """A byte count for people: '812 bytes', '3.4 KB', '5 MB'."""
    if size < 1024:
        return f"{size} bytes"
    value, unit = size / 1024, "KB"
    for larger in ("MB", "GB"):
        if value < 1024:
            break
        value, unit = value / 1024, larger
    return f"{value:.1f}".removesuffix(".0") + f" {unit}"


# ---------------------------------------------------------------------------------------------


def _walk(
    folder: Path, info: os.stat_result, seen_files: set[tuple[int, int]], report: Callable[[Skipped], None]
) -> Iterator[Path]:
    """Depth-first, entries in name order; a folder reached again through a symlink is a loop.

    Iterative (an explicit stack), so a hostile tree thousands of folders deep cannot exhaust
    Python's recursion limit.
    """
    stack: list[tuple[Path, tuple[int, int], Iterator[os.DirEntry[str]]]] = []
    ancestors: set[tuple[int, int]] = set()

    def enter(current: Path, current_info: os.stat_result) -> None:
        try:
            with os.scandir(current) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError as error:
            report(Skipped(str(current), _os_error_reason(error, current)))
            return
        key = (current_info.st_dev, current_info.st_ino)
        stack.append((current, key, iter(entries)))
        ancestors.add(key)

    enter(folder, info)
    while stack:
        current, key, entries = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            ancestors.discard(key)
            continue
        if entry.name.startswith("."):
            continue
        child = current / entry.name
        named_like_article = entry.name.lower().endswith(SUFFIXES)
        try:
            child_info = child.stat()
        except OSError as error:
            if named_like_article or entry.is_symlink():
                report(Skipped(str(child), _os_error_reason(error, child)))
            continue
        if stat.S_ISDIR(child_info.st_mode):
            if named_like_article:
                report(Skipped(str(child), "is a folder named like a file; not read"))
            elif (child_info.st_dev, child_info.st_ino) in ancestors:
                report(Skipped(str(child), "symbolic link loop (points back to a folder above it)"))
            else:
                enter(child, child_info)
        elif named_like_article:
            if not stat.S_ISREG(child_info.st_mode):
                report(Skipped(str(child), "not a regular file (device, pipe or socket)"))
            elif _first_time(child_info, seen_files):
                yield child


def _first_time(info: os.stat_result, seen_files: set[tuple[int, int]]) -> bool:
    key = (info.st_dev, info.st_ino)
    if key in seen_files:
        return False
    seen_files.add(key)
    return True


def _os_error_reason(error: OSError, path: Path) -> str:
    if error.errno == errno.ELOOP:
        return "symbolic link loop"
    if error.errno == errno.ENOENT:
        return "broken symbolic link" if os.path.islink(path) else "no such file or folder"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if error.errno == errno.EISDIR:
        return "is a folder, not a file"
    if error.errno == errno.ENAMETOOLONG:
        return "file name too long"
    return (error.strerror or type(error).__name__).lower()
