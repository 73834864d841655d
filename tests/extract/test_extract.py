"""The `extract()` orchestrator: entities, dates and quotes together, offsets, ids, robustness."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.extract import EXTRACTOR_VERSION, extract
from tui.extract.model import DATE, ORG, PERSON, PLACE, Extraction, entity_id
from tui.extract.recognise import find_mentions
from tui.extract.tokens import tokenize

ARTICLE = (
    "Wali Kota Madiun, Maidi, membuka pameran UMKM pada Sabtu (17/5/2025). Pameran yang digelar "
    "Pemerintah Kota (Pemkot) Madiun itu berlangsung 15 hingga 17 Mei 2025 di kawasan Pahlawan.\n"
    "“Kami ingin pelaku usaha naik kelas,” kata Maidi.\n"
    "Kepala Badan Pusat Statistik (BPS) Kota Madiun Dwi Saptono menambahkan, data BPS menunjukkan "
    "kenaikan omzet. “Tren ini bagus,” ujar Dwi."
)


def test_every_mention_slices_the_body_to_its_text() -> None:
    x = extract(ARTICLE)
    for e in x.entities:
        for m in e.mentions:
            assert ARTICLE[m.start : m.end] == m.text


def test_entities_are_sorted_by_first_mention() -> None:
    starts = [e.mentions[0].start for e in extract(ARTICLE).entities if e.mentions]
    assert starts == sorted(starts)


def test_article_gives_people_orgs_and_places_with_canonical_names() -> None:
    x = extract(ARTICLE)
    by_type = {t: [e.name for e in x.entities if e.type == t] for t in (PERSON, ORG, PLACE)}
    assert by_type[PERSON] == ["Maidi", "Dwi Saptono"]
    assert by_type[ORG] == ["Pemerintah Kota Madiun", "Badan Pusat Statistik"]
    assert set(by_type[PLACE]) == {"Madiun", "Pahlawan"}


def test_ids_come_from_type_and_canonical_name() -> None:
    for e in extract(ARTICLE).entities:
        assert e.id == entity_id(e.type, e.name)


def test_same_person_in_two_articles_gets_one_id() -> None:
    first = extract("Gubernur Bali Wayan Koster meninjau pelabuhan.")
    second = extract("Kunjungan itu, kata Wayan Koster, berjalan lancar.")
    ids = [{e.id for e in x.entities if e.type == PERSON} for x in (first, second)]
    assert ids[0] == ids[1] and len(ids[0]) == 1


def test_range_gives_a_date_entity_for_its_first_and_last_day() -> None:
    values = {e.value for e in extract(ARTICLE).entities if e.type == DATE}
    assert {"2025-05-15", "2025-05-17"} <= values


def test_quotes_get_the_speaker_entity_id() -> None:
    x = extract(ARTICLE)
    people = {e.name: e.id for e in x.entities if e.type == PERSON}
    speakers = [(q.speaker, q.speaker_id) for q in x.quotes]
    assert speakers == [("Maidi", people["Maidi"]), ("Dwi Saptono", people["Dwi Saptono"])]


def test_speaker_nobody_found_becomes_a_person_with_the_mention_near_the_cue(monkeypatch) -> None:
    import tui.extract as extract_module

    monkeypatch.setattr(extract_module, "find_mentions", lambda body: [])
    body = "“Air sudah surut,” kata Tono Sugiarto di posko."
    x = extract_module.extract(body)
    [person] = [e for e in x.entities if e.type == PERSON]
    assert person.name == x.quotes[0].speaker
    assert [(m.start, m.text) for m in person.mentions] == [(body.index(person.name), person.name)]
    assert x.quotes[0].speaker_id == person.id


def test_published_date_anchors_a_day_without_year() -> None:
    x = extract("Acara dibuka pada 3 Maret lalu.", published=date(2024, 3, 10))
    assert [e.value for e in x.entities if e.type == DATE] == ["2024-03-03"]


def test_empty_and_non_string_bodies_give_an_empty_extraction() -> None:
    assert extract("") == Extraction()
    assert extract(None) == Extraction()  # type: ignore[arg-type]


def test_extractor_version_is_a_positive_int() -> None:
    assert isinstance(EXTRACTOR_VERSION, int) and EXTRACTOR_VERSION >= 1


def test_tokens_slice_the_body() -> None:
    body = "Pj. Wali Kota, S.H., M.Si. di Jl. Ijen No. 5 (KPK) Susilo B. Yudhoyono."
    tokens = tokenize(body)
    assert [body[s:e] for s, e in zip(tokens.starts, tokens.ends, strict=True)] == tokens.texts
    assert {"Pj.", "S.H.", "M.Si.", "Jl.", "B."} <= set(tokens.texts)


# Pieces of Indonesian news that trigger every rule of the recogniser, to shuffle into soups.
_NEWSY = st.sampled_from(
    'Wali|Kota|Malang|Pemkot|(|)|BKN|,|.|“|”|"|kata|Wahyu|Hidayat|di|Batu|Pj.|Kepala|Badan|\n|S.H.|-|Jalan|ujarnya'.split(
        "|"
    )
)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_extract_never_raises_and_offsets_slice_on_any_text(body: str) -> None:
    x = extract(body)
    for e in x.entities:
        for m in e.mentions:
            assert body[m.start : m.end] == m.text


@settings(max_examples=200, deadline=None)
@given(st.lists(_NEWSY, max_size=60).map(" ".join))
def test_news_like_token_soup_never_raises_and_mentions_slice_without_overlap(body: str) -> None:
    for f in find_mentions(body):
        assert 0 <= f.start < f.end <= len(body)
    x = extract(body)
    for e in x.entities:
        assert e.mentions or e.type == PERSON  # only a quote's unknown speaker has no mention
        for m in e.mentions:
            assert body[m.start : m.end] == m.text
    spans = sorted((m.start, m.end) for e in x.entities if e.type != DATE for m in e.mentions)
    assert all(end <= start for (_, end), (start, _) in zip(spans, spans[1:], strict=False)), (
        "mentions overlap"
    )
