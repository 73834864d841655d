"""Organisations: institutional prefixes, known acronyms, and the canonical (long) name."""

from __future__ import annotations

from functools import cache, lru_cache

from tui.extract.lexicon import load_lexicon, load_mapping, load_phrases, longest_by_first_word


@cache
def org_prefix_phrases() -> dict[tuple[str, ...], str]:
    return load_phrases("org_prefixes")


@cache
def org_prefix_first_words() -> dict[str, int]:
    """First word of an organisation prefix → the most words a prefix starting with it has."""
    return longest_by_first_word(org_prefix_phrases())


def match_org_prefix(texts: list[str], i: int) -> int:
    """How many tokens from i form an organisation prefix (`Badan`, `Rumah Sakit`), 0 if none."""
    if i >= len(texts):
        return 0
    longest = org_prefix_first_words().get(texts[i], 0)
    if not longest:
        return 0
    phrases = org_prefix_phrases()
    for size in range(min(longest, len(texts) - i), 0, -1):
        if tuple(texts[i : i + size]) in phrases:
            return size
    return 0


# Asked for most capitalised tokens: the answers are cached per word.
@lru_cache(maxsize=1 << 16)
def is_known_org_acronym(text: str) -> bool:
    return text in load_lexicon("org_acronyms")


@lru_cache(maxsize=1 << 16)
def is_non_entity_acronym(text: str) -> bool:
    return text in load_lexicon("non_entity_acronyms")


def expand_org_words(words: list[str]) -> list[str]:
    """`Pemkot Malang` → `Pemerintah Kota Malang`; `Pemprov Jatim` → `Pemerintah Provinsi Jawa Timur`:
    the first word's short form is written out, and province short forms after it too."""
    if not words:
        return words
    short_orgs = load_mapping("org_abbreviations")
    provinces = load_mapping("province_short_forms")
    out = short_orgs.get(words[0], words[0]).split()
    expanded_head = words[0] in short_orgs
    for w in words[1:]:
        out.extend((provinces.get(w, w) if expanded_head else w).split())
    return out


def is_generic_org(words: list[str]) -> bool:
    """True when every word is a kind-of-body word: `Pemerintah Provinsi` names no one body."""
    generic = load_lexicon("generic_org_words")
    return all(w in generic for w in words)
