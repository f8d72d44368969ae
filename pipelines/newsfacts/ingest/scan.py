"""The seeds folder as a list of article files (and containers of articles) with what `stat` says of them."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from newsfacts.ingest.kinds import input_kind


@dataclass(frozen=True)
class SourceFile:
    """A file to read, or a record of a container file (then `size` and `mtime_ns` are the container's,
    and `sha256` the record's, known from reading the container)."""

    path: str  # relative to the seeds folder, "/" separated; a record's is `container#key`
    size: int
    mtime_ns: int
    container: str | None = None
    record_key: str | None = None
    sha256: str | None = None


def article_id_for(path: str) -> str:
    """Stable id of an article: the same relative path gives the same id on any machine."""
    return hashlib.sha256(path.encode("utf-8")).hexdigest()[:16]


def _is_article_name(name: str) -> bool:
    return not name.startswith(".") and input_kind(name) is not None


def scan_seeds(
    seeds_dir: Path, unnamed: list[str] | None = None, never_articles: Iterable[Path] = ()
) -> list[SourceFile]:
    """Every file below seeds_dir of a kind newsfacts reads (ingest/kinds.py), sorted by path; hidden
    files and folders are skipped (editors and sync tools keep their temporary copies there). Files
    whose names are not valid UTF-8 cannot be stored as paths: they are left out and listed in
    `unnamed`, escaped. `never_articles`: files and folders the pipeline writes (the warehouse, its
    batch files, the Dagster home, the report), left out wherever they lie, so a warehouse kept inside
    the seeds folder never reads its own output.

    Everything named like an article is listed, whatever it is (a pipe, a link, a folder named
    `x.txt`): reading refuses what is not an article file, with a reason. `stat` never opens a
    file, so listing cannot block. Linked folders are not walked."""
    seeds_dir = Path(seeds_dir)
    if not seeds_dir.is_dir():
        raise FileNotFoundError(f"seeds folder not found: {seeds_dir}")
    found = []
    own = _inside(seeds_dir, never_articles)
    for root, dirs, names in os.walk(seeds_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and os.path.join(root, d) not in own)
        for name in [*names, *dirs]:
            if not _is_article_name(name):
                continue
            full = os.path.join(root, name)
            if full in own:
                continue
            try:
                st = _stat(full)
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


def _inside(seeds_dir: Path, paths: Iterable[Path]) -> set[str]:
    """The paths that lie below seeds_dir, spelled as os.walk will spell them (from seeds_dir as given)."""
    real_seeds = Path(os.path.realpath(seeds_dir))
    out = set()
    for p in paths:
        try:
            rel = Path(os.path.realpath(p)).relative_to(real_seeds)
        except ValueError:
            continue  # elsewhere: nothing to leave out
        if rel.parts:
            out.add(os.path.join(seeds_dir, *rel.parts))
    return out


def _stat(path: str) -> os.stat_result:
    """What a link leads to (its size and time say when the article changed), else the entry itself
    (a broken link or a loop is still listed, to be reported)."""
    try:
        return os.stat(path)
    except OSError:
        return os.lstat(path)
