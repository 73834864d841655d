"""Bytes of an untrusted file → text with `\\n` line ends, or a one-line reason why it is not text.

Handles UTF-8 with or without BOM, UTF-16/32 with BOM, UTF-16 without BOM, legacy single-byte
encodings (Windows-1252 first: it is what Indonesian and English files written on Windows use; other
encodings through charset-normalizer), CRLF, CR and Unicode line separators. Rejects binary files.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass


class NotText(Exception):
    """The bytes are not a text file; str(e) is the reason, one line, for the user."""


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str  # line ends normalised to "\n"; controls are NOT stripped here (see sanitize)
    encoding: str  # the codec that read it, e.g. "utf-8", "utf-16", "cp1252"


# Longest first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Formats people save next to their articles by mistake: named so the skip reason says what it is.
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.odt)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program (ELF)"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0", "an MS Office document"),
)

_SAMPLE = 64 * 1024
_DETECTION_SAMPLE = 256 * 1024
# Bytes that never occur in text (tab, LF, FF, CR and ESC excluded: ESC is handled by sanitize).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27)) + b"\x7f"
_MAX_CONTROL_RATIO = 0.05
# A legacy file in a Latin-script language has few non-ASCII characters; when a cp1252 reading gives
# more than this share of them, the file is probably in another script (KOI8-R, GBK...).
_MAX_LATIN_NON_ASCII_RATIO = 0.1

_LINE_BREAK = re.compile("\r\n?|[\u2028\u2029\x85\x0b\x0c]")


def decode_bytes(data: bytes) -> DecodedText:
    """Decode an untrusted file's bytes. Raises NotText (empty, binary, unknown format)."""
    if not data:
        raise NotText("empty file")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(codec, errors="replace")
            return DecodedText(_normalise_line_ends(text), codec.removesuffix("-le").removesuffix("-be"))
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise NotText(f"binary file ({what})")
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        codec = _utf16_without_bom(sample)
        if codec is None:
            raise NotText("binary file (contains NUL bytes)")
        text = data.decode(codec, errors="replace")
        return DecodedText(_normalise_line_ends(text), "utf-16")
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > _MAX_CONTROL_RATIO * len(sample):
        raise NotText("binary file (control bytes)")
    text, codec = _decode_without_bom(data)
    return DecodedText(_normalise_line_ends(text), codec)


def _normalise_line_ends(text: str) -> str:
    return _LINE_BREAK.sub("\n", text)


def _utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le' or '-be' when NUL bytes sit in every other position as in ASCII-range UTF-16."""
    even, odd = sample[0::2], sample[1::2]
    pairs = min(len(even), len(odd))
    if pairs < 2 or len(sample) % 2:
        return None
    if odd.count(0) >= 0.9 * pairs and even.count(0) <= 0.1 * pairs:
        return "utf-16-le"
    if even.count(0) >= 0.9 * pairs and odd.count(0) <= 0.1 * pairs:
        return "utf-16-be"
    return None


def _decode_without_bom(data: bytes) -> tuple[str, str]:
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Mostly UTF-8 with a few damaged bytes (a truncated download, one stray byte): reading it all
    # as cp1252 would garble every good character, so keep UTF-8 and mark the damage.
    lenient = data.decode("utf-8", errors="replace")
    damaged = lenient.count("\ufffd")
    good = _non_ascii_count(lenient) - damaged
    if good > damaged:
        return lenient, "utf-8"
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and _looks_latin(western):
        return western, "cp1252"
    guess = _charset_normalizer_guess(data)
    if guess is not None:
        return guess
    if western is not None:
        return western, "cp1252"
    return data.decode("latin-1"), "latin-1"  # every byte is a latin-1 character: cannot fail


def _looks_latin(text: str) -> bool:
    return _non_ascii_count(text) <= _MAX_LATIN_NON_ASCII_RATIO * len(text)


def _non_ascii_count(text: str) -> int:
    return len(text) - len(text.encode("ascii", errors="ignore"))  # C speed, no Python loop


def _charset_normalizer_guess(data: bytes) -> tuple[str, str] | None:
    # Imported here: it is only needed for the rare legacy file and costs start-up time.
    from charset_normalizer import from_bytes

    # Detect on a sample (detection costs far more than decoding), then decode everything.
    best = from_bytes(data[:_DETECTION_SAMPLE]).best()
    if best is None:
        return None
    return data.decode(best.encoding, errors="replace"), best.encoding
