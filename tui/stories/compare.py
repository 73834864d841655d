"""Comparing the reports of one story: who covered it and when, who is quoted where, what some
outlets name and others leave out, and where the facts differ (dates, numbers, places, roles).

Every discrepancy lists each value with the articles that give it, so a reader can open them.
Only real disagreements are reported: a report that gives less detail (`Sabtu (17/5)` against
`15 hingga 17 Mei`, `Wali Kota` against `Wali Kota Malang`, `100 lebih peserta` against
`120 peserta`) agrees with the fuller one.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

from tui.extract.dates import is_day_name
from tui.extract.model import ORG, PERSON, PLACE, DateSpan, Entity, entity_id
from tui.stories.features import StoryItem
from tui.stories.grouping import Story
from tui.stories.quantities import Quantity, find_quantities

DATES, NUMBER, PLACES, ROLE = "dates", "number", "place", "role"
# Event days are the days the reports name near the story's busiest day; a date further away
# (`ditemui Senin (5/5)` in a preview) is when something was said, not when the event was.
EVENT_RADIUS_DAYS = 7
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_PLACE_CUE = re.compile(r"(?:\b(?:di|ke|kawasan|lokasi|daerah|wilayah)\s+)$", re.IGNORECASE)
_TYPE_ORDER = {PERSON: 0, ORG: 1, PLACE: 2}


@dataclass(frozen=True, slots=True)
class Coverage:
    """One report of the story: which outlet, when."""

    key: str  # StoryItem.key
    outlet: str
    published: date | None
    title: str | None
    # When the file gives no publication date: the first day-named date of the text
    # (`Senin (5/5/2025)`), which Indonesian news writes for the day of the reported event.
    dated_by_text: date | None = None

    @property
    def when(self) -> date | None:
        return self.published or self.dated_by_text

    @property
    def when_label(self) -> str:
        """11 cells: the publication date; else the day the text names, marked `~`; else `undated`."""
        if self.published:
            return f" {self.published.isoformat()}"
        if self.dated_by_text:
            return f"~{self.dated_by_text.isoformat()}"
        return " undated   "


@dataclass(frozen=True, slots=True)
class EntityPresence:
    """A person, organisation or place that some reports name and the others leave out."""

    id: str
    type: str
    name: str
    named_by: tuple[str, ...]
    left_out_by: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Discrepancy:
    """A fact the reports disagree on: each value with the articles that give it."""

    what: str  # `event dates`, `number of peserta`, `role of Zudan Arif Fakrulloh`, `place`
    kind: str  # DATES, NUMBER, PLACES or ROLE
    values: tuple[tuple[str, tuple[str, ...]], ...]  # (value, article keys), most articles first

    def to_dict(self) -> dict[str, object]:
        """The JSON form of `kabar stories`: {"what", "values": {value: [article, ...]}}."""
        return {"what": self.what, "values": {v: list(keys) for v, keys in self.values}}


@dataclass(frozen=True, slots=True)
class Comparison:
    """The side-by-side view of one story."""

    story_id: str
    coverage: tuple[Coverage, ...]
    speakers: dict[str, dict[str, int]]  # speaker -> outlet -> quotes
    entities: tuple[EntityPresence, ...]
    discrepancies: tuple[Discrepancy, ...]


def outlet_of(item: StoryItem) -> str:
    """The outlet's name, or the file name in brackets when the article names none."""
    return item.article.source or f"({Path(item.article.file).name})"


def day_named_date(item: StoryItem) -> date | None:
    """The first single date the text writes with its day name (`Sabtu (17/5/2025)`), if any."""
    for span in item.extraction.dates:
        first_word = span.text.split(maxsplit=1)[0] if span.text.strip() else ""
        if span.value_end is None and is_day_name(first_word):
            try:
                return date.fromisoformat(span.value)
            except ValueError:
                continue
    return None


def compare(story: Story) -> Comparison:
    """Everything the reports of `story` agree and disagree on. Never raises."""
    items = story.items
    coverage = tuple(
        Coverage(it.key, outlet_of(it), it.article.published, it.article.title, day_named_date(it))
        for it in items
    )
    discrepancies: list[Discrepancy] = []
    presence: tuple[EntityPresence, ...] = ()
    if len(items) > 1:
        presence = entity_presence(items)
        event = event_days(items)
        date_conflict = date_discrepancy(items, event)
        if date_conflict:
            discrepancies.append(date_conflict)
        discrepancies.extend(number_discrepancies(items))
        place_conflict = place_discrepancy(items, event)
        if place_conflict:
            discrepancies.append(place_conflict)
        discrepancies.extend(role_discrepancies(items))
    return Comparison(story.id, coverage, speakers_by_outlet(items), presence, tuple(discrepancies))


