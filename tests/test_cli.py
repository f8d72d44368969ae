"""`newsfacts run` and `query` end to end, in child processes, on temporary folders."""

import json
import os
import re
import signal
import subprocess

import pytest

from newsfacts.warehouse.layout import WarehouseLayout
from newsfacts.warehouse.locks import FileLock

from conftest import NEWSFACTS, SEED

pytestmark = pytest.mark.slow  # the CLI end to end, in child processes

CONTRACT_TABLES = ["articles", "rejected_articles", "sentences"]


def summary(proc) -> dict:
    line = proc.stdout.strip().splitlines()[-1]
    return {k: int(v) for v, k in re.findall(r"(\d+) (new|changed|unchanged|deleted|rejected)", line)}


def test_incremental_lifecycle_add_change_delete(project):
    project.add_seed("a/seed.txt")
    first = project.run_cli("run")
    assert summary(first) == {"new": 1, "changed": 0, "unchanged": 0, "deleted": 0, "rejected": 0}
    assert project.sql("SELECT kind, count(*) FROM sentences GROUP BY 1 ORDER BY 1") == [
        ("heading", 1),
        ("sentence", 13),
    ]

    # add: only the new article is processed
    project.write("b.txt", "---\ntitle: Second story\npublished: 2021-03-04\n---\nIraq voted. Iran objected.\n")
    added = project.run_cli("run")
    assert summary(added) == {"new": 1, "changed": 0, "unchanged": 1, "deleted": 0, "rejected": 0}
    last = project.sql("SELECT n_ingested, n_rejected, n_deleted FROM ingest_batches ORDER BY batch DESC LIMIT 1")
    assert last == [(1, 0, 0)]
    assert project.sql("SELECT title, published_date::VARCHAR, n_sentences FROM articles WHERE path = 'b.txt'") == [
        ("Second story", "2021-03-04", 3)
    ]

    # change: its rows are replaced, not added to
    project.write("b.txt", "---\ntitle: Second story\n---\nOnly one sentence now.\n")
    changed = project.run_cli("run")
    assert summary(changed)["changed"] == 1 and summary(changed)["unchanged"] == 1
    rows = project.sql(
        "SELECT s.kind, s.text FROM sentences s JOIN articles a USING (article_id) "
        "WHERE a.path = 'b.txt' ORDER BY sentence_idx"
    )
    assert rows == [("title", "Second story"), ("sentence", "Only one sentence now.")]

    # delete: gone from every relation
    (project.seeds / "b.txt").unlink()
    deleted = project.run_cli("run")
    assert summary(deleted)["deleted"] == 1
    assert project.sql("SELECT count(*) FROM articles") == [(1,)]
    assert project.sql("SELECT count(DISTINCT article_id) FROM sentences") == [(1,)]

    # unchanged: no batch, no NLP
    batches = project.sql("SELECT count(*) FROM ingest_batches")
    noop = project.run_cli("run")
    assert summary(noop) == {"new": 0, "changed": 0, "unchanged": 1, "deleted": 0, "rejected": 0}
    assert project.sql("SELECT count(*) FROM ingest_batches") == batches


def test_query_prints_a_table_and_json(project):
    project.add_seed()
    project.run_cli("run")
    table = project.run_cli("query", "select kind, count(*) as n from sentences group by 1 order by 1")
    assert table.stdout.splitlines()[0].split() == ["kind", "|", "n"]
    assert "heading  | 1" in table.stdout and "sentence | 13" in table.stdout
    js = project.run_cli("query", "--format", "json", "select path from articles")
    assert json.loads(js.stdout) == {"path": "seed.txt"}


def test_query_errors_are_one_clear_line(project):
    missing = project.run_cli("query", "select 1", check=False)
    assert missing.returncode == 1 and "no warehouse at" in missing.stderr
    project.add_seed()
    project.run_cli("run")
    bad = project.run_cli("query", "select * from no_such_table", check=False)
    assert bad.returncode == 1 and bad.stderr.startswith("newsfacts: query failed:")
    assert len(bad.stderr.strip().splitlines()) == 1


