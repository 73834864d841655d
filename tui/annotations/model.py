"""The annotation model: W3C Web Annotation where it fits, as small frozen dataclasses.

Every type converts to and from the plain dict written to YAML. Keys this version does not know
are kept in `extra` and written back, so a file touched by a newer Kabar (or by hand) loses
nothing when this one rewrites it. `from_dict` validates and raises ModelError naming the field.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from tui.annotations.frozen import new_instance, slot_setters
from tui.library.sanitize import strip_controls

if TYPE_CHECKING:
    from tui.library.article import Article

SCHEMA_VERSION = 1
# Characters of context kept on each side of the quoted text (as Hypothesis does).
CONTEXT_CHARS = 32
MAX_NOTE_CHARS = 100_000
MAX_TAG_CHARS = 100
MAX_TAGS = 100
MAX_NAME_CHARS = 500
MAX_ID_CHARS = 200

# The W3C Web Annotation motivations.
MOTIVATIONS = (
    "assessing", "bookmarking", "classifying", "commenting", "describing", "editing", "highlighting",
    "identifying", "linking", "moderating", "questioning", "replying", "tagging",
)  # fmt: skip
DEFAULT_MOTIVATION = "commenting"


_LINE_BREAKS = re.compile("\r\n?|[\u2028\u2029\x85]")


def plain_text(text: str) -> str:
    """`text` safe to store and show in a terminal: line ends made `\n`, escape sequences
    and other control characters removed (tab and newline kept)."""
    if text.isprintable():  # the common case: nothing to remove
        return text
    return strip_controls(_LINE_BREAKS.sub("\n", text))


class ModelError(ValueError):
    """A value that does not fit the model; the message names the field and the problem."""


def utc_now() -> str:
    """The current time as ISO 8601 UTC with milliseconds: sorts as text and as time."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def new_id() -> str:
    return str(uuid.uuid4())


def _mapping(value: Any, where: str) -> Mapping[str, Any]:
    # dict rather than Mapping: YAML and JSON give dicts, and the ABC check costs on every note.
    if not isinstance(value, dict):
        raise ModelError(f"{where} must be a mapping, not {type(value).__name__}")
    for key in value:
        if not isinstance(key, str):
            raise ModelError(f"{where} has a key that is not text: {key!r}"[:200])
    return value


def _text(value: Any, where: str, *, optional: bool = False, limit: int = MAX_NAME_CHARS) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise ModelError(f"{where} must be text, not {type(value).__name__}")
    if len(value) > limit:
        raise ModelError(f"{where} is longer than {limit:,} characters")
    return value


def _clean(value: Any, where: str, *, optional: bool = False, limit: int = MAX_NAME_CHARS) -> str | None:
    text = _text(value, where, optional=optional, limit=limit)
    return None if text is None else plain_text(text).strip() or (None if optional else "")


def _whole(value: Any, where: str) -> int:
    # bool is an int subclass in Python; `start: true` in a file is a mistake, not 1.
    if isinstance(value, bool) or not isinstance(value, int):
        raise ModelError(f"{where} must be a whole number, not {type(value).__name__}")
    if value < 0:
        raise ModelError(f"{where} must not be negative")
    return value


def _timestamp(value: Any, where: str) -> str:
    text = _text(value, where, limit=64)
    assert text is not None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ModelError(f"{where} is not an ISO 8601 time: {text!r}") from None
    if moment.tzinfo is None:
        raise ModelError(f"{where} has no time zone: {text!r}")
    return text


def _extra(data: Mapping[str, Any], known: frozenset[str]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in known}


