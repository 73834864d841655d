"""People and their roles, on sentences written in the style of Indonesian news."""

from __future__ import annotations

import pytest

from tests.extract.entity_helpers import entities_of, entity_named, names_of
from tui.extract.model import PERSON


def test_role_with_place_before_name_gives_role_and_name() -> None:
    body = "Wali Kota Kediri Vinanda Prameswati membuka pasar murah di alun-alun."
    person = entity_named(body, PERSON, "Vinanda Prameswati")
    assert person.role == "Wali Kota Kediri"


def test_role_in_apposition_with_commas_gives_the_person_that_role() -> None:
    body = "Bupati Sleman, Kustini Sri Purnomo, meninjau tanggul yang jebol."
    assert entity_named(body, PERSON, "Kustini Sri Purnomo").role == "Bupati Sleman"


def test_abbreviation_in_brackets_is_dropped_from_the_role() -> None:
    body = "Penjabat (Pj.) Gubernur Jawa Tengah Nana Sudjana membuka acara itu."
    assert entity_named(body, PERSON, "Nana Sudjana").role == "Penjabat Gubernur Jawa Tengah"


def test_sekda_with_its_long_form_gives_the_written_out_role() -> None:
    body = "Sekretaris Daerah (Sekda) Kabupaten Bantul Agus Budiraharja memimpin rapat."
    assert entity_named(body, PERSON, "Agus Budiraharja").role == "Sekretaris Daerah Kabupaten Bantul"


def test_role_governing_an_agency_keeps_the_agency_and_not_the_name() -> None:
    body = "Kepala Badan Pusat Statistik (BPS) Amalia Adininggar mengumumkan angka inflasi."
    assert entity_named(body, PERSON, "Amalia Adininggar").role == "Kepala Badan Pusat Statistik"


def test_role_after_name_in_apposition_is_read_to_the_end_of_the_sentence() -> None:
    body = "Hal itu dikatakan Rudi Hartono, Staf Ahli Hukum dan Politik Setda Kota Madiun. Ia hadir."
    person = entity_named(body, PERSON, "Rudi Hartono")
    assert person.role == "Staf Ahli Hukum dan Politik Setda Kota Madiun"


def test_deputy_role_without_place_inherits_the_place_the_article_gives_the_role() -> None:
    body = (
        "Wali Kota Blitar Syauqul Muhibbin membuka lomba. "
        "Ia didampingi Wakil Wali Kota Elim Tyu Samba di panggung utama."
    )
    assert entity_named(body, PERSON, "Elim Tyu Samba").role == "Wakil Wali Kota Blitar"


def test_honorifics_and_degrees_are_not_part_of_the_name() -> None:
    body = "Rapat dipimpin Dr. H. Ahmad Fauzi, S.H., M.Si. di ruang sidang utama."
    assert names_of(body, PERSON) == ["Ahmad Fauzi"]


def test_short_form_resolves_to_the_full_name_with_every_mention() -> None:
    body = "Kepala Dinas Pendidikan Yusuf Masruh meninjau sekolah. Menurut Yusuf, tidak ada kelas yang libur."
    person = entity_named(body, PERSON, "Yusuf Masruh")
    assert [m.text for m in person.mentions] == ["Yusuf Masruh", "Yusuf"]
    assert "Yusuf" in person.aliases


def test_short_form_never_joins_a_different_person_sharing_a_word() -> None:
    body = (
        "Gubernur Bali Wayan Koster berpidato. Ia disambut warga. "
        "Laporan ditulis wartawan Made Wayan Santika. Wayan menutup acara."
    )
    koster = entity_named(body, PERSON, "Wayan Koster")
    santika = entity_named(body, PERSON, "Made Wayan Santika")
    assert koster.id != santika.id
    # `Wayan` alone starts Koster's name, not Santika's.
    assert [m.text for m in koster.mentions][-1] == "Wayan"


def test_name_after_speech_verb_is_a_person() -> None:
    body = "Harga cabai naik tajam pekan ini, ujar Sulastri di pasar."
    assert names_of(body, PERSON) == ["Sulastri"]


