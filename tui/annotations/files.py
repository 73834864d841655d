"""One annotation file as bytes and back, fast enough for thousands of notes.

YAML is the format users see, sync and diff, but parsing and dumping it in Python costs about a
quarter of a millisecond per note. Two caches keep a keypress's save and a library's load fast
without changing what is on disk:

- FileCodec keeps each annotation's YAML text: a save dumps only the notes that changed and
  joins the rest (the result is byte-identical to dumping the whole file).
- A copy of each parsed file in the cache folder, keyed by a hash of the YAML bytes: a new
  process reads it instead of parsing the YAML again while the file is unchanged. Any change
  to the YAML (by hand, by another process, by a sync) changes the hash, so the copy is unused.

The copy is ours: made only from annotations that passed validation (or from what validation
makes of an annotation being written), so it is read without validating every field again,
which is what made loading thousands of notes slow. Its rows are checksummed and its key
names the model's fields, so a damaged copy, or one written for another shape of the model,
is ignored and the YAML is parsed instead. It lives in the user's own cache folder and is
never synced; what is synced and shared is the YAML, which is always validated.

A cache file is three lines: a key (see cache_key_line), then two of JSON:
    {"header": [<article block's fields, or null>, <the file's extra keys>], "rows": [<row>, ...]}
    [<each annotation's YAML text, in file order>]   (read only when the file is saved)
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from tui.annotations.model import (
    ROW_FIELDS,
    SCHEMA_VERSION,
    Annotation,
    ArticleRef,
    ModelError,
    annotation_from_row,
    annotation_row,
    model_shape,
)
from tui.annotations.yaml_io import dump_yaml, load_yaml

# The top of a file written by Kabar, up to the annotations list: enough to identify the article.
_ANNOTATIONS_KEY = re.compile(rb"^annotations:", re.MULTILINE)
_FILE_KEYS = ("schema", "article", "annotations")

# Bump when the cache file's layout changes; the model's own shape is part of the key anyway.
CACHE_FORMAT = 2
CACHE_LAYOUT = (
    f"kabar-annotations/{CACHE_FORMAT}/schema {SCHEMA_VERSION}/{','.join(ROW_FIELDS)}/{model_shape()}"
)
# Cache files larger than this are not read (a YAML file is capped at 32 MiB; its copy is smaller).
MAX_CACHE_BYTES = 96 * 1024 * 1024
_CACHE_MAGIC = b"kabar-annotations"


def layout_key(layout: str) -> bytes:
    """A short name for a cache layout, written in each cache file's key line."""
    return hashlib.blake2b(layout.encode(), digest_size=12).hexdigest().encode("ascii")


_LAYOUT_KEY = layout_key(CACHE_LAYOUT)


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
    """A hash of a file's bytes that tells any two versions of it apart. SHA-256, because
    current processors compute it in hardware: about twice as fast as BLAKE2 on a library's
    worth of YAML, which is read and hashed on every load to check the cache against."""
    return hashlib.sha256(data).hexdigest()[:32]


def cache_key_line(digest: str, payload: bytes) -> bytes:
    """The first line of a cache file: what it is, the layout it is written in (a hash of
    CACHE_LAYOUT), the hash of the YAML bytes it is a copy of, and the size and check of the
    payload line that follows."""
    return b"%s %s %s %d %d\n" % (
        _CACHE_MAGIC,
        _LAYOUT_KEY,
        digest.encode("ascii"),
        len(payload),
        _payload_check(payload),
    )


def _payload_check(payload: bytes) -> int:
    # A CRC finds the damage a disk or a torn write does, at a fraction of a hash's cost; the
    # copy is not a defence against someone who can write the user's cache folder.
    return zlib.crc32(payload)


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


# No spaces after separators: about a tenth less to read back.
_COMPACT = (",", ":")


def _json_or_none(data: Any) -> str | None:
    """`data` as JSON text, or None when JSON cannot give it back as it is (non-text keys,
    NaN, ...): such a document is simply not cached."""
    try:
        text = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=_COMPACT)
    except (TypeError, ValueError, RecursionError):
        return None
    return text if json.loads(text) == data else None


def _row_json(annotation: Annotation) -> str | None:
    """The row of `annotation` as JSON, or None when JSON cannot hold it exactly."""
    row = annotation_row(annotation)
    if annotation.extra or annotation.target.extra:
        return _json_or_none(row)  # keys a newer Kabar or a hand wrote: check they survive JSON
    # Every other field is text, a whole number, None or a list of text: JSON keeps them.
    return json.dumps(row, ensure_ascii=False, separators=_COMPACT)


def _canonical_row_json(annotation: Annotation) -> str | None:
    """The row of what reading `annotation` back from its YAML gives (the object being saved
    may not be in the form validation leaves it in: a note with trailing spaces, say), or None
    when it would not read back at all."""
    try:
        canonical = Annotation.from_dict(annotation.to_dict())
    except ModelError:
        return None
    return _row_json(canonical)


