"""Data built from files once and kept, pickled, between runs and warehouses.

The gazetteer, the geocoder's index and a parsed dictionary set each take
seconds to build and are the same in every run until their inputs change. They
are kept in one folder per machine (like spaCy's or pip's caches): a new
warehouse, a test's temporary one or a one-article run does not pay the build
again. Each file is named by a digest of everything its content comes from (the
input files, the source of the code that builds it, the versions of the
libraries it calls), so a change to any of them builds a new one; nothing is
ever read stale.

Where: `$NEWSFACTS_CACHE_DIR`, else `$XDG_CACHE_HOME/newsfacts`, else
`~/.cache/newsfacts`. Deleting the folder is always safe. When it cannot be
written, the data is built every time, and the run is only slower.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import importlib.metadata
import os
import pickle
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType
from typing import TypeVar

T = TypeVar("T")
ENV_VAR = "NEWSFACTS_CACHE_DIR"


def cache_dir() -> Path:
    explicit = os.environ.get(ENV_VAR)
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base).expanduser() / "newsfacts"


def source_of(*modules: ModuleType) -> list[bytes]:
    """The source bytes of modules, as cache-key parts: changing the code builds anew."""
    return [Path(m.__file__).read_bytes() for m in modules if m.__file__]


def package_versions(*names: str) -> list[str]:
    """`name==version` of installed packages (`name-missing` for one that is not), as key parts."""
    return [_package_version(n) for n in names]


def _package_version(name: str) -> str:
    try:
        return f"{name}=={importlib.metadata.version(name)}"
    except importlib.metadata.PackageNotFoundError:
        return f"{name}-missing"


def cache_key(name: str, parts: Iterable[bytes | str | Path]) -> str:
    h = hashlib.sha256(f"{name}\0python {sys.version_info[:2]}\0".encode())
    for part in parts:
        data = part.read_bytes() if isinstance(part, Path) else part.encode() if isinstance(part, str) else part
        h.update(hashlib.sha256(data).digest())
    return h.hexdigest()[:32]


def long_lived(build: Callable[[], T]) -> T:
    """`build()`, for data a process keeps to its end: built without the cyclic garbage collector,
    which would walk the new objects again and again while they are made (most of the time of
    building them), and then set aside from every later collection (`gc.freeze`)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        value = build()
    finally:
        if enabled:
            gc.enable()
    gc.freeze()
    return value


def cached(name: str, parts: Iterable[bytes | str | Path], build: Callable[[], T], folder: Path | None = None) -> T:
    """`build()`, or the value it built last time from the same parts; long-lived (see above)."""
    path = (folder or cache_dir()) / f"{name}-{cache_key(name, parts)}.pickle"
    return long_lived(lambda: _read_or_build(path, build))


def _read_or_build(path: Path, build: Callable[[], T]) -> T:
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except Exception:  # missing; or damaged, foreign: built again over it
        pass
    value = build()
    _write(path, value)
    return value


def _write(path: Path, value: object) -> None:
    tmp = path.with_name(f"{path.name}.tmp{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as out:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # whole or not at all, also against a run writing the same file
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
