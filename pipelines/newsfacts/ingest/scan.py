"""The seeds folder as a list of article files with what `stat` says of them."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

ARTICLE_SUFFIX = ".txt"


@dataclass(frozen=True)
class SourceFile:
    path: str  # relative to the seeds folder, "/" separated
    size: int
    mtime_ns: int


def article_id_for(path: str) -> str:
    """Stable id of an article: the same relative path gives the same id on any machine."""
    return hashlib.sha256(path.encode("utf-8")).hexdigest()[:16]


def scan_seeds(seeds_dir: Path, unnamed: list[str] | None = None) -> list[SourceFile]:
    """Every *.txt below seeds_dir, sorted by path; hidden files and folders are skipped
    (editors and sync tools keep their temporary copies there). Files whose names are not valid
    UTF-8 cannot be stored as paths: they are left out and listed in `unnamed`, escaped."""
    seeds_dir = Path(seeds_dir)
    if not seeds_dir.is_dir():
        raise FileNotFoundError(f"seeds folder not found: {seeds_dir}")
    found = []
    for root, dirs, names in os.walk(seeds_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            if name.startswith(".") or not name.lower().endswith(ARTICLE_SUFFIX):
                continue
            full = os.path.join(root, name)
            try:
                st = os.stat(full)
            except OSError:
                continue  # vanished between listing and stat: it is simply not there
            rel = os.path.relpath(full, seeds_dir).replace(os.sep, "/")
            try:
                rel.encode("utf-8")
            except UnicodeEncodeError:
                if unnamed is not None:
                    unnamed.append(rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace"))
                continue
            found.append(SourceFile(rel, st.st_size, st.st_mtime_ns))
    found.sort(key=lambda f: f.path)
    return found


def hash_file(path: Path) -> str | None:
    """SHA-256 of a file's bytes, or None when it cannot be read."""
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return None
    return h.hexdigest()
