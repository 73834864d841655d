"""Direct quotes and their speakers, on sentences written in the style of Indonesian news."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.extract.model import PERSON, Entity, Mention, entity_id
from tui.extract.quotes import find_quotes, written_name
from tui.extract.speech import AFFIXED, NYA, ROOT, speech_cue_kind


def person(body: str, name: str, *aliases: str, role: str | None = None) -> Entity:
    """A PERSON entity with a mention wherever its name or an alias is written (longest first)."""
    mentions: list[Mention] = []
    for form in sorted((name, *aliases), key=len, reverse=True):
        for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", body):
            if not any(x.start <= m.start() < x.end for x in mentions):
                mentions.append(Mention(m.start(), m.end(), m.group()))
    mentions.sort(key=lambda m: m.start)
    return Entity(entity_id(PERSON, name), PERSON, name, tuple(mentions), tuple(aliases), role)


def people(body: str, *specs: tuple[str, ...]) -> list[Entity]:
    found = [person(body, spec[0], *spec[1:]) for spec in specs]
    return sorted((p for p in found if p.mentions), key=lambda p: p.mentions[0].start)


WAHYU = ("Wahyu Hidayat", "Wahyu")
ZUDAN = ("Zudan Arif Fakrulloh", "Zudan")
ERIK = ("Erik Setyo Santoso", "Erik")
RINA = ("Rina Kartika", "Rina")


def quotes_of(body: str, *specs: tuple[str, ...]):
    return find_quotes(body, people(body, *specs))


# --- finding the quoted words ---------------------------------------------------------------


def test_curly_quote_with_post_cue_gives_text_without_marks() -> None:
    body = "“Kami siap melayani warga dengan sepenuh hati,” ujar Wahyu."
    [q] = quotes_of(body, WAHYU)
    assert q.text == "Kami siap melayani warga dengan sepenuh hati,"
    assert body[q.start : q.end] == q.text


def test_straight_quote_is_found() -> None:
    [q] = quotes_of('"Pelayanan harus cepat dan tepat," kata Zudan.', ZUDAN)
    assert q.text == "Pelayanan harus cepat dan tepat,"


def test_guillemet_quote_is_found() -> None:
    [q] = quotes_of("«Kami tidak akan mundur sedikit pun,» kata Rina.", RINA)
    assert q.text.startswith("Kami tidak akan mundur")
    assert q.speaker == "Rina Kartika"


def test_single_curly_quote_is_found() -> None:
    [q] = quotes_of("‘Saya tidak tahu apa-apa soal itu,’ kata Rina.", RINA)
    assert q.text == "Saya tidak tahu apa-apa soal itu,"


def test_apostrophe_in_jumat_does_not_open_a_quote() -> None:
    body = "Rina datang pada Jum'at pagi. 'Saya tidak tahu soal itu,' katanya."
    [q] = quotes_of(body, RINA)
    assert q.text == "Saya tidak tahu soal itu,"
    assert q.speaker == "Rina Kartika"


def test_unclosed_single_quote_is_an_apostrophe_and_does_not_hide_later_quotes() -> None:
    body = 'Lagu era \'90-an itu diputar lagi. "Lagu ini selalu membuat saya bahagia," kata Rina.'
    [q] = quotes_of(body, RINA)
    assert q.text == "Lagu ini selalu membuat saya bahagia,"


def test_quote_opened_mid_paragraph_is_found() -> None:
    body = (
        "Ke depannya Wahyu berharap program ini berlanjut. “Banyak lagi program yang sudah "
        "berprogres dengan baik,” pungkasnya."
    )
    [q] = quotes_of(body, WAHYU)
    assert q.text.startswith("Banyak lagi program")
    assert q.speaker == "Wahyu Hidayat"
    assert q.cue == "pungkasnya"


def test_quote_over_two_paragraphs_is_one_quote_with_a_part_per_paragraph() -> None:
    body = (
        "“Kami sudah bekerja sejak pagi. Semua petugas dikerahkan.\n"
        "“Hasilnya akan kami umumkan besok,” kata Zudan."
    )
    [q] = quotes_of(body, ZUDAN)
    assert [p.text for p in q.parts] == [
        "Kami sudah bekerja sejak pagi. Semua petugas dikerahkan.",
        "Hasilnya akan kami umumkan besok,",
    ]
    assert q.speaker == "Zudan Arif Fakrulloh"
    assert body[q.start : q.end] == q.text


def test_quote_split_around_attribution_is_one_quote_with_two_parts() -> None:
    body = '"Kami siap bekerja," kata Wahyu, "dan kami tidak akan mundur sedikit pun."'
    [q] = quotes_of(body, WAHYU)
    assert [p.text for p in q.parts] == ["Kami siap bekerja,", "dan kami tidak akan mundur sedikit pun."]
    assert q.speaker == "Wahyu Hidayat"
    assert q.cue == "kata"


def test_quote_cut_off_by_the_scraper_runs_to_the_end_of_its_paragraph() -> None:
    body = (
        "Erik menegaskan bahwa ASN harus beretika. “Pemahaman terkait hal tersebut harus dikuatkan "
        "sebagai bekal untuk bekerja dengan optimal dan melayani deng\n"
        "Selain itu, Erik mengajak ASN bekerja sama."
    )
    [q] = quotes_of(body, ERIK)
    assert q.text.endswith("melayani deng")
    assert q.speaker == "Erik Setyo Santoso"


def test_two_quotes_in_a_row_when_the_first_is_never_closed() -> None:
    body = "“Kami sudah siap sejak awal tahun ini. “Semua berjalan lancar,” ujar Rina."
    found = quotes_of(body, RINA)
    assert [q.text for q in found] == ["Kami sudah siap sejak awal tahun ini.", "Semua berjalan lancar,"]


def test_nested_single_quotes_stay_inside_the_double_quote() -> None:
    body = "“Mereka menyebut program ini ‘gila’, tapi hasilnya nyata,” kata Rina."
    [q] = quotes_of(body, RINA)
    assert q.text == "Mereka menyebut program ini ‘gila’, tapi hasilnya nyata,"


# --- not speech -----------------------------------------------------------------------------


def test_slogan_in_quotes_is_not_a_quote() -> None:
    body = "Langkah ini bagian dari strategi mewujudkan visi “Kota Hijau Berkelas” melalui program."
    assert quotes_of(body) == []


def test_programme_title_is_not_a_quote() -> None:
    body = 'Rina menonton film "Jaga Jakarta Bersih dan Aman Selalu" bersama keluarga.'
    assert quotes_of(body, RINA) == []


def test_scare_quotes_around_a_word_are_not_a_quote() -> None:
    assert quotes_of('Ia disebut sebagai "raja jalanan" oleh warga sekitar.') == []


def test_short_quote_with_a_speech_cue_is_a_quote() -> None:
    [q] = quotes_of('"Siap," kata Zudan.', ZUDAN)
    assert q.text == "Siap,"
    assert q.speaker == "Zudan Arif Fakrulloh"


def test_long_sentence_quoted_mid_sentence_is_speech() -> None:
    body = (
        'Rina menyebut rekannya "seorang pekerja yang cakap, jujur, dan selalu hadir untuk warga." '
        "Ia lalu pulang."
    )
    [q] = quotes_of(body, RINA)
    assert q.speaker == "Rina Kartika"


# --- speakers -------------------------------------------------------------------------------


def test_post_cue_with_full_name_gives_that_person() -> None:
    [q] = quotes_of('"Kami siap," ujar Wahyu Hidayat.', WAHYU)
    assert (q.speaker, q.speaker_id) == ("Wahyu Hidayat", entity_id(PERSON, "Wahyu Hidayat"))


def test_post_cue_with_role_before_name_gives_that_person() -> None:
    [q] = quotes_of('"ASN harus berubah," kata Kepala BKN Zudan.', ZUDAN)
    assert q.speaker == "Zudan Arif Fakrulloh"


def test_post_cue_with_role_apposition_gives_the_name() -> None:
    [q] = quotes_of('"Kami siap melayani," ujar Wali Kota Malang, Wahyu Hidayat.', WAHYU)
    assert q.speaker == "Wahyu Hidayat"


def test_apposition_naming_someone_on_both_sides_gives_the_name_after_the_comma() -> None:
    body = '"Permainan kami menurun," kata Pelatih Elektrik, Tien Mei kepada wartawan.'
    # The people finder misread the club as a person: the name after the comma still wins.
    [q] = quotes_of(body, ("Elektrik",), ("Tien Mei", "Tien"))
    assert q.speaker == "Tien Mei"


def test_name_before_affixed_verb_after_quote_is_the_speaker() -> None:
    body = 'Zudan hadir. Rina juga hadir.\n"Kami siap melayani," Rina menambahkan.'
    [q] = quotes_of(body, ZUDAN, RINA)
    assert q.speaker == "Rina Kartika"
    assert q.cue == "menambahkan"


def test_cue_keeps_the_word_as_written_with_offsets() -> None:
    body = "Rina hadir.\n“Kami siap melayani,” tuturnya."
    [q] = quotes_of(body, RINA)
    assert q.cue == "tuturnya"
    assert body[q.cue_start : q.cue_end] == "tuturnya"


def test_menurut_before_quote_gives_the_person_named() -> None:
    [q] = quotes_of('Menurut Wahyu, "Pelayanan publik harus lebih cepat dari sebelumnya."', WAHYU)
    assert (q.speaker, q.cue) == ("Wahyu Hidayat", "Menurut")


def test_menurut_with_a_descriptor_before_the_name_gives_that_person() -> None:
    body = 'Rina hadir. Menurut pengamat ekonomi Andi Pratama, "Waktunya berisiko tetapi arahnya benar."'
    [q] = quotes_of(body, RINA, ("Andi Pratama", "Andi"))
    assert q.speaker == "Andi Pratama"


def test_name_with_verb_and_colon_before_quote_gives_that_person() -> None:
    body = 'Zudan hadir lebih dulu. Wahyu berkata: "Kami akan terus bekerja keras untuk warga."'
    [q] = quotes_of(body, ZUDAN, WAHYU)
    assert q.speaker == "Wahyu Hidayat"


def test_speech_verb_right_before_the_mark_without_comma_is_a_pre_cue() -> None:
    body = 'Zudan hadir lebih dulu. Wahyu mengatakan "Kami akan terus bekerja keras untuk warga."'
    [q] = quotes_of(body, ZUDAN, WAHYU)
    assert (q.speaker, q.cue) == ("Wahyu Hidayat", "mengatakan")


def test_paragraph_ending_with_a_colon_attributes_the_quote_that_opens_the_next() -> None:
    body = "Zudan hadir lebih dulu. Wahyu kemudian berpesan:\n“Jangan pernah lelah melayani warga kota ini.”"
    [q] = quotes_of(body, ZUDAN, WAHYU)
    assert (q.speaker, q.cue) == ("Wahyu Hidayat", "berpesan")


def test_pronoun_before_quote_resolves_to_the_sentence_subject() -> None:
    body = 'Wahyu Hidayat hadir di acara itu. Ia menegaskan: "Tidak ada toleransi bagi pelanggar aturan."'
    [q] = quotes_of(body, WAHYU)
    assert (q.speaker, q.cue) == ("Wahyu Hidayat", "menegaskan")


def test_nya_cue_resolves_to_the_subject_not_the_person_mentioned_in_passing() -> None:
    body = "Wahyu menyebut Zudan akan hadir sebagai narasumber.\n“Beliau sudah konfirmasi hadir,” katanya."
    [q] = quotes_of(body, WAHYU, ZUDAN)
    assert q.speaker == "Wahyu Hidayat"


def test_kata_dia_resolves_to_the_latest_subject() -> None:
    body = (
        "Zudan datang bersama Wahyu. Zudan mengatakan bahwa ASN harus siap.\n"
        "“Kami sudah siap sejak lama,” kata dia."
    )
    [q] = quotes_of(body, ZUDAN, WAHYU)
    assert q.speaker == "Zudan Arif Fakrulloh"


def test_person_named_inside_another_quote_is_not_the_topic() -> None:
    body = (
        "Wahyu memberi sambutan.\n“Terima kasih kepada Pak Zudan yang sudah hadir,” ujarnya.\n"
        "“Kita mulai dari pelayanan dasar,” lanjutnya."
    )
    found = quotes_of(body, WAHYU, ZUDAN)
    assert [q.speaker for q in found] == ["Wahyu Hidayat", "Wahyu Hidayat"]


def test_quote_without_cue_goes_to_the_subject_of_the_sentence_before() -> None:
    body = (
        "Selain itu, pada kesempatan ini Erik memotivasi para ASN untuk terus belajar. "
        "“Ayo buka cangkangnya, turunkan ego-egonya, dan terus belajar hal baru.”"
    )
    [q] = quotes_of(body, ERIK)
    assert q.speaker == "Erik Setyo Santoso"
    assert q.cue is None


def test_new_subject_between_quotes_takes_over_the_pronoun() -> None:
    body = (
        "“Retret ini penting bagi kami,” kata Wahyu.\n"
        "Senada, Lurah Kedungkandang Rina Kartika menambahkan bahwa kegiatan ini bermanfaat.\n"
        "“Komunikasi antarpihak makin kuat,” tuturnya."
    )
    found = quotes_of(body, WAHYU, RINA)
    assert [q.speaker for q in found] == ["Wahyu Hidayat", "Rina Kartika"]


def test_descriptor_before_a_known_name_gives_that_person() -> None:
    body = 'Rina membuka acara.\n"Tim tidak menemukan aliran dana," kata anggota tim Andi Pratama di Jakarta.'
    [q] = quotes_of(body, RINA, ("Andi Pratama", "Andi"))
    assert q.speaker == "Andi Pratama"


def test_descriptor_without_a_known_name_goes_to_the_topic() -> None:
    body = 'Rina Kartika melatih tim itu.\n"Pemain harus tetap fokus," tutur pelatih asal Bandung ini.'
    [q] = quotes_of(body, RINA)
    assert q.speaker == "Rina Kartika"


def test_demikian_before_the_verb_still_gives_the_cue() -> None:
    body = "Rina hadir.\n“Kami tidak akan melanjutkan rencana itu,” demikian kata Zudan."
    [q] = quotes_of(body, RINA, ZUDAN)
    assert (q.speaker, q.cue) == ("Zudan Arif Fakrulloh", "kata")


def test_title_joined_by_dan_runs_to_the_name() -> None:
    body = "“Belum ada pemeriksaan,” kata Kepala Bidang Pembinaan dan Penegakan Hukum Rina Kartika."
    [q] = quotes_of(body, RINA)
    assert q.speaker == "Rina Kartika"


def test_person_mentioned_in_the_attribution_sentence_does_not_take_over() -> None:
    body = (
        "“Saya sudah bertunangan,” tulis Rina sembari mengunggah foto dirinya dan Andi di Instagram.\n"
        "“Kami sangat bahagia,” tambahnya."
    )
    found = quotes_of(body, RINA, ("Andi Pratama", "Andi"))
    assert [q.speaker for q in found] == ["Rina Kartika", "Rina Kartika"]


def test_agent_after_oleh_is_the_topic() -> None:
    body = (
        "“Retret ini penting,” kata Wahyu.\nHal senada disampaikan oleh Rina.\n“Kami siap berubah,” ujarnya."
    )
    found = quotes_of(body, WAHYU, RINA)
    assert [q.speaker for q in found] == ["Wahyu Hidayat", "Rina Kartika"]


def test_indefinite_speaker_is_left_unnamed() -> None:
    body = "Rina Kartika memimpin operasi itu.\n“Mereka memohon agar tidak dipulangkan,” kata seorang polisi."
    [q] = quotes_of(body, RINA)
    assert (q.speaker, q.cue) == (None, "kata")


def test_passive_attribution_in_the_next_sentence_gives_the_speaker() -> None:
    body = (
        "“Kami akan menata kawasan itu secepatnya tahun ini.” Hal itu disampaikan Wahyu saat ditemui.\n"
        "Rina juga hadir."
    )
    [q] = quotes_of(body, WAHYU, RINA)
    assert (q.speaker, q.cue) == ("Wahyu Hidayat", "disampaikan")


def test_pronoun_subject_keeps_the_previous_speaker_over_a_person_named_as_object() -> None:
    body = (
        "“Saya sudah memaafkan semuanya,” kata Rina.\n"
        "Saat itu dia menyatakan telah melepaskan dendam dan mengajak Andi berdamai.\n"
        "“Ada masalah yang lebih besar untuk dipikirkan,” tambahnya."
    )
    found = quotes_of(body, RINA, ("Andi Pratama", "Andi"))
    assert [q.speaker for q in found] == ["Rina Kartika", "Rina Kartika"]


def test_subject_known_person_before_the_verb_wins_over_the_word_before_it() -> None:
    body = "Direktur Rina Kartika kepada Kompas menjelaskan:\n“Kami memasarkan produk ini untuk semua orang.”"
    [q] = quotes_of(body, RINA)
    assert q.speaker == "Rina Kartika"


def test_indefinite_subject_before_the_quote_leaves_it_unnamed_and_its_sequel_too() -> None:
    body = (
        "Rina Kartika memimpin penyelidikan.\n"
        "Seorang musisi misalnya menulis: “Saya menjadi korban di kota itu.”\n"
        "“Ini sesuatu yang biasa terjadi,” ujarnya melanjutkan."
    )
    found = quotes_of(body, RINA)
    assert [q.speaker for q in found] == [None, None]


def test_passive_verb_with_the_name_after_the_quote_is_a_cue() -> None:
    body = "Rina hadir.\n“Kami tidak akan mundur dari rencana ini,” ditegaskan oleh Wahyu."
    [q] = quotes_of(body, RINA, WAHYU)
    assert (q.speaker, q.cue) == ("Wahyu Hidayat", "ditegaskan")


def test_passive_verb_after_a_slogan_does_not_make_it_a_quote() -> None:
    assert quotes_of("Program “Kota Sehat Bersama” diharapkan mampu menekan angka stunting.") == []


def test_unknown_speaker_is_named_as_written_without_id() -> None:
    [q] = quotes_of('"Kami siap melayani," kata Andi Pratama, warga setempat.')
    assert (q.speaker, q.speaker_id) == ("Andi Pratama", None)


def test_pronoun_after_an_unknown_speaker_keeps_that_speaker() -> None:
    body = '"Kami siap melayani," kata Andi Pratama.\n"Semua sudah kami siapkan," ujarnya.'
    found = quotes_of(body)
    assert [q.speaker for q in found] == ["Andi Pratama", "Andi Pratama"]


def test_english_quote_with_said_gives_the_speaker() -> None:
    [q] = quotes_of('"We are ready for the election," said Rina Kartika.', RINA)
    assert (q.speaker, q.cue) == ("Rina Kartika", "said")


def test_written_name_drops_the_role_before_the_name() -> None:
    assert written_name("Kepala Bidang Humas Polda Metro Jaya Komisaris Besar Andi Pratama") == "Andi Pratama"


def test_day_after_the_comma_is_not_a_name() -> None:
    assert written_name("Wali Kota Malang, Kamis") is None


def test_written_title_with_its_region_is_not_a_name() -> None:
    assert written_name("Bupati Sleman") is None


def test_written_name_of_a_role_alone_is_none() -> None:
    assert written_name("Deputi") is None


# --- the lexicon ----------------------------------------------------------------------------


def test_speech_lexicon_knows_root_affixed_and_nya_forms() -> None:
    assert speech_cue_kind("ujar") == ROOT
    assert speech_cue_kind("Menegaskan") == AFFIXED
    assert speech_cue_kind("pungkasnya") == NYA
    assert speech_cue_kind("rumah") is None


# --- hostile input --------------------------------------------------------------------------


def test_thousands_of_unbalanced_marks_give_well_formed_quotes() -> None:
    body = "“Saya datang dan pergi lagi, kata dia " * 2_000 + '"' * 3_000 + "'a " * 3_000
    found = find_quotes(body, [])
    assert all(body[q.start : q.end] == q.text for q in found)
    assert len(found) < 2_000


def test_unclosed_quotes_opening_many_paragraphs_do_not_make_one_endless_quote() -> None:
    body = "“Saya datang dan pergi lagi, ujar Budi\n" * 40
    found = find_quotes(body, [])
    assert found
    assert max(len(q.parts) for q in found) <= 12


# --- properties -----------------------------------------------------------------------------

QUOTEY = st.lists(
    st.sampled_from(list("ab CD,.:\n\"'“”‘’«»") + ["kata ", "ujarnya", " Rina ", "Menurut ", " ia "]),
    max_size=120,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), QUOTEY))
def test_any_text_gives_quotes_whose_offsets_slice_to_their_text(body: str) -> None:
    found = find_quotes(body, people(body, RINA))
    for q in found:
        assert body[q.start : q.end] == q.text
        for part in q.parts:
            assert q.start <= part.start <= part.end <= q.end
            assert body[part.start : part.end] == part.text
        if q.cue is not None:
            assert body[q.cue_start : q.cue_end] == q.cue
    assert [q.start for q in found] == sorted(q.start for q in found)


def test_attribution_by_role_alone_goes_to_the_one_person_holding_that_role() -> None:
    body = (
        "Dakwaan dibacakan jaksa KPK, Ali Fikri, di pengadilan.\n"
        "Sigit menerima hadiah agar mengubah temuan pemeriksa.\n"
        '"Terdakwa menerima hadiah dari rekanan," ujar Jaksa.\n'
    )
    ali = person(body, "Ali Fikri", role="jaksa KPK")
    sigit = person(body, "Sigit")
    [q] = find_quotes(body, [ali, sigit])
    assert q.speaker == "Ali Fikri"


def test_quote_attributed_to_them_has_no_single_speaker() -> None:
    body = 'Wali Kota Malang Wahyu Hidayat menemui warga.\n"Kami menolak rencana itu," kata mereka.'
    [q] = quotes_of(body, WAHYU)
    assert q.speaker is None


def test_quote_from_an_unnamed_source_has_no_speaker() -> None:
    body = 'Wali Kota Malang Wahyu Hidayat belum berkomentar.\n"Rapat itu batal," kata sumber di Balai Kota.'
    [q] = quotes_of(body, WAHYU)
    assert q.speaker is None


def test_unnamed_source_word_followed_by_a_pointer_refers_back() -> None:
    body = 'Rina Kartika, warga Sukun, ikut antre.\n"Antrean ini panjang sekali," kata warga itu.'
    [q] = quotes_of(body, RINA)
    assert q.speaker == "Rina Kartika"