def normalize_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags trimmed, inner white space collapsed, control characters removed, duplicates
    (ignoring case) and empty tags dropped; the first spelling and the order are kept."""
    seen: set[str] = set()
    out: list[str] = []
    for tag in tags:
        clean = " ".join(plain_text(tag).split())
        if clean and clean.casefold() not in seen:
            seen.add(clean.casefold())
            out.append(clean)
    return tuple(out)


_TARGET_KEYS = frozenset(("quote", "position"))
_ARTICLE_KEYS = frozenset(("id", "path", "story", "title", "outlet", "fingerprint"))


@dataclass(frozen=True, slots=True)
class TextQuoteSelector:
    """The quoted text and up to CONTEXT_CHARS characters on each side of it."""

    exact: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True, slots=True)
class TextPositionSelector:
    """Offsets into the article body when the annotation was made (or last placed)."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Target:
    quote: TextQuoteSelector
    position: TextPositionSelector
    extra: dict[str, Any] = field(default_factory=dict, compare=True, hash=False)

    @classmethod
    def from_span(cls, body: str, start: int, end: int) -> Target:
        """The target for body[start:end], with its context. Raises ModelError for a bad span."""
        if not 0 <= start < end <= len(body):
            raise ModelError(f"span {start}..{end} is not a non-empty part of a {len(body)}-character body")
        return cls(
            TextQuoteSelector(
                exact=body[start:end],
                prefix=body[max(0, start - CONTEXT_CHARS) : start],
                suffix=body[end : end + CONTEXT_CHARS],
            ),
            TextPositionSelector(start, end),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "quote": {"exact": self.quote.exact, "prefix": self.quote.prefix, "suffix": self.quote.suffix},
            "position": {"start": self.position.start, "end": self.position.end},
            **self.extra,
        }

    @classmethod
    def from_dict(cls, data: Any, where: str = "target") -> Target:
        data = _mapping(data, where)
        quote = _mapping(data.get("quote"), f"{where}.quote")
        position = _mapping(data.get("position"), f"{where}.position")
        exact = _text(quote.get("exact"), f"{where}.quote.exact", limit=10 * MAX_NOTE_CHARS)
        if not exact:
            raise ModelError(f"{where}.quote.exact must not be empty")
        start = _whole(position.get("start"), f"{where}.position.start")
        end = _whole(position.get("end"), f"{where}.position.end")
        if end < start:
            raise ModelError(f"{where}.position.end is before its start")
        return cls(
            TextQuoteSelector(
                exact=exact,
                prefix=_text(quote.get("prefix", ""), f"{where}.quote.prefix", limit=4 * CONTEXT_CHARS) or "",
                suffix=_text(quote.get("suffix", ""), f"{where}.quote.suffix", limit=4 * CONTEXT_CHARS) or "",
            ),
            TextPositionSelector(start, end),
            _extra(data, _TARGET_KEYS),
        )


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who says a quote: as the extractor found it, and as the user corrected it."""

    extracted: str | None = None
    corrected: str | None = None

    @property
    def name(self) -> str | None:
        """The name to show: the user's correction wins."""
        return self.corrected or self.extracted

    def to_dict(self) -> dict[str, Any]:
        return {"extracted": self.extracted, "corrected": self.corrected}

    @classmethod
    def from_dict(cls, data: Any, where: str = "speaker") -> Speaker | None:
        if data is None:
            return None
        if isinstance(data, str):  # a hand-written `speaker: Name` is a correction
            return cls(corrected=_clean(data, where, optional=True))
        data = _mapping(data, where)
        speaker = cls(
            extracted=_clean(data.get("extracted"), f"{where}.extracted", optional=True),
            corrected=_clean(data.get("corrected"), f"{where}.corrected", optional=True),
        )
        return speaker if speaker.extracted or speaker.corrected else None


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """The article an annotation file belongs to, as it was when the file was last written.

    `id` and `fingerprint` are content-based and change when the article is edited; `path` with
    `story`, then `title` with `outlet`, find it again (see AnnotationStore).
    """

    id: str
    path: str | None = None
    story: int = 1
    title: str | None = None
    outlet: str | None = None
    fingerprint: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=True, hash=False)

    @classmethod
    def from_article(cls, article: Article, extra: Mapping[str, Any] | None = None) -> ArticleRef:
        return cls(
            id=article.id,
            path=article.file,
            story=article.story,
            title=article.title,
            outlet=article.source,
            fingerprint=article.fingerprint or None,
            extra=dict(extra or {}),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "story": self.story,
            "title": self.title,
            "outlet": self.outlet,
            "fingerprint": self.fingerprint,
            **self.extra,
        }

    @classmethod
    def from_dict(cls, data: Any, where: str = "article") -> ArticleRef:
        data = _mapping(data, where)
        ref_id = _text(data.get("id"), f"{where}.id", limit=MAX_ID_CHARS)
        if not ref_id:
            raise ModelError(f"{where}.id must not be empty")
        story = data.get("story", 1)
        return cls(
            id=ref_id,
            path=_text(data.get("path"), f"{where}.path", optional=True, limit=4096),
            story=_whole(story, f"{where}.story") or 1,
            title=_clean(data.get("title"), f"{where}.title", optional=True, limit=2000),
            outlet=_clean(data.get("outlet"), f"{where}.outlet", optional=True),
            fingerprint=_text(data.get("fingerprint"), f"{where}.fingerprint", optional=True, limit=200),
            extra=_extra(data, _ARTICLE_KEYS),
        )


_ANNOTATION_KEYS = frozenset(
    ("id", "user", "created", "modified", "motivation", "target", "speaker", "tags", "note")
)


