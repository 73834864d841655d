"""One annotation file as bytes and back, fast enough for thousands of notes.

YAML is the format users see, sync and diff, but parsing and dumping it in Python costs about a
quarter of a millisecond per note. Two caches keep a keypress's save and a library's load fast
without changing what is on disk:

- FileCodec keeps each annotation's YAML text: a save dumps only the notes that changed and
  joins the rest (the result is byte-identical to dumping the whole file).
- A JSON copy of each parsed file in the cache folder, keyed by a hash of the YAML bytes:
  a new process reads it instead of parsing the YAML again while the file is unchanged. It is
  validated like the YAML, so a tampered cache can do no more than a tampered YAML file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.annotations.model import SCHEMA_VERSION, Annotation, ArticleRef, ModelError
from tui.annotations.yaml_io import dump_yaml, load_yaml

# The top of a file written by Kabar, up to the annotations list: enough to identify the article.
_ANNOTATIONS_KEY = re.compile(rb"^annotations:", re.MULTILINE)
_FILE_KEYS = ("schema", "article", "annotations")


@dataclass(frozen=True, slots=True)
class AnnotationFile:
    """The parsed content of one file."""

    article: ArticleRef | None
    annotations: tuple[Annotation, ...] = ()
    schema: int = SCHEMA_VERSION
    extra: dict[str, Any] = field(default_factory=dict)

    def header_dict(self) -> dict[str, Any]:
        return {
            "schema": self.schema,
            "article": self.article.to_dict() if self.article else None,
            **self.extra,
        }

    def to_dict(self) -> dict[str, Any]:
        return {**self.header_dict(), "annotations": [a.to_dict() for a in self.annotations]}


def content_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def annotation_file_from_raw(raw: Any, *, header_only: bool = False) -> AnnotationFile:
    """Validate a loaded document. Raises ModelError naming the field."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ModelError(f"the file must be a mapping with {', '.join(_FILE_KEYS)}")
    schema = raw.get("schema", SCHEMA_VERSION)
    if isinstance(schema, bool) or not isinstance(schema, int):
        raise ModelError("schema must be a whole number")
    if schema > SCHEMA_VERSION:
        raise ModelError(f"written by a newer Kabar (schema {schema}, this one reads {SCHEMA_VERSION})")
    article = ArticleRef.from_dict(raw["article"]) if raw.get("article") is not None else None
    items = [] if header_only else raw.get("annotations") or []
    if not isinstance(items, list):
        raise ModelError("annotations must be a list")
    newest: dict[str, Annotation] = {}
    for i, item in enumerate(items):
        annotation = Annotation.from_dict(item, f"annotations[{i}]")
        # The same id twice (a sync conflict merged by hand): keep the later edit.
        if annotation.id not in newest or newest[annotation.id].modified_at <= annotation.modified_at:
            newest[annotation.id] = annotation
    extra = {k: v for k, v in raw.items() if k not in _FILE_KEYS}
    return AnnotationFile(article, tuple(newest.values()), SCHEMA_VERSION, extra)


def parse_annotation_file(data: bytes, *, header_only: bool = False) -> AnnotationFile:
    """Parse and validate the bytes of a file. Raises YamlError or ModelError (one line).

    With header_only, only the part before `annotations:` is read when Kabar wrote the file
    (a fast way to learn which article a file belongs to); annotations are then empty.
    """
    if header_only:
        key = _ANNOTATIONS_KEY.search(data)
        if key is not None:
            data = data[: key.start()]
    return annotation_file_from_raw(load_yaml(data), header_only=header_only)


def _without_end_marker(text: str) -> str:
    """A dumped document without the `...` end marker the emitter adds after text kept with
    `|+`, so that documents can be joined into one (the marker is optional in YAML)."""
    return text.removesuffix("...\n")


def _json_or_none(data: Any) -> str | None:
    """`data` as JSON text, or None when JSON cannot give it back as it is (non-text keys,
    NaN, ...): such a document is simply not cached."""
    try:
        text = json.dumps(data, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError, RecursionError):
        return None
    return text if json.loads(text) == data else None


@dataclass(slots=True)
class _Encoded:
    """One annotation as a YAML list item and as JSON. The JSON is made when first needed
    (`raw` is its dict form); None there means JSON cannot hold it."""

    annotation: Annotation
    yaml: str
    raw: Any
    json: str | None = None
    json_known: bool = False
    # Text taken from the file through the cache: reused only if it is what the annotation
    # (as validated and cleaned when loaded) would be written as.
    from_cache: bool = False

    def json_text(self) -> str | None:
        if not self.json_known:
            self.json, self.json_known = _json_or_none(self.raw), True
        return self.json


@dataclass(frozen=True, slots=True)
class EncodedFile:
    yaml: bytes
    # The JSON copy of the document (None when JSON cannot hold it) and each annotation's YAML
    # text, both kept in the cache by FileCodec.remember_encoded.
    json_document: str | None
    yaml_items: tuple[str, ...]


