"""Pairing quote marks into quoted stretches, before any question of speech or speaker."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.extract.quote_marks import paragraph_spans, scan_quote_marks


def stretches(body: str) -> list[list[str]]:
    return [[body[a:b] for a, b in s.pieces] for s in scan_quote_marks(body, paragraph_spans(body))]


def test_curly_pair_gives_the_words_between_the_marks() -> None:
    assert stretches("Ia berkata “kami siap” lalu pergi.") == [["kami siap"]]


def test_apostrophe_inside_a_word_opens_nothing() -> None:
    assert stretches("Pada hari Jum'at dan Jum’at ada 'acara besar' di sana.") == [["acara besar"]]


def test_closing_mark_of_another_kind_does_not_close_the_quote() -> None:
    assert stretches("“Dia bilang ‘tidak’ kepada saya,” katanya.") == [["Dia bilang ‘tidak’ kepada saya,"]]


def test_unclosed_quote_continues_in_a_paragraph_opening_with_a_mark() -> None:
    body = "“Bagian pertama.\n“Bagian kedua,” katanya."
    assert stretches(body) == [["Bagian pertama.", "Bagian kedua,"]]


def test_unclosed_quote_before_a_plain_paragraph_ends_with_its_paragraph() -> None:
    body = "“Bagian yang terpotong\nParagraf biasa."
    [only] = scan_quote_marks(body, paragraph_spans(body))
    assert only.close_mark is None
    assert body[only.start : only.end] == "Bagian yang terpotong"


def test_blank_lines_are_not_paragraphs() -> None:
    assert paragraph_spans("a\n\n  \nb") == [(0, 1), (6, 7)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("ab .,\n\"'“”‘’«»")), max_size=120).map("".join))
def test_stretches_lie_inside_the_text_in_order(body: str) -> None:
    last_end = -1
    for s in scan_quote_marks(body, paragraph_spans(body)):
        assert s.pieces
        for a, b in s.pieces:
            assert 0 <= a < b <= len(body)
            assert a >= last_end
            last_end = b
