"""A full disk is named as such, with the folder whose disk it is, whatever writer hit it."""

import errno
import os
import shutil
import sqlite3
import subprocess

import pytest

from newsfacts.warehouse.diskspace import disk_full_reason


def test_enospc_from_any_writer_is_a_full_disk(tmp_path):
    places = {"the warehouse": tmp_path / "wh", "Dagster's run history": tmp_path / "wh" / "dagster_home"}
    for error in (
        OSError(errno.ENOSPC, "No space left on device"),
        sqlite3.OperationalError("database or disk is full"),
        'IO Error: Could not write file "x.parquet": No space left on device',
    ):
        reason = disk_full_reason(error, places)
        assert reason.startswith("the disk is full: ") and f"on the disk of {tmp_path / 'wh'}" in reason
        assert "(the warehouse, Dagster's run history)" in reason


def test_a_bare_io_error_is_a_full_disk_only_when_the_disk_is(tmp_path):
    assert disk_full_reason(sqlite3.OperationalError("disk I/O error"), {"the warehouse": tmp_path}) is None
    assert disk_full_reason(ValueError("something else"), {"the warehouse": tmp_path}) is None


def test_the_cause_of_a_wrapping_error_counts(tmp_path):
    try:
        try:
            raise OSError(errno.ENOSPC, "write failed")
        except OSError as inner:
            raise RuntimeError("batch failed") from inner
    except RuntimeError as outer:
        assert disk_full_reason(outer, {"the warehouse": tmp_path}).startswith("the disk is full")


@pytest.fixture
def small_disk(tmp_path):
    """A 1 MB tmpfs (as root); skipped where mounting is not permitted."""
    mnt = tmp_path / "small"
    mnt.mkdir()
    if (
        shutil.which("mount") is None
        or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mnt)], capture_output=True).returncode
        != 0
    ):
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    yield mnt
    subprocess.run(["umount", "-l", str(mnt)], check=True)


@pytest.mark.slow  # the CLI end to end on a small disk
@pytest.mark.parametrize("history_on_the_small_disk", [True, False])
def test_a_run_on_a_full_disk_says_so_and_where(project, small_disk, history_on_the_small_disk):
    """Dagster's sqlite fails first when its run history shares the disk; else a Parquet or DuckDB write."""
    for i in range(4):
        project.add_seed(f"s{i}.txt")
    home = small_disk / "dagster_home" if history_on_the_small_disk else project.root / "dagster_home"
    env = {**project.env, "NEWSFACTS_WAREHOUSE": str(small_disk / "news.duckdb"), "DAGSTER_HOME": str(home)}
    full = type(project)(project.root, project.seeds, small_disk / "news.duckdb", env)
    proc = full.run_cli("run", "--batch-size", "1", check=False, timeout=300)
    assert proc.returncode == 1
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith("newsfacts: the disk is full: ") and f"on the disk of {small_disk}" in last, proc.stderr
    assert ("Dagster's run history" in last) == history_on_the_small_disk
    assert "Error" not in last


def test_a_parquet_write_on_a_full_disk_raises_enospc(small_disk):
    import polars as pl

    from newsfacts.warehouse.parquet import write_atomic

    frame = pl.DataFrame({"text": [os.urandom(32).hex() for _ in range(100_000)]})  # 6 MB that does not compress
    with pytest.raises(OSError) as raised:
        write_atomic(frame, small_disk / "parquet" / "big.parquet")
    assert raised.value.errno == errno.ENOSPC
    assert list((small_disk / "parquet").iterdir()) == []  # no half-written file left behind
