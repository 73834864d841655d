"""W3C Web Annotation JSON-LD into the store, idempotent by annotation id.

Reads what `kabar annotations export --format json` writes (an AnnotationCollection), and
also a bare AnnotationPage, a list of annotations or a single one. Annotations must say which
Kabar article they belong to (`kabar:article`, or a `urn:kabar:article:` target source);
others are skipped with a reason. The file is untrusted: size is capped, every field checked.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from tui.annotations.export import ARTICLE_URN
from tui.annotations.model import (
    DEFAULT_MOTIVATION,
    Annotation,
    ArticleRef,
    ModelError,
    Speaker,
    Target,
)
from tui.annotations.store import AnnotationStore, MergeCounts

MAX_IMPORT_BYTES = 64 * 1024 * 1024


class ImportFormatError(ValueError):
    """The file is not Web Annotation JSON Kabar can read; one line for the user."""


@dataclass(slots=True)
class ImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)


def _items(document: Any) -> list[Any]:
    if isinstance(document, list):
        return document
    if not isinstance(document, dict):
        raise ImportFormatError("expected a JSON object or list of annotations")
    kind = document.get("type")
    if kind == "AnnotationCollection":
        page = document.get("first")
        items: list[Any] = []
        # Pages chained with `next` are followed when embedded (not fetched).
        while isinstance(page, dict):
            items += page.get("items") or []
            page = page.get("next")
        return items
    if kind == "AnnotationPage":
        return list(document.get("items") or [])
    if kind == "Annotation":
        return [document]
    raise ImportFormatError(f"expected an AnnotationCollection, AnnotationPage or Annotation, not {kind!r}")


def _strip_urn(value: str) -> str:
    return value.removeprefix("urn:uuid:")


def _selectors(target: Any) -> list[dict[str, Any]]:
    if isinstance(target, list):  # several targets: Kabar annotations have one
        target = target[0] if target else None
    if not isinstance(target, dict):
        raise ModelError("target must be an object")
    selector = target.get("selector")
    selectors = selector if isinstance(selector, list) else [selector]
    return [s for s in selectors if isinstance(s, dict)]


def annotation_from_jsonld(item: Any) -> tuple[ArticleRef, Annotation]:
    """One Web Annotation back as Kabar's model. Raises ModelError naming the problem."""
    if not isinstance(item, dict):
        raise ModelError("not an object")
    raw_id = item.get("id")
    if not isinstance(raw_id, str) or not raw_id.strip():
        raise ModelError("no id")
    selectors = _selectors(item.get("target"))
    quote = next((s for s in selectors if s.get("type") == "TextQuoteSelector"), None)
    position = next((s for s in selectors if s.get("type") == "TextPositionSelector"), None)
    if quote is None:
        raise ModelError("no TextQuoteSelector in its target")
    exact = quote.get("exact")
    if not isinstance(exact, str):
        raise ModelError("TextQuoteSelector has no exact text")
    # Without a position the quote is found by text search (it anchors as moved or fuzzy).
    position = position or {"start": 0, "end": len(exact)}
    target = Target.from_dict(
        {
            **(item.get("kabar:target") if isinstance(item.get("kabar:target"), dict) else {}),
            "quote": {k: quote.get(k, "") for k in ("exact", "prefix", "suffix")},
            "position": {"start": position.get("start"), "end": position.get("end")},
        }
    )
    article = item.get("kabar:article")
    if isinstance(article, dict):
        ref = ArticleRef.from_dict(article, "kabar:article")
    else:
        source = item["target"].get("source") if isinstance(item.get("target"), dict) else None
        if not isinstance(source, str) or not source.startswith(ARTICLE_URN):
            raise ModelError("does not say which Kabar article it belongs to")
        ref = ArticleRef(id=source.removeprefix(ARTICLE_URN))
    bodies = item.get("body") or []
    bodies = bodies if isinstance(bodies, list) else [bodies]
    notes, tags = [], []
    for body in bodies:
        if isinstance(body, str):
            notes.append(body)
        elif isinstance(body, dict) and isinstance(body.get("value"), str):
            (tags if body.get("purpose") == "tagging" else notes).append(body["value"])
    creator = item.get("creator")
    if isinstance(creator, dict):
        creator = creator.get("nickname") or creator.get("name")
    motivation = item.get("motivation") or DEFAULT_MOTIVATION
    if isinstance(motivation, list):
        motivation = motivation[0] if motivation else DEFAULT_MOTIVATION
    created = item.get("created")
    data: dict[str, Any] = {
        **(item.get("kabar:extra") if isinstance(item.get("kabar:extra"), dict) else {}),
        "id": _strip_urn(raw_id.strip()),
        "user": creator if isinstance(creator, str) else "",
        "created": created,
        "modified": item.get("modified") or created,
        "motivation": motivation,
        "target": target.to_dict(),
        "tags": tags,
        "note": "\n\n".join(notes),
    }
    speaker = Speaker.from_dict(item.get("kabar:speaker"), "kabar:speaker")
    annotation = Annotation.from_dict(data)
    return ref, Annotation(**{**_fields(annotation), "speaker": speaker})


def _fields(annotation: Annotation) -> dict[str, Any]:
    return {name: getattr(annotation, name) for name in Annotation.__dataclass_fields__}


def parse_jsonld(data: bytes) -> tuple[list[tuple[ArticleRef, Annotation]], list[str]]:
    """The annotations in a JSON-LD file and the reasons for each one skipped.
    Raises ImportFormatError when the file as a whole cannot be read."""
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFormatError(f"larger than {MAX_IMPORT_BYTES:,} bytes")
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as e:
        raise ImportFormatError(f"not UTF-8 (byte {e.start})") from None
    except json.JSONDecodeError as e:
        raise ImportFormatError(f"not JSON: {e.msg} at line {e.lineno}, column {e.colno}") from None
    except RecursionError:
        raise ImportFormatError("nested too deeply") from None
    found: list[tuple[ArticleRef, Annotation]] = []
    skipped: list[str] = []
    for i, item in enumerate(_items(document)):
        try:
            found.append(annotation_from_jsonld(item))
        except (ModelError, TypeError, AttributeError) as e:
            label = item.get("id") if isinstance(item, dict) else None
            # The id is the file's text: shown on one line, shortened, so it cannot break the report.
            shown = f" ({' '.join(label.split())[:80]!r})" if isinstance(label, str) else ""
            skipped.append(f"annotation {i + 1}{shown}: {e}")
    return found, skipped


def import_jsonld(store: AnnotationStore, data: bytes) -> ImportReport:
    """Merge the annotations in `data` into `store`, one write per article; importing the
    same file again changes nothing. Raises ImportFormatError, BrokenFileError, StoreBusyError."""
    found, skipped = parse_jsonld(data)
    report = ImportReport(skipped=skipped)
    by_article: dict[str, tuple[ArticleRef, list[Annotation]]] = {}
    for ref, annotation in found:
        by_article.setdefault(ref.id, (ref, []))[1].append(annotation)
    for ref, items in by_article.values():
        counts: MergeCounts = store.merge(ref, items)
        report.added += counts.added
        report.updated += counts.updated
        report.unchanged += counts.unchanged
    return report
