"""The SQL views in sql/: one CREATE VIEW per file, applied in dependency order."""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from newsfacts.contract.schema import TableSchema
from newsfacts.warehouse.layout import WarehouseLayout
from newsfacts.warehouse.store import meta_values, write_transaction

_VIEW_NAME = re.compile(r"create\s+(?:or\s+replace\s+)?view\s+\"?(\w+)\"?", re.IGNORECASE)


def view_files(sql_dir: Path) -> list[Path]:
    return sorted(sql_dir.glob("*.sql"))


def views_digest(sql_dir: Path) -> str:
    h = hashlib.sha256()
    for f in view_files(sql_dir):
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:12]


def threshold_text(min_confidence: float) -> str:
    """The --min-confidence as newsfacts_meta keeps it (`min_confidence`), where the views read it."""
    return format(min_confidence, "g")


def _views_current(recorded: Mapping[str, str], sql_dir: Path, min_confidence: float) -> bool:
    """Whether newsfacts_meta (`recorded`) says the views are those of sql_dir, counting at min_confidence."""
    return recorded.get("views_digest") == views_digest(sql_dir) and recorded.get("min_confidence") == threshold_text(
        min_confidence
    )


def views_stale(layout: WarehouseLayout, sql_dir: Path, min_confidence: float) -> bool:
    """Whether the warehouse lacks the views of sql_dir as they are now, or counts at another threshold."""
    return not _views_current(meta_values(layout), sql_dir, min_confidence)


def _in_dependency_order(views: dict[str, str]) -> list[str]:
    """View names so that each comes after the views its SQL mentions."""
    mentions = {
        name: {other for other in views if other != name and re.search(rf"\b{other}\b", sql)}
        for name, sql in views.items()
    }
    ordered: list[str] = []
    while len(ordered) < len(views):
        ready = sorted(n for n in views if n not in ordered and mentions[n] <= set(ordered))
        if not ready:
            raise RuntimeError(f"views refer to each other in a cycle: {sorted(set(views) - set(ordered))}")
        ordered.extend(ready)
    return ordered


def _view_sql(sql_dir: Path) -> dict[str, str]:
    views = {}
    for f in view_files(sql_dir):
        sql = f.read_text(encoding="utf-8")
        m = _VIEW_NAME.search(sql)
        views[m.group(1) if m else f.stem] = sql
    return views


def _create_views(con: duckdb.DuckDBPyConnection, sql_dir: Path, min_confidence: float) -> list[str]:
    """In the connection's open transaction: every view of sql_dir, and its digest noted, with the
    confidence an event needs to be counted (v_coded_events reads it from newsfacts_meta)."""
    con.execute("INSERT OR REPLACE INTO newsfacts_meta VALUES ('min_confidence', ?)", [threshold_text(min_confidence)])
    views = _view_sql(sql_dir)
    for name in _in_dependency_order(views):
        try:
            con.execute(views[name])
        except duckdb.Error as e:
            raise RuntimeError(f"view {name} ({sql_dir / name}.sql) does not apply: {e}") from None
    con.execute("INSERT OR REPLACE INTO newsfacts_meta VALUES ('views_digest', ?)", [views_digest(sql_dir)])
    return list(views)


def apply_views(
    layout: WarehouseLayout, sql_dir: Path, tables: Iterable[TableSchema], min_confidence: float
) -> list[str]:
    """(Re)create every view in sql_dir, one CREATE VIEW per file, in dependency order, in one transaction;
    the views count events at or above min_confidence."""
    with write_transaction(layout, tables) as con:
        return _create_views(con, sql_dir, min_confidence)


@dataclass
class ViewsRefresh:
    """Given to a publish (`then`): on its connection, once its batch is committed, the views of sql_dir
    (re)created in a transaction of their own if the warehouse lacks them as they are now. A first
    run's views so come with its first batch, without opening the warehouse again. `error` says why
    they did not apply; the batch stays published either way."""

    sql_dir: Path
    min_confidence: float
    created: list[str] = field(default_factory=list)
    error: str | None = None

    def __call__(self, con: duckdb.DuckDBPyConnection) -> None:
        try:
            recorded = dict(con.execute("SELECT key, value FROM newsfacts_meta").fetchall())
            if _views_current(recorded, self.sql_dir, self.min_confidence):
                return
            con.execute("BEGIN TRANSACTION")
            self.created = _create_views(con, self.sql_dir, self.min_confidence)
            con.execute("COMMIT")
        except Exception as e:  # whatever it is, the batch before it is committed and stays
            with contextlib.suppress(duckdb.Error):
                con.execute("ROLLBACK")
            self.error = f"{type(e).__name__}: {e}" if not isinstance(e, (duckdb.Error, RuntimeError)) else str(e)