def full_names(names: Sequence[str]) -> dict[str, str]:
    """Each name mapped to the one longer name of the story it is part of (`Zudan` to `Zudan Arif
    Fakrulloh`), or to itself when it is part of none or of several (then it is ambiguous)."""
    words = {n: set(n.casefold().split()) for n in names}
    out = {}
    for name in names:
        longer = [m for m in names if m != name and words[name] < words[m]]
        out[name] = longer[0] if len(longer) == 1 else name
    return out


def speakers_by_outlet(items: Sequence[StoryItem]) -> dict[str, dict[str, int]]:
    """{speaker: {outlet: number of direct quotes}}, speakers with most quotes first. A speaker
    named in short by one report (`kata Zudan`) counts under the full name another report gives."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for item in items:
        for quote in item.extraction.quotes:
            if quote.speaker:
                counts[quote.speaker][outlet_of(item)] += 1
    merged: dict[str, Counter[str]] = defaultdict(Counter)
    for short, full in full_names(sorted(counts)).items():
        merged[full].update(counts[short])
    ordered = sorted(merged, key=lambda k: (-sum(merged[k].values()), k))
    return {k: dict(sorted(merged[k].items())) for k in ordered}


def entity_presence(items: Sequence[StoryItem]) -> tuple[EntityPresence, ...]:
    """People, organisations and places named by some reports but not all."""
    names: dict[str, Entity] = {}
    named_by: dict[str, list[str]] = defaultdict(list)
    people = [e.name for it in items for e in it.extraction.entities if e.type == PERSON]
    full = {entity_id(PERSON, n): entity_id(PERSON, f) for n, f in full_names(sorted(set(people))).items()}
    for item in items:
        for entity in item.extraction.entities:
            eid = full.get(entity.id, entity.id)  # `Zudan` here is `Zudan Arif Fakrulloh` there
            if entity.type not in _TYPE_ORDER or item.key in named_by[eid]:
                continue
            if eid not in names or len(entity.name) > len(names[eid].name):
                names[eid] = entity
            named_by[eid].append(item.key)
    keys = [it.key for it in items]
    out = [
        EntityPresence(
            eid, names[eid].type, names[eid].name, tuple(by), tuple(k for k in keys if k not in by)
        )
        for eid, by in named_by.items()
        if 0 < len(by) < len(items)
    ]
    out.sort(key=lambda p: (-len(p.named_by), _TYPE_ORDER[p.type], p.name.casefold()))
    return tuple(out)


def _grouped(values: dict[str, list[str]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple(sorted(((v, tuple(k)) for v, k in values.items()), key=lambda p: (-len(p[1]), p[0])))


# --- dates -----------------------------------------------------------------------------------


def _span_days(span: DateSpan) -> tuple[int, int] | None:
    """A date span as (first, last) day ordinals; None when its value is not an ISO date."""
    try:
        first = date.fromisoformat(span.value[:10]).toordinal()
        last = date.fromisoformat(span.value_end[:10]).toordinal() if span.value_end else first
    except (TypeError, ValueError):
        return None
    return first, max(first, last)


def _spans(item: StoryItem) -> list[tuple[int, int]]:
    return [days for span in item.extraction.dates if (days := _span_days(span))]


def event_days(items: Sequence[StoryItem]) -> tuple[int, int] | None:
    """The window of days the story is about: around the day most reports name (ordinals)."""
    per_item = [
        {d for a, b in _spans(it) for d in (range(a, b + 1) if b - a <= 31 else (a, b))} for it in items
    ]
    all_days = sorted(set().union(*per_item)) if per_item else []
    if not all_days:
        return None

    def support(day: int) -> tuple[int, int]:
        near = sum(1 for days in per_item if any(abs(d - day) <= 3 for d in days))
        exact = sum(1 for days in per_item if day in days)
        return near, exact

    anchor = max(all_days, key=lambda d: (*support(d), -d))
    return anchor - EVENT_RADIUS_DAYS, anchor + EVENT_RADIUS_DAYS


@dataclass(frozen=True, slots=True, order=True)
class _EventSpan:
    first: int
    last: int
    stated: bool  # the report writes a range (`15 hingga 17 Mei`), not only separate days


def _event_span(item: StoryItem, window: tuple[int, int]) -> _EventSpan | None:
    """The first and last event day a report gives (a range, or its separate days)."""
    lo, hi = window
    inside = [(a, b) for a, b in _spans(item) if a <= hi and b >= lo]
    if not inside:
        return None
    stated = any(b > a for a, b in inside)
    return _EventSpan(min(a for a, _ in inside), max(b for _, b in inside), stated)


def format_span(first: int, last: int) -> str:
    """`15-17 May 2025`, `30 Apr-2 May 2025`, `17 May 2025`."""
    a, b = date.fromordinal(first), date.fromordinal(last)
    if a == b:
        return f"{a.day} {_MONTHS[a.month - 1]} {a.year}"
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}-{b.day} {_MONTHS[b.month - 1]} {b.year}"
    if a.year == b.year:
        return f"{a.day} {_MONTHS[a.month - 1]}-{b.day} {_MONTHS[b.month - 1]} {b.year}"
    return f"{format_span(first, first)}-{format_span(last, last)}"


def _spans_conflict(x: _EventSpan, y: _EventSpan) -> bool:
    def within(inner: _EventSpan, outer: _EventSpan) -> bool:
        return outer.first <= inner.first and inner.last <= outer.last

    if within(x, y) or within(y, x):
        return False  # one report gives less detail, not other dates
    # Days mentioned here and there (opening day in one, closing day in another) are moments of the
    # event, not its dates: only a report that writes a range can be contradicted.
    return x.stated or y.stated


def date_discrepancy(items: Sequence[StoryItem], window: tuple[int, int] | None) -> Discrepancy | None:
    """The event's dates, when reports give days that cannot all be right."""
    if window is None:
        return None
    spans = {it.key: s for it in items if (s := _event_span(it, window))}
    unique = sorted(set(spans.values()))
    if not any(_spans_conflict(x, y) for i, x in enumerate(unique) for y in unique[i + 1 :]):
        return None
    values: dict[str, list[str]] = defaultdict(list)
    for key, span in spans.items():
        values[format_span(span.first, span.last)].append(key)
    return Discrepancy("event dates", DATES, _grouped(values))


