"""`kabar index` and `kabar search` from the command line."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from tui.cli import main
from tui.cli.index import SyncProgress


def write_article(folder: Path, name: str, title: str, body: str, source: str = "contoh.id") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ntitle: {title}\nsource: {source}\n---\n\n{body}\n", encoding="utf-8")
    return path


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    write_article(
        folder, "banjir.md", "Banjir Rendam Tiga Desa", "Sungai meluap setelah hujan deras semalam."
    )
    write_article(folder, "pasar.md", "Harga Cabai Naik", "Pedagang pasar mengeluhkan harga cabai yang naik.")
    return folder


FINAL_LINE = re.compile(
    r"^indexed (\d+) files?, (\d+) stor(?:y|ies) \((\d+) new, (\d+) changed, (\d+) unchanged.*\); "
    r"(\d+) skipped; [\d.]+ s$"
)


def final_counts(stdout: str) -> tuple[int, ...]:
    match = FINAL_LINE.match(stdout.strip().splitlines()[-1])
    assert match, stdout
    return tuple(int(group) for group in match.groups())


# ----- kabar index ------------------------------------------------------------------------------


def test_index_without_a_path_indexes_the_bundled_articles(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["index"]) == 0
    files, stories, new, changed, unchanged, skipped = final_counts(capsys.readouterr().out)
    assert (files, new, changed, unchanged, skipped) == (5, 5, 0, 0, 0)
    assert stories >= 5


def test_second_index_run_finds_everything_unchanged(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["index", str(library)])
    capsys.readouterr()
    assert main(["index", str(library)]) == 0
    assert final_counts(capsys.readouterr().out) == (2, 2, 0, 0, 2, 0)


def test_index_rebuild_reads_every_file_again(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["index", str(library)])
    capsys.readouterr()
    assert main(["index", "--rebuild", str(library)]) == 0
    assert final_counts(capsys.readouterr().out) == (2, 2, 2, 0, 0, 0)


def test_index_prune_drops_cached_files_deleted_outside_the_given_paths(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = write_article(tmp_path / "elsewhere", "lama.md", "Berita Lama", "Isi berita lama.")
    main(["index", str(library), str(elsewhere.parent)])
    elsewhere.unlink()
    capsys.readouterr()
    assert main(["index", "--prune", str(library)]) == 0
    assert capsys.readouterr().out.strip().endswith("; pruned 1 missing file")


def test_index_reports_a_missing_path_on_one_line_and_indexes_the_rest(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere"
    assert main(["index", str(library), str(missing)]) == 0
    captured = capsys.readouterr()
    assert captured.err.strip().splitlines() == [f"kabar: skipped {missing}: no such file or folder"]
    assert final_counts(captured.out)[:2] == (2, 2)


def test_index_with_nothing_readable_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    binary = tmp_path / "junk.txt"
    binary.write_bytes(bytes(range(256)) * 10)
    assert main(["index", str(binary)]) == 1
    captured = capsys.readouterr()
    assert "junk.txt" in captured.err and "Traceback" not in captured.err


def test_index_of_an_empty_folder_says_no_article_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty").mkdir()
    assert main(["index", str(tmp_path / "empty")]) == 1
    assert "no article files" in capsys.readouterr().err


def test_index_rejects_zero_workers(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["index", "--workers", "0", str(library)])
    assert exit_info.value.code == 2
    assert "must be at least 1" in capsys.readouterr().err


def test_progress_without_a_terminal_prints_a_few_plain_lines() -> None:
    stream = io.StringIO()
    with SyncProgress("kabar index", stream, bar=False) as progress:
        for done in range(1001):
            progress.update(done, 1000)
    lines = stream.getvalue().splitlines()
    assert lines[0] == "kabar index: 100/1000 files"
    assert lines[-1] == "kabar index: 900/1000 files"
    assert len(lines) == 9


def test_progress_without_a_terminal_is_silent_for_a_small_library() -> None:
    stream = io.StringIO()
    with SyncProgress("kabar index", stream, bar=False) as progress:
        for done in range(21):
            progress.update(done, 20)
    assert stream.getvalue() == ""


def test_progress_bar_on_a_terminal_keeps_messages_readable() -> None:
    stream = io.StringIO()
    with SyncProgress("kabar index", stream, bar=True) as progress:
        progress.update(1, 200)
        progress.say("kabar: skipped x.txt: empty file")
        progress.update(200, 200)
    assert stream.getvalue().count("kabar: skipped x.txt: empty file") == 1


# ----- kabar search -----------------------------------------------------------------------------


def test_search_prints_title_outlet_file_and_snippet(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "cabai", str(library)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == " 1. Harga Cabai Naik"
    assert "contoh.id" in lines[1] and "pasar.md" in lines[1]
    assert "mengeluhkan harga cabai yang naik" in lines[2]
    assert "Banjir" not in out


def test_search_json_lines_carry_highlights_into_the_snippet(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "--json", "harga", str(library)]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(records) == 1
    record = records[0]
    assert record["title"] == "Harga Cabai Naik" and record["source"] == "contoh.id"
    assert [record["snippet"][s:e] for s, e in record["highlights"]] == ["harga"]
    assert [record["title"][s:e] for s, e in record["title_highlights"]] == ["Harga"]
    assert Path(record["file"]).name == "pasar.md"


def test_search_searches_the_bundled_articles_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "--json", "--limit", "2", "retret"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(records) == 2
    assert all("retret" in (r["snippet"] + (r["title"] or "")).casefold() for r in records)


def test_search_only_looks_in_the_given_paths(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other"
    write_article(other, "cabai.md", "Petani Cabai Panen", "Panen cabai melimpah di lereng gunung.")
    main(["index", str(other)])
    capsys.readouterr()
    assert main(["search", "--json", "cabai", str(library)]) == 0
    files = [Path(json.loads(line)["file"]).name for line in capsys.readouterr().out.splitlines()]
    assert files == ["pasar.md"]


@pytest.mark.parametrize("query", ['"', "AND (", 'cabai AND ("', "NEAR(", "-"])
def test_search_with_fts_syntax_in_the_query_gives_no_traceback(
    library: Path, capsys: pytest.CaptureFixture[str], query: str
) -> None:
    status = main(["search", query, str(library)])
    err = capsys.readouterr().err
    assert status in (1, 2)
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_search_sums_up_skipped_files_in_one_line(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (library / "rusak.txt").write_bytes(bytes(range(256)) * 10)
    (library / "kosong.txt").write_bytes(b"")
    assert main(["search", "cabai", str(library)]) == 0
    captured = capsys.readouterr()
    assert captured.err.strip().splitlines() == [
        "kabar search: 2 files skipped (not readable as articles); "
        "`kabar index` with the same paths lists them"
    ]
    assert "Harga Cabai Naik" in captured.out


def test_search_for_nothing_searchable_exits_2(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", '" - *', str(library)]) == 2
    assert "nothing to search for" in capsys.readouterr().err


def test_search_without_a_match_exits_1(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "gempa", str(library)]) == 1
    assert capsys.readouterr().err.strip() == "kabar search: no match for 'gempa'"


def test_search_fts_syntax_error_is_one_clear_line(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "--fts", "AND (", str(library)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("kabar search: cannot search for 'AND ('") and "\n" not in err


def test_search_fts_mode_allows_operators(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "--fts", "--json", "cabai OR banjir", str(library)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2


def test_search_respects_the_limit(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "--json", "--fts", "--limit", "1", "cabai OR banjir", str(library)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1


def test_search_prints_markup_like_article_text_literally(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "markup"
    write_article(
        folder, "m.md", "Judul [bold red]merah[/bold red]", "Teks [link=x]tautan[/link] tentang gempa."
    )
    assert main(["search", "gempa", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "Judul [bold red]merah[/bold red]" in out
    assert "[link=x]tautan[/link]" in out


def test_search_help_describes_the_query_syntax(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["search", "--help"])
    assert exit_info.value.code == 0
    assert "phrase" in capsys.readouterr().out
