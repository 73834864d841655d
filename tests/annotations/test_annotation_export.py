"""Exports (Markdown, JSON-LD, CSV) and the JSON-LD import, idempotent by id."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from annotation_samples import BODY, make_article, span_of
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.annotations.export import dump_jsonld, obsidian_tag, to_csv, to_markdown
from tui.annotations.importer import ImportFormatError, import_jsonld, parse_jsonld
from tui.annotations.model import Speaker
from tui.annotations.store import AnnotationStore, LibraryEntry
from tui.library.article import Article

QUOTE = '"Kenaikan ini terjadi karena pasokan dari petani berkurang akibat hujan,"'


def _entries(tmp_path: Path) -> tuple[AnnotationStore, Article, list[LibraryEntry]]:
    article = make_article(title="Harga Cabai Naik", source="Kabarkita.id")
    store = AnnotationStore(tmp_path / "a", "ana")
    start, end = span_of(BODY, QUOTE)
    store.add(
        article, start, end, note="Cek data BPS.\nBandingkan tahun lalu.", tags=["harga pangan", "lebaran"],
        speaker=Speaker(extracted="Budi", corrected="Budi Santoso"),
    )  # fmt: skip
    start, end = span_of(BODY, "Pedagang")
    store.add(article, start, end, motivation="highlighting")
    return store, article, list(store.all([article]).entries)


def test_markdown_groups_by_article_with_quote_speaker_note_and_tags(tmp_path: Path) -> None:
    _, _, entries = _entries(tmp_path)
    text = to_markdown(entries)
    assert text.count("## Harga Cabai Naik\n") == 1
    assert "- Outlet: Kabarkita.id" in text
    assert f"> {QUOTE}\n> — **Budi Santoso** (corrected from Budi)\n" in text
    assert "Cek data BPS.\nBandingkan tahun lalu.\n" in text
    assert "Tags: #harga-pangan #lebaran" in text


def test_obsidian_tags_have_no_spaces_or_punctuation() -> None:
    assert obsidian_tag("Harga Pangan!") == "#Harga-Pangan"
    assert obsidian_tag("2025") == "#tag-2025"
    assert obsidian_tag("!!!") == ""


def test_jsonld_is_a_w3c_annotation_collection(tmp_path: Path) -> None:
    _, article, entries = _entries(tmp_path)
    document = json.loads(dump_jsonld(entries))
    assert document["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert document["type"] == "AnnotationCollection" and document["total"] == 2
    item = document["first"]["items"][0]
    assert item["type"] == "Annotation" and item["id"].startswith("urn:uuid:")
    selectors = {s["type"]: s for s in item["target"]["selector"]}
    assert selectors["TextQuoteSelector"]["exact"] == QUOTE
    assert selectors["TextPositionSelector"]["start"] == BODY.index(QUOTE)
    assert item["target"]["source"] == f"urn:kabar:article:{article.id}"
    assert {b["purpose"] for b in item["body"]} == {"commenting", "tagging"}


def test_csv_has_one_row_per_note_and_neutralises_formulas(tmp_path: Path) -> None:
    store = AnnotationStore(tmp_path / "a", "ana")
    body = '=HYPERLINK("http://evil") adalah teks artikel.\n'
    article = make_article(body, file="/n/x.txt")
    store.add(article, 0, 10, note="+catatan", tags=["a", "b"])
    rows = list(csv.DictReader(io.StringIO(to_csv(list(store.all([article]).entries)))))
    assert len(rows) == 1
    assert rows[0]["quote"] == "'=HYPERLINK"
    assert rows[0]["note"] == "'+catatan"
    assert rows[0]["tags"] == "a; b" and rows[0]["anchor"] == "exact"


def test_import_of_an_export_into_an_empty_store_gives_the_same_annotations(tmp_path: Path) -> None:
    store, article, entries = _entries(tmp_path)
    other = AnnotationStore(tmp_path / "b", "budi")
    report = import_jsonld(other, dump_jsonld(entries).encode("utf-8"))
    assert (report.added, report.updated, report.unchanged, report.skipped) == (2, 0, 0, [])
    original = {p.annotation for p in store.load(article).annotations}
    imported = {p.annotation for p in other.load(article).annotations}
    assert imported == original


def test_importing_the_same_file_twice_changes_nothing(tmp_path: Path) -> None:
    store, article, entries = _entries(tmp_path)
    data = dump_jsonld(entries).encode("utf-8")
    other = AnnotationStore(tmp_path / "b", "budi")
    import_jsonld(other, data)
    path = other.path_for(article)
    before = path.read_bytes(), path.stat().st_mtime_ns
    report = import_jsonld(other, data)
    assert (report.added, report.updated, report.unchanged) == (0, 0, 2)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_import_replaces_a_note_only_with_a_later_edit(tmp_path: Path) -> None:
    store, article, entries = _entries(tmp_path)
    old_export = dump_jsonld(entries).encode("utf-8")
    first = entries[0].annotation
    store.update(article, first, note="edited later")
    assert import_jsonld(store, old_export).updated == 0
    assert store.load(article).annotations[0].annotation.note == "edited later"
    newer = AnnotationStore(tmp_path / "c", "ana")
    import_jsonld(newer, old_export)
    assert import_jsonld(newer, dump_jsonld(list(store.all([article]).entries)).encode()).updated == 1


def test_import_skips_annotations_without_a_kabar_article_and_says_why() -> None:
    document = {
        "type": "Annotation",
        "id": "https://example.org/anno/1",
        "created": "2025-01-01T00:00:00Z",
        "target": {
            "source": "https://example.org/page",
            "selector": {"type": "TextQuoteSelector", "exact": "x"},
        },
    }
    found, skipped = parse_jsonld(json.dumps(document).encode())
    assert found == [] and "which Kabar article" in skipped[0]


def test_import_accepts_a_bare_annotation_without_position() -> None:
    document = [
        {
            "type": "Annotation",
            "id": "urn:uuid:6f0c4a59-6a4b-4e0f-9a61-1d1d3f0a0a01",
            "created": "2025-01-01T00:00:00Z",
            "body": "Catatan",
            "target": {
                "source": "urn:kabar:article:abc",
                "selector": {"type": "TextQuoteSelector", "exact": "x"},
            },
        }
    ]
    [(ref, annotation)], skipped = parse_jsonld(json.dumps(document).encode())
    assert skipped == [] and ref.id == "abc"
    assert annotation.id == "6f0c4a59-6a4b-4e0f-9a61-1d1d3f0a0a01" and annotation.note == "Catatan"


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                ["type", "id", "target", "selector", "exact", "body", "items", "first", "kabar:article"]
            )
            | st.text(max_size=5),
            inner,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@settings(max_examples=120, deadline=None)
@given(_json_values)
def test_any_json_imports_or_fails_with_one_clear_error(document: object) -> None:
    try:
        found, skipped = parse_jsonld(json.dumps(document).encode())
    except ImportFormatError as e:
        assert "\n" not in str(e)
    else:
        assert all("\n" not in reason for reason in skipped)
        assert all(annotation.target.quote.exact for _, annotation in found)
