"""Ingest: scanning the seeds folder, planning which files changed, opening only regular files,
decoding them and their front matter into raw_articles rows. May import text and the bottom layer."""