def _header_row(document: AnnotationFile, *, validated: bool) -> list[Any] | None:
    """The file's article block and extra keys as the cache keeps them: [article fields in
    order, or None; extra], in the form validation gives them (made so here unless
    `validated`); None when they would not validate."""
    if not validated:
        try:
            document = annotation_file_from_raw(document.header_dict(), header_only=True)
        except ModelError:
            return None
    ref = document.article
    article = (
        None
        if ref is None
        else [ref.id, ref.path, ref.story, ref.title, ref.outlet, ref.fingerprint, ref.extra]
    )
    return [article, document.extra]


def _header_from_row(row: list[Any]) -> tuple[ArticleRef | None, dict[str, Any]]:
    """The article block and extra keys of a header row. Trusts the row (see _header_row)."""
    article, extra = row
    if article is None:
        return None, extra
    ref_id, path, story, title, outlet, fingerprint, ref_extra = article
    return ArticleRef(ref_id, path, story, title, outlet, fingerprint, ref_extra), extra


def _cache_payload(header: list[Any] | None, rows: list[str | None]) -> str | None:
    """The cache's second line: the file's header row and its annotations' rows (already
    JSON); None when JSON cannot hold one of them."""
    header_json = None if header is None else _json_or_none(header)
    if header_json is None or None in rows:
        return None
    return f'{{"header":{header_json},"rows":[{",".join(r for r in rows if r is not None)}]}}'


@dataclass(slots=True)
class _Encoded:
    """One annotation as a YAML list item and as a cache row. The row is made when first
    needed; None there means the cache cannot hold it."""

    annotation: Annotation
    yaml: str
    # Read from the cache (so already in validated form) rather than being saved now.
    validated: bool = False
    row: str | None = None
    row_known: bool = False

    def row_json(self) -> str | None:
        if not self.row_known:
            maker = _row_json if self.validated else _canonical_row_json
            self.row, self.row_known = maker(self.annotation), True
        return self.row


@dataclass(frozen=True, slots=True)
class EncodedFile:
    yaml: bytes
    # The cache's payload line (None when the cache cannot hold the document) and each
    # annotation's YAML text, both kept in the cache by FileCodec.remember_encoded.
    cache_payload: str | None
    yaml_items: tuple[str, ...]


