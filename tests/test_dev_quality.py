"""Guard against quality regressions: score the dev set with the shared scorer.

Floors sit just under the figures measured when they were set, so a change
that makes the output worse fails here. Skipped where ../shared is absent."""

import json
import os
import subprocess
import sys

import pytest

from conftest import NEWSFACTS, SHARED

EVAL_DEV = SHARED / "eval-dev"
SCORER = SHARED / "eval" / "score.py"

pytestmark = pytest.mark.skipif(not (EVAL_DEV / "gold.jsonl").exists() or not SCORER.exists(),
                                reason="../shared/eval-dev or ../shared/eval/score.py is not here")

# Floors just under the figures measured on 2026-11-27 (plain spaCy in brackets):
# sentence F1 0.980 (0.956); entity F1 exact 0.666 (0.587), partial 0.729 (0.662);
# event trigger F1 0.602 (0.350); PLOVER category 0.688, source country 0.673, target country 0.567 (0, 0, 0).
FLOORS = {
    ("sentences", "f1"): 0.975,
    ("entities", "f1"): 0.65,
    ("entities_partial", "f1"): 0.715,
    ("events", "f1"): 0.58,
    ("plover", "category_acc"): 0.66,
    ("plover", "source_country_acc"): 0.65,
    ("plover", "target_country_acc"): 0.54,
}


@pytest.fixture(scope="module")
def dev_scores(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("dev")
    env = {**os.environ, "DAGSTER_HOME": str(tmp / "dagster_home")}
    warehouse = tmp / "dev.duckdb"
    subprocess.run([*NEWSFACTS, "run", "--quiet", "--seeds", str(EVAL_DEV / "articles"), "--warehouse",
                    str(warehouse)], env=env, check=True, capture_output=True, timeout=3600)
    out = tmp / "scores.json"
    proc = subprocess.run([sys.executable, str(SCORER), "--gold", str(EVAL_DEV), "--warehouse", str(warehouse),
                           "--json", str(out)], capture_output=True, text=True, check=True)
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
