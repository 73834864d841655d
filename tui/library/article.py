"""The clean article: what the parser recovers from one story in a file.

Offsets everywhere in Kabar index `Article.body`.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True, slots=True)
class Article:
    """One story. A file may hold several; `story` numbers them from 1 in file order."""

    id: str
    file: str
    story: int
    body: str
    paragraphs: tuple[tuple[int, int], ...]
    title: str | None = None
    source: str | None = None
    dateline: str | None = None
    published: date | None = None
    byline: str | None = None
    language: str = "id"
    url: str | None = None
    author: str | None = None
    fingerprint: str = ""
    # True when the title is not in the file but made from the first words (the UI marks it).
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of `kabar extract --json` (without entities and quotes)."""
        return {
            "id": self.id,
            "file": self.file,
            "story": self.story,
            "source": self.source,
            "title": self.title,
            "dateline": self.dateline,
            "published": self.published.isoformat() if self.published else None,
            "byline": self.byline,
            "language": self.language,
            "url": self.url,
            "author": self.author,
            "fingerprint": self.fingerprint,
            "body": self.body,
            "paragraphs": [list(p) for p in self.paragraphs],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Article:
        published = d.get("published")
        return cls(
            id=d["id"],
            file=d["file"],
            story=int(d.get("story", 1)),
            body=d["body"],
            paragraphs=tuple((int(a), int(b)) for a, b in d.get("paragraphs", [])),
            title=d.get("title"),
            source=d.get("source"),
            dateline=d.get("dateline"),
            published=date.fromisoformat(published) if published else None,
            byline=d.get("byline"),
            language=d.get("language") or "id",
            url=d.get("url"),
            author=d.get("author"),
            fingerprint=d.get("fingerprint", ""),
        )


def content_fingerprint(text: str) -> str:
    """A hash of the text that ignores case, Unicode form and white space.

    Used as the article's stable id (it survives a rename or move of the file) and by
    annotations to recognise the article after its file was touched.
    """
    folded = " ".join(unicodedata.normalize("NFKC", text).split()).casefold()
    return hashlib.blake2b(folded.encode("utf-8"), digest_size=12).hexdigest()
