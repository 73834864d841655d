"""The plain parts of the reader: history, outlet grouping, keymap file, text safety."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.app.history import History
from tui.app.keys import KEYS, load_keymap
from tui.app.widgets.article_view import Highlight, _split_by_paragraph, meta_line, paragraph_ranges
from tui.app.widgets.source_list import UNKNOWN_OUTLET, group_by_outlet
from tui.library.article import Article
from tui.library.index import ArticleSummary


def summary(id_: str, source: str | None, day: int | None) -> ArticleSummary:
    return ArticleSummary(
        id_, f"{id_}.txt", 1, f"title {id_}", source, date(2025, 5, day) if day else None, None, "words"
    )


def test_back_and_forward_walk_the_visits_and_a_new_visit_drops_the_forward_part() -> None:
    history = History()
    for article in ("a", "b", "c"):
        history.visit(article)
    assert history.back() == "b"
    assert history.back() == "a"
    assert history.back() is None
    assert history.forward() == "b"
    history.visit("d")
    assert history.forward() is None
    assert history.back() == "b"


def test_visiting_the_current_article_again_is_not_a_new_step() -> None:
    history = History()
    history.visit("a")
    history.visit("a")
    assert not history.can_go_back()


def test_outlets_group_regardless_of_case_and_show_the_commonest_spelling() -> None:
    groups = group_by_outlet(
        [summary("1", "KOMPAS.com", 3), summary("2", "Kompas.com", 4), summary("3", "Kompas.com", 1)], "date"
    )
    assert [(g.name, g.article_ids) for g in groups] == [("Kompas.com", ("2", "1", "3"))]


def test_date_sort_puts_the_outlet_with_the_latest_news_first_and_unknown_last() -> None:
    rows = [
        summary("1", "Alpha", 1),
        summary("2", "Zeta", 9),
        summary("3", None, 20),
        summary("4", "Beta", None),
    ]
    assert [g.name for g in group_by_outlet(rows, "date")] == ["Zeta", "Alpha", "Beta", UNKNOWN_OUTLET]
    assert [g.name for g in group_by_outlet(rows, "outlet")] == ["Alpha", "Beta", "Zeta", UNKNOWN_OUTLET]


@given(
    st.lists(
        st.tuples(st.sampled_from(["A", "a", "B", None, " "]), st.none() | st.integers(1, 28)), max_size=30
    ),
    st.sampled_from(["date", "outlet"]),
)
def test_grouping_lists_every_article_exactly_once(rows: list, sort: str) -> None:
    summaries = [summary(str(n), source, day) for n, (source, day) in enumerate(rows)]
    listed = [a for g in group_by_outlet(summaries, sort) for a in g.article_ids]
    assert sorted(listed) == sorted(s.id for s in summaries)


def test_keymap_file_maps_ids_to_keys_and_reports_what_it_skips(tmp_path: Path) -> None:
    path = tmp_path / "keymap.yaml"
    path.write_text('next_article: "right, n"\nfly: "f"\nsearch: 12\n', encoding="utf-8")
    loaded = load_keymap(path)
    assert loaded.keymap == {"next_article": "right,n"}
    assert len(loaded.notices) == 2
    assert all(str(path) in n for n in loaded.notices)


@pytest.mark.parametrize("content", ["a: [unclosed", "- a list\n- of keys\n", "\xff"])
def test_broken_keymap_file_is_ignored_with_one_notice(tmp_path: Path, content: str) -> None:
    path = tmp_path / "keymap.yaml"
    path.write_bytes(content.encode("latin-1"))
    loaded = load_keymap(path)
    assert loaded.keymap == {}
    assert len(loaded.notices) == 1 and "\n" not in loaded.notices[0]


def test_every_key_has_a_unique_binding_id() -> None:
    ids = [spec.id for spec in KEYS]
    assert len(ids) == len(set(ids))


def test_paragraphs_fall_back_to_non_empty_lines_when_the_parser_gave_none() -> None:
    article = Article(id="x", file="f", story=1, body="satu\n\n dua \ntiga", paragraphs=())
    assert [article.body[a:b] for a, b in paragraph_ranges(article)] == ["satu", " dua ", "tiga"]


def test_a_highlight_across_two_paragraphs_is_split_between_them() -> None:
    parts = _split_by_paragraph([Highlight(3, 12, "quote")], [(0, 5), (6, 20)])
    assert parts == [[Highlight(3, 5, "quote")], [Highlight(6, 12, "quote")]]


def test_meta_line_joins_what_is_known_with_the_indonesian_date() -> None:
    article = Article(
        id="x",
        file="f",
        story=1,
        body="b",
        paragraphs=(),
        source="Lentera",
        dateline="MALANG",
        published=date(2025, 5, 17),
        byline=None,
    )
    assert meta_line(article) == "Lentera · MALANG · Sabtu, 17 Mei 2025"


def test_worker_processes_can_start_while_stderr_has_no_descriptor() -> None:
    """Under Textual, sys.stderr.fileno() is -1; the index's process pool must still start."""
    import subprocess
    import sys

    code = (
        "import sys, multiprocessing as mp\n"
        "from concurrent.futures import ProcessPoolExecutor\n"
        "from tui.app.worker_processes import start_resource_tracker\n"
        "class NoFd:\n"
        "    def write(self, s): pass\n"
        "    def flush(self): pass\n"
        "    def fileno(self): return -1\n"
        "real = sys.stdout\n"
        "sys.stderr = NoFd()\n"
        "start_resource_tracker()\n"
        "method = 'forkserver' if 'forkserver' in mp.get_all_start_methods() else 'spawn'\n"
        "with ProcessPoolExecutor(1, mp_context=mp.get_context(method)) as pool:\n"
        "    real.write(str(pool.submit(abs, -7).result()))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout == "7", out.stderr[-500:]
