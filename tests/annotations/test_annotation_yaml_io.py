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


def _as_pyyaml_builds_it(text: str) -> object:
    """The document as PyYAML's own safe constructor builds it (with our loader's resolvers)."""
    from tui.annotations.yaml_io import _Loader

    loader = _Loader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


TRICKY_DOCUMENTS = [
    "a: 1:30\nb: 0x1f\nc: 0o17\nd: -.inf\ne: yes\nf: Off\ng: ~\nh: 1_000\ni: 6.8e+3\nj: 0b101\n",
    "1: one\nnull: none\ntrue: yes\n3.5: x\n",
    "a: 1\na: 2\nb: 3\n",
    "a: &x [1, {b: 2}]\nc: *x\nd: &y {e: *x}\nf: *y\n",
    "a: !!str 12\nb: !!int '12'\nc: !!float '1.5'\nd: !!bool 'yes'\ne: !!null ''\n",
    "- |\n  line\n   indented\n- >-\n  folded\n  text\n- 'it''s'\n- \"tab\\there\"\n",
    "{a: [1, 2, {b: [3, ~]}], c: ''}",
    "- 2025-03-03T10:00:00Z\n- 2025-03-03\n- '='\n",
]


@pytest.mark.parametrize("text", TRICKY_DOCUMENTS)
def test_values_are_built_as_pyyaml_builds_them(text: str) -> None:
    assert load_yaml(text) == _as_pyyaml_builds_it(text)


def test_an_anchored_value_is_one_object_wherever_it_is_used() -> None:
    data = load_yaml("a: &x [1, 2]\nb: *x\n")
    assert data["a"] is data["b"]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("a: !!int abc", "line 1, column 4: 'abc' is not a valid int"),
        ("a: !!float x", "'x' is not a valid float"),
        ("a: !!bool maybe", "'maybe' is not a valid bool"),
        ("a: !!map x", "expected a mapping node, but found scalar"),
        ("a: !!str [1]", "expected a scalar node, but found sequence"),
        ("a: !!seq {b: 1}", "expected a sequence node, but found mapping"),
        ("{[1]: 2}", "line 1, column 2: found unhashable key"),
    ],
)
def test_a_value_its_tag_cannot_read_is_a_yaml_error(text: str, problem: str) -> None:
    with pytest.raises(YamlError) as raised:
        load_yaml(text)
    assert problem in str(raised.value)


_flow_documents = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.none() | st.booleans() | st.integers() | st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None)
@given(_flow_documents, st.sampled_from([None, True, False]))
def test_any_document_is_built_as_pyyaml_builds_it(document: object, flow: bool | None) -> None:
    import yaml

    text = yaml.safe_dump(document, default_flow_style=flow, allow_unicode=True)
    assert load_yaml(text) == _as_pyyaml_builds_it(text)
