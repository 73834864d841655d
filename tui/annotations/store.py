"""The annotation store: one YAML file per article and user, never losing a note.

Layout: `<root>/<user>/<name>.yaml`, root defaulting to `tui.paths.data_dir() / "annotations"`.
A new file is named after the article's content id. The id changes when the article text is
edited, so a file is also found by the `article:` block inside it (id, fingerprint, then path
and story, then title and outlet), and keeps its first name for good.

Every change is: lock the file, re-read it, apply this one change by annotation id, write it
atomically. Two windows or processes therefore never drop each other's notes, and a deletion
in one is not undone by the other. A file that does not parse or validate is never written,
renamed or deleted: loading reports it (naming the file and why) and every write to it raises
BrokenFileError, while every other article keeps working.
"""

from __future__ import annotations

import contextlib
import getpass
import glob
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import filelock

from tui.annotations.anchoring import Anchored, AnchorStatus, anchor
from tui.annotations.files import AnnotationFile, FileCodec, content_digest, parse_annotation_file
from tui.annotations.frozen import new_instance, slot_setters
from tui.annotations.model import (
    DEFAULT_MOTIVATION,
    SCHEMA_VERSION,
    Annotation,
    ArticleRef,
    ModelError,
    Speaker,
    Target,
    new_annotation,
)
from tui.annotations.yaml_io import MAX_YAML_BYTES, YamlError
from tui.atomic import write_atomic
from tui.gc_pause import cyclic_collector_paused
from tui.library.article import Article
from tui.paths import cache_dir, data_dir

SUFFIX = ".yaml"
LOCK_TIMEOUT_SECONDS = 10.0
MAX_USER_CHARS = 64


class AnnotationError(Exception):
    """A store operation that could not be done; str() is one line for the user."""


class BrokenFileError(AnnotationError):
    """An annotation file that does not parse or validate. It is left exactly as it is."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class StoreBusyError(AnnotationError):
    """Another process held the file's lock for longer than LOCK_TIMEOUT_SECONDS."""


class UnknownAnnotationError(AnnotationError):
    """No annotation with that id in the article's file."""


def resolve_user(name: str | None = None) -> str:
    """The annotator: `name`, else KABAR_USER, else the login name, else "user"."""
    if name:
        return name
    if os.environ.get("KABAR_USER"):
        return os.environ["KABAR_USER"]
    try:
        return getpass.getuser() or "user"
    except Exception:  # no login name in some containers and services
        return "user"


def user_folder_name(user: str) -> str:
    """`user` made safe as one folder name: no separators, no `..`, no leading dot."""
    name = unicodedata.normalize("NFKC", user).strip()
    name = re.sub(r"[^\w.@+-]+|\.{2,}", "_", name).lstrip(".")[:MAX_USER_CHARS]
    return name or "user"


@dataclass(slots=True)
class MergeCounts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass(frozen=True, slots=True)
class AnchoredAnnotation:
    annotation: Annotation
    anchor: Anchored


@dataclass(frozen=True, slots=True)
class LoadResult:
    """An article's annotations placed in its current text, in text order (orphans last).

    `path` is the file that holds them (or will, once one is added). When `error` is set the
    file is broken: `annotations` is empty and every write for this article is refused.
    """

    path: Path
    annotations: tuple[AnchoredAnnotation, ...] = ()
    stored_article: ArticleRef | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def orphans(self) -> tuple[AnchoredAnnotation, ...]:
        return tuple(a for a in self.annotations if a.anchor.status is AnchorStatus.ORPHAN)


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    """One annotation in the library-wide list. `article` is None when the article it belongs
    to is not among those given, and then `anchor` is None too."""

    path: Path
    user_folder: str
    stored_article: ArticleRef | None
    annotation: Annotation
    article: Article | None = None
    anchor: Anchored | None = None

    @property
    def outlet(self) -> str | None:
        if self.article is not None and self.article.source:
            return self.article.source
        return self.stored_article.outlet if self.stored_article else None

    @property
    def title(self) -> str | None:
        if self.article is not None and self.article.title:
            return self.article.title
        return self.stored_article.title if self.stored_article else None


