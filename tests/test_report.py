"""`newsfacts report` and the report asset on a warehouse built by `newsfacts run`, and the page in
a real headless Chromium with every network request blocked.

Set NEWSFACTS_REPORT_WAREHOUSE to a warehouse to run the browser test over it instead (the screenshot in
docs/report.md is this test's over eval-dev)."""

import base64
import os
import re
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from browser import artifacts_dir, browser_page
from conftest import Project

pytestmark = pytest.mark.slow  # builds its warehouse with the CLI

MOSUL = """---
title: Fighting in Mosul
published: 2020-09-28
---
Fighting in Mosul

Iraqi troops attacked Islamic State fighters in Mosul on Sunday. The United States praised Iraq in Baghdad on Monday.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("report")
    project = Project.at(root)
    project.add_dated_seed("seed.txt")
    project.write("mosul.txt", MOSUL)
    # Every coded event counted, so that the report's parts have something to show on two articles;
    # the default threshold's counts are tested in test_event_counts.py.
    project.run_cli("run", "--min-confidence", "0")
    return project


def test_the_report_counts_what_the_views_count(built):
    from newsfacts.report.aggregates import aggregate
    from newsfacts.report.selection import Selection

    con = duckdb.connect(str(built.warehouse), read_only=True)
    try:
        data = aggregate(con, Selection())
        asserted = con.execute("SELECT count(*) FROM v_asserted_events").fetchall()[0][0]
        by_root = dict(con.execute("SELECT cameo_root, count(*) FROM v_asserted_events GROUP BY 1").fetchall())
    finally:
        con.close()
    assert data.n_events == asserted == data.daily_quad["events"].sum() == 20
    assert dict(zip(data.cameo_roots["cameo_root"], data.cameo_roots["events"], strict=True)) == by_root
    assert data.top_actors.row(0) == ("IRQGOV", 10)
    # Mosul and Baghdad, where the second article's events happened; the others at their actors' countries.
    assert sorted(data.places["place"].unique()) == ["Baghdad", "Iraq", "Mosul", "US"]
    assert data.modalities.filter(modality="asserted")["events"].item() == asserted
    assert data.quotes.height == data.n_quotes == 6
    assert ("IRQGOV", "USAGOV", 5) in data.network_edges.select("actor_a", "actor_b", "events").rows()


def test_the_cli_writes_one_file_and_selects_by_date_and_actor(built, tmp_path):
    out = tmp_path / "all.html"
    proc = built.run_cli("report", "--out", str(out))
    assert re.search(r"report of 20 events, 6 quotations \(\d\.\d MB, [\d.]+ s\)", proc.stdout), proc.stdout
    page = out.read_text(encoding="utf-8")
    # Nothing to fetch: no script, style or image from anywhere but the file itself.
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert page.count("<script") == 3 and "vegaEmbed" in page
    assert 'id="undated-note"' not in page  # every event has a date: no note over the timelines
    proc = built.run_cli("report", "--out", str(tmp_path / "mil.html"), "--actor", "IRQMIL")
    assert "report of 1 events, 0 quotations" in proc.stdout
    proc = built.run_cli(
        "report", "--out", str(tmp_path / "day.html"), "--since", "2020-09-28", "--until", "2020-09-28"
    )
    assert "report of 4 events" in proc.stdout
    # The default place is beside the warehouse.
    built.run_cli("report")
    assert (built.warehouse.parent / "news_report.html").is_file()


def test_the_report_asset_shows_its_charts_as_images(built):
    from newsfacts.defs.report_assets import UI_CHARTS, report
    from newsfacts.defs.resources import WarehouseResource

    resource = WarehouseResource(duckdb_path=str(built.warehouse), seeds_dir=str(built.seeds))
    with dg.instance_for_test() as instance:
        result = dg.materialize([report], resources={"warehouse": resource}, instance=instance)
    metadata = result.asset_materializations_for_node("report")[0].metadata
    assert metadata["events"].value == 20 and metadata["quotations"].value == 6
    assert Path(metadata["html"].value) == built.warehouse.parent / "news_report.html"
    for name in UI_CHARTS:
        image = re.fullmatch(
            r"!\[[\w-]+\]\(data:image/png;base64,([A-Za-z0-9+/=]+)\)", metadata[f"chart: {name}"].value
        )
        assert image and base64.b64decode(image.group(1)).startswith(b"\x89PNG")


CHARTS = [
    "events-per-day",
    "dyad-goldstein",
    "dyad-network",
    "event-map",
    "top-actors",
    "cameo-roots",
    "modality-shares",
]


def test_the_report_opens_offline_in_chromium_with_every_chart_drawn(built, tmp_path):
    warehouse = os.environ.get("NEWSFACTS_REPORT_WAREHOUSE") or str(built.warehouse)
    out = tmp_path / "report.html"
    built.run_cli("report", "--warehouse", warehouse, "--out", str(out))
    shots = artifacts_dir("report")
    url = out.as_uri()
    with browser_page(allowed=(url,)) as page:
        page.context.set_offline(True)
        page.goto(url)
        page.wait_for_function(f"document.querySelectorAll('.chart svg').length === {len(CHARTS)}")
        marks = {
            name: page.eval_on_selector_all(f"#{name} svg g.role-mark > *", "nodes => nodes.length") for name in CHARTS
        }
        points = page.eval_on_selector_all("#event-map svg g.mark-symbol.role-mark > path", "nodes => nodes.length")
        page.screenshot(path=str(shots / "report-full.png"), full_page=True)

        rows = page.locator("#quotes tbody tr")
        total = rows.count()
        speaker = rows.first.locator("td").first.inner_text()
        page.fill("#quote-filter", speaker)
        shown = page.locator("#quotes tbody tr:visible").count()
        assert page.inner_text("#quotes-shown") == str(shown)
        for row in page.locator("#quotes tbody tr:visible").all():
            assert speaker.lower() in row.inner_text().lower()
        page.locator("#quotes-wrap").screenshot(path=str(shots / "quotes-filtered.png"))
        page.fill("#quote-filter", "no quotation says this zqxj")
        assert page.locator("#quotes tbody tr:visible").count() == 0
        errors, failed, blocked, requests = page.errors, page.failed, page.blocked, page.requests
    assert errors == [] and failed == [] and blocked == []
    assert requests == [url]  # the file itself, and nothing else
    assert all(n > 0 for n in marks.values()), marks
    assert points > 0
    assert 0 < shown < total
