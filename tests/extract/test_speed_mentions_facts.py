"""The shortcuts that keep the mention pass fast must answer exactly as the rules they stand for:
the per-word facts table, the line and headline lookups by token index, and the tokenizer's
possessive pattern."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.extract import recognise, tokens
from tui.extract.lexicon import load_lexicon
from tui.extract.orgs import is_known_org_acronym, org_prefix_first_words
from tui.extract.people import (
    is_affixed_verb,
    is_function_word,
    is_honorific,
    is_title_cue,
    looks_derived,
    looks_like_verb,
    role_first_words,
)
from tui.extract.places import lookup_place
from tui.extract.recognise import find_mentions
from tui.extract.tokens import is_acronym, is_initials, tokenize
from tui.extract.vocabulary import is_dictionary_word

# Words that set many bits: lexicon entries, affixed forms, acronyms, places, odd shapes.
_SAMPLE_WORDS = [
    "Namun",
    "Senin",
    "Presiden",
    "Wali",
    "Badan",
    "Kementerian",
    "kementerian",
    "pemerintah",
    "Jakarta",
    "Indonesia",
    "Jalan",
    "Kabupaten",
    "KPK",
    "DPR",
    "SMAN",
    "H.M.",
    "B.",
    "XIV",
    "II",
    "Pembangunan",
    "Keduanya",
    "Berkelas",
    "Dikatakan",
    "memutuskan",
    "dilantik",
    "Jokowi-JK",
    "al-Assad",
    "BigDish",
    "Instagram",
    "Tbk",
    "Award",
    "Utara",
    "Budi",
    "",
    "x",
    "-",
]
_words = st.one_of(
    st.sampled_from(_SAMPLE_WORDS),
    st.sampled_from(sorted(load_lexicon("roles") | load_lexicon("function_words"))),
    st.text(alphabet="aeiouAEIOUbdgkKmnrstBDMNPS-.'", min_size=1, max_size=14),
)


def _bit(bits: int, flag: int) -> bool:
    return bool(bits & flag)


@settings(max_examples=400, deadline=None)
@given(_words)
def test_word_facts_answer_as_the_predicates_they_stand_for(word: str) -> None:
    bits = recognise._facts_of(word)
    r = recognise
    assert _bit(bits, r._F_CAP) == word[:1].isupper()
    assert _bit(bits, r._F_FUNCTION) == is_function_word(word)
    assert _bit(bits, r._F_TITLE_CUE) == is_title_cue(word)
    assert _bit(bits, r._F_HONORIFIC) == is_honorific(word)
    assert _bit(bits, r._F_ROLE_FIRST) == (word in role_first_words())
    assert _bit(bits, r._F_ORG_PREFIX_FIRST) == (word in org_prefix_first_words())
    assert _bit(bits, r._F_INITIALS) == is_initials(word)
    assert _bit(bits, r._F_ACRONYM) == is_acronym(word)
    assert _bit(bits, r._F_KNOWN_ORG) == is_known_org_acronym(word)
    assert _bit(bits, r._F_LOOKS_LIKE_VERB) == looks_like_verb(word)
    assert _bit(bits, r._F_AFFIXED_VERB) == is_affixed_verb(word)
    assert _bit(bits, r._F_DERIVED) == looks_derived(word)
    assert _bit(bits, r._F_DICTIONARY) == is_dictionary_word(word)
    assert _bit(bits, r._F_MAJOR_PLACE) == (lookup_place([word], allow_minor=False) is not None)
    assert _bit(bits, r._F_ROMAN) == (r._ROMAN_NUMERAL.fullmatch(word) is not None)
    assert _bit(bits, r._F_PAIR) == r._is_pair(word)
    assert _bit(bits, r._F_HYPHEN) == ("-" in word)
    kind = r._name_word_kind(word)
    assert _bit(bits, r._F_NAME_WORD) == (kind == r._NAME_WORD)
    assert _bit(bits, r._F_ENDS_A_NAME) == (kind == r._ENDS_A_NAME)


def test_word_facts_table_answers_from_its_cache_and_computes_a_new_word_once() -> None:
    table = recognise._WordFacts()
    assert table["Presiden"] == recognise._facts_of("Presiden")
    assert list(table) == ["Presiden"]
    assert table["Presiden"] & recognise._F_ROLE_FIRST


def test_word_facts_table_starts_afresh_when_full(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(recognise, "_MAX_FACTS", 3)
    table = recognise._WordFacts()
    for word in ("Satu", "Dua", "Tiga", "Empat"):
        table[word]
    assert list(table) == ["Empat"]


_bodies = st.lists(
    st.sampled_from(["Budi", "kata", "Jakarta", ".", ",", "(", ")", "\n", "\n\n", " ", "  ", "Wali Kota"]),
    max_size=40,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(_bodies)
def test_line_openers_are_the_tokens_after_a_line_break(body: str) -> None:
    tokens = tokenize(body)
    openers = recognise._line_openers(body, tokens.starts)
    for j in range(1, len(tokens)):
        gap = body[tokens.ends[j - 1] : tokens.starts[j]]
        assert (j in openers) == ("\n" in gap)


_headline_bodies = st.lists(
    st.sampled_from(
        [
            "Todung: Persekusi Hanya Terjadi di Negara Gagal",
            "Budi datang ke Jakarta kemarin.",
            "Wali Kota Malang Menerima Tamu Dari Jepang",
            "",
            "kata dia",
        ]
    ),
    max_size=6,
).map("\n".join)


@settings(max_examples=200, deadline=None)
@given(_headline_bodies)
def test_title_line_tokens_are_the_tokens_inside_a_title_case_line(body: str) -> None:
    scanner = recognise._Scanner(body)
    line_starts, line_ends = recognise._title_line_spans(body)
    expected = set()
    for i, start in enumerate(scanner.starts):
        k = bisect_right(line_starts, start) - 1
        if k >= 0 and start < line_ends[k]:
            expected.add(i)
    assert scanner._title_line_tokens() == expected


# The tokenizer as it was: an abbreviation alternative tried at every word, with backtracking.
_BACKTRACKING_TOKEN = re.compile(r"((?:[A-Za-z]{1,4}\.){2,}|\w+(?:[-'’]\w+)*|\S)")


def _reference_tokens(body: str) -> tuple[list[str], list[int], list[int]]:
    pieces = _BACKTRACKING_TOKEN.split(body)
    offsets = list(accumulate(map(len, pieces), initial=0))
    texts, starts, ends = pieces[1::2], offsets[1:-1:2], offsets[2::2]
    joins = tokens._abbreviation_dots(texts, starts, ends)
    if joins:
        texts, starts, ends = tokens._join_dots(texts, starts, ends, joins)
    return texts, starts, ends


_dotted_text = st.lists(
    st.sampled_from(
        ["S", "H", "M", "Si", "Ph", "D", "abcd", "abcde", "Jl", "Pj", "é", "1", "_", "-", "'", "’"]
        + [".", ".", ".", " ", "\n", "(", "S.H.", "U.S.", "M.Si.", "Ph.D"]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=600, deadline=None)
@given(st.one_of(_dotted_text, st.text(alphabet="abSH.-'’ é1_\n", max_size=40)))
def test_dotted_abbreviations_are_rebuilt_as_the_backtracking_pattern_read_them(body: str) -> None:
    found = tokenize(body)
    assert (found.texts, found.starts, found.ends) == _reference_tokens(body)


def test_degree_after_a_name_is_one_token() -> None:
    assert tokenize("Budi, S.H., M.Si. datang").texts == ["Budi", ",", "S.H.", ",", "M.Si.", "datang"]


def test_name_at_the_very_end_of_the_body_is_read_without_looking_past_it() -> None:
    body = "Hal itu disampaikan kepada wartawan oleh Budi Santoso"
    found = find_mentions(body)
    assert [(f.name, f.end) for f in found] == [("Budi Santoso", len(body))]


def test_written_lower_answers_alike_by_scan_and_by_set() -> None:
    scanner = recognise._Scanner("Angel datang. Kata angel kecil itu, Budi pergi. Pasar naik.")
    asked = ["Angel", "Budi", "Pasar", "Kata", "Angel", "Budi", "Pasar"]
    answers = [scanner._written_lower(w) for w in asked]  # the last ones come from the set
    assert scanner.lower_words is not None
    assert answers == [True, False, False, False, True, False, False]


def test_lower_case_body_heads_are_read_among_the_capitalised_starts() -> None:
    found = find_mentions("Hal itu disampaikan kementerian luar negeri Mesir kemarin.")
    assert [(f.type, f.name) for f in found] == [("ORG", "Kementerian Luar Negeri Mesir")]
