"""The SQLite/FTS5 library index: caching by size/mtime/hash, versions, moves, search, fallbacks."""

from __future__ import annotations

import dataclasses
import os
import sqlite3
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.extract.model import ORG, PERSON, Entity, Extraction, Mention, entity_id
from tui.library import index as index_module
from tui.library import index_rows
from tui.library.index import (
    DB_NAME,
    LibraryIndex,
    SearchQueryError,
    fts_query,
)
from tui.library.index_query import MARK_END, MARK_START, unmark
from tui.library.loader import load_file
from tui.paths import cache_dir


def write_article(folder: Path, name: str, title: str, body: str) -> Path:
    """A Markdown article whose front matter fixes the title (front matter wins over inference)."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ntitle: {title}\nsource: contoh.id\n---\n\n{body}\n", encoding="utf-8")
    return path


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    write_article(
        folder,
        "a-banjir.md",
        "Banjir Rendam Tiga Desa",
        "Hujan deras sejak Senin malam membuat sungai meluap dan merendam tiga desa di kabupaten itu.",
    )
    write_article(
        folder,
        "b-pasar.md",
        "Harga Cabai Naik Menjelang Lebaran",
        "Pedagang di pasar induk mengeluhkan harga cabai yang terus naik. Pembeli mengurangi belanja.",
    )
    write_article(
        folder / "sub",
        "c-sekolah.md",
        "Sekolah Baru Dibuka",
        "Warga menyambut sekolah baru yang dibangun setelah banjir tahun lalu merusak gedung lama.",
    )
    return folder


class CallCounter:
    """Wraps a function and counts the calls (index_rows looks both up at call time)."""

    def __init__(self, function):
        self.function = function
        self.calls = 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.function(*args, **kwargs)


@pytest.fixture
def counted_reads(monkeypatch: pytest.MonkeyPatch) -> CallCounter:
    counter = CallCounter(index_rows.load_file)
    monkeypatch.setattr(index_rows, "load_file", counter)
    return counter


@pytest.fixture
def counted_extractions(monkeypatch: pytest.MonkeyPatch) -> CallCounter:
    counter = CallCounter(index_rows.extract)
    monkeypatch.setattr(index_rows, "extract", counter)
    return counter


def db_in(tmp_path: Path) -> Path:
    return tmp_path / "cache" / DB_NAME


# ----- building and caching ----------------------------------------------------------------------


def test_default_database_lives_in_the_cache_folder(library: Path) -> None:
    with LibraryIndex() as index:
        index.sync([library])
        assert index.db_path == cache_dir() / DB_NAME
    assert (cache_dir() / DB_NAME).is_file()


def test_sync_indexes_every_file_and_summaries_come_in_path_order(library: Path, tmp_path: Path) -> None:
    with LibraryIndex(db_in(tmp_path)) as index:
        report = index.sync([library])
        summaries = index.summaries([library])
    assert (report.files, report.new, report.total, report.parsed) == (3, 3, 3, 3)
    assert [Path(s.file).name for s in summaries] == ["a-banjir.md", "b-pasar.md", "c-sekolah.md"]
    assert [s.title for s in summaries] == [
        "Banjir Rendam Tiga Desa",
        "Harga Cabai Naik Menjelang Lebaran",
        "Sekolah Baru Dibuka",
    ]
    assert summaries[0].first_words.startswith("Hujan deras sejak Senin")
    assert all(Path(s.file).is_absolute() for s in summaries)


def test_article_from_the_index_equals_the_article_read_from_the_file(library: Path, tmp_path: Path) -> None:
    path = library / "b-pasar.md"
    expected = load_file(Path(os.path.abspath(path)))[0]
    with LibraryIndex(db_in(tmp_path)) as index:
        index.sync([library])
        stored = index.article(expected.id)
    assert stored == expected


def test_unknown_article_id_raises_key_error(library: Path, tmp_path: Path) -> None:
    with LibraryIndex(db_in(tmp_path)) as index:
        index.sync([library])
        with pytest.raises(KeyError):
            index.article("no-such-id")


def test_unchanged_library_is_not_read_again_by_a_new_index(
    library: Path, tmp_path: Path, counted_reads: CallCounter
) -> None:
    with LibraryIndex(db_in(tmp_path)) as index:
        index.sync([library])
    assert counted_reads.calls == 3
    with LibraryIndex(db_in(tmp_path)) as index:
        report = index.sync([library])
        assert len(index.summaries()) == 3
    assert counted_reads.calls == 3
    assert (report.unchanged, report.parsed, report.new, report.changed) == (3, 0, 0, 0)


def test_touched_file_with_the_same_bytes_is_not_parsed_again(
    library: Path, tmp_path: Path, counted_reads: CallCounter
) -> None:
    path = library / "a-banjir.md"
    with LibraryIndex(db_in(tmp_path)) as index:
        index.sync([library])
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
        report = index.sync([library])
        again = index.sync([library])
    assert counted_reads.calls == 3
    assert (report.unchanged, report.changed) == (3, 0)
    assert again.unchanged == 3


def test_edit_that_keeps_size_and_mtime_is_still_seen(library: Path, tmp_path: Path) -> None:
    """A one-letter fix saved within the file system's mtime granularity (or by a tool that sets
    mtime back) keeps size and mtime: the inode change time still tells."""
    path = library / "a-banjir.md"
    with LibraryIndex(db_in(tmp_path)) as index:
        index.sync([library])
        stat = path.stat()
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("deras", "keras", 1), encoding="utf-8")
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        assert (path.stat().st_size, path.stat().st_mtime_ns) == (stat.st_size, stat.st_mtime_ns)
        report = index.sync([library])
        hits = index.search("keras")
    assert (report.changed, report.parsed) == (1, 1)
    assert [Path(h.file).name for h in hits] == ["a-banjir.md"]


def test_changed_file_is_parsed_again_and_search_sees_the_new_words(library: Path, tmp_path: Path) -> None:
    path = library / "a-banjir.md"
    with LibraryIndex(db_in(tmp_path)) as index:
        index.sync([library])
        assert index.search("meluap")
        write_article(library, "a-banjir.md", "Longsor di Lereng Gunung", "Tanah longsor menutup jalan desa.")
        report = index.sync([library])
        titles = [s.title for s in index.summaries()]
        assert index.search("meluap") == []
        assert [Path(hit.file) for hit in index.search("longsor")] == [path.resolve()]
    assert (report.changed, report.parsed, report.unchanged) == (1, 1, 2)
    assert "Longsor di Lereng Gunung" in titles and "Banjir Rendam Tiga Desa" not in titles


def test_newer_parser_or_extractor_version_reads_every_file_again(
    library: Path, tmp_path: Path, counted_reads: CallCounter, monkeypatch: pytest.MonkeyPatch
) -> None:
    with LibraryIndex(db_in(tmp_path)) as index:
        index.sync([library])
    monkeypatch.setattr(index_rows, "current_versions", lambda: "parser=999;extractor=999")
    with LibraryIndex(db_in(tmp_path)) as index:
        report = index.sync([library])
        again = index.sync([library])
    assert counted_reads.calls == 6
    assert (report.changed, report.parsed) == (3, 3)
    assert again.unchanged == 3


def test_versions_come_from_the_parser_and_the_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    import tui.extract
    import tui.library.parse

    monkeypatch.setattr(tui.library.parse, "PARSER_VERSION", 41, raising=False)
    monkeypatch.setattr(tui.extract, "EXTRACTOR_VERSION", 42, raising=False)
    assert index_rows.current_versions() == "parser=41;extractor=42"


def test_moved_file_keeps_its_id_and_is_neither_parsed_nor_extracted_again(
    library: Path, tmp_path: Path, counted_reads: CallCounter, counted_extractions: CallCounter
) -> None:
    old = library / "b-pasar.md"
    new = library / "sub" / "deeper" / "pasar-induk.md"
    with LibraryIndex(db_in(tmp_path)) as index:
        index.sync([library])
        article_id = next(s.id for s in index.summaries() if s.file == str(old))
        before = index.article(article_id)
        new.parent.mkdir(parents=True)
        old.rename(new)
        report = index.sync([library])
        moved = index.article(article_id)
        files = [s.file for s in index.summaries() if s.id == article_id]
    assert (counted_reads.calls, counted_extractions.calls) == (3, 3)
    assert (report.moved, report.removed, report.parsed) == (1, 1, 0)
    assert files == [str(new)]
    assert moved.file == str(new)
    assert moved.body == before.body and moved.fingerprint == before.fingerprint


def test_deleted_file_drops_from_summaries_and_search(library: Path, tmp_path: Path) -> None:
    with LibraryIndex(db_in(tmp_path)) as index:
        index.sync([library])
        (library / "b-pasar.md").unlink()
        report = index.sync([library])
        names = [Path(s.file).name for s in index.summaries([library])]
        hits = index.search("cabai")
    assert report.removed == 1
    assert names == ["a-banjir.md", "c-sekolah.md"]
    assert hits == []


def test_prune_drops_files_that_no_longer_exist(library: Path, tmp_path: Path) -> None:
    with LibraryIndex(db_in(tmp_path)) as index:
        index.sync([library])
        (library / "a-banjir.md").unlink()
        assert index.prune() == 1
        assert len(index.summaries([library])) == 2


def test_summaries_of_a_folder_leave_out_a_sibling_folder_with_a_longer_name(tmp_path: Path) -> None:
    write_article(tmp_path / "news", "one.md", "Satu", "Berita pertama tentang jembatan.")
    write_article(tmp_path / "news2", "two.md", "Dua", "Berita kedua tentang jembatan.")
    write_article(tmp_path / "news-old", "three.md", "Tiga", "Berita ketiga tentang jembatan.")
    with LibraryIndex(db_in(tmp_path)) as index:
        index.sync([tmp_path / "news", tmp_path / "news2", tmp_path / "news-old"])
        only_news = [s.title for s in index.summaries([tmp_path / "news"])]
        one_file = [s.title for s in index.summaries([tmp_path / "news2" / "two.md"])]
        scoped_search = [hit.title for hit in index.search("jembatan", paths=[tmp_path / "news"])]
    assert only_news == ["Satu"]
    assert one_file == ["Dua"]
    assert scoped_search == ["Satu"]


def test_read_methods_default_to_the_paths_of_the_last_sync(tmp_path: Path) -> None:
    write_article(tmp_path / "a", "one.md", "Satu", "Jembatan putus diterjang banjir.")
    write_article(tmp_path / "b", "two.md", "Dua", "Jembatan baru diresmikan bupati.")
    with LibraryIndex(db_in(tmp_path)) as index:
        index.sync([tmp_path / "a", tmp_path / "b"])
        index.sync([tmp_path / "b"])
        assert [s.title for s in index.summaries()] == ["Dua"]
        assert [hit.title for hit in index.search("jembatan")] == ["Dua"]


def test_file_that_becomes_unreadable_is_reported_and_dropped(library: Path, tmp_path: Path) -> None:
    path = library / "b-pasar.md"
    with LibraryIndex(db_in(tmp_path)) as index:
        index.sync([library])
        path.write_bytes(bytes(range(256)) * 10)
        skipped = []
        report = index.sync([library], on_skip=skipped.append)
        names = [Path(s.file).name for s in index.summaries()]
    assert [Path(s.path).name for s in skipped] == ["b-pasar.md"]
    assert [Path(s.path).name for s in report.skipped] == ["b-pasar.md"]
    assert (report.changed, report.new, report.unchanged) == (0, 0, 2)
    assert "b-pasar.md" not in names and len(names) == 2


def test_parser_crash_on_one_file_skips_that_file_only(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = index_rows.load_file

    def crashing(path: Path, **kwargs):
        if path.name == "b-pasar.md":
            raise RuntimeError("parser bug")
        return real(path, **kwargs)

    monkeypatch.setattr(index_rows, "load_file", crashing)
    with LibraryIndex(db_in(tmp_path)) as index:
        report = index.sync([library])
    assert report.total == 2
    assert len(report.skipped) == 1
    assert "RuntimeError: parser bug" in report.skipped[0].reason


def test_file_name_that_is_not_utf8_is_indexed_under_an_escaped_name(tmp_path: Path) -> None:
    folder = tmp_path / "legacy"
    folder.mkdir()
    raw_name = os.path.join(os.fsencode(folder), b"caf\xe9.md")
    try:
        with open(raw_name, "wb") as handle:
            handle.write(b"---\ntitle: Kafe Baru\n---\n\nSebuah kafe dibuka di pojok alun-alun.\n")
    except (OSError, UnicodeError):
        pytest.skip("this file system only takes UTF-8 file names")
    with LibraryIndex(db_in(tmp_path)) as index:
        first = index.sync([folder])
        second = index.sync([folder])
        files = [s.file for s in index.summaries()]
        hits = index.search("kafe")
    assert files == [str(folder / "caf\\xe9.md")]
    assert (first.new, second.unchanged) == (1, 1)
    assert [hit.title for hit in hits] == ["Kafe Baru"]


def test_lone_surrogates_from_the_parser_are_stored_as_replacement_characters(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = index_rows.load_file

    def with_surrogates(path: Path, **kwargs):
        articles = real(path, **kwargs)
        return [
            dataclasses.replace(a, title=(a.title or "") + " \ud800", body=a.body.replace("a", "\udce9", 1))
            for a in articles
        ]

    monkeypatch.setattr(index_rows, "load_file", with_surrogates)
    with LibraryIndex(db_in(tmp_path)) as index:
        report = index.sync([library])
        summary = index.summaries()[0]
        article = index.article(summary.id)
    assert report.total == 3 and report.skipped == []
    assert summary.title == "Banjir Rendam Tiga Desa \ufffd"
    assert "\ufffd" in article.body and "\ud800" not in article.body


def test_progress_counts_every_file(library: Path, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    with LibraryIndex(db_in(tmp_path)) as index:
        index.sync([library], progress=lambda done, total: calls.append((done, total)))
    assert calls[0] == (0, 3)
    assert calls[-1] == (3, 3)
    assert [done for done, _total in calls] == sorted(done for done, _total in calls)


def test_rebuild_forgets_every_cached_file(library: Path, tmp_path: Path, counted_reads: CallCounter) -> None:
    with LibraryIndex(db_in(tmp_path)) as index:
        index.sync([library])
        index.rebuild()
        assert index.summaries() == []
        report = index.sync([library])
    assert (report.new, counted_reads.calls) == (3, 6)


def test_parallel_sync_stores_the_same_rows_as_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "many"
    for number in range(12):
        write_article(
            folder, f"a{number:02d}.md", f"Judul nomor {number}", f"Isi berita nomor {number} di sini."
        )
    monkeypatch.setattr(index_module, "PARALLEL_MIN_FILES", 2)
    with LibraryIndex(tmp_path / "one.sqlite") as one, LibraryIndex(tmp_path / "two.sqlite") as two:
        single = one.sync([folder], workers=1)
        parallel = two.sync([folder], workers=2)
        rows_one, rows_two = one.summaries(), two.summaries()
    assert single.total == parallel.total == 12
    assert rows_one == rows_two


def test_without_worker_processes_the_sync_finishes_in_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "many"
    for number in range(6):
        write_article(folder, f"a{number}.md", f"Judul {number}", f"Isi berita {number}.")

    def no_processes(*args, **kwargs):
        raise OSError("no semaphores in this sandbox")

    monkeypatch.setattr(index_module, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(index_module, "ProcessPoolExecutor", no_processes)
    with LibraryIndex(db_in(tmp_path)) as index:
        report = index.sync([folder], workers=2)
    assert (report.total, report.parsed, report.skipped) == (6, 6, [])


# ----- entities and extraction ------------------------------------------------------------------


def fake_extract(body: str, **_kwargs) -> Extraction:
    """One PERSON per known name found in the body (stands in for the real extractor)."""
    entities = []
    for name in ("Siti Rahma", "Budi Santoso"):
        start = body.find(name)
        if start >= 0:
            mention = Mention(start, start + len(name), name)
            entities.append(Entity(entity_id(PERSON, name), PERSON, name, (mention,)))
    return Extraction(entities=tuple(entities))


@pytest.fixture
def people_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(index_rows, "extract", fake_extract)
    folder = tmp_path / "people"
    write_article(folder, "1.md", "Satu", "Siti Rahma meninjau pasar bersama Budi Santoso.")
    write_article(folder, "2.md", "Dua", "Siti Rahma membuka rapat kerja.")
    write_article(folder, "3.md", "Tiga", "Cuaca cerah sepanjang hari.")
    return folder


def test_articles_with_entity_lists_the_articles_naming_it(people_library: Path, tmp_path: Path) -> None:
    with LibraryIndex(db_in(tmp_path)) as index:
        index.sync([people_library])
        by_title = {s.id: s.title for s in index.summaries()}
        siti = [by_title[i] for i in index.articles_with_entity(entity_id(PERSON, "Siti Rahma"))]
        budi = [by_title[i] for i in index.articles_with_entity(entity_id(PERSON, "Budi Santoso"))]
        nobody = index.articles_with_entity("person-000000")
    assert (siti, budi, nobody) == (["Satu", "Dua"], ["Satu"], [])


def test_entity_counts_give_articles_per_entity_most_named_first(
    people_library: Path, tmp_path: Path
) -> None:
    with LibraryIndex(db_in(tmp_path)) as index:
        index.sync([people_library])
        counts = [(c.name, c.type, c.articles) for c in index.entity_counts()]
        only_orgs = index.entity_counts("ORG")
    assert counts == [("Siti Rahma", PERSON, 2), ("Budi Santoso", PERSON, 1)]
    assert only_orgs == []


def test_extraction_is_stored_with_offsets_into_the_body(people_library: Path, tmp_path: Path) -> None:
    with LibraryIndex(db_in(tmp_path)) as index:
        index.sync([people_library])
        first = index.summaries()[0]
        article = index.article(first.id)
        extraction = index.extraction(first.id)
    assert extraction == fake_extract(article.body)
    for entity in extraction.entities:
        for mention in entity.mentions:
            assert article.body[mention.start : mention.end] == mention.text


def test_moved_file_keeps_its_entities(people_library: Path, tmp_path: Path) -> None:
    with LibraryIndex(db_in(tmp_path)) as index:
        index.sync([people_library])
        (people_library / "2.md").rename(people_library / "2-moved.md")
        index.sync([people_library])
        siti = index.articles_with_entity(entity_id(PERSON, "Siti Rahma"))
        files = {s.id: Path(s.file).name for s in index.summaries()}
    assert sorted(files[i] for i in siti) == ["1.md", "2-moved.md"]


def test_failed_extraction_is_stored_empty_and_retried_next_sync(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(body: str, **_kwargs) -> Extraction:
        raise ValueError("extractor bug")

    monkeypatch.setattr(index_rows, "extract", broken)
    with LibraryIndex(db_in(tmp_path)) as index:
        first = index.sync([library])
        monkeypatch.setattr(index_rows, "extract", fake_extract)
        second = index.sync([library])
    assert first.total == 3 and first.skipped == []
    assert (second.changed, second.parsed) == (3, 3)


# ----- search -------------------------------------------------------------------------------------


def test_search_ranks_a_title_match_above_a_body_match(library: Path, tmp_path: Path) -> None:
    with LibraryIndex(db_in(tmp_path)) as index:
        index.sync([library])
        hits = index.search("banjir")
    assert [hit.title for hit in hits] == ["Banjir Rendam Tiga Desa", "Sekolah Baru Dibuka"]
    assert hits[0].rank < hits[1].rank
    assert hits[0].title_highlights == ((0, 6),)


def test_search_ignores_case_and_diacritics(tmp_path: Path) -> None:
    write_article(tmp_path / "lib", "kafe.md", "Kafe Baru", "Sebuah CAFÉ kecil dibuka di pojok alun-alun.")
    with LibraryIndex(db_in(tmp_path)) as index:
        index.sync([tmp_path / "lib"])
        hits = index.search("cafe")
    assert len(hits) == 1
    start, end = hits[0].highlights[0]
    assert hits[0].snippet[start:end] == "CAFÉ"


def test_search_highlights_index_the_matched_words_in_the_snippet(library: Path, tmp_path: Path) -> None:
    with LibraryIndex(db_in(tmp_path)) as index:
        index.sync([library])
        hit = index.search("harga cabai")[0]
    words = [hit.snippet[start:end].casefold() for start, end in hit.highlights]
    assert set(words) == {"harga", "cabai"}
    assert "\n" not in hit.snippet


def test_search_phrase_and_prefix(library: Path, tmp_path: Path) -> None:
    with LibraryIndex(db_in(tmp_path)) as index:
        index.sync([library])
        phrase = [hit.title for hit in index.search('"pasar induk"')]
        wrong_order = index.search('"induk pasar"')
        prefix = [hit.title for hit in index.search("sekol*")]
    assert phrase == ["Harga Cabai Naik Menjelang Lebaran"]
    assert wrong_order == []
    assert prefix == ["Sekolah Baru Dibuka"]


def test_search_respects_the_limit(library: Path, tmp_path: Path) -> None:
    with LibraryIndex(db_in(tmp_path)) as index:
        index.sync([library])
        assert len(index.search("di", limit=1)) == 1
        assert index.search("di", limit=0) == []


@pytest.mark.parametrize(
    ("query", "matches"),
    [
        ('"', 0),
        ("AND (", 0),
        ("NEAR(", 0),
        ("*", 0),
        ("^", 0),
        ("OR", 0),
        ("\x00banjir", 2),
        ("-banjir", 2),
        ('banjir"', 2),
        ("banjir AND (", 0),
        ("title:banjir", 0),
    ],
)
def test_user_query_with_fts_syntax_characters_is_searched_as_text(
    library: Path, tmp_path: Path, query: str, matches: int
) -> None:
    with LibraryIndex(db_in(tmp_path)) as index:
        index.sync([library])
        hits = index.search(query)
    assert len(hits) == matches


def test_malformed_fts_syntax_raises_a_search_query_error(library: Path, tmp_path: Path) -> None:
    with LibraryIndex(db_in(tmp_path)) as index:
        index.sync([library])
        assert [hit.title for hit in index.search("banjir NOT sekolah", syntax=True)] == [
            "Banjir Rendam Tiga Desa"
        ]
        with pytest.raises(SearchQueryError, match="AND"):
            index.search("AND (", syntax=True)


def test_fts_query_quotes_words_and_keeps_phrases_and_prefixes() -> None:
    assert fts_query('pasar "harga cabai" sekol* say "hi"') == '"pasar" "harga cabai" "sekol"* "say" "hi"'
    assert fts_query('a"b') == '"a""b"'
    assert fts_query(' " - * ') == ""
    assert fts_query("wali ko", prefix_last=True) == '"wali" "ko"*'
    assert fts_query('"wali kota"', prefix_last=True) == '"wali kota"'
    assert fts_query("wali ", prefix_last=True) == '"wali"*'


def test_search_as_you_type_matches_the_unfinished_last_word(library: Path, tmp_path: Path) -> None:
    with LibraryIndex(db_in(tmp_path)) as index:
        index.sync([library])
        typed = [hit.title for hit in index.search("harga cab", prefix_last=True)]
        exact = index.search("harga cab")
    assert typed == ["Harga Cabai Naik Menjelang Lebaran"]
    assert exact == []


@given(
    words=st.lists(st.text("abcé", min_size=1, max_size=6), min_size=1, max_size=12),
    gaps=st.lists(st.sampled_from([" ", "  ", "\n", " \t "]), min_size=12, max_size=12),
    marked=st.sets(st.integers(0, 11)),
)
def test_unmarked_snippet_keeps_the_marked_words_at_their_offsets(
    words: list[str], gaps: list[str], marked: set[int]
) -> None:
    pieces = []
    for number, word in enumerate(words):
        pieces.append(f"{MARK_START}{word}{MARK_END}" if number in marked else word)
        pieces.append(gaps[number])
    text, spans = unmark("".join(pieces))
    assert text == " ".join(words)
    assert [text[start:end] for start, end in spans] == [w for n, w in enumerate(words) if n in marked]


@pytest.fixture(scope="module")
def search_index(tmp_path_factory: pytest.TempPathFactory) -> LibraryIndex:
    folder = tmp_path_factory.mktemp("search-lib")
    write_article(folder, "one.md", "Banjir Bandang", "Air bah datang tiba-tiba; warga mengungsi ke masjid.")
    write_article(folder, "two.md", "Pasar Murah", "Pemerintah menggelar pasar murah untuk warga (gratis!).")
    index = LibraryIndex(":memory:")
    index.sync([folder])
    yield index
    index.close()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(st.one_of(st.characters(), st.sampled_from('\ud800\udce9\x00"*()-:^')), max_size=40))
def test_any_typed_query_runs_and_its_highlights_fall_inside_the_snippet(
    search_index: LibraryIndex, query: str
) -> None:
    for hit in search_index.search(query):
        for start, end in hit.highlights:
            assert 0 <= start < end <= len(hit.snippet)
        for start, end in hit.title_highlights:
            assert 0 <= start < end <= len(hit.title or "")


FILE_NAMES = ("a.md", "b.md", "sub/c.md", "sub/d.txt")
BODIES = ("Hujan deras di kota.", "Harga cabai naik.", "Sekolah baru dibuka.", "Hujan deras di kota.")
file_operations = st.lists(
    st.tuples(
        st.sampled_from(("write", "touch", "move", "delete")),
        st.sampled_from(FILE_NAMES),
        st.sampled_from(FILE_NAMES),
        st.sampled_from(BODIES),
    ),
    max_size=8,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=file_operations)
def test_cached_index_after_any_file_changes_equals_a_fresh_one(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, operations: list
) -> None:
    monkeypatch.setattr(index_rows, "extract", fake_extract)
    root = tmp_path_factory.mktemp("ops")
    folder = root / "lib"
    folder.mkdir()
    clock = [1_700_000_000 * 10**9]

    def stamp(path: Path) -> None:  # distinct mtimes, as real edits seconds apart would have
        clock[0] += 10**9
        os.utime(path, ns=(clock[0], clock[0]))

    def rows(index: LibraryIndex) -> list[tuple]:
        return [(s.id, s.file, s.story, s.title, s.first_words) for s in index.summaries([folder])]

    with LibraryIndex(root / "cache.sqlite") as cached:
        cached.sync([folder])
        for action, name, other, body in operations:
            path, target = folder / name, folder / other
            if action == "write":
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(f"Judul {name}\n\n{body}\n", encoding="utf-8")
                stamp(path)
            elif action == "touch" and path.exists():
                stamp(path)
            elif action == "move" and path.exists() and not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                path.rename(target)
            elif action == "delete" and path.exists():
                path.unlink()
            cached.sync([folder])
            with LibraryIndex(":memory:") as fresh:
                fresh.sync([folder])
                assert rows(cached) == rows(fresh)
                for summary in fresh.summaries():
                    assert cached.article(summary.id).body == fresh.article(summary.id).body
                    assert cached.extraction(summary.id) == fresh.extraction(summary.id)


# ----- a damaged, locked or unwritable cache ---------------------------------------------------


def test_corrupt_database_file_is_moved_aside_and_rebuilt(library: Path, tmp_path: Path) -> None:
    db = db_in(tmp_path)
    db.parent.mkdir(parents=True)
    db.write_bytes(b"this is not a database " * 200)
    with LibraryIndex(db) as index:
        report = index.sync([library])
        assert not index.in_memory
        warnings = list(index.warnings)
    assert report.total == 3
    assert len(warnings) == 1 and str(db) in warnings[0] and "moved it to" in warnings[0]
    aside = [p for p in db.parent.iterdir() if ".corrupt-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is not a database")


def test_only_the_newest_damaged_copies_are_kept(library: Path, tmp_path: Path) -> None:
    db = db_in(tmp_path)
    db.parent.mkdir(parents=True)
    for stamp in ("20200101-000000", "20210101-000000", "20220101-000000"):
        (db.parent / f"{DB_NAME}.corrupt-{stamp}").write_bytes(b"old damaged copy")
    db.write_bytes(b"not a database" * 100)
    with LibraryIndex(db) as index:
        index.sync([library])
    kept = sorted(p.name for p in db.parent.iterdir() if ".corrupt-" in p.name)
    assert len(kept) == 2
    assert kept[0] == f"{DB_NAME}.corrupt-20220101-000000"


def test_truncated_database_is_rebuilt(library: Path, tmp_path: Path) -> None:
    db = db_in(tmp_path)
    with LibraryIndex(db) as index:
        index.sync([library])
    # Fold the WAL into the file so truncating it really cuts the data.
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")
    size = db.stat().st_size
    with db.open("r+b") as handle:
        handle.truncate(size // 3)
    with LibraryIndex(db) as index:
        report = index.sync([library])
        titles = [s.title for s in index.summaries()]
        hits = index.search("cabai")
        warnings = list(index.warnings)
    assert report.total == 3 and len(titles) == 3
    assert [hit.title for hit in hits] == ["Harga Cabai Naik Menjelang Lebaran"]
    assert warnings and "damaged" in warnings[0]


def test_damaged_full_text_index_is_rebuilt_from_the_stored_articles(library: Path, tmp_path: Path) -> None:
    db = db_in(tmp_path)
    with LibraryIndex(db) as index:
        index.sync([library])
        with sqlite3.connect(db) as conn:
            conn.execute("UPDATE articles_fts_data SET block = zeroblob(length(block)) WHERE id > 10")
        assert index.search("cabai") == []
        # SQLite reports such damage, when it notices, as SQLITE_CORRUPT_VTAB.
        error = sqlite3.DatabaseError("database disk image is malformed")
        error.sqlite_errorname = "SQLITE_CORRUPT_VTAB"
        index._recover(error, index._generation)
        hits = [hit.title for hit in index.search("cabai")]
        assert not index.in_memory and len(index.summaries()) == 3
        warnings = list(index.warnings)
    assert hits == ["Harga Cabai Naik Menjelang Lebaran"]
    assert len(warnings) == 1 and "full-text index" in warnings[0]


def test_database_locked_by_another_program_falls_back_to_memory(library: Path, tmp_path: Path) -> None:
    db = db_in(tmp_path)
    db.parent.mkdir(parents=True)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("CREATE TABLE other(x)")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with LibraryIndex(db, busy_timeout=0.05) as index:
            report = index.sync([library])
            assert index.in_memory
            assert len(index.summaries()) == 3
            warnings = list(index.warnings)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert report.total == 3
    assert len(warnings) == 1 and "locked" in warnings[0] and "in-memory" in warnings[0]


def test_database_locked_during_a_sync_falls_back_to_memory(library: Path, tmp_path: Path) -> None:
    db = db_in(tmp_path)
    with LibraryIndex(db, busy_timeout=0.05) as index:
        holder = sqlite3.connect(db, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            report = index.sync([library])
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert index.in_memory
        assert [hit.title for hit in index.search("cabai")] == ["Harga Cabai Naik Menjelang Lebaran"]
    assert report.total == 3


def test_unchanged_library_syncs_while_another_program_is_writing(library: Path, tmp_path: Path) -> None:
    db = db_in(tmp_path)
    with LibraryIndex(db) as index:
        index.sync([library])
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with LibraryIndex(db, busy_timeout=0.05) as index:
            report = index.sync([library])
            assert not index.in_memory and index.warnings == []
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert (report.unchanged, report.total) == (3, 3)


def test_cache_folder_that_cannot_be_created_falls_back_to_memory(library: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    with LibraryIndex(blocker / "kabar" / DB_NAME) as index:
        report = index.sync([library])
        assert index.in_memory
        warnings = list(index.warnings)
    assert report.total == 3
    assert len(warnings) == 1 and str(blocker) in warnings[0]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions, not root")
def test_read_only_cache_folder_falls_back_to_memory(library: Path, tmp_path: Path) -> None:
    folder = tmp_path / "ro-cache"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with LibraryIndex(folder / DB_NAME) as index:
            report = index.sync([library])
            assert index.in_memory
    finally:
        folder.chmod(0o700)
    assert report.total == 3


def test_read_only_database_falls_back_to_memory_when_a_sync_must_write(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = db_in(tmp_path)
    with LibraryIndex(db) as index:
        index.sync([library])
    real_connect = sqlite3.connect

    def read_only(target, *args, **kwargs):
        # What SQLite does on a read-only file system or file (root ignores permission bits).
        if target != ":memory:":
            return real_connect(f"file:{target}?mode=ro", *args, uri=True, **kwargs)
        return real_connect(target, *args, **kwargs)

    monkeypatch.setattr(index_module.sqlite3, "connect", read_only)
    write_article(library, "d-baru.md", "Jembatan Baru", "Jembatan baru diresmikan hari ini.")
    with LibraryIndex(db) as index:
        report = index.sync([library])
        assert index.in_memory
        assert [hit.title for hit in index.search("jembatan")] == ["Jembatan Baru"]
        warnings = list(index.warnings)
    assert report.total == 4
    assert len(warnings) == 1 and "readonly" in warnings[0].replace("-", "").replace(" ", "")


def test_database_from_another_schema_version_is_replaced(library: Path, tmp_path: Path) -> None:
    db = db_in(tmp_path)
    db.parent.mkdir(parents=True)
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        conn.execute("INSERT INTO meta VALUES ('schema', '0')")
        conn.execute("CREATE TABLE files(path TEXT)")
        conn.execute("CREATE TABLE leftover(x)")
    with LibraryIndex(db) as index:
        report = index.sync([library])
        assert not index.in_memory and index.warnings == []
    with sqlite3.connect(db) as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert report.total == 3
    assert "leftover" not in tables and {"files", "articles", "entity_articles"} <= tables


# ----- threads ---------------------------------------------------------------------------------


@pytest.mark.parametrize("in_memory", [False, True], ids=["file", "memory"])
def test_reading_from_another_thread_while_a_sync_runs(tmp_path: Path, in_memory: bool) -> None:
    folder = tmp_path / "big"
    for number in range(60):
        write_article(
            folder, f"{number:03d}.md", f"Berita {number}", f"Isi berita nomor {number} tentang kota."
        )
    errors: list[BaseException] = []
    with LibraryIndex(":memory:" if in_memory else db_in(tmp_path)) as index:
        index.sync([folder / "000.md"])

        def sync_all() -> None:
            try:
                index.sync([folder], workers=1)
            except BaseException as error:  # noqa: BLE001 - reported by the assertion below
                errors.append(error)

        worker = threading.Thread(target=sync_all)
        worker.start()
        seen = []
        while worker.is_alive():
            seen.append(len(index.summaries([folder])))
            index.search("kota")
        worker.join()
        final = index.summaries([folder])
    assert errors == []
    assert seen == sorted(seen)
    assert len(final) == 60


# ----- one entity across the library ------------------------------------------------------------


@pytest.fixture
def acronym_library(tmp_path: Path) -> Path:
    """One article defines `Badan Kepegawaian Negara (BKN)`, two others only write `BKN`."""
    folder = tmp_path / "acronyms"
    write_article(
        folder,
        "1.md",
        "Seleksi",
        "Badan Kepegawaian Negara (BKN) membuka seleksi. Menurut BKN, pendaftaran dibuka pekan depan.",
    )
    write_article(folder, "2.md", "Jadwal", "Jadwal tes diumumkan BKN pada Senin pagi.")
    write_article(folder, "3.md", "Hasil", "Hasil tes dari BKN keluar lebih cepat.")
    write_article(folder, "4.md", "Cuaca", "Cuaca cerah sepanjang hari di pesisir.")
    return folder


def org_id_of(index: LibraryIndex, article_title: str, name: str) -> str:
    article_id = next(s.id for s in index.summaries() if s.title == article_title)
    return next(e.id for e in index.extraction(article_id).entities if e.name == name)


def test_acronym_in_one_article_and_full_name_in_another_are_one_entity(
    acronym_library: Path, tmp_path: Path
) -> None:
    with LibraryIndex(db_in(tmp_path)) as index:
        index.sync([acronym_library])
        title_of = {s.id: s.title for s in index.summaries()}
        full = org_id_of(index, "Seleksi", "Badan Kepegawaian Negara")
        short = org_id_of(index, "Jadwal", "BKN")
        from_full = [title_of[i] for i in index.articles_with_entity(full)]
        from_short = [title_of[i] for i in index.articles_with_entity(short)]
        counts = {c.entity_id: c.articles for c in index.entity_counts()}
        linked = set(index.linked_entity_ids(short))
    assert from_full == from_short == ["Seleksi", "Jadwal", "Hasil"]
    assert linked == {full, short}
    assert counts[full] == counts[short] == 3


def test_link_follows_the_library_when_the_defining_article_is_deleted(
    acronym_library: Path, tmp_path: Path
) -> None:
    with LibraryIndex(db_in(tmp_path)) as index:
        index.sync([acronym_library])
        short = org_id_of(index, "Jadwal", "BKN")
        (acronym_library / "1.md").unlink()
        index.sync([acronym_library])
        title_of = {s.id: s.title for s in index.summaries()}
        with_short = [title_of[i] for i in index.articles_with_entity(short)]
        counts = {c.entity_id: c.articles for c in index.entity_counts()}
    assert with_short == ["Jadwal", "Hasil"]
    assert counts[short] == 2


def org(name: str, *aliases: str) -> Entity:
    return Entity(entity_id(ORG, name), ORG, name, (Mention(0, 1, name[0]),), aliases=aliases)


def test_short_name_defined_by_two_entities_joins_neither(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`KIP` is the acronym of two different bodies in the library: an article that only writes
    `KIP` cannot be told which, so it stays its own entity."""
    by_title = {
        "Komisi": (org("Komisi Informasi Pusat", "KIP"),),
        "Komite": (org("Komite Independen Pemilu", "KIP"),),
        "Putusan": (org("KIP"),),
        "Badan": (org("Badan Pusat Statistik", "BPS"),),
        "Data": (org("BPS"),),
    }
    monkeypatch.setattr(
        index_rows, "extract", lambda body, **_: Extraction(entities=by_title[body.split()[0]])
    )
    folder = tmp_path / "two"
    for n, title in enumerate(by_title):
        write_article(folder, f"{n}.md", title, f"{title} menulis.")
    with LibraryIndex(db_in(tmp_path)) as index:
        index.sync([folder])
        title_of = {s.id: s.title for s in index.summaries()}

        def titles(name: str) -> list[str]:
            return sorted(title_of[i] for i in index.articles_with_entity(entity_id(ORG, name)))

        assert titles("KIP") == ["Putusan"]
        assert titles("Komisi Informasi Pusat") == ["Komisi"]
        assert titles("BPS") == titles("Badan Pusat Statistik") == ["Badan", "Data"]
