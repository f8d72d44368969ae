"""The rule modules' tests (tests/test_rules_*.py) read hand-built parses: run on their own, in a fresh
interpreter, they load no spaCy model, so a model update cannot change what they test."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
RUN_AND_LIST_MODELS = """
import sys, pytest
code = pytest.main(sys.argv[1:] + ["-q", "-p", "no:cacheprovider"])
models = sorted(m for m in sys.modules if m.startswith("en_core_web") or m == "newsfacts.nlp.model")
print("models:", models)
sys.exit(code or (3 if models else 0))
"""


def test_rule_tests_load_no_model():
    files = sorted(str(p) for p in TESTS.glob("test_rules_*.py") if p.name != Path(__file__).name)
    assert len(files) == 11
    done = subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST_MODELS, *files], cwd=TESTS.parent, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "models: []" in done.stdout
