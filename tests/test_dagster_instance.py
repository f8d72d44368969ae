"""The warehouse's Dagster instance: its configuration, and the SQLite files held open during a run."""

import re
import sqlite3

import dagster as dg
from dagster._core.storage.event_log import ConsolidatedSqliteEventLogStorage

from newsfacts.defs.instance import ensure_dagster_home, open_instance, sqlite_commits_unsynced, sqlite_held_open


def test_a_new_home_keeps_the_events_of_all_runs_in_one_file(tmp_path, monkeypatch):
    home = ensure_dagster_home(tmp_path / "home")
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    with dg.DagsterInstance.from_config(str(home)) as instance:
        assert type(instance.event_log_storage).__name__ == "PooledSqliteEventLogStorage"
        assert isinstance(instance.event_log_storage, ConsolidatedSqliteEventLogStorage)

        @dg.asset
        def one() -> int:
            return 1

        result = dg.materialize([one], instance=instance)
        assert result.success
    assert (home / "event_log.db").is_file()
    assert not list(home.glob("history/runs/*.db"))  # no file per run


def test_a_user_edited_configuration_is_left_as_written(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n", encoding="utf-8")
    ensure_dagster_home(home)
    assert (home / "dagster.yaml").read_text(encoding="utf-8") == "telemetry:\n  enabled: false\n"


def test_held_open_files_keep_their_log_until_the_end(tmp_path):
    db = tmp_path / "history" / "runs.db"
    db.parent.mkdir()
    setup = sqlite3.connect(db)
    setup.execute("PRAGMA journal_mode=WAL")
    setup.execute("CREATE TABLE t(x)")
    setup.commit()
    setup.close()
    wal = db.with_name("runs.db-wal")
    with sqlite_held_open(tmp_path):
        writer = sqlite3.connect(db)
        writer.execute("INSERT INTO t VALUES (1)")
        writer.commit()
        writer.close()
        # Not the last connection: no checkpoint on close, the write waits in the log.
        assert wal.exists() and wal.stat().st_size > 0
        assert sqlite3.connect(db).execute("SELECT count(*) FROM t").fetchone() == (1,)
    assert sqlite3.connect(db).execute("SELECT count(*) FROM t").fetchone() == (1,)


def test_a_moved_home_points_its_events_at_the_new_place(tmp_path):
    old = ensure_dagster_home(tmp_path / "old" / "home")
    new = tmp_path / "new" / "home"
    new.mkdir(parents=True)
    (new / "dagster.yaml").write_text((old / "dagster.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    ensure_dagster_home(new)
    text = (new / "dagster.yaml").read_text(encoding="utf-8")
    assert str(new) in text and str(old) not in text


def test_a_home_newsfacts_wrote_before_the_pooled_event_log_gets_it(tmp_path):
    home = ensure_dagster_home(tmp_path / "home")
    current = (home / "dagster.yaml").read_text(encoding="utf-8")
    earlier = re.sub(r"(?m)^# The class is Dagster's .*\n", "", current)
    earlier = earlier.replace("module: newsfacts.defs.event_log", "module: dagster._core.storage.event_log")
    earlier = earlier.replace("class: PooledSqliteEventLogStorage", "class: ConsolidatedSqliteEventLogStorage")
    (home / "dagster.yaml").write_text(earlier, encoding="utf-8")
    ensure_dagster_home(home)
    assert (home / "dagster.yaml").read_text(encoding="utf-8") == current


def test_pooled_event_log_connections_are_reused_and_every_event_is_committed(tmp_path, monkeypatch):
    home = ensure_dagster_home(tmp_path / "home")
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    with dg.DagsterInstance.from_config(str(home)) as instance:
        _materialize_one(instance)
        engine = instance.event_log_storage._pooled_engine()
        assert engine is instance.event_log_storage._pooled_engine()
        _materialize_one(instance)
        # Read by another connection, outside the pool: both runs' events are there.
        db = home / "event_log.db"
        runs = sqlite3.connect(db).execute("SELECT count(DISTINCT run_id) FROM event_logs").fetchone()
        assert runs == (2,)


def _materialize_one(instance: dg.DagsterInstance) -> None:
    @dg.asset
    def one() -> int:
        return 1

    assert dg.materialize([one], instance=instance).success


def test_a_new_home_starts_from_the_empty_instance_the_first_one_left(tmp_path):
    cache = tmp_path / "cache"
    first = ensure_dagster_home(tmp_path / "first")
    with open_instance(first, cache) as instance:
        _materialize_one(instance)  # after the template was taken: it must not carry this run
    (template,) = cache.glob("dagster-instance-*")
    assert sorted(p.relative_to(template).as_posix() for p in template.rglob("*.db")) == [
        "event_log.db",
        "history/runs.db",
        "schedules/schedules.db",
    ]
    second = ensure_dagster_home(tmp_path / "second")
    with open_instance(second, cache) as instance:
        assert instance.get_runs() == []
        _materialize_one(instance)
        assert len(instance.get_runs()) == 1
    with open_instance(second, cache) as instance:  # not new any more: its own databases, kept
        assert len(instance.get_runs()) == 1


def test_an_edited_home_is_never_seeded_nor_taken_as_the_template(tmp_path):
    cache = tmp_path / "cache"
    home = tmp_path / "edited"
    home.mkdir()
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n", encoding="utf-8")
    with open_instance(home, cache):
        pass
    assert not list(cache.glob("dagster-instance-*"))


def test_instance_commits_inside_are_not_synced_and_others_are(tmp_path):
    import sqlalchemy as sa

    home = ensure_dagster_home(tmp_path / "home")
    with open_instance(home, tmp_path / "cache"):
        pass
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("PRAGMA journal_mode=WAL").fetchall()

    def synchronous(path) -> int:
        with sa.create_engine(f"sqlite:///{path}").connect() as conn:
            return conn.exec_driver_sql("PRAGMA synchronous").scalar_one()

    with sqlite_commits_unsynced(home):
        assert synchronous(home / "event_log.db") == 1  # NORMAL
        assert synchronous(other) == 2  # FULL, SQLite's default: not the instance's file
    assert synchronous(home / "event_log.db") == 2
