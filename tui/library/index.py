"""The library index: a SQLite cache of parsed and extracted articles, with full-text search.

Files are keyed by absolute path with their size, mtime and a content hash. An unchanged file
(same size and mtime) is not read again; a touched one is re-hashed and only re-parsed when its
bytes changed; a file that moved (same bytes, new path) reuses the stored rows without parsing or
extracting again. A newer parser or extractor version re-reads the files it wrote.

The cache is disposable, so no database problem is fatal: a corrupt file is moved aside and
rebuilt; a locked database or an unwritable cache folder makes the index fall back to an
in-memory database. Each fallback adds a one-line message to `LibraryIndex.warnings`.

Reading files into rows (the part that runs in worker processes) is in `index_rows`; turning typed
text into FTS5 queries and snippets into highlight offsets is in `index_query`.

Threading: each thread gets its own connection to the database file (WAL mode, so readers never
wait for the writer and the reader UI can call `summaries` while `sync` runs in a worker thread);
one `sync` runs at a time. After a fallback to memory there is a single shared connection and
every use of it holds one lock.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import multiprocessing
import os
import sqlite3
import sys
import threading
import time
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from tui import paths as kabar_paths
from tui.extract.model import Extraction
from tui.library.article import Article
from tui.library.index_query import CONTROLS, MARK_END, MARK_START, fts_query, storable, unmark

if TYPE_CHECKING:
    from tui.library.index_rows import ReadJob, ReadOutcome
    from tui.library.loader import Skipped


def _rows() -> Any:
    """The reading half (parser, extractor, loader). Imported on first sync, not at start-up: the
    reader paints an indexed library from SQLite alone."""
    from tui.library import index_rows

    return index_rows


log = logging.getLogger("kabar.index")

DB_NAME = "index.sqlite"
SCHEMA_VERSION = "4"
# Below this many files to read, the main process is faster than starting worker processes.
PARALLEL_MIN_FILES = 100
# Rows written per transaction: big enough to be fast, small enough for readers to see progress.
BATCH_FILES = 200
DEFAULT_BUSY_SECONDS = 5.0
KEEP_CORRUPT_COPIES = 2
_CORRUPT_ERRORS = ("SQLITE_CORRUPT", "SQLITE_NOTADB")
# Title words count more than body words in the ranking.
_TITLE_WEIGHT, _BODY_WEIGHT = 4.0, 1.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files(
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    -- the inode change time: an edit that keeps size and mtime (a one-letter fix within the
    -- mtime granularity, or mtime set back by a tool) still changes it
    ctime_ns INTEGER NOT NULL,
    hash TEXT NOT NULL,
    versions TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS files_by_hash ON files(hash);
CREATE TABLE IF NOT EXISTS articles(
    key INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    story INTEGER NOT NULL,
    id TEXT NOT NULL,
    title TEXT,
    source TEXT,
    dateline TEXT,
    published TEXT,
    byline TEXT,
    first_words TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    body TEXT NOT NULL,
    article_json TEXT NOT NULL,  -- Article.to_dict() without the body (it is the column above)
    extraction_zjson BLOB NOT NULL,  -- Extraction.to_dict() as zlib-compressed JSON
    UNIQUE(path, story)
);
CREATE INDEX IF NOT EXISTS articles_by_id ON articles(id);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, body, content='articles', content_rowid='key',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, body) VALUES (new.key, new.title, new.body);
END;
CREATE TRIGGER IF NOT EXISTS articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body)
    VALUES ('delete', old.key, old.title, old.body);
END;
CREATE TABLE IF NOT EXISTS entity_articles(
    entity_id TEXT NOT NULL,
    article_key INTEGER NOT NULL,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY(entity_id, article_key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entity_articles_by_article ON entity_articles(article_key);
-- Each entity's name key (alias = 0) and the alias keys it defines (alias = 1): an entity whose
-- name is the alias of exactly one entity of its type elsewhere is that entity (`_linked_group`).
CREATE TABLE IF NOT EXISTS entity_keys(
    article_key INTEGER NOT NULL,
    entity_id TEXT NOT NULL,
    type TEXT NOT NULL,
    key TEXT NOT NULL,
    alias INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS entity_keys_by_key ON entity_keys(type, key, alias);
CREATE INDEX IF NOT EXISTS entity_keys_by_entity ON entity_keys(entity_id);
CREATE INDEX IF NOT EXISTS entity_keys_by_article ON entity_keys(article_key);
"""


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """A light row for the source list: enough to draw it without loading bodies."""

    id: str
    file: str
    story: int
    title: str | None
    source: str | None
    published: date | None
    dateline: str | None
    first_words: str  # shown (marked) when there is no title


@dataclass(frozen=True, slots=True)
class SearchHit:
    id: str
    title: str | None
    source: str | None
    snippet: str  # plain text around the match
    rank: float  # lower is better (FTS5 bm25)
    highlights: tuple[tuple[int, int], ...] = ()  # matched words, as offsets into `snippet`
    file: str = ""
    story: int = 1
    title_highlights: tuple[tuple[int, int], ...] = ()  # matched words, as offsets into `title`
    first_words: str = ""  # shown (marked) when there is no title


@dataclass(frozen=True, slots=True)
class EntityCount:
    """How many articles of the library name one entity."""

    entity_id: str
    type: str
    name: str
    articles: int


