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
    mentions: list[Mention] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    acronyms: list[str] = field(default_factory=list)
    role_mentions: set[tuple[int, int]] = field(default_factory=set)  # mentions by role, not by name


@lru_cache(maxsize=1 << 16)
def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(any(w == x for x in it) for w in short)


def build_entities(body: str, found: Iterable[Found]) -> list[Entity]:
    """Group mentions into entities (sorted by first mention). Guesses (UNKNOWN) become people
    only when they are part of a person's name here or look like a name mid-sentence."""
    found = sorted(found, key=lambda f: (f.start, -f.end))
    groups: dict[tuple[str, str], _Group] = {}
    org_by_alias: dict[str, str] = {}
    place_keys: set[str] = set()

    def add(type_: str, name: str, f: Found, role: str | None = None) -> None:
        g = groups.setdefault((type_, _key(name)), _Group(type_, name))
        g.mentions.append(Mention(f.start, f.end, body[f.start : f.end]))
        if role:
            g.roles.append(role)

    # `Golkar` after `Partai Golkar`: a party's bare name is that party.
    party_of = {
        _key(f.name[len(_PARTY) :]): f.name for f in found if f.type == ORG and f.name.startswith(_PARTY)
    }
    org_by_alias.update(party_of)

    # Pass 1: organisations and places, and the aliases that point at them.
    for f in found:
        if f.type == ORG:
            name = party_of.get(_key(f.name), f.name)
            add(ORG, name, f)
            if f.acronym:
                groups[(ORG, _key(name))].acronyms.append(f.acronym)
            org_by_alias[_key(name)] = name
            org_by_alias[_key(body[f.start : f.end])] = name
            if f.acronym:
                org_by_alias[_key(f.acronym)] = name
        elif f.type == PLACE:
            add(PLACE, f.name, f)
            place_keys.add(_key(f.name))

    # Pass 2: people with full names (two words or more), longest first so shorter forms of
    # one name (`Arif Mahendra`) join the longer one.
    people = [f for f in found if f.type in (PERSON, UNKNOWN)]
    full: list[tuple[list[str], str, int]] = []  # (words, canonical, first start)
    by_word: dict[str, list[int]] = {}  # a word → the full names (indices into `full`) holding it

    def candidates(words: list[str]) -> list[tuple[list[str], str, int]]:
        """Full names holding every word of `words` in order. Looked up through the rarest word
        and capped, so an article of thousands of names stays linear."""
        lists = [by_word.get(w, []) for w in words]
        rarest = min(lists, key=len)
        return [full[i] for i in rarest[:_MAX_CANDIDATES] if _is_subsequence(words, full[i][0])]

    strong_multi = sorted(
        (f for f in people if len(f.name.split()) >= 2 and (f.type == PERSON or _guess_is_person(f))),
        key=lambda f: -len(f.name.split()),
    )
    exact: dict[str, str] = {}  # casefolded full name → itself as first written
    for f in strong_multi:
        words = [w.casefold() for w in f.name.split()]
        if " ".join(words) in exact:
            continue
        exact[" ".join(words)] = f.name
        if not candidates(words):
            for w in set(words):
                by_word.setdefault(w, []).append(len(full))
            full.append((words, f.name, f.start))

    settled: dict[str, str | None] = {}  # name → its owner, when that does not depend on where

    def resolve(f: Found) -> str | None:
        key = _key(f.name)
        if key in settled:
            return settled[key]
        owner, unambiguous = _resolve(f)
        if unambiguous:
            settled[key] = owner
        return owner

    def _resolve(f: Found) -> tuple[str | None, bool]:
        words = [w.casefold() for w in f.name.split()]
        same = exact.get(" ".join(words))
        if same is not None and by_word.get(words[0]) and len(words) > 1:
            cands = candidates(words)
            return (cands[0][1] if len(cands) == 1 else same), True
        cands = candidates(words)
        if not cands:
            return None, True
        starting = [c for c in cands if c[0][0] == words[0]]
        pool = starting or cands
        if len(pool) == 1:
            return pool[0][1], True
        before = [c for c in pool if c[2] <= f.start]
        nearest = max(before, key=lambda c: c[2]) if before else min(pool, key=lambda c: c[2])
        return nearest[1], False

    listed = _listed_with_person(body, people) | _tickets(body, people)
    for f in people:
        k = _key(f.name)
        owner = resolve(f)
        if owner is not None:
            add(PERSON, owner, f, f.role)
        elif (f.type == UNKNOWN or (f.role is None and " " not in f.name)) and k in org_by_alias:
            # `Wirabangsa akan mengusung ...` after `Partai Wirabangsa`: a lone word that names an
            # organisation of this article is that organisation, whatever verb follows it.
            add(ORG, org_by_alias[k], f)
        elif f.type == UNKNOWN and k in place_keys:
            add(PLACE, groups[(PLACE, k)].name, f)
        elif f.type == PERSON or _guess_is_person(f) or (f.start, f.end) in listed:
            add(PERSON, f.name, f, f.role)

    _link_roles(body, [f for f in found if f.type == ROLE], groups)

    # Aliases: every distinct way the text writes the entity other than its name.
    entities = []
    roles_by_region = _region_of_roles(groups.values())
    for g in groups.values():
        seen = {_key(g.name)}
        named = [m.text for m in g.mentions if (m.start, m.end) not in g.role_mentions]
        for text in named + g.acronyms:
            text = _SPACE.sub(" ", text).strip()
            if _key(text) not in seen:
                seen.add(_key(text))
                g.aliases.append(text)
        role = _best_role(g.roles)
        if role is not None and g.type == PERSON:
            role = _with_region(role, roles_by_region)
        mentions = tuple(sorted(set(g.mentions), key=lambda m: (m.start, m.end)))
        entities.append(Entity(entity_id(g.type, g.name), g.type, g.name, mentions, tuple(g.aliases), role))
    entities.sort(key=lambda e: (e.mentions[0].start, e.type))
    return entities


