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

# measured 2026-11-27: sentences F1 0.980
FLOORS = {"sentences": 0.975}


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


def test_sentence_f1_stays_above_its_floor(dev_scores):
    assert dev_scores["sentences"]["f1"] >= FLOORS["sentences"]
