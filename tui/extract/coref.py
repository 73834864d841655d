"""Coreference within one article: mentions → entities.

People: a short form (`Wahyu`, `Erik`, `Arif Fakrulloh`) joins the full name it is part of,
preferring a name it starts (`Wahyu` → `Wahyu Hidayat`, not the reporter `Santi Wahyu`), then
the nearest earlier one; two different full names never merge. Organisations join by canonical
name and by the acronyms the article defines for them (`BKN`, `Poltekad` = `POLTEKAD`). Places
join by canonical name (`Kota Malang` = `Malang`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from operator import and_, attrgetter

from tui.extract.lexicon import load_mapping
from tui.extract.model import ORG, PERSON, PLACE, Entity, Mention, entity_id
from tui.extract.recognise import ROLE, UNKNOWN, Found
from tui.extract.vocabulary import is_dictionary_word

# Role titles that govern a region (`Wali Kota Malang`), so the region can be inherited.
_REGION_ROLES = ("Wali Kota", "Walikota", "Bupati", "Gubernur", "Camat", "Lurah")
_PARTY = "Partai "
_ROLE_HEADS = ("Wakil ", "Penjabat ", "Pj. ", "Plt. ", "Pelaksana Tugas ")
_SPACE = re.compile(r"\s+")
_ROMAN = re.compile(r"[IVXLC]+")
_TICKET_DASHES = frozenset({" - ", " – ", " — "})
# What joins the names of a list: `, `, ` dan `, `, dan `, ` serta `, ` atau `.
_LIST_JOIN = re.compile(r",? ?(?:dan |serta |atau )?|,")
# The most full names one short form is compared with (real articles name a handful).
_MAX_CANDIDATES = 16


@dataclass(slots=True)
class _Group:
    type: str
    name: str
    # Mentions as (start, end) in the order found: the text is body[start:end], and the order
    # decides which spelling becomes the first alias.
    spans: list[tuple[int, int]] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    acronyms: list[str] = field(default_factory=list)
    role_spans: set[tuple[int, int]] = field(default_factory=set)  # mentions by role, not by name


@lru_cache(maxsize=1 << 16)
def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


@lru_cache(maxsize=1 << 16)
def _folded_name(name: str) -> tuple[tuple[str, ...], str]:
    """The name's words case folded, and its key (the same as `_key(name)`: folding works
    character by character, so folding the words is folding the name)."""
    words = tuple(w.casefold() for w in name.split())
    return words, " ".join(words)


@lru_cache(maxsize=1 << 16)
def _alias_form(text: str) -> tuple[str, str]:
    """A mention's text as an alias (whitespace runs made one space), and that alias's key."""
    alias = _SPACE.sub(" ", text).strip()
    return alias, _key(alias)


def _is_subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    if short == long:
        return True
    it = iter(long)
    return all(w in it for w in short)  # `in` consumes the iterator up to the word found


def _text_order(found: Iterable[Found]) -> list[Found]:
    """By start, the longer of two mentions starting together first (a stable sort on
    (start, -end), done as two C-keyed sorts)."""
    ordered = sorted(found, key=_END, reverse=True)
    ordered.sort(key=_START)
    return ordered


_START = attrgetter("start")
_END = attrgetter("end")


def build_entities(body: str, found: Iterable[Found]) -> list[Entity]:
    """Group mentions into entities (sorted by first mention). Guesses (UNKNOWN) become people
    only when they are part of a person's name here or look like a name mid-sentence."""
    found = _text_order(found)
    groups: dict[tuple[str, str], _Group] = {}
    org_by_alias: dict[str, str] = {}
    place_keys: set[str] = set()

    def add(type_: str, name: str, f: Found, role: str | None = None) -> _Group:
        key = (type_, _key(name))
        g = groups.get(key)
        if g is None:
            g = groups[key] = _Group(type_, name)
        g.spans.append((f.start, f.end))
        if role:
            g.roles.append(role)
        return g

    # `Golkar` after `Partai Golkar`: a party's bare name is that party.
    party_of = {
        _key(f.name[len(_PARTY) :]): f.name for f in found if f.type == ORG and f.name.startswith(_PARTY)
    }
    org_by_alias.update(party_of)

    # Pass 1: organisations and places, and the aliases that point at them.
    people: list[Found] = []
    roles: list[Found] = []
    for f in found:
        type_ = f.type
        if type_ == PERSON or type_ == UNKNOWN:
            people.append(f)
        elif type_ == ORG:
            name = party_of.get(_key(f.name), f.name) if party_of else f.name
            g = add(ORG, name, f)
            if f.acronym:
                g.acronyms.append(f.acronym)
            org_by_alias[_key(name)] = name
            org_by_alias[_key(body[f.start : f.end])] = name
            if f.acronym:
                org_by_alias[_key(f.acronym)] = name
        elif type_ == PLACE:
            add(PLACE, f.name, f)
            place_keys.add(_key(f.name))
        elif type_ == ROLE:
            roles.append(f)

    # Pass 2: people with full names (two words or more), longest first so shorter forms of
    # one name (`Arif Mahendra`) join the longer one.
    full: list[tuple[tuple[str, ...], str, int]] = []  # (words, canonical, first start)
    by_word: dict[str, list[int]] = {}  # a word → the full names (indices into `full`) holding it

    def candidates(words: tuple[str, ...]) -> list[tuple[tuple[str, ...], str, int]]:
        """Full names holding every word of `words` in order. Looked up through the rarest word
        and capped, so an article of thousands of names stays linear."""
        if len(words) == 1:  # every full name indexed under the word holds it
            holding = by_word.get(words[0])
            return [full[i] for i in holding[:_MAX_CANDIDATES]] if holding else []
        rarest = min([by_word.get(w, _NONE) for w in words], key=len)
        return [full[i] for i in rarest[:_MAX_CANDIDATES] if _is_subsequence(words, full[i][0])]

    named = [(f, _folded_name(f.name)) for f in people]
    strong_multi = sorted(
        (
            (f, form)
            for f, form in named
            if len(form[0]) >= 2 and (f.type == PERSON or _guess_is_person_name(f.name, f.sentence_initial))
        ),
        key=_more_words_first,
    )
    exact: dict[str, str] = {}  # casefolded full name → itself as first written
    for f, (words, joined) in strong_multi:
        if joined in exact:
            continue
        exact[joined] = f.name
        if not candidates(words):
            for w in set(words):
                by_word.setdefault(w, []).append(len(full))
            full.append((words, f.name, f.start))

    # Per distinct name: its owner when that does not depend on where it is written, else the
    # full names it may stand for (the nearest one before it is chosen per mention).
    settled: dict[str, str | None] = {}
    pools: dict[str, list[tuple[tuple[str, ...], str, int]]] = {}

    def _resolve_name(
        words: tuple[str, ...], key: str
    ) -> tuple[str | None, list[tuple[tuple[str, ...], str, int]] | None]:
        same = exact.get(key)
        if same is not None and by_word.get(words[0]) and len(words) > 1:
            cands = candidates(words)
            return (cands[0][1] if len(cands) == 1 else same), None
        cands = candidates(words)
        if not cands:
            return None, None
        starting = [c for c in cands if c[0][0] == words[0]]
        pool = starting or cands
        if len(pool) == 1:
            return pool[0][1], None
        return None, pool

    listed: set[tuple[int, int]] | None = None  # made on first need: most names never ask
    for f, (words, k) in named:
        owner = settled.get(k, _UNSETTLED)
        if owner is _UNSETTLED:
            pool = pools.get(k)
            if pool is None and len(words) == 1 and words[0] not in by_word:
                settled[k] = owner = None  # a lone word that is part of no full name here
            elif pool is None:
                owner, pool = _resolve_name(words, k)
                if pool is None:
                    settled[k] = owner
                else:
                    pools[k] = pool
            if pool is not None:
                owner = _nearest(pool, f.start)
        if owner is not None:
            add(PERSON, owner, f, f.role)
            continue
        if (f.type == UNKNOWN or (f.role is None and " " not in f.name)) and k in org_by_alias:
            # `Wirabangsa akan mengusung ...` after `Partai Wirabangsa`: a lone word that names an
            # organisation of this article is that organisation, whatever verb follows it.
            add(ORG, org_by_alias[k], f)
        elif f.type == UNKNOWN and k in place_keys:
            add(PLACE, groups[(PLACE, k)].name, f)
        elif f.type == PERSON or _guess_is_person(f):
            add(PERSON, f.name, f, f.role)
        else:
            if listed is None:
                listed = _listed_with_person(body, people) | _tickets(body, people)
            if (f.start, f.end) in listed:
                add(PERSON, f.name, f, f.role)

    _link_roles(body, roles, groups)

    # Aliases: every distinct way the text writes the entity other than its name.
    entities = []
    roles_by_region = _region_of_roles(groups.values())
    for g in groups.values():
        name, spans, role_spans = g.name, g.spans, g.role_spans
        if len(spans) == 1:  # most entities are named once: no sorting, one slice
            s, e = spans[0]
            text = body[s:e]
            mentions: tuple[Mention, ...] = (Mention(s, e, text),)
            written = [] if role_spans or text == name else [text]
        else:
            if role_spans:
                written = [body[s:e] for s, e in spans if (s, e) not in role_spans]
            else:
                written = [body[s:e] for s, e in spans]
            mentions = tuple([Mention(s, e, body[s:e]) for s, e in sorted(set(spans))])
        if g.acronyms:
            written += g.acronyms
        if written:
            seen = {_key(name)}
            for text in dict.fromkeys(written):
                if text == name:
                    continue  # its key is the name's
                alias, alias_key = _alias_form(text)
                if alias_key not in seen:
                    seen.add(alias_key)
                    g.aliases.append(alias)
        role = _best_role(g.roles) if g.roles else None
        if role is not None and g.type == PERSON:
            role = _with_region(role, roles_by_region)
        entities.append(Entity(entity_id(g.type, name), g.type, name, mentions, tuple(g.aliases), role))
    entities.sort(key=_first_mention_then_type)
    return entities


