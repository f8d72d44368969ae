"""Time expressions to dates, anchored on the article's published date.

"Sunday" in a past-tense report is the last Sunday on or before publication;
in a future one ("might be announced on Monday") the next. "16 September"
takes the publication year unless that would put a past event well after
publication. "in January" and "last week" resolve with a coarser precision.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import cast

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        1,
    )
}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
_ORDINAL = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?$")
# How far after publication a past-tense date may fall before it is read as last year's.
FUTURE_SLACK = dt.timedelta(days=7)


@dataclass(frozen=True)
class ResolvedDate:
    date: dt.date
    precision: str  # day, week, month or year


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+|\d+(?:st|nd|rd|th)?", text.lower().replace("’", "'"))


def _weekday(published: dt.date, weekday: int, direction: str) -> dt.date:
    delta = (published.weekday() - weekday) % 7
    if direction == "last":  # strictly before
        return published - dt.timedelta(days=delta or 7)
    if direction == "next":  # strictly after
        return published + dt.timedelta(days=(weekday - published.weekday()) % 7 or 7)
    if direction == "future":  # on or after
        return published + dt.timedelta(days=(weekday - published.weekday()) % 7)
    return published - dt.timedelta(days=delta)  # on or before


def _day_month(words: list[str]) -> tuple[int, int, int | None] | None:
    """(day, month, year) from "16 September", "September 16", "Sept. 16, 2020"."""
    month = next((MONTHS[w] for w in words if w in MONTHS), None)
    if month is None:
        return None
    day = year = None
    for w in words:
        if w.isdigit() and len(w) == 4:
            year = int(w)
        else:
            m = _ORDINAL.match(w)
            if m and 1 <= int(m.group(1)) <= 31:
                day = int(m.group(1))
    return (day, month, year) if day else None


def resolve_date(text: str, published: dt.date | None, future: bool = False) -> ResolvedDate | None:
    """The date a time expression points to, or None when it cannot be placed."""
    try:
        return _resolve(text, published, future)
    except (ValueError, OverflowError):  # 29 February of a year without one, "3000 years ago"
        return None


def _resolve(text: str, published: dt.date | None, future: bool) -> ResolvedDate | None:
    words = _words(text)
    while words and words[0] in ("the", "on", "in", "at", "by", "during", "of"):
        words = words[1:]
    if not words:
        return None
    iso = re.search(r"(\d{4})-(\d{2})-(\d{2})", text)
    if iso:
        try:
            return ResolvedDate(dt.date(*map(int, iso.groups())), "day")
        except ValueError:
            return None
    month: int | None  # a day and month always have a month; a bare year may not
    dm = _day_month(words)
    if dm:
        day, month, year = dm
        if year is None and published is None:
            return None
        try:
            date = dt.date(year or cast(dt.date, published).year, month, day)
        except ValueError:
            return None
        if year is None and not future:
            assert published is not None  # a date without a year returned above unless published
            if date > published + FUTURE_SLACK:
                try:
                    date = date.replace(year=date.year - 1)
                except ValueError:  # 29 February: last year had none
                    pass
        return ResolvedDate(date, "day")
    year = next((int(w) for w in words if w.isdigit() and len(w) == 4 and 1800 <= int(w) <= 2100), None)
    month = next((MONTHS[w] for w in words if w in MONTHS and w != "may"), None)
    if month and year:
        return ResolvedDate(dt.date(year, month, 1), "month")
    if published is None:
        return ResolvedDate(dt.date(year, 1, 1), "year") if year else None
    if month:
        y = published.year
        if (month > published.month and not future) or "last" in words:
            y -= 1
        elif future and month < published.month:
            y += 1
        return ResolvedDate(dt.date(y, month, 1), "month")
    if year:
        return ResolvedDate(dt.date(year, 1, 1), "year")
    for i, w in enumerate(words):
        if w in WEEKDAYS:
            before = words[i - 1] if i else ""
            direction = before if before in ("last", "next") else ("future" if future else "past")
            return ResolvedDate(_weekday(published, WEEKDAYS.index(w), direction), "day")
    if words[0] in ("today", "tonight") or words[:2] in (
        ["this", "morning"],
        ["this", "afternoon"],
        ["this", "evening"],
    ):
        return ResolvedDate(published, "day")
    if "yesterday" in words:
        return ResolvedDate(published - dt.timedelta(days=1), "day")
    if "tomorrow" in words:
        return ResolvedDate(published + dt.timedelta(days=1), "day")
    ago = re.search(r"(\d+) (day|week|month|year)s? ago", " ".join(words))
    if ago:
        n, unit = int(ago.group(1)), ago.group(2)
        days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit]
        return ResolvedDate(published - dt.timedelta(days=n * days), "day" if unit == "day" else unit)
    if words[-1] in ("week", "month", "year") and words[0] in ("last", "this", "next", "past", "earlier"):
        unit, which = words[-1], words[0]
        if unit == "week":
            shift = {"last": -7, "past": -7, "next": 7}.get(which, 0)
            return ResolvedDate(published + dt.timedelta(days=shift), "week")
        if unit == "month":
            m, y = published.month, published.year
            if which in ("last", "past"):
                m, y = (12, y - 1) if m == 1 else (m - 1, y)
            elif which == "next":
                m, y = (1, y + 1) if m == 12 else (m + 1, y)
            return ResolvedDate(dt.date(y, m, 1), "month")
        y = published.year + {"last": -1, "past": -1, "next": 1}.get(which, 0)
        return ResolvedDate(dt.date(y, 1, 1), "year")
    return None