class FileCodec:
    """Bytes ↔ AnnotationFile with the caches described above. One per store.

    `cache_folder` holds the copies (None: no copies).
    """

    def __init__(self, cache_folder: Path | None) -> None:
        self.cache_folder = cache_folder
        # file -> annotation object id -> its encodings; the object is held in the entry so
        # that its id cannot be reused while the entry exists.
        self._encoded: dict[Path, dict[int, _Encoded]] = {}
        # file -> (digest, document) read from a cache copy whose YAML texts are not read yet:
        # they are needed only if the file is saved.
        self._unprimed: dict[Path, tuple[str, AnnotationFile]] = {}
        self._cache_folders: dict[str, str] = {}  # YAML folder -> its cache folder

    # ---- writing -------------------------------------------------------------------------

    def encode(self, path: Path, document: AnnotationFile) -> EncodedFile:
        """The YAML bytes of `document` for `path` (the same as dump_yaml(document.to_dict())
        but for the optional `...` end marker) and its cache payload. Only annotations not
        seen before are dumped."""
        if path not in self._encoded and path in self._unprimed:
            self._prime(path, *self._unprimed.pop(path))
        known = self._encoded.get(path, {})
        encoded = []
        for annotation in document.annotations:
            item = known.get(id(annotation))
            if item is None or item.annotation is not annotation:
                item = _Encoded(annotation, _without_end_marker(dump_yaml([annotation.to_dict()])))
            encoded.append(item)
        self._encoded[path] = {id(e.annotation): e for e in encoded}  # only what the file now holds
        header = document.header_dict()
        yaml_parts = [_without_end_marker(dump_yaml(header))]
        yaml_parts.append("annotations:\n" if encoded else "annotations: []\n")
        yaml_parts += [e.yaml for e in encoded]
        payload = _cache_payload(_header_row(document, validated=False), [e.row_json() for e in encoded])
        return EncodedFile("".join(yaml_parts).encode("utf-8"), payload, tuple(e.yaml for e in encoded))

    def dump(self, path: Path, document: AnnotationFile) -> bytes:
        """The YAML bytes of `document`."""
        return self.encode(path, document).yaml

    # ---- reading -------------------------------------------------------------------------

    def parse(self, path: Path, data: bytes, digest: str) -> AnnotationFile:
        """Parse `data` (the bytes of `path`, which hash to `digest`), through the cache copy
        when it matches. Raises YamlError or ModelError."""
        cached = self._from_cache(path, digest)
        if cached is not None:
            self._encoded.pop(path, None)
            self._unprimed[path] = (digest, cached)
            return cached
        self._unprimed.pop(path, None)
        parsed = annotation_file_from_raw(load_yaml(data))
        self.remember(path, digest, parsed)
        return parsed

    def _open_cache(self, path: Path, digest: str) -> tuple[BinaryIO, int, int] | None:
        """`path`'s cache copy, open after its key line, with the size and check of its payload,
        if it is a copy of YAML bytes hashing to `digest` in this version's layout; None
        otherwise. The caller closes it."""
        cache = self._cache_path(path)
        if cache is None:
            return None
        try:
            handle = open(cache, "rb")  # returned open: the caller closes it
        except OSError:
            return None
        try:
            fields = handle.readline(256).split()
        except OSError:
            fields = []
        if len(fields) == 5 and fields[0] == _CACHE_MAGIC and fields[1] == _LAYOUT_KEY:
            if fields[2] == digest.encode("ascii") and fields[3].isdigit() and fields[4].isdigit():
                size = int(fields[3])
                if size <= MAX_CACHE_BYTES:
                    return handle, size, int(fields[4])
        handle.close()
        return None

    def _from_cache(self, path: Path, digest: str) -> AnnotationFile | None:
        opened = self._open_cache(path, digest)
        if opened is None:
            return None
        handle, size, check = opened
        try:
            with handle:
                payload = handle.read(size)  # the YAML texts after it are read only to save
            if _payload_check(payload) != check:
                return None
            stored = json.loads(payload)
            article, extra = _header_from_row(stored["header"])
            annotations = tuple(map(annotation_from_row, stored["rows"]))
        except (OSError, ValueError, TypeError, KeyError, IndexError, RecursionError):
            return None  # damaged, or not what this version writes: the YAML decides
        return AnnotationFile(article, annotations, SCHEMA_VERSION, extra)

    def _cached_yaml_items(self, path: Path, digest: str) -> Any:
        opened = self._open_cache(path, digest)
        if opened is None:
            return None
        handle, size, _ = opened
        try:
            with handle:
                handle.seek(size + 1, os.SEEK_CUR)  # past the payload and its line end
                return json.loads(handle.read(MAX_CACHE_BYTES + 1))
        except (OSError, ValueError, RecursionError):
            return None

    def _prime(self, path: Path, digest: str, parsed: AnnotationFile) -> None:
        """Reuse the cached YAML text of each annotation read from the cache, so the next save
        dumps only what changed; but only when that text is exactly the end of the file (so
        it is the file's own text, in the file's order, not a stale or damaged copy)."""
        items = self._cached_yaml_items(path, digest)
        try:
            data = path.read_bytes()
        except OSError:
            return
        if not isinstance(items, list) or len(items) != len(parsed.annotations) or not items:
            return
        if content_digest(data) != digest or not all(isinstance(i, str) for i in items):
            return
        if not data.endswith("".join(items).encode("utf-8")):
            return
        self._encoded[path] = {
            id(a): _Encoded(a, text, validated=True)
            for a, text in zip(parsed.annotations, items, strict=True)
        }

    def _cache_path(self, path: Path) -> str | None:
        """Where `path`'s copy is kept (as text: a library load asks once per file, and
        pathlib's joins cost more than the rest of finding it)."""
        if self.cache_folder is None:
            return None
        parent, name = os.path.split(path)
        folder = self._cache_folders.get(parent)
        if folder is None:  # resolving costs a system call per part of the path: once per folder
            resolved = str(Path(parent).resolve())
            folder = os.path.join(
                self.cache_folder, hashlib.blake2b(resolved.encode(), digest_size=8).hexdigest()
            )
            self._cache_folders[parent] = folder
        return f"{folder}{os.sep}{name}.json"

    def remember(self, path: Path, digest: str, parsed: AnnotationFile) -> None:
        """Keep the copy of a document just validated from YAML bytes that hash to `digest`."""
        payload = _cache_payload(
            _header_row(parsed, validated=True), [_row_json(a) for a in parsed.annotations]
        )
        if payload is not None:
            self._write_cache(path, digest, payload, ())

    def remember_encoded(self, path: Path, digest: str, encoded: EncodedFile) -> None:
        """Keep the copy of a document just written (its YAML bytes hash to `digest`)."""
        if encoded.cache_payload is not None:
            self._write_cache(path, digest, encoded.cache_payload, encoded.yaml_items)

    def _write_cache(self, path: Path, digest: str, payload: str, yaml_items: tuple[str, ...]) -> None:
        # Best effort and not fsynced: the cache is disposable, so any failure or loss only
        # means the YAML is parsed next time.
        cache = self._cache_path(path)
        if cache is None:
            return
        payload_bytes = payload.encode("utf-8")
        items = json.dumps(list(yaml_items), ensure_ascii=False).encode("utf-8")
        folder, name = os.path.split(cache)
        try:
            os.makedirs(folder, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(
                        b"".join((cache_key_line(digest, payload_bytes), payload_bytes, b"\n", items))
                    )
                os.replace(tmp, cache)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except OSError:
            return
