"""The warehouse, its batch files, the report and the Dagster home are never articles, wherever they lie:
a warehouse kept inside its own seeds folder reads only the articles."""

import pytest

from newsfacts.orchestration import plan_batches
from newsfacts.versions import pipeline_version
from newsfacts.warehouse.layout import WarehouseLayout

from conftest import Project

ARTICLE = "Kenya's foreign minister met the Ugandan ambassador in Nairobi on Tuesday."


def test_files_the_pipeline_writes_inside_the_seeds_folder_are_never_planned(tmp_path, monkeypatch):
    seeds = tmp_path / "seeds"
    (seeds / "news").mkdir(parents=True)
    (seeds / "news" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    layout = WarehouseLayout.at(seeds / "wh.duckdb")
    layout.ensure_dirs()
    # What runs leave behind, each named like an article: a problems list, batch Parquet, the report.
    (layout.batches_dir / "dictionaries").mkdir(parents=True)
    (layout.batches_dir / "dictionaries" / "problems-0123456789ab.txt").write_text("line 3: bad", encoding="utf-8")
    (layout.batches_dir / "parquet" / "sentences").mkdir(parents=True)
    (layout.batches_dir / "parquet" / "sentences" / "b1.parquet").write_bytes(b"PAR1")
    layout.report_path.write_text("<html><body><p>Iraq warned Iran.</p></body></html>", encoding="utf-8")
    # A Dagster home set elsewhere in the seeds folder ($DAGSTER_HOME) is left out too.
    home = seeds / "home"
    (home / "storage").mkdir(parents=True)
    (home / "storage" / "notes.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.setenv("DAGSTER_HOME", str(home))

    work = plan_batches(seeds, layout, pipeline_version(), 100)

    assert [e.path for m in work.created for e in m.entries] == ["news/a.txt"]


@pytest.mark.slow  # two CLI runs
def test_a_warehouse_inside_its_seeds_folder_does_not_grow_on_rerun(tmp_path):
    project = Project.at(tmp_path)
    project.add_seed("seed.txt")
    project.write("other/b.txt", ARTICLE)
    inside = project.seeds / "wh.duckdb"
    project.env["DAGSTER_HOME"] = str(project.seeds / "dagster")  # the Dagster home inside too
    for _ in range(2):
        project.run_cli("run", "--warehouse", str(inside))
    out = project.run_cli("query", "--warehouse", str(inside), "--format", "csv", "select path from articles")
    assert out.stdout.split() == ["path", "other/b.txt", "seed.txt"]
    assert (project.seeds / "wh_batches" / "parquet").is_dir()