def test_single_name_before_speech_verb_is_a_person() -> None:
    body = "Harga beras masih stabil. Darmanto mengatakan pasokan dari petani lancar."
    assert names_of(body, PERSON) == ["Darmanto"]


def test_sentence_initial_common_word_is_not_a_person() -> None:
    body = "Kesan mendalam dirasakan peserta. Pelatihan berlangsung tiga hari."
    assert names_of(body, PERSON) == []


def test_title_of_an_award_after_its_cue_names_no_person() -> None:
    body = "Kota itu meraih predikat Adipura Kencana dan penghargaan Nirwasita Tantra tahun ini."
    assert names_of(body, PERSON) == []


def test_two_word_name_mid_sentence_is_a_person_without_any_cue() -> None:
    body = "Rapat itu juga dihadiri Hasto Kristiyanto dan sejumlah anggota dewan."
    assert names_of(body, PERSON) == ["Hasto Kristiyanto"]


def test_capitalised_phrase_of_dictionary_words_without_cue_is_not_a_person() -> None:
    pytest.importorskip("Sastrawi", reason="the root-word dictionary ships with PySastrawi")
    body = "Program itu berjalan melalui Panca Bakti kepala daerah."
    assert names_of(body, PERSON) == []


def test_initials_after_speech_verb_are_a_person() -> None:
    body = "Kami tidak akan mundur, kata SBY kepada wartawan."
    assert names_of(body, PERSON) == ["SBY"]


def test_short_name_in_brackets_after_a_name_is_an_alias_and_later_mentions_join() -> None:
    body = "Presiden Susilo Bambang Yudhoyono (SBY) membuka rapat. Menurut SBY, anggaran cukup."
    person = entity_named(body, PERSON, "Susilo Bambang Yudhoyono")
    assert [m.text for m in person.mentions] == ["Susilo Bambang Yudhoyono", "SBY", "SBY"]


def test_familiar_title_with_one_word_stays_in_the_name() -> None:
    body = "Ceramah itu selalu ramai, kenang Gus Mus di pesantren."
    assert names_of(body, PERSON) == ["Gus Mus"]


def test_partner_of_a_person_in_a_list_is_a_person() -> None:
    body = "Rapat dihadiri Wakil Ketua DPRD Sutrisno Hadi dan Marzuki."
    assert names_of(body, PERSON) == ["Sutrisno Hadi", "Marzuki"]


def test_place_after_a_comma_is_not_taken_as_the_name_for_a_role() -> None:
    body = "Hal itu disampaikan di kantor Presiden, Jakarta, kemarin."
    assert names_of(body, PERSON) == []


def test_title_alone_in_quote_marks_is_not_a_person() -> None:
    body = "Ia membintangi serial “Kamen Rider Zero” tahun lalu."
    assert names_of(body, PERSON) == []


def test_phrase_holding_a_country_is_not_a_person() -> None:
    body = "Pernyataan itu dibantah Militer Suriah pada Selasa."
    assert names_of(body, PERSON) == []


def test_role_without_a_name_is_a_mention_of_the_one_person_holding_it() -> None:
    body = (
        "Sekretaris Daerah (Sekda) Kota Batu Deni Wahyu memberi arahan. "
        "Dalam kesempatan itu, Sekda menegaskan pentingnya disiplin."
    )
    person = entity_named(body, PERSON, "Deni Wahyu")
    assert [m.text for m in person.mentions] == ["Deni Wahyu", "Sekda"]
    assert "Sekda" not in person.aliases


def test_role_without_a_name_held_by_two_people_is_no_ones_mention() -> None:
    body = (
        "Kepala Desa Sukamaju Rudi Hartono dan Kepala Desa Sukamulya Joko Susilo hadir. Kepala Desa menolak."
    )
    mentions = [m.text for e in entities_of(body, PERSON) for m in e.mentions]
    assert "Kepala Desa" not in mentions
