"""Grouping the articles of a library into stories: reports of the same event.

Not quadratic: candidate pairs come from blocking keys (a rare entity or distinctive word seen in
the same date window), so an article is only compared with articles that share something rare
around the same days. A candidate pair becomes a `Link` when its signatures are similar enough
(cosine over IDF weights), share several features, and its dates are close. Links keep their
reasons. Stories grow from the strongest links down, and two groups merge only when their
articles are similar on average (average linkage over every pair, each pair capped at the link
score so one strong link cannot carry it): one stray link cannot chain two events together.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from tui.extract.crosslinks import library_links, relink
from tui.stories.features import Signature, StoryItem, build_signatures

UNDATED = -1  # the date bucket of an article with no known day


@dataclass(frozen=True, slots=True)
class GroupingSettings:
    """The knobs of grouping; the defaults are tuned on real Indonesian news (IndoSum)."""

    min_score: float = 0.22  # cosine similarity of two signatures
    min_shared: int = 3  # shared entities and words
    window_days: int = 7  # the two reports' days must come this close
    # ... and their publication days this close: a preview may come weeks before, not months.
    max_published_gap_days: int = 21
    # Two groups merge only when the mean similarity of all pairs between them reaches this; each
    # pair counts at most `min_score` and pairs never compared count 0, so one strong link cannot
    # carry a merge alone: a preview a little similar to every report joins them, a round-up of two
    # events, similar to one report of each, does not chain the two.
    min_group_similarity: float = 0.1
    # A blocking key seen by more articles than this, in the library or in one date window, is too
    # common to find candidates by (it still counts in the similarity of the pairs found).
    max_block: int = 60
    max_block_share: float = 0.01  # in big libraries: this share of the articles
    reasons_shown: int = 4  # shared names and words kept per link


@dataclass(frozen=True, slots=True)
class Link:
    """Why two articles were grouped: shared names and words, and how close their days are."""

    first: str  # StoryItem.key
    second: str
    score: float
    entities: tuple[str, ...]  # shared people, organisations and places (names), strongest first
    words: tuple[str, ...]  # shared distinctive words, strongest first
    day_gap: int | None  # days between the nearest days of the two; None when one is undated

    def describe(self) -> str:
        """One line: `shared: Wahyu Hidayat, Politeknik Angkatan Darat; words: retret; same days`."""
        parts = []
        if self.entities:
            parts.append("shared: " + ", ".join(self.entities))
        if self.words:
            parts.append("words: " + ", ".join(self.words))
        if self.day_gap == 0:
            parts.append("same days")
        elif self.day_gap is not None:
            parts.append(f"dates within {self.day_gap} day{'s' if self.day_gap > 1 else ''}")
        return "; ".join(parts)

    def to_dict(self) -> dict[str, object]:
        return {
            "articles": [self.first, self.second],
            "score": round(self.score, 3),
            "entities": list(self.entities),
            "words": list(self.words),
            "day_gap": self.day_gap,
            "text": self.describe(),
        }


@dataclass(frozen=True, slots=True)
class Story:
    """Articles reporting one event, in publication order, with the links that joined them."""

    id: str
    title: str
    items: tuple[StoryItem, ...]
    links: tuple[Link, ...] = ()  # every link between two members, strongest first
    joins: tuple[Link, ...] = ()  # the links that merged the story, in the order they did

    @property
    def outlets(self) -> tuple[str, ...]:
        """The distinct outlets, in order of first report (articles without one are left out)."""
        return tuple(dict.fromkeys(it.article.source for it in self.items if it.article.source))

    def __len__(self) -> int:
        return len(self.items)


@dataclass(frozen=True, slots=True)
class Grouping:
    """The stories of a library and what it took to find them."""

    stories: tuple[Story, ...]
    candidate_pairs: int  # pairs whose signatures were compared
    links: int  # pairs similar enough to be linked
    signatures: tuple[Signature, ...] = field(default=(), repr=False)


def group_stories(items: Sequence[StoryItem], settings: GroupingSettings | None = None) -> list[Story]:
    """The stories in `items`, biggest first; every item is in exactly one story (singletons too).

    Deterministic: the same items in any order give the same stories, ids and order.
    """
    return list(build_grouping(items, settings).stories)


def build_grouping(items: Sequence[StoryItem], settings: GroupingSettings | None = None) -> Grouping:
    """Like `group_stories`, with the counts the benchmark prints."""
    settings = settings or GroupingSettings()
    ordered = sorted(_linked_across_library(items), key=_item_order)
    signatures = build_signatures(ordered)
    pairs, compared = _find_pairs(ordered, signatures, settings)
    stories = _cluster(ordered, pairs, settings)
    links = sum(1 for *_, link in pairs if link is not None)
    return Grouping(tuple(stories), compared, links, tuple(signatures))


def _linked_across_library(items: Sequence[StoryItem]) -> list[StoryItem]:
    """Items whose acronyms and short names are joined to the library's full names (`BKN` in one
    report is `Badan Kepegawaian Negara` in another), so shared entities are seen as shared."""
    links = library_links(item.extraction for item in items)
    if not links:
        return list(items)
    return [dataclasses.replace(item, extraction=relink(item.extraction, links)) for item in items]


def _item_order(item: StoryItem) -> tuple[object, ...]:
    a = item.article
    return (a.published or date.max, a.file, a.story, a.id)


def _buckets(days: tuple[int, ...], width: int) -> set[int]:
    return {d // width for d in days} if days else {UNDATED}


def _day_gap(a: tuple[int, ...], b: tuple[int, ...]) -> int | None:
    """The smallest distance between a day of `a` and a day of `b` (both sorted)."""
    if not a or not b:
        return None
    i = j = 0
    best = abs(a[0] - b[0])
    while i < len(a) and j < len(b) and best:
        best = min(best, abs(a[i] - b[j]))
        if a[i] < b[j]:
            i += 1
        else:
            j += 1
    return best


def _blocking_keys(sig: Signature, usable: set[str]) -> list[str]:
    keys = [f"e:{k}" for k in sig.entities] + [f"w:{k}" for k in sig.words]
    return [k for k in keys if k in usable]


def _usable_keys(signatures: Sequence[Signature], settings: GroupingSettings) -> set[str]:
    df: Counter[str] = Counter()
    for sig in signatures:
        df.update(f"e:{k}" for k in sig.entities)
        df.update(f"w:{k}" for k in sig.words)
    limit = max(settings.max_block, int(settings.max_block_share * len(signatures)))
    return {k for k, count in df.items() if 1 < count <= limit}


_Pair = tuple[float, int, int, "Link | None"]  # similarity, first and second index, link if strong


def _find_pairs(
    items: Sequence[StoryItem], signatures: Sequence[Signature], settings: GroupingSettings
) -> tuple[list[_Pair], int]:
    """Every compared pair the dates allow, with its similarity, and how many pairs were compared."""
    width = max(settings.window_days, 1)
    # key -> date bucket -> articles already seen with that key in that bucket
    postings: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    compared = 0
    pairs: list[_Pair] = []
    usable = _usable_keys(signatures, settings)
    for i, sig in enumerate(signatures):
        own = _buckets(sig.days, width)
        # An undated article may be about any day: it looks in every bucket of its keys.
        near = None if UNDATED in own else {b + step for b in own for step in (-1, 0, 1)} | {UNDATED}
        keys = _blocking_keys(sig, usable)
        candidates: set[int] = set()
        for key in keys:
            by_bucket = postings.get(key)
            if not by_bucket:
                continue
            for bucket in by_bucket if near is None else near:
                posting = by_bucket.get(bucket)
                if posting and len(posting) <= settings.max_block:
                    candidates.update(posting)
        compared += len(candidates)
        for j in sorted(candidates):
            scored = _score(items[j], items[i], signatures[j], sig, settings)
            if scored is not None:
                pairs.append((scored[0], j, i, scored[1]))
        for key in keys:
            by_bucket = postings[key]
            for bucket in own:
                by_bucket[bucket].append(i)
    return pairs, compared


def _score(
    a: StoryItem, b: StoryItem, sa: Signature, sb: Signature, settings: GroupingSettings
) -> tuple[float, Link | None] | None:
    """The pair's similarity and, when it is strong enough, its Link; None when the dates rule the
    pair out or it shares nothing."""
    gap = _day_gap(sa.days, sb.days)
    if gap is not None and gap > settings.window_days:
        return None
    pa, pb = a.article.published, b.article.published
    if pa and pb and abs((pa - pb).days) > settings.max_published_gap_days:
        return None
    shared_entities = [(sa.entities[k] * sb.entities[k], k) for k in sa.entities.keys() & sb.entities.keys()]
    shared_words = [(sa.words[k] * sb.words[k], k) for k in sa.words.keys() & sb.words.keys()]
    dot = sum(w for w, _ in shared_entities) + sum(w for w, _ in shared_words)
    score = dot / (sa.norm * sb.norm)
    if score <= 0:
        return None
    if score < settings.min_score or len(shared_entities) + len(shared_words) < settings.min_shared:
        return score, None  # too weak to link, still counted when two groups' average is taken
    shown = settings.reasons_shown
    names = tuple(sa.names[k] for _, k in sorted(shared_entities, key=lambda p: (-p[0], p[1]))[:shown])
    # A word that is part of a shared name (`garut` of `BPBD Garut`) would only repeat it.
    in_names = {w.casefold() for name in names for w in name.split()}
    ranked = [k for _, k in sorted(shared_words, key=lambda p: (-p[0], p[1])) if k not in in_names]
    words = tuple(ranked[:shown])
    return score, Link(a.key, b.key, score, names, words, gap)


def _cluster(items: Sequence[StoryItem], pairs: list[_Pair], settings: GroupingSettings) -> list[Story]:
    """Capped average linkage, started only by links: strongest link first, two groups merge when
    the mean capped similarity of the pairs between them reaches `min_group_similarity`."""
    parent = list(range(len(items)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(items))}
    between: dict[int, dict[int, float]] = defaultdict(dict)  # root -> root -> summed similarity
    for score, a, b, _ in pairs:
        between[a][b] = between[b][a] = min(score, settings.min_score)
    joins: dict[int, list[Link]] = defaultdict(list)

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    links = sorted(
        ((s, a, b, lk) for s, a, b, lk in pairs if lk is not None), key=lambda t: (-t[0], t[1], t[2])
    )
    for _, a, b, link in links:
        ra, rb = root(a), root(b)
        if ra == rb:
            continue
        mean = between[ra].get(rb, 0.0) / (len(members[ra]) * len(members[rb]))
        if mean < settings.min_group_similarity:
            continue
        if len(members[ra]) < len(members[rb]) or (len(members[ra]) == len(members[rb]) and ra > rb):
            ra, rb = rb, ra
        parent[rb] = ra
        members[ra].extend(members.pop(rb))
        joins[ra].extend(joins.pop(rb, ()))
        joins[ra].append(link)
        for other, total in between.pop(rb).items():
            if other == ra:
                continue
            between[ra][other] = between[ra].get(other, 0.0) + total
            between[other][ra] = between[ra][other]
            del between[other][rb]
        between[ra].pop(rb, None)

    inside: dict[int, list[Link]] = defaultdict(list)
    for _, a, b, link in links:
        ra = root(a)
        if ra == root(b):
            inside[ra].append(link)
    stories = [
        _make_story(items, sorted(group), inside.get(r, []), joins.get(r, [])) for r, group in members.items()
    ]
    stories.sort(key=lambda s: (-len(s.items), _item_order(s.items[0]), s.id))
    return stories


def _make_story(items: Sequence[StoryItem], group: list[int], links: list[Link], joins: list[Link]) -> Story:
    chosen = tuple(items[i] for i in group)  # `items` is already in publication order
    digest = hashlib.blake2b("\n".join(sorted(it.article.id for it in chosen)).encode(), digest_size=5)
    return Story(f"s-{digest.hexdigest()}", _story_title(chosen, links), chosen, tuple(links), tuple(joins))


def _story_title(items: tuple[StoryItem, ...], links: list[Link]) -> str:
    """The title of the most central report (most strongly linked) that has one."""
    centrality: Counter[str] = Counter()
    for link in links:
        centrality[link.first] += link.score
        centrality[link.second] += link.score
    ranked = sorted(items, key=lambda it: -centrality[it.key])
    for item in ranked:
        if item.article.title:
            return item.article.title
    words = items[0].article.body.split()
    return " ".join(words[:10]) + ("…" if len(words) > 10 else "")
