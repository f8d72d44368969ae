"""Container files as records for planning: each record is planned like a file of its own, its path
`container#key`, its hash that of its bytes. A container whose size and time have not moved since
its records were published is not opened: its records are those published."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from newsfacts.ingest.containers import Container, ContainerRejected, Record, open_container
from newsfacts.ingest.files import Refused, open_article
from newsfacts.ingest.kinds import input_kind, is_container, record_path
from newsfacts.ingest.planning import PublishedFile
from newsfacts.ingest.records import ColumnNames
from newsfacts.ingest.scan import SourceFile


def unique_keys(records: Iterable[Record]) -> Iterator[Record]:
    """Records with keys made unique in container order (a feed that repeats an entry id, a WARC
    that repeats a record id): the second is `key~2`, and so on."""
    seen: dict[str, int] = {}
    for rec in records:
        n = seen.get(rec.key, 0) + 1
        seen[rec.key] = n
        yield rec if n == 1 else replace(rec, key=f"{rec.key}~{n}")


def container_records(container: Container) -> Iterator[Record]:
    """Every record of a container, one at a time, keys made unique; ContainerRejected when it
    holds none as a whole."""
    return unique_keys(container.records())


def record_hashes(seeds_dir: Path, path: str, columns: ColumnNames) -> dict[str, str] | None:
    """key -> SHA-256 of every record of the container at `path`, None when it cannot be read as one."""
    kind = input_kind(path)
    try:
        with open_article(seeds_dir, path) as (fd, _):
            container = open_container(kind, path, fd, columns) if kind else None
            if container is None:
                return None
            return {r.key: r.sha256 for r in container_records(container)}
    except (Refused, OSError, ContainerRejected):
        return None


def expand_containers(
    seeds_dir: Path, files: Iterable[SourceFile], published: dict[str, PublishedFile], columns: ColumnNames
) -> list[SourceFile]:
    """The files with every container replaced by its records (or kept whole when it cannot be read
    as one: reading then rejects it with the reason)."""
    by_container: dict[str, list[PublishedFile]] = defaultdict(list)
    for p in published.values():
        if p.container:
            by_container[p.container].append(p)
    out: list[SourceFile] = []
    for f in files:
        if not is_container(input_kind(f.path)):
            out.append(f)
            continue
        known = by_container.get(f.path, [])
        if known and all((p.file_size, p.file_mtime_ns) == (f.size, f.mtime_ns) for p in known):
            out.extend(SourceFile(p.path, f.size, f.mtime_ns, f.path, p.record_key, p.content_sha256) for p in known)
            continue
        hashes = record_hashes(seeds_dir, f.path, columns)
        if not hashes:
            out.append(f)
            continue
        out.extend(
            SourceFile(record_path(f.path, key), f.size, f.mtime_ns, f.path, key, sha) for key, sha in hashes.items()
        )
    return sorted(out, key=lambda s: s.path)
