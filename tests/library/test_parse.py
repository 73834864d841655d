"""Raw scraped news text → clean articles: headline, dateline, junk, bylines, stories, paragraphs."""

from __future__ import annotations

from datetime import date

import pytest

from tui.library.article import content_fingerprint
from tui.library.parse import PARSER_VERSION, find_dateline, parse_date, parse_text

LEDE = "Pemerintah Kabupaten Sleman meresmikan pasar rakyat yang baru selesai dibangun pada Rabu (4/6/2025)."
SECOND = "Pasar itu menampung lebih dari dua ratus pedagang dari berbagai kecamatan di sekitarnya."
THIRD = "“Kami ingin pedagang kecil punya tempat yang layak,” kata Bupati."


def parse_one(text: str, file: str = "berita.txt"):
    articles = parse_text(text, file=file)
    assert len(articles) == 1, [a.title for a in articles]
    return articles[0]


# --- headline -------------------------------------------------------------------------------


def test_short_first_line_without_period_is_the_headline() -> None:
    article = parse_one(f"Sleman Resmikan Pasar Rakyat Baru\n{LEDE}\n{SECOND}\n")
    assert article.title == "Sleman Resmikan Pasar Rakyat Baru"
    assert article.body.startswith("Pemerintah Kabupaten Sleman")


def test_file_starting_with_the_body_has_no_headline() -> None:
    article = parse_one(f"SLEMAN (Harian Jogja) - {LEDE}\n{SECOND}\n")
    assert article.title is None
    assert article.body.startswith("Pemerintah Kabupaten Sleman")


def test_body_sentence_is_never_promoted_to_headline() -> None:
    article = parse_one(f"{SECOND}\n{LEDE}\n")
    assert article.title is None
    assert article.body.startswith(SECOND)


def test_single_line_file_is_body_not_headline() -> None:
    article = parse_one("Banjir Rendam Tiga Desa di Sleman\n")
    assert article.title is None
    assert article.body == "Banjir Rendam Tiga Desa di Sleman"


def test_stray_punctuation_before_the_headline_is_dropped() -> None:
    article = parse_one(f":\n---\nSleman Resmikan Pasar Rakyat Baru\n{LEDE}\n")
    assert article.title == "Sleman Resmikan Pasar Rakyat Baru"


def test_headline_ending_with_exclamation_is_kept() -> None:
    article = parse_one(f"Pasar Baru Siap Dibuka! Pedagang Diminta Mendaftar\n{LEDE}\n{SECOND}\n")
    assert article.title == "Pasar Baru Siap Dibuka! Pedagang Diminta Mendaftar"


# --- datelines ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("opening", "place", "outlet"),
    [
        ("JAKARTA, KOMPAS.com - ", "Jakarta", "kompas.com"),
        ("Jakarta (ANTARA) - ", "Jakarta", "ANTARA"),
        ("SLEMAN (Lentera) - ", "Sleman", "Lentera"),
        ("Kediri (beritajatim.com) – ", "Kediri", "beritajatim.com"),
        ("KOTA BATU, VOICEOFJATIM.COM – ", "Kota Batu", "voiceofjatim.com"),
        ("BLITAR |i JATIMSATUNEWS.COM; ", "Blitar", "jatimsatunews.com"),
        ("Liputan6.com, Jakarta - ", "Jakarta", "liputan6.com"),
        ("TEMPO.CO, Jakarta - ", "Jakarta", "tempo.co"),
        ("SURABAYA, detikJatim - ", "Surabaya", "detikJatim"),
        ("Jakarta, CNN Indonesia -- ", "Jakarta", "CNN Indonesia"),
        ("REPUBLIKA.CO.ID, BANDUNG -- ", "Bandung", "republika.co.id"),
        ("Bisnis.com, JAKARTA — ", "Jakarta", "bisnis.com"),
        ("Suara.com - ", None, "suara.com"),
        ("PONTIANAK - ", "Pontianak", None),
        ("Makassar (ANTARA News) : ", "Makassar", "ANTARA News"),
        ("Rimanews - ", None, "Rimanews"),
    ],
)
def test_dateline_forms_give_place_and_outlet(opening: str, place: str | None, outlet: str | None) -> None:
    article = parse_one(f"Judul Berita Tentang Pasar Rakyat\n{opening}{LEDE}\n{SECOND}\n")
    assert (article.dateline, article.source) == (place, outlet)
    assert article.body.startswith("Pemerintah Kabupaten Sleman")


