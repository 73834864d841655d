"""The annotation model: validation, unknown keys kept, and a YAML round trip for any text."""

from __future__ import annotations

import dataclasses
import unicodedata
from pathlib import Path

import pytest
from annotation_samples import BODY, span_of
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.annotations.files import AnnotationFile, FileCodec, annotation_file_from_raw, parse_annotation_file
from tui.annotations.model import (
    Annotation,
    ArticleRef,
    ModelError,
    Speaker,
    Target,
    new_annotation,
    normalize_tags,
)
from tui.annotations.yaml_io import dump_yaml


def _sample() -> Annotation:
    start, end = span_of(BODY, "Kami minta warga tidak panik membeli")
    return new_annotation(BODY, start, end, user="ana", note="Cek lagi.", tags=["harga"])


def test_target_from_span_keeps_32_characters_of_context_each_side() -> None:
    start, end = span_of(BODY, "operasi pasar")
    target = Target.from_span(BODY, start, end)
    assert target.quote.exact == "operasi pasar"
    assert target.quote.prefix == BODY[start - 32 : start]
    assert target.quote.suffix == BODY[end : end + 32]
    assert (target.position.start, target.position.end) == (start, end)


def test_empty_or_out_of_range_span_is_refused() -> None:
    with pytest.raises(ModelError):
        Target.from_span(BODY, 5, 5)
    with pytest.raises(ModelError):
        Target.from_span(BODY, 0, len(BODY) + 1)


def test_new_annotation_has_uuid_utc_times_and_the_user() -> None:
    annotation = _sample()
    assert len(annotation.id) == 36 and annotation.id.count("-") == 4
    assert annotation.created.endswith("Z") and annotation.created == annotation.modified
    assert annotation.user == "ana"


def test_unknown_motivation_is_refused_when_creating() -> None:
    with pytest.raises(ModelError, match="unknown motivation"):
        new_annotation(BODY, 0, 5, user="ana", motivation="liking")


def test_tags_are_trimmed_and_deduplicated_ignoring_case() -> None:
    assert normalize_tags([" Harga  Pangan ", "harga pangan", "", "Lebaran"]) == ("Harga Pangan", "Lebaran")


def test_note_loses_terminal_escape_sequences_but_keeps_lines_and_tabs() -> None:
    annotation = new_annotation(BODY, 0, 5, user="a", note="merah \x1b[31mX\x1b[0m\r\nbaris\tdua\x07")
    assert annotation.note == "merah X\nbaris\tdua"


def test_unknown_keys_are_kept_at_every_level() -> None:
    data = _sample().to_dict()
    data["colour"] = "yellow"
    data["target"]["page"] = 3
    ref = ArticleRef(id="abc", path="/x.txt", extra={"source_url": "https://example.org/a"})
    parsed = Annotation.from_dict(data)
    assert parsed.extra == {"colour": "yellow"}
    assert parsed.target.extra == {"page": 3}
    assert parsed.to_dict()["colour"] == "yellow"
    assert ArticleRef.from_dict(ref.to_dict()).extra == {"source_url": "https://example.org/a"}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("id", "", "id must not be empty"),
        ("created", "yesterday", "created is not an ISO 8601 time"),
        ("created", "2025-01-01T10:00:00", "created has no time zone"),
        ("tags", {"a": 1}, "tags must be a list"),
        ("note", 42, "note must be text"),
    ],
)
def test_invalid_field_is_refused_with_its_name(field: str, value: object, message: str) -> None:
    data = _sample().to_dict()
    data[field] = value
    with pytest.raises(ModelError, match=message):
        Annotation.from_dict(data)


def test_position_that_is_not_a_whole_number_is_refused() -> None:
    data = _sample().to_dict()
    data["target"]["position"]["start"] = True
    with pytest.raises(ModelError, match="target.position.start must be a whole number"):
        Annotation.from_dict(data)


def test_hand_written_speaker_name_is_read_as_a_correction() -> None:
    data = _sample().to_dict()
    data["speaker"] = "Budi Santoso"
    assert Annotation.from_dict(data).speaker == Speaker(extracted=None, corrected="Budi Santoso")


def test_speaker_name_prefers_the_users_correction() -> None:
    assert Speaker(extracted="Budi", corrected="Budi Santoso").name == "Budi Santoso"
    assert Speaker(extracted="Budi").name == "Budi"


def test_edited_sets_modified_and_cleans_the_note() -> None:
    annotation = _sample()
    edited = annotation.edited(note="baru\x1b]0;title\x07", tags=["a", "A"])
    assert edited.note == "baru" and edited.tags == ("a",)
    assert edited.modified >= annotation.modified and edited.created == annotation.created


_names = st.none() | st.text(max_size=30)


@settings(max_examples=150, deadline=None)
@given(
    note=st.text(max_size=300),
    tags=st.lists(st.text(max_size=20), max_size=5),
    extracted=_names,
    corrected=_names,
    start=st.integers(0, len(BODY) - 2),
    length=st.integers(1, 80),
)
def test_any_annotation_round_trips_through_the_yaml_file(
    note: str, tags: list[str], extracted: str | None, corrected: str | None, start: int, length: int
) -> None:
    end = min(len(BODY), start + length)
    speaker = Speaker.from_dict({"extracted": extracted, "corrected": corrected})
    annotation = new_annotation(BODY, start, end, user="ana", note=note, tags=tags, speaker=speaker)
    assert all(ch in "\n\t" or unicodedata.category(ch) != "Cc" for ch in annotation.note)
    second = dataclasses.replace(annotation, id="second")  # the join of two items must stay valid
    document = AnnotationFile(ArticleRef(id="abc", title="Judul"), (annotation, second))
    assert parse_annotation_file(dump_yaml(document.to_dict()).encode("utf-8")) == document
    assert parse_annotation_file(FileCodec(None).dump(Path("x.yaml"), document)) == document


_yaml_like = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                ["schema", "article", "annotations", "id", "target", "quote", "position", "exact"]
            )
            | st.text(max_size=4),
            inner,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@settings(max_examples=120, deadline=None)
@given(_yaml_like)
def test_any_document_is_accepted_or_refused_with_a_model_error(document: object) -> None:
    try:
        annotation_file_from_raw(document)
    except ModelError as e:
        assert "\n" not in str(e)
