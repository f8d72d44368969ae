"""`newsfacts run` over a folder of mixed input kinds, end to end: every offset indexes
article_texts, bad records land as rejections, appending to a container processes the new records
only, near-copies count once."""

import json

import pytest

from newsfacts.ingest.frontmatter import parse_front_matter

from conftest import SEED
from input_fixtures import Story, altered_copy, render_page, write_jsonl, write_warc

pytestmark = pytest.mark.slow  # the CLI end to end, in child processes


def seed_story() -> Story:
    text = SEED.read_text(encoding="utf-8")
    front = parse_front_matter(text)
    return Story("seed.txt", "US warns Iraq over embassy", text[front.body_start :], None, "https://a.example/1", "A")


def test_mixed_kinds_end_to_end(project):
    import random

    story = seed_story()
    copy = altered_copy(story, random.Random(5), 1)
    project.write("page.html", render_page(story))
    write_warc(project.seeds / "crawl.warc.gz", [copy])
    write_jsonl(project.seeds / "news.jsonl", [copy])
    with open(project.seeds / "news.jsonl", "a") as f:
        f.write("{broken\n")
    project.run_cli("run", timeout=600)

    kinds = project.sql("SELECT input_kind, count(*) FROM articles GROUP BY 1 ORDER BY 1")
    assert kinds == [("html", 1), ("jsonl", 1), ("warc", 1)]
    assert project.sql("SELECT path, reason_code, container, record_key FROM rejected_articles") == [
        ("news.jsonl#2", "bad_record", "news.jsonl", "2")
    ]
    # Every offset indexes the stored text.
    for table, column in (("events", "trigger"), ("entity_mentions", "text")):
        bad = project.sql(f"""
            SELECT count(*) FROM {table} r JOIN article_texts t USING (article_id)
            WHERE substr(t.text, r.char_start + 1, r.char_end - r.char_start) <> r.{column}""")
        assert bad == [(0,)], table
    # The page and the copies are one family; the counting views count their events once.
    near = project.sql("SELECT path, near_duplicate_of IS NOT NULL FROM articles ORDER BY path")
    assert [flag for _, flag in near] == [False, True, True]  # crawl... comes first in path order
    per_article = project.sql("SELECT count(DISTINCT article_id) FROM v_asserted_events")
    assert per_article == [(1,)]
    assert project.sql("SELECT max(n_outlets) FROM v_events_dedup") == [(2,)]  # A, and the copy's outlet

    with open(project.seeds / "news.jsonl", "a") as f:
        f.write(json.dumps({"title": "Chile condemns Peru", "text": "Chile condemned Peru on Monday."}) + "\n")
    second = project.run_cli("run", timeout=600)
    assert "1 new, 0 changed" in second.stdout
    assert project.sql("SELECT count(*) FROM articles WHERE container = 'news.jsonl'") == [(2,)]
