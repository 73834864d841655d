"""`kabar index [--workers N] [--rebuild] [--prune] PATH...`: build or update the library index."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TextIO

from tui.library.index import LibraryIndex, SyncReport
from tui.library.loader import Skipped
from tui.paths import bundled_articles

# Without a terminal, progress is one line per this fraction of the files, for libraries big
# enough to take a while (a log full of "3/5 files" helps nobody).
PLAIN_PROGRESS_STEP = 0.1
PLAIN_PROGRESS_MIN_FILES = 500
# On a terminal, a bar for anything that is not over in a blink.
BAR_MIN_FILES = 50


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value}")
    return value


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "index",
        help="build or update the library index (cached articles and full-text search)",
        description="Read the article files under PATH... (files and folders, recursively; the bundled "
        "sample articles when none is given) into the index cache. Unchanged files are not read again.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders")
    parser.add_argument(
        "--workers",
        type=positive_int,
        default=None,
        metavar="N",
        help="processes that read new files (default: one per CPU; large libraries only)",
    )
    parser.add_argument("--rebuild", action="store_true", help="forget the cache and read every file again")
    parser.add_argument(
        "--prune",
        action="store_true",
        help="also drop cached files that no longer exist anywhere (not only under PATH)",
    )


class SyncProgress:
    """Progress of a sync on stderr: a rich bar on a terminal, a few plain lines otherwise.

    Both appear only for libraries big enough to take a while. Messages (skipped files, cache
    warnings) go through `say` so they never tear the bar.
    """

    def __init__(self, label: str, stream: TextIO | None = None, *, bar: bool | None = None) -> None:
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.bar = self.stream.isatty() if bar is None else bar
        self._progress = None
        self._task = None
        self._next_plain_line = 0.0

    def __enter__(self) -> SyncProgress:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def _start_bar(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(file=self.stream),
            transient=True,
        )
        self._progress.start()
        self._task = self._progress.add_task(self.label, total=None)

    def update(self, done: int, total: int) -> None:
        if self.bar and self._progress is None and total >= BAR_MIN_FILES and done < total:
            self._start_bar()
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, completed=done, total=total)
            return
        if self.bar or total < PLAIN_PROGRESS_MIN_FILES:
            return
        if 0 < done < total and done >= self._next_plain_line * total:
            print(f"{self.label}: {done}/{total} files", file=self.stream, flush=True)
        while self._next_plain_line * total <= done:
            self._next_plain_line += PLAIN_PROGRESS_STEP

    def say(self, line: str) -> None:
        if self._progress is not None:
            self._progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            print(line, file=self.stream, flush=True)

    def skipped(self, skipped: Skipped) -> None:
        self.say(str(skipped))


def open_index(say: Callable[[str], None]) -> LibraryIndex:
    """The user's index, reporting cache fallbacks through `say`."""
    return LibraryIndex(on_warning=say)


def library_paths(paths: list[str]) -> list[str | Path]:
    return list(paths) if paths else [bundled_articles()]


def describe(report: SyncReport) -> str:
    """The closing line of `kabar index`."""
    files = f"{report.files} file{'s' if report.files != 1 else ''}"
    stories = f"{report.total} stor{'ies' if report.total != 1 else 'y'}"
    counts = f"{report.new} new, {report.changed} changed, {report.unchanged} unchanged"
    if report.moved:
        counts += f", {report.moved} moved"
    if report.removed:
        counts += f", {report.removed} removed"
    return f"indexed {files}, {stories} ({counts}); {len(report.skipped)} skipped; {report.seconds:.2f} s"


def run(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except KeyboardInterrupt:
        print("kabar index: interrupted (files indexed so far stay in the cache)", file=sys.stderr)
        return 130


def _run(args: argparse.Namespace) -> int:
    paths = library_paths(args.paths)
    with SyncProgress("kabar index") as progress:
        with open_index(progress.say) as index:
            if args.rebuild:
                index.rebuild()
            report = index.sync(
                paths, progress=progress.update, on_skip=progress.skipped, workers=args.workers
            )
            pruned = index.prune() if args.prune else None
    line = describe(report)
    if pruned is not None:
        line += f"; pruned {pruned} missing file{'s' if pruned != 1 else ''}"
    print(line)
    if report.files == 0:
        shown = ", ".join(os.fspath(p) for p in paths)
        print(f"kabar index: no article files (.txt, .md) found in {shown}", file=sys.stderr)
        return 1
    return 0 if report.total or len(report.skipped) < report.files else 1
