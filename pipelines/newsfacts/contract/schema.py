"""Column schemas of the batch frames and of the DuckDB tables built from them.

One definition serves both: Polars frames are cast to it before they are
written, and the DuckDB tables are created from it, so the two never drift.
The relations themselves are data, in relations.yaml beside this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import polars as pl
import yaml

from newsfacts.contract import values

_POLARS = {
    "VARCHAR": pl.Utf8,
    "INTEGER": pl.Int32,
    "BIGINT": pl.Int64,
    "DOUBLE": pl.Float64,
    "DATE": pl.Date,
    "BOOLEAN": pl.Boolean,
    "BLOB": pl.Binary,
}


@dataclass(frozen=True)
class Column:
    name: str
    sql_type: str
    description: str = ""
    values: type[StrEnum] | None = None  # the closed set of strings it holds (nulls aside)

    @property
    def polars_type(self):
        return _POLARS[self.sql_type]


@dataclass(frozen=True)
class TableSchema:
    name: str
    columns: tuple[Column, ...]
    sort_by: tuple[str, ...]
    description: str = ""

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def polars_schema(self) -> dict:
        return {c.name: c.polars_type for c in self.columns}

    def empty(self) -> pl.DataFrame:
        return pl.DataFrame(schema=self.polars_schema)

    def conform(self, frame: pl.DataFrame) -> pl.DataFrame:
        """Columns in schema order and type, rows in a stable order."""
        missing = [c for c in self.names if c not in frame.columns]
        if missing:
            raise ValueError(f"{self.name}: frame lacks columns {missing}")
        out = frame.select([pl.col(c.name).cast(c.polars_type) for c in self.columns])
        for c in self.columns:
            if c.values is not None:
                seen = out.get_column(c.name).drop_nulls().unique()
                unknown = seen.filter(~seen.is_in([v.value for v in c.values]))
                if len(unknown):
                    raise ValueError(f"{self.name}.{c.name}: {sorted(unknown.to_list())} not in {c.values.__name__}")
        return out.sort(list(self.sort_by), nulls_last=True, maintain_order=True) if self.sort_by else out

    def joined(self, frames: list[pl.DataFrame]) -> pl.DataFrame:
        """The frames end to end, conformed (empty if none)."""
        return self.conform(pl.concat(frames, how="vertical")) if frames else self.empty()

    def ddl(self) -> str:
        cols = ",\n  ".join(f'"{c.name}" {c.sql_type}' for c in self.columns)
        return f'CREATE TABLE IF NOT EXISTS "{self.name}" (\n  {cols}\n)'


RELATIONS_FILE = Path(__file__).with_name("relations.yaml")


def _column(spec: dict) -> Column:
    closed = getattr(values, spec["values"]) if "values" in spec else None
    return Column(spec["name"], spec["type"], spec.get("description", ""), closed)


def load_relations(path: Path = RELATIONS_FILE) -> dict[str, TableSchema]:
    """Every relation of the file, by name, in the file's order."""
    # libyaml's loader where PyYAML has it: the pure-Python one is a fifth of a second of every start.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    return {
        name: TableSchema(name, tuple(_column(c) for c in spec["columns"]), tuple(spec["sort_by"]), spec["description"])
        for name, spec in data.items()
    }


RELATIONS = load_relations()
(RAW_ARTICLES, ARTICLES, REJECTED_ARTICLES, ARTICLE_TEXTS, SENTENCES, INGEST_BATCHES) = (
    RELATIONS[name]
    for name in ("raw_articles", "articles", "rejected_articles", "article_texts", "sentences", "ingest_batches")
)
(DICTIONARY_SETS, DICTIONARY_PROBLEMS) = (
    RELATIONS[name]
    for name in (
        "dictionary_sets",
        "dictionary_problems",
    )
)
(TOKENS, NER_SPANS, ENTITY_MENTIONS, ARTICLE_ENTITIES, EVENTS, QUOTES) = (
    RELATIONS[name] for name in ("tokens", "ner_spans", "entity_mentions", "article_entities", "events", "quotes")
)


class RowFrames:
    """Rows of a schema, given as dicts, kept as frames of `every` rows: a very long article's rows are
    held as compact columns, not as a dict of Python objects each (~1 KB an event)."""

    def __init__(self, schema: TableSchema, every: int = 5_000):
        self.schema, self.every = schema, every
        self.rows: list[dict] = []
        self.done: list[pl.DataFrame] = []

    def append(self, row: dict) -> None:
        self.rows.append(row)
        if len(self.rows) >= self.every:
            self._flush()

    def _flush(self) -> None:
        if self.rows:
            self.done.append(pl.DataFrame(self.rows, schema=self.schema.polars_schema))
            self.rows = []

    def frames(self) -> list[pl.DataFrame]:
        self._flush()
        return self.done
