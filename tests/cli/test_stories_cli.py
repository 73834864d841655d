"""`kabar stories`: JSON in the issue's shape, a readable report, and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import tui.extract
from tui.cli import main

needs_extractor = pytest.mark.skipif(
    tui.extract.EXTRACTOR_VERSION == 0,
    reason="the extractor is still the stub (EXTRACTOR_VERSION 0): no dates for the discrepancy",
)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


FLOOD = (
    "Banjir bandang menerjang Desa Sukamakmur di Kabupaten Garut. Bupati Garut Rudy Gunawan meninjau "
    "tanggul yang jebol dan meminta BPBD Garut mendirikan dapur umum bagi pengungsi banjir bandang."
)


def test_json_has_exactly_the_issue_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, "a.txt", FLOOD)
    write(tmp_path, "b.txt", FLOOD.replace("Banjir bandang menerjang", "Ratusan warga mengungsi dari"))
    assert main(["stories", "--json", str(tmp_path)]) == 0
    data = json.loads(capsys.readouterr().out)
    (story,) = data["stories"]
    assert set(story) == {"id", "title", "articles", "why", "speakers", "discrepancies"}
    assert {Path(a["file"]).name for a in story["articles"]} == {"a.txt", "b.txt"}
    assert set(story["articles"][0]) == {"file", "story", "source", "title", "published"}
    assert story["why"] and "words" in story["why"][0]
    assert all(set(d) == {"what", "values"} for d in story["discrepancies"])


def test_single_articles_are_listed_only_with_all(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, "a.txt", FLOOD)
    write(tmp_path, "b.txt", "Festival kopi Gayo digelar di Takengon, barista berlomba menyeduh arabika.")
    main(["stories", "--json", str(tmp_path)])
    assert json.loads(capsys.readouterr().out)["stories"] == []
    main(["stories", "--json", "--all", str(tmp_path)])
    assert len(json.loads(capsys.readouterr().out)["stories"]) == 2


def test_missing_path_is_one_line_on_stderr_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stories", str(tmp_path / "nope")]) == 1
    err = capsys.readouterr().err
    assert "nope" in err and "Traceback" not in err


def test_binary_junk_file_gives_no_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "junk.txt").write_bytes(bytes(range(256)) * 40)
    write(tmp_path, "a.txt", FLOOD)
    assert main(["stories", "--all", str(tmp_path)]) == 0
    assert "Traceback" not in capsys.readouterr().err


@needs_extractor
def test_bundled_samples_report_the_retreat_date_discrepancy(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stories", "--json"]) == 0
    (story,) = json.loads(capsys.readouterr().out)["stories"]
    assert len(story["articles"]) == 4
    dates = next(d for d in story["discrepancies"] if d["what"] == "event dates")
    values = {v: sorted(Path(f).name for f in files) for v, files in dates["values"].items()}
    assert values["16-18 May 2025"] == ["voiceofjatim-pemkot-malang-siapkan-retret-asn.txt"]
    assert len(values["15-17 May 2025"]) == 3


@needs_extractor
def test_text_report_names_outlets_and_both_dates(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stories"]) == 0
    out = capsys.readouterr().out
    assert "4 reports, 4 outlets" in out
    assert "event dates: 15-17 May 2025 (" in out and "16-18 May 2025 (voiceofjatim.com)" in out
    assert "stand alone (--all lists them)" in out