# --- numbers ---------------------------------------------------------------------------------


def _quantities(item: StoryItem) -> list[Quantity]:
    text = f"{item.article.title}\n{item.article.body}" if item.article.title else item.article.body
    return find_quantities(text)


def _consistent(quantities: list[Quantity]) -> bool:
    return all(a.agrees_with(b) for i, a in enumerate(quantities) for b in quantities[i + 1 :])


def number_discrepancies(items: Sequence[StoryItem]) -> list[Discrepancy]:
    """Counts and amounts of the same thing that disagree (`100 peserta` against `150 peserta`)."""
    by_noun: dict[str, dict[str, list[Quantity]]] = defaultdict(lambda: defaultdict(list))
    for item in items:
        for q in _quantities(item):
            if q.is_comparable:
                by_noun[q.noun][item.key].append(q)
    out = []
    for noun, per_item in sorted(by_noun.items()):
        groups = list(per_item.values())
        # A noun one report counts several ways (`2 medali` ... `19 medali`) names several facts,
        # so the noun alone cannot tell which of them another report contradicts.
        if len(groups) < 2 or any(not _consistent(g) for g in groups):
            continue
        clash = any(
            not any(qa.agrees_with(qb) for qa in a for qb in b)
            for i, a in enumerate(groups)
            for b in groups[i + 1 :]
        )
        if not clash:
            continue
        values: dict[str, list[str]] = defaultdict(list)
        for key, quantities in per_item.items():
            for shown in dict.fromkeys(q.display() for q in quantities):
                values[shown].append(key)
        what = f"amount in {noun}" if groups[0][0].is_money else f"number of {noun}"
        out.append(Discrepancy(what, NUMBER, _grouped(values)))
    return out


# --- places ----------------------------------------------------------------------------------


def _paragraph_of(body: str, offset: int) -> tuple[int, int]:
    start = body.rfind("\n", 0, offset) + 1
    end = body.find("\n", offset)
    return start, len(body) if end < 0 else end


def _event_places(item: StoryItem, window: tuple[int, int]) -> set[str]:
    """Places named with `di`/`ke`/`kawasan` in the paragraphs that give the event's dates."""
    body = item.article.body
    lo, hi = window
    paragraphs = set()
    for span in item.extraction.dates:
        days = _span_days(span)
        if days and days[0] <= hi and days[1] >= lo:
            paragraphs.add(_paragraph_of(body, span.start))
    places = set()
    for entity in item.extraction.entities:
        if entity.type != PLACE:
            continue
        for m in entity.mentions:
            in_event = any(a <= m.start < b for a, b in paragraphs)
            if in_event and _PLACE_CUE.search(body[max(0, m.start - 12) : m.start]):
                places.add(entity.name)
    return places


def _same_place(a: str, b: str) -> bool:
    x, y = a.casefold(), b.casefold()
    return x in y or y in x  # `Malang` and `Kota Malang`


def place_discrepancy(items: Sequence[StoryItem], window: tuple[int, int] | None) -> Discrepancy | None:
    """Where the event happened, when two reports name places that have nothing in common."""
    if window is None:
        return None
    places = {it.key: p for it in items if (p := _event_places(it, window))}
    sets = list(places.values())
    clash = any(
        not any(_same_place(a, b) for a in x for b in y) for i, x in enumerate(sets) for y in sets[i + 1 :]
    )
    if not clash:
        return None
    values: dict[str, list[str]] = defaultdict(list)
    for key, names in places.items():
        values[", ".join(sorted(names))].append(key)
    return Discrepancy("place of the event", PLACES, _grouped(values))


