"""Dates and ranges in Indonesian and English news text, normalised to ISO."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.extract.dates import find_dates


def values(body: str, reference: date | None = None) -> list[tuple[str, str | None]]:
    return [(d.value, d.value_end) for d in find_dates(body, reference)]


def test_day_name_with_numeric_date_in_parentheses() -> None:
    [d] = find_dates("Kegiatan resmi ditutup pada Sabtu (17/5/2025).")
    assert (d.text, d.value) == ("Sabtu (17/5/2025)", "2025-05-17")


def test_day_name_with_part_of_day_is_part_of_the_span() -> None:
    [d] = find_dates("Pelatihan dibuka pada Kamis malam (15/5/2025) di aula.")
    assert (d.text, d.value) == ("Kamis malam (15/5/2025)", "2025-05-15")


def test_day_names_with_a_numeric_range_in_parentheses() -> None:
    [d] = find_dates("Festival digelar Jumat-Minggu (15-17/5/2025) di alun-alun.")
    assert (d.text, d.value, d.value_end) == ("Jumat-Minggu (15-17/5/2025)", "2025-05-15", "2025-05-17")


def test_spelled_date_with_year() -> None:
    assert values("Retret dimulai 15 Mei 2025 di Batu.") == [("2025-05-15", None)]


def test_range_with_hingga_gives_first_and_last_day() -> None:
    [d] = find_dates("berlangsung mulai 15 hingga 17 Mei 2025, dan diikuti")
    assert (d.text, d.value, d.value_end) == ("15 hingga 17 Mei 2025", "2025-05-15", "2025-05-17")


def test_range_with_dash() -> None:
    assert values("pada 15-17 Mei 2025") == [("2025-05-15", "2025-05-17")]


def test_range_with_sampai_takes_the_year_from_the_reference() -> None:
    assert values("acara 15 sampai 17 Mei nanti", date(2025, 5, 1)) == [("2025-05-15", "2025-05-17")]


def test_range_across_months() -> None:
    assert values("Pameran 30 April - 2 Mei 2025 di Jakarta.") == [("2025-04-30", "2025-05-02")]


def test_range_across_new_year_starts_the_year_before() -> None:
    assert values("libur 28 Desember - 2 Januari 2025") == [("2024-12-28", "2025-01-02")]


def test_date_without_year_takes_the_nearest_full_date_in_the_text() -> None:
    body = "Kegiatan yang berlangsung sejak 15 Mei ini ditutup pada Sabtu (17/5/2025)."
    assert values(body) == [("2025-05-15", None), ("2025-05-17", None)]


def test_date_without_year_prefers_the_reference() -> None:
    assert values("sejak 15 Mei lalu", date(2024, 6, 1)) == [("2024-05-15", None)]


def test_december_written_in_january_is_last_year() -> None:
    assert values("pada 28 Desember lalu", date(2025, 1, 5)) == [("2024-12-28", None)]


def test_date_without_year_and_without_context_is_left_out() -> None:
    assert find_dates("acara itu digelar 15 Mei di balai kota") == []


def test_day_name_with_day_and_month_only_uses_the_weekday_to_pick_the_year() -> None:
    # 27 March was a Monday in 2023, not in 2024 (Wednesday).
    assert values("ditemui Senin (27/3) lalu", date(2024, 1, 10)) == [("2023-03-27", None)]


def test_numeric_date_with_year() -> None:
    assert values("Surat tertanggal 18/11/2024 itu") == [("2024-11-18", None)]


def test_iso_date() -> None:
    assert values("rilis 2025-05-17 pukul 10.00") == [("2025-05-17", None)]


def test_invalid_day_of_month_is_not_a_date() -> None:
    assert find_dates("tanggal 31/2/2025 tidak ada") == []


def test_fraction_and_slogan_numbers_are_not_dates() -> None:
    assert find_dates("Layanan 24/7 dan 1/2 porsi nasi, skor 2-1, rasio 3/4.") == []


def test_clock_times_and_decimals_are_not_dates() -> None:
    assert find_dates("pukul 10.30 WIB, inflasi 1,5 persen") == []


def test_month_abbreviation_with_dot() -> None:
    [d] = find_dates("Terbit 3 Okt. 2023.")
    assert (d.text, d.value) == ("3 Okt. 2023", "2023-10-03")


def test_full_stop_after_a_full_month_name_is_not_in_the_span() -> None:
    spans = find_dates("Rapat 15 Mei 2025 dan lanjut 17 Mei.")
    assert [d.text for d in spans] == ["15 Mei 2025", "17 Mei"]


def test_english_month_first_with_year() -> None:
    assert values("It opened on May 15, 2025 in Jakarta.") == [("2025-05-15", None)]


def test_english_day_first() -> None:
    assert values("held on 15 May 2025") == [("2025-05-15", None)]


def test_english_range() -> None:
    assert values("from 15-17 May 2025") == [("2025-05-15", "2025-05-17")]


def test_indonesian_month_name_before_a_number_is_not_a_date() -> None:
    assert find_dates("Pada April 12 orang dilaporkan hilang.") == []


def test_relative_words_resolve_against_the_reference() -> None:
    spans = find_dates("Rapat digelar kemarin dan dilanjutkan hari ini.", date(2025, 5, 17))
    assert [(d.text, d.value) for d in spans] == [("kemarin", "2025-05-16"), ("hari ini", "2025-05-17")]


def test_relative_words_are_ignored_without_a_reference() -> None:
    assert find_dates("Rapat digelar kemarin dan dilanjutkan hari ini.") == []


def test_tahun_kemarin_is_not_yesterday() -> None:
    assert find_dates("seperti tahun kemarin", date(2025, 5, 17)) == []


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(max_size=200),
        st.lists(
            st.sampled_from(
                ["1", "5", "17", "31", "/", "-", " ", "2025", "Mei", "(", ")", "Senin", "hingga", "May"]
            ),
            max_size=30,
        ).map("".join),
    )
)
def test_any_text_gives_dates_whose_offsets_slice_to_their_text(body: str) -> None:
    for d in find_dates(body, date(2025, 5, 17)):
        assert body[d.start : d.end] == d.text
        first = date.fromisoformat(d.value)
        if d.value_end is not None:
            assert date.fromisoformat(d.value_end) > first
