"""Annotations: notes, highlights and tags on passages of articles, per user, never lost.

The reader and the CLI use:
- AnnotationStore(root=None, user=None): load(article) -> LoadResult, add(article, start, end,
  note=, tags=, motivation=, speaker=), update(article, annotation_or_id, **changes),
  delete(article, id), merge(article_or_ref, annotations), all(articles, users=, tag=, speaker=,
  outlet=) -> Listing.
- anchor(annotation, body) -> Anchored (exact / moved / fuzzy / orphan).
- tui.annotations.export (Markdown, JSON-LD, CSV) and tui.annotations.importer (JSON-LD).
No Textual here.
"""

from tui.annotations.anchoring import Anchored, AnchorStatus, anchor, find_text
from tui.annotations.model import Annotation, ArticleRef, ModelError, Speaker, Target
from tui.annotations.store import (
    AnchoredAnnotation,
    AnnotationError,
    AnnotationStore,
    BrokenFileError,
    LibraryEntry,
    Listing,
    LoadResult,
    StoreBusyError,
    UnknownAnnotationError,
)

__all__ = [
    "AnchorStatus",
    "Anchored",
    "AnchoredAnnotation",
    "Annotation",
    "AnnotationError",
    "AnnotationStore",
    "ArticleRef",
    "BrokenFileError",
    "LibraryEntry",
    "Listing",
    "LoadResult",
    "ModelError",
    "Speaker",
    "StoreBusyError",
    "Target",
    "UnknownAnnotationError",
    "anchor",
    "find_text",
]
