"""Places: the Kemendagri gazetteer with context, streets and areas, world places."""

from __future__ import annotations

import time

from tests.extract.entity_helpers import entity_named, names_of
from tui.extract.model import PERSON, PLACE
from tui.extract.places import MAJOR, MINOR, gazetteer, lookup_place


def test_kota_and_bare_name_are_one_place_with_the_bare_name_canonical() -> None:
    body = "Warga Kota Probolinggo menyambut festival itu. Probolinggo memang ramai."
    place = entity_named(body, PLACE, "Probolinggo")
    assert "Kota Probolinggo" in place.aliases
    assert len(place.mentions) == 2


def test_kelurahan_name_counts_after_its_administrative_word() -> None:
    body = "Banjir merendam Kelurahan Sumbersari sejak pagi."
    assert names_of(body, PLACE) == ["Sumbersari"]


def test_village_name_that_is_also_a_common_word_needs_context() -> None:
    # `Harapan` and `Sejahtera` are desa names but here they are plain words in a title.
    body = "Program Harapan Sejahtera dibuka kembali."
    assert names_of(body, PLACE) == []


def test_role_of_a_village_head_trusts_the_village_name() -> None:
    body = "Lurah Sukoharjo Nur Hidayati membagikan beras."
    assert "Sukoharjo" in names_of(body, PLACE)
    assert entity_named(body, PERSON, "Nur Hidayati").role == "Lurah Sukoharjo"


def test_kawasan_gives_a_place() -> None:
    body = "Kemacetan terjadi di kawasan Ketintang pada jam pulang kerja."
    assert names_of(body, PLACE) == ["Ketintang"]


def test_street_keeps_its_prefix_in_the_name() -> None:
    body = "Pohon tumbang di Jalan Panglima Sudirman menutup lalu lintas."
    assert names_of(body, PLACE) == ["Jalan Panglima Sudirman"]
    assert names_of(body, PERSON) == []


def test_province_short_form_is_the_province() -> None:
    body = "Inflasi di Jatim lebih rendah dari angka nasional."
    assert names_of(body, PLACE) == ["Jawa Timur"]


def test_country_and_world_city_are_places() -> None:
    body = "Delegasi berangkat ke Jepang lalu singgah di Kuala Lumpur."
    assert names_of(body, PLACE) == ["Jepang", "Kuala Lumpur"]


def test_name_in_an_address_list_before_a_city_is_a_place() -> None:
    body = "Acara digelar di gedung serbaguna, Lowokwaru, Malang, kemarin."
    assert "Lowokwaru" in names_of(body, PLACE)


def test_gazetteer_levels_separate_regions_from_villages() -> None:
    assert lookup_place(["Surabaya"], allow_minor=False) == (1, "Surabaya")
    assert lookup_place(["Kedungkandang"], allow_minor=False) is None
    assert lookup_place(["Kedungkandang"], allow_minor=True) == (1, "Kedungkandang")
    assert gazetteer().names["jawa timur"] == ("Jawa Timur", MAJOR)
    assert gazetteer().names["sidomulyo"][1] == MINOR


def test_stoplisted_region_name_is_only_a_place_with_context() -> None:
    assert lookup_place(["Batu"], allow_minor=False) is None
    assert names_of("Wisata di Kota Batu ramai.", PLACE) == ["Batu"]


def test_gazetteer_is_built_once() -> None:
    first = gazetteer()
    started = time.perf_counter()
    again = gazetteer()
    assert again is first and time.perf_counter() - started < 1.0


def test_country_after_a_common_noun_is_a_nationality_not_a_place() -> None:
    body = "Perusahaan farmasi Inggris itu membuka pabrik di Jepang."
    assert names_of(body, PLACE) == ["Jepang"]


def test_country_after_a_verb_is_a_place() -> None:
    body = "Rudal itu menghantam Israel pada malam hari."
    assert names_of(body, PLACE) == ["Israel"]


def test_lower_case_direction_after_a_country_is_part_of_the_place() -> None:
    body = "Roket itu menghantam Gaza selatan pada malam hari."
    assert names_of(body, PLACE) == ["Gaza Selatan"]
