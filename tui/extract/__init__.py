"""Text → people, organisations, places, dates and quotes. Plain Python, no Textual.

The finders (`find_mentions`, `build_entities`, `find_dates`, `find_quotes`) are imported on
first use, not with the package: the index and the reader import `tui.extract.model` at
start-up, and that must not cost them the whole extractor and its lexicons.
"""

from __future__ import annotations

import importlib
from datetime import date
from typing import TYPE_CHECKING, Any

from tui.extract.model import DATE, PERSON, DateSpan, Entity, Extraction, Mention, Quote, Statement, entity_id
from tui.gc_pause import cyclic_collector_paused

if TYPE_CHECKING:
    from tui.extract.coref import build_entities
    from tui.extract.dates import find_dates
    from tui.extract.quotes import find_quotes
    from tui.extract.recognise import find_mentions
    from tui.extract.statements import find_statements

__all__ = [
    "EXTRACTOR_VERSION",
    "build_entities",
    "extract",
    "find_dates",
    "find_mentions",
    "find_quotes",
    "find_statements",
]

# Bump when the output for the same body changes, so cached extractions are redone.
EXTRACTOR_VERSION = 11
# Where each lazily imported finder lives.
_LAZY = {
    "build_entities": "tui.extract.coref",
    "find_dates": "tui.extract.dates",
    "find_mentions": "tui.extract.recognise",
    "find_quotes": "tui.extract.quotes",
    "find_statements": "tui.extract.statements",
}


def __getattr__(name: str) -> Any:
    """`from tui.extract import find_quotes` imports the finder's module on first use."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups (and a test's monkeypatch) find it directly
    return value


def _finder(name: str) -> Any:
    return globals().get(name) or __getattr__(name)


# Beyond this many characters a body is cut for entity search (quotes and dates see it all):
# a sane article is far shorter, and the cap bounds the work on hostile input.
MAX_ENTITY_CHARS = 4 * 1024 * 1024


def extract(body: str, *, published: date | None = None, language: str = "id") -> Extraction:
    """Find entities, dates and quotes in an article body. Never raises on any text.

    `published` anchors dates written without a year (`15 Mei`). Entities come sorted by their
    first mention: people (with role), organisations, places, and one DATE entity per distinct
    ISO day (a range gives its first and last day). A quote whose speaker is nobody found
    becomes a PERSON too.
    """
    if not isinstance(body, str) or not body:
        return Extraction()
    with cyclic_collector_paused():
        return _extract(body, published)


def _extract(body: str, published: date | None) -> Extraction:
    find_mentions, build_entities = _finder("find_mentions"), _finder("build_entities")
    entities = build_entities(body, find_mentions(body[:MAX_ENTITY_CHARS]))
    dates = _safe_dates(body, published)
    people = [e for e in entities if e.type == PERSON]
    quotes = _safe_quotes(body, people)
    entities = _add_speakers(body, entities, quotes)
    entities = entities + _date_entities(dates)
    entities.sort(key=lambda e: (e.mentions[0].start if e.mentions else len(body), e.type))
    quotes = _link_speakers(quotes, entities)
    statements = _safe_statements(body, [e for e in entities if e.type == PERSON], quotes)
    return Extraction(
        entities=tuple(entities), quotes=tuple(quotes), dates=tuple(dates), statements=tuple(statements)
    )


def _safe_dates(body: str, published: date | None) -> list[DateSpan]:
    try:
        return list(_finder("find_dates")(body, published))
    except Exception:  # a bug there must not cost the reader the entities
        return []


def _safe_quotes(body: str, people: list[Entity]) -> list[Quote]:
    try:
        return list(_finder("find_quotes")(body, people))
    except Exception:
        return []


def _safe_statements(body: str, people: list[Entity], quotes: list[Quote]) -> list[Statement]:
    try:
        return _finder("find_statements")(body, people, quotes)
    except Exception:
        return []


def _date_entities(dates: list[DateSpan]) -> list[Entity]:
    """One DATE entity per ISO day; a range counts for its first and its last day."""
    if not dates:
        return []
    by_value: dict[str, list[Mention]] = {}
    for d in dates:
        mention = Mention(d.start, d.end, d.text)
        if d.value:
            by_value.setdefault(d.value, []).append(mention)
        if d.value_end:
            by_value.setdefault(d.value_end, []).append(mention)
    return [
        Entity(
            entity_id(DATE, value),
            DATE,
            value,
            (ms[0],) if len(ms) == 1 else tuple(sorted(set(ms), key=_mention_start)),
            value=value,
        )
        for value, ms in by_value.items()
    ]


def _mention_start(m: Mention) -> int:
    return m.start


# How far from its cue a speaker's name is looked for (`," kata Kepala Desa Sukamaju, Tono.`).
_SPEAKER_WINDOW = 120


def _add_speakers(body: str, entities: list[Entity], quotes: list[Quote]) -> list[Entity]:
    """A speaker the quotes name who is no PERSON yet becomes one, with the mention of the name
    nearest its cue when the body writes it there."""
    named = [q for q in quotes if q.speaker and q.speaker.strip()[:1].isupper()]
    if not named:
        return list(entities)
    names = {e.name.casefold() for e in entities if e.type == PERSON}
    for e in entities:
        if e.type == PERSON:
            names.update(a.casefold() for a in e.aliases)
    out = list(entities)
    for q in named:
        speaker = (q.speaker or "").strip()
        if speaker.casefold() in names:
            continue
        names.add(speaker.casefold())
        anchor = q.cue_end if q.cue_end is not None else q.end
        lo = max(0, anchor - _SPEAKER_WINDOW)
        at = body.find(speaker, lo, anchor + _SPEAKER_WINDOW)
        taken = at < 0 or any(m.start < at + len(speaker) and at < m.end for e in out for m in e.mentions)
        mentions = () if taken else (Mention(at, at + len(speaker), speaker),)
        out.append(Entity(entity_id(PERSON, speaker), PERSON, speaker, mentions))
    return out


def _link_speakers(quotes: list[Quote], entities: list[Entity]) -> list[Quote]:
    """Give each quote the id and canonical name of its speaker's entity."""
    if not quotes:
        return []
    by_name: dict[str, Entity] = {}
    for e in entities:
        if e.type == PERSON:
            by_name.setdefault(e.name.casefold(), e)
            for a in e.aliases:
                by_name.setdefault(a.casefold(), e)
    out = []
    for q in quotes:
        e = by_name.get((q.speaker or "").casefold())
        if e is not None and (q.speaker != e.name or q.speaker_id != e.id):
            q = Quote(q.text, q.start, q.end, e.name, e.id, q.cue, q.cue_start, q.cue_end, q.parts)
        out.append(q)
    return out