class FileCodec:
    """Bytes ↔ AnnotationFile with the caches described above. One per store.

    `cache_folder` holds the JSON copies (None: no copies).
    """

    def __init__(self, cache_folder: Path | None) -> None:
        self.cache_folder = cache_folder
        # file -> annotation object id -> its encodings; the object is held in the entry so
        # that its id cannot be reused while the entry exists.
        self._encoded: dict[Path, dict[int, _Encoded]] = {}

    # ---- writing -------------------------------------------------------------------------

    def encode(self, path: Path, document: AnnotationFile) -> EncodedFile:
        """The YAML bytes of `document` for `path` (the same as dump_yaml(document.to_dict())
        but for the optional `...` end marker) and its JSON copy. Only annotations not seen
        before are dumped."""
        known = self._encoded.get(path, {})
        encoded = []
        for annotation in document.annotations:
            item = known.get(id(annotation))
            if item is not None and item.from_cache and item.annotation is annotation:
                item = item if item.raw == annotation.to_dict() else None
            if item is None or item.annotation is not annotation:
                data = annotation.to_dict()
                item = _Encoded(annotation, _without_end_marker(dump_yaml([data])), data)
            encoded.append(item)
        self._encoded[path] = {id(e.annotation): e for e in encoded}  # only what the file now holds
        header = document.header_dict()
        yaml_parts = [_without_end_marker(dump_yaml(header))]
        yaml_parts.append("annotations:\n" if encoded else "annotations: []\n")
        yaml_parts += [e.yaml for e in encoded]
        header_json = _json_or_none(header)
        json_document = None
        item_jsons = [e.json_text() for e in encoded]
        if header_json is not None and None not in item_jsons:
            items = ",".join(j for j in item_jsons if j is not None)
            json_document = f'{header_json[:-1]}, "annotations": [{items}]}}'
        return EncodedFile("".join(yaml_parts).encode("utf-8"), json_document, tuple(e.yaml for e in encoded))

    def dump(self, path: Path, document: AnnotationFile) -> bytes:
        """The YAML bytes of `document`."""
        return self.encode(path, document).yaml

    # ---- reading -------------------------------------------------------------------------

    def parse(self, path: Path, data: bytes, digest: str) -> AnnotationFile:
        """Parse `data` (the bytes of `path`), through the JSON copy when it matches.
        Raises YamlError or ModelError."""
        cached = self._cached(path, digest)
        if cached is not None:
            try:
                parsed = annotation_file_from_raw(cached.get("document"))
            except ModelError:
                pass  # a damaged cache: the YAML decides
            else:
                self._prime(path, data, parsed, cached)
                return parsed
        raw = load_yaml(data)
        parsed = annotation_file_from_raw(raw)
        self.remember(path, digest, raw)
        return parsed

    def _prime(self, path: Path, data: bytes, parsed: AnnotationFile, cached: dict[str, Any]) -> None:
        """Reuse the cached YAML text of each annotation, so the next save dumps only what
        changed, but only when that text is exactly the end of the file (so it is the file's
        own text, in the file's order, not a stale or damaged copy)."""
        items = cached.get("yaml")
        raw_items = (cached.get("document") or {}).get("annotations")
        if not isinstance(items, list) or not isinstance(raw_items, list):
            return
        if len(items) != len(parsed.annotations) or len(raw_items) != len(items):
            return
        if not all(isinstance(i, str) for i in items) or not data.endswith("".join(items).encode("utf-8")):
            return
        self._encoded[path] = {
            id(a): _Encoded(a, text, raw, from_cache=True)
            for a, text, raw in zip(parsed.annotations, items, raw_items, strict=True)
        }

    def _cache_path(self, path: Path) -> Path | None:
        if self.cache_folder is None:
            return None
        folder = hashlib.blake2b(str(path.parent.resolve()).encode(), digest_size=8).hexdigest()
        return self.cache_folder / folder / f"{path.name}.json"

    def _cached(self, path: Path, digest: str) -> dict[str, Any] | None:
        cache = self._cache_path(path)
        if cache is None:
            return None
        try:
            stored = json.loads(cache.read_bytes())
        except (OSError, ValueError, RecursionError):
            return None
        if isinstance(stored, dict) and stored.get("digest") == digest:
            return stored
        return None

    def remember(self, path: Path, digest: str, raw: Any) -> None:
        """Keep the JSON copy of a document parsed from YAML bytes that hash to `digest`."""
        text = _json_or_none(raw)
        if text is not None:
            self._write_cache(path, digest, text, ())

    def remember_encoded(self, path: Path, digest: str, encoded: EncodedFile) -> None:
        """Keep the JSON copy of a document just written (its YAML bytes hash to `digest`)."""
        if encoded.json_document is not None:
            self._write_cache(path, digest, encoded.json_document, encoded.yaml_items)

    def _write_cache(self, path: Path, digest: str, document_json: str, yaml_items: tuple[str, ...]) -> None:
        # Best effort and not fsynced: the cache is disposable, so any failure or loss only
        # means the YAML is parsed next time.
        cache = self._cache_path(path)
        if cache is None:
            return
        items = json.dumps(list(yaml_items), ensure_ascii=False)
        text = f'{{"digest": "{digest}", "document": {document_json}, "yaml": {items}}}'
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{cache.name}.", suffix=".tmp", dir=cache.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    handle.write(text)
                os.replace(tmp, cache)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except OSError:
            return
