import dagster as dg

from newsfacts.defs.entity_assets import mentions_and_entities, tokens_and_ner_spans
from newsfacts.defs.event_assets import events_and_quotes
from newsfacts.defs.ingest_assets import raw_articles, sentences
from newsfacts.defs.warehouse_assets import published_batch, warehouse_views

# Every per-batch asset, in lineage order; a new layer adds its assets here.
BATCH_ASSETS = [
    raw_articles,
    sentences,
    tokens_and_ner_spans,
    mentions_and_entities,
    events_and_quotes,
    published_batch,
]

# One process per run: the spaCy model loads once and steps hand frames over without copies.
ingest_batch_job = dg.define_asset_job(
    "ingest_batch",
    selection=dg.AssetSelection.assets(*BATCH_ASSETS),
    executor_def=dg.in_process_executor,
    description="Process one ingest batch: read, clean, split, parse, code and publish its articles.",
)

refresh_views_job = dg.define_asset_job(
    "refresh_views",
    selection=dg.AssetSelection.assets(warehouse_views),
    executor_def=dg.in_process_executor,
    description="(Re)create the SQL views in sql/ in the warehouse.",
)
