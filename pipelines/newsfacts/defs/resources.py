"""Resources: the warehouse files and seeds folder, and the NLP models."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from newsfacts.ingest.reading import DEFAULT_MAX_BYTES
from newsfacts.nlp.model import sentence_pipeline
from newsfacts.settings import DEFAULT_BATCH_SIZE
from newsfacts.text.segmentation import SentenceSplitter
from newsfacts.warehouse.layout import WarehouseLayout


class WarehouseResource(dg.ConfigurableResource):
    """The DuckDB warehouse file, its batch files beside it, and the seeds folder it mirrors."""

    duckdb_path: str
    seeds_dir: str
    batch_size: int = DEFAULT_BATCH_SIZE
    max_article_bytes: int = DEFAULT_MAX_BYTES

    @property
    def layout(self) -> WarehouseLayout:
        return WarehouseLayout.at(self.duckdb_path)

    @property
    def seeds_path(self) -> Path:
        return Path(self.seeds_dir)


class NlpResource(dg.ConfigurableResource):
    """spaCy settings: how many texts per batch, and processes to spread a large batch over."""

    batch_size: int = 256

    def sentence_splitter(self) -> SentenceSplitter:
        return SentenceSplitter(sentence_pipeline(), batch_size=self.batch_size)
