"""The warehouse's Dagster instance on PostgreSQL (dagster-postgres), chosen by --instance."""

import psycopg2
import pytest

from newsfacts.defs.instance import InstanceConfigEdited, ensure_dagster_home, open_instance
from newsfacts.defs.warehouse_assets import PUBLISH_POOL

URL = "postgresql://newsfacts:secret@db.example/dagster"


def test_instance_url_writes_a_postgres_configuration_the_home_keeps(tmp_path):
    home = ensure_dagster_home(tmp_path / "home", URL)
    text = (home / "dagster.yaml").read_text(encoding="utf-8")
    assert 'postgres_url: "postgresql+psycopg2://newsfacts:secret@db.example/dagster"' in text
    assert "default_limit: 1" in text
    ensure_dagster_home(home)  # later runs without --instance stay on PostgreSQL
    assert (home / "dagster.yaml").read_text(encoding="utf-8") == text
    ensure_dagster_home(home, URL.replace("db.example", "db2.example"))
    assert "db2.example" in (home / "dagster.yaml").read_text(encoding="utf-8")
    with pytest.raises(ValueError, match="PostgreSQL URL"):
        ensure_dagster_home(home, "mysql://db.example/dagster")


def test_instance_url_never_replaces_a_configuration_edited_by_hand(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n", encoding="utf-8")
    with pytest.raises(InstanceConfigEdited):
        ensure_dagster_home(home, URL)


@pytest.mark.slow  # a PostgreSQL server and a `newsfacts run`
def test_a_run_with_instance_on_postgres_keeps_its_runs_there(project, postgres_url):
    project.add_seed("world/seed.txt")
    proc = project.run_cli("run", "--instance", postgres_url, "--quiet")
    assert "1 new, 0 changed" in proc.stdout, proc.stdout
    home = project.root / "dagster_home"
    instance = open_instance(home)
    assert type(instance.run_storage).__name__ == "PostgresRunStorage"
    assert type(instance.event_log_storage).__name__ == "PostgresEventLogStorage"
    assert [r.status.value for r in instance.get_runs()] == ["SUCCESS"]
    assert instance.event_log_storage.get_concurrency_info(PUBLISH_POOL).limit == 1
    assert not list(home.glob("**/*.db"))  # no SQLite file in the home
    with psycopg2.connect(postgres_url) as con, con.cursor() as cur:
        cur.execute("SELECT count(*) FROM runs")
        assert cur.fetchone() == (1,)
    assert project.sql("SELECT path FROM articles") == [("world/seed.txt",)]
