"""The Dagster webserver and daemon on the real definitions, over loopback."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest

from conftest import NEWSFACTS

pytestmark = pytest.mark.slow  # starts the Dagster webserver and daemon

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_server(port: int, proc: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/server_info", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"no server on port {port} after {timeout}s")


def graphql(port: int, query: str) -> dict:
    req = urllib.request.Request(
        f"http://127.0.0.1:{port}/graphql",
        data=json.dumps({"query": query}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=30) as r:
        body = json.load(r)
    assert "errors" not in body, body
    return body["data"]


def start(cmd: list[str], env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        cmd, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )


def stop(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


REPOSITORY_QUERY = """{ repositoriesOrError { ... on RepositoryConnection { nodes {
    sensors { name sensorState { status } }
    assetNodes { assetKey { path } isPartitioned }
    jobs { name } } } } }"""


def test_webserver_serves_the_assets_and_the_running_sensor(project):
    port = free_port()
    Path(project.env["DAGSTER_HOME"]).mkdir()
    proc = start(
        [str(BIN / "dagster-webserver"), "-m", "newsfacts.definitions", "-h", "127.0.0.1", "-p", str(port)], project.env
    )
    try:
        wait_for_server(port, proc)
        repo = graphql(port, REPOSITORY_QUERY)["repositoriesOrError"]["nodes"][0]
    finally:
        stop(proc)
    assets = {tuple(a["assetKey"]["path"]): a["isPartitioned"] for a in repo["assetNodes"]}
    assert assets == {
        (name,): True
        for name in (
            "raw_articles",
            "sentences",
            "tokens",
            "ner_spans",
            "entity_mentions",
            "article_entities",
            "events",
            "quotes",
            "published_batch",
        )
    } | {("warehouse_views",): False, ("warehouse_export",): False}
    # The export sensor is there, off until turned on.
    sensors = sorted((s["name"], s["sensorState"]["status"]) for s in repo["sensors"])
    assert sensors == [("export_sensor", "STOPPED"), ("seeds_sensor", "RUNNING")]
    assert {"ingest_batch", "refresh_views", "export_warehouse"} <= {j["name"] for j in repo["jobs"]}


def sentence_count(warehouse: Path, path: str) -> int:
    if not warehouse.exists():
        return 0
    try:
        con = duckdb.connect(str(warehouse), read_only=True)
    except duckdb.Error:
        return 0  # a publish holds the file right now
    try:
        return con.execute(
            "SELECT count(*) FROM sentences s JOIN articles a USING (article_id) WHERE a.path = ?", [path]
        ).fetchone()[0]
    except duckdb.CatalogException:
        return 0
    finally:
        con.close()


def wait_until(condition, timeout: float, what: str) -> None:
    """Poll `condition` until it holds; the bound is generous so a loaded machine is slow, not failing."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"{what}: not within {timeout:.0f} s"
        time.sleep(2)


FINISHED = {"SUCCESS", "FAILURE", "CANCELED"}


def ingest_run_statuses(port: int) -> list[str]:
    runs = graphql(port, "{ runsOrError { ... on Runs { results { jobName status } } } }")["runsOrError"]["results"]
    return [r["status"] for r in runs if r["jobName"] == "ingest_batch"]


def test_a_file_dropped_into_seeds_lands_without_a_click(project):
    port = free_port()
    proc = start([*NEWSFACTS, "ui", "--port", str(port)], project.env)
    try:
        wait_for_server(port, proc)
        project.add_seed("dropped.txt")
        wait_until(lambda: sentence_count(project.warehouse, "dropped.txt") > 0, 600, "the dropped article landing")
        # The sentences land with the publish step; the run's status is written just after it.
        wait_until(lambda: all(status in FINISHED for status in ingest_run_statuses(port)), 120, "the run finishing")
        statuses = ingest_run_statuses(port)
    finally:
        stop(proc)
    assert statuses == ["SUCCESS"]
    assert sentence_count(project.warehouse, "dropped.txt") == 14


def test_dg_finds_the_project_definitions():
    proc = subprocess.run(
        [str(BIN / "dg"), "list", "defs"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert proc.returncode == 0, proc.stderr
    for name in ("raw_articles", "events", "seeds_sensor", "ingest_batch"):
        assert name in proc.stdout