_NONE: list[int] = []
_UNSETTLED = object()


def _more_words_first(item: tuple[Found, tuple[tuple[str, ...], str]]) -> int:
    return -len(item[1][0])


def _first_start(candidate: tuple[tuple[str, ...], str, int]) -> int:
    return candidate[2]


def _nearest(pool: list[tuple[tuple[str, ...], str, int]], start: int) -> str:
    """Of several full names a short form may stand for, the one named last before it (else
    the first named after it)."""
    before = [c for c in pool if c[2] <= start]
    return (max(before, key=_first_start) if before else min(pool, key=_first_start))[1]


def _first_mention_then_type(e: Entity) -> tuple[int, str]:
    return e.mentions[0].start, e.type


# The longest text `_LIST_JOIN` can match (`, serta `): names further apart are no list.
_LONGEST_LIST_JOIN = 8


def _listed_with_person(body: str, people: list[Found]) -> set[tuple[int, int]]:
    """`Neneng Sri Wahyuni, Yulianis, dan Oktarina Putri`: the spans of untyped names that stand
    in one list (joined by commas, `dan`, `serta`, `atau`) with a name that is a person."""
    out: set[tuple[int, int]] = set()
    chain_start = 0
    joined = False  # a list has a conjunction; `Sulawesi Selatan, Zulkifli` is no list
    for i in range(1, len(people)):
        prev_end, start = people[i - 1].end, people[i].start
        between = (
            _LIST_JOIN.fullmatch(body, prev_end, start) if start - prev_end <= _LONGEST_LIST_JOIN else None
        )
        if between is None:
            if joined:
                _add_listed(people[chain_start:i], out)
            chain_start, joined = i, False
        elif not joined:
            joined = any(c.isalpha() for c in between.group())
    if joined:
        _add_listed(people[chain_start:], out)
    return out


