"""On the seed, the report, the GDELT export and the PLOVER export each say what they count and why they
leave the warehouse's other events out, and the numbers add up; the report says why its timelines are
empty (the seed has no published date). At the default --min-confidence (0.5) the events below it are
left out and said so; at 0 every coded event counts, as before there was a threshold."""

import json
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


@pytest.fixture(scope="module")
def seed_all(tmp_path_factory):
    project = Project.at(tmp_path_factory.mktemp("counts-all"))
    project.add_seed()
    project.run_cli("run", "--min-confidence", "0")
    return project


BELOW = r"(\d+) below confidence ([\d.]+) \(the warehouse's --min-confidence\)"


def left_out(line: str) -> dict[LeftOut, int]:
    found = {r: re.search(rf"(\d+) {re.escape(r.value)}", line) for r in LeftOut}
    found[LeftOut.BELOW_MIN_CONFIDENCE] = re.search(BELOW, line)
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


def test_at_the_default_threshold_the_exports_leave_out_what_is_below_it_and_say_so(seed):
    assert seed.sql("SELECT value FROM newsfacts_meta WHERE key = 'min_confidence'") == [("0.5",)]
    total, no_code = sql_count(seed, "TRUE"), sql_count(seed, "cameo_code IS NULL")
    below = sql_count(seed, "cameo_code IS NOT NULL AND confidence < 0.5")
    assert (total, no_code, below) == (37, 15, 11)  # 15 uncoded: no code, or no actor to code (uncoded_reason)

    line, written = export_line(seed, "gdelt")
    assert written == 9
    assert re.search(BELOW, line).group(2) == "0.5"  # type: ignore[union-attr]
    assert left_out(line) == {LeftOut.NO_CAMEO_CODE: 15, LeftOut.BELOW_MIN_CONFIDENCE: 11, LeftOut.NOT_ASSERTED: 2}
    assert written + sum(left_out(line).values()) == total

    line, written = export_line(seed, "plover")
    lines = (seed.root / "plover" / "" / "events.plover.jsonl").read_text().splitlines()
    assert written == len(lines) == 11  # whatever their modality: the 9 asserted, a hypothetical, a conditional
    assert left_out(line) == {LeftOut.NO_CAMEO_CODE: 15, LeftOut.BELOW_MIN_CONFIDENCE: 11}
    kept = seed.sql("SELECT event_id FROM events WHERE confidence >= 0.5 AND plover_category IS NOT NULL ORDER BY 1")
    assert sorted(json.loads(r)["id"] for r in lines) == [e for (e,) in kept]


def test_at_threshold_0_every_coded_event_counts_and_the_numbers_add_up(seed_all):
    seed = seed_all
    assert seed.sql("SELECT value FROM newsfacts_meta WHERE key = 'min_confidence'") == [("0",)]
    total = sql_count(seed, "TRUE")
    no_code = sql_count(seed, "cameo_code IS NULL")
    not_asserted = sql_count(seed, "cameo_code IS NOT NULL AND modality <> 'asserted'")
    assert (total, no_code, not_asserted) == (37, 15, 6)

    line, written = export_line(seed, "gdelt")
    with zipfile.ZipFile(next((seed.root / "gdelt" / "").glob("*.export.CSV.zip"))) as z:
        rows = z.read(z.namelist()[0]).decode().splitlines()
    asserted, happenings = seed.sql("SELECT count(*), count(DISTINCT global_event_id) FROM v_asserted_events")[0]
    assert written == len(rows) == happenings == asserted == 16  # each happening reported once
    assert f"of the warehouse's {total} events, {total - written} left out" in line
    assert left_out(line) == {LeftOut.NO_CAMEO_CODE: no_code, LeftOut.NOT_ASSERTED: not_asserted}
    assert written + sum(left_out(line).values()) == total

    line, written = export_line(seed, "plover")
    lines = (seed.root / "plover" / "" / "events.plover.jsonl").read_text().splitlines()
    assert written == len(lines) == 21
    assert left_out(line) == {
        LeftOut.NO_CAMEO_CODE: no_code,
        LeftOut.NO_PLOVER_CATEGORY: sql_count(seed, "cameo_code IS NOT NULL AND plover_category IS NULL"),
    }
    assert written + sum(left_out(line).values()) == total

    # The seed has no date: with a bound, every event with a category is outside it.
    line, written = export_line(seed, "plover", "--since", "2020-01-01")
    assert written == 0 and left_out(line)[LeftOut.OUTSIDE_THE_DATES] == 21
    assert written + sum(left_out(line).values()) == total


