"""Counts and amounts in Indonesian text: `100 lebih peserta`, `tiga hari`, `Rp 5 miliar`.

A story comparison sets these side by side across outlets, so each quantity keeps the noun it
counts (or its currency) and whether it is a bound (`lebih dari`) or an estimate (`sekitar`).
Number words (satu..sepuluh, belas, puluh, ratus, ribu, juta, miliar) come from `numbers.yaml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from tui.stories.features import stop_words

EXACT, AT_LEAST, AT_MOST, ABOUT = "", "at_least", "at_most", "about"
_BOUND_WORDS = {AT_LEAST: "lebih dari", AT_MOST: "paling banyak", ABOUT: "sekitar"}

# Years read as plain four-digit numbers (`angkatan 2023`) are dates, not counts.
_YEARS = range(1900, 2101)

_TOKEN = re.compile(r"US\$|\$|\d+(?:[.,]\d+)*|[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with what it counts. `noun` is lower case, or a currency sign for money."""

    value: float
    noun: str
    bound: str = EXACT  # EXACT, AT_LEAST, AT_MOST or ABOUT
    text: str = ""
    start: int = 0
    end: int = 0

    @property
    def is_money(self) -> bool:
        return self.noun in _lexicon().currencies

    @property
    def is_comparable(self) -> bool:
        """False for nouns that do not name one fact (`tahun`, `poin`, `gol`), and for `satu X`
        (`satu jemaah` is one of them, not their number): never a discrepancy."""
        return self.noun not in _lexicon().not_compared and (self.value != 1 or self.is_money)

    def display(self) -> str:
        """The quantity the same way whatever the article wrote: `Rp 5 miliar`, `lebih dari 100 peserta`."""
        prefix = f"{_BOUND_WORDS[self.bound]} " if self.bound else ""
        if self.is_money:
            return f"{prefix}{self.noun} {format_amount(self.value)}"
        return f"{prefix}{format_number(self.value)} {self.noun}"

    def agrees_with(self, other: Quantity) -> bool:
        """True when both can describe the same fact (`lebih dari 100` agrees with `120`)."""
        if self.noun != other.noun:
            return False
        return _fits(self, other.value) or _fits(other, self.value)


def _fits(q: Quantity, value: float) -> bool:
    if q.bound == AT_LEAST:
        return value >= q.value
    if q.bound == AT_MOST:
        return value <= q.value
    if q.bound == ABOUT:
        return abs(value - q.value) <= 0.1 * max(q.value, 1)
    return value == q.value


@dataclass(frozen=True, slots=True)
class _Lexicon:
    units: dict[str, int]
    teen: str
    small: dict[str, int]
    large: dict[str, int]
    at_least: tuple[tuple[str, ...], ...]
    at_most: tuple[tuple[str, ...], ...]
    about: tuple[tuple[str, ...], ...]
    classifiers: frozenset[str]
    not_nouns: frozenset[str]
    currency_before: dict[str, str]
    currency_after: dict[str, str]
    not_compared: frozenset[str]
    short_units: frozenset[str]
    stop_words_counted: frozenset[str]

    def can_be_noun(self, word: str) -> bool:
        if not word.isalpha() or word in self.not_nouns:
            return False
        if len(word) < 3 and word not in self.short_units:
            return False
        return word not in stop_words() or word in self.stop_words_counted

    @property
    def currencies(self) -> frozenset[str]:
        return frozenset(self.currency_before.values()) | frozenset(self.currency_after.values())

    def is_number_word(self, word: str) -> bool:
        return word in self.units or word == self.teen or word in self.small or word in self.large


def _phrases(raw: Any) -> tuple[tuple[str, ...], ...]:
    # Longest first so `lebih dari` wins over `lebih`.
    return tuple(sorted((tuple(str(p).split()) for p in raw or ()), key=len, reverse=True))


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    text = resources.files("tui.stories").joinpath("numbers.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return _Lexicon(
        units={str(k): int(v) for k, v in data["units"].items()},
        teen=str(data["teen"]),
        small={str(k): int(v) for k, v in data["small_multipliers"].items()},
        large={str(k): int(v) for k, v in data["large_multipliers"].items()},
        at_least=_phrases(data.get("at_least")),
        at_most=_phrases(data.get("at_most")),
        about=_phrases(data.get("about")),
        classifiers=frozenset(map(str, data.get("classifiers") or ())),
        not_nouns=frozenset(map(str, data.get("not_nouns") or ())),
        currency_before={str(k): str(v) for k, v in (data.get("currency_before") or {}).items()},
        currency_after={str(k): str(v) for k, v in (data.get("currency_after") or {}).items()},
        not_compared=frozenset(map(str, data.get("not_compared") or ())),
        short_units=frozenset(map(str, data.get("short_units") or ())),
        stop_words_counted=frozenset(map(str, data.get("stop_words_counted") or ())),
    )


def parse_digits(text: str) -> float | None:
    """`1.500.000` -> 1500000, `1,5` -> 1.5, `100` -> 100 (Indonesian: dot groups thousands,
    comma marks decimals). None when it is not a number."""
    if _THOUSANDS.fullmatch(text):
        text = text.replace(".", "")
    elif "." in text and "," not in text:
        pass  # `2.5`: a decimal point written the English way
    text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