(_SET_PATH, _SET_USER_FOLDER, _SET_STORED_ARTICLE, _SET_ANNOTATION, _SET_ARTICLE, _SET_ANCHOR) = slot_setters(
    LibraryEntry, ("path", "user_folder", "stored_article", "annotation", "article", "anchor")
)  # fmt: skip


def _library_entry(
    path: Path,
    user_folder: str,
    stored_article: ArticleRef | None,
    annotation: Annotation,
    article: Article | None,
    placed: Anchored | None,
) -> LibraryEntry:
    """LibraryEntry(...) without the frozen __init__: a library load makes one per note (see
    tui.annotations.frozen)."""
    entry = new_instance(LibraryEntry)
    _SET_PATH(entry, path)
    _SET_USER_FOLDER(entry, user_folder)
    _SET_STORED_ARTICLE(entry, stored_article)
    _SET_ANNOTATION(entry, annotation)
    _SET_ARTICLE(entry, article)
    _SET_ANCHOR(entry, placed)
    return entry


@dataclass(frozen=True, slots=True)
class BrokenFile:
    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Listing:
    entries: tuple[LibraryEntry, ...]
    broken: tuple[BrokenFile, ...]


_StatKey = tuple[int, int, int]


def _stat_key(path: Path) -> _StatKey | None:
    try:
        st = path.stat()
    except OSError:
        return None
    # An atomic replace makes a new inode, so this changes on every write, even within one tick.
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def _read_capped(path: Path) -> bytes | None:
    """The bytes of an annotation file; None if it does not exist. Raises BrokenFileError for
    a file too big to be one, or something that is not a regular file (a FIFO would block)."""
    try:
        # os and open() rather than pathlib: a library load reads every file, and pathlib's
        # wrappers cost as much as the system calls.
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise BrokenFileError(path, "not a regular file")
        if info.st_size > MAX_YAML_BYTES:
            raise BrokenFileError(path, f"larger than {MAX_YAML_BYTES:,} bytes")
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return None
    except OSError as e:
        raise BrokenFileError(path, f"cannot be read ({e.strerror or e})") from None


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def resolved_path(path: str | None) -> str | None:
    """`path` made absolute with links resolved, to compare two spellings of one file."""
    if not path:
        return None
    return _resolved_or_none(path) or path


def _resolved_or_none(path: str) -> str | None:
    try:
        return str(Path(path).expanduser().resolve())
    except (OSError, RuntimeError, ValueError):
        return None


class PathResolver:
    """resolved_path for many files in a few folders, for the length of one operation: each
    folder is resolved once and each file costs one system call (is it a link?) instead of
    one per part of its path. Matching a thousand notes files to edited articles by place
    resolved a thousand paths twice."""

    def __init__(self) -> None:
        self._folders: dict[str, str | None] = {}

    def __call__(self, path: str | None) -> str | None:
        if not path:
            return None
        folder, name = os.path.split(path)
        if path.startswith("~") or name in ("", ".", ".."):
            return resolved_path(path)  # rare spellings: the general way
        if folder not in self._folders:
            self._folders[folder] = _resolved_or_none(folder or ".")
        resolved_folder = self._folders[folder]
        if resolved_folder is None:
            return resolved_path(path)  # keeps resolved_path's answer for what cannot be resolved
        candidate = os.path.join(resolved_folder, name)
        return resolved_path(path) if os.path.islink(candidate) else candidate