@dataclass(slots=True)
class SyncReport:
    total: int = 0  # stories under the synced paths after the sync
    parsed: int = 0  # new or changed stories read and extracted this time
    skipped: list[Skipped] = field(default_factory=list)
    files: int = 0  # article files found under the synced paths
    new: int = 0  # files read for the first time
    changed: int = 0  # files whose bytes (or the parser or extractor version) changed
    unchanged: int = 0  # files taken from the cache as they were (touched ones included)
    moved: int = 0  # new paths whose bytes were already indexed: rows reused, nothing re-read
    removed: int = 0  # files gone from the synced paths, dropped from the index
    seconds: float = 0.0


class SearchQueryError(ValueError):
    """A search query the full-text engine cannot run; str(e) is a one-line explanation."""


class _FileState(NamedTuple):
    size: int
    mtime_ns: int
    ctime_ns: int
    hash: str
    versions: str


@dataclass(slots=True)
class _SyncPlan:
    """What a sync has to do, decided from the stored stats before any file is read."""

    to_read: list[ReadJob] = field(default_factory=list)
    restat: list[tuple[int, int, int, str]] = field(default_factory=list)  # (size, mtime, ctime, path)
    reuse: list[tuple[ReadJob, str]] = field(default_factory=list)  # (moved file, donor path)
    gone: list[str] = field(default_factory=list)
    known: frozenset[str] = frozenset()  # paths the index had before this sync


def _default_max_bytes() -> int:
    from tui.library import loader as loader_module

    return int(getattr(loader_module, "DEFAULT_MAX_BYTES", 5 * 1024 * 1024))


def _absolute(path: str | Path) -> str:
    """An absolute, normalised path that keeps symlinks as given (so folder scopes match)."""
    return os.path.abspath(os.fspath(path))


def _db_key(path: str) -> str:
    """`path` as stored in the database and shown to the user.

    A file name that is not valid UTF-8 (legacy archives) reaches Python with surrogate escapes,
    which SQLite and JSON cannot hold: those bytes are written as backslash escapes (`caf\\xe9.txt`).
    The escaping works character by character, so a folder's key is still a prefix of its files' keys.
    """
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return path


@dataclass(frozen=True, slots=True)
class _Scope:
    """The files and folders a query is limited to, as absolute paths."""

    files: tuple[str, ...]
    folders: tuple[str, ...]

    @classmethod
    def of(cls, paths: Iterable[str | Path]) -> _Scope:
        files: list[str] = []
        folders: list[str] = []
        for path in paths:
            absolute = _absolute(path)
            (folders if os.path.isdir(absolute) else files).append(_db_key(absolute))
        return cls(tuple(dict.fromkeys(files)), tuple(dict.fromkeys(folders)))

    def sql(self, column: str) -> tuple[str, list[Any]]:
        """A WHERE clause on `column` (a path) and its parameters."""
        clauses = [f"{column} IN (SELECT value FROM json_each(?))"]
        params: list[Any] = [json.dumps(self.files)]
        for folder in self.folders:
            prefix = folder if folder.endswith(os.sep) else folder + os.sep
            # Every path inside the folder sorts between "folder/" and "folder0" ('0' follows '/').
            clauses.append(f"({column} >= ? AND {column} < ?)")
            params += [prefix, prefix[:-1] + chr(ord(os.sep) + 1)]
        return "(" + " OR ".join(clauses) + ")", params

    def contains(self, path: str) -> bool:
        if path in self.files:
            return True
        return any(path.startswith(folder.rstrip(os.sep) + os.sep) for folder in self.folders)


def _error_name(error: BaseException) -> str:
    return getattr(error, "sqlite_errorname", "") or ""


def _is_corruption(error: BaseException) -> bool:
    if _error_name(error).startswith(_CORRUPT_ERRORS):  # SQLITE_CORRUPT_VTAB: a damaged FTS index
        return True
    # Without an error name, a DatabaseError that is not operational means a damaged file.
    return type(error) is sqlite3.DatabaseError