@dataclass(frozen=True, slots=True)
class Annotation:
    """One note, highlight or tag on a passage of one article, by one user."""

    id: str
    created: str
    modified: str
    user: str
    target: Target
    motivation: str = DEFAULT_MOTIVATION
    note: str = ""
    tags: tuple[str, ...] = ()
    speaker: Speaker | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=True, hash=False)

    @property
    def modified_at(self) -> datetime:
        """`modified` as a time, for comparing edits written with different offsets or precision."""
        return datetime.fromisoformat(self.modified)

    @property
    def exact(self) -> str:
        """The stored quoted text (shown for orphans, whose place in the article is lost)."""
        return self.target.quote.exact

    def edited(self, **changes: Any) -> Annotation:
        """A copy with `changes` applied (note, tags, motivation, speaker, target), validated,
        and `modified` set to now."""
        if "note" in changes:
            changes["note"] = clean_note(changes["note"])
        if "tags" in changes:
            changes["tags"] = normalize_tags(changes["tags"])
        if "motivation" in changes:
            changes["motivation"] = check_motivation(changes["motivation"])
        return replace(self, modified=utc_now(), **changes)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "user": self.user,
            "created": self.created,
            "modified": self.modified,
            "motivation": self.motivation,
            "target": self.target.to_dict(),
        }
        if self.speaker is not None:
            out["speaker"] = self.speaker.to_dict()
        out["tags"] = list(self.tags)
        out["note"] = self.note
        out.update(self.extra)
        return out

    @classmethod
    def from_dict(cls, data: Any, where: str = "annotation") -> Annotation:
        data = _mapping(data, where)
        ann_id = _clean(data.get("id"), f"{where}.id", limit=MAX_ID_CHARS)
        if not ann_id:
            raise ModelError(f"{where}.id must not be empty")
        tags = data.get("tags") or []
        if isinstance(tags, str):
            tags = [tags]
        if not isinstance(tags, list) or len(tags) > MAX_TAGS:
            raise ModelError(f"{where}.tags must be a list of at most {MAX_TAGS} tags")
        for i, tag in enumerate(tags):
            _text(tag, f"{where}.tags[{i}]", limit=MAX_TAG_CHARS)
        motivation = _text(data.get("motivation", DEFAULT_MOTIVATION), f"{where}.motivation", limit=64)
        note = data.get("note")
        return cls(
            id=ann_id,
            created=_timestamp(data.get("created"), f"{where}.created"),
            modified=_timestamp(data.get("modified", data.get("created")), f"{where}.modified"),
            user=_clean(data.get("user", ""), f"{where}.user") or "",
            target=Target.from_dict(data.get("target"), f"{where}.target"),
            # An unknown motivation is kept as written: it may come from another W3C tool.
            motivation=motivation or DEFAULT_MOTIVATION,
            note=clean_note(_text("" if note is None else note, f"{where}.note", limit=MAX_NOTE_CHARS)),
            tags=normalize_tags(tags),
            speaker=Speaker.from_dict(data.get("speaker"), f"{where}.speaker"),
            extra=_extra(data, _ANNOTATION_KEYS),
        )


def clean_note(note: Any) -> str:
    """A note as stored: control characters stripped, trailing white space of the whole text
    dropped (a YAML block literal keeps the lines as typed)."""
    if not isinstance(note, str):
        raise ModelError(f"note must be text, not {type(note).__name__}")
    if len(note) > MAX_NOTE_CHARS:
        raise ModelError(f"note is longer than {MAX_NOTE_CHARS:,} characters")
    return plain_text(note).rstrip()


def check_motivation(motivation: str) -> str:
    if motivation not in MOTIVATIONS:
        raise ModelError(f"unknown motivation {motivation!r}; one of: {', '.join(MOTIVATIONS)}")
    return motivation


def new_annotation(
    body: str,
    start: int,
    end: int,
    *,
    user: str,
    note: str = "",
    tags: Iterable[str] = (),
    motivation: str = DEFAULT_MOTIVATION,
    speaker: Speaker | None = None,
) -> Annotation:
    """A fresh annotation on body[start:end]. Raises ModelError for a bad span, note or motivation."""
    now = utc_now()
    if speaker is not None and not (speaker.extracted or speaker.corrected):
        speaker = None
    return Annotation(
        id=new_id(),
        created=now,
        modified=now,
        user=user,
        target=Target.from_span(body, start, end),
        motivation=check_motivation(motivation),
        note=clean_note(note),
        tags=normalize_tags(tags),
        speaker=speaker,
    )


