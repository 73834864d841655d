"""The fast scans after the mention pass find exactly what the plain, per-word or per-character
way of looking finds. Each test sets a scan against a straightforward reference written here."""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.extract import coref, dates, quotes, statements
from tui.extract.model import ORG, PERSON
from tui.extract.quote_marks import QUOTE_FAMILY, has_quote_marks, paragraph_spans, scan_quote_marks
from tui.extract.recognise import UNKNOWN, Found
from tui.extract.speech import speech_lexicon


def _pieces(*words: str) -> st.SearchStrategy[str]:
    """Texts glued from the given pieces: the words a scan cares about and what sits around them."""
    return st.lists(st.sampled_from(words), max_size=25).map("".join)


# --- statements: the speech verbs ----------------------------------------------------------


def _speech_verbs_word_by_word(body: str) -> list[tuple[int, int]]:
    """Every word opening with `me`/`be` looked up in the lexicon, as the scan did before."""
    verbs = speech_lexicon().affixed
    spans = [m.span() for m in re.finditer(r"\b(?:be|me)\w+\b", body) if m.group() in verbs]
    return [(s, e) for s, e in spans if body[s - 1 : s] != "-" and body[e : e + 1] != "-"]


_VERB_TEXT = _pieces(
    "mengatakan", "menegaskan", "berharap", "berkata", "me", "ber", "mengatakannya", "memang",
    "Mengatakan", "kan", "nya", "_", "-", " ", ", ", "x", "2", "é", "\n",
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(_VERB_TEXT)
def test_speech_verb_scan_finds_the_words_a_word_by_word_lookup_finds(body: str) -> None:
    assert [m.span() for m in statements._speech_verbs(body)] == _speech_verbs_word_by_word(body)


def test_speech_verb_scan_skips_a_verb_inside_a_longer_word_or_split_by_a_hyphen() -> None:
    body = "Ia mengatakanx, lalu me-ngatakan dan xmengatakan; mengatakan_2; Budi menegaskan bahwa"
    assert [m.group() for m in statements._speech_verbs(body)] == ["menegaskan"]


@settings(max_examples=300, deadline=None)
@given(
    st.sets(st.text(alphabet="abcde", max_size=5), min_size=1, max_size=8),
    st.text(alphabet="abcde", max_size=6),
)
def test_trie_pattern_matches_exactly_its_words(words: set[str], probe: str) -> None:
    pattern = re.compile(statements._trie(words))
    assert all(pattern.fullmatch(w) for w in words)
    assert (pattern.fullmatch(probe) is not None) == (probe in words)


# --- dates: the runs of digits worth trying ------------------------------------------------


_DATE_TEXT = _pieces(
    "15", "7", "2025", "17/5/2025", "17.05.2025", "2025-05-17", "15-17", "(", "( ", ")", "/", ".",
    "-", "\u2013", " ", "  ", ",", "\n", "Mei", "Mei 2025", "Desember", "Okt.", "May", "Sept.",
    "March", "hingga", "s.d.", "s/d", "sampai dengan", "to", "th", "Sabtu", "Kamis malam", "x", "A",
    "ke", "a.",
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(_DATE_TEXT)
def test_date_scan_finds_what_trying_every_digit_run_finds(body: str) -> None:
    filtered = [d.to_dict() for d in dates.find_dates(body)]
    with pytest.MonkeyPatch.context() as mp:  # find_dates trying the forms at every run, as before
        calendar = dataclasses.replace(dates._calendar(), date_digits=re.compile(r"[0-9]+"))
        mp.setattr(dates, "_calendar", lambda: calendar)
        every_run = [d.to_dict() for d in dates.find_dates(body)]
    assert filtered == every_run


def test_date_scan_skips_plain_numbers_but_keeps_every_date_form() -> None:
    body = "Sebanyak 15 orang, 2.500 warga dan 1.000 rumah; Sabtu (17/5/2025), 15 Mei dan May 3, 2024."
    runs = [m.group() for m in dates._calendar().date_digits.finditer(body)]
    assert runs == ["17", "15", "3"]
    assert [d.text for d in dates.find_dates(body)] == ["Sabtu (17/5/2025)", "15 Mei", "May 3, 2024"]


# --- quotes: the clause before a name, paragraphs, quote marks ------------------------------


def _clause_start_by_walking(body: str, lo: int, start: int) -> int:
    """Back from `start` one character at a time to a clause mark, as _mention_role did."""
    k = start - 1
    while (
        k >= lo and body[k] not in ",;:!?" and not (body[k] == "." and k + 1 < start and body[k + 1] == " ")
    ):
        if body[k] in QUOTE_FAMILY:
            break
        k -= 1
    return k + 1


@settings(max_examples=400, deadline=None)
@given(_pieces("Wahyu", " ", ",", ".", ". ", ";", ":", "!", "?", '"', "'", "\u201c", "\n", "kata"), st.data())
def test_clause_start_is_where_walking_back_to_a_clause_mark_stops(body: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(body)))
    lo = data.draw(st.integers(0, start))
    assert quotes._clause_start(body, lo, start) == _clause_start_by_walking(body, lo, start)


def _paragraphs_line_by_line(body: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in body.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


@settings(max_examples=300, deadline=None)
@given(_pieces("a", " ", "\n", "\t", "\r", "\u00a0", "\u3000", "kata"))
def test_paragraph_spans_are_the_lines_that_are_not_blank(body: str) -> None:
    assert paragraph_spans(body) == _paragraphs_line_by_line(body)


@settings(max_examples=300, deadline=None)
@given(_pieces("a", " ", "\n", '"', "'", "\u201c", "\u201d", "\u00ab", "Jum'at", "kata"))
def test_a_text_without_quote_marks_has_no_quoted_stretch(body: str) -> None:
    if not has_quote_marks(body):
        assert scan_quote_marks(body, paragraph_spans(body)) == []
    assert has_quote_marks(body) == any(ch in QUOTE_FAMILY for ch in body)


def test_attribution_tokens_carry_each_word_and_its_offsets() -> None:
    body = '," kata Kepala Dinas Budi Santoso-Putra, Senin.'
    tokens = quotes._tokens(body, 3, len(body), 4)
    assert [(t.text, t.start, t.end) for t in tokens] == [
        ("kata", 3, 7),
        ("Kepala", 8, 14),
        ("Dinas", 15, 20),
        ("Budi", 21, 25),
    ]


# --- coref: name keys and list joins -------------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from("aAßİıΣσςǅ \t\u00a0\u2003Ééﬁ-."), max_size=16))
def test_folded_name_key_is_the_name_key(name: str) -> None:
    words, key = coref._folded_name(name)
    assert key == coref._key(name)
    assert words == tuple(w.casefold() for w in name.split())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from("abc"), max_size=4), st.lists(st.sampled_from("abc"), max_size=6))