# --- roles -----------------------------------------------------------------------------------


def _read_tsv(name: str) -> dict[str, str]:
    try:
        text = resources.files("tui.extract.lexicons").joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError, OSError):
        return {}
    out = {}
    for line in text.splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        short, long = line.split("\t", 1)
        out[short.strip().casefold()] = long.strip()
    return out


@lru_cache(maxsize=1)
def _abbreviations() -> dict[str, str]:
    """Short forms of titles and bodies (`Sekda`, `Pj.`, `Pemkot`) from the extractor's lexicons."""
    return {**_read_tsv("org_abbreviations.tsv"), **_read_tsv("role_abbreviations.tsv")}


_ROLE_WORD = re.compile(r"[\w.]+", re.UNICODE)


def _role_words(role: str, acronyms: dict[str, str]) -> tuple[str, ...]:
    """A role as lower-case words with short forms and acronyms written out."""
    words: list[str] = []
    for w in _ROLE_WORD.findall(role):
        low = w.casefold()
        expanded = _abbreviations().get(low) or acronyms.get(low)
        words.extend((expanded or w).casefold().replace("walikota", "wali kota").split())
    return tuple(w.rstrip(".") for w in words if w.rstrip("."))


def _acronyms(items: Sequence[StoryItem]) -> dict[str, str]:
    """Acronyms the story's reports define: an organisation's all-capitals alias (`BKN`)."""
    out = {}
    for item in items:
        for entity in item.extraction.entities:
            for alias in (entity.name, *entity.aliases):
                if alias.isupper() and 2 <= len(alias) <= 8 and alias != entity.name:
                    out[alias.casefold()] = entity.name
    return out


@lru_cache(maxsize=1)
def _rank_words() -> frozenset[str]:
    """Words that change a role's rank (`wakil`, `mantan`, `plt`): `role_modifiers.txt`."""
    text = resources.files("tui.stories").joinpath("role_modifiers.txt").read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())


MAX_ABBREVIATED_WORDS = 6


def _abbreviates(short: str, words: Sequence[str]) -> bool:
    """`kabid` abbreviates `kepala bidang`, `humas` `hubungan masyarakat`, `as` `amerika serikat`:
    same first letter, and the short form's letters appear in order in the words."""
    if len(short) < 2 or short[0] != words[0][0]:
        return False
    letters = iter("".join(words))
    return all(ch in letters for ch in short)


def _expand_abbreviations(role: tuple[str, ...], other: tuple[str, ...]) -> set[str]:
    """The words of `role`, each abbreviation of words written out in `other` replaced by them."""
    out: set[str] = set()
    spare = [w for w in other if w not in role]
    for word in role:
        if word in other:
            out.add(word)
            continue
        run = next(
            (
                spare[i:j]
                for i in range(len(spare))
                for j in range(i + 2, min(len(spare), i + MAX_ABBREVIATED_WORDS) + 1)
                if _abbreviates(word, spare[i:j])
            ),
            None,
        )
        out.update(run or (word,))
    return out


def _roles_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """`Wali Kota` agrees with `Wali Kota Malang` (less detail) and `Kabid Humas` with `Kepala Bidang
    Hubungan Masyarakat`; `Bupati` and `Wakil Bupati` do not."""
    x, y = _expand_abbreviations(a, b), _expand_abbreviations(b, a)
    shorter, longer = sorted((x, y), key=len)
    return shorter <= longer and not (longer - shorter) & _rank_words()


def role_discrepancies(items: Sequence[StoryItem]) -> list[Discrepancy]:
    """People given different roles by different reports (`Wakil Bupati` against `Bupati`)."""
    acronyms = _acronyms(items)
    roles: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    names: dict[str, str] = {}
    for item in items:
        for entity in item.extraction.entities:
            if entity.type == PERSON and entity.role:
                names.setdefault(entity.id, entity.name)
                if item.key not in roles[entity.id][entity.role]:
                    roles[entity.id][entity.role].append(item.key)
    out = []
    for pid, by_role in roles.items():
        forms = [_role_words(r, acronyms) for r in by_role]
        keys_per_form = [set(k) for k in by_role.values()]
        clash = any(
            not _roles_agree(forms[i], forms[j]) and keys_per_form[i] != keys_per_form[j]
            for i in range(len(forms))
            for j in range(i + 1, len(forms))
        )
        if clash:
            out.append(Discrepancy(f"role of {names[pid]}", ROLE, _grouped(dict(by_role))))
    out.sort(key=lambda d: d.what)
    return out
