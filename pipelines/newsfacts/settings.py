"""Where things are: seeds, warehouse, Dagster home. Defaults live in the project."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from newsfacts.dictionaries.options import CodingOptions
from newsfacts.dictionaries.sets import DEFAULT as DEFAULT_DICTIONARIES
from newsfacts.dictionaries.sets import folders_from_env
from newsfacts.ingest.reading import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from newsfacts.warehouse.layout import WarehouseLayout

_PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_BATCH_SIZE = 500
AS_OF_ENV_VAR = "NEWSFACTS_AS_OF"
MIN_CONFIDENCE_ENV_VAR = "NEWSFACTS_MIN_CONFIDENCE"
# The counting views, the report and the exports count events at or above this confidence. Chosen by
# measurement (docs/evaluation.md): on judged events, out of fold, it keeps the events a coder judged
# real (1.00) and fully right (0.61) where 0.4 keeps 0.97 and 0.59, at a seventh of all coded events.
DEFAULT_MIN_CONFIDENCE = 0.5


def parse_min_confidence(text: str) -> float:
    """A --min-confidence value: a number from 0 to 1."""
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"--min-confidence takes a number from 0 to 1, not {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"--min-confidence takes a number from 0 to 1, not {text!r}")
    return value


def project_root() -> Path:
    """The checkout the package runs from, else the working directory."""
    root = _PACKAGE_DIR.parents[1]
    return root if (root / "pyproject.toml").is_file() else Path.cwd()


def sql_dir() -> Path:
    for candidate in (project_root() / "sql", _PACKAGE_DIR / "_data" / "sql"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("newsfacts views not found: expected sql/ in the project")


@dataclass(frozen=True)
class Settings:
    seeds_dir: Path
    warehouse: Path
    dagster_home: Path
    batch_size: int = DEFAULT_BATCH_SIZE
    max_article_bytes: int = DEFAULT_MAX_BYTES
    # Dictionary folders in merge order; `default` is the shipped set.
    dictionaries: tuple[str, ...] = (DEFAULT_DICTIONARIES,)
    # The batch files' root when not beside the warehouse: a folder or an fsspec URL (s3://bucket/prefix).
    batch_root: str | None = None
    # The date undated articles are coded as of, as given (--as-of, else $NEWSFACTS_AS_OF: YYYY-MM-DD or
    # `none`); None when not given: the warehouse's recorded one (orchestration.resolve_as_of).
    as_of: str | None = None
    coding: CodingOptions = CodingOptions()
    # The confidence an event needs to be counted by the views, the report and the exports (--min-confidence,
    # else $NEWSFACTS_MIN_CONFIDENCE, else DEFAULT_MIN_CONFIDENCE); `events` keeps every event whatever it is.
    min_confidence: float = DEFAULT_MIN_CONFIDENCE

    @property
    def layout(self) -> WarehouseLayout:
        from newsfacts.warehouse.layout import WarehouseLayout  # with Polars and fsspec: not for every command

        return WarehouseLayout.at(self.warehouse, self.batch_root)

    @classmethod
    def from_env(
        cls,
        seeds_dir: str | Path | None = None,
        warehouse: str | Path | None = None,
        batch_size: int | None = None,
        dictionaries: list[str] | None = None,
        as_of: str | None = None,
        min_confidence: float | None = None,
    ) -> Settings:
        """Explicit arguments, else NEWSFACTS_* environment variables, else the project defaults."""
        root = project_root()
        seeds = seeds_dir or os.environ.get("NEWSFACTS_SEEDS_DIR") or root / "seeds"
        wh = warehouse or os.environ.get("NEWSFACTS_WAREHOUSE") or root / "warehouse" / "newsfacts.duckdb"
        # One Dagster instance per warehouse: its batches are that warehouse's partitions.
        home = os.environ.get("DAGSTER_HOME") or _dagster_home_of(wh)
        size = batch_size or int(os.environ.get("NEWSFACTS_BATCH_SIZE", DEFAULT_BATCH_SIZE))
        max_bytes = int(os.environ.get("NEWSFACTS_MAX_ARTICLE_BYTES", DEFAULT_MAX_BYTES))
        folders = tuple(
            f if f == DEFAULT_DICTIONARIES else str(Path(f).expanduser().resolve())
            for f in folders_from_env(dictionaries)
        )
        return cls(
            Path(seeds).expanduser().resolve(),
            Path(wh).expanduser().resolve(),
            Path(home).expanduser().resolve(),
            size,
            max_bytes,
            folders,
            os.environ.get("NEWSFACTS_BATCH_ROOT") or None,
            as_of if as_of is not None else os.environ.get(AS_OF_ENV_VAR) or None,
            CodingOptions.from_env(),
            min_confidence if min_confidence is not None else _min_confidence_from_env(),
        )


def _min_confidence_from_env() -> float:
    text = os.environ.get(MIN_CONFIDENCE_ENV_VAR)
    if not text:
        return DEFAULT_MIN_CONFIDENCE
    try:
        return parse_min_confidence(text)
    except ValueError as e:
        raise ValueError(f"${MIN_CONFIDENCE_ENV_VAR}: {e}") from None


def _dagster_home_of(warehouse: str | Path) -> Path:
    from newsfacts.warehouse.layout import WarehouseLayout

    return WarehouseLayout.at(warehouse).dagster_home
