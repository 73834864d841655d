"""People after long roles on real articles: the words of a body between a role title and the
holder's name (units, companies, ranks), company names written as one word with a capital inside,
English job titles, and common nouns that only look like speakers. Sentences are our own, in the
style of Indonesian news."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.extract.entity_helpers import entity_named, names_of
from tui.extract import extract
from tui.extract.model import ORG, PERSON, PLACE
from tui.extract.recognise import _is_brand, find_mentions


def test_unit_words_followed_by_a_body_go_to_the_role_not_the_name() -> None:
    body = "Kepala Seksi Observasi Cuaca Laut dan Pesisir Maritim BMKG Sutrisno mengatakan gelombang tinggi."
    person = entity_named(body, PERSON, "Sutrisno")
    assert person.role == "Kepala Seksi Observasi Cuaca Laut dan Pesisir Maritim BMKG"
    assert "Cuaca Laut" not in names_of(body, PERSON)


def test_unit_name_before_a_prefixed_body_goes_to_the_role() -> None:
    body = (
        "Kepala Stasiun Geofisika Badan Meteorologi Klimatologi dan Geofisika (BMKG) Mataram "
        "Rudi Hartono mengatakan."
    )
    person = entity_named(body, PERSON, "Rudi Hartono")
    assert person.role is not None and person.role.startswith("Kepala Stasiun Geofisika Badan")
    assert names_of(body, PERSON) == ["Rudi Hartono"]


def test_neighbourhood_unit_number_is_part_of_the_role() -> None:
    body = '"Warga sudah diberi tahu," kata Ketua RW 05/RT 12 Kelurahan Sukamaju, Darsono.'
    person = entity_named(body, PERSON, "Darsono")
    assert person.role is not None and person.role.startswith("Ketua RW 05/RT 12")
    assert extract(body).quotes[0].speaker == "Darsono"


def test_company_suffix_after_a_role_ends_the_company_and_opens_the_name() -> None:
    body = "CEO Sentosa Group Hendra Wijaya mengatakan ekspansi berjalan."
    person = entity_named(body, PERSON, "Hendra Wijaya")
    assert person.role == "CEO Sentosa Group"


def test_rank_after_a_body_opens_the_name_and_stays_out_of_the_role() -> None:
    body = "Kapolres Sleman AKBP Bambang Priyono mengatakan pelaku sudah ditangkap."
    person = entity_named(body, PERSON, "Bambang Priyono")
    assert person.role == "Kapolres Sleman"


def test_ministry_short_form_after_a_role_takes_no_word_of_the_name() -> None:
    body = "Dirjen Pajak Kemenkeu Rahmat Santoso mengatakan target tercapai."
    assert entity_named(body, PERSON, "Rahmat Santoso").role == "Dirjen Pajak Kemenkeu"


def test_pilgrim_title_without_its_dot_opens_a_name() -> None:
    assert names_of("Menurut H Ahmad Sobari, panen tahun ini bagus.", PERSON) == ["Ahmad Sobari"]


def test_word_with_a_capital_inside_is_a_company_not_a_person() -> None:
    body = "TokoBagus melaporkan penjualan naik dua kali lipat."
    assert names_of(body, PERSON) == []
    assert names_of(body, ORG) == ["TokoBagus"]


def test_company_before_a_name_after_a_role_stays_out_of_the_name() -> None:
    body = "CEO PasarKita Joko Susanto mengatakan aplikasi itu diunduh sejuta kali."
    assert entity_named(body, PERSON, "Joko Susanto").role == "CEO PasarKita"


def test_names_with_a_capital_inside_stay_names() -> None:
    assert not _is_brand("McDonald")
    assert not _is_brand("DiCaprio")
    assert not _is_brand("MacArthur")
    assert _is_brand("GoPay")
    assert _is_brand("MotoGP")
    assert names_of("Leonardo DiCaprio mengatakan film itu selesai.", PERSON) == ["Leonardo DiCaprio"]


def test_company_legal_form_opens_no_person() -> None:
    body = "Hal itu disampaikan PT Jaya Makmur persero Tbk Cabang Bekasi kepada wartawan."
    assert names_of(body, PERSON) == []


def test_english_job_title_gives_the_role_of_the_name_after_it() -> None:
    body = "Senior Marketing Manager KopiKita Dewi Lestari mengatakan gerai baru dibuka."
    assert entity_named(body, PERSON, "Dewi Lestari").role == "Senior Marketing Manager KopiKita"


def test_company_after_an_english_title_is_not_a_person() -> None:
    body = "Hal itu disampaikan Chief Executive Sonyx dalam pernyataannya."
    found = find_mentions(body)
    assert [f.name for f in found if f.type == PERSON] == []
    assert [f.name for f in found if f.type == ORG] == ["Sonyx"]


def test_occupation_before_a_name_is_its_role() -> None:
    body = "Sejarawan Bondan Kusuma mengatakan gedung itu dibangun pada 1920."
    assert entity_named(body, PERSON, "Bondan Kusuma").role == "Sejarawan"


def test_common_noun_written_in_lower_case_elsewhere_is_no_speaker() -> None:
    body = "Militer mengatakan serangan itu gagal. Pihak militer menambah pasukan di perbatasan."
    assert names_of(body, PERSON) == []


def test_name_after_a_role_never_runs_over_a_line_break() -> None:
    body = "Bukan Sejarawan\nPurnomo menilai tulisan itu keliru."
    assert all(e.role != "Sejarawan" for e in extract(body).entities if e.type == PERSON)


def test_headline_with_a_verb_after_the_role_gives_no_person() -> None:
    body = "Menteri Tolak Usulan Kenaikan Tarif Listrik Dari Pengusaha\nIsi berita di sini."
    assert names_of(body, PERSON) == []


@given(
    st.lists(
        st.sampled_from(
            [
                "Kepala",
                "Dinas",
                "CEO",
                "Group",
                "AKBP",
                "RT",
                "3",
                "/",
                "RW",
                "(",
                ")",
                "BMKG",
                "dan",
                "Budi",
                "Santoso",
                "H",
                "TokoKita",
                "Tbk",
                "Manager",
                "\n",
                ",",
                "Jenderal",
                "Kemenkeu",
                "mengatakan",
            ]
        ),
        max_size=25,
    )
)
def test_role_runs_never_raise_and_offsets_slice_the_body(words: list[str]) -> None:
    body = " ".join(words)
    for found in find_mentions(body):
        assert 0 <= found.start < found.end <= len(body)
        assert body[found.start : found.end].strip() == body[found.start : found.end]


def test_online_service_after_a_preposition_is_a_company_not_a_place() -> None:
    body = "Foto itu diunggah di Instagram pada Senin malam."
    assert names_of(body, ORG) == ["Instagram"]
    assert names_of(body, PLACE) == []


def test_capitalised_direction_after_a_country_is_part_of_the_place() -> None:
    assert "Libya Barat" in names_of("Pasukan bergerak ke Libya Barat pekan lalu.", PLACE)


def test_name_after_an_apposition_role_holds_that_role() -> None:
    body = "Hadir Rudi Santoso, Bupati Sleman Haryono Wibisono, dan pejabat lain."
    assert entity_named(body, PERSON, "Haryono Wibisono").role == "Bupati Sleman"
    assert entity_named(body, PERSON, "Rudi Santoso").role is None


def test_common_words_after_an_apposition_role_finish_the_body() -> None:
    body = "Kata Rudi Santoso, Asisten Deputi Pemenuhan Hak Anak, dalam rapat itu."
    assert names_of(body, PERSON) == ["Rudi Santoso"]


def test_feast_day_is_not_a_person() -> None:
    assert names_of("Menjelang Idul Fitri pemudik memadati terminal.", PERSON) == []


def test_police_general_rank_title_gives_the_name_after_it() -> None:
    body = "Kapolda Jateng Inspektur Jenderal Condro Kirono mengatakan jalur aman."
    assert names_of(body, PERSON) == ["Condro Kirono"]


def test_chief_officer_then_company_then_comma_gives_the_holder() -> None:
    body = '"Kami tumbuh," ujar CTO Kopiku, Andreas Wijaya, dalam acara itu.'
    assert entity_named(body, PERSON, "Andreas Wijaya").role == "CTO Kopiku"
