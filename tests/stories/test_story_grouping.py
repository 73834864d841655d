"""Grouping: reports of one event join, different events stay apart, and every link says why."""

from __future__ import annotations

import random
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.extract.model import ORG, PERSON, PLACE
from tui.stories.grouping import GroupingSettings, build_grouping, group_stories

FLOOD = (
    "Banjir bandang menerjang Desa Sukamakmur di Kabupaten Garut setelah hujan deras semalaman. "
    "Bupati Garut Rudy Gunawan meninjau tanggul yang jebol dan meminta BPBD Garut mendirikan dapur "
    "umum. Sebanyak 300 warga mengungsi ke masjid dan balai desa."
)
FLOOD_2 = (
    "Ratusan warga Desa Sukamakmur mengungsi akibat banjir bandang. Tanggul sungai jebol diterjang "
    "arus deras. BPBD Garut mendirikan dapur umum dan posko pengungsian, kata Rudy Gunawan."
)
FLOOD_3 = (
    "Bupati Garut Rudy Gunawan menetapkan status tanggap darurat banjir bandang di Desa Sukamakmur. "
    "Pengungsi di balai desa menerima bantuan dapur umum dari BPBD Garut, tanggul segera diperbaiki."
)
FESTIVAL = (
    "Festival kopi Gayo digelar di Takengon selama dua hari. Petani kopi Aceh Tengah memamerkan "
    "biji arabika terbaik, dan barista dari berbagai kota berlomba menyeduh kopi Gayo."
)
FESTIVAL_2 = (
    "Ribuan pengunjung memadati festival kopi Gayo di Takengon. Barista berlomba menyeduh arabika "
    "Gayo, sementara petani kopi Aceh Tengah menjual biji kopi langsung kepada pembeli."
)
ELECTION = (
    "Komisi Pemilihan Umum menetapkan daftar pemilih tetap pemilihan kepala daerah. Rekapitulasi "
    "suara berlangsung di kantor kecamatan dengan pengawasan Bawaslu."
)

FLOOD_PEOPLE = [(PERSON, "Rudy Gunawan", "Bupati Garut"), (ORG, "BPBD Garut"), (PLACE, "Sukamakmur")]
COFFEE = [(PLACE, "Takengon"), (PLACE, "Aceh Tengah")]


def library(item, flood_day: date = date(2024, 3, 4)):
    return [
        item("a/flood1.txt", FLOOD, source="Alpha", published=flood_day, entities=FLOOD_PEOPLE),
        item("b/flood2.txt", FLOOD_2, source="Beta", published=flood_day, entities=FLOOD_PEOPLE),
        item("c/flood3.txt", FLOOD_3, source="Gamma", published=date(2024, 3, 5), entities=FLOOD_PEOPLE),
        item("a/coffee1.txt", FESTIVAL, source="Alpha", published=date(2024, 3, 4), entities=COFFEE),
        item("b/coffee2.txt", FESTIVAL_2, source="Beta", published=date(2024, 3, 6), entities=COFFEE),
        item("c/election.txt", ELECTION, source="Gamma", published=date(2024, 3, 5)),
    ]


def files_of(stories) -> list[list[str]]:
    return [[it.article.file for it in s.items] for s in stories]


def test_reports_sharing_rare_names_and_words_in_the_same_days_form_one_story(item) -> None:
    stories = files_of(group_stories(library(item)))
    assert sorted(stories[0]) == ["a/flood1.txt", "b/flood2.txt", "c/flood3.txt"]
    assert sorted(stories[1]) == ["a/coffee1.txt", "b/coffee2.txt"]
    assert stories[2] == ["c/election.txt"]


def test_same_people_and_words_months_apart_are_two_stories(item) -> None:
    items = library(item)
    later = item(
        "d/flood-again.txt", FLOOD, source="Delta", published=date(2024, 9, 20), entities=FLOOD_PEOPLE
    )
    stories = group_stories([*items, later])
    story_of_later = next(s for s in stories if any(it.article.file == "d/flood-again.txt" for it in s.items))
    assert len(story_of_later) == 1


def test_a_preview_written_days_before_joins_through_the_event_dates_it_names(item) -> None:
    items = library(item)
    preview = item(
        "d/preview.txt",
        FLOOD_3,
        source="Delta",
        published=date(2024, 2, 20),
        entities=FLOOD_PEOPLE,
        dates=[("2024-03-04", "2024-03-06")],
    )
    stories = group_stories([*items, preview])
    assert "d/preview.txt" in files_of(stories)[0]


def test_the_same_library_in_any_order_gives_the_same_stories_and_ids(item) -> None:
    items = library(item)
    shuffled = list(reversed(items))
    random.Random(3).shuffle(shuffled)
    first, second = group_stories(items), group_stories(shuffled)
    assert [(s.id, files_of([s])) for s in first] == [(s.id, files_of([s])) for s in second]


def test_each_link_keeps_shared_names_words_and_day_gap(item) -> None:
    story = group_stories(library(item))[0]
    assert story.joins, "a story of three must say which links joined it"
    link = next(lk for lk in story.links if {lk.first, lk.second} == {"a/flood1.txt", "c/flood3.txt"})
    assert "Rudy Gunawan" in link.entities
    assert "garut" not in link.words  # already said by the shared names
    assert {"tanggul", "bandang", "dapur", "banjir"} & set(link.words)
    assert link.day_gap == 1
    assert "dates within 1 day" in link.describe()


