"""`kabar search [--json] [--limit N] QUERY [PATH...]`: full-text search over the library."""

from __future__ import annotations

import argparse
import json
import os
import sys

from tui.cli.index import SyncProgress, library_paths, open_index, positive_int
from tui.library.index import SearchHit, SearchQueryError, fts_query

DEFAULT_LIMIT = 20
MATCH_STYLE = "bold reverse"


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "search",
        help="full-text search over the library, best matches first",
        description="Search the articles under PATH... (the bundled sample articles when none is given; "
        'the index is brought up to date first). Every word must match; "two words" is a phrase and '
        "word* a prefix. Accents and case are ignored. Exit status: 0 with matches, 1 without, "
        "2 for a query that cannot run.",
    )
    parser.add_argument("query", metavar="QUERY", help="words to find")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders")
    parser.add_argument("--json", action="store_true", help="one JSON object per match per line")
    parser.add_argument(
        "--limit", type=positive_int, default=DEFAULT_LIMIT, metavar="N", help="at most N matches (20)"
    )
    parser.add_argument(
        "--fts",
        action="store_true",
        help="QUERY is FTS5 syntax as written (AND, OR, NOT, NEAR, title:word)",
    )


def shown_path(path: str) -> str:
    """The file as the user would type it: relative to the current folder when inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return path
    return path if relative.startswith(os.pardir) else relative


def hit_json(hit: SearchHit) -> str:
    return json.dumps(
        {
            "id": hit.id,
            "file": hit.file,
            "story": hit.story,
            "title": hit.title,
            "source": hit.source,
            "rank": hit.rank,
            "snippet": hit.snippet,
            "highlights": [list(span) for span in hit.highlights],
            "title_highlights": [list(span) for span in hit.title_highlights],
            "first_words": hit.first_words,
        },
        ensure_ascii=False,
    )


def hit_text(number: int, hit: SearchHit):  # -> rich.text.Text (rich is imported lazily)
    """One match as rich Text. Article text is only ever appended as plain text and styled by
    offset, never parsed as markup, so `[bold]` in an article stays literal."""
    from rich.control import strip_control_codes
    from rich.text import Text

    text = Text()
    text.append(f"{number:>2}. ")
    title_start = len(text)
    title = strip_control_codes(hit.title) if hit.title else None
    if title:
        text.append(title, style="bold")
        for start, end in hit.title_highlights:
            text.stylize(MATCH_STYLE, title_start + start, title_start + end)
    else:
        # No headline in the file: its first words stand in, marked as such.
        text.append(strip_control_codes(hit.first_words) or "(no title)", style="italic")
        text.append(" (no title)", style="dim")
    where = [strip_control_codes(hit.source)] if hit.source else []
    story = f" #{hit.story}" if hit.story > 1 else ""
    where.append(strip_control_codes(shown_path(hit.file)) + story)
    text.append("\n    " + " · ".join(where), style="dim")
    text.append("\n    ")
    snippet_start = len(text)
    text.append(strip_control_codes(hit.snippet))
    for start, end in hit.highlights:
        text.stylize(MATCH_STYLE, snippet_start + start, snippet_start + end)
    return text


def run(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except KeyboardInterrupt:
        print("kabar search: interrupted (files indexed so far stay in the cache)", file=sys.stderr)
        return 130


def _run(args: argparse.Namespace) -> int:
    if not (args.query.strip() if args.fts else fts_query(args.query)):
        print(f"kabar search: nothing to search for in {args.query!r}", file=sys.stderr)
        return 2
    paths = library_paths(args.paths)
    with SyncProgress("kabar search: indexing") as progress:
        with open_index(progress.say) as index:
            report = index.sync(paths, progress=progress.update)
            if report.skipped:
                # Searching is not the place for a list of unreadable files: `kabar index` gives it.
                count = len(report.skipped)
                progress.say(
                    f"kabar search: {count} file{'s' if count != 1 else ''} skipped (not readable as "
                    "articles); `kabar index` with the same paths lists them"
                )
            try:
                hits = index.search(args.query, args.limit, syntax=args.fts)
            except SearchQueryError as error:
                progress.say(f"kabar search: {error}")
                return 2
    if not hits:
        print(f"kabar search: no match for {args.query!r}", file=sys.stderr)
        return 1
    if args.json:
        for hit in hits:
            print(hit_json(hit))
        return 0
    from rich.console import Console

    console = Console(file=sys.stdout, highlight=False, soft_wrap=not sys.stdout.isatty())
    for number, hit in enumerate(hits, 1):
        console.print(hit_text(number, hit))
    return 0
