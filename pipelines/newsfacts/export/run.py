"""`newsfacts export`: the warehouse in one of the export formats, read through a read-only connection."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from newsfacts.contract.values import ExportFormat
from newsfacts.export.event_counts import EventCount, gdelt_count, plover_count
from newsfacts.export.gdelt import write_gdelt
from newsfacts.export.plover import write_plover
from newsfacts.export.tables import write_tables
from newsfacts.warehouse.store import connect


@dataclass(frozen=True)
class ExportSummary:
    format: ExportFormat
    files: list[Path]
    rows: int  # events (GDELT, PLOVER) or relations written (Parquet, CSV)
    count: EventCount | None = None  # GDELT, PLOVER: which of the warehouse's events, and why not the others

    def line(self) -> str:
        what = "relations" if self.format in (ExportFormat.PARQUET, ExportFormat.CSV) else "events"
        return f"{self.format.value}: {self.rows} {what} in {len(self.files)} file(s)"

    def accounting(self) -> str:
        """'; of the warehouse's 37 events, 14 left out: ...' for GDELT and PLOVER, else nothing."""
        return f"; {self.count.explained()}" if self.count else ""


def export_warehouse(
    duckdb_path: Path,
    fmt: ExportFormat,
    out: Path,
    since: dt.date | None = None,
    until: dt.date | None = None,
    validate: bool = False,
) -> ExportSummary:
    """Write the warehouse's rows in `fmt` into `out`; `validate` checks every PLOVER record against the schema."""
    con = connect(duckdb_path, read_only=True)
    try:
        if fmt == ExportFormat.GDELT:
            g = write_gdelt(con, out, since, until)
            return ExportSummary(fmt, g.files, g.events, gdelt_count(con, since, until))
        if fmt == ExportFormat.PLOVER:
            path, n = write_plover(con, out, since, until, validate)
            return ExportSummary(fmt, [path], n, plover_count(con, since, until))
        files = write_tables(con, out, fmt, since, until)
        return ExportSummary(fmt, files, len(files))
    finally:
        con.close()
