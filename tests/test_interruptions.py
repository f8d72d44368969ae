"""`newsfacts run` under the interruptions a user meets: kill -9 of the whole run, a parse worker killed
mid-parse, and many batches in a row, all on real eval-dev articles through the real CLI."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

import dagster as dg
import pytest

from conftest import NEWSFACTS, SHARED, Project

# ../shared beside the project; NEWSFACTS_SHARED where it lives elsewhere (a git worktree).
ECBPLUS = Path(os.environ.get("NEWSFACTS_SHARED", SHARED)) / "eval-dev" / "articles" / "ecbplus"
pytestmark = [
    pytest.mark.slow,  # the CLI end to end, killed and rerun
    pytest.mark.skipif(not ECBPLUS.is_dir(), reason="needs ../shared/eval-dev"),
]


def ecb_articles(project: Project, n: int, start: int = 0) -> list[str]:
    """Copy n ECB+ articles (in a fixed order) into the seeds folder."""
    files = sorted(ECBPLUS.rglob("*.txt"))[start : start + n]
    for f in files:
        shutil.copy(f, project.seeds / f.name)
    return [f.name for f in files]


def relations(warehouse: Path) -> dict[str, list[tuple]]:
    """Every table and view, every row in order, without the columns that name batches or times."""
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        names = [
            n
            for (n,) in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1"
            ).fetchall()
            if n not in ("ingest_batches", "newsfacts_meta")
        ]
        out = {}
        for name in names:
            cols = [
                c
                for (c,) in con.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
                    [name],
                ).fetchall()
                if c not in ("batch", "published_at")
            ]
            out[name] = con.execute(f'SELECT {", ".join(map(repr_ident, cols))} FROM "{name}" ORDER BY ALL').fetchall()
        return out
    finally:
        con.close()


def repr_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def with_warehouse(project: Project, name: str) -> Project:
    """The same seeds into another warehouse, with a Dagster instance of its own."""
    warehouse = project.root / name / "news.duckdb"
    return Project(
        project.root,
        project.seeds,
        warehouse,
        {**project.env, "NEWSFACTS_WAREHOUSE": str(warehouse), "DAGSTER_HOME": str(project.root / name / "dagster")},
    )


def start_run(project: Project, *args: str) -> subprocess.Popen:
    """`newsfacts run` in a session of its own (like `setsid`), so its whole process group can be killed."""
    return subprocess.Popen(
        [*NEWSFACTS, "run", *args],
        env={**os.environ, **project.env},
        cwd=project.root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def runs_by_status(project: Project) -> dict[str, int]:
    with dg.DagsterInstance.from_config(project.env["DAGSTER_HOME"]) as instance:
        out: dict[str, int] = {}
        for r in instance.get_runs(filters=dg.RunsFilter(job_name="ingest_batch")):
            out[r.status.value] = out.get(r.status.value, 0) + 1
        return out


def test_kill_9_at_random_moments_then_a_plain_rerun_equals_a_clean_run(project):
    ecb_articles(project, 20)
    clean = with_warehouse(project, "clean")
    t0 = time.monotonic()
    first = clean.run_cli("run", "--batch-size", "2")
    per_batch = (time.monotonic() - t0) / 10
    assert "Traceback" not in first.stderr
    expected = relations(clean.warehouse)
    assert len(expected["articles"]) == 20 and len(expected["events"]) > 20

    rng = random.Random(8)
    for trial in range(2):
        killed = with_warehouse(project, f"killed{trial}")
        after_batches = rng.randint(0, 8)  # 0: during start-up and the first batch
        delay = rng.uniform(0.1, 1.0) * per_batch
        proc = start_run(killed, "--batch-size", "2")
        watchdog = threading.Timer(600, os.killpg, (proc.pid, signal.SIGKILL))  # a hung run fails, not hangs
        watchdog.start()
        if after_batches:
            for line in proc.stderr:
                if line.startswith(f"[{after_batches}/10]"):
                    break
        time.sleep(delay)
        assert proc.poll() is None, f"trial {trial}: the run ended before the kill"
        os.killpg(proc.pid, signal.SIGKILL)  # the run, its forkserver and its parse workers
        watchdog.cancel()
        proc.wait(timeout=60)
        proc.stdout.close()
        proc.stderr.close()

        rerun = killed.run_cli("run", "--batch-size", "2")
        assert "Traceback" not in rerun.stderr
        assert relations(killed.warehouse) == expected, f"trial {trial} (after {after_batches} batches + {delay:.1f}s)"
        statuses = runs_by_status(killed)
        assert set(statuses) <= {"SUCCESS", "FAILURE", "CANCELED"}, statuses  # none left looking as if it ran
        if "FAILURE" in statuses:
            assert "is gone, killed (kill -9, out of memory)" in rerun.stderr


def worker_pids(parent: int) -> list[int]:
    """Processes two generations below `parent` (children of its forkserver) named as parse workers."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    return [w for c in children.get(parent, []) for w in children.get(c, []) if _name(w) == "parse-worker"]


def _name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except (FileNotFoundError, ProcessLookupError):
        return ""


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_a_parse_worker_killed_mid_parse_fails_its_batch_in_one_line_and_the_rerun_completes(project):
    # Enough sentences that each parse worker's share takes it well past a second of CPU: with 40
    # articles a quiet machine parsed a share in under a second and no worker was ever caught busy.
    n = len(ecb_articles(project, 120))
    proc = subprocess.Popen(
        [*NEWSFACTS, "run"],
        env={**os.environ, **project.env},
        cwd=project.root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    victim = None
    deadline = time.monotonic() + 300
    while victim is None and proc.poll() is None and time.monotonic() < deadline:
        # Parsing: a sentence-splitting worker (the same processes, a step earlier) uses a few tenths of a
        # second on these articles; a parse worker passes a second about half way through its share.
        busy = [w for w in worker_pids(proc.pid) if cpu_seconds(w) > 1.0]
        if busy:
            victim = busy[0]
            os.kill(victim, signal.SIGKILL)
        time.sleep(0.05)
    out, err = proc.communicate(timeout=300)
    assert victim is not None, err
    assert proc.returncode == 1, err
    assert "Traceback" not in err
    failed = [line for line in err.splitlines() if "FAILED" in line]
    assert len(failed) == 1
    assert (
        f"step tokens_and_ner_spans failed: ParseWorkerError: parse worker (pid {victim}) died while parsing sentences "
        in failed[0]
    )
    assert failed[0].endswith("killed by SIGKILL (out of memory, or killed by hand))")
    assert err.splitlines()[-1].startswith("newsfacts: 1 batch(es) failed; first: batch ")

    rerun = project.run_cli("run")
    assert "Traceback" not in rerun.stderr
    assert project.sql("SELECT count(*) FROM articles") == [(n,)]


def test_a_13_batch_run_prints_progress_and_no_traceback(project):
    ecb_articles(project, 13, start=100)
    proc = project.run_cli("run", "--batch-size", "1")
    lines = proc.stderr.splitlines()
    assert "Traceback" not in proc.stderr
    assert lines[0].startswith("newsfacts: dictionaries: the default set")
    assert lines[1].startswith("newsfacts: 13 article files in ")
    assert [line.split("]")[0] + "]" for line in lines[2:]] == [f"[{i}/13]" for i in range(1, 14)]
    assert project.sql("SELECT count(*) FROM articles") == [(13,)]
