"""A fixed, fast test library for the reader: no parser, no extractor, no clock.

`FakeIndex` has the LibraryIndex methods the app uses. Its articles are hand-built from a tmp copy
of articles/ (first short line = headline, one paragraph per line) and its entities and quotes come
from a few patterns written here, so the app tests and snapshots do not move when the real parser
or extractor improves.
"""

from __future__ import annotations

import asyncio
import inspect
import re
import shutil
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from pathlib import Path

import pytest

from tui.app.app import KabarApp
from tui.extract.model import ORG, PERSON, PLACE, Entity, Extraction, Mention, Quote, Statement, entity_id
from tui.library.article import Article, content_fingerprint
from tui.library.index import ArticleSummary, SearchHit, SyncReport


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run `async def` tests (Pilot needs an event loop) without an extra pytest plugin."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    arguments = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
    asyncio.run(pyfuncitem.obj(**arguments))
    return True


# What the fake "extractor" finds: (type, canonical name, role, pattern).
PATTERNS = (
    (PERSON, "Wahyu Hidayat", "Wali Kota Malang", r"\bWahyu(?: Hidayat)?\b"),
    (PERSON, "Zudan Arif Fakrulloh", "Kepala BKN", r"\bZudan(?: Arif Fakrulloh)?\b"),
    (ORG, "Pemerintah Kota Malang", None, r"\b(?:Pemerintah Kota(?: \(Pemkot\))? Malang|Pemkot Malang)\b"),
    (PLACE, "Kota Batu", None, r"\bKota Batu\b"),
)
QUOTE = re.compile(r"[“\"]([^”\"\n]{3,}?)[”\"]")
# `Wahyu menegaskan bahwa ...`: a named person, a speech verb, the clause to the full stop.
SAID = re.compile(r" (menegaskan|mengatakan|menjelaskan|berharap),?(?: bahwa)? ([^.\n“\"]{10,})\.")
OUTLETS = {
    "beritajatim": "beritajatim.com",
    "jatimsatunews": "JATIMSATUNEWS.COM",
    "lentera": "Lentera",
    "voiceofjatim": "VOICEOFJATIM.COM",
}


def fake_article(path: Path, number: int, text: str | None = None) -> Article:
    body = (text if text is not None else path.read_text(encoding="utf-8")).strip()
    lines = body.split("\n")
    title = None
    if lines and len(lines[0]) < 150 and not lines[0].rstrip().endswith((".", ":")) and len(lines) > 1:
        title = lines[0].strip()
        body = "\n".join(lines[1:]).strip()
    paragraphs, at = [], 0
    for line in body.split("\n"):
        if line.strip():
            paragraphs.append((at, at + len(line)))
        at += len(line) + 1
    prefix = path.name.split("-")[0]
    fingerprint = content_fingerprint(body)
    return Article(
        id=fingerprint,
        file=str(path),
        story=1,
        body=body,
        paragraphs=tuple(paragraphs),
        title=title,
        source=OUTLETS.get(prefix),
        dateline="MALANG" if prefix in OUTLETS else None,
        published=date(2025, 5, 10) + timedelta(days=number),
        byline="Tim Redaksi" if number == 0 else None,
        fingerprint=fingerprint,
    )


def fake_extraction(body: str) -> Extraction:
    entities = []
    for type_, name, role, pattern in PATTERNS:
        mentions = tuple(Mention(m.start(), m.end(), m.group()) for m in re.finditer(pattern, body))
        if mentions:
            entities.append(Entity(entity_id(type_, name), type_, name, mentions, role=role))
    quotes = []
    for m in QUOTE.finditer(body):
        after = body[m.end() : m.end() + 40]
        speaker = next((e for e in entities if e.type == PERSON and e.name.split()[0] in after), None)
        quotes.append(
            Quote(
                m.group(1),
                m.start(1),
                m.end(1),
                speaker=speaker.name if speaker else None,
                speaker_id=speaker.id if speaker else None,
                cue="ujar" if speaker else None,
            )
        )
    statements = [
        Statement(
            said.group(2), said.start(2), said.end(2), e.name, e.id, said.group(1), said.start(1), said.end(1)
        )
        for e in entities
        if e.type == PERSON
        for m in e.mentions
        if (said := SAID.match(body, m.end)) is not None
    ]
    statements.sort(key=lambda s: s.start)
    return Extraction(entities=tuple(entities), quotes=tuple(quotes), statements=tuple(statements))


class FakeIndex:
    """In memory, synchronous; `sync` reads the files under the given paths."""

    def __init__(self, extra: dict[str, str] | None = None) -> None:
        self.articles: dict[str, Article] = {}
        self.extractions: dict[str, Extraction] = {}
        self.extra = extra or {}
        self.synced = 0

    def sync(
        self,
        paths: Iterable[Path],
        *,
        progress: Callable | None = None,
        on_skip: Callable | None = None,
        workers: int | None = None,
    ) -> SyncReport:
        files = sorted(f for p in paths for f in (Path(p).glob("*.txt") if Path(p).is_dir() else [Path(p)]))
        for number, path in enumerate(files):
            article = fake_article(path, number, self.extra.get(path.name))
            self.articles[article.id] = article
            self.extractions[article.id] = fake_extraction(article.body)
            if progress:
                progress(number + 1, len(files))
        self.synced += 1
        return SyncReport(total=len(self.articles), parsed=len(files))

    def summaries(self, paths: Iterable[Path] | None = None) -> list[ArticleSummary]:
        return [
            ArticleSummary(
                a.id,
                a.file,
                a.story,
                a.title,
                a.source,
                a.published,
                a.dateline,
                " ".join(a.body.split()[:8]),
            )
            for a in self.articles.values()
        ]

    def article(self, article_id: str) -> Article:
        return self.articles[article_id]

    def extraction(self, article_id: str) -> Extraction:
        return self.extractions[article_id]

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        hits = []
        for a in self.articles.values():
            at = a.body.casefold().find(query.casefold())
            if at >= 0:
                start = max(0, at - 20)
                snippet = a.body[start : at + len(query) + 40]
                hits.append(
                    SearchHit(a.id, a.title, a.source, snippet, 0.0, ((at - start, at - start + len(query)),))
                )
        return hits[:limit]

    def articles_with_entity(self, entity: str) -> list[str]:
        return [i for i, x in self.extractions.items() if any(e.id == entity for e in x.entities)]


@pytest.fixture
def library(tmp_path: Path, articles_dir: Path) -> Path:
    folder = tmp_path / "library"
    shutil.copytree(articles_dir, folder)
    return folder


@pytest.fixture
def make_app(library: Path) -> Callable[..., KabarApp]:
    def make(index: FakeIndex | None = None, paths: list[Path] | None = None, **kwargs: object) -> KabarApp:
        return KabarApp(paths=paths or [library], index=index or FakeIndex(), **kwargs)

    return make


async def _settle(pilot, app: KabarApp) -> None:
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()
    # the side panel of a new article is filled a moment after the article (EntityPanel.FILL_DELAY)
    while any(getattr(s, "panel", None) is not None and s.panel.fill_pending for s in app.screen_stack):
        await pilot.pause(0.02)
    await pilot.pause()


@pytest.fixture
def settle() -> Callable:
    """`await settle(pilot, app)`: wait until workers are done and their results are painted."""
    return _settle