# ---- rows: the compact form of an annotation kept in our own cache ----------------------------
#
# A row is a JSON-friendly list holding exactly the fields of an Annotation, in this order. It is
# only ever made from an annotation that passed from_dict (or is what from_dict makes of it), so
# annotation_from_row rebuilds that same object without checking each field again: that check
# is what makes loading a library from YAML slow. Rows are read only from Kabar's own cache,
# whose entries are tied to the YAML bytes they were made from and checksummed (see files.py).
ROW_FIELDS = (
    "id", "user", "created", "modified", "motivation", "exact", "prefix", "suffix", "start", "end",
    "speaker", "tags", "note", "extra", "target_extra",
)  # fmt: skip


def annotation_row(annotation: Annotation) -> list[Any]:
    """`annotation` as a row (see ROW_FIELDS); the speaker as [extracted, corrected] or None, and
    the two `extra` mappings left out when both are empty (as they nearly always are)."""
    target, speaker = annotation.target, annotation.speaker
    row = [
        annotation.id,
        annotation.user,
        annotation.created,
        annotation.modified,
        annotation.motivation,
        target.quote.exact,
        target.quote.prefix,
        target.quote.suffix,
        target.position.start,
        target.position.end,
        None if speaker is None else [speaker.extracted, speaker.corrected],
        list(annotation.tags),
        annotation.note,
    ]
    if annotation.extra or target.extra:
        row += [annotation.extra, target.extra]
    return row


_SET_EXACT, _SET_PREFIX, _SET_SUFFIX = slot_setters(TextQuoteSelector, ("exact", "prefix", "suffix"))
_SET_START, _SET_END = slot_setters(TextPositionSelector, ("start", "end"))
_SET_QUOTE, _SET_POSITION, _SET_TARGET_EXTRA = slot_setters(Target, ("quote", "position", "extra"))
_SET_EXTRACTED, _SET_CORRECTED = slot_setters(Speaker, ("extracted", "corrected"))
_ANNOTATION_FIELDS = (
    "id", "created", "modified", "user", "target", "motivation", "note", "tags", "speaker", "extra",
)  # fmt: skip
(_SET_ID, _SET_CREATED, _SET_MODIFIED, _SET_USER, _SET_TARGET, _SET_MOTIVATION, _SET_NOTE, _SET_TAGS,
 _SET_SPEAKER, _SET_EXTRA) = slot_setters(Annotation, _ANNOTATION_FIELDS)  # fmt: skip


def annotation_from_row(row: list[Any]) -> Annotation:
    """The annotation a row was made from, equal to it in every field. Trusts the row: call it
    only on rows annotation_row made from a validated annotation. Raises ValueError,
    TypeError or IndexError for a row of the wrong shape."""
    if len(row) == 13:
        (ann_id, user, created, modified, motivation, exact, prefix, suffix, start, end, speaker_names,
         tags, note) = row  # fmt: skip
        extra: dict[str, Any] = {}
        target_extra: dict[str, Any] = {}
    else:
        (ann_id, user, created, modified, motivation, exact, prefix, suffix, start, end, speaker_names,
         tags, note, extra, target_extra) = row  # fmt: skip
    # The slots are stored directly (see tui.annotations.frozen): this runs once per note.
    quote = new_instance(TextQuoteSelector)
    _SET_EXACT(quote, exact)
    _SET_PREFIX(quote, prefix)
    _SET_SUFFIX(quote, suffix)
    position = new_instance(TextPositionSelector)
    _SET_START(position, start)
    _SET_END(position, end)
    target = new_instance(Target)
    _SET_QUOTE(target, quote)
    _SET_POSITION(target, position)
    _SET_TARGET_EXTRA(target, target_extra)
    speaker = None
    if speaker_names is not None:
        speaker = new_instance(Speaker)
        _SET_EXTRACTED(speaker, speaker_names[0])
        _SET_CORRECTED(speaker, speaker_names[1])
    annotation = new_instance(Annotation)
    _SET_ID(annotation, ann_id)
    _SET_CREATED(annotation, created)
    _SET_MODIFIED(annotation, modified)
    _SET_USER(annotation, user)
    _SET_TARGET(annotation, target)
    _SET_MOTIVATION(annotation, motivation)
    _SET_NOTE(annotation, note)
    _SET_TAGS(annotation, tuple(tags))
    _SET_SPEAKER(annotation, speaker)
    _SET_EXTRA(annotation, extra)
    return annotation


def model_shape() -> str:
    """The fields of every type a row holds, as text: part of the cache's key, so that a change
    to the model makes every row written before it unused."""
    types = (Annotation, Target, TextQuoteSelector, TextPositionSelector, Speaker, ArticleRef)
    return ";".join(f"{t.__name__}:{','.join(f.name for f in fields(t))}" for t in types)
