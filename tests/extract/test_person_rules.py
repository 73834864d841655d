"""People found by the shape of the sentence around a name: lists, tickets, roles written in lower
case, `yang juga <role>`, and words that can never be part of a person's name. Sentences are our
own, in the style of Indonesian news."""

from __future__ import annotations

from tests.extract.entity_helpers import entity_named, names_of
from tui.extract.model import ORG, PERSON, PLACE
from tui.extract.people import looks_derived, looks_like_verb
from tui.extract.tokens import is_acronym


def test_name_ending_in_ullah_is_not_a_verb_with_the_lah_particle() -> None:
    assert not looks_like_verb("Rahmatullah")
    assert looks_like_verb("Tenanglah")
    assert names_of("Rahmatullah mengatakan bantuan sudah disalurkan.", PERSON) == ["Rahmatullah"]


def test_name_after_a_derived_noun_opening_the_sentence_is_a_person() -> None:
    assert names_of("Kedatangan Sutarjo disambut ratusan warga desa.", PERSON) == ["Sutarjo"]


def test_name_before_a_passive_verb_is_a_person() -> None:
    body = "Menurut warga, kemarin Hartawan dilantik sebagai kepala dusun."
    assert "Hartawan" in names_of(body, PERSON)


def test_role_written_in_lower_case_gives_the_name_after_it() -> None:
    body = "Kabar itu dibantah juru bicara KPK Budiman Santosa di Jakarta."
    person = entity_named(body, PERSON, "Budiman Santosa")
    assert person.role == "juru bicara KPK"


def test_lower_case_common_word_that_is_also_a_role_opens_no_role() -> None:
    body = "Nelayan melihat ikan paus Biru di perairan itu."
    assert names_of(body, PERSON) == []


def test_untyped_name_in_a_list_with_a_person_is_a_person() -> None:
    body = "Sidang menghadirkan saksi Sutarjo Wibisono, Yulinar, dan Rahmadani Putri."
    assert names_of(body, PERSON) == ["Sutarjo Wibisono", "Yulinar", "Rahmadani Putri"]


def test_list_without_a_person_makes_no_person() -> None:
    body = "Di warung itu dijual Kopiko, Sarimi, dan Indomilk."
    assert names_of(body, PERSON) == []


def test_two_lone_names_joined_by_a_spaced_dash_are_a_ticket_of_two_people() -> None:
    body = "Sebelumnya, Harjono - Sutikno menggugat hasil pilkada ke Mahkamah Konstitusi."
    assert names_of(body, PERSON) == ["Harjono", "Sutikno"]


def test_roman_numerals_are_only_i_v_and_x_so_mdc_and_xl_are_acronyms() -> None:
    assert is_acronym("MDC")
    assert is_acronym("XL")
    assert not is_acronym("XIV")
    assert not is_acronym("II")


def test_capitalised_run_after_a_disease_word_is_not_a_person() -> None:
    body = "Sebagian pasien yang terjangkit virus Marburg dapat pulih setelah dirawat."
    assert names_of(body, PERSON) == []


def test_loan_nouns_ending_in_asi_logi_isme_are_derived_words() -> None:
    assert looks_derived("Transportasi")
    assert looks_derived("Teknologi")
    assert looks_derived("Nasionalisme")
    assert not looks_derived("Sutarjo")


def test_run_holding_an_english_generic_noun_is_not_a_person() -> None:
    body = "Laporan itu dirilis lembaga Jakarta Policy Watch pada pekan lalu."
    assert names_of(body, PERSON) == []


def test_bersaudara_after_a_name_ends_the_name() -> None:
    body = "Usai upacara, Wiratmo Bersaudara bergegas pulang ke rumah."
    assert names_of(body, PERSON) == ["Wiratmo"]


def test_dictionary_word_name_followed_by_yang_juga_and_a_role_is_a_person() -> None:
    body = "Dalam rapat itu, Budi yang juga Ketua Komisi III DPRD optimistis anggaran cukup."
    assert "Budi" in names_of(body, PERSON)


def test_lower_case_modifier_between_role_and_name_is_skipped() -> None:
    body = "Ia bertemu Presiden terpilih Harjono Sutikno di Jakarta."
    person = entity_named(body, PERSON, "Harjono Sutikno")
    assert person.role == "Presiden"


def test_lone_name_after_pada_is_a_person() -> None:
    assert names_of("Pilihan partai akhirnya jatuh pada Sutarjo.", PERSON) == ["Sutarjo"]


def test_party_congress_words_are_not_people() -> None:
    body = "Pasalnya Munas memilih ketua umum baru dan Mukernas menolak usulan itu."
    assert names_of(body, PERSON) == []


def test_word_with_nya_suffix_does_not_continue_a_name_after_a_role() -> None:
    body = "Semua menteri sudah melapor kepada Ketua Umumnya bahwa mereka tidak berkampanye."
    assert names_of(body, PERSON) == []
    assert names_of(body, ORG) == []


def test_capitalised_dictionary_word_mid_sentence_before_a_verb_is_a_name() -> None:
    body = "Fernita yakin bahwa Indah memiliki kompetensi di bidang politik."
    assert "Indah" in names_of(body, PERSON)


def test_capitalised_word_the_text_also_writes_in_lower_case_is_no_name() -> None:
    body = "Ia mengatakan bahwa Harga menurun. Harga cabai dan harga bawang juga turun."
    assert names_of(body, PERSON) == []


def test_name_with_its_colleagues_before_a_speech_verb_is_a_person() -> None:
    body = "Dalam penelitian itu, Hartley dan rekan-rekannya mengatakan olahraga menurunkan risiko."
    assert names_of(body, PERSON) == ["Hartley"]


def test_name_before_kini_is_the_subject_of_the_clause() -> None:
    body = "Setelah pensiun dari dinas, Hartono kini petani kopi di lereng gunung."
    assert names_of(body, PERSON) == ["Hartono"]


def test_ministry_written_in_lower_case_is_an_organisation() -> None:
    body = "Saat dihubungi, kementerian luar negeri Mesir menolak berkomentar."
    assert names_of(body, ORG) == ["Kementerian Luar Negeri Mesir"]


def test_government_of_a_country_in_lower_case_is_an_organisation() -> None:
    body = "Bentrokan terjadi antara pasukan pemerintah Suriah dan kelompok pemberontak."
    assert names_of(body, ORG) == ["Pemerintah Suriah"]


def test_local_government_in_lower_case_names_no_body() -> None:
    assert names_of("Program itu didanai pemerintah daerah setempat.", ORG) == []


def test_party_board_acronym_alone_is_no_organisation_but_its_party_is() -> None:
    body = "Keputusan itu diambil dalam rapat DPP Partai Nusantara Jaya di Jakarta."
    assert names_of(body, ORG) == ["Partai Nusantara Jaya"]


def test_place_opening_the_name_of_a_body_is_not_a_place() -> None:
    body = "Data itu dirilis Indonesia Policy Watch pekan lalu."
    assert names_of(body, PLACE) == []


def test_name_inside_the_name_of_an_award_is_not_a_person() -> None:
    body = "Ia menerima Hartono Wijaya Award di Jakarta pada tahun lalu."
    assert names_of(body, PERSON) == []
