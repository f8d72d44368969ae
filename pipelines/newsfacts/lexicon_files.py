"""Versioned data files (lexicons, code tables) kept under `assets/lexicons/`.

Files are CSV with a header row; lines starting with `#` are comments that
say what the file is and where its facts come from.
"""

from __future__ import annotations

import csv
import hashlib
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def lexicon_dir(package_dir: Path = _PACKAGE_DIR) -> Path:
    """assets/lexicons in a source checkout, or the copy bundled into a wheel (of this package, or of a
    copy of it at `package_dir`)."""
    for candidate in (package_dir.parents[1] / "assets" / "lexicons", package_dir / "_data" / "lexicons"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"newsfacts lexicons not found for {package_dir}: expected assets/lexicons in the project")


def lexicon_path(name: str) -> Path:
    return lexicon_dir() / name


@cache
def read_csv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a CSV lexicon as dicts, comments and blank lines skipped."""
    with open(lexicon_path(name), encoding="utf-8", newline="") as f:
        lines = [line for line in f if line.strip() and not line.lstrip().startswith("#")]
    return tuple({k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines))


@cache
def word_list(name: str) -> frozenset[str]:
    """One list of word_lists.csv."""
    return frozenset(r["word"] for r in read_csv("word_lists.csv") if r["list"] == name)


def folder_digest() -> str:
    """A short digest of every lexicon file, names and contents: a cache key that no edit leaves stale."""
    h = hashlib.sha256()
    for path in sorted(p for p in lexicon_dir().iterdir() if p.is_file()):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:12]
