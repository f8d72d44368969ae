"""The batch files under one root: a local folder or an fsspec URL (here fsspec's in-memory filesystem)."""

import datetime as dt
import uuid

import dagster as dg
import fsspec
import polars as pl
import pytest

from newsfacts.defs.build import build_definitions
from newsfacts.defs.jobs import ingest_batch_job
from newsfacts.orchestration import plan_batches
from newsfacts.settings import Settings
from newsfacts.versions import pipeline_version
from newsfacts.warehouse.batch_files import BatchFiles, parquet_key
from newsfacts.warehouse.failure_files import read_failures, write_failures
from newsfacts.warehouse.layout import WarehouseLayout
from newsfacts.warehouse.manifest import ManifestMissing, manifest_batches, read_manifest

from conftest import Project

FRAME = pl.DataFrame({"article_id": ["b", "a"], "n": [2, 1]})


@pytest.fixture(params=["local", "memory"])
def root(request, tmp_path):
    if request.param == "local":
        yield str(tmp_path / "batches")
        return
    url = f"memory://newsfacts-{uuid.uuid4().hex}"
    yield url
    fsspec.filesystem("memory").rm(url, recursive=True)


def test_files_round_trip_under_either_root(root):
    files = BatchFiles(root)
    files.write_frame(FRAME, parquet_key("sentences", "b1"))
    files.write_frame(FRAME, parquet_key("sentences", "b2"))
    files.write_text('{"x": 1}', "dictionaries/b1.json")
    assert files.exists(parquet_key("sentences", "b1"))
    assert not files.exists(parquet_key("events", "b1"))
    assert files.read_frame(parquet_key("sentences", "b2")).equals(FRAME)
    assert files.read_frame(parquet_key("sentences", "b1"), columns=["n"])["n"].to_list() == [2, 1]
    assert files.glob("parquet/*/b1.parquet") == ["parquet/sentences/b1.parquet"]
    assert files.read_json("dictionaries/b1.json") == {"x": 1}
    assert files.read_json("dictionaries/b2.json") is None
    with pytest.raises(FileNotFoundError):
        files.read_text("manifests/none.json")
    files.move("parquet", "parquet-old")
    assert files.glob("parquet*/*/*.parquet") == [
        "parquet-old/sentences/b1.parquet",
        "parquet-old/sentences/b2.parquet",
    ]


def test_the_same_parquet_bytes_locally_and_in_memory(tmp_path):
    local, memory = BatchFiles(str(tmp_path)), BatchFiles(f"memory://newsfacts-{uuid.uuid4().hex}")
    for files in (local, memory):
        files.write_frame(FRAME, "parquet/x/b.parquet")
    fs = fsspec.filesystem("memory")
    assert fs.cat_file(memory.location("parquet/x/b.parquet")) == (tmp_path / "parquet/x/b.parquet").read_bytes()
    fs.rm(memory.root, recursive=True)


def test_manifests_and_failures_under_either_root(root, tmp_path):
    seeds = tmp_path / "seeds"
    (seeds / "world").mkdir(parents=True)
    (seeds / "world" / "a.txt").write_text("An article.", encoding="utf-8")
    layout = WarehouseLayout.at(tmp_path / "wh" / "news.duckdb", root)
    now = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    work = plan_batches(seeds, layout, pipeline_version(), 10, now=now)
    batch = work.created[0].batch
    assert manifest_batches(layout) == [batch]
    assert [e.path for e in read_manifest(layout, batch).entries] == ["world/a.txt"]
    with pytest.raises(ManifestMissing, match="no manifest at"):
        read_manifest(layout, "nope")
    write_failures(layout, "parse", batch, {"id2": "boom", "id1": "bang"})
    write_failures(layout, "events", batch, {"id1": "later"})
    assert read_failures(layout, batch) == {"id1": "later", "id2": "boom"}  # layers in name order, first wins


@pytest.mark.slow  # two runs of the batch job
def test_a_batch_in_memory_publishes_the_rows_a_local_one_does(tmp_path):
    """The batch job with its files in fsspec's memory filesystem fills the warehouse as a local run."""
    rows = {}
    for name, batch_root in (("local", None), ("memory", f"memory://newsfacts-{uuid.uuid4().hex}")):
        root = tmp_path / name
        project = Project(root, tmp_path / "seeds", root / "news.duckdb", {})
        if name == "local":
            project.add_seed("world/seed.txt")
            project.write("broken.txt", "---\ntitle: [oops\n---\nBody.")
        settings = Settings(project.seeds, project.warehouse, root / "dagster_home", batch_root=batch_root)
        now = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
        batch = plan_batches(settings.seeds_dir, settings.layout, pipeline_version(), 50, now=now).created[0].batch
        with dg.instance_for_test() as instance:
            instance.add_dynamic_partitions("ingest_batches", [batch])
            job = build_definitions(settings).resolve_job_def(ingest_batch_job.name)
            assert job.execute_in_process(partition_key=batch, instance=instance).success
        assert settings.layout.files.exists(parquet_key("events", batch))
        assert (root / "news_batches" / "parquet").exists() == (name == "local")
        rows[name] = {
            table: project.sql(f"SELECT * FROM {table} ORDER BY ALL")
            for table in ("articles", "rejected_articles", "sentences", "events", "dictionary_sets")
        }
        rows[name]["ingest_batches"] = project.sql("SELECT * EXCLUDE (published_at) FROM ingest_batches")
    assert rows["memory"] == rows["local"]
    assert len(rows["local"]["events"]) > 0
