"""Telling a full disk from other failures, and saying where it is.

A full disk surfaces as whatever the writer says: `OSError` ENOSPC from a Parquet
write, DuckDB's "No space left on device", SQLite's "database or disk is full"
or, as often, its bare "disk I/O error" (from Dagster's run storage). The
first kinds say it plainly; a bare I/O error counts as a full disk only when
one of the folders the run writes has (almost) no space left.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path

_FULL = (
    "no space left on device",
    "database or disk is full",
    "disk quota exceeded",
    "os error 28",
    "errno 28",
    "errno 122",
)
_IO = ("disk i/o error", "i/o error", "input/output error")
# Below this a folder's disk is taken for full: a run's next write (a batch file, a journal) needs more.
LOW_FREE_BYTES = 1 << 20


def _texts(error: BaseException | str) -> Iterator[str]:
    """The error's message and those of the errors it was raised from."""
    if isinstance(error, str):
        yield error
        return
    seen: set[int] = set()
    e: BaseException | None = error
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        if isinstance(e, OSError) and e.errno in (errno.ENOSPC, errno.EDQUOT):
            yield "no space left on device"
        yield str(e)
        e = e.__cause__ or e.__context__


def _existing(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def _size_text(n: int) -> str:
    for unit, size in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= size:
            return f"{n / size:.1f} {unit}"
    return f"{n} bytes"


def disk_full_reason(error: BaseException | str, places: Mapping[str, Path]) -> str | None:
    """A sentence naming the full disk, or None when the error is not (recognisably) a full disk.

    `places` maps what is written ("the warehouse", "Dagster's run history") to its folder."""
    text = " ".join(_texts(error)).lower()
    sure = any(w in text for w in _FULL)
    if not sure and not any(w in text for w in _IO):
        return None
    disks: dict[int, tuple[Path, int, list[str]]] = {}  # device -> (a folder, free bytes, what it holds)
    for what, folder in places.items():
        try:
            existing = _existing(Path(folder))
            dev, free = os.stat(existing).st_dev, shutil.disk_usage(existing).free
        except OSError:
            continue
        disks.setdefault(dev, (Path(folder), free, []))[2].append(what)
    if not disks:
        return "the disk is full (no space left on device)" if sure else None
    folder, free, holds = min(disks.values(), key=lambda d: d[1])
    if not sure and free >= LOW_FREE_BYTES:
        return None
    return (
        f"the disk is full: {_size_text(free)} free on the disk of {folder} ({', '.join(holds)}); "
        f"free some space and run again (published batches are kept)"
    )
