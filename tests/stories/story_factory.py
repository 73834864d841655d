"""Hand-made articles with hand-made extractions, for testing grouping and comparison alone."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from tui.extract.model import DateSpan, Entity, Extraction, Mention, Quote, entity_id
from tui.library.article import Article, content_fingerprint
from tui.stories.features import StoryItem


def make_item(
    file: str,
    body: str,
    *,
    title: str | None = None,
    source: str | None = None,
    published: date | None = None,
    story: int = 1,
    entities: Sequence[tuple[str, str] | tuple[str, str, str]] = (),
    dates: Sequence[str | tuple[str, str]] = (),
    quotes: Sequence[str] = (),
    aliases: dict[str, tuple[str, ...]] | None = None,
) -> StoryItem:
    """An article and its extraction. `entities` are (type, name[, role]); `dates` ISO days or
    (first, last) ranges, each placed where its text is in the body when it is there."""
    ents = []
    for spec in entities:
        type_, name = spec[0], spec[1]
        role = spec[2] if len(spec) > 2 else None
        at = body.find(name)
        mention = Mention(at, at + len(name), name) if at >= 0 else Mention(0, 0, "")
        ents.append(
            Entity(entity_id(type_, name), type_, name, (mention,), (aliases or {}).get(name, ()), role)
        )
    spans = []
    for d in dates:
        first, last = (d, None) if isinstance(d, str) else d
        spans.append(DateSpan(0, 0, "", first, last))
    qs = tuple(Quote("…", 0, 1, speaker=s, speaker_id=entity_id("PERSON", s)) for s in quotes)
    fp = content_fingerprint(f"{file}#{story}:{body}")
    article = Article(
        id=fp,
        file=file,
        story=story,
        body=body,
        paragraphs=((0, len(body)),),
        title=title,
        source=source,
        published=published,
        fingerprint=fp,
    )
    return StoryItem(article, Extraction(tuple(ents), qs, tuple(spans)))
