"""Warehouse: the batch files beside the DuckDB file (layout, Parquet, manifests, failure files,
locks), publishing a batch into DuckDB in one transaction, and the SQL views. May import every
layer below it (events, entities, nlp, ingest, text) and the bottom layer."""
