"""`kabar annotations`: add, list, export, import and check notes from the command line.

Argument parsing and printing only; the work is done by tui.annotations.
Exit status: 0 done, 1 a problem the message names (text not found, broken file, ...),
2 a usage error (argparse).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from tui.annotations.anchoring import find_text
from tui.annotations.export import anchor_name, dump_jsonld, to_csv, to_markdown
from tui.annotations.importer import MAX_IMPORT_BYTES, ImportFormatError, import_jsonld
from tui.annotations.model import MOTIVATIONS, ModelError, Speaker
from tui.annotations.store import AnnotationError, AnnotationStore, LibraryEntry, Listing
from tui.atomic import write_atomic
from tui.library.article import Article
from tui.library.loader import Skipped, load_library
from tui.paths import bundled_articles

FORMATS = ("markdown", "json", "csv")


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "annotations",
        help="add, list, export and import notes on articles",
        description="Notes on quotes and passages, stored per user as YAML in the data folder.",
    )
    commands = parser.add_subparsers(dest="annotations_command", metavar="ACTION")

    def with_user(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--user", help="annotator name (default: KABAR_USER or the login name)")
        return p

    add = with_user(commands.add_parser("add", help="annotate a passage of an article"))
    add.add_argument("path", metavar="PATH", help="the article file")
    add.add_argument("--story", type=int, metavar="N", help="which story of the file (default 1)")
    add.add_argument("--quote", required=True, metavar="TEXT", help="the passage as in the article")
    add.add_argument("--note", default="", metavar="TEXT", help="the note (may span lines)")
    add.add_argument("--tag", action="append", default=[], metavar="T", help="a tag (repeat for more)")
    add.add_argument(
        "--motivation",
        choices=MOTIVATIONS,
        metavar="M",
        help="W3C motivation: " + ", ".join(MOTIVATIONS) + " (default: commenting, or highlighting)",
    )
    add.add_argument("--occurrence", type=int, metavar="K", help="annotate TEXT's K-th occurrence")
    add.add_argument("--speaker", metavar="NAME", help="who says the quote, correcting the extracted speaker")

    listing = with_user(commands.add_parser("list", help="list annotations with where they anchor now"))
    _selection_arguments(listing)
    listing.add_argument("--json", action="store_true", help="one JSON object per line")

    export = with_user(commands.add_parser("export", help="write annotations as Markdown, JSON-LD or CSV"))
    _selection_arguments(export)
    export.add_argument("--format", choices=FORMATS, default="markdown")
    export.add_argument("--out", metavar="FILE", help="write to FILE (default: standard output)")

    imports = with_user(commands.add_parser("import", help="bring in W3C Web Annotation JSON-LD (by id)"))
    imports.add_argument("file", metavar="FILE")

    with_user(commands.add_parser("check", help="list broken annotation files and orphaned notes"))

    delete = with_user(commands.add_parser("delete", help="delete annotations by id (see `list --json`)"))
    delete.add_argument("ids", nargs="+", metavar="ID")


def _selection_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="only annotations of articles under PATH")
    p.add_argument("--all-users", action="store_true", help="every annotator's notes, not only --user's")
    p.add_argument("--tag", help="only notes with this tag")
    p.add_argument("--speaker", help="only quotes by this speaker (part of the name)")
    p.add_argument("--outlet", help="only articles from this outlet (part of the name)")


def run(args: argparse.Namespace) -> int:
    handlers = {
        "add": _add,
        "list": _list,
        "export": _export,
        "import": _import,
        "check": _check,
        "delete": _delete,
    }
    handler = handlers.get(getattr(args, "annotations_command", None) or "")
    if handler is None:
        print("kabar annotations: choose an action: " + ", ".join(handlers), file=sys.stderr)
        return 2
    store = AnnotationStore(user=args.user)
    try:
        return handler(args, store)
    except (AnnotationError, ModelError, ImportFormatError) as e:
        print(f"kabar annotations: {e}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `kabar annotations list | head`: the reader has seen enough
        sys.stderr.close()
        return 0
    except OSError as e:
        print(f"kabar annotations: {e.filename or ''}: {e.strerror or e}", file=sys.stderr)
        return 1


def _warn_skip(skipped: Skipped) -> None:
    print(skipped, file=sys.stderr)


def _fail(message: str) -> int:
    print(f"kabar annotations: {message}", file=sys.stderr)
    return 1


def _add(args: argparse.Namespace, store: AnnotationStore) -> int:
    path = Path(args.path)
    if not path.is_file():
        return _fail(f"{path}: not an article file")
    articles = [a for a in load_library([path], on_skip=_warn_skip)]
    if not articles:
        return _fail(f"{path}: no article could be read")
    number = args.story or 1
    story = next((a for a in articles if a.story == number), None)
    if story is None:
        return _fail(f"{path}: no story {number} (the file has {len(articles)})")
    spans = find_text(story.body, args.quote)
    if not spans:
        elsewhere = [a.story for a in articles if a is not story and find_text(a.body, args.quote)]
        hint = f" (it is in story {elsewhere[0]}: add --story {elsewhere[0]})" if elsewhere else ""
        where = f"story {number} of the file" if len(articles) > 1 else "the article"
        return _fail(f"{path}: the text is not in {where}: {_short(args.quote)!r}{hint}")
    occurrence = args.occurrence or 1
    if not 1 <= occurrence <= len(spans):
        return _fail(f"{path}: the text occurs {len(spans)} time(s), not {occurrence}")
    if len(spans) > 1 and args.occurrence is None:
        print(
            f"kabar annotations: the text occurs {len(spans)} times; annotating the first "
            "(choose with --occurrence K)",
            file=sys.stderr,
        )
    start, end = spans[occurrence - 1]
    speaker = Speaker(extracted=_extracted_speaker(story, start, end), corrected=args.speaker or None)
    motivation = args.motivation or ("commenting" if args.note.strip() else "highlighting")
    annotation = store.add(
        story, start, end, note=args.note, tags=args.tag, motivation=motivation, speaker=speaker
    )
    print(f"added {annotation.id} to {store.path_for(story)}")
    return 0


def _extracted_speaker(article: Article, start: int, end: int) -> str | None:
    """The speaker the extractor gives the quote that overlaps start..end, if any."""
    from tui.extract import extract  # only `add` needs the extractor

    try:
        quotes = extract(article.body, published=article.published).quotes
    except Exception:  # the extractor promises not to raise; a note must not depend on it
        return None
    overlapping = [q for q in quotes if q.start < end and start < q.end and q.speaker]
    return overlapping[0].speaker if overlapping else None


def _short(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _gather(args: argparse.Namespace, store: AnnotationStore) -> Listing:
    """The annotations the selection arguments ask for, each placed in its article: the
    articles under PATH when given (only their notes), else each file's stored article path."""
    users = None if args.all_users else [store.user]
    filters = {"tag": args.tag, "speaker": args.speaker, "outlet": args.outlet}
    if args.paths:
        articles = load_library(args.paths, on_skip=_warn_skip)
        listing = store.all(articles, users=users, **filters)
        return Listing(tuple(e for e in listing.entries if e.article is not None), listing.broken)
    unfiltered = store.all((), users=users)
    stored_paths = {
        e.stored_article.path for e in unfiltered.entries if e.stored_article and e.stored_article.path
    }
    existing = sorted(p for p in stored_paths if Path(p).is_file())
    articles = load_library([*existing, bundled_articles()])
    return store.all(articles, users=users, **filters)


