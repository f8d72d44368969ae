"""On the seed, the report, the GDELT export and the PLOVER export each say what they count and why they
leave the warehouse's other events out, and the numbers add up; the report says why its timelines are
empty (the seed has no published date)."""

import re
import zipfile
from html import unescape

import pytest

from newsfacts.export.event_counts import LeftOut

from conftest import Project

pytestmark = pytest.mark.slow  # builds its warehouse with the CLI


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    project = Project.at(tmp_path_factory.mktemp("counts"))
    project.add_seed()
    project.run_cli("run")
    return project


def left_out(line: str) -> dict[LeftOut, int]:
    found = {r: re.search(rf"(\d+) {re.escape(r.value)}", line) for r in LeftOut}
    return {r: int(m.group(1)) for r, m in found.items() if m}


def export_line(project: Project, fmt: str, *args: str) -> tuple[str, int]:
    """The summary line of `newsfacts export`, and how many events it says it wrote."""
    proc = project.run_cli("export", "--format", fmt, "--out", str(project.root / fmt / "-".join(args)), *args)
    line = proc.stderr.strip().splitlines()[-1]
    written = re.search(rf"exported {fmt}: (\d+) events in", line)
    assert written, line
    return line, int(written.group(1))


def sql_count(project: Project, where: str) -> int:
    return project.sql(f"SELECT count(*) FROM events WHERE {where}")[0][0]


def test_each_export_says_how_many_events_it_left_out_and_why_and_they_add_up(seed):
    total = sql_count(seed, "TRUE")
    no_code = sql_count(seed, "cameo_code IS NULL")
    not_asserted = sql_count(seed, "cameo_code IS NOT NULL AND modality <> 'asserted'")
    assert (total, no_code, not_asserted) == (37, 2, 10)

    line, written = export_line(seed, "gdelt")
    with zipfile.ZipFile(next((seed.root / "gdelt" / "").glob("*.export.CSV.zip"))) as z:
        rows = z.read(z.namelist()[0]).decode().splitlines()
    asserted, happenings = seed.sql("SELECT count(*), count(DISTINCT global_event_id) FROM v_asserted_events")[0]
    assert written == len(rows) == happenings == 23
    assert f"of the warehouse's {total} events, {total - written} left out" in line
    assert left_out(line) == {
        LeftOut.NO_CAMEO_CODE: no_code,
        LeftOut.NOT_ASSERTED: not_asserted,
        LeftOut.REPORTED_AGAIN: asserted - happenings,  # 25 asserted events, 23 happenings
    }
    assert written + sum(left_out(line).values()) == total

    line, written = export_line(seed, "plover")
    lines = (seed.root / "plover" / "" / "events.plover.jsonl").read_text().splitlines()
    assert written == len(lines) == 29
    assert left_out(line) == {
        LeftOut.NO_CAMEO_CODE: no_code,
        LeftOut.NO_PLOVER_CATEGORY: sql_count(seed, "cameo_code IS NOT NULL AND plover_category IS NULL"),
    }
    assert written + sum(left_out(line).values()) == total

    # The seed has no date: with a bound, every event with a category is outside it.
    line, written = export_line(seed, "plover", "--since", "2020-01-01")
    assert written == 0 and left_out(line)[LeftOut.OUTSIDE_THE_DATES] == 29
    assert written + sum(left_out(line).values()) == total


def test_the_report_s_count_line_states_its_rule_and_what_it_left_out(seed):
    out = seed.root / "report.html"
    proc = seed.run_cli("report", "--out", str(out))
    assert "report of 25 events" in proc.stdout
    page = out.read_text(encoding="utf-8")
    meta = re.search(r'<p class="meta" id="event-count">(.*?)</p>', page, re.S)
    assert meta
    line = unescape(" ".join(meta.group(1).split()))
    assert line.startswith("all events: 25 asserted CAMEO-coded events (in articles that are not copies of another)")
    assert "of the warehouse's 37 events, 12 left out" in line
    assert left_out(line) == {LeftOut.NO_CAMEO_CODE: 2, LeftOut.NOT_ASSERTED: 10}
    assert 25 + sum(left_out(line).values()) == sql_count(seed, "TRUE")

    seed.run_cli("report", "--out", str(out), "--actor", "USA")
    line = unescape(" ".join(out.read_text(encoding="utf-8").split()))
    assert "actor codes starting USA: 16 asserted CAMEO-coded events" in line
    assert "21 left out: 2 with no CAMEO code, 10 not asserted" in line
    assert "9 outside the report's dates or actor" in line


def test_the_report_says_why_its_timelines_are_empty_on_the_undated_seed(seed):
    from newsfacts.report.aggregates import aggregate
    from newsfacts.report.selection import Selection
    from newsfacts.warehouse.store import connect

    out = seed.root / "timeline.html"
    seed.run_cli("report", "--out", str(out))
    page = " ".join(out.read_text(encoding="utf-8").split())
    section = re.search(r"<section><h2>Over time</h2>(.*?)</section>", page)
    assert section
    assert section.group(1).startswith(
        '<p class="note" id="undated-note">None of the 25 events has a date, so these charts are empty: their '
        "articles carry no published date (front matter <code>published:</code>, or the date field of a feed, "
        "page or table) and their sentences name no day.</p>"
    )
    con = connect(seed.warehouse, read_only=True)
    try:
        data = aggregate(con, Selection())
    finally:
        con.close()
    assert (data.n_undated, data.daily_quad.height, data.dyad_daily.height) == (25, 0, 0)
    assert seed.sql("SELECT count(*) FROM v_event_timeline") == [(0,)]
    assert seed.sql("SELECT count(*) FROM articles WHERE published_date IS NULL") == [(1,)]
