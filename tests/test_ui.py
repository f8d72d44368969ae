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

from browser import artifacts_dir, browser_page
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
    } | {("warehouse_views",): False, ("report",): False, ("warehouse_export",): False}
    # The export sensor is there, off until turned on.
    assert sorted((s["name"], s["sensorState"]["status"]) for s in repo["sensors"]) == [
        ("export_sensor", "STOPPED"),
        ("report_after_publish", "RUNNING"),
        ("seeds_sensor", "RUNNING"),
    ]
    assert {"ingest_batch", "refresh_views", "refresh_report", "export_warehouse"} <= {j["name"] for j in repo["jobs"]}


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


REPORT_METADATA = """{ assetOrError(assetKey: {path: ["report"]}) { ... on Asset {
    assetMaterializations(limit: 1) { metadataEntries { label } } } } }"""


def report_materialized(port: int) -> bool:
    return bool(graphql(port, REPORT_METADATA)["assetOrError"]["assetMaterializations"])


def test_the_ui_shows_the_report_and_events_metadata_in_a_browser(project):
    """A `newsfacts run` publishes a batch; the UI's sensor builds the report after it; a real Chromium
    opens the report asset (its chart images) and the events asset (its row count)."""
    project.add_seed()
    project.run_cli("run")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    shots = artifacts_dir("ui")
    proc = start([*NEWSFACTS, "ui", "--port", str(port)], project.env)
    try:
        wait_for_server(port, proc)
        wait_until(lambda: report_materialized(port), 300, "the report built after the publish")
        with browser_page(allowed=(base,), width=1400, height=1000) as page:
            skip = page.get_by_role("button", name="Skip")  # Dagster's community dialog, on a first visit
            page.add_locator_handler(skip, lambda: skip.click())
            page.goto(f"{base}/assets/report")
            for label in ("html", "events", "quotations", "chart: events-per-day", "chart: event-map"):
                page.get_by_text(label, exact=True).first.wait_for(timeout=30_000)
            assert page.get_by_text(str(project.warehouse.parent / "news_report.html")).first.is_visible()
            row = page.locator("tr", has=page.get_by_text("chart: event-map", exact=True))
            row.get_by_text("[Show Markdown]").click()
            image = page.locator("img[src^='data:image/png;base64,']").first
            image.wait_for(timeout=30_000)
            width = image.evaluate("img => img.complete ? img.naturalWidth : 0")
            page.wait_for_timeout(500)  # the dialog fades in
            page.screenshot(path=str(shots / "report-asset.png"))
            page.keyboard.press("Escape")

            page.goto(f"{base}/assets/events")
            page.get_by_text("Row count", exact=True).first.wait_for(timeout=60_000)
            rows_shown = page.locator("text=Row count >> xpath=..").first.inner_text()
            page.screenshot(path=str(shots / "events-asset.png"))
    finally:
        stop(proc)
    assert width > 300  # the map, drawn
    events = project.sql("SELECT count(*) FROM events")[0][0]
    assert str(events) in rows_shown
