"""Annotations out of Kabar: Markdown for notes apps (Obsidian), W3C Web Annotation JSON-LD
for other annotation tools (and `kabar annotations import`), CSV for spreadsheets.

Each takes LibraryEntry items (AnnotationStore.all), in the order they should appear.
"""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from tui.annotations.model import MOTIVATIONS, Annotation, ArticleRef, plain_text
from tui.annotations.store import LibraryEntry

JSONLD_CONTEXT: list[Any] = ["http://www.w3.org/ns/anno.jsonld", {"kabar": "urn:kabar:vocab#"}]
ARTICLE_URN = "urn:kabar:article:"
CSV_COLUMNS = (
    "id", "user", "created", "modified", "motivation", "anchor", "quote", "speaker", "note", "tags",
    "title", "outlet", "file", "story", "start", "end", "article_id",
)  # fmt: skip
# Spreadsheets run a cell that starts with one of these as a formula; article text is untrusted.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _group_by_article(entries: Iterable[LibraryEntry]) -> list[list[LibraryEntry]]:
    groups: dict[str, list[LibraryEntry]] = {}
    for entry in entries:
        groups.setdefault(str(entry.path), []).append(entry)
    return list(groups.values())


def _position(entry: LibraryEntry) -> tuple[int | None, int | None]:
    if entry.anchor is not None and entry.anchor.start is not None:
        return entry.anchor.start, entry.anchor.end
    if entry.anchor is None:
        return entry.annotation.target.position.start, entry.annotation.target.position.end
    return None, None


def _quoted_text(entry: LibraryEntry) -> str:
    """The passage as the article has it now, or as stored when it cannot be found."""
    start, end = _position(entry)
    if entry.article is not None and start is not None and end is not None:
        return entry.article.body[start:end]
    return entry.annotation.exact


def anchor_name(entry: LibraryEntry) -> str:
    return entry.anchor.status.value if entry.anchor is not None else "unknown"


def obsidian_tag(tag: str) -> str:
    """`tag` as an Obsidian tag: no spaces (they become `-`), only letters, digits, `_-/`, and
    not all digits."""
    clean = re.sub(r"[^\w/-]+", "", re.sub(r"\s+", "-", tag.strip()))
    if not clean:
        return ""
    return f"#{clean}" if not clean.replace("/", "").isdigit() else f"#tag-{clean}"


def _article_heading(entry: LibraryEntry) -> str:
    ref = entry.stored_article
    file = entry.article.file if entry.article else (ref.path if ref else None)
    title = entry.title or (Path(file).stem if file else None) or "Untitled article"
    return " ".join(plain_text(title).split())


def to_markdown(entries: Sequence[LibraryEntry], *, heading: str = "Kabar annotations") -> str:
    """Markdown grouped by article: each note as its passage in a blockquote, then speaker,
    note and tags; reads well in Obsidian (tags become #tags)."""
    lines = [f"# {heading}", ""]
    for group in _group_by_article(entries):
        first = group[0]
        ref = first.stored_article
        lines += [f"## {_article_heading(first)}", ""]
        if first.outlet:
            lines.append(f"- Outlet: {first.outlet}")
        file = first.article.file if first.article else (ref.path if ref else None)
        if file:
            story = first.article.story if first.article else (ref.story if ref else 1)
            lines.append(f"- File: `{file}`" + (f" (story {story})" if story and story > 1 else ""))
        if first.article is None:
            lines.append("- The article was not found; passages are shown as stored.")
        lines.append("")
        for entry in group:
            lines += _markdown_note(entry)
    return "\n".join(lines).rstrip() + "\n"


