"""Reading article files into index rows: the part of a sync that runs in worker processes.

Everything here is plain data in, plain data out (picklable NamedTuples), so a chunk of files can
be parsed and extracted in another process and written to the database by the main one.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import logging
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from tui.extract import extract
from tui.extract.crosslinks import link_keys
from tui.extract.model import Extraction
from tui.library.article import Article
from tui.library.index_query import storable
from tui.library.loader import SkipFile, Skipped, discover, load_file  # noqa: F401 - index.py reaches them here

log = logging.getLogger("kabar.index")

FIRST_WORDS = 12
_HASH_BLOCK = 1 << 20


class ArticleRow(NamedTuple):
    """One story as the articles table stores it, with its entities for entity_articles."""

    story: int
    id: str
    title: str | None
    source: str | None
    dateline: str | None
    published: str | None
    byline: str | None
    first_words: str
    fingerprint: str
    body: str
    article_json: str
    extraction_zjson: bytes
    entities: tuple[tuple[str, str, str, int], ...]  # (entity id, type, name, mentions)
    # (entity id, type, key, is alias): the names under which entities join across the library
    link_keys: tuple[tuple[str, str, str, int], ...] = ()


class ReadJob(NamedTuple):
    """One file to read: where it is, and its stat and hash as the sync saw them."""

    path: str  # the file as found on disk
    key: str  # the same path as stored in the database (see tui.library.index._db_key)
    size: int
    mtime_ns: int
    hash: str
    ctime_ns: int = 0


class ReadOutcome(NamedTuple):
    """What reading one file gave: its stories, or why it was skipped."""

    job: ReadJob
    rows: tuple[ArticleRow, ...]
    skip_reason: str | None
    versions: str


def current_versions() -> str:
    """The parser and extractor versions rows are written with; a change re-reads the files.

    Read with fallbacks so the index works before either module declares its version.
    """
    parser = None
    try:
        from tui.library import parse as parse_module

        parser = getattr(parse_module, "PARSER_VERSION", None)
    except Exception:  # noqa: BLE001 - a half-written parse module must not break the index
        parser = None
    if parser is None:
        from tui.library import loader as loader_module

        parser = getattr(loader_module, "PARSER_VERSION", 0)
    from tui import extract as extract_module

    extractor = getattr(extract_module, "EXTRACTOR_VERSION", 0)
    return f"parser={parser};extractor={extractor}"


def file_hash(path: str | Path) -> str:
    """blake2b of the file's bytes (the key that recognises a moved or touched file)."""
    digest = hashlib.blake2b(digest_size=16)
    with open(path, "rb") as handle:
        while block := handle.read(_HASH_BLOCK):
            digest.update(block)
    return digest.hexdigest()


def compressed_json(data: dict[str, Any]) -> bytes:
    """Extractions are the bulk of the cache (every mention with its offsets): zlib shrinks them
    about fivefold for a few microseconds per article."""
    text = storable(json.dumps(data, ensure_ascii=False, separators=(",", ":"))) or ""
    return zlib.compress(text.encode("utf-8"), 6)


def first_words_of(body: str) -> str:
    """The opening words of a body, shown in place of a missing headline."""
    return " ".join(body.split()[:FIRST_WORDS])


def article_row(article: Article) -> tuple[ArticleRow, bool]:
    """The stored form of one article and its extraction; the flag is False when extraction failed."""
    try:
        extraction = extract(article.body, published=article.published, language=article.language)
        extracted = True
    except Exception as error:  # noqa: BLE001 - one bad article must not stop the library
        log.info("kabar: extraction failed on %s story %d: %s", article.file, article.story, error)
        extraction, extracted = Extraction(), False
    article_dict = article.to_dict()
    del article_dict["body"]  # stored once, in its own column
    if article.extra:
        with contextlib.suppress(TypeError, ValueError):
            article_dict["extra"] = json.loads(json.dumps(article.extra))
    entities = tuple(
        (storable(entity.id), entity.type, storable(entity.name), len(entity.mentions))
        for entity in extraction.entities
    )
    row = ArticleRow(
        story=article.story,
        id=storable(article.id),
        title=storable(article.title),
        source=storable(article.source),
        dateline=storable(article.dateline),
        published=article.published.isoformat() if article.published else None,
        byline=storable(article.byline),
        first_words=storable(first_words_of(article.body)),
        fingerprint=storable(article.fingerprint),
        body=storable(article.body),
        article_json=storable(json.dumps(article_dict, ensure_ascii=False)),
        extraction_zjson=compressed_json(extraction.to_dict()),
        entities=entities,
        link_keys=entity_link_keys(extraction),
    )
    return row, extracted


def entity_link_keys(extraction: Extraction) -> tuple[tuple[str, str, str, int], ...]:
    """Rows of the index's entity_keys table: each entity's name key, and the alias keys under
    which an entity of another article joins it (`BKN` -> `Badan Kepegawaian Negara`)."""
    rows: list[tuple[str, str, str, int]] = []
    for entity in extraction.entities:
        name_key, alias_keys = link_keys(entity)
        entity_id = storable(entity.id)
        rows.append((entity_id, entity.type, storable(name_key), 0))
        rows.extend((entity_id, entity.type, storable(key), 1) for key in alias_keys)
    return tuple(rows)


def read_job(job: ReadJob, max_bytes: int, versions: str) -> ReadOutcome:
    """Parse and extract one file. Never raises: a failure becomes a skip reason."""
    try:
        articles = load_file(Path(job.path), max_bytes=max_bytes)
    except SkipFile as reason:
        return ReadOutcome(job, (), str(reason) or "could not be read", versions)
    except Exception as error:  # noqa: BLE001 - a parser bug on one file must not stop the library
        return ReadOutcome(job, (), f"could not be parsed ({type(error).__name__}: {error})", versions)
    rows: list[ArticleRow] = []
    all_extracted = True
    for article in articles:
        row, extracted = article_row(dataclasses.replace(article, file=job.key))
        rows.append(row)
        all_extracted = all_extracted and extracted
    # A failed extraction is stored empty under a version no release has, so the next sync retries.
    return ReadOutcome(job, tuple(rows), None, versions if all_extracted else versions + ";retry")


def read_chunk(jobs: Sequence[ReadJob], max_bytes: int, versions: str) -> list[ReadOutcome]:
    """Worker-process entry point: read a chunk of files."""
    return [read_job(job, max_bytes, versions) for job in jobs]
