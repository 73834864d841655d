"""`kabar extract`: read articles and print what was found in them, as JSON lines or a summary."""

from __future__ import annotations

import argparse
import contextlib
import functools
import io
import json
import multiprocessing as mp
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from tui.library.article import Article
from tui.library.loader import DEFAULT_MAX_BYTES, SkipFile, Skipped, discover, format_size, load_file
from tui.library.sanitize import escape_controls
from tui.paths import bundled_articles


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "extract",
        help="print the people, organisations, places, dates, quotes and reported speech found in files",
        description="Read article files and folders (recursively; the bundled sample articles when no "
        "PATH is given) and print what was found: a readable summary per article, or with --json one "
        "JSON object per article per line, in file order. Files that cannot be read are listed on "
        "stderr, one line each.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="article files (.txt, .md) or folders")
    parser.add_argument("--json", action="store_true", help="one JSON object per article per line")
    parser.add_argument(
        "--plain", action="store_true", help="treat each file as body text only (no headline or dateline)"
    )
    parser.add_argument(
        "--max-bytes",
        type=_positive_int,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help=f"skip files larger than N bytes (default {format_size(DEFAULT_MAX_BYTES)})",
    )
    parser.add_argument(
        "--jobs",
        type=_positive_int,
        default=None,
        metavar="N",
        help=f"worker processes (default: one; the CPUs, at most {_MAX_WORKERS}, for libraries over "
        f"{format_size(_PARALLEL_MIN_BYTES)})",
    )


# Below this much work one process is faster than starting workers.
_PARALLEL_MIN_FILES = 200
_PARALLEL_MIN_BYTES = 4 * 1024 * 1024
_MAX_WORKERS = 4


@dataclass(frozen=True, slots=True)
class _FileOutput:
    """What one file gives: the printed text of each article, warnings, or why it was skipped."""

    path: str
    texts: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    skipped: str | None = None


def run(args: argparse.Namespace) -> int:
    paths = args.paths or [bundled_articles()]
    skipped: list[Skipped] = []

    def on_skip(item: Skipped) -> None:
        skipped.append(item)
        print(item, file=sys.stderr, flush=True)

    files = list(discover(paths, on_skip))
    read = functools.partial(_read_file, plain=args.plain, max_bytes=args.max_bytes, as_json=args.json)
    count = 0
    outputs = _in_order(read, files, args.jobs)
    try:
        for output in outputs:
            if output.skipped is not None:
                on_skip(Skipped(output.path, output.skipped))
                continue
            for warning in output.warnings:
                print(f"kabar: warning {escape_controls(output.path)}: {warning}", file=sys.stderr)
            for text in output.texts:
                sys.stdout.write(text)
                count += 1
        sys.stdout.flush()
    except BrokenPipeError:
        outputs.close()  # stops the workers now, not when the generator is collected
        # The reader of our output went away (`kabar extract --json | head -1`): stop quietly.
        # Point stdout at /dev/null so the interpreter's final flush does not complain again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    if count == 0:
        what = "no readable article files" if skipped else "no article files (.txt, .md)"
        named = ", ".join(escape_controls(str(p)) for p in paths)
        print(f"kabar extract: {what} in {named}", file=sys.stderr)
        return 1
    return 0


def _in_order(
    read: Callable[[Path], _FileOutput], files: list[Path], jobs: int | None
) -> Iterator[_FileOutput]:
    """read(file) for every file, in file order; in worker processes when the work is large."""
    workers = jobs if jobs is not None else _default_workers(files)
    if workers <= 1 or len(files) < 2 or "fork" not in mp.get_all_start_methods():
        yield from map(read, files)
        return
    # The first file is read here: it loads the extractor's lexicons once, and the forked workers
    # inherit them instead of each loading them again.
    yield read(files[0])
    with mp.get_context("fork").Pool(workers) as pool:  # leaving the block terminates the workers
        yield from pool.imap(read, files[1:], chunksize=8)


def _default_workers(files: list[Path]) -> int:
    """Workers pay off only on large libraries: each costs a fork and warm-up, and on a busy machine
    extra processes only compete. Small batches (a scorer's 400 sentences) stay in one process."""
    if len(files) < _PARALLEL_MIN_FILES:
        return 1
    total = 0
    for path in files:
        with contextlib.suppress(OSError):
            total += path.stat().st_size
        if total >= _PARALLEL_MIN_BYTES:
            return min(os.cpu_count() or 1, _MAX_WORKERS)
    return 1


def _read_file(path: Path, *, plain: bool, max_bytes: int, as_json: bool) -> _FileOutput:
    from tui.extract import extract  # imported on first use: `--help` stays fast

    try:
        articles = load_file(path, plain=plain, max_bytes=max_bytes)
    except SkipFile as error:
        return _FileOutput(str(path), skipped=str(error))
    write = _json_line if as_json else _summary
    texts = []
    for article in articles:
        found = extract(article.body, published=article.published, language=article.language)
        buffer = io.StringIO()
        write(buffer, article, found.to_dict())
        texts.append(buffer.getvalue())
    warnings = tuple(w for a in articles for w in a.extra.get("warnings", ()))
    return _FileOutput(str(path), tuple(texts), warnings)


def _json_line(out: TextIO, article: Article, found: dict[str, Any]) -> None:
    record = article.to_dict()
    record.update(found)
    out.write(json.dumps(record, ensure_ascii=False))
    out.write("\n")


def _summary(out: TextIO, article: Article, found: dict[str, Any]) -> None:
    entities = found.get("entities", [])

    def names(kind: str) -> list[str]:
        return [e["name"] for e in entities if e.get("type") == kind]

    story = f" (story {article.story})" if article.story > 1 else ""
    title = article.title or "(no headline) " + " ".join(article.body.split()[:10]) + " …"
    facts = [
        f"outlet {article.source or '?'}",
        f"dateline {article.dateline or '?'}",
        f"published {article.published.isoformat() if article.published else '?'}",
        _count(len(article.paragraphs), "paragraph"),
        _count(len(article.body.split()), "word"),
    ]
    if article.language != "id":
        facts.append(f"language {article.language}")
    lines = [f"{escape_controls(article.file)}{story}", f"  {title}", "  " + " · ".join(facts)]
    if article.byline:
        lines.append(f"  byline: {article.byline}")
    for label, kind in (("people", "PERSON"), ("organisations", "ORG"), ("places", "PLACE")):
        found_names = names(kind)
        if found_names:
            lines.append(f"  {label} ({len(found_names)}): {_shorten(found_names)}")
    dates = sorted({e["value"] for e in entities if e.get("type") == "DATE" and e.get("value")})
    if dates:
        lines.append(f"  dates ({len(dates)}): {_shorten(dates)}")
    quotes = found.get("quotes", [])
    speakers = sorted({q.get("speaker") or "?" for q in quotes})
    lines.append(f"  quotes: {len(quotes)}" + (f" by {_shorten(speakers)}" if quotes else ""))
    statements = found.get("statements", [])
    if statements:
        said_by = sorted({s.get("speaker") or "?" for s in statements})
        lines.append(f"  reported speech: {len(statements)} by {_shorten(said_by)}")
    out.write("\n".join(lines) + "\n\n")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _shorten(names: list[str], limit: int = 8) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f", … ({len(names) - limit} more)" if len(names) > limit else "")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be more than 0: {text!r}")
    return value
