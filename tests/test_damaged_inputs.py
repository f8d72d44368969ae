"""Fuzz: every input kind cut at many offsets and with single bytes flipped. Whatever the damage, no read
fails: a record lands whole or is rejected with a reason, a cut record has a rejected row, the records
before the cut land, and nothing of the file vanishes unsaid. The quick test reads (no NLP, milliseconds
a file); the slow one runs `newsfacts run` over a folder of damaged files beside a good article."""

from __future__ import annotations

import random
from pathlib import Path

import polars as pl
import pytest

from newsfacts.ingest.container_records import expand_containers
from newsfacts.ingest.files import hash_article
from newsfacts.ingest.planning import plan_ingest
from newsfacts.ingest.raw_articles import read_batch
from newsfacts.ingest.records import ColumnNames
from newsfacts.ingest.scan import scan_seeds

from conftest import Project
from damage import GOOD_ARTICLE, Sample, cut_inside_a_record, cuts, flips, samples, whole_records_before, write


def read_folder(folder: Path) -> pl.DataFrame:
    """Plan and read a folder as a run does: a raw_articles row per record or file."""
    columns = ColumnNames()
    files = expand_containers(folder, scan_seeds(folder), {}, columns)
    plan = plan_ingest(files, {}, lambda p: hash_article(folder, p), "v")
    return read_batch(folder, plan.entries, 5_000_000, "v", columns, {})


def original_texts(tmp_path: Path, sample: Sample) -> set[str]:
    raw = read_folder(write(tmp_path / "whole", sample.name, sample.data).parent)
    texts = raw.filter(pl.col("status") == "ingested")["text"].to_list()
    assert len(texts) == sample.n_records, raw.select("path", "status", "reason").rows()
    return set(texts)


def check_cut(sample: Sample, cut: int, rows: list[dict], originals: set[str]) -> list[str]:
    """What is wrong with the rows of a file cut at `cut` (nothing, when the list is empty)."""
    landed = [r["text"] for r in rows if r["status"] == "ingested"]
    rejected = [r for r in rows if r["status"] == "rejected"]
    faults = []
    if not rows:
        faults.append("no row at all: the file vanished")
    if sample.name.endswith((".txt", ".html")):
        return faults  # one article, read whole: a shorter text is all a cut can leave
    if any(t not in originals for t in landed):
        faults.append(f"a cut record landed: {[t for t in landed if t not in originals]}")
    if cut_inside_a_record(sample, cut) and not rejected:
        faults.append("the cut record has no rejected row")
    whole = whole_records_before(sample, cut)
    if len(landed) < whole and not (rejected and rejected[0]["record_key"] is None):
        faults.append(f"{whole} records lie whole before the cut, {len(landed)} landed")
    if any(not r["reason"] for r in rejected):
        faults.append("a rejected row without a reason")
    return faults


