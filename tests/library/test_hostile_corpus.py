"""A library of every kind of bad input: each bad file is skipped with one exact line, the rest loads,
and `kabar extract` exits 0 with no traceback."""

from __future__ import annotations

import codecs
import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.cli import main
from tui.library.loader import SkipFile, Skipped, load_file, load_library

STORY = (
    "Sleman Resmikan Pasar Rakyat Baru\n"
    "SLEMAN (Lentera) – Pemerintah Kabupaten Sleman meresmikan pasar rakyat pada Rabu (4/6/2025).\n"
    "“Kami siap melayani,” kata Bupati.\n"
)
MAX_BYTES = 4096


def build_hostile_corpus(root: Path) -> tuple[set[str], dict[str, str]]:
    """Write the corpus; return (names that must load, {name: reason} for those that must be skipped)."""
    root.mkdir()
    good: set[str] = set()

    def text_file(name: str, data: bytes) -> None:
        (root / name).write_bytes(data)
        good.add(name)

    text_file("utf8.txt", STORY.encode())
    text_file("utf8-bom.txt", codecs.BOM_UTF8 + STORY.encode())
    text_file("utf16-le-bom.txt", STORY.encode("utf-16"))
    text_file("utf16-be-bom.txt", codecs.BOM_UTF16_BE + STORY.encode("utf-16-be"))
    text_file("cp1252.txt", STORY.encode("cp1252"))
    text_file("crlf.txt", STORY.replace("\n", "\r\n").encode())
    text_file("cr.txt", STORY.replace("\n", "\r").encode())
    text_file(
        "escapes.txt",
        ("\x1b]0;judul palsu\x07\x1b[2J" + STORY + "\x1b[31m[bold red]Awas[/bold red]\x1b[0m.\n").encode(),
    )
    text_file("catatan.md", ("---\ntitle: Judul Dari Front Matter\n---\n" + STORY).encode())

    (root / "binary.txt").write_bytes(b"\x7fELG\x00\x00\x01\x02" + bytes(range(256)))
    (root / "nul.txt").write_bytes(b"teks\x00dengan\x00nul")
    (root / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.txt").write_bytes(b"  \r\n\t\n")
    (root / "junk-only.txt").write_bytes(b"Tinggalkan Balasan\nNama *\nEmail *\n")
    (root / "big.txt").write_bytes(b"a" * (MAX_BYTES + 1))
    (root / "folder.txt").mkdir()
    (root / "folder.txt" / "inside.txt").write_bytes(STORY.encode())  # not read: its folder is skipped
    (root / "loop").symlink_to(root)
    (root / "self.txt").symlink_to(root / "self.txt")
    (root / "gone.txt").symlink_to(root / "does-not-exist.txt")
    os.mkfifo(root / "pipe.txt")
    skipped = {
        "binary.txt": "binary file (contains NUL bytes)",
        "nul.txt": "binary file (contains NUL bytes)",
        "image.md": "binary file (a PNG image)",
        "empty.txt": "empty file",
        "blank.txt": "empty file (only white space)",
        "junk-only.txt": "no article text (only page furniture such as comment forms or share prompts)",
        "big.txt": "too large (4 KB; the limit is 4 KB)",
        "folder.txt": "is a folder named like a file; not read",
        "loop": "symbolic link loop (points back to a folder above it)",
        "self.txt": "symbolic link loop",
        "gone.txt": "broken symbolic link",
        "pipe.txt": "not a regular file (device, pipe or socket)",
    }
    return good, skipped


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, set[str], dict[str, str]]:
    root = tmp_path / "hostile"
    good, skipped = build_hostile_corpus(root)
    return root, good, skipped


def test_hostile_corpus_loads_the_good_files_and_skips_each_bad_one_with_its_reason(corpus) -> None:
    root, good, expected_skips = corpus
    skipped: list[Skipped] = []
    articles = load_library([root], max_bytes=MAX_BYTES, on_skip=skipped.append)
    assert {Path(a.file).name for a in articles} == good
    assert {Path(s.path).name: s.reason for s in skipped} == expected_skips
    assert len(skipped) == len(expected_skips)  # one line each


def test_every_encoding_in_the_hostile_corpus_reads_to_the_same_article(corpus) -> None:
    root, _good, _skips = corpus
    articles = load_library([root], max_bytes=MAX_BYTES)
    plain = [a for a in articles if Path(a.file).suffix == ".txt" and Path(a.file).name != "escapes.txt"]
    assert len(plain) == 7
    assert {(a.title, a.source, a.dateline, a.body) for a in plain} == {
        (
            "Sleman Resmikan Pasar Rakyat Baru",
            "Lentera",
            "Sleman",
            "Pemerintah Kabupaten Sleman meresmikan pasar rakyat pada Rabu (4/6/2025).\n\n"
            "“Kami siap melayani,” kata Bupati.",
        )
    }


def test_escape_sequences_are_gone_and_markup_is_literal(corpus) -> None:
    root, _good, _skips = corpus
    [article] = load_library([root / "escapes.txt"])
    assert article.title == "Sleman Resmikan Pasar Rakyat Baru"
    assert article.body.endswith("kata Bupati.\n\n[bold red]Awas[/bold red].")
    assert "\x1b" not in article.body


def test_kabar_extract_on_the_hostile_corpus_prints_one_line_per_skip_and_exits_0(
    corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    root, good, expected_skips = corpus
    status = main(["extract", "--json", "--max-bytes", str(MAX_BYTES), str(root)])
    out, err = capsys.readouterr()
    assert status == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert {Path(r["file"]).name for r in records} == good
    assert sorted(err.splitlines()) == sorted(
        f"kabar: skipped {root / name}: {reason}" for name, reason in expected_skips.items()
    )
    assert "Traceback" not in err


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".md"]))
def test_any_file_content_loads_or_is_skipped_with_a_reason(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"acak{suffix}"
        path.write_bytes(data)
        try:
            articles = load_file(path, max_bytes=MAX_BYTES)
        except SkipFile as error:
            assert str(error) and "\n" not in str(error)
        else:
            assert articles and all(a.body and a.file == str(path) for a in articles)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_file_without_read_permission_is_skipped_and_the_rest_loads(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    locked = tmp_path / "b.txt"
    locked.write_text(STORY, encoding="utf-8")
    locked.chmod(0)
    skipped: list[Skipped] = []
    try:
        articles = load_library([tmp_path], on_skip=skipped.append)
    finally:
        locked.chmod(0o644)
    assert [Path(a.file).name for a in articles] == ["a.txt"]
    assert skipped == [Skipped(str(locked), "permission denied")]
