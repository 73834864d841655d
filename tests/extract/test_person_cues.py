"""Names with no role title before them: the words around a name decide that it is a person.
Sentences are our own, in the style of Indonesian news."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.extract.entity_helpers import entity_named, names_of
from tui.extract import extract
from tui.extract.model import DATE, ORG, PERSON, PLACE


def test_unknown_word_before_an_auxiliary_is_the_subject_and_a_person() -> None:
    assert names_of("Wiryanto sudah tiba di lokasi sejak pagi.", PERSON) == ["Wiryanto"]


def test_unknown_word_before_a_word_of_belief_is_a_person() -> None:
    assert names_of("Kurniadi optimistis panen tahun ini lebih baik.", PERSON) == ["Kurniadi"]


def test_name_followed_by_a_lower_case_description_is_a_person() -> None:
    body = "Hal itu dialami Sumarsih, seorang petani di lereng gunung, sejak Maret."
    assert names_of(body, PERSON) == ["Sumarsih"]


def test_name_followed_by_comma_and_yang_is_a_person() -> None:
    body = "Pertemuan itu juga dihadiri Ratmoko, yang baru pulang dari luar negeri."
    assert names_of(body, PERSON) == ["Ratmoko"]


def test_name_after_a_noun_a_person_owns_is_a_person() -> None:
    body = "Warga mendukung kebijakan Wiryanto soal parkir di pasar."
    assert names_of(body, PERSON) == ["Wiryanto"]


def test_name_joined_by_dan_to_a_person_is_a_person_too() -> None:
    body = "Ratmini dan Kurniawati mengatakan air belum surut."
    assert names_of(body, PERSON) == ["Ratmini", "Kurniawati"]


def test_name_joined_by_atau_to_a_person_is_a_person_too() -> None:
    body = "Ratmini atau Kurniawati akan memimpin rapat berikutnya."
    assert names_of(body, PERSON) == ["Ratmini", "Kurniawati"]


def test_two_capital_initials_before_a_name_are_part_of_it() -> None:
    body = "Anggota DPRD Jawa Tengah TB Santosa membuka acara itu."
    assert entity_named(body, PERSON, "TB Santosa").role == "Anggota DPRD Jawa Tengah"


def test_unknown_acronym_after_presiden_is_the_president() -> None:
    body = "Presiden SBY meresmikan bendungan itu pada pagi hari."
    assert entity_named(body, PERSON, "SBY").role == "Presiden"


def test_known_body_after_a_role_stays_an_organisation() -> None:
    body = "Ketua DPRD mengatakan rapat ditunda."
    assert names_of(body, PERSON) == []


def test_long_organisation_after_a_role_leaves_the_name_to_the_person() -> None:
    body = "Menteri Badan Usaha Milik Negara Erick Santosa meninjau pabrik itu."
    person = entity_named(body, PERSON, "Erick Santosa")
    assert person.role == "Menteri Badan Usaha Milik Negara"


def test_village_name_after_a_party_in_a_role_is_the_first_name() -> None:
    body = "Ketua Partai Hanura Mutiara Lestari menyerahkan bantuan."
    assert names_of(body, PERSON) == ["Mutiara Lestari"]
    assert names_of(body, ORG) == ["Partai Hanura"]


def test_affixed_common_word_opening_a_sentence_is_not_part_of_the_name_after_it() -> None:
    body = "Mundurnya Suparmingun membuat partai itu goyah."
    assert names_of(body, PERSON) == ["Suparmingun"]


def test_common_word_opening_a_sentence_before_an_untyped_name_is_left_out_of_it() -> None:
    body = "Rumah Suparmingun Wiratmoko di tepi sungai itu kosong."
    assert names_of(body, PERSON) == ["Suparmingun Wiratmoko"]


def test_word_with_nya_suffix_opening_a_sentence_is_no_name() -> None:
    assert names_of("Keduanya sudah pulang ke rumah masing-masing.", PERSON) == []


def test_noun_cue_after_a_word_does_not_make_it_a_person() -> None:
    assert names_of("Jumlah korban terus bertambah hingga sore.", PERSON) == []


def test_seandainya_opening_a_sentence_is_not_part_of_the_name() -> None:
    body = "Seandainya Wiryanto menang, ia akan membangun pasar."
    assert names_of(body, PERSON) == ["Wiryanto"]


def test_country_after_bahasa_is_a_language_not_a_place() -> None:
    assert names_of("Ia belajar bahasa Jepang selama setahun.", PLACE) == []


def test_country_after_di_stays_a_place() -> None:
    assert names_of("Ia belajar selama setahun di Jepang.", PLACE) == ["Jepang"]


def test_world_capital_with_no_cue_is_a_place() -> None:
    assert names_of("Kathmandu kembali diguncang gempa kemarin.", PLACE) == ["Kathmandu"]


def test_body_name_after_a_role_ends_where_the_person_name_starts() -> None:
    body = "Ketua Pengadilan Tindak Pidana Korupsi Semarang Sutrisno Hadi memimpin sidang itu."
    person = entity_named(body, PERSON, "Sutrisno Hadi")
    assert person.role == "Ketua Pengadilan Tindak Pidana Korupsi Semarang"
    assert names_of(body, PLACE) == ["Semarang"]


def test_derived_word_after_a_role_belongs_to_the_body_not_the_name() -> None:
    body = "Kepala Bidang Pengawasan Keuangan Sumarno Adi membuka seminar."
    assert entity_named(body, PERSON, "Sumarno Adi").role == "Kepala Bidang Pengawasan Keuangan"


def test_two_capitals_right_after_a_role_are_the_body_it_heads() -> None:
    body = "Ketua LK Harsono Adi mengatakan rapat ditunda."
    assert entity_named(body, PERSON, "Harsono Adi").role == "Ketua LK"


def test_words_of_a_title_case_headline_line_are_no_names() -> None:
    body = (
        "Sutarjo Wiryanto Bangun Sekolah Gratis untuk Anak Nelayan\n"
        "Sekolah itu dibuka setiap sore, kata Kepala Desa Sukamaju Darmaji Wiryo."
    )
    assert names_of(body, PERSON) == ["Darmaji Wiryo"]


def test_local_role_governs_one_village_and_the_name_follows_it() -> None:
    body = "Hal itu dikatakan Kepala Desa Sukamaju Darmaji Wiryo kepada wartawan."
    assert entity_named(body, PERSON, "Darmaji Wiryo").role == "Kepala Desa Sukamaju"


def test_organisation_name_stops_at_a_line_break() -> None:
    body = "Murid baru mendaftar ke Sekolah Harapan Bangsa\nSeorang guru menyambut mereka."
    assert names_of(body, ORG) == ["Sekolah Harapan Bangsa"]


def test_sentence_full_of_names_ending_with_a_full_stop_is_no_headline() -> None:
    body = "Mereka adalah Sutarjo Wiryanto dan Kurniadi Santosa."
    assert names_of(body, PERSON) == ["Sutarjo Wiryanto", "Kurniadi Santosa"]


def test_affixed_verb_opening_a_sentence_is_not_part_of_the_name_after_it() -> None:
    body = "Mengenang Sutarjo Wiryanto, warga desa menggelar doa bersama."
    assert names_of(body, PERSON) == ["Sutarjo Wiryanto"]


# Pieces that trigger the rules of this file, to shuffle into soups.
_CUES = st.sampled_from(
    "Ketua|Fraksi|Partai|Hanura|DPR|Komisi|II|Presiden|SBY|TB|Santosa|Sutarjo|seorang|yang|,|.|\n|"
    "kebijakan|sudah|dan|atau|Mundurnya|Mengenang|Kepala|Desa|Sukamaju|Pidana|Korupsi|Semarang|"
    "Keuangan|Jepang|bahasa|kata".split("|")
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_CUES, max_size=50).map(" ".join))
def test_cue_soup_gives_mentions_that_slice_the_body_without_overlap(body: str) -> None:
    x = extract(body)
    for e in x.entities:
        for m in e.mentions:
            assert body[m.start : m.end] == m.text
    spans = sorted((m.start, m.end) for e in x.entities if e.type != DATE for m in e.mentions)
    assert all(end <= start for (_, end), (start, _) in zip(spans, spans[1:], strict=False)), spans
