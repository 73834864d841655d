"""Units of a party or a parliament, and a party named without `Partai`: the body a reader
follows from article to article. Sentences are our own, in the style of Indonesian news."""

from __future__ import annotations

from tests.extract.entity_helpers import entity_named, names_of
from tui.extract.model import ORG, PERSON


def test_faction_of_a_party_gives_the_party_as_the_organisation() -> None:
    body = "Sikap Fraksi Partai Hanura berbeda dengan partai lain."
    assert names_of(body, ORG) == ["Partai Hanura"]


def test_commission_of_parliament_gives_the_parliament() -> None:
    body = "Rapat Komisi IV DPR membahas harga pupuk."
    assert names_of(body, ORG) == ["DPR"]


def test_faction_acronym_and_parliament_are_two_organisations() -> None:
    body = "Usul itu datang dari Fraksi PKS DPRD."
    assert names_of(body, ORG) == ["PKS", "DPRD"]


def test_unit_stays_in_the_role_of_the_person_who_heads_it() -> None:
    body = "Ketua Dewan Pakar Partai Hanura Sutrisno Adi mengatakan partainya siap."
    assert entity_named(body, PERSON, "Sutrisno Adi").role == "Ketua Dewan Pakar Partai Hanura"
    assert names_of(body, ORG) == ["Partai Hanura"]


def test_body_with_its_own_acronym_is_not_split() -> None:
    body = "Dewan Pimpinan Pusat (DPP) menggelar rapat kerja."
    assert names_of(body, ORG) == ["Dewan Pimpinan Pusat"]


def test_party_named_without_partai_joins_the_party() -> None:
    body = "Partai Hanura menggelar rapat pleno. Hanura juga menunda musyawarah nasional."
    org = entity_named(body, ORG, "Partai Hanura")
    assert [m.text for m in org.mentions] == ["Partai Hanura", "Hanura"]


def test_bare_party_name_acting_as_subject_stays_the_party() -> None:
    body = "Partai Wirabangsa menggelar rapat pleno. Wirabangsa akan mengusung calon sendiri."
    org = entity_named(body, ORG, "Partai Wirabangsa")
    assert [m.text for m in org.mentions] == ["Partai Wirabangsa", "Wirabangsa"]
    assert names_of(body, PERSON) == []
