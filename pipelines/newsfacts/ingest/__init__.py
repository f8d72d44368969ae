"""Ingest: scanning the seeds folder, planning which files and container records changed, opening only
regular files, decoding them and their front matter, extracting pages (trafilatura) and reading
WARC, JSONL, CSV, Parquet and feed records into raw_articles rows; near-copy signatures. May import
text and the bottom layer."""