def test_dateline_with_pipe_separator_gives_outlet() -> None:
    found = find_dateline("MALANG |i JATIMSATUNEWS.COM; Rangkaian acara")
    assert found is not None
    assert (found.place, found.outlet) == ("Malang", "jatimsatunews.com")


@pytest.mark.parametrize(
    "sentence",
    [
        "Wali Kota Sleman, Budi Santoso, mengatakan pasar siap dibuka.",
        "ASN - Aparatur Sipil Negara - wajib hadir.",
        "JAKARTA, Senin - Presiden meresmikan pasar.",
        "Kepala BKN: kami siap membantu.",
        "Menurut Budi, “pasar ini penting.”",
        "Presiden Joko Widodo (Jokowi): kita harus bekerja keras.",
    ],
)
def test_sentences_that_are_not_datelines_are_left_alone(sentence: str) -> None:
    assert find_dateline(sentence) is None


def test_title_case_name_pair_is_a_dateline_only_at_the_start_of_a_story() -> None:
    assert find_dateline("Ridwan - Uu unggul di Bandung.") is None
    assert find_dateline("Jakarta - Presiden meresmikan pasar.", at_story_start=True) is not None


def test_dateline_alone_on_its_line_is_removed_and_the_body_follows() -> None:
    article = parse_one(f"Judul Berita Tentang Pasar Rakyat\nJAKARTA, KOMPAS.com -\n{LEDE}\n{SECOND}\n")
    assert (article.dateline, article.source) == ("Jakarta", "kompas.com")
    assert article.body.startswith("Pemerintah Kabupaten Sleman")


# --- junk -----------------------------------------------------------------------------------


def test_page_junk_lines_are_removed() -> None:
    text = "\n".join(
        [
            "Judul Berita Tentang Pasar Rakyat",
            LEDE,
            "Baca juga: Pedagang Sleman Keluhkan Sepinya Pembeli",
            "ADVERTISEMENT",
            "SCROLL TO CONTINUE WITH CONTENT",
            SECOND,
            'Tonton juga video "Pasar Rakyat Sleman" di sini:',
            'Simak Video "Pasar Baru"',
            "Bagikan",
            "Halaman selanjutnya",
            "Pedagang berjualan di los baru pasar Sleman. (Foto: Humas Pemkab Sleman)",
            THIRD,
        ]
    )
    article = parse_one(text)
    assert article.body == "\n\n".join([LEDE, SECOND, THIRD])


def test_advertisement_glued_inside_a_paragraph_is_removed() -> None:
    article = parse_one(f"{LEDE} ADVERTISEMENT SCROLL TO CONTINUE WITH CONTENT {SECOND}\n")
    assert article.body == f"{LEDE} {SECOND}"


def test_lone_baca_juga_drops_the_linked_headline_after_it() -> None:
    article = parse_one(f"{LEDE}\nBaca Juga\nPedagang Sleman Keluhkan Sepinya Pembeli\n{SECOND}\n")
    assert article.body == f"{LEDE}\n\n{SECOND}"


def test_comment_form_and_everything_after_it_is_removed() -> None:
    form = "Tinggalkan Balasan\nAlamat email Anda tidak akan dipublikasikan.\nNama *\nEmail *\n"
    text = f"{LEDE}\n{SECOND}\n{form}"
    assert parse_one(text).body == f"{LEDE}\n\n{SECOND}"


def test_comment_prompts_end_the_article() -> None:
    text = f"{LEDE}\n{SECOND}\nTidak ada komentar:\nPosting Komentar\nApa yang Anda pikirkan?\n"
    assert parse_one(text).body == f"{LEDE}\n\n{SECOND}"


def test_blockquote_markers_are_removed() -> None:
    article = parse_one(f"{LEDE}\n> {THIRD}\n>> {SECOND}\n")
    assert article.body == "\n\n".join([LEDE, THIRD, SECOND])


def test_file_of_only_junk_gives_no_article() -> None:
    assert parse_text("Tinggalkan Balasan\nNama *\n", file="x.txt") == []
    assert parse_text(":\n---\n***\n", file="x.txt") == []


# --- bylines, initials and dates ------------------------------------------------------------


