"""Finding article files in folders and reading them, with a reason for each file not read."""

from __future__ import annotations

import errno
import os
import sys
import traceback
from pathlib import Path

import pytest

from tui.library import loader
from tui.library.loader import (
    DEFAULT_MAX_BYTES,
    SUFFIXES,
    SkipFile,
    Skipped,
    discover,
    format_size,
    load_file,
    load_library,
)

STORY = "Sleman Resmikan Pasar Rakyat Baru\nSLEMAN (Lentera) - Pemerintah meresmikan pasar rakyat.\n"


def write(path: Path, text: str = STORY) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_contract_constants() -> None:
    assert SUFFIXES == (".txt", ".md")
    assert DEFAULT_MAX_BYTES == 5 * 1024 * 1024


def test_discover_walks_folders_recursively_in_name_order(tmp_path: Path) -> None:
    for name in ("b.txt", "a.md", "sub/c.txt", "sub/deeper/d.txt", "notes.json", ".hidden.txt", ".git/x.txt"):
        write(tmp_path / name)
    found = [p.relative_to(tmp_path).as_posix() for p in discover([tmp_path])]
    assert found == ["a.md", "b.txt", "sub/c.txt", "sub/deeper/d.txt"]


def test_discover_keeps_the_given_path_as_prefix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "lib" / "a.txt")
    monkeypatch.chdir(tmp_path)
    assert [str(p) for p in discover(["lib"])] == [os.path.join("lib", "a.txt")]


def test_file_named_on_the_command_line_is_read_whatever_its_suffix(tmp_path: Path) -> None:
    path = write(tmp_path / "artikel.text")
    assert list(discover([path])) == [path]


def test_each_file_is_found_once_even_through_a_symlink_or_twice_given(tmp_path: Path) -> None:
    real = write(tmp_path / "lib" / "a.txt")
    (tmp_path / "lib" / "b.txt").symlink_to(real)
    assert list(discover([tmp_path / "lib", real])) == [real]


def test_missing_path_is_reported(tmp_path: Path) -> None:
    skipped: list[Skipped] = []
    assert list(discover([tmp_path / "tidak-ada"], skipped.append)) == []
    assert skipped == [Skipped(str(tmp_path / "tidak-ada"), "no such file or folder")]
    assert str(skipped[0]) == f"kabar: skipped {tmp_path / 'tidak-ada'}: no such file or folder"


def test_load_file_gives_articles_with_the_path_as_file(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt")
    [article] = load_file(path)
    assert (article.file, article.title, article.source) == (
        str(path),
        "Sleman Resmikan Pasar Rakyat Baru",
        "Lentera",
    )


def test_file_over_the_cap_is_skipped_with_both_sizes(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "x" * 3000)
    with pytest.raises(SkipFile, match=r"too large \(2.9 KB; the limit is 2 KB\)"):
        load_file(path, max_bytes=2048)


def test_unreadable_file_is_skipped_as_permission_denied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "a.txt")

    def refuse(*_args: object, **_kwargs: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(loader.os, "open", refuse)
    with pytest.raises(SkipFile, match="^permission denied$"):
        load_file(path)


def test_whitespace_only_file_is_skipped(tmp_path: Path) -> None:
    with pytest.raises(SkipFile, match="only white space"):
        load_file(write(tmp_path / "a.txt", " \n\t\n"))


def test_junk_only_file_is_skipped(tmp_path: Path) -> None:
    with pytest.raises(SkipFile, match="no article text"):
        load_file(write(tmp_path / "a.txt", "Tinggalkan Balasan\nNama *\n"))


def test_load_library_reads_everything_it_can_and_reports_the_rest(tmp_path: Path) -> None:
    write(tmp_path / "a.txt")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02")
    skipped: list[Skipped] = []
    articles = load_library([tmp_path], on_skip=skipped.append)
    assert [Path(a.file).name for a in articles] == ["a.txt"]
    assert skipped == [Skipped(str(tmp_path / "b.txt"), "binary file (contains NUL bytes)")]


def test_bundled_articles_load_with_their_structure(articles_dir: Path) -> None:
    articles = load_library([articles_dir])
    assert len(articles) == 6  # five files, one of them with two stories
    by_name = {(Path(a.file).name, a.story): a for a in articles}
    assert by_name[("beritajatim-pemkot-malang-gelar-retret-leadership.txt", 1)].title is None
    lentera = by_name[("lentera-usai-asn-pemkot-retret-3-hari.txt", 1)]
    assert (lentera.source, lentera.dateline) == ("Lentera", "Malang")
    assert lentera.byline == "Reporter: Santi Wahyu/Editor: Ais"
    assert by_name[("pemkot-malang-panen-penghargaan-dan-sekda-budaya-kerja.txt", 2)].title is not None


@pytest.mark.parametrize(
    ("size", "text"), [(0, "0 bytes"), (812, "812 bytes"), (3500, "3.4 KB"), (5 * 1024 * 1024, "5 MB")]
)
def test_format_size_is_for_people(size: int, text: str) -> None:
    assert format_size(size) == text


def test_a_folder_tree_deeper_than_the_recursion_limit_is_walked(tmp_path: Path) -> None:
    deep = tmp_path / "lib"
    for _ in range(300):
        deep = deep / "d"
    deep.mkdir(parents=True)
    write(deep / "a.txt")
    # Lower the limit rather than build a tree 1,000 folders deep (which breaks tools that recurse,
    # pytest's own clean-up among them): a walk that recursed per folder would now fail.
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(traceback.extract_stack()) + 150)
    try:
        found = [p.name for p in discover([tmp_path / "lib"])]
    finally:
        sys.setrecursionlimit(limit)
    assert found == ["a.txt"]
