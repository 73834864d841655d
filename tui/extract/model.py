"""What extraction finds in an article body: entities, dates, quotes and reported speech.

Every offset indexes the article body: body[m.start:m.end] == m.text always.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

PERSON, ORG, PLACE, DATE = "PERSON", "ORG", "PLACE", "DATE"
ENTITY_TYPES = (PERSON, ORG, PLACE, DATE)


# Extraction makes tens of these per article. The __init__ that dataclasses writes for a frozen
# class sets each field through object.__setattr__; the hand-written ones below (init=False) set
# the slots directly and build an object in about half the time. Fields, defaults, equality,
# hashing and repr are the dataclass's own.


@dataclass(frozen=True, slots=True, init=False)
class Mention:
    start: int
    end: int
    text: str

    def __init__(self, start: int, end: int, text: str) -> None:
        _MENTION_START(self, start)
        _MENTION_END(self, end)
        _MENTION_TEXT(self, text)

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True, init=False)
class Entity:
    """One person, organisation, place or date, with every place the body names it."""

    id: str
    type: str
    name: str
    mentions: tuple[Mention, ...]
    aliases: tuple[str, ...] = ()
    role: str | None = None
    value: str | None = None  # ISO date for DATE entities

    def __init__(
        self,
        id: str,
        type: str,
        name: str,
        mentions: tuple[Mention, ...],
        aliases: tuple[str, ...] = (),
        role: str | None = None,
        value: str | None = None,
    ) -> None:
        _ENTITY_ID(self, id)
        _ENTITY_TYPE(self, type)
        _ENTITY_NAME(self, name)
        _ENTITY_MENTIONS(self, mentions)
        _ENTITY_ALIASES(self, aliases)
        _ENTITY_ROLE(self, role)
        _ENTITY_VALUE(self, value)

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


@dataclass(frozen=True, slots=True, init=False)
class DateSpan:
    """A date or a date range as written (`15 hingga 17 Mei 2025`), normalised to ISO."""

    start: int
    end: int
    text: str
    value: str  # YYYY-MM-DD (first day of a range)
    value_end: str | None = None  # last day of a range

    def __init__(self, start: int, end: int, text: str, value: str, value_end: str | None = None) -> None:
        _DATE_START(self, start)
        _DATE_END(self, end)
        _DATE_TEXT(self, text)
        _DATE_VALUE(self, value)
        _DATE_VALUE_END(self, value_end)

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


@dataclass(frozen=True, slots=True, init=False)
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

    def __init__(
        self,
        text: str,
        start: int,
        end: int,
        speaker: str | None = None,
        speaker_id: str | None = None,
        cue: str | None = None,
        cue_start: int | None = None,
        cue_end: int | None = None,
        parts: tuple[Mention, ...] = (),
    ) -> None:
        _QUOTE_TEXT(self, text)
        _QUOTE_START(self, start)
        _QUOTE_END(self, end)
        _QUOTE_SPEAKER(self, speaker)
        _QUOTE_SPEAKER_ID(self, speaker_id)
        _QUOTE_CUE(self, cue)
        _QUOTE_CUE_START(self, cue_start)
        _QUOTE_CUE_END(self, cue_end)
        _QUOTE_PARTS(self, parts)

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


@dataclass(frozen=True, slots=True, init=False)
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

    def __init__(
        self,
        text: str,
        start: int,
        end: int,
        speaker: str,
        speaker_id: str,
        cue: str,
        cue_start: int,
        cue_end: int,
    ) -> None:
        _STATEMENT_TEXT(self, text)
        _STATEMENT_START(self, start)
        _STATEMENT_END(self, end)
        _STATEMENT_SPEAKER(self, speaker)
        _STATEMENT_SPEAKER_ID(self, speaker_id)
        _STATEMENT_CUE(self, cue)
        _STATEMENT_CUE_START(self, cue_start)
        _STATEMENT_CUE_END(self, cue_end)

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


# The slots' own setters, which the hand-written __init__s above use (a frozen class refuses
# ordinary assignment; the slot descriptor does not ask).
_MENTION_START, _MENTION_END, _MENTION_TEXT = (
    Mention.start.__set__,  # type: ignore[attr-defined]
    Mention.end.__set__,  # type: ignore[attr-defined]
    Mention.text.__set__,  # type: ignore[attr-defined]
)
_ENTITY_ID, _ENTITY_TYPE, _ENTITY_NAME, _ENTITY_MENTIONS, _ENTITY_ALIASES, _ENTITY_ROLE, _ENTITY_VALUE = (
    getattr(Entity, name).__set__ for name in ("id", "type", "name", "mentions", "aliases", "role", "value")
)
_DATE_START, _DATE_END, _DATE_TEXT, _DATE_VALUE, _DATE_VALUE_END = (
    getattr(DateSpan, name).__set__ for name in ("start", "end", "text", "value", "value_end")
)
(
    _QUOTE_TEXT,
    _QUOTE_START,
    _QUOTE_END,
    _QUOTE_SPEAKER,
    _QUOTE_SPEAKER_ID,
    _QUOTE_CUE,
    _QUOTE_CUE_START,
    _QUOTE_CUE_END,
    _QUOTE_PARTS,
) = (
    getattr(Quote, name).__set__
    for name in ("text", "start", "end", "speaker", "speaker_id", "cue", "cue_start", "cue_end", "parts")
)
(
    _STATEMENT_TEXT,
    _STATEMENT_START,
    _STATEMENT_END,
    _STATEMENT_SPEAKER,
    _STATEMENT_SPEAKER_ID,
    _STATEMENT_CUE,
    _STATEMENT_CUE_START,
    _STATEMENT_CUE_END,
) = (
    getattr(Statement, name).__set__
    for name in ("text", "start", "end", "speaker", "speaker_id", "cue", "cue_start", "cue_end")
)

_NON_WORD = re.compile(r"[^\w]+")


@lru_cache(maxsize=1 << 15)  # the same names recur across a library; the id is a pure function
def entity_id(type_: str, name: str) -> str:
    """A library-wide id: the same person named the same way in two articles gets one id."""
    key = _NON_WORD.sub(" ", unicodedata.normalize("NFKC", name)).strip().casefold()
    digest = hashlib.blake2b(f"{type_}:{key}".encode(), digest_size=6).hexdigest()
    return f"{type_.lower()}-{digest}"
