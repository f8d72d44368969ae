"""Time expressions to dates, anchored on the article's published date.

Which way a date without a year or week points is the caller's `direction`, read
from the tense of the clause it dates: "Sunday" in a past-tense report is the
last Sunday on or before publication; in a future one ("plans to leave on
Monday") the next; in the present ("Congress reconvenes Jan. 24") or on a noun
("a ceremony on March 12") the coming one up to a quarter ahead, else the last. "in January" and "last week" resolve
with a coarser precision; a range ("between 1994 and 1997") keeps both ends.
(dateparser measured no better on news time expressions: where these rules fail
it mostly fails too, and what it adds is mostly wrong, "five years" as 5 years ago.)
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

# past: on or before publication; future: on or after; nearest: up to a quarter ahead, else before
Direction = Literal["past", "future", "nearest"]
Precision = Literal["day", "week", "month", "year"]

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
# Without a tense ("is payable Dec. 15", "the January assassination"), a date up to a quarter
# ahead of publication is the coming one, else the last one.
NEAR_AHEAD = dt.timedelta(days=92)


_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        ["a", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"], 1
    )
}
_NUMBER_WORDS.update({"an": 1, "one": 1})
# Words that narrow a period without moving it: "early March", "later this month", "the end of 1994".
_NARROWING = {"end", "beginning", "start", "middle", "fiscal", "full", "current", "the", "of", "or", "so"}
_NARROWING_FIRST = {"early", "late", "mid", "later", "earlier", "just", "only"}
# "between 1994 and 1997", "from Sept. 14 to Thursday", "April 24 and 25", "1994-97"
_RANGE = re.compile(r"^(?:between |from )?(.+?)\s*(?:\band\b|\bto\b|\bthrough\b|\buntil\b|-|–)\s*(.+)$", re.I)


@dataclass(frozen=True)
class ResolvedDate:
    date: dt.date
    precision: Precision
    end: dt.date | None = None  # the last day's start of a range, at the same precision


def _words(text: str) -> list[str]:
    text = re.sub(r"'s\b", "", text.lower().replace("’", "'"))  # "last month's"
    return re.findall(r"[a-z]+|\d+(?:st|nd|rd|th)?", text)


def _weekday(published: dt.date, weekday: int, direction: str) -> dt.date:
    back = (published.weekday() - weekday) % 7
    ahead = (weekday - published.weekday()) % 7
    if direction == "last":  # strictly before
        return published - dt.timedelta(days=back or 7)
    if direction == "next":  # strictly after
        return published + dt.timedelta(days=ahead or 7)
    if direction == "future" or (direction == "nearest" and back > 3):  # on or after
        return published + dt.timedelta(days=ahead)
    return published - dt.timedelta(days=back)  # on or before


def _in_year(published: dt.date, month: int, day: int, direction: Direction) -> dt.date:
    """The day-month's date in the year the direction points to."""
    years = [published.year - 1, published.year, published.year + 1]
    dates = []
    for y in years:
        try:
            dates.append(dt.date(y, month, day))
        except ValueError:  # 29 February of a year without one
            pass
    if direction == "past":
        return max((d for d in dates if d <= published + FUTURE_SLACK), default=dates[0])
    if direction == "future":
        return min((d for d in dates if d >= published - FUTURE_SLACK), default=dates[-1])
    return max((d for d in dates if d <= published + NEAR_AHEAD), default=dates[0])


def _month_year(published: dt.date, month: int, direction: Direction, which: str | None) -> int:
    """The year of a month named without one ("in January", "last May")."""
    here = published.month
    if which == "last" or (direction == "past" and month > here):
        return published.year - (month >= here if which == "last" else 1)
    if which == "next" or (direction == "future" and month < here):
        return published.year + (month <= here if which == "next" else 1)
    if direction == "nearest":
        ahead = (month - here) % 12
        if ahead * 31 <= NEAR_AHEAD.days:
            return published.year + (month < here)
        return published.year - (month > here)
    return published.year


def _day_month(words: list[str]) -> tuple[int, int, int | None] | None:
    """(day, month, year) from "16 September", "September 16", "Sept. 16, 2020"."""
    month = next((MONTHS[w] for w in words if w in MONTHS), None)
    if month is None:
        return None
    day = year = None
    for w in words:
        if w.isdigit() and len(w) == 4:
            year = int(w)
        elif day is None:
            m = _ORDINAL.match(w)
            if m and 1 <= int(m.group(1)) <= 31:
                day = int(m.group(1))
    return (day, month, year) if day else None


def resolve_date(text: str, published: dt.date | None, direction: Direction = "past") -> ResolvedDate | None:
    """The date a time expression points to, or None when it cannot be placed."""
    try:
        return _range(text, published, direction) or _resolve(text, published, direction)
    except (ValueError, OverflowError):  # "3000 years ago"
        return None


