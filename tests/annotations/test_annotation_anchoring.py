"""Finding annotations again after the article text changed."""

from __future__ import annotations

import random

from annotation_samples import BODY, span_of
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.annotations.anchoring import AnchorStatus, _context_score, _exact_search, anchor, find_text
from tui.annotations.model import Target

QUOTE = '"Kenaikan ini terjadi karena pasokan dari petani berkurang akibat hujan,"'


def _target(text: str = QUOTE, body: str = BODY) -> Target:
    return Target.from_span(body, *span_of(body, text))


def test_unchanged_text_anchors_exact_at_the_same_place() -> None:
    result = anchor(_target(), BODY)
    assert result.status is AnchorStatus.EXACT
    assert (result.start, result.end) == span_of(BODY, QUOTE)


def test_inserted_paragraph_before_the_passage_anchors_moved() -> None:
    edited = BODY.replace("\n", "\nBaca juga: paragraf sisipan yang baru ditambahkan.\n", 1)
    result = anchor(_target(), edited)
    assert result.status is AnchorStatus.MOVED
    assert edited[result.start : result.end] == QUOTE


def test_typo_fixed_inside_the_passage_anchors_fuzzy_on_the_fixed_text() -> None:
    with_typo = BODY.replace("pasokan dari petani", "pasokan dri petani")
    target = _target(QUOTE.replace("dari", "dri"), with_typo)
    result = anchor(target, BODY)
    assert result.status is AnchorStatus.FUZZY
    assert BODY[result.start : result.end] == QUOTE
    assert result.errors == 1


def test_deleted_passage_is_an_orphan() -> None:
    edited = BODY.replace(QUOTE, "")
    result = anchor(_target(), edited)
    assert result.status is AnchorStatus.ORPHAN
    assert result.start is None and not result.found


def test_repeated_text_is_placed_by_its_context() -> None:
    body = "Kata kunci: cabai rawit naik. Tidak relevan di sini.\nPedagang bilang: cabai rawit naik. Akhir."
    second = body.rindex("cabai rawit naik")
    target = Target.from_span(body, second, second + len("cabai rawit naik"))
    shifted = "Pembuka baru yang panjang.\n" + body
    result = anchor(target, shifted)
    assert result.status is AnchorStatus.MOVED
    assert result.start == second + len("Pembuka baru yang panjang.\n")


def test_short_passage_that_changed_is_an_orphan_rather_than_a_guess() -> None:
    body = "Harga naik lagi."
    target = Target.from_span(body, 6, 10)  # "naik"
    assert anchor(target, "Harga turun lagi.").status is AnchorStatus.ORPHAN


def test_fuzzy_match_is_found_in_a_20000_word_article_far_from_its_old_place() -> None:
    rng = random.Random(7)
    words = [
        "".join(rng.choice("abcdefghijklmnoprstu") for _ in range(rng.randint(2, 9))) for _ in range(20_000)
    ]
    body = " ".join(words)
    start = len(body) // 2
    target = Target.from_span(body, start, start + 150)
    passage = body[start : start + 150]
    damaged = passage[:40] + "XY" + passage[42:100] + passage[103:]
    edited = "paragraf baru " * 300 + body[:start] + damaged + body[start + 150 :]
    result = anchor(target, edited)
    assert result.status is AnchorStatus.FUZZY
    assert edited[result.start : result.end] == damaged
    assert result.errors == 5


def test_find_text_accepts_other_white_space_and_quote_marks() -> None:
    body = "Ia berkata, “Kami siap\nmembantu warga,” ujarnya."
    spans = find_text(body, '"Kami siap membantu warga,"')
    assert [body[s:e] for s, e in spans] == ["“Kami siap\nmembantu warga,”"]


def test_find_text_lists_every_occurrence_in_order() -> None:
    assert find_text("a cabai b cabai", "cabai") == [(2, 7), (10, 15)]


def test_find_text_falls_back_to_ignoring_case() -> None:
    assert find_text("Operasi Pasar digelar", "operasi pasar") == [(0, 13)]


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=200), st.data())
def test_any_span_of_unchanged_text_anchors_exact(body: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(body) - 1))
    end = data.draw(st.integers(start + 1, len(body)))
    result = anchor(Target.from_span(body, start, end), body)
    assert result.status is AnchorStatus.EXACT and (result.start, result.end) == (start, end)


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=2, max_size=200), st.text(max_size=200), st.data())
def test_anchor_on_any_edit_is_either_orphan_or_a_valid_span(
    body: str, other: str, data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(body) - 1))
    end = data.draw(st.integers(start + 1, len(body)))
    result = anchor(Target.from_span(body, start, end), other)
    if result.found:
        assert result.start is not None and result.end is not None
        assert 0 <= result.start < result.end <= len(other)
        if result.status is AnchorStatus.MOVED:
            assert other[result.start : result.end] == body[start:end]


def _moved_by_scoring_every_occurrence(target: Target, body: str) -> int | None:
    """The exact search as first written: score every occurrence, best context then nearest."""
    exact, hits = target.quote.exact, []
    at = body.find(exact)
    while at >= 0:
        hits.append(at)
        at = body.find(exact, at + 1)
    if not hits:
        return None
    return max(
        hits, key=lambda h: (_context_score(target, body, h, h + len(exact)), -abs(h - target.position.start))
    )


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab c", min_size=2, max_size=60), st.text(alphabet="ab c", max_size=60), st.data())
def test_exact_search_shortcut_places_like_scoring_every_occurrence(
    body: str, edited: str, data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(body) - 1))
    end = data.draw(st.integers(start + 1, min(len(body), start + 6)))
    target = Target.from_span(body, start, end)
    assert _exact_search(target, edited) == _moved_by_scoring_every_occurrence(target, edited)


def _context_score_char_by_char(target: Target, body: str, start: int, end: int) -> int:
    prefix, suffix, score = target.quote.prefix, target.quote.suffix, 0
    for a, b in zip(reversed(prefix), reversed(body[max(0, start - len(prefix)) : start]), strict=False):
        if a != b:
            break
        score += 1
    for a, b in zip(suffix, body[end : end + len(suffix)], strict=False):
        if a != b:
            break
        score += 1
    return score


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="ab ", min_size=2, max_size=50),
    st.text(alphabet="ab ", min_size=1, max_size=50),
    st.data(),
)
def test_context_score_counts_matching_characters_on_each_side(
    body: str, other: str, data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(body) - 1))
    end = data.draw(st.integers(start + 1, len(body)))
    target = Target.from_span(body, start, end)
    at = data.draw(st.integers(0, len(other)))
    until = data.draw(st.integers(at, len(other)))
    assert _context_score(target, other, at, until) == _context_score_char_by_char(target, other, at, until)