def _report_broken(listing: Listing) -> int:
    for broken in listing.broken:
        print(f"kabar annotations: broken file, not changed: {broken}", file=sys.stderr)
    return 1 if listing.broken else 0


def entry_record(entry: LibraryEntry) -> dict[str, Any]:
    """The JSON object `list --json` prints for one annotation."""
    a = entry.annotation
    ref = entry.stored_article
    start = entry.anchor.start if entry.anchor else None
    end = entry.anchor.end if entry.anchor else None
    quote = entry.article.body[start:end] if entry.article and start is not None else a.exact
    return {
        "id": a.id,
        "file": entry.article.file if entry.article else (ref.path if ref else None),
        "story": entry.article.story if entry.article else (ref.story if ref else None),
        "title": entry.title,
        "outlet": entry.outlet,
        "quote": quote,
        "stored_quote": a.exact,
        "note": a.note,
        "tags": list(a.tags),
        "user": a.user,
        "motivation": a.motivation,
        "speaker": a.speaker.name if a.speaker else None,
        "anchor": anchor_name(entry) if entry.article is not None else "orphan",
        "article_found": entry.article is not None,
        "start": start,
        "end": end,
        "created": a.created,
        "modified": a.modified,
        "store_file": str(entry.path),
    }


def _list(args: argparse.Namespace, store: AnnotationStore) -> int:
    listing = _gather(args, store)
    for entry in listing.entries:
        record = entry_record(entry)
        if args.json:
            print(json.dumps(record, ensure_ascii=False))
        else:
            print(_text_line(record))
    return _report_broken(listing)


