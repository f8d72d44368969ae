"""The date an article without one is coded as of: --as-of, recorded, never the clock.

John Kerry's record in the shipped dictionaries is dated: [USAGOVLEG 850103-130201] (a senator),
[USAGOV >130201] (Secretary of State). Which code an undated article gives him depends only on
--as-of, in the entities and in the events alike.
"""

from __future__ import annotations

import datetime as dt
import json

import dagster as dg
import duckdb
import pytest

from newsfacts.defs.build import build_definitions
from newsfacts.defs.jobs import ingest_batch_job
from newsfacts.dictionaries import load
from newsfacts.dictionaries.index import actor_code_at, actor_table
from newsfacts.ingest.planning import PlanEntry, as_of_text, parse_as_of, with_as_of
from newsfacts.orchestration import plan_batches, resolve_as_of
from newsfacts.settings import Settings
from newsfacts.versions import pipeline_version
from newsfacts.warehouse.layout import WarehouseLayout
from newsfacts.warehouse.manifest import BatchManifest
from newsfacts.warehouse.store import ensure_tables

from conftest import Project

UNDATED = "John Kerry met Wang Yi in Beijing on Tuesday and criticized the Chinese government.\n"


def kerry_codes(project: Project) -> tuple[list, list]:
    """John Kerry's actor codes in the entities and as the source of the events."""
    entities = project.sql("SELECT DISTINCT actor_code FROM entities WHERE name = 'John Kerry'")
    events = project.sql("SELECT DISTINCT source_actor_code FROM events WHERE source_text LIKE '%Kerry%'")
    return [r[0] for r in entities], [r[0] for r in events]


def test_as_of_is_a_date_or_none():
    assert parse_as_of("2005-06-01") == dt.date(2005, 6, 1)
    assert parse_as_of("none") is None and parse_as_of(" ") is None
    with pytest.raises(ValueError, match=r"--as-of \(or \$NEWSFACTS_AS_OF\) takes a date, YYYY-MM-DD, or `none`"):
        parse_as_of("yesterday")
    assert as_of_text(None) == "none" and as_of_text(dt.date(2005, 6, 1)) == "2005-06-01"
    assert with_as_of("abc", None) == "abc" and with_as_of("abc", dt.date(2005, 6, 1)) == "abc@2005-06-01"


def test_a_manifest_keeps_its_as_of():
    entry = PlanEntry("a.txt", "id", "new", "sha", 1, 2)
    manifest = BatchManifest("b", "2026-01-01T00:00:00+00:00", "/seeds", (entry,), {}, dt.date(2005, 6, 1))
    assert json.loads(manifest.to_json())["as_of"] == "2005-06-01"
    assert BatchManifest.from_json(manifest.to_json()) == manifest
    older = json.loads(manifest.to_json())
    del older["as_of"]  # planned before --as-of: coded without a date
    assert BatchManifest.from_json(json.dumps(older)).as_of is None


def test_without_a_date_an_office_holder_has_his_open_ended_role():
    kerry = actor_table(load()).entries[("john", "kerry")]
    assert actor_code_at(kerry, None).code == "USAGOV"  # [USAGOV >130201], whatever today is
    assert actor_code_at(kerry, dt.date(2005, 6, 1)).code == "USAGOVLEG"


def test_the_as_of_given_wins_else_the_warehouses(tmp_path):
    layout = WarehouseLayout.at(tmp_path / "news.duckdb")
    assert resolve_as_of(None, layout) is None  # no warehouse yet: without a date
    con = duckdb.connect(str(layout.duckdb_path))
    ensure_tables(con, [])
    con.execute("INSERT INTO newsfacts_meta VALUES ('as_of', '2005-06-01')")
    con.close()
    assert resolve_as_of(None, layout) == dt.date(2005, 6, 1)
    assert resolve_as_of("2012-06-01", layout) == dt.date(2012, 6, 1)
    assert resolve_as_of("none", layout) is None


