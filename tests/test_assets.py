"""The batch assets through Dagster's materialize on a temporary instance."""

import dagster as dg
import pytest

from newsfacts.defs.build import build_definitions
from newsfacts.defs.jobs import ingest_batch_job, refresh_views_job
from newsfacts.orchestration import plan_batches
from newsfacts.settings import Settings
from newsfacts.versions import pipeline_version
from newsfacts.warehouse.batch_files import parquet_key
from newsfacts.warehouse.layout import WarehouseLayout

from conftest import Project


@pytest.fixture(scope="module")
def materialized(tmp_path_factory):
    root = tmp_path_factory.mktemp("assets")
    project = Project(root, root / "seeds", root / "wh" / "news.duckdb", {})
    project.add_seed("world/seed.txt")
    project.write("broken.txt", "---\ntitle: [oops\n---\nBody.")
    settings = Settings(project.seeds, project.warehouse, root / "dagster_home")
    work = plan_batches(settings.seeds_dir, WarehouseLayout.at(settings.warehouse), pipeline_version(), 50)
    batch = work.created[0].batch
    defs = build_definitions(settings)
    with dg.instance_for_test() as instance:
        instance.add_dynamic_partitions("ingest_batches", [batch])
        # The jobs a run uses: the batch's assets with their checks, then the views.
        result = defs.resolve_job_def(ingest_batch_job.name).execute_in_process(partition_key=batch, instance=instance)
        views = defs.resolve_job_def(refresh_views_job.name).execute_in_process(instance=instance)
        yield project, batch, result, views


def test_batch_assets_write_parquet_and_publish(materialized):
    project, batch, result, _ = materialized
    assert result.success
    raw = result.output_for_node("raw_articles")
    assert sorted(raw.select("path", "status").rows()) == [("broken.txt", "rejected"), ("world/seed.txt", "ingested")]
    sentences = result.output_for_node("sentences")
    assert sentences.height == 14
    layout = WarehouseLayout.at(project.warehouse)
    assert layout.files.exists(parquet_key("sentences", batch))
    assert project.sql("SELECT kind, count(*) FROM sentences GROUP BY 1 ORDER BY 1") == [
        ("heading", 1),
        ("sentence", 13),
    ]
    assert project.sql("SELECT path, reason_code FROM rejected_articles") == [("broken.txt", "front_matter")]


def test_metadata_a_person_can_read(materialized):
    _, _, result, _ = materialized
    mat = result.asset_materializations_for_node("sentences")[0]
    assert mat.metadata["dagster/row_count"].value == 14
    assert "char_start" in [c.name for c in mat.metadata["dagster/column_schema"].schema.columns]
    # The preview is a markdown table of the first five sentences, in order, with their offsets and text.
    preview = mat.metadata["preview"].value.splitlines()
    assert preview[:2] == ["| sentence_idx | kind | char_start | char_end | text |", "|---|---|---|---|---|"]
    assert [row.split(" | ")[0] for row in preview[2:]] == ["| 0", "| 1", "| 2", "| 3", "| 4"]
    assert preview[2].startswith("| 0 | sentence | 0 | 194 | The US State Department has warned the Iraqi government")
    published = result.asset_materializations_for_node("published_batch")[-1]  # after warehouse_views'
    assert published.asset_key == dg.AssetKey("published_batch")
    assert published.metadata["articles_ingested"].value == 1
    assert published.metadata["articles_rejected"].value == 1


def test_asset_checks_run_and_pass(materialized):
    _, _, result, _ = materialized
    checks = {(c.asset_key.to_user_string(), c.check_name): c.passed for c in result.get_asset_check_evaluations()}
    assert checks == {
        ("sentences", "offsets_match_source"): True,
        ("entity_mentions", "offsets_match_source"): True,
        ("article_entities", "every_entity_has_a_mention"): True,
        ("events", "source_and_target_entities_exist"): True,
        ("events", "codes_in_cameo_table"): True,
        ("events", "goldstein_in_range"): True,
        ("events", "dates_near_publication"): True,
    }


def test_entity_and_event_layers_publish(materialized):
    project, batch, result, _ = materialized
    assert project.sql("SELECT name, actor_code FROM entities WHERE name = 'Mustafa al-Kadhimi'") == [
        ("Mustafa al-Kadhimi", "IRQGOV")
    ]
    assert project.sql("SELECT count(*) FROM events WHERE cameo_code = '1312'") == [(1,)]
    assert project.sql("SELECT count(*) FROM quotes")[0][0] >= 5
    layout = WarehouseLayout.at(project.warehouse)
    for asset in ("tokens", "ner_spans", "entity_mentions", "article_entities", "events", "quotes"):
        assert layout.files.exists(parquet_key(asset, batch))
    mat = result.asset_materializations_for_node("mentions_and_entities")
    top = next(m for m in mat if m.asset_key.to_user_string() == "article_entities").metadata["top_entities"].value
    assert "United States" in top


def test_views_asset_creates_the_sql_views(materialized):
    project, _, _, views = materialized
    assert views.success
    assert project.sql("SELECT count(*) FROM v_rejections_by_reason") == [(1,)]
