"""Which dictionary set coded a batch: a JSON record beside the batch files, and its warehouse rows."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

from newsfacts.contract.schema import DICTIONARY_PROBLEMS, DICTIONARY_SETS
from newsfacts.dictionaries.sets import SetReport
from newsfacts.warehouse.batch_files import dictionary_record_key
from newsfacts.warehouse.layout import WarehouseLayout


def dictionary_record(loaded: SetReport) -> dict:
    """The set's digest, folders and files (path, role, SHA-256), and its problems."""
    return {
        **loaded.description.as_json(),
        "problems": [{"file": p.file, "line": p.line, "message": p.message, "text": p.text} for p in loaded.problems],
    }


def write_dictionary_record(layout: WarehouseLayout, batch: str, loaded: SetReport) -> str:
    """Where the record was written (a path or a URL)."""
    key = dictionary_record_key(batch)
    layout.files.write_text(json.dumps(dictionary_record(loaded), indent=1), key)
    return layout.files.location(key)


def read_dictionary_record(layout: WarehouseLayout, batch: str) -> dict | None:
    """The record of a batch, None when no layer that reads dictionaries has run on it."""
    return layout.files.read_json(dictionary_record_key(batch))


def dictionary_frames(record: dict) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Rows of dictionary_sets and dictionary_problems for a record."""
    digest = record["digest"]
    per_file: dict[str, int] = {}
    for p in record["problems"]:
        per_file[p["file"]] = per_file.get(p["file"], 0) + 1
    files = pl.DataFrame(
        [
            {
                "dictionary_set": digest,
                "position": i,
                "folder": f["folder"],
                "path": f["path"],
                "role": f["role"],
                "sha256": f["sha256"],
                "n_problems": per_file.get(Path(f["path"]).name, 0),
            }
            for i, f in enumerate(record["files"])
        ],
        schema=DICTIONARY_SETS.polars_schema,
    )
    problems = pl.DataFrame(
        [{"dictionary_set": digest, **p} for p in record["problems"]], schema=DICTIONARY_PROBLEMS.polars_schema
    )
    return DICTIONARY_SETS.conform(files), DICTIONARY_PROBLEMS.conform(problems)
