"""Marking near-copies at publish: the batch's articles against every article the warehouse holds."""

from __future__ import annotations

import duckdb
import polars as pl

from newsfacts.ingest.near_copies import find_near_copies, signature


def text_signatures(ingested: pl.DataFrame) -> dict[str, bytes]:
    """article_id -> MinHash signature of its body, for the articles long enough to have one."""
    out = {}
    for aid, text, body_start in ingested.select("article_id", "text", "body_start").iter_rows():
        sig = signature(text[body_start or 0 :])
        if sig is not None:
            out[aid] = sig
    return out


def mark_near_copies(con: duckdb.DuckDBPyConnection, frames: dict[str, pl.DataFrame]) -> dict[str, tuple[str, float]]:
    """Fill articles.near_duplicate_of and its similarity for the batch's articles, in the publish
    transaction (so two batches published one after the other see each other); return what was found."""
    texts, articles = frames["article_texts"], frames["articles"]
    batch = {aid: sig for aid, sig in texts.select("article_id", "minhash").iter_rows() if sig is not None}
    if not batch:
        return {}
    rows = con.execute("""
        SELECT t.article_id, a.path, t.minhash FROM article_texts t JOIN articles a USING (article_id)
        WHERE t.minhash IS NOT NULL AND t.article_id NOT IN (SELECT article_id FROM batch_scope)""").fetchall()
    corpus = {aid: bytes(sig) for aid, _, sig in rows}
    order = {aid: path for aid, path, _ in rows}
    order.update(articles.select("article_id", "path").iter_rows())
    found = find_near_copies(batch, corpus, order)
    if not found:
        return found
    frames["articles"] = articles.with_columns(
        pl.col("article_id")
        .replace_strict({a: o for a, (o, _) in found.items()}, default=None)
        .alias("near_duplicate_of"),
        pl.col("article_id")
        .replace_strict({a: s for a, (_, s) in found.items()}, default=None, return_dtype=pl.Float64)
        .alias("near_duplicate_similarity"),
    )
    return found
