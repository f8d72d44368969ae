"""Batch manifests: the list of files the planner put in one ingest batch."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from newsfacts.ingest.planning import PlanEntry
from newsfacts.warehouse.batch_files import manifest_key
from newsfacts.warehouse.layout import WarehouseLayout


class ManifestMissing(FileNotFoundError):
    pass


@dataclass(frozen=True)
class BatchManifest:
    batch: str
    created_at: str
    seeds_dir: str
    entries: tuple[PlanEntry, ...]
    # The table columns named with --column (field -> column), for reading the batch's records.
    columns: dict[str, str] = field(default_factory=dict)
    # The date its undated articles are coded as of (--as-of); None: without a date. Kept here, so a
    # batch run again codes as it was planned, whatever the clock or the settings say by then.
    as_of: dt.date | None = None

    def to_json(self) -> str:
        d: dict[str, object] = {
            "batch": self.batch,
            "created_at": self.created_at,
            "seeds_dir": self.seeds_dir,
            "entries": [e.to_json() for e in self.entries],
            "as_of": self.as_of.isoformat() if self.as_of else None,
        }
        if self.columns:
            d["columns"] = self.columns
        return json.dumps(d, indent=1, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> BatchManifest:
        d = json.loads(text)
        entries = tuple(PlanEntry(**e) for e in d["entries"])
        as_of = dt.date.fromisoformat(d["as_of"]) if d.get("as_of") else None
        return cls(d["batch"], d["created_at"], d["seeds_dir"], entries, d.get("columns", {}), as_of)


def write_manifest(layout: WarehouseLayout, manifest: BatchManifest) -> None:
    layout.files.write_text(manifest.to_json(), manifest_key(manifest.batch))


def read_manifest(layout: WarehouseLayout, batch: str) -> BatchManifest:
    key = manifest_key(batch)
    try:
        return BatchManifest.from_json(layout.files.read_text(key))
    except FileNotFoundError:
        raise ManifestMissing(
            f"ingest batch {batch!r} has no manifest at {layout.files.location(key)}; batches are planned by "
            f"`newsfacts run` or the seeds sensor"
        ) from None


def manifest_batches(layout: WarehouseLayout) -> list[str]:
    return sorted(key.removeprefix("manifests/").removesuffix(".json") for key in layout.files.glob("manifests/*.json"))
