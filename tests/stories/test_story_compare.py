"""Comparison: coverage, speakers x outlets, names left out, and discrepancies with their articles."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from story_factory import make_item

from tui.extract.model import ORG, PERSON, PLACE
from tui.stories.compare import DATES, NUMBER, PLACES, ROLE, compare, format_span
from tui.stories.grouping import Story

RETREAT = "Retret pejabat Pemkot Kota Raya digelar di akademi militer."


def story_of(*items) -> Story:
    return Story("s-test", "test", tuple(items))


def by_kind(comparison, kind: str):
    return [d for d in comparison.discrepancies if d.kind == kind]


def test_different_event_ranges_are_a_date_discrepancy_listing_each_range_and_its_articles(item) -> None:
    story = story_of(
        item("a.txt", RETREAT, source="Alpha", dates=[("2025-05-15", "2025-05-17"), "2025-05-15"]),
        item("b.txt", RETREAT, source="Beta", dates=["2025-05-17", "2025-05-15"]),  # opening and closing days
        item("c.txt", RETREAT, source="Gamma", dates=["2025-05-15", "2025-05-17"]),
        item("d.txt", RETREAT, source="Delta", dates=[("2025-05-16", "2025-05-18"), "2025-05-05"]),
    )
    (dates,) = by_kind(compare(story), DATES)
    assert dates.to_dict()["values"] == {
        "15-17 May 2025": ["a.txt", "b.txt", "c.txt"],
        "16-18 May 2025": ["d.txt"],
    }


def test_a_report_naming_only_the_closing_day_agrees_with_the_full_range(item) -> None:
    story = story_of(
        item("a.txt", RETREAT, dates=[("2025-05-15", "2025-05-17")]),
        item("b.txt", RETREAT, dates=["2025-05-17"]),
    )
    assert by_kind(compare(story), DATES) == []


def test_two_reports_of_different_single_days_are_not_a_date_discrepancy(item) -> None:
    story = story_of(
        item("a.txt", RETREAT, dates=["2025-05-15"]), item("b.txt", RETREAT, dates=["2025-05-17"])
    )
    assert by_kind(compare(story), DATES) == []


def test_date_spans_are_shown_day_month_year() -> None:
    first = date(2025, 4, 30).toordinal()
    assert format_span(first, first) == "30 Apr 2025"
    assert format_span(first, date(2025, 5, 2).toordinal()) == "30 Apr-2 May 2025"


def test_different_counts_of_the_same_thing_are_a_number_discrepancy(item) -> None:
    story = story_of(
        item("a.txt", "Sebanyak 100 peserta mengikuti retret selama tiga hari."),
        item("b.txt", "Retret 3 hari itu diikuti 150 peserta."),
        item("c.txt", "Sebanyak 150 peserta hadir."),
    )
    (numbers,) = by_kind(compare(story), NUMBER)
    assert numbers.what == "number of peserta"
    assert dict(numbers.values) == {"150 peserta": ("b.txt", "c.txt"), "100 peserta": ("a.txt",)}


def test_a_lower_bound_that_holds_is_not_a_number_discrepancy(item) -> None:
    story = story_of(
        item("a.txt", "Sebanyak 100 lebih peserta hadir."),
        item("b.txt", "Sebanyak 120 peserta hadir."),
    )
    assert by_kind(compare(story), NUMBER) == []


def test_different_amounts_of_money_are_shown_in_rupiah(item) -> None:
    story = story_of(
        item("a.txt", "Anggaran Rp 5 miliar disiapkan."), item("b.txt", "Dana 3 miliar rupiah cair.")
    )
    (money,) = by_kind(compare(story), NUMBER)
    assert money.what == "amount in Rp"
    assert dict(money.values) == {"Rp 5 miliar": ("a.txt",), "Rp 3 miliar": ("b.txt",)}


def test_different_roles_for_the_same_person_are_a_role_discrepancy(item) -> None:
    story = story_of(
        item(
            "a.txt", "Wakil Bupati Sleman Danang hadir.", entities=[(PERSON, "Danang", "Wakil Bupati Sleman")]
        ),
        item("b.txt", "Bupati Sleman Danang hadir.", entities=[(PERSON, "Danang", "Bupati Sleman")]),
    )
    (role,) = by_kind(compare(story), ROLE)
    assert role.what == "role of Danang"
    assert dict(role.values) == {"Wakil Bupati Sleman": ("a.txt",), "Bupati Sleman": ("b.txt",)}


def test_shorter_role_or_acronym_of_a_named_body_is_not_a_role_discrepancy(item) -> None:
    body = "Kepala Badan Pusat Statistik (BPS) Amalia hadir."
    story = story_of(
        item(
            "a.txt",
            body,
            aliases={"Badan Pusat Statistik": ("BPS",)},
            entities=[(PERSON, "Amalia", "Kepala Badan Pusat Statistik"), (ORG, "Badan Pusat Statistik")],
        ),
        item("b.txt", "Kepala BPS Amalia hadir.", entities=[(PERSON, "Amalia", "Kepala BPS")]),
        item("c.txt", "Kepala Amalia hadir.", entities=[(PERSON, "Amalia", "Kepala")]),
    )
    assert by_kind(compare(story), ROLE) == []


def test_places_named_for_the_event_that_differ_are_a_place_discrepancy(item) -> None:
    a = "Retret digelar di Kota Batu mulai 15 Mei."
    b = "Retret digelar di Kota Kediri mulai 15 Mei."
    story = story_of(
        item("a.txt", a, entities=[(PLACE, "Kota Batu")], dates=["2025-05-15"]),
        item("b.txt", b, entities=[(PLACE, "Kota Kediri")], dates=["2025-05-15"]),
    )
    (place,) = by_kind(compare(story), PLACES)
    assert dict(place.values) == {"Kota Batu": ("a.txt",), "Kota Kediri": ("b.txt",)}


def test_speakers_are_counted_per_outlet(item) -> None:
    story = story_of(
        item("a.txt", RETREAT, source="Alpha", quotes=["Wahyu Pratama", "Wahyu Pratama", "Sri Lestari"]),
        item("b.txt", RETREAT, source="Beta", quotes=["Wahyu Pratama"]),
        item("c.txt", RETREAT, quotes=["Sri Lestari"]),
    )
    assert compare(story).speakers == {
        "Wahyu Pratama": {"Alpha": 2, "Beta": 1},
        "Sri Lestari": {"(c.txt)": 1, "Alpha": 1},
    }


def test_names_some_reports_leave_out_are_listed_with_who_names_them(item) -> None:
    story = story_of(
        item("a.txt", RETREAT, entities=[(PERSON, "Zulfikar"), (ORG, "BKN")]),
        item("b.txt", RETREAT, entities=[(ORG, "BKN")]),
    )
    presence = compare(story).entities
    assert [(p.name, p.named_by, p.left_out_by) for p in presence] == [("Zulfikar", ("a.txt",), ("b.txt",))]


def test_a_story_of_one_report_has_no_discrepancies(item) -> None:
    comparison = compare(story_of(item("a.txt", "Sebanyak 100 peserta hadir.", source="Alpha")))
    assert comparison.discrepancies == ()
    assert [c.outlet for c in comparison.coverage] == ["Alpha"]


def test_dates_that_are_not_iso_days_are_ignored_not_fatal(item) -> None:
    story = story_of(
        item("a.txt", RETREAT, dates=["2025-13-40", ("2025-05-15", "2025-05-17")]),
        item("b.txt", RETREAT, dates=["sometime", ("2025-05-16", "2025-05-18")]),
    )
    (dates,) = by_kind(compare(story), DATES)
    assert dict(dates.values) == {"15-17 May 2025": ("a.txt",), "16-18 May 2025": ("b.txt",)}


def test_abbreviated_titles_agree_with_the_words_they_shorten(item) -> None:
    def person(file: str, role: str):
        return item(file, RETREAT, entities=[(PERSON, "Argo", role)])

    story = story_of(
        person("a.txt", "Kabid Humas Polda Metro Jaya"),
        person("b.txt", "Kepala Bidang Hubungan Masyarakat Polda Metro Jaya"),
    )
    assert by_kind(compare(story), ROLE) == []
    story = story_of(person("a.txt", "Presiden AS"), person("b.txt", "Presiden Amerika Serikat"))
    assert by_kind(compare(story), ROLE) == []


def test_days_mentioned_separately_that_overlap_are_not_a_date_discrepancy(item) -> None:
    story = story_of(
        item("a.txt", RETREAT, dates=["2017-10-22", "2017-10-23"]),
        item("b.txt", RETREAT, dates=["2017-10-23", "2017-10-24"]),
    )
    assert by_kind(compare(story), DATES) == []


def test_a_noun_one_report_counts_several_ways_is_not_compared(item) -> None:
    story = story_of(
        item("a.txt", "Indonesia meraih 2 medali hari ini, total 19 medali."),
        item("b.txt", "Indonesia kini mengoleksi 25 medali."),
    )
    assert by_kind(compare(story), NUMBER) == []


def test_ages_and_match_statistics_are_never_compared(item) -> None:
    story = story_of(
        item("a.txt", "Pemain berusia 32 tahun mencetak 2 gol."), item("b.txt", "Ia 29 tahun, 50 gol.")
    )
    assert by_kind(compare(story), NUMBER) == []


DAYS = st.dates(min_value=date(2024, 1, 1), max_value=date(2024, 3, 31)).map(date.isoformat)


# The autouse folder-isolation fixture is the same for every example, which is what we want.
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.one_of(DAYS, st.tuples(DAYS, DAYS)), max_size=4), min_size=2, max_size=5))
def test_any_dates_give_discrepancies_that_point_only_at_the_story_articles(per_article) -> None:
    items = [make_item(f"{i}.txt", RETREAT, dates=d) for i, d in enumerate(per_article)]
    keys = {it.key for it in items}
    for d in compare(story_of(*items)).discrepancies:
        assert len(d.values) >= 2
        assert {k for _, ks in d.values for k in ks} <= keys


def test_a_speaker_named_in_short_counts_under_the_full_name_of_the_story(item) -> None:
    story = story_of(
        item(
            "a.txt", RETREAT, source="Alpha", quotes=["Zulkifli Hasan"], entities=[(PERSON, "Zulkifli Hasan")]
        ),
        item("b.txt", RETREAT, source="Beta", quotes=["Zulkifli"], entities=[(PERSON, "Zulkifli")]),
    )
    comparison = compare(story)
    assert comparison.speakers == {"Zulkifli Hasan": {"Alpha": 1, "Beta": 1}}
    assert comparison.entities == ()  # both reports name him


def test_an_undated_report_is_dated_by_the_day_named_date_of_its_text() -> None:
    from datetime import date

    from tui.extract.model import DateSpan, Extraction
    from tui.library.article import Article
    from tui.stories.compare import day_named_date
    from tui.stories.features import StoryItem

    body = "Acara 16 hingga 18 Mei 2025 diumumkan Senin (5/5/2025) di Balai Kota."
    article = Article(id="a", file="a.txt", story=1, body=body, paragraphs=((0, len(body)),))
    dates = (
        DateSpan(6, 27, body[6:27], "2025-05-16", "2025-05-18"),
        DateSpan(38, 54, body[38:54], "2025-05-05"),
    )
    assert day_named_date(StoryItem(article, Extraction(dates=dates))) == date(2025, 5, 5)
    assert day_named_date(StoryItem(article, Extraction(dates=dates[:1]))) is None
