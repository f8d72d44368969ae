"""Code versions come from each layer's import closure and the lexicons it names (newsfacts.versions)."""

import shutil
from pathlib import Path

import newsfacts
from newsfacts.contract import schema
from newsfacts.lexicon_files import lexicon_dir
from newsfacts.text import cleaning
from newsfacts.versions import (
    LAYERS,
    code_version,
    compute_code_digests,
    compute_code_version,
    compute_pipeline_version,
    compute_report_version,
    declared_versions,
    import_closure,
    layer_closure,
    layer_lexicons,
    pipeline_version,
    record,
)

PACKAGE = Path(newsfacts.__file__).resolve().parent


def _copy_checkout(root: Path) -> Path:
    """The package and its lexicons laid out as in a checkout under `root`; the copied package's folder."""
    package = root / "pipelines" / "newsfacts"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(lexicon_dir(), root / "assets" / "lexicons")
    return package


def _versions(package: Path) -> dict[str, str]:
    return {layer: compute_code_version(layer, package) for layer in LAYERS}


def test_a_byte_changed_in_cleaning_changes_raw_articles_and_every_layer_after_it(tmp_path):
    package = _copy_checkout(tmp_path)
    before, pipeline_before = _versions(package), compute_pipeline_version(package)
    importers = {layer for layer in LAYERS if cleaning.__name__ in layer_closure(layer, package)}
    # raw_articles imports it through ingest.reading, publish through ingest.raw_articles; the entity layer's
    # code does not, but reads the sentences it cleaned: its version takes in its upstream layer's.
    assert importers == {"raw_articles", "sentences", "parse", "events", "publish"}

    path = package / "text" / "cleaning.py"
    path.write_bytes(path.read_bytes() + b"#")
    after = _versions(package)
    assert {layer for layer in LAYERS if after[layer] != before[layer]} == set(LAYERS)
    assert compute_pipeline_version(package) != pipeline_before


def test_a_change_in_a_later_layer_leaves_the_earlier_ones_as_they_were(tmp_path):
    package = _copy_checkout(tmp_path)
    before = _versions(package)
    path = package / "entities" / "resolve.py"
    path.write_bytes(path.read_bytes() + b"#")
    after = _versions(package)
    assert {layer for layer in LAYERS if after[layer] != before[layer]} == {"entities", "events", "publish"}


def test_a_change_in_the_report_changes_its_version_and_no_article_s(tmp_path):
    package = _copy_checkout(tmp_path)
    before, report_before = compute_pipeline_version(package), compute_report_version(package)
    path = package / "report" / "charts.py"
    path.write_bytes(path.read_bytes() + b"#")
    assert compute_pipeline_version(package) == before
    assert compute_report_version(package) != report_before


def test_a_changed_lexicon_changes_the_layers_that_read_it(tmp_path):
    package = _copy_checkout(tmp_path)
    lexicons = tmp_path / "assets" / "lexicons"
    before = _versions(package)
    with open(lexicons / "abbreviations.csv", "a", encoding="utf-8") as f:
        f.write("Gen.,title\n")
    after_abbreviations = _versions(package)
    # sentences reads it; every layer after sentences changes with it
    assert {layer for layer in LAYERS if after_abbreviations[layer] != before[layer]} == set(LAYERS) - {"raw_articles"}

    with open(lexicons / "countries.csv", "a", encoding="utf-8") as f:
        f.write("# a comment is a change too\n")
    after_countries = _versions(package)
    assert {layer for layer in LAYERS if after_countries[layer] != after_abbreviations[layer]} == {
        "entities",
        "events",
        "publish",
    }


def test_each_closure_holds_what_the_layer_runs():
    for layer, spec in LAYERS.items():
        assert set(spec["entry"]) <= set(layer_closure(layer))
    # What the hand-written lists left out (issue 12): cleaning and the schemas for raw_articles and parse.
    for layer in ("raw_articles", "sentences", "parse"):
        assert {cleaning.__name__, schema.__name__} <= set(layer_closure(layer))
    # Imported inside a function (the model, in the workers), named as a string (the forkserver's preload).
    assert {"newsfacts.nlp.model", "newsfacts.nlp.preload"} <= set(layer_closure("parse"))
    assert "newsfacts.cli" not in layer_closure("publish")  # what is imported, not the whole package
    # Reading tables looks their columns up by common names (record_columns.csv); editing it rereads them.
    assert "record_columns.csv" in layer_lexicons("raw_articles") and "cameo_codes.csv" not in layer_lexicons("publish")
    assert "abbreviations.csv" in layer_lexicons("sentences")
    assert {
        "countries.csv",
        "country_aliases.csv",
        "demonyms.csv",
        "organisations.csv",
        "people.csv",
        "roles.csv",
        "regions.csv",
        "capitals.csv",
        "word_lists.csv",
    } <= set(layer_lexicons("entities"))
    assert {
        "verb_patterns.csv",
        "event_nouns.csv",
        "reporting_verbs.csv",
        "modality_cues.csv",
        "cameo_codes.csv",
        "cameo_plover.csv",
        "intent_codes.csv",
        "word_lists.csv",
    } <= set(layer_lexicons("events"))