class LibraryIndex:
    """The SQLite/FTS5 cache of the library. See the module docstring for threading and fallbacks.

    `db_path` defaults to `tui.paths.cache_dir() / "index.sqlite"`; ":memory:" keeps it in memory.
    `on_warning` receives each fallback message as it happens; `warnings` keeps them all (the
    reader shows them; without `on_warning` they only go to the "kabar.index" logger at INFO).
    """

    def __init__(
        self,
        db_path: str | Path | None = None,
        *,
        on_warning: Callable[[str], None] | None = None,
        busy_timeout: float = DEFAULT_BUSY_SECONDS,
    ) -> None:
        self.db_path: Path | None = (
            None if str(db_path) == ":memory:" else Path(db_path or kabar_paths.cache_dir() / DB_NAME)
        )
        self.warnings: list[str] = []
        self._on_warning = on_warning
        self._busy_timeout = busy_timeout
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._connections_lock = threading.Lock()
        self._sync_lock = threading.RLock()
        self._memory: sqlite3.Connection | None = None
        self._memory_lock = threading.RLock()
        self._generation = 0  # bumped when the database is replaced, so threads reconnect
        self._recover_lock = threading.Lock()
        self._scope: _Scope | None = None
        self._open()

    # ----- opening, fallbacks -------------------------------------------------------------

    @property
    def in_memory(self) -> bool:
        """True when the index lives in memory (asked for, or after a fallback)."""
        return self._memory is not None

    def _warn(self, message: str) -> None:
        self.warnings.append(message)
        if self._on_warning is not None:
            self._on_warning(message)
        else:
            # Not WARNING: with logging unconfigured that would reach stderr, under the reader's screen.
            log.info("%s", message)

    def _connect(self, target: str) -> sqlite3.Connection:
        conn = sqlite3.connect(
            target, timeout=self._busy_timeout, isolation_level=None, check_same_thread=False
        )
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(self._busy_timeout * 1000)}")
            if target != ":memory:":
                conn.execute("PRAGMA journal_mode = WAL")
                # The cache can be rebuilt, so a crash may lose the last transaction: no fsync per commit.
                conn.execute("PRAGMA synchronous = NORMAL")
        except BaseException:
            conn.close()
            raise
        with self._connections_lock:
            self._connections.append(conn)
        return conn

    def _open(self) -> None:
        if self.db_path is None:
            self._use_memory(None)
            return
        for attempt in (1, 2):
            try:
                self.db_path.parent.mkdir(parents=True, exist_ok=True)
                conn = self._connect(str(self.db_path))
                self._local.conn = conn
                self._local.generation = self._generation
                self._prepare_schema(conn)
                return
            except sqlite3.DatabaseError as error:
                self._close_connections()
                if attempt == 1 and _is_corruption(error):
                    self._move_aside(error)
                    continue
                self._use_memory(f"cannot use the index cache {self.db_path} ({error})")
                return
            except OSError as error:
                self._close_connections()
                self._use_memory(f"cannot use the index cache {self.db_path} ({error.strerror or error})")
                return

    def _move_aside(self, error: BaseException) -> None:
        assert self.db_path is not None
        aside = self.db_path.with_name(f"{self.db_path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            os.replace(self.db_path, aside)
            for suffix in ("-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(f"{self.db_path}{suffix}")
        except OSError as move_error:
            self._warn(
                f"kabar: index cache {self.db_path} is damaged ({error}) and cannot be moved aside "
                f"({move_error.strerror or move_error})"
            )
            return
        self._warn(
            f"kabar: index cache {self.db_path} is damaged ({error}); moved it to {aside.name} "
            "and started a new one"
        )
        # Keep the newest few for a post-mortem; a cache that keeps breaking must not fill the disk.
        old_copies = sorted(self.db_path.parent.glob(f"{self.db_path.name}.corrupt-*"))
        for stale in old_copies[:-KEEP_CORRUPT_COPIES]:
            with contextlib.suppress(OSError):
                stale.unlink()

    def _use_memory(self, reason: str | None) -> None:
        self._close_connections()
        if reason:
            self._warn(f"kabar: {reason}; using an in-memory index for this session")
        conn = self._connect(":memory:")
        self._prepare_schema(conn)
        self._memory = conn
        self._generation += 1

    def _close_connections(self) -> None:
        with self._connections_lock:
            connections, self._connections = self._connections, []
        for conn in connections:
            with contextlib.suppress(sqlite3.Error):
                conn.close()
        self._generation += 1

    def _prepare_schema(self, conn: sqlite3.Connection) -> None:
        """Create the tables, or drop and re-create them when written by another schema version."""
        if self._schema_is_current(conn):
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            if self._schema_is_current(conn):  # another process made it while this one waited
                conn.execute("COMMIT")
                return
            self._drop_all(conn)
            for statement in _split_sql(_SCHEMA):
                conn.execute(statement)
            conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema', ?)", (SCHEMA_VERSION,))
            conn.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise

    @staticmethod
    def _schema_is_current(conn: sqlite3.Connection) -> bool:
        has_meta = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone()
        if not has_meta:
            return False
        row = conn.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        return bool(row) and row[0] == SCHEMA_VERSION

    @staticmethod
    def _drop_all(conn: sqlite3.Connection) -> None:
        objects = conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND type IN "
            "('table', 'view', 'trigger')"
        ).fetchall()
        for kind, name, _sql in objects:
            if kind in ("view", "trigger"):
                conn.execute(f'DROP {kind.upper()} IF EXISTS "{name}"')
        # Virtual tables first: dropping one drops its shadow tables.
        for _kind, name, sql in objects:
            if _kind == "table" and (sql or "").upper().startswith("CREATE VIRTUAL"):
                conn.execute(f'DROP TABLE IF EXISTS "{name}"')
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall():
            conn.execute(f'DROP TABLE IF EXISTS "{name}"')

    def _recover(self, error: sqlite3.Error, generation: int) -> None:
        """After a database error in use: rebuild a damaged file, otherwise fall back to memory.

        `generation` is the database the failed operation used: when another thread has already
        replaced it, there is nothing to do but run the operation again.
        """
        with self._recover_lock:
            if self._generation != generation:
                return
            if self._memory is not None:
                raise error  # nothing left to fall back to: a bug, not a cache problem
            if _error_name(error) == "SQLITE_CORRUPT_VTAB" and self._rebuild_full_text():
                return
            self._close_connections()
            if _is_corruption(error):
                self._move_aside(error)
                self._open()
            else:
                self._use_memory(f"cannot use the index cache {self.db_path} ({error})")

    def _rebuild_full_text(self) -> bool:
        """Re-make a damaged full-text index from the stored articles (nothing is re-read)."""
        try:
            with self._connection() as conn:
                conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
        except sqlite3.Error:
            return False
        self._generation += 1  # the failed operation runs again
        self._warn(f"kabar: the full-text index in {self.db_path} was damaged; rebuilt it from the cache")
        return True

    @contextlib.contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        """This thread's connection (or the shared in-memory one, held under its lock)."""
        if self._memory is not None:
            with self._memory_lock:
                yield self._memory
            return
        conn = getattr(self._local, "conn", None)
        if conn is None or getattr(self._local, "generation", -1) != self._generation:
            assert self.db_path is not None
            conn = self._connect(str(self.db_path))
            self._local.conn = conn
            self._local.generation = self._generation
        yield conn

    def _retrying(self, operation: Callable[[sqlite3.Connection], Any]) -> Any:
        """Run a read; after a database failure, recover once and run it again."""
        generation = self._generation
        try:
            with self._connection() as conn:
                return operation(conn)
        except sqlite3.DatabaseError as error:
            if _is_query_error(error):
                raise
            self._recover(error, generation)
            with self._connection() as conn:
                return operation(conn)

    def close(self) -> None:
        """Close every connection this index opened (from any thread)."""
        self._close_connections()
        self._memory = None

    def __enter__(self) -> LibraryIndex:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def rebuild(self) -> None:
        """Forget everything cached (the next sync reads every file again)."""

        def reset(conn: sqlite3.Connection) -> None:
            conn.execute("DELETE FROM meta")  # makes _prepare_schema drop and re-create everything
            self._prepare_schema(conn)

        with self._sync_lock:
            self._retrying(reset)
            # Give the dropped pages back to the disk (cheap now that the tables are empty).
            with contextlib.suppress(sqlite3.Error), self._connection() as conn:
                conn.execute("VACUUM")

    # ----- sync ---------------------------------------------------------------------------

    def sync(
        self,
        paths: Iterable[str | Path],
        *,
        progress: Callable[[int, int], None] | None = None,
        on_skip: Callable[[Skipped], None] | None = None,
        workers: int | None = None,
        max_bytes: int | None = None,
    ) -> SyncReport:
        """Bring the index up to date with the article files under `paths` (files and folders).

        Reads new and changed files (in `workers` processes when there are many; None means one
        per CPU), drops files gone from `paths`, and makes `paths` the default scope of the read
        methods. `progress(done, total)` counts files; `on_skip` gets each file not read.
        """
        paths = list(paths)
        reported: set[Skipped] = set()

        def skip_once(skipped: Skipped) -> None:  # a retried sync must not report a file twice
            if skipped not in reported:
                reported.add(skipped)
                if on_skip is not None:
                    on_skip(skipped)

        on_skip_once = skip_once if on_skip is not None else None
        with self._sync_lock:
            generation = self._generation
            try:
                return self._sync(paths, progress, on_skip_once, workers, max_bytes)
            except sqlite3.DatabaseError as error:
                # Damaged, locked or read-only cache: recover, then read the library into the new one.
                self._recover(error, generation)
                return self._sync(paths, progress, on_skip_once, workers, max_bytes)

    def _sync(
        self,
        paths: list[str | Path],
        progress: Callable[[int, int], None] | None,
        on_skip: Callable[[Skipped], None] | None,
        workers: int | None,
        max_bytes: int | None,
    ) -> SyncReport:
        started = time.perf_counter()
        report = SyncReport()
        max_bytes = _default_max_bytes() if max_bytes is None else max_bytes
        versions = _rows().current_versions()

        def skip(skipped: Skipped) -> None:
            report.skipped.append(skipped)
            if on_skip is not None:
                on_skip(skipped)

        scope = _Scope.of(paths)
        # The reader may search while this runs: from now on it sees this library, filling in.
        self._scope = scope
        found = list(dict.fromkeys(_absolute(p) for p in _rows().discover(paths, skip)))
        report.files = len(found)
        done = 0
        if progress is not None:
            progress(0, len(found))
        with self._connection() as conn:
            plan = self._plan(conn, found, scope, versions, max_bytes, report)
            if plan.restat or plan.reuse or plan.gone:  # an unchanged library never takes the write lock
                self._write(conn, lambda c: self._apply_cached(c, plan))
        done += report.unchanged + report.moved
        if progress is not None:
            progress(done, len(found))

        batch: list[ReadOutcome] = []
        for outcome in self._read(plan.to_read, workers, max_bytes, versions):
            if outcome.skip_reason is not None:  # counted in `skipped`, not as new or changed
                if outcome.job.key in plan.known:
                    report.changed -= 1
                else:
                    report.new -= 1
            batch.append(outcome)
            if len(batch) >= BATCH_FILES:
                report.parsed += self._store(batch, skip)
                batch = []
            done += 1
            if progress is not None:
                progress(done, len(found))
        if batch:
            report.parsed += self._store(batch, skip)

        with self._connection() as conn:
            where, params = scope.sql("path")
            report.total = conn.execute(f"SELECT count(*) FROM articles WHERE {where}", params).fetchone()[0]
        report.seconds = time.perf_counter() - started
        return report

    def _plan(
        self,
        conn: sqlite3.Connection,
        found: list[str],
        scope: _Scope,
        versions: str,
        max_bytes: int,
        report: SyncReport,
    ) -> _SyncPlan:
        """Sort the files found into unchanged, touched, moved, gone and to be read; counts go
        into `report`. Only files whose size, mtime or ctime changed are hashed."""
        known = self._known_files(conn, scope)
        plan = _SyncPlan(known=frozenset(known))
        found_keys: set[str] = set()
        for path in found:
            key = _db_key(path)
            found_keys.add(key)
            try:
                stat = os.stat(path)
            except OSError:
                plan.to_read.append(_rows().ReadJob(path, key, 0, 0, ""))  # the loader says why it cannot
                if key in known:
                    report.changed += 1
                else:
                    report.new += 1
                continue
            state = known.get(key)
            if state is not None and state.versions == versions:
                if (state.size, state.mtime_ns, state.ctime_ns) == (
                    stat.st_size,
                    stat.st_mtime_ns,
                    stat.st_ctime_ns,
                ):
                    report.unchanged += 1
                    continue
            digest = self._hash_or_blank(path, stat.st_size, max_bytes)
            job = _rows().ReadJob(path, key, stat.st_size, stat.st_mtime_ns, digest, stat.st_ctime_ns)
            if state is not None and digest and state.hash == digest and state.versions == versions:
                plan.restat.append((stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, key))
                report.unchanged += 1
                continue
            if state is None and digest:
                donor = self._same_bytes_elsewhere(conn, job, versions)
                if donor is not None:
                    plan.reuse.append((job, donor))
                    report.moved += 1
                    continue
            if state is None:
                report.new += 1
            else:
                report.changed += 1
            plan.to_read.append(job)
        plan.gone = [key for key in known if key not in found_keys]
        report.removed = len(plan.gone)
        return plan

    @staticmethod
    def _same_bytes_elsewhere(conn: sqlite3.Connection, job: ReadJob, versions: str) -> str | None:
        """An indexed file with the same bytes and kind (.txt/.md) as `job`: a move or a copy."""
        rows = conn.execute(
            "SELECT path FROM files WHERE hash = ? AND versions = ? AND path != ?",
            (job.hash, versions, job.key),
        ).fetchall()
        suffix = Path(job.key).suffix.lower()
        return next((path for (path,) in rows if Path(path).suffix.lower() == suffix), None)

    @staticmethod
    def _hash_or_blank(path: str, size: int, max_bytes: int) -> str:
        """The file's hash, or "" when it is over the size cap or unreadable (the loader will say)."""
        if size > max_bytes:
            return ""
        try:
            return _rows().file_hash(path)
        except OSError:
            return ""

    @staticmethod
    def _known_files(conn: sqlite3.Connection, scope: _Scope) -> dict[str, _FileState]:
        where, params = scope.sql("path")
        rows = conn.execute(
            f"SELECT path, size, mtime_ns, ctime_ns, hash, versions FROM files WHERE {where}", params
        ).fetchall()
        return {row[0]: _FileState(*row[1:]) for row in rows}

    def _write(self, conn: sqlite3.Connection, action: Callable[[sqlite3.Connection], Any]) -> Any:
        conn.execute("BEGIN IMMEDIATE")
        try:
            result = action(conn)
            conn.execute("COMMIT")
            return result
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise

    @staticmethod
    def _delete_file(conn: sqlite3.Connection, path: str) -> None:
        for table in ("entity_articles", "entity_keys"):
            conn.execute(
                f"DELETE FROM {table} WHERE article_key IN (SELECT key FROM articles WHERE path = ?)",
                (path,),
            )
        conn.execute("DELETE FROM articles WHERE path = ?", (path,))
        conn.execute("DELETE FROM files WHERE path = ?", (path,))

    def _apply_cached(self, conn: sqlite3.Connection, plan: _SyncPlan) -> None:
        """Write what the plan settled without reading files: new stats, moves, deletions."""
        conn.executemany("UPDATE files SET size = ?, mtime_ns = ?, ctime_ns = ? WHERE path = ?", plan.restat)
        # Copy before deleting: the donor of a moved file is usually one of the gone paths.
        for job, donor in plan.reuse:
            self._copy_file_rows(conn, job, donor)
        for path in plan.gone:
            self._delete_file(conn, path)

    def _copy_file_rows(self, conn: sqlite3.Connection, job: ReadJob, donor: str) -> None:
        """Index a moved or copied file from the rows of a file with the same bytes."""
        self._delete_file(conn, job.key)
        donor_row = conn.execute("SELECT versions FROM files WHERE path = ?", (donor,)).fetchone()
        if donor_row is None:
            return  # dropped by another process meanwhile: left unindexed, the next sync reads it
        versions = donor_row[0]
        conn.execute(
            "INSERT INTO files(path, size, mtime_ns, ctime_ns, hash, versions) VALUES (?, ?, ?, ?, ?, ?)",
            (job.key, job.size, job.mtime_ns, job.ctime_ns, job.hash, versions),
        )
        rows = conn.execute(
            "SELECT key, story, id, title, source, dateline, published, byline, first_words, fingerprint, "
            "body, article_json, extraction_zjson FROM articles WHERE path = ? ORDER BY story",
            (donor,),
        ).fetchall()
        for key, *values in rows:
            article_dict = json.loads(values[10])
            article_dict["file"] = job.key
            values[10] = json.dumps(article_dict, ensure_ascii=False)
            cursor = conn.execute(
                "INSERT INTO articles(path, story, id, title, source, dateline, published, byline, "
                "first_words, fingerprint, body, article_json, extraction_zjson) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (job.key, *values),
            )
            conn.execute(
                "INSERT INTO entity_articles(entity_id, article_key, type, name, mentions) "
                "SELECT entity_id, ?, type, name, mentions FROM entity_articles WHERE article_key = ?",
                (cursor.lastrowid, key),
            )
            conn.execute(
                "INSERT INTO entity_keys(article_key, entity_id, type, key, alias) "
                "SELECT ?, entity_id, type, key, alias FROM entity_keys WHERE article_key = ?",
                (cursor.lastrowid, key),
            )

    def _store(self, outcomes: list[ReadOutcome], skip: Callable[[Skipped], None]) -> int:
        """Write one batch of read files in one transaction; returns the number of stories stored."""

        def write(conn: sqlite3.Connection) -> int:
            stored = 0
            for outcome in outcomes:
                job = outcome.job
                self._delete_file(conn, job.key)
                if outcome.skip_reason is not None:
                    continue
                conn.execute(
                    "INSERT INTO files(path, size, mtime_ns, ctime_ns, hash, versions) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (job.key, job.size, job.mtime_ns, job.ctime_ns, job.hash, outcome.versions),
                )
                for row in outcome.rows:
                    cursor = conn.execute(
                        "INSERT INTO articles(path, story, id, title, source, dateline, published, byline, "
                        "first_words, fingerprint, body, article_json, extraction_zjson) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (job.key, *row[:12]),
                    )
                    conn.executemany(
                        "INSERT OR IGNORE INTO entity_articles(entity_id, article_key, type, name, mentions) "
                        "VALUES (?, ?, ?, ?, ?)",
                        [(eid, cursor.lastrowid, kind, name, n) for eid, kind, name, n in row.entities],
                    )
                    conn.executemany(
                        "INSERT INTO entity_keys(article_key, entity_id, type, key, alias) "
                        "VALUES (?, ?, ?, ?, ?)",
                        [(cursor.lastrowid, *keys) for keys in row.link_keys],
                    )
                    stored += 1
            return stored

        with self._connection() as conn:
            stored = self._write(conn, write)
        for outcome in outcomes:
            if outcome.skip_reason is not None:
                skip(_rows().Skipped(outcome.job.path, outcome.skip_reason))
        return stored

    def _read(
        self, jobs: list[ReadJob], workers: int | None, max_bytes: int, versions: str
    ) -> Iterator[ReadOutcome]:
        """Parse and extract `jobs`, in worker processes when there are enough to pay for them."""
        workers = (os.cpu_count() or 1) if workers is None else max(1, workers)
        context = _pool_context() if workers > 1 and len(jobs) >= PARALLEL_MIN_FILES else None
        if context is None:
            for job in jobs:
                yield _rows().read_job(job, max_bytes, versions)
            return
        # Chunks amortise the inter-process round trip; several per worker keep both cores busy
        # to the end and give the progress bar steps.
        chunk_size = max(8, min(128, len(jobs) // (workers * 8)))
        chunks = [jobs[i : i + chunk_size] for i in range(0, len(jobs), chunk_size)]
        finished: set[int] = set()
        pool: ProcessPoolExecutor | None = None
        try:
            pool = ProcessPoolExecutor(max_workers=min(workers, len(chunks)), mp_context=context)
            futures = {
                pool.submit(_rows().read_chunk, c, max_bytes, versions): n for n, c in enumerate(chunks)
            }
            for future in as_completed(futures):
                outcomes = future.result()
                finished.add(futures[future])
                yield from outcomes
        except (BrokenProcessPool, OSError, NotImplementedError, PermissionError) as error:
            # No worker processes here (sandbox, no semaphores): finish in this process.
            log.info("kabar: worker processes unavailable (%s); reading in one process", error)
            for n, chunk in enumerate(chunks):
                if n not in finished:
                    for job in chunk:
                        yield _rows().read_job(job, max_bytes, versions)
        finally:
            # Also on Ctrl-C or a failed write: drop the queued chunks instead of reading them all.
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)

    # ----- reads --------------------------------------------------------------------------

    def _scope_for(self, paths: Iterable[str | Path] | None) -> _Scope | None:
        return _Scope.of(paths) if paths is not None else self._scope

    def summaries(self, paths: Iterable[str | Path] | None = None) -> list[ArticleSummary]:
        """The articles under `paths` (default: the paths of the last sync; before any sync,
        everything cached), ordered by file path then story number."""
        scope = self._scope_for(paths)

        def query(conn: sqlite3.Connection) -> list[ArticleSummary]:
            where, params = scope.sql("path") if scope else ("1", [])
            rows = conn.execute(
                "SELECT id, path, story, title, source, published, dateline, first_words FROM articles "
                f"WHERE {where} ORDER BY path, story",
                params,
            ).fetchall()
            return [
                ArticleSummary(
                    id=row[0],
                    file=row[1],
                    story=row[2],
                    title=row[3],
                    source=row[4],
                    published=_parse_date(row[5]),
                    dateline=row[6],
                    first_words=row[7],
                )
                for row in rows
            ]

        return self._retrying(query)

    def _row_for_id(self, article_id: str, columns: str) -> tuple[Any, ...]:
        """The stored `columns` of an article, preferring a copy inside the current scope."""

        def query(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
            return conn.execute(
                f"SELECT path, {columns} FROM articles WHERE id = ? ORDER BY path, story", (article_id,)
            ).fetchall()

        rows = self._retrying(query)
        if not rows:
            raise KeyError(article_id)
        scope = self._scope
        return next((row for row in rows if scope is not None and scope.contains(row[0])), rows[0])

    def article(self, article_id: str) -> Article:
        """The article with this id. Raises KeyError when it is not in the index."""
        _path, article_json, body = self._row_for_id(article_id, "article_json, body")
        data = json.loads(article_json)
        data["body"] = body
        article = Article.from_dict(data)
        extra = data.get("extra")
        return dataclasses.replace(article, extra=extra) if isinstance(extra, dict) else article

    def extraction(self, article_id: str) -> Extraction:
        """The entities, quotes and dates of the article with this id. Raises KeyError."""
        _path, extraction_zjson = self._row_for_id(article_id, "extraction_zjson")
        return Extraction.from_dict(json.loads(zlib.decompress(extraction_zjson)))

    def search(
        self,
        query: str,
        limit: int = 50,
        *,
        paths: Iterable[str | Path] | None = None,
        syntax: bool = False,
        prefix_last: bool = False,
    ) -> list[SearchHit]:
        """Articles matching `query`, best first (bm25; title words weigh more than body words).

        The query is what a user typed (see `fts_query`); with `syntax=True` it is passed to FTS5
        as written (AND, OR, NOT, NEAR, column filters) and a malformed one raises SearchQueryError.
        `prefix_last=True` suits search as you type: the last word also matches longer words.
        Limited to `paths` (default: the last sync's paths).
        """
        query = storable(query) or ""
        match = CONTROLS.sub(" ", query).strip() if syntax else fts_query(query, prefix_last=prefix_last)
        if not match or limit <= 0:
            return []
        scope = self._scope_for(paths)

        def run(conn: sqlite3.Connection) -> list[SearchHit]:
            where, params = scope.sql("a.path") if scope else ("1", [])
            rows = conn.execute(
                "SELECT a.id, a.title, a.source, a.path, a.story, a.first_words, "
                f"snippet(articles_fts, 1, ?, ?, '…', 24), highlight(articles_fts, 0, ?, ?), "
                f"bm25(articles_fts, {_TITLE_WEIGHT}, {_BODY_WEIGHT}) AS score "
                "FROM articles_fts JOIN articles a ON a.key = articles_fts.rowid "
                f"WHERE articles_fts MATCH ? AND {where} ORDER BY score, a.path, a.story LIMIT ?",
                [MARK_START, MARK_END, MARK_START, MARK_END, match, *params, limit],
            ).fetchall()
            hits = []
            for article_id, title, source, path, story, first_words, snippet, marked_title, score in rows:
                text, spans = unmark(snippet)
                _plain_title, title_spans = unmark(marked_title)
                hits.append(
                    SearchHit(
                        id=article_id,
                        title=title,
                        source=source,
                        snippet=text,
                        rank=float(score),
                        highlights=spans,
                        file=path,
                        story=story,
                        title_highlights=title_spans,
                        first_words=first_words,
                    )
                )
            return hits

        try:
            return self._retrying(run)
        except sqlite3.OperationalError as error:
            raise SearchQueryError(f"cannot search for {query!r}: {error}") from None

    def articles_with_entity(self, entity_id: str) -> list[str]:
        """Ids of the articles that name this entity, in library order (default scope), under its
        own id or under a name linked to it across the library (`BKN` for `Badan Kepegawaian
        Negara`, and the other way round)."""
        scope = self._scope

        def query(conn: sqlite3.Connection) -> list[str]:
            where, params = scope.sql("a.path") if scope else ("1", [])
            group = _linked_group(conn, entity_id, where, params)
            marks = ", ".join("?" * len(group))
            rows = conn.execute(
                "SELECT a.id FROM entity_articles e JOIN articles a ON a.key = e.article_key "
                f"WHERE e.entity_id IN ({marks}) AND {where} ORDER BY a.path, a.story",
                [*group, *params],
            ).fetchall()
            return list(dict.fromkeys(row[0] for row in rows))

        return self._retrying(query)

    def linked_entity_ids(self, entity_id: str) -> list[str]:
        """The ids that stand for the same entity across the library (default scope), this one
        included: what an article that names it under another name calls it."""
        scope = self._scope

        def query(conn: sqlite3.Connection) -> list[str]:
            where, params = scope.sql("a.path") if scope else ("1", [])
            return _linked_group(conn, entity_id, where, params)

        return self._retrying(query)

    def entity_counts(self, type_: str | None = None) -> list[EntityCount]:
        """Every entity of the library (default scope) with the number of articles naming it or
        a name linked to it (as `articles_with_entity` counts them), most named first. `type_`
        keeps one type (PERSON, ORG, PLACE, DATE)."""
        scope = self._scope

        def query(conn: sqlite3.Connection) -> list[EntityCount]:
            where, params = scope.sql("a.path") if scope else ("1", [])
            type_clause = "AND e.type = ?" if type_ else ""
            rows = conn.execute(
                "SELECT e.entity_id, e.type, max(e.name), count(DISTINCT a.id) AS n "
                "FROM entity_articles e JOIN articles a ON a.key = e.article_key "
                f"WHERE {where} {type_clause} GROUP BY e.entity_id ORDER BY n DESC, max(e.name)",
                [*params, *([type_] if type_ else [])],
            ).fetchall()
            counts = [EntityCount(*row) for row in rows]
            owner_of = _owners(conn, where, params)
            if not owner_of:
                return counts
            # Few entities are linked: count the articles of those groups only.
            linked = json.dumps(sorted({*owner_of, *owner_of.values()}))
            articles_of: dict[str, set[str]] = defaultdict(set)
            for entity_id, article_id in conn.execute(
                "SELECT e.entity_id, a.id FROM entity_articles e JOIN articles a ON a.key = e.article_key "
                f"WHERE e.entity_id IN (SELECT value FROM json_each(?)) AND {where}",
                [linked, *params],
            ):
                articles_of[owner_of.get(entity_id, entity_id)].add(article_id)
            counts = [
                dataclasses.replace(c, articles=len(articles_of[owner_of.get(c.entity_id, c.entity_id)]))
                if c.entity_id in owner_of or c.entity_id in articles_of
                else c
                for c in counts
            ]
            counts.sort(key=lambda c: (-c.articles, c.name))
            return counts

        return self._retrying(query)

    def prune(self) -> int:
        """Drop every cached file that no longer exists on disk; returns how many were dropped."""
        with self._sync_lock, self._connection() as conn:
            missing = [
                path
                for (path,) in conn.execute("SELECT path FROM files").fetchall()
                if not os.path.isfile(path)
            ]

            def drop(c: sqlite3.Connection) -> None:
                for path in missing:
                    self._delete_file(c, path)

            self._write(conn, drop)
            return len(missing)


def _owners_of_key(conn: sqlite3.Connection, type_: str, key: str, where: str, params: list[Any]) -> set[str]:
    rows = conn.execute(
        "SELECT DISTINCT k.entity_id FROM entity_keys k JOIN articles a ON a.key = k.article_key "
        f"WHERE k.type = ? AND k.key = ? AND k.alias = 1 AND {where}",
        [type_, key, *params],
    ).fetchall()
    return {row[0] for row in rows}


def _linked_group(conn: sqlite3.Connection, entity_id: str, where: str, params: list[Any]) -> list[str]:
    """The ids that stand for one entity across the library (scope `where`): the entity whose
    defined alias `entity_id`'s name is, when exactly one entity of the type defines it (as
    `tui.extract.crosslinks.library_links` decides), and every name linked to that entity."""
    own = conn.execute(
        "SELECT DISTINCT type, key FROM entity_keys WHERE entity_id = ? AND alias = 0", (entity_id,)
    ).fetchall()
    owner = entity_id
    for type_, key in own:
        found = _owners_of_key(conn, type_, key, where, params) - {entity_id}
        if len(found) == 1:
            owner = found.pop()
            break
    group = [owner]
    aliases = conn.execute(
        "SELECT DISTINCT type, key FROM entity_keys WHERE entity_id = ? AND alias = 1", (owner,)
    ).fetchall()
    for type_, key in aliases:
        if _owners_of_key(conn, type_, key, where, params) != {owner}:
            continue  # defined by two entities: the short name stays apart
        members = conn.execute(
            "SELECT DISTINCT k.entity_id FROM entity_keys k JOIN articles a ON a.key = k.article_key "
            f"WHERE k.type = ? AND k.key = ? AND k.alias = 0 AND k.entity_id != ? AND {where}",
            [type_, key, owner, *params],
        ).fetchall()
        group.extend(row[0] for row in members)
    if entity_id not in group:
        group.append(entity_id)
    return list(dict.fromkeys(group))


def _owners(conn: sqlite3.Connection, where: str, params: list[Any]) -> dict[str, str]:
    """Entity id -> the id it is linked to across the library (scope `where`), for linked ids only."""
    rows = conn.execute(
        "WITH scoped AS (SELECT k.entity_id, k.type, k.key, k.alias FROM entity_keys k "
        f"JOIN articles a ON a.key = k.article_key WHERE {where}), "
        "defined AS (SELECT type, key, min(entity_id) AS owner FROM scoped WHERE alias = 1 "
        "GROUP BY type, key HAVING count(DISTINCT entity_id) = 1) "
        "SELECT DISTINCT s.entity_id, d.owner FROM scoped s "
        "JOIN defined d ON d.type = s.type AND d.key = s.key "
        "WHERE s.alias = 0 AND s.entity_id != d.owner",
        params,
    ).fetchall()
    return dict(rows)


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _is_query_error(error: sqlite3.DatabaseError) -> bool:
    """An FTS5 syntax error in a user's query (not a problem with the database)."""
    message = str(error)
    return isinstance(error, sqlite3.OperationalError) and (
        message.startswith("fts5:")
        or "no such column" in message
        or "unterminated string" in message
        or "unknown special query" in message
    )


def _pool_context() -> multiprocessing.context.BaseContext | None:
    """How to start worker processes here, or None when reading in this process is the safe choice.

    fork is fastest, but forking a process with other threads running (the reader syncs from a
    worker thread) can deadlock, so then forkserver or spawn; those re-import the main script, which
    is impossible when it is not a file (python - < script, some embedders).
    """
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    main_file = getattr(sys.modules.get("__main__"), "__file__", None)
    if main_file is not None and not os.path.isfile(main_file):
        return None
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _split_sql(script: str) -> list[str]:
    """The statements of _SCHEMA (triggers contain ';' inside BEGIN ... END)."""
    statements: list[str] = []
    current: list[str] = []
    for line in script.strip().splitlines():
        current.append(line)
        text = "\n".join(current).strip()
        if text.endswith(";") and sqlite3.complete_statement(text):
            statements.append(text)
            current = []
    return statements
