"""Dates and date ranges normalised to ISO.

Forms read: `Sabtu (17/5/2025)`, `Kamis malam (15/5/2025)`, `Senin (27/3)`,
`Jumat-Minggu (15-17/5/2025)`, `18/11/2024`,
`2025-05-17`, `15 Mei 2025`, `15 Mei`, `15-17 Mei 2025`, `15 hingga 17 Mei`,
`30 April - 2 Mei 2025`, `May 15, 2025`, `15 May 2025`, `15-17 May`; with a reference date,
also `kemarin`, `hari ini`, `besok`.

A date without a year takes it from `reference`, else from the nearest date in the same
text that has one; of the years around that anchor, the one putting the date closest to it
wins (so `28 Desember` written in January is last year's), and a day name written with the
date (`Senin (27/3)`) must fall on that date. Bare `d/m` without a day name is never a date:
`1/2` and `24/7` are a fraction and a slogan far more often. Matching is one scan over the
runs of digits, trying at each a few anchored patterns without nested repetition, so it is
linear in the text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

from tui.extract.model import DateSpan

_RANGE_WORDS = r"(?:-|\u2013|\u2014|s\.d\.?|s/d|hingga|sampai(?:\s{1,3}dengan)?|to|until|through)"
_MIN_YEAR, _MAX_YEAR = 1900, 2100


@dataclass(frozen=True, slots=True)
class _Calendar:
    months: dict[str, int]  # every spelling → 1..12 (case folded for long names)
    abbreviations: frozenset[str]  # folded spellings that are a shortening of another (`Okt`, `Sept`)
    english_only: frozenset[str]  # month spellings no Indonesian writer uses
    days: dict[str, int]  # day name (folded) → weekday
    spelled: re.Pattern[str]
    english_month_before: re.Pattern[str]
    english: re.Pattern[str]
    day_before: re.Pattern[str]
    day_numeric: re.Pattern[str]
    numeric: re.Pattern[str]
    relative: re.Pattern[str]
    date_digits: re.Pattern[str]  # the runs of digits where some form above may match (see _scan)


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _spellings(name: str) -> list[str]:
    """Long names in any case; abbreviations only capitalised or in capitals."""
    forms = {name, name.upper(), name.capitalize()}
    if len(name) >= 4:
        forms.add(name.lower())
    return sorted(forms)


def _read_sections(text: str) -> dict[str, list[tuple[str, int]]]:
    sections: dict[str, list[tuple[str, int]]] = {}
    current: list[tuple[str, int]] | None = None
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        elif current is not None:
            name, _, number = line.rpartition(" ")
            current.append((name.strip(), int(number)))
    return sections


@lru_cache(maxsize=1)
def _calendar() -> _Calendar:
    text = resources.files("tui.extract.lexicons").joinpath("calendar.txt").read_text(encoding="utf-8")
    sections = _read_sections(text)
    months: dict[str, int] = {}
    spellings: list[str] = []
    english_spellings: list[str] = []
    english_only: set[str] = set()
    for section in ("month_id", "month_en"):
        for name, number in sections.get(section, []):
            for form in _spellings(name):
                months[form.casefold()] = number
                spellings.append(form)
                if section == "month_en":
                    english_only.add(form.casefold())
    for name, number in sections.get("month_first", []):
        for form in _spellings(name):
            months.setdefault(form.casefold(), number)
            english_spellings.append(form)
    folded = set(months)
    abbreviations = frozenset(a for a in folded if any(b != a and b.startswith(a) for b in folded))
    days = {name.casefold(): number for name, number in sections.get("day", [])}
    day_forms = [f for name, _ in sections.get("day", []) for f in _spellings(name)]
    parts = [f for name, _ in sections.get("day_part", []) for f in _spellings(name)]
    month = f"(?:{_alternation(spellings)})"
    english_month = f"(?:{_alternation(sorted(set(english_spellings)))})"
    day = f"(?:{_alternation(day_forms)})"
    part = f"(?:{_alternation(parts)})"
    # Every pattern is tried at a run of digits found by one fast scan (see _scan), so none
    # starts with a look-behind or an alternation that the engine would try at every offset.
    spelled = re.compile(
        rf"(?P<d1>\d{{1,2}})(?:\s{{1,3}}(?P<m1>{month})\.?(?:\s{{1,3}}(?P<y1>\d{{4}}))?)?"
        rf"(?:\s{{0,3}}{_RANGE_WORDS}\s{{0,3}}(?P<d2>\d{{1,2}}))?"
        rf"\s{{1,3}}(?P<m2>{month})\b\.?(?:,?\s{{1,3}}(?P<y2>\d{{4}})(?![\w/]))?"
    )
    english_month_before = re.compile(rf"(?P<m>{english_month})\.?\s{{1,3}}$")
    english = re.compile(
        r"(?P<d1>\d{1,2})(?:st|nd|rd|th)?"
        r"(?:\s{0,3}(?:-|\u2013|to)\s{0,3}(?P<d2>\d{1,2})(?:st|nd|rd|th)?)?(?![\w/])"
        r"(?:,?\s{1,3}(?P<y>\d{4})(?![\w/]))?"
    )
    day_before = re.compile(
        rf"(?P<day>{day})(?:\s{{0,2}}[-\u2013]\s{{0,2}}{day})?"
        rf"(?:\s{{1,3}}{part}(?:\s{{1,3}}hari)?)?\s{{0,3}},?\s{{0,3}}$"
    )
    day_numeric = re.compile(
        r"\(\s{0,2}(?P<d>\d{1,2})(?:\s{0,2}[-\u2013]\s{0,2}(?P<d2>\d{1,2}))?"
        r"/(?P<m>\d{1,2})(?:/(?P<y>\d{4}|\d{2}))?\s{0,2}\)"
    )
    numeric = re.compile(
        r"(?:(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})"
        r"|(?P<d>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4}))(?![\w/]|[.,-]\d)"
    )
    relative = re.compile(r"\b(?P<w>kemarin|hari ini|besok|lusa)\b", re.IGNORECASE)
    date_digits = _date_digits(month, sorted(set(english_spellings)))
    return _Calendar(
        months,
        abbreviations,
        frozenset(english_only),
        days,
        spelled,
        english_month_before,
        english,
        day_before,
        day_numeric,
        numeric,
        relative,
        date_digits,
    )


def _date_digits(month: str, english_spellings: list[str]) -> re.Pattern[str]:
    """The runs of digits at which some date form may match, for _scan to try the forms at those
    alone: each branch states what a form needs around its digits, as fixed-width look-arounds
    and bounded repeats, so the scan stays linear whatever the text. It may let through runs where
    no form matches (the forms decide), never the other way round.

    A run starts after no letter, digit or `/.,-` (or after `(`), and then:
      - four digits and `-d-d` (`2025-05-17`);
      - one or two digits, and
        - the same separator twice among digits (`17/5/2025`, `17.05.2025`, `17-5-2025`);
        - a month name or a range word after (`15 Mei`, `15 hingga 17 Mei`, `15-17 Mei`);
        - `(` and at most two spaces before (`Sabtu (17/5)`);
        - the end of an English month name, a dot or not, and one to three spaces before
          (`May 15`; checked by the last three letters the spellings may end with)."""
    tail = min(3, *map(len, english_spellings)) if english_spellings else 0
    letters = ["".join(sorted({w[-k] for w in english_spellings})) for k in range(tail, 0, -1)]
    month_end = "".join(f"[{re.escape(chars)}]" for chars in letters) if tail else r"[^\W\d_]"
    after = [
        r"(?=([/.\-])\d{1,2}\1\d{4})",
        rf"(?=\s{{1,3}}{month}|\s{{0,3}}{_RANGE_WORDS})",
    ]
    before = [rf"(?<=\({' ' * spaces}[0-9]{{{width}}})" for width in (1, 2) for spaces in range(3)] + [
        rf"(?<={month_end}{dot}\s{{{spaces}}}[0-9]{{{width}}})"
        for width in (1, 2)
        for spaces in (1, 2, 3)
        for dot in ("", r"\.")
    ]
    return re.compile(
        r"[0-9](?<![^\W_][0-9])(?<![/.,\-][0-9])"
        r"(?:[0-9]{3}(?=-\d{1,2}-\d)"
        r"|[0-9]?(?![0-9])(?:" + "|".join(after + before) + "))"
    )


def is_day_name(word: str) -> bool:
    """`Senin`, `Jum'at`, `Minggu`, `Monday`: a day of the week (case is ignored)."""
    return word.casefold() in _calendar().days


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    year: int | None
    month: int
    day: int
    end_date: tuple[int | None, int, int] | None = None  # (year, month, day) of a range's last day
    weekday: int | None = None
    start_year_back: bool = False  # a range running over New Year: the start is a year earlier


def _valid(y: int, m: int, d: int) -> date | None:
    if not _MIN_YEAR <= y <= _MAX_YEAR:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


_NOT_BEFORE_NUMBER = frozenset("/.,-")


def _scan(body: str, cal: _Calendar) -> list[_Found]:
    """One pass over the runs of digits; at each, the date forms that can start or end there."""
    found: list[_Found] = []
    last_end = 0
    n = len(body)
    for digits in cal.date_digits.finditer(body):
        s, e = digits.span()
        if s < last_end:
            continue
        width = e - s
        prev = body[s - 1] if s else " "
        nxt = body[e] if e < n else " "
        f = None
        # `(` at most two spaces before the digits is the first thing _at_day_numeric asks for.
        if width <= 2 and (prev == "(" or (prev == " " and "(" in body[max(0, s - 3) : s])):
            f = _at_day_numeric(body, s, cal)
        if f is None and (prev.isalnum() or prev in _NOT_BEFORE_NUMBER):
            continue
        if f is None and nxt in "/.-" and (width <= 2 or width == 4):
            f = _at_numeric(body, s, cal)
        if f is None and width <= 2 and (nxt.isspace() or nxt in "-\u2013\u2014s"):
            f = _at_spelled(body, s, cal)
        if f is None and width <= 2 and prev.isspace():
            f = _at_english(body, s, cal)
        if f is not None and f.start >= last_end:
            found.append(f)
            last_end = f.end
    return found


def _at_day_numeric(body: str, s: int, cal: _Calendar) -> _Found | None:
    """`Sabtu (17/5/2025)`, `Kamis malam (15/5)`, `Jumat-Minggu (15-17/5/2025)`: the digits
    follow `(` and a day name."""
    paren = s - 1
    while paren >= 0 and s - paren <= 3 and body[paren] == " ":
        paren -= 1
    if paren < 0 or body[paren] != "(":
        return None
    m = cal.day_numeric.match(body, paren)
    if m is None:
        return None
    before = cal.day_before.search(body, max(0, paren - 30), paren)
    if before is None or (before.start() > 0 and body[before.start() - 1].isalnum()):
        return None
    y = m.group("y")
    year = None if y is None else (int(y) + 2000 if len(y) == 2 else int(y))
    weekday = cal.days.get(before.group("day").casefold())
    month, day = int(m.group("m")), int(m.group("d"))
    if m.group("d2"):
        # `Jumat-Minggu (15-17/5/2025)`: a range within one month.
        last = int(m.group("d2"))
        if last <= day:
            return None
        return _Found(before.start(), m.end(), year, month, day, (year, month, last), weekday=weekday)
    return _Found(before.start(), m.end(), year, month, day, weekday=weekday)


def _at_numeric(body: str, s: int, cal: _Calendar) -> _Found | None:
    m = cal.numeric.match(body, s)
    if m is None:
        return None
    if m.group("iy"):
        return _Found(s, m.end(), int(m.group("iy")), int(m.group("im")), int(m.group("id")))
    return _Found(s, m.end(), int(m.group("y")), int(m.group("m")), int(m.group("d")))


def _at_spelled(body: str, s: int, cal: _Calendar) -> _Found | None:
    m = cal.spelled.match(body, s)
    if m is None or (m.group("m1") and not m.group("d2")):
        return None  # `15 Mei Juni` is no date form
    month2 = cal.months[m.group("m2").casefold()]
    year2 = int(m.group("y2")) if m.group("y2") else None
    end = m.end()
    if year2 is None and body[end - 1] == "." and m.group("m2").casefold() not in cal.abbreviations:
        end -= 1  # the full stop ends the sentence, it does not shorten the month
    d1 = int(m.group("d1"))
    if not m.group("d2"):
        return _Found(s, end, year2, month2, d1)
    month1 = cal.months[m.group("m1").casefold()] if m.group("m1") else month2
    year1 = int(m.group("y1")) if m.group("y1") else None
    d2 = int(m.group("d2"))
    if year1 is None and year2 is not None:
        year1 = year2 - 1 if month1 > month2 else year2
    if (month1, d1) == (month2, d2) or (month1 == month2 and d2 < d1):
        return None
    return _Found(s, end, year1, month1, d1, (year2, month2, d2), start_year_back=month1 > month2)


def _at_english(body: str, s: int, cal: _Calendar) -> _Found | None:
    """`May 15, 2025`, `Sept 3-5`: the month name stands before the digits."""
    before = cal.english_month_before.search(body, max(0, s - 14), s)
    if before is None or (before.start() > 0 and body[before.start() - 1].isalnum()):
        return None
    month_word = before.group("m").casefold()
    m = cal.english.match(body, s)
    if m is None or (m.group("y") is None and month_word not in cal.english_only):
        return None  # `April 12` without a year is too often `pada April 12 orang ...`
    month = cal.months[month_word]
    year = int(m.group("y")) if m.group("y") else None
    d1 = int(m.group("d1"))
    if m.group("d2"):
        return _Found(before.start(), m.end(), year, month, d1, (year, month, int(m.group("d2"))))
    return _Found(before.start(), m.end(), year, month, d1)


def _non_overlapping(found: list[_Found]) -> list[_Found]:
    """Longest match first where two overlap, then text order."""
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    out: list[_Found] = []
    for f in found:
        if out and f.start < out[-1].end:
            if f.end - f.start > out[-1].end - out[-1].start:
                out[-1] = f
            continue
        out.append(f)
    return out


def _closest_year(month: int, day: int, anchor: date, weekday: int | None) -> date | None:
    """The year around `anchor` that puts month/day nearest to it (and on `weekday`, if given)."""
    best: date | None = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        candidate = _valid(year, month, day)
        if candidate is None or (weekday is not None and candidate.weekday() != weekday):
            continue
        if best is None or abs((candidate - anchor).days) < abs((best - anchor).days):
            best = candidate
    if best is None and weekday is not None:
        return _closest_year(month, day, anchor, None)
    return best


def _anchor_for(f: _Found, dated: list[tuple[int, date]], reference: date | None) -> date | None:
    """The reference, else the full date written nearest to `f` (`dated` is in text order)."""
    if reference is not None:
        return reference
    if not dated:
        return None
    i = bisect.bisect_left(dated, f.start, key=lambda pd: pd[0])
    near = [dated[k] for k in (i - 1, i) if 0 <= k < len(dated)]
    return min(near, key=lambda pd: abs(pd[0] - f.start))[1]


def find_dates(body: str, reference: date | None = None) -> list[DateSpan]:
    """Every date and range in `body`, in text order. `reference` supplies a missing year."""
    if not body:
        return []
    cal = _calendar()
    found = _non_overlapping(_scan(body, cal))
    dated: list[tuple[int, date]] = []
    for f in found:
        if f.year is not None:
            d = _valid(f.year, f.month, f.day)
            if d is not None:
                dated.append((f.start, d))
    spans: list[DateSpan] = []
    for f in found:
        if f.year is not None:
            first = _valid(f.year, f.month, f.day)
        else:
            anchor = _anchor_for(f, dated, reference)
            first = _closest_year(f.month, f.day, anchor, f.weekday) if anchor else None
        if first is None:
            continue
        last: date | None = None
        if f.end_date is not None:
            y2, m2, d2 = f.end_date
            if y2 is None:
                y2 = first.year + 1 if f.start_year_back or m2 < first.month else first.year
            last = _valid(y2, m2, d2)
            if last is None or last <= first:
                continue
        spans.append(
            DateSpan(
                f.start, f.end, body[f.start : f.end], first.isoformat(), last.isoformat() if last else None
            )
        )
    if reference is not None:
        spans.extend(_relative(body, reference, cal, spans))
        spans.sort(key=lambda s: s.start)
    return spans


_RELATIVE_OFFSET = {"kemarin": -1, "hari ini": 0, "besok": 1, "lusa": 2}
# `tahun kemarin` is last year and `Sabtu kemarin` last Saturday, not the day before.
_NOT_A_DAY_BEFORE = re.compile(
    r"(?:tahun|bulan|minggu|pekan|masa|waktu|sejak|senin|selasa|rabu|kamis|jumat|sabtu|ahad|malam|sore|pagi|siang)"
    r"\s{1,3}$",
    re.IGNORECASE,
)


def _relative(body: str, reference: date, cal: _Calendar, taken: list[DateSpan]) -> list[DateSpan]:
    out = []
    starts = [s.start for s in taken]
    for m in cal.relative.finditer(body):
        word = " ".join(m.group("w").casefold().split())
        if _NOT_A_DAY_BEFORE.search(body, max(0, m.start() - 12), m.start()):
            continue
        i = bisect.bisect_right(starts, m.start()) - 1
        if i >= 0 and taken[i].end > m.start():
            continue
        value = reference + timedelta(days=_RELATIVE_OFFSET[word])
        out.append(DateSpan(m.start(), m.end(), m.group(), value.isoformat()))
    return out
