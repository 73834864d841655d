"""People: role titles before a name, honorifics and degrees around it, and what a name looks like."""

from __future__ import annotations

from functools import cache, lru_cache

from tui.extract.lexicon import (
    load_casefolded,
    load_lexicon,
    load_mapping,
    load_phrases,
    longest_by_first_word,
)
from tui.extract.vocabulary import root_words

# Lower-case words that may sit inside a name (`Omar al-Beshir`, `Abdullah bin Ahmad`).
NAME_PARTICLES = frozenset({"bin", "binti", "van", "von", "de", "der", "al", "el", "del", "dos", "bt", "bte"})
# Prefix+suffix shapes of Indonesian derived nouns (`Kesejahteraan`, `Pembangunan`,
# `Pelatihan`), which are never given names.
_DERIVED_PREFIXES = ("ke", "pe", "per", "pem", "pen", "peng", "peny", "pel")
_DERIVED_SUFFIXES = ("an", "isasi", "itas")
_VERB_PREFIXES = ("me", "mem", "men", "meng", "meny", "ber", "ter", "di")
# Word predicates run on every capitalised token; their answers are cached per word.
_WORD_CACHE = 1 << 16


@cache
def role_phrases() -> dict[tuple[str, ...], str]:
    return load_phrases("roles")


@cache
def role_first_words() -> dict[str, int]:
    """First word of a role title → the most words a title starting with it has."""
    return longest_by_first_word(role_phrases())


def match_role(texts: list[str], i: int) -> int:
    """How many tokens from i form the longest role title (0 if none)."""
    if i >= len(texts):
        return 0
    longest = role_first_words().get(texts[i], 0)
    if not longest:
        return 0
    phrases = role_phrases()
    for size in range(min(longest, len(texts) - i), 0, -1):
        if tuple(texts[i : i + size]) in phrases:
            return size
    return 0


@cache
def _lower_role_phrases() -> frozenset[tuple[str, ...]]:
    """Role titles as news also writes them mid-sentence, in lower case (`kata juru bicara X`),
    less those that are common words too (`paus` is also a whale)."""
    skip = load_casefolded("lower_case_role_stoplist")
    out = set()
    for words in role_phrases():
        low = tuple(w.casefold() for w in words)
        if " ".join(low) not in skip and all(w.isalpha() for w in low):
            out.add(low)
    return frozenset(out)


@cache
def lower_role_last_words() -> frozenset[str]:
    """The last words of the role titles news also writes in lower case (`bicara`, `pemimpin`)."""
    return frozenset(words[-1] for words in _lower_role_phrases())


def match_lower_role_before(texts: list[str], i: int) -> int:
    """How many lower-case tokens right before i form the longest role title (0 if none)."""
    if i == 0 or texts[i - 1] not in lower_role_last_words():
        return 0  # asked at every capitalised word: most have no role word before them
    phrases = _lower_role_phrases()
    for size in range(min(4, i), 0, -1):
        words = texts[i - size : i]
        if all(w.islower() for w in words) and tuple(words) in phrases:
            return size
    return 0


@lru_cache(maxsize=_WORD_CACHE)
def is_role_abbreviation(text: str) -> bool:
    return text in load_mapping("role_abbreviations")


@lru_cache(maxsize=_WORD_CACHE)
def is_honorific(text: str) -> bool:
    return text in load_lexicon("honorifics")


@lru_cache(maxsize=_WORD_CACHE)
def is_degree(text: str) -> bool:
    """`S.H.`, `M.Si`, `Ph.D.`: compared without dots and case."""
    bare = text.replace(".", "").casefold()
    return bool(bare) and bare in _degrees()


@cache
def _degrees() -> frozenset[str]:
    return frozenset(d.replace(".", "").casefold() for d in load_lexicon("degrees"))


@lru_cache(maxsize=_WORD_CACHE)
def looks_derived(word: str) -> bool:
    """A capitalised ke-/pe-/per-...-an word (`Kesejahteraan`) or a me-/ber-/di- verb: a common
    word, not a given name."""
    low = word.casefold()
    if len(low) < 8:
        return False
    if low.endswith(("isasi", "itas", "asi", "logi", "isme")):
        return True  # `Transportasi`, `Teknologi`, `Nasionalisme`: loan nouns, never given names
    return low.endswith(_DERIVED_SUFFIXES) and low.startswith(_DERIVED_PREFIXES)


