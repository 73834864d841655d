"""A linear tokenizer with offsets: words (with inner hyphens and apostrophes), dotted
abbreviations (`Pj.`, `S.H.`, `M.Si.`), and single punctuation marks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from tui.extract.lexicon import load_lexicon

# Alternatives never overlap in what they can start with at one position, so the scan is linear.
_TOKEN = re.compile(r"(?:[A-Za-z]{1,4}\.){2,}|\w+(?:[-'’]\w+)*\.?|\S")
# Roman numerals as news writes them after a body or an event (`Komisi II`, `Munas IX`, `Kodam
# XIV`): I, V and X only, so `MDC`, `CD` and `XL` stay acronyms.
_ROMAN_NUMERAL = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")


@dataclass(frozen=True, slots=True)
class Tokens:
    """Token i is texts[i], found at body[starts[i]:ends[i]]. Parallel lists rather than one
    object per token: the extractor reads every token of every article, so this is hot."""

    texts: list[str]
    starts: list[int]
    ends: list[int]

    def __len__(self) -> int:
        return len(self.texts)


@lru_cache(maxsize=65536)
def is_acronym(text: str) -> bool:
    """`KPK`, `DPRD`, `PDI-P`: two or more letters, all upper case (Roman numerals are numbers)."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 2 or not all(c.isupper() for c in letters):
        return False
    return _ROMAN_NUMERAL.fullmatch(text) is None


_INITIALS = re.compile(r"(?:[A-Z]\.)+")


@lru_cache(maxsize=65536)
def is_initials(text: str) -> bool:
    """`B.`, `H.M.`: initials inside a name."""
    return _INITIALS.fullmatch(text) is not None


@cache
def _abbreviations() -> frozenset[str]:
    return (
        load_lexicon("honorifics")
        | load_lexicon("roles")
        | load_lexicon("place_prefixes")
        | load_lexicon("org_prefixes")
        | load_lexicon("extra_abbreviations")
    )


def tokenize(body: str) -> Tokens:
    """The tokens of `body` in order; body[starts[i]:ends[i]] == texts[i] for every i.

    A word keeps its trailing dot only when word+dot is a known abbreviation (`Pj.`, `Jl.`) or a
    single capital letter (an initial: `Susilo B. Yudhoyono`); otherwise the dot is a token.
    """
    abbreviations = _abbreviations()
    texts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    add_text, add_start, add_end = texts.append, starts.append, ends.append
    for m in _TOKEN.finditer(body):
        text = m.group()
        start = m.start()
        end = start + len(text)
        if text[-1] == "." and len(text) > 1 and text[-2] != ".":
            stem = text[:-1]
            if "." not in stem and text not in abbreviations and not (len(stem) == 1 and stem.isupper()):
                add_text(stem)
                add_start(start)
                add_end(end - 1)
                add_text(".")
                add_start(end - 1)
                add_end(end)
                continue
        add_text(text)
        add_start(start)
        add_end(end)
    return Tokens(texts, starts, ends)
