"""`kabar extract`: JSON lines in the issue's contract, a readable summary, skips on stderr."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main

CONTRACT_KEYS = {
    "id",
    "file",
    "story",
    "source",
    "title",
    "dateline",
    "published",
    "byline",
    "language",
    "body",
    "paragraphs",
    "entities",
    "quotes",
}
STORY = "Sleman Resmikan Pasar Rakyat Baru\nSLEMAN (Lentera) - Pemerintah meresmikan pasar rakyat.\n"


def run_extract(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(["extract", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_json_without_path_gives_one_line_per_bundled_story_in_file_order(capsys) -> None:
    status, out, err = run_extract(["--json"], capsys)
    records = [json.loads(line) for line in out.splitlines()]
    assert status == 0 and err == ""
    assert len(records) == 6
    names = [Path(r["file"]).name for r in records]
    assert names == sorted(names)
    assert [r["story"] for r in records if names.count(Path(r["file"]).name) == 2] == [1, 2]
    for record in records:
        assert CONTRACT_KEYS <= set(record)
        body = record["body"]
        assert all(body[a:b].strip() == body[a:b] != "" for a, b in record["paragraphs"])
        for entity in record["entities"]:
            assert entity["type"] in {"PERSON", "ORG", "PLACE", "DATE"}
            assert all(body[m["start"] : m["end"]] == m["text"] for m in entity["mentions"])


def test_json_published_is_iso_or_null(tmp_path: Path, capsys) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        "Judul Pasar Rakyat Baru\nRabu, 4 Juni 2025 10:00 WIB\nIsi berita pertama.\n", encoding="utf-8"
    )
    _status, out, _err = run_extract(["--json", str(path)], capsys)
    assert json.loads(out)["published"] == "2025-06-04"


def test_plain_treats_the_file_as_body_only(tmp_path: Path, capsys) -> None:
    path = tmp_path / "s.txt"
    path.write_text(STORY, encoding="utf-8")
    _status, out, _err = run_extract(["--json", "--plain", str(path)], capsys)
    record = json.loads(out)
    assert (record["title"], record["source"]) == (None, None)
    assert record["body"] == STORY.strip().replace("\n", "\n\n")


def test_summary_names_title_outlet_and_counts(tmp_path: Path, capsys) -> None:
    path = tmp_path / "s.txt"
    path.write_text(STORY, encoding="utf-8")
    status, out, _err = run_extract([str(path)], capsys)
    assert status == 0
    assert "Sleman Resmikan Pasar Rakyat Baru" in out
    assert "outlet Lentera · dateline Sleman · published ? · 1 paragraph · 4 words" in out
    assert "quotes: 0" in out


def test_summary_marks_a_story_without_headline(tmp_path: Path, capsys) -> None:
    path = tmp_path / "s.txt"
    path.write_text("SLEMAN (Lentera) - Pemerintah meresmikan pasar rakyat.\n", encoding="utf-8")
    _status, out, _err = run_extract([str(path)], capsys)
    assert "(no headline) Pemerintah meresmikan pasar rakyat. …" in out


def test_nothing_readable_exits_non_zero_with_a_message(tmp_path: Path, capsys) -> None:
    (tmp_path / "kosong.txt").write_bytes(b"")
    status, out, err = run_extract(["--json", str(tmp_path)], capsys)
    assert (status, out) == (1, "")
    assert err.splitlines() == [
        f"kabar: skipped {tmp_path / 'kosong.txt'}: empty file",
        f"kabar extract: no readable article files in {tmp_path}",
    ]


def test_folder_without_article_files_says_so(tmp_path: Path, capsys) -> None:
    status, _out, err = run_extract([str(tmp_path)], capsys)
    assert status == 1
    assert err == f"kabar extract: no article files (.txt, .md) in {tmp_path}\n"


def test_front_matter_warning_goes_to_stderr(tmp_path: Path, capsys) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: [rusak\n---\nIsi berita.\n", encoding="utf-8")
    status, _out, err = run_extract(["--json", str(path)], capsys)
    assert status == 0
    assert err.startswith(f"kabar: warning {path}: front matter is not valid YAML")


def test_max_bytes_must_be_a_positive_number(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", "--max-bytes", "nol"])
    assert exit_info.value.code == 2
    assert "not a whole number: 'nol'" in capsys.readouterr().err


def test_broken_pipe_ends_quietly(tmp_path: Path) -> None:
    for number in range(300):
        (tmp_path / f"a{number:03d}.txt").write_text(f"Isi berita nomor {number} yang cukup panjang.\n" * 20)
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "extract", "--json", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()  # like `| head -1`
    err = process.stderr.read().decode()
    assert process.wait(timeout=60) == 0
    assert json.loads(first)["story"] == 1
    assert err == ""


def test_file_name_with_escape_sequences_is_printed_escaped(tmp_path: Path, capsys) -> None:
    (tmp_path / "jahat\x1b]0;judul\x07.txt").write_bytes(b"\x00\x01")
    (tmp_path / "baik.txt").write_text(STORY, encoding="utf-8")
    status, _out, err = run_extract([str(tmp_path)], capsys)
    assert status == 0
    assert err == f"kabar: skipped {tmp_path}/jahat\\x1b]0;judul\\x07.txt: binary file (contains NUL bytes)\n"


def test_worker_processes_give_the_same_lines_in_the_same_order(tmp_path: Path, capsys) -> None:
    for number in range(30):
        text = f"Berita Nomor {number} Tentang Pasar\nSLEMAN (Lentera) - Isi berita nomor {number}.\n"
        (tmp_path / f"a{number:02d}.txt").write_text(text, encoding="utf-8")
    (tmp_path / "a15.txt").write_bytes(b"\x00")
    _status, one, one_err = run_extract(["--json", "--jobs", "1", str(tmp_path)], capsys)
    _status, two, two_err = run_extract(["--json", "--jobs", "2", str(tmp_path)], capsys)
    assert one == two and one_err == two_err
    assert [json.loads(line)["title"] for line in one.splitlines()][14:16] == [
        "Berita Nomor 14 Tentang Pasar",
        "Berita Nomor 16 Tentang Pasar",
    ]