def test_reporter_and_editor_line_goes_to_byline() -> None:
    article = parse_one(f"{LEDE}\n{SECOND}\nReporter: Dewi Lestari/Editor: Ari\n")
    assert article.byline == "Reporter: Dewi Lestari/Editor: Ari"
    assert article.body.endswith(SECOND)


@pytest.mark.parametrize("initials", ["[abc/def]", "(dnu/dnu)", "(ant)"])
def test_bracketed_editor_initials_after_the_last_sentence_go_to_byline(initials: str) -> None:
    article = parse_one(f"{LEDE}\n{SECOND} {initials}\n")
    assert article.byline == initials[1:-1]
    assert article.body.endswith("di sekitarnya.")


def test_bracketed_initials_on_their_own_line_go_to_byline() -> None:
    article = parse_one(f"{LEDE}\n{SECOND}\n(rin/dwi)\n")
    assert (article.byline, article.body.endswith(SECOND)) == ("rin/dwi", True)


def test_bare_initials_after_the_last_sentence_go_to_byline() -> None:
    article = parse_one(f"{LEDE}\n{SECOND} Dwi\n")
    assert article.byline == "Dwi"
    assert article.body.endswith("di sekitarnya.")


def test_acronym_in_brackets_inside_the_text_is_not_a_byline() -> None:
    article = parse_one(f"{LEDE}\nAnggaran berasal dari Badan Pengelola Keuangan (BPK).\n")
    assert article.byline is None
    assert article.body.endswith("(BPK).")


def test_credit_and_date_lines_under_the_headline_are_metadata() -> None:
    text = (
        "Sleman Resmikan Pasar Rakyat Baru\nTim detikJogja - detikJogja\nRabu, 4 Juni 2025 14:30 WIB\n"
        f"SLEMAN, detikJogja - {LEDE}\n{SECOND}\n"
    )
    article = parse_one(text)
    assert article.published == date(2025, 6, 4)
    assert article.byline == "Tim detikJogja - detikJogja"
    assert (article.source, article.dateline) == ("detikJogja", "Sleman")
    assert article.body.startswith("Pemerintah Kabupaten Sleman")


def test_outlet_and_date_line_gives_source_and_published() -> None:
    article = parse_one(
        f"Sleman Resmikan Pasar Rakyat Baru\nKompas.com - 04/06/2025, 10:15 WIB\n{LEDE}\n{SECOND}\n"
    )
    assert (article.source, article.published) == ("kompas.com", date(2025, 6, 4))


def test_penulis_label_under_headline_goes_to_byline() -> None:
    article = parse_one(f"Sleman Resmikan Pasar Rakyat Baru\nPenulis: Rina Wati\n{LEDE}\n{SECOND}\n")
    assert article.byline == "Penulis: Rina Wati"
    assert article.body.startswith("Pemerintah")


