"""The Dagster instance of a warehouse: its home folder, and keeping its SQLite files cheap to write.

Each warehouse has its own instance in `<warehouse>_batches/dagster_home/`, so
its partitions are that warehouse's batches. The first run writes `dagster.yaml`
there; users may edit it (another run launcher, ...) and it is then left
as they wrote it. `--instance postgresql://...` writes one whose runs, events and
schedules are in that PostgreSQL database (dagster-postgres) instead of SQLite
files; the home keeps it until another --instance is given.

Making the SQLite databases of a new instance (tables, migration stamps, index
marks, each committed and synced on its own) is over a second of a first run.
The databases of an empty instance are kept in the machine's cache
(newsfacts.caching) the first time and copied into every new home after that.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import ExitStack, closing, contextmanager, suppress
from pathlib import Path

from newsfacts.caching import cache_dir, cache_key

_COMMON_YAML = """\
telemetry:
  enabled: false
concurrency:
  runs:
    # Each batch run loads the spaCy model; two at a time fit this project's machines.
    max_concurrent_runs: 2
  pools:
    # Steps in a pool wait for one of its slots; the only pool, newsfacts_publish, holds the publish
    # step: one batch publishes to the warehouse at a time, whichever machine runs it.
    granularity: op
    default_limit: 1
"""
DAGSTER_YAML = (
    "# Dagster instance of this newsfacts project (created by newsfacts; edit freely).\n"
    + _COMMON_YAML
    + """\
# The events of all runs in one SQLite file, event_log.db here: a batch writes ~100 events, and
# Dagster's default (one file per run) sets up a new database for every run.
# The class is Dagster's ConsolidatedSqliteEventLogStorage reusing its connections (newsfacts/defs/event_log.py).
event_log_storage:
  module: newsfacts.defs.event_log
  class: PooledSqliteEventLogStorage
  config:
    base_dir: {base_dir}
"""
)
POSTGRES_YAML = (
    "# Dagster instance of this newsfacts project on PostgreSQL (created by newsfacts --instance; edit freely).\n"
    + _COMMON_YAML
    + """\
# Runs, events and schedules in one PostgreSQL database, which workers on other machines reach too.
storage:
  postgres:
    postgres_url: {url}
"""
)
_URL_LINE = re.compile(r"(?m)^    postgres_url: .*$")
_BASE_DIR_LINE = re.compile(r"(?m)^    base_dir: .*$")
# What newsfacts wrote before the publish pool: such a home is newsfacts' own, brought up to date.
_POOLS_BLOCK = re.compile(r"(?m)^  pools:\n(?:    .*\n)+")


# What newsfacts wrote before its pooled event log: Dagster's class, without the line about it.
_EVENT_LOG_LINES = re.compile(
    r"(?m)^# The class is Dagster's .*\n|^  module: [\w.]*event_log\n|^  class: \w*SqliteEventLogStorage\n"
)


def _as_generated(text: str) -> str:
    text = _EVENT_LOG_LINES.sub("", text)
    return _POOLS_BLOCK.sub("", _URL_LINE.sub("", _BASE_DIR_LINE.sub("", text)))


def is_postgres_url(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://", "postgresql+psycopg2://"))


def postgres_yaml(url: str) -> str:
    """The configuration of an instance on that database. SQLAlchemy 2.1 reads a bare postgresql:// with
    psycopg 3; dagster-postgres brings psycopg2, so the URL names it."""
    driver_url = re.sub(r"^postgres(ql)?://", "postgresql+psycopg2://", url)
    return POSTGRES_YAML.format(url=json.dumps(driver_url))


class InstanceConfigEdited(ValueError):
    pass


def dagster_yaml(home: Path) -> str:
    return DAGSTER_YAML.format(base_dir=json.dumps(str(home)))


def ensure_dagster_home(home: Path, instance_url: str | None = None) -> Path:
    """The home folder with its dagster.yaml: written when missing, and rewritten when it is the one
    newsfacts wrote for this home at another place (the warehouse folder was moved or copied).

    With instance_url (a PostgreSQL URL) the home's instance is on that database from now on; a
    dagster.yaml the user edited is never replaced (InstanceConfigEdited says so)."""
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    current = config.read_text(encoding="utf-8") if config.exists() else None
    generated = current is not None and _as_generated(current) in (
        _as_generated(dagster_yaml(home)),
        _as_generated(postgres_yaml("")),
    )
    if instance_url is not None:
        if not is_postgres_url(instance_url):
            raise ValueError(f"--instance takes a PostgreSQL URL (postgresql://user:pass@host/db), not {instance_url}")
        if current is not None and not generated:
            raise InstanceConfigEdited(f"{config} was edited by hand: set its storage there, not with --instance")
        wanted = postgres_yaml(instance_url)
    elif current is not None and _URL_LINE.search(current):
        wanted = current  # a PostgreSQL instance stays one
    else:
        wanted = dagster_yaml(home)
    if current is None or (current != wanted and generated):
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


def _generated(home: Path) -> bool:
    """Whether the home's dagster.yaml is the one newsfacts writes (not edited for another storage)."""
    config = home / "dagster.yaml"
    return config.exists() and config.read_text(encoding="utf-8") == dagster_yaml(home)


