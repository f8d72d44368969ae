"""The DuckDB store: a publish is all or nothing; views apply in dependency order."""

import polars as pl
import pytest

from newsfacts.contract.schema import ARTICLES, INGEST_BATCHES, SENTENCES
from newsfacts.warehouse.layout import WarehouseLayout
from newsfacts.warehouse.store import connect, publish_batch
from newsfacts.warehouse.views import apply_views

TABLES = [ARTICLES, SENTENCES, INGEST_BATCHES]


def article(aid, path):
    return {c: None for c in ARTICLES.names} | {"article_id": aid, "path": path, "n_sentences": 1}


def sentence(aid, text):
    return {
        "article_id": aid,
        "sentence_idx": 0,
        "paragraph_idx": 0,
        "kind": "sentence",
        "char_start": 0,
        "char_end": len(text),
        "text": text,
    }


def frames(*rows):
    return {
        "articles": pl.DataFrame([article(a, f"{a}.txt") for a, _ in rows], schema=ARTICLES.polars_schema),
        "sentences": pl.DataFrame([sentence(a, t) for a, t in rows], schema=SENTENCES.polars_schema),
    }


def read(layout, sql):
    con = connect(layout.duckdb_path, read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_publish_replaces_only_the_scoped_articles(tmp_path):
    layout = WarehouseLayout.at(tmp_path / "w.duckdb")
    publish_batch(layout, "b1", TABLES, frames(("a", "old a"), ("b", "old b")), ["a", "b"], {"ingested": 2})
    publish_batch(layout, "b2", TABLES, frames(("a", "new a")), ["a"], {"ingested": 1})
    assert read(layout, "SELECT article_id, text FROM sentences ORDER BY 1") == [("a", "new a"), ("b", "old b")]
    assert read(layout, "SELECT batch, n_ingested FROM ingest_batches ORDER BY 1") == [("b1", 2), ("b2", 1)]


def test_a_publish_that_fails_half_way_leaves_the_previous_state(tmp_path):
    layout = WarehouseLayout.at(tmp_path / "w.duckdb")
    publish_batch(layout, "b1", TABLES, frames(("a", "kept")), ["a"], {"ingested": 1})
    broken = frames(("a", "never"))
    broken["sentences"] = broken["sentences"].drop("text")  # fails after articles were deleted
    with pytest.raises(ValueError, match="lacks columns"):
        publish_batch(layout, "b2", TABLES, broken, ["a"], {"ingested": 1})
    assert read(layout, "SELECT text FROM sentences") == [("kept",)]
    assert read(layout, "SELECT count(*) FROM articles") == [(1,)]
    assert read(layout, "SELECT batch FROM ingest_batches") == [("b1",)]


def test_views_may_build_on_each_other_in_any_file_order(tmp_path):
    layout = WarehouseLayout.at(tmp_path / "w.duckdb")
    sql = tmp_path / "sql"
    sql.mkdir()
    (sql / "a_top.sql").write_text("CREATE OR REPLACE VIEW a_top AS SELECT n * 2 AS m FROM z_base;")
    (sql / "z_base.sql").write_text("CREATE OR REPLACE VIEW z_base AS SELECT count(*) AS n FROM articles;")
    assert sorted(apply_views(layout, sql, TABLES, 0.5)) == ["a_top", "z_base"]
    assert read(layout, "SELECT m FROM a_top") == [(0,)]