def _text_line(record: dict[str, Any]) -> str:
    where = f"{record['file']}" + (f"#{record['story']}" if record["story"] and record["story"] > 1 else "")
    tags = " ".join(f"#{t}" for t in record["tags"])
    note = _short(record["note"], 80) if record["note"] else ""
    parts = [f"[{record['anchor']}]", where, f"“{_short(record['quote'])}”", note, tags]
    return "  ".join(p for p in parts if p)


def _export(args: argparse.Namespace, store: AnnotationStore) -> int:
    listing = _gather(args, store)
    entries: Sequence[LibraryEntry] = listing.entries
    if args.format == "markdown":
        text = to_markdown(entries)
    elif args.format == "json":
        text = dump_jsonld(entries)
    else:
        text = to_csv(entries)
    if args.out:
        write_atomic(Path(args.out), text)
        print(f"wrote {len(entries)} annotation(s) to {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return _report_broken(listing)


def _import(args: argparse.Namespace, store: AnnotationStore) -> int:
    path = Path(args.file)
    if path.is_file() and path.stat().st_size > MAX_IMPORT_BYTES:
        return _fail(f"{path}: larger than {MAX_IMPORT_BYTES:,} bytes")
    try:
        report = import_jsonld(store, path.read_bytes())
    except ImportFormatError as e:
        return _fail(f"{path}: {e}")
    for reason in report.skipped:
        print(f"kabar annotations: {path}: skipped {reason}", file=sys.stderr)
    print(
        f"imported {report.added} new, {report.updated} updated, {report.unchanged} unchanged, "
        f"{len(report.skipped)} skipped"
    )
    return 1 if report.skipped else 0


def _check(args: argparse.Namespace, store: AnnotationStore) -> int:
    args.paths, args.all_users, args.tag, args.speaker, args.outlet = [], False, None, None, None
    listing = _gather(args, store)
    problems = _report_broken(listing)
    orphans = _orphans(listing.entries)
    for entry in orphans:
        record = entry_record(entry)
        why = "article not found" if entry.article is None else "passage not found"
        print(f"orphan ({why}): {record['id']}  {record['file']}  “{_short(entry.annotation.exact)}”")
    total = len(listing.entries)
    print(f"{total} annotation(s), {len(orphans)} orphan(s), {len(listing.broken)} broken file(s)")
    return 1 if problems or orphans else 0


def _orphans(entries: Iterable[LibraryEntry]) -> list[LibraryEntry]:
    return [e for e in entries if e.article is None or (e.anchor is not None and not e.anchor.found)]


def _delete(args: argparse.Namespace, store: AnnotationStore) -> int:
    missing = 0
    for annotation_id in args.ids:
        path = store.delete_by_id(annotation_id)
        if path is None:
            print(f"kabar annotations: no annotation {annotation_id} for user {store.user}", file=sys.stderr)
            missing += 1
        else:
            print(f"deleted {annotation_id} from {path}")
    return 1 if missing else 0