def _markdown_note(entry: LibraryEntry) -> list[str]:
    annotation = entry.annotation
    out = [f"> {line}".rstrip() for line in _quoted_text(entry).splitlines() or [""]]
    speaker = annotation.speaker
    if speaker and speaker.name:
        credit = f"> — **{speaker.name}**"
        if speaker.corrected and speaker.extracted and speaker.corrected != speaker.extracted:
            credit += f" (corrected from {speaker.extracted})"
        out.append(credit)
    out.append("")
    if annotation.note:
        out += [annotation.note, ""]
    tags = " ".join(t for t in (obsidian_tag(tag) for tag in annotation.tags) if t)
    if tags:
        out += [f"Tags: {tags}", ""]
    meta = [annotation.motivation, annotation.user, annotation.created[:16].replace("T", " ") + " UTC"]
    if entry.anchor is not None and entry.anchor.status.value == "orphan":
        meta.append("passage no longer found in the article")
    elif entry.anchor is not None and entry.anchor.status.value == "fuzzy":
        meta.append("passage changed since the note was made")
    out += [f"*{' · '.join(m for m in meta if m)}*", "", "---", ""]
    return out


def _jsonld_id(annotation_id: str) -> str:
    try:
        return uuid.UUID(annotation_id).urn
    except ValueError:
        return annotation_id


def annotation_to_jsonld(annotation: Annotation, ref: ArticleRef | None) -> dict[str, Any]:
    """One W3C Web Annotation. Kabar's article reference, speaker and unknown keys travel in
    `kabar:` properties so that an import gives back the same annotation."""
    body: list[dict[str, Any]] = []
    if annotation.note:
        purpose = annotation.motivation if annotation.motivation in MOTIVATIONS else "commenting"
        note = {"type": "TextualBody", "value": annotation.note, "format": "text/plain", "purpose": purpose}
        body.append(note)
    body += [{"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in annotation.tags]
    quote, position = annotation.target.quote, annotation.target.position
    item: dict[str, Any] = {
        "id": _jsonld_id(annotation.id),
        "type": "Annotation",
        "motivation": annotation.motivation,
        "created": annotation.created,
        "modified": annotation.modified,
        "creator": {"type": "Person", "nickname": annotation.user},
        "body": body,
        "target": {
            "source": f"{ARTICLE_URN}{ref.id}" if ref else None,
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": quote.exact,
                    "prefix": quote.prefix,
                    "suffix": quote.suffix,
                },
                {"type": "TextPositionSelector", "start": position.start, "end": position.end},
            ],
        },
    }
    if ref is not None:
        item["kabar:article"] = ref.to_dict()
    if annotation.speaker is not None:
        item["kabar:speaker"] = annotation.speaker.to_dict()
    if annotation.target.extra:
        item["kabar:target"] = annotation.target.extra
    if annotation.extra:
        item["kabar:extra"] = annotation.extra
    return item


def to_jsonld(entries: Sequence[LibraryEntry], *, label: str = "Kabar annotations") -> dict[str, Any]:
    """An AnnotationCollection holding every entry in one AnnotationPage."""
    items = [annotation_to_jsonld(e.annotation, e.stored_article) for e in entries]
    return {
        "@context": JSONLD_CONTEXT,
        "type": "AnnotationCollection",
        "label": label,
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def dump_jsonld(entries: Sequence[LibraryEntry]) -> str:
    return json.dumps(to_jsonld(entries), ensure_ascii=False, indent=2, default=str) + "\n"


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def to_csv(entries: Sequence[LibraryEntry]) -> str:
    """One row per annotation, columns CSV_COLUMNS; tags joined with `; `. Cells that a
    spreadsheet would run as a formula get a leading apostrophe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for entry in entries:
        a = entry.annotation
        ref = entry.stored_article
        start, end = _position(entry)
        row = {
            "id": a.id,
            "user": a.user,
            "created": a.created,
            "modified": a.modified,
            "motivation": a.motivation,
            "anchor": anchor_name(entry),
            "quote": _quoted_text(entry),
            "speaker": a.speaker.name if a.speaker else None,
            "note": a.note,
            "tags": "; ".join(a.tags),
            "title": entry.title,
            "outlet": entry.outlet,
            "file": entry.article.file if entry.article else (ref.path if ref else None),
            "story": entry.article.story if entry.article else (ref.story if ref else None),
            "start": start,
            "end": end,
            "article_id": entry.article.id if entry.article else (ref.id if ref else None),
        }
        writer.writerow([_cell(row[c]) for c in CSV_COLUMNS])
    return out.getvalue()
