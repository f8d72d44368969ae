"""Every relation and view of the warehouse as one Parquet or CSV file each (DuckDB's COPY).

--since/--until keep the rows whose event_date is in range in the relations that have one (events,
event_mentions, the event views); the others are written whole."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

from newsfacts.contract.values import ExportFormat
from newsfacts.export.date_range import in_range


def relation_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY table_name"
    ).fetchall()
    return [r[0] for r in rows]


def _has_event_date(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    q = "SELECT count(*) FROM information_schema.columns WHERE table_name = ? AND column_name = 'event_date'"
    row = con.execute(q, [name]).fetchone()
    return bool(row and row[0])


def write_tables(
    con: duckdb.DuckDBPyConnection,
    out: Path,
    fmt: ExportFormat,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    options = "FORMAT parquet" if fmt == ExportFormat.PARQUET else "FORMAT csv, HEADER true"
    files = []
    for name in relation_names(con):
        where = ""
        if (since or until) and _has_event_date(con, name):
            where = f" WHERE {in_range('event_date')}"
        path = out / f"{name}.{fmt.value}"
        params = {"since": since, "until": until} if where else {}
        con.execute(f"COPY (SELECT * FROM \"{name}\"{where}) TO '{path}' ({options})", params)
        files.append(path)
    return files
