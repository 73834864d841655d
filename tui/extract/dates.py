"""Dates and date ranges normalised to ISO. (STUB: the quotes/dates helper builds this.)"""

from __future__ import annotations

from datetime import date

from tui.extract.model import DateSpan


def find_dates(body: str, reference: date | None = None) -> list[DateSpan]:
    """Every date and range in `body`, in text order. `reference` supplies a missing year."""
    return []
