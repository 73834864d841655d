"""What extraction finds in an article body: entities, dates, quotes and reported speech.

Every offset indexes the article body: body[m.start:m.end] == m.text always.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

PERSON, ORG, PLACE, DATE = "PERSON", "ORG", "PLACE", "DATE"
ENTITY_TYPES = (PERSON, ORG, PLACE, DATE)


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Entity:
    """One person, organisation, place or date, with every place the body names it."""

    id: str
    type: str
    name: str
    mentions: tuple[Mention, ...]
    aliases: tuple[str, ...] = ()
    role: str | None = None
    value: str | None = None  # ISO date for DATE entities

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "name": self.name,
            "aliases": list(self.aliases),
            "role": self.role,
            "value": self.value,
            "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Entity:
        return cls(
            id=d.get("id") or entity_id(d["type"], d["name"]),
            type=d["type"],
            name=d["name"],
            mentions=tuple(Mention(m["start"], m["end"], m["text"]) for m in d.get("mentions", [])),
            aliases=tuple(d.get("aliases") or ()),
            role=d.get("role"),
            value=d.get("value"),
        )


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A date or a date range as written (`15 hingga 17 Mei 2025`), normalised to ISO."""

    start: int
    end: int
    text: str
    value: str  # YYYY-MM-DD (first day of a range)
    value_end: str | None = None  # last day of a range

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": self.value,
            "value_end": self.value_end,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DateSpan:
        return cls(d["start"], d["end"], d["text"], d["value"], d.get("value_end"))


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quote. start..end spans the quoted words without the outer quote marks;
    for a quote split around its attribution, `parts` lists each quoted piece and
    start..end runs from the first piece's start to the last piece's end."""

    text: str
    start: int
    end: int
    speaker: str | None = None  # canonical name of the speaking PERSON entity (or as written)
    speaker_id: str | None = None  # that entity's id
    cue: str | None = None  # the attribution word as written: "ujarnya", "kata", "Menurut"
    cue_start: int | None = None
    cue_end: int | None = None
    parts: tuple[Mention, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "speaker": self.speaker,
            "speaker_id": self.speaker_id,
            "cue": self.cue,
            "start": self.start,
            "end": self.end,
            "cue_start": self.cue_start,
            "cue_end": self.cue_end,
            "parts": [p.to_dict() for p in self.parts],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Quote:
        return cls(
            text=d["text"],
            start=d["start"],
            end=d["end"],
            speaker=d.get("speaker"),
            speaker_id=d.get("speaker_id"),
            cue=d.get("cue"),
            cue_start=d.get("cue_start"),
            cue_end=d.get("cue_end"),
            parts=tuple(Mention(p["start"], p["end"], p["text"]) for p in d.get("parts", [])),
        )


@dataclass(frozen=True, slots=True)
class Statement:
    """Reported (indirect) speech: `Wahyu menegaskan bahwa pelatihan ini ...`. start..end spans
    what was said (the clause, without `bahwa`); the cue is the speech word as written."""

    text: str
    start: int
    end: int
    speaker: str
    speaker_id: str
    cue: str
    cue_start: int
    cue_end: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "speaker": self.speaker,
            "speaker_id": self.speaker_id,
            "cue": self.cue,
            "start": self.start,
            "end": self.end,
            "cue_start": self.cue_start,
            "cue_end": self.cue_end,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Statement:
        return cls(
            d["text"],
            d["start"],
            d["end"],
            d["speaker"],
            d["speaker_id"],
            d["cue"],
            d["cue_start"],
            d["cue_end"],
        )


@dataclass(frozen=True, slots=True)
class Extraction:
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    dates: tuple[DateSpan, ...] = ()
    statements: tuple[Statement, ...] = ()  # reported speech, apart from the direct quotes

    def to_dict(self) -> dict[str, Any]:
        return {
            "entities": [e.to_dict() for e in self.entities],
            "quotes": [q.to_dict() for q in self.quotes],
            "dates": [d.to_dict() for d in self.dates],
            "statements": [s.to_dict() for s in self.statements],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Extraction:
        return cls(
            entities=tuple(Entity.from_dict(e) for e in d.get("entities", [])),
            quotes=tuple(Quote.from_dict(q) for q in d.get("quotes", [])),
            dates=tuple(DateSpan.from_dict(x) for x in d.get("dates", [])),
            statements=tuple(Statement.from_dict(x) for x in d.get("statements", [])),
        )


_NON_WORD = re.compile(r"[^\w]+")


def entity_id(type_: str, name: str) -> str:
    """A library-wide id: the same person named the same way in two articles gets one id."""
    key = _NON_WORD.sub(" ", unicodedata.normalize("NFKC", name)).strip().casefold()
    digest = hashlib.blake2b(f"{type_}:{key}".encode(), digest_size=6).hexdigest()
    return f"{type_.lower()}-{digest}"
