"""Dates written the way Indonesian articles write them (`Sabtu, 17 Mei 2025`)."""

from __future__ import annotations

from datetime import date

DAY_NAMES = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTH_NAMES = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip


def long_date(day: date) -> str:
    """`Sabtu, 17 Mei 2025`: the day name, the day, the month name and the year."""
    return f"{DAY_NAMES[day.weekday()]}, {day.day} {MONTH_NAMES[day.month - 1]} {day.year}"
