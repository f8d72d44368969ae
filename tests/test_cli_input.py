"""`newsfacts run` on hostile input, end to end: special files and files that fail while read are
reported, never hung on, and not read again on the next run; views come with the first batch."""

import os
import re
import subprocess

import pytest

from conftest import NEWSFACTS, SEED

pytestmark = pytest.mark.slow  # the CLI end to end, in child processes


def summary(proc) -> dict:
    line = proc.stdout.strip().splitlines()[-1]
    return {k: int(v) for v, k in re.findall(r"(\d+) (new|changed|unchanged|deleted|rejected)", line)}


def test_special_files_and_links_are_reported_and_never_read(project, tmp_path):
    project.add_seed("good.txt")
    os.mkfifo(project.seeds / "pipe.txt")
    (project.seeds / "zero.txt").symlink_to("/dev/zero")
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n")
    (project.seeds / "p.txt").symlink_to(secret)
    (project.seeds / "loop.txt").symlink_to("loop.txt")
    (project.seeds / "dir.txt").mkdir()
    (project.seeds / "alias.txt").symlink_to("good.txt")
    first = project.run_cli("run", timeout=300)
    assert summary(first) == {"new": 2, "changed": 0, "unchanged": 0, "deleted": 0, "rejected": 5}
    assert dict(project.sql("SELECT path, reason_code FROM rejected_articles")) == {
        "pipe.txt": "not_a_file",
        "zero.txt": "link_outside",
        "p.txt": "link_outside",
        "loop.txt": "broken_link",
        "dir.txt": "not_a_file",
    }
    assert project.sql("SELECT path, duplicate_of FROM articles ORDER BY path") == [
        ("alias.txt", None),
        ("good.txt", "alias.txt"),
    ]
    assert project.sql("SELECT count(*) FROM sentences WHERE text LIKE '%root%'") == [(0,)]
    again = project.run_cli("run", timeout=300)
    assert summary(again) == {"new": 0, "changed": 0, "unchanged": 7, "deleted": 0, "rejected": 0}


def test_a_file_that_breaks_the_reader_is_rejected_once_with_a_reason(project):
    project.add_seed("good.txt")
    project.write("deep.txt", "---\ntitle: " + "[" * 20_000 + "]" * 20_000 + "\n---\nBody.\n")
    project.write(
        "bomb.txt",
        "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
        "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
        "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
        "title: &t [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n---\nBody.\n",
    )
    project.write("utf16.txt", "\ufeffIraq and Iran met in Baghdad.\n".encode("utf-16-le"))
    first = project.run_cli("run", timeout=300)
    assert summary(first)["rejected"] == 3
    rows = {
        p: (code, reason)
        for p, code, reason, sha in project.sql(
            "SELECT path, reason_code, reason, content_sha256 FROM rejected_articles"
        )
        if sha
    }
    assert rows["deep.txt"][0] == rows["bomb.txt"][0] == "front_matter"
    assert "nests deeper than" in rows["deep.txt"][1]
    assert "aliases" in rows["bomb.txt"][1]
    assert rows["utf16.txt"] == ("not_utf8", "UTF-16 (little-endian) text, not UTF-8: save the file as UTF-8")
    again = project.run_cli("run", timeout=300)
    assert summary(again) == {"new": 0, "changed": 0, "unchanged": 4, "deleted": 0, "rejected": 0}


def test_views_come_with_the_first_published_batch(project):
    """A user querying during a long first run finds the views, not only the tables."""
    text = SEED.read_text(encoding="utf-8")
    for i in range(3):
        project.write(f"k{i}.txt", text.replace("Iraq", f"Iraq{i}"))
    proc = subprocess.Popen(
        [*NEWSFACTS, "run", "--batch-size", "1"],
        env={**os.environ, **project.env},
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    try:
        for line in proc.stderr:
            if line.startswith("[1/"):
                break
        views = {
            r[0] for r in project.sql("SELECT table_name FROM information_schema.tables WHERE table_type = 'VIEW'")
        }
        assert {"v_actor_dyads", "v_rejections_by_reason", "entities"} <= views
        assert project.sql("SELECT count(*) FROM v_article_summary")[0][0] >= 1
    finally:
        proc.stderr.read()
        assert proc.wait(timeout=300) == 0
