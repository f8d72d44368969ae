"""Guard against quality regressions: score the dev set with the shared scorer.

Floors sit just under the figures measured when they were set, so a change
that makes the output worse fails here. Skipped where ../shared is absent."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from conftest import NEWSFACTS, SHARED

EVAL_DEV = SHARED / "eval-dev"
SCORER = SHARED / "eval" / "score.py"
PETRARCH = SHARED / "petrarch"
PETRARCH_SCORER = SHARED / "eval" / "petrarch_score.py"

pytestmark = [
    pytest.mark.slow,  # runs the whole dev set
    pytest.mark.skipif(
        not (EVAL_DEV / "gold.jsonl").exists() or not SCORER.exists(),
        reason="../shared/eval-dev or ../shared/eval/score.py is not here",
    ),
]

# Floors just under the figures measured on 2026-12-07 with the default dictionary set (plain spaCy in
# brackets): sentence F1 0.980 (0.956); entity F1 exact 0.667 (0.587), partial 0.730 (0.662); event
# trigger F1 0.677 (0.350), CAMEO-coded events alone 0.229; PLOVER category 0.795 with the project's
# readings of the mapping, source country 0.806, target country 0.801 (0, 0, 0). In-sample figures: the
# coder was tuned while looking at this set.
FLOORS = {
    ("sentences", "f1"): 0.975,
    ("entities", "f1"): 0.66,
    ("entities_partial", "f1"): 0.72,
    ("events", "f1"): 0.66,
    # Events with no coded actor, and catch-all codes with one, stay uncoded (events/uncoding.py): ECB+
    # annotates every happening, most of them no CAMEO event between actors, so its coded recall fell
    # from 0.325 to 0.130 as the precision of coded triggers rose from 0.950 to 0.976.
    ("coded_events", "f1"): 0.22,
    ("plover", "category_acc"): 0.79,
    ("plover", "source_country_acc"): 0.79,
    ("plover", "target_country_acc"): 0.78,
}
# PETRARCH's unit-test records coded with its validation dictionaries: 0.814 of records, event F1 0.879.
PETRARCH_FLOORS = {"records_correct": 0.80, "event_f1": 0.86}


@pytest.fixture(scope="module")
def dev_warehouse(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("dev")
    env = {**os.environ, "DAGSTER_HOME": str(tmp / "dagster_home")}
    warehouse = tmp / "dev.duckdb"
    subprocess.run(
        [*NEWSFACTS, "run", "--quiet", "--seeds", str(EVAL_DEV / "articles"), "--warehouse", str(warehouse)],
        env=env,
        check=True,
        capture_output=True,
        timeout=3600,
    )
    return warehouse


@pytest.fixture(scope="module")
def dev_scores(dev_warehouse):
    tmp, warehouse = dev_warehouse.parent, dev_warehouse
    scores = _score(tmp, warehouse)
    # The same warehouse with only the events that carry a CAMEO code: how well the coded events alone
    # find the annotated triggers.
    coded = tmp / "coded.duckdb"
    shutil.copy(warehouse, coded)
    con = duckdb.connect(str(coded))
    con.execute("DELETE FROM events WHERE cameo_code IS NULL")
    con.close()
    scores["coded_events"] = _score(tmp, coded)["events"]
    return scores


def _score(tmp, warehouse) -> dict:
    out = tmp / f"{warehouse.stem}.scores.json"
    proc = subprocess.run(
        [sys.executable, str(SCORER), "--gold", str(EVAL_DEV), "--warehouse", str(warehouse), "--json", str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    print(proc.stdout)
    return json.loads(out.read_text())["metrics"]


def test_every_dev_article_is_in_the_warehouse(dev_scores):
    assert dev_scores["articles_matched"] == dev_scores["articles_gold"]


@pytest.mark.parametrize("metric, field", list(FLOORS))
def test_quality_stays_above_its_floor(dev_scores, metric, field):
    value = dev_scores[metric][field]
    assert value >= FLOORS[(metric, field)], f"{metric}.{field} fell to {value:.3f}"


def test_quality_beats_plain_spacy(dev_scores):
    assert dev_scores["entities"]["f1"] > 0.587 and dev_scores["entities_partial"]["f1"] > 0.662
    assert dev_scores["events"]["f1"] > 0.350


def test_the_plover_export_reads_back_the_warehouse_s_categories(dev_warehouse):
    """Every PLOVER line of the dev set validates against the schema, and the records read back give the
    category the warehouse holds for each event."""
    out = dev_warehouse.parent / "plover"
    subprocess.run(
        [
            *NEWSFACTS,
            "export",
            "--warehouse",
            str(dev_warehouse),
            "--format",
            "plover",
            "--out",
            str(out),
            "--validate",
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    records = [json.loads(line) for line in (out / "events.plover.jsonl").read_text(encoding="utf-8").splitlines()]
    con = duckdb.connect(str(dev_warehouse), read_only=True)
    held = con.execute(
        "SELECT event_id, plover_category FROM events WHERE plover_category IS NOT NULL AND confidence >= 0.5"
    ).fetchall()  # the default --min-confidence
    con.close()
    assert len(records) > 400
    assert sorted((r["id"], r["event"][0]) for r in records) == sorted(held)


@pytest.fixture(scope="module")
def petrarch_scores(tmp_path_factory):
    if not (PETRARCH / "unit-dev" / "gold.jsonl").exists() or not PETRARCH_SCORER.exists():
        pytest.skip("../shared/petrarch or ../shared/eval/petrarch_score.py is not here")
    tmp = tmp_path_factory.mktemp("petrarch")
    env = {**os.environ, "DAGSTER_HOME": str(tmp / "dagster_home")}
    warehouse = tmp / "petr.duckdb"
    subprocess.run(
        [
            *NEWSFACTS,
            "run",
            "--quiet",
            "--seeds",
            str(PETRARCH / "unit-dev" / "articles"),
            "--warehouse",
            str(warehouse),
            "--dictionaries",
            str(PETRARCH / "validate"),
            "--petrarch-compat",
        ],
        env=env,
        check=True,
        capture_output=True,
        timeout=1800,
    )
    out = tmp / "scores.json"
    proc = subprocess.run(
        [
            sys.executable,
            str(PETRARCH_SCORER),
            "--gold",
            str(PETRARCH / "unit-dev"),
            "--warehouse",
            str(warehouse),
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    print(proc.stdout)
    return json.loads(out.read_text())


@pytest.mark.parametrize("field", list(PETRARCH_FLOORS))
def test_petrarch_unit_tests_stay_above_their_floor(petrarch_scores, field):
    assert petrarch_scores[field] >= PETRARCH_FLOORS[field], f"{field} fell to {petrarch_scores[field]:.3f}"
