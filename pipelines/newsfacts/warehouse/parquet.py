"""Parquet files written so that a reader never sees half of one."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path

import polars as pl

from newsfacts.warehouse.diskspace import LOW_FREE_BYTES


def write_atomic(frame: pl.DataFrame, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        frame.write_parquet(tmp, compression="zstd", statistics=True)
        os.replace(tmp, path)
    except BaseException as e:
        # Polars may report a full disk as a broken file ("Invalid thrift: transport error"): say what it
        # is (measured before the half-written file is removed and frees its space).
        full = isinstance(e, Exception) and shutil.disk_usage(path.parent).free < LOW_FREE_BYTES
        Path(tmp).unlink(missing_ok=True)
        if full:  # raised alone, so whoever reports the failure reports this, not polars' words
            raise OSError(errno.ENOSPC, f"No space left on device writing {path} ({e})") from None
        raise


def write_text_atomic(text: str, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
