"""Bytes of untrusted files → text: encodings, line ends, and what is refused as not text."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.library.decode import NotText, decode_bytes

TEXT = "Wali Kota Malang berkata, “Kami siap.” Kafe — naïve.\nBaris dua."


def test_utf8_without_bom_reads_as_utf8() -> None:
    decoded = decode_bytes(TEXT.encode("utf-8"))
    assert (decoded.text, decoded.encoding) == (TEXT, "utf-8")


def test_utf8_bom_is_removed() -> None:
    assert decode_bytes(codecs.BOM_UTF8 + TEXT.encode("utf-8")).text == TEXT


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom_read_correctly(codec: str) -> None:
    data = TEXT.encode(codec)
    if codec == "utf-16-le":
        data = codecs.BOM_UTF16_LE + data
    elif codec == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    assert decode_bytes(data).text == TEXT


def test_utf16_without_bom_is_recognised_by_its_nul_pattern() -> None:
    plain = "Pemerintah Kota Malang menggelar retret.\nHari kedua."
    assert decode_bytes(plain.encode("utf-16-le")).text == plain
    assert decode_bytes(plain.encode("utf-16-be")).text == plain


def test_cp1252_smart_quotes_and_dashes_read_correctly() -> None:
    legacy = "“Kami siap,” ujar Wahyu – Wali Kota. Café.\n"
    decoded = decode_bytes(legacy.encode("cp1252"))
    assert decoded.text == legacy
    assert decoded.encoding == "cp1252"


def test_mostly_utf8_with_one_damaged_byte_keeps_the_good_characters() -> None:
    data = "“Kami siap,” ujar Wahyu — Wali Kota.".encode() + b"\xff" + " “Lagi.”".encode()
    text = decode_bytes(data).text
    assert text.startswith("“Kami siap,”")
    assert "\ufffd" in text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"satu\r\ndua\r\n", "satu\ndua\n"),
        (b"satu\rdua\r", "satu\ndua\n"),
        ("satu\u2028dua\u2029tiga".encode(), "satu\ndua\ntiga"),
        (b"satu\r\n\r\ndua", "satu\n\ndua"),
    ],
)
def test_line_ends_are_normalised_to_newline(raw: bytes, expected: str) -> None:
    assert decode_bytes(raw).text == expected


def test_empty_bytes_are_not_text() -> None:
    with pytest.raises(NotText, match="empty file"):
        decode_bytes(b"")


def test_nul_bytes_mark_a_binary_file() -> None:
    with pytest.raises(NotText, match="NUL"):
        decode_bytes(b"teks biasa\x00\x01\x02\x00\x00\xff lagi")


def test_known_binary_formats_are_named_in_the_reason() -> None:
    with pytest.raises(NotText, match="PNG image"):
        decode_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    with pytest.raises(NotText, match="PDF"):
        decode_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")


def test_many_control_bytes_mark_a_binary_file() -> None:
    with pytest.raises(NotText, match="control bytes"):
        decode_bytes(bytes([1, 2, 3, 4, 5, 6, 65]) * 50)


def test_escape_sequences_alone_do_not_make_a_file_binary() -> None:
    data = ("\x1b[31mmerah\x1b[0m " * 40).encode()
    assert "merah" in decode_bytes(data).text


@given(st.binary(max_size=2000))
def test_any_bytes_decode_or_give_a_one_line_reason(data: bytes) -> None:
    try:
        decoded = decode_bytes(data)
    except NotText as error:
        assert str(error) and "\n" not in str(error)
    else:
        assert "\r" not in decoded.text
