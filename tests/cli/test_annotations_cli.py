"""`kabar annotations add | list | export | import | check`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main
from tui.library.loader import load_library

ARTICLE = """\
Warga Keluhkan Jalan Rusak di Kecamatan Lowokwaru

MALANG, Kabarkita.id - Warga Kecamatan Lowokwaru mengeluhkan jalan rusak yang tak kunjung diperbaiki.
"Sudah tiga bulan kami menunggu perbaikan, tapi belum ada kepastian," kata Sutrisno, warga setempat.
Dinas Pekerjaan Umum berjanji memperbaiki jalan tersebut bulan depan.
Menurut Sutrisno, jalan rusak itu sering memicu kecelakaan pada malam hari.
"""
QUOTE = "Sudah tiga bulan kami menunggu perbaikan"


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "jalan-rusak.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _add(path: Path, *extra: str) -> int:
    return main(["annotations", "add", str(path), "--quote", QUOTE, "--note", "Tindak lanjut", *extra])


def _list(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict]:
    capsys.readouterr()
    assert main(["annotations", "list", "--json", *args]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_add_saves_the_note_and_list_shows_it_anchored(
    article_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _add(article_file, "--tag", "infrastruktur", "--tag", "warga") == 0
    assert capsys.readouterr().out.startswith("added ")
    [record] = _list(capsys, str(article_file))
    assert record["quote"] == QUOTE and record["note"] == "Tindak lanjut"
    assert record["tags"] == ["infrastruktur", "warga"]
    assert record["user"] == "tester" and record["anchor"] == "exact"
    assert record["file"] == str(article_file.resolve()) or record["file"] == str(article_file)
    assert set(record) >= {"id", "file", "quote", "note", "tags", "user", "anchor"}


def test_add_of_text_not_in_the_article_fails_with_a_clear_message(
    article_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["annotations", "add", str(article_file), "--quote", "tidak ada di artikel", "--note", "x"])
    assert code == 1
    assert "the text is not in the article" in capsys.readouterr().err
    assert _list(capsys) == []


def test_add_chooses_the_occurrence_asked_for(article_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "jalan rusak"
    assert main(["annotations", "add", str(article_file), "--quote", text, "--occurrence", "2"]) == 0
    [record] = _list(capsys, str(article_file))
    body = load_library([article_file])[0].body
    assert record["start"] == body.index(text, body.index(text) + 1)
    assert record["quote"] == text and record["motivation"] == "highlighting"


def test_add_with_an_occurrence_that_does_not_exist_fails(
    article_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["annotations", "add", str(article_file), "--quote", "Sutrisno", "--occurrence", "9"]) == 1
    assert "occurs 2 time(s), not 9" in capsys.readouterr().err


def test_add_with_a_missing_story_fails(article_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _add(article_file, "--story", "5") == 1
    assert "no story 5" in capsys.readouterr().err


def test_add_stores_the_speaker_correction(article_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _add(article_file, "--speaker", "Sutrisno (warga)") == 0
    [record] = _list(capsys)
    assert record["speaker"] == "Sutrisno (warga)"


def test_user_option_keeps_annotators_apart(article_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _add(article_file, "--user", "ana") == 0
    assert _add(article_file) == 0
    assert [r["user"] for r in _list(capsys, "--user", "ana")] == ["ana"]
    assert [r["user"] for r in _list(capsys)] == ["tester"]
    assert sorted(r["user"] for r in _list(capsys, "--all-users")) == ["ana", "tester"]


def test_list_after_the_article_was_edited_reports_moved(
    article_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _add(article_file) == 0
    text = article_file.read_text(encoding="utf-8")
    article_file.write_text(
        text.replace("jalan rusak yang", "jalan berlubang dan rusak yang"), encoding="utf-8"
    )
    [record] = _list(capsys, str(article_file))
    assert record["anchor"] == "moved" and record["quote"] == QUOTE


def test_list_marks_a_deleted_passage_orphan_and_check_reports_it(
    article_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _add(article_file) == 0
    text = article_file.read_text(encoding="utf-8")
    kept = [line for line in text.splitlines() if QUOTE not in line]
    article_file.write_text("\n".join(kept) + "\n", encoding="utf-8")
    [record] = _list(capsys)
    assert record["anchor"] == "orphan" and record["stored_quote"] == QUOTE
    capsys.readouterr()
    assert main(["annotations", "check"]) == 1
    assert "orphan (passage not found)" in capsys.readouterr().out


def test_broken_file_is_named_on_stderr_and_left_alone(
    article_file: Path, capsys: pytest.CaptureFixture[str], isolated_folders: Path
) -> None:
    assert _add(article_file) == 0
    [yaml_file] = (isolated_folders / "data" / "annotations" / "tester").glob("*.yaml")
    yaml_file.write_bytes(b"schema: [\n")
    capsys.readouterr()
    assert main(["annotations", "list"]) == 1
    assert str(yaml_file) in capsys.readouterr().err
    assert _add(article_file) == 1
    assert str(yaml_file) in capsys.readouterr().err
    assert yaml_file.read_bytes() == b"schema: [\n"


@pytest.mark.parametrize(
    ("fmt", "marker"), [("markdown", "> Sudah tiga"), ("csv", "id,user"), ("json", "@context")]
)
def test_export_writes_each_format_to_a_file(
    article_file: Path, tmp_path: Path, fmt: str, marker: str
) -> None:
    assert _add(article_file) == 0
    out = tmp_path / f"export.{fmt}"
    assert main(["annotations", "export", "--format", fmt, "--out", str(out)]) == 0
    assert marker in out.read_text(encoding="utf-8")


def test_import_of_an_export_is_idempotent(
    article_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _add(article_file) == 0
    out = tmp_path / "export.json"
    assert main(["annotations", "export", "--format", "json", "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["annotations", "import", str(out), "--user", "budi"]) == 0
    assert "imported 1 new" in capsys.readouterr().out
    assert main(["annotations", "import", str(out), "--user", "budi"]) == 0
    assert "0 new, 0 updated, 1 unchanged" in capsys.readouterr().out


def test_import_of_a_file_that_is_not_json_fails_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{nope", encoding="utf-8")
    assert main(["annotations", "import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert str(bad) in err and "not JSON" in err and "Traceback" not in err


def test_add_exits_zero_only_after_the_note_is_on_disk(article_file: Path, isolated_folders: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tui",
            "annotations",
            "add",
            str(article_file),
            "--quote",
            QUOTE,
            "--note",
            "n",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    [yaml_file] = (isolated_folders / "data" / "annotations" / "tester").glob("*.yaml")
    assert QUOTE in yaml_file.read_text(encoding="utf-8")


def test_list_after_a_typo_fix_inside_the_passage_reports_fuzzy(
    article_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = article_file.read_text(encoding="utf-8")
    article_file.write_text(text.replace("menunggu perbaikan", "menungu perbaikan"), encoding="utf-8")
    typo = QUOTE.replace("menunggu", "menungu")
    assert main(["annotations", "add", str(article_file), "--quote", typo, "--note", "n"]) == 0
    article_file.write_text(text, encoding="utf-8")  # the outlet fixed its typo
    [record] = _list(capsys, str(article_file))
    assert record["anchor"] == "fuzzy" and record["quote"] == QUOTE and record["stored_quote"] == typo


def test_delete_removes_the_note_by_id_and_reports_unknown_ids(
    article_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _add(article_file) == 0
    [record] = _list(capsys)
    assert main(["annotations", "delete", record["id"]]) == 0
    assert _list(capsys) == []
    assert main(["annotations", "delete", record["id"]]) == 1
    assert f"no annotation {record['id']}" in capsys.readouterr().err
