"""eval-dev backfilled in 10 batches by two Celery workers, on a PostgreSQL instance with a Redis broker."""

import os
import signal
import subprocess
import sys

import pytest

from conftest import NEWSFACTS, ROOT, SHARED

EVAL_DEV = SHARED / "eval-dev" / "articles"
BACKFILL = [sys.executable, str(ROOT / "bench" / "celery_backfill.py"), "--batches", "10", "--side-by-side", "2"]


def start_worker(name: str, env: dict) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "celery", "-A", "newsfacts.defs.celery_app", "worker", "-Q", "dagster"]
    cmd += ["-P", "solo", "--prefetch-multiplier=1", "-n", f"{name}@%h", "-l", "WARNING"]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.mark.slow  # services, two workers, eval-dev three times over (killed, rerun, single process)
def test_a_celery_backfill_killed_mid_batch_and_rerun_equals_a_single_process_run(tmp_path, postgres_url, redis_url):
    if not EVAL_DEV.is_dir():
        pytest.skip(f"{EVAL_DEV} not found")
    env = {
        **os.environ,
        "NEWSFACTS_SEEDS_DIR": str(EVAL_DEV),
        "NEWSFACTS_WAREHOUSE": str(tmp_path / "celery" / "news.duckdb"),
        "DAGSTER_HOME": str(tmp_path / "celery" / "home"),
        "NEWSFACTS_INSTANCE": postgres_url,
        "NEWSFACTS_CELERY_BROKER": redis_url,
    }
    workers = [start_worker("w1", env), start_worker("w2", env)]
    try:
        # One batch done, others under way: worker 1 is killed mid-batch, then the driver and its runs' drivers.
        driver = subprocess.Popen(BACKFILL, env=env, stdout=subprocess.PIPE, text=True, start_new_session=True)
        assert driver.stdout is not None
        first = driver.stdout.readline()
        assert first.endswith(" ok\n"), first
        workers[0].kill()
        os.killpg(driver.pid, signal.SIGKILL)
        driver.wait()
        workers[0].wait()
        workers[0] = start_worker("w1", env)
        rerun = subprocess.run(BACKFILL, env=env, capture_output=True, text=True, timeout=900)
        assert rerun.returncode == 0, rerun.stdout + rerun.stderr
        assert "FAILED" not in rerun.stdout
    finally:
        for w in workers:
            w.terminate()
        for w in workers:
            w.wait(timeout=60)
    single = {**env, "NEWSFACTS_WAREHOUSE": str(tmp_path / "single" / "news.duckdb")}
    single["DAGSTER_HOME"] = str(tmp_path / "single" / "home")
    del single["NEWSFACTS_INSTANCE"]
    subprocess.run([*NEWSFACTS, "run", "--batch-size", "67", "--quiet"], env=single, check=True, timeout=900)
    compare = [sys.executable, str(ROOT / "bench" / "compare_warehouses.py")]
    same = subprocess.run(
        [*compare, single["NEWSFACTS_WAREHOUSE"], env["NEWSFACTS_WAREHOUSE"]], capture_output=True, text=True
    )
    assert same.returncode == 0, same.stdout
