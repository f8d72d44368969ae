"""Which time expression dates an event, and which way it points (real parse, own sentences)."""

import datetime as dt

import polars as pl
import pytest

from layers import process

HEAD = "---\npublished: 2021-03-10\n---\n"  # a Wednesday


@pytest.fixture(scope="module")
def dated(tmp_path_factory):
    texts = {
        "said_saturday.txt": "Kenyan police said Saturday that Somali gunmen attacked a border post.",
        "planned.txt": "Nigerian officials planned to meet Ghanaian ministers on Thursday.",
        "will_sign.txt": "Brazil will sign a trade accord with Argentina on Dec. 7.",
        "range.txt": "Ugandan troops attacked rebel camps in Congo between 2011 and 2014.",
        "reported_future.txt": "France said on Tuesday that it could impose sanctions on Iran.",
        "duration.txt": "Sudanese troops shelled the rebel town for two hours.",
        "noun_date.txt": "Peru invited Chile to a ceremony in Lima on April 30.",
    }
    layers = process(tmp_path_factory.mktemp("dates"), {k: HEAD + v for k, v in texts.items()})
    undated = process(
        tmp_path_factory.mktemp("undated"),
        {"undated.txt": "Kenyan police said Saturday that Somali gunmen attacked a border post."},
        as_of=dt.date(2021, 3, 10),
    )
    return layers, undated


def _event(layers, path, trigger):
    aid = layers.raw.filter(pl.col("path") == path)["article_id"][0]
    rows = layers.events.filter((pl.col("article_id") == aid) & (pl.col("trigger") == trigger)).to_dicts()
    assert len(rows) == 1, layers.events.filter(pl.col("article_id") == aid).to_dicts()
    return rows[0]


def test_a_reported_event_takes_the_date_of_the_report(dated):
    e = _event(dated[0], "said_saturday.txt", "attacked")
    assert (e["event_date"], e["date_text"], e["date_source"]) == (dt.date(2021, 3, 6), "Saturday", "text")


def test_a_planned_event_points_forward(dated):
    e = _event(dated[0], "planned.txt", "meet")
    assert (e["event_date"], e["date_text"]) == (dt.date(2021, 3, 11), "Thursday")


def test_a_future_date_without_a_year_stays_ahead(dated):
    e = _event(dated[0], "will_sign.txt", "sign")
    assert (e["event_date"], e["date_precision"]) == (dt.date(2021, 12, 7), "day")


def test_a_date_on_a_noun_is_the_nearest(dated):
    e = _event(dated[0], "noun_date.txt", "ceremony")  # the ceremony to come, not last year's
    assert (e["event_date"], e["date_text"]) == (dt.date(2021, 4, 30), "April 30")


def test_a_range_keeps_both_ends(dated):
    e = _event(dated[0], "range.txt", "attacked")
    assert (e["event_date"], e["event_date_end"], e["date_precision"]) == (
        dt.date(2011, 1, 1),
        dt.date(2014, 1, 1),
        "year",
    )


def test_a_planned_event_is_not_dated_by_when_it_was_said(dated):
    e = _event(dated[0], "reported_future.txt", "impose")
    assert e["modality"] != "asserted" and e["event_date"] is None


def test_an_undated_article_counts_from_as_of(dated):
    e = _event(dated[1], "undated.txt", "attacked")
    assert (e["event_date"], e["date_source"]) == (dt.date(2021, 3, 6), "text")


def test_a_duration_places_nothing_so_the_published_date_holds(dated):
    e = _event(dated[0], "duration.txt", "shelled")
    assert (e["event_date"], e["date_text"], e["date_source"]) == (dt.date(2021, 3, 10), None, "published")
