"""The store: notes saved durably, found again after edits, never lost or overwritten when broken."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from annotation_samples import BODY, make_article, span_of

from tui.annotations.anchoring import AnchorStatus
from tui.annotations.model import Speaker
from tui.annotations.store import (
    AnnotationStore,
    BrokenFileError,
    UnknownAnnotationError,
    resolve_user,
    user_folder_name,
)
from tui.annotations.yaml_io import dump_yaml, load_yaml
from tui.library.article import Article

QUOTE = "Kami minta warga tidak panik membeli"


def _add(store: AnnotationStore, article: Article, text: str = QUOTE, note: str = "catatan") -> str:
    start, end = span_of(article.body, text)
    return store.add(article, start, end, note=note, tags=["harga"]).id


def test_added_note_loads_back_anchored_exact(store: AnnotationStore, article: Article) -> None:
    added = _add(store, article, note="Perlu dicek\nke dinas.")
    loaded = store.load(article)
    assert loaded.ok
    [placed] = loaded.annotations
    assert placed.annotation.id == added
    assert placed.annotation.note == "Perlu dicek\nke dinas."
    assert placed.anchor.status is AnchorStatus.EXACT


def test_file_is_per_user_and_named_after_the_article(store: AnnotationStore, article: Article) -> None:
    _add(store, article)
    assert store.path_for(article) == store.root / "tester" / f"{article.id}.yaml"
    assert store.path_for(article).is_file()


def test_file_is_readable_yaml_with_schema_article_and_block_note(
    store: AnnotationStore, article: Article
) -> None:
    _add(store, article, note="baris satu\nbaris dua")
    text = store.path_for(article).read_text(encoding="utf-8")
    assert text.startswith("schema: 1\narticle:\n  id: ")
    assert "  note: |-\n    baris satu\n    baris dua\n" in text
    assert "  title: Harga Cabai Naik Jelang Lebaran\n" in text


def test_annotations_are_written_in_text_order(store: AnnotationStore, article: Article) -> None:
    later = _add(store, article, "Pedagang di Pasar Wonokromo")
    earlier = _add(store, article, "Harga cabai rawit")
    data = load_yaml(store.path_for(article).read_bytes())
    assert [a["id"] for a in data["annotations"]] == [earlier, later]


def test_quote_speaker_is_stored_as_extracted_and_corrected(store: AnnotationStore, article: Article) -> None:
    start, end = span_of(article.body, QUOTE)
    store.add(article, start, end, speaker=Speaker(extracted="Budi", corrected="Budi Santoso"))
    data = load_yaml(store.path_for(article).read_bytes())
    assert data["annotations"][0]["speaker"] == {"extracted": "Budi", "corrected": "Budi Santoso"}


def test_update_changes_the_note_and_keeps_the_others(store: AnnotationStore, article: Article) -> None:
    first = _add(store, article, note="satu")
    second = _add(store, article, "Pedagang di Pasar", note="dua")
    store.update(article, first, note="satu, diubah", tags=["penting"])
    notes = {p.annotation.id: (p.annotation.note, p.annotation.tags) for p in store.load(article).annotations}
    assert notes == {first: ("satu, diubah", ("penting",)), second: ("dua", ("harga",))}


def test_update_of_an_unknown_id_is_an_error(store: AnnotationStore, article: Article) -> None:
    _add(store, article)
    with pytest.raises(UnknownAnnotationError):
        store.update(article, "no-such-id", note="x")


def test_edit_of_a_note_deleted_in_another_window_saves_it_again(
    store: AnnotationStore, article: Article
) -> None:
    _add(store, article)
    [placed] = store.load(article).annotations
    other_window = AnnotationStore(root=store.root, user="tester")
    assert other_window.delete(article, placed.annotation.id)
    store.update(article, placed.annotation, note="edit made while it was deleted")
    assert [p.annotation.note for p in store.load(article).annotations] == ["edit made while it was deleted"]


def test_delete_removes_only_that_note(store: AnnotationStore, article: Article) -> None:
    first = _add(store, article)
    second = _add(store, article, "Pedagang di Pasar")
    assert store.delete(article, first) is True
    assert store.delete(article, first) is False
    assert [p.annotation.id for p in store.load(article).annotations] == [second]


def test_two_stores_on_one_article_keep_each_others_notes(tmp_path: Path, article: Article) -> None:
    window_a = AnnotationStore(root=tmp_path, user="tester")
    window_b = AnnotationStore(root=tmp_path, user="tester")
    window_a.load(article)
    window_b.load(article)  # both have the (empty) file cached before either writes
    a = _add(window_a, article, note="from a")
    b = _add(window_b, article, "Pedagang di Pasar", note="from b")
    assert {p.annotation.id for p in window_a.load(article).annotations} == {a, b}


def test_unknown_keys_in_the_file_survive_a_rewrite(store: AnnotationStore, article: Article) -> None:
    _add(store, article)
    path = store.path_for(article)
    text = path.read_text(encoding="utf-8")
    text = text.replace("schema: 1\n", "schema: 1\nsynced_by: laptop\n")
    text = text.replace("  story: 1\n", "  story: 1\n  source_url: https://example.org/a\n")
    text = text.replace("  tags:\n", "  colour: yellow\n  tags:\n", 1)
    path.write_text(text, encoding="utf-8")
    _add(store, article, "Pedagang di Pasar")
    data = load_yaml(path.read_bytes())
    assert data["synced_by"] == "laptop"
    assert data["article"]["source_url"] == "https://example.org/a"
    assert [a.get("colour") for a in data["annotations"]].count("yellow") == 1


def test_broken_file_is_reported_with_its_name_and_never_overwritten(
    store: AnnotationStore, article: Article
) -> None:
    path = store.path_for(article)
    path.parent.mkdir(parents=True)
    broken = b"schema: 1\nannotations:\n- id: [unclosed\n"
    path.write_bytes(broken)
    loaded = store.load(article)
    assert not loaded.ok and str(path) in (loaded.error or "")
    with pytest.raises(BrokenFileError) as caught:
        _add(store, article)
    assert str(path) in str(caught.value)
    with pytest.raises(BrokenFileError):
        store.delete(article, "anything")
    assert path.read_bytes() == broken


def test_file_that_parses_but_does_not_validate_is_also_refused(
    store: AnnotationStore, article: Article
) -> None:
    path = store.path_for(article)
    path.parent.mkdir(parents=True)
    invalid = b"schema: 1\narticle: {id: x}\nannotations:\n- id: a1\n  created: soon\n"
    path.write_bytes(invalid)
    assert "annotations[0].created" in (store.load(article).error or "")
    with pytest.raises(BrokenFileError):
        _add(store, article)
    assert path.read_bytes() == invalid


def test_file_from_a_newer_schema_is_not_rewritten(store: AnnotationStore, article: Article) -> None:
    path = store.path_for(article)
    path.parent.mkdir(parents=True)
    newer = b"schema: 99\narticle: {id: x}\nannotations: []\n"
    path.write_bytes(newer)
    assert "newer Kabar" in (store.load(article).error or "")
    with pytest.raises(BrokenFileError):
        _add(store, article)
    assert path.read_bytes() == newer


def test_other_articles_keep_working_next_to_a_broken_file(store: AnnotationStore, article: Article) -> None:
    path = store.path_for(article)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"{{{{")
    other = make_article(BODY + "Tambahan paragraf.\n", file="/news/lain.txt")
    added = _add(store, other)
    assert [p.annotation.id for p in store.load(other).annotations] == [added]
    listing = store.all([article, other])
    assert [e.annotation.id for e in listing.entries] == [added]
    assert [b.path for b in listing.broken] == [path]


def test_yaml_tag_in_a_file_is_refused_without_running_it(
    store: AnnotationStore, article: Article, tmp_path: Path
) -> None:
    marker = tmp_path / "pwned"
    path = store.path_for(article)
    path.parent.mkdir(parents=True)
    path.write_text(f"schema: !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    assert "tag" in (store.load(article).error or "")
    assert not marker.exists()


def test_failed_replace_leaves_the_old_file_and_no_temp_file(
    store: AnnotationStore, article: Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add(store, article)
    path = store.path_for(article)
    before = path.read_bytes()

    def failing_replace(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="No space left"):
        _add(store, article, "Pedagang di Pasar")
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    assert len(AnnotationStore(root=store.root, user="tester").load(article).annotations) == 1


def test_failed_fsync_leaves_the_old_file_and_no_temp_file(
    store: AnnotationStore, article: Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add(store, article)
    path = store.path_for(article)
    before = path.read_bytes()

    def failing_fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(OSError, match="Input/output"):
        _add(store, article, "Pedagang di Pasar")
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_notes_follow_an_article_whose_typo_was_fixed(store: AnnotationStore) -> None:
    with_typo = make_article(BODY.replace("pasokan dari petani", "pasokan dri petani"), file="/news/a.txt")
    quote = '"Kenaikan ini terjadi karena pasokan dri petani berkurang akibat hujan,"'
    kept = _add(store, with_typo, "Pedagang di Pasar Wonokromo")
    fixed = _add(store, with_typo, quote)
    corrected = make_article(BODY, file="/news/a.txt")
    assert corrected.id != with_typo.id
    loaded = AnnotationStore(root=store.root, user="tester").load(corrected)
    assert loaded.ok
    status = {p.annotation.id: p.anchor.status for p in loaded.annotations}
    assert status == {kept: AnchorStatus.MOVED, fixed: AnchorStatus.FUZZY}


def test_new_note_on_an_edited_article_goes_to_the_same_file(store: AnnotationStore) -> None:
    original = make_article(BODY, file="/news/a.txt")
    _add(store, original)
    edited = make_article("Paragraf pembuka baru.\n" + BODY, file="/news/a.txt")
    _add(store, edited, "Pedagang di Pasar")
    assert store.files() == [store.path_for(original)]
    data = load_yaml(store.path_for(original).read_bytes())
    assert data["article"]["id"] == edited.id and len(data["annotations"]) == 2


def test_notes_follow_an_article_file_that_was_renamed(store: AnnotationStore) -> None:
    added = _add(store, make_article(BODY, file="/news/old-name.txt"))
    moved = make_article(BODY, file="/elsewhere/new-name.txt")
    assert [p.annotation.id for p in store.load(moved).annotations] == [added]


def test_edited_article_is_found_by_title_and_outlet_after_a_move(store: AnnotationStore) -> None:
    added = _add(store, make_article(BODY, file="/news/a.txt", title="Judul", source="Outlet"))
    edited = make_article(
        BODY.replace("naik tajam", "naik"), file="/moved/b.txt", title="Judul", source="Outlet"
    )
    assert [p.annotation.id for p in store.load(edited).annotations] == [added]


def test_a_different_article_at_the_same_path_does_not_inherit_the_notes(store: AnnotationStore) -> None:
    _add(store, make_article(BODY, file="/news/a.txt"))
    replaced = make_article("Berita lain sama sekali tentang banjir di Sidoarjo.\n", file="/news/a.txt")
    loaded = store.load(replaced)
    assert loaded.annotations == () and loaded.path.name == f"{replaced.id}.yaml"


def test_orphans_are_kept_listed_and_written_back(store: AnnotationStore) -> None:
    original = make_article(BODY, file="/news/a.txt")
    orphan = _add(store, original, QUOTE)
    edited = make_article(BODY.replace(f'"{QUOTE}," ujarnya.\n', ""), file="/news/a.txt")
    loaded = store.load(edited)
    assert [(p.annotation.id, p.anchor.status) for p in loaded.orphans] == [(orphan, AnchorStatus.ORPHAN)]
    assert loaded.orphans[0].annotation.exact == QUOTE
    _add(store, edited, "Pedagang di Pasar")
    assert orphan in {p.annotation.id for p in store.load(edited).annotations}


def test_all_filters_by_tag_speaker_outlet_and_user(tmp_path: Path) -> None:
    one = make_article(BODY, file="/n/1.txt", source="Kabarkita.id")
    two = make_article(BODY + "x\n", file="/n/2.txt", source="Warta Timur")
    ana, budi = AnnotationStore(tmp_path, "ana"), AnnotationStore(tmp_path, "budi")
    start, end = span_of(BODY, QUOTE)
    ana.add(one, start, end, tags=["Harga"], speaker=Speaker(extracted="Budi Santoso"))
    ana.add(two, start, end, tags=["banjir"])
    budi.add(two, start, end, tags=["harga"])
    everyone = ana.all([one, two])
    assert len(everyone.entries) == 3
    assert {e.annotation.user for e in ana.all([one, two], tag="harga").entries} == {"ana", "budi"}
    assert [e.annotation.user for e in ana.all([one, two], users=["budi"]).entries] == ["budi"]
    assert len(ana.all([one, two], speaker="santoso").entries) == 1
    assert {e.outlet for e in ana.all([one, two], outlet="warta").entries} == {"Warta Timur"}
    assert all(e.anchor is not None and e.anchor.status is AnchorStatus.EXACT for e in everyone.entries)


def test_user_name_cannot_escape_the_annotations_folder(tmp_path: Path) -> None:
    for name in ("../../etc", "a/b", "..", "/abs", "a\\b", ".hidden"):
        folder = AnnotationStore(tmp_path, name).folder
        assert folder.parent == tmp_path and ".." not in folder.name and "/" not in folder.name


def test_user_comes_from_argument_then_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_user("ana") == "ana"
    monkeypatch.setenv("KABAR_USER", "budi")
    assert resolve_user() == "budi"
    monkeypatch.delenv("KABAR_USER")
    assert resolve_user()  # the login name, or "user" where there is none


def test_user_folder_name_keeps_unicode_letters() -> None:
    assert user_folder_name("Dewi Ayu") == "Dewi_Ayu"
    assert user_folder_name("") == "user"


def test_default_root_is_the_data_folder(isolated_folders: Path) -> None:
    store = AnnotationStore()
    assert store.root == isolated_folders / "data" / "annotations"
    assert store.user == "tester"


def test_incremental_dump_is_byte_identical_to_a_full_dump(store: AnnotationStore, article: Article) -> None:
    from tui.annotations.files import parse_annotation_file
    from tui.annotations.yaml_io import dump_yaml

    for text in ("Harga cabai rawit", "Pedagang di Pasar", QUOTE):
        _add(store, article, text, note="baris\nkedua")
    # A prefix ending in a blank line is written with `|+`, after which the emitter ends the
    # document with `...`: the joined file must still be one valid document.
    _add(store, article, "SURABAYA, Kabarkita.id")
    store.update(article, store.load(article).annotations[1].annotation, note="diubah")
    data = store.path_for(article).read_bytes()
    assert "|+" in data.decode("utf-8")
    assert data.decode("utf-8") == dump_yaml(parse_annotation_file(data).to_dict()).removesuffix("...\n")


def test_a_new_process_reads_the_cached_copy_and_ignores_a_stale_one(
    store: AnnotationStore, article: Article, isolated_folders: Path
) -> None:
    added = _add(store, article)
    [cached] = (isolated_folders / "cache" / "annotations").rglob("*.json")
    assert added in cached.read_text(encoding="utf-8")
    path = store.path_for(article)
    path.write_text(path.read_text(encoding="utf-8").replace("catatan", "diubah di editor"), encoding="utf-8")
    fresh = AnnotationStore(root=store.root, user="tester")
    assert [p.annotation.note for p in fresh.load(article).annotations] == ["diubah di editor"]


def test_a_damaged_cached_copy_does_not_make_a_good_file_broken(
    store: AnnotationStore, article: Article, isolated_folders: Path
) -> None:
    _add(store, article)
    [cached] = (isolated_folders / "cache" / "annotations").rglob("*.json")
    key, payload, items = cached.read_bytes().split(b"\n", 2)
    created = json.loads(payload)["rows"][0][2].encode()
    cached.write_bytes(b"\n".join((key, payload.replace(created, b"not a time"), items)))
    loaded = AnnotationStore(root=store.root, user="tester").load(article)
    assert loaded.ok and [p.annotation.note for p in loaded.annotations] == ["catatan"]
    assert loaded.annotations[0].annotation.created == created.decode()


def test_a_new_process_dumps_only_the_note_it_adds(
    store: AnnotationStore, article: Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.annotations.files as files

    for text in ("Harga cabai rawit", "Pedagang di Pasar", QUOTE):
        _add(store, article, text)
    dumped: list[object] = []
    real_dump = files.dump_yaml

    def counting_dump(data: object) -> str:
        dumped.append(data)
        return real_dump(data)

    monkeypatch.setattr(files, "dump_yaml", counting_dump)
    fresh = AnnotationStore(root=store.root, user="tester")
    added = _add(fresh, article, "operasi pasar")
    assert len(dumped) == 2  # the file's header and the new note
    reread = AnnotationStore(root=store.root, user="tester")
    reread._codec.cache_folder = None  # read the YAML itself
    assert added in {p.annotation.id for p in reread.load(article).annotations}
    assert len(reread.load(article).annotations) == 4


def test_a_note_cleaned_on_load_is_written_back_clean(store: AnnotationStore, article: Article) -> None:
    _add(store, article, note="bersih")
    path = store.path_for(article)
    path.write_text(path.read_text(encoding="utf-8").replace("note: bersih", 'note: "ko\\e[31mtor"'), "utf-8")
    AnnotationStore(root=store.root, user="tester").load(article)  # caches the hand-edited file
    _add(AnnotationStore(root=store.root, user="tester"), article, "Pedagang di Pasar")
    assert "\x1b" not in path.read_text(encoding="utf-8") and "note: kotor" in path.read_text(
        encoding="utf-8"
    )


def test_file_with_the_article_block_after_the_notes_is_still_found(store: AnnotationStore) -> None:
    added = _add(store, make_article(BODY, file="/news/a.txt"))
    path = store.files()[0]
    data = load_yaml(path.read_bytes())
    reordered = {"annotations": data["annotations"], "schema": 1, "article": data["article"]}
    path.write_text(dump_yaml(reordered), encoding="utf-8")
    edited = make_article(BODY.replace("naik tajam", "naik"), file="/news/a.txt")
    fresh = AnnotationStore(root=store.root, user="tester")
    assert [p.annotation.id for p in fresh.load(edited).annotations] == [added]


def test_library_list_does_not_give_a_files_notes_to_a_different_article_at_its_path(
    store: AnnotationStore,
) -> None:
    _add(store, make_article(BODY, file="/news/a.txt"))
    replaced = make_article("Berita lain sama sekali tentang banjir di Sidoarjo.\n", file="/news/a.txt")
    [entry] = store.all([replaced]).entries
    assert entry.article is None and entry.anchor is None


def test_a_save_removes_temp_files_left_by_a_killed_writer(store: AnnotationStore, article: Article) -> None:
    _add(store, article)
    path = store.path_for(article)
    leftover = path.with_name(f".{path.name}.k2j4x9.tmp")
    leftover.write_bytes(b"half a file")
    unrelated = path.with_name(".other.yaml.abc.tmp")
    unrelated.write_bytes(b"another file's")
    _add(store, article, "Pedagang di Pasar")
    assert not leftover.exists() and unrelated.exists()


def test_a_fifo_named_like_an_annotation_file_is_reported_not_read(
    store: AnnotationStore, article: Article
) -> None:
    path = store.path_for(article)
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    assert "not a regular file" in (store.load(article).error or "")
    assert [b.reason for b in store.all([article]).broken] == ["not a regular file"]


def test_reattach_points_an_orphan_at_a_new_passage_and_keeps_its_note(store: AnnotationStore) -> None:
    original = make_article(BODY, file="/news/a.txt")
    _add(store, original, QUOTE, note="tetap")
    edited = make_article(BODY.replace(QUOTE, "Warga diminta tenang"), file="/news/a.txt")
    [orphan] = store.load(edited).orphans
    start, end = span_of(edited.body, "Warga diminta tenang")
    store.reattach(edited, orphan.annotation, start, end)
    [placed] = store.load(edited).annotations
    assert placed.anchor.status is AnchorStatus.EXACT and placed.annotation.note == "tetap"
    assert placed.annotation.exact == "Warga diminta tenang"


def test_file_with_a_value_its_tag_cannot_read_is_reported_not_raised(
    store: AnnotationStore, article: Article
) -> None:
    _add(store, article)
    path = store.path_for(article)
    path.write_text(path.read_text(encoding="utf-8").replace("story: 1", "story: !!int satu"), "utf-8")
    before = path.read_bytes()
    loaded = AnnotationStore(root=store.root, user="tester").load(article)
    assert not loaded.ok and "'satu' is not a valid int" in (loaded.error or "")
    with pytest.raises(BrokenFileError):
        _add(store, article, "Pedagang di Pasar")
    assert path.read_bytes() == before


def _tree_with_links(root: Path) -> list[str]:
    """Files, folders, links to both, a dangling link and a loop; and spellings of paths in it."""
    (root / "news" / "2025").mkdir(parents=True)
    (root / "news" / "2025" / "a.txt").write_text("a", encoding="utf-8")
    (root / "other").mkdir()
    (root / "link-to-news").symlink_to(root / "news")
    (root / "news" / "2025" / "b.txt").symlink_to(root / "news" / "2025" / "a.txt")
    (root / "news" / "dangling.txt").symlink_to(root / "nowhere.txt")
    (root / "loop").symlink_to(root / "loop")
    names = ["a.txt", "b.txt", "missing.txt", "dangling.txt", ".", "..", ""]
    folders = [
        root / "news" / "2025",
        root / "link-to-news" / "2025",
        root / "news",
        root / "other" / ".." / "news" / "2025",
        root / "loop",
        root / "missing-folder",
    ]
    spellings = [f"{folder}/{name}" for folder in folders for name in names]
    return [*spellings, *(s.replace("/", "//") for s in spellings), "relative/x.txt", "x.txt", "~/x.txt"]


def test_path_resolver_gives_what_resolved_path_gives(tmp_path: Path) -> None:
    from tui.annotations.store import PathResolver, resolved_path

    paths = _tree_with_links(tmp_path)
    resolve = PathResolver()
    for path in paths * 2:  # the second round answers from what the first learnt
        assert resolve(path) == resolved_path(path), path
