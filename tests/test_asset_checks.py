"""Each asset check fails on the rows it exists to catch, and the offsets checks keep a batch out of the
warehouse."""

import datetime as dt

import dagster as dg
import polars as pl
import pytest

from newsfacts.contract.schema import ARTICLE_ENTITIES, ENTITY_MENTIONS, EVENTS, RAW_ARTICLES, SENTENCES
from newsfacts.defs import checks
from newsfacts.defs.build import build_definitions
from newsfacts.defs.jobs import ingest_batch_job
from newsfacts.orchestration import plan_batches
from newsfacts.settings import Settings
from newsfacts.versions import pipeline_version
from newsfacts.warehouse.layout import WarehouseLayout

from conftest import Project


def _frame(schema, rows: list[dict]) -> pl.DataFrame:
    """Rows of a relation, the columns they leave out null."""
    return pl.DataFrame([{c: row.get(c) for c in schema.names} for row in rows], schema=schema.polars_schema)


RAW = _frame(
    RAW_ARTICLES,
    [{"article_id": "a", "path": "a.txt", "status": "ingested", "text": "Gondor warned Mordor.", "body_start": 0}],
)


def _blocking(check: dg.AssetChecksDefinition) -> bool:
    return all(spec.blocking for spec in check.check_specs)


def _events(**overrides) -> pl.DataFrame:
    return _frame(
        EVENTS,
        [
            {
                "event_id": "ev1",
                "article_id": "a",
                "sentence_idx": 0,
                "trigger": "warned",
                "cameo_code": "0",
                "goldstein": 0.0,
                "modality": "asserted",
                **overrides,
            }
        ],
    )


def test_offsets_that_do_not_give_back_the_text_fail_and_block():
    span = {"article_id": "a", "sentence_idx": 0, "char_start": 0, "char_end": 6}
    good, bad = {**span, "text": "Gondor"}, {**span, "text": "Mordor"}
    assert checks.sentence_offsets(_frame(SENTENCES, [good]), raw_articles=RAW).passed
    result = checks.sentence_offsets(_frame(SENTENCES, [bad]), raw_articles=RAW)
    assert not result.passed and result.severity == dg.AssetCheckSeverity.ERROR and _blocking(checks.sentence_offsets)
    assert checks.mention_offsets(_frame(ENTITY_MENTIONS, [good]), raw_articles=RAW).passed
    result = checks.mention_offsets(_frame(ENTITY_MENTIONS, [bad]), raw_articles=RAW)
    assert not result.passed and result.severity == dg.AssetCheckSeverity.ERROR and _blocking(checks.mention_offsets)


def test_an_entity_without_a_mention_fails():
    entities = _frame(
        ARTICLE_ENTITIES,
        [
            {"article_id": "a", "entity_id": "e1", "name": "Gondor"},
            {"article_id": "a", "entity_id": "e2", "name": "Arnor"},
        ],
    )
    mentions = _frame(ENTITY_MENTIONS, [{"article_id": "a", "entity_id": "e1", "text": "Gondor"}])
    result = checks.entity_mentioned(article_entities=entities, entity_mentions=mentions)
    assert not result.passed and result.metadata["orphans"].value == 1
    assert checks.entity_mentioned(article_entities=entities.head(1), entity_mentions=mentions).passed


def test_each_event_rule_fails_on_a_row_that_breaks_it():
    entities = _frame(ARTICLE_ENTITIES, [{"article_id": "a", "entity_id": "e1", "name": "Gondor"}])
    assert checks.event_entities_exist(events=_events(source_entity_id="e1"), article_entities=entities).passed
    assert not checks.event_entities_exist(events=_events(source_entity_id="e9"), article_entities=entities).passed
    assert checks.event_codes_known(events=_events(cameo_code="112")).passed
    assert not checks.event_codes_known(events=_events(cameo_code="999")).passed
    assert checks.goldstein_in_range(events=_events(goldstein=-2.0)).passed
    assert not checks.goldstein_in_range(events=_events(goldstein=11.0)).passed
    published = RAW.with_columns(pl.lit(dt.date(2020, 9, 27)).alias("published_date"))
    assert checks.event_dates_plausible(events=_events(event_date=dt.date(2020, 9, 1)), raw_articles=published).passed
    assert not checks.event_dates_plausible(
        events=_events(event_date=dt.date(2031, 1, 1)), raw_articles=published
    ).passed


@pytest.mark.slow  # a whole batch run
def test_a_batch_whose_sentence_offsets_are_wrong_is_not_published(tmp_path, monkeypatch):
    project = Project(tmp_path, tmp_path / "seeds", tmp_path / "wh" / "news.duckdb", {})
    project.add_seed("good.txt")
    from newsfacts.text import sentences as sentence_rows

    real = sentence_rows.split_articles

    def shifted(*args, **kwargs):  # every sentence one character off: a bug in the offsets code
        return [r.__class__(**{**r.__dict__, "char_start": r.char_start + 1}) for r in real(*args, **kwargs)]

    monkeypatch.setattr(sentence_rows, "split_articles", shifted)
    settings = Settings(project.seeds, project.warehouse, tmp_path / "home")
    batch = plan_batches(settings.seeds_dir, WarehouseLayout.at(settings.warehouse), pipeline_version(), 10).created[0]
    job = build_definitions(settings).resolve_job_def(ingest_batch_job.name)
    with dg.instance_for_test() as instance:
        instance.add_dynamic_partitions("ingest_batches", [batch.batch])
        result = job.execute_in_process(partition_key=batch.batch, instance=instance, raise_on_error=False)
    evaluations = [e for e in result.get_asset_check_evaluations() if e.check_name == "offsets_match_source"]
    assert [(e.asset_key.to_user_string(), e.passed) for e in evaluations] == [("sentences", False)]
    assert not result.success
    assert not project.warehouse.exists() or project.sql("SELECT count(*) FROM articles") == [(0,)]
