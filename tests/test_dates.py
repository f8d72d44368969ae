import datetime as dt

import pytest

from newsfacts.events.dates import resolve_date

PUBLISHED = dt.date(2020, 9, 27)  # a Sunday


@pytest.mark.parametrize(
    "text, future, expected, precision",
    [
        ("Sunday", False, dt.date(2020, 9, 27), "day"),
        ("Saturday night", False, dt.date(2020, 9, 26), "day"),
        ("on Monday", True, dt.date(2020, 9, 28), "day"),
        ("last Friday", False, dt.date(2020, 9, 25), "day"),
        ("next Friday", False, dt.date(2020, 10, 2), "day"),
        ("16 September", False, dt.date(2020, 9, 16), "day"),
        ("September 16", False, dt.date(2020, 9, 16), "day"),
        ("Sept. 16, 2019", False, dt.date(2019, 9, 16), "day"),
        ("30 December", False, dt.date(2019, 12, 30), "day"),  # a past event: last year's
        ("January", False, dt.date(2020, 1, 1), "month"),
        ("in November", True, dt.date(2020, 11, 1), "month"),
        ("March 2018", False, dt.date(2018, 3, 1), "month"),
        ("2019", False, dt.date(2019, 1, 1), "year"),
        ("last week", False, dt.date(2020, 9, 20), "week"),
        ("last month", False, dt.date(2020, 8, 1), "month"),
        ("the past year", False, dt.date(2019, 1, 1), "year"),
        ("yesterday", False, dt.date(2020, 9, 26), "day"),
        ("today", False, dt.date(2020, 9, 27), "day"),
        ("three days ago", False, None, None),
        ("3 days ago", False, dt.date(2020, 9, 24), "day"),
        ("2020-09-16", False, dt.date(2020, 9, 16), "day"),
    ],
)
def test_time_expressions_resolve_against_the_published_date(text, future, expected, precision):
    got = resolve_date(text, PUBLISHED, future)
    assert (got.date, got.precision) == (expected, precision) if expected else got is None


def test_without_a_published_date_only_absolute_dates_resolve():
    assert resolve_date("Sunday", None) is None
    assert resolve_date("16 September", None) is None
    assert resolve_date("16 September 2020", None).date == dt.date(2020, 9, 16)
    assert resolve_date("in 2019", None).date == dt.date(2019, 1, 1)
