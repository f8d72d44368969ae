"""A clone without ../shared beside it: the tests that need the shared data skip instead of failing."""

from __future__ import annotations

import shutil
import subprocess
import sys

from conftest import ROOT


def test_the_dictionary_tests_skip_in_a_clone_without_shared(tmp_path):
    clone = tmp_path / "clone"
    shutil.copytree(ROOT / "tests", clone / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "seeds", clone / "seeds")
    shutil.copy(ROOT / "pyproject.toml", clone)
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/test_dictionaries.py", "-m", "not slow", "-q"]
        + ["-p", "no:cacheprovider"],
        cwd=clone,
        capture_output=True,
        text=True,
    )
    summary = proc.stdout.strip().splitlines()[-1]
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert "failed" not in summary and "1 skipped" in summary, summary
