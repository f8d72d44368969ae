"""An article a layer fails on is rejected with the error; the rest of its batch still lands."""

import dagster as dg
import pytest

from newsfacts.defs.build import build_definitions
from newsfacts.defs.jobs import BATCH_ASSETS
from newsfacts.defs.resources import NlpResource
from newsfacts.entities import layer as entity_layer
from newsfacts.orchestration import plan_batches
from newsfacts.settings import Settings
from newsfacts.versions import pipeline_version
from newsfacts.warehouse.layout import WarehouseLayout

from conftest import Project


@pytest.mark.slow  # a second whole materialize of the batch assets
def test_a_failing_article_is_rejected_and_the_others_land(tmp_path, monkeypatch):
    project = Project(tmp_path, tmp_path / "seeds", tmp_path / "wh" / "news.duckdb", {})
    project.add_seed("good.txt")
    project.write("cursed.txt", "The cursed article says Iraq warned Iran on Monday.")
    real = entity_layer.resolve_article

    def resolve_or_fail(article, *args):
        if "cursed" in article.text:
            raise RuntimeError("no rule foresaw this")
        return real(article, *args)

    monkeypatch.setattr(entity_layer, "resolve_article", resolve_or_fail)
    settings = Settings(project.seeds, project.warehouse, tmp_path / "home")
    batch = plan_batches(settings.seeds_dir, WarehouseLayout.at(settings.warehouse), pipeline_version(), 10).created[0]
    defs = build_definitions(settings)
    with dg.instance_for_test() as instance:
        instance.add_dynamic_partitions("ingest_batches", [batch.batch])
        # One process: the entity layer patched above codes here, not in a worker process.
        resources = {**defs.resources, "nlp": NlpResource(n_process=1)}
        result = dg.materialize(BATCH_ASSETS, partition_key=batch.batch, instance=instance, resources=resources)
    assert result.success
    assert project.sql("SELECT path FROM articles") == [("good.txt",)]
    assert project.sql("SELECT path, reason_code, reason FROM rejected_articles") == [
        ("cursed.txt", "internal_error", "entities failed: RuntimeError: no rule foresaw this")
    ]
    assert project.sql("SELECT count(*) FROM sentences s JOIN rejected_articles r USING (article_id)") == [(0,)]
    mat = result.asset_materializations_for_node("mentions_and_entities")
    assert (
        next(m for m in mat if m.asset_key.to_user_string() == "entity_mentions").metadata["failed_articles"].value == 1
    )
