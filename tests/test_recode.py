"""A change after the parse re-codes articles from their stored parse: the next batch takes the
sentences, tokens and NER spans an earlier batch stored, parses nothing, and publishes the same rows."""

import dagster as dg
import pytest

from newsfacts.defs.build import build_definitions
from newsfacts.defs.jobs import BATCH_ASSETS
from newsfacts.orchestration import plan_batches
from newsfacts.settings import Settings
from newsfacts.versions import parse_version, pipeline_version
from newsfacts.warehouse.layout import WarehouseLayout

from conftest import Project

TABLES = ("articles", "sentences", "entity_mentions", "article_entities", "events", "quotes")


def _materialize(defs, instance, batch: str):
    instance.add_dynamic_partitions("ingest_batches", [batch])
    result = dg.materialize(BATCH_ASSETS, partition_key=batch, instance=instance, resources=defs.resources)
    assert result.success
    return result


def _rows(project: Project) -> dict[str, list[tuple]]:
    """Every row of the tables, the batch that published it aside."""
    out = {}
    for t in TABLES:
        columns = [c for (c,) in project.sql(f"SELECT column_name FROM (DESCRIBE {t})") if c != "batch"]
        out[t] = project.sql(f"SELECT {', '.join(columns)} FROM {t} ORDER BY ALL")
    return out


@pytest.mark.slow  # two materializations of the batch assets
def test_a_change_after_the_parse_re_codes_from_the_stored_parse_and_parses_nothing(tmp_path):
    project = Project(tmp_path, tmp_path / "seeds", tmp_path / "wh" / "news.duckdb", {})
    project.add_seed("seed.txt")
    project.write("other.txt", "Egypt's president met the Sudanese foreign minister in Cairo on Tuesday.")
    settings = Settings(project.seeds, project.warehouse, tmp_path / "home")
    layout = WarehouseLayout.at(settings.warehouse)
    defs = build_definitions(settings)
    with dg.instance_for_test() as instance:
        first = plan_batches(settings.seeds_dir, layout, pipeline_version(), 10, parse_version=parse_version())
        _materialize(defs, instance, first.created[0].batch)
        before = _rows(project)
        assert project.sql("SELECT DISTINCT parse_version FROM ingest_batches") == [(parse_version(),)]

        # What a new event coder does to the versions: the pipeline's moves, the parse's holds.
        again = plan_batches(settings.seeds_dir, layout, "an-event-coder-later", 10, parse_version=parse_version())
        entries = again.created[0].entries
        assert {(e.path, e.change, e.parse_from) for e in entries} == {
            ("seed.txt", "changed", first.created[0].batch),
            ("other.txt", "changed", first.created[0].batch),
        }
        result = _materialize(defs, instance, again.created[0].batch)

    parse = result.asset_materializations_for_node("tokens_and_ner_spans")[0].metadata
    assert parse["articles_from_stored_parse"].value == 2 and parse["parse_workers"].value == 0
    sentences = result.asset_materializations_for_node("sentences")[0].metadata
    assert sentences["articles_from_stored_parse"].value == 2
    assert _rows(project) == before
    assert project.sql("SELECT DISTINCT batch FROM articles") == [(again.created[0].batch,)]
