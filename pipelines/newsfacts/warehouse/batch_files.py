"""The batch files (Parquet, manifests, failure files, dictionary records) under one root.

The root is a local folder (the default: <warehouse>_batches beside the DuckDB file) or an fsspec URL
(`s3://bucket/prefix`, `gs://...`, `memory://...`) that workers on several machines share. Keys are
relative paths with `/` (`parquet/sentences/<batch>.parquet`). Locally a file is written to a temporary
name and renamed (a reader never sees half of one); an object store makes an object visible whole when
its upload closes, so there it is written in place.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import BinaryIO

import fsspec
import polars as pl
from fsspec.core import url_to_fs

from newsfacts.warehouse.parquet import write_atomic, write_text_atomic


def is_url(root: str | Path) -> bool:
    return "://" in str(root)


def manifest_key(batch: str) -> str:
    return f"manifests/{batch}.json"


def parquet_key(asset: str, batch: str) -> str:
    return f"parquet/{asset}/{batch}.parquet"


def failures_key(layer: str, batch: str) -> str:
    return f"failures/{layer}/{batch}.parquet"


def dictionary_record_key(batch: str) -> str:
    return f"dictionaries/{batch}.json"


@dataclass(frozen=True)
class BatchFiles:
    root: str

    @cached_property
    def _fs(self) -> tuple[fsspec.AbstractFileSystem, str]:
        return url_to_fs(self.root)

    @property
    def is_local(self) -> bool:
        return not is_url(self.root)

    def location(self, key: str) -> str:
        """Where a key is, for messages and metadata: a local path or a URL."""
        return str(Path(self.root) / key) if self.is_local else f"{self.root.rstrip('/')}/{key}"

    def _remote(self, key: str) -> str:
        fs, base = self._fs
        return f"{base.rstrip('/')}/{key}"

    def exists(self, key: str) -> bool:
        if self.is_local:
            return (Path(self.root) / key).exists()
        fs, _ = self._fs
        return fs.exists(self._remote(key))

    def _create(self, key: str) -> BinaryIO:
        """A remote file opened for writing; the store shows it whole once closed."""
        fs, _ = self._fs
        path = self._remote(key)
        fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
        return fs.open(path, "wb")

    def write_frame(self, frame: pl.DataFrame, key: str) -> None:
        if self.is_local:
            write_atomic(frame, Path(self.root) / key)
            return
        with self._create(key) as f:
            frame.write_parquet(f, compression="zstd", statistics=True)

    def read_frame(self, key: str, columns: list[str] | None = None) -> pl.DataFrame:
        if self.is_local:
            return pl.read_parquet(Path(self.root) / key, columns=columns)
        fs, _ = self._fs
        with fs.open(self._remote(key), "rb") as f:
            return pl.read_parquet(f, columns=columns)

    def write_text(self, text: str, key: str) -> None:
        if self.is_local:
            write_text_atomic(text, Path(self.root) / key)
            return
        with self._create(key) as f:
            f.write(text.encode("utf-8"))

    def read_text(self, key: str) -> str:
        """The file's text; FileNotFoundError when it is not there."""
        if self.is_local:
            return (Path(self.root) / key).read_text(encoding="utf-8")
        fs, _ = self._fs
        return fs.cat_file(self._remote(key)).decode("utf-8")

    def read_json(self, key: str) -> dict | None:
        """The parsed JSON file, None when it is not there."""
        try:
            return json.loads(self.read_text(key))
        except FileNotFoundError:
            return None

    def glob(self, pattern: str) -> list[str]:
        """Keys matching a glob pattern relative to the root, sorted."""
        if self.is_local:
            root = Path(self.root)
            return sorted(p.relative_to(root).as_posix() for p in root.glob(pattern))
        fs, base = self._fs
        prefix = base.rstrip("/") + "/"
        return sorted(str(p).removeprefix(prefix).removeprefix("/" + prefix) for p in fs.glob(prefix + pattern))

    def move(self, key: str, new_key: str) -> None:
        """Move a file or folder (manifests retired when their warehouse file is gone)."""
        if self.is_local:
            (Path(self.root) / key).rename(Path(self.root) / new_key)
            return
        fs, _ = self._fs
        fs.mv(self._remote(key), self._remote(new_key), recursive=True)
