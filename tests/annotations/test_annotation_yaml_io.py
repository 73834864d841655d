"""Safe YAML: plain types only, caps on size, nesting and alias expansion, readable output."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.annotations.yaml_io import YamlError, dump_yaml, load_yaml

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
"""


@pytest.mark.parametrize(
    "text",
    [
        "!!python/object/apply:os.system ['echo pwned']",
        "note: !!python/name:os.system ''",
        "x: !!binary aGVsbG8=",
        "x: !custom 1",
        "x: !!set {a, b}",
    ],
)
def test_yaml_tags_are_refused(text: str) -> None:
    with pytest.raises(YamlError, match="tag"):
        load_yaml(text)


def test_billion_laughs_alias_bomb_is_refused() -> None:
    with pytest.raises(YamlError, match="aliases expand"):
        load_yaml(BILLION_LAUGHS)


def test_a_few_aliases_are_accepted() -> None:
    assert load_yaml("a: &x [1, 2]\nb: *x\n") == {"a": [1, 2], "b": [1, 2]}


def test_recursive_alias_is_refused() -> None:
    with pytest.raises(YamlError, match="refers to the node that contains it"):
        load_yaml("&a [*a]")


def test_deep_nesting_is_refused() -> None:
    with pytest.raises(YamlError, match="nested deeper"):
        load_yaml("[" * 5000 + "]" * 5000)


def test_file_over_the_size_cap_is_refused() -> None:
    with pytest.raises(YamlError, match="larger than 100 bytes"):
        load_yaml("a: " + "x" * 200, max_bytes=100)


def test_bytes_that_are_not_utf8_are_refused_with_the_offset() -> None:
    with pytest.raises(YamlError, match="not UTF-8 \\(byte 3\\)"):
        load_yaml(b"a: \xff\xfe")


def test_syntax_error_names_line_and_column() -> None:
    with pytest.raises(YamlError, match="^line 2, column"):
        load_yaml("a: 1\nb: c: d\n")


def test_two_documents_are_refused() -> None:
    with pytest.raises(YamlError):
        load_yaml("a: 1\n---\nb: 2\n")


def test_iso_timestamps_stay_text() -> None:
    assert load_yaml("created: 2025-05-17T10:00:00Z\nday: 2025-05-17\n") == {
        "created": "2025-05-17T10:00:00Z",
        "day": "2025-05-17",
    }


def test_multi_line_text_is_written_as_a_block_literal() -> None:
    text = dump_yaml({"note": "first line\nsecond line"})
    assert text == "note: |-\n  first line\n  second line\n"


def test_keys_keep_the_order_given_and_unicode_is_written_as_is() -> None:
    text = dump_yaml({"z": 1, "a": "“kutipan” é"})
    assert text == "z: 1\na: “kutipan” é\n"


def test_shared_objects_are_written_without_anchors() -> None:
    shared = {"x": 1}
    assert "&" not in dump_yaml({"a": shared, "b": shared})


_scalars = st.none() | st.booleans() | st.integers() | st.text()
_documents = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None)
@given(_documents)
def test_dump_then_load_gives_back_the_same_data(document: object) -> None:
    assert load_yaml(dump_yaml(document)) == document


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_either_load_or_raise_yaml_error(data: bytes) -> None:
    try:
        load_yaml(data)
    except YamlError as e:
        assert "\n" not in str(e)
