"""The warehouse's Dagster instance: its configuration, and the SQLite files held open during a run."""

import sqlite3

import dagster as dg

from newsfacts.defs.instance import ensure_dagster_home, sqlite_held_open


def test_a_new_home_keeps_the_events_of_all_runs_in_one_file(tmp_path, monkeypatch):
    home = ensure_dagster_home(tmp_path / "home")
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    with dg.DagsterInstance.from_config(str(home)) as instance:
        assert type(instance.event_log_storage).__name__ == "ConsolidatedSqliteEventLogStorage"

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
