import dagster as dg

# One partition per ingest batch (a bounded set of new or changed files), never one per
# article: the partition count grows with batches, which keeps the UI fast at 100k articles.
INGEST_BATCHES = "ingest_batches"  # the name, for the instance's calls that take one (Dagster types .name Optional)
ingest_batches = dg.DynamicPartitionsDefinition(name=INGEST_BATCHES)