def _listed_with_person(body: str, people: list[Found]) -> set[tuple[int, int]]:
    """`Neneng Sri Wahyuni, Yulianis, dan Oktarina Putri`: the spans of untyped names that stand
    in one list (joined by commas, `dan`, `serta`, `atau`) with a name that is a person."""
    out: set[tuple[int, int]] = set()
    chain: list[Found] = []
    joined = False  # a list has a conjunction; `Sulawesi Selatan, Zulkifli` is no list

    def close() -> None:
        if joined and any(f.type == PERSON or _guess_is_person(f) for f in chain):
            out.update(
                (f.start, f.end)
                for f in chain
                if f.type == UNKNOWN and not (f.sentence_initial and is_dictionary_word(f.name))
            )

    for f in people:
        between = _LIST_JOIN.fullmatch(body, chain[-1].end, f.start) if chain else None
        if between is None:
            close()
            chain, joined = [], False
        else:
            joined = joined or any(c.isalpha() for c in between.group())
        chain.append(f)
    close()
    return out


def _tickets(body: str, people: list[Found]) -> set[tuple[int, int]]:
    """`Prabowo - Hatta menggugat`: two lone names joined by a spaced dash are an election ticket
    of two people, unless both are common words too."""
    out: set[tuple[int, int]] = set()
    for a, b in zip(people, people[1:], strict=False):
        if (
            a.type == UNKNOWN
            and b.type == UNKNOWN
            and " " not in a.name
            and " " not in b.name
            and body[a.end : b.start] in _TICKET_DASHES
            and not (is_dictionary_word(a.name) and is_dictionary_word(b.name))
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
            holders[0].mentions.append(Mention(f.start, f.end, written))
            holders[0].role_mentions.add((f.start, f.end))


def _holds(role: str, title: str, long_forms: dict[str, str]) -> bool:
    """`Sekretaris Daerah Kota Malang` holds `Sekretaris Daerah`; `Wakil Wali Kota` does not hold
    `Wali Kota`."""
    first, _, rest = role.partition(" ")
    role = f"{long_forms.get(first, first)} {rest}".strip()
    return role == title or role.startswith(title + " ")


def _guess_is_person(f: Found) -> bool:
    """A capitalised name of two words or more with no cue is a person unless every word is a
    dictionary word (`Dasa Bakti`), or, at the start of a sentence, its first word is one.
    A lone capitalised word with no cue is as often an organisation, a foreign place or a brand
    as a person, so it stays out unless it is part of a name found elsewhere in the article."""
    words = f.name.split()
    if len(words) < 2:
        return False
    # Roman numerals (`Perang Dunia II`) say nothing either way.
    if any(_ROMAN.fullmatch(w) for w in words):
        return False  # `Kabinet Indonesia Bersatu II`, `Munas IX`: a numbered event or body
    if f.sentence_initial:
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
