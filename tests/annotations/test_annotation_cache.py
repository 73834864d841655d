"""The cache copy of annotation files: read without validating again, yet never different from
reading the YAML itself, and never hiding a change to it."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from annotation_samples import BODY, make_article, span_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tui.annotations.files as files
from tui.annotations.anchoring import AnchorStatus
from tui.annotations.frozen import slot_setters
from tui.annotations.model import (
    ROW_FIELDS,
    Annotation,
    Speaker,
    Target,
    annotation_from_row,
    annotation_row,
    new_annotation,
)
from tui.annotations.store import AnnotationStore, Listing
from tui.annotations.yaml_io import dump_yaml
from tui.library.article import Article

USER = "tester"


def _fresh(root: Path, *, cache: bool = True) -> AnnotationStore:
    """A store as a new process would make it; without cache it parses every YAML file."""
    store = AnnotationStore(root=root, user=USER)
    if not cache:
        store._codec.cache_folder = None
    return store


def _both_paths(root: Path, articles: list[Article]) -> tuple[Listing, Listing]:
    return _fresh(root).all(articles), _fresh(root, cache=False).all(articles)


def _cache_files(cache_root: Path) -> list[Path]:
    return sorted((cache_root / "annotations").rglob("*.json"))


@pytest.fixture
def cache_root(isolated_folders: Path) -> Path:
    return isolated_folders / "cache"


@pytest.fixture
def yaml_parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the YAML documents the store parses (a cache hit parses none)."""
    calls: list[int] = []
    real = files.load_yaml

    def counting(data: Any, **kw: Any) -> Any:
        calls.append(1)
        return real(data, **kw)

    monkeypatch.setattr(files, "load_yaml", counting)
    return calls


def _notes(store: AnnotationStore, article: Article, *texts: str) -> list[Annotation]:
    out = []
    for i, text in enumerate(texts):
        start, end = span_of(article.body, text)
        out.append(store.add(article, start, end, note=f"catatan {i}\nbaris dua", tags=["harga", f"t{i}"]))
    return out


TEXTS = ("Harga cabai rawit", "pasokan dari petani berkurang", "Kami minta warga tidak panik membeli")


# ---- the copy is used, and gives what the YAML gives ---------------------------------------


def test_a_new_store_reads_the_copy_instead_of_parsing_the_yaml(
    store: AnnotationStore, article: Article, yaml_parses: list[int]
) -> None:
    _notes(store, article, *TEXTS)
    yaml_parses.clear()
    listing = _fresh(store.root).all([article])
    assert yaml_parses == []
    assert [e.annotation.note for e in listing.entries] == ["catatan 0\nbaris dua", "catatan 1\nbaris dua",
                                                          "catatan 2\nbaris dua"]  # fmt: skip
    assert all(e.anchor is not None and e.anchor.status is AnchorStatus.EXACT for e in listing.entries)


def test_copy_and_yaml_give_equal_listings_and_loads(store: AnnotationStore, article: Article) -> None:
    _notes(store, article, *TEXTS)
    fast, slow = _both_paths(store.root, [article])
    assert len(fast.entries) == 3 and fast == slow
    assert _fresh(store.root).load(article) == _fresh(store.root, cache=False).load(article)


def test_a_file_parsed_from_yaml_is_cached_for_the_next_process(
    store: AnnotationStore, article: Article, cache_root: Path, yaml_parses: list[int]
) -> None:
    _notes(store, article, *TEXTS)
    for cache in _cache_files(cache_root):
        cache.unlink()  # as after a sync from another machine
    yaml_parses.clear()
    first = _fresh(store.root).all([article])
    assert len(yaml_parses) == 1 and len(_cache_files(cache_root)) == 1
    second = _fresh(store.root).all([article])
    assert len(yaml_parses) == 1 and second == first


# ---- a change to the YAML is never hidden ----------------------------------------------------


def test_hand_edit_of_same_size_and_new_mtime_is_seen(store: AnnotationStore, article: Article) -> None:
    _notes(store, article, *TEXTS)
    _fresh(store.root).all([article])
    path = store.path_for(article)
    text = path.read_text(encoding="utf-8")
    edited = text.replace("catatan 1", "CATATAN 1")
    assert len(edited) == len(text)
    path.write_text(edited, encoding="utf-8")
    fast, slow = _both_paths(store.root, [article])
    assert fast == slow
    assert [e.annotation.note.split("\n")[0] for e in fast.entries] == ["catatan 0", "CATATAN 1", "catatan 2"]