def test_the_report_s_count_line_states_its_threshold_and_what_it_left_out(seed):
    out = seed.root / "report.html"
    proc = seed.run_cli("report", "--out", str(out))
    assert "report of 9 events" in proc.stdout
    line = unescape(" ".join(out.read_text(encoding="utf-8").split()))
    assert (
        "all events: 9 asserted CAMEO-coded events (in articles that are not copies of another) at "
        "confidence 0.5 or more (<code>--min-confidence</code>); of the warehouse's 37 events, 28 left out"
    ) in line
    assert left_out(line) == {LeftOut.NO_CAMEO_CODE: 15, LeftOut.BELOW_MIN_CONFIDENCE: 11, LeftOut.NOT_ASSERTED: 2}


def test_at_threshold_0_the_report_s_count_line_states_its_rule_and_what_it_left_out(seed_all):
    seed = seed_all
    out = seed.root / "report.html"
    proc = seed.run_cli("report", "--out", str(out))
    assert "report of 16 events" in proc.stdout
    page = out.read_text(encoding="utf-8")
    meta = re.search(r'<p class="meta" id="event-count">(.*?)</p>', page, re.S)
    assert meta
    line = unescape(" ".join(meta.group(1).split()))
    assert line.startswith("all events: 16 asserted CAMEO-coded events (in articles that are not copies of another)")
    assert "of the warehouse's 37 events, 21 left out" in line
    assert left_out(line) == {LeftOut.NO_CAMEO_CODE: 15, LeftOut.NOT_ASSERTED: 6}
    assert 16 + sum(left_out(line).values()) == sql_count(seed, "TRUE")

    seed.run_cli("report", "--out", str(out), "--actor", "USA")
    line = unescape(" ".join(out.read_text(encoding="utf-8").split()))
    assert "actor codes starting USA: 14 asserted CAMEO-coded events" in line
    assert "23 left out: 15 with no CAMEO code, 6 not asserted" in line
    assert "2 outside the report's dates or actor" in line


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
        '<p class="note" id="undated-note">None of the 9 events has a date, so these charts are empty: their '
        "articles carry no published date (front matter <code>published:</code>, or the date field of a feed, "
        "page or table) and their sentences name no day.</p>"
    )
    con = connect(seed.warehouse, read_only=True)
    try:
        data = aggregate(con, Selection())
    finally:
        con.close()
    assert (data.n_undated, data.daily_quad.height, data.dyad_daily.height) == (9, 0, 0)
    assert seed.sql("SELECT count(*) FROM v_event_timeline") == [(0,)]
    assert seed.sql("SELECT count(*) FROM articles WHERE published_date IS NULL") == [(1,)]


def test_another_threshold_recounts_without_recoding(tmp_path):
    project = Project.at(tmp_path)
    project.add_seed()
    project.run_cli("run", "--min-confidence", "0")
    coded_at = project.sql("SELECT batch, published_at FROM ingest_batches")
    assert project.sql("SELECT count(*) FROM v_asserted_events") == [(16,)]
    proc = project.run_cli("run", "--min-confidence", "0.7")
    assert "0 new, 0 changed, 0 deleted, 1 unchanged" in proc.stderr
    assert project.sql("SELECT batch, published_at FROM ingest_batches") == coded_at  # nothing re-coded
    assert project.sql("SELECT value FROM newsfacts_meta WHERE key = 'min_confidence'") == [("0.7",)]
    kept = project.sql("SELECT count(*) FROM events WHERE cameo_code IS NOT NULL AND confidence >= 0.7")[0][0]
    assert project.sql("SELECT count(*) FROM v_coded_events") == [(kept,)]
    assert 0 < kept < 16
    # The environment gives it too, and a run without either goes back to the default.
    project.env["NEWSFACTS_MIN_CONFIDENCE"] = "0"
    project.run_cli("run")
    assert project.sql("SELECT value FROM newsfacts_meta WHERE key = 'min_confidence'") == [("0",)]
    del project.env["NEWSFACTS_MIN_CONFIDENCE"]
    project.run_cli("run")
    assert project.sql("SELECT value FROM newsfacts_meta WHERE key = 'min_confidence'") == [("0.5",)]


@pytest.mark.parametrize("given", ["1.5", "-0.1", "half"])
def test_a_threshold_outside_0_to_1_is_refused_with_a_clear_message(tmp_path, given):
    project = Project.at(tmp_path)
    project.add_seed()
    proc = project.run_cli("run", "--min-confidence", given, check=False)
    assert proc.returncode == 2 and f"--min-confidence takes a number from 0 to 1, not '{given}'" in proc.stderr
    project.env["NEWSFACTS_MIN_CONFIDENCE"] = given
    proc = project.run_cli("run", check=False)
    assert proc.returncode != 0
    assert f"$NEWSFACTS_MIN_CONFIDENCE: --min-confidence takes a number from 0 to 1, not '{given}'" in proc.stderr
    assert not project.warehouse.exists()