def _add_listed(chain: list[Found], out: set[tuple[int, int]]) -> None:
    if any(f.type == PERSON or _guess_is_person(f) for f in chain):
        out.update(
            (f.start, f.end)
            for f in chain
            if f.type == UNKNOWN and not (f.sentence_initial and is_dictionary_word(f.name))
        )


def _tickets(body: str, people: list[Found]) -> set[tuple[int, int]]:
    """`Prabowo - Hatta menggugat`: two lone names joined by a spaced dash are an election ticket
    of two people, unless both are common words too."""
    out: set[tuple[int, int]] = set()
    lone = [f.type == UNKNOWN and " " not in f.name for f in people]
    # Only two lone names in a row can be a ticket: look at those pairs alone.
    for i in compress(range(len(people) - 1), map(and_, lone, lone[1:])):
        a, b = people[i], people[i + 1]
        if body[a.end : b.start] in _TICKET_DASHES and not (
            is_dictionary_word(a.name) and is_dictionary_word(b.name)
        ):
            out.update(((a.start, a.end), (b.start, b.end)))
    return out


def _link_roles(body: str, roles: list[Found], groups: dict[tuple[str, str], _Group]) -> None:
    """A role written without a name (`Sekda menegaskan`, `Pak Wali Kota`) is a mention of the
    one person the article gives that role (`Sekretaris Daerah Kota Malang Erik Setyo Santoso`);
    with no such person, or two, it is no one's. It never becomes an alias."""
    people = [g for g in groups.values() if g.type == PERSON and g.roles]
    if not roles or not people:
        return
    long_forms = load_mapping("role_abbreviations")
    for f in roles:
        written = body[f.start : f.end]
        title = long_forms.get(written, written)
        holders = [g for g in people if any(_holds(r, title, long_forms) for r in g.roles)]
        if len(holders) == 1:
            holders[0].spans.append((f.start, f.end))
            holders[0].role_spans.add((f.start, f.end))


