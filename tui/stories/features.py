"""Per-article signatures for story grouping: what makes one report recognisably about one event.

A signature holds the article's people, organisations and places, its most distinctive words
(TF-IDF over the library, Indonesian stop words removed) and the days it is about. Weights come
from inverse document frequency over the whole library, so `Jakarta` or `pemerintah` count for
little and a name that only two articles share counts for a lot.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources

from tui.extract.model import DATE, Extraction
from tui.library.article import Article

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
# A small library makes every shared word look common; pseudo-documents keep the weights graded.
_PSEUDO_DOCS = 20
# Entities are weighed above words: a shared rare name says more than a shared rare word.
ENTITY_BOOST = 1.5
TITLE_REPEAT = 2  # a title word counts as this many body words
WORDS_PER_ARTICLE = 20
MIN_WORD_LENGTH = 3
# Dates in the body count as the article's days only near its publication: `sejak 1998` is history.
EVENT_DAYS_AROUND_PUBLISHED = 60
MAX_DAYS_PER_ARTICLE = 12
MAX_RANGE_DAYS = 14  # a range longer than this adds its two ends only


@dataclass(frozen=True, slots=True)
class StoryItem:
    """An article with its extraction: the unit that gets grouped."""

    article: Article
    extraction: Extraction = field(default_factory=Extraction)

    @property
    def key(self) -> str:
        """How JSON and reasons name the article: its file, with `#n` for the n-th story of a file."""
        a = self.article
        return a.file if a.story <= 1 else f"{a.file}#{a.story}"


@dataclass(frozen=True, slots=True)
class Signature:
    """What one article is about. Weights are IDF-based; `names` shows entity ids to people."""

    entities: dict[str, float]
    words: dict[str, float]
    days: tuple[int, ...]  # date ordinals: publication day and the event days the body names
    names: dict[str, str]
    norm: float


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """The Indonesian stop words (`stopwords_id.txt`): never distinctive."""
    text = resources.files("tui.stories").joinpath("stopwords_id.txt").read_text(encoding="utf-8")
    words: set[str] = set()
    for line in text.splitlines():
        words.update(line.split("#", 1)[0].split())
    return frozenset(words)


def content_words(text: str) -> list[str]:
    """Lower-case words of `text` that can be distinctive (no stop words, no short words)."""
    stops = stop_words()
    return [w for w in _WORD.findall(text.casefold()) if len(w) >= MIN_WORD_LENGTH and w not in stops]


def _idf(df: int, n: int) -> float:
    return math.log((n + _PSEUDO_DOCS + 1) / (df + 1))


def article_days(item: StoryItem) -> tuple[int, ...]:
    """The days an article is about: its publication day and the dates its body names near it."""
    published = item.article.published
    days: set[int] = set()
    if published:
        days.add(published.toordinal())
    for span in item.extraction.dates:
        first = _ordinal(span.value)
        if first is None:
            continue
        last = _ordinal(span.value_end) if span.value_end else first
        if last is None or last < first:
            last = first
        if published and abs(first - published.toordinal()) > EVENT_DAYS_AROUND_PUBLISHED:
            continue
        days.update(range(first, last + 1) if last - first <= MAX_RANGE_DAYS else (first, last))
    if len(days) > MAX_DAYS_PER_ARTICLE and published:
        # Keep the days nearest publication: an article naming dozens of dates is a timeline.
        days = set(sorted(days, key=lambda d: (abs(d - published.toordinal()), d))[:MAX_DAYS_PER_ARTICLE])
    return tuple(sorted(days))[:MAX_DAYS_PER_ARTICLE]


def _ordinal(value: str | None) -> int | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


def _entity_features(extraction: Extraction) -> dict[str, str]:
    return {e.id: e.name for e in extraction.entities if e.type != DATE}


def _word_counts(article: Article) -> Counter[str]:
    counts = Counter(content_words(article.body))
    for word in content_words(article.title or ""):
        counts[word] += TITLE_REPEAT
    return counts


def build_signatures(items: Sequence[StoryItem]) -> list[Signature]:
    """One signature per item, weighted over the whole of `items` (the library)."""
    n = len(items)
    entity_lists = [_entity_features(it.extraction) for it in items]
    word_counts = [_word_counts(it.article) for it in items]
    entity_df: Counter[str] = Counter()
    word_df: Counter[str] = Counter()
    for ents, words in zip(entity_lists, word_counts, strict=True):
        entity_df.update(ents.keys())
        word_df.update(words.keys())
    word_idf = {w: _idf(df, n) for w, df in word_df.items()}
    entity_idf = {e: ENTITY_BOOST * _idf(df, n) for e, df in entity_df.items()}
    signatures = []
    for item, ents, words in zip(items, entity_lists, word_counts, strict=True):
        entity_weights = {eid: entity_idf[eid] for eid in ents}
        scored = [((1 + math.log(c)) * word_idf[w] if c > 1 else word_idf[w], w) for w, c in words.items()]
        top = heapq.nlargest(WORDS_PER_ARTICLE, scored)
        word_weights = {w: s for s, w in top}
        norm = math.sqrt(
            sum(v * v for v in entity_weights.values()) + sum(v * v for v in word_weights.values())
        )
        signatures.append(Signature(entity_weights, word_weights, article_days(item), ents, norm or 1.0))
    return signatures