def _template_dir(cache: Path | None = None) -> Path:
    """Where the machine keeps the databases of an empty instance of this configuration and Dagster."""
    key = cache_key("dagster-instance", [DAGSTER_YAML, f"dagster=={importlib.metadata.version('dagster')}"])
    return (cache or cache_dir()) / f"dagster-instance-{key}"


def open_instance(home: Path, cache: Path | None = None):
    """The home's Dagster instance. A new home (no databases yet, newsfacts' dagster.yaml) gets the
    empty instance's databases from the machine's cache, or, the first time, gives them to it."""
    import dagster as dg

    new = not _storage_files(home) and _generated(home)
    seeded = new and _seed_from_template(home, _template_dir(cache))
    instance = dg.DagsterInstance.from_config(str(home))
    if new and not seeded:
        _save_template(home, _template_dir(cache))
    return instance


def _seed_from_template(home: Path, template: Path) -> bool:
    files = sorted(p for p in template.rglob("*.db") if p.is_file()) if template.is_dir() else []
    if not files:
        return False
    try:
        for src in files:
            dst = home / src.relative_to(template)
            dst.parent.mkdir(parents=True, exist_ok=True)
            tmp = dst.with_name(f"{dst.name}.tmp{os.getpid()}")
            shutil.copyfile(src, tmp)
            os.replace(tmp, dst)
    except OSError:
        for src in files:  # half a copy is worse than none: Dagster makes them all
            with suppress(OSError):
                (home / src.relative_to(template)).unlink()
        return False
    return True


def _save_template(home: Path, template: Path) -> None:
    """Keep the databases of a just-made, still empty instance. Copied with SQLite's backup (whole and
    consistent), journal mode kept; written beside and renamed, so a reader finds all or nothing."""
    tmp = template.with_name(f"{template.name}.tmp{os.getpid()}")
    try:
        for path in _storage_files(home):
            dst = tmp / path.relative_to(home)
            dst.parent.mkdir(parents=True, exist_ok=True)
            with closing(sqlite3.connect(path)) as src, closing(sqlite3.connect(dst)) as out:
                src.backup(out)
                mode = src.execute("PRAGMA journal_mode").fetchone()[0]
                out.execute(f"PRAGMA journal_mode={mode}")
        os.rename(tmp, template)
    except (OSError, sqlite3.Error):
        pass  # another run saved it first, or the cache cannot be written: new homes are only slower
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@contextmanager
def sqlite_commits_unsynced(home: Path) -> Iterator[None]:
    """While inside, the instance's SQLite databases in WAL mode commit without syncing to disk.

    Dagster stores each event in its own transaction, and SQLite's default syncs the log on every
    commit (~4 ms here: over a second of a one-article run). In WAL mode `synchronous=NORMAL`
    syncs at checkpoints only: a killed process (kill -9, out of memory) loses nothing that was
    committed; a power cut may lose the last events, never the database's consistency. The
    warehouse's own files are written by DuckDB and are not touched by this.
    """
    from sqlalchemy import event
    from sqlalchemy.pool import Pool

    root = str(home.resolve())
    in_wal: dict[str, bool] = {}  # per database file: asked once (it reads the file), not per connection

    def on_connect(dbapi_connection, _record) -> None:
        if not isinstance(dbapi_connection, sqlite3.Connection):
            return
        rows = dbapi_connection.execute("PRAGMA database_list").fetchall()
        path = next((row[2] for row in rows if row[1] == "main"), "")
        if not path.startswith(root + os.sep):
            return
        if path not in in_wal:
            in_wal[path] = dbapi_connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        if in_wal[path]:
            dbapi_connection.execute("PRAGMA synchronous=NORMAL")

    event.listen(Pool, "connect", on_connect)
    try:
        yield
    finally:
        event.remove(Pool, "connect", on_connect)