def _holds(role: str, title: str, long_forms: dict[str, str]) -> bool:
    """`Sekretaris Daerah Kota Malang` holds `Sekretaris Daerah`; `Wakil Wali Kota` does not hold
    `Wali Kota`."""
    first, _, rest = role.partition(" ")
    role = f"{long_forms.get(first, first)} {rest}".strip()
    return role == title or role.startswith(title + " ")


def _guess_is_person(f: Found) -> bool:
    return _guess_is_person_name(f.name, f.sentence_initial)


@lru_cache(maxsize=1 << 16)
def _guess_is_person_name(name: str, sentence_initial: bool) -> bool:
    """A capitalised name of two words or more with no cue is a person unless every word is a
    dictionary word (`Dasa Bakti`), or, at the start of a sentence, its first word is one.
    A lone capitalised word with no cue is as often an organisation, a foreign place or a brand
    as a person, so it stays out unless it is part of a name found elsewhere in the article."""
    words = name.split()
    if len(words) < 2:
        return False
    # Roman numerals (`Perang Dunia II`) say nothing either way.
    if any(_ROMAN.fullmatch(w) for w in words):
        return False  # `Kabinet Indonesia Bersatu II`, `Munas IX`: a numbered event or body
    if sentence_initial:
        # At the start of a sentence capitals say less: the first word must not be a common word.
        return not is_dictionary_word(words[0])
    return not all(map(is_dictionary_word, words))


def _best_role(roles: list[str]) -> str | None:
    """The first role written, unless a later one says more (`Wali Kota Malang` over `Wali Kota`)."""
    if not roles:
        return None
    best = roles[0]
    for r in roles[1:]:
        if r.startswith(best) and len(r) > len(best):
            best = r
    return best


def _region_of_roles(groups: Iterable[_Group]) -> dict[str, str]:
    """For each region role (`Wali Kota`), the region the article gives it (`Malang`)."""
    out: dict[str, str] = {}
    for g in groups:
        for role in g.roles:
            bare = _strip_heads(role)
            for title in _REGION_ROLES:
                if bare.startswith(title + " ") and title not in out:
                    out[title] = bare[len(title) + 1 :]
    return out


def _strip_heads(role: str) -> str:
    changed = True
    while changed:
        changed = False
        for head in _ROLE_HEADS:
            if role.startswith(head):
                role = role[len(head) :]
                changed = True
    return role


def _with_region(role: str, regions: dict[str, str]) -> str:
    """`Wakil Wali Kota` in an article about Malang's `Wali Kota Malang` is `Wakil Wali Kota Malang`:
    a region role written without its region inherits the one the article gives that role."""
    bare = _strip_heads(role)
    for title in _REGION_ROLES:
        if bare == title and title in regions:
            return f"{role} {regions[title]}"
    return role
