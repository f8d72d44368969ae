"""newsfacts: news articles to a DuckDB warehouse of who did what to whom, when and where.

The package is layered; a module imports its own layer and those below it, never one above
(tests/test_import_layers.py checks it). Bottom first:

- `contract/`, `dictionaries/`, `caching.py`, `lexicon_files.py`, `processes.py`, `worker_pool.py`,
  `forkserver.py`: what every layer may use (relation schemas, failure records, dictionary and
  lexicon files, the built-data cache, worker processes and the forkserver they are forked from).
- `text/` -> `ingest/` -> `nlp/` -> `entities/` -> `events/` -> `warehouse/`: the layers, plain
  Python over strings and Polars frames, no Dagster.
- `orchestration.py`, `versions.py`, `settings.py`, `quality.py`: planning batches, code versions,
  paths and options, the dev-set scores.
- `defs/`: the Dagster assets, checks, sensor and resources that wire the layers.
- `cli.py`, `definitions.py`: the command line and Dagster's entry point.
"""

from importlib.metadata import version as _v

__version__ = _v("newsfacts")