def test_bad_inputs_are_rejected_and_the_good_still_land(project):
    project.add_seed("good.txt")
    project.write("z_copy.txt", SEED.read_bytes())
    project.write("empty.txt", b"")
    project.write("blank.txt", b"   \n\n\t\n")
    project.write("binary.txt", bytes(range(256)) * 4)
    project.write("latin1.txt", "Caf\u00e9 in M\u00fcnchen.".encode("latin-1"))
    project.write("broken_front.txt", '---\ntitle: "unclosed\n---\nBody.\n')
    project.write("huge.txt", b"word " * (1024 * 1024 + 1))  # just over 5 MB
    project.write("notes.md", "not an article")
    proc = project.run_cli("run")
    # New counts what landed; each rejected file is counted once, among the rejected.
    assert summary(proc) == {"new": 2, "changed": 0, "unchanged": 0, "deleted": 0, "rejected": 6}
    reasons = dict(project.sql("SELECT path, reason_code FROM rejected_articles"))
    assert reasons == {
        "empty.txt": "empty",
        "blank.txt": "blank",
        "binary.txt": "binary",
        "latin1.txt": "not_utf8",
        "broken_front.txt": "front_matter",
        "huge.txt": "too_large",
    }
    assert project.sql("SELECT path, duplicate_of FROM articles ORDER BY path") == [
        ("good.txt", None),
        ("z_copy.txt", "good.txt"),
    ]
    assert all(r[0] for r in project.sql("SELECT reason FROM rejected_articles"))
    # fixing a file brings it in on the next run, and out of rejected_articles
    project.write("latin1.txt", "Caf\u00e9 in M\u00fcnchen.")
    fixed = project.run_cli("run")
    assert summary(fixed)["changed"] == 1
    assert project.sql("SELECT count(*) FROM rejected_articles WHERE path = 'latin1.txt'") == [(0,)]
    assert project.sql("SELECT count(*) FROM articles WHERE path = 'latin1.txt'") == [(1,)]


