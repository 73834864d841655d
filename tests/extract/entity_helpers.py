"""Small readers over `extract()` output shared by the entity tests."""

from __future__ import annotations

from tui.extract import extract
from tui.extract.model import Entity


def entities_of(body: str, type_: str) -> list[Entity]:
    return [e for e in extract(body).entities if e.type == type_]


def names_of(body: str, type_: str) -> list[str]:
    return [e.name for e in entities_of(body, type_)]


def entity_named(body: str, type_: str, name: str) -> Entity:
    matches = [e for e in entities_of(body, type_) if e.name == name]
    assert matches, f"no {type_} {name!r} in {[e.name for e in entities_of(body, type_)]}"
    return matches[0]
