"""The DuckDB file: contract tables kept current one batch at a time.

A batch is published in one transaction that first deletes every row of the
batch's articles and then inserts their new rows, so a reader sees the
warehouse either before or after the batch, never half of it, and a run
killed mid-publish leaves the previous state. Only one process writes at a
time (a file lock); readers retry while a publish holds the file.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import duckdb
import polars as pl

from newsfacts.contract.schema import DICTIONARY_PROBLEMS, DICTIONARY_SETS, TableSchema
from newsfacts.ingest.planning import PublishedFile
from newsfacts.warehouse.layout import WarehouseLayout
from newsfacts.warehouse.locks import FileLock

LOCK_WAIT_SECONDS = 60.0
# What a writer may do on its connection once its transaction is committed (see write_transaction).
AfterCommit = Callable[[duckdb.DuckDBPyConnection], None]


class WarehouseMissing(FileNotFoundError):
    pass


class WarehouseBusy(RuntimeError):
    pass


def _is_lock_error(e: Exception) -> bool:
    return "lock" in str(e).lower()


def connect(path: Path, read_only: bool, timeout: float = LOCK_WAIT_SECONDS) -> duckdb.DuckDBPyConnection:
    """Open the DuckDB file, waiting while another process holds it."""
    if read_only and not path.exists():
        raise WarehouseMissing(f"no warehouse at {path}: run `newsfacts run` first")
    deadline = time.monotonic() + timeout
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as e:
            if not _is_lock_error(e) or time.monotonic() >= deadline:
                if _is_lock_error(e):
                    raise WarehouseBusy(
                        f"{path} stayed locked by another process for {timeout:.0f}s "
                        f"(a publish in progress, or an open `newsfacts ui` query)"
                    ) from e
                raise
            time.sleep(0.2)


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None):
    """The first value of a query's first row, or None. Read with fetchall: DuckDB 2 keeps a result
    open until a fetch comes back empty, and register() refuses to run beside an open result."""
    rows = con.execute(sql, params or []).fetchall()
    return rows[0][0] if rows else None


def table_exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return bool(scalar(con, "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]))


def ensure_tables(con: duckdb.DuckDBPyConnection, tables: Iterable[TableSchema]) -> None:
    """Create missing tables and add columns a newer schema has."""
    con.execute("CREATE TABLE IF NOT EXISTS newsfacts_meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    # Which warehouse file this is: batch manifests made for a deleted one must not come back.
    con.execute("INSERT OR IGNORE INTO newsfacts_meta VALUES ('warehouse_id', ?)", [uuid.uuid4().hex])
    tables = list(tables)
    for t in tables:
        con.execute(t.ddl())
    # The columns of every table in one query: asked per table, this was most of a first publish's set-up.
    have: dict[str, set[str]] = {}
    for table, column in con.execute("SELECT table_name, column_name FROM information_schema.columns").fetchall():
        have.setdefault(table, set()).add(column)
    for t in tables:
        for c in t.columns:
            if c.name not in have.get(t.name, set()):
                con.execute(f'ALTER TABLE "{t.name}" ADD COLUMN "{c.name}" {c.sql_type}')


@contextmanager
def write_transaction(
    layout: WarehouseLayout, tables: Iterable[TableSchema], then: AfterCommit | None = None
) -> Iterator[duckdb.DuckDBPyConnection]:
    """The one way to write: under the publish lock, tables ensured, all or nothing. `then(con)` runs
    after the commit, on the same connection and under the same lock; it must not raise (what it does
    is its own transaction, and the committed one stays)."""
    with FileLock(layout.lock_path("publish"), "publishing to the warehouse").acquire(timeout=600):
        con = connect(layout.duckdb_path, read_only=False)
        try:
            ensure_tables(con, tables)
            con.execute("BEGIN TRANSACTION")
            yield con
            con.execute("COMMIT")
            _mark_batches_dir(layout, con)
            if then is not None:
                then(con)
        except BaseException:
            try:
                con.execute("ROLLBACK")
            except duckdb.Error:
                pass
            raise
        finally:
            con.close()


def _mark_batches_dir(layout: WarehouseLayout, con: duckdb.DuckDBPyConnection) -> None:
    """Record beside the batch files which warehouse file they belong to."""
    marker = layout.warehouse_id_path
    if not marker.exists():
        warehouse_id = scalar(con, "SELECT value FROM newsfacts_meta WHERE key = 'warehouse_id'")
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text(f"{warehouse_id}\n")


def published_state(layout: WarehouseLayout) -> tuple[dict[str, PublishedFile], set[str]]:
    """What the warehouse holds per path, and which batches it has published."""
    if not layout.duckdb_path.exists():
        return {}, set()
    con = connect(layout.duckdb_path, read_only=True)
    try:
        if not table_exists(con, "ingest_batches"):
            return {}, set()
        # Warehouses written before containers were read have no container columns: all .txt files.
        has_records = bool(
            scalar(
                con,
                "SELECT count(*) FROM information_schema.columns WHERE table_name = 'rejected_articles' "
                "AND column_name = 'record_key'",
            )
        )
        record = "container, record_key" if has_records else "NULL, NULL"
        # Batches published before parse versions were kept have none: their articles are parsed again.
        has_parse = bool(
            scalar(
                con,
                "SELECT count(*) FROM information_schema.columns WHERE table_name = 'ingest_batches' "
                "AND column_name = 'parse_version'",
            )
        )
        parse = "(SELECT b.parse_version FROM ingest_batches b WHERE b.batch = a.batch)" if has_parse else "NULL"
        rows = con.execute(f"""
            SELECT path, content_sha256, file_size, file_mtime_ns, duplicate_of, pipeline_version, false, {record},
                batch, {parse}
            FROM articles a
            UNION ALL
            SELECT path, content_sha256, file_size, file_mtime_ns, NULL, pipeline_version, true, {record}, batch, NULL
            FROM rejected_articles""").fetchall()
        batches = {r[0] for r in con.execute("SELECT batch FROM ingest_batches").fetchall()}
    finally:
        con.close()
    return {r[0]: PublishedFile(*r) for r in rows}, batches


def publish_batch(
    layout: WarehouseLayout,
    batch: str,
    tables: Iterable[TableSchema],
    frames: Mapping[str, pl.DataFrame],
    scope_article_ids: list[str],
    counts: Mapping[str, int],
    seeds_dir: str | None = None,
    dictionary: tuple[str, pl.DataFrame, pl.DataFrame] | None = None,
    prepare: Callable[[duckdb.DuckDBPyConnection, dict[str, pl.DataFrame]], None] | None = None,
    then: AfterCommit | None = None,
    meta: Mapping[str, str] | None = None,
    parse_version: str | None = None,
) -> None:
    """Replace every row of the scoped articles with the batch's rows, in one transaction.

    Tables with an article_id column are replaced per article; frames may omit tables the batch has
    no rows for. `dictionary`: the digest of the dictionary set that coded the batch and its
    dictionary_sets and dictionary_problems rows, added when the warehouse does not know the set yet.
    `prepare(con, frames)` may complete the frames from the warehouse as it stands in the transaction,
    the batch's articles left out (`batch_scope`). `then`: see write_transaction. `meta`: settings the
    batch was made with, kept in newsfacts_meta (`as_of`)."""
    tables = list(tables) + [DICTIONARY_SETS, DICTIONARY_PROBLEMS]
    frames = dict(frames)
    with write_transaction(layout, tables, then) as con:
        con.register(
            "batch_scope", pl.DataFrame({"article_id": scope_article_ids}, schema={"article_id": pl.Utf8}).to_arrow()
        )
        if prepare is not None:
            prepare(con, frames)
        for t in tables:
            if "article_id" not in t.names:
                continue
            con.execute(f'DELETE FROM "{t.name}" WHERE article_id IN (SELECT article_id FROM batch_scope)')
            frame = frames.get(t.name)
            if frame is not None and frame.height:
                con.register("batch_rows", t.conform(frame).to_arrow())
                cols = ", ".join(f'"{c}"' for c in t.names)
                con.execute(f'INSERT INTO "{t.name}" ({cols}) SELECT {cols} FROM batch_rows')
                con.unregister("batch_rows")
        con.execute("DELETE FROM ingest_batches WHERE batch = ?", [batch])
        con.execute(
            "INSERT INTO ingest_batches (batch, published_at, n_ingested, n_rejected, n_deleted, "
            "n_skipped_stale, dictionary_set, parse_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                batch,
                dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                counts.get("ingested", 0),
                counts.get("rejected", 0),
                counts.get("deleted", 0),
                counts.get("skipped_stale", 0),
                dictionary[0] if dictionary else None,
                parse_version,
            ],
        )
        if dictionary and not scalar(
            con, "SELECT count(*) FROM dictionary_sets WHERE dictionary_set = ?", [dictionary[0]]
        ):
            for t, frame in ((DICTIONARY_SETS, dictionary[1]), (DICTIONARY_PROBLEMS, dictionary[2])):
                if frame.height:
                    con.register("batch_rows", t.conform(frame).to_arrow())
                    con.execute(f'INSERT INTO "{t.name}" SELECT {", ".join(t.names)} FROM batch_rows')
                    con.unregister("batch_rows")
        if seeds_dir is not None:
            con.execute("INSERT OR REPLACE INTO newsfacts_meta VALUES ('seeds_dir', ?)", [seeds_dir])
        for key, value in (meta or {}).items():
            con.execute("INSERT OR REPLACE INTO newsfacts_meta VALUES (?, ?)", [key, value])


def meta_values(layout: WarehouseLayout) -> dict[str, str]:
    """Every newsfacts_meta row of the warehouse, key to value (none before its first run)."""
    if not layout.duckdb_path.exists():
        return {}
    con = connect(layout.duckdb_path, read_only=True)
    try:
        if not table_exists(con, "newsfacts_meta"):
            return {}
        return dict(con.execute("SELECT key, value FROM newsfacts_meta").fetchall())
    finally:
        con.close()


def meta_value(layout: WarehouseLayout, key: str) -> str | None:
    return meta_values(layout).get(key)