def test_a_second_run_on_the_same_warehouse_is_refused_clearly(project):
    project.add_seed()
    layout = WarehouseLayout.at(project.warehouse)
    with FileLock(layout.lock_path("run"), "this warehouse").acquire():
        proc = project.run_cli("run", check=False)
    assert proc.returncode == 1
    assert "another `newsfacts run` is working on" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_two_runs_at_once_leave_a_consistent_warehouse(project):
    for i in range(6):
        project.write(f"s{i}.txt", SEED.read_text(encoding="utf-8").replace("Sunday", f"Sunday {i}"))
    env = {**os.environ, **project.env}
    procs = [
        subprocess.Popen(
            [*NEWSFACTS, "run", "--batch-size", "2"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=600) for p in procs]
    codes = sorted(p.returncode for p in procs)
    assert codes in ([0, 0], [0, 1])
    if codes == [0, 1]:
        assert any("another `newsfacts run`" in err for _, err in outs)
    assert project.sql("SELECT count(*), count(DISTINCT path) FROM articles") == [(6, 6)]
    assert project.sql(
        "SELECT count(*) FROM (SELECT article_id, sentence_idx FROM sentences GROUP BY 1, 2 HAVING count(*) > 1)"
    ) == [(0,)]


def _rows(project) -> dict:
    out = {}
    for t in CONTRACT_TABLES:
        cols = [
            c
            for (c,) in project.sql(
                f"SELECT column_name FROM information_schema.columns "
                f"WHERE table_name = '{t}' AND column_name NOT IN ('batch')"
            )
        ]
        out[t] = project.sql(f"SELECT {', '.join(cols)} FROM {t} ORDER BY ALL")
    return out


def run_until_first_batch(project, n_articles: int, batch_size: int) -> subprocess.Popen:
    """Start `newsfacts run` on n seed variants and return once its first batch is published."""
    text = SEED.read_text(encoding="utf-8")
    for i in range(n_articles):
        project.write(f"k{i:02d}.txt", text.replace("Iraq", f"Iraq{i}"))
    proc = subprocess.Popen(
        [*NEWSFACTS, "run", "--batch-size", str(batch_size)],
        env={**os.environ, **project.env},
        stderr=subprocess.PIPE,
        text=True,
        stdout=subprocess.DEVNULL,
    )
    for line in proc.stderr:
        if line.startswith("[1/"):
            break
    return proc


def test_killed_run_leaves_a_readable_warehouse_and_the_next_run_completes(project, tmp_path):
    proc = run_until_first_batch(project, 12, 3)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    n_before = project.sql("SELECT count(*) FROM articles")[0][0]
    assert 3 <= n_before < 12

    done = project.run_cli("run")
    assert summary(done)["unchanged"] == n_before
    assert project.sql("SELECT count(*) FROM articles") == [(12,)]
    assert project.sql(
        "SELECT count(*) FROM (SELECT article_id, sentence_idx FROM sentences GROUP BY 1, 2 HAVING count(*) > 1)"
    ) == [(0,)]

    # the same rows as one uninterrupted run into a fresh warehouse
    fresh_env = {**project.env, "NEWSFACTS_WAREHOUSE": str(tmp_path / "fresh" / "news.duckdb")}
    subprocess.run([*NEWSFACTS, "run"], env={**os.environ, **fresh_env}, check=True, capture_output=True)
    fresh = type(project)(project.root, project.seeds, tmp_path / "fresh" / "news.duckdb", fresh_env)
    assert _rows(project) == _rows(fresh)


def test_a_warehouse_keeps_to_its_seeds_folder(project, tmp_path):
    project.add_seed()
    project.run_cli("run")
    other = tmp_path / "other"
    other.mkdir()
    (other / "x.txt").write_text("Another article about Iraq.", encoding="utf-8")
    refused = project.run_cli("run", "--seeds", str(other), check=False)
    assert refused.returncode == 1 and "mirrors the seeds folder" in refused.stderr
    assert project.sql("SELECT path FROM articles") == [("seed.txt",)]
    moved = project.run_cli("run", "--seeds", str(other), "--replace-seeds")
    assert summary(moved)["deleted"] == 1 and summary(moved)["new"] == 1
    assert project.sql("SELECT path FROM articles") == [("x.txt",)]


def test_an_empty_seeds_folder_still_makes_a_queryable_warehouse(project):
    proc = project.run_cli("run")
    assert summary(proc)["new"] == 0
    assert project.sql("SELECT count(*) FROM articles") == [(0,)]
    assert project.run_cli("query", "select count(*) from v_actor_dyads").returncode == 0


def test_bad_arguments_get_one_line(project):
    bad = project.run_cli("run", "--batch-size", "0", check=False)
    assert bad.returncode == 2 and "must be 1 or more" in bad.stderr
    project.run_cli("run")
    empty = project.run_cli("query", "   ", check=False)
    assert empty.returncode == 1 and empty.stderr.strip() == "newsfacts: no SQL given"


def test_ctrl_c_stops_the_run_between_batches(project):
    proc = run_until_first_batch(project, 8, 1)
    proc.send_signal(signal.SIGINT)
    rest = proc.stderr.read()
    assert proc.wait(timeout=120) == 130, rest
    assert "interrupted" in rest
    assert project.sql("SELECT count(*) FROM ingest_batches")[0][0] < 8


def test_deleting_the_warehouse_file_starts_afresh(project):
    project.add_seed()
    project.run_cli("run")
    project.warehouse.unlink()
    again = project.run_cli("run")
    assert summary(again) == {"new": 1, "changed": 0, "unchanged": 0, "deleted": 0, "rejected": 0}
    assert "left from an earlier run" not in again.stderr
    assert project.sql("SELECT count(*) FROM ingest_batches") == [(1,)]


def test_the_views_a_publish_creates_are_recorded_as_the_views_assets_materialization(project):
    """The first publish creates the views: the Dagster instance (and so the UI's catalog) shows
    warehouse_views materialized by it, not as never materialized; a run that changes no view adds none."""
    import dagster as dg

    from newsfacts.settings import sql_dir
    from newsfacts.warehouse.views import views_digest

    project.add_seed()
    project.run_cli("run")
    project.write("more.txt", "Iraq condemned the attack on Monday.\n")
    project.run_cli("run")
    with dg.DagsterInstance.from_config(project.env["DAGSTER_HOME"]) as instance:
        records = instance.fetch_materializations(dg.AssetKey("warehouse_views"), limit=10).records
        batches = instance.get_dynamic_partitions("ingest_batches")
    assert len(records) == 1 and len(batches) == 2
    event = records[0].asset_materialization
    assert event is not None and event.partition is None
    assert event.metadata["by_batch"].value == sorted(batches)[0]
    views = event.metadata["views"].value
    assert "- `v_event_timeline`" in views and "- `v_asserted_events`" in views
    assert event.tags == {"dagster/code_version": views_digest(sql_dir())}
