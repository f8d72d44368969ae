"""The Dagster instance of a warehouse: its home folder, and keeping its SQLite files cheap to write.

Each warehouse has its own instance in `<warehouse>_batches/dagster_home/`, so
its partitions are that warehouse's batches. The first run writes `dagster.yaml`
there; users may edit it (Postgres, another run launcher) and it is then left
as they wrote it.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

DAGSTER_YAML = """\
# Dagster instance of this newsfacts project (created by newsfacts; edit freely).
telemetry:
  enabled: false
concurrency:
  runs:
    # Each batch run loads the spaCy model; two at a time fit this project's machines.
    max_concurrent_runs: 2
# The events of all runs in one SQLite file, event_log.db here: a batch writes ~100 events, and
# Dagster's default (one file per run) sets up a new database for every run.
event_log_storage:
  module: dagster._core.storage.event_log
  class: ConsolidatedSqliteEventLogStorage
  config:
    base_dir: {base_dir}
"""
_BASE_DIR_LINE = re.compile(r"(?m)^    base_dir: .*$")


def dagster_yaml(home: Path) -> str:
    return DAGSTER_YAML.format(base_dir=json.dumps(str(home)))


def ensure_dagster_home(home: Path) -> Path:
    """The home folder with its dagster.yaml: written when missing, and rewritten when it is the one
    newsfacts wrote for this home at another place (the warehouse folder was moved or copied)."""
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    wanted = dagster_yaml(home)
    current = config.read_text(encoding="utf-8") if config.exists() else None
    if current is None or (current != wanted and _BASE_DIR_LINE.sub("", current) == _BASE_DIR_LINE.sub("", wanted)):
        config.write_text(wanted, encoding="utf-8")
    return home


# Where Dagster's SQLite storages keep their databases: this configuration's event_log.db, the default
# run, schedule and event index files. Listed, not searched: storage/ holds a file per step of every run.
_STORAGE_FILES = ("*.db", "history/*.db", "history/runs/index.db", "schedules/*.db")


def _storage_files(home: Path) -> list[Path]:
    """The instance's SQLite databases, leaving out the per-run event files of the default storage."""
    return sorted({p for pattern in _STORAGE_FILES for p in home.glob(pattern) if p.is_file()})


@contextmanager
def sqlite_held_open(home: Path) -> Iterator[None]:
    """Keep one idle connection to each of the instance's SQLite files while a run writes to them.

    Dagster opens and closes a connection for every event it stores; when the last connection
    to a database in WAL mode closes, SQLite checkpoints the log and syncs the file to disk
    (~8 ms on the project's machines, a few seconds a batch). With a connection held open the
    checkpoints happen as the log grows and once at the end. Every commit is as durable as before.
    """
    with ExitStack() as stack:
        for path in _storage_files(home):
            try:
                conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1.0)
            except sqlite3.Error:
                continue  # not a database we can open: Dagster will say so itself
            stack.callback(conn.close)
            try:
                # A connection joins the log's shared index only once it reads.
                conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
            except sqlite3.Error:
                pass
        yield