def parse_number_words(words: list[str]) -> float | None:
    """`dua puluh lima ribu tiga ratus` -> 25300. Words must be lower case; None if any word
    is not a number word or the words do not make a number."""
    lex = _lexicon()
    total = 0  # closed groups (thousands, millions, ...)
    group = 0  # hundreds and tens of the open group
    current = 0  # the unit just read, waiting for `belas`, `puluh` or `ratus`
    for word in words:
        if word in lex.units:
            value = lex.units[word]
            if value >= 1000:  # `seribu`, `sejuta`
                total += value
            elif value >= 100:  # `seratus`
                group += value
            else:
                current += value
        elif word == lex.teen:
            if not 1 <= current <= 9:
                return None
            current += 10
        elif word in lex.small:
            group += (current or 1) * lex.small[word]
            current = 0
        elif word in lex.large:
            total += ((group + current) or 1) * lex.large[word]
            group = current = 0
        else:
            return None
    return float(total + group + current) if words else None


def format_number(value: float) -> str:
    """`1500000` -> `1.500.000`, `1.5` -> `1,5` (Indonesian separators)."""
    if value == int(value):
        return f"{int(value):,}".replace(",", ".")
    whole, frac = f"{value:.2f}".rstrip("0").split(".")
    return f"{int(whole):,}".replace(",", ".") + "," + frac


def format_amount(value: float) -> str:
    """Money the way news writes it: `5 miliar`, `1,5 triliun`, `750.000`."""
    for word, size in (("triliun", 10**12), ("miliar", 10**9), ("juta", 10**6)):
        if value >= size:
            return f"{format_number(round(value / size, 2))} {word}"
    return format_number(value)


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    low: str
    start: int
    end: int


def _tokens(body: str) -> list[_Token]:
    return [_Token(m.group(), m.group().casefold(), m.start(), m.end()) for m in _TOKEN.finditer(body)]


def _phrase_before(tokens: list[_Token], i: int, phrases: tuple[tuple[str, ...], ...]) -> int:
    """How many tokens before index i form one of `phrases` (0 if none)."""
    for phrase in phrases:
        n = len(phrase)
        if i - n >= 0 and tuple(t.low for t in tokens[i - n : i]) == phrase:
            return n
    return 0


def _read_number(body: str, tokens: list[_Token], i: int) -> tuple[float, int] | None:
    """The number starting at token i and the index after it, or None."""
    lex = _lexicon()
    tok = tokens[i]
    if tok.text[0].isdigit():
        # Parts of dates and times (`17/5/2025`, `10:30`) are not counts.
        before = body[tok.start - 1] if tok.start else ""
        after = body[tok.end] if tok.end < len(body) else ""
        if before in "/:-" and before or after in "/:" and after:
            return None
        value = parse_digits(tok.text)
        if value is None:
            return None
        j = i + 1
        if j < len(tokens) and tokens[j].low in lex.large:
            value *= lex.large[tokens[j].low]
            j += 1
        return value, j
    j = i
    while j < len(tokens) and lex.is_number_word(tokens[j].low) and j - i < 8:
        j += 1
    # A lone `se-` word or multiplier is a number only with a noun after it; checked by the caller.
    value = parse_number_words([t.low for t in tokens[i:j]]) if j > i else None
    return (value, j) if value is not None else None


def _is_idiom_or_name(tokens: list[_Token], i: int, j: int) -> bool:
    """`salah satu narasumber` (one of the speakers) counts nothing; `Satu Data` is a name."""
    if i and tokens[i - 1].low == "salah":
        return True
    spelled = not tokens[i].text[0].isdigit()
    return spelled and tokens[i].text[0].isupper() and tokens[j - 1].text[0].isupper()


def find_quantities(body: str) -> list[Quantity]:
    """Every count or amount in `body` with the noun it counts, in text order. Never raises."""
    lex = _lexicon()
    tokens = _tokens(body)
    found: list[Quantity] = []
    i = 0
    while i < len(tokens):
        read = _read_number(body, tokens, i)
        if read is None:
            i += 1
            continue
        value, j = read
        first = i
        bound = EXACT
        currency = lex.currency_before.get(tokens[i - 1].low) if i else None
        if currency:
            first = i - 1
        for kind, phrases in ((AT_LEAST, lex.at_least), (AT_MOST, lex.at_most), (ABOUT, lex.about)):
            n = _phrase_before(tokens, first, phrases)
            if n:
                bound, first = kind, first - n
                break
        if j < len(tokens) and tokens[j].low == "lebih" and not currency:
            bound, j = AT_LEAST, j + 1  # `100 lebih peserta`
        noun = currency
        if j < len(tokens) and tokens[j].low in lex.currency_after:
            noun, j = lex.currency_after[tokens[j].low], j + 1
        if noun is None:
            if j < len(tokens) and tokens[j].low in lex.classifiers and j + 1 < len(tokens):
                j += 1
            if j < len(tokens):
                word = tokens[j].low
                gap = body[tokens[j - 1].end : tokens[j].start]
                if lex.can_be_noun(word) and gap.strip() == "":
                    noun, j = word, j + 1
        looks_like_year = tokens[i].text.isdigit() and int(value) in _YEARS and not currency
        if noun and not looks_like_year and not _is_idiom_or_name(tokens, i, j):
            start, end = tokens[first].start, tokens[j - 1].end
            found.append(Quantity(value, noun, bound, body[start:end], start, end))
        i = max(j, i + 1)
    return found