def test_the_closure_resolves_relative_imports_and_imports_in_functions(tmp_path):
    package = tmp_path / "newsfacts"
    for name, text in {
        "__init__.py": "",
        "a.py": "from .b import x\n\ndef f():\n    from newsfacts.sub import e\n    return e\n",
        "b.py": "x = 1\n",
        "sub/__init__.py": "",
        "sub/e.py": "from .. import c\nimport polars\n",
        "c.py": "WORKERS = ['newsfacts.d']\n",
        "d.py": "",
        "unused.py": "",
    }.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text, encoding="utf-8")
    assert sorted(import_closure(("newsfacts.a",), package)) == [
        "newsfacts",
        "newsfacts.a",
        "newsfacts.b",
        "newsfacts.c",
        "newsfacts.d",
        "newsfacts.sub",
        "newsfacts.sub.e",
    ]


def test_versions_are_the_same_for_the_same_files_wherever_they_are(tmp_path):
    one, two = _copy_checkout(tmp_path / "one"), _copy_checkout(tmp_path / "somewhere" / "else")
    assert _versions(one) == _versions(two) == _versions(one) == {layer: code_version(layer) for layer in LAYERS}
    assert compute_pipeline_version(one) == compute_pipeline_version(two) == pipeline_version()
    assert len(set(_versions(one).values())) == len(LAYERS)


def test_the_relations_file_is_part_of_every_layer_that_writes_frames(tmp_path):
    package = _copy_checkout(tmp_path)
    before = _versions(package)
    relations = package / "contract" / "relations.yaml"
    relations.write_text(relations.read_text(encoding="utf-8") + "# a comment is a change too\n", encoding="utf-8")
    after = _versions(package)
    assert {layer for layer in LAYERS if after[layer] != before[layer]} == set(LAYERS)


def test_the_versions_kept_between_runs_are_the_ones_computed():
    from newsfacts.versions import _checkout_versions, compute_code_versions

    assert _checkout_versions() == compute_code_versions()


def test_every_layer_s_code_digest_is_recorded_with_its_version():
    """Fails when a layer's code changed and layer_versions.json was not updated: run
    `uv run python -m newsfacts.versions bump LAYER` when the layer's rows change, `... record` when none
    does (a comment, a refactor)."""
    recorded = {layer: entry["digest"] for layer, entry in declared_versions().items()}
    assert recorded == compute_code_digests(), "a layer's code changed: bump or record its version (see above)"


def test_a_recorded_change_keeps_every_version_and_a_bump_moves_its_layer_and_those_after(tmp_path):
    package = _copy_checkout(tmp_path)
    before = _versions(package)
    path = package / "events" / "coder.py"
    path.write_bytes(path.read_bytes() + b"\n# a comment moves no row\n")
    unrecorded = _versions(package)
    assert {layer for layer in LAYERS if unrecorded[layer] != before[layer]} == {"events", "publish"}
    record(package_dir=package)
    assert _versions(package) == before  # recorded under the same number: nothing is recomputed
    record(("events",), package_dir=package)
    bumped = _versions(package)
    assert {layer for layer in LAYERS if bumped[layer] != before[layer]} == {"events", "publish"}
    assert declared_versions(package)["events"]["version"] == declared_versions()["events"]["version"] + 1


def test_the_coding_options_are_part_of_the_events_version_alone(monkeypatch):
    """PETRARCH's grammar and the PLOVER readings recode the events, not the layers before them."""
    from newsfacts.dictionaries.options import PETRARCH_COMPAT_ENV, PLOVER_READINGS_ENV
    from newsfacts.versions import compute_code_versions

    monkeypatch.delenv(PETRARCH_COMPAT_ENV, raising=False)
    monkeypatch.delenv(PLOVER_READINGS_ENV, raising=False)
    plain = compute_code_versions(dictionaries="d")
    monkeypatch.setenv(PETRARCH_COMPAT_ENV, "1")
    compat = compute_code_versions(dictionaries="d")
    monkeypatch.setenv(PLOVER_READINGS_ENV, "0")
    published = compute_code_versions(dictionaries="d")
    assert plain["entities"] == compat["entities"] == published["entities"]
    assert len({plain["events"], compat["events"], published["events"]}) == 3