@pytest.mark.slow  # two runs of the batch job
def test_an_undated_article_codes_the_same_whatever_day_it_is_planned(tmp_path):
    """Planned on two days years apart, the undated article gives the same rows in every relation."""
    tables = ("article_entities", "entity_mentions", "entities", "events", "event_mentions", "v_actor_dyads")
    rows = {}
    for day in (dt.datetime(2012, 6, 1, 9, tzinfo=dt.UTC), dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC)):
        root = tmp_path / f"{day:%Y}"
        project = Project(root, tmp_path / "seeds", root / "news.duckdb", {})
        project.write("kerry.txt", UNDATED)
        settings = Settings(project.seeds, project.warehouse, root / "dagster_home")
        work = plan_batches(settings.seeds_dir, settings.layout, pipeline_version(), 50, now=day)
        batch = work.created[0].batch
        assert work.as_of is None and work.created[0].as_of is None
        with dg.instance_for_test() as instance:
            instance.add_dynamic_partitions("ingest_batches", [batch])
            job = build_definitions(settings).resolve_job_def(ingest_batch_job.name)
            assert job.execute_in_process(partition_key=batch, instance=instance).success
        # Only the batch's name (the day it was planned) may differ.
        rows[day.year] = {
            t: project.sql(f"SELECT * {'EXCLUDE (batch)' if t == 'event_mentions' else ''} FROM {t} ORDER BY ALL")
            for t in tables
        }
        # One person, one code: the dictionary's open-ended role, in the entities and in the events.
        assert kerry_codes(project) == (["USAGOV"], ["USAGOV"])
        assert project.sql("SELECT value FROM newsfacts_meta WHERE key = 'as_of'") == [("none",)]
    assert rows[2012] == rows[2026]
    assert rows[2012]["events"]


@pytest.mark.slow  # four `newsfacts run`s
def test_as_of_codes_undated_articles_is_kept_and_a_new_one_recodes(project):
    project.write("kerry.txt", UNDATED)
    project.run_cli("run", "--as-of", "2005-06-01")
    assert kerry_codes(project) == (["USAGOVLEG"], ["USAGOVLEG"])
    assert project.sql("SELECT value FROM newsfacts_meta WHERE key = 'as_of'") == [("2005-06-01",)]
    assert project.sql("SELECT pipeline_version LIKE '%@2005-06-01' FROM articles") == [(True,)]
    manifests = list((project.warehouse.parent / "news_batches" / "manifests").glob("*.json"))
    assert [json.loads(m.read_text())["as_of"] for m in manifests] == ["2005-06-01"]

    # Kept: a later run without --as-of codes as of the same date, and has nothing to do.
    again = project.run_cli("run")
    assert again.stdout.startswith("newsfacts: 0 new, 0 changed, 1 unchanged")

    # Another date re-codes the article; entities and events move together.
    moved = project.run_cli("run", "--as-of", "none")
    assert moved.stdout.startswith("newsfacts: 0 new, 1 changed, 0 unchanged")
    assert kerry_codes(project) == (["USAGOV"], ["USAGOV"])
    assert project.sql("SELECT value FROM newsfacts_meta WHERE key = 'as_of'") == [("none",)]

    bad = project.run_cli("run", "--as-of", "last week", check=False)
    assert bad.returncode == 1
    assert bad.stderr.strip().splitlines()[-1] == (
        "newsfacts: --as-of (or $NEWSFACTS_AS_OF) takes a date, YYYY-MM-DD, or `none`; not 'last week'"
    )


def test_the_sensor_and_the_ui_follow_newsfacts_as_of(tmp_path, monkeypatch):
    """$NEWSFACTS_AS_OF reaches the definitions' warehouse resource, whose planner records it."""
    monkeypatch.setenv("NEWSFACTS_AS_OF", "2005-06-01")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "kerry.txt").write_text(UNDATED, encoding="utf-8")
    settings = Settings.from_env(tmp_path / "seeds", tmp_path / "wh" / "news.duckdb")
    assert settings.as_of == "2005-06-01"
    warehouse = build_definitions(settings).resources["warehouse"]
    work = plan_batches(warehouse.seeds_path, warehouse.layout, "v1", 10, as_of=warehouse.as_of)
    assert [m.as_of for m in work.created] == [dt.date(2005, 6, 1)]
    assert Settings.from_env(tmp_path / "seeds", as_of="none").as_of == "none"  # --as-of wins


def test_a_pending_batch_keeps_its_as_of_and_another_one_plans_its_articles_again(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "kerry.txt").write_text(UNDATED, encoding="utf-8")
    layout = WarehouseLayout.at(tmp_path / "wh" / "news.duckdb")
    first = plan_batches(tmp_path / "seeds", layout, "v1", 10, as_of="2005-06-01").created
    # Planned again as of the same date: the file is left to the pending batch.
    assert plan_batches(tmp_path / "seeds", layout, "v1", 10, as_of="2005-06-01").created == []
    # As of another date: a new batch takes it; the pending one still codes as it was planned.
    work = plan_batches(tmp_path / "seeds", layout, "v1", 10, as_of="none")
    assert [m.as_of for m in work.pending] == [dt.date(2005, 6, 1)] and work.pending == first
    assert [(m.as_of, [e.path for e in m.entries]) for m in work.created] == [(None, ["kerry.txt"])]