def test_subsequence_test_keeps_the_order_of_the_words(short: list[str], long: list[str]) -> None:
    def by_scanning(short: list[str], long: list[str]) -> bool:
        i = 0
        for w in long:
            if i < len(short) and short[i] == w:
                i += 1
        return i == len(short)

    assert coref._is_subsequence(tuple(short), tuple(long)) == by_scanning(short, long)


@settings(max_examples=300, deadline=None)
@given(_pieces(",", " ", "dan ", "serta ", "atau ", "dan", "  "))
def test_no_list_join_is_longer_than_the_gap_the_list_finder_looks_at(gap: str) -> None:
    if coref._LIST_JOIN.fullmatch(gap):
        assert len(gap) <= coref._LONGEST_LIST_JOIN


_FOUND = st.builds(
    lambda start, length, type_: Found(type_, start, start + length, f"N{start}"),
    st.integers(0, 20),
    st.integers(0, 5),
    st.sampled_from([PERSON, UNKNOWN, ORG]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_FOUND, max_size=12))
def test_text_order_sorts_by_start_then_longer_first_keeping_ties_in_place(found: list[Found]) -> None:
    assert coref._text_order(found) == sorted(found, key=lambda f: (f.start, -f.end))
    assert [id(f) for f in coref._text_order(found)] == [
        id(f) for f in sorted(found, key=lambda f: (f.start, -f.end))
    ]