def test_edit_that_keeps_size_mtime_and_inode_is_still_seen(store: AnnotationStore, article: Article) -> None:
    _notes(store, article, *TEXTS)
    path = store.path_for(article)
    _fresh(store.root).all([article])
    before = path.stat()
    data = path.read_bytes()
    with path.open("r+b") as handle:  # in place, as some editors write
        handle.write(data.replace(b"catatan 2", b"catatan 9"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == (
        before.st_ino,
        before.st_size,
        before.st_mtime_ns,
    )
    notes = [e.annotation.note for e in _fresh(store.root).all([article]).entries]
    assert notes[2].startswith("catatan 9")


def test_edit_with_different_content_and_size_is_seen(store: AnnotationStore, article: Article) -> None:
    _notes(store, article, *TEXTS)
    _fresh(store.root).all([article])
    path = store.path_for(article)
    path.write_text(path.read_text(encoding="utf-8").replace("- t0\n", "- t0\n  - diubah tangan\n"), "utf-8")
    fast, slow = _both_paths(store.root, [article])
    assert fast == slow
    assert fast.entries[0].annotation.tags == ("harga", "t0", "diubah tangan")


def test_yaml_broken_by_hand_is_reported_despite_a_good_copy(
    store: AnnotationStore, article: Article
) -> None:
    _notes(store, article, *TEXTS)
    _fresh(store.root).all([article])
    path = store.path_for(article)
    path.write_text(path.read_text(encoding="utf-8").replace("schema: 1", "schema: [1"), encoding="utf-8")
    before = path.read_bytes()
    fast = _fresh(store.root).all([article])
    assert fast.entries == () and [b.path for b in fast.broken] == [path]
    assert path.read_bytes() == before


# ---- a damaged, foreign or outdated copy is ignored -------------------------------------------


def _damage_cases(blob: bytes) -> Iterator[tuple[str, bytes]]:
    key, payload, items = blob.split(b"\n", 2)
    yield "empty", b""
    yield "truncated in the key", blob[: len(key) // 2]
    yield "truncated in the rows", blob[: len(key) + len(payload) // 2]
    yield "garbage", b"\x00\xff" * 50
    yield (
        "one byte changed in the rows",
        key + b"\n" + payload.replace(b"catatan 1", b"catatan 7") + b"\n" + items,
    )
    yield "rows of another shape", key + b"\n" + payload.replace(b'"rows":[[', b'"rows":[[1,') + b"\n" + items
    yield "key garbled", b"kabar-annotations ?\n" + payload + b"\n" + items
    yield "no line breaks", blob.replace(b"\n", b" ")


def test_damaged_copy_is_ignored_and_the_yaml_read(
    store: AnnotationStore, article: Article, cache_root: Path
) -> None:
    _notes(store, article, *TEXTS)
    [cache] = _cache_files(cache_root)
    good = cache.read_bytes()
    expected = _fresh(store.root, cache=False).all([article])
    for name, damaged in _damage_cases(good):
        cache.write_bytes(damaged)
        assert _fresh(store.root).all([article]) == expected, name


def test_rows_with_a_matching_check_but_the_wrong_shape_are_ignored(
    store: AnnotationStore, article: Article, cache_root: Path
) -> None:
    # A bug or another tool writing a well-formed copy of another shape: still the YAML decides.
    _notes(store, article, *TEXTS)
    [cache] = _cache_files(cache_root)
    _, payload, items = cache.read_bytes().split(b"\n", 2)
    stored = json.loads(payload)
    stored["rows"][0] = stored["rows"][0][:5]
    new_payload = json.dumps(stored).encode()
    digest = files.content_digest(store.path_for(article).read_bytes())
    cache.write_bytes(files.cache_key_line(digest, new_payload) + new_payload + b"\n" + items)
    assert _fresh(store.root).all([article]) == _fresh(store.root, cache=False).all([article])


def test_copy_in_the_previous_format_is_ignored_then_replaced(
    store: AnnotationStore, article: Article, cache_root: Path, yaml_parses: list[int]
) -> None:
    _notes(store, article, *TEXTS)
    [cache] = _cache_files(cache_root)
    path = store.path_for(article)
    data = path.read_bytes()
    old_document = files.parse_annotation_file(data).to_dict()
    old_document["annotations"][0]["note"] = "dari cache lama"  # would show if it were used
    digest = files.content_digest(data)
    cache.write_text(json.dumps({"digest": digest, "document": old_document, "yaml": []}), encoding="utf-8")
    yaml_parses.clear()
    fast = _fresh(store.root).all([article])
    assert fast == _fresh(store.root, cache=False).all([article])
    assert "dari cache lama" not in {e.annotation.note for e in fast.entries}
    assert cache.read_bytes().split(b"\n", 1)[0].split()[:2] == [b"kabar-annotations", files._LAYOUT_KEY]
    yaml_parses.clear()
    assert _fresh(store.root).all([article]) == fast and yaml_parses == []


def test_copy_written_for_another_model_shape_is_ignored(
    store: AnnotationStore, article: Article, monkeypatch: pytest.MonkeyPatch, yaml_parses: list[int]
) -> None:
    _notes(store, article, *TEXTS)
    monkeypatch.setattr(files, "_LAYOUT_KEY", files.layout_key(files.CACHE_LAYOUT + ";Annotation:new_field"))
    yaml_parses.clear()
    assert len(_fresh(store.root).all([article]).entries) == 3
    assert len(yaml_parses) == 1


def test_model_shape_names_every_field_a_row_holds() -> None:
    shape = files.CACHE_LAYOUT
    for name in (
        "Annotation:id,created,modified,user,target",
        "TextQuoteSelector:exact,prefix,suffix",
        "Speaker",
    ):
        assert name in shape


def test_fast_builder_refuses_a_class_whose_fields_changed() -> None:
    with pytest.raises(TypeError, match="update its fast builder"):
        slot_setters(Speaker, ("extracted",))


# ---- anchoring in an edited article is the same either way -----------------------------------


def test_anchors_after_the_article_changed_are_the_same_as_from_yaml(
    store: AnnotationStore, article: Article
) -> None:
    _notes(store, article, *TEXTS, "Pedagang di Pasar Wonokromo")
    body = "Paragraf baru di awal.\n" + BODY
    body = body.replace("pasokan dari petani berkurang", "pasokan dari para petani berkurang")
    body = body.replace('"Kami minta warga tidak panik membeli," ujarnya.\n', "")
    edited = make_article(body, title=article.title, source=article.source)
    fast, slow = _both_paths(store.root, [edited])
    assert fast == slow
    statuses = [e.anchor.status if e.anchor else None for e in fast.entries]
    assert statuses == [AnchorStatus.MOVED, AnchorStatus.FUZZY, AnchorStatus.ORPHAN, AnchorStatus.MOVED]
    loads = _fresh(store.root).load(edited), _fresh(store.root, cache=False).load(edited)
    assert loads[0] == loads[1]


# ---- what is written to the copy is what reading the YAML gives -------------------------------


def test_note_saved_in_a_form_validation_changes_reads_back_the_same_either_way(
    store: AnnotationStore, article: Article
) -> None:
    start, end = span_of(article.body, TEXTS[0])
    made = new_annotation(article.body, start, end, user=USER, note="x")
    # Built by hand, bypassing the cleaning a save through edit() or add() does.
    raw = replace(made, note="kotor \x1b[31m \n", tags=("a", " a ", "B"), speaker=Speaker(" Budi ", None))
    store.put(article, raw)
    fast, slow = _both_paths(store.root, [article])
    assert fast == slow
    assert fast.entries[0].annotation.note == "kotor"  # the escape sequence and trailing space gone


def test_keys_json_cannot_hold_are_read_from_yaml_each_time(
    store: AnnotationStore, article: Article, yaml_parses: list[int]
) -> None:
    _notes(store, article, TEXTS[0])
    path = store.path_for(article)
    path.write_text(path.read_text(encoding="utf-8") + "  x-map:\n    1: satu\n", encoding="utf-8")
    yaml_parses.clear()
    fast, slow = _both_paths(store.root, [article])
    assert fast == slow and fast.entries[0].annotation.extra == {"x-map": {1: "satu"}}
    assert len(yaml_parses) == 2  # not cached: each process parses it


def test_a_save_after_reading_the_copy_keeps_every_note(store: AnnotationStore, article: Article) -> None:
    _notes(store, article, *TEXTS)
    fresh = _fresh(store.root)
    fresh.all([article])
    start, end = span_of(article.body, "Pedagang di Pasar")
    fresh.add(article, start, end, note="baru")
    fast, slow = _both_paths(store.root, [article])
    assert fast == slow and len(fast.entries) == 4


# ---- the row form, for any annotation --------------------------------------------------------

_text = st.text(max_size=40)
_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
_extras = st.dictionaries(st.sampled_from(["x-a", "x-b", "rating"]), _json_values, max_size=2)


@st.composite
def annotation_dicts(draw: st.DrawFn, body_length: int) -> dict[str, Any]:
    start = draw(st.integers(0, body_length - 2))
    end = draw(st.integers(start + 1, min(body_length, start + 80)))
    item: dict[str, Any] = {
        "id": draw(st.uuids()).hex,
        "user": draw(_text),
        "created": "2025-03-03T10:00:00.000Z",
        "modified": draw(st.sampled_from(["2025-03-03T10:00:00.000Z", "2025-03-04T01:02:03+07:00"])),
        "motivation": draw(st.sampled_from(["commenting", "highlighting", "x-custom"])),
        "target": {
            "quote": {
                "exact": BODY[start:end],
                "prefix": BODY[max(0, start - 32) : start],
                "suffix": draw(_text),
            },
            "position": {"start": start, "end": end},
            **draw(_extras),
        },
        "tags": draw(st.lists(_text, max_size=4)),
        "note": draw(_text),
        **draw(_extras),
    }
    speaker = draw(st.none() | _text | st.fixed_dictionaries({"extracted": _text, "corrected": _text}))
    if speaker is not None:
        item["speaker"] = speaker
    return item


@settings(max_examples=60, deadline=None)
@given(annotation_dicts(len(BODY)))
def test_row_gives_back_the_validated_annotation(item: dict[str, Any]) -> None:
    annotation = Annotation.from_dict(item)
    row = json.loads(json.dumps(annotation_row(annotation)))
    assert len(row) in (13, len(ROW_FIELDS))
    assert annotation_from_row(row) == annotation


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    items=st.lists(annotation_dicts(len(BODY)), min_size=1, max_size=6),
    edit=st.sampled_from(["same", "inserted", "deleted", "replaced"]),
    at=st.integers(0, len(BODY) - 1),
    extras=st.tuples(_extras, _extras),
)
def test_copy_and_yaml_agree_for_any_file_and_any_edit_of_the_article(
    items: list[dict[str, Any]],
    edit: str,
    at: int,
    extras: tuple[dict[str, Any], dict[str, Any]],
    isolated_folders: Path,
) -> None:
    with tempfile.TemporaryDirectory(dir=isolated_folders) as tmp:
        os.environ["KABAR_CACHE_DIR"] = str(Path(tmp) / "cache")  # a cold cache for each example
        # A title as a page may give it: the file keeps it as validation cleans it.
        article = make_article(title=" Harga Cabai\t", source="Kabarkita.id")
        root = Path(tmp) / "annotations"
        folder = root / USER
        folder.mkdir(parents=True)
        ref = {"id": article.id, "path": article.file, "title": f" {article.title}\x07 ", **extras[0]}
        header = {"schema": 1, "article": ref, **extras[1]}
        # A file written by hand (or by another tool), then one note added by this Kabar.
        (folder / f"{article.id}.yaml").write_text(dump_yaml({**header, "annotations": items}), "utf-8")
        _fresh(root).add(article, 0, 5, note="dari Kabar")
        body = {
            "same": BODY,
            "inserted": BODY[:at] + "Kalimat sisipan. " + BODY[at:],
            "deleted": BODY[:at] + BODY[at + 40 :],
            "replaced": BODY[:at] + "X" + BODY[at + 1 :],
        }[edit]
        changed = make_article(body, title=article.title, source=article.source)
        for current in (article, changed):
            _fresh(root).all([current])  # makes the copy if it is not there yet
            fast, slow = _both_paths(root, [current])
            assert fast == slow
            assert fast.entries and not fast.broken
            assert _fresh(root).load(current) == _fresh(root, cache=False).load(current)


def test_target_extra_survives_the_copy(store: AnnotationStore, article: Article) -> None:
    start, end = span_of(article.body, TEXTS[1])
    made = new_annotation(article.body, start, end, user=USER)
    target = Target(made.target.quote, made.target.position, {"x-selector": {"type": "CssSelector"}})
    store.put(article, replace(made, target=target, extra={"x-app": [1, 2]}))
    fast, slow = _both_paths(store.root, [article])
    assert fast == slow
    assert fast.entries[0].annotation.target.extra == {"x-selector": {"type": "CssSelector"}}


# ---- the load leaves the process as it found it ----------------------------------------------


def test_library_load_leaves_the_cycle_collector_as_it_found_it(
    store: AnnotationStore, article: Article
) -> None:
    import gc

    _notes(store, article, *TEXTS)
    assert gc.isenabled()
    assert len(_fresh(store.root).all([article]).entries) == 3
    assert gc.isenabled()
    gc.disable()
    try:
        _fresh(store.root).all([article])
        assert not gc.isenabled()
    finally:
        gc.enable()