def test_no_date_line_means_no_publication_date() -> None:
    assert parse_one(f"{LEDE}\n{SECOND}\n").published is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 Mei 2025", date(2025, 5, 15)),
        ("Kamis, 15 Mei 2025", date(2025, 5, 15)),
        ("May 15, 2025", date(2025, 5, 15)),
        ("15/5/2025", date(2025, 5, 15)),
        ("2025-05-15", date(2025, 5, 15)),
        ("3 Agt 2024", date(2024, 8, 3)),
        ("31/2/2025", None),
        ("tanpa tanggal", None),
    ],
)
def test_parse_date_reads_indonesian_and_iso_forms(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


# --- several stories ------------------------------------------------------------------------


def two_story_text(second_opening: str = "") -> str:
    return "\n\n".join(
        [
            "Sleman Resmikan Pasar Rakyat Baru",
            LEDE,
            SECOND,
            THIRD,
            "Bantul Gelar Festival Kuliner Tradisional Akhir Pekan Ini",
            second_opening
            + "Dinas Pariwisata Bantul menggelar festival kuliner tradisional di alun-alun pada Sabtu "
            "(7/6/2025) yang diikuti puluhan pelaku usaha kecil.",
            "Festival ini diharapkan menarik wisatawan dari luar daerah, kata kepala dinas.",
        ]
    )


def test_headline_after_a_finished_paragraph_starts_a_new_story() -> None:
    articles = parse_text(two_story_text(), file="halaman.txt")
    assert [a.title for a in articles] == [
        "Sleman Resmikan Pasar Rakyat Baru",
        "Bantul Gelar Festival Kuliner Tradisional Akhir Pekan Ini",
    ]
    assert [a.story for a in articles] == [1, 2]
    assert articles[0].body.endswith("kata Bupati.")
    assert articles[1].body.startswith("Dinas Pariwisata Bantul")


def test_headline_followed_by_a_dateline_starts_a_new_story() -> None:
    second = "Bantul Gelar Festival Kuliner\nBANTUL (Lentera) - Festival digelar.\nIni paragraf.\n"
    text = f"{LEDE}\n{SECOND}\n{second}"
    articles = parse_text(text, file="x.txt")
    assert [(a.title, a.dateline) for a in articles] == [
        (None, None),
        ("Bantul Gelar Festival Kuliner", "Bantul"),
    ]


def test_stories_of_one_page_share_its_outlet() -> None:
    text = two_story_text(second_opening="BANTUL - ").replace(LEDE, "SLEMAN (Lentera) - " + LEDE)
    articles = parse_text(text, file="x.txt")
    assert [(a.source, a.dateline) for a in articles] == [("Lentera", "Sleman"), ("Lentera", "Bantul")]


def test_headline_without_dateline_in_a_page_whose_stories_have_datelines_is_a_subheading() -> None:
    text = two_story_text().replace(LEDE, "SLEMAN (Lentera) - " + LEDE)
    [article] = parse_text(text, file="x.txt")
    assert "Bantul Gelar Festival Kuliner Tradisional Akhir Pekan Ini" in article.body


def test_headline_without_a_lede_date_after_it_is_a_subheading() -> None:
    text = two_story_text().replace("Sabtu (7/6/2025)", "akhir bulan")
    assert len(parse_text(text, file="x.txt")) == 1


def test_short_subheading_does_not_split_an_article() -> None:
    text = f"Sleman Resmikan Pasar Rakyat Baru\n{LEDE}\n{SECOND}\nAnggaran Pembangunan\n{THIRD}\n{SECOND}\n"
    article = parse_one(text)
    assert "Anggaran Pembangunan" in article.body


def test_subheading_followed_by_a_continuing_sentence_does_not_split() -> None:
    text = two_story_text().replace("Dinas Pariwisata Bantul menggelar", "Namun, dinas menggelar")
    assert len(parse_text(text, file="x.txt")) == 1


def test_mid_file_headline_in_a_file_without_headline_needs_a_dateline() -> None:
    text = two_story_text().split("\n\n", 1)[1]  # drop the first headline
    assert len(parse_text(text, file="x.txt")) == 1


# --- paragraphs, ids, language -------------------------------------------------------------


def test_paragraph_offsets_slice_the_body() -> None:
    article = parse_one(f"Judul Berita Tentang Pasar Rakyat\n\n{LEDE}\n\n\n{SECOND}\n{THIRD}\n")
    assert [article.body[a:b] for a, b in article.paragraphs] == [LEDE, SECOND, THIRD]
    assert article.body == "\n\n".join([LEDE, SECOND, THIRD])


def test_white_space_inside_lines_is_collapsed() -> None:
    assert parse_one("Satu  dua\u00a0\u00a0tiga\t empat.\n").body == "Satu dua tiga empat."


def test_hard_wrapped_paragraphs_are_joined() -> None:
    text = (
        "Warga Desa Sumberejo Gelar Kerja Bakti\n\n"
        "Warga Desa Sumberejo menggelar kerja bakti membersihkan saluran\n"
        "air pada Minggu pagi. Kegiatan ini diikuti oleh ratusan warga dari\n"
        "berbagai dusun di desa tersebut.\n\n"
        "Kepala desa mengatakan kegiatan serupa akan digelar setiap bulan\n"
        "agar saluran air tidak tersumbat saat musim hujan tiba nanti.\n"
    )
    article = parse_one(text)
    assert len(article.paragraphs) == 2
    assert "saluran air pada Minggu" in article.body


def test_id_survives_a_rename_and_fingerprint_hashes_the_body() -> None:
    text = f"Sleman Resmikan Pasar Rakyat Baru\n{LEDE}\n{SECOND}\n"
    first, moved = parse_one(text, "a/satu.txt"), parse_one(text, "b/dua.txt")
    assert first.id == moved.id
    assert first.file == "a/satu.txt"
    assert first.fingerprint == content_fingerprint(first.body)


def test_same_story_twice_in_one_file_gets_distinct_ids() -> None:
    text = two_story_text()
    story = text.split("\n\nBantul Gelar")[0]
    doubled = parse_text(f"{story}\n\n{story.replace(LEDE, 'SLEMAN (Lentera) - ' + LEDE)}", file="x.txt")
    assert len(doubled) == 2
    assert doubled[0].id != doubled[1].id


def test_english_text_is_marked_english() -> None:
    text = (
        "Floods Hit East Java\nJAKARTA (Reuters) - Floods hit the province of East Java on Tuesday, and "
        "thousands of people were evacuated from their homes by the authorities, officials said.\n"
    )
    assert parse_one(text).language == "en"
    assert parse_one(f"{LEDE}\n{SECOND}\n").language == "id"


def test_plain_mode_keeps_every_line_as_body() -> None:
    text = "Judul Pendek Sekali\nJAKARTA (ANTARA) - Satu.\nBaca juga: X\n(ant)\n"
    [article] = parse_text(text, file="x.txt", plain=True)
    assert article.title is None and article.source is None
    assert article.body == "Judul Pendek Sekali\n\nJAKARTA (ANTARA) - Satu.\n\nBaca juga: X\n\n(ant)"


def test_control_sequences_are_removed_and_markup_kept() -> None:
    article = parse_one("\x1b]0;judul\x07\x1b[31m[bold red]Awas[/bold red]\x1b[0m pasar dibuka.\n")
    assert article.body == "[bold red]Awas[/bold red] pasar dibuka."


def test_parser_version_is_a_positive_int() -> None:
    assert isinstance(PARSER_VERSION, int) and PARSER_VERSION >= 1


# --- Markdown -------------------------------------------------------------------------------


def test_markdown_front_matter_wins_over_inferred_fields() -> None:
    text = (
        "---\ntitle: Harga Beras Naik\nsource: Kompas.com\nurl: https://kompas.com/a\npublished: 2025-05-19\n"
        "author: [Ani, Budi]\nlanguage: id\n---\n"
        "# Judul Lain Di Berkas\n\nJAKARTA, KOMPAS.com - Harga beras naik di pasar. Pedagang\nmengeluh.\n\n"
        "Pemerintah akan menggelar [operasi pasar](https://example.com/op).\n"
    )
    article = parse_one(text, "harga.md")
    assert (article.title, article.source, article.url) == (
        "Harga Beras Naik",
        "kompas.com",
        "https://kompas.com/a",
    )
    assert (article.published, article.author, article.dateline) == (
        date(2025, 5, 19),
        "Ani, Budi",
        "Jakarta",
    )
    assert (
        article.body
        == "Harga beras naik di pasar. Pedagang mengeluh.\n\nPemerintah akan menggelar operasi pasar."
    )


def test_markdown_heading_is_the_title_without_front_matter() -> None:
    article = parse_one(f"# Pasar Baru\n\n{LEDE}\n\n## Anggaran\n\n{SECOND}\n", "a.md")
    assert article.title == "Pasar Baru"
    assert article.body == f"{LEDE}\n\nAnggaran\n\n{SECOND}"


def test_invalid_front_matter_is_a_warning_not_an_error() -> None:
    article = parse_one(f"---\ntitle: [tidak ditutup\n---\n{LEDE}\n", "a.md")
    assert article.body == LEDE
    assert article.title is None
    assert article.extra["warnings"][0].startswith("front matter is not valid YAML")


def test_front_matter_of_the_wrong_shape_is_ignored_with_a_warning() -> None:
    article = parse_one(f"---\n- satu\n- dua\n---\n{LEDE}\n", "a.md")
    assert article.extra["warnings"] == ["front matter is not a mapping of fields; ignored"]
    article = parse_one(f"---\ntitle: {{a: 1}}\npublished: kemarin\n---\n{LEDE}\n", "a.md")
    assert article.title is None and article.published is None
    assert len(article.extra["warnings"]) == 2


def test_front_matter_text_loses_control_characters() -> None:
    article = parse_one(f'---\ntitle: "Judul\\x1b[31m Merah"\n---\n{LEDE}\n', "a.md")
    assert article.title == "Judul Merah"


def test_dashes_at_the_top_of_a_txt_file_are_not_front_matter() -> None:
    article = parse_one(f"---\ntitle: bukan\n---\n{LEDE}\n", "a.txt")
    assert "title: bukan" in article.body


def test_section_kicker_and_breadcrumb_above_the_headline_are_dropped() -> None:
    for kicker in ("NASIONAL", "Home » Berita » Jogja"):
        article = parse_one(f"{kicker}\nSleman Resmikan Pasar Rakyat Baru\n{LEDE}\n{SECOND}\n")
        assert article.title == "Sleman Resmikan Pasar Rakyat Baru"
        assert article.body == f"{LEDE}\n\n{SECOND}"


def test_several_credit_lines_at_the_end_join_in_the_byline() -> None:
    article = parse_one(f"{LEDE}\n{SECOND}\nPenulis: Rina Wati\nEditor: Ari\n")
    assert article.byline == "Penulis: Rina Wati; Editor: Ari"
    assert article.body.endswith(SECOND)


def test_reporter_line_above_the_dateline_is_byline_not_hard_wrapping() -> None:
    text = (
        "Polisi Tangkap Pelaku Begal di Bekasi\n"
        "Laporan Wartawan Tribunnews.com, Ilham Rian Pratama\n"
        "TRIBUNNEWS.COM, BEKASI - Polisi menangkap dua pelaku begal di Bekasi pada Minggu (18/5/2025).\n"
        "Kedua pelaku kini ditahan di Polres Metro Bekasi.\n"
    )
    article = parse_one(text)
    assert (article.title, article.source, article.dateline) == (
        "Polisi Tangkap Pelaku Begal di Bekasi",
        "tribunnews.com",
        "Bekasi",
    )
    assert article.byline == "Laporan Wartawan Tribunnews.com, Ilham Rian Pratama"
    assert len(article.paragraphs) == 2


def test_outlet_footers_and_copyright_lines_are_removed() -> None:
    text = (
        f"{LEDE}\n{SECOND}\nPewarta: Budi Santoso\nEditor: Citra Dewi\nCOPYRIGHT © ANTARA 2025\n"
        "Dapatkan update berita pilihan dan breaking news setiap hari. Mari bergabung di grup kami, "
        "caranya klik tautan, kemudian bergabung. Anda harus memasang aplikasi terlebih dulu di ponsel.\n"
    )
    article = parse_one(text)
    assert article.body == f"{LEDE}\n\n{SECOND}"
    assert article.byline == "Pewarta: Budi Santoso; Editor: Citra Dewi"


def test_html_tags_and_entities_left_by_the_scraper_are_cleaned() -> None:
    text = (
        "<h1>Sleman Resmikan Pasar Rakyat Baru</h1>\n"
        f"<p>{LEDE}</p>\n"
        "<p>Pedagang &amp; pembeli menyambut <strong>baik</strong>&nbsp;pasar itu.<br/>Harga tetap.</p>\n"
    )
    article = parse_one(text)
    assert article.title == "Sleman Resmikan Pasar Rakyat Baru"
    assert article.body == f"{LEDE}\n\nPedagang & pembeli menyambut baik pasar itu. Harga tetap."


def test_escaped_markup_and_angle_brackets_in_sentences_stay_literal() -> None:
    article = parse_one("Tulis &lt;p&gt; di sana jika 3 < 4 dan &#27;[31m tidak lolos.\n")
    assert article.body == "Tulis <p> di sana jika 3 < 4 dan [31m tidak lolos."


def test_markdown_emphasis_images_and_code_keep_only_the_words() -> None:
    text = (
        "# Pasar Baru\n\n![foto pasar](https://x.example/a.jpg)\n\n"
        "**Pemerintah** meresmikan pasar *rakyat* dengan kode `PSR-01` pada __Rabu__.\n"
    )
    article = parse_one(text, "a.md")
    assert article.body == "Pemerintah meresmikan pasar rakyat dengan kode PSR-01 pada Rabu."


def test_markdown_asterisks_that_are_not_emphasis_stay() -> None:
    article = parse_one("# Harga\n\nHarga naik 2 * 3 kali, kata pedagang*.\n", "a.md")
    assert article.body == "Harga naik 2 * 3 kali, kata pedagang*."
