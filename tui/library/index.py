"""The library index. (STUB: in-memory stand-in; the index helper replaces it with the SQLite/FTS5
cache. The public names and signatures below are the contract the reader uses.)"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tui.extract import extract
from tui.extract.model import Extraction
from tui.library.article import Article
from tui.library.loader import Skipped, load_library


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


@dataclass(slots=True)
class SyncReport:
    total: int = 0
    parsed: int = 0  # new or changed stories read and extracted this time
    skipped: list[Skipped] = field(default_factory=list)


class LibraryIndex:
    def __init__(self, db_path: Path | None = None) -> None:
        self._articles: dict[str, Article] = {}
        self._extractions: dict[str, Extraction] = {}

    def sync(
        self,
        paths: Iterable[str | Path],
        *,
        progress: Callable[[int, int], None] | None = None,
        on_skip: Callable[[Skipped], None] | None = None,
        workers: int | None = None,
    ) -> SyncReport:
        report = SyncReport()
        for art in load_library(paths, on_skip=report.skipped.append):
            self._articles[art.id] = art
            self._extractions[art.id] = extract(art.body, published=art.published)
            report.parsed += 1
        report.total = len(self._articles)
        return report

    def summaries(self, paths: Iterable[str | Path] | None = None) -> list[ArticleSummary]:
        return [
            ArticleSummary(a.id, a.file, a.story, a.title, a.source, a.published, a.dateline,
                           " ".join(a.body.split()[:8]))
            for a in self._articles.values()
        ]

    def article(self, article_id: str) -> Article:
        return self._articles[article_id]

    def extraction(self, article_id: str) -> Extraction:
        return self._extractions[article_id]

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        q = query.casefold()
        return [
            SearchHit(a.id, a.title, a.source, a.body[:80], 0.0)
            for a in self._articles.values() if q in a.body.casefold()
        ][:limit]

    def articles_with_entity(self, entity_id: str) -> list[str]:
        return [i for i, x in self._extractions.items() if any(e.id == entity_id for e in x.entities)]
