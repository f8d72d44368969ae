"""Imports follow the layers: a module imports its own layer and the layers below it, never one above.

Read from the source with `ast` (imports inside functions count: the code runs them), so the
test needs nothing imported and sees every edge.
"""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "pipelines" / "newsfacts"

# Bottom first. The bottom holds what every layer may use: the relation schemas and failure records
# (contract), the lexicon and dictionary files, the machine's cache, process checks.
LAYERS = [
    (
        "newsfacts",
        "newsfacts.contract",
        "newsfacts.caching",
        "newsfacts.lexicon_files",
        "newsfacts.processes",
        "newsfacts.dictionaries",
    ),
    ("newsfacts.text",),
    ("newsfacts.ingest",),
    ("newsfacts.nlp",),
    ("newsfacts.entities",),
    ("newsfacts.events",),
    ("newsfacts.warehouse",),
    ("newsfacts.export",),
    ("newsfacts.orchestration", "newsfacts.versions", "newsfacts.settings", "newsfacts.quality"),
    ("newsfacts.report",),
    ("newsfacts.defs",),
    ("newsfacts.cli", "newsfacts.definitions"),
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> int:
    best, rank = "", None
    for i, names in enumerate(LAYERS):
        for name in names:
            if (module == name or module.startswith(name + ".")) and len(name) > len(best):
                best, rank = name, i
    assert rank is not None, f"{module} is in no layer: add it to LAYERS"
    return rank


def imports_of(path: Path) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "newsfacts":
            out.add(node.module)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.split(".")[0] == "newsfacts")
    return out


def test_no_module_imports_a_layer_above_it():
    upward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        source = module_name(path)
        for target in sorted(imports_of(path)):
            if layer_of(target) > layer_of(source):
                upward.append(f"{source} imports {target}")
    assert upward == []


def test_every_module_has_a_layer_and_the_test_sees_the_edges():
    modules = [module_name(p) for p in PACKAGE.rglob("*.py")]
    assert len(modules) > 60
    for m in modules:
        layer_of(m)
    # The edges the layering rests on are seen (a parser that saw nothing would pass the test above).
    assert "newsfacts.contract.schema" in imports_of(PACKAGE / "warehouse" / "publishing.py")
    assert "newsfacts.nlp.doc" in imports_of(PACKAGE / "events" / "layer.py")


def test_a_package_folder_says_what_it_owns_and_what_it_may_import():
    for init in sorted(PACKAGE.rglob("__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and "import" in doc, f"{init.relative_to(PACKAGE)} needs a docstring saying what it may import"
