"""Terminal control sequences are removed from untrusted text; markup-looking text stays literal."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui.library.sanitize import escape_controls, strip_controls


def test_csi_colour_and_cursor_sequences_are_removed() -> None:
    assert strip_controls("\x1b[31;1mMerah\x1b[0m dan \x1b[2J\x1b[Hbersih") == "Merah dan bersih"


def test_osc_title_and_hyperlink_sequences_are_removed_with_their_payload() -> None:
    text = "a\x1b]0;judul palsu\x07b \x1b]8;;https://jahat.example\x1b\\tautan\x1b]8;;\x1b\\ c"
    assert strip_controls(text) == "ab tautan c"


def test_unterminated_osc_stops_at_the_line_end() -> None:
    assert strip_controls("awal\x1b]0;tanpa akhir\nbaris berikutnya") == "awal\nbaris berikutnya"


def test_eight_bit_csi_and_other_c1_controls_are_removed() -> None:
    assert strip_controls("x\x9b31my\x85z\x9dpayload\x9c!") == "xyz!"


def test_c0_controls_other_than_tab_and_newline_are_removed() -> None:
    assert strip_controls("a\x00b\x07c\x08d\te\nf\rg\x7fh") == "abcd\te\nfgh"


def test_bidi_overrides_are_removed() -> None:
    assert strip_controls("abc\u202edcba\u202c") == "abcdcba"


def test_invisible_characters_inside_words_are_removed() -> None:
    assert strip_controls("penge\u00adluaran Wa\u200bhyu\u2060 \ufeffok") == "pengeluaran Wahyu ok"


def test_markup_looking_text_is_kept_literally() -> None:
    text = "[bold red]x[/bold red] dan [link=https://a.b]c[/link]"
    assert strip_controls(text) == text


def test_ordinary_indonesian_text_is_unchanged() -> None:
    text = "“Kami siap,” ujar Wahyu — Wali Kota Malang.\n\tParagraf dua: naïve café."
    assert strip_controls(text) == text


@given(st.text())
def test_no_control_character_survives(text: str) -> None:
    cleaned = strip_controls(text)
    assert not any((ord(ch) < 32 and ch not in "\t\n") or 0x7F <= ord(ch) <= 0x9F for ch in cleaned)
    assert strip_controls(cleaned) == cleaned


def test_escape_controls_shows_control_characters_as_escapes() -> None:
    assert escape_controls("a\x1b]0;x\x07.txt") == "a\\x1b]0;x\\x07.txt"
    assert escape_controls("berita biasa.txt") == "berita biasa.txt"


def test_lone_surrogates_are_removed_so_the_text_can_be_printed() -> None:
    assert strip_controls("x\ud800y\udfffz") == "xyz"
