"""The Indonesian root-word dictionary (about 30,000 words) shipped by PySastrawi (MIT).

Used only to weigh names that no cue types: a capitalised `Kesan` or `Dasa Bakti` made of
dictionary words is more likely a common phrase than a person. Many given names are also
words (`Wahyu`, `Budi`, `Dewi`), so the dictionary never overrules a cue. Without the package
installed the dictionary is empty and those guesses are simply kept.
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources

# Asked for every capitalised word; answers are cached per word.
_WORD_CACHE = 1 << 16


@cache
def root_words() -> frozenset[str]:
    try:
        raw = resources.files("Sastrawi").joinpath("Stemmer/data/kata-dasar.txt").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError, UnicodeDecodeError):
        return frozenset()
    return frozenset(w.strip().casefold() for w in raw.split() if w.strip())


@lru_cache(maxsize=_WORD_CACHE)
def is_dictionary_word(word: str) -> bool:
    """True when `word` (any case) is an Indonesian root word or a root with a noun suffix
    (`Serangan` = serang+an, `Korbannya` = korban+nya)."""
    low = word.casefold()
    roots = root_words()
    if low in roots:
        return True
    for suffix in ("nya", "an"):
        stem = low[: -len(suffix)]
        if low.endswith(suffix) and len(stem) >= 4 and stem in roots:
            return True
    return False