def _fold(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


# Articles by (resolved file, story) and by (folded title, folded outlet).
_Places = tuple[dict[tuple[str | None, int], Article], dict[tuple[str, str], Article]]


class ArticleMatcher:
    """Finds which of a set of articles a stored ArticleRef means: same id, same fingerprint,
    then same file and story, then same title and outlet."""

    def __init__(self, articles: Iterable[Article]) -> None:
        self.articles = list(articles)
        self.by_id: dict[str, Article] = {}
        self.by_fingerprint: dict[str, Article] = {}
        for article in self.articles:
            self.by_id.setdefault(article.id, article)
            if article.fingerprint:
                self.by_fingerprint.setdefault(article.fingerprint, article)
        # Made on first use: resolving every article's path costs system calls, and most
        # files are matched by id or fingerprint.
        self._by_place: _Places | None = None
        self._resolve = PathResolver()

    def _places(self) -> _Places:
        if self._by_place is None:
            by_path: dict[tuple[str | None, int], Article] = {}
            by_title: dict[tuple[str, str], Article] = {}
            for article in self.articles:
                by_path.setdefault((self._resolve(article.file), article.story), article)
                if article.title:
                    by_title.setdefault((_fold(article.title), _fold(article.source)), article)
            self._by_place = (by_path, by_title)
        return self._by_place

    def match(self, stored: AnnotationFile) -> Article | None:
        """The article `stored` belongs to; matched by place or title only if it still looks
        like the same article (see _still_the_same_article)."""
        ref = stored.article
        if ref is None:
            return None
        same_text = self.by_id.get(ref.id) or (
            self.by_fingerprint.get(ref.fingerprint) if ref.fingerprint else None
        )
        if same_text is not None:
            return same_text
        by_path, by_title = self._places()
        for candidate in (
            by_path.get((self._resolve(ref.path), ref.story)),
            by_title.get((_fold(ref.title), _fold(ref.outlet))) if ref.title else None,
        ):
            if candidate is not None and _still_the_same_article(stored, candidate.body):
                return candidate
        return None


def _still_the_same_article(stored: AnnotationFile, body: str) -> bool:
    """Whether `body` looks like an edit of the article `stored` was written for: some note
    still finds its passage, or the context around one (its prefix or suffix) is still there,
    as when only the annotated passage was deleted."""
    if not stored.annotations:
        return True
    for annotation in stored.annotations:
        quote = annotation.target.quote
        # Both ends of each context: a deletion often takes the part next to the passage too.
        for context in (quote.prefix[:16], quote.prefix[-16:], quote.suffix[:16], quote.suffix[-16:]):
            if len(context.strip()) >= 8 and context in body:
                return True
    return any(anchor(a, body).found for a in stored.annotations)


def _remove_orphaned_temp_files(path: Path) -> None:
    """Delete temp files a killed writer left next to `path`. Only called under the file's
    lock: every writer holds it while its temp file exists, so any found now is abandoned."""
    for temp in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            temp.unlink()


def _removal(annotation_id: str, removed: list[Annotation]) -> Callable[[dict[str, Annotation]], None]:
    """The change that removes one annotation by id, collecting it into `removed`."""

    def change(by_id: dict[str, Annotation]) -> None:
        if annotation_id in by_id:
            removed.append(by_id.pop(annotation_id))

    return change


def _text_order(annotations: Iterable[Annotation]) -> tuple[Annotation, ...]:
    return tuple(
        sorted(annotations, key=lambda a: (a.target.position.start, a.target.position.end, a.created, a.id))
    )


def _placed_order(placed: Iterable[AnchoredAnnotation]) -> tuple[AnchoredAnnotation, ...]:
    def key(p: AnchoredAnnotation) -> tuple[int, int, int, str]:
        if p.anchor.start is None:
            return (1, 0, 0, p.annotation.created)
        return (0, p.anchor.start, p.anchor.end or 0, p.annotation.created)

    return tuple(sorted(placed, key=key))


class AnnotationStore:
    """One user's annotations (and read access to every user's, for the library-wide list).

    `root` defaults to `data_dir() / "annotations"`; `user` to resolve_user().
    """

    def __init__(self, root: Path | str | None = None, user: str | None = None) -> None:
        self.root = Path(root) if root is not None else data_dir() / "annotations"
        self.user = resolve_user(user)
        self.folder = self.root / user_folder_name(self.user)
        # path -> (hash of its bytes, parsed file or the error): parsed again only when changed.
        self._files: dict[Path, tuple[str, AnnotationFile | BrokenFileError]] = {}
        self._codec = FileCodec(cache_dir() / "annotations")
        self._headers: dict[Path, tuple[_StatKey, ArticleRef | None]] = {}

    # ---- reading -------------------------------------------------------------------------

    def _read(self, path: Path) -> AnnotationFile | None:
        """The parsed file, None when it does not exist. Raises BrokenFileError."""
        data = _read_capped(path)
        if data is None:
            return None
        digest = content_digest(data)
        cached = self._files.get(path)
        if cached is None or cached[0] != digest:
            try:
                parsed: AnnotationFile | BrokenFileError = self._codec.parse(path, data, digest)
            except (YamlError, ModelError) as e:
                parsed = BrokenFileError(path, str(e))
            cached = (digest, parsed)
            self._files[path] = cached
        if isinstance(cached[1], BrokenFileError):
            raise cached[1]
        return cached[1]

    def _header(self, path: Path) -> ArticleRef | None:
        """The article block of a file (None if it has none or cannot be read)."""
        key = _stat_key(path)
        if key is None:
            return None
        cached = self._headers.get(path)
        if cached is not None and cached[0] == key:
            return cached[1]
        try:
            data = _read_capped(path)
            ref = parse_annotation_file(data, header_only=True).article if data else None
        except (BrokenFileError, YamlError, ModelError):
            ref = None
        if ref is None:  # hand-edited, with `article:` after the notes: read the whole file
            try:
                stored = self._read(path)
            except BrokenFileError:
                stored = None
            ref = stored.article if stored else None
        self._headers[path] = (key, ref)
        return ref

    def files(self, folder: Path | None = None) -> list[Path]:
        """The annotation files in one user's folder (this user's by default), sorted."""
        folder = folder or self.folder
        try:
            with os.scandir(folder) as found:
                names = sorted(
                    e.name for e in found if e.name.endswith(SUFFIX) and not e.name.startswith(".")
                )
        except OSError:
            return []
        return [folder / name for name in names]

    def path_for(self, article: Article) -> Path:
        """The file that holds `article`'s annotations, or that will once one is added."""
        by_id = self.folder / f"{article.id}{SUFFIX}"
        if by_id.exists():
            return by_id
        same_id, same_fingerprint, same_place = [], [], []
        resolve = PathResolver()
        here = (resolve(article.file), article.story)
        title = (_fold(article.title), _fold(article.source))
        for path in self.files():
            ref = self._header(path)
            if ref is None:
                continue
            if ref.id == article.id:
                same_id.append(path)
            elif article.fingerprint and ref.fingerprint == article.fingerprint:
                same_fingerprint.append(path)
            elif (resolve(ref.path), ref.story) == here or (
                article.title and (_fold(ref.title), _fold(ref.outlet)) == title
            ):
                same_place.append(path)
        for group in (same_id, same_fingerprint):
            if group:
                return max(group, key=_mtime)
        # Same file or same title but different text: the article was edited, or a different
        # article took over the file name. Only the first should inherit the notes.
        for path in sorted(same_place, key=_mtime, reverse=True):
            try:
                stored = self._read(path)
            except BrokenFileError:
                return path  # reported on load; writes refused until it is fixed
            if stored is None:
                continue
            if _still_the_same_article(stored, article.body):
                return path
        return by_id

    def load(self, article: Article) -> LoadResult:
        """`article`'s annotations placed in its current body. Never raises for a bad file:
        the result carries the error instead."""
        path = self.path_for(article)
        try:
            stored = self._read(path)
        except BrokenFileError as e:
            return LoadResult(path, error=str(e))
        if stored is None:
            return LoadResult(path)
        placed = [AnchoredAnnotation(a, anchor(a, article.body)) for a in stored.annotations]
        return LoadResult(path, _placed_order(placed), stored.article)

    # ---- writing -------------------------------------------------------------------------

    def _lock(self, path: Path) -> filelock.BaseFileLock:
        return filelock.FileLock(str(path.with_name(f".{path.name}.lock")), timeout=LOCK_TIMEOUT_SECONDS)

    def _change(
        self,
        path: Path,
        ref: ArticleRef,
        change: Callable[[dict[str, Annotation]], Annotation | None],
    ) -> Annotation | None:
        """Lock, re-read, apply `change` to the annotations by id, write atomically."""
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with self._lock(path):
                _remove_orphaned_temp_files(path)
                stored = self._read(path) or AnnotationFile(None)
                by_id = {a.id: a for a in stored.annotations}
                result = change(by_id)
                old_extra = stored.article.extra if stored.article else {}
                new_ref = replace(ref, extra={**old_extra, **ref.extra})
                same_notes = len(by_id) == len(stored.annotations) and all(
                    by_id.get(a.id) is a for a in stored.annotations
                )
                if same_notes and (not stored.annotations or stored.article == new_ref):
                    return result  # nothing to change: leave the file (and its mtime) alone
                updated = AnnotationFile(new_ref, _text_order(by_id.values()), SCHEMA_VERSION, stored.extra)
                encoded = self._codec.encode(path, updated)
                write_atomic(path, encoded.yaml)
                digest = content_digest(encoded.yaml)
                self._files[path] = (digest, updated)
                self._codec.remember_encoded(path, digest, encoded)
                return result
        except filelock.Timeout:
            seconds = f"{LOCK_TIMEOUT_SECONDS:.0f}"
            raise StoreBusyError(f"{path}: locked by another Kabar for {seconds} s") from None

    def _ref(self, article: Article) -> ArticleRef:
        ref = ArticleRef.from_article(article)
        return replace(ref, path=resolved_path(ref.path))

    def add(
        self,
        article: Article,
        start: int,
        end: int,
        *,
        note: str = "",
        tags: Iterable[str] = (),
        motivation: str = DEFAULT_MOTIVATION,
        speaker: Speaker | None = None,
    ) -> Annotation:
        """Annotate article.body[start:end] and save it durably. Returns the new annotation.

        Raises ModelError (bad span, note or motivation), BrokenFileError, StoreBusyError, OSError.
        """
        annotation = new_annotation(
            article.body,
            start,
            end,
            user=self.user,
            note=note,
            tags=tags,
            motivation=motivation,
            speaker=speaker,
        )
        return self.put(article, annotation)

    def put(self, article: Article | ArticleRef, annotation: Annotation) -> Annotation:
        """Save `annotation` as it is (added, or replacing the one with its id)."""
        return self.put_many(article, [annotation])[0]

    def put_many(self, article: Article | ArticleRef, annotations: Iterable[Annotation]) -> list[Annotation]:
        """Save several annotations of one article in one write (adding or replacing by id)."""
        path, ref = self._place(article)
        items = list(annotations)

        def change(by_id: dict[str, Annotation]) -> None:
            for item in items:
                by_id[item.id] = item

        self._change(path, ref, change)
        return items

    def merge(self, article: Article | ArticleRef, annotations: Iterable[Annotation]) -> MergeCounts:
        """Bring in annotations made elsewhere (an import, another machine), by id: new ones are
        added, a known one is replaced only by a later `modified`. Running it twice changes nothing."""
        path, ref = self._place(article)
        items = list(annotations)
        counts = MergeCounts()

        def change(by_id: dict[str, Annotation]) -> None:
            for item in items:
                old = by_id.get(item.id)
                if old is None:
                    counts.added += 1
                elif old != item and item.modified_at > old.modified_at:
                    counts.updated += 1
                else:
                    counts.unchanged += 1
                    continue
                by_id[item.id] = item

        if isinstance(article, ArticleRef) and path.exists():
            # An import knows less about the article than the file does: keep the file's block.
            stored = self._read(path)
            if stored is not None and stored.article is not None:
                ref = stored.article
        self._change(path, ref, change)
        return counts

    def update(self, article: Article, annotation: Annotation | str, **changes: Any) -> Annotation:
        """Edit note, tags, motivation or speaker of one annotation (given itself or by id);
        `modified` is set to now. The edit is applied to the annotation as it is on disk, so a
        change made meanwhile by another window to the same note is replaced, others are kept.

        If another window deleted it meanwhile and `annotation` is the object, it is saved
        again rather than losing the edit. Raises UnknownAnnotationError when given an id that
        is not in the article's file, BrokenFileError, StoreBusyError, ModelError, OSError.
        """
        path, ref = self._place(article)
        annotation_id = annotation if isinstance(annotation, str) else annotation.id
        fallback = None if isinstance(annotation, str) else annotation

        def change(by_id: dict[str, Annotation]) -> Annotation:
            base = by_id.get(annotation_id) or fallback
            if base is None:
                raise UnknownAnnotationError(f"{path}: no annotation {annotation_id}")
            edited = base.edited(**changes)
            by_id[annotation_id] = edited
            return edited

        result = self._change(path, ref, change)
        assert result is not None
        return result

    def reattach(self, article: Article, annotation: Annotation | str, start: int, end: int) -> Annotation:
        """Point an annotation (an orphan, typically) at article.body[start:end]; note, tags
        and speaker stay. Raises like update(), and ModelError for a bad span."""
        return self.update(article, annotation, target=Target.from_span(article.body, start, end))

    def delete(self, article: Article, annotation_id: str) -> bool:
        """Remove one annotation. Returns False when it was not there (already deleted)."""
        path, ref = self._place(article)
        if not path.exists():
            return False
        removed: list[Annotation] = []
        self._change(path, ref, _removal(annotation_id, removed))
        return bool(removed)

    def delete_by_id(self, annotation_id: str) -> Path | None:
        """Remove one of this user's annotations wherever it is (the CLI, with no article at
        hand). Returns the file it was in, None if no readable file holds it."""
        for path in self.files():
            try:
                stored = self._read(path)
            except BrokenFileError:
                continue
            if stored is None or stored.article is None:
                continue
            if any(a.id == annotation_id for a in stored.annotations):
                removed: list[Annotation] = []
                self._change(path, stored.article, _removal(annotation_id, removed))
                if removed:
                    return path
        return None

    def _place(self, article: Article | ArticleRef) -> tuple[Path, ArticleRef]:
        if isinstance(article, Article):
            return self.path_for(article), self._ref(article)
        return self.path_for_ref(article), article

    def path_for_ref(self, ref: ArticleRef) -> Path:
        """The file for an article known only by its reference (imports)."""
        by_id = self.folder / f"{ref.id}{SUFFIX}"
        if by_id.exists():
            return by_id
        for path in self.files():
            header = self._header(path)
            if header is not None and (
                header.id == ref.id or (ref.fingerprint and header.fingerprint == ref.fingerprint)
            ):
                return path
        return by_id

    # ---- the whole library -----------------------------------------------------------------

    def user_folders(self) -> list[Path]:
        try:
            return sorted(p for p in self.root.iterdir() if p.is_dir() and not p.name.startswith("."))
        except OSError:
            return []

    def all(
        self,
        articles: Iterable[Article] = (),
        *,
        users: Iterable[str] | None = None,
        tag: str | None = None,
        speaker: str | None = None,
        outlet: str | None = None,
    ) -> Listing:
        """Every annotation of `users` (every user folder when None), each matched to one of
        `articles` and placed in it when found; filtered by tag (exact, any case), speaker and
        outlet (part of the name, any case). Broken files are listed in `broken`."""
        with cyclic_collector_paused():
            return self._all(ArticleMatcher(articles), users, tag, speaker, outlet)

    def _all(
        self,
        matcher: ArticleMatcher,
        users: Iterable[str] | None,
        tag: str | None,
        speaker: str | None,
        outlet: str | None,
    ) -> Listing:
        if users is None:
            folders = self.user_folders()
        else:
            folders = [self.root / user_folder_name(u) for u in users]
        entries: list[LibraryEntry] = []
        broken: list[BrokenFile] = []
        filtered = bool(tag or speaker or outlet)
        for folder in folders:
            user_folder = folder.name
            for path in self.files(folder):
                try:
                    stored = self._read(path)
                except BrokenFileError as e:
                    broken.append(BrokenFile(path, e.reason))
                    continue
                if stored is None:
                    continue
                article = matcher.match(stored)
                body = article.body if article is not None else None
                ref = stored.article
                for annotation in stored.annotations:
                    placed = anchor(annotation, body) if body is not None else None
                    entry = _library_entry(path, user_folder, ref, annotation, article, placed)
                    if not filtered or _wanted(entry, tag, speaker, outlet):
                        entries.append(entry)
        return Listing(tuple(entries), tuple(broken))


def _wanted(entry: LibraryEntry, tag: str | None, speaker: str | None, outlet: str | None) -> bool:
    annotation = entry.annotation
    if tag and _fold(tag) not in {_fold(t) for t in annotation.tags}:
        return False
    if speaker:
        names = [annotation.speaker.corrected, annotation.speaker.extracted] if annotation.speaker else []
        if not any(_fold(speaker) in _fold(n) for n in names if n):
            return False
    return not outlet or _fold(outlet) in _fold(entry.outlet)