@lru_cache(maxsize=_WORD_CACHE)
def looks_like_verb(word: str) -> bool:
    """A sentence-initial affixed verb (`Dikatakan`, `Menurutnya`, `Berdasarkan`)."""
    low = word.casefold()
    if len(low) >= 7 and low.endswith(("lah", "kah")):
        # `Tenanglah`, `Mampukah`: a particle on a word; `Abdullah`, `Fanshurullah` are names.
        return low[:-3] in root_words() or is_affixed_verb(low[:-3])
    return len(low) >= 8 and low.startswith(_VERB_PREFIXES) and (low.endswith(("kan", "nya", "i")))


@lru_cache(maxsize=_WORD_CACHE)
def is_complement_word(word: str) -> bool:
    """A capitalised word that continues a role or an institution rather than starting a name."""
    return word in load_lexicon("role_complement_words") or looks_derived(word)


@lru_cache(maxsize=_WORD_CACHE)
def is_function_word(word: str) -> bool:
    """`Dalam`, `Namun`, `Senin`, `Mei`: capitalised only by position, never part of a name."""
    return word.casefold() in load_casefolded("function_words")


@lru_cache(maxsize=_WORD_CACHE)
def is_common_word(word: str) -> bool:
    """A function word or a common noun of titles (`Kategori`, `Penghargaan`): not a name."""
    return is_function_word(word) or word in load_lexicon("common_capitalised_words")


@lru_cache(maxsize=_WORD_CACHE)
def is_title_cue(word: str) -> bool:
    """`predikat`, `kategori`, `bertajuk`: the capitalised run after it is a title, not a name."""
    return word.casefold() in load_casefolded("title_cues")


@cache
def person_cues() -> frozenset[str]:
    """Words next to a name that make it a person: speech verbs (the quotes lexicon, read only)
    and the cues of person_cues.txt."""
    cues = set(load_casefolded("person_cues"))
    for verb in load_lexicon("speech_verbs"):
        if not verb.startswith("["):  # section headings of that file
            cues.add(verb.split()[0].casefold())
    return frozenset(cues)


@cache
def verb_cues() -> frozenset[str]:
    """The person cues that are verbs, so they may follow the name (`Zudan mengatakan`, `kata
    Zudan` both work); nouns such as `korban` or `tersangka` only point at the name after them."""
    return frozenset(c for c in person_cues() if c not in _noun_cues())


@cache
def _noun_cues() -> frozenset[str]:
    return frozenset(
        c
        for c in load_casefolded("person_cues")
        if not c.startswith(("me", "ber", "di")) and c not in load_casefolded("speech_verbs")
    )


# meN-/ber-/di-/ter- prefixes with the first letter of the root they replace (`menyerap` = serap).
_PREFIX_ROOTS = (
    ("meny", "s"),
    ("meng", ""),
    ("meng", "k"),
    ("mem", ""),
    ("mem", "p"),
    ("men", ""),
    ("men", "t"),
    ("me", ""),
    ("ber", ""),
    ("be", ""),
    ("di", ""),
    ("ter", ""),
)
# ber- loses its r before a root starting with r, and before a few roots by usage (`bekerja`).
_BE_ROOT_INITIALS = ("r",)
_BE_ROOTS = frozenset({"kerja", "ajar", "ternak", "serta"})
_VERB_SUFFIXES = ("kan", "nya", "")  # not a bare -i: `Megawati` is no me+gawat+i


@lru_cache(maxsize=_WORD_CACHE)
def is_affixed_verb(word: str) -> bool:
    """`Menyerap`, `Membangun`, `Ditemukan`: a prefix (and suffix) on a dictionary root, so a
    verb that opens a sentence, not a name (`Megawati`, `Dimas` have no such root)."""
    low = word.casefold()
    if len(low) < 6 or not low.isalpha():
        return False
    for prefix, first in _PREFIX_ROOTS:
        if not low.startswith(prefix):
            continue
        for suffix in _VERB_SUFFIXES:
            if suffix and not low.endswith(suffix):
                continue
            root = first + low[len(prefix) : len(low) - len(suffix)]
            if prefix == "be" and not root.startswith(_BE_ROOT_INITIALS) and root not in _BE_ROOTS:
                continue  # be- stands for ber- only before r (`berencana`): `beberapa` is no verb
            if len(root) >= 4 and root in root_words():
                return True
    return False
