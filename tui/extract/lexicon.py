"""Lexicons: data files in `tui/extract/lexicons/`, read once and cached.

A `.txt` lexicon has one entry a line; a `.tsv` lexicon has `key<TAB>value` lines. Blank lines
and lines starting with `#` are comments. Entries keep their case: callers decide whether to
compare case-sensitively.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources

_PACKAGE = "tui.extract.lexicons"
# Lexicons ship with the package; a cap keeps a damaged or huge file from eating memory.
_MAX_LEXICON_BYTES = 2 * 1024 * 1024


def _lines(filename: str) -> list[str]:
    resource = resources.files(_PACKAGE).joinpath(filename)
    try:
        raw = resource.read_bytes()[:_MAX_LEXICON_BYTES]
    except FileNotFoundError:
        return []
    out = []
    for line in raw.decode("utf-8", errors="replace").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


@cache
def load_lexicon(name: str) -> frozenset[str]:
    """The entries of `lexicons/<name>.txt` as written; an empty set if the file is missing."""
    return frozenset(_lines(f"{name}.txt"))


@cache
def load_casefolded(name: str) -> frozenset[str]:
    """The entries of `lexicons/<name>.txt`, casefolded, for case-blind lookups."""
    return frozenset(e.casefold() for e in load_lexicon(name))


@cache
def load_mapping(name: str) -> dict[str, str]:
    """`lexicons/<name>.tsv` as a dict from the first column to the second."""
    out: dict[str, str] = {}
    for line in _lines(f"{name}.tsv"):
        key, sep, value = line.partition("\t")
        if sep and key.strip() and value.strip():
            out[key.strip()] = value.strip()
    return out


@cache
def load_phrases(name: str) -> dict[tuple[str, ...], str]:
    """Multi-word entries of `lexicons/<name>.txt` keyed by their word tuple, so a scanner can
    match the longest phrase at a token position. Values are the entries as written."""
    return {tuple(entry.split()): entry for entry in load_lexicon(name)}


def longest_by_first_word(phrases: Iterable[tuple[str, ...]]) -> dict[str, int]:
    """First word → the most words a phrase starting with it has: where a scanner may stop trying."""
    out: dict[str, int] = {}
    for words in phrases:
        out[words[0]] = max(out.get(words[0], 0), len(words))
    return out
