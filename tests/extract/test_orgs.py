"""Organisations: prefixes, acronyms and their long forms, on sentences in the style of Indonesian news."""

from __future__ import annotations

from tests.extract.entity_helpers import entities_of, entity_named, names_of
from tui.extract.model import ORG


def test_pemkot_short_form_gives_the_long_name_as_canonical() -> None:
    body = "Pemkot Kediri menggelar bazar. Pemerintah Kota Kediri juga membagikan bibit."
    org = entity_named(body, ORG, "Pemerintah Kota Kediri")
    assert "Pemkot Kediri" in org.aliases
    assert len(org.mentions) == 2


def test_inline_short_form_in_brackets_is_one_organisation() -> None:
    body = "Pemerintah Kabupaten (Pemkab) Gresik menyiapkan anggaran banjir."
    assert names_of(body, ORG) == ["Pemerintah Kabupaten Gresik"]


def test_pemprov_with_province_short_form_is_written_out() -> None:
    body = "Bantuan itu datang dari Pemprov Jateng pekan lalu."
    assert names_of(body, ORG) == ["Pemerintah Provinsi Jawa Tengah"]


def test_acronym_defined_after_long_form_becomes_an_alias_and_later_mentions_join() -> None:
    body = "Komisi Pemberantasan Korupsi (KPK) memeriksa saksi. Juru bicara KPK membenarkan hal itu."
    org = entity_named(body, ORG, "Komisi Pemberantasan Korupsi")
    assert "KPK" in org.aliases
    assert [m.text for m in org.mentions] == ["Komisi Pemberantasan Korupsi (KPK)", "KPK"]


def test_acronym_defined_before_long_form_gives_the_long_form_as_name() -> None:
    body = "BPBD (Badan Penanggulangan Bencana Daerah) mencatat 40 rumah rusak."
    org = entity_named(body, ORG, "Badan Penanggulangan Bencana Daerah")
    assert "BPBD" in org.aliases


def test_camel_case_spelling_of_a_defined_acronym_joins_it() -> None:
    body = "Latihan digelar di Akademi Kepolisian (AKPOL). Para taruna Akpol ikut upacara."
    org = entity_named(body, ORG, "Akademi Kepolisian")
    assert [m.text for m in org.mentions][-1] == "Akpol"


def test_class_of_people_defined_with_acronym_is_not_an_organisation() -> None:
    body = "Aparatur Sipil Negara (ASN) wajib disiplin. Setiap ASN diperiksa kehadirannya."
    assert names_of(body, ORG) == []


def test_plan_defined_with_acronym_is_not_an_organisation() -> None:
    body = "Program itu masuk RPJMD (Rencana Pembangunan Jangka Menengah Daerah) kota."
    assert names_of(body, ORG) == []


def test_generic_government_without_a_name_is_not_an_organisation() -> None:
    body = "Dana itu dialokasikan melalui Pemerintah Provinsi untuk perbaikan jalan."
    assert names_of(body, ORG) == []


def test_organisation_after_a_role_stops_before_the_person_name() -> None:
    body = "Ketua DPD Partai Gerindra Jatim Anwar Sadad menyerahkan rekomendasi."
    assert "Partai Gerindra Jatim" in [m.text for e in entities_of(body, ORG) for m in e.mentions]


def test_known_acronym_alone_is_an_organisation() -> None:
    body = "Anggota DPRD menolak usulan itu dalam rapat paripurna."
    assert names_of(body, ORG) == ["DPRD"]


def test_company_suffix_makes_a_name_an_organisation() -> None:
    body = "Kontrak itu diteken bersama Sinar Rembulan Holdings pekan lalu."
    assert names_of(body, ORG) == ["Sinar Rembulan Holdings"]
    assert names_of(body, "PERSON") == []


def test_news_outlet_named_alone_is_an_organisation() -> None:
    body = "Hal itu dikatakannya kepada Kompas di Jakarta."
    assert names_of(body, ORG) == ["Kompas"]


def test_words_of_a_shouted_line_are_not_taken_for_acronyms() -> None:
    body = "PEMKOT GELAR RETRET UNTUK ASN. Ketua DPRD hadir."
    assert names_of(body, ORG) == ["DPRD"]
