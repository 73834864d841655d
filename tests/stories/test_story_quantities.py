"""Counts and amounts: digits and Indonesian number words, with the noun they count."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.stories.quantities import (
    ABOUT,
    AT_LEAST,
    EXACT,
    Quantity,
    find_quantities,
    format_amount,
    parse_digits,
    parse_number_words,
)

ONES = ["", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]


def spell_below_thousand(n: int) -> list[str]:
    """Indonesian number words, written independently of the code under test."""
    words: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds:
        words += ["seratus"] if hundreds == 1 else [ONES[hundreds], "ratus"]
    if rest == 10:
        words.append("sepuluh")
    elif rest == 11:
        words.append("sebelas")
    elif 12 <= rest <= 19:
        words += [ONES[rest - 10], "belas"]
    else:
        tens, ones = divmod(rest, 10)
        if tens:
            words += [ONES[tens], "puluh"]
        if ones:
            words.append(ONES[ones])
    return words


def spell(n: int) -> list[str]:
    if n == 0:
        return ["nol"]
    words: list[str] = []
    for size, name, single in (
        (10**9, "miliar", "semiliar"),
        (10**6, "juta", "sejuta"),
        (1000, "ribu", "seribu"),
    ):
        group, n = divmod(n, size)
        if group == 1:
            words.append(single)
        elif group:
            words += [*spell_below_thousand(group), name]
    return words + spell_below_thousand(n)


@given(st.integers(min_value=0, max_value=999_999_999_999))
def test_spelled_out_numbers_read_back_as_the_same_number(n: int) -> None:
    assert parse_number_words(spell(n)) == n


def test_number_words_examples() -> None:
    assert parse_number_words(["tiga"]) == 3
    assert parse_number_words(["tiga", "belas"]) == 13
    assert parse_number_words(["dua", "puluh", "lima", "ribu", "tiga", "ratus"]) == 25300
    assert parse_number_words(["hari"]) is None


def test_digits_use_dot_for_thousands_and_comma_for_decimals() -> None:
    assert parse_digits("1.500.000") == 1_500_000
    assert parse_digits("1,5") == 1.5
    assert parse_digits("100") == 100


def one(text: str) -> Quantity:
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


def test_number_then_lebih_is_a_lower_bound_on_the_noun_after_it() -> None:
    q = one("Sebanyak 100 lebih peserta mengikuti kegiatan.")
    assert (q.value, q.noun, q.bound) == (100, "peserta", AT_LEAST)
    assert q.display() == "lebih dari 100 peserta"


def test_spelled_count_and_digit_count_of_days_agree() -> None:
    spelled, digits = one("berlangsung selama tiga hari"), one("Retret 3 Hari")
    assert (spelled.value, spelled.noun) == (3, "hari")
    assert spelled.agrees_with(digits)


def test_rupiah_amount_with_multiplier_word() -> None:
    q = one("anggaran Rp 5 miliar untuk jalan")
    assert (q.value, q.noun, q.display()) == (5_000_000_000, "Rp", "Rp 5 miliar")
    assert one("dana Rp1,5 triliun").display() == "Rp 1,5 triliun"
    assert one("sebesar 750 juta rupiah").display() == "Rp 750 juta"


def test_classifier_word_is_skipped_to_reach_the_noun() -> None:
    q = one("sekitar 200 orang warga mengungsi")
    assert (q.value, q.noun, q.bound) == (200, "warga", ABOUT)


def test_dates_times_years_and_idioms_are_not_counts() -> None:
    assert find_quantities("ditutup pada Sabtu (17/5/2025) pukul 10.00 WIB") == []
    assert find_quantities("angkatan 2023 dan 2024 hadir") == []
    assert find_quantities("Salah satu narasumber hadir") == []
    assert find_quantities("program Satu Data Indonesia") == []


def test_bounds_agree_with_values_inside_them() -> None:
    at_least = Quantity(100, "peserta", AT_LEAST)
    assert at_least.agrees_with(Quantity(120, "peserta"))
    assert not at_least.agrees_with(Quantity(80, "peserta"))
    assert not Quantity(100, "peserta").agrees_with(Quantity(150, "peserta"))
    assert not Quantity(3, "hari").agrees_with(Quantity(3, "peserta"))
    assert Quantity(100, "warga", ABOUT).agrees_with(Quantity(105, "warga", EXACT))


def test_amounts_are_shown_with_the_biggest_fitting_word() -> None:
    assert format_amount(5e9) == "5 miliar"
    assert format_amount(1.5e12) == "1,5 triliun"
    assert format_amount(750_000) == "750.000"


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.text(
        alphabet=st.sampled_from(list("0123456789 .,/:-Rp$ tigaduluhpesertaribujuta lebih\n")), max_size=80
    )
)
def test_any_text_gives_quantities_whose_offsets_point_at_their_text(text: str) -> None:
    for q in find_quantities(text):
        assert text[q.start : q.end] == q.text
        assert q.noun


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=200))
def test_any_unicode_text_is_read_without_error(text: str) -> None:
    for q in find_quantities(text):
        assert text[q.start : q.end] == q.text
