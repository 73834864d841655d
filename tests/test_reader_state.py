"""The reader's memory: last article, scroll position, read marks, sort; broken files are ignored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.paths import state_dir
from tui.reader_state import (
    SORT_BY_OUTLET,
    ReaderState,
    load_state,
    save_state,
    state_from_dict,
)


def test_missing_state_file_gives_default_state_without_notice() -> None:
    loaded = load_state()
    assert loaded.state == ReaderState()
    assert loaded.notice is None


def test_saved_state_is_read_back_in_the_user_state_folder() -> None:
    state = ReaderState().with_read("a1").with_read("b2").with_position("b2", 17).with_sort(SORT_BY_OUTLET)
    save_state(state)
    assert (state_dir() / "state.json").is_file()
    back = load_state()
    assert back.notice is None
    assert back.state.last_article == "b2"
    assert back.state.scroll_y == 17
    assert back.state.read == frozenset({"a1", "b2"})
    assert back.state.sort == SORT_BY_OUTLET


def test_marking_unread_removes_the_mark() -> None:
    state = ReaderState().with_read("a1").with_read("a1", read=False)
    assert not state.is_read("a1")


def test_unknown_sort_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown sort"):
        ReaderState().with_sort("random")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"[1, 2, 3]", "JSON object"),
        (b'{"read": "abc"}', "'read'"),
        (b'{"scroll_y": -4}', "'scroll_y'"),
        (b'{"sort": "sideways"}', "'sort'"),
        (b'{"last_article": 12}', "'last_article'"),
    ],
)
def test_broken_state_file_is_ignored_with_a_notice_naming_the_file(content: bytes, reason: str) -> None:
    path = state_dir() / "state.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    loaded = load_state()
    assert loaded.state == ReaderState()
    assert loaded.notice is not None
    assert str(path) in loaded.notice
    assert reason in loaded.notice
    assert "\n" not in loaded.notice


def test_state_folder_that_is_a_file_gives_a_notice_not_a_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    loaded = load_state(blocker / "state.json")
    assert loaded.state == ReaderState()
    assert loaded.notice is not None and "cannot read" in loaded.notice


ids = st.text(alphabet="abcdef0123456789-", min_size=1, max_size=30)


@given(
    read=st.frozensets(ids, max_size=20),
    last=st.none() | ids,
    scroll=st.integers(min_value=0, max_value=10**6),
)
def test_state_round_trips_through_its_json_form(read: frozenset[str], last: str | None, scroll: int) -> None:
    state = ReaderState(last_article=last, scroll_y=scroll, read=read)
    assert state_from_dict(json.loads(json.dumps(state.to_dict()))) == state


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=5),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
        max_leaves=10,
    )
)
def test_any_json_value_either_validates_or_raises_value_error(raw: object) -> None:
    try:
        state = state_from_dict(raw)
    except ValueError:
        return
    assert isinstance(state, ReaderState)
