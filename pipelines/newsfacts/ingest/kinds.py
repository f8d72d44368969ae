"""Input kinds by file name, and the path of a record inside a container file.

A `.txt` or `.html` file is one article; a WARC, JSONL, CSV, Parquet or feed file is a container of
records, each one article whose identity is the container's path plus the record's key.
"""

from __future__ import annotations

from functools import cache

from newsfacts.contract.values import InputKind
from newsfacts.lexicon_files import read_csv


@cache
def suffixes() -> tuple[tuple[str, InputKind], ...]:
    """(suffix, kind) pairs of input_kinds.csv, the longest suffix first."""
    pairs = [(r["suffix"].lower(), InputKind(r["kind"])) for r in read_csv("input_kinds.csv")]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


ONE_ARTICLE_KINDS = frozenset({InputKind.TXT, InputKind.HTML})


def input_kind(name: str) -> InputKind | None:
    """The kind a file name says, None for a file that is not read."""
    lower = name.lower()
    return next((kind for suffix, kind in suffixes() if lower.endswith(suffix)), None)


def is_container(kind: InputKind | None) -> bool:
    return kind is not None and kind not in ONE_ARTICLE_KINDS


def record_path(container: str, key: str) -> str:
    """The path a record goes by in the warehouse: its container's, `#`, its key. It is what the
    article id hashes, so a record keeps its id while its container and key stay the same."""
    return f"{container}#{key}"