def fuzz(tmp_path: Path, n_cuts: int, n_flips: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    faults = []
    for sample in samples():
        originals = original_texts(tmp_path / sample.name, sample)
        for cut in cuts(sample, n_cuts, rng):
            folder = tmp_path / sample.name / f"cut{cut}"
            write(folder, sample.name, sample.data[:cut])
            try:
                rows = list(read_folder(folder).iter_rows(named=True))
            except Exception as e:
                faults.append(f"{sample.name} cut at {cut}: {type(e).__name__}: {e}")
                continue
            faults += [f"{sample.name} cut at {cut}: {f}" for f in check_cut(sample, cut, rows, originals)]
        for i, data in enumerate(flips(sample, n_flips, rng)):
            folder = tmp_path / sample.name / f"flip{i}"
            write(folder, sample.name, data)
            try:
                rows = list(read_folder(folder).iter_rows(named=True))
            except Exception as e:
                faults.append(f"{sample.name} flip {i}: {type(e).__name__}: {e}")
                continue
            if not rows or any(r["status"] == "rejected" and not r["reason"] for r in rows):
                faults.append(f"{sample.name} flip {i}: {rows}")
    return faults


def test_damaged_files_of_every_kind_are_read_or_rejected_never_failed(tmp_path):
    assert fuzz(tmp_path, n_cuts=12, n_flips=6, seed=26) == []


@pytest.mark.slow  # about 1,500 damaged files read
def test_many_damaged_files_of_every_kind_are_read_or_rejected_never_failed(tmp_path):
    assert fuzz(tmp_path, n_cuts=80, n_flips=60, seed=2026) == []


@pytest.mark.slow  # a whole run over damaged files
def test_a_run_over_damaged_files_exits_0_and_lands_the_good_article(tmp_path):
    rng = random.Random(7)
    project = Project.at(tmp_path)
    project.write("good.txt", GOOD_ARTICLE)
    expected: dict[str, tuple[Sample, int, set[str]]] = {}
    for sample in samples():
        originals = original_texts(tmp_path / "originals" / sample.name, sample)
        for cut in cuts(sample, 4, rng)[::2]:
            folder = f"cut/{cut:05d}"
            write(project.seeds / folder, sample.name, sample.data[:cut])
            expected[f"{folder}/{sample.name}"] = (sample, cut, originals)
        for i, data in enumerate(flips(sample, 2, rng)):
            write(project.seeds / f"flip/{i}", sample.name, data)

    done = project.run_cli("run")

    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert project.sql("SELECT count(*) FROM articles WHERE path = 'good.txt' AND n_sentences = 1") == [(1,)]
    rows = project.sql(
        "SELECT coalesce(a.container, a.path), t.text, 'ingested', a.record_key, NULL FROM articles a "
        "JOIN article_texts t USING (article_id) UNION ALL "
        "SELECT coalesce(container, path), NULL, 'rejected', record_key, reason FROM rejected_articles"
    )
    by_file: dict[str, list[dict]] = {name: [] for name in expected}
    for file, text, status, key, reason in rows:
        if file in by_file:
            by_file[file].append({"text": text, "status": status, "record_key": key, "reason": reason})
    faults = [
        f"{name}: {fault}"
        for name, (sample, cut, originals) in expected.items()
        for fault in check_cut(sample, cut, by_file[name], originals)
    ]
    assert faults == []
    flipped = project.sql(
        "SELECT count(DISTINCT coalesce(container, path)) FROM (SELECT container, path FROM articles "
        "UNION ALL SELECT container, path FROM rejected_articles) WHERE path LIKE 'flip/%'"
    )
    assert flipped == [(2 * len(samples()),)]  # every damaged file has its rows


def test_a_reader_error_no_rule_foresaw_rejects_the_rest_of_its_container_not_the_run(tmp_path, monkeypatch):
    from newsfacts.ingest.containers import Container

    real = Container._jsonl

    def fails_after_first(self):
        records = real(self)
        yield next(records)
        raise AttributeError("'NoneType' object has no attribute 'startswith'")

    write(tmp_path / "seeds", "a.jsonl", b"".join(_lines(3)))
    write(tmp_path / "seeds", "good.txt", GOOD_ARTICLE.encode())
    monkeypatch.setattr(Container, "_jsonl", fails_after_first)
    rows = {r["path"]: r for r in read_folder(tmp_path / "seeds").iter_rows(named=True)}
    assert {p: (r["status"], r["reason_code"]) for p, r in rows.items()} == {
        "a.jsonl#1": ("ingested", None),
        "a.jsonl#after 1": ("rejected", "internal_error"),
        "good.txt": ("ingested", None),
    }
    assert "AttributeError" in rows["a.jsonl#after 1"]["reason"]


def _lines(n: int) -> list[bytes]:
    from damage import ARTICLES

    return [f'{{"title": "{t}", "text": "{b.replace(chr(10), " ")}"}}\n'.encode() for t, b in ARTICLES[:n]]