def _range(text: str, published: dt.date | None, direction: Direction) -> ResolvedDate | None:
    """Both ends of "between 1994 and 1997", "from Sept. 14 to Thursday", "April 24 and 25"."""
    m = _RANGE.match(text.strip())
    if m is None:
        return None
    left, right = m.groups()
    year = re.search(r"\b\d{4}\b", right)
    if year and not re.search(r"\b\d{4}\b", left):  # "from March to June 2019": both in 2019
        left = f"{left} {year.group()}"
    first = _resolve(left, published, direction)
    if first is None:
        return None
    if re.fullmatch(r"\d{1,2}", right) and first.precision == "day":  # "April 24 and 25"
        right = f"{first.date:%B} {right}"
    elif re.fullmatch(r"\d{2}", right) and first.precision == "year":  # "1994-97"
        right = f"{first.date.year // 100}{right}"
    last = _resolve(right, published, direction)
    if last is None:  # "year-ago" is no range
        return None
    if last.date <= first.date:
        return first
    if first.precision != last.precision:  # "from Sept. 14 to Thursday": both days, a month to a day...
        coarse = max((first.precision, last.precision), key=_COARSENESS.index)
        return ResolvedDate(first.date, coarse, last.date)
    return ResolvedDate(first.date, first.precision, last.date)


_COARSENESS: list[Precision] = ["day", "week", "month", "year"]


def _resolve(text: str, published: dt.date | None, direction: Direction) -> ResolvedDate | None:
    words = _words(text)
    while words and words[0] in ("the", "on", "in", "at", "by", "during", "of", "until", "since", "before", "after"):
        words = words[1:]
    words = [w for w in words if w not in _NARROWING]
    while len(words) > 1 and words[0] in _NARROWING_FIRST:
        words = words[1:]
    if not words:
        return None
    iso = re.search(r"(\d{4})-(\d{2})-(\d{2})", text)
    if iso:
        try:
            return ResolvedDate(dt.date(*map(int, iso.groups())), "day")
        except ValueError:
            return None
    # "May" alone is the month only as a name: the modal verb is lower case
    may = re.search(r"\bMay\b", text) is not None
    month: int | None  # a day and month always have a month; a bare year may not
    dm = _day_month(words if may else [w for w in words if w != "may"])
    if dm:
        day, month, year = dm
        if year is not None:
            return ResolvedDate(dt.date(year, month, day), "day")
        if published is None:
            return None
        return ResolvedDate(_in_year(published, month, day, direction), "day")
    year = next((int(w) for w in words if w.isdigit() and len(w) == 4 and 1800 <= int(w) <= 2100), None)
    month = next((MONTHS[w] for w in words if w in MONTHS and (w != "may" or may)), None)
    if month and year:
        return ResolvedDate(dt.date(year, month, 1), "month")
    if published is None:
        return ResolvedDate(dt.date(year, 1, 1), "year") if year else None
    if month:
        which = next((w for w in words if w in ("last", "next")), None)
        return ResolvedDate(dt.date(_month_year(published, month, direction, which), month, 1), "month")
    if year:
        return ResolvedDate(dt.date(year, 1, 1), "year")
    for i, w in enumerate(words):
        if w in WEEKDAYS:
            before = words[i - 1] if i else ""
            way = before if before in ("last", "next") else direction
            return ResolvedDate(_weekday(published, WEEKDAYS.index(w), way), "day")
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
    ago = re.search(
        r"(\d+|[a-z]+) (day|week|month|year)s? (ago|earlier|before)|^(year) (ago|earlier)$", " ".join(words)
    )
    if ago:
        count, unit = (ago.group(1), ago.group(2)) if ago.group(2) else ("a", ago.group(4))
        n = int(count) if count.isdigit() else _NUMBER_WORDS.get(count)
        if n is None:
            return None
        if unit == "year":  # the same day n years back
            day = min(published.day, 28) if published.month == 2 else published.day
            return ResolvedDate(published.replace(year=published.year - n, day=day), "day")
        if unit == "month":
            m = published.year * 12 + published.month - 1 - n
            return ResolvedDate(dt.date(m // 12, m % 12 + 1, 1), "month")
        return ResolvedDate(published - dt.timedelta(days=n * (7 if unit == "week" else 1)), "day")
    if words[-1] in ("week", "month", "year") and (
        len(words) == 1 or words[0] in ("last", "this", "next", "past", "coming", "following")
    ):
        unit, which = words[-1], words[0]
        if unit == "week":
            shift = {"last": -7, "past": -7, "next": 7, "coming": 7, "following": 7}.get(which, 0)
            return ResolvedDate(published + dt.timedelta(days=shift), "week")
        if unit == "month":
            m, y = published.month, published.year
            if which in ("last", "past"):
                m, y = (12, y - 1) if m == 1 else (m - 1, y)
            elif which in ("next", "coming", "following"):
                m, y = (1, y + 1) if m == 12 else (m + 1, y)
            return ResolvedDate(dt.date(y, m, 1), "month")
        y = published.year + {"last": -1, "past": -1, "next": 1, "coming": 1, "following": 1}.get(which, 0)
        return ResolvedDate(dt.date(y, 1, 1), "year")
    return None
