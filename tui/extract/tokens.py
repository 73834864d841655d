"""A linear tokenizer with offsets: words (with inner hyphens and apostrophes), dotted
abbreviations (`Pj.`, `S.H.`, `M.Si.`), and single punctuation marks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import accumulate

from tui.extract.lexicon import load_lexicon

# A word (with inner hyphens and apostrophes) or any other single character; the two alternatives
# never start alike, so the scan is linear. A word's trailing dot is a token of its own here:
# `tokenize` joins it back to an abbreviation, and rebuilds dotted abbreviations (`S.H.`) from
# their letters and dots. That is cheaper than trying an abbreviation alternative at every word.
# The quantifier is possessive (`*+`): giving back a hyphenated part could never help.
_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*+|\S")
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")
# The letters of one part of a dotted abbreviation (`M` and `Si` of `M.Si.`).
_MAX_DOTTED_PART = 4
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
    Only the few dots are visited in Python: the tokenizer reads every character of every article.
    """
    # Splitting on the token pattern alternates gap, token, gap, ...; the running sum of the
    # pieces' lengths gives every offset. All of it runs in C, with no Python step per token.
    pieces = _TOKEN_SPLIT.split(body)
    offsets = list(accumulate(map(len, pieces), initial=0))
    texts = pieces[1::2]
    starts = offsets[1:-1:2]
    ends = offsets[2::2]
    runs = _dotted_runs(texts, starts, ends)
    if runs:
        texts, starts, ends = _merge_runs(texts, starts, ends, runs)
    joins = _abbreviation_dots(texts, starts, ends)
    if joins:
        texts, starts, ends = _join_dots(texts, starts, ends, joins)
    return Tokens(texts, starts, ends)


def _is_dotted_part(text: str) -> bool:
    return len(text) <= _MAX_DOTTED_PART and text.isalpha() and text.isascii()


def _dot_indices(texts: list[str]) -> Iterator[int]:
    """Indices of the `.` tokens after the first token, found by `list.index` (in C), not a loop."""
    find = texts.index
    i = 0
    while True:
        try:
            i = find(".", i + 1)
        except ValueError:
            return
        yield i


def _dotted_runs(texts: list[str], starts: list[int], ends: list[int]) -> list[tuple[int, int]]:
    """The dotted abbreviations (`S.H.`, `M.Si.`, `U.S.`) as (first, last) token indices: two or
    more parts of one to four ASCII letters, each with its dot, nothing between them. Only the
    few dots are visited in Python."""
    runs: list[tuple[int, int]] = []
    n = len(texts)
    done = 0  # the last token of the run found last
    for i in _dot_indices(texts):
        if i <= done:
            continue
        first = i - 1
        if i + 2 >= n or texts[i + 2] != ".":
            continue  # a run has a second part with its dot (most dots end a sentence)
        if ends[first] != starts[i] or not _is_dotted_part(texts[first]):
            continue
        last = i  # the dot that ends the run so far
        while (
            last + 2 < n
            and texts[last + 2] == "."
            and ends[last] == starts[last + 1]
            and ends[last + 1] == starts[last + 2]
            and _is_dotted_part(texts[last + 1])
        ):
            last += 2
        if last > i:
            runs.append((first, last))
            done = last
    return runs


def _merge_runs(
    texts: list[str], starts: list[int], ends: list[int], runs: list[tuple[int, int]]
) -> tuple[list[str], list[int], list[int]]:
    """The token lists with the tokens of each run (first..last) made one token."""
    out_texts: list[str] = []
    out_starts: list[int] = []
    out_ends: list[int] = []
    begin = 0
    for first, last in runs:
        out_texts += texts[begin:first]
        out_starts += starts[begin:first]
        out_ends += ends[begin:first]
        out_texts.append("".join(texts[first : last + 1]))
        out_starts.append(starts[first])
        out_ends.append(ends[last])
        begin = last + 1
    out_texts += texts[begin:]
    out_starts += starts[begin:]
    out_ends += ends[begin:]
    return out_texts, out_starts, out_ends


def _abbreviation_dots(texts: list[str], starts: list[int], ends: list[int]) -> list[int]:
    """Indices of the `.` tokens that belong to the word just before them."""
    abbreviations = _abbreviations()
    joins: list[int] = []
    for i in _dot_indices(texts):
        if ends[i - 1] != starts[i]:
            continue
        word = texts[i - 1]
        if not word[-1].isalnum() and word[-1] != "_":
            continue  # punctuation before the dot, or a dotted abbreviation already whole
        if word + "." in abbreviations or (len(word) == 1 and word.isupper()):
            joins.append(i)
    return joins


def _join_dots(
    texts: list[str], starts: list[int], ends: list[int], joins: list[int]
) -> tuple[list[str], list[int], list[int]]:
    """The token lists with each joined dot folded into the word before it."""
    out_texts: list[str] = []
    out_starts: list[int] = []
    out_ends: list[int] = []
    begin = 0
    for i in joins:
        out_texts += texts[begin : i - 1]
        out_starts += starts[begin : i - 1]
        out_ends += ends[begin : i - 1]
        out_texts.append(texts[i - 1] + ".")
        out_starts.append(starts[i - 1])
        out_ends.append(ends[i])
        begin = i + 1
    out_texts += texts[begin:]
    out_starts += starts[begin:]
    out_ends += ends[begin:]
    return out_texts, out_starts, out_ends
