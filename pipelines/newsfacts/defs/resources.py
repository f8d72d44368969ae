"""Resources: the warehouse files and seeds folder, and the NLP models."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import dagster as dg

from newsfacts.dictionaries.options import CodingOptions
from newsfacts.dictionaries.sets import DEFAULT as DEFAULT_DICTIONARIES
from newsfacts.dictionaries.sets import DictionarySet, SetDescription, SetReport, describe, load, load_report
from newsfacts.events.batch_coding import DictionaryChoice
from newsfacts.forkserver import start_forkserver
from newsfacts.ingest.reading import DEFAULT_MAX_BYTES
from newsfacts.nlp.workers import split_in_workers
from newsfacts.settings import DEFAULT_BATCH_SIZE, DEFAULT_MIN_CONFIDENCE
from newsfacts.warehouse.layout import WarehouseLayout


class WarehouseResource(dg.ConfigurableResource):
    """The DuckDB warehouse file, its batch files beside it, and the seeds folder it mirrors."""

    duckdb_path: str
    seeds_dir: str
    batch_size: int = DEFAULT_BATCH_SIZE
    max_article_bytes: int = DEFAULT_MAX_BYTES
    # The batch files' root when not beside the DuckDB file: a folder or an fsspec URL (s3://...).
    batch_root: str | None = None
    # --as-of as given (Settings.as_of): the planner resolves it, the batches read theirs from the manifest.
    as_of: str | None = None
    # The confidence an event needs to be counted by the views, the report and the exports (--min-confidence).
    min_confidence: float = DEFAULT_MIN_CONFIDENCE

    @property
    def layout(self) -> WarehouseLayout:
        return WarehouseLayout.at(self.duckdb_path, self.batch_root)

    @property
    def seeds_path(self) -> Path:
        return Path(self.seeds_dir)


class NlpResource(dg.ConfigurableResource):
    """spaCy settings: texts per nlp.pipe batch, and how many parse worker processes a batch gets."""

    batch_size: int = 256
    # 0: two workers when a batch has enough sentences to keep both busy, else one.
    n_process: int = 0
    min_sentences_per_process: int = 150

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        # The run's first step then finds the models loading or loaded, in the forkserver every worker
        # of the run is forked from (coding workers too: started first by them, it would preload none).
        start_forkserver()

    def split_paragraphs(self, paragraphs: Iterable[str]) -> Iterator[list[tuple[int, int]]]:
        """Sentence spans of each paragraph, split in worker processes (see nlp/workers.py)."""
        return iter(split_in_workers(list(paragraphs), self.max_processes, self.batch_size))

    @property
    def max_processes(self) -> int:
        return self.n_process or min(os.cpu_count() or 1, 2)

    def processes_for(self, n_sentences: int) -> int:
        if self.n_process:
            return self.n_process
        return max(1, min(self.max_processes, n_sentences // self.min_sentences_per_process))


class DictionariesResource(dg.ConfigurableResource):
    """The dictionary set the coder reads: folders in merge order (`default` is the shipped set), and
    where its parsed form is cached (None: the machine's cache folder, see newsfacts.caching)."""

    folders: list[str] = [DEFAULT_DICTIONARIES]
    cache_dir: str | None = None
    # How it codes (see newsfacts.dictionaries.options): PETRARCH's grammar, the project's PLOVER readings.
    petrarch_compat: bool = False
    plover_readings: bool = True

    def description(self) -> SetDescription:
        return describe(self.folders)

    def load(self) -> DictionarySet:
        """The loaded set, once per process while its files stay the same."""
        return _load_set(tuple(self.folders), self.cache_dir, self.description().digest)

    def report(self) -> SetReport:
        """What is said of the set (records, metadata), without loading it: the coding workers do."""
        return _load_report(tuple(self.folders), self.cache_dir, self.description().digest)

    def choice(self) -> DictionaryChoice:
        """The set as the coding workers are told of it."""
        options = CodingOptions(self.petrarch_compat, self.plover_readings)
        return DictionaryChoice(tuple(self.folders), self.cache_dir, self.description().digest, options)


@lru_cache(maxsize=2)
def _load_set(folders: tuple[str, ...], cache_dir: str | None, digest: str) -> DictionarySet:
    return load(folders, Path(cache_dir) if cache_dir else None)


@lru_cache(maxsize=2)
def _load_report(folders: tuple[str, ...], cache_dir: str | None, digest: str) -> SetReport:
    return load_report(folders, Path(cache_dir) if cache_dir else None)
