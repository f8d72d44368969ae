import dagster as dg

# One partition per ingest batch (a bounded set of new or changed files), never one per
# article: the partition count grows with batches, which keeps the UI fast at 100k articles.
ingest_batches = dg.DynamicPartitionsDefinition(name="ingest_batches")
