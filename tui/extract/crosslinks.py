"""One entity across the library: an acronym or short name in one article joins the full name
that another article defines it as.

Within an article, extraction already merges `Badan Kepegawaian Negara (BKN)` and `BKN`. An
article that only writes `Kepala BKN` cannot know the long form; the library can. Linking is
conservative: a name joins another entity only when exactly one entity of the same type in the
library lists it as an alias. People are linked only through multi-word aliases, because a bare
given name (`Wahyu`) is shared by too many different people across outlets.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from tui.extract.model import PERSON, Entity, Extraction


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


def link_keys(entity: Entity) -> tuple[str, tuple[str, ...]]:
    """The key of the entity's name, and the keys of the aliases under which another entity may
    join it (a bare given name never does: too many people share one)."""
    name_key = _key(entity.name)
    aliases = []
    for alias in entity.aliases:
        if entity.type == PERSON and len(alias.split()) < 2:
            continue
        alias_key = _key(alias)
        if alias_key != name_key:
            aliases.append(alias_key)
    return name_key, tuple(dict.fromkeys(aliases))


def library_links(extractions: Iterable[Extraction]) -> dict[str, Entity]:
    """Entity id → the library entity it stands for, for every entity that should be merged.

    Only ids that change are in the result.
    """
    entities: dict[str, Entity] = {}
    for extraction in extractions:
        for entity in extraction.entities:
            entities.setdefault(entity.id, entity)
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for entity in entities.values():
        for alias_key in link_keys(entity)[1]:
            owners[(entity.type, alias_key)].add(entity.id)
    links: dict[str, Entity] = {}
    for entity in entities.values():
        found = owners.get((entity.type, _key(entity.name)), set()) - {entity.id}
        if len(found) == 1:
            links[entity.id] = entities[next(iter(found))]
    return links


def relink(extraction: Extraction, links: dict[str, Entity]) -> Extraction:
    """`extraction` with linked entities renamed to their library entity (id, name, role kept
    when the article gives one), and quote speakers following their entity."""
    if not links or not any(e.id in links for e in extraction.entities):
        return extraction
    merged: dict[str, Entity] = {}
    for entity in extraction.entities:
        target = links.get(entity.id)
        if target is None:
            merged[entity.id] = _merge(merged.get(entity.id), entity)
            continue
        renamed = dataclasses.replace(
            entity,
            id=target.id,
            name=target.name,
            aliases=tuple(dict.fromkeys((*entity.aliases, entity.name))),
            role=entity.role or target.role,
        )
        merged[target.id] = _merge(merged.get(target.id), renamed)
    quotes = tuple(
        dataclasses.replace(q, speaker_id=links[q.speaker_id].id, speaker=links[q.speaker_id].name)
        if q.speaker_id in links
        else q
        for q in extraction.quotes
    )
    ordered = sorted(merged.values(), key=lambda e: e.mentions[0].start if e.mentions else 0)
    return dataclasses.replace(extraction, entities=tuple(ordered), quotes=quotes)


def _merge(into: Entity | None, entity: Entity) -> Entity:
    if into is None:
        return entity
    mentions = tuple(sorted({*into.mentions, *entity.mentions}, key=lambda m: (m.start, m.end)))
    aliases = tuple(a for a in dict.fromkeys((*into.aliases, *entity.aliases)) if a != into.name)
    return dataclasses.replace(into, mentions=mentions, aliases=aliases, role=into.role or entity.role)
