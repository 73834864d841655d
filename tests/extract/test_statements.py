"""Reported (indirect) speech: speaker, cue and the clause said, never inside a direct quote."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.extract.test_quotes import person
from tui.extract import extract
from tui.extract.model import Extraction, Statement
from tui.extract.statements import find_statements


def said(body: str) -> list[tuple[str, str, str]]:
    return [(s.speaker, s.cue, s.text) for s in extract(body).statements]


def test_speech_verb_after_a_named_person_gives_the_clause_after_bahwa() -> None:
    body = "Wali Kota Malang Wahyu Hidayat menegaskan bahwa pelatihan ini bukan sekadar seremonial."
    assert said(body) == [("Wahyu Hidayat", "menegaskan", "pelatihan ini bukan sekadar seremonial")]


def test_pronoun_subject_is_the_person_the_text_is_about() -> None:
    body = (
        "Wali Kota Malang Wahyu Hidayat membuka pelatihan itu.\n\n"
        "Ia berharap ASN mampu keluar dari zona nyaman."
    )
    assert said(body) == [("Wahyu Hidayat", "berharap", "ASN mampu keluar dari zona nyaman")]


def test_pronoun_skips_a_person_named_only_as_an_object() -> None:
    body = (
        "Sutradara Budi Santoso hampir mencelakai aktris Rina Kartika di lokasi syuting. "
        "Ia mengaku bersalah karena memaksa adegan itu dilakukan tanpa pengaman."
    )
    [(speaker, _cue, _text)] = said(body)
    assert speaker == "Budi Santoso"


def test_filler_words_between_speaker_and_verb_are_allowed() -> None:
    body = "Kepala Dinas Kesehatan Rina Kartika juga menjelaskan, vaksinasi akan dimulai pekan depan."
    assert said(body) == [("Rina Kartika", "menjelaskan", "vaksinasi akan dimulai pekan depan")]


def test_menurut_opens_a_statement() -> None:
    body = "Kepala BKN Zudan Arif hadir.\nMenurut Zudan, pertemuan langsung menjadi kunci percepatan program."
    assert said(body) == [("Zudan Arif", "Menurut", "pertemuan langsung menjadi kunci percepatan program")]


def test_menurut_inside_a_sentence_gives_the_whole_sentence() -> None:
    body = "Kepala BKN Zudan Arif hadir.\nPertemuan itu, menurut Zudan, menjadi kunci percepatan program."
    [(speaker, cue, text)] = said(body)
    assert (speaker, cue) == ("Zudan Arif", "menurut")
    assert text == "Pertemuan itu, menurut Zudan, menjadi kunci percepatan program"


def test_clause_before_kata_and_a_person_is_a_statement() -> None:
    body = "Kepala BKN Zudan Arif hadir.\nSeleksi tahap kedua akan dibuka bulan depan, kata Zudan."
    assert said(body) == [("Zudan Arif", "kata", "Seleksi tahap kedua akan dibuka bulan depan")]


def test_speech_verb_that_opens_a_direct_quote_is_not_a_statement() -> None:
    body = 'Wali Kota Malang Wahyu Hidayat mengatakan, "Pelayanan harus cepat, tepat dan ramah bagi warga."'
    extraction = extract(body)
    assert len(extraction.quotes) == 1
    assert extraction.statements == ()


def test_speech_verb_inside_a_direct_quote_is_not_a_statement() -> None:
    body = '"Saya mengatakan bahwa semua warga harus ikut vaksinasi," ujar Wali Kota Malang Wahyu Hidayat.'
    assert extract(body).statements == ()


def test_an_institution_as_subject_gives_no_statement() -> None:
    body = "Pemerintah Kota Malang mengatakan bahwa pelatihan akan digelar tiga hari."
    assert said(body) == []


def test_a_clause_too_short_to_say_anything_is_left_out() -> None:
    assert said("Wali Kota Malang Wahyu Hidayat mengatakan demikian.") == []


def test_statements_round_trip_through_the_json_contract() -> None:
    body = "Wali Kota Malang Wahyu Hidayat menegaskan bahwa pelatihan ini bukan sekadar seremonial."
    extraction = extract(body)
    assert Extraction.from_dict(extraction.to_dict()) == extraction
    assert extraction.to_dict()["statements"][0]["speaker"] == "Wahyu Hidayat"


def test_extraction_json_without_statements_reads_as_none() -> None:
    assert Extraction.from_dict({"entities": [], "quotes": [], "dates": []}).statements == ()


_WORDS = [
    "Wahyu",
    "ia",
    "Dia",
    "mengatakan",
    "bahwa",
    ",",
    ".",
    '"',
    "“",
    "”",
    "Menurut",
    "kata",
    "\n",
    "warga",
    "akan",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=60).map(" ".join))
def test_any_text_gives_statements_whose_offsets_slice_to_their_text(body: str) -> None:
    wahyu = person(body, "Wahyu")
    found = find_statements(body, [wahyu] if wahyu.mentions else [], [])
    for s in found:
        assert isinstance(s, Statement)
        assert body[s.start : s.end] == s.text
        assert body[s.cue_start : s.cue_end] == s.cue


def test_a_comma_closing_the_apposition_before_the_verb_is_allowed() -> None:
    body = (
        "Salah satu narasumber, Kepala BKN Zudan Arif, menyampaikan bahwa pertemuan langsung "
        "menjadi kunci percepatan program."
    )
    assert said(body) == [
        ("Zudan Arif", "menyampaikan", "pertemuan langsung menjadi kunci percepatan program")
    ]


def test_the_person_spoken_to_is_not_part_of_what_was_said() -> None:
    told_with_bahwa = (
        "Wali Kota Malang Wahyu Hidayat mengatakan kepada wartawan bahwa jalan itu segera diperbaiki."
    )
    told_with_comma = "Wali Kota Malang Wahyu Hidayat menjelaskan kepada Antara, jalan itu segera diperbaiki."
    assert said(told_with_bahwa)[0][2] == "jalan itu segera diperbaiki"
    assert said(told_with_comma)[0][2] == "jalan itu segera diperbaiki"