def test_one_report_of_two_events_does_not_chain_them_into_one_story(item) -> None:
    # A round-up reporting both the flood and the festival links to both groups; single linkage
    # would chain them. Merging needs the two groups similar on average, so it cannot.
    roundup = item(
        "d/roundup.txt",
        FLOOD_3 + "\n" + FESTIVAL,
        source="Delta",
        published=date(2024, 3, 5),
        entities=FLOOD_PEOPLE + COFFEE,
    )
    items = [*library(item), roundup]
    for story in group_stories(items):
        files = {it.article.file for it in story.items}
        assert not ({"a/flood1.txt", "b/flood2.txt"} & files and {"a/coffee1.txt", "b/coffee2.txt"} & files)
    chained = group_stories(items, GroupingSettings(min_group_similarity=0.0))  # single linkage
    assert len(chained[0]) == 6


def test_story_title_is_a_report_title_when_one_has_it(item) -> None:
    items = library(item)
    items[1] = item(
        "b/flood2.txt",
        FLOOD_2,
        title="Tanggul Jebol, Ratusan Warga Mengungsi",
        source="Beta",
        published=date(2024, 3, 4),
        entities=FLOOD_PEOPLE,
    )
    assert group_stories(items)[0].title == "Tanggul Jebol, Ratusan Warga Mengungsi"


def test_articles_without_any_date_can_still_join_by_names_and_words(item) -> None:
    items = [
        item("x/1.txt", FLOOD, entities=FLOOD_PEOPLE),
        item("x/2.txt", FLOOD_2, entities=FLOOD_PEOPLE),
        item("x/3.txt", FESTIVAL, entities=COFFEE),
    ]
    assert sorted(files_of(group_stories(items))[0]) == ["x/1.txt", "x/2.txt"]


def _synthetic_library(item, n: int):
    """n articles in n/2 events of two reports each, spread over two years, words made up."""
    rng = random.Random(11)
    syllables = ["ka", "ri", "mo", "tu", "se", "la", "pe", "no", "gu", "wa", "di", "ba"]

    def word() -> str:
        return "".join(rng.choice(syllables) for _ in range(4))

    common = [word() for _ in range(40)]
    items = []
    for event in range(n // 2):
        own = [word() for _ in range(8)]
        day = date(2022, 1, 1).fromordinal(date(2022, 1, 1).toordinal() + rng.randrange(730))
        for report in range(2):
            words = rng.sample(own, 6) + rng.sample(common, 12)
            items.append(item(f"e{event}/r{report}.txt", " ".join(words) + ".", published=day))
    return items


def test_grouping_compares_far_fewer_pairs_than_all_of_them(item) -> None:
    items = _synthetic_library(item, 600)
    grouping = build_grouping(items)
    all_pairs = len(items) * (len(items) - 1) // 2
    assert grouping.candidate_pairs < all_pairs / 20
    paired = sum(
        1
        for s in grouping.stories
        if len(s) == 2 and s.items[0].article.file.split("/")[0] == s.items[1].article.file.split("/")[0]
    )
    assert paired >= 0.9 * 300


def test_a_higher_score_bar_links_fewer_pairs(item) -> None:
    items = library(item)
    loose = build_grouping(items, GroupingSettings(min_score=0.05))
    strict = build_grouping(items, GroupingSettings(min_score=0.9))
    assert loose.links > strict.links == 0


WORDS = st.sampled_from(
    [
        "banjir",
        "tanggul",
        "kopi",
        "gayo",
        "pemilu",
        "suara",
        "sukamakmur",
        "arabika",
        "pengungsi",
        "rekapitulasi",
        "bupati",
        "festival",
    ]
)


# The autouse folder-isolation fixture is the same for every example, which is what we want.
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.tuples(st.lists(WORDS, min_size=3, max_size=12), st.integers(0, 40)), min_size=1, max_size=12)
)
def test_every_article_is_in_exactly_one_story_whatever_the_input(item, docs) -> None:
    items = [
        item(f"f{i}.txt", " ".join(words), published=date(2024, 1, 1).fromordinal(738000 + d))
        for i, (words, d) in enumerate(docs)
    ]
    stories = group_stories(items)
    keys = [it.key for s in stories for it in s.items]
    assert sorted(keys) == sorted(it.key for it in items)
    assert [s.id for s in stories] == [s.id for s in group_stories(list(reversed(items)))]


def test_hundreds_of_copies_of_one_report_stay_bounded_in_work(item) -> None:
    # A key seen by more than `max_block` articles stops finding candidates: a flood of copies
    # cannot make grouping quadratic.
    copies = [
        item(f"copy{i}.txt", FLOOD, published=date(2024, 3, 4), entities=FLOOD_PEOPLE) for i in range(300)
    ]
    grouping = build_grouping(copies, GroupingSettings(max_block=20))
    assert grouping.candidate_pairs <= 300 * 20
    assert sum(len(s) for s in grouping.stories) == 300
