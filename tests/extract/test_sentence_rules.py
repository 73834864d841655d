"""Rules read off real news sentences: ranks with their police branch or grade, capitalised role
modifiers, portfolios after a role, common nouns after an honorific, sentence openers that are no
names, `sebagai <role>`, Balinese names, initials inside a name, English titles, numbered schools
and where someone comes from. Sentences are our own, in the style of Indonesian news."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.extract.entity_helpers import entity_named, names_of
from tui.extract.model import ORG, PERSON, PLACE
from tui.extract.people import is_affixed_verb


def test_police_branch_after_a_rank_is_not_part_of_the_name() -> None:
    assert names_of("Kapolda menyambut Irjen Pol. Sutrisno Hadi di bandara.", PERSON) == ["Sutrisno Hadi"]
    assert names_of("Jabatan itu diserahkan kepada Brigjen Pol Sutrisno Hadi.", PERSON) == ["Sutrisno Hadi"]


def test_capitalised_role_modifier_is_not_part_of_the_name() -> None:
    body = "Pelantikan itu dihadiri Gubernur Terpilih Rahmat Hidayanto (Rahmat) dan para bupati."
    assert names_of(body, PERSON) == ["Rahmat Hidayanto"]
    person = entity_named(body, PERSON, "Rahmat Hidayanto")
    assert [m.text for m in person.mentions] == ["Rahmat Hidayanto", "Rahmat"]


def test_capitalised_portfolio_after_a_minister_is_no_name() -> None:
    assert names_of("Menteri Tenaga Kerja itu mengatakan, pelatihan akan diperluas.", PERSON) == []


def test_division_after_a_prosecutor_title_is_no_name() -> None:
    assert names_of("Ia pernah menjabat Jaksa Agung Muda Pidana Khusus pada 2010.", PERSON) == []


def test_ibu_kota_is_the_capital_city_not_a_woman() -> None:
    assert names_of("Banjir kembali merendam sejumlah kawasan di Ibu Kota.", PERSON) == []


def test_time_conjunction_with_se_opening_a_sentence_is_no_name() -> None:
    assert names_of("Sesudah dua pekan, warga kembali ke rumah.", PERSON) == []


def test_be_prefix_stands_for_ber_only_before_r_and_a_few_roots() -> None:
    assert not is_affixed_verb("beberapa")
    assert is_affixed_verb("berencana")
    assert is_affixed_verb("bekerja")


def test_word_before_beberapa_is_not_the_subject_of_a_verb() -> None:
    assert names_of("Sesampai beberapa jam kemudian, hujan turun.", PERSON) == []


def test_affixed_verb_opening_a_sentence_is_no_name() -> None:
    assert names_of("Tersita juga 12 unit sepeda motor.", PERSON) == []
    assert names_of("Dirawat juga 12 korban luka.", PERSON) == []


def test_quantity_word_after_a_missing_full_stop_ends_the_name() -> None:
    body = "Kami terus bekerja, ujar Suharyono Ratusan warga lalu membersihkan jalan."
    assert names_of(body, PERSON) == ["Suharyono"]


def test_name_given_a_role_by_sebagai_is_a_person() -> None:
    assert names_of("Album itu mengawali karier Wiratmoko sebagai penyanyi.", PERSON) == ["Wiratmoko"]
    assert names_of("Album itu mengawali karier Wiratmoko sebagai Ketua Harian.", PERSON) == ["Wiratmoko"]


def test_common_word_opening_a_sentence_before_sebagai_is_no_name() -> None:
    assert names_of("Duduk sebagai anggota dewan, ia jarang hadir.", PERSON) == []


def test_name_after_a_noun_of_appointment_is_a_person() -> None:
    assert names_of("Rapat membahas pengangkatan Sudarsono pekan lalu.", PERSON) == ["Sudarsono"]


def test_balinese_name_after_a_body_keeps_its_i_and_the_body_loses_it() -> None:
    body = "Hal itu dikatakan Ketua DPD Partai Demokrat Bali I Ketut Suwarna di Denpasar."
    person = entity_named(body, PERSON, "I Ketut Suwarna")
    assert person.role == "Ketua DPD Partai Demokrat Bali"


def test_initials_between_two_name_words_are_part_of_the_name() -> None:
    body = "Pasangan Hartono MS Wiryawan dan Sulastri maju dalam pilkada."
    assert names_of(body, PERSON) == ["Hartono MS Wiryawan", "Sulastri"]


def test_acronym_after_a_noun_cue_is_no_person() -> None:
    assert names_of("Menteri menerima kunjungan PB PMII di kantornya.", PERSON) == []


def test_name_ending_in_air_is_an_airline() -> None:
    assert names_of("Kini, Trigana Air melayani rute itu setiap hari.", ORG) == ["Trigana Air"]


def test_tanah_air_is_the_homeland_not_an_airline() -> None:
    assert names_of("Produk itu dijual di seluruh Tanah Air.", ORG) == []


@given(st.text(alphabet="abdeikmnprstuyBR", max_size=14))
def test_affixed_verb_check_never_raises_and_needs_a_prefix(word: str) -> None:
    if is_affixed_verb(word):
        assert word.casefold().startswith(("me", "be", "di", "te"))


def test_grade_after_a_rank_is_not_part_of_the_name() -> None:
    body = "Upacara dipimpin Marsekal Muda Hartono Wibisono di pangkalan udara."
    assert names_of(body, PERSON) == ["Hartono Wibisono"]


def test_words_after_an_english_connective_are_a_title_not_a_name() -> None:
    body = "Bank itu mencatat Return on Equity naik, kata Sulastri."
    assert names_of(body, PERSON) == ["Sulastri"]


def test_english_and_between_two_people_still_joins_two_names() -> None:
    body = "Lagu itu ditulis oleh Hartono Wibisono and Sulastri Wulandari pada 1990."
    assert names_of(body, PERSON) == ["Hartono Wibisono", "Sulastri Wulandari"]


def test_numbered_event_of_common_words_is_no_person() -> None:
    assert names_of("Setelah Perang Dunia I berakhir, kota itu dibangun kembali.", PERSON) == []


def test_letter_direction_or_numeral_alone_is_no_person() -> None:
    assert names_of("Di sebelah Barat berbatasan dengan hutan lindung.", PERSON) == []
    assert names_of("Ia memperkuat tim U - 23 musim ini.", PERSON) == []
    assert names_of("Atlet itu tampil di PON XVII mewakili daerahnya.", PERSON) == []


def test_energy_sector_words_continue_the_name_of_a_body() -> None:
    body = "Ia menjabat Ketua Badan Pengatur Hilir Minyak dan Gas Bumi sejak 2012."
    assert names_of(body, PERSON) == []
    assert names_of(body, ORG) == ["Badan Pengatur Hilir Minyak dan Gas Bumi"]


def test_union_and_exchange_open_the_name_of_a_body() -> None:
    body = "Sidang Perserikatan Bangsa-Bangsa dibuka hari ini."
    assert names_of(body, ORG) == ["Perserikatan Bangsa-Bangsa"]
    assert names_of("Saham itu dicatatkan di Bursa Efek Surabaya.", ORG) == ["Bursa Efek Surabaya"]


def test_draft_law_acronym_is_no_organisation() -> None:
    assert names_of("RUU tersebut mengatur pengelolaan pesisir.", ORG) == []


def test_acronym_in_brackets_after_an_untyped_name_it_does_not_abbreviate_is_no_person() -> None:
    body = "Kementerian itu menggandeng Organisation for Economic Co-operation and Development (OECD)."
    assert names_of(body, PERSON) == []
    assert names_of(body, ORG) == ["OECD"]


def test_kind_of_school_with_its_number_and_town_is_one_organisation() -> None:
    assert names_of("Ia lulus dari SMA Negeri 1 Purwokerto pada 2001.", ORG) == ["SMA Negeri 1 Purwokerto"]
    assert names_of("Tawuran terjadi antara siswa SMAN 6 dan SMAN 70 Jakarta.", ORG) == [
        "SMAN 6",
        "SMAN 70 Jakarta",
    ]


def test_kind_of_school_without_a_number_is_no_organisation() -> None:
    assert names_of("Anak itu baru lulus SMA tahun lalu.", ORG) == []


def test_country_after_asal_is_where_someone_comes_from() -> None:
    assert names_of("Pelatih asal Belanda itu dikontrak dua musim.", PLACE) == ["Belanda"]
    assert names_of("Perusahaan farmasi Belanda itu merugi.", PLACE) == []


def test_name_ending_in_an_english_word_for_a_natural_place_is_a_place() -> None:
    body = "Banjir meluap dari Hawkesbury River, kata petugas."
    assert names_of(body, PLACE) == ["Hawkesbury River"]
    assert names_of(body, PERSON) == []


def test_balinese_name_after_a_roman_numeral_word_starts_a_new_name() -> None:
    body = "Kata Manajer Wilayah I Ketut Suwarna kepada wartawan di Denpasar."
    assert names_of(body, PERSON) == ["I Ketut Suwarna"]
