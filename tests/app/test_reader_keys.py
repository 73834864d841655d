"""Pilot tests: each reader key, asserting on what the screen shows."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from tests.app.conftest import FakeIndex
from tui.app.screens.entity_articles import EntityArticlesScreen
from tui.app.screens.help import HelpScreen
from tui.app.screens.reader import ReaderScreen
from tui.app.screens.search import SearchScreen
from tui.app.widgets.source_list import UNREAD_MARK
from tui.extract.model import PERSON
from tui.extract.model import entity_id as entity_id_of
from tui.reader_state import load_state

SIZE = (160, 48)


def headline(app) -> str:
    return app.screen.article_view.headline_text


def reader(app) -> ReaderScreen:
    return next(s for s in app.screen_stack if isinstance(s, ReaderScreen))


def row_text(app, article_id: str) -> str:
    return reader(app).sources.row_text(article_id)


async def test_start_shows_the_newest_article_with_outlets_and_counts(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        screen = reader(app)
        # fixed dates make voiceofjatim (14 May) the newest, so it is opened first
        assert headline(app).startswith("Pemkot Malang Siapkan Retret ASN")
        assert screen.article_view.meta_text == "VOICEOFJATIM.COM · MALANG · Rabu, 14 Mei 2025"
        headers = screen.sources.header_texts()
        assert headers[0] == "VOICEOFJATIM.COM  1"  # opened, so read: no "new" count
        assert "(unknown outlet)  1 · 1 new" in headers
        assert screen.status.message == "5 articles from 5 outlets"


async def test_n_and_p_move_through_the_list_order(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        screen = reader(app)
        first, second = screen.sources.order[:2]
        await pilot.press("n")
        await settle(pilot, app)
        assert screen.current.article.id == second
        assert screen.sources.highlighted_article() == second
        assert headline(app).startswith("Usai ASN Pemkot Retret 3 Hari")
        await pilot.press("p")
        await settle(pilot, app)
        assert screen.current.article.id == first


async def test_brackets_jump_to_the_first_article_of_the_next_and_previous_outlet(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        screen = reader(app)
        await pilot.press("right_square_bracket")
        await settle(pilot, app)
        assert screen.sources.outlet_name(screen.current.article.id) == "Lentera"
        await pilot.press("right_square_bracket", "right_square_bracket")
        await settle(pilot, app)
        assert screen.sources.outlet_name(screen.current.article.id) == "beritajatim.com"
        await pilot.press("left_square_bracket")
        await settle(pilot, app)
        assert screen.sources.outlet_name(screen.current.article.id) == "JATIMSATUNEWS.COM"


async def test_full_stop_and_comma_put_the_cursor_on_the_next_and_previous_quote(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        view = reader(app).article_view
        await pilot.press("full_stop")
        await settle(pilot, app)
        assert view.quote_at_cursor is not None
        assert view.quote_at_cursor.text.startswith("Retret ini bukan hanya forum kumpul biasa")
        assert reader(app).status.message == "Quote 1/5 · Wahyu Hidayat (ujar)"
        await pilot.press("full_stop")
        await settle(pilot, app)
        assert view.quote_at_cursor.text.startswith("Harapannya, materi dari para narasumber")
        await pilot.press("comma")
        await settle(pilot, app)
        assert view.quote_cursor == 0
        assert reader(app).panel.highlighted_option.id == "quote:0"


async def test_choosing_a_person_in_the_panel_highlights_it_and_e_walks_its_mentions(
    make_app, settle
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        screen = reader(app)
        panel = screen.panel
        panel.focus()
        panel.highlighted = panel.get_option_index(
            next(o.id for o in panel.options if "entity:person" in (o.id or ""))
        )
        await pilot.press("enter")
        await settle(pilot, app)
        view = screen.article_view
        assert view.chosen is not None and view.chosen.name == "Wahyu Hidayat"
        count = len(view.chosen.mentions)
        assert view.mention_index == 0
        assert screen.status.message.startswith(f"Wahyu Hidayat · mention 1/{count}")
        await pilot.press("e")
        await settle(pilot, app)
        assert view.mention_index == 1
        await pilot.press("E", "E")
        await settle(pilot, app)
        assert view.mention_index == count - 1  # wraps round from the first to the last
        assert screen.status.message.startswith(f"Wahyu Hidayat · mention {count}/{count}")


async def test_current_mention_is_painted_with_the_current_style(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        screen = reader(app)
        view = screen.article_view
        wahyu = next(e for e in screen.current.extraction.entities if e.name == "Wahyu Hidayat")
        view.choose_entity(wahyu, 0)
        await settle(pilot, app)
        mention = wahyu.mentions[0]
        number = next(n for n, (a, b) in enumerate(view._ranges) if a <= mention.start < b)
        start = view._starts[number]
        marks = [h for h in view.paragraph_marks(number) if h.kind == "current"]
        assert [(h.start + start, h.end + start) for h in marks] == [(mention.start, mention.end)]
        current = view.get_visual_style("article-view--current", partial=True)
        painted = view.painted_lines(number)
        assert any(s.style == current for line in painted for s in line.spans)


async def test_o_lists_other_articles_and_enter_opens_one_with_the_entity_chosen(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        screen = reader(app)
        await pilot.press("full_stop", "o")  # the speaker under the quote cursor
        await settle(pilot, app)
        assert isinstance(app.screen, EntityArticlesScreen)
        listed = app.screen.query_one(OptionList)
        assert listed.option_count == 3
        target = listed.highlighted_option.id
        await pilot.press("enter")
        await settle(pilot, app)
        assert screen.current.article.id == target
        assert screen.article_view.chosen.name == "Wahyu Hidayat"
        assert screen.article_view.mention_index == 0


async def test_slash_searches_the_library_and_enter_opens_the_hit(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("slash")
        await settle(pilot, app)
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"penghargaan")
        await pilot.pause(0.3)
        await settle(pilot, app)
        results = app.screen.query_one(OptionList)
        assert results.option_count == 1
        assert str(results.get_option_at_index(0).prompt).startswith(
            "Panen Penghargaan, Pj. Wali Kota Malang"
        )
        assert str(app.screen.query_one("#search-count").visual) == "1 found"
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, ReaderScreen)
        assert headline(app).startswith("Panen Penghargaan")


async def test_backspace_and_alt_arrows_go_back_and_forward_through_what_was_read(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        screen = reader(app)
        first = screen.current.article.id
        await pilot.press("n")
        await settle(pilot, app)
        second = screen.current.article.id
        await pilot.press("backspace")
        await settle(pilot, app)
        assert screen.current.article.id == first
        await pilot.press("alt+right")
        await settle(pilot, app)
        assert screen.current.article.id == second
        await pilot.press("alt+left")
        await settle(pilot, app)
        assert screen.current.article.id == first


async def test_tab_moves_between_panes_and_j_k_g_act_on_the_focused_one(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot, app)
        screen = reader(app)
        assert app.focused is screen.sources
        await pilot.press("j")
        assert screen.sources.highlighted_article() == screen.sources.order[1]
        await pilot.press("k")
        assert screen.sources.highlighted_article() == screen.sources.order[0]
        await pilot.press("G")
        assert screen.sources.highlighted_article() == screen.sources.order[-1]
        await pilot.press("tab")
        assert app.focused is screen.article_view
        await pilot.press("j", "j")
        await settle(pilot, app)
        assert screen.article_view.scroll_y == 2
        await pilot.press("G")
        await settle(pilot, app)
        assert screen.article_view.scroll_y == screen.article_view.max_scroll_y > 0
        await pilot.press("g")
        await settle(pilot, app)
        assert screen.article_view.scroll_y == 0
        await pilot.press("tab")
        assert app.focused is screen.panel
        await pilot.press("shift+tab")
        assert app.focused is screen.article_view


async def test_m_toggles_the_read_mark_in_the_list(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        screen = reader(app)
        opened = screen.current.article.id
        assert not row_text(app, opened).startswith(UNREAD_MARK)
        screen.article_view.focus()
        await pilot.press("m")
        await settle(pilot, app)
        assert row_text(app, opened).startswith(UNREAD_MARK)
        assert not app.state.is_read(opened)
        await pilot.press("m")
        assert not row_text(app, opened).startswith(UNREAD_MARK)


async def test_capital_s_switches_outlet_order_between_latest_news_and_name(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        screen = reader(app)
        by_date = [g.name for g in screen.sources.groups]
        await pilot.press("S")
        await settle(pilot, app)
        by_name = [g.name for g in screen.sources.groups]
        assert by_date[0] == "VOICEOFJATIM.COM"
        assert by_name == [
            "beritajatim.com",
            "JATIMSATUNEWS.COM",
            "Lentera",
            "VOICEOFJATIM.COM",
            "(unknown outlet)",
        ]
        assert app.state.sort == "outlet"


async def test_s_hides_and_shows_the_side_panel(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        screen = reader(app)
        assert screen.panel.display
        await pilot.press("s")
        assert not screen.panel.display
        await pilot.press("s")
        assert screen.panel.display


async def test_side_panel_starts_hidden_at_80_columns(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        assert not reader(app).panel.display
        await pilot.press("s")
        assert reader(app).panel.display


async def test_question_mark_opens_help_listing_every_key(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("question_mark")
        await settle(pilot, app)
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").visual)
        for line in (
            "n                     Next article",
            "]                     First article of next outlet",
            "alt+← / ⌫",
            "/                     Search the library",
            "ctrl+p",
        ):
            assert line in text
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)


async def test_command_palette_lists_reader_actions_and_runs_them(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        screen = reader(app)
        second = screen.sources.order[1]
        await pilot.press("ctrl+p")
        await settle(pilot, app)
        await pilot.press(*"Next article")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot, app)
        assert screen.current.article.id == second


async def test_q_quits_and_the_next_start_reopens_the_article_and_scroll(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("n")
        await settle(pilot, app)
        chosen = reader(app).current.article.id
        reader(app).article_view.scroll_to(y=3, animate=False, immediate=True)
        await pilot.press("q")
    saved = load_state().state
    assert saved.last_article == chosen and saved.scroll_y == 3
    again = make_app()
    async with again.run_test(size=(100, 24)) as pilot:
        await settle(pilot, again)
        assert reader(again).current.article.id == chosen
        assert reader(again).article_view.scroll_y == 3


async def test_keymap_file_rebinds_a_key_by_its_id(make_app, settle) -> None:
    from tui.paths import config_dir

    config_dir().mkdir(parents=True, exist_ok=True)
    (config_dir() / "keymap.yaml").write_text('next_article: "x"\nno_such_action: "y"\n', encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        screen = reader(app)
        second = screen.sources.order[1]
        await pilot.press("n")
        await settle(pilot, app)
        assert screen.current.article.id != second
        await pilot.press("x")
        await settle(pilot, app)
        assert screen.current.article.id == second
        assert any("unknown action 'no_such_action'" in str(n.message) for n in app._notifications)


async def test_broken_state_file_is_reported_and_the_reader_still_opens(make_app, settle) -> None:
    from tui.paths import state_dir

    state_dir().mkdir(parents=True, exist_ok=True)
    (state_dir() / "state.json").write_text("{oops", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert headline(app).startswith("Pemkot Malang Siapkan Retret ASN")
        assert any("not valid JSON" in str(n.message) for n in app._notifications)


async def test_empty_folder_says_no_articles_found(make_app, settle, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    app = make_app(paths=[empty])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert headline(app) == "No articles found"


@pytest.mark.parametrize("key", ["full_stop", "e", "o"])
async def test_keys_without_a_target_do_nothing_harmful(make_app, settle, tmp_path: Path, key: str) -> None:
    empty = tmp_path / "one"
    empty.mkdir()
    (empty / "plain.txt").write_text(
        "Judul tanpa kutipan\nSatu paragraf saja tanpa nama.\n", encoding="utf-8"
    )
    app = make_app(paths=[empty])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press(key)
        await settle(pilot, app)
        assert headline(app) == "Judul tanpa kutipan"
        assert isinstance(app.screen, ReaderScreen)


async def test_search_input_gets_the_typed_letters_not_the_reader_keys(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        before = reader(app).current.article.id
        await pilot.press("slash", "n", "q")
        await settle(pilot, app)
        assert app.screen.query_one(Input).value == "nq"
        assert reader(app).current.article.id == before


async def test_reported_speech_is_listed_and_choosing_it_marks_the_clause(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        screen = reader(app)
        panel = screen.panel
        panel.ensure_filled()
        said = screen.current.extraction.statements
        assert said, "the opened seed reports speech without quote marks"
        first = said[0]
        option_id = f"span:{first.start}:{first.end}"
        prompt = str(panel.get_option(option_id).prompt)
        assert prompt.startswith(first.speaker)
        assert f"{first.cue}: " in prompt
        heading = str(panel.get_option("section:reported").prompt)
        assert heading == f"Reported speech  {len(said)}"
        panel.focus()
        panel.highlighted = panel.get_option_index(option_id)
        await pilot.press("enter")
        await settle(pilot, app)
        assert screen.article_view._focus_span == (first.start, first.end)
        body = screen.current.article.body
        assert body[first.start : first.end] == first.text


class LinkedNamesIndex(FakeIndex):
    """Every article but voiceofjatim's names Wahyu under another id (as `BKN` and `Badan
    Kepegawaian Negara` are two ids of one entity); the index knows the two are linked."""

    ALIAS = "person-alias0000"

    def sync(self, paths, **kwargs):
        report = super().sync(paths, **kwargs)
        for article_id, article in self.articles.items():
            if "voiceofjatim" in article.file:
                continue
            extraction = self.extractions[article_id]
            entities = tuple(
                dataclasses.replace(e, id=self.ALIAS) if e.name == "Wahyu Hidayat" else e
                for e in extraction.entities
            )
            self.extractions[article_id] = dataclasses.replace(extraction, entities=entities)
        return report

    def linked_entity_ids(self, entity_id: str) -> list[str]:
        wahyu = entity_id_of(PERSON, "Wahyu Hidayat")
        return [wahyu, self.ALIAS] if entity_id in (wahyu, self.ALIAS) else [entity_id]

    def articles_with_entity(self, entity: str) -> list[str]:
        group = set(self.linked_entity_ids(entity))
        return [i for i, x in self.extractions.items() if any(e.id in group for e in x.entities)]


async def test_other_article_naming_the_entity_under_a_linked_id_opens_with_it_chosen(
    make_app, settle
) -> None:
    app = make_app(index=LinkedNamesIndex())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        screen = reader(app)
        await pilot.press("full_stop", "o")
        await settle(pilot, app)
        assert isinstance(app.screen, EntityArticlesScreen)
        assert app.screen.query_one(OptionList).option_count == 3
        await pilot.press("enter")
        await settle(pilot, app)
        chosen = screen.article_view.chosen
        assert chosen is not None and chosen.id == LinkedNamesIndex.ALIAS
        assert screen.status.message.startswith("Wahyu Hidayat · mention 1/")


async def test_the_source_list_follows_n_through_a_library_longer_than_the_screen(
    make_app, settle, tmp_path: Path
) -> None:
    folder = tmp_path / "long"
    folder.mkdir()
    for number in range(90):
        (folder / f"berita-{number:03d}.txt").write_text(
            f"Judul berita nomor {number}\nIsi berita nomor {number} tentang kota.\n", encoding="utf-8"
        )
    app = make_app(paths=[folder])
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot, app)
        sources = app.screen.sources
        assert sources.scroll_offset.y == 0
        for _ in range(60):
            await pilot.press("n")
        await settle(pilot, app)
        top, height = sources.scroll_offset.y, sources.scrollable_content_region.height
        assert top > 0  # the list scrolled with the reader
        assert top <= sources.cursor < top + height  # and the article being read is on screen
        assert app.screen.current.article.id == sources.order[60]
