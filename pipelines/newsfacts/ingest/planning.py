"""What an ingest run has to do: compare the seeds folder with what is published.

A file is new, changed (other bytes, another duplicate status, or built by
older pipeline code), unchanged, or deleted. Unchanged files cost a `stat`
and nothing else: they are hashed only when size or modification time moved.
Work is cut into batches of a bounded size; each batch is one Dagster
partition.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import asdict, dataclass, field

from newsfacts.ingest.scan import SourceFile, article_id_for


@dataclass(frozen=True)
class PublishedFile:
    """What the warehouse holds for a path, ingested or rejected."""

    path: str
    content_sha256: str | None
    file_size: int | None
    file_mtime_ns: int | None
    duplicate_of: str | None = None
    pipeline_version: str | None = None
    rejected: bool = False
    container: str | None = None  # a record's container file, and its key there
    record_key: str | None = None
    batch: str | None = None  # the batch that published it, and the parse version of its rows
    parse_version: str | None = None


@dataclass(frozen=True)
class PlanEntry:
    path: str
    article_id: str
    change: str  # new, changed or deleted
    content_sha256: str | None = None
    file_size: int | None = None
    file_mtime_ns: int | None = None
    duplicate_of: str | None = None
    container: str | None = None  # a record's container file, and its key there
    record_key: str | None = None
    # Re-coded from its stored parse: the batch whose sentences and tokens it takes (same bytes, same
    # parse version), so only the layers after the parse run on it.
    parse_from: str | None = None

    def to_json(self) -> dict:
        # A .txt file's entry is written as it always was.
        optional = ("container", "record_key", "parse_from")
        return {k: v for k, v in asdict(self).items() if v is not None or k not in optional}

    @property
    def key(self) -> tuple[str, str | None]:
        return (self.path, None if self.change == "deleted" else self.content_sha256)


@dataclass
class Plan:
    entries: list[PlanEntry] = field(default_factory=list)
    n_files: int = 0  # article files on disk
    n_unchanged: int = 0
    n_in_flight: int = 0

    def count(self, change: str) -> int:
        return sum(1 for e in self.entries if e.change == change)

    @property
    def n_recoded(self) -> int:
        """Changed entries re-coded from their stored parse."""
        return sum(1 for e in self.entries if e.parse_from)

    def batches(self, batch_size: int) -> list[list[PlanEntry]]:
        size = max(1, batch_size)
        return [self.entries[i : i + size] for i in range(0, len(self.entries), size)]


def plan_ingest(
    files: Iterable[SourceFile],
    published: dict[str, PublishedFile],
    hash_path: Callable[[str], str | None],
    pipeline_version: str,
    in_flight: AbstractSet[tuple[str, str | None]] = frozenset(),
    parse_version: str | None = None,
) -> Plan:
    """Entries for every file that needs work, in path order.

    `hash_path(rel_path)` hashes a file, None when unreadable. `in_flight`
    holds (path, sha) pairs already planned in batches not yet published;
    (path, None) marks a planned deletion. An article whose bytes are the same and whose rows were
    built by older code is changed; when its parse is still of `parse_version`, it is re-coded from
    the batch that holds that parse (`parse_from`) instead of being parsed again."""
    files = list(files)
    sha: dict[str, str | None] = {}
    for f in files:
        old = published.get(f.path)
        if f.sha256:
            sha[f.path] = f.sha256
        elif old and old.content_sha256 and (old.file_size, old.file_mtime_ns) == (f.size, f.mtime_ns):
            sha[f.path] = old.content_sha256
        else:
            sha[f.path] = hash_path(f.path)

    by_content: dict[str, list[str]] = defaultdict(list)
    for f in files:
        content_sha = sha[f.path]
        if content_sha:
            by_content[content_sha].append(f.path)
    duplicate_of = {p: min(paths) for paths in by_content.values() if len(paths) > 1 for p in paths if p != min(paths)}

    plan = Plan(n_files=len(files))
    for f in files:
        old = published.get(f.path)
        entry = PlanEntry(
            f.path,
            article_id_for(f.path),
            "new",
            sha[f.path],
            f.size,
            f.mtime_ns,
            duplicate_of.get(f.path),
            f.container,
            f.record_key,
        )
        if old is not None:
            # A rejected file stays rejected whatever it duplicates (two empty files are both empty).
            same = (
                old.content_sha256 == entry.content_sha256
                and (old.rejected or old.duplicate_of == entry.duplicate_of)
                and (old.pipeline_version == pipeline_version or old.content_sha256 is None)
            )
            if same:
                plan.n_unchanged += 1
                continue
            reparse = (
                old.rejected
                or old.content_sha256 != entry.content_sha256
                or parse_version is None
                or old.parse_version != parse_version
            )
            parse_from = None if reparse else old.batch
            entry = PlanEntry(**{**asdict(entry), "change": "changed", "parse_from": parse_from})
        if entry.key in in_flight:
            plan.n_in_flight += 1
            continue
        plan.entries.append(entry)

    on_disk = {f.path for f in files}
    for path in sorted(set(published) - on_disk):
        old = published[path]
        entry = PlanEntry(path, article_id_for(path), "deleted", container=old.container, record_key=old.record_key)
        if entry.key in in_flight:
            plan.n_in_flight += 1
            continue
        plan.entries.append(entry)
    plan.entries.sort(key=lambda e: e.path)
    return plan


def batch_key(entries: Iterable[PlanEntry], created: str) -> str:
    """Partition key of a batch: creation time (sortable) plus a digest of its entries."""
    h = hashlib.sha256()
    for e in entries:
        h.update(f"{e.path}\0{e.content_sha256}\0{e.change}\n".encode())
    return f"{created}-{h.hexdigest()[:6]}"


class AsOfInvalid(ValueError):
    """An --as-of (or $NEWSFACTS_AS_OF) that is no date."""


# What --as-of / $NEWSFACTS_AS_OF take to code undated articles without a date (the default).
UNDATED = "none"


def parse_as_of(text: str) -> dt.date | None:
    """The date undated articles are coded as of: YYYY-MM-DD, or `none` (also blank) for no date."""
    text = text.strip()
    if text.lower() in ("", UNDATED):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise AsOfInvalid(
            f"--as-of (or $NEWSFACTS_AS_OF) takes a date, YYYY-MM-DD, or `{UNDATED}`; not {text!r}"
        ) from None


def as_of_text(as_of: dt.date | None) -> str:
    return as_of.isoformat() if as_of else UNDATED


def with_as_of(pipeline_version: str, as_of: dt.date | None) -> str:
    """The version an article's rows are stamped with: the code's, and the date undated articles were
    coded as of, when there is one. Another --as-of so makes every article stale and re-coded."""
    return f"{pipeline_version}@{as_of.isoformat()}" if as_of else pipeline_version
