import datetime as dt

import pytest

from newsfacts.events.dates import resolve_date

PUBLISHED = dt.date(2020, 9, 27)  # a Sunday


@pytest.mark.parametrize(
    "text, direction, expected, precision",
    [
        ("Sunday", "past", dt.date(2020, 9, 27), "day"),
        ("Saturday night", "past", dt.date(2020, 9, 26), "day"),
        ("on Monday", "future", dt.date(2020, 9, 28), "day"),
        ("last Friday", "past", dt.date(2020, 9, 25), "day"),
        ("next Friday", "past", dt.date(2020, 10, 2), "day"),
        ("16 September", "past", dt.date(2020, 9, 16), "day"),
        ("September 16", "past", dt.date(2020, 9, 16), "day"),
        ("Sept. 16, 2019", "past", dt.date(2019, 9, 16), "day"),
        ("30 December", "past", dt.date(2019, 12, 30), "day"),  # a past event: last year's
        ("January", "past", dt.date(2020, 1, 1), "month"),
        ("in November", "future", dt.date(2020, 11, 1), "month"),
        ("March 2018", "past", dt.date(2018, 3, 1), "month"),
        ("2019", "past", dt.date(2019, 1, 1), "year"),
        ("last week", "past", dt.date(2020, 9, 20), "week"),
        ("last month", "past", dt.date(2020, 8, 1), "month"),
        ("the past year", "past", dt.date(2019, 1, 1), "year"),
        ("yesterday", "past", dt.date(2020, 9, 26), "day"),
        ("today", "past", dt.date(2020, 9, 27), "day"),
        ("three days ago", "past", dt.date(2020, 9, 24), "day"),
        ("3 days ago", "past", dt.date(2020, 9, 24), "day"),
        ("2020-09-16", "past", dt.date(2020, 9, 16), "day"),
    ],
)
def test_time_expressions_resolve_against_the_published_date(text, direction, expected, precision):
    got = resolve_date(text, PUBLISHED, direction)
    assert (got.date, got.precision) == (expected, precision) if expected else got is None


def test_without_a_published_date_only_absolute_dates_resolve():
    assert resolve_date("Sunday", None) is None
    assert resolve_date("16 September", None) is None
    assert resolve_date("16 September 2020", None).date == dt.date(2020, 9, 16)
    assert resolve_date("in 2019", None).date == dt.date(2019, 1, 1)


@pytest.mark.parametrize(
    "text, direction, expected, precision",
    [
        # forward in a future clause, across the year's end
        ("Jan. 14", "future", dt.date(2021, 1, 14), "day"),
        ("on Thursday", "future", dt.date(2020, 10, 1), "day"),
        # the present tense or a noun: whichever is nearer publication
        ("Oct. 2", "nearest", dt.date(2020, 10, 2), "day"),
        ("Oct. 30", "nearest", dt.date(2020, 10, 30), "day"),
        ("Tuesday", "nearest", dt.date(2020, 9, 29), "day"),
        ("Friday", "nearest", dt.date(2020, 9, 25), "day"),
        ("November", "nearest", dt.date(2020, 11, 1), "month"),
        ("February", "nearest", dt.date(2020, 2, 1), "month"),
        ("Jan. 2", "nearest", dt.date(2020, 1, 2), "day"),
        ("in May", "past", dt.date(2020, 5, 1), "month"),
        ("last May", "nearest", dt.date(2020, 5, 1), "month"),
        ("last November", "past", dt.date(2019, 11, 1), "month"),
        ("early next year", "nearest", dt.date(2021, 1, 1), "year"),
        ("later this month", "past", dt.date(2020, 9, 1), "month"),
        ("last month's", "past", dt.date(2020, 8, 1), "month"),
        ("the end of 2018", "past", dt.date(2018, 1, 1), "year"),
        ("year end", "past", dt.date(2020, 1, 1), "year"),
        ("two weeks ago", "past", dt.date(2020, 9, 13), "day"),
        ("a year earlier", "past", dt.date(2019, 9, 27), "day"),
        ("two months ago", "past", dt.date(2020, 7, 1), "month"),
    ],
)
def test_the_direction_decides_dates_without_a_year_or_week(text, direction, expected, precision):
    got = resolve_date(text, PUBLISHED, direction)
    assert (got.date, got.precision) == (expected, precision)


@pytest.mark.parametrize(
    "text, start, end, precision",
    [
        ("between 2011 and 2014", dt.date(2011, 1, 1), dt.date(2014, 1, 1), "year"),
        ("2011-14", dt.date(2011, 1, 1), dt.date(2014, 1, 1), "year"),
        ("from March 3 to March 9", dt.date(2020, 3, 3), dt.date(2020, 3, 9), "day"),
        ("June 4 and 5", dt.date(2020, 6, 4), dt.date(2020, 6, 5), "day"),
        ("from June 2 to Thursday", dt.date(2020, 6, 2), dt.date(2020, 9, 24), "day"),
        ("from March to June 2019", dt.date(2019, 3, 1), dt.date(2019, 6, 1), "month"),
        ("from Sept. 3 to Jan. 9", dt.date(2020, 9, 3), None, "day"),  # the end before the start: no range
    ],
)
def test_a_range_keeps_both_ends(text, start, end, precision):
    got = resolve_date(text, PUBLISHED)
    assert (got.date, got.end, got.precision) == (start, end, precision)


def test_may_is_a_month_only_as_a_name():
    assert resolve_date("may", PUBLISHED) is None
    assert resolve_date("May 4", PUBLISHED).date == dt.date(2020, 5, 4)
